"""The one gate for every file a pack names: inside the pack, a regular file, never a path trick.

A pack may come from a stranger, so each path it holds (a picture, a logo, a base pack's folder)
and each file read while loading it goes through ``check_path``: relative to the pack, never
absolute, never leaving the pack once links are followed, and a plain file (or folder, where a
folder is asked for). Refusals say what is wrong with the *path* and nothing of what the refused
file holds. Layout and sheet names are names, never paths: ``check_name``.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Annotated, Any

from pydantic import AfterValidator

MAX_PATH_CHARS = 1024
"""A path a pack names may be at most this long; a file name at most MAX_NAME_CHARS."""

MAX_NAME_CHARS = 255

NAME_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
"""What a layout or sheet name looks like: it is looked up by name, never used as a path."""

_NAME = re.compile(NAME_PATTERN)


class Refused(Exception):
    """A path a pack named that must not be opened; the message is for the pack's author."""


def name_problem(name: object, what: str = "layout") -> str | None:
    """Why ``name`` cannot be a layout (or sheet) name, or None if it can."""
    if isinstance(name, str) and len(name) <= 64 and _NAME.fullmatch(name):
        return None
    return (f"a {what} is named, not given as a path: use lowercase letters, digits and "
            f"hyphens ({NAME_PATTERN}), such as 'a6' or 'a6-home'; {what}s are looked up in "
            "the pack's layouts/ folder, then among the built-in ones")


def _named(value: str) -> str:
    problem = name_problem(value)
    if problem is not None:
        raise ValueError(f"'{value}' is not a name: {problem}")
    return value


LayoutName = Annotated[str, AfterValidator(_named)]
"""A field holding a layout or sheet name, checked against NAME_PATTERN."""


def layout_name_problems(raw: Any) -> list[tuple[str, int | None]]:
    """Messages and lines for every layout name in one layout file that is not a plain name.

    Covers ``extends:`` and the ``sheet:`` and ``layout:`` of each ``printing:`` mode, checked
    on the file as read so each message keeps its line.
    """
    found: list[tuple[str, int | None]] = []

    def line(node: Any, key: str) -> int | None:
        return node.mark(key)[0] if hasattr(node, "mark") else None

    if isinstance(raw, dict) and isinstance(raw.get("extends"), str):
        problem = name_problem(raw["extends"])
        if problem:
            found.append((f"extends: '{raw['extends']}' is not a name: {problem}",
                          line(raw, "extends")))
    printing = raw.get("printing") if isinstance(raw, dict) else None
    for mode, choice in (printing.items() if isinstance(printing, dict) else ()):
        for key in ("sheet", "layout"):
            value = choice.get(key) if isinstance(choice, dict) else None
            problem = name_problem(value, "sheet" if key == "sheet" else "layout")
            if isinstance(value, str) and problem:
                found.append((f"printing.{mode}.{key}: '{value}' is not a name: {problem}",
                              line(choice, key)))
    return found


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not an ordinary file"


def _written(text: str) -> PurePosixPath:
    """The path as written, refusing what can never be a path inside a pack."""
    if "\0" in text:
        raise Refused("holds a NUL character (an invisible code); retype the path")
    if len(text) > MAX_PATH_CHARS:
        raise Refused(f"is {len(text):,} characters long; a path may have at most "
                      f"{MAX_PATH_CHARS:,}")
    pure = PurePosixPath(text.replace("\\", "/"))
    if pure.is_absolute() or PureWindowsPath(text).drive or text.startswith("~"):
        raise Refused("is an absolute path; copy the file into the pack and give its path "
                      "from the pack's folder")
    if ".." in pure.parts:
        raise Refused("points outside the pack ('..'); copy the file into the pack instead")
    if any(len(part) > MAX_NAME_CHARS for part in pure.parts):
        raise Refused(f"has a name longer than {MAX_NAME_CHARS} characters")
    return pure


def resolve_inside(root: Path, path: Path) -> Path:
    """``path`` with links followed, which must lie within ``root``; raises Refused."""
    try:
        real = Path(os.path.realpath(path))
        base = Path(os.path.realpath(root))
    except (OSError, ValueError, RuntimeError):
        raise Refused("cannot be followed (a link that leads in a circle?)") from None
    if real != base and base not in real.parents:
        raise Refused("is a link to somewhere outside the pack folder; copy the file into "
                      "the pack instead")
    return real


def check_file(root: Path, path: Path, folder: bool = False) -> Path:
    """The real location of ``path`` inside ``root`` once checked: links followed, a plain file.

    With ``folder``, a folder is wanted instead. Raises Refused, FileNotFoundError when there
    is nothing there.
    """
    real = resolve_inside(root, path)
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused("cannot be followed: it is a link that leads in a circle") from None
        if exc.errno == errno.ENAMETOOLONG:
            raise Refused("is too long for this computer") from None
        raise Refused(f"cannot be read ({exc.strerror})") from None
    if folder and not stat.S_ISDIR(mode):
        raise Refused("is not a folder")
    if not folder and not stat.S_ISREG(mode):
        raise Refused(f"is {_kind(mode)}, not a file; a pack holds ordinary files only")
    return real


def check_path(root: Path, text: str, under: str = "", folder: bool = False) -> Path:
    """The file (or folder) that ``text``, written in a pack, names inside ``root``/``under``.

    Raises Refused with the reason, or FileNotFoundError when it is allowed but missing.
    """
    if not text.strip():
        raise Refused("is empty; give the path of a file in the pack")
    pure = _written(text.strip())
    base = root / under if under else root
    return check_file(root, base / pure, folder)


def is_inside(root: Path, path: Path) -> bool:
    """True if ``path`` (after following links) lies within ``root``."""
    try:
        resolve_inside(root, path)
        return True
    except Refused:
        return False


def read_checked(real: Path, limit: int) -> bytes:
    """The bytes of a file ``check_file`` passed, opened so that a swapped-in pipe cannot hang.

    Raises Refused if it is no longer a plain file or holds more than ``limit`` bytes.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"is {_kind(info.st_mode)}, not a file; a pack holds ordinary "
                          "files only")
        if info.st_size > limit:
            raise Refused(f"is {info.st_size // 1024} KB; a pack file may be at most "
                          f"{limit // 1024} KB")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Refused(f"grew past {limit // 1024} KB while being read")
    return data
