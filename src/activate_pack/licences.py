"""The Creative Commons licences: one table, and the attribution text built from it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LicenceInfo:
    """Facts about one Creative Commons licence."""

    id: str
    """SPDX-style identifier, e.g. ``CC-BY-SA-4.0``."""
    name: str
    """Full name, e.g. 'Creative Commons Attribution-ShareAlike 4.0 International'."""
    short_name: str
    """Short name printed on cards, e.g. 'CC BY-SA 4.0'."""
    deed_url: str
    """Human-readable summary (the 'deed')."""
    legal_code_url: str
    """The full legal text."""
    adaptations_allowed: bool
    """False for NoDerivatives licences: adapted material may not be shared."""
    share_alike: bool
    """Adaptations must be shared under the same licence."""
    non_commercial: bool
    """Commercial use is not allowed."""


def _cc4(code: str, words: str) -> LicenceInfo:
    slug = code.lower()
    url = f"https://creativecommons.org/licenses/{slug}/4.0/"
    return LicenceInfo(
        id=f"CC-{code}-4.0",
        name=f"Creative Commons {words} 4.0 International",
        short_name=f"CC {code} 4.0",
        deed_url=url,
        legal_code_url=url + "legalcode",
        adaptations_allowed="ND" not in code,
        share_alike="SA" in code,
        non_commercial="NC" in code,
    )


LICENCES: dict[str, LicenceInfo] = {
    lic.id: lic
    for lic in (
        _cc4("BY", "Attribution"),
        _cc4("BY-SA", "Attribution-ShareAlike"),
        _cc4("BY-ND", "Attribution-NoDerivatives"),
        _cc4("BY-NC", "Attribution-NonCommercial"),
        _cc4("BY-NC-SA", "Attribution-NonCommercial-ShareAlike"),
        _cc4("BY-NC-ND", "Attribution-NonCommercial-NoDerivatives"),
        LicenceInfo(
            id="CC0-1.0",
            name="Creative Commons CC0 1.0 Universal",
            short_name="CC0 1.0",
            deed_url="https://creativecommons.org/publicdomain/zero/1.0/",
            legal_code_url="https://creativecommons.org/publicdomain/zero/1.0/legalcode",
            adaptations_allowed=True,
            share_alike=False,
            non_commercial=False,
        ),
    )
}


def licence(licence_id: str) -> LicenceInfo:
    """Look up a licence by id; raise KeyError with the valid ids listed."""
    try:
        return LICENCES[licence_id]
    except KeyError:
        raise KeyError(f"unknown licence {licence_id!r}; use one of: "
                       + ", ".join(LICENCES)) from None


def author_names(names: list[str]) -> str:
    """Authors joined for a credit line: 'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def credit_line(title: str, authors: list[str], licence_id: str) -> str:
    """The credit printed on every page: title · author · licence short name · licence URL."""
    lic = licence(licence_id)
    return f"{title} · {author_names(authors)} · {lic.short_name} · {lic.deed_url}"
