"""The language and audience registries, read once from data/*.yml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import paths, yamlsafe
from .errors import CopsiteError, finding

STATUSES = ("source", "published", "translating", "draft")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    dir: str
    status: str
    tag: str = ""  # the BCP 47 tag pages declare when it says more than the code (zh -> zh-Hans)

    @property
    def html_tag(self) -> str:
        """What `lang` attributes say for this language's text."""
        return self.tag or self.code

    @property
    def is_source(self) -> bool:
        return self.status == "source"

    @property
    def prefix(self) -> str:
        """URL prefix of the language inside the site ('' for the source language)."""
        return "" if self.is_source else f"{self.code}/"


def _load_yaml(path: Path):
    try:
        with open(path, encoding="utf-8") as fh:
            return yamlsafe.load(fh)
    except yaml.YAMLError as exc:
        line, problem = yamlsafe.problem(exc)
        raise CopsiteError(finding(path, (line or 0) + 1, "yaml", f"not valid YAML: {problem}")) from None


@lru_cache(maxsize=None)
def languages(path: Path | None = None) -> tuple[Language, ...]:
    path = path or paths.DATA / "languages.yml"
    data = _load_yaml(path) or {}
    items = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise CopsiteError(finding(path, 1, "registry", "expected a non-empty list under 'languages'"))
    out: list[Language] = []
    for i, item in enumerate(items):
        keys = {"code", "name", "dir", "status"}
        if not isinstance(item, dict) or not keys <= set(item) or set(item) - keys - {"tag"}:
            raise CopsiteError(finding(path, 1, "registry", f"language #{i + 1} must have the keys {sorted(keys)} "
                                                            "(and may have 'tag')"))
        if "tag" in item and not re.fullmatch(rf"{re.escape(str(item['code']))}(-[A-Za-z0-9]{{2,8}})+", str(item["tag"])):
            raise CopsiteError(finding(path, 1, "registry", f"language {item['code']}: tag {item['tag']!r} must be the code "
                                                            "with BCP 47 subtags, e.g. zh-Hans"))
        if item["dir"] not in ("ltr", "rtl") or item["status"] not in STATUSES:
            raise CopsiteError(finding(path, 1, "registry", f"language {item['code']}: bad dir or status"))
        out.append(Language(**{k: str(v) for k, v in item.items()}))
    sources = [lang for lang in out if lang.is_source]
    if len(sources) != 1 or out[0] is not sources[0]:
        raise CopsiteError(finding(path, 1, "registry", "exactly one language, the first, must have status 'source'"))
    codes = [lang.code for lang in out]
    if len(set(codes)) != len(codes):
        raise CopsiteError(finding(path, 1, "registry", "duplicate language code"))
    return tuple(out)


def source_language() -> Language:
    return languages()[0]


def language(code: str) -> Language:
    for lang in languages():
        if lang.code == code:
            return lang
    known = ", ".join(lang.code for lang in languages())
    raise CopsiteError(f"unknown language code '{code}' (known: {known}; see data/languages.yml)")


def site_languages() -> list[Language]:
    """The languages a full build publishes (draft languages are built only on request); in a national
    edition's own site (`copsite build --edition CC`), only its languages and the source language."""
    inside = edition_languages()
    return [lang for lang in languages() if lang.status != "draft" and (not inside or lang.code in inside)]


def edition_languages() -> set[str]:
    """The languages of the national edition being built as its own site (COPSITE_EDITION_LANGS), or none."""
    import os

    return {c for c in os.environ.get("COPSITE_EDITION_LANGS", "").split(",") if c}


def codes(include_draft: bool = True) -> list[str]:
    return [lang.code for lang in (languages() if include_draft else site_languages())]


@lru_cache(maxsize=None)
def audiences() -> dict:
    path = paths.DATA / "audiences.yml"
    data = _load_yaml(path) or {}
    return {
        "audiences": [a["id"] for a in data["audiences"]],
        "folders": {a["id"]: a["folder"] for a in data["audiences"] if a.get("folder")},
        "age_bands": list(data["age_bands"]),
    }


@lru_cache(maxsize=None)
def topics() -> list[dict]:
    """The topic registry (data/topics.yml): [{id, label}] in order (none in a project without one)."""
    path = paths.DATA / "topics.yml"
    data = (_load_yaml(path) if path.exists() else None) or {}
    return [{"id": str(t["id"]), "label": str(t["label"])} for t in data.get("topics", [])]


def latest_today():
    """The latest date it is anywhere on Earth now (UTC+14): a date written today by someone in any
    time zone is never "in the future", whatever the time zone of the machine that checks it."""
    import datetime as dt

    return (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=14)).date()
