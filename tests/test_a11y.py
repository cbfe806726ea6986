"""Accessibility: axe-core in headless Chromium on every kind of page in every language,
plus keyboard focus and links distinguishable without colour."""
from __future__ import annotations

import pytest

from copsite import content, registry
from helpers import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
KINDS = {
    "home": "", "audience landing": "parents/", "guidance page": "children/9-12/cyberbullying/",
    "country page": "countries/mn/", "get help": "get-help/", "status": "translation-status/",
    "404": "no/such/page/", "fallback page": "industry/csam/",
    # issue 20 and 18: an illustrated story with its read-aloud control, the children's landing page with
    # its picture cards, and a page with a national edition's additions (in mn and id)
    "illustrated story": "children/under-9/people-online/", "children's landing": "children/",
    "national additions": "parents/cyberbullying/",
    # issue 19: a guide rendered from data, an easy-read page
    "app guide": "parents/guides/roblox/", "easy read": "children/easy-read/people-online/",
}


def pages():
    for lang in registry.languages():
        for kind, path in KINDS.items():
            if kind == "fallback page" and lang.is_source:
                continue
            yield pytest.param(lang.code, kind, path, id=f"{lang.code}-{kind}")


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `npm ci` (./dev test does)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def axe_page(browser):
    """A page whose Content Security Policy (a <meta> in every page) lets the test add axe-core."""
    ctx = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    pg = ctx.new_page()
    yield pg
    ctx.close()


@pytest.mark.parametrize("code,kind,path", list(pages()))
def test_axe_no_violations(server, axe_page, axe_source, code, kind, path):
    page = axe_page
    prefix = registry.language(code).prefix
    page.goto(f"{server.url}/{prefix}{path}")
    page.add_script_tag(content=axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == [], (code, kind, violations)


def test_fallback_page_really_is_a_fallback():
    assert not content.is_translated("mn", "industry/csam.md")


def test_links_in_text_are_underlined(server, page):
    page.goto(f"{server.url}/parents/")
    deco = page.evaluate("() => getComputedStyle(document.querySelector('.md-typeset p a')).textDecorationLine")
    assert "underline" in deco


def test_keyboard_focus_is_visible(server, page):
    page.goto(f"{server.url}/get-help/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                            " return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth, s.boxShadow]; }")
    assert outline[0] in ("A", "BUTTON", "INPUT", "LABEL")
    assert outline[1] != "none" or outline[3] != "none", outline
