"""The bundled fonts: the family table (fonts/fonts.yaml), registration with ReportLab, metrics."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from activate_pack.errors import PackError, nearest

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
TABLE_FILE = FONT_DIR / "fonts.yaml"
STYLES = ("regular", "bold", "italic", "bolditalic")

_IGNORED = frozenset("\n\r\t\u200b\u00ad")
"""Characters that are never drawn, so a font need not have them."""


@dataclass(frozen=True, slots=True)
class Family:
    """One bundled font family, as the table describes it."""

    name: str
    files: Mapping[str, str]
    """Style ('regular', 'bold', 'italic', 'bolditalic') → file name in FONT_DIR."""
    scripts: tuple[str, ...]
    """ISO 15924 codes of the scripts the family covers, e.g. ('Latn',)."""
    line_height: float
    fallbacks: tuple[str, ...]

    def path(self, style: str) -> Path:
        """The font file of one style."""
        return FONT_DIR / self.files[style]


class UnknownFontFamily(PackError):
    """A font family that is not bundled."""


def _family(name: str, entry: Mapping[str, Any]) -> Family:
    """A table entry as a Family, refusing one that lacks a style or names an odd field."""
    files = dict(entry["files"])
    missing = [style for style in STYLES if style not in files]
    if missing or set(files) - set(STYLES):
        raise ValueError(f"{TABLE_FILE}: family {name!r} needs files for exactly "
                         f"{', '.join(STYLES)}")
    return Family(name, MappingProxyType(files), tuple(entry.get("scripts", ())),
                  float(entry.get("line_height", 1.25)), tuple(entry.get("fallbacks", ())))


def _read(path: Path) -> Any:
    """A font table file's data, parsed once while it is unchanged (it is read as the
    program starts, and by each of the two tables made from it)."""
    found = path.stat()
    return _parsed(path, found.st_mtime_ns, found.st_size)


@lru_cache(maxsize=4)
def _parsed(path: Path, mtime_ns: int, size: int) -> Any:
    # In C where PyYAML has it: a twentieth of the time of its Python parser.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def load_table(path: Path = TABLE_FILE) -> tuple[str, dict[str, Family]]:
    """Read a font table: its default family's name and every family by name."""
    data = _read(path)
    families = {name: _family(name, entry) for name, entry in data["families"].items()}
    default = data["default"]
    for family in families.values():
        for other in (default, *family.fallbacks):
            if other not in families:
                raise ValueError(f"{path}: {other!r} is not a family in the table")
    return default, families


DEFAULT_FAMILY, _TABLE = load_table()
"""The family used when a layout names none, and every bundled family."""


def _script_table(path: Path = TABLE_FILE) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    data = _read(path)
    scripts, languages = dict(data.get("scripts", {})), dict(data.get("languages", {}))
    for name in [*scripts.values(), *(f for v in languages.values() for f in v.values())]:
        if name not in _TABLE:
            raise ValueError(f"{path}: {name!r} is not a family in the table")
    return scripts, languages


SCRIPT_FAMILIES, LANGUAGE_FAMILIES = _script_table()
"""Script (ISO 15924) → family that sets it; language → its own choices per script."""


def script_family(script: str, lang: str | None, latin_family: str,
                  home: str | None = None) -> str:
    """The family that sets ``script`` in text of language ``lang`` (Latin: the layout's).

    A language the table gives no family for ``script`` (English, for Arabic letters) takes
    the choice of ``home``, the language of the document the text is in: an Urdu pack's title
    on a card left in English is Nastaliq, as on every other page of the Urdu pack.
    """
    for tag in (lang, home):
        chosen = LANGUAGE_FAMILIES.get((tag or "").split("-")[0].lower(), {}).get(script)
        if chosen:
            return chosen
    return SCRIPT_FAMILIES.get(script) or latin_family


FAMILIES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {name: family.files for name, family in _TABLE.items()})
"""Bundled families: family → style → file name (in FONT_DIR)."""


def family_names() -> tuple[str, ...]:
    """Names of the bundled font families, the default first."""
    return (DEFAULT_FAMILY, *(name for name in _TABLE if name != DEFAULT_FAMILY))


def family(name: str) -> Family:
    """The bundled family called ``name``; an unknown name raises UnknownFontFamily."""
    try:
        return _TABLE[name]
    except KeyError:
        guess = nearest(name, _TABLE)
        hint = f"; did you mean {guess!r}?" if guess else ""
        raise UnknownFontFamily(f"unknown font family {name!r}; the bundled families are "
                                f"{', '.join(family_names())}{hint}") from None


@lru_cache(maxsize=None)
def font_name(family_name: str, bold: bool = False, italic: bool = False) -> str:
    """Register (once) and return the ReportLab name of a bundled font style."""
    files = family(family_name)
    style = ("bold" if bold else "") + ("italic" if italic else "") or "regular"
    name = f"{family_name}-{style}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(files.path(style))))
    return name


@lru_cache(maxsize=None)
def _drawable(name: str) -> frozenset[str]:
    """The characters the registered font ``name`` draws, and those no font needs to."""
    return frozenset(map(chr, pdfmetrics.getFont(name).face.charToGlyph)) | _IGNORED


def undrawable(text: str) -> set[str]:
    """Characters of ``text`` that no bundled font draws, whatever script it is set in."""
    missing = set(text) - _IGNORED
    for name in family_names():
        if not missing:
            break
        missing -= _drawable(font_name(name))
    return missing


def missing_glyphs(text: str, name: str) -> set[str]:
    """Characters of ``text`` that the registered font ``name`` cannot draw."""
    return set(text) - _drawable(name)


@lru_cache(maxsize=65536)
def unit_width(text: str, name: str) -> float:
    """Advance width of ``text`` at size 1, in points."""
    return pdfmetrics.stringWidth(text, name, 1.0)


def width(text: str, name: str, size: float) -> float:
    """Advance width of ``text`` in points."""
    return unit_width(text, name) * size


def ascent(name: str) -> float:
    """Ascent of the font as a fraction of the size."""
    return pdfmetrics.getFont(name).face.ascent / 1000.0
