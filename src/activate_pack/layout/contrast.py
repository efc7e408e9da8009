"""Colour contrast of a layout's colour pairs, judged against WCAG 2.x level AA.

Text needs 4.5:1 against its background, or 3:1 when it is large (at least 18 pt, or 14 pt
bold); lines that carry meaning, such as write-in lines, need 3:1 (WCAG 1.4.11).
"""

from __future__ import annotations

from dataclasses import dataclass

from activate_pack.errors import Problems
from activate_pack.layout.spec import LayoutSpec

BODY_MINIMUM = 4.5
LARGE_MINIMUM = 3.0
GRAPHIC_MINIMUM = 3.0


def luminance(hex_colour: str) -> float:
    """Relative luminance of an sRGB colour written as '#RRGGBB' (WCAG 2.x definition)."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_large(size: float, bold: bool) -> bool:
    """WCAG 'large text': at least 18 pt, or at least 14 pt when bold."""
    return size >= 18 or (bold and size >= 14)


@dataclass(frozen=True)
class Pair:
    """Two colours of the layout that are used together, and what they are used for."""

    foreground: str
    """Dotted key of the colour in the layout, e.g. 'kinds.recipe.on_main'."""
    background: str
    use: str
    roles: tuple[str, ...] = ()
    """The type roles drawn in this pair; the smallest decides the minimum. Empty: a graphic."""
    bold: bool = False


def pairs(spec: LayoutSpec) -> list[Pair]:
    """The colour pairs the card and page layouts actually draw."""
    found = [
        Pair("colours.text", "colours.paper", "card text", ("body",)),
        Pair("colours.muted", "colours.paper", "the credit line", ("credit",)),
        Pair("colours.rule", "colours.paper", "write-in lines"),
    ]
    for kind in spec.kinds:
        found += [
            Pair(f"kinds.{kind}.on_main", f"kinds.{kind}.main",
                 "text on the coloured band and the card back", ("label", "back", "credit")),
            Pair(f"kinds.{kind}.main", "colours.paper",
                 "headings and questions in the card's colour", ("body",), bold=True),
        ]
        if "notes" in spec.type:
            found += [
                Pair("colours.text", f"kinds.{kind}.tint", "facilitator notes", ("notes",)),
                Pair(f"kinds.{kind}.main", f"kinds.{kind}.tint", "the facilitator notes heading",
                     ("notes",), bold=True),
            ]
    return found


def _value(spec: LayoutSpec, key: str) -> str:
    node: object = spec
    for part in key.split("."):
        node = node[part] if isinstance(node, dict) else getattr(node, part)
    return str(node)


def check(spec: LayoutSpec, problems: Problems) -> None:
    """Record the colours of ``spec`` whose contrast with a partner is below WCAG AA.

    One colour that fails with several partners (a pale band colour under white text and on
    white paper) is one mistake: one message, at the line that set the colour most recently
    (the pack's own layout before the built-in one it extends), naming every failing pair.
    """
    failing: dict[tuple[str, int | None, str], list[Failure]] = {}
    for pair in pairs(spec):
        fore, back = _value(spec, pair.foreground), _value(spec, pair.background)
        found = ratio(fore, back)
        if pair.roles:
            size = min((spec.size(role).smallest for role in pair.roles if role in spec.type),
                       default=0.0)  # no style at all: laying out says so
            large = is_large(size, pair.bold)
            need = LARGE_MINIMUM if large else BODY_MINIMUM
            what = "large text" if large else "text"
            severity = "error"
        else:
            need, what, severity = GRAPHIC_MINIMUM, "lines people write on", "warning"
        if found + 1e-9 >= need:
            continue
        depth_fore, fore_path, fore_line = spec.origin(pair.foreground)
        depth_back, back_path, back_line = spec.origin(pair.background)
        mine = depth_fore <= depth_back  # the colour set last is the one to change
        key = (fore_path, fore_line, pair.foreground) if mine \
            else (back_path, back_line, pair.background)
        other = (pair.background, back) if mine else (pair.foreground, fore)
        failing.setdefault(key, []).append(Failure(
            f"{pair.foreground} {fore} on {pair.background} {back} ({pair.use}): contrast "
            f"{found:.2f}:1 is below {need:g}:1, the WCAG AA minimum for {what}",
            f"with {other[0]} {other[1]} ({pair.use}) {found:.2f}:1, below {need:g}:1 for "
            f"{what}", severity, luminance(other[1])))
    for (path, line, colour_name), found_pairs in failing.items():
        severity = "error" if any(f.severity == "error" for f in found_pairs) else "warning"
        if len(found_pairs) == 1:
            message = found_pairs[0].alone + "; make one colour darker or the other lighter"
        else:
            own = luminance(_value(spec, colour_name))
            lighter = {f.partner > own for f in found_pairs}
            advice = ("make it darker" if lighter == {True} else "make it lighter"
                      if lighter == {False} else "it needs to be darker for some and lighter "
                      "for others, so change one of those colours too")
            message = (f"{colour_name} {_value(spec, colour_name)} does not contrast enough with the colours "
                       "used with it: " + "; ".join(f.among for f in found_pairs) + f" (WCAG AA); {advice}")
        problems.add(message, path, line, severity=severity)


@dataclass(frozen=True)
class Failure:
    """A pair below its minimum, said alone or as one of a colour's several failing pairs."""

    alone: str
    among: str
    severity: str
    partner: float
    """The relative luminance of the other colour of the pair."""
