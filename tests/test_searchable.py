"""Translated cards can be searched and copied in the readers people use.

Each translated card's words are looked for in the text that Poppler (Evince, Okular), PDFium
(Chrome, Edge), pdf.js (Firefox), MuPDF (SumatraPDF, many phones) and Apache PDFBox (Java
tools) extract from the A6 pack: the share of consecutive word pairs of the translation found,
in the order they are read. A reader that gets letters wrong, loses the spaces or turns a
right-to-left word round finds few. pdf.js is installed from npm beside its script
(``tests/readers``, pinned by its package-lock.json).
"""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Callable

import pypdfium2 as pdfium
import pytest
import yaml

from activate_pack.output.build import build
from activate_pack.pack.sources.paths import default_pack_dir

from conftest import REPO, require_tool, yaml_strings

READERS_DIR = Path(__file__).resolve().parent / "readers"
SHAPED = ("ur", "ar", "bn", "pa-Guru")
LATIN = ("pl", "ro")
FLOOR = 0.95
"""The share of word pairs every reader must find in a shaped script; in Polish and Romanian,
all of them."""
VISUAL = {("mupdf", "ur"), ("mupdf", "ar")}
"""Readers that give right-to-left text as it is seen, from the left (MuPDF applies no bidi
when it extracts text); measured, and expected to fail."""


def _pdfjs() -> Path:
    """The pdf.js text script, with pdf.js installed beside it (``npm ci`` the first time).

    Skipped where npm cannot install it on a developer's machine; under CI=true, a failure.
    """
    script = READERS_DIR / "pdfjs_text.mjs"
    if not (READERS_DIR / "node_modules" / "pdfjs-dist").is_dir():
        npm = require_tool("npm", "npm")
        done = subprocess.run([npm, "ci", "--prefix", str(READERS_DIR), "--no-audit",
                               "--no-fund"], capture_output=True, text=True)
        if done.returncode != 0:
            message = f"pdfjs-dist could not be installed: {done.stderr[-400:]}"
            if os.environ.get("CI") == "true":
                pytest.fail(message)
            pytest.skip(message)
    require_tool("node", "nodejs")
    return script


def poppler_text(path: Path) -> str:
    """Text as pdftotext extracts it."""
    tool = require_tool("pdftotext", "poppler-utils")
    return subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdfium_text(path: Path) -> str:
    """Text as PDFium (Chrome's reader) extracts it."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\f".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def pdfjs_text(path: Path) -> str:
    """Text as pdf.js (Firefox's reader) extracts it."""
    return subprocess.run(["node", str(_pdfjs()), str(path)], capture_output=True, text=True,
                          check=True, cwd=READERS_DIR).stdout


def mupdf_text(path: Path) -> str:
    """Text as MuPDF extracts it."""
    tool = require_tool("mutool", "mupdf-tools")
    return subprocess.run([tool, "draw", "-q", "-F", "txt", "-o", "-", str(path)],
                          capture_output=True, text=True, check=True).stdout


PDFBOX_JARS = [Path("/usr/share/java") / jar for jar in (
    "pdfbox2-tools.jar", "pdfbox2.jar", "fontbox2.jar", "commons-logging.jar")]


def pdfbox_text(path: Path) -> str:
    """Text as Apache PDFBox 2 extracts it."""
    java = require_tool("java", "default-jre-headless")
    if not all(jar.exists() for jar in PDFBOX_JARS):
        require_tool("pdfbox-missing-jar", "libpdfbox2-java")
    return subprocess.run([java, "-cp", ":".join(map(str, PDFBOX_JARS)),
                           "org.apache.pdfbox.tools.ExtractText", "-console", str(path)],
                          capture_output=True, text=True, check=True).stdout


READERS: dict[str, Callable[[Path], str]] = {
    "poppler": poppler_text, "pdfium": pdfium_text, "pdfjs": pdfjs_text, "mupdf": mupdf_text,
    "pdfbox": pdfbox_text}


def _words(text: str) -> list[str]:
    """Words as a search box takes them: compatibility forms folded, invisible format
    characters (bidi controls, zero-width spaces and joiners) dropped, split at white space."""
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return [w for w in re.split(r"\s+", visible) if w]


def card_texts(lang: str) -> list[str]:
    """Every text the translated A6 cards of ``lang`` print (titles, questions, prompts...;
    not the facilitator notes, which only the A4 pack prints), as typeset: each language's
    quotation marks, and markup such as **bold** read as the words it marks."""
    from activate_pack.compose.typography import typeset

    data = yaml.safe_load((REPO / "content" / "translations" / f"{lang}.yaml").read_text(
        encoding="utf-8"))
    cards = {card: {field: value for field, value in fields.items() if field != "notes"}
             for card, fields in (data.get("cards") or {}).items()}
    return [typeset(text, lang).replace("**", "") for text in yaml_strings(cards)]


def pair_share(texts: list[str], extracted: str) -> tuple[float, list[str]]:
    """The share of consecutive word pairs of ``texts`` found in ``extracted``, in order, and
    the pairs not found. A pair is found as a search box finds it: anywhere in the text (a
    word that runs into the text beside it is still found, two words run together are not)."""
    found_text = " ".join(_words(extracted))
    total, missing = 0, []
    for text in texts:
        words = _words(text)
        for first, second in zip(words, words[1:]):
            total += 1
            if f"{first} {second}" not in found_text:
                missing.append(f"{first} {second}")
    return (1.0 if total == 0 else 1 - len(missing) / total), missing


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The default pack's A6 cards in each translation: {lang: path}."""
    out = tmp_path_factory.mktemp("searchable")
    return {lang: build(default_pack_dir(), ("a6",), out, languages=lang)[0].path
            for lang in (*SHAPED, *LATIN)}


@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("lang", [*SHAPED, *LATIN])
def test_translated_cards_are_found_in_every_reader(translated: dict[str, Path], lang: str,
                                                    reader: str) -> None:
    texts = card_texts(lang)
    assert len(texts) >= 12 * 3, f"{lang}: fewer translated card texts than expected"
    share, missing = pair_share(texts, READERS[reader](translated[lang]))
    floor = 1.0 if lang in LATIN else FLOOR
    if (reader, lang) in VISUAL:
        assert share < floor, f"{reader} now reads {lang} in order ({share:.1%}): a success"
        pytest.xfail(f"{reader} gives {lang} as it is seen: {share:.1%} of word pairs")
    assert share >= floor, f"{reader} {lang}: {share:.1%} of word pairs; missing {missing[:8]}"


def test_the_measure_finds_words_in_order_only() -> None:
    """The measure itself: pairs in order count, turned-round or run-together words do not."""
    assert pair_share(["a b c"], "x a b c y")[0] == 1.0
    assert pair_share(["a b c"], "c b a")[0] == 0.0
    assert pair_share(["ab cd"], "abcd")[0] == 0.0
    assert pair_share(["a b", "c d"], "a\nb c d")[0] == 1.0
    assert pair_share(["a b"], "\u202ba b\u202c")[0] == 1.0


@pytest.mark.parametrize("lang", SHAPED)
def test_pdfium_search_finds_each_translated_title(translated: dict[str, Path],
                                                   lang: str) -> None:
    """Chrome's find bar searches with PDFium: each card title, typed as the translation
    gives it, is found on some page."""
    data = yaml.safe_load((REPO / "content" / "translations" / f"{lang}.yaml").read_text(
        encoding="utf-8"))
    titles = [card["title"] for card in data["cards"].values() if "title" in card]
    pdf = pdfium.PdfDocument(str(translated[lang]))
    try:
        pages = [page.get_textpage() for page in pdf]
        missing = [title for title in titles
                   if not any(page.search(title).get_next() for page in pages)]
    finally:
        pdf.close()
    assert not missing, missing
