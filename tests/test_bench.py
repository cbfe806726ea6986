"""The benchmark runs end to end at its smallest size (a smoke test: no timing is asserted)."""
from __future__ import annotations

from helpers import run_copsite


def test_bench_quick_smoke(tmp_path):
    out = tmp_path / "performance.md"
    res = run_copsite("bench", "--quick", "--out", str(out))
    assert res.returncode == 0, res.stderr
    text = out.read_text(encoding="utf-8")
    assert "| 40 × 2 |" in text and "Hugo" in text
    row = next(l for l in text.splitlines() if l.startswith("| 40 × 2 |"))
    assert "nan" not in row, row          # every measurement was taken, Hugo included
