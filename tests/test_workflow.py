"""The publishing workflows: valid for GitHub, safe, and running commands the CLI has."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
import zipfile
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
    """In the README, or the publishing guide it points to."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/publishing.md" in readme
    readme += (REPO / "docs/publishing.md").read_text(encoding="utf-8")
    for args in commands(OWN):
        assert f"activate-pack {shlex.join(args)}" in readme, args


def test_no_event_text_in_shell_commands(workflow: Path) -> None:
    for script in _runs(workflow):
        assert "${{" not in script, script


def test_actions_are_pinned_and_permissions_are_per_job(workflow: Path) -> None:
    text = workflow.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["permissions"] == {}
    for name, job in data["jobs"].items():
        assert "permissions" in job, name
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    # Each pin says which release it is, so a reader (and Dependabot) can tell.
    for line in re.findall(r"^\s*(?:- )?uses: .*$", text, re.M):
        assert re.search(r"@[0-9a-f]{40}  # v\d+\.\d+\.\d+$", line), line
    writers = {name for name, job in data["jobs"].items()
               if "write" in job["permissions"].values()}
    assert writers == ({"release", "pages", "pypi"} if workflow == OWN else {"release", "pages"})
    triggers = data[True]  # PyYAML reads the key 'on' as True
    assert triggers["push"]["tags"] == ["v*"] and triggers["push"]["branches"] == ["main"]
    assert "pull_request" in triggers
    # GitHub's own github-pages environment takes the default branch only: Pages from main.
    assert data["jobs"]["pages"]["if"] == \
        "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def test_both_workflows_use_the_same_action_releases(adaptation: Path) -> None:
    def pins(path: Path) -> set[str]:
        return set(re.findall(r"uses: (\S+)", path.read_text(encoding="utf-8")))

    assert pins(adaptation) <= pins(OWN)


def test_the_project_publishes_on_pypi_by_trusted_publishing() -> None:
    jobs = yaml.safe_load(OWN.read_text(encoding="utf-8"))["jobs"]
    pypi = jobs["pypi"]
    assert pypi["permissions"] == {"id-token": "write"} and pypi["environment"]["name"] == "pypi"
    assert pypi["steps"][-1]["uses"].startswith("pypa/gh-action-pypi-publish@")
    assert pypi["if"] == "startsWith(github.ref, 'refs/tags/v')"
    build = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    assert re.fullmatch(r"hatchling==[\d.]+", build["requires"][0]), build


def test_one_list_of_system_tools_for_ci_here_and_on_github() -> None:
    script = (REPO / ".ci" / "system-tools.sh").read_text(encoding="utf-8")
    listed = set(re.findall(r'^  "([a-z0-9.+-]+) ', script, re.M))
    assert {"libimage-exiftool-perl", "poppler-utils", "qpdf", "chromium", "ghostscript",
            "default-jre-headless", "libpdfbox2-java", "mupdf-tools", "gettext",
            "libharfbuzz-bin"} <= listed
    # Every package a test asks for by name is on the list.
    asked = {package for test in (REPO / "tests").glob("*.py")
             for package in re.findall(r'require_tool\(\s*"[^"]+",\s*"([^"]+)"\)',
                                       test.read_text(encoding="utf-8"))}
    assert asked and asked <= listed, asked - listed
    assert "bash .ci/system-tools.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get" not in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for name, job in yaml.safe_load(OWN.read_text(encoding="utf-8"))["jobs"].items():
        runs = [step.get("run", "") for step in job["steps"]]
        if any("pytest" in run for run in runs):
            assert "bash .ci/system-tools.sh" in runs, name
        assert not any("apt-get" in run for run in runs), name


def test_dependabot_keeps_actions_and_packages_current(tmp_path: Path) -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    written = new_pack(tmp_path / "town", locality="Town").root / ".github" / "dependabot.yml"
    for path in (REPO / ".github" / "dependabot.yml", written):
        result = subprocess.run([str(checker), "--builtin-schema", "vendor.dependabot",
                                 str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        updates = yaml.safe_load(path.read_text(encoding="utf-8"))["updates"]
        assert {u["package-ecosystem"] for u in updates} == {"github-actions", "pip"}


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


def test_the_site_zip_is_the_same_for_the_same_files(tmp_path: Path) -> None:
    """The release's zip of the site depends on the files and SOURCE_DATE_EPOCH only."""
    zips = []
    for attempt, mtime in enumerate((1_000_000_000, 1_700_000_000)):
        site = tmp_path / f"site{attempt}"
        for name in ("index.html", "ur/index.html", "assets/a.css"):
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(name, encoding="utf-8")
            os.utime(site / name, (mtime, mtime))
        archive = tmp_path / f"site{attempt}.zip"
        subprocess.run([sys.executable, str(REPO / ".ci" / "zip-folder.py"), str(site),
                        str(archive)], check=True,
                       env=os.environ | {"SOURCE_DATE_EPOCH": "1700000000"})
        zips.append(archive.read_bytes())
    assert zips[0] == zips[1]
    with zipfile.ZipFile(tmp_path / "site0.zip") as done:
        assert done.namelist() == ["assets/a.css", "index.html", "ur/index.html"]
        assert done.read("ur/index.html") == b"ur/index.html"
        assert {info.date_time for info in done.infolist()} == {(2023, 11, 14, 22, 13, 20)}
