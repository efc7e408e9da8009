"""End-to-end: build the default pack and read the PDFs back."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest
from pypdf import PdfReader

from activate_pack.compose.typography import typeset
from activate_pack.output.build import build
from activate_pack.errors import PackError
from activate_pack.layout.spec import MM
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.pack.loading.load import load_pack

PACK = load_pack(default_pack_dir())


@pytest.fixture(scope="module")
def readers(default_pdfs: dict[str, Path]) -> dict[str, PdfReader]:
    return {size: PdfReader(path) for size, path in default_pdfs.items()}


@pytest.fixture(scope="module")
def texts(readers: dict[str, PdfReader]) -> dict[str, list[str]]:
    return {size: [" ".join(page.extract_text().split()) for page in reader.pages]
            for size, reader in readers.items()}


def test_file_names(default_pdfs: dict[str, Path]) -> None:
    assert default_pdfs["a6"].name == "activate-pack-a6-community.pdf"
    assert default_pdfs["a4"].name == "activate-pack-a4-facilitator.pdf"


@pytest.mark.parametrize("size, minimum, mm", [("a6", 60, (105, 148)), ("a4", 70, (210, 297))])
def test_page_count_and_exact_size(readers: dict[str, PdfReader], size: str, minimum: int,
                                   mm: tuple[int, int]) -> None:
    reader = readers[size]
    assert len(reader.pages) >= minimum
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(mm[0] * MM, abs=0.01)
        assert float(box.height) == pytest.approx(mm[1] * MM, abs=0.01)


def test_every_card_title_is_real_text(texts: dict[str, list[str]]) -> None:
    for size in ("a6", "a4"):
        joined = " ".join(texts[size])
        for card in PACK.cards:  # as printed: "name's" with its apostrophe, "name’s"
            assert typeset(card.title, "en") in joined, (size, card.id)
    a4 = " ".join(texts["a4"])
    for page in PACK.guide:
        assert typeset(page.title, "en") in a4


def test_every_page_carries_the_credit_line(texts: dict[str, list[str]]) -> None:
    for size, pages in texts.items():
        for number, text in enumerate(pages, 1):
            # (the ' · ' before the address is not drawn where the address starts a new line)
            assert "Activate Pack · Activate Pack contributors · CC BY-SA 4.0" in text, (size, number)
            assert "https://creativecommons.org/licenses/by-sa/4.0/" in text.replace(" ", ""), (size, number)


def test_notes_only_in_the_facilitator_pack(texts: dict[str, list[str]]) -> None:
    card = PACK.card("walk-and-talk")
    snippet = " ".join(card.notes.split()[:6])
    assert snippet in " ".join(texts["a4"])
    assert snippet not in " ".join(texts["a6"])


def test_full_attribution_on_about_card_and_colophon(texts: dict[str, list[str]]) -> None:
    # The about card's two sides (page 1 and 2) and the colophon.
    for text in (texts["a6"][0] + texts["a6"][1], texts["a4"][-1]):
        for needed in ("Activate Pack", "Activate Pack contributors", "© 2026 Activate Pack contributors",
                       "Creative Commons Attribution-ShareAlike 4.0 International",
                       "github.com/activate-pack/activate-pack", "do not endorse"):
            assert needed in text, needed


def test_fonts_are_embedded_and_subset(readers: dict[str, PdfReader]) -> None:
    for reader in readers.values():
        seen = set()
        for page in reader.pages:
            fonts = page["/Resources"].get_object().get("/Font", {})
            for ref in fonts.values():
                font = ref.get_object()
                seen.add(str(font["/BaseFont"]))
                descriptor = font["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert seen and all("+AtkinsonHyperlegibleNext" in name for name in seen), seen


def test_document_information(readers: dict[str, PdfReader]) -> None:
    info = readers["a6"].metadata
    assert info.title == "Activate Pack: Community cards"
    assert info.author == "Activate Pack contributors"
    assert "neighbourhood" in info.subject
    assert "CC BY-SA 4.0" in info["/Keywords"]
    assert info["/License"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert readers["a4"].metadata.title == "Activate Pack: Facilitator pack"
    xmp = readers["a6"].xmp_metadata
    assert xmp is not None and xmp.dc_title["x-default"] == info.title


def test_same_input_same_bytes(tmp_path: Path, default_pdfs: dict[str, Path]) -> None:
    build(default_pack_dir(), ("a6", "a4"), tmp_path)
    for path in default_pdfs.values():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()


def test_source_date_epoch_sets_the_date(tmp_path: Path, make_pack: Callable[..., Path],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_pack()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    [a] = build(root, ("a6",), tmp_path / "a")
    assert PdfReader(a.path).metadata["/CreationDate"].startswith("D:20231114")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    # Without it, the date is that of the pack's newest source file.
    for path in root.rglob("*"):
        os.utime(path, (1600000000, 1600000000))  # 2020-09-13
    os.utime(root / "content/recipes/soup-club.yaml", (1710000000, 1710000000))  # 2024-03-09
    [b] = build(root, ("a6",), tmp_path / "b")
    assert PdfReader(b.path).metadata["/CreationDate"].startswith("D:20240309")
    assert b"<xmp:CreateDate>2024-03-09T16:00:00Z</xmp:CreateDate>" in b.path.read_bytes()
    assert a.path.read_bytes() != b.path.read_bytes()


def test_failed_build_keeps_the_earlier_pdf(tmp_path: Path, make_pack: Callable[..., Path]) -> None:
    root, out = make_pack(), tmp_path / "out"
    [first] = build(root, ("a6",), out)
    before = first.path.read_bytes()
    (root / "content/recipes/soup-club.yaml").write_text("id: soup-club\ntitle: x\n")
    with pytest.raises(PackError):
        build(root, ("a6",), out)
    assert first.path.read_bytes() == before
    assert sorted(os.listdir(out)) == [first.path.name]


def test_text_too_long_for_the_card_fails_with_advice(tmp_path: Path, make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/recipes/soup-club.yaml": "id: soup-club\ntitle: Soup club\nsummary: "
                        + " ".join(["Lots of soup for everyone."] * 60) + "\n"})
    with pytest.raises(PackError) as info:
        build(root, ("a6",), tmp_path / "out")
    [problem] = info.value.problems
    assert str(problem).startswith("content/recipes/soup-club.yaml:1: the card text does not fit")
    assert "cut about" in problem.message and problem.card == "soup-club"
    assert not (tmp_path / "out").exists()


def test_pdfs_pass_qpdf_checks(default_pdfs: dict[str, Path]) -> None:
    import pikepdf  # in the test extra: a missing one is an error, never a skip
    for path in default_pdfs.values():
        with pikepdf.open(path) as pdf:
            assert pdf.check_pdf_syntax() == [], path
