"""The safety net at the edge: an internal error is one line, a log file and exit code 3."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable

import pytest
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.cli.safety import INTERNAL_ERROR
from activate_pack.pack.sources import source

runner = CliRunner()


@pytest.fixture
def logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of its own, where crash logs go."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _broken_parse(text: str, display_path: str) -> object:
    raise ZeroDivisionError("a bug, planted by the test")


@pytest.mark.parametrize("command", ["build", "check"])
def test_an_internal_error_is_one_line_a_log_and_exit_3(
        command: str, make_pack: Callable[..., Path], logs: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_pack()
    out = tmp_path / "dist"
    out.mkdir()
    (out / "earlier.pdf").write_bytes(b"%PDF earlier")
    monkeypatch.setattr(source, "parse", _broken_parse)
    args = [command, str(root)] + (["--out", str(out)] if command == "build" else [])
    result = runner.invoke(app, args)
    assert result.exit_code == INTERNAL_ERROR, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith(f"activate-pack {command}: internal error (ZeroDivisionError)")
    assert "while reading content/pack.yaml" in line
    assert "Traceback" not in result.output and "a bug, planted" not in result.output
    [log] = logs.glob("activate-pack-error-*.log")
    assert str(log) in line
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: a bug, planted by the test" in text
    assert [p.name for p in out.iterdir()] == ["earlier.pdf"]  # nothing written


def test_an_internal_error_after_loading_names_the_command(
        make_pack: Callable[..., Path], logs: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from activate_pack.output import plan

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("layout bug")

    monkeypatch.setattr(plan, "lay_out", broken)
    result = runner.invoke(app, ["build", str(make_pack()), "--out", str(tmp_path / "dist")])
    assert result.exit_code == INTERNAL_ERROR
    assert result.output.startswith("activate-pack build: internal error (RuntimeError)")
    assert len(list(logs.glob("*.log"))) == 1
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())


def test_pack_errors_and_usage_errors_do_not_reach_the_net(
        make_pack: Callable[..., Path], logs: Path) -> None:
    root = make_pack(**{"content/pack.yaml": "title: [unclosed\n"})
    assert runner.invoke(app, ["check", str(root)]).exit_code == 1
    assert runner.invoke(app, ["build", str(root), "--duplex", "fold"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2
    assert not list(logs.iterdir())


def test_a_stop_that_a_library_turned_into_another_error_is_still_a_stop(
        make_pack: Callable[..., Path], logs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from activate_pack.output import plan
    from activate_pack.output.write import Terminated

    def swallowed(*args: object, **kwargs: object) -> object:
        try:
            raise Terminated()
        except BaseException:  # as ReportLab's bare 'except:' does
            raise OSError("cannot open font file") from None

    monkeypatch.setattr(plan, "lay_out", swallowed)
    result = runner.invoke(app, ["check", str(make_pack())])
    assert result.exit_code == 143 and "Stopped." in result.output
    assert not list(logs.iterdir())


def test_ctrl_c_at_any_moment_is_one_line_and_exit_code_130(tmp_path: Path) -> None:
    """From the command's first moments (loading) to its work: never a traceback.

    The first few hundredths of a second are Python starting and the installed script's own
    first line (``import re``), before any of activate-pack runs: from 0.05 s on it is ours.
    """
    import signal
    import subprocess
    import sys
    import time

    command = Path(sys.executable).parent / "activate-pack"
    assert command.is_file(), "the activate-pack command is not installed beside this Python"
    # On a busy machine Python itself starts slower: begin once a bare start would be done.
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import re"], check=True)
    first = max(0.05, 1.5 * (time.perf_counter() - started))
    for delay in (first, first + 0.01, first + 0.03, 0.1, 0.12, 0.2, 0.4, 0.8):
        child = subprocess.Popen([str(command), "check"], cwd=tmp_path, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        output, _ = child.communicate(timeout=120)
        assert "Traceback" not in output and "KeyboardInterrupt" not in output, (delay, output)
        if child.returncode != 0:  # 0: it had finished before the signal came
            assert child.returncode == 130, (delay, child.returncode, output)
            assert output.strip().splitlines()[-1].startswith("Stopped"), (delay, output)


def test_a_deleted_current_folder_is_a_clear_message_not_an_internal_error(
        tmp_path: Path) -> None:
    import subprocess
    import sys

    gone = tmp_path / "gone"
    gone.mkdir()
    script = ("import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
              "from activate_pack.cli import main; sys.argv[1:] = ['check']; main()")
    done = subprocess.run([sys.executable, "-c", script, str(gone)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "the folder you are in no longer exists" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
