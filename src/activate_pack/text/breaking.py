"""Where lines may break (UAX #14) and where characters group into clusters (UAX #29).

The ``uniseg`` package implements both standards in pure Python, which costs about a tenth of
a millisecond per character, and a tenth of a second to import. Most pack text is Latin, where
the rules reduce to a small pair table over a dozen line-break classes, so that text takes a fast
path that gives the very same answers (tests/test_text.py compares the two). Words with other
characters, and every grapheme question beyond U+02FF, go to ``uniseg``, imported on first need.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The characters the fast path handles, by UAX #14 line-break class, one letter per class: AL
# (letters and symbols), NU, SP, IS, EX, HY, SY, BA, OP, CP, QU, B2, IN, and QU split into
# opening (P) and closing (F) quotation marks, which have rules of their own (LB15a, LB15b).
# '·' is AI, ambiguous, which resolves to AL outside East Asian text (LB1). '$' '%' '+' take
# part in number rules (LB24, LB25) and braces are CL: those take the slow path.
# tests/test_text.py checks every class here against uniseg's data.
CLASSES = {
    "A": "#&*<=>@^_`~©®·•", "N": "0123456789", "S": " ", "I": ".,:;", "E": "!?", "H": "-",
    "Y": "/", "B": "|\u2013", "O": "([", "C": ")]", "Q": "'\"", "P": "\u2018\u201c\u00ab",
    "F": "\u2019\u201d\u00bb", "D": "\u2014", "L": "\u2026",
}


def _fast_table() -> dict[int, str]:
    """Code point → class letter for the characters the fast path handles."""
    table = {ord(char): letter for letter, chars in CLASSES.items() for char in chars}
    for code in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xA0, 0x250)]:
        if unicodedata.category(chr(code)).startswith("L"):  # Latin letters are all AL
            table[code] = "A"
    return table


_TABLE = _fast_table()
_FAST_CHARS = frozenset(chr(code) for code in _TABLE)
LETTER_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
                 (0xFE70, 0xFEFF), (0x0980, 0x09FF), (0x0A00, 0x0A7F))
"""The Arabic, Bengali and Gurmukhi blocks, whose letters and marks are all AL or CM."""


def _plain_letters() -> frozenset[str]:
    """Characters of line-break class AL or CM: the fast path's letters, and the letters and
    marks of LETTER_BLOCKS (tests/test_text.py checks them against uniseg's data)."""
    found = {chr(code) for code, letter in _TABLE.items() if letter == "A"}
    found.update(chr(code) for start, end in LETTER_BLOCKS for code in range(start, end + 1)
                 if unicodedata.category(chr(code))[0] in "LM")
    found.add("\u200c")  # ZERO WIDTH NON-JOINER, CM
    return frozenset(found)


PLAIN_LETTERS = _plain_letters()
_MARKS = frozenset(c for c in PLAIN_LETTERS if unicodedata.category(c)[0] == "M" or c == "\u200c")
STAND_INS = {"\u060c": ",", "\u060d": ",", "\u061b": "!", "\u061f": "?", "\u06d4": "!",
             "\u0964": "|", "\u0965": "|"}
"""Punctuation of LETTER_BLOCKS (and the dandas) → a fast-path character of its class: the
Arabic comma is IS like ',', the Arabic question mark and full stop EX like '!', dandas BA."""


def _stand_ins() -> dict[int, str]:
    """A translation that gives each letter, mark, digit and mark of punctuation of
    LETTER_BLOCKS a fast-path character of the same line-break class."""
    table = {ord(c): "a" for c in PLAIN_LETTERS if ord(c) >= 0x0600}
    table.update((code, "0") for start, end in LETTER_BLOCKS for code in range(start, end + 1)
                 if unicodedata.category(chr(code)) == "Nd")
    table.update((ord(c), stand_in) for c, stand_in in STAND_INS.items())
    return table


_STAND_INS = _stand_ins()
_LOOSE_MARK = re.compile("[^%s ][%s]" % (re.escape("".join(sorted(PLAIN_LETTERS))),
                                          re.escape("".join(sorted(_MARKS)))))
"""A mark after punctuation or a digit: it takes that character's class (LB9), not AL."""


def _standing_in(text: str) -> str | None:
    """``text`` with the characters of other scripts replaced by fast-path characters of the
    same line-break class, if that covers them all, else None.

    A mark joins the class of the letter before it (LB9), and one after a space or at the start
    is AL (LB10): as a letter stands in for it, either way, the breaks are the same.
    """
    stood = text.translate(_STAND_INS)
    if not _FAST_CHARS.issuperset(stood) or _LOOSE_MARK.search(text):
        return None
    return stood
_SPACES = re.compile("S+")
_WORDS = re.compile("[^ ]+")
# Breaks between two non-space characters: after EX, HY, SY, BA, IS and CP before some classes
# (LB13, LB21, LB29, LB30); HY and IS never break before a digit (LB25).
_DIRECT = re.compile("(?<=[EBLD])(?=[ANO])|(?<=[HY])(?=[AO])|(?<=[IC])(?=O)|(?<=Y)(?=N)"
                     "|(?<=[ANIEHYBCL])(?=D)")
_NUMBER_BEFORE = re.compile("N[YI]*$")
TAILORED_OUT = "/-"
"""Characters after which lines do not break unless a word is too long for a line of its own.

UAX #14 allows a break after '/' and after HYPHEN-MINUS, and allows tailoring. We keep web
addresses ("…/licenses/by-sa/4.0/") and compounds ("know-how?") whole on a line, as the pack
always did; a word too long for a line is still cut after one of these first. U+2010 HYPHEN and
the dashes keep their UAX #14 breaks. Set this to "/" to break after every hyphen.
"""


def is_fast(text: str) -> bool:
    """True if the fast path can break ``text`` (Latin script and common punctuation only)."""
    return _FAST_CHARS.issuperset(text)


def _fast_opportunities(text: str) -> list[int]:
    classes = text.translate(_TABLE)
    return sorted([*_direct_breaks(classes), *_breaks_after_spaces(classes)])


def _direct_breaks(classes: str) -> list[int]:
    """Breaks between two characters that are not spaces."""
    found: list[int] = []
    for match in _DIRECT.finditer(classes):
        at = match.start()
        before, after = classes[at - 1], classes[at]
        if before == "Y" and after == "N" and _NUMBER_BEFORE.search(classes, 0, at):
            continue  # a number with slashes, such as 1/2 (LB25)
        if before == "H" and after == "A" and (at == 1 or classes[at - 2] == "S"):
            continue  # a hyphen that starts a word, as in "-fold" (LB20a)
        found.append(at)
    return found


def _breaks_after_spaces(classes: str) -> list[int]:
    """Breaks after a run of spaces, which UAX #14 allows unless a rule before LB18 forbids."""
    found: list[int] = []
    for match in _SPACES.finditer(classes):
        at, first = match.end(), match.start()
        if at == len(classes):
            continue
        after, later = classes[at], classes[at + 1:at + 2]
        before = classes[first - 1] if first else ""
        if before == "O" or after in "CEY" or (after == "I" and later != "N"):
            continue  # LB14 after '(' and spaces; LB13 before ')' '!' '/' and ',' '.' (but LB15c)
        if before == "P" and (first < 2 or classes[first - 2] in "OQPFS"):
            continue  # an opening quotation mark and spaces (LB15a)
        if after == "F" and (not later or later in "SCQPFEIY"):
            continue  # before a closing quotation mark that ends a phrase (LB15b)
        if before == "D" and after == "D":
            continue  # between em dashes (LB17)
        found.append(at)
    return found


@lru_cache(maxsize=8192)
def _uniseg_opportunities(text: str) -> tuple[int, ...]:
    from uniseg.linebreak import line_break_boundaries  # slow to import: only when needed

    return tuple(at for at in line_break_boundaries(text) if 0 < at < len(text))


def _mixed_opportunities(text: str) -> list[int]:
    """The fast path's answers, with uniseg's for the words that hold other characters.

    No UAX #14 rule looks further than the next word across spaces, and across spaces only the
    characters next to them count (LB13 to LB17, LB18). So uniseg is asked about each such word
    on its own (words recur, so the answers are kept), and about each gap between words with
    only the two characters on either side: the cost follows the words a pack uses, not the
    length of its paragraphs.

    A word of letters and marks only (line-break classes AL and CM, as every word of Urdu,
    Punjabi or Bengali without punctuation is) has no break inside (LB9, LB28), and between two
    such words the one break is after the spaces (LB18): uniseg is not asked about those.
    """
    words = [(match.start(), match.end()) for match in _WORDS.finditer(text)]
    slow = [not _FAST_CHARS.issuperset(text[a:b]) for a, b in words]
    plain = [PLAIN_LETTERS.issuperset(text[a:b]) for a, b in words]
    found = set(_fast_opportunities(text))
    for index, (start, end) in enumerate(words):
        if not slow[index]:
            continue
        found = {at for at in found if not start < at < end}
        if not plain[index]:
            found.update(start + at for at in _uniseg_opportunities(text[start:end]))
        for gap in (index - 1, index):  # the gaps before and after this word
            if gap < 0 or gap + 1 >= len(words):
                continue
            left, right = words[gap][1], words[gap + 1][0]
            if plain[gap] and plain[gap + 1]:
                found.add(right)
                continue
            # Two letters either side settle a gap; punctuation (quotes, brackets) has rules
            # that look further, so a word holding any is taken whole.
            offset = left - 2 if _letters(text[words[gap][0]:left]) else words[gap][0]
            # A word taken whole keeps the spaces after it: a closing quote's rule (LB15b) looks
            # past its marks to what follows, which uniseg would otherwise read as the end.
            after = words[gap + 2][0] if gap + 2 < len(words) else len(text)
            stop = right + 2 if _letters(text[right:words[gap + 1][1]]) else after
            offset, stop = max(offset, words[gap][0]), min(stop, after)
            window = text[offset:stop]
            found.discard(right)
            if right - offset in _uniseg_opportunities(window):
                found.add(right)
    if words and words[0][0] > 0 and slow[0]:  # spaces before the first word: as uniseg says
        # with what follows the word too: a closing quote's rule (LB15b) looks past its marks
        # to the space or word after it, and uniseg reads the end of a shorter text otherwise.
        until = words[1][0] if len(words) > 1 else len(text)
        found = {at for at in found if at > words[0][0]} | {
            at for at in _uniseg_opportunities(text[:until]) if at <= words[0][0]}
    return sorted(found)


def _letters(word: str) -> bool:
    """True if ``word`` holds letters and marks only."""
    return all(unicodedata.category(c)[0] in "LM" for c in word)


@lru_cache(maxsize=8192)
def break_opportunities(text: str) -> tuple[int, ...]:
    """Indices where UAX #14 allows a line break (before ``text[i]``), in order."""
    if not text:
        return ()
    if is_fast(text):
        return tuple(_fast_opportunities(text))
    stood = _standing_in(text)
    return tuple(_fast_opportunities(stood) if stood is not None else _mixed_opportunities(text))


def line_breaks(text: str) -> tuple[int, ...]:
    """The break opportunities that line breaking uses: UAX #14, less those after TAILORED_OUT."""
    return tuple(at for at in break_opportunities(text) if text[at - 1] not in TAILORED_OUT)


@lru_cache(maxsize=4096)
def grapheme_boundaries(text: str) -> tuple[int, ...]:
    """Indices between grapheme clusters (UAX #29), including 0 and ``len(text)``."""
    if not text:
        return (0,)
    if max(text) < "\u0300" and "\r" not in text:
        # Below the combining marks every character is a cluster of its own.
        return tuple(range(len(text) + 1))
    from uniseg.graphemecluster import grapheme_cluster_boundaries

    return tuple(grapheme_cluster_boundaries(text))
