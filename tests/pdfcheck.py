"""A checker for the machine-checkable conditions of PDF/UA-1 (Matterhorn) and PDF/X-4.

veraPDF cannot be installed here, so the conditions a program can decide are read back with
pikepdf (qpdf), which we did not write. Each finding is one line: 'page 3: …' or 'file: …'.
What needs a person (reading order, alt text that says the right thing, contrast, headings
that make sense) is listed in docs/accessibility.md.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

PAINTING = frozenset({"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s",
                      "sh", "Do", "BI"})
"""Operators that put marks on the page: text showing, path painting, shadings, images, forms."""

RGB = frozenset({"rg", "RG"})


def _elements(root: pikepdf.Object) -> list[pikepdf.Dictionary]:
    """Every structure element under ``root``, depth first."""
    found, stack = [], [root.get("/K")]
    while stack:
        kid = stack.pop()
        if isinstance(kid, pikepdf.Array):
            stack.extend(reversed(list(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            stack.append(kid.get("/K"))
    return found


def _parent_tree(root: pikepdf.Object) -> dict[int, pikepdf.Object]:
    """The parent tree as {key: value}, from its /Nums (and /Kids, should it have any)."""
    found: dict[int, pikepdf.Object] = {}
    stack = [root.ParentTree]
    while stack:
        node = stack.pop()
        nums = node.get("/Nums")
        if nums is not None:
            for index in range(0, len(nums), 2):
                found[int(nums[index])] = nums[index + 1]
        stack.extend(node.get("/Kids", []))
    return found


def _text(element: pikepdf.Dictionary) -> bool:
    """Whether an element holds marked content (text or drawing) somewhere under it."""
    stack = [element.get("/K")]
    while stack:
        kid = stack.pop()
        if isinstance(kid, int):  # an MCID (pikepdf gives numbers as Python numbers)
            return True
        if isinstance(kid, pikepdf.Array):
            stack.extend(kid)
        elif isinstance(kid, pikepdf.Dictionary):
            if kid.get("/Type") == "/MCR":
                return True
            if "/S" in kid:
                stack.append(kid.get("/K"))
    return False


def check_ua(path: Path) -> list[str]:
    """Findings against the machine-checkable PDF/UA-1 conditions; [] when there are none."""
    problems: list[str] = []
    pdf = pikepdf.open(path)
    root = pdf.Root
    with pdf.open_metadata() as meta:
        if meta.get("pdfuaid:part") != "1":
            problems.append("file: no pdfuaid:part 1 in the XMP metadata (Matterhorn 06-002)")
        if not meta.get("dc:title"):
            problems.append("file: no dc:title in the XMP metadata (06-003)")
    if root.get("/MarkInfo", {}).get("/Marked") is not True:
        problems.append("file: /MarkInfo /Marked is not true (01-002)")
    if not str(root.get("/Lang", "")):
        problems.append("file: no /Lang in the catalog (11-006)")
    if root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
        problems.append("file: /DisplayDocTitle is not true (07-001)")
    tree = root.get("/StructTreeRoot")
    if tree is None:
        problems.append("file: no structure tree (01-005)")
    parents = _parent_tree(tree) if tree is not None else {}
    elements = _elements(tree) if tree is not None else []
    pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
    for element in elements:
        role = str(element.S)
        if role == "/Figure" and not str(element.get("/Alt", "")).strip():
            problems.append("file: a Figure without /Alt (13-004)")
        if role == "/Link":
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            if not any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
                       for k in kids):
                problems.append("file: a Link element without a link annotation (28-011)")
            if not _text(element):
                problems.append("file: a Link element holding no content")
    for number, page in enumerate(pdf.pages):
        where = f"page {number + 1}"
        if page.obj.get("/Tabs") != "/S":
            problems.append(f"{where}: /Tabs is not /S (28-008)")
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") == "/Link":
                if "/StructParent" not in annot:
                    problems.append(f"{where}: a link annotation outside the structure (28-011)")
                if not str(annot.get("/Contents", "")).strip():
                    problems.append(f"{where}: a link annotation without /Contents (28-012)")
        key = page.obj.get("/StructParents")
        mapped = parents.get(int(key)) if key is not None else None
        mcids = _marks(page, where, problems)
        if mcids and mapped is None:
            problems.append(f"{where}: marked content but no parent tree entry (01-004)")
            continue
        for mcid in mcids:
            if mapped is None or mcid >= len(mapped) or not isinstance(mapped[mcid],
                                                                       pikepdf.Dictionary):
                problems.append(f"{where}: MCID {mcid} is not in the parent tree (01-004)")
                continue
            owner = mapped[mcid]
            if "/Pg" in owner and pages.get(owner.Pg.objgen) != number:
                problems.append(f"{where}: MCID {mcid}'s element says it is on another page")
    return problems


def _marks(page: pikepdf.Page, where: str, problems: list[str]) -> list[int]:
    """The MCIDs of a page's content; a finding for every mark outside tags and artifacts."""
    mcids: list[int] = []
    stack: list[str] = []  # 'mcid', 'artifact' or 'other' for each open BMC/BDC
    untagged = 0
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            if tag == "/Artifact":
                stack.append("artifact")
            elif op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                    and "/MCID" in operands[1]:
                mcids.append(int(operands[1].MCID))
                stack.append("mcid")
            else:
                stack.append("other")
        elif op == "EMC":
            if not stack:
                problems.append(f"{where}: EMC without BMC/BDC")
            else:
                stack.pop()
        elif op in PAINTING or isinstance(operands, pikepdf.PdfInlineImage):
            if "artifact" not in stack and "mcid" not in stack:
                untagged += 1
    if stack:
        problems.append(f"{where}: marked content left open")
    if untagged:
        problems.append(f"{where}: {untagged} marks neither tagged nor artifacts (01-001)")
    return mcids


def check_x4(path: Path, cmyk: bool = True) -> list[str]:
    """Findings against the PDF/X-4 rules that can be read from the file; [] when none."""
    problems: list[str] = []
    pdf = pikepdf.open(path)
    with pdf.open_metadata() as meta:
        if meta.get("pdfxid:GTS_PDFXVersion") != "PDF/X-4":
            problems.append("file: no pdfxid:GTS_PDFXVersion PDF/X-4 in the XMP metadata")
    if str(pdf.docinfo.get("/GTS_PDFXVersion", "")) != "PDF/X-4":
        problems.append("file: the document information does not say PDF/X-4")
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    if len(intents) != 1 or "/DestOutputProfile" not in intents[0]:
        problems.append("file: no single GTS_PDFX output intent with an ICC profile")
    for number, page in enumerate(pdf.pages):
        where = f"page {number + 1}"
        media = [float(v) for v in page.obj.MediaBox]
        trim = page.obj.get("/TrimBox")
        bleed = page.obj.get("/BleedBox", page.obj.MediaBox)
        if trim is None:
            problems.append(f"{where}: no TrimBox")
            continue
        if not _inside([float(v) for v in trim], [float(v) for v in bleed]) or \
                not _inside([float(v) for v in bleed], media):
            problems.append(f"{where}: TrimBox, BleedBox, MediaBox are not nested")
        if [float(v) for v in trim] == media:
            problems.append(f"{where}: TrimBox is the whole page: no bleed")
        if cmyk:
            problems += [f"{where}: {found}" for found in _rgb(page)]
    return problems


def _inside(inner: list[float], outer: list[float]) -> bool:
    return inner[0] >= outer[0] - 0.01 and inner[1] >= outer[1] - 0.01 and \
        inner[2] <= outer[2] + 0.01 and inner[3] <= outer[3] + 0.01


def _rgb(page: pikepdf.Page) -> list[str]:
    """RGB colours in a page's content, its forms and its images."""
    found: set[str] = set()

    def space_is_rgb(space: pikepdf.Object) -> bool:
        if space == "/DeviceRGB":
            return True
        return isinstance(space, pikepdf.Array) and space[0] == "/ICCBased" and \
            int(space[1].get("/N", 0)) == 3

    def walk(holder: pikepdf.Object, seen: set[tuple[int, int]]) -> None:
        for _operands, operator in pikepdf.parse_content_stream(holder):
            if str(operator) in RGB:
                found.add(f"{operator} (DeviceRGB) in content")
        resources = holder.get("/Resources", {})
        for name, space in resources.get("/ColorSpace", {}).items():
            if space_is_rgb(space):
                found.add(f"RGB colour space {name}")
        for name, xobject in resources.get("/XObject", {}).items():
            if xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
            if xobject.get("/Subtype") == "/Image" and space_is_rgb(xobject.get("/ColorSpace")):
                found.add(f"RGB image {name}")
            elif xobject.get("/Subtype") == "/Form":
                walk(xobject, seen)

    walk(page.obj, set())
    return sorted(found)
