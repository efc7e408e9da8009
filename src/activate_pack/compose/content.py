"""Composed content: what a card face or page says, as ordered blocks of tagged runs.

Nothing here knows about points, fonts or colours. The PDF layout and the HTML edition both
read these objects; roles name what a piece of text *is* ('title', 'field-label', 'credit'), and
each renderer decides how that looks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from activate_pack.compose.typography import split_like, typeset
from activate_pack.pack.model import markup
from activate_pack.pack.model.labels import Labels


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one role, weight, slant, language and direction."""

    text: str
    role: str
    bold: bool = False
    italic: bool = False
    lang: str = "en"
    dir: str = "ltr"


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a list: its marker ('•', '3.') and its runs."""

    marker: str
    runs: tuple[Run, ...]
    joined: bool = False
    """True when it follows the previous line of its list without a paragraph's space."""


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture or logo to place: the folder its file is found in, the file, its alt text."""

    folder: str
    file: str
    alt: str | None = None
    credit: str | None = None
    """Who made it and its licence, printed with it as its licence asks."""


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, paragraph, list, labelled field, write-in area, picture, credit or logo."""

    kind: str
    """'heading', 'paragraph', 'list', 'field', 'write-in', 'picture', 'credit' or 'logo'."""
    role: str
    """What the block is on its page, e.g. 'summary', 'method', 'prompts', 'licence-note'."""
    runs: tuple[Run, ...] = ()
    items: tuple[Item, ...] = ()
    joined: bool = False
    """True when the block continues the previous one on a new line, with no paragraph space."""
    picture: Picture | None = None

    @property
    def text(self) -> str:
        """The block's words, items on lines of their own (for tests and plain-text uses)."""
        own = "".join(r.text for r in self.runs)
        lines = [item.marker + " " + "".join(r.text for r in item.runs) for item in self.items]
        return "\n".join([own, *lines] if own else lines)


@dataclass(frozen=True)
class Writer:
    """Makes runs and blocks in one language, with the pack's labels at hand."""

    labels: Labels
    lang: str = "en"
    dir: str = "ltr"

    def run(self, text: str, role: str, bold: bool = False, italic: bool = False) -> Run:
        """A run in the pack's language, its punctuation set for print (compose.typography)."""
        return Run(typeset(text, self.lang), role, bold, italic, self.lang, self.dir)

    def runs(self, parts: tuple[markup.TextRun, ...], role: str, bold: bool = False,
             italic: bool = False) -> tuple[Run, ...]:
        """Parsed runs in the pack's language, set for print as one text: a quote that opens
        before a bold word and closes after it is seen whole."""
        texts = split_like(typeset("".join(r.text for r in parts), self.lang),
                           [len(r.text) for r in parts])
        return tuple(Run(text, role, r.bold or bold, r.italic or italic, self.lang, self.dir)
                     for text, r in zip(texts, parts))

    def inline(self, text: str, role: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
        """One line of card text with its **bold** and *italic* markup as runs."""
        return self.runs(markup.inline(text, bold, italic), role)

    def para(self, kind: str, role: str, text: str | tuple[Run, ...], bold: bool = False,
             italic: bool = False, joined: bool = False) -> Block:
        """A block of one plain run (text) or of the given runs."""
        runs = (self.run(text, role, bold, italic),) if isinstance(text, str) else text
        return Block(kind, role, runs, joined=joined)

    def marked(self, text: str, role: str, first_joined: bool = False, bold: bool = False,
               italic: bool = False) -> list[Block]:
        """Card text with light markup as paragraphs and lists (markers from the labels)."""
        blocks: list[Block] = []
        items: list[Item] = []
        for index, part in enumerate(markup.parse(text)):
            joined = not part.new_paragraph if index else (first_joined or not part.new_paragraph)
            runs = self.runs(part.runs, role, bold, italic)
            if part.kind == "para":
                if items:
                    blocks.append(Block("list", role, items=tuple(items)))
                    items = []
                blocks.append(Block("paragraph", role, runs, joined=joined))
            else:
                marker = (self.labels.patterns.bullet if part.kind == "bullet"
                          else fill(self.labels.patterns.number, n=str(part.number)))
                items.append(Item(marker, runs, joined))
        if items:
            blocks.append(Block("list", role, items=tuple(items)))
        return blocks

    def number(self, n: int) -> str:
        """A list numeral such as '3.'."""
        return fill(self.labels.patterns.number, n=str(n))

    def join(self, parts: list[str]) -> str:
        """Parts of a list joined for print: 'A, B and C'."""
        pats = self.labels.patterns
        return join_names(parts, pats.comma, pats.and_)


_SLOT = re.compile(r"\{([a-z_]+)\}")


def fill(template: str, **values: str) -> str:
    """Put values into a label's {name} slots; unknown slots stay as they are.

    Plain replacement rather than str.format, whose '{name.attribute}' syntax would let a
    label reach into Python objects.
    """
    return _SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def split_at(template: str, slot: str) -> tuple[str, str]:
    """The template's text before and after ``{slot}`` (all of it before, if it has none)."""
    before, found, after = template.partition("{" + slot + "}")
    return (before, after) if found else (template, "")


def join_names(names: list[str], comma: str, last: str) -> str:
    """Names joined for print: 'A', 'A and B', 'A, B and C' (the joining words from labels)."""
    if len(names) <= 1:
        return "".join(names)
    return comma.join(names[:-1]) + last + names[-1]


def writer(labels: Labels, lang: str) -> Writer:
    """A writer for a pack's labels and language (direction left to right for now)."""
    return Writer(labels, lang or "en", "ltr")


@dataclass(frozen=True)
class Face:
    """One card face or page: its heading, its blocks, its write-in areas and its credit."""

    kind: str
    """The card kind whose colours it takes (a declared kind, or 'about')."""
    card: str | None
    label: tuple[Run, ...] = ()
    title: tuple[Run, ...] = ()
    blocks: tuple[Block, ...] = ()
    write_ins: tuple[Block, ...] = ()
    notes: tuple[Block, ...] = ()
    credit: tuple[Run, ...] = ()
    blank: bool = False
    """A card to fill in: a short introduction, then write-in areas share the body."""
    picture: Block | None = None
    logo: Block | None = None
    """The pack's logo, on the faces that carry it (card backs, the about card, the cover)."""
    extra: dict[str, tuple[Run, ...]] = field(default_factory=dict)
    """Further named lines of a face (e.g. a card back's pack name)."""
    address: str | None = None
    """The web page the face opens: a card back's QR code, described by ``extra['code']``."""
