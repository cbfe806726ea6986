"""Termbases (data/terms/<lang>.yml): the glossaries' rules, enforced by `copsite check`."""
from __future__ import annotations

import pytest

from copsite import registry, terms
from helpers import make_site, page, run_copsite

LANGS = [{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
         {"code": "es", "name": "Español", "dir": "ltr", "status": "published"}]

TERMBASE = """terms:
  - concept: grown-up
    prefer: persona adulta
    avoid: [persona mayor]
    where: children
  - concept: CSAM
    prefer: CSAM, explained on first use
    term: CSAM
    gloss: [material de abuso sexual infantil]
"""


def site(tmp_path, es_pages: dict[str, str]):
    pages = {"en/index.md": page("Home"), "en/children/index.md": page("Children", audience="children"),
             "en/parents/index.md": page("Parents", audience="parents"), "es/index.md": page("Inicio")}
    pages.update(es_pages)
    root = make_site(tmp_path, pages, languages=LANGS)
    (root / "data" / "terms").mkdir()
    (root / "data" / "terms" / "es.yml").write_text(TERMBASE, encoding="utf-8")
    (root / "docs" / "l10n").mkdir(parents=True)
    (root / "docs" / "l10n" / "es.md").write_text("# Glosario\n", encoding="utf-8")
    assert run_copsite("l10n", "terms", root=root).returncode == 0
    return root


def test_avoided_variant_reported_with_line_and_preferred_term(tmp_path):
    root = site(tmp_path, {"es/children/index.md": page("Niños", "Habla con una persona mayor de confianza.", audience="children"),
                           "es/parents/index.md": page("Familias", "El ministerio de las personas mayores.", audience="parents")})
    res = run_copsite("check", root=root)
    assert "content/es/children/index.md:9: error: [term] grown-up: use «persona adulta», not «persona mayor»" in res.stdout
    assert "content/es/parents/index.md" not in res.stdout   # the rule is for children's pages
    assert res.returncode == 1


def test_gloss_required_on_first_use(tmp_path):
    root = site(tmp_path, {"es/parents/index.md": page("Familias", "Denuncie el CSAM.\n\nMás sobre el CSAM.", audience="parents"),
                           "es/children/index.md": page("Niños", "El CSAM (material de abuso sexual infantil) es delito.",
                                                        audience="children")})
    res = run_copsite("check", root=root)
    assert "content/es/parents/index.md:9: error: [term] CSAM: explain «CSAM»" in res.stdout
    assert "content/es/children/index.md" not in res.stdout


def test_glossary_table_must_be_current(tmp_path):
    root = site(tmp_path, {})
    (root / "data" / "terms" / "es.yml").write_text(TERMBASE.replace("persona adulta", "adulto"), encoding="utf-8")
    res = run_copsite("check", root=root)
    assert "docs/l10n/es.md:1: error: [terms] the rules table is not current" in res.stdout
    assert "«adulto»" in (run_copsite("l10n", "terms", root=root), (root / "docs" / "l10n" / "es.md").read_text(encoding="utf-8"))[1]


@pytest.mark.parametrize("code", [l.code for l in registry.languages() if not l.is_source])
def test_every_translated_language_has_a_termbase_and_passes_it(code):
    assert terms.rules(code), f"data/terms/{code}.yml has no rules"
    assert terms.check([code]) == []


@pytest.mark.parametrize("line, caught", [
    ("Ты никогда не виноват.", True),
    ("| Я нашёл кнопку «Заблокировать». | |", True),
    ("Подумай, кому ты мог бы рассказать.", True),
    ("Я рад(а), что ты мне рассказал(а).", False),
    ("Папа, — говорит он тихим голосом. — Я нажал на окошко.", False),
])
def test_russian_childrens_pages_address_girls_and_boys(line, caught):
    """Content review (ru): the children's pages spoke only to boys («Ты никогда не виноват»)."""
    patterns = [r["_re"] for r in terms.rules("ru") if r.get("pattern") and r.get("where") == "children"]
    assert patterns
    assert any(p.search(line) for p in patterns) == caught, line


@pytest.mark.parametrize("code", [l.code for l in registry.languages() if not l.is_source])
def test_site_name_is_the_glossarys_term(code):
    """Content review (fr, ru): the site name said «Protection des enfants en ligne» while 41 pages
    said «protection en ligne des enfants». The catalog's site name is the glossary's term for
    child online protection (docs/l10n/<lang>.md), as the pages write it."""
    import re

    from copsite import l10n, paths

    doc = (paths.ROOT / "docs" / "l10n" / f"{code}.md").read_text(encoding="utf-8")
    row = re.search(r"^\| child online protection \(COP\) \| ([^|]+) \|", doc, re.M)
    assert row, f"docs/l10n/{code}.md has no row for child online protection (COP)"
    term = re.sub(r"\s*\([^)]*\)\s*$", "", row.group(1).strip())
    assert l10n.gettext(code, "Child Online Protection").casefold() == term.casefold(), code
