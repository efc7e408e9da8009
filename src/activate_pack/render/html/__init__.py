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

from activate_pack.text import language_direction



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


def addresses(text: str) -> Markup:
    """Escape ``text``, setting each web address in it left to right on its own, so on a
    right-to-left page its closing '/' stays at its end instead of jumping to the far side."""
    pieces, last = [], 0
    for match in re.finditer(r"https?://\S+", text):
        pieces.append(escape(text[last:match.start()]))
        pieces.append(Markup('<span dir="ltr">{}</span>').format(match.group()))
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
    env.filters["addresses"] = addresses
    from activate_pack.render.html.icons import icon_svg

    env.globals["icon_svg"] = icon_svg
    return env


def render_page(template: str, **context: Any) -> str:
    """Render one of the bundled templates with ``context``."""
    return environment().get_template(template).render(**context)


def direction(language: str) -> str:
    """'rtl' for a language written right to left (by its BCP 47 tag), else 'ltr'."""
    return language_direction(language)


# The web fonts live in their own module; pages and the stylesheet take them from here.
from activate_pack.render.html.webfonts import (covered, css_family, css_ranges,  # noqa: E402
                                                font_files, font_licence, font_stacks,
                                                name_fonts, unicode_ranges)

__all__ = ["addresses", "covered", "css_family", "css_ranges", "direction", "environment",
           "font_files", "font_licence", "font_stacks", "isolated", "linked", "name_fonts",
           "render_page", "strong", "unicode_ranges"]
