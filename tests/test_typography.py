"""Typographic punctuation set once in compose, and line breaks that leave no lone last word.

The printed files are read back with Poppler (pdftotext, and its -bbox-layout word boxes),
the site's pages with Python's HTML parser; the expected strings are written out by hand.
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from activate_pack.compose.cards import card_front
from activate_pack.compose.content import writer
from activate_pack.compose.typography import typeset
from activate_pack.output.build import build
from activate_pack.output.webcards import web_files
from activate_pack.output.sitepages import Language, page_context
from activate_pack.pack.loading.load import load_pack
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.text import Flow, Layouter, Style
from conftest import require_tool

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
    files = web_files(pack, page, "en")
    shown = []
    for path, data in files.items():
        if path.endswith(".html"):
            parser = _CardText()
            parser.feed(data.decode("utf-8"))
            shown.append(URL.sub("", "".join(parser.parts)))
    text = "".join(shown)
    assert "name\u2019s story" in text and "Who it\u2019s for" in text
    assert not re.findall(r"[\"']", text)


def _lone_words(pdf: Path) -> tuple[set[int], list[str]]:
    """The pages with blocks of two lines or more, as Poppler finds them, and the blocks whose
    last line holds one word (a web address set on a line of its own does not count)."""
    require_tool("pdftotext", "poppler-utils")
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    root = ElementTree.fromstring(re.sub(r'xmlns="[^"]+"', "", xml, count=1))
    pages, lone = set(), []
    for number, page in enumerate(root.iter("page")):
        for block in page.iter("block"):
            lines = block.findall("line")
            if len(lines) < 2:
                continue
            pages.add(number)
            last = [word.text or "" for word in lines[-1].findall("word")]
            if len(last) == 1 and not URL.fullmatch(last[0]):
                lone.append(last[0])
    return pages, lone


def test_few_paragraphs_on_the_cards_end_in_a_lone_word(default_pdfs: dict[str, Path]) -> None:
    pages, lone = _lone_words(default_pdfs["a6"])
    pack = load_pack(default_pack_dir())
    # Both sides of the about card and of every written recipe (method, ingredients) are read.
    sides = {0, 1} | {2 + 2 * n + side for n, card in enumerate(pack.cards)
                      if card.kind == "recipe" and not getattr(card, "blank", False)
                      for side in (0, 1)}
    assert sides <= pages, sorted(sides - pages)
    assert len(pages) > 60  # the cards' paragraphs are found
    assert len(lone) <= 2, lone


def _lay(text: str, width: float, lang: str = "en") -> list[str]:
    flow = Flow()
    flow.add(text, Style(lang=lang))
    return [line.text.strip() for line in Layouter(flow).lay(10, width).lines]


def test_the_last_line_takes_a_word_from_the_line_above() -> None:
    text = "Think about age, culture, work and family."
    # Widths where the words fill a line of three or more up to the last word, which greedy
    # breaking leaves alone below.
    widths = [w for w in range(60, 300) if _greedy_last(text, w) == (3, 1)
              or _greedy_last(text, w)[0] > 3 and _greedy_last(text, w)[1] == 1]
    assert widths
    for width in widths:
        lines = _lay(text, width)
        assert len(lines[-1].split()) >= 2, (width, lines)
        assert " ".join(lines) == text  # the words are the same, only the breaks moved


def _greedy_last(text: str, width: float) -> tuple[int, int]:
    """Words on the last two lines that greedy breaking gives (measured line by line)."""
    from activate_pack.text.fonts import width as measure
    from activate_pack.text.lines import DEFAULT_FAMILY
    from activate_pack.text.fonts import font_name

    font = font_name(DEFAULT_FAMILY)
    lines: list[list[str]] = [[]]
    for word in text.split():
        trial = " ".join([*lines[-1], word])
        if lines[-1] and measure(trial, font, 10) > width:
            lines.append([word])
        else:
            lines[-1].append(word)
    return (len(lines[-2]), len(lines[-1])) if len(lines) > 1 else (0, 0)


def test_polish_one_letter_words_do_not_end_a_line() -> None:
    text = "Zapytaj sąsiadów o pomysły i pomoc, a potem zaproś ich w sobotę z dziećmi u nas"
    for width in range(50, 260, 3):
        for line in _lay(text, width, "pl")[:-1]:
            assert line.split()[-1] not in {"a", "i", "o", "u", "w", "z"}, (width, line)
    # English text is broken as before: a line may end in 'a' there.
    assert any(line.split()[-1] in {"a", "i", "o", "u", "w", "z"} for width in range(50, 260, 3)
               for line in _lay(text, width, "en")[:-1])


def test_a_balanced_heading_breaks_into_lines_of_even_length() -> None:
    title = "Ideas for a community kitchen garden"
    for width in range(110, 200, 10):
        plain = Flow()
        plain.add(title, Style())
        even = Flow()
        even.add(title, Style(balance=True))
        greedy = [line.width for line in Layouter(plain).lay(14, width).lines]
        balanced = [line.width for line in Layouter(even).lay(14, width).lines]
        assert len(balanced) == len(greedy)  # never more lines: the heading's box still fits
        assert max(balanced) <= width
        if len(greedy) == 2:
            assert abs(balanced[0] - balanced[1]) <= abs(greedy[0] - greedy[1])
    unwrapped = Flow()
    unwrapped.add(title, Style(balance=True))
    assert len(Layouter(unwrapped).lay(14, 1000).lines) == 1


def test_a_number_stays_on_the_line_of_its_unit() -> None:
    text = typeset("Meet every week for 10 minutes and measure 50 mm of ribbon each", "en")
    for width in range(40, 250, 4):
        lines = _lay(text, width)
        assert not any(line.endswith(("10", "50")) for line in lines[:-1]), (width, lines)
    plain = "Meet every week for 10 minutes and measure 50 mm of ribbon each"
    assert any(line.endswith(("10", "50")) for width in range(40, 250, 4)
               for line in _lay(plain, width)[:-1])  # a plain space lets them part
