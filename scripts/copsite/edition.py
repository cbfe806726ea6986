"""`copsite new-edition <lang> --country CC`: everything a country team needs to start.

Adds the language to the registry (one appended line: the file's comments stay),
creates content/<lang>/index.md from the English home page (source hash recorded),
an interface-string catalog, a glossary stub, a country file stub if there is
none, and Material's theme strings when Material lacks the language; then prints
the checklist of what to translate next.
"""
from __future__ import annotations

import json

import datetime as dt
import re
from pathlib import Path

from babel import Locale, UnknownLocaleError

from . import content, countries, l10n, paths, registry, translate
from .errors import CopsiteError

LOCALE_RE = re.compile(r"^[a-z]{2}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$")  # what mkdocs-static-i18n accepts


def _material_has(lang: str) -> bool:
    import material

    return (Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{lang}.html").exists()


def new_edition(lang: str, country: str) -> list[str]:
    if not LOCALE_RE.match(lang):
        raise CopsiteError(f"language code '{lang}': use a two-letter ISO 639-1 code, optionally with script or region "
                           "(e.g. 'th', 'zh-Hant', 'pt-BR'); mkdocs-static-i18n does not accept three-letter codes")
    try:
        loc = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise CopsiteError(f"language code '{lang}' is not known to CLDR") from None
    country = country.upper()
    if not countries.is_country_code(country):
        raise CopsiteError(f"country code '{country}' is not an ISO 3166-1 alpha-2 code known to CLDR")
    if lang in registry.codes():
        raise CopsiteError(f"language '{lang}' is already in data/languages.yml")
    name = loc.display_name[:1].upper() + loc.display_name[1:]
    direction = "rtl" if loc.character_order == "right-to-left" else "ltr"
    done: list[str] = []

    reg = paths.DATA / "languages.yml"
    text = reg.read_text(encoding="utf-8")
    items = re.findall(r"^([ \t]*)- ", text, re.M)
    indent = items[-1] if items else "  "
    quoted = json.dumps(name, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar: commas stay inside
    reg.write_text(text.rstrip("\n") + f"\n{indent}- {{code: {lang}, name: {quoted}, dir: {direction}, status: translating}}\n",
                   encoding="utf-8")
    registry.languages.cache_clear()
    done.append(f"registered {lang} ({name}, {direction}) in data/languages.yml with status 'translating'")

    home = translate.start(lang, "index.md")
    done.append(f"created {paths.rel(Path(home))} (English text to translate)")

    l10n.command_init(lang)
    done.append(f"created {paths.rel(l10n.po_path(lang))}")
    from . import countrytext

    for domain in countrytext.domains():
        if not domain.pot_path().exists():
            continue
        for po in domain.update([lang]):
            done.append(f"created {paths.rel(po)} (the {domain.what} data's strings to translate)")

    if not _material_has(lang):
        partial = paths.OVERRIDES / "partials" / "languages" / f"{lang}.html"
        partial.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(
            "{#- Theme strings for a language Material for MkDocs does not ship; missing keys fall back to English. -#}\n"
            '{% macro t(key) %}{{ {\n'
            f'  "language": "{lang}", "direction": "{direction}",\n'
            '  "search.config.pipeline": " ",\n'
            '  "search.config.separator": "[\\\\s\\\\u200b\\\\-]+"\n'
            '}[key] }}{% endmacro %}\n', encoding="utf-8")
        done.append(f"created {paths.rel(partial)} (Material has no strings for '{lang}': translate its keys)")

    owners = paths.ROOT / ".github" / "CODEOWNERS"
    if owners.exists():
        owners.write_text(owners.read_text(encoding="utf-8").rstrip("\n") + f"\n/content/{lang}/{' ' * max(1, 14 - len(lang))}"
                          f"@cop-guidelines/edition-{lang}\n", encoding="utf-8")
        done.append(f"added /content/{lang}/ to .github/CODEOWNERS: put your team there")

    glossary = paths.ROOT / "docs" / "l10n" / f"{lang}.md"
    if not glossary.exists():
        glossary.parent.mkdir(parents=True, exist_ok=True)
        glossary.write_text(f"# Glossary: {name} ({lang})\n\nKey terms and how this edition translates them.\n\n"
                            "| English term | Term | Note |\n|---|---|---|\n| child online protection | | |\n| grooming | | |\n"
                            "| sextortion | | |\n| child sexual abuse material (CSAM) | | |\n| helpline | | |\n| trusted adult | | |\n",
                            encoding="utf-8")
        done.append(f"created {paths.rel(glossary)}")

    cfile = paths.COUNTRIES / f"{country}.yml"
    if not cfile.exists():
        cfile.parent.mkdir(parents=True, exist_ok=True)
        cfile.write_text(
            f"# Country profile for {Locale('en').territories[country]}: see docs/country-teams.md.\n"
            "# Every helpline, law and timeline entry needs a source URL and the date the source gives.\n"
            f"code: {country}\nlanguages: [{lang}]\nedition:\n  status: in-progress\n  site_language: {lang}\n"
            "partners: []\nlinks: []\nhelplines: []\ntimeline: []\n"
            "unknown: Not researched yet.\n"
            f"reviewed: {dt.date.today().isoformat()}\n", encoding="utf-8")
        done.append(f"created {paths.rel(cfile)}")
    else:
        done.append(f"{paths.rel(cfile)} exists: set `edition.site_language: {lang}` in it")
    amap = paths.COUNTRIES / "editions" / f"{country}.yml"
    if not amap.exists():
        amap.parent.mkdir(parents=True, exist_ok=True)
        amap.write_text(
            f"# National adaptation of the {name} edition ({country}): what it adds to the translated pages.\n"
            "# See docs/country-teams.md. Each addition: a page of content/" + lang + "/, the anchor of the section it ends,\n"
            "# a title and Markdown text in the edition's language, and sources (URL and the date the source gives).\n"
            "# Add `reviewed: {by: \"<the national team>\", date: YYYY-MM-DD}` when the national team has signed it off.\n"
            f"country: {country}\nlanguage: {lang}\nmade_by: \"{name} edition team\"\nadditions: []\n", encoding="utf-8")
        done.append(f"created {paths.rel(amap)} (the adaptation map: national additions, page by page)")
    countries.load.cache_clear()
    return done


def checklist(lang: str) -> str:
    pages = content.pages(registry.source_language().code)
    first = [p for p in pages if p.startswith(("children/", "parents/")) or p in ("get-help.md", "glossary.md")]
    return "\n".join([
        "Next steps for the country team:",
        f"  1. Fill in the glossary docs/l10n/{lang}.md with the terms your edition will use.",
        f"  2. Translate content/{lang}/index.md, then run: copsite translate sync {lang} index.md",
        f"  3. Translate the interface strings in {paths.rel(l10n.po_path(lang))}.",
        f"  4. Start each page with: copsite translate start {lang} <path>  ({len(first)} pages for children, parents and help first:",
        *[f"       {p}" for p in first[:8]], "       ...)",
        "  5. Add the country's helplines, reporting routes, law and milestones, each with a source, to its file in countries/,",
        f"     and translate their strings in overrides/locales/{lang}/LC_MESSAGES/countries.po.",
        "  6. Adapt: write the national additions (law, reporting routes, school roles, local examples), each with its",
        "     sources, in countries/editions/<CC>.yml; when the national team has reviewed the edition, record it there.",
        f"  7. Preview: copsite serve --lang {lang}   Check: copsite check   Status: copsite status --lang {lang}",
        "  8. Build it as its own site: copsite build --edition <CC> --site-url <its address> --site-dir <folder>",
        "  9. Open a pull request (see docs/country-teams.md).",
    ])
