"""Icons in the HTML edition: the same drawings as on the cards, as inline SVG.

The markup is written here from the icon's numbers alone (``layout/iconset.py`` reads the file
and keeps only outlines), so nothing from an icon file reaches a page. An icon beside the
words it stands for is hidden from screen readers; one standing alone says what it is.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from activate_pack.layout.iconset import icon, path_data

_CAPS = frozenset({"butt", "round", "square"})
_JOINS = frozenset({"miter", "round", "bevel"})


@lru_cache(maxsize=64)
def _drawing(name: str) -> str:
    shape = icon(name)
    view = " ".join(f"{v:g}" for v in shape.view)
    if shape.filled:
        paint = 'fill="currentColor" stroke="none"'
    else:
        cap = shape.cap if shape.cap in _CAPS else "round"
        join = shape.join if shape.join in _JOINS else "round"
        paint = (f'fill="none" stroke="currentColor" stroke-width="{shape.stroke_width:g}" '
                 f'stroke-linecap="{cap}" stroke-linejoin="{join}"')
    return (f'<svg class="icon" xmlns="http://www.w3.org/2000/svg" viewBox="{view}" {paint}'
            f' width="24" height="24"{{}}><path d="{path_data(shape)}"/></svg>')


def icon_svg(name: str, alt: str | None = None) -> Markup:
    """Inline SVG of the bundled icon ``name``: decoration (aria-hidden) unless ``alt`` is given,
    which makes it an image named by ``alt`` (escaped)."""
    if alt:
        label = Markup(' role="img" aria-label="{}"').format(alt)
    else:
        label = Markup(' aria-hidden="true" focusable="false"')
    return Markup(_drawing(name)).format(label)  # the drawing's own text is numbers only
