"""Unsafe or broken input in pages: every vector is rejected by `copsite check` and by the build."""
from __future__ import annotations

import pytest

from copsite import lint
from helpers import make_site, page, run_copsite

# (name, Markdown body, expected rule)
VECTORS = [
    ("script element", "<script>alert(1)</script>", "unsafe-html"),
    ("script upper case", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "unsafe-html"),
    ("style element with url()", "<style>body{background:url(https://evil.example/x)}</style>", "unsafe-html"),
    ("img onerror", '<img src="x" onerror="alert(1)">', "event-handler"),
    ("javascript link", "[click](javascript:alert(1))", "unsafe-url"),
    ("javascript mixed case", "[click](JaVaScRiPt:alert(1))", "unsafe-url"),
    ("javascript with entity tab", "[click](java&#x09;script:alert(1))", "unsafe-url"),
    ("javascript entity encoded", '<a href="&#106;avascript:alert(1)">x</a>', "unsafe-url"),
    ("vbscript link", "[click](vbscript:msgbox(1))", "unsafe-url"),
    ("data URL link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "unsafe-url"),
    ("data URL image", "![picture](data:image/svg+xml;base64,PHN2Zz4=)", "unsafe-url"),
    ("iframe", '<iframe src="https://evil.example/"></iframe>', "unsafe-html"),
    ("object", '<object data="movie.swf"></object>', "unsafe-html"),
    ("embed", '<embed src="movie.swf">', "unsafe-html"),
    ("svg onload", "<svg onload=alert(1)>", "unsafe-html"),
    ("svg with script", "<svg><script>alert(1)</script></svg>", "unsafe-html"),
    ("attribute list on paragraph", 'A paragraph.\n{ onclick="alert(1)" }', "event-handler"),
    ("attribute list on heading", "## Title { #title onmouseover=alert(1) }", "event-handler"),
    ("attribute list style url", 'Text.\n{: style="background:url(https://evil.example/)" }', "unsafe-html"),
    ("markdown=1 block with handler", '<div markdown="1" onclick="alert(1)">\nText\n</div>', "event-handler"),
    ("markdown=1 block with script", '<div markdown="1">\n<script>alert(1)</script>\n</div>', "unsafe-html"),
    ("inline style with javascript url", '<p style="background:url(javascript:alert(1))">x</p>', "unsafe-html"),
    ("form action", '<form action="https://evil.example/"><input name="q"></form>', "unsafe-html"),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "unsafe-html"),
    ("anchor javascript href", '<a href="javascript:alert(1)">x</a>', "unsafe-url"),
    ("autolink javascript", "<javascript:alert(1)>", "unsafe-url"),
    ("reference link javascript", "[x][1]\n\n[1]: javascript:alert(1)", "unsafe-url"),
    ("base element", '<base href="https://evil.example/">', "unsafe-html"),
    ("link stylesheet", '<link rel="stylesheet" href="https://evil.example/x.css">', "unsafe-html"),
    ("raw div", "<div>hello</div>", "raw-html"),
    ("right-to-left override", "Safe text \u202e txet neddih", "bidi-control"),
    ("isolate", "Text \u2066hidden\u2069 text", "bidi-control"),
    ("zero width space", "pass\u200bword", "invisible-char"),
    ("control character", "bell \x07 here", "control-char"),
    ("not NFC", "cafe\u0301", "nfc"),
    ("bracket storm", "[" * 5000, "pathological"),
    ("image without alt", "![](picture.png)", "image-alt"),
    ("broken link", "[missing](nowhere.md)", "link"),
    ("broken anchor", "[there](index.md#no-such-anchor)", "anchor"),
]

LANGS = [{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
         {"code": "ar", "name": "العربية", "dir": "rtl", "status": "published"}]


@pytest.mark.parametrize("name,body,rule", [v for v in VECTORS if v[2] not in ("link", "anchor")],
                         ids=[v[0] for v in VECTORS if v[2] not in ("link", "anchor")])
def test_vector_rejected_by_lint(name, body, rule):
    from pathlib import Path

    findings = lint.check_text(page("Bad", body), Path("content/en/bad.md"), "bad.md", "en")
    assert rule in {f.rule for f in findings}, (name, findings)
    assert all(f.line >= 1 and f.path.endswith("bad.md") for f in findings)


def test_clean_page_passes():
    text = page("Fine", "## Hello { #hello }\n\nA [link](index.md#start), <kbd>Ctrl</kbd>, `<script>` in code, "
                        "and ![a drawing of a cat](cat.png).\n\n```html\n<script>shown, not run</script>\n```\n"
                        "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 text with a zero width non-joiner: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n")
    from pathlib import Path

    findings = lint.check_text(text, Path("content/en/fine.md"), "fine.md", "en")
    assert findings == []


def test_direction_marks_allowed_only_in_rtl():
    from pathlib import Path

    text = page("x", "Text \u200f here")
    assert lint.check_text(text, Path("content/ar/x.md"), "x.md", "ar") == []
    assert [f.rule for f in lint.check_text(text, Path("content/en/x.md"), "x.md", "en")] == ["bidi-control"]


def test_check_and_build_reject_every_vector(tmp_path):
    """One site holding every vector in its own page: `copsite check` names each file
    and line, exits 1, and the build writes nothing."""
    pages = {"en/index.md": page("Home", "## Start { #start }\n\nHello."), "ar/index.md": page("الرئيسية")}
    for i, (_, body, _) in enumerate(VECTORS):
        pages[f"en/v{i:02d}.md"] = page(f"Vector {i}", body)
    root = make_site(tmp_path, pages, languages=LANGS)
    res = run_copsite("check", root=root)
    assert res.returncode == 1
    for i, (name, _, rule) in enumerate(VECTORS):
        assert f"content/en/v{i:02d}.md:" in res.stdout and f"[{rule}]" in res.stdout, name
    out = tmp_path / "out"
    res = run_copsite("build", "--site-dir", str(out), root=root)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert not out.exists()
