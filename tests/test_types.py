"""The code type-checks and lints clean, with the settings in pyproject.toml.

Both tools run as the test suite's own steps, so CI (which runs the suite) fails on a new type
error, an unused ``# type: ignore`` or a lint finding, with the tools' own report as the message.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=600)


def test_mypy_finds_no_error_in_src(tmp_path: Path) -> None:
    # A fresh cache: a result remembered from an older checkout cannot hide an error.
    result = _run("mypy", "--cache-dir", str(tmp_path / "mypy"))
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "Success: no issues found" in result.stdout


def test_ruff_finds_nothing_in_src_and_tests() -> None:
    result = _run("ruff", "check", "--no-cache", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_the_checks_fail_on_a_mistake(tmp_path: Path) -> None:
    """The settings are read and strict: a wrong type, an unused ignore and an unused import
    are each reported (so a green run above means something)."""
    bad = tmp_path / "bad.py"
    bad.write_text("from __future__ import annotations\n\nimport os\n\n\n"
                   "def half(n: int) -> int:\n    return n / 2\n\n\n"
                   "x: int = 1  # type: ignore[assignment]\n")
    config = str(REPO / "pyproject.toml")
    typed = _run("mypy", "--config-file", config, "--cache-dir", str(tmp_path / "mypy"),
                 str(bad))
    assert "Incompatible return value type" in typed.stdout, typed.stdout
    assert 'Unused "type: ignore" comment' in typed.stdout, typed.stdout
    linted = _run("ruff", "check", "--no-cache", "--config", config, str(bad))
    assert "F401" in linted.stdout, linted.stdout
