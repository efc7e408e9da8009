"""The bundled fonts as web fonts: files, the characters each is for, and the stacks."""

from __future__ import annotations

from collections.abc import Set
from functools import lru_cache

from activate_pack.text import FAMILIES, FONT_DIR, family_names


def font_files() -> dict[str, tuple[str, str, str, bytes]]:
    """Every bundled font for @font-face: file name → (family, weight, style, bytes).

    Every family goes on the page, not the Latin one alone: a reader's device may have no font
    for Urdu, Gurmukhi or Bengali, and the page must not show empty boxes.
    """
    found: dict[str, tuple[str, str, str, bytes]] = {}
    for family in family_names():
        for style, file in FAMILIES[family].items():
            weight = "700" if "bold" in style else "400"
            slant = "italic" if "italic" in style else "normal"
            if slant == "italic" and "Italic" not in file:
                continue  # a family without italics: the browser slants the upright itself
            found.setdefault(file, (css_family(family), weight, slant, (FONT_DIR / file).read_bytes()))
    return found


@lru_cache(maxsize=None)
def covered(file: str) -> frozenset[int]:
    """The characters a bundled font has."""
    import uharfbuzz as hb

    return frozenset(hb.Face(hb.Blob.from_file_path(str(FONT_DIR / file))).unicodes)


@lru_cache(maxsize=1)
def unicode_ranges() -> dict[str, str]:
    """Each bundled font's CSS ``unicode-range``: the characters the page takes from it.

    A browser fetches a font only for characters in its range. The Latin family comes first
    in every stack, so the other scripts' ranges leave out what it has: an English page then
    fetches no Arabic, Bengali or Gurmukhi font, and an Urdu page no Bengali one.
    """
    first = family_names()[0]
    # Control characters and the soft hyphen are in every font and never need one fetched.
    latin = set(range(0x20)) | {0xAD} | set().union(*(covered(f) for f in FAMILIES[first].values()))
    found: dict[str, str] = {}
    for name in family_names():
        for file in FAMILIES[name].values():
            if file not in found:
                found[file] = css_ranges(covered(file) - (latin if name != first else set()))
    return found


def css_ranges(points: Set[int]) -> str:
    """Code points as a CSS ``unicode-range`` value: 'U+20-7E, U+A0, …'."""
    spans: list[list[int]] = []
    for point in sorted(points):
        if spans and point == spans[-1][1] + 1:
            spans[-1][1] = point
        else:
            spans.append([point, point])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in spans)


def css_family(family: str) -> str:
    """The name a bundled family has in the stylesheet (its own, so no installed font is used)."""
    return f"activate-{family}"


def script_families(samples: dict[str, str] | None = None) -> dict[str, list[str]]:
    """The families each language's own script comes from, best first, by primary tag.

    Urdu's are the font table's (Nastaliq, then Naskh). Each other language in ``samples``
    (tag → words in it, such as its name) takes the families that have all its letters.
    """
    from activate_pack.text.fonts import LANGUAGE_FAMILIES

    chosen = {lang: list(picked.values()) for lang, picked in LANGUAGE_FAMILIES.items()}
    for tag, sample in (samples or {}).items():
        lang = tag.split("-")[0].lower()
        letters = _letters(sample)
        if lang not in chosen and letters:
            chosen[lang] = [f for f in family_names()[1:]
                            if letters <= covered(FAMILIES[f]["regular"])]
    return chosen


def _letters(text: str) -> set[int]:
    """The characters of ``text`` the Latin family does not have."""
    latin = covered(FAMILIES[family_names()[0]]["regular"])
    return {ord(c) for c in text if not c.isspace() and ord(c) not in latin}


def name_fonts(names: dict[str, str]) -> list[dict[str, object]]:
    """Tiny fonts for the languages' names (tag → name), one for each language whose name
    the Latin family cannot show: its primary tag ``lang``, ``file``, CSS ``family``, ``data``
    and ``range``.

    Every page lists every language by its own name. With these few-kilobyte subsets, a page
    shows each name in its script on any device without fetching whole fonts for scripts it
    does not otherwise use.
    """
    import uharfbuzz as hb

    chosen = script_families(names)
    found: list[dict[str, object]] = []
    for tag, name in names.items():
        lang = tag.split("-")[0].lower()
        letters = _letters(name)
        if not chosen.get(lang) or not letters:
            continue
        file = FAMILIES[chosen[lang][0]]["regular"]
        wanted = hb.SubsetInput()
        for point in letters:
            wanted.unicode_set.add(point)
        face = hb.subset(hb.Face(hb.Blob.from_file_path(str(FONT_DIR / file))), wanted)
        found.append({"lang": lang, "file": f"name-{lang}.ttf", "family": f"activate-name-{lang}",
                      "data": bytes(face.blob.data), "range": css_ranges(letters)})
    return found


def font_stacks(samples: dict[str, str] | None = None) -> dict[str, list[str]]:
    """The CSS font-family list for the page, and for languages whose script has its own face.

    Latin first, then each script's family: the browser takes each character from the first
    font that has it, so Bengali takes its danda from the Bengali font, not the Gurmukhi one
    (see :func:`script_families` for ``samples``).
    """
    base = [css_family(f) for f in family_names()]
    stacks = {"": base}
    for lang, own_names in script_families(samples).items():
        own = [css_family(f) for f in own_names]
        if own:
            stacks[lang] = [base[0], *own, *(n for n in base[1:] if n not in own)]
    return stacks


def font_licence() -> bytes:
    """The fonts' licences (SIL Open Font License), shipped beside them as they ask."""
    return b"\n\n".join((FONT_DIR / name).read_bytes() for name in ("OFL.txt", "OFL-Noto.txt"))
