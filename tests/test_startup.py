"""Commands start soon: what a command does not use, it does not import (Python's -X importtime)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def imported(*args: str, cwd: Path) -> set[str]:
    """The modules ``activate-pack ARGS`` imports in a fresh process, as Python reports them."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "activate_pack", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


def test_help_loads_no_pipeline(tmp_path: Path) -> None:
    """--help shows the commands without loading the model, PDF, text or template libraries."""
    modules = imported("--help", cwd=tmp_path)
    assert "activate_pack.cli" in modules
    heavy = {"pydantic", "reportlab", "yaml", "uharfbuzz", "jinja2", "PIL"}
    assert not heavy & {name.split(".")[0] for name in modules}


def test_a_pack_without_placeholders_or_site_builds_without_their_libraries(
        tmp_path: Path) -> None:
    """The built-in pack (no {{ placeholders }}, no site_url) waits for neither Jinja2 nor the
    QR encoder's drawing packages."""
    modules = imported("build", "--size", "a6", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert "activate_pack.render.pdf" in modules
    assert (tmp_path / "out").is_dir()
    assert "jinja2" not in modules
    assert not {name for name in modules if name.startswith(("reportlab.graphics",
                                                              "reportlab.platypus"))}
