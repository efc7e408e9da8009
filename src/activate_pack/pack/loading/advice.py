"""Advice on a loaded pack that is not a rule of the model: descriptions, stand-in names."""

from __future__ import annotations

from pathlib import Path

from activate_pack.errors import Problems
from activate_pack.pack.model.pack import Pack
from activate_pack.pack.sources.paths import PACK_FILE

PLACEHOLDER = "Our group (put your group's name here)"
"""The group name ``new`` writes when none is given; a warning until it is replaced."""


def alt_text(pack: Pack, problems: Problems) -> None:
    """Warn about pictures (and a logo) without a description for people who cannot see them."""
    for card in pack.cards:
        if card.image is not None and not (card.image.alt or "").strip():
            where = pack.locations.get(card.id)
            problems.add("image.alt: this picture has no description; add 'alt:' with a few "
                         "words saying what it shows, for people who cannot see it",
                         where.path if where else None, where.at("image.alt") if where else None,
                         card=card.id, severity="warning")
    logo = pack.logo
    if logo is not None and not (logo.image.alt or "").strip():
        problems.add("logo.alt: the logo has no description; add 'alt:' saying whose logo it "
                     "is, for people who cannot see it", logo.location.path,
                     logo.location.line, severity="warning")


def placeholders(pack_dir: Path, problems: Problems) -> None:
    """Warn about the stand-in group name that ``new`` writes when no organisation is given."""
    text = (pack_dir / PACK_FILE).read_text(encoding="utf-8", errors="replace")
    found = [number for number, line in enumerate(text.splitlines(), 1)
             if PLACEHOLDER in line and not line.lstrip().startswith("#")]
    if found:  # one stand-in, written in several places: one message naming them all
        also = (f" (and on line{'s' * (len(found) > 2)} "
                f"{', '.join(map(str, found[1:-1]))}{' and ' * (len(found) > 2)}{found[-1]})"
                if len(found) > 1 else "")
        problems.add(f"'{PLACEHOLDER}' is still here{also}: put the name of your group or "
                     "organisation instead, in every place, so the credits name you", PACK_FILE,
                     found[0], severity="warning")
