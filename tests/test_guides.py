"""Issue 19: the guidance parents search for. Dated app and device guides kept as data, in every
language; the new pages; related pages from the English front matter; a reader finds a page from
their audience's landing page in two clicks; search finds an app by its name in every language."""
from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from copsite import content, frontmatter, guides, registry, related
from helpers import make_site, page, run_copsite

BUILT = registry.codes(include_draft=False)
TRANSLATED = [lang.code for lang in registry.languages() if not lang.is_source]
UN = [lang.code for lang in registry.languages() if lang.status in ("published",)]
EN = content.lang_dir("en")

APPS = {"tiktok", "youtube", "instagram", "whatsapp", "facebook", "snapchat", "roblox", "minecraft", "discord",
        "telegram", "line", "free-fire"}
DEVICES = {"android-family-link", "iphone-screen-time", "windows-xbox", "playstation", "nintendo-switch",
           "home-router", "mobile-operator"}


# ---------------------------------------------------------------- the data

def test_every_app_and_device_has_a_dated_guide_with_the_makers_sources():
    loaded = {g.id: g for g in guides.load()}
    assert APPS <= set(loaded) and DEVICES <= set(loaded), sorted(loaded)
    for g in loaded.values():
        dt.date.fromisoformat(g.data["checked"])  # a check date
        assert g.kind == ("device" if g.id in DEVICES else "app") or g.id not in APPS | DEVICES
        for item in g.data["settings"] + g.data.get("report", []):
            assert item["sources"] and all(s["url"].startswith(("https://", "http://")) and s["date"] for s in item["sources"])
        if g.kind == "app":
            assert g.data["minimum_age"]["sources"], g.id
        else:
            assert g.data["steps"] and g.data["steps"][0].get("sources"), f"{g.id}: the first step cites the maker's page"


def test_guide_template_is_current():
    assert [f for f in guides.TEXT.check() if f.rule == "catalog"] == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_guide_string_is_translated(code):
    state = guides.TEXT.state(code)
    assert state["missing"] == 0 and state["outdated"] == 0, (code, state)


GOOD = """\
# Research note: a fixture.
name: Chatter
kind: app
maker: Chatter Inc.
checked: "2026-11-30"
what: "A chat app."
minimum_age:
  age: 13
  text: "13 in its terms."
  sources:
    - {url: "https://example.org/terms", title: "Chatter: terms", date: "2025-01"}
risks:
  - text: "Strangers can send messages."
settings:
  - text: "Messages can be limited to friends."
    sources:
      - {url: "https://example.org/help/dm", title: "Chatter Help: messages", date: undated}
report:
  - text: "Press and hold a message to report it."
    sources:
      - {url: "https://example.org/help/report", title: "Chatter Help: report", date: undated}
"""

BAD = {
    "broken YAML": (GOOD.replace("what: \"A chat app.\"", "what: \"A chat app."), "chatter.yml:", "not valid YAML"),
    "setting without the maker's page": (GOOD.replace("""    sources:
      - {url: "https://example.org/help/dm", title: "Chatter Help: messages", date: undated}
""", ""), "chatter.yml:15", "missing required field 'sources'"),
    "impossible date": (GOOD.replace('date: "2025-01"', 'date: "2025-13"'), "chatter.yml:11", "is not a valid date"),
    "future check": (GOOD.replace('checked: "2026-11-30"', 'checked: "2999-01-01"'), "chatter.yml:5", "in the future"),
    "unknown field": (GOOD.replace("kind: app", "kind: app\nrating: PEGI 12"), "chatter.yml:4", "rating: unknown field"),
    "steps on an app": (GOOD + "steps:\n  - text: \"Open it.\"\n", "chatter.yml:22", "a guide of kind 'app' has no 'steps'"),
    "link in the text": (GOOD.replace("A chat app.", "A chat app, see [here](https://x.example)."), "chatter.yml:6",
                         "plain text only"),
    "unsafe address": (GOOD.replace("https://example.org/terms", "javascript:alert(1)"), "chatter.yml:11",
                       "is not a plain web address"),
}


def _site_with_guide(tmp_path, text: str, name: str = "chatter.yml") -> Path:
    root = make_site(tmp_path, {"en/index.md": page("Home"),
                                "en/get-help.md": page("Get help", "## Report { #report-to-platform }"),
                                "en/parents/index.md": page("Parents", audience="parents"),
                                "en/parents/devices-and-accounts.md": page("Devices", audience="parents"),
                                "en/parents/apps-and-devices.md": page("Apps", "## Apps { #apps }\n\n## Devices { #devices }",
                                                                       audience="parents")},
                     languages=[{"code": "en", "name": "English", "dir": "ltr", "status": "source"}])
    (root / "guides").mkdir()
    (root / "guides" / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("name", list(BAD))
def test_bad_guide_data(tmp_path, name):
    text, where, message = BAD[name]
    root = _site_with_guide(tmp_path, text)
    out = tmp_path / "out"
    res = run_copsite("build", "--site-dir", str(out), root=root)
    assert res.returncode == 1, res.stdout
    assert f"guides/{where}" in res.stderr and message in res.stderr, res.stderr
    assert "Traceback" not in res.stderr and not out.exists()


def test_a_stale_guide_shows_in_status_and_on_its_page(tmp_path):
    root = _site_with_guide(tmp_path, GOOD.replace('checked: "2026-11-30"', 'checked: "2025-01-02"'))
    res = run_copsite("status", root=root)
    assert res.returncode == 0, res.stderr
    assert re.search(r"stale +guides/chatter\.yml +checked 2025-01-02", res.stdout), res.stdout
    out = tmp_path / "out"
    assert run_copsite("build", "--site-dir", str(out), root=root).returncode == 0
    html = (out / "parents" / "guides" / "chatter" / "index.html").read_text(encoding="utf-8")
    assert "last checked more than six months ago" in html
    listing = (out / "parents" / "apps-and-devices" / "index.html").read_text(encoding="utf-8")
    assert 'href="../guides/chatter/"' in listing or 'href="guides/chatter/"' in listing
    (tmp_path / "fresh").mkdir()
    fresh = _site_with_guide(tmp_path / "fresh", GOOD)
    assert "guides: all checked" in run_copsite("status", root=fresh).stdout


# ---------------------------------------------------------------- the built guides

@pytest.mark.parametrize("code", BUILT)
def test_guide_pages_in_every_language(built_site, code):
    prefix = built_site / registry.language(code).prefix
    listing = (prefix / "parents" / "apps-and-devices" / "index.html").read_text(encoding="utf-8")
    for g in guides.load():
        html = (prefix / "parents" / "guides" / g.id / "index.html").read_text(encoding="utf-8")
        assert f'lang="{registry.language(code).html_tag}"' in html.split(">", 2)[1] or code == "en"
        for s in g.data["settings"][0]["sources"]:
            assert f'href="{htmllib.escape(s["url"])}"' in html, (code, g.id, s["url"])
        assert f'guides/{g.id}/"' in listing, (code, g.id)
        if code != "en":
            # nothing of the data left in English: every value is translated in this language
            article = re.search(r"<article.*?</article>", html, re.S).group(0)
            assert '<span lang="en"' not in article, (code, g.id)


# ---------------------------------------------------------------- the pages

NEW = ["parents/apps-and-devices.md", "parents/is-my-child-ready.md", "parents/talking-about-sex-and-pornography.md",
       "parents/livestreaming-and-video-calls.md", "parents/sharenting.md", "parents/gambling-and-loot-boxes.md",
       "parents/self-harm-and-suicide-content.md", "parents/hate-and-extremism.md",
       "parents/ai-companions-and-nudify-apps.md", "parents/if-my-child-harmed-someone.md",
       "children/9-12/ai-companions.md", "children/13-18/self-harm-and-suicide-content.md",
       "children/13-18/hate-and-extremism.md", "children/easy-read/index.md",
       "children/easy-read/personal-information.md", "children/easy-read/people-online.md",
       "children/easy-read/upsetting-things.md", "children/easy-read/getting-help.md"]


def test_enough_pages_for_every_reader():
    english = content.pages("en")
    assert len(english) >= 75, len(english)
    assert sum(1 for rel in english if rel.startswith("parents/")) >= 16
    assert sum(1 for rel in english if rel.startswith("children/easy-read/") and rel != "children/easy-read/index.md") >= 4


@pytest.mark.parametrize("rel", [r for r in NEW if r != "parents/apps-and-devices.md"])
def test_new_pages_have_conversation_starters_and_what_to_do(rel):
    text = (EN / rel).read_text(encoding="utf-8")
    meta = frontmatter.read(EN / rel, rel).meta
    assert meta["topics"] and meta["reviewed"]
    if rel.startswith("children/easy-read/"):
        assert meta.get("easy_read") is True
        assert "*Picture:" in text, "easy read describes its pictures in words"
    if rel == "children/easy-read/index.md":
        return
    assert "{ #conversation-starters }" in text and "{ #already-happened }" in text, rel
    assert not re.search(r"\+?\d[\d -]{5,}\d", re.sub(r"\]\([^)]*\)", "]", text.split("---", 2)[2])), "no phone numbers in the text"


@pytest.mark.parametrize("code", [c for c in UN])
def test_new_pages_translated_in_every_un_language(code):
    for rel in NEW:
        assert content.is_translated(code, rel) and not content.is_untranslated_copy(code, rel), (code, rel)
        assert not content.is_outdated(code, rel), (code, rel)


@pytest.mark.parametrize("code", ["mn", "id"])
def test_parents_pages_translated_in_the_edition_languages(code):
    for rel in [r for r in NEW if r.startswith("parents/")] + ["parents/index.md"]:
        assert content.is_translated(code, rel) and not content.is_untranslated_copy(code, rel), (code, rel)


def test_topics_do_not_send_translations_back_to_translators():
    text = (EN / "parents/four-cs.md").read_text(encoding="utf-8")
    assert "\ntopics:" in text
    without = re.sub(r"\ntopics:[^\n]*", "", text)
    assert content.hash_text(text) == content.hash_text(without)
    assert content.hash_text(text) != content.hash_text(text.replace("4 Cs", "Four Cs"))


def test_a_translation_may_not_carry_topics(tmp_path):
    root = make_site(tmp_path, {"en/index.md": page("Home"), "en/get-help.md": page("Get help"),
                                "fr/index.md": page("Accueil", topics=["privacy"])},
                     languages=[{"code": "en", "name": "English", "dir": "ltr", "status": "source"},
                                {"code": "fr", "name": "Français", "dir": "ltr", "status": "published"}])
    res = run_copsite("check", root=root)
    assert res.returncode == 1 and "content/fr/index.md:" in res.stdout and "belongs to the English page only" in res.stdout, res.stdout


# ---------------------------------------------------------------- related pages and two clicks

def _links(html: str, base: str) -> list[str]:
    article = re.search(r"<article.*?</article>", html, re.S)
    hrefs = re.findall(r'<a [^>]*href="([^"#]*)(?:#[^"]*)?"', article.group(0) if article else "")
    return [urljoin(base, unquote(h)) for h in hrefs if h and not h.startswith(("http:", "https:", "tel:", "mailto:"))]


def _file(site: Path, url: str) -> Path:
    path = urlsplit(url).path.lstrip("/")
    return site / path / "index.html" if not path.endswith(".html") else site / path


@pytest.mark.parametrize("code", BUILT)
def test_related_pages_open_pages_of_the_same_language(built_site, code):
    prefix = registry.language(code).prefix
    checked = 0
    for rel in content.pages("en"):
        if related.for_page(code, rel) == [] or not content.is_translated(code, rel):
            continue
        url = "/" + prefix + content.url_of(rel)
        html = _file(built_site, url).read_text(encoding="utf-8")
        section = html.split('id="related"', 1)
        assert len(section) == 2, (code, rel)
        for link in _links("<article>" + section[1].split("</ul>", 1)[0] + "</article>", url):
            target = _file(built_site, link)
            assert target.is_file(), (code, rel, link)
            assert link.startswith("/" + prefix), (code, rel, link)
            # a page of the reader's language, not an English copy
            assert f'<html lang="{registry.language(code).html_tag}"' in target.read_text(encoding="utf-8")[:3000], (code, link)
            checked += 1
    assert checked > 100 if code in UN + ["en"] else checked > 20, checked


def test_a_childs_related_pages_stay_in_their_age_band():
    for rel in content.pages("en"):
        if not rel.startswith("children/"):
            continue
        band = rel.split("/")[1]
        for other in related.for_page("en", rel):
            assert other.split("/")[1] == band, (rel, other)


LANDINGS = ["children/index.md", "parents/index.md", "industry/index.md", "policy/index.md"]


@pytest.mark.parametrize("code", BUILT)
def test_every_page_two_clicks_from_its_audience_landing_page(built_site, code):
    """Clicks inside the page's text (not the menu): the landing page, then at most two links."""
    prefix = "/" + registry.language(code).prefix
    wanted = {prefix + content.url_of(rel) for rel in content.pages("en")
              if rel.split("/")[0] in ("children", "parents", "industry", "policy")}
    wanted |= {prefix + content.url_of(g.rel) for g in guides.load()}
    reached: set[str] = set()
    for landing in LANDINGS:
        start = prefix + content.url_of(landing)
        queue, seen = deque([(start, 0)]), {start}
        while queue:
            url, depth = queue.popleft()
            reached.add(url)
            if depth == 2:
                continue
            path = _file(built_site, url)
            if not path.is_file():
                continue
            for link in _links(path.read_text(encoding="utf-8"), url):
                link = link.split("?")[0]
                if link not in seen and link.startswith(prefix):
                    seen.add(link)
                    queue.append((link, depth + 1))
    missing = sorted(wanted - reached)
    assert not missing, (code, missing[:10])


# ---------------------------------------------------------------- search finds an app by name

@pytest.mark.browser
@pytest.mark.parametrize("code", BUILT)
def test_search_finds_an_app_by_name_and_opens_its_guide(server, page, code):
    from test_journeys import type_search, url_of

    page.goto(server.url + url_of(code, "parents/"))
    type_search(page, "Roblox")
    results = page.locator(".md-search-result__item > a")
    hrefs = [results.nth(i).get_attribute("href") for i in range(min(results.count(), 10))]
    assert any("/parents/guides/roblox/" in h for h in hrefs), (code, hrefs)
    target = next(i for i, h in enumerate(hrefs) if "/parents/guides/roblox/" in h)
    with page.expect_navigation():
        results.nth(target).click()
    assert urlsplit(page.url).path.startswith(url_of(code, "parents/guides/roblox/")), page.url
    assert page.evaluate("() => document.documentElement.lang") == registry.language(code).html_tag
    assert "Roblox" in page.locator("article").inner_text()


@pytest.mark.parametrize("code", BUILT)
def test_self_harm_pages_carry_the_child_helplines_of_every_country(built_site, code):
    """The crisis lines come from the country data, on the page itself: a teen in crisis taps a number."""
    from copsite import countries

    prefix = built_site / registry.language(code).prefix
    for rel in ("parents/self-harm-and-suicide-content.md", "children/13-18/self-harm-and-suicide-content.md"):
        html = (prefix / content.url_of(rel) / "index.html").read_text(encoding="utf-8")
        section = html.split('id="by-country"', 1)
        assert len(section) == 2, (code, rel)
        assert 'href="tel:108"' in section[1], (code, rel)  # Mongolia's child helpline, from countries/MN.yml
        crisis = [h for c in countries.load() for h in c.data["helplines"] if h["kind"] == "crisis-line" and h.get("number")]
        assert len(crisis) >= 5
        for h in crisis:  # the mental-health crisis lines too (US 988, Healing119.id, Mongolia's 1800-2000, ...)
            assert f'href="tel:{countries.dial(h)}"' in section[1], (code, rel, h["name"])
        for c in countries.load()[:5]:
            assert f'id="{c.slug}"' in section[1]
        # each country's name opens its page in the same language
        link = re.search(r'<strong><a href="([^"]+)"', section[1]).group(1)
        assert (prefix / content.url_of(rel) / link / "index.html").resolve().is_file(), (code, link)


@pytest.mark.browser
@pytest.mark.parametrize("code", BUILT)
def test_a_teen_in_crisis_on_a_phone_finds_a_number_and_their_country(server, page, code):
    """390 px: the teens' self-harm page shows every country's child helpline numbers to tap, inside
    the screen; tapping a country's name opens its page in the same language. An edition's page also
    carries its national crisis help."""
    from copsite import countries
    from test_help_phone import PHONE, _callable, _no_sideways_scroll, _open, finder_lines

    rel = "children/13-18/self-harm-and-suicide-content/"
    _open(page, server, code, rel)
    where = f"{code} {rel}"
    _no_sideways_scroll(page, where)
    hrefs = set(page.eval_on_selector_all('article a[href^="tel:"]', "els => els.map(e => e.getAttribute('href'))"))
    crisis = [h for c in countries.load() for h in c.data["helplines"] if h["kind"] == "crisis-line"]
    assert set().union(_callable(crisis), *(_callable(finder_lines(c)) for c in countries.load())) <= hrefs, where
    for link in page.locator('#by-country ~ ul a[href^="tel:"]').all()[:20]:
        box = link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, (where, box)
    with page.expect_navigation():
        page.locator("article li > strong > a#mn").click()
    assert urlsplit(page.url).path == "/" + registry.language(code).prefix + "countries/mn/", (where, page.url)
    assert 'href="tel:108"' in page.content()
    if code in ("mn", "id"):  # the national edition's own crisis help, in its language
        _open(page, server, code, rel)
        assert page.locator(f"#{code}-if-you-are-struggling").count() == 1, where
