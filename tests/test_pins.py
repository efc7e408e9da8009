"""An adaptation names the activate-pack release it is built with, and its dependencies by hash."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from activate_pack import __version__
from activate_pack.output.newpack import new_pack
from activate_pack.output.pins import PINS, WORKFLOW

REPO = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "activate-pack"


def _entries(text: str) -> dict[str, str]:
    """name → the lines that pin it (version and hashes)."""
    starts = list(re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", text, re.M))
    return {m[1].lower().replace("_", "-"): text[m.start():(starts[i + 1].start() if
                                                           i + 1 < len(starts) else None)]
            for i, m in enumerate(starts)}


@pytest.fixture
def town(tmp_path: Path) -> Path:
    return new_pack(tmp_path / "town", locality="Town").root


def test_new_pins_the_runtime_dependencies_as_the_lock_does(town: Path) -> None:
    pins = _entries((town / PINS).read_text(encoding="utf-8"))
    lock = _entries((REPO / "requirements.lock").read_text(encoding="utf-8"))
    runtime = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    direct = {re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", d)[0]).lower()  # type: ignore[index]
              for d in runtime["project"]["dependencies"]}  # names as PEP 503 compares them
    assert direct <= set(pins), direct - set(pins)
    for name, lines in pins.items():
        assert "--hash=sha256:" in lines and lines == lock[name], name
    # Only what building needs: none of the test tools come along.
    assert not {"pytest", "playwright", "pikepdf", "hypothesis"} & set(pins)
    workflow = (town / WORKFLOW).read_text(encoding="utf-8")
    assert f'ACTIVATE_PACK_VERSION: "{__version__}"' in workflow
    assert "--require-hashes -r requirements.txt" in workflow
    assert '--no-deps "activate-pack==${ACTIVATE_PACK_VERSION}"' in workflow
    assert "raw.githubusercontent.com" not in workflow and "git+" not in workflow


def test_upgrade_rewrites_the_version_and_the_pins(town: Path) -> None:
    workflow = town / WORKFLOW
    old = workflow.read_text(encoding="utf-8")
    workflow.write_text(old.replace(f'"{__version__}"', '"0.0.1"'), encoding="utf-8")
    (town / PINS).write_text("reportlab==1.0 --hash=sha256:00\n", encoding="utf-8")
    done = subprocess.run([str(CLI), "upgrade", str(town)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"activate-pack 0.0.1 -> {__version__}" in done.stdout
    assert workflow.read_text(encoding="utf-8") == old
    pins = _entries((town / PINS).read_text(encoding="utf-8"))
    lock = _entries((REPO / "requirements.lock").read_text(encoding="utf-8"))
    assert pins["reportlab"] == lock["reportlab"] and "==1.0 " not in pins["reportlab"]


def test_upgrade_outside_an_adaptation_says_where_and_writes_nothing(tmp_path: Path) -> None:
    done = subprocess.run([str(CLI), "upgrade", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{tmp_path}: {WORKFLOW} not found;"), done.stderr
    assert not any(tmp_path.iterdir())


def test_upgrade_refuses_a_workflow_without_its_version_line(town: Path) -> None:
    workflow = town / WORKFLOW
    workflow.write_text(re.sub(r"ACTIVATE_PACK_VERSION: .*", "", workflow.read_text()))
    before = (town / PINS).read_bytes()
    done = subprocess.run([str(CLI), "upgrade"], cwd=town, capture_output=True, text=True)
    assert done.returncode == 1 and "found 0" in done.stderr, done.stderr
    assert done.stderr.startswith(f"{workflow.relative_to(town)}") or str(workflow) in done.stderr
    assert (town / PINS).read_bytes() == before


def test_an_adaptation_of_an_adaptation_gets_its_own_pins_only(town: Path, tmp_path: Path) -> None:
    (town / PINS).write_text("# the base's own\n", encoding="utf-8")
    second = new_pack(tmp_path / "village", base=town, locality="Village").root
    assert not (second / "upstream" / PINS).exists()
    assert (second / PINS).read_text(encoding="utf-8") != "# the base's own\n"
