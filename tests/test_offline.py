"""Offline edition: `copsite bundle` zips that work from file:// with no network, search included."""
from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from copsite import l10n
from helpers import ROOT, run_copsite

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bundle_ar(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    res = run_copsite("bundle", "--lang", "ar", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert "offline edition: ar" in res.stdout          # progress is shown
    unzipped = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(out / "cop-guidelines-ar.zip") as zf:
        names = zf.namelist()
        zf.extractall(unzipped)
    return unzipped / "cop-guidelines-ar", names


def test_bundle_contents(bundle_ar):
    root, names = bundle_ar
    top = "cop-guidelines-ar/"
    assert {top + "index.html", top + "README.txt", top + "site/ar/index.html", top + "site/index.html"} <= set(names)
    assert not any(n.endswith(("/zh/index.html", "_headers", "sitemap.xml")) for n in names)
    html = (root / "site" / "ar" / "children" / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in html and "iframe-worker-shim.js" in html
    vendored = (ROOT / "overrides" / "assets" / "javascripts" / "iframe-worker-shim.js").read_text(encoding="utf-8")
    assert (ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js").read_text(encoding="utf-8").strip() in vendored
    readme = (root / "README.txt").read_text(encoding="utf-8")
    assert l10n.gettext("ar", "Open the offline copy") in readme and "index.html" in readme


def test_top_page_opens_the_arabic_home_and_says_it_is_offline(bundle_ar, page):
    root, _ = bundle_ar
    page.goto((root / "index.html").as_uri())
    page.wait_for_url("**/site/ar/index.html")
    assert page.evaluate("() => document.documentElement.lang") == "ar"
    notice = page.locator(".cop-offline")
    assert notice.is_visible()
    assert notice.inner_text().startswith(l10n.gettext("ar", "This is an offline copy of the site, made on %(date)s.").split("%(date)s")[0])


def test_menu_lists_only_the_languages_inside(bundle_ar, page):
    root, _ = bundle_ar
    for rel in ("site/ar/index.html", "site/ar/parents/four-cs.html", "site/ar/countries/mn.html", "site/parents/four-cs.html"):
        page.goto((root / rel).as_uri())
        links = page.locator("a.md-select__link").all()
        assert sorted(a.get_attribute("hreflang") for a in links) == ["ar", "en"], rel
        for a in links:
            target = Path(unquote(urlsplit(urljoin(page.url, a.get_attribute("href"))).path))
            assert target.is_file(), (rel, a.get_attribute("href"))


def test_opens_from_file_with_search_and_no_network(bundle_ar, browser_context):
    root, _ = bundle_ar
    requests = []
    pg = browser_context.new_page()
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto((root / "site" / "ar" / "index.html").as_uri())
    assert pg.evaluate("() => document.documentElement.lang") == "ar"
    # follow a link inside the bundle
    pg.click("a.cop-help-link")
    assert pg.url.endswith("/ar/get-help.html")
    box = pg.locator("input.md-search__input")
    box.click()
    box.fill("الأطفال")
    pg.keyboard.press("End")
    pg.wait_for_selector(".md-search-result__item", timeout=20000)
    hrefs = [a.get_attribute("href") for a in pg.locator(".md-search-result__item > a").all()]
    assert hrefs and all("/ar/" in h for h in hrefs), hrefs
    for href in hrefs:  # every result is a page inside the zip
        assert Path(unquote(urlsplit(urljoin(pg.url, href)).path)).is_file(), href
    with pg.expect_navigation():
        pg.locator(".md-search-result__item > a").first.click()
    assert pg.evaluate("() => document.documentElement.lang") == "ar"
    assert "الأطفال" in pg.locator("article").inner_text()
    assert [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))] == []
    pg.close()
