"""Headless Chromium (Debian's, driven by Playwright) on the served real site."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from copsite import registry

pytestmark = pytest.mark.browser

# a word of each language that occurs mid-sentence in its guidance
QUERIES = {"zh": "隐私", "ar": "الخصوصية", "ru": "конфиденциальность", "en": "privacy",
           "fr": "confidentialité", "es": "privacidad"}


def search(page, url: str, query: str) -> list[str]:
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    box.type(query)
    page.keyboard.press("End")  # non-ASCII text arrives as insertText without keyup; Material listens for keyup
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]


@pytest.mark.parametrize("code", ["zh", "ar", "ru", "en", "fr", "es"])
def test_search_finds_own_language_only(server, page, code):
    lang = registry.language(code)
    hrefs = search(page, f"{server.url}/{lang.prefix}", QUERIES[code])
    assert hrefs, f"no results for {QUERIES[code]!r} on the {code} site"
    others = [l.prefix for l in registry.languages() if l.prefix and l.code != code]
    for href in hrefs:
        path = urlsplit(href).path
        assert path.startswith(f"/{lang.prefix}"), href
        assert not any(path.startswith(f"/{p}") for p in others), href


def test_english_word_not_found_on_arabic_site(server, page):
    page.goto(f"{server.url}/ar/")
    box = page.locator("input.md-search__input")
    box.click()
    box.type("sextortion")
    page.keyboard.press("End")
    page.wait_for_timeout(1500)
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]
    assert all(urlsplit(h).path.startswith("/ar/") for h in hrefs)


def test_no_third_party_requests_cookies_or_storage(server, browser_context):
    seen = []
    pg = browser_context.new_page()
    pg.on("request", lambda req: seen.append(req.url))
    for code in ("en", "ar", "zh"):
        prefix = registry.language(code).prefix
        for path in ("", "children/", "get-help/"):
            pg.goto(f"{server.url}/{prefix}{path}")
            pg.wait_for_load_state("networkidle")
            storage = pg.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
            assert storage == [0, 0, ""], (code, path, storage)
    hosts = {urlsplit(u).hostname for u in seen if not u.startswith("data:")}
    assert hosts == {"127.0.0.1"}, hosts
    assert browser_context.cookies() == []
    pg.close()


def test_arabic_layout_mirrors(server, page):
    page.goto(f"{server.url}/ar/children/")
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    nav = page.locator(".md-sidebar--primary").bounding_box()
    content = page.locator(".md-content").bounding_box()
    assert nav["x"] > content["x"], "primary navigation should be on the right in Arabic"


def test_language_switch_keeps_the_page(server, page):
    page.goto(f"{server.url}/parents/four-cs/")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator('a.md-select__link[hreflang="ar"]').click()
    page.wait_for_url("**/ar/parents/four-cs/")
    assert page.evaluate("() => document.documentElement.lang") == "ar"
    page.locator(".md-header__option .md-select").first.hover()
    page.locator('a.md-select__link[hreflang="zh"]').click()
    page.wait_for_url("**/zh/parents/four-cs/")


def test_fallback_notice_visible_in_readers_language(server, page):
    page.goto(f"{server.url}/mn/industry/csam/")
    notice = page.locator(".cop-fallback")
    assert notice.is_visible()
    assert notice.get_attribute("lang") == "mn"
    assert "Хараахан орчуулаагүй" in notice.inner_text()
    body_lang = page.evaluate("() => document.querySelector('.cop-fallback-body').closest('[lang]').lang")
    assert body_lang == "en"
    notice.locator("a[hreflang]").click()  # "Open the English page"
    page.wait_for_url("**/industry/csam/")
    assert "/mn/" not in page.url
    # the notice's other link: the language's translation status (not in the menu)
    page.goto(f"{server.url}/mn/industry/csam/")
    page.locator(".cop-fallback a:not([hreflang])").click()
    page.wait_for_url("**/mn/translation-status/")


def test_mongolian_and_indonesian_search(server, page):
    for code, word in (("mn", "хүүхэд"), ("id", "anak")):
        hrefs = search(page, f"{server.url}/{code}/", word)
        assert hrefs and all(f"/{code}/" in h for h in hrefs), (code, hrefs[:3])


def test_search_index_loaded_only_when_searching(server, browser_context):
    pg = browser_context.new_page()
    seen = []
    pg.on("request", lambda r: seen.append(r.url))
    pg.goto(f"{server.url}/ar/children/")
    pg.wait_for_load_state("networkidle")
    pg.wait_for_timeout(500)
    assert not any(u.endswith("search_index.json") for u in seen), "index fetched before any search"
    hrefs = search(pg, f"{server.url}/ar/children/", QUERIES["ar"])
    assert hrefs
    assert [u for u in seen if u.endswith("search_index.json")] == [f"{server.url}/ar/search/search_index.json"]
    pg.close()
