"""Typographic punctuation for printed words: quotes, apostrophes, ranges and units.

Pack writers type on ordinary keyboards: straight quotes ('"' and "'"), a hyphen between two
numbers, a plain space between a number and its unit. Print wants each language's own
quotation marks, an en dash in a range and a space no line break can open. Compose does this
once, as card and page text becomes runs (compose.content.Writer), so the PDF and the HTML
edition print the same characters.

Every change swaps one character for one other, so text split into runs (bold, italic) keeps
its split. Web addresses, e-mail addresses, {placeholders} and `code` are left as written.

Quotation marks by language (first part of the language tag):

- English: ‘single’ and “double”, apostrophe ’ (it’s, name’s, ’90s);
- Polish: „double” and ‚single’ inside them; Romanian: „double” and «single» inside them;
  apostrophe ’ in both (Men’s Sheds);
- Arabic: «double» and ‹single›, the marks Arabic typesetting uses (mirrored right to left);
- Urdu, Bengali and Punjabi: “double” and ‘single’, as their printed books and newspapers
  set them. A language not in the table keeps its straight quotes: the marks differ too much
  between languages to guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

NBSP = "\u00a0"


@dataclass(frozen=True, slots=True)
class QuoteMarks:
    """A language's quotation marks and apostrophe."""

    open_double: str
    close_double: str
    open_single: str
    close_single: str
    apostrophe: str = "\u2019"


QUOTES: dict[str, QuoteMarks] = {
    "en": QuoteMarks("\u201c", "\u201d", "\u2018", "\u2019"),
    "pl": QuoteMarks("\u201e", "\u201d", "\u201a", "\u2019"),
    "ro": QuoteMarks("\u201e", "\u201d", "\u00ab", "\u00bb"),
    "ar": QuoteMarks("\u00ab", "\u00bb", "\u2039", "\u203a"),
    "ur": QuoteMarks("\u201c", "\u201d", "\u2018", "\u2019"),
    "bn": QuoteMarks("\u201c", "\u201d", "\u2018", "\u2019"),
    "pa": QuoteMarks("\u201c", "\u201d", "\u2018", "\u2019"),
}
"""Quotation marks by the first part of a language tag (see the module's notes)."""

UNITS: dict[str, tuple[str, ...]] = {
    "": ("mm", "cm", "m", "km", "g", "kg", "ml", "l", "%", "pt"),
    "en": ("minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days",
           "week", "weeks", "month", "months", "year", "years", "people", "pages", "cards"),
    "pl": ("minuta", "minuty", "minut", "min", "godzina", "godziny", "godzin", "godz.",
           "dzień", "dni", "tydzień", "tygodnie", "tygodni", "miesiąc", "miesiące", "miesięcy",
           "rok", "lata", "lat", "osoba", "osoby", "osób", "zł", "stron", "strony", "kart"),
    "ro": ("minut", "minute", "min", "oră", "ore", "zi", "zile", "săptămână", "săptămâni",
           "lună", "luni", "an", "ani", "persoane", "lei", "pagini", "cartonașe"),
}
"""Words that, after a number and a space, are its unit: the space becomes a no-break space.
The first entry holds the symbols every language writes alike. Only a space already there
changes: '50%' stays as written, '50 %' (as Polish and Romanian write it) keeps together."""

_PROTECTED = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"]*"      # web addresses
    r"|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+"                # e-mail addresses
    r"|\{\{.*?\}\}|\{%.*?%\}|\{[^{}\s]*\}"           # placeholders
    r"|`[^`]*`"                                      # code
    r"|\S*[=\\<>]\S*",                               # code-like words (key="value")
    re.IGNORECASE)
_RANGE = re.compile(r"(?<![\w.,/:\-\u2013])([1-9]\d{0,3}|0)-([1-9]\d{0,3}|0)(?![\w\-/]|[.,]\d)")
_NUMBER_SPACE = re.compile(r"\d ")
_OPENERS = frozenset(" \t\n\u00a0([{\u2014\u2013-/\u201c\u2018\u201e\u201a\u00ab\u2039")


@lru_cache(maxsize=8192)
def typeset(text: str, lang: str | None) -> str:
    """``text`` with its language's quotes and apostrophes, en dashes in number ranges and
    no-break spaces between numbers and units; the same length, character for character."""
    base = (lang or "en").split("-")[0].lower()
    marks = QUOTES.get(base)
    quotes = marks is not None and ("'" in text or '"' in text)
    ranges = "-" in text and _RANGE.search(text) is not None
    units = " " in text and _NUMBER_SPACE.search(text) is not None
    if not (quotes or ranges or units):  # most text: nothing to set, and no copy made
        return text
    chars = list(text)
    keep = bytearray(len(text))
    for match in _PROTECTED.finditer(text):
        keep[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    if quotes and marks is not None:
        _quotes(text, chars, keep, marks)
    if ranges:
        for match in _RANGE.finditer(text):
            at = match.start(2) - 1
            if not keep[at]:
                chars[at] = "\u2013"
    if units:
        _units(text, chars, keep, (*UNITS[""], *UNITS.get(base, ())))
    return "".join(chars)


def _quotes(text: str, chars: list[str], keep: bytearray, marks: QuoteMarks) -> None:
    """Straight quotes → the language's marks, opening or closing by what is either side."""
    open_single = False
    for at, char in enumerate(text):
        if char not in "'\"" or keep[at]:
            continue
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        opening = before in _OPENERS or (before in "'\"" and at > 0 and chars[at - 1] in (
            marks.open_double, marks.open_single))
        if char == '"':
            if opening and not after.isspace():
                chars[at] = marks.open_double
            else:
                chars[at] = marks.close_double
            continue
        if before.isalnum() and after.isalnum():
            chars[at] = marks.apostrophe           # it's, name's
        elif opening and text[at + 1:at + 3].isdigit() and not text[at + 3:at + 4].isdigit():
            chars[at] = marks.apostrophe           # '90s
        elif opening and not after.isspace():
            chars[at], open_single = marks.open_single, True
        elif open_single:
            chars[at], open_single = marks.close_single, False
        else:
            chars[at] = marks.apostrophe           # parents' evening


def _units(text: str, chars: list[str], keep: bytearray, units: tuple[str, ...]) -> None:
    """The space between a number and its unit → a no-break space."""
    pattern = _unit_pattern(units)
    for match in pattern.finditer(text):
        at = match.start(1)
        if not keep[at] and not keep[at - 1]:
            chars[at] = NBSP


_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _unit_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    found = _PATTERNS.get(units)
    if found is None:
        words = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
        found = _PATTERNS[units] = re.compile(
            r"(?<![\w.,])\d+(?:[.,]\d+)?( )(?:%s)(?!\w)" % words, re.IGNORECASE)
    return found


def split_like(text: str, lengths: list[int]) -> list[str]:
    """``text`` cut into pieces of the given lengths (the runs it was joined from)."""
    pieces, at = [], 0
    for length in lengths:
        pieces.append(text[at:at + length])
        at += length
    return pieces
