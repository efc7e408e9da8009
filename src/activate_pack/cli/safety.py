"""The safety net at the edge: an unexpected error becomes one line, a log file and exit code 3.

Every mistake in a pack is meant to end as the project's own ``PackError`` (exit code 1, with
file and line). Should anything else still escape a command, that is a bug in activate-pack, so
the volunteer gets one plain line saying so (which command, which file it was reading) and the
details go to a log file for a bug report, not a traceback on the screen. Nothing is written to
the output folder: the build writes only after every stage has finished.
"""

from __future__ import annotations

import os
import tempfile
import traceback
from pathlib import Path
from types import TracebackType

import typer

from activate_pack.errors import visible

INTERNAL_ERROR = 3
"""Exit code for a bug in activate-pack (1 is a problem in the pack, 2 a problem with options)."""

_FILE_NAMES = ("shown", "display_path", "path")
"""Names the reading code gives the file it is on, most precise first."""


def reading(tb: TracebackType | None) -> str | None:
    """The pack file the innermost activate-pack frame was working on, if one says so."""
    found: str | None = None
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_globals.get("__name__", "").startswith("activate_pack."):
            for name in _FILE_NAMES:
                value = frame.f_locals.get(name)
                if isinstance(value, (str, Path)) and str(value) not in ("", "<yaml>"):
                    found = str(value)
                    break
        tb = tb.tb_next
    return found


def write_log(command: str, error: BaseException) -> Path | None:
    """Write the traceback to a new file in the system's temporary folder; its path, or None."""
    try:
        handle, name = tempfile.mkstemp(prefix="activate-pack-error-", suffix=".log")
        with os.fdopen(handle, "w", encoding="utf-8") as log:
            log.write(f"activate-pack {command}: internal error\n\n")
            log.write("".join(traceback.format_exception(error)))
        return Path(name)
    except OSError:
        return None


def report(command: str, error: BaseException) -> None:
    """Print the one line about an internal error, with where its details were written."""
    where = reading(error.__traceback__)
    place = f" while reading {visible(where)}" if where else ""
    log = write_log(command, error)
    details = (f"details for a bug report are in {log}" if log
               else "its details could not be saved")
    typer.echo(f"activate-pack {command}: internal error ({type(error).__name__}){place}. This "
               "is a bug in activate-pack, not a mistake in your pack; nothing was written; "
               f"{details}", err=True)


def interrupted(error: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl+C or SIGTERM that a library turned into another error while handling it."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None
