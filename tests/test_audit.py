"""Proof that a pack opens nothing outside itself: every open is watched by an audit hook.

An audit hook (``sys.addaudithook``) cannot be removed once installed, so the commands run in a
child process: ``check``, ``build``, ``new --from``, ``preview`` and ``watch`` on every pack in
tests/bad_packs/ (with its generated files, links and pipes made first), then ``build`` of the
default pack, and ``preview`` and ``watch`` of a pack with a picture. The child
reports every file opened outside the allowed places: the pack being read, the installed
package (and its lock file), Python's own library and site-packages, and the output folder.
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
from activate_pack.pack.sources.paths import default_pack_dir

package = Path(activate_pack.__file__).resolve().parent
default = default_pack_dir().resolve()
python = {Path(p).resolve() for key in ("stdlib", "platstdlib", "purelib", "platlib")
          for p in [sysconfig.get_paths().get(key)] if p}
python.add((Path(sys.base_prefix) / "lib").resolve())  # e.g. lib/python311.zip on sys.path
# The lock 'new' copies from lies in the package, or beside the default pack in a checkout.
allowed_always = [package, *python, out.resolve(), default / "content", default / "layouts",
                  default / "requirements.lock"]
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
import activate_pack.output.watch as watching

# The file watcher is replaced by one batch of "saved" files: the pack's card files, so watch
# builds once, then rebuilds once, as it does after a save.
watching.changes = lambda pack_dir, stop=None: iter(
    [set((pack_dir / "content").rglob("*.yaml")) | {pack_dir / "content" / "cards.yaml"}])
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
    run(["preview", str(pack), "--out", str(out / ("preview-" + pack.name)), "--size", "a6"])
    run(["watch", str(pack), "--out", str(out / ("watch-" + pack.name))])
current[:] = []
run(["build", "--out", str(out / "default")])
# A pack that builds, previewed and watched: pictures drawn, pages rasterised, PDFs rebuilt.
current[:] = [Path(sys.argv[3]).resolve()]
run(["preview", sys.argv[3], "--out", str(out / "preview-good"), "--cards",
     "your-own-recipe,walk-and-talk"])
run(["watch", sys.argv[3], "--out", str(out / "watch-good"), "--size", "a6"])
print(json.dumps(outside))
"""


def _good_pack(root: Path) -> Path:
    """A copy of the default pack whose blank recipe card has a picture, as volunteers add."""
    from PIL import Image

    from activate_pack.pack.sources.paths import default_pack_dir

    shutil.copytree(default_pack_dir() / "content", root / "content")
    (root / "content" / "images").mkdir()
    Image.new("RGB", (900, 600), "#3A7D44").save(root / "content" / "images" / "path.jpg")
    card = root / "content" / "recipes" / "your-own-recipe.yaml"
    card.write_text(card.read_text(encoding="utf-8") + (
        "image:\n  file: images/path.jpg\n  alt: A footpath between two fields\n"
        "  credit: {author: Test Author, licence: CC-BY-4.0}\n"), encoding="utf-8")
    return root


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
    good = _good_pack(tmp_path / "good")
    result = subprocess.run([sys.executable, "-c", CHILD, json.dumps(packs), str(out), str(good)],
                            capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    outside = json.loads(result.stdout.strip().splitlines()[-1])
    assert outside == [], outside
    assert (out / "default").is_dir() and len(list((out / "default").glob("*.pdf"))) == 2
    # The good pack was really previewed and watched, so their reading was under the hook.
    assert len(list((out / "preview-good").rglob("*.png"))) == 5
    assert len(list((out / "watch-good").glob("*.pdf"))) == 1
