"""Illustrations of the under-9 stories and the landing pages (issue 20): original SVG drawings in
overrides/assets/images/stories/ (no words in them, so every language shows the same pictures; their
text alternatives are catalog strings, translated like the interface). They are put into every
language's page at build time, after the n-th paragraph of a named section (the same in every
translation: headings and anchors are held to the English by parity), as images with their text
alternative in the page's language; a picture whose scene runs one way is mirrored in right-to-left pages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape


def N_(msgid: str) -> str:  # marks a string for extraction into the catalogs
    return msgid


FOLDER = "assets/images/stories"


@dataclass(frozen=True)
class Picture:
    page: str
    section: str     # the anchor of the section the picture is in
    after: int       # after this paragraph of the section (counted from 1), or at its end
    file: str
    alt: str         # the text alternative (a catalog msgid)
    mirror: bool = False


PICTURES = (
    Picture("children/under-9/personal-information.md", "the-story", 2, "personal-information-1.svg", N_("Kai plays a red ball game on the tablet when a box with a gold star pops up."), mirror=False),
    Picture("children/under-9/personal-information.md", "the-story", 8, "personal-information-2.svg", N_("Lina holds up one finger and thinks of private things: home, school, phone number, photos and a password key."), mirror=False),
    Picture("children/under-9/personal-information.md", "what-happened-next", 7, "personal-information-3.svg", N_("Dad sits with Lina and Kai. Kai laughs, holding the tablet with the red ball back."), mirror=False),
    Picture("children/under-9/screen-time.md", "the-story", 3, "screen-time-1.svg", N_("In the evening, sleepy Lina sits on the sofa watching a video of a cat in a box."), mirror=False),
    Picture("children/under-9/screen-time.md", "the-story", 6, "screen-time-2.svg", N_("Grandma smiles and holds up a kitchen timer while Lina, on the sofa, asks for one more video."), mirror=False),
    Picture("children/under-9/screen-time.md", "what-happened-next", 3, "screen-time-3.svg", N_("After dinner, Lina and Kai laugh beside a tall tower of colourful blocks."), mirror=False),
    Picture("children/under-9/upsetting-content.md", "the-story", 1, "upsetting-content-1.svg", N_("Kai sits on a rug, happily watching a video of a big red truck on the tablet."), mirror=False),
    Picture("children/under-9/upsetting-content.md", "what-happened-next", 1, "upsetting-content-2.svg", N_("Kai has turned the tablet face down on the table and goes to Grandma, who opens her arms."), mirror=True),
    Picture("children/under-9/upsetting-content.md", "what-happened-next", 9, "upsetting-content-3.svg", N_("Kai laughs and holds up his drawing of a big red truck while Grandma smiles."), mirror=False),
    Picture("children/under-9/people-online.md", "the-story", 1, "people-online-1.svg", N_("Lina sits on the sofa playing a farm game with a cow, carrots and a red barn."), mirror=False),
    Picture("children/under-9/people-online.md", "the-story", 7, "people-online-2.svg", N_("Lina feels wobbly and worried as a chat asks for her photo, her home and a secret."), mirror=False),
    Picture("children/under-9/people-online.md", "what-happened-next", 8, "people-online-3.svg", N_("Lina smiles next to Dad on the sofa, showing her farm game with a happy cow."), mirror=False),
    Picture("children/under-9/kindness-online.md", "the-story", 2, "kindness-online-1.svg", N_("Sam proudly shows a drawing of a dog with big ears and a long tail, and Lina loves it."), mirror=False),
    Picture("children/under-9/kindness-online.md", "the-story", 6, "kindness-online-2.svg", N_("Lina looks sad at a tablet where an unkind message and laughing faces sit under Sam's dog drawing."), mirror=False),
    Picture("children/under-9/kindness-online.md", "what-happened-next", 5, "kindness-online-3.svg", N_("In class, Sam smiles and gives Lina a new dog drawing while Teacher Ana watches."), mirror=True),
    Picture("children/under-9/telling-a-grown-up.md", "the-story", 3, "telling-a-grown-up-1.svg", N_("Kai looks worried and hot-faced as the tablet screen fills with flashing boxes."), mirror=False),
    Picture("children/under-9/telling-a-grown-up.md", "what-happened-next", 5, "telling-a-grown-up-2.svg", N_("Dad smiles on the sofa as Kai shows the tablet with the balloon game back."), mirror=False),
    Picture("children/under-9/telling-a-grown-up.md", "my-helping-hand", 2, "telling-a-grown-up-3.svg", N_("A drawing of a hand with a trusted grown-up's face on each finger and a heart."), mirror=False),
)

# The landing pages' cards: a picture per audience on the home page, per age group on the children's page
CARDS = {
    "index.md": ("choose-your-audience", {"children/": "children.svg", "parents/": "parents.svg",
                                          "industry/": "industry.svg", "policy/": "policy.svg"}),
    "children/index.md": ("choose-your-age-group", {"under-9/": "age-under-9.svg", "9-12/": "age-9-12.svg",
                                                   "13-18/": "age-13-18.svg"}),
}

def root_of(url: str) -> str:
    """From a page's URL (relative to the site root) back to the site root."""
    return "../" * url.count("/")


def insert(markdown: str, rel: str, url: str, gettext) -> str:
    """The page's pictures, each after its paragraph, with its text alternative in the page's language."""
    from . import content

    pictures = [p for p in PICTURES if p.page == rel]
    if not pictures:
        return markdown
    lines = markdown.split("\n")
    blocks: list[tuple[str, int, int]] = []  # (section, paragraph number, index of the line after the paragraph)
    section, number, inside, fence = None, 0, False, False
    for i, line in enumerate(lines + [""]):
        if line.startswith(("```", "~~~")):
            fence = not fence
        heading = None if fence else content.HEADING_RE.match(line)
        if heading:
            if inside:
                blocks.append((section, number, i))
            section, number, inside = heading.group(2), 0, False
            continue
        if line.strip() and not inside:
            inside, number = True, number + 1
        elif not line.strip() and inside:
            inside = False
            blocks.append((section, number, i))
    at: dict[int, list[str]] = {}
    for p in pictures:
        spots = [b for b in blocks if b[0] == p.section]
        if not spots:
            continue  # the translation lacks the section: parity reports it
        spot = next((b for b in spots if b[1] == p.after), spots[-1])
        cls = "cop-picture" + (" cop-mirror" if p.mirror else "")
        at.setdefault(spot[2], []).append(
            f'<img class="{cls}" src="{root_of(url)}{FOLDER}/{p.file}" alt="{escape(gettext(p.alt), quote=True)}" '
            f'width="400" height="300" loading="lazy">')
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i + 1 in at:
            out.extend(["", *(f'<p class="cop-picture-box">{img}</p>' for img in at[i + 1])])
    if len(lines) in at:
        out.extend(["", *(f'<p class="cop-picture-box">{img}</p>' for img in at[len(lines)])])
    return "\n".join(out)


def decorate(html: str, rel: str, url: str) -> str:
    """The landing page's choices as picture cards: a picture (decorative: the link says where it
    goes) at the start of each choice of its section."""
    if rel not in CARDS:
        return html
    anchor, pictures = CARDS[rel]
    start = html.find(f'id="{anchor}"')
    if start < 0:
        return html
    end = html.find("<h2", start + 1)
    end = len(html) if end < 0 else end
    part = html[start:end]

    def add(m):
        for target, file in pictures.items():
            if m.group(2).endswith(target):  # the picture inside the link: tapping it goes there too
                return (m.group(0) + f'<img class="cop-card__img" src="{root_of(url)}{FOLDER}/{file}" alt="" '
                        'width="200" height="160">')
        return m.group(0)

    # the home page's list items (<li><strong><a href="children/">) or the age groups' links (<p><a href="under-9/">)
    part = re.sub(r'(<li><strong>|<p>)<a href="([^"]*)">', add, part)
    return html[:start] + part + html[end:]
