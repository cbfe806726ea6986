"""Translation bookkeeping: each translation records the hash of the English page
it translates (`source_hash` in its front matter). Drift is decided by content.

- start:  copy the English page into a language folder: *untranslated* (no hash recorded) until synced
- sync:   after translating or reviewing, record the current English hash and the reviewed date
- diff:   what changed in the English since the translation was synced (from git history)
- status: up to date / outdated / untranslated / missing, per language and page, with the next command
"""
from __future__ import annotations

import json
import re
from contextlib import contextmanager

from . import content, countrytext, editions, frontmatter, guides, paths, registry
from .errors import CopsiteError


def _drop_hash(text: str) -> str:
    """The English page as a translator's copy: no hash, and none of the keys that belong to the
    English page alone (`topics`)."""
    return content.without_english_only(re.sub(r"(?m)^source_hash\s*:.*\n", "", text, count=1))


def _set_field(text: str, key: str, value: str) -> str:
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    for i in range(1, end):
        if re.match(rf"^{key}\s*:", lines[i]):
            lines[i] = f"{key}: {value}"
            return "\n".join(lines)
    lines.insert(end, f"{key}: {value}")
    return "\n".join(lines)


def start(code: str, rel: str) -> str:
    """Copy the English page to translate it. The copy records no English hash: it is
    *untranslated* (status, reader notice) until `translate sync` says a translator has done it."""
    lang = registry.language(code)
    src = content.lang_dir(registry.source_language().code) / rel
    if lang.is_source or not src.is_file():
        raise CopsiteError(f"no English page content/{registry.source_language().code}/{rel}")
    dest = content.lang_dir(code) / rel
    if dest.exists():
        raise CopsiteError(f"{dest} already exists: edit it, then run `copsite translate sync {code} {rel}`")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(_drop_hash(src.read_text(encoding="utf-8")), encoding="utf-8")
    return str(dest)


def sync(code: str, rels: list[str] | None = None, every: bool = False, today: str | None = None) -> list[str]:
    """Record that the translations `rels` (or, with `every`, all of the language's pages) match the
    current English: its hash, and today as the reviewed date. Never all pages by default."""
    import datetime as dt

    registry.language(code)
    if not rels and not every:
        raise CopsiteError(f"name the pages you have translated or reviewed (`copsite translate sync {code} PAGE ...`), "
                           "or give --all to mark every page of the language as matching the English")
    day = today or dt.date.today().isoformat()
    done = []
    for rel in rels or content.pages(code):
        path = content.lang_dir(code) / rel
        if not path.is_file():
            raise CopsiteError(f"no translation content/{code}/{rel}")
        frontmatter.read(path, rel)  # must be valid first
        text = path.read_text(encoding="utf-8")
        # a copy made before `start` left the English-only keys out loses them here
        new = content.without_english_only(_set_field(_set_field(text, "source_hash", content.source_hash(rel)), "reviewed", day))
        if new != text:
            path.write_text(new, encoding="utf-8")
            done.append(rel)
    return done


def diff(code: str, rel: str) -> str:
    """The English page's changes since the translation was synced: the git diff from the last
    version of content/en/<rel> whose hash the translation records to the English as it is now."""
    import subprocess

    from . import paths

    recorded = content.recorded_hash(code, rel)
    src_rel = f"content/{registry.source_language().code}/{rel}"
    if not (content.lang_dir(code) / rel).is_file():
        raise CopsiteError(f"no translation content/{code}/{rel}")
    if recorded is None:
        raise CopsiteError(f"content/{code}/{rel} is untranslated (no English hash recorded): translate the whole page")
    if recorded == content.source_hash(rel):
        return ""

    def git(*args):
        out = subprocess.run(["git", *args], cwd=paths.ROOT, capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise CopsiteError(f"git {args[0]} failed: {out.stderr.strip() or 'not a git repository'}")
        return out.stdout

    for commit in git("log", "--format=%H", "--", src_rel).split():
        shown = subprocess.run(["git", "show", f"{commit}:{src_rel}"], cwd=paths.ROOT, capture_output=True, timeout=60)
        if shown.returncode != 0:
            continue
        if content.hash_text(shown.stdout.decode("utf-8")) == recorded:
            return git("diff", "--no-color", commit, "--", src_rel)
    raise CopsiteError(f"the English version content/{code}/{rel} was synced to (hash {recorded}) is not in this "
                       "repository's history: compare the two pages by hand, then `copsite translate sync`")


def status(codes: list[str] | None = None) -> dict:
    src = registry.source_language().code
    english = content.pages(src)
    out = {}
    for lang in registry.languages():
        if lang.is_source or (codes and lang.code not in codes):
            continue
        pages = {}
        for rel in english:
            path = content.lang_dir(lang.code) / rel
            if not path.is_file():
                pages[rel] = "missing"
                continue
            recorded = content.recorded_hash(lang.code, rel)
            pages[rel] = ("untranslated" if recorded is None else
                          "up-to-date" if recorded == content.source_hash(rel) else "outdated")
        done = sum(1 for s in pages.values() if s == "up-to-date")
        out[lang.code] = {"name": lang.name, "complete": round(100 * done / len(english), 1) if english else 100.0,
                          "pages": pages, **{f"{d.what}_strings": d.state(lang.code) for d in countrytext.domains()}}
        edition = next((e for e in editions.status() if e["language"] == lang.code), None)
        if edition:
            out[lang.code]["edition"] = edition
    return out


def counts(pages: dict[str, str]) -> dict[str, int]:
    return {k: sum(1 for s in pages.values() if s == k) for k in ("up-to-date", "outdated", "untranslated", "missing")}


def format_status(data: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    rows = []
    for code, info in data.items():
        n = counts(info["pages"])
        rows.append(f"{code:6} {info['complete']:5.1f}%  up-to-date {n['up-to-date']:3}  outdated {n['outdated']:3}  "
                    f"untranslated {n['untranslated']:3}  missing {n['missing']:3}")
        ed = info.get("edition")
        if ed:
            review = ed["reviewed"]
            rows.append(f"       edition {ed['country']}: translated {ed['translated']}/{ed['pages']} pages, adapted "
                        f"{ed['adapted']} pages ({ed['additions']} national additions, countries/editions/{ed['country']}.yml), "
                        + (f"reviewed by the national team: {review['by']}, {review['date']}" if review
                           else "not yet reviewed by the national team"))
        for d in countrytext.domains():
            cs = info.get(f"{d.what}_strings")
            if cs:
                rows.append(f"       {d.what} strings: translated {cs['translated']}, outdated {cs['outdated']}, missing {cs['missing']}"
                            + (f" (in {paths.rel(d.po_path(code))})" if cs["outdated"] or cs["missing"] else ""))
        for rel, state in info["pages"].items():
            if state != "up-to-date":
                rows.append(f"         {state:12} {rel:44} next: {NEXT[state].format(code=code, rel=rel)}")
    return "\n".join(rows)


# What to run next for a page in each state (printed by `copsite status`)
NEXT = {
    "outdated": "copsite translate diff {code} {rel}   (update the translation, then: copsite translate sync {code} {rel})",
    "untranslated": "translate content/{code}/{rel}, then: copsite translate sync {code} {rel}",
    "missing": "copsite translate start {code} {rel}",
}


def N_(msgid: str) -> str:
    return msgid


STATUS_TITLE = N_("Translation status")
STATE = {"up-to-date": N_("up to date"), "outdated": N_("outdated: the English page has changed"),
         "untranslated": N_("not translated yet"), "missing": N_("not translated yet")}
STATUS_PAGE = "translation-status.md"


_frozen: dict | None = None  # the status of every language for the length of one build


@contextmanager
def one_status():
    """Within one `copsite build`, every language part shows the same status: worked out
    once (before the language workers fork), not again in every part (it reads the front
    matter of every page of every language)."""
    global _frozen
    _frozen = status()
    try:
        yield
    finally:
        _frozen = None


def guide_url(edit_uri: str | None) -> str | None:
    """The translators' guide in the project's repository, from the `edit_uri` of mkdocs.yml
    (https://github.com/ORG/REPO/edit/BRANCH/content/ -> .../blob/BRANCH/docs/translating.md)."""
    m = re.match(r"^(https://[^/]+/[^/]+/[^/]+)/edit/([^/]+)/", edit_uri or "")
    return f"{m.group(1)}/blob/{m.group(2)}/docs/translating.md" if m else None


def render_status_page(code: str, guide: str | None = None) -> str:
    from . import countries

    data = {lang: dict(info, counts=counts(info["pages"]),
                       todo=[(rel, s) for rel, s in info["pages"].items() if s != "up-to-date"])
            for lang, info in (_frozen if _frozen is not None else status()).items()}
    env = countries.template_env(code)
    gettext = env.globals["gettext"]
    body = env.get_template("status.md.j2").render(status=data, STATE=STATE, guide=guide)
    # not in search: a list of file names and states, for translators rather than readers
    return countries.front_matter(gettext(STATUS_TITLE), gettext("How complete each language is, and which pages need a translator."),
                                  searchable=False) + body


def stale_guides(today=None) -> list[dict]:
    """The app and device guides not compared with the maker's pages for six months (`status` lists them)."""
    return [{"guide": paths.rel(g.path), "checked": g.data["checked"], "days": g.age_days(today)} for g in guides.stale(today)]


def format_stale(rows: list[dict]) -> str:
    if not rows:
        return f"guides: all checked against the maker's pages within {guides.STALE_DAYS} days"
    return "\n".join([f"guides: {len(rows)} not checked against the maker's pages for more than {guides.STALE_DAYS} days "
                      "(compare each with the pages it links, correct it, then set `checked` to that day)"]
                     + [f"         stale        {r['guide']:44} checked {r['checked']} ({r['days']} days ago)" for r in rows])
