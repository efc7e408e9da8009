"""Without SOURCE_DATE_EPOCH, a file's date travels with the pack's content where it can."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Callable

import pytest
from pypdf import PdfReader

from activate_pack.output import dates
from activate_pack.output.build import build
from activate_pack.pack.sources.paths import default_pack_dir
from conftest import require_tool


def _created(pdf: Path) -> str:
    return str(PdfReader(pdf).metadata["/CreationDate"])


def _touch_all(root: Path, stamp: int) -> None:
    for path in root.rglob("*"):
        os.utime(path, (stamp, stamp))


def test_a_pack_kept_in_git_is_dated_by_its_last_commit(
        make_pack: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git = require_tool("git", "git")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_pack()
    env = {**os.environ, "GIT_AUTHOR_DATE": "1710000000 +0000",
           "GIT_COMMITTER_DATE": "1710000000 +0000", "GIT_AUTHOR_NAME": "T",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "content"], ["commit", "-q", "-m", "pack"]):
        subprocess.run([git, *args], cwd=root, env=env, check=True)
    # Two clones made at different times: the files' own dates differ, the PDFs do not.
    _touch_all(root / "content", 1600000000)
    [first] = build(root, ("a6",), tmp_path / "first")
    _touch_all(root / "content", 1650000000)
    [second] = build(root, ("a6",), tmp_path / "second")
    assert _created(first.path).startswith("D:20240309"), _created(first.path)  # the commit
    assert first.path.read_bytes() == second.path.read_bytes()
    # An edit not yet committed: the edited file's date, so the date moves on.
    card = root / "content/recipes/soup-club.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("Soup club", "Soup circle"),
                    encoding="utf-8")
    os.utime(card, (1720000000, 1720000000))  # 2024-07-03
    [edited] = build(root, ("a6",), tmp_path / "edited")
    assert _created(edited.path).startswith("D:20240703"), _created(edited.path)


def test_the_built_in_pack_installed_gives_no_date_of_its_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed, its files carry the installation's dates: two installations of the same
    version must build the same bytes."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    installed = tmp_path / "site-packages/activate_pack_default"
    shutil.copytree(default_pack_dir() / "content", installed / "content")
    monkeypatch.setattr(dates, "default_pack_dir", lambda: installed)
    built = []
    for stamp in (1600000000, 1700000000):  # installed in 2020, and again in 2023
        _touch_all(installed, stamp)
        built += build(installed, ("a6",), tmp_path / str(stamp))
    assert built[0].path.read_bytes() == built[1].path.read_bytes()
    assert _created(built[0].path).startswith("D:2000"), _created(built[0].path)
