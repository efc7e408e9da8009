"""What a GitHub runner has, made on this machine for tests/rehearsal.py.

The repository a push would bring, stand-ins on the PATH for ``sudo``, ``apt-get`` and ``gh``,
and a Python of a job's own, as ``actions/setup-python`` gives.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def git(*args: str, cwd: Path | None = None) -> str:
    """Run git quietly, with a fixed identity; return its output."""
    env = os.environ | {"GIT_AUTHOR_NAME": "Rehearsal", "GIT_AUTHOR_EMAIL": "r@example.org",
                        "GIT_COMMITTER_NAME": "Rehearsal", "GIT_COMMITTER_EMAIL": "r@example.org"}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"git {' '.join(args)}: {done.stderr}")
    return done.stdout.strip()


def origin_of(checkout: Path, dest: Path, tag: str) -> Path:
    """A repository holding the checkout as it is now (uncommitted edits and new files too),
    on a branch ``main`` tagged ``tag``: what a push would bring to GitHub."""
    git("clone", "-q", str(checkout), str(dest))
    diff = subprocess.run(["git", "diff", "--binary", "HEAD"], cwd=checkout,
                          capture_output=True, check=True).stdout
    if diff:
        subprocess.run(["git", "apply", "--binary", "-"], cwd=dest, input=diff, check=True)
    for name in git("ls-files", "--others", "--exclude-standard", cwd=checkout).splitlines():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(checkout / name, dest / name)
    git("checkout", "-q", "-B", "main", cwd=dest)
    git("add", "-A", cwd=dest)
    if git("status", "--porcelain", cwd=dest):
        git("commit", "-q", "-m", "The work not yet committed", cwd=dest)
    git("tag", tag, cwd=dest)
    return dest


def make_shims(folder: Path, gh_log: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sudo").write_text(
        '#!/bin/sh\n[ "$(id -u)" = 0 ] || exec /usr/bin/sudo "$@"\n'
        'while [ $# -gt 0 ]; do case "$1" in -*) shift;; *) break;; esac; done\nexec "$@"\n')
    (folder / "apt-get").write_text(
        '#!/bin/bash\nreal=/usr/bin/apt-get\n[ "${1:-}" = install ] || exec "$real" "$@"\n'
        'for p in "${@:2}"; do case "$p" in -*) continue;; esac\n'
        '  dpkg-query -W -f=\'${Status}\' "$p" 2>/dev/null | grep -q "ok installed" '
        '|| exec "$real" "$@"; done\necho "rehearsal: every package is installed: $*"\n')
    gh = GH_STAND_IN.replace("LOG", repr(str(gh_log)))
    (folder / "gh").write_text(f"#!{sys.executable}\n{gh}")
    for shim in folder.iterdir():
        shim.chmod(0o755)
    return folder


GH_STAND_IN = '''
import json, os, sys
args = sys.argv[1:]
if args[:2] != ["release", "create"] or len(args) < 3:
    sys.exit(f"gh stand-in: only 'gh release create TAG FILES' is rehearsed, not {args}")
valued = {"--repo", "-R", "--title", "-t", "--notes", "-n", "--notes-file", "-F", "--target"}
tag, files, options, rest = args[2], [], {}, args[3:]
while rest:
    word = rest.pop(0)
    if word in valued:
        options[word] = rest.pop(0)
    elif word.startswith("-"):
        options[word] = True
    else:
        files.append(os.path.abspath(word))
problems = [f"{f}: missing or empty" for f in files
            if not os.path.isfile(f) or not os.path.getsize(f)]
names = [os.path.basename(f) for f in files]
problems += [f"two files named {n}" for n in set(names) if names.count(n) > 1]
if not os.environ.get("GH_TOKEN"):
    problems.append("GH_TOKEN is not set")
if "--verify-tag" in options and os.environ.get("GITHUB_REF") != "refs/tags/" + tag:
    problems.append(f"the tag {tag} was not pushed")
if problems:
    sys.exit("gh release create: " + "; ".join(problems))
with open(LOG, "a") as log:
    log.write(json.dumps({"tag": tag, "files": files, "options": options}) + "\\n")
print(f"rehearsal: release {tag} with {len(files)} files")
'''


def fresh_python(folder: Path, work: Path) -> Path:
    """A Python of its own for a job, with pip, as setup-python gives; returns its bin folder.

    Installing pip into every job's environment (ensurepip) takes ten seconds or more on a busy
    machine, so each job's environment reads one copy of this Python's pip, made once, through a
    .pth file; what a job installs still goes into its own environment.
    """
    shared = work / "pip-for-jobs"
    if not shared.is_dir():
        import pip

        source = Path(pip.__file__).parent
        shutil.copytree(source, shared / "pip")
        for info in source.parent.glob("pip-*.dist-info"):
            shutil.copytree(info, shared / info.name)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    [site] = folder.glob("lib/python*/site-packages")
    (site / "rehearsal-pip.pth").write_text(str(shared) + "\n")
    for name in ("pip", "pip3"):
        (folder / "bin" / name).write_text('#!/bin/sh\nexec "$(dirname "$0")/python" -m pip "$@"\n')
        (folder / "bin" / name).chmod(0o755)
    return folder / "bin"
