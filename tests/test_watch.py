"""Watch mode: rebuild after saves, only the editions affected, printing problems and going on."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

import pytest
from pypdf import PdfReader

from activate_pack.output.watch import affected, watch


def test_affected_editions(tmp_path: Path) -> None:
    root = tmp_path
    assert affected([root / "content/guide/01.yaml"], root) == ("a4",)
    assert affected([root / "content/recipes/x.yaml"], root) == ("a6", "a4")
    assert affected([root / "content/pack.yaml"], root) == ("a6", "a4")
    assert affected([root / "content/images/p.png"], root) == ("a6", "a4")
    assert affected([root / "layouts/a6.yaml"], root) == ("a6",)
    assert affected([root / "layouts/base.yaml"], root) == ("a6", "a4")
    assert affected([root / "layouts/a6.yaml", root / "content/guide/g.yaml"], root) == ("a6", "a4")
    # Editors' swap and backup files, and anything outside the pack, change nothing.
    assert affected([root / "content/recipes/.x.yaml.swp", root / "content/recipes/x.yaml~",
                     tmp_path.parent / "elsewhere.yaml"], root) == ()
    assert affected([root / "content/guide/01.yaml"], root, ("a6",)) == ()


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns


def test_batches_rebuild_only_what_changed_and_survive_mistakes(
        tmp_path: Path, make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    out = tmp_path / "dist"
    a6, a4 = out / "test-pack-a6-community.pdf", out / "test-pack-a4-facilitator.pdf"
    guide = root / "content/guide/01-hello.yaml"
    recipe = root / "content/recipes/soup-club.yaml"
    printed: list[str] = []
    stamps: dict[str, tuple[int, int]] = {}

    def batches():
        stamps["start"] = _stamp(a6)
        guide.write_text("id: guide-hello\ntitle: Hello again\nbody: A new guide page.\n",
                         encoding="utf-8")
        yield {guide}
        assert _stamp(a6) == stamps["start"]  # the guide is only in the A4 pack
        assert "Hello again" in "".join(p.extract_text() for p in PdfReader(a4).pages)
        stamps["a4"] = a4.read_bytes()
        recipe.write_text("id: soup-club\ntitle: [broken\n", encoding="utf-8")
        yield {recipe}
        assert a4.read_bytes() == stamps["a4"]  # a failed rebuild leaves the PDFs alone
        recipe.write_text(recipe.read_text(encoding="utf-8").replace("[broken", "Soup night")
                          + "summary: Soup.\n", encoding="utf-8")
        yield {recipe, root / "content/recipes/.soup-club.yaml.swp"}

    runs = watch(root, ("a6", "a4"), out, printed.append, batches=batches())

    assert runs == 4
    text = "\n".join(printed)
    assert "Changed: content/guide/01-hello.yaml. Rebuilding A4…" in text
    assert "content/recipes/soup-club.yaml:2:" in text and "the PDFs were not changed" in text
    assert "Changed: content/recipes/soup-club.yaml. Rebuilding A6 and A4…" in text
    assert "Soup night" in "".join(p.extract_text() for p in PdfReader(a6).pages)
    assert "Traceback" not in text


def test_real_file_watcher_sees_a_save(tmp_path: Path, make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    out = tmp_path / "dist"
    printed: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(root, ("a4",), out, printed.append),
                              kwargs={"stop": stop}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not any(line.startswith("Built in") for line in printed):
            assert time.monotonic() < deadline, printed
            time.sleep(0.05)
        time.sleep(0.3)  # let the watcher settle before the save
        (root / "content/guide/01-hello.yaml").write_text(
            "id: guide-hello\ntitle: Saved\nbody: Saved while watching.\n", encoding="utf-8")
        while sum(line.startswith("Built in") for line in printed) < 2:
            assert time.monotonic() < deadline, printed
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert any("Changed: content/guide/01-hello.yaml" in line for line in printed), printed
    pdf = out / "test-pack-a4-facilitator.pdf"
    assert "Saved while watching." in "".join(p.extract_text() for p in PdfReader(pdf).pages)


def test_watch_says_which_pack_it_watches(tmp_path: Path, make_pack: Callable[..., Path],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from activate_pack.cli import app
    from activate_pack.pack.sources.paths import default_pack_dir

    root = make_pack()
    printed: list[str] = []
    watch(root, ("a6",), tmp_path / "dist", printed.append, batches=[])
    assert printed[0] == (f"Watching the pack 'Test Pack' in {root.resolve()} for changes; "
                          "press Ctrl+C to stop.")
    # Started outside any pack, it watches the built-in pack, and says so.
    import activate_pack.output.watch as watching

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(watching, "rebuild", lambda *args: True)
    monkeypatch.setattr(watching, "changes", lambda *args: iter(()))
    result = CliRunner().invoke(app, ["watch"])
    assert result.exit_code == 0, result.output
    assert "No pack in this folder" in result.output
    assert (f"Watching the built-in Activate Pack (in {default_pack_dir().resolve()})"
            in result.output)
