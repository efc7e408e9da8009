"""A GitHub Actions workflow rehearsed on this machine, job by job and step by step.

Each job starts as on a fresh runner: an empty workspace and a temporary folder of its own.
Every ``run:`` step is a file run by ``bash --noprofile --norc -eo pipefail``, as the runner
does, with GitHub's variables set (``GITHUB_REF``, ``GITHUB_OUTPUT`` and the other files...).
``uses:`` steps have stand-ins that do what the action does to the job's files, or check what
it would publish:

- ``actions/checkout``: a shallow clone of the ref from the origin repository;
- ``actions/setup-python``: a fresh virtual environment of this Python (same minor version);
- ``actions/upload-artifact`` / ``download-artifact``: a folder per artifact;
- ``actions/upload-pages-artifact`` / ``deploy-pages``: the site folder is checked and kept, and
  a deployment from anything but the default branch fails as GitHub's own ``github-pages``
  environment makes it fail;
- ``pypa/gh-action-pypi-publish``: the job may mint a token, runs in an environment, and
  ``dist/`` holds an sdist and a wheel and nothing else; they are kept;
- ``gh release create`` (a command on the PATH): every file exists and is not empty; kept.

``sudo`` is the command itself when running as root. ``apt-get install`` is skipped when every
package it names is installed, and is the real one otherwise.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from runner import fresh_python, git, make_shims

STEP_TIMEOUT = 900
REHEARSING = "ACTIVATE_PACK_REHEARSAL"
"""Set in every rehearsed step, so a test can refuse to rehearse inside a rehearsal."""


class StepFailed(AssertionError):
    """A step failed: the message names the workflow, job and step, and holds its output."""


@dataclass(frozen=True)
class Event:
    """What started the run: an event name and the ref it happened on."""

    name: str
    ref: str

    @property
    def ref_name(self) -> str:
        return self.ref.split("/", 2)[2]


@dataclass
class Run:
    """What a rehearsed run did."""

    commit: str
    ran: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    uploads: dict[str, list[str]] = field(default_factory=dict)
    artifacts: Path = Path()
    pages: list[Path] = field(default_factory=list)
    pypi: list[list[Path]] = field(default_factory=list)
    releases: list[dict[str, Any]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def passed(self) -> Run:
        """This run, if every job it started passed; else the failures, each with its output."""
        if self.failed:
            raise StepFailed("\n\n".join(self.failed.values()))
        return self


RunStandIn = Callable[[str], str]
"""Turns a ``run:`` script into the one the rehearsal runs instead (see its caller's reason)."""


class Rehearsal:
    """Runs a workflow's jobs for an event, in order, as GitHub would."""

    def __init__(self, workflow: Path, origin: Path, work: Path, *,
                 repository: str = "example/pack", default_branch: str = "main",
                 run_stand_ins: dict[tuple[str, str], RunStandIn] | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.path = workflow
        self.data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        self.origin, self.work, self.repository = origin, work, repository
        self.default_branch = default_branch
        self.run_stand_ins = dict(run_stand_ins or {})
        self.extra_env = dict(env or {})
        self.count = 0
        named = {(job_id, step.get("name")) for job_id, job in self.data["jobs"].items()
                 for step in job["steps"] if "run" in step}
        for key in self.run_stand_ins:  # a renamed step must not run unreplaced by mistake
            if key not in named:
                raise StepFailed(f"{workflow.name}: no run step {key[1]!r} in job {key[0]!r}")

    # -- the run ---------------------------------------------------------------------------
    def run(self, event: Event, reuse: Run | None = None) -> Run:
        """Rehearse every job the event starts; a job of ``reuse`` that read nothing of the
        event, on the same commit, is taken from it (GitHub would repeat it to the same end)."""
        self._check_trigger(event)
        self.count += 1
        folder = self.work / f"run-{self.count}-{event.ref_name.replace('/', '-')}"
        commit = git("rev-parse", f"{event.ref}^{{commit}}", cwd=self.origin)
        run = Run(commit, artifacts=folder / "artifacts")
        run.artifacts.mkdir(parents=True)
        gh_log = folder / "gh.jsonl"
        shims = make_shims(folder / "shims", gh_log)
        jobs = self.data["jobs"]
        for job_id in _in_order(jobs):
            job = jobs[job_id]
            needs = _listed(job.get("needs"))
            if any(need not in run.ran + run.reused for need in needs) or \
                    ("if" in job and not self._condition(job["if"], event)):
                run.skipped.append(job_id)
            elif reuse and reuse.commit == commit and not _reads_event(job) and \
                    job_id in reuse.ran + reuse.reused + list(reuse.failed):
                for name in reuse.uploads.get(job_id, []):
                    shutil.copytree(reuse.artifacts / name, run.artifacts / name)
                run.uploads[job_id] = reuse.uploads.get(job_id, [])
                if job_id in reuse.failed:
                    run.failed[job_id] = reuse.failed[job_id]
                else:
                    run.reused.append(job_id)
            else:
                started = time.monotonic()
                try:  # as on GitHub, a failed job stops the jobs that need it, not the others
                    self._job(job_id, job, event, run, folder / "jobs" / job_id, shims)
                    run.ran.append(job_id)
                except StepFailed as failure:
                    run.failed[job_id] = str(failure)
                run.seconds[job_id] = round(time.monotonic() - started, 1)
        if gh_log.exists():
            run.releases = [json.loads(line) for line in gh_log.read_text().splitlines()]
        return run

    def _check_trigger(self, event: Event) -> None:
        on = self.data[True]  # PyYAML reads the key 'on' as True
        push = on.get(event.name) or {}
        kind, _, name = event.ref.removeprefix("refs/").partition("/")
        patterns = push.get({"heads": "branches", "tags": "tags"}[kind], [])
        if not any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
            raise StepFailed(f"{self.path.name}: a {event.name} to {event.ref} starts no run")

    def _job(self, job_id: str, job: dict[str, Any], event: Event, run: Run, folder: Path,
             shims: Path) -> None:
        workspace, temp = folder / "workspace", folder / "temp"
        workspace.mkdir(parents=True)
        temp.mkdir()
        state = _JobState(job_id, job, workspace, temp, [str(shims)], {}, {})
        state.env.update(self._expand_all(self.data.get("env", {}), event, state))
        state.env.update(self._expand_all(job.get("env", {}), event, state))
        for index, step in enumerate(job["steps"]):
            name = step.get("name") or step.get("uses") or step["run"].splitlines()[0]
            where = f"{self.path.name}, job '{job_id}', step '{name}'"
            started = time.monotonic()
            step_env = state.env | self._expand_all(step.get("env", {}), event, state)
            if "uses" in step:
                with_ = self._expand_all(step.get("with", {}), event, state)
                outputs = self._action(step["uses"], with_, state, event, run, where)
            else:
                script = step["run"]
                stand_in = self.run_stand_ins.get((job_id, name))
                if stand_in is not None:
                    script = stand_in(script)
                outputs = self._shell(script, step_env, state, event, index, where)
            if "id" in step:
                state.outputs[step["id"]] = outputs
            run.seconds[f"{job_id}: {name}"] = round(time.monotonic() - started, 1)

    # -- run: steps ---------------------------------------------------------------------------
    def _environment(self, env: dict[str, str], state: _JobState, event: Event) -> dict[str, str]:
        own_bin = str(Path(sys.prefix) / "bin")  # the test's own venv: no runner has it
        system_path = [p for p in os.environ["PATH"].split(os.pathsep) if p != own_bin]
        base = {k: v for k, v in os.environ.items()
                if k not in ("VIRTUAL_ENV", "PYTHONPATH", "SOURCE_DATE_EPOCH", "PYTHONHOME")
                and not k.startswith(("PYTEST", "GITHUB_", "RUNNER_"))}
        return base | self.extra_env | {
            "CI": "true", "GITHUB_ACTIONS": "true", REHEARSING: "1",
            "GITHUB_WORKSPACE": str(state.workspace),
            "GITHUB_REF": event.ref, "GITHUB_REF_NAME": event.ref_name,
            "GITHUB_REF_TYPE": "tag" if event.ref.startswith("refs/tags/") else "branch",
            "GITHUB_EVENT_NAME": event.name, "GITHUB_REPOSITORY": self.repository,
            "GITHUB_SHA": git("rev-parse", f"{event.ref}^{{commit}}", cwd=self.origin),
            "GITHUB_JOB": state.job_id, "RUNNER_TEMP": str(state.temp), "RUNNER_OS": "Linux",
            "PATH": os.pathsep.join(state.path + system_path),
        } | env

    def _shell(self, script: str, env: dict[str, str], state: _JobState, event: Event,
               index: int, where: str) -> dict[str, str]:
        files = {key: state.temp / f"{key.lower()}-{index}" for key in
                 ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY")}
        for path in files.values():
            path.touch()
        script_file = state.temp / f"step-{index}.sh"
        script_file.write_text(script, encoding="utf-8")
        full_env = self._environment(env, state, event) | {k: str(v) for k, v in files.items()}
        try:
            done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail",
                                   str(script_file)], cwd=state.workspace, env=full_env,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, timeout=STEP_TIMEOUT)
        except subprocess.TimeoutExpired as late:
            raise StepFailed(f"{where}: still running after {STEP_TIMEOUT} s\n"
                             f"{_tail(str(late.output or ''))}") from None
        if done.returncode:
            raise StepFailed(f"{where} exited {done.returncode}:\n{_tail(done.stdout)}")
        state.env.update(_pairs(files["GITHUB_ENV"].read_text()))
        state.path[:0] = [line for line in files["GITHUB_PATH"].read_text().splitlines() if line]
        return _pairs(files["GITHUB_OUTPUT"].read_text())

    # -- uses: steps --------------------------------------------------------------------------
    def _action(self, uses: str, with_: dict[str, str], state: _JobState, event: Event,
                run: Run, where: str) -> dict[str, str]:
        action, _, pin = uses.partition("@")
        if not re.fullmatch(r"[0-9a-f]{40}", pin):
            raise StepFailed(f"{where}: {uses} is not pinned to a full commit SHA")
        permissions = state.job.get("permissions", {})
        environment = state.job.get("environment", {})
        environment = environment.get("name") if isinstance(environment, dict) else environment
        workspace = state.workspace
        if action == "actions/checkout":
            depth = int(with_.get("fetch-depth", 1))
            git("clone", "-q", *(["--depth", str(depth)] if depth else []), "--branch",
                event.ref_name, self.origin.resolve().as_uri(), str(workspace))
        elif action == "actions/setup-python":
            wanted = str(with_.get("python-version"))
            have = "{}.{}".format(*sys.version_info)
            if wanted != have:
                raise StepFailed(f"{where}: asks for Python {wanted}; the rehearsal has {have}")
            state.path.insert(0, str(fresh_python(state.temp / "python", self.work)))
        elif action == "actions/upload-artifact":
            self._upload(with_, state, run, where)
        elif action == "actions/download-artifact":
            source = run.artifacts / with_["name"]
            if not source.is_dir():
                raise StepFailed(f"{where}: no artifact named {with_['name']} in this run")
            shutil.copytree(source, workspace / with_.get("path", "."), dirs_exist_ok=True)
        elif action == "actions/upload-pages-artifact":
            site = workspace / with_.get("path", "_site")
            if not (site / "index.html").is_file():
                raise StepFailed(f"{where}: {site} has no index.html")
            links = [p for p in site.rglob("*") if p.is_symlink()]
            if links:
                raise StepFailed(f"{where}: a Pages artifact cannot hold links: {links[:3]}")
            state.pages = site
        elif action == "actions/deploy-pages":
            if permissions.get("pages") != "write" or permissions.get("id-token") != "write":
                raise StepFailed(f"{where}: deploy-pages needs pages: write and id-token: write")
            if environment != "github-pages" or state.pages is None:
                raise StepFailed(f"{where}: needs the github-pages environment and a Pages "
                                 "artifact uploaded before it in the job")
            if event.ref != f"refs/heads/{self.default_branch}":
                raise StepFailed(f"{where}: {event.ref_name} is not allowed to deploy to "
                                 "github-pages due to environment protection rules (the "
                                 "environment allows the default branch only)")
            run.pages.append(state.pages)
            return {"page_url": f"https://{self.repository.split('/')[0]}.github.io/"}
        elif action == "pypa/gh-action-pypi-publish":
            self._pypi(with_, state, permissions, environment, run, where)
        else:
            raise StepFailed(f"{where}: the rehearsal has no stand-in for {action}")
        return {}

    def _upload(self, with_: dict[str, str], state: _JobState, run: Run, where: str) -> None:
        name = with_.get("name", "artifact")
        source = state.workspace / with_["path"]
        target = run.artifacts / name
        if target.exists():
            raise StepFailed(f"{where}: an artifact named {name} was already uploaded")
        if source.is_dir() and any(source.iterdir()):
            shutil.copytree(source, target)
        elif source.is_file():
            target.mkdir()
            shutil.copy2(source, target / source.name)
        elif with_.get("if-no-files-found") == "error":
            raise StepFailed(f"{where}: no files at {with_['path']}")
        else:
            return
        run.uploads.setdefault(state.job_id, []).append(name)

    def _pypi(self, with_: dict[str, str], state: _JobState, permissions: dict[str, str],
              environment: str | None, run: Run, where: str) -> None:
        if permissions.get("id-token") != "write" or not environment:
            raise StepFailed(f"{where}: trusted publishing needs id-token: write and an "
                             "environment for the job")
        folder = state.workspace / with_.get("packages-dir", "dist")
        files = sorted(folder.iterdir()) if folder.is_dir() else []
        kinds = sorted("wheel" if f.suffix == ".whl" else "sdist" if f.name.endswith(".tar.gz")
                       else f.name for f in files)
        if kinds != ["sdist", "wheel"]:
            raise StepFailed(f"{where}: {folder} should hold one sdist and one wheel, "
                             f"holds {[f.name for f in files]}")
        kept = run.artifacts.parent / "pypi"
        shutil.copytree(folder, kept)
        run.pypi.append(sorted(kept.iterdir()))

    # -- expressions --------------------------------------------------------------------------
    def _context(self, name: str, event: Event, state: _JobState) -> str:
        github = {"ref": event.ref, "ref_name": event.ref_name, "event_name": event.name,
                  "repository": self.repository, "token": "rehearsal-token"}
        parts = name.split(".")
        if parts[0] == "github" and len(parts) == 2 and parts[1] in github:
            return github[parts[1]]
        if parts[0] == "env" and len(parts) == 2:
            return state.env.get(parts[1], "")
        if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            return state.outputs.get(parts[1], {}).get(parts[3], "")
        raise StepFailed(f"{self.path.name}: the rehearsal cannot evaluate '{name}'")

    def _expand_all(self, values: dict[str, Any], event: Event,
                    state: _JobState) -> dict[str, str]:
        return {key: re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}",
                            lambda m: self._context(m.group(1), event, state), str(value))
                for key, value in values.items()}

    def _condition(self, expression: str, event: Event) -> bool:
        text = expression.strip().removeprefix("${{").removesuffix("}}")
        state = _JobState("", {}, Path(), Path(), [], {}, {})
        result = True
        for atom in (part.strip() for part in text.split("&&")):
            starts = re.fullmatch(r"startsWith\(([\w.]+),\s*'([^']*)'\)", atom)
            compare = re.fullmatch(r"([\w.]+)\s*(==|!=)\s*'([^']*)'", atom)
            if starts:
                result &= self._context(starts[1], event, state).startswith(starts[2])
            elif compare:
                result &= (self._context(compare[1], event, state) == compare[3]) == \
                    (compare[2] == "==")
            else:
                raise StepFailed(f"{self.path.name}: the rehearsal cannot evaluate '{atom}'")
        return result


@dataclass
class _JobState:
    job_id: str
    job: dict[str, Any]
    workspace: Path
    temp: Path
    path: list[str]
    env: dict[str, str]
    outputs: dict[str, dict[str, str]]
    pages: Path | None = None


def _listed(value: Any) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def _in_order(jobs: dict[str, Any]) -> list[str]:
    """The jobs in an order that puts each after the jobs it needs."""
    done: list[str] = []
    while len(done) < len(jobs):
        ready = [j for j in jobs
                 if j not in done and set(_listed(jobs[j].get("needs"))) <= set(done)]
        if not ready:
            raise StepFailed(f"jobs need each other in a circle: {sorted(set(jobs) - set(done))}")
        done.extend(ready)
    return done


def _reads_event(job: dict[str, Any]) -> bool:
    """True if anything in the job can differ between two events on the same commit."""
    text = json.dumps(job)
    return any(word in text for word in ("github.ref", "GITHUB_REF", "github.event",
                                         "GITHUB_EVENT", "github.sha", "GITHUB_SHA"))


def _pairs(text: str) -> dict[str, str]:
    """KEY=value lines, and KEY<<DELIMITER blocks, as GITHUB_ENV and GITHUB_OUTPUT hold them."""
    found, lines = {}, text.splitlines()
    while lines:
        line = lines.pop(0)
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delimiter = line.split("<<", 1)
            value = []
            while lines and lines[0] != delimiter:
                value.append(lines.pop(0))
            lines[:1] = []
            found[key] = "\n".join(value)
        elif "=" in line:
            key, value_text = line.split("=", 1)
            found[key] = value_text
    return found


def _tail(output: str, lines: int = 40, chars: int = 6000) -> str:
    """The end of a step's output, where the reason for a failure is."""
    return "\n".join(output.splitlines()[-lines:])[-chars:]
