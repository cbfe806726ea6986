"""The generator as a country team and a translator meet it: installed with `pip install .` and run
in another clone, found from the working directory, and the translation workflow without traps
(a copy is untranslated until synced, an English change makes translations outdated rather than
failing the English author's check, sync names its pages and dates them, diff shows what changed)."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, make_site, page, run_copsite

from test_countries import GOOD as COUNTRY  # a valid Thai country file

EN_FR = [{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
         {"code": "fr", "name": "Français", "dir": "ltr", "status": "published"}]


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPSITE_")}
    env.update(NO_MKDOCS_2_WARNING="1", **extra)
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """copsite installed from this checkout the way a country team would: `pip install .`, not editable."""
    target = tmp_path_factory.mktemp("installed")
    res = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps",
                          "--no-build-isolation", "--target", str(target), str(ROOT)],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    assert (target / "copsite" / "templates" / "country.md.j2").is_file(), "templates are package data"
    return target


def _installed_copsite(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    code = ("import sys, copsite, copsite.cli; "
            f"assert copsite.__file__.startswith({str(installed)!r}), copsite.__file__; "
            "sys.exit(copsite.cli.main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env=_env(PYTHONPATH=str(installed)))


def test_installed_copsite_builds_the_clone_it_is_run_in(tmp_path, installed):
    root = make_site(tmp_path, {"en/index.md": page("Home of the other clone"), "en/get-help.md": page("Get help")},
                     languages=EN_FR[:1])
    (root / "countries").mkdir()
    (root / "countries" / "TH.yml").write_text(COUNTRY, encoding="utf-8")
    (root / "content" / "en" / "sub").mkdir()
    # run from a folder inside the other clone, with no COPSITE_ROOT: the project is found upwards
    res = _installed_copsite(installed, root / "content" / "en" / "sub", "build")
    assert res.returncode == 0, res.stderr
    site = root / "site"
    assert "Home of the other clone" in (site / "index.html").read_text(encoding="utf-8")
    assert "1387" in (site / "countries" / "th" / "index.html").read_text(encoding="utf-8")  # the packaged templates
    assert not (installed / "site").exists()
    main_home = ROOT / "site" / "index.html"
    assert not main_home.exists() or "Home of the other clone" not in main_home.read_text(encoding="utf-8")


def test_installed_copsite_outside_a_project_says_so(tmp_path, installed):
    res = _installed_copsite(installed, tmp_path, "check")
    assert res.returncode == 1 and "no COP site project here" in res.stderr and "--root" in res.stderr
    assert "Traceback" not in res.stderr
    root = make_site(tmp_path, {"en/index.md": page("Home")}, languages=EN_FR[:1])
    res = _installed_copsite(installed, tmp_path, "--root", str(root), "languages")
    assert res.returncode == 0 and res.stdout.split() == ["en"], res.stderr
    res = _installed_copsite(installed, tmp_path, "--root", str(tmp_path / "nowhere"), "languages")
    assert res.returncode == 1 and "not a COP site project" in res.stderr


def _git(root: Path, *args: str) -> None:
    env = _env(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def _status(root: Path) -> dict:
    return json.loads(run_copsite("status", "--format", "json", root=root).stdout)["fr"]["pages"]


def test_translation_workflow_without_traps(tmp_path):
    en_a = page("A", "## First { #first }\n\nHello.")
    root = make_site(tmp_path, {"en/index.md": page("Home"), "en/a.md": en_a, "fr/index.md": page("Accueil")},
                     languages=EN_FR)
    # a copy of the English is untranslated until a translator says otherwise
    res = run_copsite("translate", "start", "fr", "a.md", root=root)
    assert res.returncode == 0 and "translate sync fr a.md" in res.stdout
    assert "source_hash" not in (root / "content" / "fr" / "a.md").read_text(encoding="utf-8")
    assert _status(root)["a.md"] == "untranslated"
    out = tmp_path / "out"
    assert run_copsite("build", "--site-dir", str(out), root=root).returncode == 0
    copy = (out / "fr" / "a" / "index.html").read_text(encoding="utf-8")
    assert "cop-fallback" in copy and 'class="cop-fallback-body" lang="en"' in copy  # shown as what it is: English
    # sync names its pages: nothing is marked reviewed by accident
    res = run_copsite("translate", "sync", "fr", root=root)
    assert res.returncode == 1 and "--all" in res.stderr and "Traceback" not in res.stderr
    (root / "content" / "fr" / "a.md").write_text(page("A", "## Premier { #first }\n\nBonjour.").replace(
        "reviewed: '2026-01-01'", "reviewed: '2020-01-01'"), encoding="utf-8")
    assert run_copsite("translate", "sync", "fr", "a.md", "index.md", root=root).returncode == 0
    text = (root / "content" / "fr" / "a.md").read_text(encoding="utf-8")
    assert "source_hash: " in text and f"reviewed: {dt.date.today().isoformat()}" in text
    assert _status(root)["a.md"] == "up-to-date"
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "first")
    # the English author adds a section: the translation is outdated, not a failure of their check
    (root / "content" / "en" / "a.md").write_text(en_a + "\n## Second { #second }\n\nMore.\n", encoding="utf-8")
    assert _status(root)["a.md"] == "outdated"
    res = run_copsite("check", root=root)
    lines = [line for line in res.stdout.splitlines() if "content/fr/a.md" in line]
    assert lines and all(": info: [outdated]" in line for line in lines), res.stdout
    assert "translate diff fr a.md" in lines[0]
    table = run_copsite("status", root=root).stdout
    assert "next: copsite translate diff fr a.md" in table
    # the translator sees what changed in the English since the sync
    res = run_copsite("translate", "diff", "fr", "a.md", root=root)
    assert res.returncode == 0 and "+## Second { #second }" in res.stdout and "-## First" not in res.stdout
    # synced without the new section: now parity holds the translator to the English
    assert run_copsite("translate", "sync", "fr", "a.md", root=root).returncode == 0
    res = run_copsite("check", root=root)
    assert any("content/fr/a.md" in line and "[parity]" in line and ": error:" in line for line in res.stdout.splitlines())


def test_new_edition_pages_are_untranslated_until_synced(tmp_path):
    root = make_site(tmp_path, {"en/index.md": page("Home")}, languages=EN_FR[:1])
    res = run_copsite("new-edition", "th", "--country", "TH", root=root)
    assert res.returncode == 0, res.stderr
    pages = json.loads(run_copsite("status", "--format", "json", root=root).stdout)["th"]["pages"]
    assert pages == {"index.md": "untranslated"}
    amap = root / "countries" / "editions" / "TH.yml"   # the adaptation map, ready for national additions
    assert amap.is_file() and "additions: []" in amap.read_text(encoding="utf-8")
    assert "countries/editions" not in run_copsite("check", root=root).stdout
