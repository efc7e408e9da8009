"""Writing output: whole files or nothing, and no temporary files left behind."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from activate_pack.errors import PackError
from activate_pack.output.write import write_all, write_atomic


def test_write_replaces_the_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.pdf"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(target.parent) == ["a.pdf"]


def test_if_one_file_cannot_be_written_none_is_replaced(tmp_path: Path) -> None:
    first = tmp_path / "a6.pdf"
    first.write_bytes(b"old")
    blocked = tmp_path / "not-a-folder"
    blocked.write_bytes(b"a file where a folder should be")
    with pytest.raises(PackError, match="cannot write here"):
        write_all([(first, b"new"), (blocked / "a4.pdf", b"new")])
    assert first.read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == ["a6.pdf", "not-a-folder"]


def test_ctrl_c_during_the_renames_is_delivered_after_them(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    files = [(tmp_path / "a6.pdf", b"a6"), (tmp_path / "a4.pdf", b"a4")]
    real_replace = os.replace

    def replace_then_interrupt(src: str, dst: Path) -> None:
        real_replace(src, dst)
        os.kill(os.getpid(), signal.SIGINT)  # arrives between the two renames

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_all(files)
    assert [p.read_bytes() for p, _ in files] == [b"a6", b"a4"]
    assert sorted(os.listdir(tmp_path)) == ["a4.pdf", "a6.pdf"]
