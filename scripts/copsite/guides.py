"""Dated guides to the apps and games children use and to the parental controls of devices.

One YAML file per service or device in guides/ (schema data/guide.schema.json), English only,
each item with the maker's own page and that page's own date, and the day someone last compared
the guide with the maker's pages (`checked`). The guides are rendered, in every language, as pages
under parents/guides/ through a template and the `guides` gettext domain (`copsite.countrytext.
DataText`, as the country pages are); the parents' page "Apps, games and devices" lists them.
A guide not checked for STALE_DAYS is listed by `copsite status` and tells its readers so.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import paths
from .countries import field_name, lines_of  # noqa: F401 - the data-file protocol DataText reads
from .countrytext import DataText
from .errors import CopsiteError, Finding, finding

SECTION = "parents/guides"       # the guides' pages, in every language
LIST_PAGE = "parents/apps-and-devices.md"  # the page that lists them: apps under #apps, devices under #devices
LIST_ANCHORS = {"app": "apps", "device": "devices"}
STALE_DAYS = 183                 # about six months: then `status` lists the guide and its page says so
RULE = "guide"


def N_(msgid: str) -> str:  # marks a string for extraction into the catalogs
    return msgid


STALE_NOTE = N_("This guide was last checked more than six months ago. Apps change often: check the maker's pages before you rely on it.")

FIELDS = (
    ("what",), ("minimum_age", "text"),
    ("risks", "*", "text"), ("steps", "*", "text"), ("settings", "*", "text"),
    ("report", "*", "text"), ("limits", "*", "text"),
)
TEXT = DataText("guides", FIELDS, "guides", "guide")


@dataclass(frozen=True)
class Guide:
    id: str
    data: dict
    path: Path

    @property
    def rel(self) -> str:
        return f"{SECTION}/{self.id}.md"

    @property
    def kind(self) -> str:
        return self.data["kind"]

    def age_days(self, today: dt.date | None = None) -> int:
        return ((today or dt.date.today()) - dt.date.fromisoformat(self.data["checked"])).days

    def stale(self, today: dt.date | None = None) -> bool:
        return self.age_days(today) > STALE_DAYS


def folder() -> Path:
    return paths.ROOT / "guides"


def files() -> list[Path]:
    return sorted(folder().glob("*.yml")) if folder().is_dir() else []


@lru_cache(maxsize=None)
def schema() -> dict:
    return json.loads((paths.DATA / "guide.schema.json").read_text(encoding="utf-8"))


def label(path: Path, data: dict) -> str:
    """How a guide's strings are labelled in the catalog's comments: its file name."""
    return path.stem


NOT_FOR = {"app": ("steps",), "device": ("minimum_age", "report")}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _explain(err, p: tuple) -> str | None:
    if err.validator == "anyOf" and p and p[-1] == "date":
        return f"'{err.instance}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD) or 'undated'"
    if err.validator == "pattern" and err.schema.get("pattern", "").startswith("^https?://"):
        return (f"'{err.instance}' is not a plain web address: the host in ASCII and no spaces, quotes, "
                "brackets or parentheses (percent-encode them)")
    return None


def validate(path: Path) -> tuple[dict | None, list[Finding]]:
    """A guide's data, or its findings with file and line."""
    from .countries import check_dates, read_data, schema_findings
    from .lint import hidden_characters

    data, lines, errors = read_data(path, RULE)
    if data is None:
        return None, errors
    # before the schema (which says the same): at the line of the field that does not belong
    for key in NOT_FOR.get(data.get("kind"), ()):
        if key in data:
            return None, [finding(path, lines.get((key,), 1), RULE, f"{key}: a guide of kind '{data['kind']}' has no '{key}'"
                                  + (" (apps have risks, settings and report)" if data["kind"] == "app"
                                     else " (devices have steps, settings and limits)"))]
    out = schema_findings(data, schema(), lines, path, RULE, _explain,
                          "every setting and way to report needs the maker's page it comes from, with that page's date")
    if out:
        return None, out
    if not ID_RE.match(path.stem):
        out.append(finding(path, 1, RULE, f"the file name '{path.name}' is the guide's address: lower-case letters, "
                                          "digits and hyphens only"))
    out.extend(check_dates(data, lines, path, RULE))
    for field, value in TEXT.strings(data):
        for rule, msg in hidden_characters(value):
            out.append(finding(path, lines.get(field, 1), rule, f"{field_name(field)}: {msg}"))
        if "<" in value or re.search(r"\]\(|\{[:#.]", value):
            out.append(finding(path, lines.get(field, 1), RULE, f"{field_name(field)}: plain text only (no HTML or "
                                                                "Markdown links: sources go in 'sources')"))
    for name in ("name", "maker"):
        for rule, msg in hidden_characters(data[name]):
            out.append(finding(path, lines.get((name,), 1), rule, f"{name}: {msg}"))
    return (None, out) if out else (data, [])


def check() -> list[Finding]:
    out: list[Finding] = []
    for path in files():
        out.extend(validate(path)[1])
    for path in sorted(folder().glob("*.yaml")) if folder().is_dir() else []:
        out.append(finding(path, 1, RULE, "guide files end in .yml"))
    return out


@lru_cache(maxsize=None)
def load() -> tuple[Guide, ...]:
    """Every valid guide, by file name. Raises CopsiteError on invalid data."""
    from .countries import load_valid

    return load_valid(files(), validate, lambda data, path: Guide(path.stem, data, path))


def stale(today: dt.date | None = None) -> list[Guide]:
    """The guides not compared with the maker's pages for more than STALE_DAYS."""
    try:
        return [g for g in load() if g.stale(today)]
    except CopsiteError:
        return []


# ---------------------------------------------------------------- rendering

@lru_cache(maxsize=None)
def template_env(code: str):
    """The country pages' environment (catalog, dates, punctuation, source links), with `t` reading
    the `guides` domain."""
    from . import countries

    base = countries.template_env(code)
    env = base.overlay(cache_size=50)
    env.filters = dict(base.filters, t=countries.text_filter(TEXT.text, code))
    return env


def _by_name(guides, code: str) -> list[Guide]:
    from . import countries

    key = countries.collation_key(code)
    return sorted(guides, key=lambda g: key(g.data["name"]))


def render_pages(code: str) -> dict[str, str]:
    """rel path -> Markdown of every guide's page in one language."""
    from . import countries

    try:
        guides = load()
    except CopsiteError:
        return {}
    env = template_env(code)
    gettext = env.globals["gettext"]
    template = env.get_template("guide.md.j2")
    pages = {}
    for g in guides:
        body = template.render(g=g.data, kind=g.kind, stale=g.stale(), stale_note=gettext(STALE_NOTE), lang=code)
        if g.kind == "app":
            description = gettext("%(name)s: minimum age, risks for children, safety settings and how to report, "
                                  "with the maker's pages.") % {"name": g.data["name"]}
        else:
            description = gettext("%(name)s: how to set up parental controls, what they can and cannot do, "
                                  "with the maker's pages.") % {"name": g.data["name"]}
        pages[g.rel] = countries.front_matter(g.data["name"], description, day=g.data["checked"], audience="parents") + body
    return pages


def render_list(code: str, kind: str) -> str:
    """The guides of one kind, as the list on the parents' "Apps, games and devices" page."""
    try:
        guides = [g for g in load() if g.kind == kind]
    except CopsiteError:
        return ""
    env = template_env(code)
    return env.get_template("guides.md.j2").render(guides=_by_name(guides, code), lang=code)


def insert_lists(markdown: str, code: str) -> str:
    """The parents' page with each kind's list at the end of its section (#apps, #devices)."""
    from . import content

    for kind, anchor in LIST_ANCHORS.items():
        listing = render_list(code, kind)
        if listing:
            markdown = content.append_to_section(markdown, anchor, listing)
    return markdown


def generated_rels() -> list[str]:
    try:
        return [g.rel for g in load()]
    except CopsiteError:
        return []
