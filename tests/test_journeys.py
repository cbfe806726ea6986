"""Reader journeys, done the way a reader does them, in every site language, on the real build:
search and click a result, follow every entry of the language menu on every page type, read on a
390 px phone. A journey asserts where the reader lands, not what a link looks like."""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from copsite import registry

pytestmark = pytest.mark.browser

SITE_LANGS = [lang.code for lang in registry.site_languages()]

# a word of each language taken from the middle of a sentence of its guidance
QUERIES = {"en": "privacy", "ar": "الخصوصية", "zh": "隐私", "fr": "confidentialité", "ru": "конфиденциальность",
           "es": "privacidad", "mn": "хүүхэд", "id": "anak"}

# one page of every page type (a path inside a language), generated pages included
PAGE_TYPES = {
    "home": "",
    "section index": "parents/",
    "guidance": "parents/four-cs/",
    "children's page": "children/9-12/cyberbullying/",
    "get help": "get-help/",
    "glossary": "glossary/",
    "about": "about/",
    "countries index": "countries/",
    "country": "countries/mn/",
    "translation status": "translation-status/",
    "app guide": "parents/guides/tiktok/",
    "easy read": "children/easy-read/getting-help/",
}


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def html_lang(html: str) -> str:
    """The language code of a page (its <html lang> may be the fuller tag: zh-Hans)."""
    tag = re.search(r'<html[^>]*\blang="([^"]+)"', html).group(1)
    return next((l.code for l in registry.languages() if l.html_tag == tag), tag)


def url_of(code: str, path: str) -> str:
    return "/" + registry.language(code).prefix + path


def type_search(page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    page.keyboard.press("End")  # non-ASCII text arrives without a keyup; Material listens for keyup
    page.wait_for_selector(".md-search-result__item", timeout=20000)


@pytest.mark.parametrize("code", SITE_LANGS)
def test_search_result_opens_the_page_in_that_language(server, page, code):
    query = QUERIES[code]
    page.goto(server.url + url_of(code, "parents/"))
    type_search(page, query)
    first = page.locator(".md-search-result__item > a").first
    with page.expect_navigation():
        first.click()
    status, html = fetch(page.url.split("#")[0])
    assert status == 200, f"{code}: the first result for {query!r} opens {page.url} ({status})"
    assert page.evaluate("() => document.documentElement.lang") == registry.language(code).html_tag
    assert urlsplit(page.url).path.startswith(url_of(code, "")), page.url
    assert query.lower() in page.locator("article").inner_text().lower()
    # the term is highlighted (search.highlight)
    marks = page.locator("article mark").all_inner_texts()
    assert any(query.lower() in m.lower() or m.lower() in query.lower() for m in marks), (code, marks[:5])


def menu_links(page) -> list[tuple[str, str]]:
    return [(a.get_attribute("hreflang"), a.get_attribute("href"))
            for a in page.locator("a.md-select__link").all()]


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_language_menu_keeps_the_page(server, page, kind):
    path = PAGE_TYPES[kind]
    for code in SITE_LANGS:
        here = server.url + url_of(code, path)
        page.goto(here)
        links = menu_links(page)
        assert sorted(h for h, _ in links) == sorted(SITE_LANGS), (here, links)
        for target, href in links:
            dest = urljoin(page.url, href)
            status, html = fetch(dest)
            assert status == 200, f"{kind}: menu entry {target} on {here} opens {dest} ({status})"
            assert html_lang(html) == target, (here, target, dest)
            assert urlsplit(dest).path == url_of(target, path), f"{kind}: menu entry {target} on {here} opens {dest}"


def test_language_menu_clicked_on_country_page(server, page):
    page.goto(server.url + url_of("zh", "countries/mn/"))
    page.locator(".md-header__option .md-select").first.hover()
    page.locator('a.md-select__link[hreflang="mn"]').click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/mn/countries/mn/"
    assert page.evaluate("() => document.documentElement.lang") == "mn"


@pytest.mark.parametrize("code", SITE_LANGS)
def test_language_menu_on_404_page(server, page, code):
    page.goto(server.url + url_of(code, "no-such-page/"))
    links = menu_links(page)
    assert sorted(h for h, _ in links) == sorted(SITE_LANGS)
    for target, href in links:
        dest = urljoin(page.url, href)
        status, html = fetch(dest)
        assert status == 200 and html_lang(html) == target, (code, target, dest, status)
        assert urlsplit(dest).path == url_of(target, ""), (code, target, dest)


@pytest.mark.parametrize("width", [1280, 390])
def test_every_language_visible_in_the_menu(server, browser_context, width):
    pg = browser_context.new_page()
    pg.set_viewport_size({"width": width, "height": 844 if width < 500 else 800})
    for code in ("en", "ar"):
        pg.goto(server.url + url_of(code, "parents/"))
        pg.locator(".md-header__option .md-select button").first.hover()
        pg.wait_for_timeout(300)
        inner = pg.locator(".md-select__inner").first
        box = inner.bounding_box()
        assert pg.evaluate("() => { const l = document.querySelector('.md-select__list'); return l.scrollHeight <= l.clientHeight + 1 }")
        for a in pg.locator("a.md-select__link").all():
            b = a.bounding_box()
            assert b and a.is_visible(), (code, width, a.get_attribute("hreflang"))
            assert box["y"] - 1 <= b["y"] and b["y"] + b["height"] <= box["y"] + box["height"] + 1, (code, width, a.get_attribute("hreflang"))
            assert 0 <= b["x"] and b["x"] + b["width"] <= width, (code, width, a.get_attribute("hreflang"))
    pg.close()


PHONE_PAGES = dict(PAGE_TYPES, **{"404": "no-such-page/"})


@pytest.mark.parametrize("code", SITE_LANGS)
def test_phone_no_sideways_scroll_and_quick_exit(server, browser_context, code):
    pg = browser_context.new_page()
    pg.set_viewport_size({"width": 390, "height": 844})
    for kind, path in PHONE_PAGES.items():
        pg.goto(server.url + url_of(code, path))
        over = pg.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert over <= 0, f"{code} {kind}: the page scrolls sideways by {over}px at 390px"
        exit_button = pg.locator(".cop-exit__button")
        if exit_button.count():
            b = exit_button.bounding_box()
            assert b["width"] >= 44 and b["height"] >= 44, (code, kind, b)
            size = pg.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.cop-exit__button')).fontSize)")
            assert size >= 16, (code, kind, size)
    pg.goto(server.url + url_of(code, "get-help/"))
    assert pg.locator('a[href^="tel:"]').count() > 0, f"{code}: Get help has no tap-to-call link"
    pg.close()


def test_arabic_direction_on_the_html_element(server, page):
    page.goto(server.url + "/ar/")
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    page.goto(server.url + "/ar/no-such-page/")
    assert page.evaluate("() => document.documentElement.dir") == "rtl"


def test_search_links_are_not_doubled(built_site):
    """The fault behind every dead search result: the language prefix written twice."""
    import json

    for code in SITE_LANGS:
        prefix = registry.language(code).prefix
        index = json.loads((built_site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        for doc in index["docs"]:
            target = built_site / prefix / unquote(doc["location"].split("#")[0]) / "index.html"
            assert target.is_file(), f"{code}: search entry {doc['location']} has no page ({target})"


def test_chinese_phrase_ranks_the_page_that_holds_it_first(server, page):
    """数字记录 is searched as 数字 + 记录: the page with the exact phrase comes first."""
    page.goto(server.url + "/zh/")
    type_search(page, "数字记录")
    with page.expect_navigation():
        page.locator(".md-search-result__item > a").first.click()
    assert "数字记录" in page.locator("article").inner_text()
