"""Tagged PDF read back: the structure poppler and pikepdf find, for every kind of output.

A small pack with a picture (and its alt text) and a logo is built as a reader gets it (A6,
A4), for home printing, for a print shop and for a print shop in CMYK. ``pdfinfo -struct-text``
gives the structure tree with the text of each element in reading order; pikepdf reads the
entries poppler does not print (alt text, outlines, links) and every content stream.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest

from activate_pack.output.build import build
from activate_pack.layout.printing import PrintOptions
from conftest import require_tool
from test_pdfx import LOGO, _logo, _photo

ALT = 'A pot of soup (hot) on a table \\ «bon appétit» ) BDC EMC'
"""Alt text with what would break a PDF string or a content stream if it were not escaped."""

PICTURE = f"""\
image:
  file: images/photo.jpg
  alt: '{ALT}'
  credit: {{author: Test Author, licence: CC0-1.0}}
"""

OUTPUTS = {
    "plain": (("a6", "a4"), None),
    "home": (("a6",), PrintOptions("home")),
    "shop": (("a6", "a4"), PrintOptions("shop")),
    "shop-cmyk": (("a6", "a4"), PrintOptions("shop", cmyk=True)),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every output kind of a small pictured pack: {'plain-a6': path, 'home-a6': path, …}."""
    import textwrap

    import conftest

    root = tmp_path_factory.mktemp("tagged") / "pack"
    files = {"content/pack.yaml": conftest.PACK_YAML + LOGO,
             "content/recipes/soup-club.yaml": conftest.RECIPE + PICTURE,
             "content/questions/warm-up.yaml": conftest.QUESTIONS,
             "content/ingredients/skills.yaml": conftest.INGREDIENTS,
             "content/guide/01-hello.yaml": conftest.GUIDE}
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "content/images").mkdir()
    _logo(root / "content/images/logo.png")
    _photo(root / "content/images/photo.jpg")
    found = {}
    for kind, (sizes, options) in OUTPUTS.items():
        for item in build(root, sizes, root.parent / kind, options=options):
            size = "a6" if "-a6-" in item.path.name else "a4"
            found[f"{kind}-{size}"] = item.path
    return found


@dataclass
class Node:
    """An element of the structure tree as ``pdfinfo -struct-text`` prints it."""

    role: str
    texts: list[str] = field(default_factory=list)
    kids: list[Node] = field(default_factory=list)

    def text(self) -> str:
        """All the words of the element and its kids, in reading order."""
        return " ".join([*self.texts, *(k.text() for k in self.kids)]).strip()

    def walk(self) -> list[Node]:
        return [self, *(n for k in self.kids for n in k.walk())]


def struct_tree(path: Path) -> Node:
    """The structure tree of a PDF, read by poppler."""
    pdfinfo = require_tool("pdfinfo", "poppler-utils")
    out = subprocess.run([pdfinfo, "-struct-text", str(path)], capture_output=True, text=True,
                         check=True).stdout
    root = Node("root")
    stack: list[tuple[int, Node]] = [(-1, root)]
    for line in out.splitlines():
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        while stack[-1][0] >= depth:
            stack.pop()
        if body.startswith('"'):
            stack[-1][1].texts.append(body.strip('"'))
        elif body.startswith("/") or body.startswith("Object "):
            continue  # an attribute (/BBox) or an annotation (Object n 0)
        else:
            node = Node(re.split(r"[ :]", body)[0])
            stack[-1][1].kids.append(node)
            stack.append((depth, node))
    (document,) = root.kids
    assert document.role == "Document"
    return document


def sections(path: Path) -> list[Node]:
    document = struct_tree(path)
    assert {k.role for k in document.kids} == {"Sect"}
    return document.kids


def card(path: Path, title: str) -> Node:
    """The section whose heading is ``title``."""
    (found,) = [s for s in sections(path) if [h.text() for h in s.kids if h.role == "H1"] == [title]]
    return found


@pytest.mark.parametrize("name", ["plain-a6", "plain-a4", "home-a6", "shop-a6", "shop-a4",
                                  "shop-cmyk-a6", "shop-cmyk-a4"])
def test_every_output_is_tagged_with_the_packs_language(built: dict[str, Path], name: str) -> None:
    pdfinfo = require_tool("pdfinfo", "poppler-utils")
    info = subprocess.run([pdfinfo, str(built[name])], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    pdf = pikepdf.open(built[name])
    root = pdf.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "en-GB"
    assert root.ViewerPreferences.DisplayDocTitle is True
    tree = root.StructTreeRoot
    assert int(tree.ParentTreeNextKey) == len(tree.ParentTree.Nums) // 2
    keys = {int(k) for k in list(tree.ParentTree.Nums)[::2]}
    for page in pdf.pages:
        assert int(page.obj.StructParents) in keys
        if "/Annots" in page.obj:
            assert page.obj.Tabs == "/S"
            for annot in page.obj.Annots:
                assert int(annot.StructParent) in keys


def _role_order(node: Node) -> list[str]:
    return [k.role for k in node.kids]


def test_each_card_is_a_section_its_title_a_heading_before_its_text(built: dict[str, Path]) -> None:
    path = built["plain-a6"]
    # The about card, then one section per card: backs and footers are not read out.
    titles = [[h.text() for h in s.kids if h.role == "H1"] for s in sections(path)]
    assert titles == [["Test Pack"], ["Hello"], ["Keen cooks"], ["Soup club"]]
    question = card(path, "Hello")
    assert _role_order(question) == ["P", "H1", "P", "L"]
    assert question.kids[0].text() == "QUESTION · WARM UP"
    assert question.kids[2].text() == "What did you have for breakfast?"
    items = question.kids[3].kids
    assert [i.role for i in items] == ["LI", "LI"]
    assert [[k.role for k in i.kids] for i in items] == [["Lbl", "LBody"]] * 2
    assert [i.kids[1].text() for i in items] == ["Who made it?", "Where did you eat it?"]
    ingredient = card(path, "Keen cooks")
    assert _role_order(ingredient)[:5] == ["P", "H1", "P", "H2", "P"]
    assert ingredient.text().startswith("INGREDIENT · GIFTS AND SKILLS Keen cooks "
                                        "Who near you loves to cook? How it could help")
    recipe = card(path, "Soup club")
    assert _role_order(recipe)[:4] == ["P", "H1", "Figure", "P"]
    assert "Neighbours cook soup together once a week." in recipe.text()
    assert [k.text() for k in recipe.walk() if k.role == "LBody"] == ["Find a kitchen.", "Cook."]
    about = card(path, "Test Pack")
    assert "H2" in _role_order(about) and "Made by" in about.text()
    everything = struct_tree(path).text()
    # Running footers (the credit line) and card backs are artifacts; the about card says all.
    assert everything.count("Test Author") == about.text().count("Test Author") + \
        recipe.text().count("Test Author")
    assert "PROJECT RECIPE" in recipe.text() and everything.count("PROJECT RECIPE") == 1


def _alts(path: Path) -> list[str]:
    pdf = pikepdf.open(path)
    found = []
    stack = [pdf.Root.StructTreeRoot.K]
    while stack:
        element = stack.pop()
        if isinstance(element, pikepdf.Array):
            stack.extend(reversed(list(element)))
            continue
        if not isinstance(element, pikepdf.Dictionary):
            continue
        if element.get("/S") == "/Figure":
            found.append(str(element.Alt))
            assert len(element.A.BBox) == 4
        if "/K" in element:
            stack.append(element.K)
    return found


@pytest.mark.parametrize("name", ["plain-a6", "home-a6", "shop-cmyk-a6", "plain-a4"])
def test_pictures_and_logos_are_figures_with_their_alt_text(built: dict[str, Path],
                                                            name: str) -> None:
    alts = _alts(built[name])
    # The picture on its card, the logo on the about card (A6) or the cover (A4); the logos on
    # card backs are artifacts.
    assert sorted(alts) == sorted([ALT, "The Test Group logo"])


def test_home_sheets_read_card_by_card(built: dict[str, Path]) -> None:
    found = sections(built["home-a6"])
    headings = [[h.text() for h in s.kids if h.role == "H1"] for s in found]
    # The printing instructions, then each card whole before the next (4 to a sheet).
    assert headings[1:] == [["Test Pack"], ["Hello"], ["Keen cooks"], ["Soup club"]]
    hello = found[2]
    assert hello.text().startswith("QUESTION · WARM UP Hello What did you have for breakfast?")
    assert "Keen cooks" not in hello.text() and "Soup club" not in hello.text()


def test_a4_pages_are_sections_with_their_heading_first(built: dict[str, Path]) -> None:
    path = built["plain-a4"]
    found = sections(path)
    guide = [s for s in found if _role_order(s)[:1] == ["H1"] and s.kids[0].text() == "Hello"
             and "A short guide page." in s.text()]
    assert len(guide) == 1 and _role_order(guide[0]) == ["H1", "P"]
    assert guide[0].kids[1].text() == "A short guide page."
    # A card on its A4 page: its label, title and text, then the facilitator's notes.
    soup = card(path, "Soup club")
    assert _role_order(soup)[:3] == ["P", "H1", "Figure"]
    assert "H2" in _role_order(soup)  # the notes heading
    # Every page is one section: the folio and credit line at its foot are artifacts.
    assert len(found) == len(pikepdf.open(path).pages)
    assert "Test Pack · Test Author · CC BY-SA 4.0" not in struct_tree(path).text()


def _page_of(pdf: pikepdf.Pdf, destination: pikepdf.Object) -> int:
    return pdf.pages.index(pikepdf.Page(destination[0]))


def test_a4_has_bookmarks_contents_links_and_web_links(built: dict[str, Path]) -> None:
    path = built["plain-a4"]
    pdf = pikepdf.open(path)
    assert pdf.Root.PageMode == "/UseOutlines"
    pages_text = _page_texts(path)
    with pdf.open_outline() as outline:
        top = [(item.title, _page_of(pdf, item.destination), [c.title for c in item.children])
               for item in outline.root]
    titles = [t for t, _, _ in top]
    assert titles[:3] == ["Test Pack", "Contents", "Facilitator guide"]
    assert titles[-1] == "About this pack"
    sets = [(t, kids) for t, _, kids in top if kids]
    assert ("Facilitator guide", ["Hello"]) in sets
    assert any(t == "Question cards" and kids == ["Hello"] for t, kids in sets)
    for title, page, _ in top:
        assert title in pages_text[page], (title, page)
    # Contents entries lead to their pages.
    links = [a for a in pdf.pages[1].Annots if "/Dest" in a]
    assert len(links) >= 6
    for annot in links:  # 'Set 1: Facilitator guide' leads to the divider of that set
        title = str(annot.Contents).split(": ")[-1]
        assert title in pages_text[_page_of(pdf, annot.Dest)], str(annot.Contents)
    contents = card(path, "Contents")
    assert [k.role for k in contents.kids] == ["H1", "TOC"]
    assert {k.role for k in contents.kids[1].kids} == {"TOCI"}
    # Every web address printed is a link annotation with its address as its text.
    web = {str(a.A.URI) for page in pdf.pages for a in page.obj.get("/Annots", [])
           if "/A" in a}
    printed = set(re.findall(r"https?://\S+[^\s.,;:)]", "\n".join(pages_text)))
    assert printed and printed <= web, (printed, web)


def _page_texts(path: Path) -> list[str]:
    pdftotext = require_tool("pdftotext", "poppler-utils")
    out = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [" ".join(page.split()) for page in out.split("\f")]


def test_print_shop_files_have_no_link_annotations(built: dict[str, Path]) -> None:
    # PDF/X allows no link annotations inside the bleed box; the addresses stay tagged text.
    for name in ("shop-cmyk-a6", "shop-cmyk-a4"):
        pdf = pikepdf.open(built[name])
        assert not any("/Annots" in page.obj for page in pdf.pages)


def _marked(pdf: pikepdf.Pdf) -> list[tuple[str, int, list[str]]]:
    """Every text-showing operator of every page: (where, page, the marked content around it)."""
    shown = []
    for number, page in enumerate(pdf.pages):
        stack: list[str] = []
        in_text = False
        opened_in_text: list[bool] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "BT":
                in_text = True
            elif op == "ET":
                in_text = False
                assert not any(opened_in_text), f"page {number + 1}: marked content crosses ET"
            elif op in ("BDC", "BMC"):
                tag = str(operands[0])
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                    props = operands[1]
                    if "/MCID" in props:
                        tag += f"#{int(props.MCID)}"
                    if "/ActualText" in props:
                        tag += "+ActualText"
                stack.append(tag)
                opened_in_text.append(in_text)
            elif op == "EMC":
                stack.pop()
                opened_in_text.pop()
            elif op in ("Tj", "TJ", "'", '"', "Do"):
                shown.append((op, number, list(stack)))
        assert not stack, f"page {number + 1}: unclosed marked content {stack}"
    return shown


@pytest.mark.parametrize("name", ["plain-a6", "plain-a4", "home-a6", "shop-cmyk-a6"])
def test_all_content_is_tagged_or_an_artifact(built: dict[str, Path], name: str) -> None:
    pdf = pikepdf.open(built[name])
    tree = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(tree[i]): tree[i + 1] for i in range(0, len(tree), 2)}
    for op, number, stack in _marked(pdf):
        assert stack, f"page {number + 1}: {op} outside marked content"
        outer = stack[0]
        assert outer.startswith("/Artifact") or "#" in outer, (number, stack)
        if "#" in outer:  # the MCID leads back to an element through the parent tree
            mcid = int(outer.split("#")[1].split("+")[0])
            elements = parents[int(pdf.pages[number].obj.StructParents)]
            assert elements[mcid].S == "/" + outer[1:].split("#")[0]


def test_shaped_text_is_drawn_inside_tagged_content(tmp_path: Path) -> None:
    """Shaped words are text of their elements: inside marked content, with no /ActualText
    of their own (their font's ToUnicode gives their text, render/glyphfonts.py)."""
    from activate_pack.pack.sources.paths import default_pack_dir

    (item,) = build(default_pack_dir(), ("a6",), tmp_path, languages="ur")
    pdf = pikepdf.open(item.path)
    assert str(pdf.Root.Lang) == "ur"
    shown = _marked(pdf)
    assert not [stack for _, _, stack in shown if any("ActualText" in s for s in stack)]
    tagged = [stack for op, _, stack in shown if op == "Tj" and stack and "#" in stack[0]]
    assert len(tagged) > 100


def test_a_card_its_translation_leaves_out_is_tagged_in_the_source_language(
        make_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from test_translations import POLISH

    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    (item,) = build(root, ("a6",), tmp_path / "out", languages="pl")
    pdf = pikepdf.open(item.path)
    assert str(pdf.Root.Lang) == "pl"
    titles = [[h.text() for h in s.kids if h.role == "H1"] for s in sections(item.path)]
    by_title: dict[str, set[str]] = {}
    for (title,), sect in zip(titles, pdf.Root.StructTreeRoot.K.K):
        by_title[title] = {str(k.get("/Lang", "")) for k in sect.K if k.S in ("/P", "/H1", "/H2")}
    assert by_title["Cześć"] == {""}  # translated: the document's language
    assert by_title["Keen cooks"] == {"en-GB"}  # left out: English, and tagged so
    assert by_title["Soup club"] == {"en-GB"}



def test_the_parent_tree_is_written_as_reportlab_writes_its_arrays() -> None:
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFDocument

    from activate_pack.render.tagging import Element, ParentTree, Tags

    doc = PDFDocument(invariant=1)
    tags = Tags("en")
    section = tags.section()
    for count in (0, 1, 3, 10, 11, 25):  # arrays break their lines after every ten items
        tags.marked = [tags.element("P", section) for _ in range(count)]
        tags.parents.append((len(tags.parents), tags.marked))
    tags.parents.append((len(tags.parents), tags.element("Link", section)))
    for element in [section, *section.kids]:
        doc.Reference(element)
    nums: list[object] = []
    for key, held in tags.parents:
        nums += [key, held if isinstance(held, Element) else PDFArray(held)]
    expected = PDFDictionary({"Nums": PDFArray(nums)}).format(doc)
    assert ParentTree(tags.parents).format(doc) == expected
    assert b"\n" in expected.split(b"/Nums", 1)[1].rsplit(b"\n>>", 1)[0]


def _languages(pdf: pikepdf.Pdf) -> list[tuple[str, str]]:
    """Each structure element's role and language (its own /Lang, or the nearest one above
    it), in the order of the tree."""
    found: list[tuple[str, str]] = []

    def walk(element: pikepdf.Dictionary, lang: str) -> None:
        lang = str(element.get("/Lang", lang))
        found.append((str(element.S)[1:], lang))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, lang)

    walk(pdf.Root.StructTreeRoot.K, str(pdf.Root.Lang))
    return found


@pytest.mark.parametrize("size", ["a6", "a4"])
def test_latin_words_in_urdu_are_tagged_in_the_language_they_are_in(tmp_path: Path,
                                                                     size: str) -> None:
    """In an Urdu pack, text of Latin letters only (names, the licence, web addresses,
    English a translation leaves out) is in English, and says so; a Latin word inside Urdu
    text is a Span that says so; Urdu text is Urdu."""
    from activate_pack.pack.sources.paths import default_pack_dir

    (item,) = build(default_pack_dir(), (size,), tmp_path, languages="ur")
    nodes = struct_tree(item.path).walk()
    pdf = pikepdf.open(item.path)
    languages = _languages(pdf)
    assert [node.role for node in nodes] == [role for role, _ in languages]
    arabic, latin = re.compile("[\u0600-\u06ff]"), re.compile("[A-Za-z]")
    english, urdu = [], []
    for node, (_, lang) in zip(nodes, languages):
        own = " ".join(node.texts)
        if arabic.search(own):
            urdu.append((own, lang))
        elif latin.search(own):
            english.append((own, lang))
    # The shipped Urdu leaves no card in English: a few names and addresses stay Latin.
    assert len(english) >= 5 and len(urdu) > 10, (len(english), len(urdu))
    assert [found for found in english if found[1] != "en-GB"] == []
    assert [found for found in urdu if found[1] != "ur"] == []
    spans = [(node.text(), lang) for node, (role, lang) in zip(nodes, languages)
             if role == "Span"]
    assert ("Activate Pack contributors", "en-GB") in spans
