"""The only code that writes into the output folder: temporary files, then renames, all or none.

Every output of a build is first written in full to a temporary file beside its target
(``.<name>.<process id>.<random>.part``). Only when every one is complete, and every target has
been checked, are they renamed into place, one right after another with Ctrl+C and SIGTERM held
back. A build stopped earlier removes its temporary files on the way out; one killed outright
leaves them, and the next build of the same files removes them: only files of exactly that
pattern whose process is gone, so builds running at once into one folder never take each
other's files away (the last to finish wins, and every file stays whole).
"""

from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
import threading
from functools import partial
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from activate_pack.errors import PackError, Problem

PART = ".part"
"""The suffix of temporary files; with the leading dot and the target's name, their pattern."""

_RANDOM = "[a-z0-9_]{8}"  # what tempfile.mkstemp puts between prefix and suffix


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl+C so the same clean-up runs; the process exits with 143."""

    exit_code = 143


class WriteError(PackError):
    """Some outputs could not be written; ``written`` lists those that were (usually none)."""

    def __init__(self, problems: Problem | list[Problem] | str,
                 written: tuple[Path, ...] = ()) -> None:
        super().__init__(problems)
        self.written = written


def temporary_pattern(name: str) -> re.Pattern[str]:
    """The names of the temporary files a build writes for the output called ``name``; the
    group ``pid`` is the process that writes it (absent in names older builds gave)."""
    return re.compile(rf"\.{re.escape(name)}\.(?:(?P<pid>[0-9]+)\.)?{_RANDOM}{re.escape(PART)}")


def _running(pid: int) -> bool:
    """True if a process with this id exists (this one included): its files are its own."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's, or not ours to ask about: leave its file alone
    return True


def remove_stale(path: Path) -> list[Path]:
    """Remove temporary files an earlier, killed build left for ``path``; return them.

    A file whose process still runs belongs to a build going on now, and is left alone.
    """
    pattern = temporary_pattern(path.name)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found and found["pid"] and _running(int(found["pid"])):
            continue
        if found and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass  # someone else's to remove; it cannot be mistaken for an output
    return removed


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    write_all([(path, data)])


def _check_target(path: Path, others: list[Path]) -> None:
    """Refuse, before anything is written, a target that is a folder or not an ordinary file."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # a new file; a missing or blocked folder is reported when it is made
    except OSError as exc:
        reason = exc.strerror
    else:
        if stat.S_ISREG(mode):
            return
        reason = ("a folder of that name is in the way" if stat.S_ISDIR(mode)
                  else "something other than a file has that name")
    kept = [p.name for p in others if p != path and p.exists()]
    tail = f" {', '.join(kept)} {'keeps' if len(kept) == 1 else 'keep'} its earlier version." \
        if kept else ""
    raise WriteError(Problem(f"{path}: cannot write this file: {reason}; move or rename it and "
                             f"build again. Nothing was written:{tail or ' no file was changed.'}"))


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write several files as one step: all are replaced, or none is.

    Each is written in full beside its target first; only then are they renamed into place.
    Ctrl+C and SIGTERM are held back meanwhile, so a failed or stopped build never leaves a
    new A6 pack beside an old A4 pack, a half-written file, or a temporary file.
    """
    with Staging([path for path, _ in files]) as staging:
        for path, data in files:
            staging.add(path, stage(path, partial(_put, data)))
        staging.commit()


def _put(data: bytes, handle: BinaryIO) -> None:
    handle.write(data)


class Staging:
    """Outputs written to temporary files as soon as each is made, renamed together at the end.

    Made before the first output is rendered: stale temporary files of the targets are removed
    and every target is checked, so a folder in the way stops the build before its work. Each
    finished output is staged (by this process or a worker, under this process's id) and added;
    :meth:`commit` renames them all. Leaving the block without committing (an error, Ctrl+C,
    SIGTERM) removes every temporary file of the targets that carries this process's id.
    """

    def __init__(self, targets: list[Path]) -> None:
        self.targets = targets
        self.staged: list[tuple[str, Path]] = []
        self.owner = os.getpid()

    def __enter__(self) -> Staging:
        for path in self.targets:
            remove_stale(path)
        for path in self.targets:
            _check_target(path, self.targets)
        return self

    def add(self, path: Path, tmp: str) -> None:
        """Record ``tmp``, a complete temporary file, as ``path``'s new content."""
        self.staged.append((tmp, path))

    def commit(self) -> None:
        """Rename every staged file into place, with Ctrl+C and SIGTERM held back meanwhile."""
        done: list[Path] = []
        try:
            with _signals_held():
                for tmp, path in self.staged:
                    os.replace(tmp, path)
                    done.append(path)
        except OSError as exc:
            missing = [p.name for p in self.targets if p not in done]
            wrote = f"wrote {', '.join(p.name for p in done)}; " if done \
                else "nothing was written; "
            raise WriteError(Problem(f"{exc.filename or self.targets[0]}: cannot write the file "
                                     f"({exc.strerror}); {wrote}not written: "
                                     f"{', '.join(missing)}"), tuple(done)) from None

    def __exit__(self, *exc: object) -> None:
        for tmp, _ in self.staged:
            Path(tmp).unlink(missing_ok=True)
        for path in self.targets:  # a worker's file that was made but never handed over
            pattern = temporary_pattern(path.name)
            try:
                entries = list(os.scandir(path.parent))
            except OSError:
                continue
            for entry in entries:
                found = pattern.fullmatch(entry.name)
                if found and found["pid"] == str(self.owner):
                    Path(entry.path).unlink(missing_ok=True)


def stage(path: Path, write: Callable[[BinaryIO], object], owner: int | None = None,
          hold: bool = True) -> str:
    """Write a new temporary file beside ``path`` with ``write(handle)``; return its name.

    The name carries ``owner`` (default: this process), the process that renames it into
    place and answers for it. With ``hold``, Ctrl+C and SIGTERM wait until the file is
    complete and named (a worker, stopped by its owner, does not hold them).
    """
    with _signals_held() if hold else nullcontext():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{owner or os.getpid()}.",
                                       suffix=PART, dir=path.parent)
        except OSError as exc:
            raise WriteError(f"{path.parent}: cannot write here ({exc.strerror}); "
                             "nothing was written") from None
        try:
            with os.fdopen(fd, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return tmp


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises Terminated and Ctrl+C KeyboardInterrupt, so clean-up runs.

    Some libraries catch every exception and raise another in its place (ReportLab turns one
    into a KeyError), so whatever escapes the block after a signal becomes that signal's
    interrupt again.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def interrupt(signum: int, frame: object) -> None:
        received.append(signum)
        raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()

    previous = {s: signal.signal(s, interrupt) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    except BaseException as exc:
        if received and not isinstance(exc, KeyboardInterrupt):
            raise (Terminated() if received[0] == signal.SIGTERM else KeyboardInterrupt()) from None
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back Ctrl+C and SIGTERM until the block is done, then deliver the first."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda signum, frame: caught.append(signum)) for s in held}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if caught:
            raise Terminated() if caught[0] == signal.SIGTERM else KeyboardInterrupt()
