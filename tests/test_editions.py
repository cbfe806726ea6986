"""National editions as adaptations (issue 18): the adaptation map (countries/editions/<CC>.yml) puts
national additions, sourced and in the edition's language, into the edition's pages at named anchors;
the edition's home starts with its country's help and says what the edition is; the English country
page lists the additions; every mistake a country team can make is reported with file and line."""
from __future__ import annotations

import re

import pytest

from copsite import editions, registry
from helpers import make_site, page, run_copsite

LANGS = [{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
         {"code": "mn", "name": "Монгол", "dir": "ltr", "status": "translating"}]

EN_PAGE = "## What to do { #what-to-do }\n\nSteps.\n\n### Detail { #detail }\n\nMore.\n\n## Next { #next }\n\nLater."
MN_PAGE = "## Юу хийх вэ { #what-to-do }\n\nАлхмууд.\n\n### Дэлгэрэнгүй { #detail }\n\nИлүү.\n\n## Дараа нь { #next }\n\nДараа."

COUNTRY = """code: MN
languages: [mn]
edition:
  status: published
  site_language: mn
  launched: "2023-06-14"
partners: []
links: []
helplines:
  - kind: child-helpline
    name: Child helpline 108
    number: "108"
    operator: The 108 service centre
    sources:
      - url: https://example.org/108
        date: "2022-05-19"
  - kind: reporting-hotline
    name: IWF reporting portal for Mongolia
    web: https://report.iwf.org.uk/mn
    operator: Internet Watch Foundation
    sources:
      - url: https://example.org/iwf
        date: "2020-06-01"
timeline: []
reviewed: 2026-01-01
"""

EDITION = """country: MN
language: mn
made_by: "Төслийн редакторууд, нийтэд нээлттэй эх сурвалжаас"
additions:
  - page: parents/a.md
    after: what-to-do
    title: "Монгол Улсад"
    text: |-
      Монгол Улсад хүүхдийн тусламжийн утас **108** үнэгүй, өдөр шөнөгүй ажилладаг.
    sources:
      - url: "https://example.org/mn-law"
        date: "2016-09-11"
        title: "Example source"
"""


def _project(tmp_path, edition: str = EDITION):
    root = make_site(tmp_path, {"en/index.md": page("Home", "Intro for everyone.\n\n## Start { #start }\n\nText."),
                                "en/get-help.md": page("Get help"), "en/parents/index.md": page("Parents", audience="parents"),
                                "en/parents/a.md": page("A page", EN_PAGE, audience="parents"),
                                "mn/index.md": page("Нүүр", "Бүх хүнд зориулсан танилцуулга.\n\n## Эхлэх { #start }\n\nТекст."),
                                "mn/get-help.md": page("Тусламж"), "mn/parents/index.md": page("Эцэг эх", audience="parents"),
                                "mn/parents/a.md": page("Хуудас", MN_PAGE, audience="parents")},
                     nav=["index.md", "parents/index.md", "parents/a.md", "get-help.md"], languages=LANGS)
    (root / "countries" / "editions").mkdir(parents=True)
    (root / "countries" / "MN.yml").write_text(COUNTRY, encoding="utf-8")
    (root / "countries" / "editions" / "MN.yml").write_text(edition, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("edition")
    root = _project(tmp)
    out = tmp / "out"
    res = run_copsite("build", "--site-dir", str(out), root=root)
    assert res.returncode == 0, res.stderr
    return out


def _article(path) -> str:
    return re.search(r"<article.*?</article>", path.read_text(encoding="utf-8"), re.S).group(0)


def test_addition_at_its_anchor_in_the_edition_language_only(built):
    mn = _article(built / "mn" / "parents" / "a" / "index.html")
    heading = re.search(r'<h3 class="cop-national" id="mn-what-to-do">Монгол Улсад', mn)
    assert heading, mn
    # at the end of the "what to do" section: after its subsection, before the next section
    assert mn.index('id="detail"') < heading.start() < mn.index('id="next"')
    assert "<strong>108</strong>" in mn and 'href="https://example.org/mn-law"' in mn
    assert "2016" in mn  # the source with its own date
    assert "Монгол Улсад" not in _article(built / "parents" / "a" / "index.html")  # not in English


def test_edition_home_starts_with_its_country_and_says_what_it_is(built):
    home = _article(built / "mn" / "index.html")
    help_box = home.index('href="tel:108"')
    assert help_box < home.index('id="start"'), "the national helpline comes before the guidance"
    assert 'href="https://report.iwf.org.uk/mn"' in home[:home.index('id="start"')]
    about = home[home.index('id="about-this-edition"'):]
    assert "Төслийн редакторууд" in about                      # who made it
    assert 'href="../parents/a/"' in about or 'href="parents/a/"' in about  # what it adds, page by page
    assert "2023" in about                                       # when it was launched


def test_english_country_page_lists_the_additions(built):
    en = _article(built / "countries" / "mn" / "index.html")
    assert 'id="additions"' in en
    link = re.search(r'<a href="([^"]*parents/a/[^"]*)" hreflang="mn" lang="mn">([^<]+)</a>', en)
    assert link and link.group(1).endswith("mn/parents/a/#mn-what-to-do") and "Монгол Улсад" in link.group(2)


BAD = {
    "missing anchor": (("after: what-to-do", "after: no-such-section"), "MN.yml:6:", "has no heading with the anchor #no-such-section"),
    "no source": (("    sources:\n      - url: \"https://example.org/mn-law\"\n        date: \"2016-09-11\"\n        title: \"Example source\"\n", ""),
                  "MN.yml:5:", "'sources'"),
    "wrong language": (("Монгол Улсад хүүхдийн тусламжийн утас **108** үнэгүй, өдөр шөнөгүй ажилладаг.",
                        "In Mongolia the child helpline 108 is free and open day and night."), "MN.yml:8:", "not in the edition's language"),
    "page not translated": (("page: parents/a.md", "page: parents/b.md"), "MN.yml:5:", "no page content/mn/parents/b.md"),
    "html in text": (("үнэгүй, өдөр", "үнэгүй <script>x</script>, өдөр"), "MN.yml:8:", "no HTML"),
    "future source date": (('date: "2016-09-11"', 'date: "2999-01-01"'), "MN.yml:12:", "in the future"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_adaptation_map_mistakes_name_file_and_line(tmp_path, name):
    (old, new), where, message = BAD[name]
    assert old in EDITION
    root = _project(tmp_path, EDITION.replace(old, new))
    res = run_copsite("build", "--site-dir", str(tmp_path / "out"), root=root)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert f"countries/editions/{where}" in res.stderr and message in res.stderr, res.stderr
    assert not (tmp_path / "out").exists()


def test_language_detection():
    assert editions.in_language("Монгол Улсад хүүхдийн тусламжийн утас", "mn") is None
    assert editions.in_language("In Mongolia the child helpline is free", "mn")
    assert editions.in_language("Di Indonesia, anak dapat menghubungi SAPA 129 secara gratis.", "id") is None
    assert editions.in_language("In Indonesia, children can call the helpline for free and it is open", "id")


def test_the_real_adaptation_maps_are_valid_and_substantial():  # at least 15 pages each, sourced
    assert editions.check() == []
    for code in ("mn", "id"):
        e = editions.of_language(code)
        assert e is not None, code
        assert len(e.pages()) >= 15, (code, len(e.pages()))
        assert all(a["sources"] for a in e.additions)
    assert registry.language("mn") and registry.language("id")


# ---------------------------------------------------------------- the real editions


@pytest.mark.parametrize("code,cc", [("mn", "MN"), ("id", "ID")])
def test_real_additions_in_place_in_the_full_site(built_site, code, cc):
    e = editions.of_language(code)
    for add in e.additions:
        rel = add["page"]
        html = (built_site / code / (rel[:-len("index.md")] if rel.endswith("index.md") else rel[:-3] + "/") / "index.html")
        text = html.read_text(encoding="utf-8")
        assert f'id="{cc.lower()}-{add["after"]}"' in text, (code, rel, add["after"])
        for s in add["sources"]:
            assert s["url"].replace("&", "&amp;") in text, (code, rel, s["url"])
    home = _article(built_site / code / "index.html")
    route = home.index('href="tel:')
    assert route < home.index("<h2"), "the national helpline comes before the guidance"
    assert 'id="about-this-edition"' in home


@pytest.mark.parametrize("code", ["mn", "id"])
def test_edition_home_makes_no_claim_the_status_contradicts(code):
    from copsite import content, translate

    status = translate.status([code])[code]["pages"]
    missing = sorted(rel for rel, s in status.items() if s != "up-to-date")
    home = (content.lang_dir(code) / "index.md").read_text(encoding="utf-8")
    if missing:  # the home says some pages are still in English, and those are exactly industry and policy pages
        assert all(rel.startswith(("industry/", "policy/")) for rel in missing), missing
        assert {"mn": "англи хэлээр", "id": "bahasa Inggris"}[code] in home
    about = editions.about_block(code)
    partly = {"mn": "хараахан орчуулаагүй", "id": "Belum diterjemahkan"}[code]
    assert (partly in about) == bool(missing)


@pytest.fixture(scope="module")
def edition_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("mn-site") / "site"
    res = run_copsite("build", "--edition", "MN", "--site-dir", str(out), "--site-url", "https://cop.example.mn/")
    assert res.returncode == 0, res.stderr
    return out


def test_the_indonesian_edition_builds_as_its_own_site(tmp_path):
    out = tmp_path / "site"
    res = run_copsite("build", "--edition", "ID", "--site-dir", str(out), "--site-url", "https://cop.example.id/")
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in out.iterdir() if p.is_dir() and p.name in registry.codes()) == ["en", "id"]
    assert '<meta http-equiv="refresh" content="0; url=id/">' in (out / "index.html").read_text(encoding="utf-8")
    help_page = _article(out / "get-help" / "index.html")
    assert re.findall(r'id="([a-z]{2})"', help_page.split('id="by-country"', 1)[1])[0] == "id"
    assert 'id="id-child-helpline"' in (out / "id" / "get-help" / "index.html").read_text(encoding="utf-8")


def test_an_edition_builds_as_its_own_site(edition_site):
    langs = sorted(p.name for p in edition_site.iterdir() if p.is_dir() and p.name in registry.codes())
    assert langs == ["en", "mn"]  # its language and English, no other
    root = (edition_site / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=mn/">' in root and 'href="en/"' in root
    mn_home = (edition_site / "mn" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://cop.example.mn/mn/">' in mn_home
    assert 'href="/en/" hreflang="en"' in mn_home                       # the menu's English goes to the English home
    assert not re.search(r'hreflang="(ar|zh|fr|ru|es|id)"', mn_home)   # no other language in the menu
    en_home = (edition_site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<base href="../">' in en_home and "Child Online Protection" in en_home
    for code in ("mn", "en"):
        prefix = "" if code == "en" else "mn/"
        help_page = _article(edition_site / prefix / "get-help" / "index.html")
        assert re.findall(r'id="([a-z]{2})"', help_page.split('id="by-country"', 1)[1])[0] == "mn", code
    nav = (edition_site / "mn" / "countries" / "index.html").read_text(encoding="utf-8")
    menu = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', nav, re.S).group(0)
    assert re.findall(r'href="([a-z]{2})/"', menu) == ["mn"]         # no other country's edition in its menu


@pytest.mark.browser
def test_the_edition_site_opens_on_its_home(edition_site, browser):
    from helpers import Server

    with Server(edition_site) as srv:
        pg = browser.new_page()
        try:
            pg.goto(srv.url + "/")
            pg.wait_for_url(re.compile(r".*/mn/$"), timeout=10000)
            assert pg.locator("html").get_attribute("lang") == "mn"
            pg.goto(srv.url + "/en/")
            pg.locator("article a[href$='parents/']").first.click()  # the moved English home's links still work
            pg.wait_for_load_state("load")
            assert pg.url.endswith("/parents/") and pg.title()
        finally:
            pg.close()
