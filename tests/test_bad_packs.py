"""Every broken or hostile pack in tests/bad_packs/ fails cleanly, through the real command line.

Each folder is a small pack with one thing wrong and an ``expected.txt``: a comment line saying
what is wrong, then lines that must all appear in the output. Large or unusual files (a 10 MB
field, a 50,000 × 50,000 PNG, symbolic links) are made at test time by GENERATORS below, so
the repository holds no big files and no links.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import zlib
from pathlib import Path
from typing import Callable

import pytest
from typer.testing import CliRunner

from activate_pack.cli import app

BAD = Path(__file__).resolve().parent / "bad_packs"
CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir())
EARLIER = {"bad-pack-a6-community.pdf": b"%PDF-1.4 earlier A6 build\n",
           "bad-pack-a4-facilitator.pdf": b"%PDF-1.4 earlier A4 build\n"}

runner = CliRunner()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def image_bomb(root: Path) -> None:
    """A valid PNG header declaring 50,000 × 50,000 pixels, with a few bytes of data."""
    header = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 0, 0, 0, 0)  # 8-bit greyscale
    data = zlib.compress(b"\0" * 50_001)  # one row; the rest would decompress from nothing
    png = (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data)
           + _png_chunk(b"IEND", b""))
    _write(root / "content/images/bomb.png", png)


def truncated_png(root: Path) -> None:
    """A real PNG of noise, cut off half-way through its pixel data."""
    from PIL import Image

    out = io.BytesIO()
    Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3)).save(out, "PNG")
    _write(root / "content/images/cut.png", out.getvalue()[: len(out.getvalue()) // 2])


def huge_field(root: Path) -> None:
    """A question of 10 MB of text."""
    text = (root / "content/questions/hello.yaml").read_text(encoding="utf-8")
    big = "question: " + "ever so " * (10 * 1024 * 1024 // 8)
    _write(root / "content/questions/hello.yaml",
           text.replace("question: What did you have for breakfast?", big).encode())


def deep_nesting(root: Path) -> None:
    """100,000 nested lists: enough to crash a recursive C parser."""
    _write(root / "content/questions/hello.yaml", b"[" * 100_000 + b"]" * 100_000)


def _outside_file(root: Path, name: str, data: bytes) -> Path:
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    target = outside / name
    target.write_bytes(data)
    return target


def image_symlink(root: Path) -> None:
    """A picture that is a link to a real image outside the pack."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (900, 600), "#336699").save(out, "PNG")
    target = _outside_file(root, "secret.png", out.getvalue())
    (root / "content/images").mkdir(parents=True, exist_ok=True)
    (root / "content/images/linked.png").symlink_to(target)


def card_symlink(root: Path) -> None:
    """A card file that is a link to a YAML file outside the pack."""
    text = (root / "content/questions/hello.yaml").read_bytes().replace(b"hello", b"linked")
    target = _outside_file(root, "secret.yaml", text)
    (root / "content/questions/linked.yaml").symlink_to(target)


def image_loop(root: Path) -> None:
    """A picture that is a link to itself: following it never ends."""
    (root / "content/images").mkdir(parents=True, exist_ok=True)
    (root / "content/images/loop.png").symlink_to("loop.png")


def card_fifo(root: Path) -> None:
    """A card file that is a named pipe: opening it would wait for a writer for ever."""
    os.mkfifo(root / "content/questions/pipe.yaml")


def image_fifo(root: Path) -> None:
    """A picture that is a named pipe."""
    (root / "content/images").mkdir(parents=True, exist_ok=True)
    os.mkfifo(root / "content/images/pipe.png")


def many_cards(root: Path) -> None:
    """120,000 short cards in twelve files, each under the file size limit."""
    for part in range(12):
        cards = "".join(f"- id: q-{part}-{n}\n  title: Q\n  question: Why?\n"
                        "  prompts: [a, b]\n  phase: plan\n" for n in range(10_000))
        _write(root / f"content/questions/many-{part:02}.yaml", cards.encode())


def huge_pictures(root: Path) -> None:
    """24 pictures whose headers declare 9,000 × 9,000 pixels each (their data is tiny)."""
    header = struct.pack(">IIBBBBB", 9_000, 9_000, 8, 0, 0, 0, 0)
    png = (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
           + _png_chunk(b"IDAT", zlib.compress(b"\0" * 9_001)) + _png_chunk(b"IEND", b""))
    cards = []
    for n in range(24):
        _write(root / f"content/images/big-{n:02}.png", png)
        cards.append(f"- id: big-{n}\n  title: Big\n  question: Why?\n  prompts: [a, b]\n"
                     f"  phase: plan\n  image:\n    file: images/big-{n:02}.png\n    alt: Big\n"
                     "    credit: {author: Test Author, licence: CC-BY-4.0}\n")
    _write(root / "content/questions/big.yaml", "".join(cards).encode())


def many_authors(root: Path) -> None:
    """10,000 authors: refused at their line before any credit line is laid out."""
    people = "".join(f"  - name: Volunteer Number {n}\n" for n in range(10_000))
    text = (root / "content/pack.yaml").read_text(encoding="utf-8")
    _write(root / "content/pack.yaml",
           text.replace("  - name: Test Author\n", people).encode())


def many_variables(root: Path) -> None:
    """60,000 local details, and a card with 1,000 misspelt placeholders (700 KB in all)."""
    details = "".join(f"  detail_{n}: Value number {n}\n" for n in range(60_000))
    text = (root / "content/pack.yaml").read_text(encoding="utf-8")
    _write(root / "content/pack.yaml", (text + "variables:\n" + details).encode())
    wrong = " ".join(f"{{{{ detial_{n} }}}}" for n in range(1_000))
    card = (root / "content/questions/hello.yaml").read_text(encoding="utf-8")
    _write(root / "content/questions/hello.yaml",
           (card + f'notes: "Ask {wrong}"\n').encode())


def long_notes(root: Path) -> None:
    """Facilitator notes of 30,000 characters."""
    with (root / "content/questions/hello.yaml").open("a", encoding="utf-8") as card:
        card.write("notes: " + "word " * 6000 + "\n")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


GENERATORS: dict[str, Callable[[Path], None]] = {
    "image-bomb": image_bomb, "image-truncated": truncated_png, "huge-text-field": huge_field,
    "yaml-deep-nesting": deep_nesting, "image-symlink-outside": image_symlink,
    "card-symlink-outside": card_symlink, "logo-bomb": image_bomb,
    "limit-too-many-cards": many_cards, "limit-picture-pixels": huge_pictures,
    "image-symlink-loop": image_loop, "card-fifo": card_fifo, "image-fifo": image_fifo,
    "thousands-of-authors": many_authors, "very-long-notes": long_notes,
    "thousands-of-variables": many_variables,
}


def expected(case: str) -> list[str]:
    """The lines of a case's expected.txt that the output must contain."""
    lines = (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture
def bad_pack(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """A copy of one bad pack, with its generated files made."""
    case = request.param
    root = tmp_path / "pack"
    shutil.copytree(BAD / case, root, ignore=shutil.ignore_patterns("expected.txt"))
    if case in GENERATORS:
        GENERATORS[case](root)
    return root


def test_there_are_at_least_60_cases_each_with_expectations() -> None:
    assert len(CASES) >= 60
    for case in CASES:
        assert (BAD / case / "content").is_dir(), case
        assert expected(case), case
    assert set(GENERATORS) <= set(CASES)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("bad_pack", CASES, indirect=True)
def test_build_fails_cleanly(bad_pack: Path, tmp_path: Path,
                             request: pytest.FixtureRequest) -> None:
    case = request.node.callspec.params["bad_pack"]
    out = tmp_path / "dist"
    out.mkdir()
    for name, data in EARLIER.items():
        (out / name).write_bytes(data)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    before = _snapshot(out)
    result = runner.invoke(app, ["build", str(bad_pack), "--out", str(out)])
    output = result.output
    assert result.exit_code == 1, (case, output, result.exception)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert "Traceback" not in output and "internal error" not in output  # never the safety net
    for line in expected(case):
        assert line in output, (case, line, output)
    assert "nothing was written" in output
    # Earlier outputs byte for byte, and not one new file (no PDF, no leftover temporary file).
    assert _snapshot(out) == before
    assert not (bad_pack / "pwned").exists() and not Path("pwned").exists()


@pytest.mark.parametrize("bad_pack", CASES, indirect=True)
def test_check_reports_the_same_problem(bad_pack: Path, request: pytest.FixtureRequest) -> None:
    case = request.node.callspec.params["bad_pack"]
    before = _snapshot(bad_pack.parent)
    result = runner.invoke(app, ["check", str(bad_pack)])
    assert result.exit_code == 1, (case, result.output, result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output
    for line in expected(case):
        assert line in result.output, (case, line, result.output)
    assert "error" in result.output.splitlines()[-1]
    assert _snapshot(bad_pack.parent) == before  # check writes nothing
