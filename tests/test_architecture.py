"""The pipeline's order holds: layers import only downwards, and no module imports itself back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

REPO = Path(__file__).resolve().parent.parent


def test_layers_contracts_are_kept() -> None:
    """The pipeline's layers, and the pack's own three (loading → model → sources), both hold."""
    import tomllib

    contracts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    names = [c["name"] for c in contracts["tool"]["importlinter"]["contracts"]]
    assert any(c.get("containers") == ["activate_pack.pack"]
               for c in contracts["tool"]["importlinter"]["contracts"]), names
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert f"{len(names)} kept, 0 broken" in result.stdout
    for name in names:
        assert f"{name} KEPT" in result.stdout, name


def test_pack_is_three_subpackages() -> None:
    """Every module of pack/ lives in one of its three layers; none is left at the top."""
    pack = REPO / "src" / "activate_pack" / "pack"
    loose = sorted(path.name for path in pack.glob("*.py") if path.name != "__init__.py")
    assert loose == []
    assert sorted(path.name for path in pack.iterdir()
                  if (path / "__init__.py").exists()) == ["loading", "model", "sources"]


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("activate_pack")
    modules = sorted(graph.modules)
    cycles = []
    for module in modules:
        for imported in graph.find_modules_directly_imported_by(module):
            # A package importing its own submodules (cli/__init__ gathering commands) is
            # not a cycle unless the submodule also reaches back to the package's module.
            path = graph.find_shortest_chain(importer=imported, imported=module)
            if path is not None:
                cycles.append(" → ".join((module, *path)))
    assert not cycles, "import cycles:\n" + "\n".join(sorted(set(cycles)))


def test_plain_pytest_collects_every_test_module() -> None:
    """`pytest` puts tests/ on the path, `python -m pytest` the repository too: a test that
    imports `tests.something` is found by the second only. Import helpers by their own name."""
    import re

    tests = Path(__file__).resolve().parent
    found = [f"{path.name}:{n}" for path in sorted(tests.glob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.match(r"\s*(from|import) tests\.", line)]
    assert found == [], found


def test_no_class_name_is_defined_in_two_modules() -> None:
    """One name per idea: a class name met in two modules of src/ makes a reader ask which."""
    import ast
    from collections import defaultdict

    src = REPO / "src"
    homes: dict[str, list[str]] = defaultdict(list)
    for path in sorted(src.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                homes[node.name].append(str(path.relative_to(src)))
    twice = {name: where for name, where in homes.items() if len(set(where)) > 1}
    assert twice == {}, twice


LONGEST = 60
"""The most lines (its docstring counted) a function of src/ may have: one a reader can hold."""

LONG_ALLOWED: dict[str, str] = {}
"""Functions that may be longer, each with its reason."""


def _function_lengths() -> dict[str, int]:
    """Every function and method of src/ by 'module path:name', with its length in lines."""
    import ast

    src = REPO / "src" / "activate_pack"
    lengths: dict[str, int] = {}
    for path in sorted(src.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno is not None
                name = f"{path.relative_to(src).as_posix()}:{node.name}"
                lengths[name] = max(lengths.get(name, 0), node.end_lineno - node.lineno + 1)
    return lengths


def test_no_function_is_longer_than_a_reader_can_hold() -> None:
    """A function over the limit is broken into named steps, or allowed here with a reason."""
    too_long = {name: lines for name, lines in _function_lengths().items()
                if lines > LONGEST and name not in LONG_ALLOWED}
    assert too_long == {}, "\n".join(f"{name}: {lines} lines (at most {LONGEST})"
                                     for name, lines in sorted(too_long.items()))


def test_every_long_function_allowed_is_still_there_and_long() -> None:
    """An allowance outlives its reason once the function is shortened, renamed or gone."""
    lengths = _function_lengths()
    stale = [name for name in LONG_ALLOWED if lengths.get(name, 0) <= LONGEST]
    assert stale == [], f"remove from LONG_ALLOWED: {stale}"
