"""Printables for children and teachers (issue 20), built by `copsite pdf` from the built site, in
every language: a deck of play cards (A4 and Letter: cut lines, large type, one situation or rule a
card, with the stories' pictures), and per age band a workbook (the pages' activities and "What would
you do?" questions, with room to draw and write) and a teacher's guide (the lesson for the band from
the Teacher's guide page, the pages it uses, and where to get help). Everything is taken from the
translated pages, so a printable says what the site says, in the same words.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from . import content, frontmatter, l10n, registry, siteconfig
from .countries import N_, punctuation


def _colon(code: str, label: str, value: str) -> str:
    """"label: value" with the punctuation of the language (countries.punctuation: ： in Chinese, a narrow space in French)."""
    return punctuation(code, lambda msgid: l10n.gettext(code, msgid))[0](label, value)

BANDS = ("under-9", "9-12", "13-18")
CARD_BANDS = ("under-9", "9-12")
SIZES = {"a4": "A4", "letter": "letter"}
ACTIVITY = re.compile(r"^(activity|challenge|my-helping-hand|this-week|try-this)")
TEACHERS_GUIDE = "parents/teachers-guide.md"
LESSON = {"under-9": "lesson-under-9", "9-12": "lesson-9-12", "13-18": "lesson-13-18"}

PLAY_CARDS = N_("Play cards")
WORKBOOK = N_("Workbook")
TEACHERS = N_("Teacher's guide")
CUT = N_("Cut along the dashed lines.")
DRAW = N_("Draw or write here.")
WHY = N_("Why?")
NAME = N_("My name:")
PAGES_USED = N_("The pages this lesson uses")
PRINT = N_("Print and play")
SIZE_LABELS = {"a4": N_("A4 paper"), "letter": N_("Letter paper")}

CSS = """
@page { size: %(size)s; margin: 12mm; @bottom-center { content: counter(page); font-size: 9pt; color: #555; } }
@page :first { @bottom-center { content: none; } }
html { font-family: %(font)s; font-size: 12pt; line-height: 1.45; color: #111; }
:lang(ar) { font-family: %(ar)s; } :lang(zh) { font-family: %(zh)s; }
h1 { font-size: 22pt; } h2 { font-size: 16pt; } h3 { font-size: 14pt; margin: 0 0 2mm; }
.cover { text-align: center; padding-top: 40mm; break-after: page; }
.cover .band { font-size: 18pt; } .cover .name { margin-top: 25mm; font-size: 14pt; }
.cover img, .card img { max-width: 100%%; height: auto; }
.card { box-sizing: border-box; display: inline-block; vertical-align: top; width: 49.5%%; height: %(card_h)s;
        padding: 6mm; border: 0.8pt dashed #666; overflow: hidden; break-inside: avoid; font-size: 13pt; }
.card ul { padding-inline-start: 5mm; margin: 1mm 0; }
.card.rule { background: #e8f5e9; } .card.situation { background: #fff8e1; }
.card img { display: block; max-height: 38mm; margin: 0 auto 2mm; }
.cut { font-size: 10pt; color: #444; }
section.page { break-before: page; }
.space { border: 1pt solid #888; border-radius: 4mm; height: 70mm; margin: 3mm 0 6mm; padding: 2mm 3mm;
         color: #666; font-size: 10pt; }
.lines { height: 35mm; background: repeating-linear-gradient(to bottom, transparent 0, transparent 9mm, #999 9mm, #999 9.3mm); }
.choices { list-style: none; padding: 0; } .choices li::before { content: "\\2610  "; font-size: 16pt; }
.admonition { border-inline-start: 3pt solid #00695c; padding: 1mm 4mm; margin: 3mm 0; background: #f1f8f7; }
.admonition-title, summary { font-weight: bold; }
details > summary::marker { content: ""; }
.headerlink, .cop-listen, .md-content__button, .cop-picture-box { display: none; }
.url { overflow-wrap: anywhere; font-size: 10pt; }
"""


def filename(code: str, kind: str, part: str) -> str:
    """The file's name says what it is: cop-guidelines-fr-cards-a4.pdf, ...-workbook-9-12.pdf, ...-teachers-guide-13-18.pdf."""
    return f"cop-guidelines-{code}-{kind}-{part}.pdf"


def every(code: str) -> list[tuple[str, str]]:
    """(kind, part) of every printable of a language."""
    return ([("cards", size) for size in SIZES] + [("workbook", band) for band in BANDS]
            + [("teachers-guide", band) for band in BANDS])


def _band_pages(band: str) -> list[str]:
    return [rel for rel in siteconfig.nav_pages() if rel.startswith(f"children/{band}/") and not rel.endswith("index.md")]


def _source(code: str, rel: str) -> str:
    return code if content.is_translated(code, rel) else registry.source_language().code


def _title(code: str, rel: str) -> str:
    src = _source(code, rel)
    return str(frontmatter.read(content.lang_dir(src) / rel, rel).meta["title"])


def _article(site: Path, code: str, rel: str) -> str:
    from .pdf import _article as article

    return article(site / registry.language(code).prefix / content.url_of(rel) / "index.html")


def _sections(body: str) -> dict[str, str]:
    """A page's article split at its second-level headings: anchor -> the section's HTML."""
    parts = re.split(r'(?=<h2 id=")', body)
    out = {}
    for part in parts[1:]:
        m = re.match(r'<h2 id="([^"]+)"', part)
        if m:
            out[m.group(1)] = part
    return out


def _pictures(body: str, site: Path) -> list[str]:
    """The page's story pictures as absolute file URLs (WeasyPrint reads them from the built site)."""
    return [(site / "assets" / "images" / "stories" / src.rsplit("/", 1)[1]).as_uri()
            for src in re.findall(r'<img class="cop-picture[^"]*" src="([^"]+)"', body)]


def _plain(fragment: str) -> str:
    return html.escape(re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip())


def situations(section: str) -> list[dict]:
    """The "What would you do?" section of a page as situations to print. Three shapes, one per age
    band: a prompt and three choices (under 9); short stories (a third-level heading each), each with
    its question (9 to 12); questions that tell the whole situation (13 to 18). Answers are left out:
    the printables ask, the pages answer."""
    summaries = re.findall(r"<summary>(.*?)</summary>", section, re.S)
    stories = re.split(r'(?=<h3 id=")', section)[1:]
    if stories:
        out = []
        for story in stories:
            title = re.search(r"<h3[^>]*>(.*?)</h3>", story, re.S)
            text = re.search(r"<p>(.*?)</p>", story, re.S)
            ask = re.search(r"<summary>(.*?)</summary>", story, re.S)
            out.append({"title": _plain(title.group(1)) if title else "", "text": _plain(text.group(1)) if text else "",
                        "question": _plain(ask.group(1)) if ask else "", "options": []})
        return out
    prompt = re.search(r"<p>(.*?)</p>", section.split("<details", 1)[0], re.S)
    if prompt and len(summaries) > 1:  # a prompt and its choices
        return [{"title": "", "text": "", "question": _plain(prompt.group(1)), "options": [_plain(s) for s in summaries]}]
    return [{"title": "", "text": "", "question": _plain(s), "options": []} for s in summaries]


def _doc(code: str, title: str, body: str, size: str = "A4", card_h: str = "125mm") -> str:
    from .pdf import DEFAULT_FONT, FONTS

    lang = registry.language(code)
    css = CSS % {"size": size, "font": FONTS.get(code, DEFAULT_FONT), "ar": FONTS["ar"], "zh": FONTS["zh"], "card_h": card_h}
    return (f'<!doctype html><html lang="{lang.html_tag}" dir="{lang.dir}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{css}</style></head><body>{body}</body></html>")


def cards(site: Path, code: str, size: str) -> str:
    t = lambda msgid: l10n.gettext(code, msgid)  # noqa: E731
    site_name = t(siteconfig.SITE_NAME)
    out = []
    for band in CARD_BANDS:
        for rel in _band_pages(band):
            body = _article(site, code, rel)
            title = html.escape(_title(code, rel))
            pictures = _pictures(body, site)
            sections = _sections(body)
            picture = f'<img src="{pictures[min(1, len(pictures) - 1)]}" alt="">' if pictures else ""
            for anchor, section in sections.items():
                if not anchor.startswith("what-would-you-do"):
                    continue
                for sit in situations(section):
                    options = "".join(f"<li>{o}</li>" for o in sit["options"])
                    out.append(f'<div class="card situation"><h3>{sit["title"] or title}</h3>{picture}'
                               + (f'<p>{sit["text"]}</p>' if sit["text"] else "")
                               + f'<p><strong>{sit["question"]}</strong></p>' + (f"<ul>{options}</ul>" if options else "")
                               + "</div>")
                    picture = ""  # one picture a story
            for tip in re.findall(r'<div class="admonition tip">(.*?)</div>', body, re.S):
                out.append(f'<div class="card rule">{tip}</div>')
    heading = _colon(code, site_name, t(PLAY_CARDS))
    body = (f'<h1>{html.escape(heading)}</h1><p class="cut">{html.escape(t(CUT))}</p>'
            f'<div class="cards">{"".join(out)}</div>')
    return _doc(code, heading, body, SIZES[size], "118mm" if size == "a4" else "110mm")


def workbook(site: Path, code: str, band: str) -> str:
    from .pdf import help_section

    t = lambda msgid: l10n.gettext(code, msgid)  # noqa: E731
    band_title = _title(code, f"children/{band}/index.md")
    heading = _colon(code, t(siteconfig.SITE_NAME), t(WORKBOOK))
    out = [f'<div class="cover"><h1>{html.escape(heading)}</h1><p class="band">{html.escape(band_title)}</p>'
           f'<p class="name">{html.escape(t(NAME))} ____________________</p></div>']
    for rel in _band_pages(band):
        body = _article(site, code, rel)
        parts = []
        for anchor, section in _sections(body).items():
            if ACTIVITY.match(anchor):
                parts.append(section + f'<div class="space">{html.escape(t(DRAW))}</div>')
            elif anchor.startswith("what-would-you-do"):
                parts.append(re.match(r"<h2[^>]*>.*?</h2>", section, re.S).group(0))
                for sit in situations(section):
                    options = "".join(f"<li>{o}</li>" for o in sit["options"])
                    parts.append((f'<h3>{sit["title"]}</h3>' if sit["title"] else "")
                                 + (f'<p>{sit["text"]}</p>' if sit["text"] else "")
                                 + f'<p><strong>{sit["question"]}</strong></p>'
                                 + (f'<ul class="choices">{options}</ul>' if options else "")
                                 + f'<p>{html.escape(t(WHY))}</p><div class="lines"></div>')
        if not any(a.startswith("what-would-you-do") for a in _sections(body)):  # 13-18: questions in the sections
            for question in re.findall(r'<details class="question"[^>]*>\s*<summary>(.*?)</summary>', body, re.S):
                parts.append(f'<p><strong>{_plain(question)}</strong></p><div class="lines"></div>')
        if parts:
            out.append(f'<section class="page"><h1>{html.escape(_title(code, rel))}</h1>{"".join(parts)}</section>')
    out.append(help_section(code))
    return _doc(code, _colon(code, heading, band_title), "".join(out))


def teachers_guide(site: Path, code: str, band: str) -> str:
    from .pdf import help_section, site_url

    t = lambda msgid: l10n.gettext(code, msgid)  # noqa: E731
    band_title = _title(code, f"children/{band}/index.md")
    heading = _colon(code, t(siteconfig.SITE_NAME), t(TEACHERS))
    sections = _sections(_article(site, code, TEACHERS_GUIDE))
    keep = ["before-you-teach", LESSON[band], "after-the-lessons"]
    lang = registry.language(code)
    base = site_url() + lang.prefix
    pages = "".join(f'<li>{html.escape(_title(code, rel))}<br><a class="url" href="{html.escape(base + content.url_of(rel))}" '
                    f'dir="ltr">{html.escape(base + content.url_of(rel))}</a></li>' for rel in _band_pages(band))
    body = (f'<div class="cover"><h1>{html.escape(heading)}</h1><p class="band">{html.escape(band_title)}</p></div>'
            + "".join(sections.get(a, "") for a in keep)
            + f'<h2>{html.escape(t(PAGES_USED))}</h2><ul>{pages}</ul>' + help_section(code))
    return _doc(code, _colon(code, heading, band_title), body)


def document(site: Path, code: str, kind: str, part: str) -> str:
    return {"cards": cards, "workbook": workbook, "teachers-guide": teachers_guide}[kind](site, code, part)


def links(code: str, rel: str, root: str) -> list[tuple[str, str]]:
    """(label, address) of the printables a page offers: the children's pages of a band its cards and
    workbook, the children's landing page all of them, the Teacher's guide page the teacher's guides.
    `root` leads from the page to the site root; the files are in downloads/ (`copsite pdf --out site/downloads`)."""
    t = lambda msgid: l10n.gettext(code, msgid)  # noqa: E731
    wanted: list[tuple[str, str]] = []
    band = next((b for b in BANDS if rel.startswith(f"children/{b}/")), None)
    if rel == "children/index.md" or band in CARD_BANDS:
        wanted += [("cards", size) for size in SIZES]
    if rel == "children/index.md":
        wanted += [("workbook", b) for b in BANDS]
    elif band:
        wanted.append(("workbook", band))
    if rel in (TEACHERS_GUIDE, "parents/schools.md"):
        wanted += [("teachers-guide", b) for b in BANDS]
    out = []
    for kind, part in wanted:
        what = {"cards": t(PLAY_CARDS), "workbook": t(WORKBOOK), "teachers-guide": t(TEACHERS)}[kind]
        detail = t(SIZE_LABELS[part]) if kind == "cards" else _title(code, f"children/{part}/index.md")
        out.append((_colon(code, what, detail), f"{root}downloads/{filename(code, kind, part)}"))
    return out
