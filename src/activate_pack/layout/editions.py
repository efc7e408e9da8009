"""The editions a pack is built as: declared once, here, as data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    """One edition: what ``--size`` calls it, the layout it is laid out with, what it holds."""

    size: str
    """The ``--size`` value, and the word for it in file names: 'a6'."""
    name: str
    """What it is, in file names and as the key of its title in labels ('community')."""
    layout: str
    """The layout it is laid out with (a file in layouts/ without .yaml)."""
    shown: str
    """How messages about only this edition say where a problem was found."""
    sets: tuple[str, ...] = ()
    """The sets of a facilitator pack, in order (each with its divider); 'cards' is a set for
    each kind of card, in the order content/kinds.yaml declares them; none for cards."""
    guide: bool = False
    """True if the edition prints the facilitator guide (content/guide/)."""


EDITIONS: dict[str, Edition] = {
    "a6": Edition("a6", "community", "a6", "A6 cards"),
    "a4": Edition("a4", "facilitator", "a4", "A4 pack",
                  sets=("guide", "cards", "templates"), guide=True),
}
"""Every edition, in build order: the A6 community cards, then the A4 facilitator pack."""

SIZES: tuple[str, ...] = tuple(EDITIONS)
"""The ``--size`` values, in build order."""
