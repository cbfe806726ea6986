"""National editions as adaptations: `countries/editions/<CC>.yml` maps what an edition adds to
the translated guidance, page by page (schema `data/edition.schema.json`).

Each addition is Markdown in the edition's language, with its sources, kept with the country and
not inside the translated page: a re-translation never loses it. At build time it is put at the end
of the section it names (`after: <anchor>`) of that page, in the edition's language only, as a
section of its own with its sources; the edition's home starts with the country's helplines and
reporting routes and says what the edition is; the English country page lists every addition.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import paths, registry
from .errors import CopsiteError, Finding, finding

FOLDER = "editions"  # countries/editions/<CC>.yml


def folder() -> Path:
    return paths.COUNTRIES / FOLDER


@dataclass
class Edition:
    country: str
    language: str
    data: dict
    path: Path

    @property
    def additions(self) -> list[dict]:
        return self.data["additions"]

    def pages(self) -> list[str]:
        return list(dict.fromkeys(a["page"] for a in self.additions))

    def page_titles(self) -> dict[str, str]:
        """The titles (in the edition's language) of the pages with additions."""
        from . import content, frontmatter

        titles = {}
        for rel in self.pages():
            try:
                titles[rel] = str(frontmatter.read(content.lang_dir(self.language) / rel, rel).meta.get("title") or rel)
            except CopsiteError:
                titles[rel] = rel
        return titles


def files() -> list[Path]:
    return sorted(folder().glob("*.yml")) if folder().is_dir() else []


def schema() -> dict:
    return json.loads((paths.DATA / "edition.schema.json").read_text(encoding="utf-8"))


# Words that make up a large share of any English text: an addition in which they are frequent
# is English, not the edition's language (for languages written in the Latin script; others are
# checked by their script).
ENGLISH_WORDS = frozenset("the and of to is in that for it with as are on be this you your can if or by "
                          "not have from they will an at which their has was were".split())
SCRIPTS = {"Cyrl": r"[\u0400-\u04ff]", "Arab": r"[\u0600-\u06ff]", "Hans": r"[\u4e00-\u9fff]",
           "Hant": r"[\u4e00-\u9fff]", "Thai": r"[\u0e00-\u0e7f]", "Khmr": r"[\u1780-\u17ff]", "Mong": r"[\u1800-\u18af]"}


def script_of(code: str) -> str:
    from babel.core import get_global

    likely = get_global("likely_subtags").get(code.split("-")[0], "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 2 else "Latn"


def in_language(text: str, code: str) -> str | None:
    """None when `text` reads as the language `code`; otherwise what it looks like instead."""
    plain = re.sub(r"\]\([^)]*\)|https?://\S+|`[^`]*`", " ", text)
    letters = [ch for ch in plain if ch.isalpha()]
    if not letters:
        return "no text"
    script = script_of(code)
    if script in SCRIPTS:
        share = len(re.findall(SCRIPTS[script], "".join(letters))) / len(letters)
        return None if share >= 0.5 else f"only {share:.0%} of its letters are in the {script} script of '{code}'"
    words = re.findall(r"[A-Za-z]+", plain.lower())
    if code.split("-")[0] != "en" and words:
        english = sum(1 for w in words if w in ENGLISH_WORDS) / len(words)
        if english >= 0.15:
            return f"it reads as English ({english:.0%} of its words are English function words)"
    return None


_LINK_RE = re.compile(r"\]\(([^)\s]*)\)")


def anchors(text: str) -> dict[str, tuple[int, int]]:
    from . import content

    return content.headings(text)


def validate(path: Path) -> tuple[dict | None, list[Finding]]:
    from .countries import check_dates, is_country_code, read_data, schema_findings
    from .lint import hidden_characters

    data, lines, errors = read_data(path, "edition")
    if data is None:
        return None, errors
    def explain(err, p):
        if err.validator == "minItems" and p and p[-1] == "sources":
            return "no source: every national addition needs a source URL and the date the source gives"
        return None

    out = schema_findings(data, schema(), lines, path, "edition", explain,
                          "every national addition needs a source URL and the date the source gives")
    if out:
        return None, out
    cc, code = data["country"], data["language"]
    if cc != path.stem:
        out.append(finding(path, lines.get(("country",), 1), "edition", f"country: '{cc}' does not match the file name {path.name}"))
    if not is_country_code(cc) or not (paths.COUNTRIES / f"{cc}.yml").is_file():
        out.append(finding(path, lines.get(("country",), 1), "edition", f"country: no country file countries/{cc}.yml"))
    if code not in registry.codes() or registry.language(code).is_source:
        return None, out + [finding(path, lines.get(("language",), 1), "edition",
                                    f"language: '{code}' is not an edition language of data/languages.yml")]
    for i, add in enumerate(data["additions"]):
        where = ("additions", i)
        page = paths.CONTENT / code / add["page"]
        if not page.is_file():
            out.append(finding(path, lines.get(where + ("page",), 1), "edition",
                               f"additions[{i}].page: no page content/{code}/{add['page']} (the edition's own translation)"))
        elif add["after"] not in anchors(page.read_text(encoding="utf-8")):
            out.append(finding(path, lines.get(where + ("after",), 1), "edition",
                               f"additions[{i}].after: content/{code}/{add['page']} has no heading with the anchor "
                               f"#{add['after']} (anchors: {', '.join(sorted(anchors(page.read_text(encoding='utf-8')))) or 'none'})"))
        for field in ("title", "text"):
            wrong = in_language(add[field], code)
            if wrong and (field == "text" or len(add[field]) > 24):
                out.append(finding(path, lines.get(where + (field,), 1), "edition",
                                   f"additions[{i}].{field}: not in the edition's language '{code}': {wrong}"))
            for rule, msg in hidden_characters(add[field], registry.language(code).dir == "rtl"):
                out.append(finding(path, lines.get(where + (field,), 1), rule, f"additions[{i}].{field}: {msg}"))
        body = add["text"]
        if re.search(r"<[A-Za-z!/]", body):
            out.append(finding(path, lines.get(where + ("text",), 1), "edition", f"additions[{i}].text: no HTML, Markdown only"))
        if re.search(r"^\s*#", body, re.M) or re.search(r"\{[^}]*[#.:=][^}]*\}", body):
            out.append(finding(path, lines.get(where + ("text",), 1), "edition",
                               f"additions[{i}].text: no headings or attribute lists: the addition's title is its heading"))
        for target in _LINK_RE.findall(body):
            if re.match(r"https?://[A-Za-z0-9.-]+(/\S*)?$", target):
                continue
            page_part = target.split("#", 1)[0]
            resolved = (Path(add["page"]).parent / page_part).as_posix() if page_part else add["page"]
            import posixpath

            resolved = posixpath.normpath(resolved)
            if not (page_part.endswith(".md") and (paths.CONTENT / registry.source_language().code / resolved).is_file()):
                out.append(finding(path, lines.get(where + ("text",), 1), "edition",
                                   f"additions[{i}].text: link {target!r}: a link goes to a web page (https://...) or to "
                                   f"another page of the site, relative to {add['page']} (e.g. ../get-help.md)"))
        if re.search(r"[<>\[\]{}#*_`|!]", add["title"]):
            out.append(finding(path, lines.get(where + ("title",), 1), "edition", f"additions[{i}].title: plain text only"))
    out.extend(check_dates(data, lines, path, "edition"))
    return (None, out) if out else (data, [])


def check() -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, Path] = {}
    for path in files():
        data, errors = validate(path)
        out.extend(errors)
        if data and data["language"] in seen:
            out.append(finding(path, 1, "edition", f"language '{data['language']}' already has an adaptation map: "
                                                   f"{paths.rel(seen[data['language']])}"))
        elif data:
            seen[data["language"]] = path
    return out


@lru_cache(maxsize=None)
def load() -> tuple[Edition, ...]:
    from .countries import load_valid

    return load_valid(files(), validate, lambda data, path: Edition(data["country"], data["language"], data, path))


def of_language(code: str) -> Edition | None:
    return next((e for e in load() if e.language == code), None)


def of_country(cc: str) -> Edition | None:
    return next((e for e in load() if e.country == cc), None)


# ---------------------------------------------------------------- rendering


def insert(markdown: str, code: str, rel: str) -> str:
    """The page with its national additions, each at the end of the section it names."""
    edition = of_language(code)
    if edition is None:
        return markdown
    adds = [a for a in edition.additions if a["page"] == rel]
    if not adds:
        return markdown
    from . import countries

    env = countries.template_env(code)
    template = env.get_template("addition.md.j2")
    from . import content

    for add in adds:
        level = content.headings(markdown).get(add["after"], (None,))[0]
        if level is None:
            continue  # reported by `copsite check` (the page changed since): never a broken page
        block = template.render(add=add, level="#" * min(level + 1, 6), anchor=f"{edition.country.lower()}-{add['after']}",
                                lang=code)
        markdown = content.append_to_section(markdown, add["after"], block)
    return markdown


def home_block(code: str) -> str:
    """What opens the edition's home: the country's helplines and reporting routes."""
    edition = of_language(code)
    if edition is None:
        return ""
    from . import countries

    country = next((c for c in countries.load() if c.code == edition.country), None)
    if country is None:
        return ""
    env = countries.template_env(code)
    return env.get_template("edition_help.md.j2").render(c=country.data, slug=country.slug, lang=code)


def about_block(code: str) -> str:
    """The end of the edition's home: what this edition is, who made it, what it adds, what it publishes."""
    edition = of_language(code)
    if edition is None:
        return ""
    from . import content, countries

    country = next((c for c in countries.load() if c.code == edition.country), None)
    titles = edition.page_titles()
    english = registry.source_language().code
    published, partly = [], []
    for section in ("children", "parents", "industry", "policy"):
        pages = [r for r in content.pages(english) if r.startswith(section + "/")]
        have = [r for r in pages if (content.lang_dir(code) / r).is_file()]
        (published if len(have) == len(pages) else partly).append(section)
    env = countries.template_env(code)
    return env.get_template("edition_about.md.j2").render(
        e=edition.data, c=country.data if country else {}, titles=titles, published=published, partly=partly,
        lang=code, slug=edition.country.lower())


def insert_home(markdown: str, code: str) -> str:
    """The edition's home: its country's help first (after the page's opening paragraph), then the
    guidance, and at the end what this edition is."""
    top, about = home_block(code), about_block(code)
    if not top and not about:
        return markdown
    body_start = 0
    if markdown.startswith("---\n"):
        body_start = markdown.index("\n---", 4) + 4
    first = re.search(r"\n\n(?=\S)", markdown[body_start:].lstrip("\n"))
    at = len(markdown) - len(markdown[body_start:].lstrip("\n")) + (first.end() if first else 0)
    return markdown[:at] + top.strip("\n") + "\n\n" + markdown[at:].rstrip("\n") + "\n\n" + about.strip("\n") + "\n"


def status() -> list[dict]:
    """Per edition: pages translated of the English, pages adapted, national review."""
    from . import content

    out = []
    try:
        editions = load()
    except CopsiteError:
        return out
    english = content.pages(registry.source_language().code)
    for e in editions:
        have = [r for r in english if (content.lang_dir(e.language) / r).is_file() and
                not content.is_untranslated_copy(e.language, r)]
        out.append({"country": e.country, "language": e.language, "translated": len(have), "pages": len(english),
                    "adapted": len(e.pages()), "additions": len(e.additions),
                    "reviewed": e.data.get("reviewed")})
    return out


# ---------------------------------------------------------------- an edition as its own site


def site_env(cc: str) -> dict[str, str]:
    """The environment of `copsite build --edition CC`: the country, and the languages of its site
    (its edition's language and the source language, which fills the pages not translated)."""
    from . import countries

    cc = cc.upper()
    country = next((c for c in countries.load() if c.code == cc), None)
    if country is None:
        raise CopsiteError(f"--edition {cc}: no country file countries/{cc}.yml")
    code = country.data.get("edition", {}).get("site_language")
    if not code or code not in registry.codes():
        raise CopsiteError(f"--edition {cc}: countries/{cc}.yml has no edition.site_language in data/languages.yml: "
                           "start one with `copsite new-edition <lang> --country " + cc + "`")
    return {"COPSITE_EDITION": cc, "COPSITE_EDITION_LANGS": ",".join([registry.source_language().code, code])}


def make_root(site: Path, cc: str) -> None:
    """A national edition's own site opens on the edition's home: the site's root page sends readers
    to /<lang>/ (no script: a meta refresh and a link); the source language's home moves to /<src>/,
    its relative links still resolving from the root through <base href="../">, and the edition's home
    points its language-menu entry there."""
    from html import escape

    from . import l10n

    code = site_env(cc)["COPSITE_EDITION_LANGS"].split(",")[1]
    lang, src = registry.language(code), registry.source_language()
    home = site / "index.html"
    moved = site / src.code / "index.html"
    moved.parent.mkdir(parents=True, exist_ok=True)
    moved.write_text(home.read_text(encoding="utf-8").replace("<head>", '<head>\n<base href="../">', 1), encoding="utf-8")
    from urllib.parse import urlsplit

    from .build import site_url

    base = urlsplit(site_url()).path.rstrip("/")
    edition_home = site / lang.prefix / "index.html"
    menu_home = re.compile(rf'href="(\.\./|{re.escape(base)}/)"(\s+hreflang="{re.escape(src.html_tag)}")')
    edition_home.write_text(menu_home.sub(lambda m: f'href="{m.group(1)}{src.code}/"{m.group(2)}',
                                          edition_home.read_text(encoding="utf-8")), encoding="utf-8")
    name = escape(l10n.gettext(code, "Child Online Protection"))
    src_name = escape(src.name)
    home.write_text(
        f'<!doctype html>\n<html lang="{lang.html_tag}" dir="{lang.dir}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="refresh" content="0; url={lang.prefix}">\n<title>{name}</title>\n</head>\n<body>\n'
        f'<p><a href="{lang.prefix}">{name}</a></p>\n'
        f'<p lang="{src.html_tag}"><a href="{src.code}/" hreflang="{src.html_tag}">{src_name}</a></p>\n</body>\n</html>\n',
        encoding="utf-8")
