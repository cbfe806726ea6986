"""Help that reaches every reader (issue 17): the country data in the reader's language, honest
dates, a reporting route that never dead-ends, and coverage well beyond one region."""
from __future__ import annotations

import html as htmllib
import json
import re
from collections import Counter

import pytest

from copsite import countries, countrytext, registry
from helpers import make_site, page, run_copsite

TRANSLATED = [lang.code for lang in registry.languages() if not lang.is_source]
BUILT = registry.codes(include_draft=False)
INTERNATIONAL = ["https://www.inhope.org/what-we-do/how-to-report", "https://www.iwf.org.uk/policy-work/international/",
                 "https://takeitdown.ncmec.org/", "https://stopncii.org/"]


# ---------------------------------------------------------------- the catalogs

def test_country_template_is_current():
    assert [f for f in countrytext.check() if f.rule == "catalog"] == []
    template = countrytext.read(countrytext.pot_path())
    assert {m.id for m in template if m.id} == {m.id for m in countrytext.extract() if m.id}


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_country_string_is_translated(code):
    """Published and edition languages alike: a Mongolian reader gets the data in Mongolian too."""
    state = countrytext.state(code)
    assert state["missing"] == 0 and state["outdated"] == 0, (code, state)
    assert [f for f in countrytext.check() if f"/{code}/" in f.path] == []


def _article(path) -> str:
    text = path.read_text(encoding="utf-8")
    return re.search(r"<article.*?</article>", text, re.S).group(0)


def _visible_without_marked(article: str, code: str) -> tuple[str, list[str]]:
    """The article's text with every element marked as another language removed, and those marked runs."""
    marked = re.findall(r'<span lang="([^"]+)" dir="ltr">(.*?)</span>', article)
    rest = re.sub(r'<span lang="[^"]+" dir="ltr">.*?</span>', " ", article)
    rest = re.sub(r'<[^>]+>', " ", rest)
    return htmllib.unescape(rest), [htmllib.unescape(re.sub(r"<[^>]+>", "", t)) for lang, t in marked if lang == "en"]


@pytest.mark.parametrize("code", [c for c in BUILT if c in TRANSLATED])
def test_no_english_country_text_on_translated_pages(built_site, code):
    """Get help's country finder and every country page: an English value of the data whose
    translation differs is absent (unless the translations themselves keep it as a name, e.g.
    "ICBF Línea 141" inside a translated sentence); what stays English is marked lang="en" and is a
    name the translators kept as it is."""
    translations = countrytext.lookup(code)
    kept = {en for en, tr in translations.items() if tr == en}
    inside = " ".join(translations.values())
    english = sorted((en for en, tr in translations.items() if tr != en and len(en) > 3 and en not in inside),
                     key=len, reverse=True)
    prefix = built_site / registry.language(code).prefix
    finder = _article(prefix / "get-help" / "index.html").split('id="by-country"', 1)[1].split("<h2", 1)[0]
    pages = [("get-help", finder)] + [(c.slug, _article(prefix / "countries" / c.slug / "index.html")) for c in countries.load()]
    for where, article in pages:
        text, marked = _visible_without_marked(article, code)
        text = re.sub(r"\s+", " ", text)
        for en in english:
            assert re.sub(r"\s+", " ", en) not in text, (code, where, en)
        for run in marked:
            run = run.replace("\\", "")
            assert run in kept or any(run == str(p.get("text")) for c in countries.load()
                                      for p in c.data.get("partners", []) if isinstance(p, dict)), (code, where, run)
    assert len(english) > 300, "the check would prove nothing"


def test_english_change_makes_country_strings_outdated(tmp_path):
    langs = [{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
             {"code": "fr", "name": "Français", "dir": "ltr", "status": "published"},
             {"code": "mn", "name": "Монгол", "dir": "ltr", "status": "translating"}]
    root = make_site(tmp_path, {"en/index.md": page("Home"), "en/get-help.md": page("Get help"),
                                "fr/index.md": page("Accueil"), "mn/index.md": page("Нүүр")}, languages=langs)
    for folder in (root / "overrides" / "locales").glob("*/LC_MESSAGES"):
        (folder / "countries.po").unlink(missing_ok=True)
    (root / "countries").mkdir()
    country = (root / "countries" / "TH.yml")
    country.write_text(GOOD, encoding="utf-8")
    assert run_copsite("l10n", "extract", root=root).returncode == 0
    assert run_copsite("l10n", "update", root=root).returncode == 0
    for code, name in (("fr", "Ligne d'écoute Saidek"), ("mn", "Сайдек утас")):
        po = root / "overrides" / "locales" / code / "LC_MESSAGES" / "countries.po"
        text = po.read_text(encoding="utf-8")
        assert 'msgid "Saidek helpline"\nmsgstr ""' in text
        po.write_text(text.replace('msgid "Saidek helpline"\nmsgstr ""', f'msgid "Saidek helpline"\nmsgstr "{name}"'), encoding="utf-8")
    status = json.loads(run_copsite("status", "--format", "json", root=root).stdout)
    assert status["fr"]["country_strings"]["translated"] == 1 and status["mn"]["country_strings"]["translated"] == 1
    # the English value changes: every language's translation of it is outdated, kept for the translator
    country.write_text(GOOD.replace("Saidek helpline", "Saidek child helpline"), encoding="utf-8")
    assert run_copsite("l10n", "extract", root=root).returncode == 0
    assert run_copsite("l10n", "update", root=root).returncode == 0
    status = json.loads(run_copsite("status", "--format", "json", root=root).stdout)
    for code in ("fr", "mn"):
        assert status[code]["country_strings"] == {"translated": 0, "outdated": 1, "missing": 1}, code  # + the operator
        text = (root / "overrides" / "locales" / code / "LC_MESSAGES" / "countries.po").read_text(encoding="utf-8")
        assert '#| msgid "Saidek helpline"' in text  # the previous English, beside the old translation
    res = run_copsite("check", root=root)
    found = [line for line in res.stdout.splitlines() if "[country-l10n]" in line]
    assert all(line.startswith("overrides/locales/fr/LC_MESSAGES/countries.po:") for line in found), found  # not mn
    assert any("outdated" in line and "Saidek child helpline" in line for line in found), found
    out = tmp_path / "out"
    assert run_copsite("build", "--site-dir", str(out), root=root).returncode == 0  # a build shows the English, marked
    assert '<span lang="en" dir="ltr">Saidek child helpline</span>' in (out / "fr" / "countries" / "th" / "index.html").read_text(encoding="utf-8")


from test_countries import GOOD as _THAI  # noqa: E402  (the valid Thai country file of the country tests)

GOOD = (_THAI.replace("partners: []", 'partners:\n  - {text: "มูลนิธิ", lang: th}')
        .replace("name: Saidek", "name: Saidek helpline"))

SCHEMA_ERRORS = {
    "inline translations": ("    name: Saidek helpline\n", "    name:\n      en: Saidek\n      th: สายเด็ก\n", "TH.yml:10",
                            "countries.po"),
    "name without its language": ('  - {text: "มูลนิธิ", lang: th}', '  - {text: "มูลนิธิ"}', "TH.yml:6", "{text: ..., lang: xx}"),
    "unknown kind": ("  - kind: child-helpline", "  - kind: hotline", "TH.yml:9", "kind"),
    "source without date": ('        date: "2023"\n', "", "TH.yml:14", "'date'"),
    "impossible date": ('date: "2023"', 'date: "2023-02-30"', "TH.yml:15", "not a valid date"),
    "yaml syntax": ("    number: \"1387\"\n", "    number: \"1387\"\n\toperator: x\n", "TH.yml:12", "not valid YAML"),
    "duplicate key": ("    number: \"1387\"\n", "    number: \"1387\"\n    number: \"1388\"\n", "TH.yml:12", "duplicate key"),
    "verified without who": ("    operator: Childline", '    verified: {date: "2026-01-02", url: "https://example.org/"}\n    operator: Childline',
                             "TH.yml:12", "'by'"),
}


@pytest.mark.parametrize("name", list(SCHEMA_ERRORS))
def test_country_schema_errors_name_file_and_line(tmp_path, name):
    old, new, where, message = SCHEMA_ERRORS[name]
    assert old in GOOD
    path = tmp_path / "TH.yml"
    path.write_text(GOOD.replace(old, new), encoding="utf-8")
    data, errors = countries.validate(path)
    text = "\n".join(str(e) for e in errors)
    assert data is None and f"{where}:" in text and message in text, text


# ---------------------------------------------------------------- coverage and routes

def test_coverage_at_least_45_countries_and_5_per_un_language():
    data = countries.load()
    assert len(data) >= 45
    speakers = Counter(tag.split("-")[0] for c in data for tag in set(c.data["languages"]))
    for code in ("ar", "zh", "fr", "ru", "es", "en"):
        assert speakers[code] >= 5, (code, speakers[code])
    codes = {c.code for c in data}
    assert {"MN", "ID"} <= codes  # the national editions' countries


def test_every_country_has_a_helpline_and_a_route_or_says_why():
    for c in countries.load():
        helplines = c.data["helplines"]
        unknown = str(c.data.get("unknown") or "").lower()
        assert any(h["kind"] in ("child-helpline", "crisis-line", "other") for h in helplines) or "helpline" in unknown, c.code
        assert any(h["kind"] == "reporting-hotline" for h in helplines) or "report" in unknown, c.code
        for h in helplines:
            assert h["sources"] and all(s["url"].startswith(("https://", "http://")) and s["date"] for s in h["sources"]), c.code
            if h["kind"] == "reporting-hotline":
                assert h.get("web") or h.get("number") or h.get("whatsapp"), c.code


COUNTRY_LINK = r'<a href="[^"]*countries/([a-z]{2})/" id="\1">'


@pytest.mark.parametrize("code", BUILT)
def test_get_help_never_dead_ends(built_site, code):
    """The international routes are always on Get help; every country is listed there with a link to
    its page, and a country page without a national reporting hotline points to those routes."""
    prefix = built_site / registry.language(code).prefix
    article = _article(prefix / "get-help" / "index.html")
    for url in INTERNATIONAL:
        assert f'href="{url}"' in article, (code, url)
    assert 'id="report-csam"' in article
    listed = re.findall(COUNTRY_LINK, article)
    assert sorted(listed) == sorted(c.slug for c in countries.load()), code
    for c in countries.load():
        country = _article(prefix / "countries" / c.slug / "index.html")
        routes = [h for h in c.data["helplines"] if h["kind"] == "reporting-hotline"]
        if routes:
            for h in routes:
                target = (h.get("web") or (f"tel:{countries.dial(h)}" if h.get("number") and h.get("calls", True)
                                            else f"https://wa.me/{h['whatsapp'].lstrip('+')}"))
                assert f'href="{htmllib.escape(target)}"' in country, (code, c.code, target)
            assert "get-help/#report-csam" not in country, (code, c.code)
        else:
            assert "get-help/#report-csam" in country, (code, c.code)


def test_sources_show_their_own_date_or_say_undated():
    pages = countries.render_pages("en")
    md = "".join(pages.values())
    assert "source dated " in md and "undated source" in md and "last checked" not in md.lower()
    assert "[source dated May 19, 2022](https://news.mass.mn/n/84834)" in pages["countries/mn.md"]


def test_chinese_readers_find_countries_in_pinyin_order(built_site):
    article = _article(built_site / "zh" / "get-help" / "index.html")
    ids = re.findall(COUNTRY_LINK, article)
    assert ids == [c.slug for c in countries.for_readers_of(countries.load(), "zh")]
    names = [countries.country_name(i.upper(), "zh") for i in ids]
    # 阿根廷 (Āgēntíng) … 中国 (Zhōngguó): by pinyin, not by code point (which would put 不丹 and 东帝汶 first)
    assert names[0] == "阿根廷" and names.index("巴基斯坦") < names.index("不丹") < names.index("中国")


@pytest.mark.parametrize("code", ["mn", "id"])
def test_an_editions_country_leads_its_get_help(built_site, code):
    article = _article(built_site / code / "get-help" / "index.html")
    assert re.findall(COUNTRY_LINK, article)[0] == code


# ---------------------------------------------------------------- the reader's journey

OWN = {"en": "GB", "ar": "EG", "zh": "CN", "fr": "FR", "ru": "RU", "es": "ES", "mn": "MN", "id": "ID"}


@pytest.mark.browser
@pytest.mark.parametrize("code", BUILT)
def test_a_reader_reaches_a_number_and_a_route_for_their_country_in_two_clicks(server, browser, code):
    """From a guidance page on a phone: the help link (1) shows the country's helpline numbers to tap;
    the country's name (2) opens its page with the reporting route and every source with its date."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    try:
        prefix = registry.language(code).prefix
        pg.goto(f"{server.url}/{prefix}parents/cyberbullying/")
        pg.locator("a.cop-help-link").click()
        pg.wait_for_load_state("load")
        c = next(x for x in countries.load() if x.code == OWN[code])
        link = pg.locator(f"article a#{c.slug}")
        assert link.count() == 1 and link.inner_text() == countries.country_name(c.code, code), code
        line = pg.locator(f"article li:has(a#{c.slug})")
        child = [h for h in c.data["helplines"] if h["kind"] == "child-helpline" and h.get("number")]
        assert line.locator(f'a[href="tel:{countries.dial(child[0])}"]').count() == 1, code
        link.click()  # the second click
        pg.wait_for_load_state("load")
        assert pg.url.endswith(f"/countries/{c.slug}/"), pg.url
        route = next(h for h in c.data["helplines"] if h["kind"] == "reporting-hotline")
        href = route["web"] if route.get("web") else f"tel:{countries.dial(route)}"
        assert pg.locator(f'article a[href="{href}"]').count() >= 1, (code, href)
        for s in route["sources"]:  # each source linked, with its own date or "undated"
            assert pg.locator(f'article a[href="{s["url"]}"]').count() >= 1, (code, s["url"])
        assert pg.locator(f'article a[href="tel:{countries.dial(child[0])}"]').count() >= 1
    finally:
        ctx.close()
