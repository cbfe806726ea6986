"""Shared test helpers: run the CLI, make small fixture sites, serve a built site."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COPSITE = [sys.executable, "-m", "copsite.cli"]


def run_copsite(*args: str, root: Path = ROOT, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    e = dict(os.environ, COPSITE_ROOT=str(root), NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    e.pop("COPSITE_LANGS", None)
    e.update(env or {})
    return subprocess.run(COPSITE + list(args), cwd=root, env=e, capture_output=True, text=True, timeout=timeout)


def page(title: str, body: str = "Text.", audience: str = "everyone", **extra) -> str:
    meta = {"title": title, "description": f"A test page called {title}.", "audience": audience,
            "reviewed": "2026-01-01", **extra}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"


def make_site(tmp: Path, pages: dict[str, str], nav: list[str] | None = None, languages: list[dict] | None = None) -> Path:
    """A small site using the project's real config, templates, catalogs and hooks.

    pages maps 'en/index.md' -> file text. nav defaults to the English pages.
    """
    root = tmp / "site-src"
    root.mkdir()
    for name in ("mkdocs.yml", "babel.cfg"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "overrides", root / "overrides", ignore=shutil.ignore_patterns("*.mo"))
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("terms"))  # termbases: per test
    (root / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "mkdocs_hooks.py", root / "scripts" / "mkdocs_hooks.py")
    if languages is not None:
        (root / "data" / "languages.yml").write_text(yaml.safe_dump({"languages": languages}, allow_unicode=True), encoding="utf-8")
    for rel, text in pages.items():
        p = root / "content" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    # a fixture translation is a finished one (it records the English it matches), unless it says otherwise
    for rel, text in pages.items():
        code, _, page_rel = rel.partition("/")
        english = pages.get(f"en/{page_rel}")
        if code != "en" and english is not None and text.startswith("---\n") and "\nsource_hash:" not in text.split("\n---", 1)[0]:
            from copsite import content

            digest = content.hash_text(english)
            head, rest = text[4:].split("\n---", 1)
            (root / "content" / rel).write_text(f"---\n{head}\nsource_hash: {digest}\n---{rest}", encoding="utf-8")
    if nav is None:
        nav = sorted(rel[3:] for rel in pages if rel.startswith("en/"))
        nav.sort(key=lambda r: (r != "index.md", r))
    (root / "data" / "nav.yml").write_text(yaml.safe_dump({"pages": nav}), encoding="utf-8")
    return root


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static server that serves /<lang>/404.html for missing pages under /<lang>/,
    and, when asked, the security headers the build wrote to _headers."""

    extra_headers: dict = {}

    def log_message(self, *args):
        pass

    def end_headers(self):
        for k, v in self.extra_headers.items():
            self.send_header(k, v)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            root = Path(self.directory)
            parts = self.path.lstrip("/").split("/", 1)
            candidate = root / parts[0] / "404.html" if len(parts) > 1 else None
            page = candidate if candidate and candidate.is_file() else root / "404.html"
            if page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
        super().send_error(code, message, explain)


def read_headers(site: Path) -> dict:
    out = {}
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines()[1:]:
        if ":" in line:
            k, v = line.strip().split(":", 1)
            out[k.strip()] = v.strip()
    return out


class Server:
    def __init__(self, directory: Path, headers: bool = False):
        cls = type("Handler", (_Handler,), {"extra_headers": read_headers(directory) if headers else {}})
        handler = functools.partial(cls, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


# the script each language's text is written in (for languages not in Latin script)
SCRIPTS = {"ar": r"[\u0600-\u06ff]", "zh": r"[\u4e00-\u9fff]", "ru": r"[\u0400-\u04ff]", "mn": r"[\u0400-\u04ff]"}

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
