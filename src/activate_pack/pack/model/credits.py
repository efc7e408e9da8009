"""Credits of pictures: every image names its author and a licence the pack may use it under.

A picture whose licence does not fit the pack's (an ND picture in a BY-SA pack, say) may still
be used with the owner's permission: it is then marked ``exception: true`` and the colophon
lists it, "except where otherwise noted". A pack's logo follows the same rules: it is usually
an organisation's own mark, shared under no licence at all, and ``exception: true`` is how the
colophon says it is not covered by the pack's licence.
"""

from __future__ import annotations

from typing import Any

from activate_pack.errors import Problems
from activate_pack.pack.model.licences import LICENCES, adaptation_refusal, licence, unknown, usable_in
from activate_pack.pack.model.pack import ImageCredit, Location, Logo, PackInfo


def check_images(cards: dict[str, list[Any]], info: PackInfo, locations: dict[str, Location],
                 problems: Problems, logo: Logo | None = None) -> tuple[ImageCredit, ...]:
    """Record a problem for each picture (and the logo) without a usable credit; return the
    exceptions, the logo's last."""
    exceptions: list[ImageCredit] = []
    for folder in cards.values():
        for card in folder:
            if card.image is None:
                continue
            where = locations.get(card.id)
            path, line = (where.path, where.at("image")) if where else (None, None)
            if card.image.credit is None:
                problems.add("image: say who made this picture and its licence, under "
                             "'credit:' with 'author:' and 'licence:' (the licence asks every "
                             "picture to be credited)", path, line, card=card.id)
                continue
            _check_credit(card.image.credit, "image", "picture", info, exceptions, problems,
                          path, where.at("image.credit.licence") if where else None, card.id)
    if logo is not None:
        path, line = logo.location.path, logo.location.line
        if logo.image.credit is None:
            problems.add("logo: say who owns this logo and on what terms, under 'credit:'. For "
                         "your own organisation's logo write, for example, credit: {title: Logo, "
                         "author: Your Group, licence: All rights reserved, exception: true}; the colophon then says the logo is not shared under the pack's "
                         "licence", path, line)
        else:
            _check_credit(logo.image.credit, "logo", "logo", info, exceptions, problems, path,
                          line, None)
    return tuple(exceptions)


def _check_credit(credit: ImageCredit, field: str, thing: str, info: PackInfo,
                  exceptions: list[ImageCredit], problems: Problems, path: str | None,
                  line: int | None, card: str | None) -> None:
    """One image's credit: an exception is listed; otherwise its licence must fit the pack's."""
    if credit.exception:
        exceptions.append(credit)
        return
    if credit.licence not in LICENCES:
        problems.add(f"{field}.credit.licence: {unknown(credit.licence)}, or mark the {thing} "
                     "'exception: true' "
                     "if you have permission to use it on other terms", path, line, card=card)
        return
    reason = adaptation_refusal(credit.licence, info.licence, "it", advise=False)
    if reason:
        fits = [licence(i).short_name for i in usable_in(info.licence)]
        problems.add(f"{field}.credit.licence: this {thing} cannot be used in this pack under "
                     f"its own licence: {reason}. Use another {thing}, or ask its author for "
                     f"permission to use it in this pack, or for a licence that fits "
                     f"({', '.join(fits)}); with permission, mark it 'exception: true' "
                     "(the colophon will then list it)", path, line, card=card)
