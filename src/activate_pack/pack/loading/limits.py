"""The largest pack this tool promises to build, as data, checked in the load stage before heavy work.

Each limit is generous for real packs (the built-in pack has 66 cards and no picture larger
than a few megapixels) and small enough that a pack beyond it is refused within seconds instead
of running for minutes or exhausting memory. README.md ("Limits") states the same numbers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from activate_pack.errors import Problems

MAX_CARDS = 10_000
"""Cards and guide pages in one pack, its base packs' included."""

MAX_PICTURES = 1_000
"""Different picture files used by the cards of one pack."""

MAX_TOTAL_PIXELS = 1_000_000_000
"""All the pictures' pixels added up: about a hundred 10-megapixel photos."""

MAX_TEXT_CHARS = 20_000
"""Characters in any one text of a pack file (many fields allow fewer; the longest is a guide
page's body)."""

MAX_EXPANDED_CHARS = MAX_TEXT_CHARS
"""Characters in one text once its placeholders ({{ locality }} …) are filled in."""

MAX_AUTHORS = 100
"""People or groups credited in pack.yaml: the credit line on every page names each one."""

MAX_VARIABLES = 200
"""Local details (variables) in pack.yaml: a pack uses a handful."""

LISTS = {"authors": (MAX_AUTHORS, "names; the credit line printed on every page names each "
                                  "one, so credit a group instead of each person (e.g. "
                                  "'Walsall Friends and 40 volunteers')"),
         "variables": (MAX_VARIABLES, "local details; keep the ones the cards use")}
"""The lists of pack.yaml that have a limit, and what to do past it."""


def check_lists(data: Any, path: str, problems: Problems) -> bool:
    """False, with a problem at its line, where a list of pack.yaml is longer than its limit.

    Checked before anything reads the list, so a pack with 10,000 authors is refused at once
    rather than after laying out a credit line no card can hold, in every language.
    """
    fine = True
    for name, (limit, advice) in LISTS.items():
        value = data.get(name) if isinstance(data, dict) else None
        if isinstance(value, (list, dict)) and len(value) > limit:
            line = data.key_marks[name][0] if hasattr(data, "key_marks") else None
            problems.add(f"{name}: {len(value):,} given, at most {limit:,} {advice}", path, line)
            fine = False
    return fine


_CARD_START = re.compile(rb"^- +(?:\{ *)?id *:", re.MULTILINE)
"""A line that starts a card in a list of cards: each match is surely one card."""


def cards_at_least(data: bytes) -> int:
    """A quick lower bound of the cards in a card file's bytes, counted without parsing YAML."""
    return len(_CARD_START.findall(data))


_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)")


def too_many_cards(count: int) -> str:
    """The message for a pack with more than MAX_CARDS cards."""
    return (f"this pack has more than {MAX_CARDS:,} cards and guide pages, the most this tool "
            "builds (see docs/limits.md in activate-pack's source); split it into several packs")


def _strings(node: Any, line: int) -> Iterator[tuple[str, str, int]]:
    """Every text in a located YAML value, with its field name and line."""
    if isinstance(node, dict):
        for key, value in node.items():
            mark = node.mark(key)[0] if hasattr(node, "mark") else line
            if isinstance(value, str):
                yield str(key), value, mark
            else:
                yield from _strings(value, mark)
    elif isinstance(node, list):
        marks = getattr(node, "item_marks", None)
        for index, value in enumerate(node):
            mark = marks[index][0] if marks and index < len(marks) else line
            if isinstance(value, str):
                yield "", value, mark
            else:
                yield from _strings(value, mark)


def check_texts(doc: Any, path: str, problems: Problems, variables: dict[str, str] | None = None,
                untemplated: frozenset[str] = frozenset(), card: str | None = None) -> bool:
    """Record texts longer than MAX_TEXT_CHARS, now or once placeholders are filled; False if any.

    The filled-in length is computed from the placeholders' names and the variables' values,
    before anything is expanded, so a text that would grow to gigabytes is refused at once.
    """
    ok = True
    for key, text, line in _strings(doc, getattr(doc, "line", 1)):
        field = f"{key}: " if key else ""
        if len(text) > MAX_TEXT_CHARS:
            problems.add(f"{field}too long ({len(text):,} characters; one text may have at "
                         f"most {MAX_TEXT_CHARS:,}, see docs/limits.md in activate-pack's source)", path, line,
                         card=card)
            ok = False
        elif variables and key not in untemplated and "{{" in text:
            grown = len(text) + sum(len(variables.get(name, ""))
                                    for name in _PLACEHOLDER.findall(text))
            if grown > MAX_EXPANDED_CHARS:
                problems.add(f"{field}with its placeholders filled in this text would have "
                             f"{grown:,} characters; one text may have at most "
                             f"{MAX_EXPANDED_CHARS:,} (see docs/limits.md in activate-pack's source); use fewer "
                             "placeholders or shorter variables", path, line, card=card)
                ok = False
    return ok


def check_pictures(pictures: dict[Path, tuple[str, int | None, str | None]],
                   problems: Problems) -> None:
    """Refuse more than MAX_PICTURES picture files, or more than MAX_TOTAL_PIXELS in all.

    ``pictures`` maps each picture file to where it is first named (path, line, card). Only
    headers are read here; pictures are decoded later, one at a time, when they are placed.
    """
    from activate_pack.pack.sources.images import MAX_IMAGE_PIXELS, header_size

    if len(pictures) > MAX_PICTURES:
        path, line, card = next(iter(pictures.values()))
        problems.add(f"this pack uses {len(pictures):,} different pictures; a pack may use at "
                     f"most {MAX_PICTURES:,} (see docs/limits.md in activate-pack's source)", path, line, card=card)
        return
    total = 0
    for file, (path, line, card) in pictures.items():
        pixels = header_size(file)
        if pixels > MAX_IMAGE_PIXELS:
            continue  # refused on its own, with its own message, when it is placed
        total += pixels
        if total > MAX_TOTAL_PIXELS:
            problems.add(f"the pictures up to this one have more than {MAX_TOTAL_PIXELS:,} "
                         "pixels in all, the most a pack may have (see docs/limits.md in activate-pack's source); "
                         "save the pictures smaller, e.g. 2000 pixels wide", path, line,
                         card=card)
            return
