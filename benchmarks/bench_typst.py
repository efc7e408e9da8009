"""Benchmark: the same A6 question cards built by activate-pack and by Typst, in one paired run.

Run on demand (needs the ``bench`` extra: pip install -e ".[bench]"):

    python benchmarks/bench_typst.py [--cards 1000 10000] [--runs 5] [--no-extras]

Each size's pack is written once: N question cards, each with words of its own (benchmarks/
_packs.py), and the same words as cards.json for Typst's document (benchmarks/typst_cards.typ),
which draws the same page: A6, the band, title, question, prompts and credit line on the front,
the kind's colour and ring on the back, in the same bundled font, tagged. Every build runs in a
fresh child process: activate-pack as its user runs it (``python -m activate_pack build``), Typst
through its Python package. The parent reads each child's clock time, processor time (user +
system) and peak memory (maximum resident set size) from the operating system, and the two
tools alternate, the first changing every run, so a machine that slows down weighs on both alike.

Then, unless ``--no-extras``: the default pack's A6 build, ``site`` for the default pack (every
language), and the 1,000-card pack in English, Urdu and Punjabi; and issue 26's targets, each
MET or MISSED with its figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import _process as process  # noqa: E402  (modules beside this script)
from _packs import LANGUAGES, PHASES, make_pack, question_texts, write_translation  # noqa: E402

FONTS = HERE.parent / "src" / "activate_pack" / "fonts"
CREDIT = "Benchmark Pack · Benchmark · CC BY-SA 4.0 · https://creativecommons.org/licenses/by-sa/4.0/"
ENV = process.child_env(Path(tempfile.gettempdir()) / "activate-pack-bench-bytecode",
                        SOURCE_DATE_EPOCH="0", PYTHONHASHSEED="0")
"""Every child's environment: compiled modules kept (by source path) between runs, as an
installed package has them."""
TYPST_CHILD = """\
import sys, typst
root, standard = sys.argv[1], sys.argv[2:]
typst.compile(root + "/cards.typ", output=root + "/out.pdf", root=root, font_paths=[{fonts!r}],
              ignore_system_fonts=True, pdf_standards=standard, pdf_tags=True, timestamp=0)
"""


@dataclass
class Run:
    """One build in a child process, as the operating system saw it."""

    wall: float
    cpu: float
    peak_mb: float
    bytes: int


def typst_pack(root: Path, n: int) -> Path:
    """Write Typst's document and the words of ``n`` question cards (as make_pack's) into root."""
    root.mkdir(parents=True, exist_ok=True)
    phase = [p.replace("-", " ").capitalize() for p in PHASES]  # the labels of content/labels.yaml
    cards = [{"label": f"Question · {phase[i % len(phase)]}", "title": title,
              "question": question, "prompts": prompts, "kind": "Question",
              "detail": phase[i % len(phase)]}
             for i, (title, question, prompts) in enumerate(question_texts(n))]
    about = [["Made by", "Benchmark"], ["Licence", "Creative Commons Attribution-ShareAlike 4.0 "
             "International (CC BY-SA 4.0) https://creativecommons.org/licenses/by-sa/4.0/"],
             ["Get the pack and its source", "https://example.org/bench"]]
    data = {"title": "Benchmark Pack", "author": "Benchmark", "credit": CREDIT,
            "about": about, "cards": cards}
    (root / "cards.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (root / "cards.typ").write_text((HERE / "typst_cards.typ").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    return root


def measure(command: list[str], output: Path, cwd: Path | None = None) -> Run:
    """Run ``command`` in a fresh process; its clock and processor time, peak memory, output size."""
    done = process.measure(command, ENV, cwd)
    size = sum(f.stat().st_size for f in output.rglob("*") if f.is_file()) if output.is_dir() \
        else output.stat().st_size
    return Run(done.wall, done.cpu, done.peak_mb, size)


def ours_command(pack: Path | None, out: Path, *extra: str, command: str = "build") -> list[str]:
    """``activate-pack build`` (or ``site``) as its user runs it; None: the built-in pack."""
    size = ["--size", "a6"] if command == "build" else []
    return [sys.executable, "-m", "activate_pack", command, *([str(pack)] if pack else []),
            *size, "--out", str(out), *extra]


def median(runs: list[Run]) -> Run:
    """The median of each figure over ``runs``."""
    return Run(*(statistics.median(getattr(r, f) for r in runs)
                 for f in ("wall", "cpu", "peak_mb", "bytes")))


def paired(n: int, runs: int, standard: list[str], tmp: Path) -> dict[str, list[Run]]:
    """Build ``n`` cards ``runs`` times with each tool, alternating; every build's figures."""
    pack = make_pack(tmp / f"pack-{n}", n, kind="question")
    typst_root = typst_pack(tmp / f"typst-{n}", n)
    commands = {
        "activate-pack": (ours_command(pack, tmp / f"out-{n}"), tmp / f"out-{n}"),
        "Typst": ([sys.executable, "-c", TYPST_CHILD.format(fonts=str(FONTS)), str(typst_root),
                   *standard], typst_root / "out.pdf"),
    }
    for command, output in commands.values():  # warm-up: the files read are in the page cache
        measure(command, output)
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for run in range(runs):
        order = list(commands) if run % 2 == 0 else list(reversed(commands))
        for name in order:
            results[name].append(measure(*commands[name]))
            print(f"  {n} cards, run {run + 1}, {name}: {results[name][-1].wall:.2f} s", flush=True)
    return results


def row(label: str, run: Run) -> str:
    """One line of the table."""
    return (f"{label:34} {run.wall:7.2f} s {run.cpu:7.2f} s {run.peak_mb:7.0f} MB "
            f"{run.bytes / 1e6:8.2f} MB")


HEADER = f"{'':34} {'wall':>9} {'CPU':>9} {'peak':>10} {'file':>11}"


def extras(runs: int, tmp: Path) -> dict[str, Run]:
    """The default pack's A6 build and site, and 1,000 cards in English, Urdu and Punjabi."""
    found: dict[str, list[Run]] = {}
    pack = make_pack(tmp / "lang-pack", 1000)
    for lang in LANGUAGES:
        write_translation(pack, lang, 1000)
    jobs = {
        "default pack, build --size a6": (ours_command(None, tmp / "d"), tmp / "d"),
        "default pack, site (all languages)": (ours_command(None, tmp / "s", command="site"),
                                                tmp / "s"),
        "1,000 cards English": (ours_command(pack, tmp / "en"), tmp / "en"),
        "1,000 cards Urdu": (ours_command(pack, tmp / "ur", "--lang", "ur"), tmp / "ur"),
        "1,000 cards Punjabi": (ours_command(pack, tmp / "pa", "--lang", "pa-Guru"), tmp / "pa"),
    }
    for run in range(runs):
        for name, (command, output) in jobs.items():
            found.setdefault(name, []).append(measure(command, output, cwd=tmp))
        print(f"  extras, run {run + 1} done", flush=True)
    return {name: median(done) for name, done in found.items()}


def verdict(met: bool, text: str) -> str:
    """A target's line: MET or MISSED, with the figure."""
    return f"{'MET   ' if met else 'MISSED'} {text}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[1000, 10000],
                        help="pack sizes to compare (default: 1000 10000)")
    parser.add_argument("--runs", type=int, default=5, help="builds per tool and size")
    parser.add_argument("--large-runs", type=int,
                        help="runs at 5,000 cards and more (default: --runs): they take minutes")
    parser.add_argument("--extra-runs", type=int, help="runs of the extras (default: --runs)")
    parser.add_argument("--standard", default="ua-1", choices=("ua-1", "none"),
                        help="Typst's PDF standard (tags are written either way)")
    parser.add_argument("--no-extras", action="store_true",
                        help="only the paired comparison: no default pack, site or languages")
    args = parser.parse_args()
    import typst  # noqa: F401  (fail early, with Python's own message, if the extra is missing)

    standard = [] if args.standard == "none" else [args.standard]
    lines, targets = [], []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        runs = {n: args.large_runs or args.runs if n >= 5000 else args.runs for n in args.cards}
        table = {n: paired(n, runs[n], standard, tmp) for n in args.cards}
        if 10000 in args.cards:  # the target compares peak memory at 10,000 with 5,000
            peak_5000 = median([measure(ours_command(make_pack(tmp / "pack-5000", 5000, "question"),
                                                     tmp / "out-5000"), tmp / "out-5000")])
        more = extras(args.extra_runs or args.runs, tmp) if not args.no_extras else {}
    print(f"\nA6 question cards, fronts and backs, medians of "
          f"{', '.join(f'{r} runs at {n:,}' for n, r in runs.items())}, each build in a fresh "
          f"process ({os.cpu_count()} cores; extras: {args.extra_runs or args.runs} runs)")
    print(f"Typst {getattr(typst, '__version__', '?')}: tagged PDF"
          + (f", PDF/{args.standard.upper()}" if standard else "") + "; activate-pack: tagged PDF")
    print(HEADER)
    for n, results in table.items():
        ours, theirs = median(results["activate-pack"]), median(results["Typst"])
        lines += [row(f"{n:,} cards, activate-pack", ours), row(f"{n:,} cards, Typst", theirs),
                  f"{'':34} ours/Typst: wall {ours.wall / theirs.wall:.2f}, CPU "
                  f"{ours.cpu / theirs.cpu:.2f}, peak {ours.peak_mb / theirs.peak_mb:.2f}, "
                  f"file {ours.bytes / theirs.bytes:.2f}"]
        if n in (1000, 10000):
            targets.append(verdict(ours.wall <= theirs.wall,
                                   f"wall at {n:,} cards ≤ Typst's: {ours.wall:.2f} s vs "
                                   f"{theirs.wall:.2f} s"))
        if n == 10000:
            targets.append(verdict(ours.peak_mb <= 150, f"peak at 10,000 cards ≤ 150 MB: "
                                                        f"{ours.peak_mb:.0f} MB"))
            targets.append(verdict(ours.peak_mb <= 1.1 * peak_5000.peak_mb,
                                   f"peak at 10,000 within 10% of 5,000: {ours.peak_mb:.0f} MB "
                                   f"vs {peak_5000.peak_mb:.0f} MB (one build)"))
    lines += [row(name, run) for name, run in more.items()]
    if more:
        english = more["1,000 cards English"].wall
        for lang in ("Urdu", "Punjabi"):
            ratio = more[f"1,000 cards {lang}"].wall / english
            targets.append(verdict(ratio <= 2.5, f"{lang} 1,000 cards ≤ 2.5× English: {ratio:.2f}×"))
        site = more["default pack, site (all languages)"].wall
        targets.append(verdict(site <= 5, f"site, default pack, every language ≤ 5 s: {site:.2f} s"))
    print("\n".join(lines))
    print("\nIssue 26's targets (byte-identical --jobs 1 / --jobs 2 is a test, not measured here):")
    print("\n".join(targets))


if __name__ == "__main__":
    main()
