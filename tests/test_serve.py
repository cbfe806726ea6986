"""`copsite serve --lang XX`: a live preview of one language with English fallback."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from helpers import ROOT, make_site, page

LANGS = [{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
         {"code": "ar", "name": "العربية", "dir": "rtl", "status": "published"},
         {"code": "zh", "name": "中文", "dir": "ltr", "status": "published"}]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 60) -> str:
    deadline = time.time() + timeout
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.5)


def test_serve_one_language_with_fallback(tmp_path):
    root = make_site(tmp_path, {"en/index.md": page("Home"), "en/guide.md": page("Guide", "English guide."),
                                "ar/index.md": page("الرئيسية"), "zh/index.md": page("首页")}, languages=LANGS)
    port = free_port()
    env = dict(os.environ, COPSITE_ROOT=str(root), NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen([sys.executable, "-m", "copsite.cli", "serve", "--lang", "ar", "--addr", f"127.0.0.1:{port}"],
                            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        html = fetch(f"http://127.0.0.1:{port}/ar/guide/")
        assert '<html lang="ar"' in html and "cop-fallback" in html and "English guide." in html
        # an edit is rebuilt and served (how fast: `copsite bench`, docs/performance.md)
        (root / "content" / "ar" / "index.md").write_text(page("الرئيسية", "نص جديد للمعاينة."), encoding="utf-8")
        deadline = time.time() + 60
        while "نص جديد للمعاينة." not in fetch(f"http://127.0.0.1:{port}/ar/"):
            assert time.time() < deadline, "the edit was never served"
            time.sleep(0.2)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/zh/", timeout=5)
            raise AssertionError("zh should not be built by serve --lang ar")
        except urllib.error.HTTPError as err:
            assert err.code == 404
    finally:
        proc.terminate()
        proc.wait(timeout=20)
