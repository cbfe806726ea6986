"""Work done once, after every language is built (from the hooks or `copsite build`).

- one search index per language, holding only that language's real pages
  (fallback copies of English pages are left out), written as UTF-8 JSON;
- sitemap.xml with absolute hreflang alternates for real translations only,
  plus x-default, dated from each page's `reviewed` front matter;
- per-language 404 rules for static hosts (`_redirects`) and nginx.
"""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from xml.sax.saxutils import escape

from . import content, frontmatter, registry
from .errors import CopsiteError

def _lunr_languages() -> set[str]:
    """The languages Material ships lunr support for (assets/javascripts/lunr/min/lunr.<code>.min.js)."""
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
    return {p.name.split(".")[1] for p in folder.glob("lunr.*.min.js")} - {"multi", "stemmer"}


LUNR_LANGS = _lunr_languages()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _url_to_rel() -> dict[str, str]:
    return {content.url_of(rel): rel for rel in content.source_pages()}


def lang_of_location(location: str) -> tuple[str, str]:
    """('ar', 'children/') for 'ar/children/#x'; the source language has no prefix."""
    path = location.split("#", 1)[0]
    for lang in registry.languages():
        if lang.prefix and path.startswith(lang.prefix):
            return lang.code, path[len(lang.prefix):]
    return registry.source_language().code, path


def search_config(code: str, base: dict) -> dict:
    lunr = ["en", code] if code != "en" and code in LUNR_LANGS else ["en"]
    return {"lang": lunr, "separator": base["separator"], "pipeline": base["pipeline"]}


def split_search_index(site: Path, search_plugin_config, built: list[str]) -> dict[str, int]:
    combined = site / "search" / "search_index.json"
    if not combined.exists():
        return {}
    data = json.loads(combined.read_text(encoding="utf-8"))
    url_to_rel = _url_to_rel()
    per_lang: dict[str, list] = {lang.code: [] for lang in registry.languages()}
    for entry in data.get("docs", []):
        code, url = lang_of_location(entry["location"])
        rel = url_to_rel.get(url)
        if rel is None or not content.is_translated(code, rel):
            continue  # a fallback copy of an English page: not this language's text
        # Material links a result to <base>/<location>, and a language's base is its own root
        # (hooks.language_base): the location is written relative to it
        lang = registry.language(code)
        if lang.prefix:
            entry = dict(entry, location=entry["location"][len(lang.prefix):])
        per_lang[code].append(entry)
    fields = data.get("config", {}).get("fields")
    counts = {}
    for lang in registry.languages():
        if lang.code not in built:
            continue
        docs = per_lang[lang.code]
        cfg = search_config(lang.code, search_plugin_config)
        if fields:
            cfg["fields"] = fields
        out = {"config": cfg, "docs": docs}
        text = json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        _write(site / lang.prefix / "search" / "search_index.json", text.encode("utf-8"))
        if (site / "search" / "search_index.js").exists():  # the offline edition loads the index as a script
            _write(site / lang.prefix / "search" / "search_index.js", f"var __index = {text}".encode("utf-8"))
        counts[lang.code] = len(docs)
    return counts


def _reviewed(code: str, rel: str) -> str | None:
    if rel in content.generated():
        from . import countries

        return countries.reviewed()
    try:
        return frontmatter.read(content.lang_dir(code) / rel, rel).meta.get("reviewed")
    except CopsiteError:
        return None


def sitemap(site_url: str, built: list[str]) -> str:
    site_url = site_url.rstrip("/") + "/"
    src = registry.source_language()
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for rel in content.source_pages():
        langs = [lang for lang in registry.languages() if lang.code in built and content.is_translated(lang.code, rel)]
        alternates = [(lang.code, site_url + lang.prefix + content.url_of(rel)) for lang in langs]
        for code, loc in alternates:
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(loc)}</loc>")
            day = _reviewed(code, rel)
            if day:
                lines.append(f"    <lastmod>{day}</lastmod>")
            if len(alternates) > 1:
                for alt_code, alt in alternates:
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="{alt_code}" href="{escape(alt)}"/>')
                lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{escape(site_url + content.url_of(rel))}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def not_found_rules(site: Path, site_url: str) -> None:
    """Serve /<lang>/404.html for that language's paths (Netlify/Cloudflare `_redirects`, nginx)."""
    from urllib.parse import urlsplit

    base = urlsplit(site_url).path.rstrip("/")
    # from the registry, not from what this process built: a --lang build writes the same site-wide files
    langs = [lang for lang in registry.site_languages() if lang.prefix]
    redirects = [f"{base}/{lang.prefix}*  {base}/{lang.prefix}404.html  404" for lang in langs]
    redirects.append(f"{base}/*  {base}/404.html  404")
    _write(site / "_redirects", ("\n".join(redirects) + "\n").encode())
    nginx = ["# Per-language 404 pages; include inside the server block that serves the site."]
    for lang in langs:
        nginx.append(f"location {base}/{lang.prefix} {{ error_page 404 {base}/{lang.prefix}404.html; }}")
    nginx.append(f"error_page 404 {base}/404.html;")
    _write(site / "nginx-404.conf", ("\n".join(nginx) + "\n").encode())


def write_not_found_pages(site: Path, pages: dict[str, str]) -> None:
    """One 404 page per language at <lang>/404.html; the source language's at the root."""
    for lang in registry.languages():
        if lang.code in pages:
            _write(site / lang.prefix / "404.html", pages[lang.code].encode("utf-8"))


def run(site_dir: str, site_url: str, search_plugin_config, not_found: dict[str, str],
        built: list[str]) -> None:
    """Finish a build of the languages `built` (all of them, or one language's part of the site)."""
    site = Path(site_dir)
    src = registry.source_language()
    from . import css, security

    security.check_inline_scripts(site)  # in every part: no page carries a script the policy does not list

    css.write_slim(site)
    css.write_compact(site)
    write_not_found_pages(site, {c: html for c, html in (not_found or {}).items() if c in built})
    split_search_index(site, {"separator": search_plugin_config["separator"],
                              "pipeline": search_plugin_config["pipeline"] or ["stopWordFilter"]}, built)
    if src.code not in built:
        # a part of the site without the source language: the root files are that part's
        for name in ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "search/search_index.js"):
            (site / name).unlink(missing_ok=True)
        if (site / "search").is_dir() and not any((site / "search").iterdir()):
            (site / "search").rmdir()
        return  # the site-wide files below belong to the source language's part
    xml = sitemap(site_url, registry.codes(include_draft=False)).encode("utf-8")
    _write(site / "sitemap.xml", xml)
    _write(site / "sitemap.xml.gz", gzip.compress(xml, mtime=0))
    not_found_rules(site, site_url)
    security.write_headers(site)
    _write(site / "robots.txt", robots(site_url).encode())


def robots(site_url: str) -> str:
    """Every page may be indexed (a reader searching for help should find it); the sitemap lists them."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
