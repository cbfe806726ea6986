"""Session fixtures: the real site is built once and shared by every test."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from helpers import CHROMIUM_ARGS, ROOT, Server, run_copsite


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real") / "site"
    res = run_copsite("build", "--strict", "--site-dir", str(out))
    assert res.returncode == 0, f"real site build failed:\n{res.stdout}\n{res.stderr}"
    return out


@pytest.fixture(scope="session")
def server(built_site):
    with Server(built_site) as srv:
        yield srv


@pytest.fixture(scope="session")
def _playwright():
    chromium = "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.fail("Debian chromium is not installed (/usr/bin/chromium): run ./dev test, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser_context(_playwright):
    ctx = _playwright.chromium.launch_persistent_context(
        tempfile.mkdtemp(prefix="chromium-"), executable_path="/usr/bin/chromium", headless=True,
        args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 800})
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def browser(_playwright):
    """A browser for contexts of their own (a phone with a touch screen, say)."""
    b = _playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture
def page(browser_context):
    pg = browser_context.new_page()
    yield pg
    pg.close()
