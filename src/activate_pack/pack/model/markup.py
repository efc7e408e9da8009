"""Light markup in card text: **bold**, *italic*, '- ' bullets, '1. ' numbered lists.

Everything else is plain text: '<', '&' and stray asterisks are printed as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TextRun:
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A paragraph, a bullet item or a numbered item."""

    runs: tuple[TextRun, ...]
    kind: str = "para"  # "para", "bullet" or "number"
    number: int | None = None
    new_paragraph: bool = True
    """False for an item that directly follows another line of the same list."""


_BULLET = re.compile(r"^\s*[-•*]\s+(.*)$")
_NUMBER = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")
_INLINE = re.compile(r"\*\*(?P<b>.+?)\*\*|(?<![\w*])\*(?P<i>[^*\s](?:[^*]*[^*\s])?)\*(?![\w*])"
                     r"|(?<![\w_])_(?P<u>[^_\s](?:[^_]*[^_\s])?)_(?![\w_])")


def inline(text: str, bold: bool = False, italic: bool = False) -> tuple[TextRun, ...]:
    """Split one line of text into runs at **bold** and *italic* markers."""
    runs: list[TextRun] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            runs.append(TextRun(text[pos:match.start()], bold, italic))
        if match.group("b") is not None:
            runs.extend(inline(match.group("b"), True, italic))
        else:
            runs.append(TextRun(match.group("i") or match.group("u"), bold, True))
        pos = match.end()
    if pos < len(text):
        runs.append(TextRun(text[pos:], bold, italic))
    return tuple(r for r in runs if r.text)


def parse(text: str, bold: bool = False, italic: bool = False) -> list[TextBlock]:
    """Parse a text field into blocks; consecutive plain lines join into one paragraph."""
    blocks: list[TextBlock] = []
    para: list[str] = []
    after_blank = True

    def flush() -> None:
        nonlocal after_blank
        if para:
            blocks.append(TextBlock(inline(" ".join(para), bold, italic), "para",
                                new_paragraph=True))
            para.clear()
            after_blank = False

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
            after_blank = True
            continue
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        if bullet or number:
            flush()
            starts = after_blank or not blocks or blocks[-1].kind == "para"
            if bullet is not None:
                blocks.append(TextBlock(inline(bullet.group(1), bold, italic), "bullet",
                                    new_paragraph=starts))
            elif number is not None:
                blocks.append(TextBlock(inline(number.group(2), bold, italic), "number",
                                    int(number.group(1)), new_paragraph=starts))
            after_blank = False
        else:
            para.append(line)
    flush()
    return blocks


def plain(text: str) -> str:
    """The text with markup markers removed, for metadata and accessibility."""
    return " ".join("".join(r.text for r in b.runs) for b in parse(text))
