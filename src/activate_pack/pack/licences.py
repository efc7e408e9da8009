"""The Creative Commons licences: one table of facts, and the rules for adapting them.

The printed attribution is composed from the pack's labels (compose/notices.py)."""

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


def adaptation_refusal(base_id: str, adapted_id: str, subject: str = "the base pack") -> str | None:
    """Why material under ``base_id`` may not be shared adapted under ``adapted_id``, or None.

    The rules of the CC 4.0 licences, reduced to what a pack needs: NoDerivatives forbids
    sharing adaptations; ShareAlike ties the adaptation to the same licence; NonCommercial may
    never be dropped; BY and CC0 allow any licence.
    """
    base, adapted = licence(base_id), licence(adapted_id)
    if not base.adaptations_allowed:
        return (f"{subject} is licensed {base.short_name}, a NoDerivatives licence, so "
                "adapted versions of it may not be shared at all")
    if base.share_alike and adapted.id != base.id:
        if not adapted.share_alike or not adapted.adaptations_allowed:
            return (f"{subject} is licensed {base.short_name}, whose ShareAlike condition "
                    f"means an adaptation must use {base.short_name} too, not "
                    f"{adapted.short_name}")
        if adapted.non_commercial and not base.non_commercial:
            return (f"{subject} is licensed {base.short_name}, which lets anyone use it "
                    f"commercially; adding NonCommercial ({adapted.short_name}) would take that "
                    f"away, and ShareAlike requires {base.short_name}")
        return (f"{subject} is licensed {base.short_name}, whose ShareAlike and "
                f"NonCommercial conditions mean an adaptation must use {base.short_name} too, "
                f"not {adapted.short_name}")
    if base.non_commercial and not adapted.non_commercial:
        return (f"{subject} is licensed {base.short_name}, so it may not be used "
                f"commercially; {adapted.short_name} would allow commercial use, so choose a "
                "NonCommercial licence (CC-BY-NC-4.0, CC-BY-NC-SA-4.0 or CC-BY-NC-ND-4.0)")
    return None
