"""Failure paths and fallback, on small fixture sites built with the real config."""
from __future__ import annotations

import json
import re

from helpers import make_site, page, run_copsite

LANGS = [
    {"code": "en", "name": "English", "dir": "ltr", "status": "source"},
    {"code": "ar", "name": "العربية", "dir": "rtl", "status": "published"},
    {"code": "zh", "name": "中文", "dir": "ltr", "status": "published"},
]


def base_pages() -> dict[str, str]:
    return {
        "en/index.md": page("Home", "Welcome. See [the guide](guide.md)."),
        "en/guide.md": page("Guide", "## Start here { #start }\n\nThe English guide about privacy."),
        "ar/index.md": page("الرئيسية", "مرحبا. انظر [الدليل](guide.md)."),
        "zh/index.md": page("首页", "欢迎。请看[指南](guide.md)。"),
        "zh/guide.md": page("指南", "## 从这里开始 { #start }\n\n关于隐私的中文指南。"),
    }


def test_fallback_page_notice_and_lang_wrapper(tmp_path):
    root = make_site(tmp_path, base_pages(), languages=LANGS)
    out = tmp_path / "out"
    res = run_copsite("build", "--strict", "--site-dir", str(out), root=root)
    assert res.returncode == 0, res.stderr
    html = (out / "ar" / "guide" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar"' in html and '<body dir="rtl"' in html
    notice = re.search(r'<div class="admonition info cop-fallback"[^>]*>(.*?)</div>', html, re.S)
    assert notice, "no fallback notice"
    assert 'lang="ar" dir="rtl"' in notice.group(0)
    assert "لم تُترجم بعد" in notice.group(1)              # "Not yet translated", from the ar catalog
    assert "العربية" in notice.group(1)                     # the language named in the notice
    link = re.search(r'<a href="([^"]+)" hreflang="en"', notice.group(1)).group(1)
    assert link == "../../guide/"                           # the English page
    body = re.search(r'<div class="cop-fallback-body" lang="en" dir="ltr">(.*?)</article>', html, re.S)
    assert body and "The English guide about privacy." in body.group(1)
    # a translated page has no notice and no wrapper
    zh = (out / "zh" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "cop-fallback" not in zh
    # the fallback copy is not in the Arabic index, sitemap or head alternates
    ar_index = json.loads((out / "ar" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in ar_index["docs"] if "guide" in d["location"]] == []
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/ar/guide/" not in sitemap and "/zh/guide/" in sitemap
    block = re.search(r"<url>\s*<loc>https://cop-guidelines.example.org/zh/guide/</loc>.*?</url>", sitemap, re.S).group(0)
    assert sorted(re.findall(r'hreflang="([^"]+)"', block)) == ["en", "x-default", "zh"]


def test_strict_reports_warnings_of_every_language_and_keeps_old_site(tmp_path):
    pages = base_pages()
    # links to missing files that only MkDocs reports (page links are caught earlier, by copsite check)
    pages["ar/guide.md"] = page("دليل", "## ابدأ { #start }\n\n![صورة](missing-ar.png)")
    pages["zh/guide.md"] = page("指南", "## 开始 { #start }\n\n![图片](missing-zh.png)")
    root = make_site(tmp_path, pages, languages=LANGS)
    out = tmp_path / "out"
    out.mkdir()
    (out / "previous-good-site.txt").write_text("keep me")
    res = run_copsite("build", "--strict", "--site-dir", str(out), root=root)
    assert res.returncode == 1
    assert "missing-ar.png" in res.stderr and "missing-zh.png" in res.stderr   # both languages reported
    assert "Traceback" not in res.stderr
    assert (out / "previous-good-site.txt").read_text() == "keep me"
    assert not (out / "index.html").exists()
    assert not list(tmp_path.glob(".site-build-*"))
    # without --strict the same site builds, and the warnings are still printed
    res = run_copsite("build", "--site-dir", str(out), root=root)
    assert res.returncode == 0 and "missing-zh.png" in res.stderr
    assert (out / "index.html").exists()


def test_bad_front_matter_is_rejected_with_file_and_line(tmp_path):
    cases = {
        "unclosed quote": ('---\ntitle: "Guide\ndescription: x\n---\n\nText.\n', "en/guide.md:2"),
        "missing closing fence": ("---\ntitle: Guide\ndescription: A guide page.\n\nText.\n", "en/guide.md:1"),
        "list not mapping": ("---\n- a\n- b\n---\n\nText.\n", "en/guide.md:2"),
        "unknown key": (page("Guide", colour="red"), "en/guide.md:6"),
        "wrong type": (page("Guide").replace("reviewed: '2026-01-01'", "reviewed: soon"), "en/guide.md:5"),
    }
    for i, (name, (text, where)) in enumerate(cases.items()):
        pages = base_pages()
        pages["en/guide.md"] = text
        root = make_site(tmp_path / str(i), pages, languages=LANGS) if (tmp_path / str(i)).mkdir() is None else None
        out = tmp_path / str(i) / "out"
        res = run_copsite("build", "--site-dir", str(out), root=root)
        assert res.returncode == 1, name
        assert f"content/{where}" in res.stderr, (name, res.stderr)
        assert "Traceback" not in res.stderr, name
        assert not out.exists(), name


def test_registry_drift_is_reported(tmp_path):
    pages = base_pages()
    pages["de/index.md"] = page("Startseite")
    root = make_site(tmp_path, pages, languages=LANGS)
    res = run_copsite("check", root=root)
    assert res.returncode == 1
    assert "language folder 'de' is not in data/languages.yml" in res.stdout
    res = run_copsite("build", "--site-dir", str(tmp_path / "out"), root=root)
    assert res.returncode == 1 and "'de'" in res.stderr


def test_unknown_language_code_is_a_clear_error(tmp_path):
    root = make_site(tmp_path, base_pages(), languages=LANGS)
    res = run_copsite("build", "--lang", "xx", "--site-dir", str(tmp_path / "out"), root=root)
    assert res.returncode == 1
    assert "unknown language code 'xx'" in res.stderr and "Traceback" not in res.stderr


def test_build_one_language_keeps_english_fallback(tmp_path):
    root = make_site(tmp_path, base_pages(), languages=LANGS)
    out = tmp_path / "out"
    res = run_copsite("build", "--lang", "ar", "--site-dir", str(out), root=root)
    assert res.returncode == 0, res.stderr
    assert (out / "ar" / "guide" / "index.html").exists()     # English fallback inside the ar build
    assert not (out / "zh").exists()


def test_front_matter_text_is_escaped_in_the_head_and_navigation(tmp_path):
    """A quote in a description ended Material's <meta content="..."> (found on a Spanish page)."""
    from html.parser import HTMLParser

    pages = base_pages()
    pages["en/guide.md"] = page('Guide "one" & more', "## Start here { #start }\n\nThe English guide about privacy.")
    pages["en/guide.md"] = pages["en/guide.md"].replace("A test page called", 'Use "quotes" & ampersands; a test page called')
    root = make_site(tmp_path, pages, languages=LANGS)
    out = tmp_path / "out"
    res = run_copsite("build", "--site-dir", str(out), root=root)
    assert res.returncode == 0, res.stderr

    class Head(HTMLParser):
        def __init__(self):
            super().__init__()
            self.description, self.title, self.in_title = None, "", False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "meta" and attrs.get("name") == "description":
                self.description = attrs["content"]
            self.in_title = tag == "title"

        def handle_data(self, data):
            if self.in_title:
                self.title += data

    head = Head()
    head.feed((out / "guide" / "index.html").read_text(encoding="utf-8"))
    assert head.description.startswith('Use "quotes" & ampersands; a test page called')
    assert head.title.startswith('Guide "one" & more')
    nav = (out / "index.html").read_text(encoding="utf-8")
    assert 'Guide &#34;one&#34; &amp; more' in nav or 'Guide &quot;one&quot; &amp; more' in nav


def test_markup_in_a_title_or_description_is_refused_with_file_and_line(tmp_path):
    pages = base_pages()
    pages["zh/guide.md"] = page("指南<script>alert(1)</script>", "## 从这里开始 { #start }\n\n关于隐私的中文指南。")
    root = make_site(tmp_path, pages, languages=LANGS)
    for cmd in (["check"], ["build", "--site-dir", str(tmp_path / "out")]):
        res = run_copsite(*cmd, root=root)
        assert res.returncode != 0
        assert "content/zh/guide.md:2: error: [front-matter] 'title' is plain text" in res.stdout + res.stderr, res.stdout + res.stderr
        assert "Traceback" not in res.stderr
    assert not (tmp_path / "out").exists()


def test_a_language_part_never_replaces_the_site(tmp_path):
    root = make_site(tmp_path, base_pages(), languages=LANGS)
    res = run_copsite("build", root=root)
    assert res.returncode == 0, res.stderr
    assert (root / "site" / "zh" / "index.html").exists()
    res = run_copsite("build", "--lang", "ar", root=root)
    assert res.returncode == 0, res.stderr
    assert (root / "site" / "zh" / "index.html").exists() and (root / "site" / "assets").is_dir()  # untouched
    assert (root / "site-parts" / "ar" / "ar" / "index.html").exists()
    assert "site-parts/ar/" in res.stdout and "site/ is unchanged" in res.stdout
