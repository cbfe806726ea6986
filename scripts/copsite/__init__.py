"""copsite: the tooling behind the Child Online Protection static site.

One importable package behind one command-line tool (`copsite`). The modules
are small and shared by the CLI, the MkDocs hooks and the tests:

- ``paths``       where things live in the repository
- ``registry``    the language and audience registries (data/*.yml)
- ``errors``      one exception type for every user-facing error
- ``frontmatter`` reading and validating page front matter
- ``l10n``        gettext catalogs (Babel) for interface strings
- ``siteconfig``  the mkdocs-static-i18n configuration derived from the registry
- ``hooks``       the MkDocs hooks (alternates, per-language search, sitemap, 404)
- ``build``       safe, strict builds
- ``cli``         the `copsite` command
"""
