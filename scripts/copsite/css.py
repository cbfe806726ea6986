"""A lighter copy of Material's stylesheet for the first view of a page.

Material ships one stylesheet for every component it offers (about 23 KB gzipped);
this site renders only some of them. The copy leaves out the rules whose selectors
name a component listed in UNUSED, then the custom properties (``--md-*``) that no
remaining rule reads. The CSS is parsed with tinycss2 (Kozea's CSS parser, already
locked for WeasyPrint), never with regular expressions.

Pages link the copy instead of the original (copsite.hooks), and the build writes it
where Material's stylesheet was copied. A test checks that every class used in the
built site still has its rules, so a component that starts being used cannot lose its
styles silently: remove it from UNUSED then.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import tinycss2

# Class-name prefixes of components this site never renders, and why.
UNUSED = {
    "tabbed-": "content tabs: pymdownx.tabbed is not enabled",
    "md-annotation": "code annotations: no content.code.annotate",
    "md-tooltip2": "improved tooltips: no content.tooltips",
    "md-version": "version selector: no versioning",
    "md-post": "blog plugin: not used",
    "md-author": "blog plugin: not used",
    "md-profile": "blog plugin: not used",
    "md-draft": "blog plugin: not used",
    "md-sidebar--post": "blog plugin: not used",
    "md-consent": "cookie consent: the site sets no cookies",
    "md-feedback": "feedback widget: it would need analytics",
    "md-status": "page status badges: not configured",
    "md-source": "repository facts: no repo_url (it would call api.github.com)",
    "md-header__source": "repository facts: no repo_url",
    "md-nav__source": "repository facts: no repo_url",
    "md-tabs": "navigation tabs: not enabled",
    "md-nav--lifted": "navigation tabs: not enabled",
    "md-nav--integrated": "toc.integrate: not enabled",
    "md-nav__item--section": "navigation.sections: not enabled",
    "md-path": "navigation.path: not enabled",
    "md-tag": "tags plugin: not used",
    "md-social": "social links: none",
    "grid": "grids and cards: attr_list classes not used by the guidance",
    "card": "grids and cards: not used",
    "task-list": "task lists: pymdownx.tasklist is not enabled",
    "md-code__": "code copy and select buttons: not enabled",
    "md-clipboard": "code copy button: not enabled",
    "highlighttable": "line numbers: pymdownx.highlight options not used",
    "linenos": "line numbers: not used",
    "linenodiv": "line numbers: not used",
    "filename": "code block titles: not used",
    "arithmatex": "maths: pymdownx.arithmatex is not enabled",
    "critic": "critic markup: not enabled",
    "mermaid": "diagrams: not enabled",
    "footnote": "footnotes: the extension is not enabled",
    "keys": "keyboard keys: pymdownx.keys is not enabled",
    "emojione": "emoji: not enabled",
    "twemoji": "emoji: not enabled",
    "gemoji": "emoji: not enabled",
    "md-banner--warning": "outdated-version banner: no versioning",
    "md-tooltip": "tooltips: no content.tooltips, no annotations",
    "md-pagination": "blog archive pagination: not used",
    "highlight": "code blocks and their syntax colours: the guidance has no code",
    "giscus": "comments: the site has none (they would call a third party)",
    "katex": "maths: not enabled",
    "md-meta": "blog post metadata: not used",
    "md-input": "form inputs of the feedback widget: not used",
    "md-option": "colour palette toggle: none (it would write to local storage)",
    "md-pin": "blog pinned posts: not used",
    "md-search__suggest": "search suggestions: search.suggest is not enabled",
    "md-button": "buttons in content: the guidance uses plain links",
    "md-content--post": "blog posts: not used",
    "md-header--lifted": "navigation tabs: not enabled",
    "md-banner__button": "dismissible banner: not used",
    "md-copyright__highlight": "copyright notice: not configured",
}
# Material's admonition types (and their aliases) other than copsite.siteconfig.ADMONITIONS,
# which `copsite check` rejects in pages; a page that used one would show it as a note.
MATERIAL_ADMONITIONS = {
    "note": (), "abstract": ("summary", "tldr"), "info": ("todo",), "tip": ("hint", "important"),
    "success": ("check", "done"), "question": ("help", "faq"), "warning": ("caution", "attention"),
    "failure": ("fail", "missing"), "danger": ("error",), "bug": (), "example": (), "quote": ("cite",),
}
# Selector parts of components this site never renders that are not classes.
UNUSED_ATTRIBUTES = ("[role=columnheader]", "[aria-sort", "[data-md-color-scheme=slate]")
# HTML elements no page has (Markdown without code blocks, quotes, rules, footnotes or media): their rules go too
UNUSED_ELEMENTS = ("kbd", "pre", "del", "ins", "abbr", "sub", "sup", "hr", "iframe", "video", "audio", "figure",
                   "figcaption", "blockquote")
_ELEMENT_RE = re.compile(r"(?<![\w.#:-])(" + "|".join(UNUSED_ELEMENTS) + r")(?![\w-])")
_NOT_ELEMENTS_RE = re.compile(r"\[[^\]]*\]|\.[\w-]+|#[\w-]+|::?[\w-]+(\([^)]*\))?")

_CLASS_RE = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


@lru_cache(maxsize=None)
def _unused_admonitions() -> frozenset[str]:
    from .siteconfig import ADMONITIONS

    return frozenset(name for kind, aliases in MATERIAL_ADMONITIONS.items() if kind not in ADMONITIONS
                     for name in (kind, *aliases))


def _unused(selector: str) -> bool:
    """A selector is unused if it names an UNUSED class, an unused admonition type or attribute, or an
    element no page has (UNUSED_ELEMENTS)."""
    if any(part in selector for part in UNUSED_ATTRIBUTES):
        return True
    names = _CLASS_RE.findall(selector)
    if any(name.startswith(tuple(UNUSED)) for name in names) or bool(_unused_admonitions() & set(names)):
        return True
    return bool(_ELEMENT_RE.search(_NOT_ELEMENTS_RE.sub(" ", selector)))  # an element no page has


def _rules(css: str):
    return tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)


def _declarations(rules) -> list:
    """The rules without the selectors of unused components, as items to write out again for
    any set of read custom properties: ("rule", prelude, [(property or None, text)]),
    ("block", head, items) or ("text", text). Parsed once, written out as often as the fixed
    point needs."""
    items: list = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
            kept = [s for s in selectors if not _unused(s)]
            if kept:
                decls = []
                for d in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
                    if d.type != "declaration":
                        decls.append((None, d.serialize()))
                    else:
                        decls.append((d.name, f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"))
                items.append(("rule", ",".join(kept), decls))
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = _declarations(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
            items.append(("block", f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}", inner))
        else:
            items.append(("text", rule.serialize()))
    return items


def _write(items, read: set[str] | None) -> str:
    """The items without the custom properties (--*) that are not in `read` (None: keep
    them all); a rule or block left empty is left out."""
    out = []
    for item in items:
        if item[0] == "rule":
            decls = [text for name, text in item[2]
                     if read is None or not (name and name.startswith("--") and name not in read)]
            if decls:
                out.append(item[1] + "{" + ";".join(decls) + "}")
        elif item[0] == "block":
            inner = _write(item[2], read)
            if inner:
                out.append(f"{item[1]}{{{inner}}}")
        else:
            out.append(item[1])
    return "".join(out)


_VAR_RE = re.compile(r"var\(\s*(--[\w-]+)")


def slim(css: str) -> str:
    """Material's stylesheet without the rules of UNUSED components and without
    the custom properties nothing reads any more."""
    items = _declarations(_rules(css))
    read = set(_VAR_RE.findall(_write(items, None)))
    while True:  # a property may only be read by another unread property
        text = _write(items, read)
        now = set(_VAR_RE.findall(text))
        if now == read:
            return text
        read = now


def material_stylesheet() -> Path:
    """Material's main stylesheet, as the theme ships it."""
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    found = sorted(folder.glob("main.*.min.css"))
    if len(found) != 1:
        raise RuntimeError(f"expected one main.*.min.css in {folder}, found {len(found)}")
    return found[0]


SITE_CSS = "site.css"  # the site's own rules (overrides/assets/stylesheets/), served inside the copy


def slim_stylesheet() -> tuple[str, str, bytes]:
    """(Material's file name, the copy's file name, the copy's bytes): names are relative
    to assets/stylesheets/, and the copy's name carries a hash of its content. The copy ends
    with the site's own stylesheet: one file, one request, and the site's rules compress
    against Material's (they name the same classes)."""
    from . import paths

    own = paths.OVERRIDES / "assets" / "stylesheets" / SITE_CSS
    return _slim_stylesheet(own.read_text(encoding="utf-8") if own.exists() else "")


@lru_cache(maxsize=4)
def _slim_stylesheet(own: str) -> tuple[str, str, bytes]:
    src = material_stylesheet()
    data = (slim(src.read_text(encoding="utf-8")) + ("\n" + compact(own) if own else "")).encode("utf-8")
    return src.name, f"main.{hashlib.sha256(data).hexdigest()[:8]}.min.css", data


_SITE_LINK_RE = re.compile(r'\n?<link rel="stylesheet" href="[^"]*assets/stylesheets/' + re.escape(SITE_CSS) + r'">')


def link_slim(html: str) -> str:
    """Point a page at the copy instead of Material's stylesheet (the copy holds site.css too)."""
    original, copy, _ = slim_stylesheet()
    return _SITE_LINK_RE.sub("", html.replace(f"assets/stylesheets/{original}", f"assets/stylesheets/{copy}"))


def write_slim(site: Path) -> None:
    """Where the build copied Material's stylesheet, put the copy in its place."""
    original, copy, data = slim_stylesheet()
    folder = site / "assets" / "stylesheets"
    if not (folder / original).exists():
        return  # a language part without the theme's assets
    (folder / copy).write_bytes(data)
    (folder / original).unlink()
    (folder / f"{original}.map").unlink(missing_ok=True)


# the site's own stylesheet and scripts (overrides/assets/), as the build copied them
OWN_ASSETS = ("assets/stylesheets/site.css", "assets/javascripts/lazy-search.js",
              "assets/javascripts/search-results.js", "assets/javascripts/quick-exit.js",
              "assets/javascripts/read-aloud.js", "assets/javascripts/listen.js", "assets/stylesheets/children.css")
_LINE_COMMENT_RE = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n", re.S | re.M)
_INDENT_RE = re.compile(r"^[ \t]+", re.M)
_TRAILING_COMMENT_RE = re.compile(r"[ \t]*/\*[^*\n]*\*/[ \t]*$", re.M)


def compact(text: str) -> str:
    """Our own CSS and JavaScript without the comments that take whole lines, indentation and
    blank lines: the comments are for contributors, and a reader's first view pays for them
    (about 1 KB gzipped). Our files keep no comment markers inside strings; nothing else changes."""
    text = _TRAILING_COMMENT_RE.sub("", _INDENT_RE.sub("", _LINE_COMMENT_RE.sub("", text)))
    return "\n".join(line for line in text.split("\n") if line) + "\n"


def write_compact(site: Path) -> None:
    for rel in OWN_ASSETS:
        path = site / rel
        if path.exists():  # a language part without the theme's assets has none
            path.write_text(compact(path.read_text(encoding="utf-8")), encoding="utf-8")
