"""What every layout function needs: the pack, the layout and a place to report problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from activate_pack.compose import notices
from activate_pack.compose.content import Writer, writer
from activate_pack.errors import Problems
from activate_pack.layout.boxes import Box, TextBox
from activate_pack.layout.sources import LabelIndex
from activate_pack.layout.spec import LayoutSpec
from activate_pack.pack.sources.images import ImageFile
from activate_pack.pack.model.labels import Labels
from activate_pack.pack.model.pack import Card, Pack
from activate_pack.text import Style

AnyCard = Card


@dataclass
class Ctx:
    """What every layout function needs: the pack, the layout and a place to report problems."""

    pack: Pack
    spec: LayoutSpec
    problems: Problems
    credit: str = ""
    notes: bool = False
    """True in the facilitator pack: card pages show their facilitator notes."""
    card_credits: dict[str, str] = field(default_factory=dict)
    """Per-card credit lines where they differ from the pack's (e.g. 'changed' in adaptations)."""
    backs: dict[tuple[str, str, str], tuple[Box, ...]] = field(default_factory=dict)
    """Card backs already laid out, by kind, sub-label and credit: alike backs share boxes."""
    footers: dict[tuple[str, str, str], TextBox] = field(default_factory=dict)
    """Credit lines already laid out: the renderer draws a shared box once, as a form."""
    logo_checked: bool = False
    logo_file: ImageFile | None = None
    """The pack's logo, inspected once per document (layout/logo.py)."""
    logo_widths: list[float] = field(default_factory=list)
    """How wide the logo is printed on each page that has it, to judge its resolution once."""
    code_warned: bool = False
    """Whether a QR code too dense to read has been reported (once per document)."""
    styles: dict[tuple[Any, ...], tuple[Style, LayoutSpec, Pack]] = field(default_factory=dict)
    """Text styles already made, by what they were made from (layout/styles.py)."""
    label_index: LabelIndex = field(default_factory=LabelIndex)
    """The translated labels by their text, made when first asked for (layout/sources.py)."""

    def __post_init__(self) -> None:
        if not self.credit:
            self.credit = notices.pack_credit(self.pack)
        # Cards an adaptation changed or added say so in their own credit line.
        self.card_credits = {**notices.card_credits(self.pack), **self.card_credits}

    @property
    def labels(self) -> Labels:
        """The pack's printed words."""
        return self.pack.labels

    @property
    def writer(self) -> Writer:
        """Makes runs in the pack's language, for text the layout adds (credit lines, folios)."""
        return writer(self.pack.labels, self.pack.info.language)

    def style(self, **kw: object) -> Style:
        """A text style in the layout's font and text colour, with overrides."""
        base: dict[str, object] = {"family": self.spec.font, "colour": self.spec.colours.text,
                "lang": self.pack.info.language, "home": self.pack.info.language}
        base.update(kw)
        return Style(**base)  # type: ignore[arg-type]

    def where(self, card_id: str | None, field: str = "") -> tuple[str, int | None] | None:
        """File and line where a card (or one of its fields) was defined, for messages."""
        loc = self.pack.locations.get(card_id) if card_id else None
        return (loc.path, loc.at(field) if field else loc.line) if loc else None


