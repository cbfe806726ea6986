"""Interface strings: gettext catalogs under overrides/locales, handled with Babel.

The catalogs translate the template strings (fallback notice, 404 page, ...)
and the per-language site name, description and admonition titles that
`siteconfig` hands to mkdocs-static-i18n.
"""
from __future__ import annotations

import re

import os
from functools import lru_cache
from pathlib import Path

from babel.messages import mofile, pofile

from . import paths, registry
from .errors import CopsiteError, finding

DOMAIN = "messages"


def po_path(code: str) -> Path:
    return paths.LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def pot_path() -> Path:
    return paths.LOCALES / f"{DOMAIN}.pot"


def read_po(path: Path, code: str | None = None):
    """A catalog (.po or .pot) read with Babel; CopsiteError with its file and line if it is not valid."""
    try:
        with open(path, "rb") as fh:
            return pofile.read_po(fh, locale=code, abort_invalid=True)
    except Exception as exc:  # babel raises PoFileError with a line in the message
        raise CopsiteError(finding(path, getattr(exc, "lineno", 1) or 1, "catalog", f"cannot read catalog: {exc}")) from None


@lru_cache(maxsize=None)
def catalog(code: str):
    path = po_path(code)
    return read_po(path, code) if path.exists() else None


def gettext(code: str, msgid: str) -> str:
    cat = catalog(code)
    if cat is None:
        return msgid
    msg = cat.get(msgid)
    if msg is None or not msg.string or msg.fuzzy:
        return msgid
    return msg.string


def compile_all(force: bool = False) -> list[Path]:
    """Compile every .po to .mo when it is newer (MkDocs' theme loads the .mo)."""
    written = []
    for lang in registry.languages():
        po = po_path(lang.code)
        if not po.exists():
            continue
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        cat = catalog(lang.code)
        tmp = mo.with_suffix(f".mo.{os.getpid()}.tmp")  # unique: parallel builds may compile at once
        with open(tmp, "wb") as fh:
            mofile.write_mo(fh, cat, use_fuzzy=False)
        tmp.replace(mo)
        written.append(mo)
    return written


def command(action: str) -> int:
    """`copsite l10n extract|update|compile`, wrapping Babel's pybabel frontend."""
    from babel.messages.frontend import CommandLineInterface

    cli = CommandLineInterface()
    root = str(paths.ROOT)
    if action == "extract":
        cli.run(["pybabel", "extract", "-F", str(paths.ROOT / "babel.cfg"), "--no-location", "--sort-output",
                 "--omit-header", "-k", "N_", "-o", str(pot_path()), root])
        from . import countrytext

        for domain in countrytext.domains():
            print(f"wrote {paths.rel(domain.write_template())}")
    elif action == "update":
        from . import countrytext

        for domain in countrytext.domains():
            for po in domain.update():
                print(f"updated {paths.rel(po)}")
        for lang in registry.languages():
            if lang.is_source:
                continue
            if po_path(lang.code).exists():
                cli.run(["pybabel", "update", "--no-wrap", "--ignore-obsolete", "-i", str(pot_path()),
                         "-d", str(paths.LOCALES), "-l", lang.code])
            else:
                cli.run(["pybabel", "init", "--no-wrap", "-i", str(pot_path()), "-d", str(paths.LOCALES), "-l", lang.code])
    elif action == "compile":
        catalog.cache_clear()
        for mo in compile_all(force=True):
            print(f"compiled {paths.rel(mo)}")
    return 0


def extracted_ids() -> set[str]:
    """Message ids in the templates and code now (what `copsite l10n extract` would write)."""
    import io
    from configparser import ConfigParser

    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    cfg = ConfigParser()
    cfg.read(paths.ROOT / "babel.cfg", encoding="utf-8")
    method_map, options_map = [], {}
    for section in cfg.sections():
        method, pattern = [s.strip() for s in section.split(":", 1)]
        method_map.append((pattern, method))
        options_map[pattern] = dict(cfg.items(section))
    keywords = dict(DEFAULT_KEYWORDS, N_=None)
    ids = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(str(paths.ROOT), method_map, options_map, keywords=keywords):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


_SAFE_URL_RE = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~%/-]*)?")


_PO_STRING_LINE_RE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')


def _unclosed_strings(path) -> list:
    """Babel reads `msgstr "Contact` (no closing quote) as `Contac`: every string line must close."""
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        s = line.strip()
        if s and not s.startswith("#") and not _PO_STRING_LINE_RE.match(s):
            out.append(finding(path, i, "catalog", "this line is not a complete string: a '\"' is missing at its end"))
    return out


def check() -> list:
    """Catalogs are current with the templates, complete for published languages, and compile."""
    import io

    from .errors import CopsiteError as _E

    out = []
    wanted = extracted_ids()
    pot = pot_path()
    if pot.exists():
        with open(pot, "rb") as fh:
            in_pot = {m.id for m in pofile.read_po(fh) if m.id}
        if in_pot != wanted:
            out.append(finding(pot, 1, "catalog", f"stale template: {len(wanted - in_pot)} new and {len(in_pot - wanted)} removed "
                                                  "string(s); run `copsite l10n extract` and `copsite l10n update`"))
    for lang in registry.languages():
        if lang.is_source:
            continue
        path = po_path(lang.code)
        if not path.exists():
            continue  # reported by the registry check
        try:
            cat = catalog(lang.code)
        except _E as exc:
            out.extend(exc.findings)
            continue
        ids = {m.id for m in cat if m.id}
        missing = wanted - ids
        if missing:
            out.append(finding(path, 1, "catalog", f"stale: {len(missing)} string(s) missing, e.g. {sorted(missing)[0]!r}; run `copsite l10n update`"))
        if lang.status == "published":
            for m in cat:
                if m.id and m.id in wanted and (not m.string or m.fuzzy):
                    out.append(finding(path, m.lineno or 1, "catalog", f"untranslated string {m.id!r}"))
        out.extend(strings_of(lang, path, cat))
    return out


def strings_of(lang, path, cat) -> list:
    """What the translations of one catalog may hold: closed strings, text only (no markup,
    Markdown links or hidden characters: templates print them as they are), an https address
    where the English is one, the same placeholders. Run by `check` and before every build."""
    import io

    out = []
    out.extend(_unclosed_strings(path))
    rtl = lang.dir == "rtl"
    for m in cat:  # printed as they are by the templates (pages and Markdown): text only
        for text in ([m.string] if isinstance(m.string, str) else list(m.string or ())):
            if not text or not m.id:
                continue
            from .lint import TEXT_MARKUP_RE, hidden_characters

            if TEXT_MARKUP_RE.search(text):
                out.append(finding(path, m.lineno or 1, "catalog", f"a translation is text: no markup or Markdown "
                                                                   f"links ({TEXT_MARKUP_RE.search(text).group(0)!r}) in {text[:60]!r}"))

            for rule, msg in hidden_characters(text, rtl):
                out.append(finding(path, m.lineno or 1, rule, f"{msg} in {m.id[:40]!r}"))
    for m in cat:  # an address in the catalog (the quick-exit destination) stays an https address
        if m.id and isinstance(m.id, str) and m.id.startswith("https://") and m.string and not _SAFE_URL_RE.fullmatch(m.string):
            out.append(finding(path, m.lineno or 1, "catalog", f"{m.id!r} must be an https:// address, not {m.string!r}"))
    try:
        mofile.write_mo(io.BytesIO(), cat)
        for m in cat:
            if m.id and m.string and m.python_format and "%(" in m.id:
                want = set(re.findall(r"%\((\w+)\)s", m.id))
                got = set(re.findall(r"%\((\w+)\)s", m.string))
                if want != got:
                    out.append(finding(path, m.lineno or 1, "catalog", f"placeholders differ in {m.id!r}"))
    except Exception as exc:  # noqa: BLE001 - any failure to compile is a finding
        out.append(finding(path, 1, "catalog", f"does not compile: {exc}"))
    return out


def check_strings() -> list:
    """strings_of for every catalog (the build's site-wide checks)."""
    from .errors import CopsiteError as _E

    out = []
    for lang in registry.languages():
        path = po_path(lang.code)
        if lang.is_source or not path.exists():
            continue
        try:
            out.extend(strings_of(lang, path, catalog(lang.code)))
        except _E as exc:
            out.extend(exc.findings)
    return out


def command_init(code: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    if not pot_path().exists():
        command("extract")
    babel_code = code.replace("-", "_")
    CommandLineInterface().run(["pybabel", "-q", "init", "--no-wrap", "-i", str(pot_path()), "-d", str(paths.LOCALES), "-l", babel_code])
    written = paths.LOCALES / babel_code
    if babel_code != code:  # Babel names the folder pt_BR; the registry's folder is the language code, pt-BR
        written.rename(paths.LOCALES / code)
