"""Children's pages as children meet them (issue 20): the "What would you do?" scenarios work with
JavaScript off and from the keyboard, and no documentation chrome stands in the way."""
from __future__ import annotations

import html as htmllib
import re

import pytest

from copsite import content, registry

LANGS = registry.codes(include_draft=False)


def _scenario_pages(code: str) -> list[str]:
    return [rel for rel in content.pages("en") if rel.startswith("children/") and
            "??? question" in (content.lang_dir("en") / rel).read_text(encoding="utf-8")]


@pytest.mark.parametrize("code", LANGS)
def test_no_table_of_contents_or_edit_link_on_childrens_pages(built_site, code):
    prefix = registry.language(code).prefix
    for rel in [r for r in content.pages("en") if r.startswith("children/")]:
        html = (built_site / prefix / content.url_of(rel) / "index.html").read_text(encoding="utf-8")
        assert re.search(r'data-md-type="toc"\s+hidden', html), (code, rel)  # Material's table of contents, hidden
        assert 'rel="edit"' not in html, (code, rel)


@pytest.mark.browser
@pytest.mark.parametrize("code", ["en", "ar", "zh"])
def test_scenarios_work_without_javascript_and_from_the_keyboard(server, browser, code):
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    try:
        prefix = registry.language(code).prefix
        for rel in _scenario_pages(code)[::6]:  # a page of each age band
            pg.goto(f"{server.url}/{prefix}{content.url_of(rel)}")
            choices = pg.locator("article details.question")
            assert choices.count() >= 1, (code, rel)
            first = choices.first
            assert not first.evaluate("d => d.open")
            answer = first.locator(":scope > :not(summary)").first
            assert not answer.is_visible()
            first.locator("summary").click()                    # no script: the browser opens it
            assert first.evaluate("d => d.open") and answer.is_visible(), (code, rel)
        ctx2 = browser.new_context()
        pg2 = ctx2.new_page()
        pg2.goto(f"{server.url}/{prefix}{content.url_of(_scenario_pages(code)[0])}")
        summary = pg2.locator("article details.question summary").first
        summary.focus()
        pg2.keyboard.press("Enter")                              # and from the keyboard
        assert pg2.locator("article details.question").first.evaluate("d => d.open")
        ctx2.close()
    finally:
        ctx.close()


def test_scenarios_store_and_send_nothing():
    own = ("quick-exit.js", "read-aloud.js", "lazy-search.js", "search-results.js")  # the site's own scripts
    js = "".join((content.paths.OVERRIDES / "assets" / "javascripts" / name).read_text(encoding="utf-8") for name in own)
    assert not re.search(r"localStorage|sessionStorage|document\.cookie|sendBeacon|fetch\(|XMLHttpRequest\(", js)


# ---------------------------------------------------------------- illustrated stories

from copsite import illustrations, l10n  # noqa: E402

SVG_ELEMENTS = {"svg", "g", "rect", "circle", "ellipse", "path", "line", "polyline", "polygon"}
SVG_ATTRIBUTES = {"xmlns", "viewBox", "d", "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "x1", "y1", "x2", "y2",
                  "points", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "opacity",
                  "fill-opacity", "stroke-opacity", "transform", "fill-rule", "stroke-dasharray", "stroke-miterlimit"}


def test_pictures_are_plain_drawings_without_words():
    """Every picture is a drawing only: no text (every language reuses it), no script, style or link."""
    import xml.etree.ElementTree as ET

    folder = content.paths.OVERRIDES / illustrations.FOLDER
    files = {p.file for p in illustrations.PICTURES} | {f for _, pics in illustrations.CARDS.values() for f in pics.values()}
    for name in sorted(files):
        path = folder / name
        assert path.stat().st_size < 6000, name
        for el in ET.parse(path).iter():
            tag = el.tag.split("}", 1)[-1]
            assert tag in SVG_ELEMENTS, (name, tag)
            assert set(el.attrib) <= SVG_ATTRIBUTES, (name, set(el.attrib) - SVG_ATTRIBUTES)
            assert not (el.text or "").strip(), (name, "text in a picture")


@pytest.mark.parametrize("code", LANGS)
def test_every_story_has_its_pictures_with_text_in_the_pages_language(built_site, code):
    prefix = registry.language(code).prefix
    pages = sorted({p.page for p in illustrations.PICTURES})
    assert len(pages) == 6
    for rel in pages:
        html = (built_site / prefix / content.url_of(rel) / "index.html").read_text(encoding="utf-8")
        imgs = re.findall(r'<img class="cop-picture( cop-mirror)?" src="([^"]+)" alt="([^"]*)"', html)
        expected = [p for p in illustrations.PICTURES if p.page == rel]
        assert [src.rsplit("/", 1)[1] for _, src, _ in imgs] == [p.file for p in expected], (code, rel)
        for (mirror, src, alt), p in zip(imgs, expected):
            want = l10n.gettext(code, p.alt)
            assert alt and alt == htmllib.escape(want, quote=True), (code, rel, alt)
            if code != "en":
                assert want != p.alt, (code, p.file, "the text alternative is not translated")
            assert bool(mirror) == p.mirror
            assert (built_site / prefix / content.url_of(rel) / src).resolve().is_file()


def test_landing_pages_show_picture_cards(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<img class="cop-card__img" src="assets/images/stories/(children|parents|industry|policy)\.svg" alt=""', home)) == 4
    kids = (built_site / "ar" / "children" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<img class="cop-card__img" src="\.\./\.\./assets/images/stories/age-[a-z0-9-]+\.svg" alt=""', kids)) == 3
