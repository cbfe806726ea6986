"""Translator workflow seen by readers and volunteers: outdated notice, status page, edit links."""
from __future__ import annotations

import re

from copsite import content, registry, translate
from helpers import make_site, page, run_copsite

LANGS = [{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
         {"code": "fr", "name": "Français", "dir": "ltr", "status": "published"}]


def test_outdated_translation_shows_notice(tmp_path):
    root = make_site(tmp_path, {"en/index.md": page("Home"), "en/a.md": page("A", "Hello."),
                                "fr/index.md": page("Accueil")}, languages=LANGS)
    assert run_copsite("translate", "start", "fr", "a.md", root=root).returncode == 0
    assert run_copsite("translate", "sync", "fr", "a.md", root=root).returncode == 0  # translated and synced
    out = tmp_path / "out"
    assert run_copsite("build", "--site-dir", str(out), root=root).returncode == 0
    assert "cop-outdated" not in (out / "fr" / "a" / "index.html").read_text(encoding="utf-8")
    (root / "content" / "en" / "a.md").write_text(page("A", "Hello, with news."), encoding="utf-8")
    assert run_copsite("build", "--site-dir", str(out), root=root).returncode == 0
    html = (out / "fr" / "a" / "index.html").read_text(encoding="utf-8")
    notice = re.search(r'<div class="admonition warning cop-outdated".*?</div>', html, re.S).group(0)
    assert "Cette traduction n" in notice or "traduction" in notice.lower()      # in the reader's language
    assert 'href="../../a/"' in notice                                            # the English page


def test_status_page_in_every_language(built_site):
    data = translate.status()
    for lang in registry.languages():
        html = (built_site / lang.prefix / "translation-status" / "index.html").read_text(encoding="utf-8")
        assert html.count("<progress") == len(data), lang.code
        for code, info in data.items():
            assert f'value="{info["complete"]}"' in html
            missing = [rel for rel, s in info["pages"].items() if s != "up-to-date"]
            for rel in missing[:3]:
                assert f"<code>{rel}</code>" in html, (lang.code, code, rel)


def test_edit_link_opens_the_page_language_file(built_site):
    for lang in registry.languages():
        for rel in ("index.md", "parents/index.md"):
            html = (built_site / lang.prefix / content.url_of(rel) / "index.html").read_text(encoding="utf-8")
            src = lang.code if content.lang_dir(lang.code).joinpath(rel).is_file() else "en"
            assert re.search(rf'href="https://github.com/[^"]+/edit/main/content/{src}/{re.escape(rel)}"', html), (lang.code, rel)


def test_no_edit_link_on_an_english_page_shown_in_another_language(built_site):
    """Newcomer review: on a fallback page "Edit this page" opened the English file; the notice
    links to the translation status instead."""
    checked = 0
    for lang in registry.languages():
        if lang.is_source:
            continue
        for rel in content.pages("en"):
            if content.is_translated(lang.code, rel):
                continue
            html = (built_site / lang.prefix / content.url_of(rel) / "index.html").read_text(encoding="utf-8")
            assert 'rel="edit"' not in html, (lang.code, rel)
            status = re.search(r'cop-fallback.*?<a href="([^"]*translation-status/)"', html, re.S)
            assert status, (lang.code, rel)
            target = (built_site / lang.prefix / content.url_of(rel)).joinpath(status.group(1), "index.html").resolve()
            assert target == (built_site / lang.prefix / "translation-status" / "index.html").resolve(), (lang.code, rel)
            checked += 1
    assert checked >= 20, checked  # the industry and policy pages of mn and id


def test_translation_status_is_for_translators_not_in_the_readers_menu(built_site):
    for lang in registry.languages():
        for rel in ("index.md", "parents/four-cs.md"):  # translated pages: no notice, and no menu entry
            html = (built_site / lang.prefix / content.url_of(rel) / "index.html").read_text(encoding="utf-8")
            assert "translation-status/" not in html, (lang.code, rel)
        status = (built_site / lang.prefix / "translation-status" / "index.html").read_text(encoding="utf-8")
        assert re.search(r'href="https://github.com/[^"]+/blob/main/docs/translating.md"', status), lang.code


def test_stale_catalog_and_missing_codeowners_line_fail_check(tmp_path):
    root = make_site(tmp_path, {"en/index.md": page("Home"), "fr/index.md": page("Accueil")}, languages=LANGS)
    (root / "countries").mkdir()
    assert run_copsite("l10n", "extract", root=root).returncode == 0
    assert run_copsite("l10n", "update", root=root).returncode == 0
    res = run_copsite("check", root=root)
    assert "[catalog] stale" not in res.stdout, res.stdout
    # a template gains a string that the catalogs do not have yet
    main = root / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + '\n{# new #}{{ _("A brand new interface string") }}\n', encoding="utf-8")
    res = run_copsite("check", root=root)
    assert res.returncode == 1
    assert "overrides/locales/messages.pot:1: error: [catalog] stale template" in res.stdout
    assert "overrides/locales/fr/LC_MESSAGES/messages.po:1: error: [catalog] stale" in res.stdout
    # a broken catalog is reported, not a traceback
    po = root / "overrides" / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "Unclosed\n', encoding="utf-8")
    res = run_copsite("check", root=root)
    out = res.stdout + res.stderr
    assert res.returncode == 1 and "fr/LC_MESSAGES/messages.po:" in out and "[catalog]" in out and "Traceback" not in out
    po.write_text(po.read_text(encoding="utf-8").replace('\nmsgid "Unclosed\n', "\n"), encoding="utf-8")
    # CODEOWNERS must name every language folder
    (root / ".github").mkdir()
    (root / ".github" / "CODEOWNERS").write_text("/content/en/ @team\n", encoding="utf-8")
    res = run_copsite("check", root=root)
    assert ".github/CODEOWNERS:1: error: [codeowners] no line for /content/fr/" in res.stdout
