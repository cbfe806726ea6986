"""Interface strings: gettext catalogs under overrides/locales, handled with Babel.

The catalogs translate the template strings (fallback notice, 404 page, ...)
and the per-language site name, description and admonition titles that
`siteconfig` hands to mkdocs-static-i18n.
"""
from __future__ import annotations

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


@lru_cache(maxsize=None)
def catalog(code: str):
    path = po_path(code)
    if not path.exists():
        return None
    try:
        with open(path, "rb") as fh:
            return pofile.read_po(fh, locale=code, abort_invalid=True)
    except Exception as exc:  # babel raises PoFileError with a line in the message
        raise CopsiteError(finding(path, getattr(exc, "lineno", 1) or 1, "catalog", f"cannot read catalog: {exc}")) from None


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
        tmp = mo.with_suffix(".mo.tmp")
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
    elif action == "update":
        for lang in registry.languages():
            if lang.is_source:
                continue
            if po_path(lang.code).exists():
                cli.run(["pybabel", "update", "--no-wrap", "--omit-header", "--ignore-obsolete", "-i", str(pot_path()),
                         "-d", str(paths.LOCALES), "-l", lang.code])
            else:
                cli.run(["pybabel", "init", "--no-wrap", "-i", str(pot_path()), "-d", str(paths.LOCALES), "-l", lang.code])
    elif action == "compile":
        catalog.cache_clear()
        for mo in compile_all(force=True):
            print(f"compiled {paths.rel(mo)}")
    return 0
