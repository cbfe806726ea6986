"""Page front matter: read it with line numbers, validate it against a schema.

MkDocs renders broken front matter as page text and exits 0; we reject it
before MkDocs sees it, naming the file and the line.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml

from . import paths, registry, yamlsafe
from .errors import CopsiteError, Finding, finding

FENCE = "---"


@dataclass
class Page:
    path: Path
    meta: dict
    body: str
    body_line: int  # 1-based line number of the first body line


@lru_cache(maxsize=None)
def schema() -> dict:
    reg = registry.audiences()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "description", "audience", "reviewed"],
        "properties": {
            "title": {"type": "string", "minLength": 1, "maxLength": 120},
            "description": {"type": "string", "minLength": 10, "maxLength": 300},
            "audience": {"enum": reg["audiences"]},
            "age_band": {"enum": reg["age_bands"]},
            "reviewed": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "sensitive": {"type": "boolean"},
            "source_hash": {"type": "string", "pattern": "^[0-9a-f]{12,64}$"},
            "topics": {"type": "array", "minItems": 1, "maxItems": 4, "uniqueItems": True,
                       "items": {"enum": [t["id"] for t in registry.topics()]}},
            "easy_read": {"type": "boolean"},
        },
    }


def split(text: str, path: Path) -> tuple[str, str, int]:
    """Return (yaml_text, body, body_line). Raises CopsiteError on a broken fence."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise CopsiteError(finding(path, 1, "front-matter", "the page must start with front matter between '---' lines"))
    for i in range(1, len(lines)):
        if lines[i].rstrip() == FENCE:
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    raise CopsiteError(finding(path, 1, "front-matter", "front matter is not closed: no second '---' line"))


@lru_cache(maxsize=None)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def key_line(text: str, key: str) -> int:
    """The line of a front-matter key in a page's text (1 when it has none)."""
    return _key_line(text.split("\n---", 1)[0].split("\n", 1)[-1], key)


def _key_line(yaml_text: str, key: str) -> int:
    for i, line in enumerate(yaml_text.split("\n")):
        if re.match(rf"^{re.escape(str(key))}\s*:", line):
            return i + 2  # +1 for 1-based, +1 for the opening fence
    return 1


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value


def validate_meta(meta, yaml_text: str, path: Path, rel_path: str | None = None) -> list[Finding]:
    if not isinstance(meta, dict):
        return [finding(path, 2, "front-matter", f"front matter must be a mapping of keys to values, not {type(meta).__name__}")]
    plain = {str(k): _plain(v) for k, v in meta.items()}
    out: list[Finding] = []
    for err in sorted(_validator().iter_errors(plain), key=lambda e: list(e.path)):
        if err.validator == "additionalProperties":
            for key in sorted(set(plain) - set(schema()["properties"])):
                out.append(finding(path, _key_line(yaml_text, key), "front-matter", f"unknown key '{key}'"))
            continue
        key = err.path[0] if err.path else None
        line = _key_line(yaml_text, key) if key else 2
        what = f"'{key}': " if key else ""
        out.append(finding(path, line, "front-matter", f"{what}{err.message}"))
    reviewed = plain.get("reviewed")
    if isinstance(reviewed, str) and not out:
        try:
            day = dt.date.fromisoformat(reviewed)
        except ValueError:
            out.append(finding(path, _key_line(yaml_text, "reviewed"), "front-matter", f"'reviewed': {reviewed!r} is not a date"))
        else:
            if day > registry.latest_today():
                out.append(finding(path, _key_line(yaml_text, "reviewed"), "front-matter", f"'reviewed': {reviewed} is in the future"))
    # the theme prints title and description into <title>, <meta content="..."> and the navigation:
    # they are plain text (escaped by copsite.hooks.escape_meta); markup there is never meant
    from .lint import TEXT_MARKUP_RE, hidden_characters

    try:
        rtl = registry.language(Path(path).resolve().relative_to(paths.CONTENT.resolve()).parts[0]).dir == "rtl"
    except (ValueError, IndexError, CopsiteError):
        rtl = False
    for key in ("title", "description"):
        value = plain.get(key)
        if isinstance(value, str) and TEXT_MARKUP_RE.search(value):
            out.append(finding(path, _key_line(yaml_text, key), "front-matter",
                               f"'{key}' is plain text: no markup or Markdown link ('<' and '>' included; "
                               f"found {TEXT_MARKUP_RE.search(value).group(0)!r})"))
        if isinstance(value, str):  # YAML escapes ("\u202E") hide them from the source lint
            for rule, msg in hidden_characters(value, rtl):
                out.append(finding(path, _key_line(yaml_text, key), rule, f"'{key}': {msg}"))
            if not unicodedata.is_normalized("NFC", value):
                out.append(finding(path, _key_line(yaml_text, key), "nfc", f"'{key}' is not in Unicode NFC"))
    # age_band belongs to children's pages inside an age-band folder, and matches it
    if rel_path and not out:
        parts = rel_path.split("/")
        bands = registry.audiences()["age_bands"]
        folder_band = parts[1] if len(parts) > 2 and parts[0] == "children" and parts[1] in bands else None
        if folder_band and plain.get("age_band") != folder_band:
            out.append(finding(path, _key_line(yaml_text, "age_band") if "age_band" in plain else 2, "front-matter",
                               f"'age_band' must be '{folder_band}' for pages in children/{folder_band}/"))
        if not folder_band and "age_band" in plain:
            out.append(finding(path, _key_line(yaml_text, "age_band"), "front-matter", "'age_band' is only for pages in a children's age-band folder"))
        folders = registry.audiences()["folders"]
        expected = next((a for a, f in folders.items() if parts[0] == f), None)
        if expected and len(parts) > 1 and plain.get("audience") != expected:
            out.append(finding(path, _key_line(yaml_text, "audience"), "front-matter", f"'audience' must be '{expected}' for pages in {parts[0]}/"))
    return out


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: same results, faster
_TOP_KEY_RE = re.compile(r"^([^\s#:-][^:]*):", re.M)


def _parse(yaml_text: str):
    """Front matter through libyaml (fast) when it cannot hold what copsite.yamlsafe refuses
    (aliases, a repeated key); through the strict loader otherwise, and to report an impossible
    date at its line."""
    from . import yamlsafe

    keys = _TOP_KEY_RE.findall(yaml_text)
    if "*" in yaml_text or len(keys) != len(set(keys)):
        return yamlsafe.load(yaml_text)
    try:
        return yaml.load(yaml_text, Loader=_SafeLoader)
    except ValueError:
        return yamlsafe.load(yaml_text)  # raises a YAMLError at the date's line
_cache: dict = {}


def read(path: Path, rel_path: str | None = None) -> Page:
    """Read and validate one page (cached while the file is unchanged).
    Raises CopsiteError with every finding."""
    try:
        st = Path(path).stat()
        key = (str(path), rel_path, st.st_mtime_ns, st.st_size)
    except OSError:
        key = None
    if key and key in _cache:
        result = _cache[key]
        if isinstance(result, CopsiteError):
            raise result
        return result
    try:
        result = _read(Path(path), rel_path)
    except CopsiteError as exc:
        if key:
            _cache[key] = exc
        raise
    if key:
        _cache[key] = result
    return result


def _read(path: Path, rel_path: str | None = None) -> Page:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CopsiteError(finding(path, 1, "encoding", f"not UTF-8 ({exc.reason})")) from None
    yaml_text, body, body_line = split(text, path)
    try:
        meta = _parse(yaml_text) if yaml_text.strip() else None
    except yaml.YAMLError as exc:
        # the broken line (a quoted scalar left open: where it starts, not at the end of the block)
        line, problem = yamlsafe.problem(exc)
        line = (line + 2) if line is not None else 2
        raise CopsiteError(finding(path, line, "front-matter", f"not valid YAML: {problem}")) from None
    if meta is None:
        meta = {}
    errors = validate_meta(meta, yaml_text, path, rel_path)
    if errors:
        raise CopsiteError(errors)
    return Page(path, {str(k): _plain(v) for k, v in meta.items()}, body, body_line)
