"""Assemble whole documents: the A6 community pack and the A4 facilitator pack."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Callable, Sequence

from activate_pack.compose import pages as compose
from activate_pack.errors import Problems
from activate_pack.layout import facilitator as fac
from activate_pack.layout.boxes import Document, Page
from activate_pack.layout.cardpage import CardPages
from activate_pack.layout.cards import about_front, card_back, card_front
from activate_pack.layout.context import AnyCard, Ctx
from activate_pack.layout.editions import EDITIONS
from activate_pack.layout.logo import check_print_size
from activate_pack.layout.mirror import Mirror, mirrors
from activate_pack.layout.spec import LayoutSpec, layout_dirs, load_layout
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.pack.model.pack import Pack


def metadata(pack: Pack, edition: str) -> dict[str, object]:
    """Document information shared by both editions (composed from the pack's labels)."""
    return compose.metadata(pack, edition)


def _sets(name: str) -> tuple[str, ...]:
    """The sets of the edition called ``name``, from the editions table."""
    return next(e.sets for e in EDITIONS.values() if e.name == name)


def community(pack: Pack, spec: LayoutSpec, problems: Problems, ctx: Ctx | None = None) -> Document:
    """The A6 community pack: the about card, then every card, each front followed by its back."""
    ctx = ctx or Ctx(pack, spec, problems)
    pages: list[Page] = [about_front(ctx), card_back(ctx, "about", None, "about")]
    for card in pack.cards:
        pages.append(card_front(ctx, card))
        pages.append(card_back(ctx, card.kind, card, card.id))
    check_print_size(ctx)
    doc = Document(tuple(pages), **metadata(pack, pack.labels.editions.community),  # type: ignore[arg-type]
                   sections=tuple((kind, getattr(pack.labels.facilitator, decl.folder).title)
                                  for kind, decl in pack.kinds.kinds.items()))
    return Mirror(mirrors(spec, pack.info.language)).document(doc)


def facilitator(pack: Pack, spec: LayoutSpec, problems: Problems, ctx: Ctx | None = None) -> Document:
    """The A4 facilitator pack: cover, contents, five sets with dividers, colophon."""
    ctx = ctx or Ctx(pack, spec, problems, notes=True)
    ctx.notes = True
    around = _card_pages(ctx)

    def cards(chosen: Sequence[AnyCard]) -> list[Page]:
        if around is None:  # a layout without card_page: the card set again at A4
            return [card_front(ctx, card) for card in chosen]
        return [page for card in chosen for page in around.pages(card)]

    made: dict[str, Callable[[], list[Page]]] = {
        "guide": lambda: [fac.guide_page(ctx, page) for page in pack.guide],
        **{decl.folder: partial(cards, pack.of(kind)) for kind, decl in pack.kinds.kinds.items()},
        "templates": lambda: [fac.recipe_worksheet(ctx), fac.asset_map(ctx), fac.action_plan(ctx)],
    }
    body: list[Page] = []
    entries: list[fac.Entry] = []
    first = 3  # after the cover and the contents page
    # The guide's pages and the templates are listed under their sets; cards are not (a set
    # holds dozens of them, in the order of the A6 pack).
    for entry in compose.sets(pack, _sets("facilitator")):
        entries.append((entry.entry, first + len(body), entry.kind, False))
        body.append(fac.divider(ctx, entry))
        entries += [(title, first + len(body) + offset, entry.kind, True)
                    for offset, title in enumerate(entry.pages)]
        body.extend(made[entry.name]())
    entries.append((pack.labels.facilitator.colophon, first + len(body), "about", False))
    body.append(fac.colophon(ctx))
    pages = [fac.cover(ctx), fac.contents(ctx, entries), *body]
    numbered = [pages[0]] + [
        fac.with_footer(ctx, page, index, page.card_kind, on_colour=page.kind == "divider")
        for index, page in enumerate(pages[1:], 2)
    ]
    # The cover carries the credit line too (every page does), in the cover's colours.
    numbered[0] = fac.with_footer(ctx, pages[0], 1, "about", on_colour=True)
    check_print_size(ctx)
    doc = Document(tuple(numbered), **metadata(pack, pack.labels.editions.facilitator))  # type: ignore[arg-type]
    return Mirror(mirrors(spec, pack.info.language)).document(doc)


def _card_pages(ctx: Ctx) -> CardPages | None:
    """The A4 card pages' maker, with the card layout the A4 layout names (if it names one)."""
    geo = ctx.spec.card_page
    if geo is None:
        return None
    dirs = layout_dirs(Path(ctx.pack.root), default_pack_dir())
    return CardPages.of(ctx, load_layout(geo.layout, dirs))


def edition(pack: Pack, size: str, spec: LayoutSpec, problems: Problems) -> Document:
    """Lay out the edition the layout declares (a layout without ``edition:`` is named by size)."""
    name = spec.edition or EDITIONS[size].name
    return community(pack, spec, problems) if name == "community" else facilitator(pack, spec, problems)
