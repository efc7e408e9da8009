"""References between cards: every card a reference field names (a recipe's ingredients) is
there, or the message says why not, in the files of whoever can fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from activate_pack.errors import Problems, nearest
from activate_pack.pack.model.kinds import Kinds
from activate_pack.pack.model.pack import Location
from activate_pack.pack.sources.paths import PACK_FILE


@dataclass(frozen=True)
class Removed:
    """What an adaptation's ``remove:`` leaves out, which cards are its own, and its line."""

    ids: set[str]
    own: set[str]
    line: int


def check_references(kinds: Kinds, cards: dict[str, list[Any]],
                     locations: dict[str, Location], problems: Problems,
                     broken: set[str] | None = None, removed: Removed | None = None) -> None:
    """Every card a reference field names (a recipe's ingredients) must be a card of its kind.

    One left out by an adaptation's ``remove:`` is reported in the volunteer's own files: at
    ``remove:`` when a card of the original still needs it, with the command that fixes it.
    """
    for kind, decl in kinds.kinds.items():
        for name, field in decl.fields.items():
            if field.type == "reference" and field.kind in cards:
                known = [c.id for c in cards[field.kind] if not getattr(c, "blank", False)]
                for card in cards[kind]:
                    _check_named(kinds, card, name, field.kind, known, locations, problems,
                                 broken, removed)


def _check_named(kinds: Kinds, card: Any, name: str, target: str, known: list[str],
                 locations: dict[str, Location], problems: Problems, broken: set[str] | None,
                 removed: Removed | None) -> None:
    """The ids one reference field of one card names, each checked."""
    for index, ref in enumerate(getattr(card, name)):
        if ref in known or ref in (broken or ()):
            continue
        if removed is not None and ref in removed.ids:
            if card.id in removed.own:
                where = locations[card.id]
                problems.add(f"{name}: '{ref}' is left out by 'remove:' in {PACK_FILE} "
                             f"(line {removed.line}); take it out of this list, or out of "
                             "'remove:'", where.path, where.at(f"{name}.{index}"),
                             card=card.id)
            else:
                problems.add(f"remove: '{ref}' is one of the {name} of the original "
                             f"{card.kind} '{card.id}' ({card.title}), which this pack keeps; "
                             f"remove '{card.id}' as well, or run 'activate-pack copy "
                             f"{card.id}' and take '{ref}' out of the copy's {name}",
                             PACK_FILE, removed.line)
            continue
        close = nearest(ref, known)
        hint = f"; did you mean '{close}'?" if close else ""
        where = locations[card.id]
        problems.add(f"{name}: there is no {target} card with the id '{ref}'{hint}",
                     where.path, where.at(f"{name}.{index}"), card=card.id)
