"""Every variant of the default pack, in English and Urdu, read back against PDF/UA-1 and PDF/X-4.

The checker (tests/pdfcheck.py) reads the files with pikepdf; Poppler reads the bookmarks and
qpdf checks the files' structure.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from activate_pack.output.build import build
from activate_pack.layout.printing import PrintOptions
from activate_pack.pack.sources.paths import default_pack_dir
from conftest import require_tool
from pdfcheck import check_ua, check_x4

VARIANTS = {
    "plain": PrintOptions(),
    "home": PrintOptions("home"),
    "shop": PrintOptions("shop"),
    "cmyk": PrintOptions(cmyk=True),
    "shop-cmyk": PrintOptions("shop", cmyk=True),
}
LANGUAGES = ("en", "ur")


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Path]:
    """{(variant, language, size): file} for every variant of the default pack."""
    found = {}
    for name, options in VARIANTS.items():
        for lang in LANGUAGES:
            out = tmp_path_factory.mktemp(f"{name}-{lang}")
            sizes = ("a6",) if options.mode == "home" else ("a6", "a4")
            for item in build(default_pack_dir(), sizes, out, options=options,
                              languages=None if lang == "en" else lang):
                size = "a4" if "-a4-" in item.path.name else "a6"
                found[name, lang, size] = item.path
    return found


def _ids() -> list[tuple[str, str, str]]:
    return [(name, lang, size) for name, options in VARIANTS.items() for lang in LANGUAGES
            for size in (("a6",) if options.mode == "home" else ("a6", "a4"))]


@pytest.mark.parametrize("key", _ids(), ids="-".join)
def test_every_variant_passes_the_pdf_ua_checker(variants: dict, key: tuple) -> None:
    assert check_ua(variants[key]) == []


@pytest.mark.parametrize("key", _ids(), ids="-".join)
def test_every_variant_is_structurally_sound(variants: dict, key: tuple) -> None:
    qpdf = require_tool("qpdf", "qpdf")
    run = subprocess.run([qpdf, "--check", str(variants[key])], capture_output=True, text=True)
    assert run.returncode == 0 and "No syntax or stream encoding errors" in run.stdout, run.stdout
    data = variants[key].read_bytes()
    # Every stream's data is followed by an end-of-line before 'endstream'.
    assert data.count(b"endstream") == len(re.findall(rb"[\r\n]endstream", data))
    pdf = pikepdf.open(variants[key])
    assert "/Filter" not in pdf.Root.Metadata.stream_dict  # no empty filter list
    assert not any("/Trans" in page.obj for page in pdf.pages)


@pytest.mark.parametrize("size", ["a6", "a4"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_files_for_the_press_are_pdf_x4(variants: dict, lang: str, size: str) -> None:
    assert check_x4(variants["shop-cmyk", lang, size]) == []


@pytest.mark.parametrize("name", ["cmyk", "shop"])
def test_files_not_for_the_press_claim_no_pdf_x(variants: dict, name: str) -> None:
    """--cmyk alone has no trim or bleed, --print shop alone has screen colours: neither is
    PDF/X, and neither says it is."""
    pdf = pikepdf.open(variants[name, "en", "a6"])
    assert "/GTS_PDFXVersion" not in pdf.docinfo
    with pdf.open_metadata() as meta:
        assert meta.get("pdfxid:GTS_PDFXVersion") is None
    assert check_x4(variants[name, "en", "a6"])  # the checker finds what is missing


def test_cmyk_files_keep_their_links(variants: dict) -> None:
    """A --cmyk file that is no PDF/X keeps its link annotations: its contents entries lead to
    their pages, its QR codes and web addresses open their pages."""
    pdf = pikepdf.open(variants["cmyk", "en", "a4"])
    annots = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
    assert any("/Dest" in a for a in annots) and any("/A" in a for a in annots)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rtl_files_turn_pages_leftwards(variants: dict, lang: str) -> None:
    for key, path in variants.items():
        if key[1] == lang:
            with pikepdf.open(path) as pdf:
                direction = pdf.Root.ViewerPreferences.get("/Direction")
            assert direction == ("/R2L" if lang == "ur" else None), key


def test_numbered_lists_say_so(variants: dict) -> None:
    """A recipe's method is a list numbered 1, 2, 3; the prompts under a question are not."""
    pdf = pikepdf.open(variants["plain", "en", "a6"])
    lists = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/L"]
    numbered = [o for o in lists if "/A" in o and o.A.get("/ListNumbering") == "/Decimal"]
    assert numbered and len(numbered) < len(lists)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_a6_cards_have_bookmarks_like_the_a4_pack(variants: dict, lang: str) -> None:
    pdfinfo = require_tool("pdfinfo", "poppler-utils")
    for key, path in variants.items():
        if key[1] != lang or key[2] != "a6":
            continue
        shown = subprocess.run([pdfinfo, "-dests", str(path)], capture_output=True, text=True)
        assert shown.returncode == 0
        pdf = pikepdf.open(path)
        with pdf.open_outline() as outline:
            top = list(outline.root)
            kinds = [item for item in top if item.children]
            # The about card, then the question, ingredient and recipe cards, each under its kind.
            assert len(kinds) == 3, key
            cards = sum(len(item.children) for item in kinds)
            assert cards == 65, key
            with pikepdf.open(variants["plain", lang, "a4"]) as a4, a4.open_outline() as four:
                assert [i.title for i in kinds] == \
                    [i.title for i in four.root if i.title in {k.title for k in kinds}]


def test_the_checker_finds_an_untagged_file(tmp_path: Path) -> None:
    """A page drawn with bare ReportLab (no tags, no identifier): the checker says so."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "bare.pdf"))
    canvas.drawString(72, 720, "Hello")
    canvas.rect(72, 600, 100, 50, fill=1)
    canvas.save()
    found = check_ua(tmp_path / "bare.pdf")
    assert any("pdfuaid" in line for line in found)
    assert any("neither tagged nor artifacts" in line for line in found)
    assert any("no structure tree" in line for line in found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_printing_steps_are_a_numbered_list(variants: dict, lang: str) -> None:
    """Poppler reads the instruction sheet's steps as a list: a label '1.' and its text."""
    pdfinfo = require_tool("pdfinfo", "poppler-utils")
    tree = subprocess.run([pdfinfo, "-struct-text", "-f", "1", "-l", "1",
                           str(variants["home", lang, "a6"])],
                          capture_output=True, text=True, check=True).stdout
    assert "/ListNumbering /Decimal" in tree
    labels = re.findall(r"Lbl \(block\)\n\s+\"([^\"]+)\"", tree)
    assert len(labels) >= 5 and labels[0].strip(" .۔") in ("1", "۱")


@pytest.fixture(scope="module")
def adaptation(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A pack made with `new`: its about card and colophon say 'Adapted from … (address)'."""
    from typer.testing import CliRunner

    from activate_pack.cli import app

    root = tmp_path_factory.mktemp("adaptation") / "mytown"
    made = CliRunner().invoke(app, ["new", str(root), "--locality", "Reading"])
    assert made.exit_code == 0, made.output
    return {("a4" if "-a4-" in item.path.name else "a6"): item.path
            for item in build(root, ("a6", "a4"), root / "dist")}


@pytest.mark.parametrize("size", ["a6", "a4"])
def test_an_adaptations_links_hold_their_words(adaptation: dict, size: str) -> None:
    """The address inside 'Adapted from … (https://…)' is a Link holding that address, as
    Poppler reads the tags; the checker finds nothing."""
    pdfinfo = require_tool("pdfinfo", "poppler-utils")
    assert check_ua(adaptation[size]) == []
    tree = subprocess.run([pdfinfo, "-struct-text", str(adaptation[size])],
                          capture_output=True, text=True, check=True).stdout
    held = re.findall(r"Link \(inline\)\n\s+\"([^\"]*)\"", tree)
    assert "https://github.com/activate-pack/activate-pack" in held
