"""The command line through typer's runner and as a real process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Callable

from pypdf import PdfReader
from typer.testing import CliRunner

from activate_pack import __version__
from activate_pack.cli import app

runner = CliRunner()


def test_version_and_help() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"activate-pack {__version__}"
    result = runner.invoke(app, ["build", "--help"])
    assert result.exit_code == 0
    for option in ("--size", "--out"):
        assert option in result.output
    assert "community" in result.output


def test_build_one_size_reports_pages_and_size(tmp_path: Path, make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    result = runner.invoke(app, ["build", str(root), "--size", "a6", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "test-pack-a6-community.pdf"
    pages = len(PdfReader(pdf).pages)
    assert f"wrote {pdf}  ({pages} pages, " in result.output
    assert not (tmp_path / "test-pack-a4-facilitator.pdf").exists()


def test_user_error_exits_1_without_traceback(tmp_path: Path, make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/recipes/soup-club.yaml": "id: soup-club\ntitle: [oops\n"})
    result = runner.invoke(app, ["build", str(root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "content/recipes/soup-club.yaml:2:" in result.output
    assert "nothing was written" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_usage_error_exits_2() -> None:
    result = runner.invoke(app, ["build", "--size", "a5"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["frobnicate"])
    assert result.exit_code == 2


def test_not_a_pack_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path)])
    assert result.exit_code == 1 and "not a pack folder" in result.output


def test_runs_as_a_module_and_default_pack_from_anywhere(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "activate_pack", "build", "--size", "a6", "--out", "x"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "x" / "activate-pack-a6-community.pdf").is_file()


def test_output_read_only_in_part_is_not_an_internal_error(tmp_path) -> None:
    # 'activate-pack cards | head -3': the reader stops early; the list was not wrong.
    import subprocess
    import sys

    script = ("import subprocess, sys\n"
              "p = subprocess.Popen([sys.executable, '-c', 'from activate_pack.cli import main; "
              "main()', 'cards'], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=sys.argv[1])\n"
              "p.stdout.readline(); p.stdout.close()\n"
              "err = p.stderr.read().decode(); code = p.wait()\n"
              "print(code); print(err)\n")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True,
                          text=True, timeout=120)
    code, _, err = done.stdout.partition("\n")
    assert "internal error" not in err and "Traceback" not in err, err
    assert code == "0", done.stdout
