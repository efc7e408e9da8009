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


@dataclass(frozen=True)
class BundledWork:
    """Something made by others that every pack prints (the icons), and its credit."""

    name: str
    licence: str
    url: str


ICONS = BundledWork("Lucide", "ISC License", "https://lucide.dev")
"""The icon set in the package's icons/ folder (icons/SOURCES.md): its ISC licence asks that
its notice travel with copies, which the colophon, the about card and the site's credits give."""


def licence(licence_id: str) -> LicenceInfo:
    """Look up a licence by id; raise KeyError with the valid ids listed."""
    try:
        return LICENCES[licence_id]
    except KeyError:
        raise KeyError(f"unknown licence {licence_id!r}; use one of: "
                       + ", ".join(LICENCES)) from None


_WORDS = {"ATTRIBUTION": "BY", "SHAREALIKE": "SA", "NONCOMMERCIAL": "NC",
          "NODERIVATIVES": "ND", "NODERIVS": "ND", "ZERO": "0"}
"""Licence words people write for the letters of a licence's id."""


def meant(text: str) -> str | None:
    """The licence id that a loosely written licence means ('CC BY' -> 'CC-BY-4.0'), or None.

    Case, spaces, hyphens and a missing version are forgiven; another version than 4.0 is not
    guessed at, since that is a different licence.
    """
    import re

    words = re.sub(r"CREATIVE\s*COMMONS", "CC", str(text).upper().replace("SHARE ALIKE",
                   "SHAREALIKE").replace("NON COMMERCIAL", "NONCOMMERCIAL"))
    tokens = [_WORDS.get(t, t) for t in re.findall(r"[A-Z0]+|\d+(?:\.\d+)*", words)]
    tokens = [t for t in tokens if t not in ("INTERNATIONAL", "LICENSE", "LICENCE")]
    if tokens[:2] == ["CC", "0"] or tokens[:1] == ["CC0"]:
        rest = tokens[2:] if tokens[:2] == ["CC", "0"] else tokens[1:]
        return "CC0-1.0" if rest in ([], ["1"], ["1.0"]) else None
    if tokens[:1] == ["CC"]:
        tokens = tokens[1:]
    version = tokens.pop() if tokens and tokens[-1][0].isdigit() else "4.0"
    if version not in ("4", "4.0") or "BY" not in tokens:
        return None
    parts = [p for p in ("BY", "NC", "ND", "SA") if p in tokens]
    if len(parts) != len(set(tokens)) or ("ND" in parts and "SA" in parts):
        return None
    found = f"CC-{'-'.join(parts)}-4.0"
    return found if found in LICENCES else None


def unknown(text: str) -> str:
    """The message for a licence that is not in the table: a guess if there is one, and the list."""
    guess = meant(text)
    hint = f" (did you mean {guess}?)" if guess else ""
    return f"unknown licence {text!r}{hint}; use one of: {', '.join(LICENCES)}"


def usable_in(pack_id: str) -> list[str]:
    """The licences whose material a pack licensed ``pack_id`` may use as it is."""
    return [lic for lic in LICENCES if adaptation_refusal(lic, pack_id, advise=False) is None]


def adaptation_refusal(base_id: str, adapted_id: str, subject: str = "the base pack",
                       advise: bool = True) -> str | None:
    """Why material under ``base_id`` may not be shared adapted under ``adapted_id``, or None.

    The rules of the CC 4.0 licences, reduced to what a pack needs: NoDerivatives forbids
    sharing adaptations; ShareAlike ties the adaptation to the same licence; NonCommercial may
    never be dropped; BY and CC0 allow any licence. ``advise`` adds which licence to choose
    instead, which is advice for a pack's own licence, not for a picture in it: a pack cannot
    change its licence to suit one picture (an adaptation of a ShareAlike pack cannot at all).
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
        if not advise:
            return (f"{subject} is licensed {base.short_name}, so it may not be used "
                    f"commercially, while the pack's licence, {adapted.short_name}, lets anyone "
                    "use the pack commercially")
        return (f"{subject} is licensed {base.short_name}, so it may not be used "
                f"commercially; {adapted.short_name} would allow commercial use, so choose a "
                "NonCommercial licence (CC-BY-NC-4.0, CC-BY-NC-SA-4.0 or CC-BY-NC-ND-4.0)")
    return None
