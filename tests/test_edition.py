"""The HTML edition: every card and guide page as semantic HTML, from the composed content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_site import Page

from activate_pack.compose.typography import typeset
from activate_pack.output.site import site
from activate_pack.pack.loading.load import load_pack
from activate_pack.pack.sources.paths import default_pack_dir


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default pack's site, with its HTML edition."""
    out = tmp_path_factory.mktemp("edition") / "public"
    site(default_pack_dir(), out)
    return out


def _plain(text: str) -> list[str]:
    """Card text as a reader sees it: markup and list markers gone, one entry per line."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:- |\d+\. )", "", line).replace("**", "").replace("*", "")
        if line.strip():
            lines.append(" ".join(line.split()))
    return lines


def _texts(card: object) -> list[str]:
    found = [card.title]  # type: ignore[attr-defined]
    for name in ("question", "prompt", "summary", "challenge", "who_for", "uses", "first_step",
                 "notes"):
        value = getattr(card, name, None)
        if isinstance(value, str):
            found += _plain(value)
    for name in ("prompts", "method"):
        for value in getattr(card, name, None) or []:
            found += _plain(value)
    return found


def test_index_links_the_edition(public: Path) -> None:
    page = Page((public / "index.html").read_text(encoding="utf-8"))
    links = page.links()
    for name in ("guide", "questions", "ingredients", "recipes", "about"):
        assert f"en-gb/{name}.html" in links


def test_every_card_and_guide_page_is_there_word_for_word(public: Path) -> None:
    pack = load_pack(default_pack_dir())
    pages = {name: Page((public / "en-gb" / f"{name}.html").read_text(encoding="utf-8")).text
             for name in ("guide", "questions", "ingredients", "recipes")}
    for name, cards in (("questions", pack.questions), ("ingredients", pack.ingredients),
                        ("recipes", pack.recipes)):
        for card in cards:
            for text in _texts(card):
                assert _printed(text) in pages[name], (card.id, text)
    for guide in pack.guide:
        for text in [guide.title, *_plain(guide.body)]:
            assert _printed(text) in pages["guide"], (guide.id, text)


def _printed(text: str) -> str:
    """Text as the page shows it: quotes and apostrophes set, spaces as Page.text has them."""
    return " ".join(typeset(text, "en").split())


def test_kinds_phases_and_asset_types_are_text(public: Path) -> None:
    pack = load_pack(default_pack_dir())
    questions = Page((public / "en-gb" / "questions.html").read_text(encoding="utf-8")).text
    for card in pack.questions:
        assert f"{pack.labels.kinds.question} · {pack.labels.phase(card.phase)}" in questions
    ingredients = Page((public / "en-gb" / "ingredients.html").read_text(encoding="utf-8")).text
    for card in pack.ingredients:
        if card.asset_type:
            assert pack.labels.asset_type(card.asset_type) in ingredients


def test_recipes_link_to_their_ingredients(public: Path) -> None:
    pack = load_pack(default_pack_dir())
    recipes = Page((public / "en-gb" / "recipes.html").read_text(encoding="utf-8"))
    ingredients = Page((public / "en-gb" / "ingredients.html").read_text(encoding="utf-8"))
    anchors = {attrs.get("id") for _, attrs in ingredients.elements}
    links = [link for link in recipes.links() if link.startswith("ingredients.html#")]
    wanted = {ref for card in pack.recipes for ref in card.ingredients}
    assert {link.split("#")[1] for link in links} == wanted
    assert wanted <= anchors


def test_the_structure_is_semantic(public: Path) -> None:
    page = Page((public / "en-gb" / "recipes.html").read_text(encoding="utf-8"))
    tags = [tag for tag, _ in page.elements]
    assert page.first("html")["lang"] == "en-GB" and page.first("html")["dir"] == "ltr"
    assert tags.count("h1") == 1 and "article" in tags and "ol" in tags and "nav" in tags
    assert page.first("link", rel="license")["href"]
    assert page.first("meta", property="og:image")["content"].startswith("../")


def test_card_words_are_escaped(make_pack, tmp_path: Path) -> None:
    root = make_pack(**{"content/questions/warm-up.yaml": """\
        - id: warm-hello
          title: 'Hello <script>alert(1)</script>'
          question: 'Is <b>this</b> bold & "quoted"?'
          prompts: ["One <i>", "Two"]
          phase: warm-up
        """})
    site(root, tmp_path / "out")
    html = (tmp_path / "out" / "en-gb" / "questions.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<b>" not in html and "<i>" not in html
    assert "Hello &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_card_pictures_are_copied_with_their_description(make_pack, tmp_path: Path) -> None:
    from PIL import Image

    from conftest import INGREDIENTS

    picture = ("  image:\n    file: images/cooks.png\n"
               "    alt: Two neighbours stirring a pot of soup\n"
               "    credit: {author: Test Author, licence: CC-BY-4.0}\n")
    root = make_pack(**{"content/ingredients/skills.yaml": INGREDIENTS + picture})
    (root / "content" / "images").mkdir()
    Image.new("RGB", (1200, 800), "#3A7D44").save(root / "content" / "images" / "cooks.png")
    site(root, tmp_path / "out")
    page_path = tmp_path / "out" / "en-gb" / "ingredients.html"
    page = Page(page_path.read_text(encoding="utf-8"))
    image = page.first("img", alt="Two neighbours stirring a pot of soup")
    assert (page_path.parent / str(image["src"])).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
