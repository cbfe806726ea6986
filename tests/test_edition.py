"""`copsite new-edition`: a country team starts an edition with one command, no code changes."""
from __future__ import annotations

import yaml

from helpers import make_site, page, run_copsite

LANGS = [{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
         {"code": "ar", "name": "العربية", "dir": "rtl", "status": "published"}]


def base(tmp_path):
    return make_site(tmp_path, {"en/index.md": page("Home", "## Welcome { #welcome }\n\nHello. [Help](get-help.md)"),
                                "en/get-help.md": page("Get help", "Help text.", sensitive=True),
                                "ar/index.md": page("الرئيسية", "## أهلا { #welcome }\n\nمرحبا. [مساعدة](get-help.md)")},
                     languages=LANGS)


def test_new_edition_thai_builds(tmp_path):
    root = base(tmp_path)
    res = run_copsite("new-edition", "th", "--country", "TH", root=root)
    assert res.returncode == 0, res.stderr
    assert "Next steps for the country team" in res.stdout
    reg = yaml.safe_load((root / "data" / "languages.yml").read_text(encoding="utf-8"))["languages"]
    assert reg[-1] == {"code": "th", "name": "ไทย", "dir": "ltr", "status": "translating"}
    assert (root / "content" / "th" / "index.md").read_text(encoding="utf-8").count("source_hash:") == 0  # untranslated until synced
    assert (root / "overrides" / "locales" / "th" / "LC_MESSAGES" / "messages.po").exists()
    country = yaml.safe_load((root / "countries" / "TH.yml").read_text(encoding="utf-8"))
    assert country["edition"] == {"status": "in-progress", "site_language": "th"}
    out = tmp_path / "out"
    res = run_copsite("build", "--strict", "--site-dir", str(out), root=root)
    assert res.returncode == 0, res.stderr
    html = (out / "th" / "get-help" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="th"' in html and "cop-fallback" in html          # not translated yet: English, with notice
    assert (out / "th" / "countries" / "th" / "index.html").exists()      # the country page, in Thai chrome
    assert "ไทย" in (out / "index.html").read_text(encoding="utf-8")       # in the language switcher


def test_new_edition_language_material_lacks(tmp_path):
    root = base(tmp_path)
    res = run_copsite("new-edition", "km", "--country", "KH", root=root)
    assert res.returncode == 0, res.stderr
    assert (root / "overrides" / "partials" / "languages" / "km.html").exists()
    res = run_copsite("build", "--strict", "--site-dir", str(tmp_path / "out"), root=root)
    assert res.returncode == 0, res.stderr
    assert '<html lang="km"' in (tmp_path / "out" / "km" / "index.html").read_text(encoding="utf-8")


def test_new_edition_rejects_bad_codes(tmp_path):
    root = base(tmp_path)
    for args, msg in ((["fil", "--country", "PH"], "three-letter"), (["xx", "--country", "TH"], "not known to CLDR"),
                      (["th", "--country", "ZZ"], "country code 'ZZ'"), (["ar", "--country", "EG"], "already in")):
        res = run_copsite("new-edition", *args, root=root)
        assert res.returncode == 1 and msg in res.stderr and "Traceback" not in res.stderr, (args, res.stderr)


def test_new_edition_for_any_valid_tag_leaves_a_tree_that_checks(tmp_path):
    """Security review 12: sr-Latn-RS wrote an unquoted name with a comma (the registry broke), and
    pt-BR wrote its catalog to pt_BR/ (the registry's folder is the language code)."""
    root = base(tmp_path)
    for code, country in (("sr-Latn-RS", "RS"), ("pt-BR", "BR")):
        res = run_copsite("new-edition", code, "--country", country, root=root)
        assert res.returncode == 0, res.stderr
        assert (root / "overrides" / "locales" / code / "LC_MESSAGES" / "messages.po").exists(), code
    reg = yaml.safe_load((root / "data" / "languages.yml").read_text(encoding="utf-8"))["languages"]
    assert [l["code"] for l in reg[-2:]] == ["sr-Latn-RS", "pt-BR"] and "," in reg[-2]["name"]
    res = run_copsite("check", root=root)
    assert "[registry]" not in res.stdout and "Traceback" not in res.stderr, res.stdout
