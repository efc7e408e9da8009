"""How composed text looks in print: block roles mapped to type styles, and blocks to flows.

Compose says what a piece of text *is* (a role); this table says how each role looks on a
kind of page. Colours are named by their place in the layout's palette ('main', 'on_main',
'muted', 'text'), resolved against the layout spec for the page's card kind.
"""

from __future__ import annotations

from typing import Any

from activate_pack.compose.content import Block, Run
from activate_pack.pack.markup import Run as TextRun
from activate_pack.text import Flow, Style

STYLES: dict[str, dict[str, dict[str, Any]]] = {
    "header": {
        "kind-label": {"colour": "on_main", "case": "upper"},
        "title": {"colour": "on_main", "leading_of": "title"},
    },
    "recipe": {
        "summary": {"scale": 1.05},
        "heading": {"colour": "main", "space_before": 0.6},
        "method": {"marker_colour": "main"},
        "facts": {"space_before": 0.6},
        "inspired-by": {"colour": "muted", "scale": 0.9},
        "write-in": {"colour": "main"},
    },
    "question": {
        "question": {"scale": 1.3, "colour": "main", "leading": 1.18},
        # The first prompt stands apart from the question; the others follow closely.
        "prompts": {"marker_colour": "main", "space_before": 0.9, "then": {"space_before": 0.35}},
    },
    "ingredient": {
        "prompt": {"scale": 1.2, "colour": "main", "leading": 1.18},
        "heading": {"colour": "main", "space_before": 0.8},
        "intro": {"scale": 1.2, "colour": "main"},
        "write-in": {"colour": "main"},
    },
    "about": {
        "version": {"colour": "muted", "space_before": 0.2},
        "heading": {"colour": "main", "space_before": 0.7},
        "copyright": {"space_before": 0.2},
        "adapted-from": {"space_before": 0.2},
        "change": {"then": {"space_before": 0.15}},
        "exceptions": {"space_before": 0.5},
        "licence-note": {"space_before": 0.3},
        "no-endorsement": {"space_before": 0.7},
    },
    "notes": {"notes-heading": {"colour": "main"}},
    "back": {
        "kind-name": {"colour": "on_main", "align": "center"},
        "kind-detail": {"colour": "on_main", "align": "center", "scale": 0.7},
        "pack-title": {"colour": "on_main", "align": "center", "scale": 0.55, "space_before": 1.2},
    },
    "cover": {
        "title": {"colour": "on_main"},
        "subtitle": {"colour": "on_main", "scale": 0.5, "space_before": 0.4},
        "edition": {"colour": "on_main", "scale": 0.42, "space_before": 0.9},
        "version": {"colour": "on_main", "scale": 0.32, "space_before": 0.3},
    },
    "divider": {
        "set-number": {"colour": "on_main", "scale": 0.45},
        "title": {"colour": "on_main", "space_before": 0.2},
        "intro": {"colour": "on_main", "scale": 0.45, "leading": 1.35, "space_before": 0.6},
    },
    "guide": {
        "title": {"colour": "main", "leading_of": "heading"},
        "body": {"leading_of": "body", "marker_colour": "main"},
    },
    "template": {
        "title": {"colour": "main"},
        "intro": {"scale": 0.55, "space_before": 0.25},
        "write-in": {"colour": "main"},
    },
    "colophon": {"title": {"colour": "main"}},
    "print": {
        "title": {"colour": "main"},
        "step": {"marker_colour": "main", "leading_of": "body", "space_before": 0.6},
        "back-text": {"leading_of": "body"},
    },
}
"""Page context → block role → style settings; roles not listed take the plain body style."""


def settings(context: str, role: str) -> dict[str, Any]:
    """The style settings of a role on a kind of page (empty for the plain body style)."""
    return STYLES.get(context, {}).get(role, {})


def style(ctx: Any, context: str, role: str, kind: str | None, repeat: bool = False,
          **extra: Any) -> Style:
    """The text style of a role on a page of a card kind; ``repeat`` for a following item."""
    spec = ctx.spec
    found = dict(settings(context, role))
    then = found.pop("then", {})
    found.pop("case", None)
    if repeat:
        found.update(then)
    found.update(extra)
    colours = spec.colours_for(kind) if kind else None
    palette = {"muted": spec.colours.muted, "text": spec.colours.text}
    if colours is not None:
        palette |= {"main": colours.main, "on_main": colours.on_main, "tint": colours.tint}
    for key in ("colour", "marker_colour"):
        if key in found:
            found[key] = palette.get(found[key], found[key])
    if "leading_of" in found:
        found["leading"] = spec.size(found.pop("leading_of"), kind).leading
    return ctx.style(**found)


def runs(context: str, role: str, found: tuple[Run, ...]) -> tuple[TextRun, ...]:
    """Composed runs as the text module's runs, with the role's letter case applied."""
    upper = settings(context, role).get("case") == "upper"
    return tuple(TextRun(r.text.upper() if upper else r.text, r.bold, r.italic) for r in found)


def add_runs(ctx: Any, flow: Flow, context: str, role: str, kind: str | None,
             found: tuple[Run, ...], **extra: Any) -> Flow:
    """Append one paragraph of runs in a role's style; returns the flow."""
    flow.add(runs(context, role, found), style(ctx, context, role, kind, **extra))
    return flow


def add_blocks(ctx: Any, flow: Flow, context: str, kind: str | None,
               blocks: tuple[Block, ...] | list[Block], **extra: Any) -> Flow:
    """Append composed blocks in their roles' styles; returns the flow."""
    previous = None
    for block in blocks:
        if block.kind == "list":
            for index, item in enumerate(block.items):
                repeat = bool(index) or previous == block.role
                flow.add(runs(context, block.role, item.runs),
                         style(ctx, context, block.role, kind, repeat, **extra),
                         marker=item.marker, new_paragraph=not item.joined)
        else:
            flow.add(runs(context, block.role, block.runs),
                     style(ctx, context, block.role, kind, previous == block.role, **extra),
                     new_paragraph=not block.joined)
        previous = block.role
    return flow


def flow_of(ctx: Any, context: str, kind: str | None, blocks: tuple[Block, ...] | list[Block],
            **extra: Any) -> Flow:
    """A new flow of composed blocks."""
    return add_blocks(ctx, Flow(), context, kind, blocks, **extra)
