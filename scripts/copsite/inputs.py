"""The closed input tree: what a contributor may put in the folders the build reads.

Translators and country teams send pull requests, so every file they can touch is untrusted.
- `content/` holds Markdown pages and images of listed types only (an .html page or a .js file
  would be published as it is, and `script-src 'self'` would let such a script run), with file
  names from a safe set (a name is printed into links such as "Edit this page");
- no symbolic link anywhere in the inputs (a link to /etc/passwd would be published);
- `mkdocs.yml` is executable configuration (a YAML `!!python/...` tag runs code while it is
  read): only the project's own tags are allowed, and no script or stylesheet from another host.
Each refusal names the path (and line).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from . import paths
from .errors import Finding, finding

# image types a page may show, with the bytes each file starts with
IMAGES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
          ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",)}
PAGE = ".md"
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9]+)?")
# the tags mkdocs.yml may use: the project's own lists, and environment variables
ALLOWED_TAGS = re.compile(r"!ENV|tag:yaml\.org,2002:python/name:copsite\.siteconfig\.[A-Z][A-Z0-9_]*")


def _input_folders() -> list[Path]:
    return [paths.CONTENT, paths.ROOT / "countries", paths.DATA, paths.ROOT / "overrides", paths.ROOT / "scripts"]


def check_symlinks() -> list[Finding]:
    """No symbolic link in any folder the build reads: it is refused, never followed."""
    out = []
    for top in _input_folders():
        if top.is_symlink():
            out.append(finding(top, 1, "input", "a symbolic link: the build reads no linked file or folder"))
            continue
        for folder, dirs, files in os.walk(top, followlinks=False):
            for name in sorted(dirs + files):
                p = Path(folder) / name
                if p.is_symlink():
                    out.append(finding(p, 1, "input", "a symbolic link: the build reads no linked file or folder; "
                                                      "put the file itself here"))
    return out


def check_content_tree() -> list[Finding]:
    """Only Markdown pages and listed image types under content/, with safe names."""
    out = []
    if not paths.CONTENT.is_dir():
        return out
    allowed = ", ".join([PAGE] + sorted(IMAGES))
    for folder, dirs, files in os.walk(paths.CONTENT, followlinks=False):
        for name in sorted(dirs + files):
            p = Path(folder) / name
            if p.is_symlink():
                continue  # reported by check_symlinks
            if not NAME_RE.fullmatch(name) or (p.is_dir() and "." in name):
                out.append(finding(p, 1, "input", "file and folder names use letters, digits, '-' and '_' "
                                                  "(and one '.' before the extension) only"))
                continue
            if p.is_dir():
                continue
            ext = p.suffix.lower()
            if ext == PAGE:
                continue
            if ext not in IMAGES:
                out.append(finding(p, 1, "input", f"only pages and images ({allowed}) may be under content/; "
                                                  "scripts, styles and HTML belong to the theme (overrides/)"))
                continue
            with open(p, "rb") as fh:
                head = fh.read(16)
            if not any(head.startswith(magic) for magic in IMAGES[ext]) or (ext == ".webp" and head[8:12] != b"WEBP"):
                out.append(finding(p, 1, "input", f"not a {ext[1:].upper()} image (its first bytes say otherwise)"))
    return out


def mkdocs_config(text: str | None = None) -> dict:
    """mkdocs.yml read as data, every tag inert (nothing is run, tagged values are None)."""
    import yaml

    class _Inert(yaml.SafeLoader):
        pass

    _Inert.add_multi_constructor("", lambda loader, suffix, node: None)
    _Inert.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    if text is None:
        text = (paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Inert) or {}


def check_mkdocs_config() -> list[Finding]:
    """mkdocs.yml runs as code when it is read: only the project's own tags, no remote assets."""
    import yaml

    path = paths.ROOT / "mkdocs.yml"
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    out = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                tag = ("tag:yaml.org,2002:" if handle == "!!" else (handle or "")) + suffix
                if not ALLOWED_TAGS.fullmatch(tag):
                    out.append(finding(path, token.start_mark.line + 1, "config",
                                       f"YAML tag {(handle or '') + suffix!r} is not allowed: mkdocs.yml runs as code "
                                       "when it is read, and only the project's own tags (!ENV, "
                                       "!!python/name:copsite.siteconfig.*) are accepted"))
    except yaml.YAMLError as exc:
        from . import yamlsafe

        line, problem = yamlsafe.problem(exc)
        return [finding(path, (line or 0) + 1, "config", f"not valid YAML: {problem}")]
    if out:
        return out
    config = mkdocs_config(text)
    remote = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)
    for key in ("extra_javascript", "extra_css"):
        for item in config.get(key) or []:
            value = item.get("path") if isinstance(item, dict) else item
            if isinstance(value, str) and remote.match(value):
                line = next((i for i, l in enumerate(text.splitlines(), 1) if value in l), 1)
                out.append(finding(path, line, "config", f"{key}: {value!r} is not a file of the site: nothing is "
                                                         "loaded from another host"))
    return out


def check() -> list[Finding]:
    return check_symlinks() + check_content_tree() + check_mkdocs_config()
