"""Checks that run before any build (`copsite check`, `copsite build`).

Each check returns a list of Findings naming file, line and rule.
"""
from __future__ import annotations

import re

from . import content, frontmatter, l10n, paths, registry, siteconfig
from .errors import CopsiteError, Finding, finding


def plain_name(name: str) -> bool:
    """A language name as the menu prints it: letters and marks of any script, spaces, and
    '-', ',', '(' and ')' between them; no markup, no digits, no hidden characters."""
    import unicodedata

    return bool(name.strip()) and name == name.strip() and all(
        unicodedata.category(ch)[0] in "LM" or ch in " -,()" for ch in name)


def check_registry() -> list[Finding]:
    """The registry, the content folders, the catalogs and the nav agree."""
    out: list[Finding] = []
    reg = paths.DATA / "languages.yml"
    try:
        langs = registry.languages()
    except CopsiteError as exc:
        return list(exc.findings)
    codes = {lang.code for lang in langs}
    if paths.CONTENT.is_dir():
        for folder in sorted(p.name for p in paths.CONTENT.iterdir() if p.is_dir()):
            if folder not in codes:
                out.append(finding(paths.CONTENT / folder, 1, "registry", f"language folder '{folder}' is not in {paths.rel(reg)}"))
    for lang in langs:
        if not content.lang_dir(lang.code).is_dir():
            out.append(finding(reg, 1, "registry", f"language '{lang.code}' has no folder content/{lang.code}/"))
        elif not (content.lang_dir(lang.code) / "index.md").is_file():
            out.append(finding(content.lang_dir(lang.code), 1, "registry", f"language '{lang.code}' has no home page index.md"))
        if not lang.is_source and not l10n.po_path(lang.code).exists():
            out.append(finding(reg, 1, "registry", f"language '{lang.code}' has no catalog {paths.rel(l10n.po_path(lang.code))}"))
    try:
        from babel import Locale

        for lang in langs:
            loc = Locale.parse(lang.code.replace("-", "_"))
            cldr_dir = "rtl" if loc.character_order == "right-to-left" else "ltr"
            if cldr_dir != lang.dir:
                out.append(finding(reg, 1, "registry", f"language '{lang.code}': dir is {lang.dir}, CLDR says {cldr_dir}"))
            native = loc.display_name or ""
            if native.lower() not in lang.name.lower():
                out.append(finding(reg, 1, "registry", f"language '{lang.code}': name '{lang.name}' differs from CLDR '{native}'"))
            elif not plain_name(lang.name):
                # printed in the language menu of every page: letters, spaces, hyphens and parentheses only
                out.append(finding(reg, 1, "registry", f"language '{lang.code}': name {lang.name!r} may hold only "
                                                       "letters, spaces, '-' and parentheses"))
    except Exception as exc:  # unknown to CLDR
        out.append(finding(reg, 1, "registry", f"language code not known to CLDR: {exc}"))
    # nav.yml lists exactly the English pages
    nav_file = paths.DATA / "nav.yml"
    try:
        listed = siteconfig.nav_pages()
    except CopsiteError as exc:
        return out + list(exc.findings)
    english = set(content.pages(registry.source_language().code))
    for rel in sorted(english - set(listed)):
        out.append(finding(nav_file, 1, "nav", f"page {rel} is missing from the navigation"))
    for rel in sorted(set(listed) - english):
        out.append(finding(nav_file, 1, "nav", f"navigation lists {rel}, which has no English page"))
    return out


def check_codeowners() -> list[Finding]:
    """.github/CODEOWNERS has a line for every language folder (reviewers per language)."""
    path = paths.ROOT / ".github" / "CODEOWNERS"
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    return [finding(path, 1, "codeowners", f"no line for /content/{lang.code}/")
            for lang in registry.languages() if not re.search(rf"^/content/{re.escape(lang.code)}/\s+@", text, re.M)]


def check_pages(codes: list[str] | None = None) -> list[Finding]:
    out: list[Finding] = []
    src = registry.source_language().code
    english = set(content.pages(src))
    for code in codes or registry.codes():
        for rel in content.pages(code):
            path = content.lang_dir(code) / rel
            if code != src and rel not in english:
                out.append(finding(path, 1, "orphan", f"no English source page content/{src}/{rel}"))
            try:
                page = frontmatter.read(path, rel)
            except CopsiteError as exc:
                out.extend(exc.findings)
                continue
            for key in content.ENGLISH_ONLY_KEYS:
                if code != src and key in page.meta:
                    line = frontmatter.key_line(path.read_text(encoding="utf-8"), key)
                    out.append(finding(path, line, "front-matter", f"'{key}' belongs to the English page only (it applies "
                                                                     "to every language): remove it from the translation"))
    return out


def check_parity(codes: list[str] | None = None) -> list[Finding]:
    """Every up-to-date translation keeps its English page's structure (parity.compare).

    A translation the English has moved on from is *outdated*: reported as information (an English
    author cannot fix it, and the reader sees the outdated notice), with parity checked again once a
    translator has synced it. A page copied and not yet translated is not compared at all."""
    from . import parity

    out: list[Finding] = []
    src = registry.source_language().code
    for code in codes or registry.codes():
        if code == src:
            continue
        for rel in content.pages(code):
            source = content.lang_dir(src) / rel
            if not source.exists() or content.is_untranslated_copy(code, rel):
                continue
            target = content.lang_dir(code) / rel
            if content.is_outdated(code, rel):
                out.append(finding(target, 1, "outdated", "the English page changed since this translation was synced: "
                                   f"`copsite translate diff {code} {rel}` shows what changed", severity="info"))
                continue
            for msg in parity.compare(source, target):
                out.append(finding(target, 1, "parity", msg))
    return out


def run_all(codes: list[str] | None = None) -> list[Finding]:
    """The checks a build needs (fast)."""
    from . import countries, editions, inputs, lint

    return inputs.check() + check_registry() + check_pages(codes) + countries.check() + editions.check() + lint.check(codes)


def site_wide() -> list[Finding]:
    """The checks of a build that are not about one language's pages."""
    from . import countries, countrytext, editions, inputs

    from . import guides

    return (inputs.check() + check_registry() + countries.check() + guides.check() + editions.check()
            + l10n.check_strings() + [f for d in countrytext.domains() for f in d.check_strings()])


def language_pages(code: str) -> list[Finding]:
    """The checks of a build for the pages one language's build renders (run inside that build):
    its own and, for a language other than the source, the source pages it shows as fallbacks
    (a part built alone with `--lang` must not render a page `copsite check` refuses)."""
    from . import lint

    codes = list(dict.fromkeys([code, registry.source_language().code]))
    return check_pages(codes) + lint.check(codes)


def run_everything() -> list[Finding]:
    """`copsite check`: everything a pull request can break."""
    from . import readability

    from . import countrytext, terms

    found = (run_all() + check_parity() + readability.check() + l10n.check() + [f for d in countrytext.domains() for f in d.check()] + terms.check()
             + check_codeowners())
    return list(dict.fromkeys(found))  # a problem two checks see (a <script> is both lint and unsafe HTML) once
