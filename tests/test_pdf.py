"""Printable editions: Arabic and Chinese PDFs with the right fonts, script, order and tagging, and
every edition (here Chinese and the Mongolian national edition) ending with where to get help."""
from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from copsite import content, frontmatter, l10n, paths
from helpers import SCRIPTS, run_copsite


@pytest.fixture(scope="module")
def pdfs(built_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    res = run_copsite("pdf", "--lang", "ar", "--lang", "zh", "--lang", "mn", "--audience", "parents", "--what", "guides",
                      "--site-dir", str(built_site), "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert "[1/3]" in res.stdout and "[3/3]" in res.stdout            # progress is shown
    return out


def tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("code,font,script", [("ar", "Noto-Naskh-Arabic", SCRIPTS["ar"]), ("zh", "Noto-Sans-CJK-SC", SCRIPTS["zh"])])
def test_pdf_fonts_script_order_and_tags(pdfs, code, font, script):
    path = pdfs / f"cop-guidelines-{code}-parents.pdf"
    fonts = tool("pdffonts", str(path))
    assert font in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:] if line.strip())   # every font embedded
    info = tool("pdfinfo", str(path))
    assert re.search(r"Tagged:\s+yes", info)                                                   # PDF/UA tagging
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) > 10
    text = tool("pdftotext", "-enc", "UTF-8", str(path), "-")
    letters = [c for c in text if c.isalpha()]
    assert len(re.findall(script, "".join(letters))) / len(letters) > 0.6
    # titles and a sentence come out in logical order, as written (runs without Latin letters or digits,
    # whose visual reordering inside right-to-left text is a property of text extraction, not of the PDF)
    page = frontmatter.read(content.lang_dir(code) / "parents/index.md", "parents/index.md")
    sentence = next(s for s in re.split(r"[.。!?؟\n]", page.body)
                    if len(s.strip()) > 25 and not re.search(r"[A-Za-z0-9\[\]()*#{}]", s))
    def plain(t: str) -> str:  # without spaces, bidi controls and Arabic vowel marks (pdftotext moves marks)
        return re.sub(r"[\s\u202a-\u202e\u2066-\u2069\u064b-\u0652]+", "", t)

    assert plain(page.meta["title"]) in plain(text)
    # four words in a row, in the order they are written (words with vowel marks are avoided: pdftotext
    # may put a detached mark on a line of its own)
    if code == "zh":  # no spaces between words: twelve characters in a row
        chunk = re.split(r"[，、：；（）]", sentence.strip())[0][:12]
        assert plain(chunk) in plain(text), chunk
        return
    words = sentence.split()
    runs = [words[i:i + 4] for i in range(len(words) - 3)
            if not any(re.search(r"[\u064b-\u0652\u0670]", w) for w in words[i:i + 4])]
    assert runs, sentence
    flat = " ".join(re.sub(r"[\u202a-\u202e\u2066-\u2069]", "", text).split())
    assert any(" ".join(r) in flat for r in runs), (runs[:3], flat[:300])
    # page numbers in the table of contents
    page2 = tool("pdftotext", "-f", "2", "-l", "2", "-enc", "UTF-8", str(path), "-")
    assert re.search(r"\b1\d\b", page2)


def help_countries(code: str) -> list[dict]:
    """From the data: the country whose national edition is in `code` first, then the countries that list
    the language; if none, every country."""
    every = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(paths.COUNTRIES.glob("*.yml"))]
    home = [c for c in every if c["edition"].get("site_language") == code]
    spoken = [c for c in every if c not in home and any(t.split("-")[0] == code for t in c["languages"])]
    return home + spoken or every


@pytest.mark.parametrize("code", ["zh", "mn"])
def test_pdf_ends_with_helplines_and_the_site_address(pdfs, code):
    path = pdfs / f"cop-guidelines-{code}-parents.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(path))).group(1))
    heading = l10n.gettext(code, "Where to get help")
    assert heading != "Where to get help"                                               # translated
    site_url = re.search(r"^site_url:\s*(\S+)", (paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    site_url = site_url.rstrip("/") + "/"
    tail = tool("pdftotext", "-f", str(pages - 2), "-l", str(pages), "-enc", "UTF-8", str(path), "-")
    assert heading in tail, tail[-500:]
    end = tail[tail.rindex(heading):]                                                   # the help section ends the PDF
    chosen = help_countries(code)
    assert chosen
    numbers = [h["number"] for c in chosen for h in c["helplines"] if h.get("number")]
    assert numbers
    for number in numbers:
        assert number in end, number
    if code == "mn":                                                                    # the national edition's country first
        assert chosen[0]["code"] == "MN"
        first = next(h["number"] for h in chosen[0]["helplines"] if h.get("number"))
        assert end.index(first) == min(end.index(n) for n in numbers)
    assert f"{site_url}{code}/" in end
    assert f"{site_url}{code}/get-help/" in end
    cover = tool("pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", str(path), "-")
    assert f"{site_url}{code}/" in cover                                                # the address on the title page
