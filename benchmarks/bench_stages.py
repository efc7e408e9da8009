"""Benchmark: where a build's time goes, stage by stage, in one process.

Run on demand:  python benchmarks/bench_stages.py [--cards N] [--size a6] [--runs 3]

Without ``--cards`` the default pack is built; with it, N synthetic question cards
(benchmarks/_packs.py). Each run is a fresh process that imports the program (timed), then
builds with ``--jobs 1`` while the stages' own functions are timed as they run: loading the
pack, translating it, laying it out, imposing it, drawing the pages, then finishing the file
(structure tree, bookmarks, fonts, writing its objects, its id) and writing it to disk. Each
stage's figure is processor time; the peak memory after each stage is the process's maximum
resident set size so far. Medians of the runs are printed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import _process as process  # noqa: E402  (modules beside this script)
from _packs import make_pack  # noqa: E402

CHILD = """\
import json, resource, sys, time
clock = time.process_time
started = clock()
import activate_pack.output.build as build_module
from pathlib import Path
from activate_pack.output import plan, write
from activate_pack.layout import printing
from activate_pack.pack.loading import translations
from activate_pack.render import compact, finish, pdf, tagging
spent, peaks = {"import": clock() - started}, {}
peaks["import"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def timed(owner, name, stage):
    real = getattr(owner, name)
    def run(*args, **kwargs):
        began = clock()
        try:
            return real(*args, **kwargs)
        finally:
            took = clock() - began
            spent[stage] = spent.get(stage, 0.0) + took
            peaks[stage] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    setattr(owner, name, run)

timed(plan, "load_pack", "load")
timed(translations, "translate", "translate")
timed(plan, "lay_out", "layout")
timed(printing.Plan, "impose", "impose")
timed(pdf, "render", "draw, finish and save")
timed(tagging.Tags, "finish", "structure tree")
timed(pdf, "outlines", "bookmarks")
timed(finish, "embed_fonts", "fonts")
timed(compact, "write", "objects written")
timed(finish, "stamp_ids", "file id")
timed(write, "stage", "file written")
began = clock()
build_module.build(Path(sys.argv[1]), (sys.argv[3],), Path(sys.argv[2]), jobs=1,
                   languages=None)
spent["whole build"] = clock() - began
inner = sum(  # timed inside the drawing: its own figures
spent.get(s, 0.0) for s in ("structure tree", "bookmarks", "fonts",
                                        "objects written", "file id"))
spent["draw"] = spent.pop("draw, finish and save", 0.0) - inner
peaks["draw"] = peaks.pop("draw, finish and save", 0.0)
print(json.dumps({"spent": spent, "peaks": peaks}))
"""

ORDER = ("import", "load", "translate", "layout", "impose", "draw", "structure tree",
         "bookmarks", "fonts", "objects written", "file id", "file written", "whole build")


def one(pack: Path, out: Path, size: str, env: dict[str, str]) -> dict[str, dict[str, float]]:
    """One build in a fresh process: each stage's processor time and the peak after it."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(pack), str(out), size], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    found: dict[str, dict[str, float]] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, help="synthetic question cards (default: the "
                                                  "default pack)")
    parser.add_argument("--size", default="a6", choices=("a6", "a4"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = process.child_env(tmp / "bytecode", SOURCE_DATE_EPOCH="0")
        if args.cards:
            pack = make_pack(tmp / "pack", args.cards, kind="question")
        else:
            from activate_pack.pack.sources.paths import default_pack_dir

            pack = default_pack_dir()
        one(pack, tmp / "out", args.size, env)  # warm-up: compiled modules, the page cache
        runs = [one(pack, tmp / "out", args.size, env) for _ in range(args.runs)]
    what = f"{args.cards:,} cards" if args.cards else "the default pack"
    print(f"{what}, {args.size.upper()} build with --jobs 1: processor time per stage and peak "
          f"memory after it, medians of {args.runs} fresh processes")
    whole = statistics.median(r["spent"]["whole build"] for r in runs)
    for stage in ORDER:
        times = [r["spent"][stage] for r in runs if stage in r["spent"]]
        if not times:
            continue
        peaks = [r["peaks"][stage] for r in runs if stage in r["peaks"]]
        share = "" if stage in ("import", "whole build") else \
            f"{100 * statistics.median(times) / whole:5.1f}%"
        peak = f"{statistics.median(peaks):7.0f} MB" if peaks else ""
        print(f"  {stage:18} {statistics.median(times):7.2f} s {share:>6} {peak}")


if __name__ == "__main__":
    main()
