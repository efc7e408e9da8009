"""Typographic punctuation set once in compose, in the PDFs and on the site alike.

The printed files are read back with Poppler (pdftotext), the site's pages with Python's HTML
parser; the expected strings are written out by hand.
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from activate_pack.compose.cards import card_front
from activate_pack.compose.content import writer
from activate_pack.compose.typography import typeset
from activate_pack.output.build import build
from activate_pack.output.edition import edition
from activate_pack.output.sitepages import Language, page_context
from activate_pack.pack.load import load_pack
from activate_pack.pack.paths import default_pack_dir
from tests.conftest import require_tool

URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+")


@pytest.mark.parametrize("lang, text, printed", [
    ("en-GB", "Who it's for: the \"ingredients\" and 'prompts' of a name's story",
     "Who it\u2019s for: the \u201cingredients\u201d and \u2018prompts\u2019 of a name\u2019s story"),
    ("en", "Parents' evening in the '90s", "Parents\u2019 evening in the \u201990s"),
    ("pl", "Hasło \"Sąsiedzi\" i 'Men's Sheds'",
     "Hasło \u201eSąsiedzi\u201d i \u201aMen\u2019s Sheds\u2019"),
    ("ro", "Proiectul \"Vecini\" pentru 'toți'",
     "Proiectul \u201eVecini\u201d pentru \u00abtoți\u00bb"),
    ("ar", "\"مرحبا\"", "\u00abمرحبا\u00bb"),
    ("ur", "\"سلام\"", "\u201cسلام\u201d"),
    ("en", "Young people aged 11-19, for 10-15 minutes",
     "Young people aged 11\u201319, for 10\u201315\u00a0minutes"),
    ("en", "A bar 50 mm long, 2 hours, 100%", "A bar 50\u00a0mm long, 2\u00a0hours, 100%"),
    ("pl", "Pasek 50 mm, 2 godziny, 50 %", "Pasek 50\u00a0mm, 2\u00a0godziny, 50\u00a0%"),
])
def test_each_language_gets_its_own_marks(lang: str, text: str, printed: str) -> None:
    assert typeset(text, lang) == printed


@pytest.mark.parametrize("text", [
    "https://example.org/it's-\"here\"?a=1-2",
    "write to o'brien@example.org",
    "the {card's} placeholder and {{ pack.title }}",
    "type `name=\"x\"` there",
    "card ids like step-1-2 and dates 2026-12-07, phone 0161-496",
    "size=\"10\"",
])
def test_addresses_ids_placeholders_and_code_stay_as_written(text: str) -> None:
    kept = typeset(text, "en")
    for protected in ("https://example.org/it's-\"here\"?a=1-2", "o'brien@example.org",
                      "{card's}", "`name=\"x\"`", "step-1-2", "2026-12-07", "0161-496",
                      "size=\"10\""):
        if protected in text:
            assert protected in kept


def test_a_language_without_a_convention_keeps_straight_quotes() -> None:
    assert typeset("\"x\" it's", "xx") == "\"x\" it's"


def test_quotes_round_bold_words_are_seen_whole() -> None:
    pack = load_pack(default_pack_dir())
    runs = writer(pack.labels, "en").inline("Say \"**hello**\" and **Ann**'s name", "summary")
    assert [(r.text, r.bold) for r in runs] == [
        ("Say \u201c", False), ("hello", True), ("\u201d and ", False), ("Ann", True),
        ("\u2019s name", False)]


def test_a_card_left_untranslated_is_set_in_the_source_language() -> None:
    english = load_pack(default_pack_dir())
    polish = load_pack(default_pack_dir(), language="pl")
    card = next(c for c in english.questions if c.id == "warm-up-name-story")
    translation = polish.translation.model_copy(update={"untranslated": frozenset([card.id])})
    left_out = polish.model_copy(update={"translation": translation,
                                         "questions": english.questions})
    face = card_front(left_out, card)
    assert "".join(r.text for r in face.title) == "Your name\u2019s story"
    quoted = writer(polish.labels, "pl").inline("\"x\"", "summary")[0].text
    assert quoted == "\u201ex\u201d"  # the same words composed in Polish take Polish marks


def _pdftext(path: Path) -> str:
    require_tool("pdftotext", "poppler-utils")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_default_pack_prints_no_straight_quote(default_pdfs: dict[str, Path]) -> None:
    for size in ("a6", "a4"):
        text = _pdftext(default_pdfs[size])
        assert "\u2019" in text
        outside = URL.sub("", text)
        assert not re.findall(r"[\"']", outside), (size, [
            line for line in outside.splitlines() if re.search(r"[\"']", line)][:5])


@pytest.mark.parametrize("lang", ["pl", "ro"])
def test_polish_and_romanian_packs_print_low_and_high_quotes(tmp_path: Path, lang: str) -> None:
    built = build(default_pack_dir(), ("a6", "a4"), tmp_path, languages=lang)
    texts = [_pdftext(item.path) for item in built]
    assert any("\u201e" in text and "\u201d" in text for text in texts)
    for text in texts:
        assert "\u201c" not in text  # the English opening mark is not theirs
        assert not re.findall(r"[\"']", URL.sub("", text))


class _CardText(HTMLParser):
    """The text inside a page's card articles (composed faces), outside tags and attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "article" or self._depth:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.parts.append(data)


def test_the_site_shows_the_same_marks() -> None:
    pack = load_pack(default_pack_dir())
    entry = Language("en", default_pack_dir(), "index.html", "en")
    page = page_context(pack, entry, [(entry, pack)], "0", [])
    files = edition(pack, page, "en")
    shown = []
    for path, data in files.items():
        if path.endswith(".html"):
            parser = _CardText()
            parser.feed(data.decode("utf-8"))
            shown.append(URL.sub("", "".join(parser.parts)))
    text = "".join(shown)
    assert "name\u2019s story" in text and "Who it\u2019s for" in text
    assert not re.findall(r"[\"']", text)
