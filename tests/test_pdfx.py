"""`--cmyk` files read back as a print shop's preflight reads them: PDF/X-4, one requirement at a time.

A small pack with a transparent logo and a photograph is built for a print shop in CMYK; pikepdf
walks every content stream, form and annotation, and tools we did not write (pdfimages,
Ghostscript, Apache PDFBox) read the files too.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Iterator

import pikepdf
import pytest
from PIL import Image, ImageCms

from activate_pack.errors import PackError
from activate_pack.layout.icc import PRESS
from activate_pack.output.build import build
from activate_pack.layout.printing import PrintOptions
from conftest import require_tool

LOGO = """\
logo:
  file: images/logo.png
  alt: The Test Group logo
  credit: {title: Logo, author: Test Group, licence: All rights reserved, exception: true}
"""

PICTURE = """\
image:
  file: images/photo.jpg
  alt: A pot of soup on a table
  credit: {author: Test Author, licence: CC0-1.0}
"""


def _photo(path: Path) -> None:
    """A colourful photograph-like JPEG: a gradient through red, green and blue."""
    image = Image.new("RGB", (1240, 800))
    image.putdata([(x * 255 // 1239, y * 255 // 799, 255 - x * 255 // 1239)
                   for y in range(800) for x in range(1240)])
    image.save(path, "JPEG", quality=90)


def _logo(path: Path) -> None:
    """A magenta logo on a transparent ground."""
    image = Image.new("RGBA", (900, 300), (0, 0, 0, 0))
    image.paste((230, 20, 140, 255), (100, 50, 800, 250))
    image.save(path, "PNG")


@pytest.fixture
def pictured(make_pack) -> Path:  # type: ignore[no-untyped-def]
    """A small pack with a transparent PNG logo, a JPEG picture on its recipe card and QR codes."""
    root = make_pack()
    (root / "content/images").mkdir()
    _logo(root / "content/images/logo.png")
    _photo(root / "content/images/photo.jpg")
    pack_yaml = root / "content/pack.yaml"
    # A site address too: every card back then carries a QR code, which must be in black ink.
    pack_yaml.write_text(pack_yaml.read_text() + LOGO + "site_url: https://example.org/site/\n",
                         encoding="utf-8")
    recipe = root / "content/recipes/soup-club.yaml"
    recipe.write_text(recipe.read_text() + PICTURE, encoding="utf-8")
    return root


@pytest.fixture
def shop_cmyk(pictured: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    (built,) = build(pictured, ("a6",), tmp_path / "out", options=PrintOptions("shop", cmyk=True))
    return built.path


def _streams(pdf: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Object, pikepdf.Dictionary]]:
    """Every content stream with its resources: pages, forms within them, annotations."""
    seen: set[tuple[int, int]] = set()

    def forms(where: str, resources: pikepdf.Dictionary) -> Iterator[
            tuple[str, pikepdf.Object, pikepdf.Dictionary]]:
        for name, xobject in resources.get("/XObject", {}).items():
            if xobject.get("/Subtype") != "/Form" or xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
            inner = xobject.get("/Resources", resources)
            yield f"{where} form {name}", xobject, inner
            yield from forms(f"{where} form {name}", inner)

    for number, page in enumerate(pdf.pages, 1):
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        yield f"page {number}", page.obj, resources
        yield from forms(f"page {number}", resources)
        for annot in page.obj.get("/Annots", []):
            for appearance in annot.get("/AP", {}).values():
                streams = [appearance] if isinstance(appearance, pikepdf.Stream) \
                    else list(appearance.values())
                for stream in streams:
                    inner = stream.get("/Resources", pikepdf.Dictionary())
                    yield f"page {number} annotation", stream, inner
                    yield from forms(f"page {number} annotation", inner)


def _cmyk_space(space: pikepdf.Object) -> bool:
    """True for DeviceCMYK, a CMYK ICC space, or a separation whose alternate is CMYK."""
    if space == pikepdf.Name.DeviceCMYK:
        return True
    if isinstance(space, pikepdf.Array) and len(space):
        family = space[0]
        if family == pikepdf.Name.ICCBased:
            return int(space[1].N) == 4
        if family in (pikepdf.Name.Separation, pikepdf.Name.DeviceN):
            return _cmyk_space(space[2])
    return False


def test_pdfx4_requirements_one_by_one(shop_cmyk: Path) -> None:
    pdf = pikepdf.open(shop_cmyk)
    assert pdf.pdf_version >= "1.6"
    # The output intent: PDF/X, a registered condition, and the CMYK printer profile embedded.
    (intent,) = list(pdf.Root.OutputIntents)
    assert intent.Type == "/OutputIntent" and intent.S == "/GTS_PDFX"
    assert str(intent.OutputConditionIdentifier) == "FOGRA39"
    assert str(intent.RegistryName) == "http://www.color.org"
    profile_stream = intent.DestOutputProfile
    assert int(profile_stream.N) == 4
    assert profile_stream.read_bytes() == PRESS.profile.read_bytes()
    profile = ImageCms.ImageCmsProfile(io.BytesIO(profile_stream.read_bytes()))
    assert profile.profile.xcolor_space.strip() == "CMYK"
    assert profile.profile.device_class == "prtr"  # an output (printer) profile
    # The version keys and trapping, in the document information and in the XMP.
    info = pdf.docinfo
    assert str(info.GTS_PDFXVersion) == "PDF/X-4"
    assert info.Trapped == "/False"
    assert str(info.Title) and str(info.CreationDate) == str(info.ModDate) == "D:20260101000000+00'00'"
    meta = pdf.open_metadata()
    assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
    assert meta["pdf:Trapped"] == "False"
    assert re.fullmatch(r"uuid:[0-9a-f-]{36}", meta["xmpMM:DocumentID"])
    assert re.fullmatch(r"uuid:[0-9a-f-]{36}", meta["xmpMM:InstanceID"])
    assert meta["xmpMM:DocumentID"] != meta["xmpMM:InstanceID"]
    assert meta["xmpMM:VersionID"] == "0.1"  # the pack's version
    assert meta["xmpMM:RenditionClass"] == "default"
    assert meta["xmp:CreateDate"].startswith("2026-01-01T00:00:00")
    # Every page has a trim box inside its bleed box inside its media box.
    for page in pdf.pages:
        trim, bleed, media = (list(map(float, page.obj[k])) for k in ("/TrimBox", "/BleedBox",
                                                                      "/MediaBox"))
        assert media[0] <= bleed[0] <= trim[0] and trim[2] <= bleed[2] <= media[2]
    # Every font is embedded.
    for _, _, resources in _streams(pdf):
        for font in resources.get("/Font", {}).values():
            assert "/FontFile2" in font.FontDescriptor, font.BaseFont


def test_no_rgb_or_grey_anywhere(shop_cmyk: Path) -> None:
    pdf = pikepdf.open(shop_cmyk)
    images = 0
    masks = {obj.objgen for obj in pdf.objects
             if isinstance(obj, pikepdf.Stream) and "/SMask" in obj for obj in [obj.SMask]}
    for where, stream, resources in _streams(pdf):
        spaces = resources.get("/ColorSpace", {})
        for operands, operator in pikepdf.parse_content_stream(stream):
            op = str(operator)
            assert op not in ("rg", "RG", "g", "G", "sh", "BI"), (where, op)
            if op in ("cs", "CS"):
                name = operands[0]
                space = spaces[name] if name in spaces else name
                assert _cmyk_space(space), (where, op, space)
        for name, xobject in resources.get("/XObject", {}).items():
            if xobject.get("/Subtype") != "/Image":
                continue
            images += 1
            assert _cmyk_space(xobject.ColorSpace), (where, name, xobject.ColorSpace)
            if "/SMask" in xobject:  # a soft mask is transparency, in grey by definition
                assert xobject.SMask.ColorSpace == "/DeviceGray"
                assert xobject.SMask.objgen in masks
    assert images >= 2  # the logo and the picture, on the pages that show them


def test_pdfimages_lists_cmyk_only(shop_cmyk: Path) -> None:
    pdfimages = require_tool("pdfimages", "poppler-utils")
    listing = subprocess.run([pdfimages, "-list", str(shop_cmyk)], capture_output=True,
                             text=True, check=True).stdout.splitlines()[2:]
    rows = [line.split() for line in listing]
    colours = {(row[2], row[5]) for row in rows}
    assert ("image", "cmyk") in colours
    # Soft masks (the logo's transparency) are listed as grey: they hold no colour.
    assert colours <= {("image", "cmyk"), ("smask", "gray")}, colours


def test_ghostscript_and_pdfbox_read_every_output_without_errors(pictured: Path,
                                                                 tmp_path: Path) -> None:
    gs = require_tool("gs", "ghostscript")
    java = require_tool("java", "default-jre-headless")
    jars = [Path("/usr/share/java") / j for j in ("pdfbox2-tools.jar", "pdfbox2.jar",
                                                  "fontbox2.jar", "commons-logging.jar")]
    missing = [j for j in jars if not j.exists()]
    if missing:
        require_tool("pdfbox-missing-jar", "libpdfbox2-java")
    outputs = [(("a6", "a4"), PrintOptions()), (("a6", "a4"), PrintOptions("shop", cmyk=True)),
               (("a6",), PrintOptions("home")), (("a6",), PrintOptions("home", cmyk=True)),
               (("a6", "a4"), PrintOptions(cmyk=True))]
    files = [b.path for sizes, options in outputs
             for b in build(pictured, sizes, tmp_path / "out", options=options)]
    for path in files:
        run = subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dPDFSTOPONERROR",
                              "-sDEVICE=nullpage", str(path)], capture_output=True, text=True)
        assert run.returncode == 0 and not run.stdout.strip() and not run.stderr.strip(), \
            (path.name, run.stdout, run.stderr)
        # Apache PDFBox's preflight checks PDF/A-1b only, not PDF/X; extracting the text of
        # every page makes it parse every object and content stream.
        run = subprocess.run([java, "-cp", ":".join(map(str, jars)),
                              "org.apache.pdfbox.tools.ExtractText", str(path),
                              str(tmp_path / "text.txt")], capture_output=True, text=True)
        assert run.returncode == 0 and not run.stderr.strip(), (path.name, run.stderr)
        assert "Soup club" in (tmp_path / "text.txt").read_text(encoding="utf-8")


def test_a_picture_that_cannot_be_converted_is_an_error_naming_it(pictured: Path,
                                                                   tmp_path: Path) -> None:
    # A colour profile that says CMYK on RGB pixels: readable, but no conversion fits it.
    cmyk_profile = PRESS.profile.read_bytes()
    photo = pictured / "content/images/photo.jpg"
    Image.open(photo).save(photo, "JPEG", icc_profile=cmyk_profile)
    with pytest.raises(PackError) as caught:
        build(pictured, ("a6",), tmp_path / "out", options=PrintOptions("shop", cmyk=True))
    assert "content/images/photo.jpg" in str(caught.value)
    assert "CMYK" in str(caught.value)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    # The screen build does not convert pictures, so it still builds.
    build(pictured, ("a6",), tmp_path / "plain")


def test_rebuilds_are_identical_and_ids_follow_the_content(pictured: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    shop = PrintOptions("shop", cmyk=True)
    one = build(pictured, ("a6",), tmp_path / "one", options=shop)[0].path
    two = build(pictured, ("a6",), tmp_path / "two", options=shop)[0].path
    assert one.read_bytes() == two.read_bytes()
    plain = build(pictured, ("a6",), tmp_path / "plain")[0].path
    recipe = pictured / "content/recipes/soup-club.yaml"
    recipe.write_text(recipe.read_text().replace("Cook.", "Cook slowly."), encoding="utf-8")
    edited = build(pictured, ("a6",), tmp_path / "edited", options=shop)[0].path

    def ids(path: Path) -> tuple[bytes, str, str]:
        with pikepdf.open(path) as pdf:
            meta = pdf.open_metadata()
            return (bytes(pdf.trailer.ID[0]), meta["xmpMM:DocumentID"], meta["xmpMM:InstanceID"])

    first, other, later = ids(one), ids(plain), ids(edited)
    # Every variant and every edit has its own /ID and instance; an edit keeps the document id.
    assert len({first[0], other[0], later[0]}) == 3
    assert len({first[2], other[2], later[2]}) == 3
    assert first[1] == later[1] != other[1]
    with pikepdf.open(one) as pdf:
        assert bytes(pdf.trailer.ID[0]) == bytes(pdf.trailer.ID[1])


def test_font_subsets_have_distinct_tags(shop_cmyk: Path) -> None:
    pdf = pikepdf.open(shop_cmyk)
    names = {str(font.BaseFont) for page in pdf.pages
             for font in page.Resources.get("/Font", {}).values()}
    names |= {str(font.BaseFont) for _, _, resources in _streams(pdf)
              for font in resources.get("/Font", {}).values()}
    tags = [name[1:7] for name in names]
    assert len(names) >= 3 and all(re.fullmatch(r"/[A-Z]{6}\+\S+", n) for n in names), names
    assert len(set(tags)) == len(tags) and "AAAAAA" not in tags


@pytest.mark.parametrize("options", [PrintOptions(cmyk=True), PrintOptions("shop", cmyk=True),
                                     PrintOptions("home", cmyk=True)])
def test_no_small_text_knocked_out_of_more_than_one_ink(pictured: Path,
                                                        options: PrintOptions) -> None:
    from activate_pack.layout.boxes import TextBox
    from activate_pack.layout.knockout import SMALL, ground_under, parse, worst_knockout
    from activate_pack.output.plan import prepare
    from activate_pack.output.variants import variants

    sizes = ("a6",) if options.mode == "home" else ("a6", "a4")
    prepared = prepare(pictured, variants(sizes, options))
    assert not prepared.report.errors
    small = strips = 0
    for output in prepared.outputs:
        imposed = output.imposed
        faces = imposed.pages or [p.face for s in imposed.sheets for p in s.placements]
        for face in faces:
            for index, box in enumerate(face.boxes):
                if not isinstance(box, TextBox):
                    continue
                assert all(parse(s.colour) for line in box.lines for s in line.segments)
                ground = ground_under(face.boxes, index)
                if ground is None or not any(s.size < SMALL for line in box.lines
                                             for s in line.segments):
                    continue
                small += 1
                inks = parse(ground.fill or "")
                assert inks is not None
                assert worst_knockout(box, inks) <= 1, (face.card, face.face, box.text)
                strips += sum(inks[:3]) == 0 and inks[3] > 0 and box.role == "credit"
    assert small and strips  # the credit lines on card backs were found, on black ink alone
