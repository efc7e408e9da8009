"""Watch mode: rebuild on every save, print problems without stopping, rebuild only what changed."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

from activate_pack.errors import PackError, Problem, visible
from activate_pack.layout.editions import SIZES
from activate_pack.output.build import Built, build

Echo = Callable[[str], None]

WATCHED = (".yaml", ".yml", ".png", ".jpg", ".jpeg")
"""Files whose saving triggers a rebuild: pack text, layouts and pictures."""

GUIDE_ONLY = ("a4",)
"""Guide pages are printed in the facilitator pack only."""


def affected(paths: Iterable[Path], pack_dir: Path,
             sizes: tuple[str, ...] = SIZES) -> tuple[str, ...]:
    """The editions (of ``sizes``) whose inputs include any of ``paths``, in build order."""
    root = pack_dir.resolve()
    wanted: set[str] = set()
    for path in paths:
        try:
            parts = path.resolve().relative_to(root).parts
        except ValueError:
            continue
        if not parts or parts[-1].startswith(".") or not parts[-1].lower().endswith(WATCHED):
            continue  # editors' temporary and backup files
        if parts[0] == "content" and len(parts) > 2 and parts[1] == "guide":
            wanted.update(GUIDE_ONLY)
        elif parts[0] == "layouts" and len(parts) == 2 and Path(parts[1]).stem in SIZES:
            wanted.add(Path(parts[1]).stem)
        elif parts[0] in ("content", "layouts"):
            return sizes  # cards, pack details, labels, pictures or a shared layout: everything
    return tuple(size for size in sizes if size in wanted)


def rebuild(pack_dir: Path, sizes: tuple[str, ...], out: Path, echo: Echo) -> bool:
    """Build ``sizes`` once, printing what was written or every problem; True if it built."""
    warnings: list[Problem] = []
    started = time.perf_counter()
    try:
        built = _build_settled(pack_dir, sizes, out, warnings, echo)
    except PackError as error:
        for problem in error.problems:
            echo(str(problem))
        count = len(error.problems)
        echo(f"{count} problem{'s' if count != 1 else ''} found; the PDFs were not changed. "
             "Waiting for the next save…")
        return False
    for problem in warnings:
        echo(str(problem))
    took = time.perf_counter() - started
    for item in built:
        echo(f"wrote {item.path}  ({item.pages} pages)")
    echo(f"Built in {took:.1f} s. Waiting for the next save…")
    return True


RETRIES = 5
"""How often a build is tried again when a file vanishes or changes while it is being read."""


def _build_settled(pack_dir: Path, sizes: tuple[str, ...], out: Path,
                   warnings: list[Problem], echo: Echo) -> list[Built]:
    """Build, treating a file that vanished or changed mid-read as changed again: build again."""
    for attempt in range(RETRIES + 1):
        warnings.clear()
        try:
            return build(pack_dir, sizes, out, warn=warnings.append)
        except OSError as exc:  # e.g. a picture deleted between being checked and being drawn
            if attempt == RETRIES:
                raise PackError(Problem(f"files keep changing while they are read "
                                        f"({exc.strerror}); the next save builds again",
                                        _name(exc, pack_dir))) from None
            echo(f"{visible(_name(exc, pack_dir))} changed while it was being read; "
                 "building again…")
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


def _name(exc: OSError, pack_dir: Path) -> str:
    return _shown(Path(exc.filename), pack_dir) if exc.filename else "a file"


def changes(pack_dir: Path, stop: threading.Event | None = None) -> Iterator[set[Path]]:
    """Sets of saved files under the pack's content/ and layouts/ folders, as they happen."""
    from watchfiles import watch as watch_files

    folders = [p for p in (pack_dir / "content", pack_dir / "layouts") if p.is_dir()]
    for batch in watch_files(*folders, stop_event=stop, debounce=300, step=50):
        yield {Path(path) for _, path in batch}


def watch(pack_dir: Path, sizes: tuple[str, ...], out: Path, echo: Echo,
          batches: Iterable[set[Path]] | None = None, stop: threading.Event | None = None) -> int:
    """Build once, then rebuild the affected editions after each batch of saves.

    ``batches`` replaces the file watcher (tests pass a list); ``stop`` ends the watch from
    another thread. Returns the number of builds run. Ctrl+C raises KeyboardInterrupt, which
    the command line turns into a quiet exit; a build cut short leaves earlier PDFs intact.
    """
    echo(f"Watching {which(pack_dir)} for changes; press Ctrl+C to stop.")
    rebuild(pack_dir, sizes, out, echo)
    runs = 1
    for batch in batches if batches is not None else changes(pack_dir, stop):
        todo = affected(batch, pack_dir, sizes)
        if not todo:
            continue
        names = ", ".join(sorted(visible(_shown(p, pack_dir)) for p in batch
                                 if p.name.lower().endswith(WATCHED)))
        echo(f"Changed: {names}. Rebuilding {' and '.join(s.upper() for s in todo)}…")
        rebuild(pack_dir, todo, out, echo)
        runs += 1
        if stop is not None and stop.is_set():
            break
    return runs


def which(pack_dir: Path) -> str:
    """The pack being watched, as a person knows it: its title and its folder."""
    from activate_pack.pack.sources.paths import PACK_FILE, default_pack_dir
    from activate_pack.pack.sources.source import read_yaml

    folder = visible(str(pack_dir.resolve()))
    if pack_dir.resolve() == default_pack_dir().resolve():
        return f"the built-in Activate Pack (in {folder})"
    try:
        data = read_yaml(pack_dir / PACK_FILE, PACK_FILE, root=pack_dir)
    except PackError:  # the first build reports it
        data = None
    title = data.get("title") if isinstance(data, dict) else None
    if not isinstance(title, str) or not title.strip():
        return f"the pack in {folder}"
    return f"the pack '{visible(title)}' in {folder}"


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
