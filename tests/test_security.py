"""Hardening: sanitized output, strict CSP, reproducible builds, robust loaders."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
import yaml

from copsite import security
from helpers import ROOT, Server, make_site, page, run_copsite
from test_lint import LANGS, VECTORS

HTML_RULES = {"unsafe-html", "event-handler", "unsafe-url"}


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its markdown_extensions, ignoring MkDocs' own tags."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def render(md: str) -> str:
    cfg = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    exts, configs = [], {}
    for e in cfg["markdown_extensions"]:
        if isinstance(e, dict):
            (name, conf), = e.items()
            exts.append(name)
            configs[name] = conf
        else:
            exts.append(e)
    return markdown.markdown(md, extensions=exts, extension_configs=configs)


@pytest.mark.parametrize("name,body,rule", [v for v in VECTORS if v[2] in HTML_RULES],
                         ids=[v[0] for v in VECTORS if v[2] in HTML_RULES])
def test_sanitizer_rejects_rendered_vector(name, body, rule):
    html = render(body)
    assert security.differences(html) is not None, (name, html)


@pytest.mark.parametrize("html", [
    '<p><a HREF="javascript:alert(1)">x</a></p>',           # attribute names are case-insensitive
    '<p><A Href="JavaScript:alert(1)">x</A></p>',
    '<p><img SRC="data:text/html,x" alt="x"></p>',
    '<blockquote CITE="javascript:alert(1)"><p>x</p></blockquote>',
    '<p><a/href="javascript:alert(1)">x</a></p>',            # a slash separates attributes too
    '<p><a href=" java&#x09;script&#58;alert(1)">x</a></p>',  # entities, spaces and tabs a browser skips
    '<p><a title=x href=javascript:alert(1)>x</a></p>',       # unquoted values
    '<p><a href="https://example.org" download>x</a></p>',    # an attribute without a value is still one
])
def test_sanitizer_rejects_raw_html_however_written(html):
    """Raw HTML reaches the renderer from data too (country pages): the rendered-page check
    must see an attribute or a URL however it is written."""
    assert security.differences(html) is not None, html


def test_sanitizer_accepts_allowed_attributes_without_values():
    assert security.differences('<details class="tip" open><summary>x</summary><p>y</p></details>') is None


def test_sanitizer_accepts_real_pages(built_site):
    """Every real page went through the check during the build; spot-check the output too."""
    html = render("## Title { #t }\n\nText with [a link](https://example.org) and **bold**.\n\n!!! tip\n    Hi\n\n"
                  "??? question \"What would you do?\"\n    Answer.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert security.differences(html) is None


def test_build_hook_rejects_unsafe_html_even_without_copsite_checks(tmp_path):
    """The sanitizer runs inside the MkDocs build itself: plain `mkdocs build` fails too."""
    root = make_site(tmp_path, {"en/index.md": page("Home"), "en/bad.md": page("Bad", '<img src="x" onerror="alert(1)">'),
                                "ar/index.md": page("الرئيسية")}, languages=LANGS)
    env = dict(os.environ, COPSITE_ROOT=str(root), NO_MKDOCS_2_WARNING="1")
    res = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "out")], cwd=root, env=env,
                         capture_output=True, text=True)
    assert res.returncode != 0
    assert "content/en/bad.md: unsafe HTML after rendering" in res.stderr + res.stdout


def test_headers_files(built_site):
    text = (built_site / "_headers").read_text(encoding="utf-8")
    csp = re.search(r"Content-Security-Policy: (.*)", text).group(1)
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert len(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", script_src)) >= 1
    for d in ("object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"):
        assert d in csp
    for h in ("Referrer-Policy: no-referrer", "X-Content-Type-Options: nosniff", "Permissions-Policy:"):
        assert h in text
    nginx = (built_site / "nginx-security.conf").read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{csp}" always;' in nginx


@pytest.mark.browser
def test_csp_no_violations_and_injected_script_blocked(built_site, browser_context):
    csp_pages = ["", "children/", "children/under-9/people-online/", "get-help/", "countries/", "countries/mn/",
                 "translation-status/", "no/such/page/", "ar/", "ar/get-help/", "zh/parents/four-cs/", "mn/industry/"]
    with Server(built_site, headers=True) as srv:
        pg = browser_context.new_page()
        pg.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                           "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
        for path in csp_pages:
            resp = pg.goto(f"{srv.url}/{path}")
            assert "content-security-policy" in {k.lower() for k in resp.headers}
            pg.wait_for_load_state("networkidle")
            assert pg.evaluate("window.__csp") == [], path
        # search still works under the policy (web worker, index fetch)
        box = pg.locator("input.md-search__input")
        pg.goto(f"{srv.url}/")
        box.click()
        box.type("privacy")
        pg.wait_for_selector(".md-search-result__item", timeout=15000)
        assert pg.evaluate("window.__csp") == []
        # an injected inline script is blocked
        pg.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 1';"
                    " document.body.appendChild(s); }")
        pg.wait_for_timeout(200)
        assert pg.evaluate("window.__pwned") is None
        assert any("script-src" in v for v in pg.evaluate("window.__csp"))
        pg.close()


def test_reproducible_builds(tmp_path):
    """Two builds of the same tree, in different folders, time zones and hash seeds, are byte-identical."""
    a, b = tmp_path / "a", tmp_path / "b"
    for out, tz, seed in ((a, "Asia/Tokyo", "1"), (b, "America/Lima", "4242")):
        src = out.parent / f"src-{out.name}"
        shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", "site", ".git", "node_modules", "__pycache__", "*.mo"))
        res = run_copsite("build", "--site-dir", str(out), root=src, env={"TZ": tz, "PYTHONHASHSEED": seed,
                                                                         "SOURCE_DATE_EPOCH": "1700000000"})
        assert res.returncode == 0, res.stderr
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    different = [str(p) for p in files_a if (a / p).read_bytes() != (b / p).read_bytes()]
    assert different == []


def test_csp_hash_list_is_the_projects_not_the_builds(built_site):
    """The policy lists exactly the inline scripts of data/csp.yml; every page's are among them."""
    from copsite import security

    allowed = security.allowed_inline_scripts()
    csp = re.search(r"Content-Security-Policy: (.*)", (built_site / "_headers").read_text(encoding="utf-8")).group(1)
    assert sorted(re.findall(r"'sha256-([A-Za-z0-9+/=]+)'", csp)) == sorted(allowed)
    assert set(security.inline_scripts(built_site)) <= set(allowed)


def test_a_page_with_an_unlisted_inline_script_fails_the_build(tmp_path):
    from copsite import security
    from copsite.errors import CopsiteError

    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "index.html").write_text("<html><script>alert(1)</script></html>", encoding="utf-8")
    with pytest.raises(CopsiteError) as exc:
        security.check_inline_scripts(tmp_path)
    assert "fr/index.html: error: [csp] an inline script that data/csp.yml does not allow" in str(exc.value.findings)


@pytest.mark.browser
def test_meta_policy_alone_no_violations_no_foreign_requests(built_site, browser_context):
    """A host that ignores `_headers`: the policy in every page still holds."""
    seen = []
    with Server(built_site, headers=False) as srv:
        pg = browser_context.new_page()
        pg.on("request", lambda r: seen.append(r.url))
        pg.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                           "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
        for path in ("", "fr/", "ar/get-help/", "zh/parents/four-cs/", "ru/countries/mn/", "es/no/such/page/"):
            resp = pg.goto(f"{srv.url}/{path}")
            assert "content-security-policy" not in {k.lower() for k in resp.headers}
            assert pg.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, path
            pg.wait_for_load_state("networkidle")
            assert pg.evaluate("window.__csp") == [], path
        pg.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 1';"
                    " document.body.appendChild(s); }")
        pg.wait_for_timeout(200)
        assert pg.evaluate("window.__pwned") is None
        pg.close()
    assert {urlsplit(u).hostname for u in seen if not u.startswith("data:")} == {"127.0.0.1"}


def _closed_tree_site(tmp_path):
    return make_site(tmp_path, {"en/index.md": page("Home", "Welcome."), "ar/index.md": page("الرئيسية", "مرحبا.")},
                     languages=LANGS)


@pytest.mark.parametrize("name, data, message", [
    ("ar/x.js", b"alert('FRJS')", "only pages and images (.md, .gif, .jpeg, .jpg, .png, .webp) may be under content/"),
    ("en/help.html", b"<script>alert('S5')</script>", "only pages and images"),
    ("en/pic.svg", b"<svg onload=alert(1)>", "only pages and images"),
    ("en/fake.png", b"<script>alert(1)</script>", "not a PNG image"),
    ('en/a"><script src=x.js>.md', b"---\n", "file and folder names use letters, digits"),
])
def test_closed_content_tree(tmp_path, name, data, message):
    """Security review 3: a file under content/ that is not a page or an image is refused by
    check and build, with its path, and nothing is published."""
    root = _closed_tree_site(tmp_path)
    (root / "content" / name).write_bytes(data)
    out = tmp_path / "out"
    for cmd in (["check"], ["build", "--site-dir", str(out)]):
        res = run_copsite(*cmd, root=root)
        assert res.returncode != 0, cmd
        text = res.stdout + res.stderr
        assert f"content/{name}:1: error: [input]" in text and message in text, text
        assert "Traceback" not in text
    assert not out.exists()


def test_symlinks_in_the_inputs_are_refused_not_followed(tmp_path):
    """Security review 5: a link to /etc/passwd (or to a folder) is refused, never published."""
    root = _closed_tree_site(tmp_path)
    os.symlink("/etc/passwd", root / "content" / "en" / "passwd.png")
    os.symlink(str(tmp_path), root / "countries")
    res = run_copsite("build", "--site-dir", str(tmp_path / "out"), root=root)
    assert res.returncode != 0
    text = res.stdout + res.stderr
    assert "content/en/passwd.png:1: error: [input] a symbolic link" in text
    assert "countries:1: error: [input] a symbolic link" in text
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("line, message", [
    ("extra_x: !!python/object/apply:os.system [\"touch pwned\"]", "YAML tag '!!python/object/apply:os.system' is not allowed"),
    ("extra_javascript: [https://example.com/x.js]", "extra_javascript: 'https://example.com/x.js' is not a file of the site"),
])
def test_mkdocs_config_runs_as_code_so_only_our_tags(tmp_path, line, message):
    """Security review 14: `check` refuses other tags before anything loads the file."""
    root = _closed_tree_site(tmp_path)
    cfg = root / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    for cmd in (["check"], ["build", "--site-dir", str(tmp_path / "out")]):
        res = run_copsite(*cmd, root=root)
        assert res.returncode != 0 and message in res.stdout + res.stderr, res.stdout + res.stderr
    assert not (root / "pwned").exists()



def _guide(extra_meta: str = "", body: str = "Text.") -> str:
    return (f"---\ntitle: Guide\ndescription: A page to test what a contributor can write.\naudience: everyone\n"
            f"reviewed: 2026-01-01\n{extra_meta}---\n\n{body}\n")


# (where, what a contributor writes, the finding: file:line and words of the message)
VALUE_VECTORS = {
    "title with a YAML-escaped bidi override": ("content/en/guide.md", _guide().replace("title: Guide", 'title: "Gui\\u202Ede"'),
                                                "content/en/guide.md:2: error: [bidi-control] 'title': bidirectional control character U+202E"),
    "bidi override as an HTML entity": ("content/en/guide.md", _guide(body="[&#8238;gro.enilpleh](https://help.example/)"),
                                        "content/en/guide.md:8: error: [bidi-control] bidirectional control character U+202E"),
    "zero-width space as an entity": ("content/en/guide.md", _guide(body="https://child&#8203;line.example/"),
                                      "content/en/guide.md:8: error: [invisible-char] invisible character U+200B"),
    "remote image": ("content/en/guide.md", _guide(body="![A tracker](https://example.com/a.png)"),
                     "content/en/guide.md:8: error: [remote-image] image from another host"),
    "protocol-relative image": ("content/en/guide.md", _guide(body="![A tracker](//example.com/b.png)"),
                                "content/en/guide.md:8: error: [remote-image]"),
    "Material's configuration replaced": ("content/en/guide.md", _guide(body='{"base": "https://evil.example"}\n{: #__config }'),
                                          "content/en/guide.md:9: error: [reserved-id]"),
    "HTML comment shipped in the page": ("content/en/guide.md", _guide(body="Text <!-- hidden note --> more."),
                                         "content/en/guide.md:8: error: [html-comment]"),
    "alias bomb in front matter": ("content/en/guide.md", _guide("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"),
                                   "content/en/guide.md:7: error: [front-matter] not valid YAML: aliases (*a) are not allowed"),
    "repeated key": ("content/en/guide.md", _guide("title: Other\n"),
                     "content/en/guide.md:6: error: [front-matter] not valid YAML: duplicate key 'title' (first at line 1)"),
    "impossible unquoted date": ("content/en/guide.md", _guide().replace("reviewed: 2026-01-01", "reviewed: 2026-13-45"),
                                 "content/en/guide.md:5: error: [front-matter] not valid YAML: '2026-13-45' is not a date"),
    "broken nav.yml": ("data/nav.yml", "pages:\n  - index.md\n  - [guide.md\n",
                       "data/nav.yml:3: error: [nav] not valid YAML"),  # the line where the bracket opened
    "markup in a language name": ("data/languages.yml", "languages:\n  - {code: en, name: \"English`<script>alert(1)</script>`\", dir: ltr, status: source}\n"
                                  "  - {code: ar, name: العربية, dir: rtl, status: published}\n",
                                  "data/languages.yml:1: error: [registry] language 'en': name"),
}


@pytest.mark.parametrize("name", list(VALUE_VECTORS))
def test_values_are_checked_not_just_text(tmp_path, name):
    """Security review 1, 2, 6, 7, 8, 10, 11: each payload where a contributor would put it; check
    and build refuse it with file and line, no traceback, and nothing is published."""
    where, text, expected = VALUE_VECTORS[name]
    root = make_site(tmp_path, {"en/index.md": page("Home", "Welcome. [Guide](guide.md)"), "en/guide.md": _guide(),
                                "ar/index.md": page("الرئيسية", "مرحبا. [الدليل](guide.md)")}, languages=LANGS)
    (root / where).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    for cmd in (["check"], ["build", "--site-dir", str(out)]):
        res = run_copsite(*cmd, root=root)
        report = res.stdout + res.stderr
        assert res.returncode == 1, (cmd, report)
        assert expected in report, (cmd, report)
        assert "Traceback" not in report and "internal error" not in report, report
    assert not out.exists()


def _country_site(tmp_path, change):
    from test_countries import GOOD

    root = make_site(tmp_path, {"en/index.md": page("Home", "Welcome.")}, languages=LANGS[:1])
    (root / "countries").mkdir()
    (root / "countries" / "TH.yml").write_text(change(GOOD), encoding="utf-8")
    return root


@pytest.mark.parametrize("change, expected", [
    (lambda g: g.replace('number: "1387"', 'number: "1387"\n    number: "999 666"'), "TH.yml:11: error: [country] not valid YAML: duplicate key 'number'"),
    (lambda g: g.replace("url: https://example.org/source", "url: https://good.example/){:href=https://evil.example/}"),
     "is not a plain web address"),
    (lambda g: g.replace("url: https://example.org/source", "url: https://www.\u0441hildhelpline.example/"), "is not a plain web address"),
    (lambda g: g.replace("name: Saidek", 'name: "Saidek](https://evil.example/) [x"'), "plain text only, no markup or Markdown syntax"),
    (lambda g: g.replace("name: Saidek", 'name: "Sai\\u202Edek"'), "error: [bidi-control] helplines[0].name"),
])
def test_country_data_cannot_inject(tmp_path, change, expected):
    """Security review 9: a second value, a link rewrite, a look-alike host, Markdown or a hidden
    character in the country data is refused with the file and line."""
    root = _country_site(tmp_path, change)
    res = run_copsite("check", root=root)
    assert res.returncode == 1 and expected in res.stdout + res.stderr, res.stdout + res.stderr


@pytest.mark.parametrize("msgstr, expected", [
    ('x](https://evil.example/) [y', "a translation is text: no markup or Markdown links"),
    ('<script>alert(1)</script>Aide', "a translation is text: no markup"),
    ('Ai\u202Ede', "bidirectional control character U+202E"),
])
def test_catalog_strings_are_text(tmp_path, msgstr, expected):
    """Security review 4, 9, 10: catalog strings are printed as they are: markup, Markdown links and
    hidden characters are refused (with the line)."""
    root = make_site(tmp_path, {"en/index.md": page("Home"), "ar/index.md": page("الرئيسية")}, languages=LANGS)
    po = root / "overrides" / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    old = re.search(r'msgid "source"\nmsgstr "([^"]*)"', text).group(0)
    po.write_text(text.replace(old, 'msgid "source"\nmsgstr "' + msgstr + '"'), encoding="utf-8")
    res = run_copsite("check", root=root)
    assert res.returncode == 1 and expected in res.stdout, res.stdout
    assert "overrides/locales/ar/LC_MESSAGES/messages.po:" in res.stdout


def test_unclosed_catalog_string_is_reported(tmp_path):
    root = make_site(tmp_path, {"en/index.md": page("Home"), "ar/index.md": page("الرئيسية")}, languages=LANGS)
    po = root / "overrides" / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    old = re.search(r'msgid "source"\nmsgstr "([^"]*)"', text).group(0)
    po.write_text(text.replace(old, old[:-1]), encoding="utf-8")
    res = run_copsite("check", root=root)
    assert res.returncode == 1 and "a '\"' is missing at its end" in res.stdout, res.stdout


def test_a_language_part_checks_the_fallback_pages_it_renders(tmp_path):
    """Security review 6: `build --lang ar` rendered an English page `check` refuses."""
    root = make_site(tmp_path, {"en/index.md": page("Home", "Welcome. [Guide](guide.md)"),
                                "en/guide.md": _guide("hide: [navigation]\n"),
                                "ar/index.md": page("الرئيسية", "مرحبا. [الدليل](guide.md)")}, languages=LANGS)
    res = run_copsite("build", "--lang", "ar", "--site-dir", str(tmp_path / "out"), root=root)
    assert res.returncode == 1 and "content/en/guide.md:6: error: [front-matter] unknown key 'hide'" in res.stdout + res.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("body, expected", [
    ("\n".join(["[a " * 199] * 10), "'[' in one paragraph: this input would stall the Markdown renderer"),
    ("\n".join("> " * i + "x" for i in range(1, 40)), "blockquotes nested more than 20 deep"),
])
def test_inputs_that_stall_the_renderer_are_refused(tmp_path, body, expected):
    """Security review 6: inputs that passed the lint and ran for minutes."""
    root = make_site(tmp_path, {"en/index.md": page("Home", body), "ar/index.md": page("الرئيسية")}, languages=LANGS)
    res = run_copsite("check", root=root)
    assert res.returncode == 1 and expected in res.stdout and "content/en/index.md:" in res.stdout, res.stdout


def test_rendering_is_time_bound_and_a_killed_build_leaves_nothing(tmp_path):
    """A page that renders too long stops the build naming the page; a killed build's temporary
    folder is removed by the next build."""
    root = make_site(tmp_path, {"en/index.md": page("Home", "Text.\n\n" + "\n\n".join(f"Paragraph {i}." for i in range(3000))),
                                "ar/index.md": page("الرئيسية")}, languages=LANGS)
    (tmp_path / ".site-build-999999999").mkdir()  # no such process
    res = run_copsite("build", "--site-dir", str(tmp_path / "out"), root=root, env={"COPSITE_PAGE_SECONDS": "0.001"})
    assert res.returncode == 1
    assert "content/en/index.md:1: error: [build] rendering took more than 0.001 s" in res.stdout + res.stderr, res.stdout + res.stderr
    assert (res.stdout + res.stderr).count("content/en/index.md:1:") == 1 and "BuildError" not in res.stdout + res.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / ".site-build-999999999").exists()


def test_catalog_placeholder_mismatch_stops_the_build_with_the_line(tmp_path):
    """Security review 11: `KeyError: 'pays'` (internal error) in the build; now the catalog's line."""
    root = make_site(tmp_path, {"en/index.md": page("Home"), "ar/index.md": page("الرئيسية")}, languages=LANGS)
    po = root / "overrides" / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    m = re.search(r'(msgid "[^"]*%\((\w+)\)s[^"]*"\nmsgstr ")([^"]*)"', text)
    translated = m.group(3).replace(f"%({m.group(2)})s", "%(pays)s")
    po.write_text(text.replace(m.group(0), f'{m.group(1)}{translated}"'), encoding="utf-8")
    res = run_copsite("build", "--site-dir", str(tmp_path / "out"), root=root)
    assert res.returncode == 1 and "placeholders differ" in res.stdout + res.stderr, res.stdout + res.stderr
    assert "internal error" not in res.stdout + res.stderr


def test_catalog_site_name_and_description_escaped_where_material_prints_them(tmp_path):
    """Security review 4: the site name and description come from the catalogs and Material prints
    them raw (<title>, header, <meta content>): a quote or ampersand must stay text."""
    from html.parser import HTMLParser

    root = make_site(tmp_path, {"en/index.md": page("Home"), "ar/index.md": page("الرئيسية")}, languages=LANGS)
    po = root / "overrides" / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    for msgid, new in (("Child Online Protection", 'حماية "الأطفال" & الإنترنت'),):
        m = re.search(rf'msgid "{msgid}"\nmsgstr "[^"]*"', text)
        text = text.replace(m.group(0), f'msgid "{msgid}"\nmsgstr "{new.replace(chr(34), chr(92) + chr(34))}"')
    po.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    res = run_copsite("build", "--site-dir", str(out), root=root)
    assert res.returncode == 0, res.stdout + res.stderr

    class Title(HTMLParser):
        title, inside = "", False

        def handle_starttag(self, tag, attrs):
            self.inside = tag == "title"

        def handle_endtag(self, tag):
            self.inside = False

        def handle_data(self, data):
            if self.inside:
                self.title += data

    t = Title()
    t.feed((out / "ar" / "index.html").read_text(encoding="utf-8"))
    assert 'حماية "الأطفال" & الإنترنت' in t.title
