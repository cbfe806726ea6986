"""Where things live. Every tool uses these instead of its own path logic."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("COPSITE_ROOT", Path(__file__).resolve().parents[2]))
CONTENT = ROOT / "content"
DATA = ROOT / "data"
OVERRIDES = ROOT / "overrides"
LOCALES = OVERRIDES / "locales"
COUNTRIES = ROOT / "countries"
MKDOCS_YML = ROOT / "mkdocs.yml"
SITE = ROOT / "site"


def rel(path: Path) -> str:
    """A path as shown in messages: relative to the repository when possible."""
    try:
        return str(Path(path).resolve().relative_to(ROOT.resolve()))
    except ValueError:
        return str(path)
