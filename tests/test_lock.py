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


def test_readme_lists_the_locked_versions() -> None:
    pins = _pins()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| ([a-z0-9-]+) \| ([0-9][^ |]*) \|$", readme, re.M))
    assert table, "README.md has no table of the versions the suite last passed with"
    for name, version in table.items():
        assert pins[canonicalize_name(name)] == Version(version), name
