"""The activate-pack release an adaptation is built with, and its dependencies' exact versions.

``new`` writes both into an adaptation: the version on the workflow's ``ACTIVATE_PACK_VERSION``
line, and ``requirements.txt``, the part of this release's ``requirements.lock`` that building
a pack needs (every file checked against its SHA-256). The workflow installs the one, then the
other from the package index. ``upgrade`` rewrites both for the activate-pack that runs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from activate_pack import __version__
from activate_pack.errors import PackError, Problem
from activate_pack.output.write import write_all

LOCK = "requirements.lock"
"""The lock the release was tested with: in the package, or at a development checkout's top."""

PINS = "requirements.txt"
"""Where an adaptation keeps its exact versions (a name Dependabot reads)."""

WORKFLOW = ".github/workflows/publish.yml"
"""The workflow ``new`` writes, which names the activate-pack release to install."""

VERSION_LINE = re.compile(r'^(?P<key>[ \t]*ACTIVATE_PACK_VERSION:[ \t]*)"(?P<version>[^"\n]*)"',
                          re.M)
_BLOCK_START = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", re.M)


def shipped_lock() -> Path:
    """This release's lock file (a development install reads the checkout's)."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / LOCK, package.parent.parent / LOCK):
        if candidate.is_file():
            return candidate
    raise PackError(Problem(f"{LOCK} is missing from this installation of activate-pack; "
                            "reinstall it with pip"))


def runtime_names() -> set[str]:
    """The packages activate-pack itself needs to run (not its test extras), normalised."""
    try:
        wanted = metadata.requires("activate-pack") or []
    except metadata.PackageNotFoundError:
        raise PackError(Problem("activate-pack is not installed as a package; install it with "
                                "pip to write its versions into a pack")) from None
    names = (re.match(r"[A-Za-z0-9._-]+", line) for line in wanted
             if not re.search(r"\bextra\s*==", line))
    return {canonicalize_name(name.group()) for name in names if name}


def canonicalize_name(name: str) -> str:
    """A package name as the index compares it (PEP 503): 'Rl_Accel' is 'rl-accel'."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _blocks(lock: str) -> list[tuple[str, str, set[str]]]:
    """The lock's entries: (name, the entry's text, the names of what needs it)."""
    starts = [m.start() for m in _BLOCK_START.finditer(lock)] + [len(lock)]
    entries = []
    for begin, end in zip(starts, starts[1:]):
        text = lock[begin:end].rstrip("\n") + "\n"
        name = canonicalize_name(_BLOCK_START.match(text).group(1))  # type: ignore[union-attr]
        # uv writes who needs each pin: '# via x' or '# via' then one '#   x' per line.
        via = re.findall(r"^\s*#\s+(?:via\s+)?([A-Za-z0-9][A-Za-z0-9._-]*)", text, re.M)
        entries.append((name, text, {canonicalize_name(v) for v in via if v != "via"}))
    return entries


def needed_entries(lock: str, roots: set[str]) -> str:
    """The entries of ``lock`` that ``roots`` need, directly or through each other."""
    entries = _blocks(lock)
    needed = set(roots)
    grew = True
    while grew:  # what a needed package needs is needed too, until nothing more is added
        grew = False
        for name, _, via in entries:
            if name not in needed and via & needed:
                needed.add(name)
                grew = True
    missing = roots - {name for name, _, _ in entries}
    if missing:
        raise PackError(Problem(f"{LOCK} of this installation has no entry for "
                                f"{', '.join(sorted(missing))}; reinstall activate-pack"))
    return "".join(text for name, text, _ in entries if name in needed)


def pins_text(version: str = __version__) -> str:
    """The ``requirements.txt`` an adaptation gets from this release."""
    body = needed_entries(shipped_lock().read_text(encoding="utf-8"), runtime_names())
    return (f"# The exact releases activate-pack {version} was tested with, each file checked "
            "against its\n# SHA-256. The publishing workflow installs these, then activate-pack "
            f"{version} itself.\n# Written by 'activate-pack new'; 'activate-pack upgrade' "
            "rewrites it for the activate-pack\n# you run. Dependabot may propose newer "
            "releases of single packages.\n" + body)


@dataclass(frozen=True)
class Upgraded:
    """What ``upgrade`` changed: the version before and after, and the files rewritten."""

    before: str
    after: str
    files: tuple[Path, ...]


def upgrade(root: Path) -> Upgraded:
    """Point the adaptation in ``root`` at the running activate-pack: workflow line and pins."""
    workflow = root / WORKFLOW
    try:
        text = workflow.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        raise PackError(Problem(f"{WORKFLOW} not found; run 'activate-pack upgrade' in a pack "
                                "folder that 'activate-pack new' made (or name that folder)",
                                str(root))) from None
    found = list(VERSION_LINE.finditer(text))
    if len(found) != 1:
        raise PackError(Problem("expected one line 'ACTIVATE_PACK_VERSION: \"X.Y.Z\"' (the "
                                f"release the workflow installs), found {len(found)}; put it "
                                "back as 'activate-pack new' wrote it, then run upgrade again",
                                str(workflow)))
    before = found[0].group("version")
    updated = VERSION_LINE.sub(lambda m: f'{m.group("key")}"{__version__}"', text)
    files = [(workflow, updated.encode("utf-8")), (root / PINS, pins_text().encode("utf-8"))]
    write_all(files)  # both or neither: a pin without its lock would not install
    return Upgraded(before, __version__, tuple(path for path, _ in files))
