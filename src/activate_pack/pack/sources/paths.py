"""Where packs live: the file that makes a folder a pack, the built-in pack, and finding one."""

from __future__ import annotations

from pathlib import Path

from activate_pack.errors import PackError

PACK_FILE = "content/pack.yaml"
LABELS_FILE = "content/labels.yaml"


def default_pack_dir() -> Path:
    """The pack embedded in the installed package (or the repository, in a development install)."""
    here = Path(__file__).resolve().parents[2]  # the activate_pack package: pack/sources/paths.py
    embedded = here / "default_pack"
    if (embedded / PACK_FILE).is_file():
        return embedded
    repo = here.parent.parent
    if (repo / PACK_FILE).is_file():
        return repo
    raise PackError("the default pack is missing from this installation; reinstall activate-pack")


def find_pack(path: Path | None) -> Path:
    """The pack folder to use: PATH, else the current folder if it is a pack, else the default."""
    if path is None:
        if (Path.cwd() / PACK_FILE).is_file():
            return Path.cwd()
        return default_pack_dir()
    if not path.exists():
        raise PackError(f"{path}: no such folder")
    if path.is_file() and path.name == "pack.yaml":
        path = path.parent.parent
    if not (path / PACK_FILE).is_file():
        raise PackError(f"{path}: not a pack folder (it has no {PACK_FILE}); "
                        "run 'activate-pack new FOLDER' to start one")
    return path
