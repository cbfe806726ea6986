"""Page weight on the real built site: pruned navigation, the lighter stylesheet, and what
a first view fetches. Sizes are deterministic, so they are asserted; timings live only in
`copsite bench` and docs/performance.md."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import tinycss2

from copsite import bench, content, css, registry

LANGS = registry.site_languages()
GUIDANCE = "children/9-12/cyberbullying.md"
FIRST_VIEW_BUDGET = 60 * 1024     # issue 8: HTML, CSS, JS, fonts and icons of a first view, gzipped
REPEAT_VIEW_BUDGET = 15 * 1024


def page_file(site: Path, code: str, rel: str) -> Path:
    return site / registry.language(code).prefix / content.url_of(rel) / "index.html"


def nav_of(html: str) -> str:
    start = html.index('class="md-nav md-nav--primary"')
    return html[start:html.index('<div class="md-sidebar md-sidebar--secondary"', start)]


def test_navigation_carries_the_page_path_not_the_whole_tree(built_site):
    for lang in LANGS:
        home = nav_of(page_file(built_site, lang.code, "index.md").read_text(encoding="utf-8"))
        # the home page links to the top sections, not into the age bands' pages
        assert "children/9-12/cyberbullying/" not in home, lang.code
        guide = nav_of(page_file(built_site, lang.code, GUIDANCE).read_text(encoding="utf-8"))
        # a guidance page lists its siblings, but not the pages of other sections
        assert "people-online/" in guide and "telling-and-reporting/" in guide, lang.code
        assert "industry/csam/" not in guide and "policy/legal-framework/" not in guide, lang.code


def test_no_page_carries_more_than_its_path_of_the_navigation(built_site):
    """Every nav level holds at most about 20 entries, so a page's navigation stays small
    however many pages the site has (the output grows linearly)."""
    counts = []
    for path in built_site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        if 'md-nav--primary' in html:
            counts.append(nav_of(html).count('class="md-nav__link'))
    assert counts and max(counts) <= 80, max(counts)


def _selector_classes(text: str) -> set[str]:
    found = set()

    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                found.update(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", tinycss2.serialize(rule.prelude)))
            elif rule.type == "at-rule" and rule.content is not None:
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))
    return found


def test_lighter_stylesheet_keeps_every_class_the_site_uses(built_site):
    original, copy, data = css.slim_stylesheet()
    sheets = built_site / "assets" / "stylesheets"
    assert (sheets / copy).read_bytes() == data
    assert not (sheets / original).exists()
    full = _selector_classes(css.material_stylesheet().read_text(encoding="utf-8"))
    kept = _selector_classes(data.decode("utf-8"))
    used = set()
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert f"stylesheets/{original}" not in html, path
        for attr in re.findall(r'class="([^"]*)"', html):
            used.update(attr.split())
    # classes Material's JavaScript adds at run time (search results, tables, back-to-top, TOC)
    used |= {"md-search-result__item", "md-search-result__link", "md-search-result__article", "md-search-result__meta",
             "md-search-result__more", "md-typeset__scrollwrap", "md-typeset__table", "md-nav__link--passed"}
    lost = sorted(c for c in used if c in full and c not in kept)
    assert not lost, f"classes used by the site whose rules the lighter stylesheet dropped: {lost} (see copsite.css.UNUSED)"
    assert len(data) < 0.6 * css.material_stylesheet().stat().st_size


def test_unused_components_are_really_unused(built_site):
    """A name in css.UNUSED that the site renders would lose its styles."""
    used = set()
    for path in built_site.rglob("*.html"):
        for attr in re.findall(r'class="([^"]*)"', path.read_text(encoding="utf-8")):
            used.update(attr.split())
    clash = sorted(c for c in used if c.startswith(tuple(css.UNUSED)))
    assert not clash, clash
    tags = set()
    for path in built_site.rglob("*.html"):
        tags.update(re.findall(r"<([a-z][a-z0-9]*)[\s>]", path.read_text(encoding="utf-8")))
    assert not tags & set(css.UNUSED_ELEMENTS), sorted(tags & set(css.UNUSED_ELEMENTS))


@pytest.mark.parametrize("code", [lang.code for lang in LANGS])
def test_first_and_repeat_view_within_budget(built_site, code):
    """Every guidance page of every language, the long Get help page included."""
    over = []
    for rel in content.source_pages():
        first, repeat = bench.page_weight(built_site, page_file(built_site, code, rel))
        if first > FIRST_VIEW_BUDGET or repeat > REPEAT_VIEW_BUDGET:
            over.append(f"{rel}: first view {first / 1024:.1f} KB, repeat view {repeat / 1024:.1f} KB")
    assert not over, f"{code}: over the page-weight budget (60 KB / 15 KB gzipped): {over}"


@pytest.mark.browser
def test_first_view_fetches_only_what_the_budget_counts(server, browser_context, built_site):
    """A page load fetches the page, its stylesheets, scripts and icon, and nothing else:
    no search worker, no index, nothing from another host. Starting a search fetches them."""
    pg = browser_context.new_page()
    seen = []
    pg.on("request", lambda r: seen.append(r.url))
    url = f"{server.url}/fr/{content.url_of(GUIDANCE)}"
    pg.goto(url)
    pg.wait_for_load_state("networkidle")
    pg.wait_for_timeout(800)
    html = page_file(built_site, "fr", GUIDANCE).read_bytes()
    counted = {url} | {urljoin(url, ref.decode()) for ref in re.findall(rb'(?:src|href)="([^"#?]+\.(?:css|js|png|svg|ico))"', html)}
    extra = [u for u in seen if u not in counted]
    assert not extra, f"fetched on load but not counted in the first view: {extra}"
    assert not any("/workers/search." in u or u.endswith("search_index.json") for u in seen)
    box = pg.locator("input.md-search__input")
    box.click()
    box.type("enfants")
    pg.keyboard.press("End")
    pg.wait_for_selector(".md-search-result__item", timeout=15000)
    assert any("/workers/search." in u for u in seen)
    assert f"{server.url}/fr/search/search_index.json" in seen
    pg.close()


def test_bench_project_nests_sections(tmp_path):
    """The synthetic benchmark content is nested like the guidance: no level over 20 entries."""
    bench.make_project(tmp_path, 640, ["en"])
    nav = (tmp_path / "data" / "nav.yml").read_text(encoding="utf-8").splitlines()[1:]
    top = {line.strip()[2:].split("/")[0] for line in nav}
    assert len(top) <= 20
    for folder in (tmp_path / "content" / "en").rglob("*"):
        if folder.is_dir():
            assert len(list(folder.iterdir())) <= 21, folder
