"""Ordinary tools at their edges: watch while files vanish, and ``new --from`` odd folders."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Callable

import pytest
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.output import newpack, watch as watch_module
from activate_pack.output.build import build as real_build
from activate_pack.output.newpack import new_pack


def test_watch_builds_again_when_a_file_vanishes_while_being_read(
        tmp_path: Path, make_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_pack()
    calls: list[int] = []

    def flaky_build(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) <= 2:  # a picture deleted between its check and its drawing, twice
            raise FileNotFoundError(2, "No such file or directory",
                                    str(root / "content/images/gone.png"))
        return real_build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(watch_module, "build", flaky_build)
    monkeypatch.setattr(watch_module.time, "sleep", lambda seconds: None)
    lines: list[str] = []
    runs = watch_module.watch(root, ("a6",), tmp_path / "dist", lines.append,
                              batches=[{root / "content/images/gone.png"}])
    assert runs == 2
    assert sum("content/images/gone.png changed while it was being read" in row for row in lines) == 2
    assert any(line.startswith("wrote ") for line in lines)
    assert (tmp_path / "dist/test-pack-a6-community.pdf").is_file()


def test_watch_gives_up_quietly_when_files_never_settle(
        tmp_path: Path, make_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    def always_gone(*args: object, **kwargs: object) -> object:
        raise FileNotFoundError(2, "No such file or directory", "elsewhere")

    monkeypatch.setattr(watch_module, "build", always_gone)
    monkeypatch.setattr(watch_module.time, "sleep", lambda seconds: None)
    lines: list[str] = []
    assert watch_module.watch(make_pack(), ("a6",), tmp_path / "dist", lines.append,
                              batches=[]) == 1
    assert "keep changing" in "\n".join(lines) and "Waiting for the next save" in lines[-1]


@pytest.mark.parametrize("odd", ["fifo", "socket", "link-out", "link-loop", "link-to-folder"])
def test_new_from_refuses_anything_but_files_and_folders_before_creating(
        tmp_path: Path, make_pack: Callable[..., Path], odd: str) -> None:
    base = make_pack()
    strange = base / "content/images/strange.png"
    strange.parent.mkdir(parents=True, exist_ok=True)
    holder = None
    if odd == "fifo":
        os.mkfifo(strange)
    elif odd == "socket":
        holder = socket.socket(socket.AF_UNIX)
        holder.bind(str(strange))
    elif odd == "link-out":
        (tmp_path / "secret.png").write_bytes(b"secret")
        strange.symlink_to(tmp_path / "secret.png")
    elif odd == "link-loop":
        strange.symlink_to(strange)
    else:
        strange.symlink_to(base / "content")
    try:
        target = tmp_path / "town"
        result = CliRunner().invoke(app, ["new", str(target), "--from", str(base),
                                          "--locality", "Town"])
    finally:
        if holder is not None:
            holder.close()
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "content/images/strange.png" in result.output
    assert "only ordinary files and folders" in result.output
    assert not target.exists()


def test_new_removes_its_half_made_folder_when_stopped(
        tmp_path: Path, make_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    base = make_pack()

    def stop(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(newpack, "_schemas", stop)  # after the copy and the first files
    target = tmp_path / "town"
    with pytest.raises(KeyboardInterrupt):
        new_pack(target, base=base, locality="Town")
    assert not target.exists()
    monkeypatch.undo()
    created = new_pack(target, base=base, locality="Town")  # and a second try works
    assert (created.root / "upstream/content/pack.yaml").is_file()


def test_new_from_copies_links_inside_as_files(tmp_path: Path,
                                               make_pack: Callable[..., Path]) -> None:
    base = make_pack()
    (base / "NOTES.md").write_text("notes", encoding="utf-8")
    (base / "ALSO.md").symlink_to(base / "NOTES.md")
    created = new_pack(tmp_path / "town", base=base, locality="Town")
    copied = created.root / "upstream/ALSO.md"
    assert copied.is_file() and not copied.is_symlink() and copied.read_text() == "notes"
