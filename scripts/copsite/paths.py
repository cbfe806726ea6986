"""Where things live. Every tool uses these instead of its own path logic.

`copsite` works on the project it is run in, as MkDocs reads the mkdocs.yml of its working
directory: the root is COPSITE_ROOT (or `copsite --root DIR`) when given, else the nearest
directory, from the working directory up, that holds both mkdocs.yml and data/languages.yml.
Never the folder the tool was installed from: an installed copsite builds the clone it is run in.
"""
from __future__ import annotations

import os
from pathlib import Path

MARKERS = ("mkdocs.yml", "data/languages.yml")


def is_project(folder: Path) -> bool:
    return all((folder / m).is_file() for m in MARKERS)


def find_root(start: Path | None = None) -> Path | None:
    """The project that holds `start` (the working directory): itself or its nearest parent."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    return None


def _initial() -> Path:
    if os.environ.get("COPSITE_ROOT"):
        return Path(os.environ["COPSITE_ROOT"]).resolve()
    return find_root() or Path.cwd().resolve()


def set_root(root: Path, export: bool = True) -> None:
    """Point every path at `root` (and, with `export`, child processes, through COPSITE_ROOT)."""
    global ROOT, CONTENT, DATA, OVERRIDES, LOCALES, COUNTRIES, MKDOCS_YML, SITE
    ROOT = Path(root).resolve()
    CONTENT = ROOT / "content"
    DATA = ROOT / "data"
    OVERRIDES = ROOT / "overrides"
    LOCALES = OVERRIDES / "locales"
    COUNTRIES = ROOT / "countries"
    MKDOCS_YML = ROOT / "mkdocs.yml"
    SITE = ROOT / "site"
    if export:
        os.environ["COPSITE_ROOT"] = str(ROOT)


ROOT = CONTENT = DATA = OVERRIDES = LOCALES = COUNTRIES = MKDOCS_YML = SITE = Path()
set_root(_initial(), export=False)


def rel(path: Path) -> str:
    """A path as shown in messages: relative to the repository when possible."""
    try:
        return str(Path(path).resolve().relative_to(ROOT.resolve()))
    except ValueError:
        return str(path)
