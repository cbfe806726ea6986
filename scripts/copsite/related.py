""""Related pages" at the end of a page, worked out from the `topics` of the English pages'
front matter (data/topics.yml), not from hand-kept lists.

The English page's topics apply to every language (translations do not repeat them, and the
hash a translation records leaves them out: content.source_hash). A page lists up to LIMIT
pages that share the most topics with it, among the pages its reader should be sent to:
a child's page only the pages of the same age band (easy read: easy read), a parents' page the
parents' and children's pages, an industry or policy page its own audience's pages; and in a
translation only pages translated into that language. Landing pages and the shared pages (home,
Get help, glossary, about) list none and are listed by none.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache

from . import content, frontmatter, registry
from .errors import CopsiteError

LIMIT = 4
SHARED = {"index.md", "get-help.md", "glossary.md", "about.md"}


def N_(msgid: str) -> str:
    return msgid


TITLE = N_("Related pages")


@lru_cache(maxsize=None)
def _english() -> dict[str, dict]:
    """rel -> {topics, audience, group, order} of every English page that takes part."""
    from .siteconfig import nav_pages

    src = registry.source_language().code
    order = {rel: i for i, rel in enumerate(nav_pages())}
    out = {}
    for rel in content.pages(src):
        if rel in SHARED or rel.endswith("/index.md"):
            continue
        try:
            meta = frontmatter.read(content.lang_dir(src) / rel, rel).meta
        except CopsiteError:
            continue
        topics = list(meta.get("topics") or [])
        if not topics:
            continue
        audience = meta.get("audience")
        group = "easy-read" if meta.get("easy_read") else meta.get("age_band") or audience
        out[rel] = {"topics": topics, "audience": audience, "group": group, "order": order.get(rel, 10**6)}
    return out


def warm_up() -> None:
    """Read the English pages' topics once, before the language builds fork (copsite.build)."""
    _english()


def topics_of(rel: str) -> list[str]:
    """The topics of a page (its English page's), the main one first."""
    info = _english().get(rel)
    return list(info["topics"]) if info else []


def _allowed(me: dict, other: dict) -> bool:
    if me["audience"] == "children":
        return other["audience"] == "children" and other["group"] == me["group"]
    if me["audience"] == "parents":
        return other["audience"] in ("parents", "children")
    return other["audience"] == me["audience"]


def for_page(code: str, rel: str) -> list[str]:
    """The related pages of one page in one language, best first."""
    pages = _english()
    me = pages.get(rel)
    if me is None:
        return []
    source = registry.language(code).is_source
    scored = []
    for other, info in pages.items():
        if other == rel or not _allowed(me, info):
            continue
        if not source and (not content.is_translated(code, other) or content.is_untranslated_copy(code, other)):
            continue
        shared = [t for t in me["topics"] if t in info["topics"]]
        if not shared:
            continue
        # more shared topics first, a match on the page's first (main) topic and a page for the same
        # reader counting extra; then the order of the navigation
        score = (len(shared) + (0.5 if me["topics"][0] in info["topics"] else 0)
                 + (1 if info["audience"] == me["audience"] else 0))
        scored.append((-score, info["order"], other))
    return [rel_ for *_, rel_ in sorted(scored)[:LIMIT]]


def insert(markdown: str, code: str, rel: str) -> str:
    """The page with its "Related pages" section at the end."""
    found = for_page(code, rel)
    if not found:
        return markdown
    from . import countries, l10n
    from .siteconfig import _title

    here = posixpath.dirname(rel)
    lines = [f"## {l10n.gettext(code, TITLE)} {{ #related }}", ""]
    for other in found:
        link = posixpath.relpath(other, here or ".")
        lines.append(f"- [{countries._md_escape(_title(code, other) or other)}]({link})")
    return markdown.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
