"""Data strings in every language: gettext domains next to the interface's `messages`, each
extracted from the English values of one kind of data file: `countries` from countries/*.yml,
`guides` from guides/*.yml (`copsite.guides`). `DataText` is the one implementation; the
module-level functions are the `countries` domain's.

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



class DataText:
    """One gettext domain of data strings. `source` is the module that reads the data files:
    files(), validate(path) -> (data, findings), lines_of(path), field_name(field), and
    label(path, data), which names the file's entry in the catalog's comments."""

    def __init__(self, domain: str, fields: tuple, source: str, what: str):
        self.domain, self.fields, self.source_name, self.what = domain, fields, source, what
        self.lookup = lru_cache(maxsize=None)(self._lookup)

    @property
    def source(self):
        import importlib

        return importlib.import_module(f"copsite.{self.source_name}")

    def pot_path(self) -> Path:
        return paths.LOCALES / f"{self.domain}.pot"

    def po_path(self, code: str) -> Path:
        return paths.LOCALES / code / "LC_MESSAGES" / f"{self.domain}.po"

    def strings(self, data: dict):
        """(field path, English text) of every translatable value of one file's data. A proper
        name kept in its own language ({text, lang}) is not translated."""
        for pattern in self.fields:
            for path, value in _values(data, pattern):
                if isinstance(value, str) and value.strip():
                    yield path, value

    def extract(self) -> Catalog:
        """The template: every English string once, with where it is used."""
        src = self.source
        cat = Catalog(project="copsite", domain=self.domain, fuzzy=False)
        for path in src.files():
            data, errors = src.validate(path)
            if data is None:
                raise CopsiteError(errors)
            lines = src.lines_of(path)
            for field, value in self.strings(data):
                line = lines.get(field, 1)
                cat.add(value, locations=[(paths.rel(path), line)],
                        auto_comments=[f"{src.label(path, data)} {src.field_name(field)}"])
        return cat

    def write_template(self) -> Path:
        _write(self.extract(), self.pot_path())
        return self.pot_path()

    def update(self, codes: list[str] | None = None) -> list[Path]:
        """Every language's catalog follows the template: new strings untranslated, changed ones
        fuzzy with the previous English kept (#| msgid), removed ones dropped."""
        template = read(self.pot_path())
        written = []
        for lang in registry.languages():
            if lang.is_source or (codes and lang.code not in codes):
                continue
            po = self.po_path(lang.code)
            cat = read(po, lang.code) if po.exists() else Catalog(locale=lang.code.replace("-", "_"), domain=self.domain)
            cat.update(template, no_fuzzy_matching=False)
            cat.obsolete.clear()
            _write(cat, po)
            written.append(po)
        self.lookup.cache_clear()
        return written

    def _lookup(self, code: str) -> dict[str, str]:
        """English -> translation, for the translated (not fuzzy) strings of one language."""
        po = self.po_path(code)
        if not po.exists():
            return {}
        return {m.id: m.string for m in read(po, code) if m.id and m.string and not m.fuzzy}

    def text(self, value, code: str) -> tuple[str, str]:
        """(text, language of the text): a proper name kept in its own language ({text, lang}) as
        it is; an English value in the reader's language when a translator has translated it (and
        not left it as the English), else the English."""
        if isinstance(value, dict):
            return str(value["text"]), str(value["lang"])
        s = str(value)
        if registry.language(code).is_source:
            return s, code
        found = self.lookup(code).get(s)
        return (found, code) if found and found != s else (s, registry.source_language().code)

    def state(self, code: str) -> dict[str, int]:
        """How many of the strings in use now are translated, outdated (the English changed
        since: fuzzy) or missing, in one language."""
        wanted = {m.id for m in read(self.pot_path()) if m.id} if self.pot_path().exists() else set()
        po = self.po_path(code)
        cat = read(po, code) if po.exists() else Catalog()
        by_id = {m.id: m for m in cat if m.id}
        out = {"translated": 0, "outdated": 0, "missing": 0}
        for msgid in wanted:
            m = by_id.get(msgid)
            out["translated" if m and m.string and not m.fuzzy else "outdated" if m and m.fuzzy else "missing"] += 1
        return out

    def check(self) -> list[Finding]:
        """The template holds exactly the English strings of the data files; every published
        language has every one of them translated (not fuzzy); translations are text only."""
        try:
            wanted = self.extract()
        except CopsiteError:
            return []  # the data files' own errors are reported by their own check
        ids = {m.id: m for m in wanted if m.id}
        out: list[Finding] = []
        pot = self.pot_path()
        in_pot = {m.id for m in read(pot) if m.id} if pot.exists() else set()
        if set(ids) != in_pot:
            new = sorted(set(ids) - in_pot)
            out.append(finding(pot, 1, "catalog", f"stale: {len(new)} new and {len(in_pot - set(ids))} removed {self.what} "
                                                  f"string(s){', e.g. ' + repr(new[0][:60]) if new else ''}; run "
                                                  "`copsite l10n extract` and `copsite l10n update`"))
        for lang in registry.languages():
            if lang.is_source:
                continue
            po = self.po_path(lang.code)
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
                out.append(finding(where[0], where[1] or 1, f"{self.what}-l10n", f"{what}: {msgid[:70]!r}"))
        return out + self.check_strings()

    def check_strings(self) -> list[Finding]:
        """Translations are text only, as in the interface catalogs (run before every build too)."""
        from . import l10n

        out: list[Finding] = []
        for lang in registry.languages():
            po = self.po_path(lang.code)
            if lang.is_source or not po.exists():
                continue
            try:
                out.extend(l10n.strings_of(lang, po, read(po, lang.code)))
            except CopsiteError as exc:
                out.extend(exc.findings)
        return out


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


def _write(cat: Catalog, path: Path) -> None:
    buf = io.BytesIO()
    pofile.write_po(buf, cat, width=0, omit_header=True, sort_output=True,
                    ignore_obsolete=True, include_previous=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def read(path: Path, code: str | None = None) -> Catalog:
    from .l10n import read_po

    return read_po(path, code)


COUNTRIES = DataText(DOMAIN, FIELDS, "countries", "country")


def domains() -> list[DataText]:
    """Every data domain: the country files' and the app and device guides'."""
    from .guides import TEXT

    return [COUNTRIES, TEXT]

# the `countries` domain, as the rest of the code has always called it
pot_path, extract, lookup, state, check = (COUNTRIES.pot_path, COUNTRIES.extract, COUNTRIES.lookup, COUNTRIES.state,
                                           COUNTRIES.check)
