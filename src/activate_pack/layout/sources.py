"""Where printed words were written: the line of pack.yaml or of a translation behind a text.

A text the tool puts together (the about card, the colophon, a translated label on every
card) has no card file of its own. When it does not fit, the message must still send the
volunteer to a line they can edit: the field of content/pack.yaml, or the entry of their
translation, that holds the words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from activate_pack.compose.content import Block
from activate_pack.compose.typography import typeset
from activate_pack.layout.fit import Advice
from activate_pack.pack.model.pack import Pack
from activate_pack.pack.sources.paths import PACK_FILE

Where = tuple[str, int | None]

FIELDS = {"title-line": ("title", "subtitle"), "version": ("locality",),
          "description": ("description",), "authors": ("authors",),
          "copyright": ("copyright",)}
"""The roles of attribution blocks (compose/cards.py) made from pack.yaml, and the fields
each is made from: the rest of the about card and the colophon are the tool's own words."""

NAMED = 3
"""How many fields an overflow message names, the wordiest first."""


def field_where(pack: Pack, name: str) -> Where:
    """The file and line that hold a field of the pack's details, in the language built:
    the pack's own translation where it gives the field, else content/pack.yaml."""
    translation = pack.translation
    if translation is not None and f"pack.{name}" in translation.lines:
        return translation.path, translation.lines[f"pack.{name}"]
    return PACK_FILE, pack.info_line(name)


def _words(value: Any) -> int:
    if isinstance(value, str):
        return len(value.split())
    if isinstance(value, (list, tuple)):
        return sum(_words(v) for v in value)
    return 0


def contributors(pack: Pack, blocks: tuple[Block, ...] | list[Block]) -> list[tuple[str, int]]:
    """The pack.yaml fields that ``blocks`` print, with how many words each gives, most first."""
    printed = {block.role for block in blocks}
    found: dict[str, int] = {}
    for role, names in FIELDS.items():
        if role not in printed:
            continue
        for name in names:
            value = getattr(pack.info, name, None)
            words = (sum(_words([a.name, a.organisation]) for a in pack.info.authors)
                     if name == "authors" else _words(value))
            if words:
                found[name] = words
    return sorted(found.items(), key=lambda item: (-item[1], item[0]))


def credited(pack: Pack) -> list[tuple[str, int]]:
    """The pack.yaml fields the credit line prints (title and authors), most words first."""
    found = {"title": _words(pack.info.title),
             "authors": sum(_words(a.name) for a in pack.info.authors)}
    return sorted(((k, v) for k, v in found.items() if v), key=lambda item: (-item[1], item[0]))


def shorten(pack: Pack, subject: str, fields: list[tuple[str, int]],
            place: str = "its page", hint: str = "") -> Advice:
    """How a generated text that overflows asks to be shortened: the message and its place.

    The place is the wordiest field's line; the message names it and the next wordiest with
    their lines, and how many words to cut from them (they share the cut by their words).
    """
    def advise(cut: int, words: int, size: float) -> tuple[str, Where] | None:
        named = fields[:NAMED]
        if not named:
            return None
        total = sum(count for _, count in named)
        home = field_where(pack, named[0][0])
        parts = []
        for name, count in named:
            path, line = field_where(pack, name)
            share = min(count, max(1, math.ceil(cut * count / total)))
            at = (f"{path}:" if path != home[0] else "") + (f"line {line}" if line else path)
            parts.append(f"{share} of the {count} in {name} ({at})")
        listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
        return (f"{subject} does not fit on {place} even at {size:g} pt; it is made from "
                f"your words: cut about {cut} word{'s' if cut != 1 else ''}, about {listed}"
                + (f"; {hint}" if hint else ""), home)
    return advise


def _normal(text: str) -> str:
    return " ".join(text.split())


@dataclass
class LabelIndex:
    """One document's translated labels, looked up by their words, and what was said of them.

    Made when first asked for, and kept with the document being laid out (``Ctx``): a label
    printed in several places (the card, its back, the A4 cover) is one message, in the words
    of the first place it overflows.
    """

    by_text: dict[str, str] = field(default_factory=dict)
    """Label name by its words (plain and typeset); '' maps to '' once the index is made."""
    said: dict[str, str] = field(default_factory=dict)
    """The message already given for a label, by its name."""


def label_where(pack: Pack, text: str,
                labels: LabelIndex) -> tuple[str, int, str, str] | None:
    """The translation's file, line, label name and words behind ``text``, when the pack is built in
    a translation of its own that gives that label; ``labels`` is filled once per document.

    A text made of several labels ('Question · Explore') is put down to the longest of them,
    if it makes up a good part of the text.
    """
    translation = pack.translation
    if translation is None or not translation.lines:
        return None
    index = labels.by_text
    if not index:
        lang = pack.info.language
        for name, value in _leaves(pack.labels.model_dump(by_alias=True), "labels."):
            if name in translation.lines and value.strip():
                index.setdefault(_normal(value), name)
                index.setdefault(_normal(typeset(value, lang)), name)
        index.setdefault("", "")  # marks the index as made, when nothing matched
    wanted = _normal(text)
    if not index.get(wanted):
        parts = [value for value in index if value and value in wanted]
        wanted = max(parts, key=len, default="")
        if len(wanted) * 3 < len(_normal(text)):
            return None
    name = index[wanted]
    return translation.path, translation.lines[name], name.removeprefix("labels."), wanted


def translated(pack: Pack, text: str, labels: LabelIndex, what: str) -> Advice:
    """Advice for a label that may come from the pack's own translation: the message names the
    label and points at its line there ('kinds.question, the card label'); otherwise the usual
    message."""
    def advise(cut: int, words: int, size: float) -> tuple[str, Where] | None:
        found = label_where(pack, text, labels)
        if found is None:
            return None
        path, line, name, label = found
        own = len(label.split())  # the label's words, not those of text it shares a line with
        cut = min(cut, own)
        # One message for the label in a document, wherever else it is printed too (the
        # back, the cover): the first place it overflows words it.
        said = labels.said.setdefault(name, (
            f"{name} ({what}, translated) does not fit even at {size:g} pt; shorten the "
            f"translation by about {cut} word{'s' if cut != 1 else ''} (of {own})"))
        return said, (path, line)
    return advise


def _leaves(node: Any, prefix: str) -> list[tuple[str, str]]:
    """(dotted name, text) of every string under a dumped model."""
    if isinstance(node, str):
        return [(prefix.rstrip("."), node)]
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _leaves(value, f"{prefix}{key}.")
    elif isinstance(node, (list, tuple)):
        for number, value in enumerate(node):
            found += _leaves(value, f"{prefix}{number}.")
    return found
