"""Output security: rendered page HTML checked against a maintained sanitizer (nh3),
and a strict Content Security Policy computed from the built site.

A page whose HTML would change under sanitizing is rejected, never cleaned
silently (the GOV.UK approach): the Markdown source must be fixed.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import nh3

# What our Markdown extensions (and the data templates) produce, and nothing more.
TAGS = {"a", "abbr", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "progress", "small", "span",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "wbr"}
GENERIC = {"class", "id", "lang", "dir", "title"}
ATTRIBUTES = {
    "*": GENERIC,
    "a": GENERIC | {"href", "hreflang", "rel"},
    "img": GENERIC | {"src", "alt", "width", "height", "loading"},
    "td": GENERIC | {"align"}, "th": GENERIC | {"align"},
    "ol": GENERIC | {"start"}, "details": GENERIC | {"open"},
    "progress": GENERIC | {"max", "value", "aria-label"},
}
SCHEMES = {"http", "https", "mailto", "tel"}  # tel: tap-to-call helpline numbers
_TAG_RE = re.compile(r"<([a-zA-Z][^\s/>]*)")
# The scheme of every attribute value that could be a URL: whatever follows an "=" (any attribute,
# written in any case; more than the URL attributes does no harm), where the spaces and control
# characters a browser skips may sit anywhere (java\tscript: is javascript:).
_SCHEME_RE = re.compile(r"""=[\s\x00-\x20]*["']?[\s\x00-\x20]*([a-zA-Z][-a-zA-Z0-9+.\x00-\x20]*):""")
_CONTROLS = dict.fromkeys(range(0x21))


def _normalised(html: str) -> str:
    """The same fragment through nh3 with everything it contains allowed (every tag it
    names, every attribute, every URL scheme): the reference serialisation."""
    import html as _html

    tags = {t.lower() for t in _TAG_RE.findall(html)}
    decoded = _html.unescape(html)  # as a browser reads an attribute value
    schemes = {s.translate(_CONTROLS).lower() for s in _SCHEME_RE.findall(decoded)} | SCHEMES
    return nh3.clean(html, tags=tags, generic_attribute_prefixes={""}, url_schemes=schemes, link_rel=None,
                     strip_comments=False, clean_content_tags=set())


def sanitized(html: str) -> str:
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel=None,
                     strip_comments=False, clean_content_tags={"script", "style"})


def differences(html: str) -> str | None:
    """None if sanitizing leaves the HTML unchanged, else a short description of the first change."""
    a, b = _normalised(html), sanitized(html)
    if a == b:
        return None
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"the sanitizer would change {a[max(0, i - 40):i + 60]!r}"


# ---------------------------------------------------------------- Content Security Policy

_INLINE_SCRIPT_RE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)


def inline_scripts(site: Path) -> dict[str, Path]:
    """sha256 of every inline script browsers execute in the built pages (JSON data blocks
    excluded), with the first page that carries it."""
    found: dict[str, Path] = {}
    for path in sorted(site.rglob("*.html")):
        for attrs, body in _INLINE_SCRIPT_RE.findall(path.read_text(encoding="utf-8")):
            kind = re.search(r'type="([^"]+)"', attrs)
            if kind and kind.group(1) not in ("text/javascript", "module"):
                continue
            found.setdefault(base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode(), path)
    return found


def allowed_inline_scripts() -> list[str]:
    """The inline scripts the project allows (data/csp.yml), by sha256."""
    from . import paths, yamlsafe

    with open(paths.DATA / "csp.yml", encoding="utf-8") as fh:
        return [entry["sha256"] for entry in yamlsafe.load(fh)["inline_scripts"]]


def check_inline_scripts(site: Path) -> None:
    """Every inline script of the built pages is one the project allows, or the build fails:
    content can never add a script that the policy would then allow."""
    from .errors import CopsiteError

    allowed = set(allowed_inline_scripts())
    unknown = {h: p for h, p in inline_scripts(site).items() if h not in allowed}
    if unknown:
        from . import paths

        raise CopsiteError([f"{p.relative_to(site)}: error: [csp] an inline script that data/csp.yml does not allow "
                            f"(sha256 {h}); a page may not add scripts: if it is the theme's own after an upgrade, "
                            f"record it in {paths.rel(paths.DATA / 'csp.yml')}" for h, p in sorted(unknown.items())])


def policy() -> str:
    scripts = " ".join(["'self'"] + [f"'sha256-{h}'" for h in allowed_inline_scripts()])
    # styles, fonts, fetches and workers fall back to default-src 'self' (workers through script-src)
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def meta_policy() -> str:
    """The policy for a <meta http-equiv> element in every page, for hosts that ignore `_headers`:
    frame-ancestors is ignored there, so it is left out. It holds only letters, digits and
    the characters of base64 and CSP syntax, so it goes into the attribute as it is."""
    text = "; ".join(d for d in policy().split("; ") if not d.startswith("frame-ancestors"))
    if not re.fullmatch(r"[A-Za-z0-9 ';:/+=.-]+", text):
        raise ValueError(f"unexpected character in the Content Security Policy: {text!r}")
    return text


HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
}


def headers() -> dict[str, str]:
    return {"Content-Security-Policy": policy(), **HEADERS}


def write_headers(site: Path) -> None:
    h = headers()
    netlify = "/*\n" + "".join(f"  {k}: {v}\n" for k, v in h.items())
    (site / "_headers").write_text(netlify, encoding="utf-8")
    lines = "".join(f'add_header {k} "{v}" always;\n' for k, v in h.items())
    nginx = ("# Security headers; include inside the server block that serves the site.\n" + lines +
             "\n# The theme's files carry a content hash in their names (bundle.<hash>.min.js): cached for a year.\n"
             "# nginx drops the server's add_header lines in a location that has its own, so they are repeated.\n"
             f'location ~* "{HASHED_ASSET}" {{\n'
             + "".join(f"    {line}\n" for line in lines.splitlines()) +
             '    add_header Cache-Control "public, max-age=31536000, immutable" always;\n}\n')
    (site / "nginx-security.conf").write_text(nginx, encoding="utf-8")


HASHED_ASSET = r"\.[0-9a-f]{8,}\.min\.(js|css)$"  # Material's bundle.<hash>.min.js, main.<hash>.min.css, workers
