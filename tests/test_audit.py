"""Proof that a pack opens nothing outside itself: every open is watched by an audit hook.

An audit hook (``sys.addaudithook``) cannot be removed once installed, so the commands run in a
child process: ``check``, ``build`` and ``new --from`` on every pack in tests/bad_packs/ (with
its generated files, links and pipes made first), then ``build`` of the default pack. The child
reports every file opened outside the allowed places: the pack being read, the installed
package, Python's own library and site-packages, and the output folder.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from test_bad_packs import BAD, CASES, GENERATORS

CHILD = r"""
import json, os, sys, sysconfig
from pathlib import Path

packs, out = [Path(p) for p in json.loads(sys.argv[1])], Path(sys.argv[2])
import activate_pack
from activate_pack.pack.paths import default_pack_dir

package = Path(activate_pack.__file__).resolve().parent
default = default_pack_dir().resolve()
python = {Path(p).resolve() for key in ("stdlib", "platstdlib", "purelib", "platlib")
          for p in [sysconfig.get_paths().get(key)] if p}
python.add((Path(sys.base_prefix) / "lib").resolve())  # e.g. lib/python311.zip on sys.path
allowed_always = [package, *python, out.resolve(), default / "content", default / "layouts"]
current: list[Path] = []
outside: list[str] = []


def inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def hook(event: str, args: tuple) -> None:
    if event != "open" or not args or isinstance(args[0], int) or args[0] is None:
        return
    name = os.fsdecode(args[0])
    if name in ("/dev/null",):
        return
    real = Path(os.path.realpath(name))
    if any(inside(real, folder) for folder in (*allowed_always, *current)):
        return
    outside.append(f"{current[0].name if current else '-'}: {real}")


from activate_pack.cli import app
# ReportLab reads the user's own ~/.reportlab_settings when it is first imported, whatever the
# pack: imported before the hook, as every build does before reading a pack's files.
import activate_pack.render.pdf  # noqa: F401

sys.addaudithook(hook)


def run(args: list[str]) -> None:
    try:
        app(args, prog_name="activate-pack", standalone_mode=False)
    except BaseException:
        pass  # a refusal is expected; only what was opened matters here


for pack in packs:
    current[:] = [pack.resolve()]
    run(["check", str(pack)])
    run(["build", str(pack), "--out", str(out / pack.name)])
    run(["new", str(out / ("new-" + pack.name)), "--from", str(pack), "--locality", "Town"])
current[:] = []
run(["build", "--out", str(out / "default")])
print(json.dumps(outside))
"""


def test_no_pack_opens_a_file_outside_itself(tmp_path: Path) -> None:
    packs = []
    for case in CASES:
        root = tmp_path / "packs" / case / "pack"
        shutil.copytree(BAD / case, root, ignore=shutil.ignore_patterns("expected.txt"))
        if case in GENERATORS:
            GENERATORS[case](root)
        packs.append(str(root))
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run([sys.executable, "-c", CHILD, json.dumps(packs), str(out)],
                            capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    outside = json.loads(result.stdout.strip().splitlines()[-1])
    assert outside == [], outside
    assert (out / "default").is_dir() and len(list((out / "default").glob("*.pdf"))) == 2
