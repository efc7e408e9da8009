"""QR codes on card backs, read back from the rendered pages by a decoder we did not write.

A copy of the default pack is given a ``site_url`` and published with ``site``, which builds
every language's PDFs and its HTML edition. Each card back is rendered with PDFium and its
code read with zxing-cpp; the address must open the same card's section of the edition, in
the language of the PDF, and the page's link annotation must agree with the code.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader

from activate_pack.errors import Problem
from activate_pack.output.build import build
from activate_pack.layout.printing import PrintOptions
from activate_pack.output.site import site
from activate_pack.pack.sources.paths import default_pack_dir
from conftest import require_tool

SITE = "https://example.org/our-pack/"


def _with_site_url(root: Path, url: str = SITE) -> Path:
    pack_yaml = root / "content" / "pack.yaml"
    text = pack_yaml.read_text(encoding="utf-8")
    pack_yaml.write_text(re.sub(r"(?m)^source_url: .*$", lambda m: f"{m[0]}\nsite_url: {url}",
                                text, count=1), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default pack with a site_url, published: PDFs and edition in every language."""
    root = tmp_path_factory.mktemp("linked") / "pack"
    shutil.copytree(default_pack_dir() / "content", root / "content")
    out = tmp_path_factory.mktemp("site")
    site(_with_site_url(root), out)
    return out


def _codes(pdf: Path, pages: list[int], scale: float = 2.5) -> dict[int, list[str]]:
    """The QR codes zxing-cpp reads on each of ``pages`` (numbered from 1)."""
    doc = pdfium.PdfDocument(str(pdf))
    found = {}
    for number in pages:
        image = doc[number - 1].render(scale=scale).to_pil()
        found[number] = sorted(code.text for code in zxingcpp.read_barcodes(image)
                               if code.format == zxingcpp.BarcodeFormat.QRCode)
    doc.close()
    return found


def _links(reader: PdfReader, number: int) -> list[str]:
    page = reader.pages[number - 1]
    return sorted(str(annot.get_object()["/A"]["/URI"]) for annot in page.get("/Annots", [])
                  if "/URI" in annot.get_object().get("/A", {}))


def _code_links(reader: PdfReader, number: int) -> list[str]:
    """The links into the pack's edition on a page: a code's. The about card's back also
    prints the licence's address, a link of its own, which is all else a back may hold."""
    found = _links(reader, number)
    assert all(link.startswith((SITE, "https://creativecommons.org/")) for link in found), found
    return [link for link in found if link.startswith(SITE)]


class _Sections(HTMLParser):
    """The heading text of each element with an id, as a reader of the page finds it."""

    def __init__(self) -> None:
        super().__init__()
        self.titles: dict[str, str] = {}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id")
        if tag in ("h2", "h3") and ident and ident.endswith("-title"):
            self._open = ident[:-len("-title")]
            self.titles[self._open] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3"):
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.titles[self._open] += data


def _section_title(published: Path, address: str) -> str | None:
    path, _, anchor = address.removeprefix(SITE).partition("#")
    page = published / path
    if not page.is_file():
        return None
    sections = _Sections()
    sections.feed(page.read_text(encoding="utf-8"))
    if anchor == "colophon":
        return "colophon" if 'id="colophon"' in page.read_text(encoding="utf-8") else None
    return sections.titles.get(anchor)


def _text(pdf: Path, number: int) -> str:
    """A page's text as poppler reads it."""
    tool = require_tool("pdftotext", "poppler-utils")
    return subprocess.run([tool, "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def _words(text: str) -> str:
    return " ".join(text.split())


def _backs(published: Path, folder: str) -> tuple[Path, PdfReader, dict[int, list[str]]]:
    (pdf,) = (published / folder).glob("*-a6-community.pdf")
    reader = PdfReader(pdf)
    backs = list(range(2, len(reader.pages) + 1, 2))  # each front is followed by its back
    return pdf, reader, _codes(pdf, backs)


def test_every_card_back_opens_its_own_card_in_the_edition(published: Path) -> None:
    pdf, reader, codes = _backs(published, "en-gb")
    for back, found in codes.items():
        assert len(found) == 1, (back, found)
        address = found[0]
        assert address.startswith(f"{SITE}en-gb/"), address
        assert _code_links(reader, back) == [address]  # the link says what the code says
        title = _section_title(published, address)
        assert title is not None, f"{address} opens no card of the edition"
        if title != "colophon":  # the front's title, however its lines broke, is the card's
            assert _words(title) in _words(_text(pdf, back - 1)), (address, title)
    assert len({found[0] for found in codes.values()}) == len(codes)  # one address a card


def test_a_translated_card_opens_the_same_card_in_its_language(published: Path) -> None:
    _, _, english = _backs(published, "en-gb")
    pdf, reader, urdu = _backs(published, "ur")
    assert len(urdu) == len(english)
    for back, found in urdu.items():
        assert len(found) == 1, (back, found)
        # The same card (the cards come in the same order), in the Urdu edition.
        assert found == [english[back][0].replace(f"{SITE}en-gb/", f"{SITE}ur/")]
        assert _code_links(reader, back) == found
        assert _section_title(published, found[0]) is not None, found[0]


def test_home_sheets_carry_four_readable_codes_a_sheet(published: Path) -> None:
    (pdf,) = (published / "en-gb").glob("*-a6-community-home.pdf")
    reader = PdfReader(pdf)
    # Sheets 1 and 2 are the instructions and their check sheet; the cards follow.
    fronts_and_backs = _codes(pdf, [3, 4], scale=2.5)
    assert fronts_and_backs[3] == []  # fronts carry no code
    assert len(set(fronts_and_backs[4])) == 4, fronts_and_backs[4]
    assert sorted(_code_links(reader, 4)) == sorted(fronts_and_backs[4])


def test_codes_read_on_print_shop_sheets(published: Path) -> None:
    (pdf,) = (published / "en-gb").glob("*-a6-community-shop.pdf")
    assert _codes(pdf, [2])[2] == [f"{SITE}en-gb/about.html#colophon"]


def test_a_press_file_keeps_its_codes_in_black_ink_without_links(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    shutil.copytree(default_pack_dir() / "content", root / "content")
    (built,) = build(_with_site_url(root), ("a6",), tmp_path / "out", cards=["walk-and-talk"],
                     options=PrintOptions("shop", cmyk=True))
    assert _codes(built.path, [2])[2] == [f"{SITE}en-gb/recipes.html#walk-and-talk"]
    with pikepdf.open(built.path) as doc:
        assert all("/Annots" not in page.obj for page in doc.pages)
        back = doc.pages[1]
        fills = [tuple(float(v) for v in operands)
                 for operands, operator in pikepdf.parse_content_stream(back)
                 if str(operator) == "k"]
    assert (0.0, 0.0, 0.0, 1.0) in fills  # the modules: black ink only


def test_without_a_site_url_no_card_has_a_code(default_pdfs: dict[str, Path]) -> None:
    reader = PdfReader(default_pdfs["a6"])
    assert _codes(default_pdfs["a6"], [2, 4]) == {2: [], 4: []}
    backs = reader.pages[3::2]  # the about card's back links its licence's address
    assert all("/Annots" not in page for page in backs)  # no link either


def test_an_address_too_long_to_scan_is_a_warning_saying_what_to_do(make_pack,
                                                                      tmp_path: Path) -> None:
    root = _with_site_url(make_pack(), "https://example.org/" + "a-very-long-folder-name/" * 12)
    warnings: list[Problem] = []
    build(root, ("a6",), tmp_path / "out", warn=warnings.append)
    found = [w for w in warnings if "QR code" in w.message]
    assert len(found) == 1, [str(w) for w in warnings]
    assert found[0].path == "content/pack.yaml" and "site_url" in found[0].message


def test_a_site_url_must_be_a_web_address(make_pack, tmp_path: Path) -> None:
    from activate_pack.errors import PackError

    root = _with_site_url(make_pack(), "javascript:alert(1)")
    with pytest.raises(PackError) as caught:
        build(root, ("a6",), tmp_path / "out")
    assert any("site_url" in str(p) for p in caught.value.problems)


def test_a_code_is_a_tagged_link_described_in_words(published: Path) -> None:
    """A screen reader meets each card back's code as a link that says where it leads."""
    tool = require_tool("pdfinfo", "poppler-utils")
    (pdf,) = (published / "en-gb").glob("*-a6-community.pdf")
    shown = subprocess.run([tool, "-struct-text", str(pdf)], capture_output=True, text=True,
                           check=True)
    assert "Warning" not in shown.stderr, shown.stderr[:500]
    structure = shown.stdout
    reader = PdfReader(pdf)
    annots = [a.get_object() for a in reader.pages[3]["/Annots"]]
    assert len(annots) == 1 and "/StructParent" in annots[0]
    assert str(annots[0]["/Contents"]).startswith("QR code: this card on the web, " + SITE)
    # Each back holds one link: its drawing, and its annotation (a back in the kind's colour
    # in a section of its own; a recipe's back, which carries its words, in its card's).
    assert len(re.findall(r"\n    Link \(inline\)\n      \"\"\n      Object \d+ 0\n",
                          structure)) == len(reader.pages) // 2
