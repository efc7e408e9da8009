"""Benchmark: build the A6 pack of a synthetic N-card pack against a bare ReportLab floor.

Run on demand:  python benchmarks/bench_build.py [--cards 1000] [--runs 3] [--memory-cards 10000]

Both are timed in this same process, alternating, and the medians are compared, because the
machines this runs on are noisy. Peak memory is measured in a fresh child process per build
(its maximum resident set size), so one measurement does not inherit another's heap.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _packs import card_texts, make_pack  # noqa: E402  (a module beside this script)


def ours(root: Path, out: Path) -> int:
    """Build the A6 community pack with activate-pack; returns the file size."""
    try:
        from activate_pack.output.build import build
    except ImportError:  # the layout of modules before the pipeline's folders, for comparisons
        from activate_pack.build import build  # type: ignore[no-redef]

    [built] = build(root, ("a6",), out)
    return built.bytes


def floor(n: int, backs: bool = False) -> int:
    """Bare ReportLab: title, one paragraph in a frame, footer, one page per card.

    With ``backs``, each card also gets a back page (a coloured rectangle and a line of text), so
    the page count matches the A6 pack's front-and-back order.
    """
    from reportlab.lib.pagesizes import A6
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Frame, Paragraph
    from reportlab.pdfgen.canvas import Canvas

    from activate_pack.text import FAMILIES, FONT_DIR

    if "bench-regular" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("bench-regular", str(FONT_DIR / FAMILIES["atkinson"]["regular"])))
        pdfmetrics.registerFont(TTFont("bench-bold", str(FONT_DIR / FAMILIES["atkinson"]["bold"])))
    style = ParagraphStyle("body", fontName="bench-regular", fontSize=11, leading=14)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A6, invariant=1)
    w, h = A6
    for title, para in card_texts(n):
        canvas.setFont("bench-bold", 16)
        canvas.drawString(20, h - 40, title)
        frame = Frame(20, 40, w - 40, h - 100, showBoundary=0)
        frame.addFromList([Paragraph(para, style)], canvas)
        canvas.setFont("bench-regular", 6)
        canvas.drawString(20, 20, "Benchmark Pack · Benchmark · CC BY-SA 4.0")
        canvas.showPage()
        if backs:
            canvas.setFillColorRGB(0.3, 0.2, 0.55)
            canvas.rect(0, 0, w, h, stroke=0, fill=1)
            canvas.setFillColorRGB(1, 1, 1)
            canvas.setFont("bench-bold", 20)
            canvas.drawCentredString(w / 2, h / 2, "Ingredient")
            canvas.setFont("bench-regular", 6)
            canvas.drawString(20, 20, "Benchmark Pack · Benchmark · CC BY-SA 4.0")
            canvas.showPage()
    canvas.save()
    return len(buffer.getvalue())


def child(kind: str, n: int) -> None:
    """Run one build in this (fresh) process and print its time and peak memory as JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        root = make_pack(Path(tmp) / "pack", n) if kind == "ours" else None
        start = time.perf_counter()
        size = ours(root, Path(tmp) / "out") if kind == "ours" else floor(n)
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "bytes": size}))


def measure_child(kind: str, n: int) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", kind, "--cards", str(n)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-cards", type=int, default=10000)
    parser.add_argument("--child", choices=("ours", "floor"))
    args = parser.parse_args()
    if args.child:
        child(args.child, args.cards)
        return

    ours(make_pack(Path(tempfile.mkdtemp()) / "p", 2), Path(tempfile.mkdtemp()))  # imports

    times: dict[str, list[float]] = {"ours": [], "floor": [], "floor with backs": []}
    # Processor time too: on a shared machine it moves far less than the clock does.
    cpu: dict[str, list[float]] = {"ours": [], "floor": [], "floor with backs": []}
    with tempfile.TemporaryDirectory() as tmp:
        root = make_pack(Path(tmp) / "pack", args.cards)
        ours(root, Path(tmp) / "warm")  # warm-up: font loading and imports
        floor(10)
        for run in range(args.runs):
            for name, job in (("ours", lambda r=run: ours(root, Path(tmp) / f"out{r}")),
                              ("floor", lambda: floor(args.cards)),
                              ("floor with backs", lambda: floor(args.cards, backs=True))):
                start, start_cpu = time.perf_counter(), time.process_time()
                size = job()
                times[name].append(time.perf_counter() - start)
                cpu[name].append(time.process_time() - start_cpu)
                if name == "ours":
                    ours_bytes = size
                elif name == "floor":
                    floor_bytes = size
    med = {k: statistics.median(v) for k, v in times.items()}
    print(textwrap.dedent(f"""\
        cards: {args.cards} (A6: {2 * args.cards + 2} pages ours, {args.cards} pages floor)
        activate-pack build: median {med['ours']:.2f} s of {args.runs} runs {[round(t, 2) for t in times['ours']]}, {ours_bytes / 1e6:.1f} MB
        bare ReportLab floor: median {med['floor']:.2f} s of {args.runs} runs {[round(t, 2) for t in times['floor']]}, {floor_bytes / 1e6:.1f} MB
        bare ReportLab floor with a back page per card: median {med['floor with backs']:.2f} s ({2 * args.cards} pages)
        ratio ours / floor: {med['ours'] / med['floor']:.2f}; ours / floor with backs: {med['ours'] / med['floor with backs']:.2f}"""))
    mcpu = {k: statistics.median(v) for k, v in cpu.items()}
    print(f"processor time, medians: activate-pack {mcpu['ours']:.2f} s, floor {mcpu['floor']:.2f} s, "
          f"floor with backs {mcpu['floor with backs']:.2f} s; ratios {mcpu['ours'] / mcpu['floor']:.2f} "
          f"and {mcpu['ours'] / mcpu['floor with backs']:.2f}")
    if args.memory_cards:
        peak = measure_child("ours", args.memory_cards)
        base = measure_child("floor", args.memory_cards)
        print(f"peak memory, {args.memory_cards} cards: activate-pack {peak['peak_mb']:.0f} MB "
              f"({peak['seconds']:.1f} s), bare ReportLab {base['peak_mb']:.0f} MB ({base['seconds']:.1f} s)")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "activate_pack", "--help"], capture_output=True, check=True)
    print(f"activate-pack --help: {time.perf_counter() - start:.2f} s (one run, includes Python start-up)")


if __name__ == "__main__":
    main()
