"""Shared fixtures: the default pack built once, and small packs written into tmp_path."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pytest

from activate_pack.output.build import build
from activate_pack.pack.sources.paths import default_pack_dir

if TYPE_CHECKING:
    from activate_pack.errors import Problem
    from activate_pack.layout.boxes import Document
    from activate_pack.layout.spec import LayoutSpec
    from activate_pack.pack.model.pack import Pack

REPO = Path(__file__).resolve().parent.parent


def yaml_strings(node: object) -> list[str]:
    """Every string in parsed YAML (mappings' values and lists' items), in document order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in yaml_strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in yaml_strings(value)]
    return []


def layout_document(pack: Pack, size: str, spec: LayoutSpec,
                    warn: Callable[[Problem], None] | None = None) -> Document:
    """Lay out one edition, raising PackError with every error; warnings go to ``warn``."""
    from activate_pack.errors import Problems
    from activate_pack.layout.editions import EDITIONS
    from activate_pack.output.plan import lay_out

    problems = Problems()
    doc = lay_out(pack, EDITIONS[size], spec, problems)
    problems.raise_if_errors()
    for problem in problems.items if warn else ():
        warn(problem)
    return doc


def require_tool(command: str, debian_package: str) -> str:
    """The path of a system tool a test reads output with.

    Where it is missing, the test is skipped on a developer's machine, but fails under CI=true:
    ``.ci/run`` installs every such tool, so a missing one there is a broken CI script.
    """
    path = shutil.which(command)
    if path is None:
        message = f"{command} is not installed (Debian package {debian_package})"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; .ci/run should have installed it")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def default_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The default pack built once per test session: {'a6': path, 'a4': path}."""
    out = tmp_path_factory.mktemp("default-build")
    built = build(default_pack_dir(), ("a6", "a4"), out)
    return {item.path.name.split("-")[-2]: item.path for item in built}


PACK_YAML = """\
title: Test Pack
version: "0.1"
language: en-GB
locality: Testville
authors:
  - name: Test Author
licence: CC-BY-SA-4.0
source_url: https://example.org/test-pack
copyright: "© 2026 Test Author"
"""

RECIPE = """\
id: soup-club
title: Soup club
summary: Neighbours cook soup together once a week.
ingredients: [cooks]
method:
  - Find a kitchen.
  - Cook.
time: An evening a week
effort: low
"""

QUESTIONS = """\
- id: warm-hello
  title: Hello
  question: What did you have for breakfast?
  prompts: ["Who made it?", "Where did you eat it?"]
  phase: warm-up
"""

INGREDIENTS = """\
- id: cooks
  title: Keen cooks
  asset_type: gifts-and-skills
  prompt: Who near you loves to cook?
  uses: Cooks can run a club.
"""

GUIDE = """\
id: guide-hello
title: Hello
body: A short guide page.
"""


@pytest.fixture
def make_pack(tmp_path: Path) -> Callable[..., Path]:
    """Write a small valid pack; keyword arguments replace or add files (None deletes one)."""

    def make(**files: str | None) -> Path:
        root = tmp_path / "pack"
        defaults = {
            "content/pack.yaml": PACK_YAML,
            "content/recipes/soup-club.yaml": RECIPE,
            "content/questions/warm-up.yaml": QUESTIONS,
            "content/ingredients/skills.yaml": INGREDIENTS,
            "content/guide/01-hello.yaml": GUIDE,
        }
        for name, text in {**defaults, **{k.replace("__", "/"): v for k, v in files.items()}}.items():
            path = root / name
            if text is None:
                path.unlink(missing_ok=True)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return make


@pytest.fixture
def default_copy(tmp_path: Path) -> Path:
    """A writable copy of the default pack."""
    root = tmp_path / "copy"
    shutil.copytree(default_pack_dir() / "content", root / "content")
    return root
