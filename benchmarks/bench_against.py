"""Benchmark: this checkout's A6 build against another checkout's, alternating, on one pack.

Run on demand:  python benchmarks/bench_against.py OTHER [--cards 1000] [--rounds 5]

OTHER is a folder holding another version of activate-pack's source (``OTHER/src``), such as
``git worktree add /tmp/old ba4830e``. Each round builds the same synthetic pack three times in
a fresh process with each version, one after the other, so a machine that slows down or speeds
up during the run weighs on both alike; the medians of all builds are compared. The other
version must offer ``activate_pack.output.build.build(pack_dir, sizes, out_dir)``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUILDS = 3
"""Builds per process and round, after one to warm up (imports, fonts)."""


def child(source: Path, pack: Path) -> None:
    """Build ``pack`` with the code in ``source``/src, printing each build's seconds as JSON."""
    sys.path.insert(0, str(source / "src"))
    from activate_pack.output.build import build

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        build(pack, ("a6",), Path(tmp) / "warm")
        for index in range(BUILDS):
            start = time.perf_counter()
            build(pack, ("a6",), Path(tmp) / f"out{index}")
            times.append(time.perf_counter() - start)
    print(json.dumps(times))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="a folder holding another version's src/")
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pack", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.pack)
        return
    sys.path.insert(0, str(HERE))
    from _packs import make_pack

    versions = {"this": HERE.parent, "other": args.other.resolve()}
    if not (versions["other"] / "src" / "activate_pack").is_dir():
        parser.error(f"{args.other} has no src/activate_pack")
    times: dict[str, list[float]] = {name: [] for name in versions}
    with tempfile.TemporaryDirectory() as tmp:
        pack = make_pack(Path(tmp) / "pack", args.cards)
        for _ in range(args.rounds):
            for name, source in versions.items():
                done = subprocess.run([sys.executable, __file__, str(source), "--child",
                                       str(source), "--pack", str(pack)],
                                      capture_output=True, text=True, check=True)
                times[name] += json.loads(done.stdout)
    this, other = (statistics.median(times[name]) for name in ("this", "other"))
    print(f"cards: {args.cards} (A6), {args.rounds} rounds of {BUILDS} builds per version")
    print(f"this checkout: median {this:.3f} s; {versions['other']}: median {other:.3f} s; "
          f"ratio {this / other:.2f}")


if __name__ == "__main__":
    main()
