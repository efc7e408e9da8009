"""The project's own error types: every user mistake becomes one of these, with a location."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")
"""Characters that reorder the text around them: shown by name, never sent to a terminal."""

_LINE_BREAKS = frozenset("\u2028\u2029")


def _hidden(char: str) -> bool:
    """True for a character a terminal would act on instead of showing (tabs are shown)."""
    code = ord(char)
    return ((code < 0x20 and char != "\t") or 0x7F <= code < 0xA0 or char in BIDI_CONTROLS
            or char in _LINE_BREAKS)


def _shown(char: str) -> str:
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """Pack-supplied text made safe for a terminal: control and bidi characters made visible.

    Escape sequences could clear the screen, set the window title or fake a line of output;
    a right-to-left override could make a message read backwards. Tabs are kept.
    """
    if text.isprintable():
        return text
    return "".join(_shown(c) if _hidden(c) else c for c in text)


def json_visible(text: str) -> str:
    """JSON text with control and bidi characters written as \\u escapes: still valid JSON."""
    if text.isprintable():
        return text
    return "".join(f"\\u{ord(c):04x}" if _hidden(c) and c != "\n" else c for c in text)


@dataclass(frozen=True)
class Problem:
    """One problem found in a pack, located as precisely as we can."""

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    card: str | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = visible(self.path)
            if self.line:
                where += f":{self.line}"
                if self.column:
                    where += f":{self.column}"
            where += ": "
        kind = "" if self.severity == "error" else f"{self.severity}: "
        card = f" (card {visible(self.card)})" if self.card else ""
        return f"{where}{kind}{visible(self.message)}{card}"

    def place(self) -> str:
        """Where it is, for a list of places: 'content/a.yaml:3 (card a)'."""
        where = visible(self.path) + (f":{self.line}" if self.line else "") if self.path else ""
        card = f"card {visible(self.card)}" if self.card else ""
        return f"{where} ({card})" if where and card else where or card


def nearest(name: str, known: Iterable[str], cutoff: float = 0.5) -> str | None:
    """The known name closest to a misspelt one, for "did you mean …?" advice, or None."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=cutoff)
    return close[0] if close else None


class PackError(Exception):
    """A problem the user can fix; the CLI prints it and exits with code 1."""

    def __init__(self, problems: Problem | list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Problems:
    """Collects problems so a stage can report all of them at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, message: str, path: str | Path | None = None, line: int | None = None,
            column: int | None = None, card: str | None = None, severity: str = "error") -> None:
        """Record one problem."""
        self.items.append(Problem(message, str(path) if path is not None else None,
                                  line, column, card, severity))

    def extend(self, problems: list[Problem]) -> None:
        """Record several problems."""
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    def raise_if_errors(self) -> None:
        """Raise a PackError carrying every error collected so far."""
        if self.errors:
            raise PackError(self.errors)


REPEATS_SHOWN = 5
"""How many problems of one kind are printed before the rest are counted instead."""


def _shape(problem: Problem) -> tuple[str, str]:
    """What problems "like this" share: the message, whatever its numbers."""
    return problem.severity, re.sub(r"\d+(?:[.,]\d+)*", "#", problem.message)


def summarised(problems: Sequence[Problem], keep: int = REPEATS_SHOWN) -> list[str]:
    """Lines to print for ``problems``: each once, and each kind at most ``keep`` times.

    After the last one shown of a kind comes "… and 140 more like this, at: …" with the place
    of each of the rest, so a mistake that touches every card reads as a few examples and one
    line, not a wall of text, and still names every card to fix.
    """
    unique = list(dict.fromkeys(problems))
    groups: dict[tuple[str, str], list[Problem]] = {}
    for problem in unique:
        groups.setdefault(_shape(problem), []).append(problem)
    shown: dict[tuple[str, str], int] = {}
    lines: list[str] = []
    for problem in unique:
        shape = _shape(problem)
        shown[shape] = shown.get(shape, 0) + 1
        if shown[shape] <= keep:
            lines.append(str(problem))
        rest = groups[shape][keep:]
        if shown[shape] == keep and rest:
            places = [p.place() for p in rest]
            at = f", at: {'; '.join(places)}" if all(places) else ""
            lines.append(f"  … and {len(rest)} more like this{at}")
    return lines
