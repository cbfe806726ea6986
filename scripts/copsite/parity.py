"""Structural parity of a translation with its English source.

A translation keeps the same headings (level and anchor), links (targets),
admonitions (types), list items and table rows, in the same order, and the
same front matter keys. Messages give exact counts, e.g. "headings: 7 vs 6".
"""
from __future__ import annotations

import re
from pathlib import Path

HEADING = re.compile(r"^(#{1,6})\s+.*?\{\s*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
HEADING_ANY = re.compile(r"^(#{1,6})\s+\S")
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)\s*([A-Za-z][\w-]*)")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S")
TABLE_ROW = re.compile(r"^\s*\|")
FENCE = re.compile(r"^\s*(```|~~~)")
EXEMPT_KEYS = {"source_hash", "topics"}  # topics: the English page's only (content.ENGLISH_ONLY_KEYS)


def _front_matter_keys(text: str) -> list[str]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return []
    keys = []
    for line in lines[1:]:
        if line.strip() == "---":
            break
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if m and m.group(1) not in EXEMPT_KEYS:
            keys.append(m.group(1))
    return keys


def _body(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                lines = lines[i + 1 :]
                break
    out, fenced = [], False
    for line in lines:
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            out.append(line)
    return out


def structure(text: str) -> dict[str, list]:
    body = _body(text)
    return {
        "front matter keys": _front_matter_keys(text),
        "headings": [(len(m.group(1)), m.group(2)) if (m := HEADING.match(l)) else (len(HEADING_ANY.match(l).group(1)), None)
                     for l in body if HEADING_ANY.match(l)],
        "links": [t for l in body for t in LINK.findall(l)],
        "admonitions": [m.group(2).lower() for l in body if (m := ADMONITION.match(l))],
        "list items": [1 for l in body if LIST_ITEM.match(l)],
        "table rows": [1 for l in body if TABLE_ROW.match(l)],
    }


def _fmt(item) -> str:
    if isinstance(item, tuple):
        return "#" * item[0] + (f" {{ #{item[1]} }}" if item[1] else " (no anchor)")
    return str(item)


def compare_text(source: str, translation: str) -> list[str]:
    a, b = structure(source), structure(translation)
    out = []
    for key in a:
        if a[key] == b[key]:
            continue
        if len(a[key]) != len(b[key]):
            msg = f"{key}: {len(a[key])} vs {len(b[key])}"
        else:
            msg = f"{key}: same count ({len(a[key])}) but different"
        for i, (x, y) in enumerate(zip(a[key], b[key])):
            if x != y:
                msg += f"; first difference at #{i + 1}: {_fmt(x)!s} vs {_fmt(y)!s}"
                break
        out.append(msg)
    return out


def compare(source: Path, translation: Path) -> list[str]:
    if not source.exists():
        return ["no English source page"]
    return compare_text(source.read_text(encoding="utf-8"), translation.read_text(encoding="utf-8"))


def line_of(text: str, needle: str) -> int:
    for i, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return i
    return 1
