"""Benchmark: how soon commands start: ``--help``, and the default pack's A6 build split into
importing and working.

Run on demand:  python benchmarks/bench_startup.py [--runs 5] [--against OTHER]

Each figure is the median of ``--runs`` fresh processes. The build writes its file in one go,
so its clock time is also the time to the first page. Its imports are timed as they happen,
by clock and by processor (imports inside functions, made while the command works, count as
imports); the work is the processor time less the imports'. With
``--against OTHER`` (a folder holding another version's ``src/``) both versions are run in
turn, so a machine that slows down weighs on both alike.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import _process as process  # noqa: E402  (a module beside this script)


SPLIT = """\
import builtins, json, os, runpy, sys, time
spent, depth, real_import = [0.0, 0.0], [0], builtins.__import__

def counted(*args, **kwargs):
    if depth[0]:
        return real_import(*args, **kwargs)
    depth[0], wall, cpu = 1, time.perf_counter(), time.process_time()
    try:
        return real_import(*args, **kwargs)
    finally:
        depth[0] = 0
        spent[0] += time.perf_counter() - wall
        spent[1] += time.process_time() - cpu

builtins.__import__ = counted
sys.argv = ["activate-pack", *sys.argv[1:]]
try:
    runpy.run_module("activate_pack", run_name="__main__")
except SystemExit as stop:
    assert not stop.code, stop.code
finally:
    os.write(2, ("\\nSPLIT " + json.dumps(spent)).encode())
"""
"""Runs the command with every outermost import timed, by clock and processor, as it happens:
imports made inside functions, while the command works, count as imports too."""


def one_round(src: Path, tmp: Path) -> dict[str, float]:
    """One of each measurement for the version in ``src``."""
    cli = [sys.executable, "-m", "activate_pack"]
    build = ["build", "--size", "a6", "--out", str(tmp / "out")]
    env = process.child_env(tmp / "bytecode", PYTHONPATH=str(src))
    shown = process.measure([*cli, "--help"], env, tmp)
    built = process.measure([sys.executable, "-c", SPLIT, *build], env, tmp)
    import_wall, import_cpu = json.loads(built.stderr.rsplit("SPLIT ", 1)[1])
    return {"help wall": shown.wall, "help CPU": shown.cpu, "build wall": built.wall,
            "build CPU": built.cpu, "import wall": import_wall, "import CPU": import_cpu,
            "work CPU": built.cpu - import_cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", type=Path, help="a folder holding another version's src/")
    args = parser.parse_args()
    versions = {"this": HERE.parent / "src"}
    if args.against:
        versions = {"other": args.against.resolve() / "src", **versions}
    found: dict[str, dict[str, list[float]]] = {name: {} for name in versions}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)  # not a pack: the commands use the built-in pack
        for src in versions.values():  # warm-up: files in the page cache, .pyc written
            one_round(src, tmp)
        for run in range(args.runs):
            for name, src in versions.items() if run % 2 == 0 else reversed(versions.items()):
                for figure, value in one_round(src, tmp).items():
                    found[name].setdefault(figure, []).append(value)
    print(f"medians of {args.runs} fresh processes each (seconds); default pack, A6 build")
    figures = list(found["this"])
    print(f"{'':8}" + "".join(f"{figure:>12}" for figure in figures))
    for name, values in found.items():
        print(f"{name:8}" + "".join(f"{statistics.median(values[f]):12.2f}" for f in figures))


if __name__ == "__main__":
    main()
