"""The publishing workflows: valid for GitHub, safe, and running commands the CLI has."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import yaml

from activate_pack.cli import app
from activate_pack.output.newpack import WORKFLOW, new_pack

REPO = Path(__file__).resolve().parent.parent
OWN = REPO / ".github" / "workflows" / "publish.yml"


@pytest.fixture(scope="module")
def adaptation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workflow ``activate-pack new`` writes into a new adaptation."""
    root = tmp_path_factory.mktemp("new") / "mytown"
    new_pack(root, locality="Mytown")
    return root / WORKFLOW


@pytest.fixture(params=["own", "adaptation"])
def workflow(request: pytest.FixtureRequest) -> Path:
    return OWN if request.param == "own" else request.getfixturevalue("adaptation")


def _runs(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [step["run"] for job in data["jobs"].values() for step in job["steps"] if "run" in step]


def commands(path: Path) -> list[list[str]]:
    """The arguments of every ``activate-pack`` command a workflow's steps run."""
    found = []
    for script in _runs(path):
        for line in script.replace("\\\n", " ").splitlines():
            for part in re.split(r"&&|\|\||;", line):
                words = shlex.split(part)
                if words and Path(words[0]).name == "activate-pack":
                    found.append(words[1:])
    return found


def test_workflows_are_valid_for_github(workflow: Path) -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows",
                             str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_command_exists_with_its_options(workflow: Path) -> None:
    found = commands(workflow)
    assert ["site", "--out", "public"] in found
    for args in found:
        _assert_runs(args)


def _assert_runs(args: list[str]) -> None:
    """The command line parses: the command exists and takes these options."""
    group = typer.main.get_command(app)
    with group.make_context("activate-pack", list(args)) as ctx:
        name, command, rest = group.resolve_command(ctx, list(args))
        assert command is not None, args
        # An unknown command or option raises the CLI's usage error, naming it.
        command.make_context(name, rest, parent=ctx)


def test_the_readme_shows_the_commands_the_workflow_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for args in commands(OWN):
        assert f"activate-pack {shlex.join(args)}" in readme, args


def test_no_event_text_in_shell_commands(workflow: Path) -> None:
    for script in _runs(workflow):
        assert "${{" not in script, script


def test_actions_are_pinned_and_permissions_are_per_job(workflow: Path) -> None:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert data["permissions"] == {}
    for name, job in data["jobs"].items():
        assert "permissions" in job, name
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    writers = {name for name, job in data["jobs"].items()
               if "write" in job["permissions"].values()}
    assert writers == {"release", "pages"}
    triggers = data[True]  # PyYAML reads the key 'on' as True
    assert triggers["push"]["tags"] == ["v*"] and "pull_request" in triggers


def test_a_new_adaptation_carries_the_workflow(adaptation: Path) -> None:
    from activate_pack import __version__

    text = adaptation.read_text(encoding="utf-8")
    assert f'ACTIVATE_PACK_VERSION: "{__version__}"' in text
    readme = (adaptation.parents[2] / "README.md").read_text(encoding="utf-8")
    assert "Settings" in readme and "GitHub Actions" in readme


def test_every_command_a_new_pack_readme_shows_exists(tmp_path: Path) -> None:
    from activate_pack.output.newpack import new_pack

    root = new_pack(tmp_path / "town", locality="Reading").root
    readme = (root / "README.md").read_text(encoding="utf-8")
    shown = [shlex.split(found) for found in re.findall(r"`activate-pack ([^`]+)`", readme)]
    assert {"cards", "copy", "diff"} <= {args[0] for args in shown}
    for args in shown:
        _assert_runs(args)
