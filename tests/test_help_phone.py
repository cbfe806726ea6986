"""Help on a phone (issue 16, item 3): tap-to-call numbers, helplines readable at 390 px,
the "help now" block first on Get help, and countries in the reader's alphabetical order.

The browser tests (marked `browser` one by one: the unit tests need no browser) run Debian's
Chromium (Playwright) on the real site at a phone's size."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from copsite import countries, registry, security

LANGS = registry.codes(include_draft=False)
PHONE = {"width": 390, "height": 844}
COUNTRY = "ID"  # a country page with two helplines: a short code to call and a WhatsApp number


# ---------------------------------------------------------------- the dialling rule (no browser)

def test_dial_string_rule():
    assert countries.dial({"number": "108"}) == "108"                      # national short code, as dialled there
    assert countries.dial({"number": "08111-129-129"}) == "08111129129"    # spaces and dashes left out
    assert countries.dial({"number": "+00 123 456"}) == "+00123456"
    assert countries.dial({"number": "0123 456", "dial": "+00123456"}) == "+00123456"  # given: used as is
    assert countries.dial({"web": "https://example.org"}) is None
    assert countries.same_number("08111-129-129", "+628111129129")
    assert countries.same_number("108", "108")
    assert not countries.same_number("108", "+976109")


def _helpline_file(tmp_path: Path, extra: str) -> Path:
    """The valid Thai country file of test_countries, with `extra` lines in its one helpline."""
    from test_countries import GOOD

    path = tmp_path / "TH.yml"
    path.write_text(GOOD.replace("    operator: Childline", extra + "    operator: Childline", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("extra, line, message", [
    ('    dial: "+66 1387"\n', 11, "helplines[0].dial: '+66 1387' is not a dial string"),
    ('    dial: "1388"\n', 11, "helplines[0].dial: '1388' is not the number '1387'"),
    ('    whatsapp: "+66999999"\n', 11, "helplines[0].whatsapp: '+66999999' is not the number '1387'"),
    ('    calls: false\n', 11, "helplines[0].calls: a helpline that takes no calls needs 'whatsapp' or 'web'"),
])
def test_bad_dial_data_names_file_and_line(tmp_path, extra, line, message):
    path = _helpline_file(tmp_path, extra)
    data, errors = countries.validate(path)
    assert data is None and errors, errors
    text = "\n".join(str(e) for e in errors)
    assert f"TH.yml:{line}:" in text and message in text, text


def test_good_dial_data(tmp_path):
    data, errors = countries.validate(_helpline_file(tmp_path, '    dial: "+661387"\n'))
    assert errors == [] and countries.dial(data["helplines"][0]) == "+661387"


def test_every_number_in_the_data_can_be_dialled():
    for c in countries.load():
        for h in c.data["helplines"]:
            if h.get("number") and h.get("calls", True):
                assert countries.DIAL_RE.match(countries.dial(h)), (c.code, h["number"])


# ---------------------------------------------------------------- collation and placement

def test_countries_sorted_by_the_readers_collation():
    codes = ["ZM", "ES", "EG", "EC", "AE"]
    fake = [countries.Country(cc, {}, Path(f"{cc}.yml")) for cc in codes]
    fr = [countries.country_name(c.code, "fr") for c in countries.by_name(fake, "fr")]
    # accents after the letters (UCA), not code points: a plain sort puts every É after Z
    assert fr == ["Égypte", "Émirats arabes unis", "Équateur", "Espagne", "Zambie"]
    ru = [countries.country_name(c.code, "ru") for c in countries.by_name(fake, "ru")]
    assert ru == sorted(ru, key=str.casefold) and ru[0] == "Египет" and ru[-1] == "Эквадор"
    # Chinese readers look for a country by pinyin: 巴基斯坦 (Bājīsītǎn) before 不丹 (Bùdān) before 中国
    pk = [countries.Country(cc, {}, Path(f"{cc}.yml")) for cc in ["CN", "BT", "PK", "MN"]]
    assert [countries.country_name(c.code, "zh") for c in countries.by_name(pk, "zh")] == ["巴基斯坦", "不丹", "蒙古", "中国"]


@pytest.mark.parametrize("code", ["fr", "ru"])
def test_help_list_index_and_nav_follow_the_collation(code):
    expected = [c.slug for c in countries.by_name(countries.load(), code)]
    help_ids = re.findall(FINDER_ID, countries.render_help(code))
    assert help_ids == expected
    index = countries.render_pages(code)["countries/index.md"]
    assert re.findall(r"\]\(([a-z]{2})\.md\)", index) == expected
    assert countries.generated_rels(code)[1:] == [f"countries/{s}.md" for s in expected]


def test_help_section_moves_to_the_top():
    md = "Top block.\n\n## Advice { #advice }\n\nText.\n\n## Helplines by country { #by-country }\n\nIntro.\n"
    out = countries.insert_help(md, "en")
    assert out.index("Top block.") < out.index("{ #by-country }") < out.index("[Bhutan]") < out.index("## Advice")
    assert out.count("{ #by-country }") == 1 and "Intro." in out
    assert countries.insert_help("Text.\n", "en").index("Text.") < countries.insert_help("Text.\n", "en").index("[Bhutan]")


def test_tel_links_pass_the_sanitizer():
    assert "tel" in security.SCHEMES
    assert security.differences('<p><a dir="ltr" href="tel:108">108</a></p>') is None
    assert security.differences('<p><a href="javascript:alert(1)">x</a></p>') is not None
    assert security.differences('<p><a href="sms:108">x</a></p>') is not None


# ---------------------------------------------------------------- in the browser, at 390 px

FINDER_ID = r"\]\(countries/[a-z]{2}\.md\)\{ #([a-z]{2}) \}"  # a country's line in the Get help finder


def finder_lines(c) -> list[dict]:
    """The lines the finder shows for a country: its child helplines, or else its other support lines
    (crisis lines included)."""
    lines = [h for h in c.data["helplines"] if h["kind"] == "child-helpline"]
    return lines or [h for h in c.data["helplines"] if h["kind"] in ("crisis-line", "other")]


def _callable(helplines) -> set[str]:
    return {f"tel:{countries.dial(h)}" for h in helplines if h.get("number") and h.get("calls", True)}


def _open(page, server, code: str, path: str):
    page.set_viewport_size(PHONE)
    page.goto(f"{server.url}/{registry.language(code).prefix}{path}")
    page.wait_for_load_state("load")


def _no_sideways_scroll(page, where):
    width, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{where}: the page scrolls sideways ({width} > {inner} px)"


def _sources_in_view(page, urls: set[str], where):
    inner = page.evaluate("() => window.innerWidth")
    for url in urls:
        links = page.locator(f'article a[href="{url}"]')
        assert links.count(), (where, url)
        for i in range(links.count()):
            link = links.nth(i)
            assert link.is_visible(), (where, url)
            box = link.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= inner + 0.5, (where, url, box)


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGS)
def test_get_help_on_a_phone(server, page, code):
    _open(page, server, code, "get-help/")
    where = f"{code} get-help"
    _no_sideways_scroll(page, where)
    data = countries.load()
    # the finder: every country's child helplines (or, without one, its other lines) as numbers to tap
    hrefs = set(page.eval_on_selector_all('article a[href^="tel:"]', "els => els.map(e => e.getAttribute('href'))"))
    assert hrefs == set().union(*(_callable(finder_lines(c)) for c in data)), where
    wa = {f"https://wa.me/{h['whatsapp'].lstrip('+')}" for c in data for h in finder_lines(c) if h.get("whatsapp")}
    for url in wa:
        assert page.locator(f'article a[href="{url}"]').count(), (where, url)
    for link in page.locator('article a[href^="tel:"]').all()[:20]:  # big enough to tap, inside the screen
        box = link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, (where, box)
    # the short "help now" block comes first: before any section, and before the country list
    order = page.evaluate("""() => {
        const box = document.querySelector('article .admonition.danger');
        const first = document.querySelector('article h2');
        const list = document.getElementById('by-country');
        const country = document.querySelector('article li > strong > a[id]');
        const links = box ? [...box.querySelectorAll('a')].map(a => a.getAttribute('href')) : [];
        const before = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
        return {box: !!box, links, first: box && before(box, first), list: box && before(box, list) && before(box, country)};
    }""")
    assert order["box"] and order["first"] and order["list"], (where, order)
    assert {"#by-country", "#report-to-platform", "#report-csam"} <= set(order["links"]), (where, order)
    # countries in the reader's order, each name opening its page (with every source and its date)
    ids = page.eval_on_selector_all("article li > strong > a[id]", "els => els.map(e => e.id)")
    expected = [c.slug for c in countries.for_readers_of(data, code)]  # an edition's own country first
    assert ids == expected, where
    hrefs = page.eval_on_selector_all("article li > strong > a[id]", "els => els.map(e => e.getAttribute('href'))")
    assert all(h.endswith(f"countries/{i}/") for h, i in zip(hrefs, ids)), where


@pytest.mark.browser
@pytest.mark.parametrize("code", LANGS)
def test_country_page_on_a_phone(server, page, code):
    c = next(c for c in countries.load() if c.code == COUNTRY)
    _open(page, server, code, f"countries/{c.slug}/")
    where = f"{code} countries/{c.slug}"
    _no_sideways_scroll(page, where)
    assert page.locator("article table").count() == 0, f"{where}: helplines should be cards, not a table"
    hrefs = set(page.eval_on_selector_all('article a[href^="tel:"]', "els => els.map(e => e.getAttribute('href'))"))
    assert hrefs == _callable(c.data["helplines"]), where
    for h in c.data["helplines"]:
        if h.get("whatsapp"):
            assert page.locator(f'article a[href="https://wa.me/{h["whatsapp"].lstrip("+")}"]').count(), where
    _sources_in_view(page, {s["url"] for h in c.data["helplines"] for s in h["sources"]}, where)
    # each card: a heading, then labelled facts; its border on the reading side (right in Arabic)
    cards = page.locator("article h3.cop-helpline + dl")
    assert cards.count() == len(c.data["helplines"]), where
    side = "right" if registry.language(code).dir == "rtl" else "left"
    widths = cards.first.evaluate("dl => [getComputedStyle(dl).borderLeftWidth, getComputedStyle(dl).borderRightWidth]")
    assert widths == (["0px", "3px"] if side == "right" else ["3px", "0px"]), (where, widths)



def test_an_editions_own_country_comes_first_on_its_get_help():
    """Content review C6: Mongolia was 7th of 11 on the Mongolian Get help page, Indonesia 4th."""
    import re

    for code, own in (("mn", "mn"), ("id", "id")):
        ids = re.findall(FINDER_ID, countries.render_help(code))
        assert ids[0] == own, (code, ids)
    ids = re.findall(FINDER_ID, countries.render_help("fr"))
    assert ids == [c.slug for c in countries.by_name(countries.load(), "fr")]
