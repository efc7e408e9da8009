"""Credits of pictures: every image names its author and a licence the pack may use it under.

A picture whose licence does not fit the pack's (an ND picture in a BY-SA pack, say) may still
be used with the owner's permission: it is then marked ``exception: true`` and the colophon
lists it, "except where otherwise noted".
"""

from __future__ import annotations

from typing import Any

from activate_pack.errors import Problems
from activate_pack.licences import LICENCES, adaptation_refusal
from activate_pack.model import ImageCredit, Location, PackInfo


def check_images(cards: dict[str, list[Any]], info: PackInfo, locations: dict[str, Location],
                 problems: Problems) -> tuple[ImageCredit, ...]:
    """Record a problem for each picture without a usable credit; return the exceptions."""
    exceptions: list[ImageCredit] = []
    for folder in cards.values():
        for card in folder:
            if card.image is None:
                continue
            where = locations.get(card.id)
            path, line = (where.path, where.line) if where else (None, None)
            credit = card.image.credit
            if credit is None:
                problems.add("image: say who made this picture and its licence, under "
                             "'credit:' with 'author:' and 'licence:' (the licence asks every "
                             "picture to be credited)", path, line, card=card.id)
                continue
            if credit.exception:
                exceptions.append(credit)
                continue
            if credit.licence not in LICENCES:
                problems.add(f"image.credit.licence: unknown licence {credit.licence!r}; use one "
                             f"of: {', '.join(LICENCES)}, or mark the picture 'exception: true' "
                             "if you have permission to use it on other terms", path, line,
                             card=card.id)
                continue
            reason = adaptation_refusal(credit.licence, info.licence, "this picture")
            if reason:
                problems.add(f"image.credit.licence: {credit.licence} cannot be used in a pack "
                             f"licensed {info.licence}: {reason}; choose another picture, or "
                             "mark it 'exception: true' if the owner allows it (the colophon "
                             "will then list it)", path, line, card=card.id)
    return tuple(exceptions)
