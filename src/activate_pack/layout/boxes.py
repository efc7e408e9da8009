"""What layout produces: pages of positioned boxes, in points, PDF coordinates (origin bottom-left)."""

from __future__ import annotations

from dataclasses import dataclass, field

from activate_pack.text import Line


@dataclass(frozen=True, slots=True)
class Rect:
    """A filled and/or stroked rectangle. ``bleed`` marks page-edge backgrounds."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.75
    radius: float = 0.0
    bleed: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """A straight line, e.g. a write-in line or a divider."""

    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 0.6
    dash: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class TextBox:
    """Fitted text: ``lines`` hold baselines measured down from ``top``, x from ``x``."""

    x: float
    top: float
    w: float
    h: float
    size: float
    lines: tuple[Line, ...]
    role: str
    """What the text is: 'title', 'body', 'credit', …; tests and checks select boxes by it."""
    tags: tuple[str, ...] = ()
    """What each item of its flow is in a tagged PDF ('H1', 'P', 'L', 'LI'…), by ``Line.item``."""
    link: int | None = None
    """The index of the page of its document that the text leads to (a contents entry)."""

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def used_height(self) -> float:
        return self.lines[-1].y + self.size * 0.3 if self.lines else 0.0


@dataclass(frozen=True, slots=True)
class ImageBox:
    """A picture scaled into a rectangle, keeping its proportions."""

    x: float
    y: float
    w: float
    h: float
    path: str
    alt: str | None = None


@dataclass(frozen=True, slots=True)
class Code:
    """A QR code in a square: ``rows`` of '1' (dark) and '0' (light) modules, top row first.

    It opens ``address``; ``alt`` says so in words, for people who cannot see it.
    """

    x: float
    y: float
    size: float
    rows: tuple[str, ...]
    colour: str
    address: str
    alt: str


@dataclass(frozen=True, slots=True)
class Icon:
    """A named icon of the bundled set (layout/iconset.py) drawn as lines in a w × h square.

    ``alt`` says in words what an icon standing alone means; an icon beside the words it
    stands for has none and is decoration (an artifact in a tagged PDF, hidden from screen
    readers on the web).
    """

    x: float
    y: float
    w: float
    h: float
    name: str
    colour: str
    alt: str | None = None


Box = Rect | Rule | TextBox | ImageBox | Code | Icon

REPEATED = frozenset({"label", "title"})
"""The roles a card back that carries words repeats from its front (its kind label and title):
read once, on the front, and decoration on the back."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page (or one card face) of boxes, with what it shows for tests and previews."""

    width: float
    height: float
    boxes: tuple[Box, ...]
    kind: str
    """'card', 'cover', 'contents', 'divider', 'guide', 'template', 'colophon'…"""
    card: str | None = None
    face: str | None = None  # 'front' or 'back' for card faces
    card_kind: str | None = None

    def texts(self, role: str | None = None) -> list[TextBox]:
        """The page's text boxes, optionally only those of one role."""
        return [b for b in self.boxes if isinstance(b, TextBox) and (role is None or b.role == role)]


@dataclass(frozen=True, slots=True)
class Document:
    """A laid-out document: its pages and the metadata the renderer writes."""

    pages: tuple[Page, ...]
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    licence_url: str
    rights: str
    extra: dict[str, str] = field(default_factory=dict)
    version: str = ""
    """The pack's version, which the XMP metadata gives as the document's version."""
    date: int | None = None
    """When the pack's newest source file was changed (seconds since 1970, UTC), if known."""
    source_language: str = ""
    """For a translation, the language it was made from ('en-GB'); names and English words
    inside its text are in that language."""
    sections: tuple[tuple[str, str], ...] = ()
    """(card kind, title) of each kind of card, for a document without dividers: its
    bookmarks gather each kind's cards under that title."""
