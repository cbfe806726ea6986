"""Country strings in every language: a second gettext domain, `countries`, extracted from
the English values of countries/*.yml.

The country files hold English only (and proper names kept in their own language, written
`{text: ..., lang: xx}`); translators work in `overrides/locales/<lang>/LC_MESSAGES/countries.po`
with the same tools as the interface catalogs (`copsite l10n extract|update`, any PO editor).
When an English value changes, `update` keeps its translation as *fuzzy* with the previous
English beside it: the string counts as outdated in `copsite status`, the page shows the English
(marked `lang="en"`) until a translator confirms it, and `copsite check` fails for a published
language. Why gettext and not per-language keys in the YAML: docs/architecture.md.
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages import pofile

from . import paths, registry
from .errors import CopsiteError, Finding, finding

DOMAIN = "countries"

# The fields a reader sees, as paths into a country's data ("*": every item of a list).
FIELDS = (
    ("edition", "title"), ("edition", "occasion"), ("edition", "summary"),
    ("partners", "*"),
    ("links", "*", "title"),
    ("helplines", "*", "name"), ("helplines", "*", "hours"), ("helplines", "*", "cost"),
    ("helplines", "*", "operator"), ("helplines", "*", "notes"),
    ("laws", "*", "title"), ("laws", "*", "summary"),
    ("timeline", "*", "event"),
    ("unknown",),
)


def pot_path() -> Path:
    return paths.LOCALES / f"{DOMAIN}.pot"


def po_path(code: str) -> Path:
    return paths.LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _values(data: dict, pattern: tuple, path: tuple = ()):
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for i, item in enumerate(data if isinstance(data, list) else []):
            yield from _values(item, rest, path + (i,))
    elif isinstance(data, dict) and head in data:
        yield from _values(data[head], rest, path + (head,))


def strings(data: dict):
    """(field path, English text) of every translatable value of one country's data. A proper
    name kept in its own language ({text, lang}) is not translated."""
    for pattern in FIELDS:
        for path, value in _values(data, pattern):
            if isinstance(value, str) and value.strip():
                yield path, value


def extract() -> Catalog:
    """The template: every English country string once, with where it is used."""
    from . import countries

    cat = Catalog(project="copsite", domain=DOMAIN, fuzzy=False)
    for path in countries.files():
        data, errors = countries.validate(path)
        if data is None:
            raise CopsiteError(errors)
        lines = countries.lines_of(path)
        for field, value in strings(data):
            line = lines.get(field, 1)
            cat.add(value, locations=[(paths.rel(path), line)],
                    auto_comments=[f"{data['code']} {countries.field_name(field)}"])
    return cat


def _write(cat: Catalog, path: Path) -> None:
    buf = io.BytesIO()
    pofile.write_po(buf, cat, width=0, omit_header=True, sort_output=True,
                    ignore_obsolete=True, include_previous=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def write_template() -> Path:
    _write(extract(), pot_path())
    return pot_path()


def read(path: Path, code: str | None = None) -> Catalog:
    from .l10n import read_po

    return read_po(path, code)


def update(codes: list[str] | None = None) -> list[Path]:
    """Every language's catalog follows the template: new strings untranslated, changed ones
    fuzzy with the previous English kept (#| msgid), removed ones dropped."""
    template = read(pot_path())
    written = []
    for lang in registry.languages():
        if lang.is_source or (codes and lang.code not in codes):
            continue
        po = po_path(lang.code)
        cat = read(po, lang.code) if po.exists() else Catalog(locale=lang.code.replace("-", "_"), domain=DOMAIN)
        cat.update(template, no_fuzzy_matching=False)
        cat.obsolete.clear()
        _write(cat, po)
        written.append(po)
    lookup.cache_clear()
    return written


@lru_cache(maxsize=None)
def lookup(code: str) -> dict[str, str]:
    """English -> translation, for the translated (not fuzzy) strings of one language."""
    po = po_path(code)
    if not po.exists():
        return {}
    return {m.id: m.string for m in read(po, code) if m.id and m.string and not m.fuzzy}


def state(code: str) -> dict[str, int]:
    """How many of the country strings in use now are translated, outdated (the English
    changed since: fuzzy) or missing, in one language."""
    wanted = {m.id for m in read(pot_path()) if m.id} if pot_path().exists() else set()
    po = po_path(code)
    cat = read(po, code) if po.exists() else Catalog()
    by_id = {m.id: m for m in cat if m.id}
    out = {"translated": 0, "outdated": 0, "missing": 0}
    for msgid in wanted:
        m = by_id.get(msgid)
        out["translated" if m and m.string and not m.fuzzy else "outdated" if m and m.fuzzy else "missing"] += 1
    return out


def check() -> list[Finding]:
    """The template holds exactly the English strings of the country files; every published
    language has every one of them translated (not fuzzy); translations are text only."""
    try:
        wanted = extract()
    except CopsiteError:
        return []  # the country files' own errors are reported by countries.check
    ids = {m.id: m for m in wanted if m.id}
    out: list[Finding] = []
    pot = pot_path()
    in_pot = {m.id for m in read(pot) if m.id} if pot.exists() else set()
    if set(ids) != in_pot:
        new = sorted(set(ids) - in_pot)
        out.append(finding(pot, 1, "catalog", f"stale: {len(new)} new and {len(in_pot - set(ids))} removed country "
                                              f"string(s){', e.g. ' + repr(new[0][:60]) if new else ''}; run "
                                              "`copsite l10n extract` and `copsite l10n update`"))
    for lang in registry.languages():
        if lang.is_source:
            continue
        po = po_path(lang.code)
        try:
            cat = read(po, lang.code) if po.exists() else None
        except CopsiteError:
            continue  # reported by check_strings
        if lang.status != "published":
            continue
        by_id = {m.id: m for m in cat if m.id} if cat is not None else {}
        for msgid, template in ids.items():
            m = by_id.get(msgid)
            if m is not None and m.string and not m.fuzzy:
                continue
            where = (po, m.lineno) if m is not None else (Path(paths.ROOT / template.locations[0][0]), template.locations[0][1])
            what = "outdated (the English changed; confirm or correct the translation, then remove the fuzzy flag)" \
                if m is not None and m.fuzzy else f"not translated into {lang.code} (add it to {paths.rel(po)})"
            out.append(finding(where[0], where[1] or 1, "country-l10n", f"{what}: {msgid[:70]!r}"))
    return out + check_strings()


def check_strings() -> list[Finding]:
    """Translations are text only, as in the interface catalogs (run before every build too)."""
    from . import l10n

    out: list[Finding] = []
    for lang in registry.languages():
        po = po_path(lang.code)
        if lang.is_source or not po.exists():
            continue
        try:
            out.extend(l10n.strings_of(lang, po, read(po, lang.code)))
        except CopsiteError as exc:
            out.extend(exc.findings)
    return out
