"""The cards of a pack, for people adapting it: list them, copy originals in, pick a few.

``cards`` says where each card comes from; ``copy`` puts an original card into an adaptation,
as its own text, at the path where it overrides the original; ``select`` keeps only some cards
of a loaded pack, for printing a few new ones without reprinting the pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from activate_pack.errors import PackError, Problem, Problems, nearest
from activate_pack.pack.model.pack import Pack
from activate_pack.pack.sources.paths import PACK_FILE
from activate_pack.pack.sources.source import LocatedList, read_yaml

@dataclass(frozen=True)
class CardRow:
    """One card as ``cards`` lists it."""

    id: str
    kind: str
    title: str
    origin: str
    """'original' (inherited), 'copied' (in the adaptation, still as the original), 'changed',
    'added', 'removed' (left out by pack.yaml's remove:); 'own' in a pack of its own;
    'generated' for the about card the build makes."""
    file: str

    def as_dict(self) -> dict[str, str]:
        """The row as plain data, for ``--json``."""
        return {"id": self.id, "kind": self.kind, "title": self.title, "origin": self.origin,
                "file": self.file}


def origin(pack: Pack, card_id: str) -> str:
    """Where a card comes from, compared with the pack's base."""
    if not pack.upstream:
        return "own"
    changes = pack.changes
    if changes is not None and card_id in changes.added:
        return "added"
    if changes is not None and card_id in changes.changed:
        return "changed"
    return "original" if card_id in pack.folders else "copied"


def rows(pack: Pack, kind: str | None = None) -> list[CardRow]:
    """Every card of the pack (of one kind, if given), in the order the A6 pack prints them."""
    found = []
    for card in pack.cards:
        if kind is not None and card.kind != kind:
            continue
        where = pack.locations.get(card.id)
        shown = where.path if where else ""
        if card.id in pack.folders and where is not None:
            shown = f"{where.path} (in the original)"
        found.append(CardRow(card.id, card.kind, card.title, origin(pack, card.id), shown))
    changes = pack.changes
    for card_id in changes.removed if changes is not None else ():  # listed, not forgotten
        assert changes is not None  # mypy does not carry the loop's test into its body
        removed_kind = changes.removed_kinds.get(card_id, "")
        if kind is None or kind == removed_kind:
            found.append(CardRow(card_id, removed_kind, changes.titles.get(card_id, card_id),
                                 "removed", f"{PACK_FILE}:{pack.info_line('remove') or 1}"))
    if kind in (None, "about"):  # made by the build from content/pack.yaml
        found.insert(0, CardRow("about", "about", pack.info.title, "generated", "content/pack.yaml"))
    return found


def _unknown(card_id: str, known: list[str], what: str) -> Problem:
    close = nearest(card_id, known)
    hint = f" (did you mean '{close}'?)" if close else "; 'activate-pack cards' lists them"
    return Problem(f"there is no {what} with the id '{card_id}'{hint}")


def _card_text(source: Path, shown: str, line: int) -> str:
    """The lines of the card that starts at ``line`` in ``source``, as the author wrote them."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    data = read_yaml(source, shown)
    end = len(lines)
    if isinstance(data, LocatedList):  # several cards in the file: this one runs to the next
        later = [start for start, _ in data.item_marks if start > line]
        end = min(later) - 1 if later else end
    while end > line and not lines[end - 1].strip():
        end -= 1
    return "".join(lines[line - 1:end]).rstrip("\n") + "\n"


def copy_cards(pack_dir: Path, pack: Pack, ids: list[str]) -> list[Path]:
    """Copy original cards into the adaptation at ``pack_dir``, ready to edit; the files written.

    Each card goes to the path of the file it came from, so it overrides the original card of
    the same id; a card from a file of several cards is added to the adaptation's file of
    that name. Nothing is written unless every id can be copied.
    """
    from activate_pack.output.write import write_all
    from activate_pack.pack.loading.schema import schema_comment

    if not pack.upstream:
        raise PackError(Problem("this pack is not an adaptation, so it has no original cards "
                                "to copy; its cards are already its own files"))
    problems = Problems()
    originals = [c.id for c in pack.cards if c.id in pack.folders]
    planned: dict[Path, str] = {}
    for card_id in dict.fromkeys(ids):
        if card_id not in pack.folders:
            known = [c.id for c in pack.cards]
            problems.items.append(_unknown(card_id, originals, "original card") if card_id
                                  not in known else Problem(
                f"'{card_id}' is already this pack's own card "
                f"({pack.locations[card_id].path}); edit it there"))
            continue
        where = pack.locations[card_id]
        source = Path(pack.folders[card_id]) / where.path
        text = _card_text(source, where.path, where.line or 1)
        target = pack_dir / where.path
        kind = Path(where.path).parent.name
        if target in planned:
            planned[target] += "\n" + text
        elif target.is_file():
            planned[target] = target.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text
        else:
            planned[target] = schema_comment(kind) + "\n" + text
    problems.raise_if_errors()
    write_all([(path, text.encode("utf-8")) for path, text in planned.items()])
    return list(planned)


def select(pack: Pack, ids: list[str]) -> Pack:
    """The pack with only the cards ``ids``, for printing a few cards; unknown ids are errors."""
    known = [c.id for c in pack.cards]
    problems = [_unknown(i, known, "card") for i in ids if i not in known]
    if problems:
        raise PackError(problems)
    wanted = set(ids)
    # Every card of a kind that others name stays (a recipe names its ingredients by their
    # cards' titles); the pages of cards not chosen are left out after layout.
    named = {field.kind for decl in pack.kinds.kinds.values() for field in decl.fields.values()
             if field.type == "reference"}
    return pack.model_copy(update={"sets": {
        kind: cards if kind in named else tuple(c for c in cards if c.id in wanted)
        for kind, cards in pack.sets.items()}})
