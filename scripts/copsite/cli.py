"""The `copsite` command. Subcommands are thin: the work lives in the modules."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import CopsiteError


def _build(args) -> int:
    from pathlib import Path

    if args.edition:  # before the site's configuration is read: it lists the languages to build
        from . import editions

        os.environ.update(editions.site_env(args.edition))
    from . import build

    from . import paths

    if args.site_url:
        os.environ["COPSITE_SITE_URL"] = build.normal_site_url(args.site_url)
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    site_dir = args.site_dir
    if args.lang and not site_dir:
        # a part never takes the place of the whole site: it goes beside it
        site_dir = build.part_dir(args.lang)
    warnings = build.build(site_dir=site_dir, strict=args.strict, langs=args.lang, quiet=not args.verbose, jobs=jobs)
    for w in warnings:
        print(w, file=sys.stderr)
    where = paths.rel(Path(site_dir)) if site_dir else "site"
    if args.lang:
        print(f"built the part of {', '.join(dict.fromkeys(args.lang))} into {where}/ with {len(warnings)} warning(s)"
              + ("" if args.site_dir else "; site/ is unchanged (put parts together with `copsite merge`)"))
    else:
        print(f"built {where}/ with {len(warnings)} warning(s)")
    return 0


def _merge(args) -> int:
    from pathlib import Path

    from . import build

    import shutil

    target = Path(args.site_dir)
    if target.exists():
        raise CopsiteError(f"{target} exists: merge into a new folder")
    tmp = target.parent / f".merge-{os.getpid()}"
    try:
        build.merge([Path(p) for p in args.parts], tmp, move=False)
        tmp.rename(target)  # only a complete merge becomes the site
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"merged {len(args.parts)} part(s) into {target}/")
    return 0


def _serve(args) -> int:
    from . import build

    build.serve(args.lang, args.addr)
    return 0


def _check(args) -> int:
    from . import checks

    from .errors import is_error

    findings = checks.run_everything()
    for f in findings:
        print(f)
    errors = [f for f in findings if is_error(f)]
    notes = len(findings) - len(errors)
    print(f"{len(errors)} problem(s)" + (f", {notes} note(s) for translators" if notes else ""))
    return 1 if errors else 0


def _l10n(args) -> int:
    from . import l10n

    if args.action == "terms":
        from . import paths, terms

        for doc in terms.write_tables():
            print(f"wrote the rules table of {paths.rel(doc)}")
        return 0
    return l10n.command(args.action)


def _translate(args) -> int:
    from . import translate

    if args.action == "start":
        for rel in args.pages:
            print(f"created {translate.start(args.lang, rel)}: English text, shown as not translated until you "
                  f"translate it and run `copsite translate sync {args.lang} {rel}`")
    elif args.action == "diff":
        if len(args.pages) != 1:
            raise CopsiteError(f"name one page: copsite translate diff {args.lang} PAGE")
        changes = translate.diff(args.lang, args.pages[0])
        print(changes or f"content/{args.lang}/{args.pages[0]} is up to date with the English")
    else:
        for rel in translate.sync(args.lang, args.pages or None, every=args.all):
            print(f"synced content/{args.lang}/{rel}")
    return 0


def _status(args) -> int:
    from . import translate

    print(translate.format_status(translate.status([args.lang] if args.lang else None), args.format))
    if args.format != "json":  # the JSON stays one object per language
        print(translate.format_stale(translate.stale_guides()))
    return 0


def _new_edition(args) -> int:
    from . import edition

    for line in edition.new_edition(args.lang, args.country):
        print(line)
    print()
    print(edition.checklist(args.lang))
    return 0


def _audit(args) -> int:
    """Known vulnerabilities in the locked Python dependencies (pip-audit, PyPI's advisory data)."""
    import importlib.util
    import subprocess

    from . import paths

    if importlib.util.find_spec("pip_audit") is None:
        print("pip-audit is not installed: pip install 'pip-audit==2.10.1' (the 'dev' extra)", file=sys.stderr)
        return 1
    cmd = [sys.executable, "-m", "pip_audit", "--requirement", str(paths.ROOT / "requirements.lock"),
           "--require-hashes", "--disable-pip", "--vulnerability-service", args.service, "--progress-spinner", "off"]
    return subprocess.run(cmd).returncode


def _bundle(args) -> int:
    from . import bundle

    bundle.bundle(args.lang, args.out)
    return 0


def _pdf(args) -> int:
    from . import build, pdf

    if args.site_url:
        os.environ["COPSITE_SITE_URL"] = build.normal_site_url(args.site_url)
    pdf.pdf(args.lang, args.audience, args.out, args.site_dir, what=tuple(args.what or pdf.WHAT))
    return 0


def _bench(args) -> int:
    from . import bench

    pages, langs = ([40], [2]) if args.quick else (args.pages, args.langs)
    bench.bench(pages, langs, args.out, serve=not (args.no_serve or args.quick), runs=args.runs, update=args.update)
    return 0


def _languages(args) -> int:
    import json

    from . import registry

    codes = registry.codes(include_draft=False)
    print(json.dumps(codes) if args.json else "\n".join(codes))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="copsite", description="Build and check the Child Online Protection site.")
    p.add_argument("--root", metavar="DIR", help="the project to work on (default: found from the working directory "
                                                 "up: the folder with mkdocs.yml and data/languages.yml; or COPSITE_ROOT)")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the site into site/ (replaced only when the build succeeds)")
    b.add_argument("--strict", action="store_true", help="fail on any warning, listing the warnings of every language")
    b.add_argument("--lang", action="append", metavar="XX",
                   help="build only this language's part of the site (repeatable); parts merge with `copsite merge`")
    b.add_argument("--site-dir", default=None, help="output folder (default: site/)")
    b.add_argument("--edition", metavar="CC", help="build a national edition as its own site: the country's edition "
                                                    "language and English, its home first, its country first in Get help")
    b.add_argument("--site-url", metavar="URL", help="the address the site is served from, e.g. https://cop.example.mn/ "
                                                     "(canonical links, sitemap, robots.txt, link previews); default: "
                                                     "site_url in mkdocs.yml, or COPSITE_SITE_URL")
    b.add_argument("--jobs", type=int, default=None, help="languages built in this many processes at once (default: all cores)")
    b.add_argument("-v", "--verbose", action="store_true")
    b.set_defaults(func=_build)

    m = sub.add_parser("merge", help="merge language parts (`build --lang XX --site-dir DIR`) into one site")
    m.add_argument("parts", nargs="+", help="part folders; the files they share must be identical")
    m.add_argument("--site-dir", default="site", help="new folder for the merged site (default: site/)")
    m.set_defaults(func=_merge)

    s = sub.add_parser("serve", help="preview with live reload")
    s.add_argument("--lang", metavar="XX", help="preview one language (with English fallback), fast")
    s.add_argument("--addr", default="127.0.0.1:8000")
    s.set_defaults(func=_serve)

    c = sub.add_parser("check", help="validate everything a pull request can break")
    c.set_defaults(func=_check)

    tr = sub.add_parser("translate", help="start a translation, see what changed in the English, mark translations as synced")
    tr.add_argument("action", choices=["start", "sync", "diff"],
                    help="start: copy an English page to translate; sync: record that pages match the English now; "
                         "diff: what changed in the English since a page was synced")
    tr.add_argument("lang")
    tr.add_argument("pages", nargs="*", help="paths relative to content/<lang>/")
    tr.add_argument("--all", action="store_true", help="sync: every page of the language (after reviewing them all)")
    tr.set_defaults(func=_translate)

    st = sub.add_parser("status", help="translation status: up to date, outdated or missing")
    st.add_argument("--lang")
    st.add_argument("--format", choices=["table", "json"], default="table")
    st.set_defaults(func=_status)

    ne = sub.add_parser("new-edition", help="scaffold a country edition in a new language")
    ne.add_argument("lang", help="language code, e.g. th")
    ne.add_argument("--country", required=True, help="ISO 3166-1 alpha-2 country code, e.g. TH")
    ne.set_defaults(func=_new_edition)

    bu = sub.add_parser("bundle", help="offline editions: a zip per language (and one with all) that works from file://")
    bu.add_argument("--lang", action="append", metavar="XX", help="only this language (repeatable); 'all' for every language")
    bu.add_argument("--out", default=None, help="output folder (default: dist/)")
    bu.set_defaults(func=_bundle)

    pd = sub.add_parser("pdf", help="printable editions: one PDF per audience per language (WeasyPrint)")
    pd.add_argument("--lang", action="append", metavar="XX")
    pd.add_argument("--audience", action="append", metavar="NAME", help="children, parents, industry or policy")
    pd.add_argument("--out", default=None, help="output folder (default: dist/pdf/)")
    pd.add_argument("--site-dir", default=None, help="use an already built site instead of building one")
    pd.add_argument("--what", action="append", choices=["guides", "cards", "workbooks", "teachers-guides"],
                    help="only these (repeatable): the guides per audience, the play cards, the workbooks, the teacher's guides")
    pd.add_argument("--site-url", metavar="URL", help="the site's address printed in the editions (default: site_url in mkdocs.yml)")
    pd.set_defaults(func=_pdf)

    la = sub.add_parser("languages", help="the site's languages, from the registry (for CI matrices)")
    la.add_argument("--json", action="store_true")
    la.set_defaults(func=_languages)

    be = sub.add_parser("bench", help="benchmark builds and page weight on synthetic content (writes docs/performance.md)")
    be.add_argument("--pages", type=int, nargs="+", default=[40, 160, 640])
    be.add_argument("--langs", type=int, nargs="+", default=[1, 2, 4, 8])
    be.add_argument("--quick", action="store_true", help="smallest size only (40 pages x 2 languages), no preview measurement: a smoke test")
    be.add_argument("--out", default=None, help="report file (default: docs/performance.md)")
    be.add_argument("--no-serve", action="store_true", help="leave out the preview reload measurement")
    be.add_argument("--runs", type=int, default=1, help="build ours and the baseline this many times each; the median is reported")
    be.add_argument("--update", action="store_true", help="keep the other sizes' rows from the previous report (docs/performance.json)")
    be.set_defaults(func=_bench)

    au = sub.add_parser("audit", help="check the locked dependencies for known vulnerabilities (needs pip-audit)")
    au.add_argument("--service", choices=["pypi", "osv"], default="pypi")
    au.set_defaults(func=_audit)

    t = sub.add_parser("l10n", help="interface-string catalogs: extract, update, compile; terms: the glossary tables from data/terms/")
    t.add_argument("action", choices=["extract", "update", "compile", "terms"])
    t.set_defaults(func=_l10n)
    return p


def _project(args) -> None:
    """The project to work on: --root, else COPSITE_ROOT, else found from the working directory."""
    from . import paths

    root = getattr(args, "root", None)
    if root:
        if not paths.is_project(Path(root)):
            raise CopsiteError(f"--root {root}: not a COP site project (it needs mkdocs.yml and data/languages.yml)")
        paths.set_root(Path(root))
    elif not paths.is_project(paths.ROOT):
        raise CopsiteError(f"no COP site project here: {Path.cwd()} and its parents have no mkdocs.yml with "
                           "data/languages.yml beside it. Run copsite inside a clone, or give --root DIR (or COPSITE_ROOT)")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        _project(args)
        return args.func(args)
    except CopsiteError as exc:
        for f in exc.findings:
            print(f"error: {f}" if isinstance(f, str) else str(f), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not bad input: short message unless debugging
        if os.environ.get("COPSITE_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc} (set COPSITE_DEBUG=1 for details)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
