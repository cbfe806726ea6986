"""Termbases: each language's glossary rules as data (`data/terms/<lang>.yml`), enforced.

A rule names a concept, the preferred term, the variants to avoid and where it applies:

    - concept: grown-up
      prefer: persona adulta
      avoid: [persona mayor, personas mayores]
      where: children          # all (default) | children | adults
      note: "«persona mayor» means an elderly person"

`avoid` entries are plain phrases, matched case-insensitively at word edges in scripts that
separate words (anywhere in Chinese and Japanese); a `pattern:` (a regular expression) may stand
in for `avoid` where a phrase list cannot say it (masculine-only address in Russian). A rule with
`gloss:` requires, in the paragraph where `term` first appears on a page, one of the gloss phrases
(e.g. CSAM explained on first use).

`copsite check` reports every avoided variant with file, line and the preferred term, and every
missing gloss. The glossary page of each language (`docs/l10n/<lang>.md`) carries the rules as a
table between two markers, written by `copsite l10n terms` and checked to be current.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from . import content, paths, registry, yamlsafe
from .errors import CopsiteError, Finding, finding

WHERE = ("all", "children", "adults")
START, END = "<!-- terms:start (written by `copsite l10n terms` from data/terms/{code}.yml) -->", "<!-- terms:end -->"
NO_SPACES = ("zh", "ja")  # scripts without spaces between words: phrases match anywhere


def folder() -> Path:
    return paths.DATA / "terms"


def path_of(code: str) -> Path:
    return folder() / f"{code}.yml"


@lru_cache(maxsize=None)
def rules(code: str) -> tuple[dict, ...]:
    """The rules of one language, validated; () when it has no termbase."""
    import yaml

    path = path_of(code)
    if not path.exists():
        return ()
    try:
        data = yamlsafe.load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        line, problem = yamlsafe.problem(exc)
        raise CopsiteError(finding(path, (line or 0) + 1, "terms", f"not valid YAML: {problem}")) from None
    items = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CopsiteError(finding(path, 1, "terms", "expected `terms:` with a list of rules"))
    out = []
    for i, rule in enumerate(items):
        where = f"terms[{i}]"
        if not isinstance(rule, dict) or not isinstance(rule.get("concept"), str) or not isinstance(rule.get("prefer"), str):
            raise CopsiteError(finding(path, 1, "terms", f"{where}: every rule has a `concept` and the `prefer`red term"))
        unknown = set(rule) - {"concept", "prefer", "avoid", "pattern", "where", "note", "term", "gloss"}
        if unknown:
            raise CopsiteError(finding(path, 1, "terms", f"{where} ({rule['concept']}): unknown field {sorted(unknown)[0]!r}"))
        if rule.get("where", "all") not in WHERE:
            raise CopsiteError(finding(path, 1, "terms", f"{where} ({rule['concept']}): `where` is one of {', '.join(WHERE)}"))
        if not any(k in rule for k in ("avoid", "pattern", "gloss")):
            raise CopsiteError(finding(path, 1, "terms", f"{where} ({rule['concept']}): give `avoid`, `pattern` or `gloss`"))
        if "gloss" in rule and not isinstance(rule.get("term"), str):
            raise CopsiteError(finding(path, 1, "terms", f"{where} ({rule['concept']}): a `gloss` rule names its `term`"))
        compiled = dict(rule)
        try:
            compiled["_re"] = _matcher(code, rule)
        except re.error as exc:
            raise CopsiteError(finding(path, 1, "terms", f"{where} ({rule['concept']}): bad pattern: {exc}")) from None
        out.append(compiled)
    return tuple(out)


def _phrase(code: str, phrase: str) -> str:
    body = re.escape(phrase).replace(r"\ ", r"\s+")
    return body if code.split("-")[0] in NO_SPACES else rf"(?<!\w){body}(?!\w)"


def _matcher(code: str, rule: dict):
    parts = [_phrase(code, p) for p in rule.get("avoid") or []]
    if rule.get("pattern"):
        parts.append(rule["pattern"])
    return re.compile("|".join(parts), re.I) if parts else None


def _applies(rule: dict, rel: str) -> bool:
    where = rule.get("where", "all")
    children = rel.startswith("children/")
    return where == "all" or (where == "children") == children


def _prose_lines(text: str) -> list[str]:
    """The page's lines with front matter kept (titles count), code blocks, code spans, link
    targets and anchors blanked: terms are checked in what readers read."""
    from .lint import _code_mask

    lines = _code_mask(text.split("\n"))
    return [re.sub(r"\]\([^)]*\)|\{[^}]*\}", lambda m: " " * len(m.group(0)), line) for line in lines]


def check_page(code: str, rel: str, path: Path) -> list[Finding]:
    out: list[Finding] = []
    lines = _prose_lines(path.read_text(encoding="utf-8"))
    for rule in rules(code):
        if not _applies(rule, rel):
            continue
        matcher = rule["_re"]
        if matcher is not None:
            for i, line in enumerate(lines, 1):
                for m in matcher.finditer(line):
                    note = f" ({rule['note']})" if rule.get("note") else ""
                    out.append(finding(path, i, "term", f"{rule['concept']}: use «{rule['prefer']}», not «{m.group(0)}»{note}"))
        if rule.get("gloss"):
            term = re.compile(_phrase(code, rule["term"]), re.I)
            first = next((i for i, line in enumerate(lines) if term.search(line)), None)
            if first is not None:
                start = first
                while start > 0 and lines[start - 1].strip():
                    start -= 1
                end = first
                while end + 1 < len(lines) and lines[end + 1].strip():
                    end += 1
                paragraph = " ".join(lines[start:end + 1]).lower()
                if not any(g.lower() in paragraph for g in rule["gloss"]):
                    out.append(finding(path, first + 1, "term", f"{rule['concept']}: explain «{rule['term']}» where it is first "
                                                                f"used on the page («{rule['gloss'][0]}»)"))
    return out


def check(codes: list[str] | None = None) -> list[Finding]:
    """Every page of every language with a termbase, and every glossary page current."""
    out: list[Finding] = []
    for code in codes or registry.codes():
        try:
            if not rules(code):
                continue
        except CopsiteError as exc:
            out.extend(exc.findings)
            continue
        for rel in content.pages(code):
            out.extend(check_page(code, rel, content.lang_dir(code) / rel))
        doc = paths.ROOT / "docs" / "l10n" / f"{code}.md"
        if doc.exists() and doc.read_text(encoding="utf-8") != with_table(code, doc.read_text(encoding="utf-8")):
            out.append(finding(doc, 1, "terms", f"the rules table is not current with {paths.rel(path_of(code))}: "
                                                "run `copsite l10n terms`"))
    for path in sorted(folder().glob("*.yml")) if folder().is_dir() else []:
        if path.stem not in registry.codes():
            out.append(finding(path, 1, "terms", f"'{path.stem}' is not a language of data/languages.yml"))
    return out


def table(code: str) -> str:
    def cell(s) -> str:
        return str(s).replace("|", "\\|").replace("\n", " ")

    rows = ["| concept | use | avoid | where | note |", "|---|---|---|---|---|"]
    for rule in rules(code):
        avoid = ", ".join(f"«{a}»" for a in rule.get("avoid") or [])
        if rule.get("pattern"):
            avoid = (avoid + "; " if avoid else "") + "the forms of the pattern in the termbase"
        if rule.get("gloss"):
            avoid = (avoid + "; " if avoid else "") + f"«{rule['term']}» without «{rule['gloss'][0]}» on first use"
        rows.append(f"| {cell(rule['concept'])} | «{cell(rule['prefer'])}» | {cell(avoid)} | {rule.get('where', 'all')} | "
                    f"{cell(rule.get('note', ''))} |")
    return "\n".join(rows)


def with_table(code: str, doc: str) -> str:
    """The glossary page with its rules table (between the markers; added at the end if absent)."""
    start = START.format(code=code)
    block = f"{start}\n\n## Checked terms\n\n`copsite check` enforces these rules on every page of this language.\n\n{table(code)}\n\n{END}"
    if start in doc and END in doc:
        return doc[:doc.index(start)] + block + doc[doc.index(END) + len(END):]
    return doc.rstrip("\n") + "\n\n" + block + "\n"


def write_tables() -> list[Path]:
    written = []
    for code in registry.codes():
        doc = paths.ROOT / "docs" / "l10n" / f"{code}.md"
        if rules(code) and doc.exists():
            new = with_table(code, doc.read_text(encoding="utf-8"))
            if new != doc.read_text(encoding="utf-8"):
                doc.write_text(new, encoding="utf-8")
                written.append(doc)
    return written
