"""The content tree: pages per language, mapped by the same relative path."""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from . import paths, registry


def lang_dir(code: str) -> Path:
    return paths.CONTENT / code


def pages(code: str) -> list[str]:
    """Relative paths (posix) of the Markdown pages of one language, sorted."""
    root = lang_dir(code)
    if not root.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))


@lru_cache(maxsize=None)
def translated(code: str) -> frozenset[str]:
    return frozenset(pages(code))


def generated() -> list[str]:
    """Pages rendered from data (country pages, app and device guides) in every built language."""
    from . import countries, guides, translate

    return countries.generated_rels() + guides.generated_rels() + [translate.STATUS_PAGE]


def source_pages() -> list[str]:
    """Every page of the site: the English source pages and the generated ones."""
    return pages(registry.source_language().code) + generated()


def is_translated(code: str, rel: str) -> bool:
    return (lang_dir(code) / rel).is_file() or rel in generated()


def recorded_hash(code: str, rel: str) -> str | None:
    """The English hash a translation records (`source_hash`), None when it records none."""
    path = lang_dir(code) / rel
    if not path.is_file():
        return None
    from . import frontmatter
    from .errors import CopsiteError

    try:
        value = frontmatter.read(path, rel).meta.get("source_hash")
    except CopsiteError:
        return None
    return str(value) if value else None


def is_untranslated_copy(code: str, rel: str) -> bool:
    """A page copied from English (`translate start`, `new-edition`) that no translator has
    synced yet: it records no source hash. It is built with the not-translated notice."""
    return (not registry.language(code).is_source and (lang_dir(code) / rel).is_file()
            and recorded_hash(code, rel) is None)


def is_outdated(code: str, rel: str) -> bool:
    """A translation whose recorded source hash is not the English page's current hash."""
    recorded = recorded_hash(code, rel)
    return recorded is not None and recorded != source_hash(rel)


HEADING_RE = re.compile(r"^(#{1,6}) .*\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$", re.M)


def headings(text: str) -> dict[str, tuple[int, int]]:
    """anchor -> (level, offset) of a Markdown page's `## Title { #anchor }` headings."""
    return {m.group(2): (len(m.group(1)), m.start()) for m in HEADING_RE.finditer(text)}


def append_to_section(markdown: str, anchor: str, block: str) -> str:
    """The page with `block` at the end of the section headed `{ #anchor }` (before the next heading
    of the same or a higher level); the page as it is when it has no such heading."""
    found = headings(markdown)
    if anchor not in found:
        return markdown
    level, start = found[anchor]
    end = next((off for lvl, off in sorted(found.values(), key=lambda v: v[1]) if off > start and lvl <= level), len(markdown))
    return markdown[:end].rstrip("\n") + "\n\n" + block.strip("\n") + "\n\n" + markdown[end:].lstrip("\n")


DIRECTORY_URLS = True  # False in the offline edition (set by the hooks from the MkDocs config)


def file_of(rel: str) -> str:
    """The output file of a page relative to its language root."""
    return url_of(rel) + "index.html" if DIRECTORY_URLS else url_of(rel)


def url_of(rel: str) -> str:
    """URL of a page relative to its language root: a directory (use_directory_urls),
    or the .html file in the offline edition."""
    if not DIRECTORY_URLS:
        return rel[: -len(".md")] + ".html"
    if rel == "index.md":
        return ""
    if rel.endswith("/index.md"):
        return rel[: -len("index.md")]
    return rel[: -len(".md")] + "/"


_hashes: dict = {}


def source_hash(rel: str) -> str:
    """Hash of the English source page: translations record it to detect drift."""
    path = lang_dir(registry.source_language().code) / rel
    st = path.stat()
    key = (str(path), st.st_mtime_ns, st.st_size)
    if key not in _hashes:
        _hashes[key] = hash_text(path.read_text(encoding="utf-8"))
    return _hashes[key]


ENGLISH_ONLY_KEYS = ("topics",)  # front matter of the English page that applies to every language


def without_english_only(text: str) -> str:
    """A page without the front-matter keys that belong to the English page alone."""
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return text
    kept, skipping = [lines[0]], False
    for i in range(1, len(lines)):
        line = lines[i]
        if line.rstrip() == "---":
            return "\n".join(kept + lines[i:])
        if re.match(rf"^({'|'.join(ENGLISH_ONLY_KEYS)})\s*:", line):
            skipping = True
            continue
        if skipping and line.startswith((" ", "\t", "-")):
            continue
        skipping = False
        kept.append(line)
    return text


def hash_text(text: str) -> str:
    """The hash a translation records of its English page: the page without the front-matter keys
    that belong to the English page alone (its `topics` make the related pages of every language,
    and retagging a page does not send its translations back to translators)."""
    text = without_english_only(text)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
