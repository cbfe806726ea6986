"""Quick structural comparison of translated pages with their English source (for translators).

Usage: parity_quick.py LANG PATH... (paths under content/LANG/ or relative to it)
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from copsite import parity  # noqa: E402

lang = sys.argv[1]
root = Path(__file__).resolve().parents[2] / "content"
targets = []
for arg in sys.argv[2:] or ["."]:
    p = Path(arg)
    if not p.is_absolute():
        p = (root / lang / arg) if not str(arg).startswith("content/") else Path(arg)
    p = p.resolve()
    targets += sorted(p.rglob("*.md")) if p.is_dir() else [p]
bad = 0
for t in targets:
    rel = t.relative_to((root / lang).resolve()).as_posix()
    for msg in parity.compare(root / "en" / rel, t):
        print(f"content/{lang}/{rel}: {msg}")
        bad += 1
sys.exit(1 if bad else 0)
