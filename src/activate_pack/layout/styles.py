"""How composed text looks in print: block roles mapped to type styles, and blocks to flows.

Compose says what a piece of text *is* (a role); the layout's ``styles:`` say how each role
looks on a kind of page. Colours are named by their place in the layout's palette ('main',
'on_main', 'muted', 'text'), resolved against the layout spec for the page's card kind.
"""

from __future__ import annotations

from typing import Any

from activate_pack.compose.content import Block, Run
from activate_pack.layout.context import Ctx
from activate_pack.layout.spec import RoleStyle
from activate_pack.pack.model.markup import TextRun
from activate_pack.text import Flow, Style, has_rtl, language_direction

def settings(ctx: Ctx, context: str, role: str) -> RoleStyle:
    """The style of a role on a kind of page, from the layout (the body style if unset)."""
    return ctx.spec.styles.get(context, {}).get(role) or PLAIN


PLAIN = RoleStyle()


def style(ctx: Ctx, context: str, role: str, kind: str | None, repeat: bool = False,
          **extra: Any) -> Style:
    """The text style of a role on a page of a card kind; ``repeat`` for a following item.

    Made once per layout and arguments: every card asks for the same few styles.
    """
    key = (id(ctx.spec), id(ctx.pack), context, role, kind, repeat, tuple(sorted(extra.items())))
    found = ctx.styles.get(key)
    if found is None:
        # The entry holds the layout and pack it was made from, so their ids stay theirs.
        found = ctx.styles[key] = (_style(ctx, context, role, kind, repeat, extra), ctx.spec,
                                   ctx.pack)
    return found[0]


def _style(ctx: Ctx, context: str, role: str, kind: str | None, repeat: bool,
           extra: dict[str, Any]) -> Style:
    spec = ctx.spec
    chosen = settings(ctx, context, role)
    found = chosen.model_dump(exclude_none=True, exclude={"then", "case"})
    if repeat and chosen.then is not None:
        found.update(chosen.then.model_dump(exclude_none=True, exclude={"then", "case"}))
    found.update(extra)
    colours = spec.colours_for(kind) if kind else None
    palette = {"muted": spec.colours.muted, "text": spec.colours.text, "rule": spec.colours.rule}
    if colours is not None:
        palette |= {"main": colours.main, "on_main": colours.on_main, "tint": colours.tint}
    for key in ("colour", "marker_colour"):
        if key in found:
            found[key] = palette.get(found[key], found[key])
    if "leading_of" in found:
        found["leading"] = spec.size(found.pop("leading_of"), kind).leading
    return ctx.style(**found)


def runs(ctx: Ctx, context: str, role: str, found: tuple[Run, ...]) -> tuple[TextRun, ...]:
    """Composed runs as the text module's runs, with the role's letter case applied."""
    upper = settings(ctx, context, role).case == "upper"
    return tuple(TextRun(r.text.upper() if upper else r.text, r.bold, r.italic) for r in found)


def base(found: tuple[Run, ...]) -> dict[str, str]:
    """A paragraph of Urdu or Arabic starts on the right, even when its first words are a
    name, a number or a web address. Other paragraphs go by their first letter: one with no
    right-to-left letter at all may be English a translation left out (a guide page, a card's
    notes), which keeps its own direction."""
    if found and language_direction(found[0].lang) == "rtl" \
            and has_rtl("".join(r.text for r in found)):
        return {"base": "rtl"}
    return {}


HEADINGS = {"title": "H1"}
"""Roles that are headings in a tagged PDF; a block of kind 'heading' is one level below."""


def add_runs(ctx: Ctx, flow: Flow, context: str, role: str, kind: str | None,
             found: tuple[Run, ...], **extra: Any) -> Flow:
    """Append one paragraph of runs in a role's style; returns the flow."""
    flow.add(runs(ctx, context, role, found),
             style(ctx, context, role, kind, **_paragraph(found), **extra),
             tag=HEADINGS.get(role, "P"))
    return flow


def _language(found: tuple[Run, ...]) -> dict[str, str]:
    """The runs' language, where compose gave one: a card a translation leaves out is in the
    source language, and a tagged PDF says so."""
    return {"lang": found[0].lang} if found and found[0].lang else {}


def _paragraph(found: tuple[Run, ...]) -> dict[str, Any]:
    """A paragraph's direction and language, from its runs."""
    return {**base(found), **_language(found)}


def add_blocks(ctx: Ctx, flow: Flow, context: str, kind: str | None,
               blocks: tuple[Block, ...] | list[Block], **extra: Any) -> Flow:
    """Append composed blocks in their roles' styles; returns the flow."""
    previous = None
    for block in blocks:
        if block.kind == "list":
            for index, item in enumerate(block.items):
                repeat = bool(index) or previous == block.role
                flow.add(runs(ctx, context, block.role, item.runs),
                         style(ctx, context, block.role, kind, repeat, **_paragraph(item.runs),
                               **extra),
                         marker=item.marker, new_paragraph=not item.joined,
                         tag=("LI" if index else "L") if item.marker else "P")
        else:
            flow.add(runs(ctx, context, block.role, block.runs),
                     style(ctx, context, block.role, kind, previous == block.role,
                           **_paragraph(block.runs), **extra),
                     new_paragraph=not block.joined,
                     tag="H2" if block.kind == "heading" else "P")
        previous = block.role
    return flow


def flow_of(ctx: Ctx, context: str, kind: str | None, blocks: tuple[Block, ...] | list[Block],
            **extra: Any) -> Flow:
    """A new flow of composed blocks."""
    return add_blocks(ctx, Flow(), context, kind, blocks, **extra)
