"""Source checks for pages a pull request can change (run by `copsite check` and
before every build). Unsafe input is an error, never cleaned silently.

Rules: unsafe-html, raw-html, unsafe-url, event-handler, bidi-control,
invisible-char, control-char, nfc, pathological, image-alt, link, anchor.

Allowed on purpose (documented in docs/translating.md): U+200C ZERO WIDTH
NON-JOINER and U+200D ZERO WIDTH JOINER (needed in Persian and other scripts,
and in emoji sequences); U+200E/U+200F direction marks in right-to-left languages.
"""
from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path, PurePosixPath

from . import content, frontmatter, registry
from .errors import CopsiteError, Finding, finding

DANGEROUS_TAGS = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
                  "button", "textarea", "select", "meta", "link", "base", "svg", "math", "template", "noscript"}
ALLOWED_TAGS = {"br", "kbd", "abbr", "sup", "sub", "mark", "span", "small", "wbr"}
ALLOWED_ATTRS = {"lang", "dir", "class", "title"}
TAG_RE = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)([^>]*)>?", re.S)
ATTR_RE = re.compile(r"([^\s=/>\"']+)\s*(?:=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
ATTR_LIST_RE = re.compile(r"\{:?([^{}\n]*)\}")
LINK_RE = re.compile(r"!?\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
BIDI = {chr(c) for c in list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A))}
INVISIBLE = {"\u200b", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\ufeff", "\u00ad", "\u180e", "\u034f"}
DIRECTION_MARKS = {"\u200e", "\u200f", "\u061c"}
MAX_BRACKET_RUN = 20
MAX_BRACKETS_PER_LINE = 200
MAX_LINE = 20000
MAX_BRACKETS_PER_PARAGRAPH = 1000   # Python-Markdown's link search grows faster than the square of these
MAX_QUOTE_DEPTH = 20
BLOCKQUOTE_RE = re.compile(r"^(?:\s*>)+")
# a line is looked at character by character only when it holds one of these
SUSPECT_RE = re.compile("[%s\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]" % "".join(sorted(BIDI | INVISIBLE | DIRECTION_MARKS)))
BRACKET_RUN_RE = re.compile(r"\[{%d,}" % MAX_BRACKET_RUN)
FENCE_RE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN_RE = re.compile(r"`[^`]*`")
REFERENCE_RE = re.compile(r"(?i)\]\s*:\s*(javascript|vbscript|data)\s*:")
REMOTE_IMAGE_RE = re.compile(r"!\[[^\]\n]*\]\(\s*<?((?:[a-z][a-z0-9+.-]*:)?//[^)\s>]*)", re.I)
RESERVED_ID_RE = re.compile(r"\{[^}\n]*#__")


# what makes a value that templates print as text (a title, a catalog string, a country's text) into
# markup: a tag, a Markdown link target, an attribute list
TEXT_MARKUP_RE = re.compile(r"[<>]|\]\s*\(|\{\s*[:#.]")


def hidden_characters(text: str, rtl: bool = False) -> list[tuple[str, str]]:
    """(rule, message) for each bidirectional control, invisible or control character in a value
    (a front-matter field, a catalog string, a country field), as a reader's browser would get it."""
    if not SUSPECT_RE.search(text):
        return []
    out = []
    for ch in sorted(set(text)):
        cp = ord(ch)
        if ch in BIDI or (ch in DIRECTION_MARKS and not rtl):
            out.append(("bidi-control", f"bidirectional control character U+{cp:04X} ({unicodedata.name(ch, '?')}) can hide what the text says"))
        elif ch in INVISIBLE:
            out.append(("invisible-char", f"invisible character U+{cp:04X} ({unicodedata.name(ch, '?')})"))
        elif (cp < 32 and ch not in "\t\r\n") or 0x7F <= cp <= 0x9F:
            out.append(("control-char", f"control character U+{cp:04X}"))
    return out


def _scheme(url: str) -> str:
    """The URL scheme as a browser sees it: entities decoded, whitespace and controls removed, lower case."""
    url = html.unescape(url)
    url = re.sub(r"[\x00-\x20\x7f]+", "", url)
    return url.lower()


def _code_mask(lines: list[str]) -> list[str]:
    """Blank out fenced code blocks and inline code spans (they are shown, not rendered)."""
    out, fenced = [], False
    for line in lines:
        if ("`" in line or "~" in line) and FENCE_RE.match(line):
            fenced = not fenced
            out.append("")
            continue
        out.append("" if fenced else CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), line) if "`" in line else line)
    return out


ADMONITION_RE = re.compile(r"^\s*(!!!|\?\?\?\+?)\s*([A-Za-z][\w-]*)")


def _admonition_types() -> tuple[str, ...]:
    from .siteconfig import ADMONITIONS

    return tuple(ADMONITIONS)


def check_text(text: str, path: Path, rel: str, code: str) -> list[Finding]:
    out: list[Finding] = []
    add = lambda line, rule, msg: out.append(finding(path, line, rule, msg))  # noqa: E731
    lines = text.split("\n")
    ADMONITION_TYPES = _admonition_types()
    rtl = registry.language(code).dir == "rtl" if code in registry.codes() else False
    # characters: over the whole file, code included (Trojan Source hides in code too)
    if not unicodedata.is_normalized("NFC", text):
        for i, line in enumerate(lines, 1):
            if not unicodedata.is_normalized("NFC", line):
                add(i, "nfc", "text is not in Unicode NFC: normalise it (e.g. a decomposed accent)")
                break
    for i, line in enumerate(lines, 1):
        if len(line) > MAX_LINE:
            add(i, "pathological", f"line of {len(line)} characters: split it (very long lines stall the renderer)")
        if "[" in line and (BRACKET_RUN_RE.search(line) or line.count("[") > MAX_BRACKETS_PER_LINE):
            add(i, "pathological", "too many '[' on one line: this input would stall the Markdown renderer")
        if line.startswith(">") and BLOCKQUOTE_RE.match(line).group(0).count(">") > MAX_QUOTE_DEPTH:
            add(i, "pathological", f"blockquotes nested more than {MAX_QUOTE_DEPTH} deep: this input would stall the Markdown renderer")
        if not SUSPECT_RE.search(line):
            continue
        for ch in set(line):
            cp = ord(ch)
            if ch in BIDI:
                add(i, "bidi-control", f"bidirectional control character U+{cp:04X} ({unicodedata.name(ch, '?')}) can hide what the text says")
            elif ch in INVISIBLE and not (ch == "\ufeff" and i == 1 and line.startswith(ch)):
                add(i, "invisible-char", f"invisible character U+{cp:04X} ({unicodedata.name(ch, '?')})")
            elif ch in DIRECTION_MARKS and not rtl:
                add(i, "bidi-control", f"direction mark U+{cp:04X} is only allowed in right-to-left languages")
            elif (cp < 32 and ch not in "\t\r") or 0x7F <= cp <= 0x9F:
                add(i, "control-char", f"control character U+{cp:04X}")
    # markup: outside code
    masked = _code_mask(lines)
    brackets, start = 0, 1
    for i, line in enumerate(masked + [""], 1):
        if not line.strip():
            if brackets > MAX_BRACKETS_PER_PARAGRAPH:
                add(start, "pathological", f"{brackets} '[' in one paragraph: this input would stall the Markdown renderer")
            brackets, start = 0, i + 1
        else:
            brackets += line.count("[")
    for i, line in enumerate(masked, 1):
        for m in TAG_RE.finditer(line) if "<" in line else ():
            closing, tag, attrs = m.group(1), m.group(2).lower(), m.group(3)
            if re.fullmatch(r"[a-z][a-z0-9+.-]*:.*", m.group(0)[1:-1] or "", re.I):
                continue  # an autolink such as <https://...>, checked below
            if tag in DANGEROUS_TAGS:
                add(i, "unsafe-html", f"<{tag}> is not allowed in pages")
            elif tag not in ALLOWED_TAGS:
                add(i, "raw-html", f"raw HTML <{tag}> is not allowed: use Markdown")
            if closing:
                continue
            for a in ATTR_RE.finditer(attrs):
                name, value = a.group(1).lower(), (a.group(2) or "").strip("\"'")
                if name.startswith("on"):
                    add(i, "event-handler", f"event handler attribute '{name}' is not allowed")
                elif name == "style":
                    add(i, "unsafe-html", "inline 'style' attributes are not allowed (CSS can load URLs)")
                elif _scheme(value).startswith(BAD_SCHEMES):
                    add(i, "unsafe-url", f"'{name}' uses a forbidden URL scheme ({_scheme(value).split(':')[0]}:)")
                elif name == "markdown" or tag not in ALLOWED_TAGS or name in ALLOWED_ATTRS:
                    pass
                else:
                    add(i, "raw-html", f"attribute '{name}' is not allowed on <{tag}>")
        for m in ATTR_LIST_RE.finditer(line) if "{" in line else ():
            body = m.group(1)
            if not re.search(r"(^|\s)[#.]?[\w-]+\s*=|(^|\s)#", body) and "=" not in body:
                continue
            for a in ATTR_RE.finditer(body):
                name, value = a.group(1).lower().lstrip("#."), (a.group(2) or "").strip("\"'")
                if a.group(1).lower().startswith("on"):
                    add(i, "event-handler", f"event handler '{a.group(1)}' in an attribute list is not allowed")
                elif name == "style":
                    add(i, "unsafe-html", "'style' in an attribute list is not allowed")
                elif value and _scheme(value).startswith(BAD_SCHEMES):
                    add(i, "unsafe-url", f"forbidden URL scheme in an attribute list ({name})")
        m = ADMONITION_RE.match(line) if ("!!!" in line or "???" in line) else None
        if m and m.group(2).lower() not in ADMONITION_TYPES:
            add(i, "admonition", f"admonition type '{m.group(2)}' is not one of {', '.join(ADMONITION_TYPES)} "
                                 "(their titles are translated and styled; see docs/writing-guide.md)")
        for m in LINK_RE.finditer(line) if "](" in line else ():
            target = m.group(2)
            if _scheme(target).startswith(BAD_SCHEMES):
                add(i, "unsafe-url", f"link uses a forbidden URL scheme ({_scheme(target).split(':')[0]}:)")
            if m.group(0).startswith("!") and not m.group(1).strip():
                add(i, "image-alt", "image without alt text: describe it in the brackets")
        for m in AUTOLINK_RE.finditer(line) if "<" in line else ():
            if _scheme(m.group(1)).startswith(BAD_SCHEMES):
                add(i, "unsafe-url", "autolink uses a forbidden URL scheme")
        if ("]" in line or "&" in line) and REFERENCE_RE.search(html.unescape(line)):
            add(i, "unsafe-url", "reference link uses a forbidden URL scheme")
        if "&" in line:  # the same characters written as HTML entities (&#8238;) reach the page decoded
            for rule, msg in hidden_characters(html.unescape(line), rtl):
                if rule != "control-char" or "&#" in line:
                    add(i, rule, msg + ", written as an HTML entity")
        for m in REMOTE_IMAGE_RE.finditer(line) if "](" in line else ():
            add(i, "remote-image", f"image from another host ({m.group(1)[:60]}): the site requests nothing from other "
                                   "hosts; put the image file next to the page")
        if "#__" in line and RESERVED_ID_RE.search(line):
            add(i, "reserved-id", "ids starting with '__' belong to the theme (Material reads its configuration from #__config)")
        if "<!--" in line:
            add(i, "html-comment", "HTML comments are published in the page: remove it, or write the note in the pull request")
    return out


def anchors_of(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return set(re.findall(r"\{\s*#([A-Za-z0-9_-]+)[^}]*\}", text)) | set(re.findall(r'\bid="([^"]+)"', text))


def check_links(code: str) -> list[Finding]:
    """Relative links to pages and their anchors, resolved in the page's language
    (falling back to English, as the site does)."""
    out: list[Finding] = []
    src = registry.source_language().code
    generated = set(content.generated())
    for rel in content.pages(code):
        path = content.lang_dir(code) / rel
        lines = _code_mask(path.read_text(encoding="utf-8").split("\n"))
        for i, line in enumerate(lines, 1):
            for m in LINK_RE.finditer(line):
                target = m.group(2)
                if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("/"):
                    continue
                page, _, anchor = target.partition("#")
                if page and not page.endswith(".md"):
                    continue  # assets and directory links are checked by the build
                dest = rel if not page else str(PurePosixPath(rel).parent / page)
                dest = _normalise(dest)
                if dest is None:
                    out.append(finding(path, i, "link", f"link '{target}' leaves the content folder"))
                    continue
                if dest in generated:
                    continue
                target_file = content.lang_dir(code) / dest
                if not target_file.is_file():
                    target_file = content.lang_dir(src) / dest
                if not target_file.is_file():
                    out.append(finding(path, i, "link", f"link '{target}': page {dest} does not exist"))
                elif anchor and anchor not in anchors_of(target_file):
                    out.append(finding(path, i, "anchor", f"link '{target}': no heading with anchor #{anchor} in {dest}"))
    return out


def _normalise(p: str) -> str | None:
    parts: list[str] = []
    for part in p.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def check(codes: list[str] | None = None) -> list[Finding]:
    out: list[Finding] = []
    for code in codes or registry.codes():
        for rel in content.pages(code):
            path = content.lang_dir(code) / rel
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # reported by the front-matter check
            out.extend(check_text(text, path, rel, code))
        out.extend(check_links(code))
    return out
