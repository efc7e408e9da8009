"""Resolving the embedding level of each character of a paragraph (UAX #9, implicit rules).

Pack text has no explicit embeddings or isolates, so a paragraph's levels follow from the
paragraph's direction and rules W1-W7 (weak types), N0 (bracket pairs), N1-N2 (neutrals) and
I1-I2 (implicit levels). The itemiser (text.scripts) uses them to give each space and mark of
punctuation the direction UAX #9 gives it: a full stop after a Latin name at the end of an
Arabic sentence is right to left, so it stands at the sentence's end, not against the Latin
words; a bracket pair takes the direction of what it encloses and its context, so Arabic
brackets are drawn mirrored (HarfBuzz mirrors Bidi_Mirrored characters in a right-to-left run).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_STRONG_R = frozenset({"R", "AL"})
_NEUTRAL = frozenset({"B", "S", "WS", "ON", "BN"})
ADDRESS = re.compile(r"(?:https?://|www\.)\S+?(?=[.,;:!?)\]»\u060c\u06d4]*(?:\s|$))")
"""A web address, less the punctuation that ends the sentence around it. It is read left to
right as a whole, as if isolated (a higher-level protocol, UAX #9 HL3): its slashes and dots
never leave it for the far end of a right-to-left line."""
_IGNORED = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})
"""Explicit formatting characters: pack text has none that count, so they are neutral here."""


@lru_cache(maxsize=None)
def brackets() -> tuple[dict[str, str], frozenset[str]]:
    """Opening bracket → its closing bracket (Bidi_Paired_Bracket), for the BMP's mirrored
    opening punctuation whose pair follows it closely, as almost every pair does; and the
    closing brackets."""
    pairs = {}
    for code in range(0x10000):
        char = chr(code)
        if unicodedata.category(char) == "Ps" and unicodedata.mirrored(char):
            # The pair follows at once, or after one character, as '[' '\\' ']' and '{' '|' '}'.
            after = next((chr(code + step) for step in (1, 2)
                          if unicodedata.category(chr(code + step)) == "Pe"), None)
            if after is not None:
                pairs[char] = after
    return pairs, frozenset(pairs.values())


_OTHER_PAIRS = "<>«»‹›≤≥"
"""Mirrored characters that are not brackets, in pairs: each is drawn as the other."""


@lru_cache(maxsize=None)
def _mirrors() -> dict[int, str]:
    pairs, _ = brackets()
    found = {**pairs, **dict(zip(_OTHER_PAIRS[::2], _OTHER_PAIRS[1::2]))}
    return {ord(a): b for one, other in found.items() for a, b in ((one, other), (other, one))}


def mirrored(text: str) -> str:
    """``text`` with each bracket, guillemet and comparison sign as its mirror image: how it
    is drawn in a right-to-left run (UAX #9 rule L4, Bidi_Mirroring_Glyph)."""
    return text.translate(_mirrors())


def _class(char: str) -> str:
    found = unicodedata.bidirectional(char) or "L"
    return "ON" if found in _IGNORED else found


def _strong(kind: str) -> str | None:
    """A type as N0 and N1 see it: L, or R (for R, AL, EN and AN), or None (neutral)."""
    if kind == "L":
        return "L"
    if kind in _STRONG_R or kind in ("EN", "AN"):
        return "R"
    return None


@lru_cache(maxsize=4096)
def levels(text: str, paragraph: str) -> tuple[int, ...]:
    """The embedding level of each character of ``text``, a paragraph whose direction is
    ``paragraph`` ('ltr' or 'rtl'): even levels left to right, odd ones right to left."""
    base = 1 if paragraph == "rtl" else 0
    edge = "R" if base else "L"  # sos and eos: the paragraph's own direction
    types = [_class(c) for c in text]
    if "/" in text or "www." in text:
        for match in ADDRESS.finditer(text):
            types[match.start():match.end()] = ["L"] * (match.end() - match.start())
    _weak(types, edge)
    _brackets_n0(text, types, edge)
    _neutrals(types, edge)
    result = []
    for kind in types:  # I1, I2
        if base == 0:
            result.append(1 if kind == "R" else 2 if kind in ("AN", "EN") else 0)
        else:
            result.append(2 if kind in ("L", "EN", "AN") else 1)
    return tuple(result)


def _weak(types: list[str], edge: str) -> None:
    """Rules W1 to W7, in place."""
    count = len(types)
    previous = edge
    for i in range(count):  # W1: a mark takes the type of what it marks
        if types[i] == "NSM":
            types[i] = "ON" if previous in _IGNORED else previous
        previous = types[i]
    strong = edge
    for i in range(count):  # W2, W3
        kind = types[i]
        if kind in ("L", "R", "AL"):
            strong = kind
        if kind == "EN" and strong == "AL":
            types[i] = "AN"
        if kind == "AL":
            types[i] = "R"
    for i in range(1, count - 1):  # W4: one separator between two numbers
        before, after = types[i - 1], types[i + 1]
        if types[i] == "ES" and before == after == "EN":
            types[i] = "EN"
        elif types[i] == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    i = 0
    while i < count:  # W5: terminators next to European numbers
        if types[i] != "ET":
            i += 1
            continue
        end = i
        while end < count and types[end] == "ET":
            end += 1
        if (i and types[i - 1] == "EN") or (end < count and types[end] == "EN"):
            types[i:end] = ["EN"] * (end - i)
        i = end
    for i in range(count):  # W6
        if types[i] in ("ES", "ET", "CS"):
            types[i] = "ON"
    strong = edge
    for i in range(count):  # W7
        if types[i] in ("L", "R"):
            strong = types[i]
        elif types[i] == "EN" and strong == "L":
            types[i] = "L"


def _pairs(text: str, types: list[str]) -> list[tuple[int, int]]:
    """Bracket pairs (BD16), by their opening brackets' positions."""
    pairs, closers = brackets()
    stack: list[tuple[str, int]] = []
    found = []
    for i, char in enumerate(text):
        if types[i] != "ON":
            continue
        if char in pairs:
            if len(stack) == 63:
                break
            stack.append((pairs[char], i))
        elif char in closers:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    found.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    return sorted(found)


def _brackets_n0(text: str, types: list[str], edge: str) -> None:
    """Rule N0: a bracket pair takes the embedding direction if it encloses text of that
    direction, else the other direction where both its content and its context have it."""
    for opening, closing in _pairs(text, types):
        inside = {_strong(kind) for kind in types[opening + 1:closing]}
        if edge in inside:
            chosen = edge
        elif inside - {None}:
            other = "L" if edge == "R" else "R"
            context = next((s for kind in reversed(types[:opening])
                            if (s := _strong(kind)) is not None), edge)
            chosen = other if context == other else edge
        else:
            continue
        types[opening] = types[closing] = chosen


def _neutrals(types: list[str], edge: str) -> None:
    """Rules N1 and N2: a run of neutrals between two strong types of one direction takes it,
    any other the embedding direction."""
    count = len(types)
    i = 0
    while i < count:
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        end = i
        while end < count and types[end] in _NEUTRAL:
            end += 1
        before = _strong(types[i - 1]) if i else edge
        after = _strong(types[end]) if end < count else edge
        chosen = before if before == after and before is not None else edge
        types[i:end] = [chosen] * (end - i)
        i = end
