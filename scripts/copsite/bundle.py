"""`copsite bundle [--lang XX]`: offline editions that work when unzipped and opened from file://.

Each zip is a build with Material's offline plugin (relative .html links, the
search index inlined as a script, the iframe-worker shim vendored from npm
instead of its CDN). A language's zip holds that language and English, which
fills untranslated pages; the "all" zip holds every language.
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

SERVER_ONLY = {"_headers", "_redirects", "nginx-404.conf", "nginx-security.conf", "sitemap.xml", "sitemap.xml.gz", "404.html"}


def _zip(site: Path, dest: Path, top: str, epoch: int) -> None:
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot store dates before 1980
    tmp = dest.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(site.rglob("*")):
            rel = path.relative_to(site).as_posix()
            if path.is_dir() or path.name in SERVER_ONLY:
                continue
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
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
            if code != "all":  # the language and the source language, which fills untranslated pages
                for part in dict.fromkeys([registry.source_language().code, code]):
                    cmd += ["--lang", part]
            env = dict(os.environ, COPSITE_OFFLINE="true", COPSITE_ROOT=str(paths.ROOT))
            res = subprocess.run(cmd, env=env, capture_output=True, text=True)
            if res.returncode != 0:
                raise CopsiteError(f"offline build for '{code}' failed:\n{res.stderr.strip()}")
            dest = out_dir / f"cop-guidelines-{code}.zip"
            _zip(site, dest, f"cop-guidelines-{code}", epoch)
            written.append(dest)
            progress(f"        wrote {paths.rel(dest)} ({dest.stat().st_size // 1024} KB)")
    return written
