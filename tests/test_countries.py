"""Country data: schema, clear errors for bad data, and pages rendered in every language."""
from __future__ import annotations

import re
import shutil

import pytest
from babel import Locale

from copsite import countries, registry
from helpers import ROOT, make_site, page, run_copsite
from test_help_phone import finder_lines

REQUIRED = {"BT", "BN", "KH", "ID", "MN", "NP", "PK", "PH", "TH", "TL", "VU"}


def test_country_files_valid_and_complete():
    assert countries.check() == []
    loaded = {c.code: c for c in countries.load()}
    assert REQUIRED <= set(loaded)
    for c in loaded.values():
        for h in c.data["helplines"]:
            assert h["sources"] and all(s["url"].startswith("http") and s["date"] for s in h["sources"]), c.code
    assert loaded["TL"].data["helplines"] == [] and "helpline" in str(loaded["TL"].data["unknown"]).lower()
    assert loaded["MN"].data["edition"]["site_language"] == "mn" and loaded["ID"].data["edition"]["site_language"] == "id"


@pytest.mark.parametrize("code", registry.codes(include_draft=False))
def test_country_pages_in_every_language(built_site, code):
    lang = registry.language(code)
    index = (built_site / lang.prefix / "countries" / "index.html").read_text(encoding="utf-8")
    for c in countries.load():
        name = Locale.parse(code).territories[c.code]       # CLDR name, never typed by hand
        assert name in index, (code, c.code)
        page_html = (built_site / lang.prefix / "countries" / c.slug / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{registry.language(code).html_tag}"' in page_html and "cop-fallback" not in page_html
        for h in c.data["helplines"]:
            for s in h["sources"]:
                assert s["url"].replace("&", "&amp;") in page_html, (code, c.code, s["url"])


def _read(path) -> str:
    """Page text with CLDR's no-break spaces as plain spaces."""
    return path.read_text(encoding="utf-8").replace("\u202f", " ").replace("\xa0", " ")


def test_dates_and_language_names_from_cldr(built_site):
    zh = _read(built_site / "zh" / "countries" / "mn" / "index.html")
    assert "2023年6月14日" in zh and "蒙古语" in zh
    ar = _read(built_site / "ar" / "countries" / "id" / "index.html")
    assert "فبراير 2023" in ar and "الإندونيسية" in ar


def test_national_pages_in_edition_language(built_site):
    mn = _read(built_site / "mn" / "countries" / "mn" / "index.html")
    assert "2023 оны зургаадугаар сарын 14" in mn
    text = re.sub(r"<[^>]+>", " ", re.search(r"<article.*?</article>", mn, re.S).group(0))
    assert len(re.findall(r"[\u0400-\u04ff]", text)) > 300         # the data's Mongolian text is used
    idn = _read(built_site / "id" / "countries" / "id" / "index.html")
    assert "8 Februari 2023" in idn and "PP" in idn


def test_get_help_lists_helplines_by_country(built_site):
    for lang in registry.languages():
        html = (built_site / lang.prefix / "get-help" / "index.html").read_text(encoding="utf-8")
        for c in countries.load():
            assert f'id="{c.slug}"' in html, (lang.code, c.code)
            for h in finder_lines(c):
                if "number" in h:
                    assert h["number"] in html, (lang.code, h["number"])


def test_help_link_on_every_page(built_site):
    for path in list(built_site.rglob("index.html"))[:400]:
        html = path.read_text(encoding="utf-8")
        assert 'class="cop-help-link"' in html and "get-help/" in html, path


GOOD = """code: TH
languages: [th]
edition:
  status: none
partners: []
links: []
helplines:
  - kind: child-helpline
    name: Saidek
    number: "1387"
    operator: Childline Thailand Foundation
    sources:
      - url: https://example.org/source
        date: "2023"
timeline: []
reviewed: 2026-01-01
"""

BAD = {
    "malformed YAML": (GOOD.replace("partners: []", "partners: [oops"), "TH.yml:5", "not valid YAML"),
    "unknown key": (GOOD.replace("partners: []", "partners: []\ncolour: red"), "TH.yml:6", "colour: unknown field"),
    "unknown country code": (GOOD.replace("code: TH", "code: XY"), "TH.yml:1", "code"),
    "unknown language code": (GOOD.replace("languages: [th]", "languages: [qqx]"), "TH.yml:2", "languages[0]: unknown language code"),
    "helpline without source": (GOOD.replace("    sources:\n      - url: https://example.org/source\n        date: \"2023\"\n", ""),
                                "TH.yml:8", "missing required field 'sources'"),
    "date in the future": (GOOD.replace('date: "2023"', 'date: "2999-01-01"'), "TH.yml:14", "in the future"),
    "language without a folder": (GOOD.replace("status: none", "status: published\n  site_language: ar"), "TH.yml:5",
                                  "has no folder content/ar/"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_country_data(tmp_path, name):
    text, where, message = BAD[name]
    langs = [{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
             {"code": "ar", "name": "العربية", "dir": "rtl", "status": "published"}]
    files = {"en/index.md": page("Home"), "en/get-help.md": page("Get help")}
    if name != "language without a folder":
        files["ar/index.md"] = page("الرئيسية")
    else:
        langs = langs  # ar is registered, but its folder is missing
    root = make_site(tmp_path, files, languages=langs)
    (root / "countries").mkdir()
    (root / "countries" / "TH.yml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    res = run_copsite("build", "--site-dir", str(out), root=root)
    assert res.returncode == 1
    assert f"countries/{where}" in res.stderr and message in res.stderr, res.stderr
    assert "Traceback" not in res.stderr and not out.exists()


def test_good_country_data_builds(tmp_path):
    root = make_site(tmp_path, {"en/index.md": page("Home"), "en/get-help.md": page("Get help")},
                     languages=[{"code": "en", "name": "English", "dir": "ltr", "status": "source"}])
    (root / "countries").mkdir()
    (root / "countries" / "TH.yml").write_text(GOOD, encoding="utf-8")
    res = run_copsite("build", "--strict", "--site-dir", str(tmp_path / "out"), root=root)
    assert res.returncode == 0, res.stderr
    assert "1387" in (tmp_path / "out" / "get-help" / "index.html").read_text(encoding="utf-8")


def test_national_language_link_names_the_language_in_itself():
    """The link to the Mongolian edition is marked lang="mn": its text is the language's own name,
    with the reader's name for it beside it (not "Mongolian" inside a lang="mn" link)."""
    from copsite import countries as cmod

    en = cmod.render_pages("en")["countries/mn.md"]
    assert 'lang="mn">Монгол</a> (Mongolian)' in en
    mn = cmod.render_pages("mn")["countries/mn.md"]
    assert 'lang="mn">Монгол</a>\n' in mn


UNDATED = {"en": "undated", "ar": "غير مؤرخ", "zh": "未注明日期", "fr": "sans date", "ru": "без даты",
           "es": "sin fecha", "mn": "огноогүй", "id": "tanpa tanggal"}


def test_undated_source_renders_as_translated_word(tmp_path):
    """A source that gives no date says so ("date: undated"), in the reader's language through
    the catalogs: never a date borrowed from another source, never the raw English word."""
    text = GOOD.replace('date: "2023"', "date: undated")
    (tmp_path / "TH.yml").write_text(text, encoding="utf-8")
    data, errors = countries.validate(tmp_path / "TH.yml")
    assert errors == [] and data["helplines"][0]["sources"][0]["date"] == "undated"
    # only a source may be undated: a law or timeline entry needs its own date
    bad = text.replace("timeline: []", 'timeline:\n  - date: undated\n    event: x\n    sources:\n'
                       '      - url: https://example.org/source\n        date: undated')
    (tmp_path / "TH.yml").write_text(bad, encoding="utf-8")
    assert countries.validate(tmp_path / "TH.yml")[1]
    country = countries.Country("TH", data, tmp_path / "TH.yml")
    for code, word in UNDATED.items():
        if code not in registry.codes():
            continue
        assert countries.date_text("undated", code) == word, code
        listing = countries.template_env(code).get_template("country.md.j2").render(c=country.data, lang=code)
        label = countries.translations(code).gettext("undated source")  # "undated source", not a borrowed date
        assert f"[{label}](https://example.org/source)" in listing and (code == "en" or label != "undated source"), (code, listing)


def test_a_helpline_says_whether_someone_checked_it_on_the_operators_page(tmp_path):
    """Content review C2: a source's date is not a check. `verified` (day, who, the operator's
    page) is shown only when someone checked; otherwise the card says "not yet"."""
    from copsite import countries as cmod

    page = cmod.render_pages("en")["countries/mn.md"]
    assert "Checked on the operator's page\n:   not yet" in page
    from test_countries import GOOD  # noqa: F401  (the valid Thai file used below)

    path = tmp_path / "TH.yml"
    path.write_text(GOOD.replace("    operator: Childline", '    verified: {date: "2999-01-01", by: "the TH team", url: "https://example.org/"}\n    operator: Childline'),
                    encoding="utf-8")
    data, findings = cmod.validate(path)
    assert any("2999-01-01 is in the future" in str(f) for f in findings), findings


def test_punctuation_of_the_readers_language():
    """Content review C8: the templates wrote "; ", ", " and ": " into Chinese and Arabic text
    and «source: 2021» without French spacing. Labels, brackets and lists now follow the language."""
    from copsite import countries as cmod

    zh = cmod.render_pages("zh")["countries/index.md"]
    assert "国家版本：" in zh and "国家版本: " not in zh and "语言：乌尔都语和英语" in zh
    zh_page = cmod.render_pages("zh")["countries/mn.md"]
    assert "（" in zh_page and "的来源](" in zh_page and "; " not in zh_page
    fr_page = cmod.render_pages("fr")["countries/mn.md"]
    assert "[source datée\u202f: " in fr_page
    ar_help = cmod.render_pages("ar")["countries/mn.md"]
    assert "; " not in ar_help and "[المصدر بتاريخ " in ar_help
