"""The date a pack's files carry: a date that travels with the content, where there is one.

SOURCE_DATE_EPOCH comes first, always (``render/xmp.build_epoch``). Without it, a folder kept
in git is dated by its last commit of the pack's files, as long as they have no changes not yet
committed: a fresh clone builds the same bytes as the checkout it came from, whatever the
clock said when it was cloned. Otherwise a folder is dated by its newest file. The built-in
pack is the exception: installed, its files are dated when it was installed, so two
installations would date the same pack differently; it gives no date of its own.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from activate_pack.pack.model.pack import Pack
from activate_pack.pack.sources.paths import default_pack_dir

PARTS = ("content", "layouts")
"""The folders of a pack whose files make its outputs."""

GIT_WAIT = 5.0
"""Seconds git may take to answer before the files' own dates are used instead."""


def source_date(pack: Pack, pack_dir: Path) -> int | None:
    """When the newest of the files the pack is made from was committed or changed (seconds
    since 1970, whole): its own folder, and those of any base pack it takes cards or a logo
    from. None when no folder gives a date (the built-in pack, installed)."""
    folders = {Path(pack_dir), *(Path(f) for f in pack.folders.values())}
    if pack.logo is not None:
        folders.add(Path(pack.logo.folder))
    dates = [date for folder in sorted(folders) if (date := folder_date(folder)) is not None]
    return max(dates, default=None)


def folder_date(folder: Path) -> int | None:
    """The date of one pack folder: its last commit, its newest file, or None (see above)."""
    committed = _committed(folder)
    if committed is not None:
        return committed
    if folder.resolve() == default_pack_dir().resolve():
        return None
    newest: int | None = None
    for sub in PARTS:
        top = folder / sub
        if not top.is_dir():
            continue
        for path in top.rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                stamp = int(path.stat().st_mtime)
                newest = stamp if newest is None else max(newest, stamp)
    return newest


def _committed(folder: Path) -> int | None:
    """The time of the last commit of the folder's pack files, if git keeps them and none has
    changed since; else None."""
    git = shutil.which("git")
    parts = [sub for sub in PARTS if (folder / sub).is_dir()]
    if git is None or not parts:
        return None
    try:
        changed = subprocess.run([git, "status", "--porcelain", "--", *parts], cwd=folder,
                                 capture_output=True, text=True, timeout=GIT_WAIT)
        if changed.returncode != 0 or changed.stdout.strip():
            return None  # not in git, or edited since the last commit: the files' dates say
        last = subprocess.run([git, "log", "-1", "--format=%ct", "--", *parts], cwd=folder,
                              capture_output=True, text=True, timeout=GIT_WAIT)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = last.stdout.strip()
    return int(stamp) if last.returncode == 0 and stamp.isdigit() else None
