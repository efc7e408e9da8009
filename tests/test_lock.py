"""The lock file that published packs are built from covers what pyproject.toml asks for."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parent.parent


def _pins() -> dict[str, Version]:
    text = (REPO / "requirements.lock").read_text(encoding="utf-8")
    return {canonicalize_name(name): Version(version)
            for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", text, re.M)}


def _wanted() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = project["dependencies"] + project["optional-dependencies"]["test"]
    return [Requirement(line) for line in names]


def test_every_dependency_is_locked_within_its_bounds() -> None:
    pins = _pins()
    for requirement in _wanted():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is in pyproject.toml but not in requirements.lock"
        assert pins[name] in requirement.specifier, (name, str(pins[name]), str(requirement))


def test_every_locked_file_has_a_hash() -> None:
    text = (REPO / "requirements.lock").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text)
    pinned = [b for b in blocks if re.match(r"[A-Za-z0-9_.-]+==", b)]
    assert len(pinned) >= len(_wanted())
    for block in pinned:
        assert "--hash=sha256:" in block, block.splitlines()[0]


def _version_table(path: Path) -> dict[str, str]:
    """The rows of a '| package | version |' table in a Markdown file."""
    text = path.read_text(encoding="utf-8")
    return dict(re.findall(r"^\| ([a-z0-9-]+) \| ([0-9][^ |]*) \|$", text, re.M))


def test_docs_list_the_locked_versions() -> None:
    pins = _pins()
    table = _version_table(REPO / "docs" / "lock.md")
    assert table, "docs/lock.md has no table of the versions the suite last passed with"
    # The README may still carry the same table; where it does, it must agree too.
    for name, version in {**_version_table(REPO / "README.md"), **table}.items():
        assert pins[canonicalize_name(name)] == Version(version), name
