"""Offline edition: `copsite bundle` zips that work from file:// with no network, search included."""
from __future__ import annotations

import zipfile

import pytest

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
    assert "cop-guidelines-ar/ar/index.html" in names and "cop-guidelines-ar/index.html" in names
    assert not any(n.endswith(("/zh/index.html", "_headers", "sitemap.xml")) for n in names)
    html = (root / "ar" / "children" / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in html and "iframe-worker-shim.js" in html
    vendored = (ROOT / "overrides" / "assets" / "javascripts" / "iframe-worker-shim.js").read_text(encoding="utf-8")
    assert (ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js").read_text(encoding="utf-8").strip() in vendored


def test_opens_from_file_with_search_and_no_network(bundle_ar, browser_context):
    root, _ = bundle_ar
    requests = []
    pg = browser_context.new_page()
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto((root / "ar" / "index.html").as_uri())
    assert pg.evaluate("() => document.documentElement.lang") == "ar"
    # follow a link inside the bundle
    pg.click("a.cop-help-link")
    assert pg.url.endswith("/ar/get-help.html")
    box = pg.locator("input.md-search__input")
    box.click()
    box.type("الأطفال")
    pg.keyboard.press("End")
    pg.wait_for_selector(".md-search-result__item", timeout=20000)
    hrefs = [a.get_attribute("href") for a in pg.locator(".md-search-result__item > a").all()]
    assert hrefs and all("/ar/" in h for h in hrefs), hrefs
    assert [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))] == []
    pg.close()
