"""Translations: complete, same shape as the English source, in the right script, recorded source."""
from __future__ import annotations

import re

import pytest

from copsite import checks, content, frontmatter, registry, translate
from helpers import ROOT, SCRIPTS, make_site, page, run_copsite

SRC = registry.source_language().code
TARGETS = [l.code for l in registry.languages() if l.status == "published"]
MARKERS = {"fr": r"\b(les|des|est|pour|une)\b", "es": r"\b(los|las|para|una|está)\b"}


def letters(text: str) -> str:
    text = re.sub(r"\]\([^)]*\)|\{[^}]*\}|`[^`]*`|https?://\S+", " ", text)
    return "".join(ch for ch in text if ch.isalpha())


@pytest.mark.parametrize("code", TARGETS)
def test_every_page_translated(code):
    assert content.pages(code) == content.pages(SRC), f"{code}: missing pages"


@pytest.mark.parametrize("code", TARGETS)
def test_no_fallback_pages_in_build(built_site, code):
    prefix = registry.language(code).prefix
    fallback = [str(p.relative_to(built_site)) for p in (built_site / prefix).rglob("index.html")
                if "cop-fallback" in p.read_text(encoding="utf-8")]
    assert fallback == []


def test_structural_parity():
    assert [f for f in checks.check_parity() if f.severity != "info"] == []


def test_parity_messages_are_exact():
    from copsite import parity

    en = "---\ntitle: A\n---\n\n## One { #one }\n\n## Two { #two }\n\n[x](a.md)\n\n!!! tip\n    Hi\n"
    tr = "---\ntitle: B\n---\n\n## Un { #one }\n\n[x](a.md)\n\n!!! note\n    Salut\n"
    assert parity.compare_text(en, tr) == [
        "headings: 2 vs 1",
        "admonitions: same count (1) but different; first difference at #1: tip vs note"]


@pytest.mark.parametrize("code", TARGETS)
def test_text_is_in_the_language(code):
    for rel in content.pages(code):
        body = frontmatter.read(content.lang_dir(code) / rel, rel).body
        english = frontmatter.read(content.lang_dir(SRC) / rel, rel).body
        assert body.strip() != english.strip(), (code, rel)
        if code in SCRIPTS:
            text = letters(body)
            share = len(re.findall(SCRIPTS[code], text)) / max(1, len(text))
            assert share > 0.6, (code, rel, round(share, 2))
        else:
            assert len(re.findall(MARKERS[code], body, re.I)) > 10, (code, rel)


@pytest.mark.parametrize("code", TARGETS)
def test_translations_record_current_source(code):
    states = translate.status([code])[code]["pages"]
    assert {rel: s for rel, s in states.items() if s != "up-to-date"} == {}


@pytest.mark.parametrize("code", TARGETS)
def test_glossary_exists(code):
    text = (ROOT / "docs" / "l10n" / f"{code}.md").read_text(encoding="utf-8")
    for term in ("grooming", "sextortion", "helpline", "trusted adult"):
        assert term in text.lower(), (code, term)


def test_status_detects_outdated_and_missing(tmp_path):
    langs = [{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
             {"code": "fr", "name": "Français", "dir": "ltr", "status": "published"}]
    root = make_site(tmp_path, {"en/index.md": page("Home"), "en/a.md": page("A", "Hello."), "en/b.md": page("B"),
                                "fr/index.md": page("Accueil")}, languages=langs)
    (root / "overrides" / "locales" / "fr").exists()
    assert run_copsite("translate", "start", "fr", "a.md", root=root).returncode == 0
    assert run_copsite("translate", "sync", "fr", "index.md", root=root).returncode == 0
    res = run_copsite("status", "--format", "json", root=root)
    import json

    pages = json.loads(res.stdout)["fr"]["pages"]
    assert pages == {"a.md": "untranslated", "b.md": "missing", "index.md": "up-to-date"}
    assert run_copsite("translate", "sync", "fr", "a.md", root=root).returncode == 0  # the translator says it is done
    # the English page changes after translation: the translation is outdated
    (root / "content" / "en" / "a.md").write_text(page("A", "Hello, changed."), encoding="utf-8")
    pages = json.loads(run_copsite("status", "--format", "json", root=root).stdout)["fr"]["pages"]
    assert pages["a.md"] == "outdated"
    assert run_copsite("translate", "sync", "fr", "a.md", root=root).returncode == 0
    pages = json.loads(run_copsite("status", "--format", "json", root=root).stdout)["fr"]["pages"]
    assert pages["a.md"] == "up-to-date"
