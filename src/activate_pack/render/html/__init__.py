"""HTML pages from Jinja2 templates bundled with the package, always escaped.

Every page goes through :func:`render_page`: autoescaping is on for every template, undefined
names are errors, and templates come only from this package's ``templates/`` folder, so a
pack's words can never become markup and no template is read from anywhere else.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound
from markupsafe import Markup, escape

from activate_pack.text import FAMILIES, FONT_DIR, family_names, language_direction



class _PackageLoader(BaseLoader):
    """Templates from ``activate_pack/render/html/templates`` only; names are never paths."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, None, Any]:
        if not re.fullmatch(r"[a-z0-9-]+\.(html|css|svg)", template):
            raise TemplateNotFound(template)
        path = resources.files(__package__).joinpath("templates", template)
        if not path.is_file():
            raise TemplateNotFound(template)
        return path.read_text(encoding="utf-8"), None, lambda: True


def strong(text: str) -> Markup:
    """Escape ``text``, then turn its ``**bold**`` spans into <strong> elements."""
    return Markup(re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", str(escape(text))))


def linked(text: str, links: dict[str, str]) -> Markup:
    """Escape ``text``, making each occurrence of a key of ``links`` a link to its address."""
    if not links:
        return Markup(escape(text))
    pattern = re.compile("|".join(re.escape(k) for k in sorted(links, key=len, reverse=True)))
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last:match.start()]))
        pieces.append(Markup('<a href="{}">{}</a>').format(links[match.group()], match.group()))
        last = match.end()
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


def isolated(pattern: str, rtl: bool, **values: str) -> Markup:
    """A label's ``{slots}`` filled with ``values``, all escaped; on a right-to-left page each
    value is isolated in <bdi>, so a version number, a licence name or a web address keeps its
    own direction and the label's punctuation stays on the label's side of it."""
    pieces = []
    for index, piece in enumerate(re.split(r"\{(\w+)\}", pattern)):
        if index % 2 == 0:
            pieces.append(escape(piece))
        elif piece not in values:
            pieces.append(escape("{" + piece + "}"))
        elif rtl:
            pieces.append(Markup("<bdi>{}</bdi>").format(values[piece]))
        else:
            pieces.append(escape(values[piece]))
    return Markup("").join(pieces)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja2 environment: package templates, autoescape on, undefined names fail."""
    env = Environment(loader=_PackageLoader(), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["strong"] = strong
    env.filters["linked"] = linked
    return env


def render_page(template: str, **context: Any) -> str:
    """Render one of the bundled templates with ``context``."""
    return environment().get_template(template).render(**context)


def direction(language: str) -> str:
    """'rtl' for a language written right to left (by its BCP 47 tag), else 'ltr'."""
    return language_direction(language)


def font_files() -> dict[str, tuple[str, str, str, bytes]]:
    """Every bundled font for @font-face: file name → (family, weight, style, bytes).

    Every family goes on the page, not the Latin one alone: a reader's device may have no font
    for Urdu, Gurmukhi or Bengali, and the page must not show empty boxes.
    """
    found: dict[str, tuple[str, str, str, bytes]] = {}
    for family in family_names():
        for style, file in FAMILIES[family].items():
            weight = "700" if "bold" in style else "400"
            slant = "italic" if "italic" in style else "normal"
            if slant == "italic" and "Italic" not in file:
                continue  # a family without italics: the browser slants the upright itself
            found.setdefault(file, (css_family(family), weight, slant, (FONT_DIR / file).read_bytes()))
    return found


@lru_cache(maxsize=None)
def covered(file: str) -> frozenset[int]:
    """The characters a bundled font has."""
    import uharfbuzz as hb

    return frozenset(hb.Face(hb.Blob.from_file_path(str(FONT_DIR / file))).unicodes)


@lru_cache(maxsize=1)
def unicode_ranges() -> dict[str, str]:
    """Each bundled font's CSS ``unicode-range``: the characters the page takes from it.

    A browser fetches a font only for characters in its range. The Latin family comes first
    in every stack, so the other scripts' ranges leave out what it has: an English page then
    fetches no Arabic, Bengali or Gurmukhi font, and an Urdu page no Bengali one.
    """
    first = family_names()[0]
    # Control characters and the soft hyphen are in every font and never need one fetched.
    latin = set(range(0x20)) | {0xAD} | set().union(*(covered(f) for f in FAMILIES[first].values()))
    found: dict[str, str] = {}
    for name in family_names():
        for file in FAMILIES[name].values():
            if file not in found:
                found[file] = css_ranges(covered(file) - (latin if name != first else set()))
    return found


def css_ranges(points: set[int]) -> str:
    """Code points as a CSS ``unicode-range`` value: 'U+20-7E, U+A0, …'."""
    spans: list[list[int]] = []
    for point in sorted(points):
        if spans and point == spans[-1][1] + 1:
            spans[-1][1] = point
        else:
            spans.append([point, point])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in spans)


def css_family(family: str) -> str:
    """The name a bundled family has in the stylesheet (its own, so no installed font is used)."""
    return f"activate-{family}"


def font_stacks(samples: dict[str, str] | None = None) -> dict[str, list[str]]:
    """The CSS font-family list for the page, and for languages whose script has its own face.

    Latin first, then each script's family: the browser takes each character from the first
    font that has it. Urdu puts Nastaliq before Naskh, as the font table says. Each language
    in ``samples`` (tag → words in it, such as its name) puts first the families that have
    all its letters, so Bengali takes its danda from the Bengali font, not the Gurmukhi one.
    """
    from activate_pack.text.fonts import LANGUAGE_FAMILIES

    names = family_names()
    base = [css_family(f) for f in names]
    stacks = {"": base}
    chosen = {lang: list(picked.values()) for lang, picked in LANGUAGE_FAMILIES.items()}
    for tag, sample in (samples or {}).items():
        lang = tag.split("-")[0].lower()
        letters = {ord(c) for c in sample if c.isalpha() and ord(c) > 0x24F}
        if lang not in chosen and letters:
            chosen[lang] = [f for f in names[1:] if letters <= covered(FAMILIES[f]["regular"])]
    for lang, own_names in chosen.items():
        own = [css_family(f) for f in own_names]
        if own:
            stacks[lang] = [base[0], *own, *(n for n in base[1:] if n not in own)]
    return stacks


def font_licence() -> bytes:
    """The fonts' licences (SIL Open Font License), shipped beside them as they ask."""
    return b"\n\n".join((FONT_DIR / name).read_bytes() for name in ("OFL.txt", "OFL-Noto.txt"))
