"""MkDocs hooks (declared under `hooks:` in mkdocs.yml). Each event does one thing.

- on_config:        compile the gettext catalogs the theme loads; with COPSITE_LANG set,
                    make mkdocs-static-i18n build that one language only (and in a part of
                    the site for another language than the source, list no theme files)
- on_env:           share compiled templates between the language builds of a process
- on_page_context:  the page's language facts for the templates (fallback notice)
- on_post_page:     point Material's search at the page language's own index,
                    drop the head hreflang links (sitemap.xml carries them),
                    link the lighter stylesheet (copsite.css)
- on_post_build:    once the languages of this build are done: one search index and
                    one 404 page per language, the sitemap and the site-wide rules
"""
from __future__ import annotations

import json
import os
import re

from jinja2 import FileSystemLoader
from jinja2.bccache import BytecodeCache
from mkdocs.plugins import CombinedEvent, event_priority

from . import content, countries, css, l10n, postbuild, registry, translate

_depth = 0
OFFLINE = False                  # building an offline edition (`copsite bundle`)
_built: list[str] = []           # languages rendered by the current top-level build
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
        config.extra["polyfills"] = ["assets/javascripts/iframe-worker-shim.js", "assets/javascripts/search-results.js"]
    content.DIRECTORY_URLS = bool(config.use_directory_urls) and not offline  # the offline plugin turns them off
    global OFFLINE
    OFFLINE = offline
    from . import security

    # the policy in every page too, for hosts that ignore `_headers` (not in the offline copy:
    # 'self' does not match file:// addresses)
    config.extra["csp"] = None if offline else security.meta_policy()
    config.extra["lang_tags"] = {lang.code: lang.html_tag for lang in registry.languages()}  # the switcher's lang=
    code = os.environ.get("COPSITE_LANG")
    only_language(config, code)
    if code and _leaves_shared_files(code):
        theme_without_files(config.theme)
    return config


def _leaves_shared_files(code: str) -> bool:
    """A part of the site for merging (`copsite build`) in a language other than the source:
    the theme's files belong to the source part."""
    return os.environ.get("COPSITE_PART") == "1" and code != registry.source_language().code


class _TemplatesOnly(FileSystemLoader):
    """The theme's templates, listing none of its files."""

    def list_templates(self):
        return []


def theme_without_files(theme) -> None:
    """A part of the site for a language other than the source language leaves the theme's
    files (stylesheets, scripts, fonts) to the source part: MkDocs then need not walk the theme's
    folders to list them (Material's hold about 14,000 files, most of them icons) in every part.
    Templates load as before."""
    get_env = theme.get_env

    def env():
        e = get_env()
        e.loader = _TemplatesOnly(theme.dirs)
        return e

    theme.get_env = env


def only_language(config, code: str | None) -> None:
    """Build exactly one language in this MkDocs build (`copsite build`, `copsite serve --lang`).

    mkdocs-static-i18n always builds the default language first and then loops over the
    others inside that build. Here its language is set before its own on_config (-100)
    runs, and its loop is switched off, so every language can be built on its own, in
    parallel processes, with nothing built twice. Every language stays a build language,
    so switcher links and alternates are the same as in the plugin's own full build.
    """
    if not code:
        return
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.current_language is not None:
        return  # not the first on_config of this plugin instance (its own loop is running)
    registry.language(code)  # a clear error for an unknown code
    i18n.current_language = code
    i18n.building = True  # its on_post_build then neither builds the other languages nor merges indexes


class SharedBytecode(BytecodeCache):
    """Jinja's bytecode cache, kept in memory: each language build creates a new theme
    environment, and without it every build compiles all of Material's templates again.
    Buckets are keyed by template name and checked against the source's checksum."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


BYTECODE = SharedBytecode()


def on_env(env, config, files):
    env.bytecode_cache = BYTECODE
    return env


def on_startup(command, dirty):
    global _depth
    _depth = 0


def on_pre_build(config):
    global _depth
    if _depth == 0:
        _built.clear()
        _not_found.clear()
    _depth += 1
    _built.append(_lang(config))


def on_build_error(error):
    global _depth
    _depth = 0
    _time_done()


@event_priority(50)  # before mkdocs-static-i18n (-100) sorts the files of every language
def _drop_other_languages(files, config):
    """In a one-language build, the other languages' pages are never read: only this
    language's folder and the source language's (its fallback) stay."""
    i18n = config.plugins.get("i18n")
    if not os.environ.get("COPSITE_LANG") or i18n is None:
        return files
    src = registry.source_language().code
    keep = {i18n.current_language, src}
    others = {lang.code for lang in registry.languages()} - keep
    # there the theme's files are not even listed (theme_without_files); files a plugin adds from
    # outside docs_dir go too
    shared = _leaves_shared_files(i18n.current_language)
    docs = os.path.abspath(config.docs_dir)
    for f in list(files):
        if f.src_uri.split("/", 1)[0] in others or (shared and not os.path.abspath(f.abs_src_path or "").startswith(docs)):
            files.remove(f)
    return files


@event_priority(-150)  # after mkdocs-static-i18n (-100) has chosen this language's files
def _add_generated_pages(files, config):
    """Add the pages rendered from the country data, in the language being built."""
    from mkdocs.structure.files import File

    code = _lang(config)
    lang = registry.language(code)
    from . import guides

    pages = countries.render_pages(code)
    pages.update(guides.render_pages(code))
    pages[translate.STATUS_PAGE] = translate.render_status_page(code, translate.guide_url(config.edit_uri))
    for rel, markdown in pages.items():
        f = File.generated(config, f"{code}/{rel}", content=markdown)
        f.dest_uri = lang.prefix + content.file_of(rel)
        files.append(f)
    return files


on_files = CombinedEvent(_drop_other_languages, _add_generated_pages)


PAGE_SECONDS = 30  # a page that takes longer to render stops the build (input made to stall the renderer)


def _time_bound(page) -> None:
    """Start the clock for one page's rendering (Python-Markdown, then the checks after it);
    on_page_content stops it. Only where signals work: the main thread on POSIX."""
    import signal
    import threading

    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        return
    from mkdocs.exceptions import PluginError

    seconds = float(os.environ.get("COPSITE_PAGE_SECONDS") or PAGE_SECONDS)

    def stop(signum, frame):
        raise PluginError(f"{source_of(page)}: rendering took more than {seconds:g} s: the page holds input "
                          "that stalls the Markdown renderer (deeply nested or very many brackets, quotes or lists)")

    signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def _time_done() -> None:
    import signal
    import threading

    if hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread():
        signal.setitimer(signal.ITIMER_REAL, 0)


def on_page_markdown(markdown, page, config, files):
    """The Get help page carries the helplines of every country, from the data, in its
    "Helplines by country" section, right after the block a frightened reader needs first.
    Every page's rendering is time-bound from here to on_page_content."""
    _time_bound(page)
    from . import editions

    rel, code = _rel(page), _lang(config)
    from . import guides, related

    if rel == "get-help.md":
        markdown = countries.insert_help(markdown, code)
    elif rel == guides.LIST_PAGE:
        markdown = guides.insert_lists(markdown, code)
    translated = content.is_translated(code, rel) and not content.is_untranslated_copy(code, rel)
    from . import illustrations

    # the stories' pictures, their text alternatives in the page's language (English on a fallback page)
    markdown = illustrations.insert(markdown, rel, page.url,
                                    (lambda msgid: l10n.gettext(code, msgid)) if translated else (lambda msgid: msgid))
    if page.file.abs_src_path and translated:
        markdown = editions.insert(markdown, code, rel)  # a national edition's additions, in its language
        if rel == "index.md":
            markdown = editions.insert_home(markdown, code)
    if page.file.abs_src_path:
        markdown = countries.insert_crisis_lines(markdown, code, rel)  # self-harm pages: every country's child helplines
        markdown = related.insert(markdown, code, rel)  # "Related pages", from the English pages' topics
    return markdown


def source_of(page) -> str:
    """The file a contributor would fix for a page: the Markdown file, or for a page rendered
    from data (no file of its own) the country file or the data folder it comes from."""
    if page.file.abs_src_path:
        return f"content/{page.file.src_uri}"
    rel = _rel(page)
    m = re.fullmatch(rf"{countries.SECTION}/([a-z]{{2}})\.md", rel)
    if m:
        return f"countries/{m.group(1).upper()}.yml"
    m = re.fullmatch(r"parents/guides/([a-z0-9-]+)\.md", rel)
    return f"guides/{m.group(1)}.yml" if m else "countries/*.yml (or the translation status)"


def on_page_content(html, page, config, files):
    """Reject a page whose HTML the sanitizer would change (never clean silently)."""
    from mkdocs.exceptions import PluginError

    from . import security

    from . import illustrations

    html = illustrations.decorate(html, _rel(page), page.url)  # the landing pages' picture cards
    try:
        problem = security.differences(html)
    finally:
        _time_done()
    if problem:
        raise PluginError(f"{source_of(page)}: unsafe HTML after rendering: {problem}")
    escape_meta(page)
    return permalink_titles(html, _lang(config))


def bundle_languages() -> set[str]:
    """The languages inside the offline edition (`copsite bundle` sets them) or inside a national
    edition's own site (`copsite build --edition`): the language menu offers only those."""
    if OFFLINE:
        return {c for c in os.environ.get("COPSITE_BUNDLE_LANGS", "").split(",") if c}
    return registry.edition_languages()


def made_on(code: str) -> str:
    """The day this offline copy was made, in the reader's language (`copsite bundle` sets the epoch)."""
    from .bundle import copy_day

    return copy_day(int(os.environ.get("SOURCE_DATE_EPOCH") or 0), code)


PERMALINK = countries.N_("Permanent link")  # the tooltip of the toc extension's heading anchors


def permalink_titles(html: str, code: str) -> str:
    """The heading anchors' tooltip in the page's language (Python-Markdown's toc writes one
    English `permalink_title` for every language)."""
    title = l10n.gettext(code, PERMALINK)
    if title == PERMALINK:
        return html
    from html import escape

    return _PERMALINK_RE.sub(lambda m: f'{m.group(1)} title="{escape(title)}">', html)


_PERMALINK_RE = re.compile(r'(<a class="headerlink" href="[^"]*") title="Permanent link">')


def page_facts(code: str, rel: str, base_url: str) -> dict:
    src = registry.source_language()
    lang = registry.language(code)
    # a page copied from English and not yet translated is shown as what it is: English
    translated = content.is_translated(code, rel) and not content.is_untranslated_copy(code, rel)
    return {
        "offline": made_on(code) if OFFLINE else None,
        "outdated": translated and not lang.is_source and content.is_outdated(code, rel),
        "lang": code,
        "tag": lang.html_tag,
        "lang_name": lang.name,
        "dir": lang.dir,
        "source_code": src.code,
        "fallback": not translated,
        # the English page, relative to the current page
        "source_url": f"{base_url}/{src.prefix}{content.url_of(rel)}",
        "home_url": f"{base_url}/{lang.prefix}{content.url_of('index.md')}",
        "help_url": f"{base_url}/{lang.prefix}{content.url_of('get-help.md')}",
        # the translation status of the language (not in the menu: readers find it from the notices)
        "status_url": f"{base_url}/{lang.prefix}{content.url_of(translate.STATUS_PAGE)}",
        # the play cards, workbooks and teacher's guides the page offers (copsite pdf writes them to downloads/)
        "printables": [] if OFFLINE or not translated else _printables(code, rel, base_url),
        "children_css": rel == "index.md" or rel.startswith("children/"),
    }


def _printables(code: str, rel: str, base_url: str) -> list:
    from . import printables

    return printables.links(code, rel, f"{base_url}/")


def switcher_for_generated(config, rel: str) -> None:
    """The language menu of a page rendered from data (countries, translation status).

    mkdocs-static-i18n sets `config.extra.alternate` only for the files it sorted (those with a
    `locale`); on a page added later it would keep the links of the previous page. Every
    generated page exists in every language, so each entry links to the same page in that language."""
    i18n = config.plugins.get("i18n")
    base = getattr(i18n, "extra_alternate", None) or _switcher(config)
    _set_switcher(config, [dict(alt, link=registry.language(alt["lang"]).prefix + content.url_of(rel)) for alt in base])


def _switcher(config) -> list:
    # the plugin sets the page's links as an attribute of `config.extra` (a dict with attributes),
    # which the templates read before the dict item of the same name
    return getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []


def _set_switcher(config, links: list) -> None:
    config.extra["alternate"] = links
    config.extra.alternate = links


def short_help_toc(page) -> None:
    """Get help's table of contents stops at "Helplines by country": the countries are listed
    right there, one heading each, and the contents (shown twice in Material's page: the sidebar
    and the phone menu) would otherwise repeat every country, growing with the data."""
    for item in page.toc:
        for child in getattr(item, "children", []) or []:
            if getattr(child, "id", "") == "by-country":
                child.children = []
        if getattr(item, "id", "") == "by-country":
            item.children = []


def escape_meta(page) -> None:
    """Front-matter text the theme prints (title, description) is escaped once, here: Material
    writes `page.meta.description` into `<meta content="...">` and the title into `<title>` and the
    navigation as they are, so a `"` or `<` a contributor typed would end the attribute or open a tag.
    Runs after every page is rendered (on_page_content) and before any template is."""
    from markupsafe import Markup, escape

    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)


@event_priority(-100)  # after mkdocs-static-i18n (50) has set this page's switcher links
def on_page_context(context, page, config, nav):
    rel = _rel(page)
    if not hasattr(page.file, "locale"):  # a page rendered from data: the plugin left its menu alone
        switcher_for_generated(config, rel)
    inside = bundle_languages()
    if inside:  # an offline edition: its menu offers only the languages inside the zip
        _set_switcher(config, [alt for alt in _switcher(config) if alt["lang"] in inside])
    if rel == "get-help.md":
        short_help_toc(page)
    facts = page_facts(_lang(config), rel, context["base_url"])
    if facts["fallback"] and not registry.language(_lang(config)).is_source:
        # an English page shown in another language: "Edit this page" would open the English file
        # (newcomer review); its notice links to the translation status instead
        page.edit_url = None
    if page.meta.get("audience") == "children":
        page.edit_url = None  # no "Edit this page" for a child (translators: the contributing guide)
        # nor a table of contents beside the story: the page is short, and read or listened to in order
        page.meta["hide"] = sorted(set(page.meta.get("hide") or []) | {"toc"})
    elif page.edit_url:
        from markupsafe import escape

        page.edit_url = escape(page.edit_url)  # Material prints it into href="..." as it is
    context["copsite"] = facts
    if config.site_url and not OFFLINE:
        context["copsite"]["share"] = share_facts(_lang(config), config.site_url)
    return context


def og_locale(code: str) -> str:
    """A language as Open Graph names a locale (ll_TT), from CLDR's likely subtags: fr -> fr_FR."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(code.split("-")[0], code).split("_")
    return f"{likely[0]}_{likely[-1]}" if len(likely) > 1 else likely[0]


def share_facts(code: str, site_url: str) -> dict:
    """What a link preview (Open Graph: WhatsApp, Telegram, Facebook; X falls back to it) shows:
    the page's own title and description (in the template), its language, the other languages
    and the site's picture, which has no words so that it serves every language."""
    return {"locale": og_locale(registry.language(code).html_tag),
            "alternates": [og_locale(lang.html_tag) for lang in registry.languages()
                           if lang.code != code and lang.code in registry.codes(include_draft=False)],
            "image": site_url.rstrip("/") + "/" + SHARE_IMAGE}


SHARE_IMAGE = "assets/images/share.png"


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        code = _lang(config)
        lang = registry.language(code)
        base = (config.site_url or "/").rstrip("/")
        context["copsite"] = {"lang": code, "tag": lang.html_tag, "lang_name": lang.name, "dir": lang.dir, "fallback": False,
                              "home_url": f"{base}/{lang.prefix}{content.url_of('index.md')}",
                              "help_url": f"{base}/{lang.prefix}{content.url_of('get-help.md')}"}
    return context


_ALTERNATE_RE = re.compile(r'\n[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">|\n[ \t]*<meta name="generator" content="[^"]*">')


def drop_head_alternates(html: str) -> str:
    """Remove Material's head hreflang links: they are relative, they also name
    fallback copies, and Material's script fetches <each alternate>/sitemap.xml
    on every page load. Real translations are announced, with absolute URLs and
    x-default, in sitemap.xml (see postbuild.sitemap). The generator tag (engine versions)
    goes too: it tells readers nothing and every page carried it."""
    return _ALTERNATE_RE.sub("", html)


_CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


# interface strings Material's script would show only for features the site does not have
# (code copy buttons, a version selector): every page carried them
_UNUSED_TRANSLATIONS = ("clipboard.copied", "clipboard.copy", "select.version")


def language_base(html: str, code: str) -> str:
    """Rewrite Material's `base` so search loads <lang>/search/search_index.json, and leave out
    the interface strings of features the site does not have."""
    lang = registry.language(code)

    def swap(m):
        cfg = json.loads(m.group(2))
        if not lang.is_source:
            cfg["base"] = cfg["base"].rstrip("/") + "/" + lang.prefix
        for key in _UNUSED_TRANSLATIONS:
            (cfg.get("translations") or {}).pop(key, None)
        for key in ("tags", "version"):  # null: Material reads them with ?. and destructuring only
            if key in cfg and cfg[key] is None:
                del cfg[key]
        text = json.dumps(cfg, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
        return m.group(1) + text + m.group(3)

    return _CONFIG_RE.sub(swap, html, count=1)


_KEEP_RE = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
_INDENT_RE = re.compile(r"\n\s+")


def drop_indentation(html: str) -> str:
    """Material's templates indent every line and leave many blank ones. Whitespace that
    starts a line is dropped (a line break stays, so the page renders the same), except
    inside <pre>, <textarea> and <script>: about a quarter of the raw HTML."""
    parts = _KEEP_RE.split(html)
    out = []
    for i in range(0, len(parts), 3):
        out.append(_INDENT_RE.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def html_direction(html: str, code: str) -> str:
    """`dir="rtl"` on <html> too (Material sets it on <body> only): the browser's scrollbars,
    the page's own scroll origin and anything outside <body> follow the language. And the
    language's full tag in `lang` (zh-Hans: Material writes the code)."""
    lang = registry.language(code)
    if lang.tag:
        html = html.replace(f'<html lang="{code}"', f'<html lang="{lang.tag}"', 1)
    if lang.dir != "rtl":
        return html
    return re.sub(r"<html\b((?:(?!\bdir=)[^>])*)>", r'<html\1 dir="rtl">', html, count=1)


def finish_page(html: str, config) -> str:
    code = _lang(config)
    return drop_indentation(css.link_slim(language_base(html_direction(drop_head_alternates(html), code), code)))


def on_post_page(output, page, config):
    return finish_page(output, config)


def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        # every language build renders 404.html to the same place: keep each one
        output_content = finish_page(output_content, config)
        _not_found[_lang(config)] = output_content
    return output_content


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config):
    global _depth
    _depth = max(0, _depth - 1)
    if _depth == 0:
        search = config.plugins.get("material/search") or config.plugins.get("search")
        postbuild.run(config.site_dir, config.site_url or "/", search.config, dict(_not_found), list(_built))
