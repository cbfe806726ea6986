"""Property-based tests: the front-matter and country-data loaders never crash on any input.

Whatever the text, they either return data or raise CopsiteError with a file and a line.
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from copsite import countries, frontmatter
from copsite.errors import CopsiteError

YAMLISH = st.lists(st.sampled_from(list("abc:-[]{}'\"#\n |>&*!%@`,?0123456789\t ") +
                                   ["---", "\u202e", "é", "中", "title: ", "code: TH\n", "- ", "reviewed: 2020-01-01\n"]),
                   max_size=80).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(YAMLISH, st.text(max_size=50))
def test_front_matter_loader_never_crashes(tmp_path, front, body):
    path = tmp_path / "page.md"
    path.write_text("---\n" + front + "\n---\n" + body, encoding="utf-8")
    try:
        page = frontmatter.read(path, "page.md")
    except CopsiteError as exc:
        for f in exc.findings:
            assert f.line >= 1 and f.path.endswith("page.md")
    else:
        assert isinstance(page.meta, dict)


@SETTINGS
@given(st.text(max_size=300))
def test_front_matter_any_text(tmp_path, text):
    path = tmp_path / "any.md"
    path.write_text(text, encoding="utf-8")
    try:
        frontmatter.read(path, "any.md")
    except CopsiteError:
        pass


@SETTINGS
@given(YAMLISH)
def test_country_loader_never_crashes(tmp_path, text):
    path = tmp_path / "TH.yml"
    path.write_text(text, encoding="utf-8")
    data, findings = countries.validate(path)
    assert (data is None) == bool(findings)
    for f in findings:
        assert f.line >= 1 and f.path.endswith("TH.yml")


@SETTINGS
@given(st.fixed_dictionaries({
    "code": st.sampled_from(["TH", "XX", "th", ""]),
    "languages": st.lists(st.sampled_from(["th", "xx", "en-GB", "", "tet"]), max_size=3),
    "edition": st.fixed_dictionaries({"status": st.sampled_from(["published", "none", "maybe"])}),
    "partners": st.lists(st.text(max_size=5), max_size=2),
    "links": st.just([]), "timeline": st.just([]),
    "helplines": st.lists(st.fixed_dictionaries({"kind": st.just("child-helpline"), "name": st.text(max_size=5),
                                                 "operator": st.text(max_size=5), "number": st.text(max_size=6)}), max_size=2),
    "reviewed": st.sampled_from(["2020-01-01", "2999-01-01", "2020-13-01", "soon"]),
}))
def test_country_loader_structured(tmp_path, data):
    import yaml

    path = tmp_path / "TH.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded, findings = countries.validate(path)
    assert (loaded is None) == bool(findings)
