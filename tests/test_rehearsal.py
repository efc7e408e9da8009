"""Both publishing workflows rehearsed step by step in fresh clones (see tests/rehearsal.py).

The project's workflow is rehearsed for a push to main and for its version tag; the workflow
``activate-pack new`` writes is rehearsed in a fresh adaptation, with no package index but a
folder holding the wheel the project's rehearsal built and the locked files it names.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from activate_pack import __version__
from rehearsal import REHEARSING, Event, Rehearsal, Run, StepFailed
from runner import git, origin_of

REPO = Path(__file__).resolve().parent.parent
OWN = REPO / ".github" / "workflows" / "publish.yml"
TAG = f"v{__version__}"
MAIN = Event("push", "refs/heads/main")

# The test job's last step runs the whole suite, which holds this file: running it here would
# recurse. The rehearsal runs every other step of that job as written (the system tools, a fresh
# venv installing ".[test]" at the newest releases), and this one with pytest collecting every
# test instead of running it, which shows the venv can import and find them all.
COLLECT_ONLY = {("test", "Tests, newest releases"): lambda script: _once(
    script, "python -m pytest", "python -m pytest --collect-only -q")}


def _once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"expected {old!r} once in {text!r}"
    return text.replace(old, new)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Run]:
    """The project's workflow rehearsed for a push to main, then for the version tag."""
    if os.environ.get(REHEARSING):  # collecting is fine; rehearsing again would recurse
        pytest.fail("the rehearsal is running inside a rehearsal", pytrace=False)
    work = tmp_path_factory.mktemp("rehearsal")
    origin = origin_of(REPO, work / "origin", TAG)
    rehearsal = Rehearsal(OWN, origin, work, repository="activate-pack/activate-pack",
                          run_stand_ins=COLLECT_ONLY)
    started = time.monotonic()
    main = rehearsal.run(MAIN)
    tag = rehearsal.run(Event("push", f"refs/tags/{TAG}"), reuse=main)
    print(f"project rehearsal: {time.monotonic() - started:.0f} s; main {main.seconds}, "
          f"tag {tag.seconds}, reused on the tag: {tag.reused}")
    return main, tag


def test_a_push_to_main_builds_and_publishes_the_site_on_pages(project: tuple[Run, Run]) -> None:
    main = project[0].passed()
    assert set(main.ran) == {"test", "site", "dist", "pages"}, main.ran
    assert set(main.skipped) == {"pypi", "release"}
    [site] = main.pages
    pdfs = sorted(site.rglob("*.pdf"))
    assert (site / "index.html").is_file() and len(pdfs) >= 4, pdfs
    assert not main.pypi and not main.releases


def test_a_version_tag_publishes_on_pypi_and_makes_a_release(project: tuple[Run, Run]) -> None:
    tag = project[1].passed()
    assert "pages" in tag.skipped and {"pypi", "release", "dist"} <= set(tag.ran), tag
    [published] = tag.pypi
    assert [p.name for p in published] == [f"activate_pack-{__version__}-py3-none-any.whl",
                                           f"activate_pack-{__version__}.tar.gz"]
    [release] = tag.releases
    assert release["tag"] == TAG and "--verify-tag" in release["options"]
    attached = {Path(f).name for f in release["files"]}
    built = {p.name for p in (tag.artifacts / "site").rglob("*.pdf")}
    assert built and attached == built | {"activate-pack-site.zip"}, attached ^ built
    with zipfile.ZipFile(tag.artifacts / "site-zip" / "activate-pack-site.zip") as archive:
        names = set(archive.namelist())
    assert "index.html" in names and built <= {Path(n).name for n in names}


def test_the_sdist_and_wheel_are_built_reproducibly(project: tuple[Run, Run]) -> None:
    """The dist job ran for main and for the tag, each in its own clone, a minute apart."""
    main, tag = project
    for run in project:  # the dist job needs no other, so it runs whatever else fails
        assert "dist" in run.ran, run.failed.get("dist")
    first, second = main.artifacts / "dist", tag.artifacts / "dist"
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir()) and len(names) == 2
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    # The files carry the commit's time, not the build's: SOURCE_DATE_EPOCH was honoured.
    commit_time = int(git("log", "-1", "--format=%ct", main.commit,
                          cwd=main.artifacts.parent.parent / "origin"))
    wheel = zipfile.ZipFile(first / f"activate_pack-{__version__}-py3-none-any.whl")
    stamp = time.gmtime(commit_time)[:6]
    assert {info.date_time for info in wheel.infolist()} == {(*stamp[:5], stamp[5] // 2 * 2)}
    inside = set(wheel.namelist())
    assert {"activate_pack/requirements.lock",
            "activate_pack/default_pack/content/pack.yaml"} <= inside
    with tarfile.open(first / f"activate_pack-{__version__}.tar.gz") as sdist:
        assert {member.mtime for member in sdist.getmembers()} == {commit_time}


@pytest.fixture(scope="module")
def adaptation(project: tuple[Run, Run], tmp_path_factory: pytest.TempPathFactory
               ) -> tuple[Run, Run]:
    """The workflow 'new' writes, rehearsed in a fresh adaptation against a local index."""
    work = tmp_path_factory.mktemp("adaptation")
    pack = work / "origin"
    cli = Path(sys.executable).parent / "activate-pack"
    subprocess.run([str(cli), "new", str(pack), "--locality", "Mytown"], check=True,
                   capture_output=True)
    git("init", "-q", "-b", "main", cwd=pack)
    git("add", "-A", cwd=pack)
    git("commit", "-q", "-m", "Mytown's pack", cwd=pack)
    git("tag", "v1.0.0", cwd=pack)
    # The index: the wheel the project's tag run would publish, and the locked files, fetched
    # once (through pip's cache); the workflow itself then runs with no index at all.
    index = work / "index"
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                    "--require-hashes", "-r", str(pack / "requirements.txt"), "-d", str(index)],
                   check=True, capture_output=True)
    if "dist" not in project[1].ran:
        raise StepFailed(project[1].failed.get("dist", "the project's dist job did not run"))
    [wheel] = (project[1].artifacts / "dist").glob("*.whl")
    (index / wheel.name).write_bytes(wheel.read_bytes())
    rehearsal = Rehearsal(pack / ".github" / "workflows" / "publish.yml", pack, work,
                          repository="mytown/pack",
                          env={"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(index)})
    started = time.monotonic()
    main = rehearsal.run(MAIN)
    tag = rehearsal.run(Event("push", "refs/tags/v1.0.0"), reuse=main)
    print(f"adaptation rehearsal: {time.monotonic() - started:.0f} s; main {main.seconds}")
    return main, tag


def test_an_adaptation_publishes_with_the_released_tool(adaptation: tuple[Run, Run]) -> None:
    main, tag = (run.passed() for run in adaptation)
    assert set(main.ran) == {"site", "pages"} and main.skipped == ["release"]
    [site] = main.pages
    assert (site / "index.html").is_file()
    assert "Mytown" in (site / "index.html").read_text(encoding="utf-8")
    assert tag.reused == ["site"] and tag.ran == ["release"] and tag.skipped == ["pages"]
    [release] = tag.releases
    attached = {Path(f).name for f in release["files"]}
    assert "site.zip" in attached and any(name.endswith(".pdf") for name in attached)


def test_pages_from_a_tag_fail_as_on_github(tmp_path: Path) -> None:
    """The rehearsal holds GitHub's rule that made tag-only Pages deployments fail."""
    workflow = tmp_path / "pages.yml"
    workflow.write_text("""\
on: {push: {tags: ["v*"]}}
jobs:
  pages:
    runs-on: ubuntu-24.04
    permissions: {pages: write, id-token: write}
    environment: github-pages
    steps:
      - run: mkdir site && echo '<title>t</title>' > site/index.html
      - uses: actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9
        with: {path: site}
      - uses: actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128
""")
    origin = tmp_path / "origin"
    origin.mkdir()
    git("init", "-q", "-b", "main", cwd=origin)
    git("commit", "-q", "--allow-empty", "-m", "empty", cwd=origin)
    git("tag", "v1", cwd=origin)
    with pytest.raises(StepFailed, match="not allowed to deploy to github-pages"):
        Rehearsal(workflow, origin, tmp_path).run(Event("push", "refs/tags/v1")).passed()


def test_a_failing_step_is_named_with_its_output(tmp_path: Path) -> None:
    workflow = tmp_path / "fail.yml"
    workflow.write_text("""\
on: {push: {branches: [main]}}
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - name: Say where we are
        run: echo "on $GITHUB_REF_NAME" && echo "where=here" >> "$GITHUB_OUTPUT"
      - name: Fail on purpose
        run: |
          echo "the reason is here"
          false
          echo "never printed"
""")
    origin = tmp_path / "origin"
    origin.mkdir()
    git("init", "-q", "-b", "main", cwd=origin)
    git("commit", "-q", "--allow-empty", "-m", "empty", cwd=origin)
    with pytest.raises(StepFailed) as failed:
        Rehearsal(workflow, origin, tmp_path).run(MAIN).passed()
    message = str(failed.value)
    assert "job 'build', step 'Fail on purpose' exited 1" in message
    assert "the reason is here" in message and "never printed" not in message
