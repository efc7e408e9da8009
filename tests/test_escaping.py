"""A pack's words stay words: in the XMP of every output, and in every message on the terminal."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

import pypdf
import pytest
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.errors import visible
from activate_pack.output.build import build

NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "cc": "http://creativecommons.org/ns#"}
TRICKY = "\" < > & ' "
TITLE = f"Tom's {TRICKY}Łódź Ærø Straße Œuvre Ğüç"
AUTHORS = [f"Zoë {TRICKY}Ñandú", "Þórunn <Sigurðardóttir> & Ćwik"]
COPYRIGHT = f"© 2026 {TRICKY}Šťastný"
URL = "https://example.org/x\"y'z<a>&b=1"


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _xmp(pdf: Path) -> ET.Element:
    reader = pypdf.PdfReader(pdf)
    return ET.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data())


def test_xmp_holds_every_value_exactly_as_typed(make_pack: Callable[..., Path],
                                                tmp_path: Path) -> None:
    authors = "".join(f"  - name: {_quoted(name)}\n" for name in AUTHORS)
    root = make_pack(**{"content/pack.yaml": (
        f"title: {_quoted(TITLE)}\nauthors:\n{authors}licence: CC-BY-SA-4.0\n"
        f"source_url: {_quoted(URL)}\ncopyright: {_quoted(COPYRIGHT)}\n")})
    built = build(root, ("a6", "a4"), tmp_path / "out")
    assert len(built) == 2
    for item in built:
        desc = _xmp(item.path).find(".//rdf:Description", NS)
        assert desc is not None
        assert desc.find("dc:title/rdf:Alt/rdf:li", NS).text.startswith(TITLE + ": ")
        assert [li.text for li in desc.findall("dc:creator/rdf:Seq/rdf:li", NS)] == AUTHORS
        assert desc.find("cc:attributionURL", NS).get(f"{{{NS['rdf']}}}resource") == URL
        assert COPYRIGHT in desc.find("dc:rights/rdf:Alt/rdf:li", NS).text
        # Nothing the pack wrote became an element or attribute of its own.
        names = {element.tag for element in desc.iter()} | {
            key for element in desc.iter() for key in element.attrib}
        assert not any("evil" in name or "<" in name for name in names)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd",
                                 "JavaScript:alert(1)", "ftp://example.org", "example.org"])
def test_only_web_addresses_pass_check(make_pack: Callable[..., Path], url: str) -> None:
    root = make_pack(**{"content/pack.yaml": (
        f"title: T\nauthors: [{{name: A}}]\nlicence: CC-BY-SA-4.0\nsource_url: {_quoted(url)}\n"
        "copyright: c\n")})
    result = CliRunner().invoke(app, ["check", str(root)])
    assert result.exit_code == 1
    assert "content/pack.yaml:4" in result.output and "source_url:" in result.output


CONTROLS = ["\x1b[2J", "\x1b]0;owned\x07", "\x1b]52;c;aGk=\x07", "\x07", "\x7f", "\x85",
            "\x9b31m", "\u202e", "\u2066", "\u200f", "\r"]


@pytest.mark.parametrize("control", CONTROLS)
def test_check_never_prints_a_control_character(make_pack: Callable[..., Path],
                                                control: str) -> None:
    escaped = json.dumps  # YAML escapes (\u001b) reach the values, past the file-level check
    card = (f"- id: {escaped('bad' + control + 'id')}\n  title: {escaped('Hi' + control)}\n"
            "  question: Why?\n  phase: warm-up\n"
            f"- id: ok-{len(control)}\n  title: {escaped('Hi' + control)}\n"
            "  question: Why?\n  phase: nowhere\n")
    root = make_pack(**{"content/questions/bad.yaml": card})
    result = CliRunner().invoke(app, ["check", str(root)])
    assert result.exit_code == 1, result.output
    assert "content/questions/bad.yaml:1" in result.output
    for char in {c for c in control if not c.isprintable()}:
        assert char not in result.output, (repr(char), result.output)
    bad = [c for c in result.output if c not in "\n" and (ord(c) < 32 or 0x7F <= ord(c) < 0xA0)]
    assert not bad, result.output


def test_visible_shows_what_it_replaces() -> None:
    assert visible("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert visible("abc\u202edef") == "abc<U+202E>def"
    assert visible("ok: Ωμέγα 日本語 مرحبا\ttab") == "ok: Ωμέγα 日本語 مرحبا\ttab"


@pytest.mark.parametrize("args", [["cards"], ["cards", "--json"]])
def test_card_listings_show_pack_words_safely(make_pack: Callable[..., Path],
                                              args: list[str]) -> None:
    title = json.dumps("Hello\x1b]0;owned\x07 \u202eworld\x85")
    root = make_pack(**{"content/questions/warm-up.yaml": (
        f"- id: warm-hello\n  title: {title}\n  question: Why?\n  prompts: [a, b]\n"
        "  phase: warm-up\n")})
    result = CliRunner().invoke(app, [*args, str(root)])
    assert result.exit_code == 0, result.output
    assert "warm-hello" in result.output
    assert not [c for c in result.output if c != "\n" and (ord(c) < 32 or 0x7F <= ord(c) < 0xA0
                                                          or c == "\u202e")]
    if "--json" in args:
        rows = json.loads(result.output)
        assert any(row.get("title") == json.loads(title).strip() for row in rows)
