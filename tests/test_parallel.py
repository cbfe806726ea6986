"""Each language is its own MkDocs build: in one process or several, as parts merged
later, the site is byte for byte the one mkdocs-static-i18n's own loop renders."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from helpers import make_site, page, run_copsite

LANGS = [{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
         {"code": "ar", "name": "العربية", "dir": "rtl", "status": "published"},
         {"code": "zh", "name": "中文", "dir": "ltr", "status": "published"},
         {"code": "fr", "name": "Français", "dir": "ltr", "status": "published"}]
PAGES = {"en/index.md": page("Home", "## Hi { #hi }\n\n[Guide](guide.md)"), "en/guide.md": page("Guide", "Text."),
         "ar/index.md": page("الرئيسية", "## أهلا { #hi }\n\n[دليل](guide.md)"), "zh/index.md": page("首页", "## 你好 { #hi }\n\n[指南](guide.md)"),
         "zh/guide.md": page("指南", "文字。"), "fr/index.md": page("Accueil", "## Salut { #hi }\n\n[Guide](guide.md)")}
ENV = {"SOURCE_DATE_EPOCH": "1700000000"}


def tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_one_process_many_processes_and_merged_parts_are_byte_identical(tmp_path):
    root = make_site(tmp_path, PAGES, languages=LANGS)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert run_copsite("build", "--jobs", "1", "--site-dir", str(serial), root=root, env=ENV).returncode == 0
    assert run_copsite("build", "--jobs", "2", "--site-dir", str(parallel), root=root, env=ENV).returncode == 0
    full = tree(serial)
    assert full == tree(parallel)
    # one language alone (a CI matrix job) is exactly that language's part of the full build
    parts = []
    for code in ("ar", "en", "zh", "fr"):
        part = tmp_path / f"part-{code}"
        res = run_copsite("build", "--lang", code, "--site-dir", str(part), root=root, env=ENV)
        assert res.returncode == 0, res.stderr
        files = tree(part)
        assert all(full[k] == v for k, v in files.items()), code
        if code != "en":
            assert set(files) == {k for k in full if k.startswith(f"{code}/")}, code
        parts.append(str(part))
    merged = tmp_path / "merged"
    res = run_copsite("merge", *parts, "--site-dir", str(merged), root=root)
    assert res.returncode == 0, res.stderr
    assert tree(merged) == full
    res = run_copsite("languages", "--json", root=root)
    assert json.loads(res.stdout) == ["en", "ar", "zh", "fr"]


def test_same_pages_as_the_plugins_own_build(tmp_path):
    """mkdocs-static-i18n's loop (a plain `mkdocs build`) renders the same files; only its
    non-source 404 pages differ: their language switcher keeps the links of the last page
    the previous language rendered (a plugin bug), ours link each language's home."""
    root = make_site(tmp_path, PAGES, languages=LANGS)
    ours, plain = tmp_path / "ours", tmp_path / "plain"
    assert run_copsite("build", "--site-dir", str(ours), root=root, env=ENV).returncode == 0
    env = dict(os.environ, COPSITE_ROOT=str(root), NO_MKDOCS_2_WARNING="1", **ENV)
    env.pop("COPSITE_LANG", None)
    res = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(plain)], cwd=root, env=env,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    a, b = tree(ours), tree(plain)
    assert set(a) == set(b)
    differ = sorted(k for k in a if a[k] != b[k])
    assert differ == ["ar/404.html", "fr/404.html", "zh/404.html"], differ
    assert b'href="/ar/"' in a["ar/404.html"]


def test_merge_refuses_parts_that_disagree(tmp_path):
    root = make_site(tmp_path, PAGES, languages=LANGS)
    en, ar = tmp_path / "part-en", tmp_path / "part-ar"
    assert run_copsite("build", "--lang", "en", "--site-dir", str(en), root=root, env=ENV).returncode == 0
    assert run_copsite("build", "--lang", "ar", "--site-dir", str(ar), root=root, env=ENV).returncode == 0
    (ar / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")  # as if built from another commit
    res = run_copsite("merge", str(en), str(ar), "--site-dir", str(tmp_path / "site"), root=root)
    assert res.returncode == 1
    assert "sitemap.xml" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "site").exists()


def test_parts_of_other_languages_list_no_theme_files():
    """A part for another language than the source leaves the theme's files to the source part:
    its theme lists none (MkDocs then does not walk Material's folders) and still loads templates."""
    from mkdocs.config import load_config

    from copsite import hooks, paths

    cfg = load_config(config_file=str(paths.MKDOCS_YML))
    assert len(cfg.theme.get_env().list_templates()) > 1000  # Material's icons, scripts, stylesheets
    hooks.theme_without_files(cfg.theme)
    env = cfg.theme.get_env()
    assert env.list_templates() == []
    assert env.get_template("main.html") and env.get_template("partials/nav.html")
