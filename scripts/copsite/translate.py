"""Translation bookkeeping: each translation records the hash of the English page
it translates (`source_hash` in its front matter). Drift is decided by content.

- start: copy the English page into a language folder, hash recorded
- sync:  after review, record the current English hash in a translation
- status: up to date / outdated / missing, per language and page
"""
from __future__ import annotations

import json
import re
import shutil
from contextlib import contextmanager

from . import content, frontmatter, registry
from .errors import CopsiteError


def _set_hash(text: str, value: str) -> str:
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    for i in range(1, end):
        if re.match(r"^source_hash\s*:", lines[i]):
            lines[i] = f"source_hash: {value}"
            return "\n".join(lines)
    lines.insert(end, f"source_hash: {value}")
    return "\n".join(lines)


def start(code: str, rel: str) -> str:
    lang = registry.language(code)
    src = content.lang_dir(registry.source_language().code) / rel
    if lang.is_source or not src.is_file():
        raise CopsiteError(f"no English page content/{registry.source_language().code}/{rel}")
    dest = content.lang_dir(code) / rel
    if dest.exists():
        raise CopsiteError(f"{dest} already exists: edit it, then run `copsite translate sync {code} {rel}`")
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, dest)
    dest.write_text(_set_hash(dest.read_text(encoding="utf-8"), content.source_hash(rel)), encoding="utf-8")
    return str(dest)


def sync(code: str, rels: list[str] | None = None) -> list[str]:
    registry.language(code)
    done = []
    for rel in rels or content.pages(code):
        path = content.lang_dir(code) / rel
        if not path.is_file():
            raise CopsiteError(f"no translation content/{code}/{rel}")
        frontmatter.read(path, rel)  # must be valid first
        text = path.read_text(encoding="utf-8")
        new = _set_hash(text, content.source_hash(rel))
        if new != text:
            path.write_text(new, encoding="utf-8")
            done.append(rel)
    return done


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
            try:
                recorded = frontmatter.read(path, rel).meta.get("source_hash")
            except CopsiteError:
                recorded = None
            pages[rel] = "up-to-date" if recorded == content.source_hash(rel) else "outdated"
        done = sum(1 for s in pages.values() if s == "up-to-date")
        out[lang.code] = {"name": lang.name, "complete": round(100 * done / len(english), 1) if english else 100.0,
                          "pages": pages}
    return out


def counts(pages: dict[str, str]) -> dict[str, int]:
    return {k: sum(1 for s in pages.values() if s == k) for k in ("up-to-date", "outdated", "missing")}


def format_status(data: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    rows = []
    for code, info in data.items():
        n = counts(info["pages"])
        rows.append(f"{code:6} {info['complete']:5.1f}%  up-to-date {n['up-to-date']:3}  outdated {n['outdated']:3}  missing {n['missing']:3}")
        for rel, state in info["pages"].items():
            if state != "up-to-date":
                rows.append(f"         {state:9} {rel}")
    return "\n".join(rows)


def N_(msgid: str) -> str:
    return msgid


STATUS_TITLE = N_("Translation status")
STATE = {"up-to-date": N_("up to date"), "outdated": N_("outdated: the English page has changed"),
         "missing": N_("not translated yet")}
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


def render_status_page(code: str) -> str:
    from . import countries

    data = {lang: dict(info, counts=counts(info["pages"]),
                       todo=[(rel, s) for rel, s in info["pages"].items() if s != "up-to-date"])
            for lang, info in (_frozen if _frozen is not None else status()).items()}
    env = countries.template_env(code)
    gettext = env.globals["gettext"]
    body = env.get_template("status.md.j2").render(status=data, STATE=STATE)
    # not in search: a list of file names and states, for translators rather than readers
    return countries.front_matter(gettext(STATUS_TITLE), gettext("How complete each language is, and which pages need a translator."),
                                  searchable=False) + body
