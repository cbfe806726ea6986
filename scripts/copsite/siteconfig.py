"""The mkdocs-static-i18n configuration, derived from the language registry.

mkdocs.yml refers to ``I18N_LANGUAGES`` with a ``!!python/name:`` tag, so the
language list lives only in data/languages.yml. Per-language site name,
description and admonition titles come from the gettext catalogs; translated
section titles come from each section's index page.

Every published language is a build language of the plugin; which of them one
MkDocs build renders is chosen by the hooks (``COPSITE_LANG``, see copsite.hooks).
"""
from __future__ import annotations

from . import content, frontmatter, l10n, registry
from .errors import CopsiteError


def N_(msgid: str) -> str:  # marks a string for extraction into the catalogs
    return msgid


SITE_NAME = N_("Child Online Protection")
SITE_DESCRIPTION = N_("Practical guidance for children, parents, educators, industry and policy-makers on staying safe online.")
# The admonition types pages may use (copsite check rejects others): their default titles
# are translated, and the lighter stylesheet keeps only their styles (copsite.css).
ADMONITIONS = {
    "note": N_("Note"),
    "tip": N_("Tip"),
    "info": N_("Info"),
    "warning": N_("Warning"),
    "danger": N_("Danger"),
    "question": N_("Question"),
}


def _title(code: str, rel: str) -> str | None:
    path = content.lang_dir(code) / rel
    if not path.is_file():
        return None
    try:
        return str(frontmatter.read(path, rel).meta.get("title") or "") or None
    except CopsiteError:
        return None  # reported by `copsite check` / `copsite build` before MkDocs runs


def nav_translations(code: str) -> dict[str, str]:
    """Section titles: the English index page title -> the translated one."""
    src = registry.source_language().code
    out = {}
    for rel in content.pages(src):
        if rel.endswith("index.md") and rel != "index.md":
            en, tr = _title(src, rel), _title(code, rel)
            if en and tr and en != tr:
                out[en] = tr
    from . import countries

    title = l10n.gettext(code, countries.SECTION_TITLE)
    if title != countries.SECTION_TITLE:
        out[countries.SECTION_TITLE] = title
    return out


def i18n_languages() -> list[dict]:
    from markupsafe import escape

    build = set(registry.codes(include_draft=False))
    out = []
    for lang in registry.languages():
        entry = {
            "locale": lang.code,
            "name": lang.name,
            "default": lang.is_source,
            "build": lang.code in build,
            # Material prints both as they are, in <title>, the header and <meta content="...">
            "site_name": escape(l10n.gettext(lang.code, SITE_NAME)),
            "site_description": escape(l10n.gettext(lang.code, SITE_DESCRIPTION)),
            "theme": {"locale": lang.code},
            "nav": nav(lang.code),  # the same pages; the countries in the language's own order
        }
        if not lang.is_source:
            entry["nav_translations"] = nav_translations(lang.code)
            entry["admonition_translations"] = {k: l10n.gettext(lang.code, v) for k, v in ADMONITIONS.items()}
        out.append(entry)
    return out


def nav_pages() -> list[str]:
    """The pages of data/nav.yml, in order; CopsiteError (file and line) if it is not valid."""
    import yaml

    from . import paths, yamlsafe
    from .errors import CopsiteError, finding

    path = paths.DATA / "nav.yml"
    try:
        with open(path, encoding="utf-8") as fh:
            data = yamlsafe.load(fh) or {}
    except yaml.YAMLError as exc:
        line, problem = yamlsafe.problem(exc)
        raise CopsiteError(finding(path, (line or 0) + 1, "nav", f"not valid YAML: {problem}")) from None
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, list) or not all(isinstance(p, str) for p in pages):
        raise CopsiteError(finding(path, 1, "nav", "expected `pages:` with a list of page paths"))
    return pages


def nav(code: str | None = None) -> list:
    """The MkDocs nav from data/nav.yml: folders with an index.md become sections
    titled by the English index page (translated through nav_translations)."""
    src = registry.source_language().code
    root: list = []
    sections: dict[str, list] = {"": root}

    def section(folder: str) -> list:
        if folder in sections:
            return sections[folder]
        parent = section(folder.rsplit("/", 1)[0] if "/" in folder else "")
        items: list = []
        title = _title(src, f"{folder}/index.md") or folder.rsplit("/", 1)[-1]
        parent.append({title: items})
        sections[folder] = items
        return items

    from .errors import CopsiteError

    try:
        listed = nav_pages()
    except CopsiteError:
        listed = []  # reported by `copsite check` and the build's site-wide checks (checks.check_registry)
    for rel in listed:
        if code and code != src and not rel.endswith("index.md") and not (content.lang_dir(code) / rel).is_file():
            # not translated into this language: not presented as part of its edition (the section's own
            # page, translated, says so and links to the English pages, which carry the fallback notice)
            continue
        folder = rel.rsplit("/", 1)[0] if "/" in rel else ""
        section(folder).append(rel)
    from . import countries

    import os

    # The menu lists the countries' index page (every country, in the reader's order), not each of the
    # 51 countries: a link each in the menu of every page would make every page about 1.5 KB heavier.
    # A national edition's own site lists its own country too, and no other country's edition.
    site = os.environ.get("COPSITE_EDITION")
    keep = {f"{countries.SECTION}/index.md"} | ({f"{countries.SECTION}/{site.lower()}.md"} if site else set())
    country_pages = [r for r in countries.generated_rels(code) if r in keep]
    if country_pages:  # rendered from countries/*.yml
        root.insert(len(root) - 3 if len(root) > 3 else len(root), {countries.SECTION_TITLE: country_pages})
    # the translation status page is not in the menu (newcomer review: it is for translators, not
    # readers); the not-translated and outdated notices link to it
    return root


I18N_LANGUAGES = i18n_languages()
NAV = nav()
