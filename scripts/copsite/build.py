"""Builds that never leave a half-written site, and a strict mode that reports
the warnings of every language at once.

MkDocs' own `--strict` stops at the first language with warnings and
`--strict -q` exits 0; here the build always runs to the end, every WARNING
record is collected, and the new site replaces the old one only on success.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from . import checks, paths, registry
from .errors import CopsiteError


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record):
        msg = record.getMessage()
        if "Material for MkDocs" in msg and "end of life" in msg:
            return
        self.records.append(f"{record.levelname}: {msg}")


def _echo_handler(quiet: bool) -> logging.Handler:
    h = logging.StreamHandler(sys.stderr)
    h.setLevel(logging.WARNING if quiet else logging.INFO)
    h.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    return h


def _fail_if_strict(strict: bool, warnings: list[str]) -> None:
    if strict and warnings:
        raise CopsiteError([f"strict mode: {len(warnings)} warning(s); the previous site was kept:"] + warnings)


def _replace(target: Path, new: Path) -> None:
    """Put the new site in place of the old one; the old one stays until the new one is complete."""
    old = target.parent / f".site-old-{os.getpid()}"
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def groups(codes: list[str], jobs: int) -> list[list[str]]:
    """Languages split into `jobs` groups of similar size, in registry order."""
    jobs = max(1, min(jobs, len(codes)))
    return [codes[i::jobs] for i in range(jobs) if codes[i::jobs]]


def build_parallel(site_dir: Path | None, strict: bool, jobs: int) -> list[str]:
    """The languages built in `jobs` processes at once (`copsite build --lang ...` each; every
    part is byte-identical to the same part of a one-process build), then merged."""
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    findings = checks.run_all()
    if findings:
        raise CopsiteError(findings)
    from . import l10n

    l10n.compile_all()  # once, before the parts start
    src = registry.source_language().code
    others = [c for c in registry.codes(include_draft=False) if c != src]
    target = Path(site_dir or paths.SITE).resolve()
    tmp = target.parent / f".site-build-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    env = dict(os.environ, COPSITE_SKIP_CHECKS="1", COPSITE_ROOT=str(paths.ROOT))
    env.setdefault("SOURCE_DATE_EPOCH", last_commit_time())

    def run(i_group):
        i, group = i_group
        cmd = [sys.executable, "-m", "copsite.cli", "build", "--site-dir", str(tmp / f"part{i}")]
        for code in group:
            cmd += ["--lang", code]
        return subprocess.run(cmd, env=env, capture_output=True, text=True)

    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(run, enumerate(groups(others, jobs))))
        warnings = [line for r in results for line in r.stderr.splitlines() if line.startswith(("WARNING: ", "ERROR: "))]
        failed = [r for r in results if r.returncode != 0]
        if failed:
            raise CopsiteError([line for r in failed for line in r.stderr.strip().splitlines()[-20:]])
        _fail_if_strict(strict, warnings)
        merged = tmp / "site"
        for i, _ in enumerate(results):
            shutil.copytree(tmp / f"part{i}", merged, dirs_exist_ok=True)  # parts agree on every shared file
        _replace(target, merged)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return sorted(set(warnings))


def build(site_dir: Path | None = None, strict: bool = False, langs: list[str] | None = None, quiet: bool = True,
          jobs: int = 1) -> list[str]:
    """Build the site into site_dir (default: site/). Returns the warnings.

    Raises CopsiteError on invalid input, or in strict mode on any warning; in
    both cases the previous site is left untouched.
    """
    if jobs > 1 and not langs and len(registry.codes(include_draft=False)) > 2:
        return build_parallel(site_dir, strict, jobs)
    findings = [] if os.environ.get("COPSITE_SKIP_CHECKS") else checks.run_all()  # set only for the parts of a checked build
    if findings:
        raise CopsiteError(findings)
    if langs:
        for code in langs:
            registry.language(code)  # a clear error for an unknown code
        os.environ["COPSITE_LANGS"] = ",".join(langs)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("SOURCE_DATE_EPOCH", last_commit_time())

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    target = Path(site_dir or paths.SITE).resolve()
    tmp = target.parent / f".site-build-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    collector = _Collector()
    echo = _echo_handler(quiet)
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.addHandler(collector)
    logger.addHandler(echo)
    logger.propagate = False
    try:
        try:
            cfg = load_config(config_file=str(paths.MKDOCS_YML), site_dir=str(tmp), **_only(langs))
            mkdocs_build(cfg)
        except CopsiteError:
            raise
        except MkDocsException as exc:
            raise CopsiteError(f"build failed: {exc}") from None
        _fail_if_strict(strict, collector.records)
        _replace(target, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        logger.removeHandler(collector)
        logger.removeHandler(echo)
    return collector.records


def last_commit_time() -> str:
    """SOURCE_DATE_EPOCH for reproducible builds: the time of the last commit."""
    import subprocess

    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=paths.ROOT, capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return "0"


def _only(langs: list[str] | None) -> dict:
    """Leave the folders of unselected languages out of the docs (the i18n plugin
    would otherwise publish them as plain files of the source-language build)."""
    if not langs:
        return {}
    keep = set(langs) | {registry.source_language().code}
    return {"exclude_docs": "".join(f"/{c}/\n" for c in registry.codes() if c not in keep)}


def serve(lang: str | None, addr: str) -> None:
    findings = checks.run_all()
    if findings:
        raise CopsiteError(findings)
    if lang:
        registry.language(lang)
        os.environ["COPSITE_LANGS"] = lang
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve as mkdocs_serve

    logging.getLogger("mkdocs").addHandler(_echo_handler(False))
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    mkdocs_serve(config_file=str(paths.MKDOCS_YML), dev_addr=addr, livereload=True, **_only([lang] if lang else None))
