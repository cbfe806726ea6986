"""MkDocs hooks (declared under `hooks:` in mkdocs.yml). Each event does one thing.

- on_config:        compile the gettext catalogs the theme loads
- on_page_context:  the page's language facts for the templates (fallback notice)
- on_post_page:     point Material's search at the page language's own index,
                    drop the head hreflang links (sitemap.xml carries them)
- on_post_build:    once every language is built: split the search index per
                    language, write the sitemap and the per-language 404 rules
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

from . import content, countries, l10n, postbuild, registry, translate

_depth = 0
_not_found: dict[str, str] = {}  # language -> rendered 404 page


def _lang(config) -> str:
    return config.theme["language"]


def _rel(page) -> str:
    # folder structure: src_uri is "<lang>/<path>" for both translated and fallback files
    return page.file.src_uri.split("/", 1)[1]


@event_priority(100)  # before Material's offline plugin, which would add a CDN script otherwise
def on_config(config):
    l10n.compile_all()
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    offline = bool(offline and offline.config.enabled)
    if offline:
        # vendored from npm; the index is inlined as a script offline, so lazy-search has nothing to hold
        config.extra["polyfills"] = ["assets/javascripts/iframe-worker-shim.js"]
    content.DIRECTORY_URLS = bool(config.use_directory_urls) and not offline  # the offline plugin turns them off
    return config


def on_startup(command, dirty):
    global _depth
    _depth = 0


def on_pre_build(config):
    global _depth
    _depth += 1


def on_build_error(error):
    global _depth
    _depth = 0


@event_priority(-150)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config):
    """Add the pages rendered from the country data, in the language being built."""
    from mkdocs.structure.files import File

    code = _lang(config)
    lang = registry.language(code)
    pages = countries.render_pages(code)
    pages[translate.STATUS_PAGE] = translate.render_status_page(code)
    for rel, markdown in pages.items():
        f = File.generated(config, f"{code}/{rel}", content=markdown)
        f.dest_uri = lang.prefix + content.file_of(rel)
        files.append(f)
    return files


def on_page_markdown(markdown, page, config, files):
    """The Get help page ends with the helplines of every country, from the data."""
    if _rel(page) == "get-help.md":
        return markdown.rstrip("\n") + "\n" + countries.render_help(_lang(config))
    return markdown


def on_page_content(html, page, config, files):
    """Reject a page whose HTML the sanitizer would change (never clean silently)."""
    from mkdocs.exceptions import PluginError

    from . import security

    problem = security.differences(html)
    if problem:
        raise PluginError(f"content/{page.file.src_uri}: unsafe HTML after rendering: {problem}")
    return html


def page_facts(code: str, rel: str, base_url: str) -> dict:
    src = registry.source_language()
    lang = registry.language(code)
    translated = content.is_translated(code, rel)
    return {
        "outdated": translated and not lang.is_source and content.is_outdated(code, rel),
        "lang": code,
        "lang_name": lang.name,
        "dir": lang.dir,
        "source_code": src.code,
        "fallback": not translated,
        # the English page, relative to the current page
        "source_url": f"{base_url}/{src.prefix}{content.url_of(rel)}",
        "home_url": f"{base_url}/{lang.prefix}{content.url_of('index.md')}",
        "help_url": f"{base_url}/{lang.prefix}{content.url_of('get-help.md')}",
    }


@event_priority(-100)  # after mkdocs-static-i18n (50) has set this page's switcher links
def on_page_context(context, page, config, nav):
    rel = _rel(page)
    context["copsite"] = page_facts(_lang(config), rel, context["base_url"])
    complete_switcher(config, rel)
    return context


def complete_switcher(config, rel: str) -> None:
    """List every registry language in the switcher, also those not built in this process
    (`build --lang`, `serve --lang`): every page exists in every language, translated or not,
    so a partial build renders its languages exactly as the full build does."""
    current = {a["lang"]: a for a in getattr(config.extra, "alternate", None) or []}
    if not current:
        return
    base = urlsplit(config.site_url or "/").path.rstrip("/")
    config.extra.alternate = [current.get(lang.code) or {"name": lang.name, "lang": lang.code,
                                                         "link": f"{base}/{lang.prefix}{content.url_of(rel)}"}
                              for lang in registry.languages() if lang.code in current or lang.status != "draft"]


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        code = _lang(config)
        lang = registry.language(code)
        base = (config.site_url or "/").rstrip("/")
        context["copsite"] = {"lang": code, "lang_name": lang.name, "dir": lang.dir, "fallback": False,
                              "home_url": f"{base}/{lang.prefix}{content.url_of('index.md')}",
                              "help_url": f"{base}/{lang.prefix}{content.url_of('get-help.md')}"}
    return context


_ALTERNATE_RE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def drop_head_alternates(html: str) -> str:
    """Remove Material's head hreflang links: they are relative, they also name
    fallback copies, and Material's script fetches <each alternate>/sitemap.xml
    on every page load. Real translations are announced, with absolute URLs and
    x-default, in sitemap.xml (see postbuild.sitemap)."""
    return _ALTERNATE_RE.sub("", html)


_CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def language_base(html: str, code: str) -> str:
    """Rewrite Material's `base` so search loads <lang>/search/search_index.json."""
    lang = registry.language(code)
    if lang.is_source:
        return html

    def swap(m):
        cfg = json.loads(m.group(2))
        cfg["base"] = cfg["base"].rstrip("/") + "/" + lang.prefix
        text = json.dumps(cfg, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
        return m.group(1) + text + m.group(3)

    return _CONFIG_RE.sub(swap, html, count=1)


def on_post_page(output, page, config):
    return language_base(drop_head_alternates(output), _lang(config))


def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        # every language build renders 404.html to the same place: keep each one
        output_content = language_base(drop_head_alternates(output_content), _lang(config))
        _not_found[_lang(config)] = output_content
    return output_content


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config):
    global _depth
    _depth = max(0, _depth - 1)
    if _depth == 0:
        search = config.plugins.get("material/search") or config.plugins.get("search")
        postbuild.run(config.site_dir, config.site_url or "/", search.config, dict(_not_found))
