"""The typer app and what every command shares: options, messages, exit codes, progress."""

from __future__ import annotations

import os
import signal
import sys
import threading
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from activate_pack import __version__
from activate_pack.cli import safety
from activate_pack.errors import PackError, summarised

if TYPE_CHECKING:
    from rich.progress import TaskID


def _own(error: Exception) -> bool:
    """True for the command-line library's own signals: exits, aborts, usage errors."""
    return type(error).__module__.split(".")[0] in ("click", "typer")


def _release_signals() -> None:
    """Take Ctrl+C and SIGTERM back from ``activate_pack.start``'s stop-while-loading."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum, usual in ((signal.SIGINT, signal.default_int_handler),
                          (signal.SIGTERM, signal.SIG_DFL)):
        if getattr(signal.getsignal(signum), "early_stop", False):
            signal.signal(signum, usual)


class GuardedGroup(TyperGroup):
    """The command group, with the safety net round whichever command runs."""

    def invoke(self, ctx: Any) -> Any:
        _release_signals()  # from here on, a stop is the command's to report
        try:
            os.getcwd()
        except FileNotFoundError:
            typer.echo("activate-pack: the folder you are in no longer exists (it was deleted or "
                       "moved, perhaps by a program that rebuilt it); go to your pack's folder "
                       "again (cd FOLDER) and run the command there", err=True)
            raise typer.Exit(1) from None
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as interrupt:  # Ctrl+C (or SIGTERM) wherever it came
            raise stopped(interrupt) from None
        except Exception as error:  # the net itself: anything but the library's signals is a bug
            if _own(error):
                raise
            if isinstance(error, BrokenPipeError):
                # What reads the output stopped early ('activate-pack cards | head'): not a bug.
                _quiet_stdout()
                raise typer.Exit(0) from None
            stop = safety.interrupted(error)
            if stop is not None:  # a stop, not a bug: say so as the command itself would
                raise stopped(stop) from None
            safety.report(ctx.invoked_subcommand or "", error)
            raise typer.Exit(safety.INTERNAL_ERROR) from None


def _quiet_stdout() -> None:
    """Point standard output at nothing, so closing it at exit raises no second broken pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind it, as under tests
        pass


app = typer.Typer(
    name="activate-pack",
    cls=GuardedGroup,
    help="Turn YAML card descriptions into print-ready PDF card packs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Size(str, Enum):
    a4 = "a4"
    a6 = "a6"
    all = "all"

    def sizes(self) -> tuple[str, ...]:
        """The sizes this choice stands for: one, or every size there is."""
        from activate_pack.layout.editions import SIZES

        return SIZES if self is Size.all else (self.value,)


class PrintMode(str, Enum):
    shop = "shop"
    home = "home"


class Duplex(str, Enum):
    long = "long"
    short = "short"
    fold = "fold"
    none = "none"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"activate-pack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_version, is_eager=True,
        help="Print the version and exit.")] = None,
) -> None:
    """Turn YAML card descriptions into print-ready PDF card packs."""


def fail(error: PackError) -> typer.Exit:
    """Print every problem of a PackError, and return the exit for code 1."""
    for line in summarised(error.problems):
        typer.echo(line, err=True)
    count = len(set(error.problems))
    written = getattr(error, "written", ())  # a write that failed part-way says what it wrote
    done = (f"only {', '.join(str(p) for p in written)} was written" if written
            else "nothing was written")
    typer.echo(f"{count} problem{'s' if count != 1 else ''} found; {done}.", err=True)
    return typer.Exit(1)


def stopped(interrupt: KeyboardInterrupt,
            message: str = "Stopped. Files written by earlier builds are unchanged.") -> typer.Exit:
    """Say that a run was stopped, and return the exit for 130 (Ctrl+C) or 143 (SIGTERM)."""
    typer.echo(message, err=True)
    return typer.Exit(getattr(interrupt, "exit_code", 130))


def usage(message: str, command: str = "build") -> typer.Exit:
    """Print a problem with the options given, and return the exit for code 2 (usage)."""
    typer.echo(f"activate-pack {command}: {message}", err=True)
    typer.echo(f"Try 'activate-pack {command} --help' for the options.", err=True)
    return typer.Exit(2)


def language(value: str | None, command: str = "build") -> str | None:
    """The --lang value, once it is a language tag or 'all' (else a usage error)."""
    if value is not None and value != "all":
        from activate_pack.pack.loading.translations import tag_problem

        wrong = tag_problem(value)
        if wrong:
            raise usage(f"--lang: {wrong}, or 'all'", command)
    return value


def _warn(problem: object) -> None:
    typer.echo(str(problem), err=True)


def _human(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


CardsOption = Annotated[Optional[str], typer.Option(
    "--cards", help="Only these cards, by id, separated by commas (e.g. "
                    "'local-river,soup-club'): to print a few new cards without reprinting the "
                    "pack. The file's name ends in '-cards'.", show_default=False)]


JobsOption = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", min=1, help="How many PDF files to make at once, each in a process of its "
                                "own. The files are the same whatever it is. Default: one per "
                                "processor.", show_default=False)]


def card_ids(value: str | None, command: str = "build") -> list[str] | None:
    """The ids given to --cards, or None when it was not given."""
    if value is None:
        return None
    ids = [part.strip() for part in value.split(",") if part.strip()]
    if not ids:
        raise usage("--cards needs at least one card id, e.g. --cards soup-club", command)
    return ids


def locate(pack: Path | None) -> Path:
    """The pack folder a command works on; says so when it is the built-in pack by default."""
    from activate_pack.pack.sources.paths import default_pack_dir, find_pack

    found = find_pack(pack)
    if pack is None and found == default_pack_dir():
        typer.echo("No pack in this folder (it has no content/pack.yaml), so this is the "
                   "built-in Activate Pack. To make your own version: activate-pack new FOLDER "
                   "--locality PLACE", err=True)
    return found


PackArg = Annotated[Optional[Path], typer.Argument(
    help="The pack folder (the one holding content/pack.yaml). Default: the current folder if it "
         "is a pack, otherwise the built-in Activate Pack.", show_default=False)]


class _progress:
    """Shows a progress bar on long builds when the output is a terminal."""

    THRESHOLD = 300  # pages; shorter builds finish before a bar would help

    def __init__(self, threshold: int = THRESHOLD, what: str = "pages") -> None:
        self.threshold, self.what = threshold, what

    def __enter__(self):  # type: ignore[no-untyped-def]
        self._bar = None
        self._tasks: dict[str, TaskID] = {}
        return self.update if sys.stderr.isatty() else None

    def update(self, size: str, done: int, total: int) -> None:
        if total < self.threshold:
            return
        if self._bar is None:
            from rich.progress import Progress

            self._bar = Progress(transient=True)
            self._bar.start()
        if size not in self._tasks:
            self._tasks[size] = self._bar.add_task(f"{size.upper()} {self.what}", total=total)
        self._bar.update(self._tasks[size], completed=done)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
