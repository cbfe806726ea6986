"""The built real site: languages, switcher, navigation, fallback, 404, sitemap, search, privacy."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from copsite import content, frontmatter, l10n, registry, siteconfig
from helpers import ROOT, SCRIPTS

LANGS = registry.languages()
SOURCE = registry.source_language()
SITE_URL = "https://cop-guidelines.example.org/"


def html_of(site: Path, code: str, rel: str) -> str:
    lang = registry.language(code)
    return (site / lang.prefix / content.url_of(rel) / "index.html").read_text(encoding="utf-8")


def sample_pages() -> list[str]:
    """The home page, every section landing page and one guidance page per section."""
    pages = content.pages(SOURCE.code)
    picked = [p for p in pages if p == "index.md" or p.endswith("/index.md")]
    seen = set()
    for p in pages:
        folder = p.rsplit("/", 1)[0] if "/" in p else ""
        if not p.endswith("index.md") and folder not in seen:
            seen.add(folder)
            picked.append(p)
    return picked


def test_registry_and_content_agree():
    from copsite import checks

    assert checks.check_registry() == []
    assert [l["locale"] for l in siteconfig.I18N_LANGUAGES] == [l.code for l in LANGS]
    assert sorted(p.name for p in (ROOT / "content").iterdir() if p.is_dir()) == sorted(l.code for l in LANGS)


@pytest.mark.parametrize("code", [l.code for l in LANGS])
def test_lang_and_direction(built_site, code):
    lang = registry.language(code)
    for rel in sample_pages():
        html = html_of(built_site, code, rel)
        assert f'<html lang="{lang.html_tag}"' in html, rel  # zh-Hans for Chinese (registry tag)
        body_dir = re.search(r'<body dir="(\w+)"', html)
        assert (body_dir.group(1) if body_dir else "ltr") == lang.dir, rel


def test_switcher_goes_to_same_page(built_site):
    for code in [l.code for l in LANGS]:
        for rel in sample_pages():
            here = f"https://x/{registry.language(code).prefix}{content.url_of(rel)}"
            html = html_of(built_site, code, rel)
            links = dict((l, h) for h, l in re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" lang="[^"]+" class="md-select__link"', html))
            assert set(links) == {l.code for l in LANGS}, (code, rel)
            for other, href in links.items():
                target = urlsplit(urljoin(here, href)).path
                assert target == f"/{registry.language(other).prefix}{content.url_of(rel)}", (code, rel, other, href)


def test_site_name_description_and_titles_translated(built_site):
    for lang in LANGS:
        name = l10n.gettext(lang.code, siteconfig.SITE_NAME)
        if not lang.is_source:
            assert name != siteconfig.SITE_NAME, f"{lang.code}: site name not translated"
        for rel in sample_pages():
            html = html_of(built_site, lang.code, rel)
            assert re.search(rf"<title>[^<]*{re.escape(name)}</title>", html), (lang.code, rel)
            if content.is_translated(lang.code, rel):
                meta = frontmatter.read(content.lang_dir(lang.code) / rel, rel).meta
                assert f'<meta name="description" content="{meta["description"]}' in html.replace("&#39;", "'").replace("&quot;", '"').replace("&#34;", '"'), (lang.code, rel)


def test_navigation_labels_translated(built_site):
    """Section labels in each language are the titles of that language's landing pages
    (checked on each section's own page: the navigation is pruned to the page's path)."""
    from copsite import countries

    src = registry.source_language().code
    section_page = {frontmatter.read(content.lang_dir(src) / rel, rel).meta["title"]: rel
                    for rel in content.pages(src) if rel.endswith("/index.md")}
    section_page[countries.SECTION_TITLE] = countries.generated_rels()[0]
    for lang in LANGS:
        if lang.is_source:
            continue
        translations = siteconfig.nav_translations(lang.code)
        assert translations, f"{lang.code}: no translated section titles"
        for en_title, title in translations.items():
            html = html_of(built_site, lang.code, section_page[en_title])
            nav = html[html.index('md-nav--primary'):html.index('</nav>', html.index('md-nav--primary'))]
            assert title in nav, (lang.code, title)
            assert f">{en_title}<" not in html, (lang.code, en_title)


def test_admonition_and_theme_strings_translated(built_site):
    for lang in LANGS:
        if lang.is_source:
            continue
        # an untitled admonition gets the catalog's title
        for rel in content.pages(lang.code):
            text = (content.lang_dir(lang.code) / rel).read_text(encoding="utf-8")
            m = re.search(r"^!!! (note|tip|warning)\s*$", text, re.M)
            if m:
                title = l10n.gettext(lang.code, siteconfig.ADMONITIONS[m.group(1)])
                assert title != siteconfig.ADMONITIONS[m.group(1)]
                assert f'<p class="admonition-title">{title}</p>' in html_of(built_site, lang.code, rel), (lang.code, rel)
                break
        home = html_of(built_site, lang.code, "index.md")
        placeholder = re.search(r'class="md-search__input"[^>]*placeholder="([^"]+)"', home).group(1)
        assert placeholder != "Search", lang.code
        assert _text_is_in_language(placeholder, lang.code), (lang.code, placeholder)


def _text_is_in_language(text: str, code: str) -> bool:
    return bool(re.search(SCRIPTS[code], text)) if code in SCRIPTS else True


def test_no_head_alternates_sitemap_has_them(built_site):
    """hreflang lives in sitemap.xml only: Material's head links are relative, name
    fallback copies, and make its script fetch <alternate>/sitemap.xml on load."""
    for lang in LANGS:
        for rel in sample_pages():
            assert 'rel="alternate"' not in html_of(built_site, lang.code, rel), (lang.code, rel)


def test_sitemap_alternates(built_site):
    xml = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<url>(.*?)</url>", xml, re.S)
    expected = sum(1 for rel in content.source_pages() for l in LANGS if content.is_translated(l.code, rel))
    assert len(urls) == expected
    for block in urls:
        loc = re.search(r"<loc>(.*?)</loc>", block).group(1)
        assert loc.startswith(SITE_URL)
        alts = re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block)
        if alts:
            assert ("x-default" in dict(alts))
            assert all(h.startswith(SITE_URL) for _, h in alts)
            assert loc in [h for _, h in alts]


def test_not_found_page_per_language(built_site, server):
    import urllib.error
    import urllib.request

    for lang in LANGS:
        path = built_site / lang.prefix / "404.html"
        html = path.read_text(encoding="utf-8")
        assert f'<html lang="{lang.html_tag}"' in html
        assert l10n.gettext(lang.code, "Page not found") in html
        try:
            urllib.request.urlopen(f"{server.url}/{lang.prefix}no/such/page/")
            raise AssertionError("expected a 404")
        except urllib.error.HTTPError as err:
            assert err.code == 404
            assert f'<html lang="{lang.html_tag}"' in err.read().decode()
    rules = (built_site / "_redirects").read_text()
    for lang in LANGS:
        if lang.prefix:
            assert f"/{lang.prefix}*  /{lang.prefix}404.html  404" in rules


def _index(site: Path, code: str) -> dict:
    raw = (site / registry.language(code).prefix / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u" not in raw.replace("\\u200b", "").replace("\\u3000", ""), f"{code}: index escapes non-ASCII"
    return json.loads(raw)


def test_search_index_per_language(built_site):
    sizes = {}
    for lang in LANGS:
        idx = _index(built_site, lang.code)
        assert idx["docs"], lang.code
        prefixes = [l.prefix for l in LANGS if l.prefix]
        for doc in idx["docs"]:
            loc = doc["location"]  # relative to the language's own root, which is the search base
            assert not any(loc.startswith(p) for p in prefixes), (lang.code, loc)
            assert (built_site / lang.prefix / loc.split("#")[0] / "index.html").is_file(), (lang.code, loc)
        assert "\u200b" in idx["config"]["separator"] or "\\u200b" in idx["config"]["separator"]
        sizes[lang.code] = len(json.dumps(idx))
    # a reader downloads about 1/L of what the combined index would be
    assert max(sizes.values()) < 0.5 * sum(sizes.values())


def test_chinese_words_segmented_mid_sentence(built_site):
    idx = _index(built_site, "zh")
    text = "".join(d["text"] for d in idx["docs"])
    assert text.count("\u200b") > 100, "jieba segmentation missing"
    # a word that occurs inside a sentence is a separate token
    sep = re.compile(idx["config"]["separator"])
    tokens = {t for d in idx["docs"] for t in sep.split(re.sub(r"<[^>]+>", " ", d["text"]))}
    assert "安全" in tokens or "网络" in tokens
    first_tokens = {sep.split(re.sub(r"<[^>]+>", " ", d["text"]).strip())[0] for d in idx["docs"] if d["text"].strip()}
    assert ({"安全", "网络"} & tokens) - first_tokens


def test_fallback_pages_not_in_language_index(built_site):
    for lang in LANGS:
        idx = _index(built_site, lang.code)
        for doc in idx["docs"]:
            url = doc["location"].split("#")[0]
            rel = next((r for r in content.source_pages() if content.url_of(r) == url), None)
            assert rel and content.is_translated(lang.code, rel), (lang.code, doc["location"])


THIRD_PARTY_RE = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//([^/"'\s>]+)""", re.I)
CSS_URL_RE = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])(?:https?:)?//([^/"')\s]+)""", re.I)
JS_URL_RE = re.compile(r"""["'`](https?://[^"'`\s]+)""")
# URLs that exist in Material's JavaScript but are never requested by this site
INERT_JS_URLS = ("https://unpkg.com/mermaid",  # loaded only when a page has a Mermaid diagram: we have none
                 "https://api.github.com",      # used only when repo_url is a GitHub repository
                 "https://unpkg.com/resize-observer-polyfill",  # only in browsers without ResizeObserver (pre-2020)
                 "https://${e}/api/v4",         # GitLab API, only with a GitLab repo_url
                 "https://www.w3.org/", "http://www.w3.org/")


def test_no_third_party_requests_in_built_files(built_site):
    own = urlsplit(SITE_URL).hostname
    problems = []
    for path in built_site.rglob("*"):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            # outbound links (<a href>) are navigation, not requests; everything else must be local
            for tag in re.findall(r"<(?!a\s)[a-z]+\s[^>]*>", text, re.I):
                if tag.lower().startswith("<link") and re.search(r'rel="(alternate|canonical)"', tag):
                    continue
                for host in THIRD_PARTY_RE.findall(tag):
                    if host != own:
                        problems.append(f"{path.relative_to(built_site)}: {tag[:120]}")
            for host in CSS_URL_RE.findall(text):
                problems.append(f"{path.relative_to(built_site)}: css url {host}")
        elif path.suffix == ".css":
            for host in CSS_URL_RE.findall(path.read_text(encoding="utf-8")):
                problems.append(f"{path.relative_to(built_site)}: {host}")
        elif path.suffix == ".js":
            for url in JS_URL_RE.findall(path.read_text(encoding="utf-8", errors="replace")):
                if not url.startswith(INERT_JS_URLS):
                    problems.append(f"{path.relative_to(built_site)}: {url}")
    assert problems == []
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


def test_no_edit_link_on_childrens_pages(built_site):
    """A child reading a story is not offered to edit it (translators use the contributing guide)."""
    for lang in LANGS:
        for rel in content.pages("en"):
            html = (built_site / lang.prefix / content.url_of(rel) / "index.html").read_text(encoding="utf-8")
            if rel.startswith("children/"):
                assert "md-content__button" not in html, (lang.code, rel)
            elif rel == "parents/four-cs.md":
                assert "md-content__button" in html, (lang.code, rel)


def test_404_title_says_not_found(built_site):
    from copsite import l10n

    for lang in LANGS:
        html = (built_site / lang.prefix / "404.html").read_text(encoding="utf-8")
        title = re.search(r"<title>([^<]*)</title>", html).group(1)
        assert title.startswith(l10n.gettext(lang.code, "Page not found")), (lang.code, title)


@pytest.mark.parametrize("code", ["mn", "id"])
def test_edition_navigation_is_in_its_language(built_site, code):
    """The top of the navigation of the mn and id editions: no English section or page titles."""
    html = (built_site / code / "get-help" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index("md-nav--primary"):html.index("md-sidebar--secondary")]
    labels = {t.strip() for t in re.sub(r"<[^>]+>", "\n", nav).split("\n") if t.strip()}
    english = {frontmatter.read(content.lang_dir("en") / rel, rel).meta["title"]
               for rel in content.pages("en") if rel.count("/") <= 1 and (rel.endswith("index.md") or "/" not in rel)}
    english -= {frontmatter.read(content.lang_dir(code) / rel, rel).meta["title"]
                for rel in content.pages(code)}  # a title that is the same in both languages
    assert not labels & english, (code, labels & english)


def test_interface_words_on_a_page_are_in_its_language(built_site):
    """The heading anchors' tooltip, and the translated link to the English page, which is not
    marked as English (a screen reader would read Arabic words with English rules)."""
    for lang in LANGS:
        html = (built_site / lang.prefix / "parents" / "four-cs" / "index.html").read_text(encoding="utf-8")
        titles = set(re.findall(r'class="headerlink" href="[^"]*" title="([^"]*)"', html))
        assert titles == {l10n.gettext(lang.code, "Permanent link")}, (lang.code, titles)
        if not lang.is_source:
            assert titles != {"Permanent link"}, lang.code
    html = (built_site / "mn" / "industry" / "csam" / "index.html").read_text(encoding="utf-8")
    notice = html[html.index('class="admonition info cop-fallback"'):]
    link = re.search(r'<a href="[^"]*" hreflang="en"([^>]*)>([^<]*)</a>', notice)
    assert link.group(2) == l10n.gettext("mn", "Open the English page") and "lang=" not in link.group(1)


def test_chinese_pages_declare_simplified_chinese(built_site):
    """Content review (zh): the pages are written in simplified characters: lang="zh-Hans" on every
    Chinese page, the language menu and the fallback notice; the folder and URLs stay zh."""
    for path in (built_site / "zh").rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        assert '<html lang="zh-Hans"' in html, path
        assert 'hreflang="zh" lang="zh-Hans" class="md-select__link"' in html, path
