"""Composed content as data: blocks, roles and runs, with no PDF."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from activate_pack.compose import cards, pages
from activate_pack.compose.content import Block, Face, Run, fill, join_names
from activate_pack.pack.loading.load import load_pack

LABELS = Path(__file__).resolve().parent.parent / "content" / "labels.yaml"


def _text(runs: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs)


def _faces(pack: Any) -> list[Face]:
    """Every face and page the pack composes to, in both editions and on the print sheet."""
    faces = [cards.about_front(pack), cards.card_back(pack, None, "about", "about")]
    for card in pack.cards:
        faces += [cards.card_front(pack, card), cards.card_back(pack, card, card.kind, card.id)]
    faces += [pages.cover(pack), pages.contents(pack), pages.colophon(pack)]
    faces += [pages.divider(pack, entry) for entry in pages.sets(pack, tuple(pages.set_kinds(pack)))]
    faces += [pages.guide_page(pack, page) for page in pack.guide]
    faces += [pages.template(pack, name) for name in pages.templates(pack)]
    faces += [pages.print_front(pack, d) for d in ("long", "short", "fold", "none")]
    faces.append(pages.print_back(pack))
    return faces


def _runs(face: Face) -> list[Run]:
    found = [*face.label, *face.title, *face.credit]
    for runs in face.extra.values():
        found += runs
    for block in (*face.blocks, *face.write_ins, *face.notes):
        found += block.runs
        for item in block.items:
            found += item.runs
    return found


def test_recipe_card_blocks_in_reading_order(make_pack: Callable[..., Path]) -> None:
    pack = load_pack(make_pack())
    face = cards.card_front(pack, pack.recipes[0])
    assert [(b.kind, b.role) for b in face.blocks] == [
        ("paragraph", "summary"), ("field", "field"), ("heading", "heading"),
        ("list", "method"), ("paragraph", "facts")]
    assert _text(face.label) == "Project recipe"  # letter case is the layout's business
    assert _text(face.title) == "Soup club"
    ingredients = face.blocks[1]
    assert [(r.text, r.role, r.bold) for r in ingredients.runs] == [
        ("Ingredients: ", "field-label", True), ("Keen cooks", "field", False)]
    assert [(i.marker, _text(i.runs)) for i in face.blocks[3].items] == [
        ("1.", "Find a kitchen."), ("2.", "Cook.")]
    facts = face.blocks[4]
    assert _text(facts.runs) == "Time: An evening a week  ·  Effort: Low"
    assert [r.text for r in facts.runs if r.bold] == ["Time:", "Effort:"]
    assert [_text(b.runs) for b in face.write_ins] == []
    assert _text(face.notes[0].runs) == "Facilitator notes"


def test_question_and_ingredient_cards(make_pack: Callable[..., Path]) -> None:
    pack = load_pack(make_pack())
    question = cards.card_front(pack, pack.questions[0])
    assert _text(question.label) == "Question · Warm up"
    assert [b.role for b in question.blocks] == ["question", "prompts"]
    assert [i.marker for i in question.blocks[1].items] == ["•", "•"]
    ingredient = cards.card_front(pack, pack.ingredients[0])
    assert _text(ingredient.label) == "Ingredient · Gifts and skills"
    assert [b.role for b in ingredient.blocks] == ["prompt", "heading", "uses"]
    assert ingredient.blocks[2].joined  # the uses follow their heading without a gap
    assert [b.kind for b in ingredient.write_ins] == ["write-in"]
    assert _text(ingredient.write_ins[0].runs) == "Near us:"
    back = cards.card_back(pack, pack.questions[0], "question", "warm-hello")
    assert _text(back.title) == "Question"
    assert _text(back.extra["detail"]) == "Warm up"
    assert _text(back.extra["pack"]) == "Test Pack"


def test_about_card_attribution(make_pack: Callable[..., Path]) -> None:
    pack = load_pack(make_pack())
    face = cards.about_front(pack)
    back = cards.about_front(pack, side="back")
    # Who made the pack and where to get it on the front; its licence on the back.
    assert [(b.kind, b.role) for b in face.blocks] == [
        ("paragraph", "title-line"), ("paragraph", "version"), ("heading", "heading"),
        ("paragraph", "authors"), ("paragraph", "copyright"), ("heading", "heading"),
        ("paragraph", "source")]
    assert [(b.kind, b.role) for b in back.blocks] == [
        ("heading", "heading"), ("paragraph", "licence"), ("paragraph", "licence"),
        ("paragraph", "licence-note"), ("paragraph", "icons"), ("paragraph", "no-endorsement")]
    text = [b.text for b in face.blocks]
    assert text[1] == "Version 0.1 · Testville"
    assert text[2:4] == ["Made by", "Test Author"]
    assert face.blocks[3].joined and not face.blocks[4].joined
    assert text[6] == "https://example.org/test-pack"
    text = [b.text for b in back.blocks]
    assert text[1:3] == ["Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)",
                         "https://creativecommons.org/licenses/by-sa/4.0/"]
    assert text[4] == "Icons: Lucide, ISC License"
    assert all(r.italic for r in back.blocks[-1].runs)
    assert _text(face.credit) == ("Test Pack · Test Author · CC BY-SA 4.0 · "
                                  "https://creativecommons.org/licenses/by-sa/4.0/")


def test_runs_carry_the_packs_language(make_pack: Callable[..., Path]) -> None:
    pack = load_pack(make_pack())
    runs = [r for face in _faces(pack) for r in _runs(face)]
    assert runs and {(r.lang, r.dir) for r in runs} == {("en-GB", "ltr")}


def test_credit_line_and_names_come_from_labels(make_pack: Callable[..., Path]) -> None:
    labels = """\
        patterns:
          and: " & "
          comma: " / "
          dot: " | "
          credit_line: "{authors} | {title} | {licence}"
        """
    pack_yaml = ("title: Test Pack\nversion: '0.1'\nlanguage: en-GB\nauthors:\n"
                 "  - name: Ann\n  - name: Bo\n  - name: Cy\nlicence: CC-BY-4.0\n"
                 "source_url: https://example.org/p\ncopyright: '© 2026 Ann'\n")
    pack = load_pack(make_pack(**{"content/labels.yaml": labels, "content/pack.yaml": pack_yaml}))
    assert cards.credit(pack) == "Ann / Bo & Cy | Test Pack | CC BY 4.0"
    face = cards.about_front(pack)
    assert [b.text for b in face.blocks if b.role == "authors"] == ["Ann / Bo & Cy"]
    meta = pages.metadata(pack, "Cards")
    assert meta["author"] == "Ann / Bo & Cy"
    assert meta["title"] == "Test Pack: Cards"


def test_fill_and_join() -> None:
    assert fill("{label}: {text}", label="A", text="{label}") == "A: {label}"
    assert fill("{a.__class__}", a="x") == "{a.__class__}"
    assert join_names(["A", "B", "C"], ", ", " and ") == "A, B and C"
    assert join_names(["A"], ", ", " and ") == "A"


def marker_labels(path: Path) -> list[str]:
    """Write a labels.yaml whose every word is a distinctive marker; return the markers.

    Slots such as {label} are kept, so templates still work; every other stretch of a value
    (words, punctuation, spaces) becomes its own short marker word; spaces round the slots
    keep markers from running into the words filled in.
    """
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    markers: list[str] = []

    def mark(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: mark(v) for k, v in value.items()}
        if isinstance(value, list):
            return [mark(v) for v in value]
        if not isinstance(value, str):
            return value
        if value in (".!?",):
            return value  # the characters that end a sentence: a set, not a printed text
        parts = re.split(r"(\{[a-z_]+\})", value)
        out = []
        for part in parts:
            if not part or re.fullmatch(r"\{[a-z_]+\}", part):
                # A space keeps a marker apart from the words filled in beside it.
                out.append(part if part in ("", "{n}", "{count}", "{number}") else f" {part} ")
                continue
            word = "xq" + "".join(chr(ord("a") + int(d)) for d in str(len(markers)))
            markers.append(word)
            out.append(word)
        # A joining word (' and ', ', ') has no slots: spaces keep it apart from the names.
        return "".join(out) if "{" in value else f" {out[0]} "

    marked = mark(data)
    marked["about"]["licence_names"] = {"CC-BY-SA-4.0": "xqlicence"}
    markers.append("xqlicence")
    path.write_text(yaml.safe_dump(marked, allow_unicode=True), encoding="utf-8")
    return markers


TEXT_FIELDS = frozenset({"title", "subtitle", "description", "locality", "copyright", "name",
                         "organisation", "role", "notes", "uses", "question", "prompt", "prompts",
                         "who_for", "time", "summary", "place", "method", "first_step",
                         "challenge", "body"})
"""Fields of the content files that hold words to print (ids, enums and addresses do not)."""


def marker_content(root: Path) -> set[str]:
    """Replace every word of the pack's printed content with a marker; return the markers.

    With the labels marked too, a word on a page that is no marker can only come from code.
    """
    found: dict[str, str] = {}

    def word(match: re.Match[str]) -> str:
        key = match.group(0).lower()
        if key not in found:
            found[key] = "cq" + "".join(chr(ord("a") + int(d)) for d in str(len(found)))
        return found[key]

    def mark(value: Any, text: bool) -> Any:
        if isinstance(value, dict):
            return {k: mark(v, k in TEXT_FIELDS) for k, v in value.items()}
        if isinstance(value, list):
            return [mark(v, text) for v in value]
        if text and isinstance(value, str):
            return re.sub(r"[A-Za-z]+", word, value)
        return value

    for path in (root / "content").rglob("*.yaml"):
        if path.name != "labels.yaml":
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            path.write_text(yaml.safe_dump(mark(data, False), allow_unicode=True), encoding="utf-8")
    return set(found.values())


def content_punctuation(root: Path) -> set[str]:
    """The characters other than letters, digits and spaces in the content's values."""
    chars: set[str] = set()

    def collect(value: Any) -> None:  # values only: YAML's own ':' and '-' are not printed
        if isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif value is not None:
            chars.update(re.sub(r"[\w\s]", "", str(value)))

    for path in (root / "content").rglob("*.yaml"):
        if path.name != "labels.yaml":
            collect(yaml.safe_load(path.read_text(encoding="utf-8")))
    return chars


def _allowed(root: Path, markers: list[str]) -> set[str]:
    """Marker words of labels and content, and the licence's and the pack's addresses."""
    found = marker_content(root) | set(markers)
    info = yaml.safe_load((root / "content" / "pack.yaml").read_text(encoding="utf-8"))
    found |= set(re.findall(r"[a-z]+", info["source_url"].lower()))
    # The icon set's credit names it and its licence, as the licence table names CC's.
    from activate_pack.pack.model.licences import ICONS

    found |= set(re.findall(r"[a-z]+", f"{ICONS.name} {ICONS.licence} {ICONS.url}".lower()))
    return found | {"cc", "by", "sa", "https", "creativecommons", "org", "licenses"}


def _stray(text: str, allowed: set[str]) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower())) - allowed


def test_labels_in_another_language_leave_no_english(default_copy: Path) -> None:
    markers = marker_labels(default_copy / "content" / "labels.yaml")
    allowed = _allowed(default_copy, markers)
    punctuation = content_punctuation(default_copy)
    pack = load_pack(default_copy)
    for face in _faces(pack):
        for run in _runs(face):
            assert not _stray(run.text, allowed), (face.kind, face.card, run)
            assert not set(re.sub(r"[\w\s]", "", run.text)) - punctuation, run
        for block in (*face.blocks, *face.write_ins):
            for item in block.items:
                assert not _stray(item.marker, allowed), item.marker
    meta = pages.metadata(pack, "xqedition")
    words = " ".join(str(meta[k]) for k in ("title", "author", "subject", "keywords", "rights"))
    assert not _stray(words, allowed | {"xqedition"})


def _rendered(root: Path) -> list[tuple[str, bytes]]:
    """Both editions and the home-printing instruction sheet, rendered to PDF.

    Laid out directly, so text that overflows with the marker words still renders: this test
    is about words, not fit.
    """
    from activate_pack.errors import Problems
    from activate_pack.layout import pages as laid
    from activate_pack.layout.boxes import Document
    from activate_pack.layout.context import Ctx
    from activate_pack.layout.printsheet import instructions_back, instructions_front
    from activate_pack.layout.spec import layout_dirs, load_layout
    from activate_pack.compose.notices import creators
    from activate_pack.pack.sources.paths import default_pack_dir
    from activate_pack.render.pdf import render

    pack = load_pack(root)
    dirs = layout_dirs(root, default_pack_dir())

    def render_document(pack: Any, doc: Document) -> bytes:
        return render(doc, creators(pack), doc.author, pack.info.source_url)

    found = []
    for size in ("a6", "a4"):
        doc = laid.edition(pack, size, load_layout(size, dirs), Problems())
        found.append((size, render_document(pack, doc)))
    ctx = Ctx(pack, load_layout("a4", dirs), Problems())
    front, targets = instructions_front(ctx, "long")
    sheet = (front, instructions_back(ctx, "long", targets))
    doc = Document(sheet, **laid.metadata(pack, "xqedition"))  # type: ignore[arg-type]
    found.append(("instructions", render_document(pack, doc)))
    return found


def test_every_printed_word_comes_from_labels_or_content(default_copy: Path) -> None:
    """The PDFs of the default pack, laid out with marker labels, hold no other word."""
    from io import BytesIO

    from pypdf import PdfReader

    markers = marker_labels(default_copy / "content" / "labels.yaml")
    allowed = _allowed(default_copy, markers) | {"xqedition"}
    punctuation = content_punctuation(default_copy)
    for name, data in _rendered(default_copy):
        reader = PdfReader(BytesIO(data))
        texts = [page.extract_text() for page in reader.pages]
        # The markers are there to be found: the labels file is the one in use.
        assert len(texts) > 1 and set(markers) & _stray(" ".join(texts), set())
        for number, text in enumerate(texts, 1):
            stray = _stray(text, allowed)
            assert not stray, f"{name} page {number}: {sorted(stray)}"
            marks = set(re.sub(r"[\w\s]", "", text)) - punctuation
            assert not marks, f"{name} page {number}: {sorted(marks)}"
        info = reader.metadata or {}
        stray = _stray(" ".join(str(info.get(k, "")) for k in ("/Title", "/Subject",
                                                                "/Keywords", "/Author")), allowed)
        assert not stray, f"{name} metadata: {sorted(stray)}"


@pytest.mark.parametrize("name", ["patterns", "metadata"])
def test_a_labels_file_without_the_new_groups_still_loads(make_pack: Callable[..., Path],
                                                          name: str) -> None:
    pack = load_pack(make_pack(**{"content/labels.yaml": "kinds:\n  recipe: Our recipe\n"}))
    assert getattr(pack.labels, name) is not None
    assert _text(cards.card_front(pack, pack.recipes[0]).label) == "Our recipe"


def test_blocks_hold_no_layout(make_pack: Callable[..., Path]) -> None:
    pack = load_pack(make_pack())
    face = cards.card_front(pack, pack.recipes[0])
    block: Block = face.blocks[0]
    assert set(Block.__dataclass_fields__) == {"kind", "role", "runs", "items", "joined", "picture"}
    assert block.text == "Neighbours cook soup together once a week."


def test_logo_and_picture_are_composed_blocks(make_pack: Callable[..., Path]) -> None:
    from PIL import Image

    root = make_pack()
    (root / "content/images").mkdir(parents=True)
    Image.new("RGB", (300, 100), (0, 0, 0)).save(root / "content/images/logo.png")
    with (root / "content/pack.yaml").open("a", encoding="utf-8") as out:
        out.write("logo:\n  file: images/logo.png\n  alt: The Test Group logo\n"
                  "  credit: {title: Logo, author: Test Group, licence: All rights reserved, "
                  "exception: true}\n")
    pack = load_pack(root)
    faces = [cards.about_front(pack), cards.card_back(pack, None, "about", "about"),
             pages.cover(pack)]
    for face in faces:
        assert face.logo is not None and face.logo.kind == "logo"
        assert face.logo.picture is not None
        assert (face.logo.picture.file, face.logo.picture.alt) == ("images/logo.png",
                                                                   "The Test Group logo")
    assert cards.card_front(pack, pack.recipes[0]).logo is None
    assert cards.card_front(pack, pack.recipes[0]).picture is None
