"""Reading level of the English children's pages (textstat's Flesch-Kincaid grade).

Targets come from the age bands: under 9 reads at about grade 2-3, 9-12 at
about grade 5-6. A page fails beyond the target plus MARGIN (documented in
docs/writing-guide.md), because short texts make the formula noisy.
"""
from __future__ import annotations

import re

from . import content, frontmatter, registry
from .errors import Finding, finding

TARGET = {"under-9": 3.0, "9-12": 6.0, "easy-read": 3.0}  # easy read: the under-9 target, whatever the age
MARGIN = 0.5


def plain_text(body: str) -> str:
    text = re.sub(r"\{[^}]*\}", "", body)                 # attribute lists and anchors
    text = re.sub(r"\]\([^)]*\)", "]", text)              # link targets
    text = re.sub(r"^\s*(!!!|\?\?\?\+?)\s+\w+\s*", "", text, flags=re.M)  # admonition markers
    text = re.sub(r"^\s*\|?[-:| ]+\|?\s*$", "", text, flags=re.M)         # table rules
    text = re.sub(r"[#*_`>|\[\]\"]", " ", text)
    # headings, list items and table cells end a sentence even without a full stop
    return "\n".join(line.strip() + ("" if re.search(r"[.!?:]$", line.strip()) else ".")
                     for line in text.split("\n") if line.strip())


def grade(text: str) -> float:
    import warnings

    with warnings.catch_warnings():  # textstat 0.7.3 imports the deprecated pkg_resources
        warnings.simplefilter("ignore", UserWarning)
        import textstat

    return float(textstat.flesch_kincaid_grade(text))


def check() -> list[Finding]:
    out = []
    src = registry.source_language().code
    for rel in content.pages(src):
        path = content.lang_dir(src) / rel
        try:
            page = frontmatter.read(path, rel)
        except Exception:
            continue  # reported by the front-matter check
        band = "easy-read" if page.meta.get("easy_read") else page.meta.get("age_band")
        if band in TARGET:
            g = grade(plain_text(page.body))
            if g > TARGET[band] + MARGIN:
                out.append(finding(path, 1, "readability",
                                   f"reading grade {g:.1f} is above {TARGET[band] + MARGIN:.1f} for age band {band}: use shorter sentences and words"))
    return out
