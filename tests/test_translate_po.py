"""``translate export`` and ``translate import``: PO files out of a pack and back in."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import polib
import pytest
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.errors import PackError
from activate_pack.output.po_import import import_po
from activate_pack.output.translate import export
from activate_pack.pack.provenance import item_keys
from activate_pack.pack.load import load_pack

from tests.test_translations import POLISH

runner = CliRunner()


def test_export_gives_one_entry_per_string_with_context_and_comments(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    count = export(root, "pl", tmp_path / "pl.po")
    po = polib.pofile(str(tmp_path / "pl.po"))
    assert count == len(po)
    by_context = {e.msgctxt: e for e in po}
    title = by_context["warm-hello:title"]
    assert (title.msgid, title.msgstr) == ("Hello", "Cześć")
    assert title.comment.startswith("Question card ‘Hello’ (warm-hello), title: The card's heading")
    prompts = item_keys(["Who made it?", "Where did you eat it?"])
    assert by_context[f"warm-hello:prompts:{prompts[1]}"].msgid == "Where did you eat it?"
    assert by_context[f"warm-hello:prompts:{prompts[1]}"].msgstr == "Gdzie to zjadłeś?"
    assert by_context[f"soup-club:method:{item_keys(['Find a kitchen.'])[0]}"].msgstr == ""
    assert by_context["labels:kinds.question"].msgstr == "Pytanie"
    assert "Name of question cards" in by_context["labels:kinds.question"].comment
    assert po.metadata["Language"] == "pl" and po.metadata["X-Translators"] == "Ola Nowak"
    assert len(by_context) == len(po)  # every context is unique


def test_export_then_import_of_an_unchanged_file_changes_nothing(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    overlay = root / "content/translations/pl.yaml"
    before = overlay.read_bytes()
    export(root, "pl", tmp_path / "pl.po")
    done = import_po(root, tmp_path / "pl.po")
    assert done.path == overlay and not done.changed
    assert overlay.read_bytes() == before


def test_the_default_pack_round_trips(default_copy: Path, tmp_path: Path) -> None:
    for language in ("pl", "ro", "ur", "pa-Guru", "bn", "ar"):
        overlay = default_copy / f"content/translations/{language}.yaml"
        before = overlay.read_bytes()
        export(default_copy, language, tmp_path / f"{language}.po")
        done = import_po(default_copy, tmp_path / f"{language}.po")
        assert (done.path, done.changed) == (overlay, False)
        assert overlay.read_bytes() == before


def test_a_translated_po_file_becomes_an_overlay(make_pack: Callable[..., Path],
                                                 tmp_path: Path) -> None:
    root = make_pack()
    export(root, "ro", tmp_path / "ro.po")
    po = polib.pofile(str(tmp_path / "ro.po"))
    po.metadata["X-Translators"] = "Ana Popescu"
    for entry in po:
        if entry.msgctxt.startswith("soup-club:"):
            entry.msgstr = f"[ro] {entry.msgid}"
    po.save(str(tmp_path / "ro.po"))
    done = import_po(root, tmp_path / "ro.po")
    assert done.changed and done.path.name == "ro.yaml"
    card = load_pack(root, language="ro").card("soup-club")
    assert card.title == "[ro] Soup club"
    assert card.method == ["[ro] Find a kitchen.", "[ro] Cook."]
    assert load_pack(root, language="ro").translation.translators == ("Ana Popescu",)


def test_broken_entries_are_reported_at_their_line(make_pack: Callable[..., Path],
                                                   tmp_path: Path) -> None:
    root = make_pack()
    export(root, "pl", tmp_path / "pl.po")
    text = (tmp_path / "pl.po").read_text(encoding="utf-8")
    text = text.replace('msgctxt "soup-club:title"\nmsgid "Soup club"\nmsgstr ""',
                        'msgctxt "soup-clb:title"\nmsgid "Soup club"\nmsgstr "Zupa"')
    text = text.replace('msgctxt "cooks:uses"\nmsgid "Cooks can run a club."\nmsgstr ""',
                        'msgctxt "cooks:usage"\nmsgid "Cooks can run a club."\nmsgstr "Klub"')
    (tmp_path / "pl.po").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    with pytest.raises(PackError) as caught:
        import_po(root, tmp_path / "pl.po")
    shown = [str(p) for p in caught.value.problems]
    first = next(i for i, line in enumerate(lines, 1) if "soup-clb:title" in line)
    assert any(s.startswith("pl.po:") and "no card or page with the id 'soup-clb'" in s
               for s in shown), shown
    line = int(next(s for s in shown if "soup-clb" in s).split(":")[1])
    assert first - 3 <= line <= first + 2
    assert any("'usage' is not a text of 'cooks'" in s for s in shown), shown
    assert not (root / "content/translations/pl.yaml").exists()


def test_the_commands(make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    po = tmp_path / "out.po"
    result = runner.invoke(app, ["translate", "export", str(root), "--lang", "pl", "--out", str(po)])
    assert result.exit_code == 0, result.output
    assert "strings)" in result.output
    result = runner.invoke(app, ["translate", "import", str(po), str(root)])
    assert result.exit_code == 0, result.output
    assert "content/translations/pl.yaml is unchanged" in result.output


def test_spaces_in_a_translation_survive_the_round_trip(make_pack: Callable[..., Path],
                                                       tmp_path: Path) -> None:
    """Patterns join words with spaces (' and ', ', ', ' و' in Arabic): a PO round trip keeps
    them, a blank space is a translation, and changing only the spacing is a change."""
    text = POLISH.replace("labels:\n", "labels:\n  patterns: {and: ' i ', space: ' ', comma: ', '}\n")
    root = make_pack(**{"content/translations/pl.yaml": text})
    export(root, "pl", tmp_path / "pl.po")
    po = polib.pofile(str(tmp_path / "pl.po"))
    assert po.find(" and ", msgctxt="labels:patterns.and").msgstr == " i "
    assert po.find(" ", msgctxt="labels:patterns.space").msgstr == " "
    assert import_po(root, tmp_path / "pl.po").changed is False
    po.find(" and ", msgctxt="labels:patterns.and").msgstr = " oraz "
    po.save(str(tmp_path / "pl.po"))
    assert import_po(root, tmp_path / "pl.po").changed is True
    labels = load_pack(root, language="pl").labels.patterns
    assert labels.and_ == " oraz "
    assert labels.space == " " and labels.comma == ", "
