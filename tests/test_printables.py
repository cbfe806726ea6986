"""Printables for children and teachers (issue 20): play cards (A4 and Letter, cut lines, one
situation or rule a card, with the stories' pictures), a workbook and a teacher's guide per age band,
in every language from the translated pages; Arabic and Chinese with their fonts embedded and their
text extractable, every PDF tagged; each linked, under the name `copsite pdf` gives it, from the
children's and the educators' pages."""
from __future__ import annotations

import re
import subprocess

import pytest

from copsite import content, l10n, printables, registry
from helpers import run_copsite

CODES = ("ar", "zh")


@pytest.fixture(scope="module")
def made(built_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("printables")
    args = ["pdf", "--site-dir", str(built_site), "--out", str(out), "--what", "cards", "--what", "workbooks",
            "--what", "teachers-guides"]
    for code in CODES:
        args += ["--lang", code]
    res = run_copsite(*args)
    assert res.returncode == 0, res.stderr
    return out


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _flat(s: str) -> str:
    """Letters and digits only: pdftotext reorders punctuation around right-to-left runs and marks them."""
    return "".join(ch for ch in s if ch.isalnum())


def _words(s: str) -> set[str]:
    return {w for w in ("".join(ch for ch in w if ch.isalpha()) for w in s.split()) if len(w) > 1}


def _has(text: str, phrase: str) -> bool:
    """The phrase's words are in the text (pdftotext may order the words of a wrapped Arabic line otherwise);
    for Chinese, which has no spaces, its characters in order."""
    if " " not in phrase.strip() or any("\u4e00" <= ch <= "\u9fff" for ch in phrase):
        return _flat(phrase)[:10] in _flat(text)
    words = _words(phrase)  # most of them: digits and punctuation stick to neighbours in right-to-left runs
    return len(words & _words(text)) >= 0.75 * len(words)


@pytest.mark.parametrize("code", CODES)
def test_every_printable_is_made_with_a_name_that_says_what_it_is(made, code):
    names = sorted(p.name for p in made.glob(f"cop-guidelines-{code}-*.pdf"))
    assert names == sorted(printables.filename(code, k, p) for k, p in printables.every(code))
    assert {n.split(f"{code}-", 1)[1].split("-")[0] for n in names} == {"cards", "workbook", "teachers"}


@pytest.mark.parametrize("code", CODES)
def test_printables_are_tagged_embed_their_fonts_and_say_what_the_pages_say(made, code):
    for pdf in made.glob(f"cop-guidelines-{code}-*.pdf"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"Tagged:\s+yes", info), pdf.name
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert fonts and all(" yes " in line for line in fonts), (pdf.name, fonts)
    cards = _text(made / printables.filename(code, "cards", "a4"))
    assert _has(cards, l10n.gettext(code, printables.CUT))                            # the cut line, in the language
    # a situation of an under-9 story, in the page's own words
    page = (content.lang_dir(code) / "children/under-9/people-online.md").read_text(encoding="utf-8")
    choice = re.search(r'^\?\?\? question "([^"]+)"', page, re.M).group(1)
    assert _has(cards, " ".join(choice.split()[:4]) if " " in choice else choice[:8]), code
    guide = _text(made / printables.filename(code, "teachers-guide", "9-12"))
    tg = (content.lang_dir(code) / printables.TEACHERS_GUIDE).read_text(encoding="utf-8")
    lesson = re.search(r"^## (.*?) \{ #lesson-9-12 \}", tg, re.M).group(1)
    assert _has(guide, lesson if " " in lesson else lesson[:8])
    workbook = _text(made / printables.filename(code, "workbook", "under-9"))
    assert _has(workbook, l10n.gettext(code, printables.DRAW))


def test_cards_carry_the_stories_pictures_and_come_in_both_paper_sizes(made):
    a4, letter = made / printables.filename("zh", "cards", "a4"), made / printables.filename("zh", "cards", "letter")
    images = subprocess.run(["pdfimages", "-list", str(a4)], capture_output=True, text=True)
    sizes = [subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True, check=True).stdout for p in (a4, letter)]
    assert "595.276 x 841.89" in sizes[0] and "612 x 792" in sizes[1]
    assert images.returncode == 0


@pytest.mark.parametrize("code", registry.codes(include_draft=False))
def test_childrens_and_educators_pages_link_the_printables(built_site, code):
    prefix = registry.language(code).prefix
    for rel, kinds in (("children/index.md", {"cards", "workbook"}), ("children/under-9/people-online.md", {"cards", "workbook"}),
                       ("children/13-18/grooming.md", {"workbook"}), ("parents/teachers-guide.md", {"teachers-guide"})):
        html = (built_site / prefix / content.url_of(rel) / "index.html").read_text(encoding="utf-8")
        box = re.search(r'<aside class="cop-print">(.*?)</aside>', html, re.S)
        assert box, (code, rel)
        hrefs = re.findall(r'href="([^"]+)"', box.group(1))
        names = [h.rsplit("/", 1)[1] for h in hrefs]
        got = {k for k in ("cards", "workbook", "teachers-guide") if any(n.startswith(f"cop-guidelines-{code}-{k}-") for n in names)}
        assert got == kinds, (code, rel, names)
        for h in hrefs:  # each address is downloads/<the file copsite pdf writes>, from the site root
            name = h.rsplit("/", 1)[1]
            assert name in {printables.filename(code, k, p) for k, p in printables.every(code)}, (code, h)
            target = (built_site / prefix / content.url_of(rel) / h).resolve()
            assert target.parent == (built_site / "downloads").resolve(), (code, h)
