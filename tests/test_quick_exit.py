"""Quick exit on sensitive pages: button and Shift x3, page blanked, back button does not return."""
from __future__ import annotations

import pytest

from copsite import content, frontmatter, l10n, registry

pytestmark = pytest.mark.browser

SENSITIVE = "children/13-18/images-and-sextortion/"


@pytest.fixture
def exit_page(browser_context):
    pg = browser_context.new_page()
    # the neutral site is not reachable here: answer it locally so the test sees the navigation
    pg.route("https://www.wikipedia.org/**", lambda route: route.fulfill(status=200, body="<title>Neutral</title>neutral",
                                                                         content_type="text/html"))
    yield pg
    pg.close()


@pytest.mark.parametrize("code", [l.code for l in registry.languages()])
def test_exit_button_labelled_on_sensitive_pages_only(built_site, code):
    lang = registry.language(code)
    label = l10n.gettext(code, "Exit this page")
    if not lang.is_source:
        assert label != "Exit this page", code
    for rel in content.pages("en"):
        meta = frontmatter.read(content.lang_dir("en") / rel, rel).meta
        html = (built_site / lang.prefix / content.url_of(rel) / "index.html").read_text(encoding="utf-8")
        if meta.get("sensitive"):
            translated = content.is_translated(code, rel)
            assert 'class="cop-exit__button"' in html, (code, rel)
            assert label in html, (code, rel)
            assert "get-help/#clear-history" in html
        else:
            assert "cop-exit__button" not in html, (code, rel)


def test_button_leaves_and_back_does_not_return(server, exit_page):
    pg = exit_page
    pg.goto(f"{server.url}/")
    pg.goto(f"{server.url}/{SENSITIVE}")
    pg.click(".cop-exit__button")
    pg.wait_for_url("https://www.wikipedia.org/**")
    pg.go_back()
    assert SENSITIVE not in pg.url          # location.replace(): the sensitive page is not in the back history
    assert pg.url.rstrip("/") == server.url


def test_shift_three_times(server, exit_page):
    pg = exit_page
    pg.goto(f"{server.url}/ar/{SENSITIVE}")
    for _ in range(3):
        pg.keyboard.press("Shift")
    pg.wait_for_url("https://www.wikipedia.org/**")


def test_two_shifts_do_nothing_and_page_blanks_at_once(server, page):
    page.goto(f"{server.url}/{SENSITIVE}")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.evaluate("() => getComputedStyle(document.body).display") != "none"
    # stay on the page to observe it: an exit address that does not navigate
    page.evaluate("() => document.querySelector('.cop-exit').setAttribute('data-exit-url', 'javascript:void(0)')")
    page.keyboard.press("Shift")
    page.wait_for_timeout(200)
    assert page.evaluate("() => getComputedStyle(document.body).display") == "none"
    assert page.evaluate("() => document.title") == ""


def test_sticky_and_hidden_in_print(server, page):
    page.goto(f"{server.url}/{SENSITIVE}")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.cop-exit')).position") == "sticky"
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    box = page.locator(".cop-exit").bounding_box()
    assert box["y"] <= 1, box                   # still at the top after scrolling
    page.emulate_media(media="print")
    assert not page.locator(".cop-exit").is_visible()


def test_exit_destination_is_reachable_where_the_language_is_read(built_site):
    """Wikipedia is blocked in mainland China: the Chinese exit goes to a site readers there can open.
    The destination is a catalog string, so a country team can change it."""
    for code in [l.code for l in registry.site_languages()]:
        dest = l10n.gettext(code, "https://www.wikipedia.org/")
        assert dest.startswith("https://") and '"' not in dest, (code, dest)
        html = (built_site / registry.language(code).prefix / SENSITIVE / "index.html").read_text(encoding="utf-8")
        assert f'data-exit-url="{dest}"' in html, code
    assert "wikipedia" not in l10n.gettext("zh", "https://www.wikipedia.org/")


def test_on_a_phone_the_button_is_big_and_there_is_no_shift_hint(server, browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    pg = ctx.new_page()
    for code in ("en", "ar", "zh"):
        pg.goto(f"{server.url}/{registry.language(code).prefix}{SENSITIVE}")
        box = pg.locator(".cop-exit__button").bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (code, box)
        assert pg.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.cop-exit__button')).fontSize)") >= 16
        assert not pg.locator(".cop-exit__keys").is_visible(), code   # no Shift key on a touch screen
        assert pg.locator(".cop-exit__hint a").is_visible(), code      # the history warning stays
    ctx.close()


def test_exit_destination_must_be_an_https_address(tmp_path):
    from helpers import make_site, page, run_copsite

    root = make_site(tmp_path, {"en/index.md": page("Home"), "zh/index.md": page("首页")},
                     languages=[{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
                                {"code": "zh", "name": "中文", "dir": "ltr", "status": "translating"}])
    po = root / "overrides" / "locales" / "zh" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    dest = l10n.gettext("zh", "https://www.wikipedia.org/")
    po.write_text(text.replace(f'msgstr "{dest}"', 'msgstr "javascript:alert(1)"'), encoding="utf-8")
    res = run_copsite("check", root=root)
    assert res.returncode != 0
    assert "'https://www.wikipedia.org/' must be an https:// address" in res.stdout + res.stderr
