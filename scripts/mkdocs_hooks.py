"""MkDocs loads hooks by file path; the hooks themselves live in copsite.hooks."""
from copsite.hooks import (  # noqa: F401
    on_build_error, on_config, on_env, on_files, on_page_content, on_page_markdown, on_page_context, on_post_build, on_post_page, on_post_template,
    on_pre_build, on_startup, on_template_context,
)
