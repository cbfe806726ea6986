"""`copsite pdf`: printable editions, one PDF per audience per language, with WeasyPrint.

Each PDF has a cover, a table of contents with page numbers, page numbers in
the footer, Noto fonts (Arabic shaped right-to-left, Chinese in Simplified
glyphs) and PDF/UA tagging. The pages are the built site's article HTML in
navigation order, so the PDF says exactly what the site says. The cover prints the
site's address, and every PDF ends with where to get help (`pdf_help.html.j2`): the
helplines of the countries of its language from the country data (the Get help page's
facts), and the addresses of the guide and of its Get help page on the site; links to
the Get help page inside the PDF go to that section.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from . import content, frontmatter, l10n, paths, registry, siteconfig
from .errors import CopsiteError

AUDIENCES = ("children", "parents", "industry", "policy")


def N_(msgid: str) -> str:  # marks a string for extraction into the catalogs
    return msgid


CONTENTS = N_("Contents")
HELP_TITLE = N_("Where to get help")   # the heading of pdf_help.html.j2
HELP_PAGE = "get-help.md"
FONTS = {
    "ar": '"Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", sans-serif',
    "zh": '"Noto Sans CJK SC", "Noto Sans SC", sans-serif',
}
DEFAULT_FONT = '"Noto Sans", "DejaVu Sans", sans-serif'

CSS = """
@page { size: A4; margin: 20mm 18mm 22mm 18mm;
        @bottom-center { content: counter(page); font-size: 9pt; color: #444; } }
@page :first { @bottom-center { content: none; } }
html { font-family: %(font)s; font-size: 10.5pt; line-height: 1.5; color: #111; }
:lang(ar) { font-family: %(ar)s; }
:lang(zh) { font-family: %(zh)s; }
:lang(en) { font-family: %(default)s; }
.cover { break-after: page; text-align: center; padding-top: 60mm; }
.cover h1 { font-size: 26pt; margin: 0 0 8mm; }
.cover .audience { font-size: 18pt; margin-bottom: 20mm; }
.cover .meta { font-size: 10pt; color: #333; }
nav.toc { break-after: page; }
nav.toc ol { list-style: none; padding: 0; }
nav.toc li { margin: 2mm 0; }
nav.toc a { color: #111; text-decoration: none; }
nav.toc a::after { content: leader('.') target-counter(attr(href), page); }
section.page { break-before: page; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; } h3 { font-size: 12pt; }
a { color: #0b3d91; }
.admonition, details { border-inline-start: 3pt solid #0b3d91; padding: 1mm 4mm; margin: 3mm 0; background: #f3f6fb; }
.admonition-title, summary { font-weight: bold; }
details > summary::marker, details > summary::-webkit-details-marker { content: ""; }
table { border-collapse: collapse; width: 100%%; font-size: 9.5pt; }
th, td { border: 0.5pt solid #999; padding: 1.5mm; vertical-align: top; }
.cover .url, .help .url { overflow-wrap: anywhere; }
.help .url { font-size: 8.5pt; color: #333; }
.help .tel { white-space: nowrap; color: #111; text-decoration: none; }
.help ul { padding-inline-start: 5mm; } .help li { margin: 1.5mm 0; }
.help .note { font-size: 9.5pt; }
.headerlink, .md-source-file, .md-content__button, .cop-exit { display: none; }
"""


def _article(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    m = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', text, re.S)
    if not m:
        raise CopsiteError(f"{path}: no article in the built page")
    body = re.sub(r'<aside class="cop-print">.*?</aside>|<div class="cop-listen".*?</div>', "", m.group(1), flags=re.S)
    body = re.sub(r"<details([^>]*)>", r"<details open\1>", body)              # print every answer
    body = re.sub(r'<a href="(?!https?:|#|(?:\.\./)*get-help/)[^"]*"([^>]*)>', r"<a\1>", body)  # site-relative links: text only
    return body


def _help_links(body: str) -> str:
    """Links to the Get help page go to the PDF's own help section."""
    return re.sub(r'<a href="(?:\.\./)*get-help/[^"]*"', '<a href="#help"', body)


def site_url() -> str:
    """The site's address (`build.site_url`: --site-url, else `site_url` in mkdocs.yml), ending in '/'."""
    from .build import site_url as address

    url = address()
    if url == "/":
        raise CopsiteError(f"{paths.rel(paths.MKDOCS_YML)}: no site_url, which the printed editions print")
    return url.rstrip("/") + "/"


def help_countries(code: str) -> list:
    """The countries whose helplines end a PDF in language `code`: the country whose national edition
    is in that language first, then the countries that list the language among their own; if there are
    none, every country. Each group in the reader's order of country names, as on the Get help page."""
    from . import countries

    every = countries.load()
    mine = [c for c in every if c.data["edition"].get("site_language") == code
            or any(t.split("-")[0] == code for t in c.data["languages"])]
    return countries.for_readers_of(mine or every, code)


@lru_cache(maxsize=None)
def _help_env(code: str):
    """A Jinja environment for print: HTML-escaped, with the country helpers of the web pages."""
    import jinja2
    from markupsafe import Markup, escape

    from . import countries

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
                             extensions=["jinja2.ext.i18n"], autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_translations(countries.translations(code), newstyle=False)

    def t(value):
        s, lang = countries.text(value, code)
        return escape(s) if lang == code else Markup('<span lang="%s" dir="ltr">%s</span>') % (lang, s)

    gettext = env.globals["gettext"]
    colon, paren, join_list = countries.punctuation(code, gettext, markup=True)
    env.filters.update(t=t, date=lambda v: countries.date_text(v, code), country=lambda cc: countries.country_name(cc, code),
                       join_list=join_list)
    env.globals.update(kind=lambda k: gettext(countries.KIND[k]), dial=countries.dial, colon=colon, paren=paren)
    return env


def help_section(code: str) -> str:
    """The end matter of a PDF: helplines, then where the guide is on the web."""
    lang = registry.language(code)
    base = site_url()
    src = code if content.is_translated(code, HELP_PAGE) else registry.source_language().code
    title = frontmatter.read(content.lang_dir(src) / HELP_PAGE, HELP_PAGE).meta["title"]
    get_help = {"title": title, "lang": src, "url": base + lang.prefix + content.url_of(HELP_PAGE)}
    return _help_env(code).get_template("pdf_help.html.j2").render(
        countries=help_countries(code), home=base + lang.prefix, get_help=get_help)


def audience_pages(code: str, audience: str) -> list[str]:
    folder = registry.audiences()["folders"][audience]
    return [rel for rel in siteconfig.nav_pages() if rel.startswith(folder + "/")]


def document(site: Path, code: str, audience: str) -> str:
    lang = registry.language(code)
    pages = audience_pages(code, audience)
    titles = []
    sections = []
    for i, rel in enumerate(pages):
        src_code = code if content.is_translated(code, rel) else registry.source_language().code
        meta = frontmatter.read(content.lang_dir(src_code) / rel, rel).meta
        built = site / lang.prefix / content.url_of(rel) / "index.html"
        titles.append((f"p{i}", meta["title"], src_code))
        body = _article(built)
        body = re.sub(r'\sid="', f' id="p{i}-', body)                             # unique ids across pages
        body = _help_links(re.sub(r'href="#', f'href="#p{i}-', body))
        sections.append(f'<section class="page" id="p{i}" lang="{src_code}" '
                        f'dir="{registry.language(src_code).dir}">{body}</section>')
    landing = f"{registry.audiences()['folders'][audience]}/index.md"
    src = code if content.is_translated(code, landing) else "en"
    audience_title = frontmatter.read(content.lang_dir(src) / landing, landing).meta["title"]
    site_name = l10n.gettext(code, siteconfig.SITE_NAME)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0) or int(dt.datetime.now().timestamp())
    from .countries import date_text

    home = site_url() + lang.prefix
    day = date_text(dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date().isoformat(), code)
    end = help_section(code)
    titles.append(("help", l10n.gettext(code, HELP_TITLE), code))
    toc = "".join(f'<li lang="{c}"><a href="#{pid}">{html.escape(t)}</a></li>' for pid, t, c in titles)
    css = CSS % {"font": FONTS.get(code, DEFAULT_FONT), "ar": FONTS["ar"], "zh": FONTS["zh"], "default": DEFAULT_FONT}
    return (f'<!doctype html><html lang="{code}" dir="{lang.dir}"><head><meta charset="utf-8">'
            f"<title>{html.escape(site_name)}: {html.escape(audience_title)}</title>"
            f'<meta name="description" content="{html.escape(audience_title)}"><style>{css}</style></head><body>'
            f'<div class="cover"><h1>{html.escape(site_name)}</h1><p class="audience">{html.escape(audience_title)}</p>'
            f'<p class="meta">{html.escape(lang.name)} · {html.escape(day)}</p>'
            f'<p class="meta"><a class="url" href="{html.escape(home)}" dir="ltr">{html.escape(home)}</a></p></div>'
            f'<nav class="toc"><h2>{html.escape(l10n.gettext(code, CONTENTS))}</h2><ol>{toc}</ol></nav>'
            + "".join(sections) + end + "</body></html>")


WHAT = ("guides", "cards", "workbooks", "teachers-guides")  # what `copsite pdf` makes (--what)


def render(site: Path, out_dir: Path, langs: list[str] | None, audiences: list[str] | None, progress=print,
           what: tuple[str, ...] = WHAT) -> list[Path]:
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    codes = langs or registry.codes(include_draft=False)
    jobs = []
    for code in codes:
        registry.language(code)
        for audience in audiences or AUDIENCES:
            if audience not in AUDIENCES:
                raise CopsiteError(f"unknown audience '{audience}' (known: {', '.join(AUDIENCES)})")
            translated = [r for r in audience_pages(code, audience) if content.is_translated(code, r)]
            if translated:  # an edition prints only the audiences it has translated
                jobs.append((code, audience))
    from . import printables

    out_dir.mkdir(parents=True, exist_ok=True)
    todo = [(out_dir / f"cop-guidelines-{code}-{audience}.pdf", lambda c=code, a=audience: document(site, c, a))
            for code, audience in jobs] if "guides" in what else []
    kinds = {"cards": "cards", "workbooks": "workbook", "teachers-guides": "teachers-guide"}
    for code in codes:
        if not content.is_translated(code, "children/index.md"):
            continue  # an edition prints what it has translated
        for kind, part in printables.every(code):
            if kind in {kinds[w] for w in what if w in kinds}:
                todo.append((out_dir / printables.filename(code, kind, part),
                             lambda c=code, k=kind, p=part: printables.document(site, c, k, p)))
    written = []
    for i, (dest, make) in enumerate(todo, 1):
        progress(f"[{i}/{len(todo)}] {dest.name}")
        doc = HTML(string=make(), base_url=str(site))
        tmp = dest.with_suffix(".pdf.tmp")
        doc.write_pdf(str(tmp), pdf_variant="pdf/ua-1", uncompressed_pdf=False)
        tmp.replace(dest)
        written.append(dest)
    return written


def pdf(langs: list[str] | None, audiences: list[str] | None, out_dir: Path | None, site_dir: Path | None, progress=print,
        what: tuple[str, ...] = WHAT):
    out_dir = Path(out_dir or paths.ROOT / "dist" / "pdf")
    if site_dir:
        return render(Path(site_dir), out_dir, langs, audiences, progress, what)
    from . import build

    with tempfile.TemporaryDirectory(prefix="copsite-pdf-") as tmp:
        progress("building the site...")
        build.build(site_dir=Path(tmp) / "site", langs=langs)
        return render(Path(tmp) / "site", out_dir, langs, audiences, progress, what)
