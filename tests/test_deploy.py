"""Deploying the built site on a real web server: Debian's nginx serving the build with the build's
own snippets (nginx-security.conf, nginx-404.conf), as the README's Deploy section says. Checks the
headers, the per-language 404 pages, the cache rule for hashed assets, and that pages load in Chromium
with no Content Security Policy violation; and the parts of a build that a host needs: the site's
address (--site-url), robots.txt and link previews (Open Graph)."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from copsite import registry, security
from helpers import make_site, page, run_copsite

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(built_site, tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.fail("Debian nginx is not installed: run ./dev test, which installs it")
    run = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the test's private temp folder
    temps = "".join(f"{name}_temp_path {run}/{name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (run / "nginx.conf").write_text(
        f"{user}worker_processes 1;\ndaemon off;\npid {run}/nginx.pid;\nerror_log {run}/error.log;\n"
        "events { worker_connections 64; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  access_log off;\n" + temps +
        f"  server {{\n    listen 127.0.0.1:{port};\n    root {built_site};\n    index index.html;\n"
        f"    include {built_site}/nginx-security.conf;\n    include {built_site}/nginx-404.conf;\n  }}\n}}\n",
        encoding="utf-8")
    test = subprocess.run([NGINX, "-t", "-c", str(run / "nginx.conf"), "-p", str(run)], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    proc = subprocess.Popen([NGINX, "-c", str(run / "nginx.conf"), "-p", str(run)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as res:
            return res.status, dict(res.headers), res.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode("utf-8", "replace")


def test_nginx_serves_the_security_headers(nginx):
    for path in ("/", "/fr/get-help/", "/ar/countries/eg/"):
        status, headers, _ = _get(nginx + path)
        assert status == 200, path
        assert headers.get("Content-Security-Policy") == security.policy(), path
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]  # only a header can say this
        for name, value in security.HEADERS.items():
            assert headers.get(name) == value, (path, name)
        assert "immutable" not in headers.get("Cache-Control", ""), path  # pages change: never cached for a year


def test_nginx_caches_hashed_assets_and_keeps_the_headers(nginx, built_site):
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    css = next((built_site / "assets" / "stylesheets").glob("main.*.min.css")).name
    for path in (f"/assets/javascripts/{bundle}", f"/assets/stylesheets/{css}"):
        status, headers, _ = _get(nginx + path)
        assert status == 200, path
        assert headers.get("Cache-Control") == "public, max-age=31536000, immutable", path
        assert headers.get("Content-Security-Policy") == security.policy(), path
        assert headers.get("X-Content-Type-Options") == "nosniff", path
    status, headers, _ = _get(nginx + "/assets/javascripts/lazy-search.js")  # no hash in its name: not immutable
    assert status == 200 and "immutable" not in headers.get("Cache-Control", "")


@pytest.mark.parametrize("code", registry.codes(include_draft=False))
def test_nginx_serves_the_404_page_of_each_language(nginx, code):
    lang = registry.language(code)
    status, headers, body = _get(f"{nginx}/{lang.prefix}no-such-page/")
    assert status == 404
    assert f'<html lang="{lang.html_tag}"' in body
    assert headers.get("Content-Security-Policy") == security.policy()


@pytest.mark.browser
def test_pages_load_in_chromium_with_no_csp_violation(nginx, browser):
    """The policy sent by nginx and the one in each page's <meta> allow everything the site does:
    the first view, the quick-exit button, the language menu, and a search."""
    ctx = browser.new_context()
    ctx.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                        "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    pg = ctx.new_page()
    refused = []
    pg.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    pages = ["", "get-help/", "countries/", "countries/mn/", "children/under-9/", "translation-status/"]
    try:
        for code in registry.codes(include_draft=False):
            prefix = registry.language(code).prefix
            for path in pages:
                pg.goto(f"{nginx}/{prefix}{path}")
                pg.wait_for_load_state("load")
                assert pg.evaluate("window.__csp") == [], (code, path)
        pg.goto(f"{nginx}/fr/")
        pg.locator("label.md-search__icon, .md-search__input").first.click()
        pg.keyboard.type("harcèlement")
        pg.wait_for_selector(".md-search-result__item", timeout=15000)
        assert pg.evaluate("window.__csp") == []
        assert refused == []
    finally:
        ctx.close()


# ---------------------------------------------------------------- the build's own deploy files


def _small_site(tmp_path):
    return make_site(tmp_path, {"en/index.md": page("Home"), "en/get-help.md": page("Get help"), "fr/index.md": page("Accueil")},
                     languages=[{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
                                {"code": "fr", "name": "Français", "dir": "ltr", "status": "published"}])


def test_site_url_sets_canonicals_sitemap_robots_and_previews(tmp_path):
    root = _small_site(tmp_path)
    out = tmp_path / "out"
    res = run_copsite("build", "--site-dir", str(out), "--site-url", "https://cop.example.mn/guide", root=root)
    assert res.returncode == 0, res.stderr
    assert "placeholder" not in res.stderr
    home = (out / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://cop.example.mn/guide/fr/">' in home
    assert '<meta property="og:url" content="https://cop.example.mn/guide/fr/">' in home
    assert '<meta property="og:locale" content="fr_FR">' in home and 'og:locale:alternate" content="en_US"' in home
    assert '<meta property="og:title" content="Accueil">' in home
    assert '<meta property="og:image" content="https://cop.example.mn/guide/assets/images/share.png">' in home
    assert '<meta name="twitter:card" content="summary_large_image">' in home
    assert '<meta name="twitter:title" content="Accueil">' in home and 'name="twitter:description"' in home
    assert (out / "assets" / "images" / "share.png").stat().st_size > 1000
    assert (out / "robots.txt").read_text(encoding="utf-8") == \
        "User-agent: *\nAllow: /\n\nSitemap: https://cop.example.mn/guide/sitemap.xml\n"
    assert "<loc>https://cop.example.mn/guide/fr/</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "location /guide/fr/ { error_page 404 /guide/fr/404.html; }" in (out / "nginx-404.conf").read_text(encoding="utf-8")


def test_placeholder_address_is_pointed_out_and_bad_addresses_refused(tmp_path):
    root = _small_site(tmp_path)
    res = run_copsite("build", "--site-dir", str(tmp_path / "a"), root=root)
    assert res.returncode == 0 and "placeholder" in res.stderr and "--site-url" in res.stderr
    res = run_copsite("build", "--site-dir", str(tmp_path / "b"), "--site-url", 'https://x.org/"><script>', root=root)
    assert res.returncode == 1 and "--site-url" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "b").exists()


def test_preview_text_is_escaped(tmp_path):
    root = make_site(tmp_path, {"en/index.md": page('Home "quoted" & more', description='A "quoted" description & more.')},
                     languages=[{"code": "en", "name": "English", "dir": "ltr", "status": "source"}])
    out = tmp_path / "out"
    res = run_copsite("build", "--site-dir", str(out), root=root)
    assert res.returncode == 0, res.stderr
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="Home &#34;quoted&#34; &amp; more">' in html
    assert '<meta property="og:description" content="A &#34;quoted&#34; description &amp; more.">' in html


def test_scripts_do_not_block_the_first_paint(built_site):
    html = (built_site / "fr" / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    assert not re.search(r"<script[^>]*\bsrc=", head), "a script file in <head> holds up the first paint"
    body = html.split("</head>", 1)[1]
    assert body.index("lazy-search.js") < body.index("bundle."), "the polyfill must still run before Material's bundle"


def test_no_machine_paths_in_committed_files():
    """Nothing committed points into the machine it was written on (review: country files did)."""
    from helpers import ROOT

    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    bad = re.compile(r"(/work/|/root/|/home/[a-z]|/tmp/[A-Za-z]|\.\./shared/)")
    found = []
    for name in files:
        if name.startswith("tests/") or name.endswith((".lock", ".png", ".svg", ".json", ".woff2")):
            continue
        path = ROOT / name
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        found += [f"{name}:{i}" for i, line in enumerate(text.splitlines(), 1) if bad.search(line)]
    assert found == []

