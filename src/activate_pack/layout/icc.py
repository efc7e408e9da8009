"""Colour management for ``--cmyk``: screen colours and pictures into one press condition's inks.

Conversions go through littleCMS (Pillow's ``ImageCms``) from sRGB, or from a picture's own
embedded profile, to the bundled CMYK profile for coated offset paper (FOGRA39, see
``profiles/SOURCES.md``). The same profile is embedded in the PDF as its output intent, so the
press and the preflight know which condition the numbers were made for.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from activate_pack.pack.sources.images import shrink

PROFILE_DIR = Path(__file__).resolve().parent.parent / "profiles"
PROFILE_FILE = PROFILE_DIR / "FOGRA39-activate-pack.icc"


@dataclass(frozen=True)
class PressCondition:
    """The characterised printing condition the inks are made for, as a PDF/X output intent names it."""

    identifier: str
    condition: str
    registry: str
    info: str
    profile: Path


PRESS = PressCondition(
    identifier="FOGRA39",
    condition="Offset printing on coated paper (ISO 12647-2:2004/Amd 1, paper type 1 or 2)",
    registry="http://www.color.org",
    info="Coated FOGRA39 (ISO 12647-2:2004), profile made with ArgyllCMS from FOGRA39L data",
    profile=PROFILE_FILE,
)
"""The one press condition ``--cmyk`` prints for."""


class PictureError(ValueError):
    """A picture that cannot be converted to the press's inks; the message says why."""


@lru_cache(maxsize=1)
def _press() -> ImageCms.ImageCmsProfile:
    return ImageCms.getOpenProfile(str(PRESS.profile))


@lru_cache(maxsize=1)
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@lru_cache(maxsize=4)
def _to_press(intent: ImageCms.Intent) -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(_srgb(), _press(), "RGB", "CMYK", renderingIntent=intent,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


@lru_cache(maxsize=1)
def _black_ramp() -> tuple[float, ...]:
    """Lightness (L*) of black ink alone at 0, 1, … 100 percent on the press's paper."""
    lab = ImageCms.createProfile("LAB", 5000)
    to_lab = ImageCms.buildTransform(_press(), lab, "CMYK", "LAB",
                                     renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    ramp = Image.new("CMYK", (101, 1))
    ramp.putdata([(0, 0, 0, round(k * 255 / 100)) for k in range(101)])
    out = ImageCms.applyTransform(ramp, to_lab)
    assert out is not None  # a new image, not in place
    return tuple(out.getpixel((k, 0))[0] * 100 / 255 for k in range(101))  # type: ignore[index]


def _grey_black(value: int) -> float:
    """The black ink percentage that prints an sRGB grey at its own lightness."""
    lab = ImageCms.createProfile("LAB", 5000)
    to_lab = ImageCms.buildTransform(_srgb(), lab, "RGB", "LAB")
    grey = ImageCms.applyTransform(Image.new("RGB", (1, 1), (value,) * 3), to_lab)
    assert grey is not None  # a new image, not in place
    lightness = grey.getpixel((0, 0))[0] * 100 / 255  # type: ignore[index]
    return _black_for(lightness)


@lru_cache(maxsize=1024)
def srgb_to_inks(colour: str) -> tuple[float, float, float, float]:
    """CMYK percentages for a '#RRGGBB' colour on the press; neutral greys in black ink alone.

    Greys keep to one ink so that thin lines and small text in grey cannot be blurred by the
    plates' misregistration; their black is chosen to print at the grey's own lightness.
    """
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    if r == g == b:
        return (0.0, 0.0, 0.0, _grey_black(r))
    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), (r, g, b)),
                                    _to_press(ImageCms.Intent.RELATIVE_COLORIMETRIC))
    return tuple(round(v * 100 / 255, 1) for v in pixel.getpixel((0, 0)))  # type: ignore[return-value, union-attr]


def _source_profile(image: Image.Image) -> ImageCms.ImageCmsProfile | None:
    data = image.info.get("icc_profile")
    if not data:
        return None
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError) as exc:
        raise PictureError(f"its embedded colour profile cannot be read ({exc})") from None


def picture_to_press(path: str | Path, box: tuple[float, float] | None = None
                     ) -> tuple[Image.Image, Image.Image | None]:
    """A picture as CMYK pixels for the press, and its transparency (an 'L' mask) if any;
    with ``box`` (points), no more pixels than drawing it there needs in print.

    Raises PictureError saying why a picture cannot be converted.
    """
    try:
        with Image.open(path) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened)  # upright, as the photo was taken
            image.info = dict(opened.info)
            if box is not None:
                image = shrink(image, *box)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PictureError(f"it cannot be read ({exc})") from None
    profile = _source_profile(image)
    alpha: Image.Image | None = None
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        alpha = image.getchannel("A")
        image = image.convert("RGB" if image.mode != "LA" else "L")
    if image.mode in ("1", "I", "I;16", "I;16B", "I;16L", "F"):
        image = image.convert("L")
    if alpha is not None and alpha.getextrema() == (255, 255):
        alpha = None  # fully opaque: no mask needed
    if image.mode == "CMYK" and profile is None:
        return image, alpha  # inks already: assumed to be made for this press
    if image.mode not in ("RGB", "L", "CMYK"):
        raise PictureError(f"its colour mode {image.mode} is not supported")
    source = profile or _srgb()
    if image.mode == "L" and profile is None:
        image = image.convert("RGB")
    try:
        transform = ImageCms.buildTransform(source, _press(), image.mode, "CMYK",
                                            renderingIntent=ImageCms.Intent.PERCEPTUAL,
                                            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
        converted = ImageCms.applyTransform(image, transform)
    except ImageCms.PyCMSError as exc:
        raise PictureError(f"its colour profile does not fit its {image.mode} pixels ({exc})") \
            from None
    assert converted is not None
    return converted, alpha


def black_matching(inks: tuple[float, float, float, float]) -> float:
    """The black ink percentage that prints as light (L*) as the mix ``inks`` (percentages)."""
    lab = ImageCms.createProfile("LAB", 5000)
    to_lab = ImageCms.buildTransform(_press(), lab, "CMYK", "LAB",
                                     renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    pixel = Image.new("CMYK", (1, 1), tuple(round(v * 255 / 100) for v in inks))
    mixed = ImageCms.applyTransform(pixel, to_lab)
    assert mixed is not None  # a new image, not in place
    lightness = mixed.getpixel((0, 0))[0] * 100 / 255  # type: ignore[index]
    return _black_for(lightness)


def _black_for(lightness: float) -> float:
    """The black ink percentage that prints at ``lightness`` (L*) on the press's paper."""
    ramp = _black_ramp()
    if lightness >= ramp[0]:
        return 0.0
    for k in range(1, 101):
        if ramp[k] <= lightness:  # interpolate between k - 1 and k
            span = ramp[k - 1] - ramp[k]
            return round(k - 1 + ((ramp[k - 1] - lightness) / span if span else 1), 1)
    return 100.0
