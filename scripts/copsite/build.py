"""Builds that never leave a half-written site, and a strict mode that reports
the warnings of every language at once.

MkDocs' own `--strict` stops at the first language with warnings and
`--strict -q` exits 0; here the build always runs to the end, every WARNING
record is collected, and the new site replaces the old one only on success.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import sys
from pathlib import Path

from . import checks, paths, registry, translate
from .errors import CopsiteError


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[str] = []
        self.errors: list[str] = []  # why MkDocs aborted (a hook's PluginError, logged as ERROR)

    def emit(self, record):
        msg = record.getMessage()
        if "Material for MkDocs" in msg and "end of life" in msg:
            return
        if record.levelno >= logging.ERROR:
            msg = re.sub(r"^Error reading page '[^']*':\s*", "", msg).strip()
            if msg:
                self.errors.append(msg)
            return
        self.records.append(f"{record.levelname}: {msg}")


def _echo_handler(quiet: bool) -> logging.Handler:
    h = logging.StreamHandler(sys.stderr)
    h.setLevel(logging.WARNING if quiet else logging.INFO)
    h.addFilter(lambda record: record.levelno < logging.ERROR)  # errors are reported once, as findings
    h.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    return h


_SITE_URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/-]*)?$")
PLACEHOLDER_HOST = "example.org"


def normal_site_url(url: str) -> str:
    """The site's address as MkDocs wants it (ending in /), or a clear error."""
    if not _SITE_URL_RE.match(url or ""):
        raise CopsiteError(f"--site-url {url!r}: give the address the site is served from, e.g. https://cop.example.mn/ "
                           "(http or https, a host, an optional path; no query, spaces or quotes)")
    return url.rstrip("/") + "/"


def site_url_override() -> dict:
    """`copsite build --site-url` (COPSITE_SITE_URL) in place of mkdocs.yml's site_url."""
    url = os.environ.get("COPSITE_SITE_URL")
    return {"site_url": normal_site_url(url)} if url else {}


def site_url() -> str:
    """The address this build gives the site: --site-url, else mkdocs.yml's site_url."""
    from .inputs import mkdocs_config

    return site_url_override().get("site_url") or str(mkdocs_config().get("site_url") or "/")


def quiet_engine(verbose: bool = False) -> None:
    """Silence, at their source, the messages that are not ours to fix: jieba (Material's
    Chinese search segmenter) imports the deprecated pkg_resources, which warns on every build,
    and logs "Building prefix dict ... Loading model cost ..." at DEBUG level to stderr.
    Imported here once under a warning filter for that one message, with its logger at WARNING.
    `--verbose` leaves both as they are."""
    if verbose:
        return
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        try:
            import jieba
        except ImportError:  # not installed: Material's search has no Chinese segmenter then
            return
    jieba.setLogLevel(logging.WARNING)


def _fail_if_strict(strict: bool, warnings: list[str]) -> None:
    if strict and warnings:
        raise CopsiteError([f"strict mode: {len(warnings)} warning(s); the previous site was kept:"] + warnings)


def _replace(target: Path, new: Path) -> None:
    """Put the new site in place of the old one; the old one stays until the new one is complete."""
    old = target.parent / f".site-old-{os.getpid()}"
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(folder: Path) -> None:
    """Temporary folders of builds that were killed (their process is gone) are removed."""
    for old in folder.glob(".site-build-*"):
        pid = old.name.rsplit("-", 1)[-1]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(old, ignore_errors=True)
        except PermissionError:
            pass  # another user's build, still running


def part_dir(codes: list[str]) -> Path:
    """Where `copsite build --lang XX` writes a part when no --site-dir is given: beside site/,
    never over it (a part alone has no other languages and, but for the source part, no assets)."""
    return paths.ROOT / "site-parts" / "-".join(dict.fromkeys(codes))


def build_part(code: str, out: str, quiet: bool = True) -> dict:
    """One language's part of the site, built by MkDocs into `out` (in this process).

    Returns {"findings": [...], "warnings": [...]}: input problems of this language's
    pages, and every WARNING record of its build.
    """
    import time

    started = time.monotonic()
    findings = checks.language_pages(code)
    if findings:
        return {"findings": findings, "warnings": []}
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = _Collector()
    echo = _echo_handler(quiet)
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.addHandler(collector)
    logger.addHandler(echo)
    logger.propagate = False
    os.environ["COPSITE_LANG"] = code  # read by the hooks: build this language only,
    os.environ["COPSITE_PART"] = "1"   # as a part of the site (shared files in the source part)
    try:
        cfg = load_config(config_file=str(paths.MKDOCS_YML), site_dir=out, **site_url_override())
        mkdocs_build(cfg)
    except CopsiteError as exc:
        return {"findings": list(exc.findings), "warnings": collector.records}
    except MkDocsException as exc:
        # the reason MkDocs logged (e.g. "content/en/x.md: unsafe HTML after rendering: ..."), once
        from .errors import Finding

        reasons = [Finding(e.split(": ", 1)[0], 1, "build", e.split(": ", 1)[1]) if re.match(r"^(content|countries)/\S+: ", e)
                   else f"build failed ({code}): {e}" for e in dict.fromkeys(collector.errors)]
        return {"findings": reasons or [f"build failed ({code}): {exc}"], "warnings": collector.records}
    finally:
        os.environ.pop("COPSITE_LANG", None)
        os.environ.pop("COPSITE_PART", None)
        logger.removeHandler(collector)
        logger.removeHandler(echo)
    prefix = Path(out) / registry.language(code).prefix
    pages = sum(1 for _ in prefix.rglob("index.html")) if registry.language(code).prefix else \
        sum(1 for p in prefix.rglob("index.html") if p.relative_to(prefix).parts[0] not in registry.codes())
    return {"findings": [], "warnings": collector.records, "pages": pages, "seconds": time.monotonic() - started}


def _warm_up(codes: list[str]) -> None:
    """Do once, before the workers fork, what every worker would otherwise do on its own
    first part: import the engine, compile the theme templates a page is made of and make
    the lighter stylesheet, and read the English pages' topics (related pages) and the guides."""
    from mkdocs.commands import build as _  # noqa: F401
    from mkdocs.config import load_config

    from . import css, guides, related

    try:
        cfg = load_config(config_file=str(paths.MKDOCS_YML))
        _compile_page_templates(cfg.theme.get_env(), codes)
        css.slim_stylesheet()
        related.warm_up()
        guides.generated_rels()
    except (Exception, SystemExit):  # noqa: BLE001 - only a head start: each part reports its own errors
        pass


def _compile_page_templates(env, codes: list[str]) -> None:
    """Compile into the shared bytecode cache (hooks.BYTECODE) the theme's page templates
    and every template they include, import or extend (Material's interface strings are
    imported per language: partials/languages/<code>.html). Each is parsed once: the same
    tree gives its references and its code."""
    import jinja2.meta
    from jinja2 import TemplateNotFound

    from .hooks import BYTECODE

    todo = ["main.html", "404.html"] + [f"partials/languages/{c}.html" for c in codes]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen or not name.endswith(".html"):
            continue
        seen.add(name)
        try:
            source, filename, _ = env.loader.get_source(env, name)
        except TemplateNotFound:  # a language Material has no strings for
            continue
        tree = env.parse(source, name, filename)
        todo.extend(ref for ref in jinja2.meta.find_referenced_templates(tree) if ref)
        bucket = BYTECODE.get_bucket(env, name, filename, source)
        if bucket.code is None:
            bucket.code = env.compile(tree, name, filename)
            BYTECODE.set_bucket(bucket)


def _in_processes(codes: list[str], parts: list[Path], quiet: bool, jobs: int) -> list[dict]:
    """Each language in a worker process, `jobs` at a time, the slowest first."""
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _warm_up(codes)
    # The workers inherit the engine from this process. Frozen, its objects are left out of the
    # workers' garbage collections: they are not scanned again in every worker, and their memory
    # pages stay shared instead of being copied when the collector touches them.
    gc.collect()
    gc.freeze()
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    order = sorted(range(len(codes)), key=lambda i: -_cost(codes[i]))
    results: list[dict] = [{}] * len(codes)
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(codes)), mp_context=ctx) as pool:
            from concurrent.futures import as_completed

            futures = {pool.submit(build_part, codes[i], str(parts[i]), quiet): i for i in order}
            for fut in as_completed(futures):
                i = futures[fut]
                results[i] = fut.result()
                _report_part(codes[i], results[i])
    finally:
        gc.unfreeze()
    return results


def _report_part(code: str, result: dict) -> None:
    """One line per language as it finishes: what was built and how long it took."""
    if "pages" in result:
        print(f"  {code:6} {result['pages']:4} pages  {result['seconds']:5.1f} s", file=sys.stderr, flush=True)


def _cost(code: str) -> float:
    """A rough relative cost of one language's build, to start the slowest first
    (Chinese text is segmented into words for search)."""
    return 2.0 if code.split("-")[0] in ("zh", "ja") else 1.0


def merge(parts: list[Path], dest: Path, move: bool = True) -> Path:
    """Put language parts together into `dest`. A part's own folders are taken in whole
    (moved, or copied with move=False); the files every part carries (theme assets,
    sitemap, rules) must be byte-identical."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in parts:
        if not Path(part).is_dir():
            raise CopsiteError(f"{part}: not a folder")
        _merge_into(Path(part), dest, "", move)
    return dest


def _merge_into(src: Path, dst: Path, rel: str, move: bool) -> None:
    import filecmp

    for entry in sorted(src.iterdir()):
        target = dst / entry.name
        name = f"{rel}{entry.name}"
        if not target.exists():
            if move:
                entry.rename(target)
            elif entry.is_dir():
                shutil.copytree(entry, target)
            else:
                shutil.copy2(entry, target)
        elif entry.is_dir() and target.is_dir():
            _merge_into(entry, target, name + "/", move)
        elif entry.is_file() and target.is_file() and filecmp.cmp(entry, target, shallow=False):
            continue
        else:
            raise CopsiteError(f"the language parts differ in {name}: build every part from the same commit")


def build(site_dir: Path | None = None, strict: bool = False, langs: list[str] | None = None, quiet: bool = True,
          jobs: int = 1) -> list[str]:
    """Build the site into site_dir (default: site/): every published language, or with
    `langs` only those languages' parts. Returns the warnings.

    Each language is one MkDocs build (copsite.hooks.only_language); with jobs > 1 the
    languages are built in that many processes at once, then merged. Every part is
    byte-identical to the same part of any other build of the same commit.
    Raises CopsiteError on invalid input, or in strict mode on any warning; in both
    cases the previous site is left untouched.
    """
    codes = list(dict.fromkeys(langs)) if langs else registry.codes(include_draft=False)
    for code in codes:
        registry.language(code)  # a clear error for an unknown code
    findings = checks.site_wide()
    if findings:
        raise CopsiteError(findings)
    from . import l10n

    l10n.compile_all()  # once, before the parts start
    quiet_engine(verbose=not quiet)
    from urllib.parse import urlsplit

    if (urlsplit(site_url()).hostname or "").endswith(PLACEHOLDER_HOST) and not os.environ.get("COPSITE_OFFLINE"):
        print(f"note: the site's address is the placeholder {site_url()}: canonical links, the sitemap and link "
              "previews point there. For a site you deploy, give its address: copsite build --site-url URL "
              "(or site_url in mkdocs.yml)", file=sys.stderr)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("SOURCE_DATE_EPOCH", last_commit_time())
    target = Path(site_dir or paths.SITE).resolve()
    _remove_leftovers(target.parent)
    tmp = target.parent / f".site-build-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    parts = [tmp / f"part-{code}" for code in codes]
    try:
        with translate.one_status():
            if jobs > 1 and len(codes) > 1:
                results = _in_processes(codes, parts, quiet, jobs)
            else:
                results = []
                for code, part in zip(codes, parts):
                    results.append(build_part(code, str(part), quiet))
                    _report_part(code, results[-1])
        findings = list(dict.fromkeys(f for r in results for f in r["findings"]))  # a fallback page's, once
        if findings:
            raise CopsiteError(findings)
        warnings = [w for r in results for w in r["warnings"]]
        _fail_if_strict(strict, warnings)
        merged = merge(parts, tmp / "site")
        if os.environ.get("COPSITE_EDITION") and not langs:
            from . import editions

            editions.make_root(merged, os.environ["COPSITE_EDITION"])  # the edition's home first
        _replace(target, merged)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return warnings


def last_commit_time() -> str:
    """SOURCE_DATE_EPOCH for reproducible builds: the time of the last commit."""
    import subprocess

    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=paths.ROOT, capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return "0"


def serve(lang: str | None, addr: str) -> None:
    """Live preview. With `lang`, only that language is built (English fills its
    untranslated pages), so a rebuild after an edit takes about a second."""
    findings = checks.site_wide() + checks.language_pages(lang) if lang else checks.run_all()
    if findings:
        raise CopsiteError(findings)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    quiet_engine()
    if lang:
        code = registry.language(lang).code
        os.environ["COPSITE_LANG"] = code
        print(f"previewing {code}: http://{addr}/{registry.language(code).prefix}", file=sys.stderr)
    from mkdocs.commands import serve as serve_module
    from mkdocs.livereload import LiveReloadServer

    class Server(LiveReloadServer):
        """MkDocs' live-reload server, looking for changes every 0.05 s instead of 0.5 s and
        starting the rebuild 0.05 s after the last change instead of 0.1 s."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, polling_interval=0.05, **kwargs)
            self.build_delay = 0.05

    serve_module.LiveReloadServer = Server
    mkdocs_serve = serve_module.serve
    logging.getLogger("mkdocs").addHandler(_echo_handler(False))
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    mkdocs_serve(config_file=str(paths.MKDOCS_YML), dev_addr=addr, livereload=True)
