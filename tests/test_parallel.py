"""Languages built in separate processes give exactly the same site as one process."""
from __future__ import annotations

import json

from helpers import make_site, page, run_copsite

LANGS = [{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
         {"code": "ar", "name": "العربية", "dir": "rtl", "status": "published"},
         {"code": "zh", "name": "中文", "dir": "ltr", "status": "published"},
         {"code": "fr", "name": "Français", "dir": "ltr", "status": "published"}]


def tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_parallel_and_per_language_builds_are_byte_identical(tmp_path):
    pages = {"en/index.md": page("Home", "## Hi { #hi }\n\n[Guide](guide.md)"), "en/guide.md": page("Guide", "Text."),
             "ar/index.md": page("الرئيسية", "## أهلا { #hi }\n\n[دليل](guide.md)"), "zh/index.md": page("首页", "## 你好 { #hi }\n\n[指南](guide.md)"),
             "zh/guide.md": page("指南", "文字。"), "fr/index.md": page("Accueil", "## Salut { #hi }\n\n[Guide](guide.md)")}
    root = make_site(tmp_path, pages, languages=LANGS)
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert run_copsite("build", "--jobs", "1", "--site-dir", str(serial), root=root, env=env).returncode == 0
    assert run_copsite("build", "--jobs", "2", "--site-dir", str(parallel), root=root, env=env).returncode == 0
    assert tree(serial) == tree(parallel)
    # one language alone (a CI matrix job) equals the same part of the full build
    part = tmp_path / "ar-only"
    assert run_copsite("build", "--lang", "ar", "--site-dir", str(part), root=root, env=env).returncode == 0
    full, ar = tree(serial), tree(part)
    assert set(ar) <= set(full)
    assert {k for k in full if not k.startswith(("zh/", "fr/"))} == set(ar)
    assert all(full[k] == v for k, v in ar.items())
    res = run_copsite("languages", "--json", root=root)
    assert json.loads(res.stdout) == ["en", "ar", "zh", "fr"]
