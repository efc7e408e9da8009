"""Pictures on cards: find them safely inside the pack, open them safely, and judge them for print.

A pack may come from a stranger, so an image path must stay inside the pack's ``content/``
folder (no absolute paths, no ``..``, no links leading out), and a file is opened with Pillow's
decompression-bomb limit enforced before a single pixel is decoded.
"""

from __future__ import annotations

import math
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from activate_pack.errors import Problems
from activate_pack.pack.sources.gate import Refused, check_path

MAX_IMAGE_BYTES = 20 * 1024 * 1024
"""An image file larger than this is refused: a card picture never needs more."""

MAX_IMAGE_PIXELS = 89_478_485
"""Pillow's own decompression-bomb limit (about 9,500 × 9,500 pixels), enforced as an error."""

PRINT_PPI = 300
"""Below this many pixels per inch at the size it is printed, a picture looks soft."""

SCREEN_PPI = 150
"""Pixels per inch a picture keeps in a file made for reading on screens: a phone or laptop
shows an A6 card well short of this, and the file is a fraction of the print file's size."""

EXIF_ORIENTATION = 0x0112
"""The EXIF tag saying how a photo must be turned to stand upright."""
SIDEWAYS = (5, 6, 7, 8)
"""EXIF orientations that turn a photo a quarter turn: its width and height swap."""

FORMATS = {"PNG": "PNG", "JPEG": "JPEG"}
"""Formats ReportLab embeds faithfully; anything else must be converted first."""
SUFFIXES = (".png", ".jpg", ".jpeg")
"""File endings of pictures, for suggesting the one meant when a name is misspelt."""


@dataclass(frozen=True)
class ImageFile:
    """An image that passed every check: its real path and size in pixels."""

    path: Path
    width: int
    height: int


@dataclass(frozen=True)
class _Verdict:
    image: ImageFile | None
    message: str | None


def placed_size(image: ImageFile, w: float, h: float) -> tuple[float, float]:
    """The size (points) of the image scaled to fit w × h without changing its proportions."""
    scale = min(w / image.width, h / image.height)
    return image.width * scale, image.height * scale


def ppi(image: ImageFile, placed_w: float) -> float:
    """Pixels per inch of the image when printed ``placed_w`` points wide."""
    return image.width / (placed_w / 72.0) if placed_w > 0 else float("inf")


def resolve(root: Path, file: str) -> tuple[Path | None, str | None]:
    """The image's path inside ``root``/content, or None and the reason it is refused."""
    text = file.strip()
    if not text:
        return None, "image.file: give the path of the picture, such as 'images/park.jpg'"
    try:
        return check_path(root, text, "content"), None
    except FileNotFoundError:
        return root / "content" / PurePosixPath(text.replace("\\", "/")), None
    except Refused as exc:
        if str(exc).startswith("is a folder"):
            return None, f"image.file: content/{file} is a folder, not a picture"
        return None, f"image.file: '{file}' {exc}"


def inspect(root: Path, file: str,
            field: str = "image.file") -> tuple[ImageFile | None, str | None]:
    """Check an image for use on a card: the image, or None and what is wrong with it.

    ``field`` names the YAML field the message starts with ('logo.file' for a pack's logo).
    """
    image, message = _checked(root, file)
    if message is not None and field != "image.file":
        message = field + message.removeprefix("image.file")
    return image, message


def _nearby(path: Path, file: str) -> str | None:
    """A picture next to where one was looked for, with a name like the one written."""
    from activate_pack.errors import nearest

    try:
        names = [p.name for p in path.parent.iterdir() if p.suffix.lower() in SUFFIXES]
    except OSError:
        return None
    # Capital letters count on the machines that build packs for the web, though not on a
    # Windows or Mac laptop: 'River.JPG' is the likeliest meaning of 'river.jpg'.
    by_case = {name.casefold(): name for name in sorted(names)}
    found = by_case.get(path.name.casefold())
    if found is None:
        close = nearest(path.name.casefold(), list(by_case), cutoff=0.6)
        found = by_case[close] if close else None
    return file[:len(file) - len(path.name)] + found if found else None


def _checked(root: Path, file: str) -> tuple[ImageFile | None, str | None]:
    path, reason = resolve(root, file)
    if path is None:
        return None, reason
    try:
        stat = path.stat()
    except FileNotFoundError:
        close = _nearby(path, file)
        hint = f" (did you mean '{close}'?)" if close else "; check the spelling"
        return None, (f"image.file: there is no picture at content/{file}{hint}, or copy the "
                      "picture into the pack's content/ folder")
    except OSError as exc:
        return None, f"image.file: cannot read content/{file} ({exc.strerror})"
    verdict = _inspect(path, file, stat.st_size, stat.st_mtime_ns)
    return verdict.image, verdict.message


@lru_cache(maxsize=256)
def _inspect(path: Path, file: str, size: int, mtime: int) -> _Verdict:
    """Open and fully decode an image once per version of the file."""
    # Cached by size and time too: a picture may be on many cards, and watch mode must see a
    # picture that was saved again.
    from PIL import Image, UnidentifiedImageError

    if not path.is_file():
        return _Verdict(None, f"image.file: content/{file} is a folder, not a picture")
    if size > MAX_IMAGE_BYTES:
        return _Verdict(None, f"image.file: content/{file} is {_megabytes(size)}; a card "
                              f"picture may be at most {_megabytes(MAX_IMAGE_BYTES)} "
                              "(save it smaller, e.g. 2000 pixels wide)")
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it: treat both as refusals.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with _header_only(Image), Image.open(path) as im:
                width, height = im.size
            if width * height > MAX_IMAGE_PIXELS:
                return _too_big(file, width, height)  # refused before a pixel is decoded
            with Image.open(path) as im:
                if im.format not in FORMATS:
                    return _Verdict(None, f"image.file: content/{file} is a {im.format} image; "
                                          "save it as PNG or JPEG")
                im.load()  # decode every pixel now, so a damaged file fails here, not in print
                # A phone photo held upright is often stored on its side, with an EXIF tag
                # saying how to turn it: it is placed (and drawn) the way it was taken.
                if im.getexif().get(EXIF_ORIENTATION, 1) in SIDEWAYS:
                    width, height = height, width
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _too_big(file, None, None)
    except UnidentifiedImageError:
        return _Verdict(None, f"image.file: content/{file} is not a picture (or not one this "
                              "tool can read); "
                              "save it as PNG or JPEG")
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        return _Verdict(None, f"image.file: content/{file} is damaged or incomplete ({exc}); "
                              "save it again as PNG or JPEG")
    return _Verdict(ImageFile(path, width, height), None)


def header_size(path: Path) -> int:
    """Pixels a picture's header declares (0 if it cannot be read): nothing is decoded."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with _header_only(Image), Image.open(path) as im:
                width, height = im.size
    except Exception:  # noqa: BLE001 - any unreadable picture is reported when it is placed
        return 0
    return width * height


@contextmanager
def _header_only(image_module: Any) -> Iterator[None]:
    """Let Pillow read an image's header whatever size it declares, so the message can say it."""
    # Opening reads only the header; the size is checked against MAX_IMAGE_PIXELS straight
    # after, before any pixel is decoded, and Pillow's own limit is back in force by then.
    saved = image_module.MAX_IMAGE_PIXELS
    image_module.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        image_module.MAX_IMAGE_PIXELS = saved


def _too_big(file: str, width: int | None, height: int | None) -> _Verdict:
    size = f" ({width:,} × {height:,} pixels)" if width and height else ""
    side = round(math.sqrt(MAX_IMAGE_PIXELS), -2)
    return _Verdict(None, f"image.file: content/{file} is too large{size}; a card picture may "
                          f"have at most {MAX_IMAGE_PIXELS:,} pixels, about {side:,.0f} × "
                          f"{side:,.0f} (save it smaller, e.g. 2000 pixels wide)")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_resolution(image: ImageFile, placed_w: float, file: str, problems: Problems,
                     path: str | None, line: int | None, card: str | None,
                     field: str = "image.file") -> None:
    """Warn when a picture has fewer than PRINT_PPI pixels per inch where it is placed."""
    found = ppi(image, placed_w)
    if found < PRINT_PPI:
        need = round(image.width * PRINT_PPI / found)
        problems.add(f"{field}: content/{file} is {image.width} × {image.height} pixels, "
                     f"only {found:.0f} pixels per inch at its printed size "
                     f"({placed_w / 72 * 25.4:.0f} mm wide); it may look blurred in print. Use a picture at least {need} "
                     "pixels wide", path, line, card=card, severity="warning")


RESAMPLE_ABOVE = 1.5
"""A picture is made smaller only when it has this many times the pixels its place needs:
below that, resampling would save little and soften it."""


def shrink(image: Any, box_w: float, box_h: float, target_ppi: float = PRINT_PPI) -> Any:
    """``image`` (a Pillow image, upright) with no more pixels than drawing it into a box of
    ``box_w`` × ``box_h`` points, proportions kept, needs at ``target_ppi``; itself if it has
    no more than RESAMPLE_ABOVE times that.

    A 12-megapixel photo placed 60 mm wide needs about 700 pixels across at 300 ppi:
    embedding it whole would make every file several megabytes larger for nothing.
    """
    from PIL import Image

    scale = min(box_w / image.width, box_h / image.height)  # points per pixel, as placed
    factor = scale * target_ppi / 72.0
    if factor * RESAMPLE_ABOVE >= 1:
        return image
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    smaller = image.resize(size, Image.Resampling.LANCZOS)
    smaller.info = dict(image.info)  # its colour profile, for the press's conversion
    return smaller


def for_placement(path: str | Path, box_w: float, box_h: float,
                  target_ppi: float = PRINT_PPI) -> Any:
    """The picture as it is drawn into a box of ``box_w`` × ``box_h`` points: turned upright
    as its EXIF says and made no larger than its place needs (see ``shrink``), as a Pillow
    image; None when the file itself serves as it is. The file is never changed."""
    from PIL import Image, ImageOps

    with Image.open(path) as opened:
        turned = opened.getexif().get(EXIF_ORIENTATION, 1) not in (0, 1)
        opened.load()
        image = ImageOps.exif_transpose(opened) if turned else opened
        smaller = shrink(image, box_w, box_h, target_ppi)
        return None if smaller is opened else smaller
