"""Country profiles: countries/<CC>.yml, validated, and rendered into pages in
every site language at build time (never copied into Markdown files).

Names of countries, languages and dates come from CLDR through Babel; the
interface text comes from the gettext catalogs.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list

from . import paths, registry, yamlsafe
from .errors import CopsiteError, Finding, finding

SECTION = "countries"


def N_(msgid: str) -> str:  # marks a string for extraction into the catalogs
    return msgid


STATUS = {"published": N_("Published"), "in-progress": N_("In progress"), "planned": N_("Planned"), "none": N_("None yet")}
KIND = {"child-helpline": N_("child helpline"), "reporting-hotline": N_("reporting hotline"),
        "emergency": N_("emergency"), "crisis-line": N_("mental-health crisis line"), "other": N_("other service")}
AUDIENCE = {"children": N_("children"), "parents": N_("parents and educators"), "industry": N_("industry"),
            "policy": N_("policy-makers")}
KIND_ORDER = ["child-helpline", "reporting-hotline", "emergency", "crisis-line", "other"]  # the order a country lists them in
SECTION_TITLE = N_("Countries")
UNDATED = "undated"  # a source's date when the source itself gives none (sources only; never borrowed)
UNDATED_LABEL = N_("undated")


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


def lines_of(path: Path) -> dict[tuple, int]:
    return _lines(path.read_text(encoding="utf-8"))


def _field(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path)) or "(file)"


field_name = _field


def label(path: Path, data: dict) -> str:
    """How a country file's strings are labelled in the catalog's comments."""
    return data["code"]

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
            if k in ("date", "launched", "reviewed", "checked") and isinstance(v, str):
                yield path + (k,), v
            else:
                yield from _walk_dates(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _walk_dates(v, path + (i,))


def _strings(obj, path=()):
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _strings(v, path + (i,))


def _check_text(data: dict, lines: dict, path: Path) -> list[Finding]:
    """Every text of the data is plain text: it is written into pages, so no markup, no Markdown
    link or attribute syntax, and no hidden characters (YAML escapes such as "\\u202E" included)."""
    from .lint import TEXT_MARKUP_RE, hidden_characters

    out = []
    for p, value in _strings(data):
        where = lines.get(p, lines.get(p[:-1], 1))
        lang = p[-1] if p and isinstance(p[-1], str) and p[-1] in registry.codes() else "en"
        for rule, msg in hidden_characters(value, registry.language(lang).dir == "rtl" if lang in registry.codes() else False):
            out.append(finding(path, where, rule, f"{_field(p)}: {msg}"))
        m = TEXT_MARKUP_RE.search(value)
        if m and not value.startswith(("http://", "https://")):
            out.append(finding(path, where, "country", f"{_field(p)}: plain text only, no markup or Markdown syntax ({m.group(0)!r})"))
    return out


def read_data(path: Path, rule: str) -> tuple[dict | None, dict, list[Finding]]:
    """A YAML data file contributors write (a country, an edition's adaptation map): (its data, with
    unquoted dates as text; the line of every key and item; findings with file and line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, {}, [finding(path, 1, rule, f"not UTF-8 ({exc.reason})")]
    try:
        data = yamlsafe.load(text)
    except yaml.YAMLError as exc:
        line, problem = yamlsafe.problem(exc)  # the broken line, not the start of its block
        return None, {}, [finding(path, (line or 0) + 1, rule, f"not valid YAML: {problem}")]
    if not isinstance(data, dict):
        return None, {}, [finding(path, 1, rule, "expected a mapping of fields")]
    # YAML turns unquoted dates into date objects: accept them as text
    data = json.loads(json.dumps(data, default=lambda o: o.isoformat() if isinstance(o, (dt.date, dt.datetime)) else str(o)))
    return data, _lines(text), []


def check_dates(data: dict, lines: dict, path: Path, rule: str) -> list[Finding]:
    """Every date is a real day (YYYY, YYYY-MM or YYYY-MM-DD), not in the future anywhere on Earth;
    only a source's date may be "undated"."""
    out = []
    today = registry.latest_today()
    for p, value in _walk_dates(data):
        if value == UNDATED and len(p) >= 3 and p[-3] == "sources":
            continue  # the schema allows "undated" for a source's date only
        try:
            day = _parse_date(value)
        except ValueError:
            out.append(finding(path, lines.get(p, 1), rule, f"{_field(p)}: '{value}' is not a valid date"))
            continue
        if day > today:
            out.append(finding(path, lines.get(p, 1), rule, f"{_field(p)}: {value} is in the future"))
    return out


def validate(path: Path) -> tuple[dict | None, list[Finding]]:
    data, lines, errors = read_data(path, "country")
    if data is None:
        return None, errors
    out = schema_findings(data, schema(), lines, path, "country", _explain,
                          "every helpline, law and timeline entry needs a source URL and date")
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
    out.extend(_check_dialling(data, lines, path))
    out.extend(_check_text(data, lines, path))
    out.extend(check_dates(data, lines, path, "country"))
    return (None, out) if out else (data, [])


def schema_findings(data, schema_doc: dict, lines: dict, path: Path, rule: str, explain, sources_note: str) -> list[Finding]:
    """JSON Schema errors as findings at the line of the offending value: each unknown field by name,
    a missing field named (a missing `sources` with `sources_note`), others in words `explain(err, path)`
    gives, or jsonschema's own message."""
    out: list[Finding] = []
    for err in sorted(jsonschema.Draft202012Validator(schema_doc).iter_errors(data), key=lambda e: [str(p) for p in e.path]):
        p = tuple(err.path)
        if err.validator == "additionalProperties":
            for key in sorted(set(err.instance) - set(err.schema.get("properties") or {})):
                out.append(finding(path, lines.get(p + (key,), lines.get(p, 1)), rule, f"{_field(p + (key,))}: unknown field"))
            continue
        if err.validator == "required":
            msg = f"missing required field {err.message.split(' is a required')[0]}"
            if "'sources'" in msg:
                msg += f": {sources_note}"
        else:
            msg = explain(err, p) or err.message
        out.append(finding(path, lines.get(p, 1), rule, f"{_field(p)}: {msg}"))
    return out


def _explain(err, p: tuple) -> str | None:
    """A country file's schema errors in words a contributor acts on."""
    if err.validator == "oneOf" and isinstance(err.instance, dict) and "en" in err.instance:
        return ("translations are not written here any more: keep the English text only, and put the "
                f"{', '.join(sorted(k for k in err.instance if k != 'en'))} text in "
                "overrides/locales/<lang>/LC_MESSAGES/countries.po (copsite l10n extract, then update)")
    if err.validator == "oneOf":
        return "expected English text, or a proper name kept in its own language: {text: ..., lang: xx}"
    if err.validator == "anyOf" and p and p[-1] == "date":
        return f"'{err.instance}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD) or 'undated'"
    if err.validator == "anyOf":
        return "needs a 'number' or a 'web' address"
    if err.validator == "pattern" and p and p[-1] == "dial":
        return f"'{err.instance}' is not a dial string: digits only, with an optional + in front (e.g. +62811129129 or 108)"
    if err.validator == "pattern" and err.schema.get("pattern", "").startswith("^https?://"):
        return (f"'{err.instance}' is not a plain web address: the host in ASCII (xn-- form for other scripts) and "
                "no spaces, quotes, brackets, braces or parentheses (percent-encode them)")
    if err.validator == "pattern" and p and p[-1] == "whatsapp":
        return f"'{err.instance}' is not a WhatsApp number: + and the country code, then digits only (e.g. +628111129129)"
    return None


# ---------------------------------------------------------------- dialling

DIAL_RE = re.compile(r"^\+?[0-9]+$")


def dial(helpline: dict) -> str | None:
    """The exact string of a helpline's tel: URL: `dial` when the data gives one (the
    international form +CC... for a number that can be dialled from abroad), else `number`
    as dialled inside the country, with spaces and dashes left out (short codes: tel:108)."""
    if helpline.get("dial"):
        return str(helpline["dial"])
    if helpline.get("number"):
        return re.sub(r"[ -]", "", str(helpline["number"]))
    return None


def same_number(number: str, other: str) -> bool:
    """`other` (a dial string or WhatsApp number) is `number` itself, maybe in international form:
    its digits end with the number's digits less the leading trunk zeros (08111... -> +628111...)."""
    national = re.sub(r"[^0-9]", "", number).lstrip("0")
    return bool(national) and re.sub(r"[^0-9]", "", other).endswith(national)


def _check_dialling(data: dict, lines: dict, path: Path) -> list[Finding]:
    out = []
    for i, h in enumerate(data.get("helplines") or []):
        where = ("helplines", i)
        if h.get("number") and h.get("calls", True):
            value = dial(h)
            field = where + (("dial",) if h.get("dial") else ("number",))
            if not DIAL_RE.match(value):
                out.append(finding(path, lines.get(field, lines.get(where, 1)), "country",
                                   f"{_field(field)}: '{value}' cannot be dialled: a tel: link needs digits, "
                                   "with an optional + in front (give 'dial' if 'number' is written otherwise)"))
            elif h.get("dial") and not same_number(h["number"], value):
                out.append(finding(path, lines.get(field, 1), "country",
                                   f"{_field(field)}: '{value}' is not the number '{h['number']}' (never guess a number)"))
        if h.get("dial") and not h.get("number"):
            out.append(finding(path, lines.get(where + ("dial",), 1), "country",
                               f"{_field(where + ('dial',))}: 'dial' needs the 'number' it dials"))
        if h.get("whatsapp") and h.get("number") and not same_number(h["number"], h["whatsapp"]):
            out.append(finding(path, lines.get(where + ("whatsapp",), 1), "country",
                               f"{_field(where + ('whatsapp',))}: '{h['whatsapp']}' is not the number '{h['number']}' "
                               "(never guess a number)"))
        if h.get("calls") is False and not (h.get("whatsapp") or h.get("web")):
            out.append(finding(path, lines.get(where + ("calls",), 1), "country",
                               f"{_field(where + ('calls',))}: a helpline that takes no calls needs 'whatsapp' or 'web'"))
    return out


def files() -> list[Path]:
    return sorted(paths.COUNTRIES.glob("*.yml")) if paths.COUNTRIES.is_dir() else []


def check() -> list[Finding]:
    out: list[Finding] = []
    for path in files():
        out.extend(validate(path)[1])
    for path in sorted(paths.COUNTRIES.glob("*.yaml")) if paths.COUNTRIES.is_dir() else []:
        out.append(finding(path, 1, "country", "country files end in .yml"))
    return out


def load_valid(files_, validate_, make) -> tuple:
    """`make(data, path)` of every data file (countries, adaptation maps, guides), in the files'
    order; CopsiteError with every finding when any file is invalid."""
    out, errors = [], []
    for path in files_:
        data, errs = validate_(path)
        errors.extend(errs)
        if data is not None:
            out.append(make(data, path))
    if errors:
        raise CopsiteError(errors)
    return tuple(out)


@lru_cache(maxsize=None)
def load() -> tuple[Country, ...]:
    """Every valid country, sorted by code. Raises CopsiteError on invalid data."""
    return load_valid(files(), validate, lambda data, path: Country(data["code"], data, path))


def generated_rels(code: str | None = None) -> list[str]:
    """Pages generated from the data, in every language; the countries in the reader's
    alphabetical order when `code` is given (by code otherwise)."""
    try:
        countries = load()
    except CopsiteError:
        return []
    if code:
        countries = by_name(countries, code)
    return [f"{SECTION}/index.md"] + [c.rel for c in countries] if countries else []


# ---------------------------------------------------------------- collation

@lru_cache(maxsize=None)
def _collator(code: str):
    """ICU's collator for the language (CLDR tailorings: pinyin order in Chinese, ñ after n in
    Spanish, Mongolian Ө after О), from PyICU; the root order for a language ICU does not tailor."""
    import icu

    return icu.Collator.createInstance(icu.Locale(code.replace("-", "_")))


def collation_key(code: str):
    """A sort key for text in the reader's language (`code`): accents and case come after
    the letters (Égypte before Espagne, ё with е), not in code-point order."""
    collator = _collator(code)
    return lambda s: (collator.getSortKey(s), s)


def by_name(countries, code: str) -> list[Country]:
    """Countries sorted by their CLDR names in the reader's language and collation."""
    key = collation_key(code)
    return sorted(countries, key=lambda c: key(country_name(c.code, code)))


# ---------------------------------------------------------------- rendering

def _locale(code: str) -> Locale:
    return Locale.parse(code.replace("-", "_"))


def text(value, code: str) -> tuple[str, str]:
    """(text, language of the text): a proper name kept in its own language ({text, lang}) as it
    is; an English value in the reader's language from the `countries` catalog when a translator
    has translated it (and not left it as the English), else the English."""
    from . import countrytext

    return countrytext.COUNTRIES.text(value, code)


def text_filter(text_of, code: str):
    """The `t` filter of a data template: a value in the reader's language, Markdown-escaped; one
    left in another language (English until translated, or a name in its own script) marked so."""

    def t(value):
        s, lang = text_of(value, code)
        s = _md_escape(s)
        return s if lang == code else f'<span lang="{lang}" dir="ltr">{s}</span>'

    return t


@lru_cache(maxsize=None)
def _undated(code: str) -> str:
    """The word for a source that gives no date, in the reader's language (from the catalogs)."""
    return translations(code).gettext(UNDATED_LABEL)


def date_text(value: str, code: str) -> str:
    if value == UNDATED:
        return _undated(code)
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
    l10n.compile_all()  # compiles a .mo that is missing or older than its .po
    if mo.exists():
        with open(mo, "rb") as fh:
            return Translations(fh, domain="messages")
    return NullTranslations()


COLON = N_("%(label)s: %(value)s")  # French: a narrow no-break space before the colon; Chinese: ：
PAREN = N_("(%(text)s)")            # Chinese: full-width （ ）


def punctuation(code: str, gettext, markup: bool = False):
    """(colon, paren, join_list) in the reader's language (content review C8): a label and its value
    and a text in brackets from the catalogs, lists joined by CLDR's list patterns (、 and ， in
    Chinese, ، in Arabic). With `markup`, for templates that escape HTML: the punctuation is
    escaped, the values keep their own markup."""
    from markupsafe import Markup, escape

    wrap = (lambda s: Markup(escape(s))) if markup else str

    def colon(label, value):
        return wrap(gettext(COLON)) % {"label": label, "value": value}

    def paren(value):
        return wrap(gettext(PAREN)) % {"text": value}

    def join_list(items):
        items = list(items)
        if not markup:
            return format_list(items, locale=_locale(code)) if items else ""
        # the list pattern around placeholders, each piece escaped, the items as they are
        marks = [f"\x00{i}\x00" for i in range(len(items))]
        rest, pieces = format_list(marks, locale=_locale(code)) if items else "", []
        for mark, item in zip(marks, items):
            before, rest = rest.split(mark, 1)
            pieces += [escape(before), escape(item)]
        return Markup("").join(pieces + [escape(rest)])

    return colon, paren, join_list


@lru_cache(maxsize=None)
def template_env(code: str):
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
                             extensions=["jinja2.ext.i18n"], autoescape=False, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_translations(translations(code), newstyle=False)

    t = text_filter(text, code)
    gettext = env.globals["gettext"]
    colon, paren, join_list = punctuation(code, gettext)
    from html import escape as _html

    env.filters.update(audience_name=lambda a: gettext(AUDIENCE[a]), h=lambda v: _html(str(v), quote=True))
    env.filters.update(t=t, date=lambda v: date_text(v, code), country=lambda cc: country_name(cc, code),
                       language=lambda tag: language_name(tag, code), md=_md_escape, join_list=join_list)
    depth = 2 + (0 if registry.language(code).is_source else 1)  # from <lang>/countries/<cc>/ to the site root

    def edition_page(lang: str, rel: str, anchor: str = "") -> str:
        """A page of another language's build, from this generated page (<lang>/countries/<cc>/)."""
        return "../" * depth + registry.language(lang).prefix + _url_of(rel) + (f"#{anchor}" if anchor else "")

    def source_link(s: dict) -> str:
        """A source as a link that says the source's own date ("source dated 11 September 2016"),
        or that the source gives none: never a date it does not give (content review C2)."""
        label = (gettext("undated source") if s["date"] == UNDATED
                 else gettext("source dated %(date)s") % {"date": date_text(s["date"], code)})
        return f"[{_md_escape(label)}]({s['url']})"

    env.filters.update(source_link=source_link)
    def contact(h: dict, sep: str = "<br>", web: bool = True) -> str:
        """Every way to reach a helpline, each a link: tel: to call, wa.me for WhatsApp, the website
        (not with web=False: the finder on Get help lists numbers only)."""
        out = []
        number = _md_escape(h.get("number") or "")
        # +, spaces and dashes keep their order in a right-to-left page (Arabic); nothing to mark elsewhere
        rtl = registry.language(code).dir == "rtl"
        ltr = '{ dir="ltr" }' if rtl and not number.isdigit() else ""
        if h.get("number") and h.get("calls", True):
            out.append(f'[{number}](tel:{dial(h)}){ltr}')
        if h.get("whatsapp"):
            label = "WhatsApp" if h.get("calls", True) else f"WhatsApp {number}"
            out.append(f'[{label}](https://wa.me/{str(h["whatsapp"]).lstrip("+")})' + ('{ dir="ltr" }' if rtl else ""))
        if h.get("web") and web:
            out.append(f'[{gettext("website")}]({h["web"]})')
        return sep.join(out) if sep is not None else format_list(out, locale=_locale(code))

    env.globals.update(
        colon=colon, paren=paren,
        contact=contact,
        status=lambda s: gettext(STATUS[s]), kind=lambda k: gettext(KIND[k]), audience=lambda a: gettext(AUDIENCE[a]),
        autonym=lambda lang: _md_escape(registry.language(lang).name),  # the language's own name, from the registry
        country_link=lambda c: f"{SECTION}/{c.slug}.md",
        edition_of=_edition_of,
        has_route=lambda helplines: any(h["kind"] == "reporting-hotline" for h in helplines),
        international_routes=has_international_routes(code),
        edition_page=edition_page,
        edition_home=lambda lang: edition_page(lang, "index.md"),
        by_kind=lambda helplines: sorted(helplines, key=lambda h: KIND_ORDER.index(h["kind"])),
        newest=lambda sources: max(sources, key=lambda s: ("" if s["date"] == "undated" else s["date"])),
    )
    return env


ROUTES_ANCHOR = "report-csam"  # Get help's section on reporting abuse material, with the international routes


def has_international_routes(code: str) -> bool:
    """Get help (the language's page, or the English one it falls back to) has the section with the
    international reporting routes that a country without a national hotline points to."""
    from . import content

    for lang in (code, registry.source_language().code):
        page = content.lang_dir(lang) / "get-help.md"
        if page.is_file():
            return ROUTES_ANCHOR in content.headings(page.read_text(encoding="utf-8"))
    return False


def _edition_of(cc: str) -> dict | None:
    """A country's national edition as its country page lists it: who made it and its additions,
    with the titles of the pages they are on (in the edition's language)."""
    from . import editions

    try:
        ed = editions.of_country(cc)
    except CopsiteError:
        return None
    if ed is None:
        return None
    return {"language": ed.language, "country": ed.country, "made_by": ed.data["made_by"],
            "additions": ed.additions, "titles": ed.page_titles()}


def _url_of(rel: str) -> str:
    from . import content

    return content.url_of(rel)


def _md_escape(s: str) -> str:
    from html import escape

    s = escape(str(s), quote=True)
    for ch in "\\`*_[]|<>#(){}!":
        if ch not in "<>":
            s = s.replace(ch, "\\" + ch)
    return s


def reviewed() -> str:
    """Generated pages are dated from the data (never from the clock: builds are reproducible)."""
    return max([c.data["reviewed"] for c in load()] or ["2026-01-01"])


def front_matter(title: str, description: str, sensitive: bool = False, day: str | None = None,
                 searchable: bool = True, audience: str = "everyone") -> str:
    meta = {"title": title, "description": description, "audience": audience, "reviewed": day or reviewed()}
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
    listing = env.get_template("countries.md.j2").render(countries=by_name(countries, code), lang=code)
    pages[f"{SECTION}/index.md"] = front_matter(gettext(SECTION_TITLE), gettext("Child online protection in each country: national editions of the guidelines, helplines and milestones.")) + listing
    for c in countries:
        body = env.get_template("country.md.j2").render(c=c.data, lang=code)
        name = country_name(c.code, code)
        pages[c.rel] = front_matter(name, gettext("Child online protection in %(country)s: edition, helplines, law and milestones.") % {"country": name}) + body
    return pages


def for_readers_of(countries, code: str) -> list[Country]:
    """The countries in the reader's order, and for a national edition's language its own country
    first (a Mongolian reader finds 108 before any other country's line)."""
    import os

    ordered = by_name(countries, code)
    site = os.environ.get("COPSITE_EDITION")  # a national edition's own site: its country first for every reader
    own = [c for c in ordered if (c.code == site if site else c.data.get("edition", {}).get("site_language") == code)]
    return own + [c for c in ordered if c not in own]


def render_help(code: str, up: str = "", crisis: bool = False) -> str:
    """The per-country list of helplines on get-help.md (`up`: the way from another page's folder to
    the language root, e.g. "../" from parents/; `crisis`: with the mental-health crisis lines)."""
    countries = load()
    if not countries:
        return ""
    return "\n" + template_env(code).get_template("helplines.md.j2").render(countries=for_readers_of(countries, code),
                                                                            lang=code, up=up, crisis=crisis)


CRISIS_TOPIC = "self-harm"       # pages on this main topic carry the child helplines of every country
CRISIS_SECTION = "already-happened"  # ... at the end of this section
CRISIS_TITLE = N_("Child helplines by country")


def insert_crisis_lines(markdown: str, code: str, rel: str) -> str:
    """A page whose main topic (the first of the English page's `topics`) is self-harm carries, at
    the end of its "If it has already happened" section, the country finder of Get help with the
    mental-health crisis lines: the child helplines and crisis lines of every country, from the
    country data, one line a country with the numbers to tap."""
    from . import related

    info = related.topics_of(rel)
    if not info or info[0] != CRISIS_TOPIC:
        return markdown
    listing = render_help(code, up="../" * rel.count("/"), crisis=True)
    if not listing:
        return markdown
    from . import content, l10n

    level = content.headings(markdown).get(CRISIS_SECTION, (1,))[0]  # a page without the section: at its end
    block = f"{'#' * min(level + 1, 6)} {l10n.gettext(code, CRISIS_TITLE)} {{ #by-country }}\n{listing}"
    placed = content.append_to_section(markdown, CRISIS_SECTION, block)
    return placed if placed != markdown else markdown.rstrip("\n") + "\n\n" + block


BY_COUNTRY_RE = re.compile(r"^## .*\{ *#by-country *\}[ \t]*$", re.M)
H2_RE = re.compile(r"^## ", re.M)


def insert_help(markdown: str, code: str) -> str:
    """get-help.md with the helplines of every country: its "Helplines by country" section
    (#by-country), wherever the page has it, is moved with the list to just before the page's
    first section, right after the short "help now" block, so that a reader finds a number
    before the longer advice. A page without that section gets the list at its end."""
    listing = render_help(code)
    found = BY_COUNTRY_RE.search(markdown)
    if not found:
        return markdown.rstrip("\n") + "\n" + listing
    nxt = H2_RE.search(markdown, found.end())
    end = nxt.start() if nxt else len(markdown)
    section = markdown[found.start():end].rstrip("\n") + "\n" + listing.rstrip("\n") + "\n\n"
    rest = markdown[:found.start()] + markdown[end:]
    first = H2_RE.search(rest)
    at = first.start() if first else len(rest)
    return rest[:at] + section + rest[at:]
