"""`copsite bundle [--lang XX]`: offline editions that work when unzipped and opened from file://.

Each zip is a build with Material's offline plugin (relative .html links, the
search index inlined as a script, the iframe-worker shim vendored from npm
instead of its CDN). A language's zip holds that language and English, which
fills untranslated pages; the "all" zip holds every language.

Inside the zip, `index.html` at the top opens the home page of the zip's language (the site
itself is in `site/`, where English keeps the root), and `README.txt` says what the copy is and
when it was made. The language menu lists only the languages inside the zip.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from . import paths, registry
from .errors import CopsiteError

from .countries import N_  # marks a catalog string
MADE = N_("This is an offline copy of the site, made on %(date)s.")
OPEN = N_("Open the offline copy")

SERVER_ONLY = {"_headers", "_redirects", "nginx-404.conf", "nginx-security.conf", "sitemap.xml", "sitemap.xml.gz", "404.html"}


def front_page(code: str, day: str) -> str:
    """The zip's top-level index.html: opens the language's home page in site/."""
    from html import escape

    from . import l10n

    lang = registry.language(code)
    target = f"site/{lang.prefix}index.html"
    name = escape(l10n.gettext(code, "Child Online Protection"))
    made = escape(l10n.gettext(code, MADE) % {"date": day})
    link = escape(l10n.gettext(code, OPEN))
    return (f'<!doctype html>\n<html lang="{lang.html_tag}" dir="{lang.dir}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n<title>{name}</title>\n</head>\n<body>\n'
            f'<h1>{name}</h1>\n<p>{made}</p>\n<p><a href="{target}">{link}</a></p>\n</body>\n</html>\n')


def readme(code: str, day: str, epoch: int) -> str:
    from . import l10n

    lines = [l10n.gettext(code, "Child Online Protection"), "", l10n.gettext(code, MADE) % {"date": day},
             f"{l10n.gettext(code, OPEN)}: index.html"]
    if not registry.language(code).is_source:
        src = registry.source_language().code
        lines += ["", MADE % {"date": copy_day(epoch, src)}, f"{OPEN}: index.html"]
    return "\n".join(lines) + "\n"


def copy_day(epoch: int, code: str) -> str:
    """The day a copy was made (the last commit's time, SOURCE_DATE_EPOCH), in the reader's language."""
    import datetime

    from .countries import date_text

    return date_text(datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).date().isoformat(), code)


def _zip(site: Path, dest: Path, top: str, epoch: int, code: str) -> None:
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot store dates before 1980
    tmp = dest.with_suffix(".zip.tmp")
    lang = registry.source_language().code if code == "all" else code
    day = copy_day(epoch, lang)

    def add(zf, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(f"{top}/{name}", date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        zf.writestr(info, data)

    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        add(zf, "index.html", front_page(lang, day).encode("utf-8"))
        add(zf, "README.txt", readme(lang, day, epoch).encode("utf-8"))
        for path in sorted(site.rglob("*")):
            rel = path.relative_to(site).as_posix()
            if path.is_dir() or path.name in SERVER_ONLY:
                continue
            add(zf, f"site/{rel}", path.read_bytes())
    tmp.replace(dest)


def bundle(langs: list[str] | None, out_dir: Path | None = None, progress=print) -> list[Path]:
    out_dir = Path(out_dir or paths.ROOT / "dist")
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = langs or registry.codes(include_draft=False) + ["all"]
    for code in targets:
        if code != "all":
            registry.language(code)
    from .build import last_commit_time

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or last_commit_time())
    written = []
    for i, code in enumerate(targets, 1):
        progress(f"[{i}/{len(targets)}] offline edition: {code}")
        with tempfile.TemporaryDirectory(prefix="copsite-bundle-") as tmp:
            site = Path(tmp) / "site"
            cmd = [sys.executable, "-m", "copsite.cli", "build", "--site-dir", str(site)]
            inside = registry.codes(include_draft=False)
            if code != "all":  # the language and the source language, which fills untranslated pages
                inside = list(dict.fromkeys([registry.source_language().code, code]))
                for part in inside:
                    cmd += ["--lang", part]
            env = dict(os.environ, COPSITE_OFFLINE="true", COPSITE_ROOT=str(paths.ROOT), SOURCE_DATE_EPOCH=str(epoch),
                       COPSITE_BUNDLE_LANGS=",".join(inside))
            res = subprocess.run(cmd, env=env, capture_output=True, text=True)
            if res.returncode != 0:
                raise CopsiteError(f"offline build for '{code}' failed:\n{res.stderr.strip()}")
            dest = out_dir / f"cop-guidelines-{code}.zip"
            _zip(site, dest, f"cop-guidelines-{code}", epoch, code)
            written.append(dest)
            progress(f"        wrote {paths.rel(dest)} ({dest.stat().st_size // 1024} KB)")
    return written
