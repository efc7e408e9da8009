"""Benchmark: the same 1,000-card pack built in English, Urdu and Punjabi, in one process.

Run on demand:  python benchmarks/bench_languages.py [--cards 1000] [--runs 5]

Issue 11's target: the Urdu (Nastaliq, right to left) and Punjabi (Gurmukhi) builds each within
2.5 times the English build's time. Every card has text of its own in every language: the
translated cards are sentences made of words from the pack's shipped translations
(content/translations/), so the shaper and the line breaker meet real words of each script,
not one sentence repeated. The three builds alternate within each run, and medians are compared,
because the machines this runs on are noisy.

Before each build the text caches (shaped runs, widths, break opportunities) are emptied, as in
a fresh ``activate-pack build``: a warm cache would answer every word from the run before and
hide what shaping and breaking cost. ``--warm`` keeps them, as bench_build.py does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _packs import LANGUAGES, card_texts, make_pack, write_translation  # noqa: E402


def forget_text() -> None:
    """Empty the bounded caches of the text module, as a new process would start.

    Fonts stay loaded (their caches are unbounded): loading them is start-up, not building.
    """
    for name, module in list(sys.modules.items()):
        if not name.startswith("activate_pack.") or module is None:
            continue
        for value in vars(module).values():
            parameters = getattr(value, "cache_parameters", None)
            if parameters is not None and parameters()["maxsize"] is not None:
                value.cache_clear()


def build(root: Path, out: Path, lang: str | None) -> int:
    """Build the A6 community pack in ``lang`` (None: English); returns the file size."""
    from activate_pack.output.build import build as build_pack

    [built] = build_pack(root, ("a6",), out, languages=lang)
    return built.bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warm", action="store_true",
                        help="keep the text caches between builds (as bench_build.py does)")
    args = parser.parse_args()
    langs: list[str | None] = [None, *LANGUAGES]
    names = {None: "English", "ur": "Urdu", "pa-Guru": "Punjabi"}
    times: dict[str | None, list[float]] = {lang: [] for lang in langs}
    cpu: dict[str | None, list[float]] = {lang: [] for lang in langs}
    sizes: dict[str | None, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = make_pack(Path(tmp) / "pack", args.cards)
        assert len(card_texts(args.cards)) == args.cards
        for lang in LANGUAGES:
            write_translation(root, lang, args.cards)
        for lang in langs:  # warm-up: imports and font loading
            build(root, Path(tmp) / "warm", lang)
        for run in range(args.runs):
            for lang in langs:
                if not args.warm:
                    forget_text()
                start, start_cpu = time.perf_counter(), time.process_time()
                sizes[lang] = build(root, Path(tmp) / f"out{run}", lang)
                times[lang].append(time.perf_counter() - start)
                cpu[lang].append(time.process_time() - start_cpu)
    med = {lang: statistics.median(v) for lang, v in times.items()}
    med_cpu = {lang: statistics.median(v) for lang, v in cpu.items()}
    print(f"cards: {args.cards} (A6), medians of {args.runs} runs, same process, "
          f"text caches {'kept' if args.warm else 'emptied before each build'}")
    for lang in langs:
        print(f"{names[lang]:8} clock {med[lang]:.2f} s {[round(t, 2) for t in times[lang]]}, "
              f"processor {med_cpu[lang]:.2f} s, {sizes[lang] / 1e6:.1f} MB, "
              f"ratio to English {med[lang] / med[None]:.2f} (processor "
              f"{med_cpu[lang] / med_cpu[None]:.2f})")


if __name__ == "__main__":
    main()
