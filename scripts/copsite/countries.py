"""Country profiles: countries/<CC>.yml, validated, and rendered into pages in
every site language at build time (never copied into Markdown files).

Names of countries, languages and dates come from CLDR through Babel; the
interface text comes from the gettext catalogs.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

from . import paths, registry
from .errors import CopsiteError, Finding, finding

SECTION = "countries"


def N_(msgid: str) -> str:  # marks a string for extraction into the catalogs
    return msgid


STATUS = {"published": N_("Published"), "in-progress": N_("In progress"), "planned": N_("Planned"), "none": N_("None yet")}
KIND = {"child-helpline": N_("child helpline"), "reporting-hotline": N_("reporting hotline"),
        "emergency": N_("emergency"), "other": N_("other service")}
AUDIENCE = {"children": N_("children"), "parents": N_("parents and educators"), "industry": N_("industry"),
            "policy": N_("policy-makers")}
SECTION_TITLE = N_("Countries")


@dataclass
class Country:
    code: str
    data: dict
    path: Path

    @property
    def slug(self) -> str:
        return self.code.lower()

    @property
    def rel(self) -> str:
        return f"{SECTION}/{self.slug}.md"


def schema() -> dict:
    return json.loads((paths.DATA / "country.schema.json").read_text(encoding="utf-8"))


def _lines(text: str) -> dict[tuple, int]:
    """Line number (1-based) of every mapping key and list item, by path."""
    out: dict[tuple, int] = {}

    def walk(node, path):
        out.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                out[path + (key.value,)] = key.start_mark.line + 1
                walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,))

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return out
    if root is not None:
        walk(root, ())
    return out


def _field(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path)) or "(file)"


NOT_COUNTRIES = {"ZZ", "QO", "EU", "EZ", "UN", "AA", "QU"}


def is_country_code(cc: str) -> bool:
    """An ISO 3166-1 alpha-2 country known to CLDR (not a region or a private-use code)."""
    return (len(cc) == 2 and cc.isupper() and cc in Locale("en").territories and cc not in NOT_COUNTRIES
            and not (cc.startswith("X") and cc != "XK"))


def _parse_date(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _walk_dates(obj, path=()):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("date", "launched", "reviewed") and isinstance(v, str):
                yield path + (k,), v
            else:
                yield from _walk_dates(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _walk_dates(v, path + (i,))


def validate(path: Path) -> tuple[dict | None, list[Finding]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [finding(path, 1, "country", f"not UTF-8 ({exc.reason})")]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        problem = " ".join(filter(None, [getattr(exc, "context", None), getattr(exc, "problem", None)])) or str(exc)
        return None, [finding(path, mark.line + 1 if mark else 1, "country", f"not valid YAML: {problem}")]
    lines = _lines(text)
    if not isinstance(data, dict):
        return None, [finding(path, 1, "country", "expected a mapping of fields")]
    # YAML turns unquoted dates into date objects: accept them as text
    data = json.loads(json.dumps(data, default=lambda o: o.isoformat() if isinstance(o, (dt.date, dt.datetime)) else str(o)))
    out: list[Finding] = []
    validator = jsonschema.Draft202012Validator(schema())
    for err in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.path]):
        p = tuple(err.path)
        if err.validator == "additionalProperties":
            extra = sorted(set(err.instance) - set((err.schema.get("properties") or {})))
            for key in extra:
                out.append(finding(path, lines.get(p + (key,), lines.get(p, 1)), "country", f"{_field(p + (key,))}: unknown field"))
            continue
        msg = err.message
        if err.validator == "required":
            msg = f"missing required field {msg.split(' is a required')[0]}"
            if "'sources'" in msg:
                msg += ": every helpline, law and timeline entry needs a source URL and date"
        elif err.validator == "anyOf":
            msg = "needs a 'number' or a 'web' address"
        out.append(finding(path, lines.get(p, 1), "country", f"{_field(p)}: {msg}"))
    if out:
        return None, out
    if data["code"] != path.stem:
        out.append(finding(path, lines.get(("code",), 1), "country", f"code: '{data['code']}' does not match the file name {path.name}"))
    if not is_country_code(data["code"]):
        out.append(finding(path, lines.get(("code",), 1), "country", f"code: '{data['code']}' is not an ISO 3166-1 country code known to CLDR"))
    for i, tag in enumerate(data["languages"]):
        if tag.split("-")[0] not in Locale("en").languages:
            out.append(finding(path, lines.get(("languages", i), 1), "country", f"languages[{i}]: unknown language code '{tag}'"))
    site_lang = data["edition"].get("site_language")
    if site_lang:
        if site_lang not in registry.codes():
            out.append(finding(path, lines.get(("edition", "site_language"), 1), "country",
                               f"edition.site_language: '{site_lang}' is not in data/languages.yml"))
        elif not (paths.CONTENT / site_lang).is_dir():
            out.append(finding(path, lines.get(("edition", "site_language"), 1), "country",
                               f"edition.site_language: '{site_lang}' has no folder content/{site_lang}/"))
    today = dt.date.today()
    for p, value in _walk_dates(data):
        try:
            day = _parse_date(value)
        except ValueError:
            out.append(finding(path, lines.get(p, 1), "country", f"{_field(p)}: '{value}' is not a valid date"))
            continue
        if day > today:
            out.append(finding(path, lines.get(p, 1), "country", f"{_field(p)}: {value} is in the future"))
    return (None, out) if out else (data, [])


def files() -> list[Path]:
    return sorted(paths.COUNTRIES.glob("*.yml")) if paths.COUNTRIES.is_dir() else []


def check() -> list[Finding]:
    out: list[Finding] = []
    for path in files():
        out.extend(validate(path)[1])
    for path in sorted(paths.COUNTRIES.glob("*.yaml")) if paths.COUNTRIES.is_dir() else []:
        out.append(finding(path, 1, "country", "country files end in .yml"))
    return out


@lru_cache(maxsize=None)
def load() -> tuple[Country, ...]:
    """Every valid country, sorted by code. Raises CopsiteError on invalid data."""
    out, errors = [], []
    for path in files():
        data, errs = validate(path)
        errors.extend(errs)
        if data is not None:
            out.append(Country(data["code"], data, path))
    if errors:
        raise CopsiteError(errors)
    return tuple(out)


def generated_rels() -> list[str]:
    """Pages generated from the data, in every language."""
    try:
        countries = load()
    except CopsiteError:
        return []
    return [f"{SECTION}/index.md"] + [c.rel for c in countries] if countries else []


# ---------------------------------------------------------------- rendering

def _locale(code: str) -> Locale:
    return Locale.parse(code.replace("-", "_"))


def text(value, code: str) -> tuple[str, str]:
    """(text, language of the text) in the reader's language when the data has it, else English."""
    if isinstance(value, dict):
        if code in value:
            return value[code], code
        return value["en"], "en"
    return str(value), "en"


def date_text(value: str, code: str) -> str:
    parts = value.split("-")
    loc = _locale(code)
    day = _parse_date(value)
    if len(parts) == 3:
        return format_date(day, "long", locale=loc)
    if len(parts) == 2:
        return format_skeleton("yMMMM", day, locale=loc)
    return format_skeleton("y", day, locale=loc)


def country_name(cc: str, code: str) -> str:
    return _locale(code).territories.get(cc, cc)


def language_name(tag: str, code: str) -> str:
    """The CLDR name of a language in the reader's language (languages without
    locale data of their own, such as Tetum or Bislama, are named too)."""
    loc = _locale(code)
    try:
        return Locale.parse(tag.replace("-", "_")).get_display_name(loc) or tag
    except (UnknownLocaleError, ValueError):
        return loc.languages.get(tag.split("-")[0], tag)


def translations(code: str):
    from babel.support import NullTranslations, Translations

    from . import l10n

    mo = l10n.po_path(code).with_suffix(".mo")
    if not mo.exists():
        l10n.compile_all()
    if mo.exists():
        with open(mo, "rb") as fh:
            return Translations(fh, domain="messages")
    return NullTranslations()


@lru_cache(maxsize=None)
def template_env(code: str):
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
                             extensions=["jinja2.ext.i18n"], autoescape=False, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_translations(translations(code), newstyle=False)

    def t(value):
        s, lang = text(value, code)
        s = _md_escape(s)
        return s if lang == code else f'<span lang="{lang}" dir="ltr">{s}</span>'

    env.filters.update(t=t, date=lambda v: date_text(v, code), country=lambda cc: country_name(cc, code),
                       language=lambda tag: language_name(tag, code), md=_md_escape)
    gettext = env.globals["gettext"]
    depth = 2 + (0 if registry.language(code).is_source else 1)  # from <lang>/countries/<cc>/ to the site root
    env.globals.update(
        status=lambda s: gettext(STATUS[s]), kind=lambda k: gettext(KIND[k]), audience=lambda a: gettext(AUDIENCE[a]),
        edition_home=lambda lang: "../" * depth + registry.language(lang).prefix,
        country_link=lambda c: f"{SECTION}/{c.slug}.md",
    )
    return env


def _md_escape(s: str) -> str:
    from html import escape

    s = escape(str(s), quote=True)
    for ch in "\\`*_[]|<>#":
        if ch not in "<>":
            s = s.replace(ch, "\\" + ch)
    return s


def reviewed() -> str:
    """Generated pages are dated from the data (never from the clock: builds are reproducible)."""
    return max([c.data["reviewed"] for c in load()] or ["2026-01-01"])


def front_matter(title: str, description: str, sensitive: bool = False, day: str | None = None,
                 searchable: bool = True) -> str:
    meta = {"title": title, "description": description, "audience": "everyone", "reviewed": day or reviewed()}
    if sensitive:
        meta["sensitive"] = True
    if not searchable:
        meta["search"] = {"exclude": True}  # Material leaves the page out of the search index
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def render_pages(code: str) -> dict[str, str]:
    """rel path -> Markdown for the generated pages of one language."""
    countries = load()
    if not countries:
        return {}
    env = template_env(code)
    gettext = env.globals["gettext"]
    pages = {}
    by_name = sorted(countries, key=lambda c: country_name(c.code, code).casefold())
    listing = env.get_template("countries.md.j2").render(countries=by_name, lang=code)
    pages[f"{SECTION}/index.md"] = front_matter(gettext(SECTION_TITLE), gettext("Child online protection in each country: national editions of the guidelines, helplines and milestones.")) + listing
    for c in countries:
        body = env.get_template("country.md.j2").render(c=c.data, lang=code)
        name = country_name(c.code, code)
        pages[c.rel] = front_matter(name, gettext("Child online protection in %(country)s: edition, helplines, law and milestones.") % {"country": name}) + body
    return pages


def render_help(code: str) -> str:
    """The per-country list of helplines appended to get-help.md."""
    countries = load()
    if not countries:
        return ""
    by_name = sorted(countries, key=lambda c: country_name(c.code, code).casefold())
    return "\n" + template_env(code).get_template("helplines.md.j2").render(countries=by_name, lang=code)
