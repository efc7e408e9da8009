"""Itemising text into runs of one script and direction, and ordering a line's runs (UAX #9).

Each character is Latin, one of the scripts the font table sets (Arabic, Gurmukhi, Bengali), or
common (spaces, punctuation): a common character joins the run of a neighbour of the direction
UAX #9 resolves for it (text.bidi), so the space between an Urdu word and a web address stays
on the right side of both, and a full stop after a Latin name ends the Arabic sentence. Digits are set as Latin, left to right, as UAX #9 does
with European numbers. Latin text never leaves the fast path: it has no other script in it.
"""

from __future__ import annotations

from bidi import get_base_level

from activate_pack.text.bidi import levels as bidi_levels

RANGES = (
    (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"), (0x08A0, 0x08FF, "Arab"),
    (0xFB50, 0xFDFF, "Arab"), (0xFE70, 0xFEFF, "Arab"),
    (0x0980, 0x09FF, "Beng"), (0x0A00, 0x0A7F, "Guru"),
)
"""Blocks of the scripts the bundled Noto fonts set (ISO 15924 codes)."""

RTL_SCRIPTS = frozenset({"Arab"})
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku-arab", "ps", "sd",
                           "syr", "ug", "ur", "yi"})
"""Primary language subtags (and a few script variants) written right to left."""
COMMON = "Zyyy"
_SHARED_MARKS = frozenset("\u0964\u0965\u200c\u200d")
"""Dandas (shared by the Indic scripts) and joiners: common, whatever block they are in."""


class _Known(dict[str, str]):
    """Characters' scripts, each found once (``_script``) and then looked up at dict speed."""

    def __missing__(self, char: str) -> str:
        if len(self) > 65536:  # every character a text could hold is not kept
            self.clear()
        found = self[char] = _script(char)
        return found


_KNOWN = _Known()


def script_of(char: str) -> str:
    """The script of one character: 'Latn', 'Arab', 'Guru', 'Beng', or COMMON."""
    return _KNOWN[char]


def _script(char: str) -> str:
    code = ord(char)
    if char in _SHARED_MARKS:
        return COMMON
    for start, end, script in RANGES:
        if start <= code <= end:
            return script
    if char.isdigit() and code < 0x80:
        return "Latn"
    if char.isalpha():
        return "Latn"
    return COMMON


def is_plain(text: str) -> bool:
    """True if ``text`` has no character of a script that needs shaping (the fast path)."""
    if not text or max(text) < "\u0600":  # Latin text, at the speed of one pass in C
        return True
    return all(ord(c) < 0x0600 or script_of(c) in ("Latn", COMMON) for c in text)


def direction(script: str) -> str:
    """'rtl' for a right-to-left script, else 'ltr'."""
    return "rtl" if script in RTL_SCRIPTS else "ltr"


def language_direction(language: str) -> str:
    """'rtl' for a language written right to left (by its BCP 47 tag), else 'ltr'."""
    tag = language.lower()
    primary = tag.split("-", 1)[0]
    return "rtl" if primary in RTL_LANGUAGES or tag in RTL_LANGUAGES \
        or "-arab" in tag or "-hebr" in tag else "ltr"


def has_rtl(text: str) -> bool:
    """True if ``text`` has a letter of a right-to-left script."""
    return not is_plain(text) and any(script_of(c) in RTL_SCRIPTS for c in text)


def paragraph_direction(text: str, default: str = "ltr") -> str:
    """The direction of a paragraph from its first strong character (UAX #9 P2, P3)."""
    if is_plain(text):
        return default
    return "rtl" if get_base_level(text) == 1 else "ltr"


def itemise(text: str, paragraph: str = "ltr") -> list[tuple[int, int, str]]:
    """Runs of one script in ``text``: (start, end, script), in logical order."""
    scripts = list(map(_KNOWN.__getitem__, text))
    strong = set(scripts)
    strong.discard(COMMON)
    if len(strong) < 2:  # one script or none: every common character joins it
        return [(0, len(text), strong.pop() if strong else "Latn")] if text else []
    # Each space and mark of punctuation goes with a neighbour of the direction UAX #9 gives
    # it (text.bidi): the strong script before it, else the one after, else any of that way.
    levels = bidi_levels(text, paragraph)
    resolved = list(scripts)
    after: list[str | None] = [None] * len(scripts)  # the next strong script after each
    following: str | None = None
    for index in range(len(scripts) - 1, -1, -1):
        after[index] = following
        if scripts[index] != COMMON:
            following = scripts[index]
    fallback = {way: next((sc for sc in ("Latn", *sorted(strong)) if sc in strong
                           and direction(sc) == way), None) for way in ("ltr", "rtl")}
    previous: str | None = None
    for index, script in enumerate(scripts):
        if script != COMMON:
            previous = script
            continue
        way = "rtl" if levels[index] % 2 else "ltr"
        resolved[index] = next((sc for sc in (previous, after[index], fallback[way])
                                if sc is not None and direction(sc) == way),
                               previous or after[index] or "Latn")
    runs: list[tuple[int, int, str]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or resolved[index] != resolved[start]:
            runs.append((start, index, resolved[start]))
            start = index
    return runs


def visual_order(levels: list[int]) -> list[int]:
    """Indices of runs in visual order from their embedding levels (UAX #9 rule L2)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min((lv for lv in levels if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    return order


def run_levels(directions: list[str], paragraph: str) -> list[int]:
    """Embedding levels of runs: right-to-left runs odd, left-to-right even (rules I1, I2)."""
    base = 1 if paragraph == "rtl" else 0
    return [(base + 1 if base == 0 else base) if d == "rtl" else (base + 1 if base else 0)
            for d in directions]
