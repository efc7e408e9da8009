"""``translate export`` and ``translate import``: PO files out of a pack and back in."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Callable

import polib
import pytest
import yaml
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.errors import PackError
from activate_pack.output.po_import import import_po
from activate_pack.output.translate import export
from activate_pack.pack.loading.provenance import item_keys
from activate_pack.pack.loading.load import load_pack

from conftest import QUESTIONS, require_tool
from test_translations import POLISH

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
    assert title.comment.startswith(
        "Question card ‘Hello’ (warm-hello), title: The card's heading")
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


def _msgfmt(po: Path) -> subprocess.CompletedProcess[str]:
    """gettext's own check of a PO file: syntax, header, and format strings against msgid."""
    msgfmt = require_tool("msgfmt", "gettext")
    return subprocess.run([msgfmt, "--check", "-o", os.devnull, str(po)], capture_output=True,
                          text=True, check=False)


def test_msgfmt_checks_every_export_without_a_warning(default_copy: Path,
                                                      tmp_path: Path) -> None:
    for language in ("pl", "ro", "ur", "pa-Guru", "bn", "ar"):
        export(default_copy, language, tmp_path / f"{language}.po")
        checked = _msgfmt(tmp_path / f"{language}.po")
        assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    po = polib.pofile(str(tmp_path / "ur.po"))
    for field in ("PO-Revision-Date", "Last-Translator", "Language-Team", "Plural-Forms"):
        assert po.metadata[field], field
    assert po.metadata["Language"] == "ur"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_msgfmt_catches_a_misspelt_slot_in_a_label(make_pack: Callable[..., Path],
                                                   tmp_path: Path) -> None:
    root = make_pack()
    export(root, "pl", tmp_path / "pl.po")
    po = polib.pofile(str(tmp_path / "pl.po"), wrapwidth=0)
    entry = next(e for e in po if e.msgid == "{kind} · {detail}")
    assert "python-brace-format" in entry.flags
    assert "python-brace-format" not in po.find("Hello", msgctxt="warm-hello:title").flags
    entry.msgstr = "{kind} · {detail}"
    po.save(str(tmp_path / "pl.po"))
    assert _msgfmt(tmp_path / "pl.po").returncode == 0
    entry.msgstr = "{kind} · {detial}"
    po.save(str(tmp_path / "pl.po"))
    checked = _msgfmt(tmp_path / "pl.po")
    assert checked.returncode != 0 and "format specification" in checked.stderr
    # Import says the same, at the entry's msgstr.
    with pytest.raises(PackError, match="{detial} is not a placeholder of this label"):
        import_po(root, tmp_path / "pl.po")


def test_placeholders_are_exported_as_written_and_explained(make_pack: Callable[..., Path],
                                                           tmp_path: Path) -> None:
    english = QUESTIONS.replace("for breakfast?", "for breakfast in {{ locality }}?")
    root = make_pack(**{"content/questions/warm-up.yaml": english})
    export(root, "pl", tmp_path / "pl.po")
    po = polib.pofile(str(tmp_path / "pl.po"), wrapwidth=0)
    question = po.find("What did you have for breakfast in {{ locality }}?",
                       msgctxt="warm-hello:question")
    assert question is not None and "Testville" not in question.msgid
    assert "{{ locality }} is filled in from the pack's 'locality' (now: Testville)" \
        in question.comment
    title = po.find("Hello", msgctxt="warm-hello:title")
    assert "printed on the A6 card" in title.comment
    assert "The English is 5 characters long; this field takes at most 120." in title.comment
    guide = po.find("A short guide page.", msgctxt="guide-hello:body")
    assert "facilitator guide, A4" in guide.comment


def test_a_changed_english_title_is_out_of_date_and_fuzzy_in_the_next_export(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack()
    po_path = tmp_path / "pl.po"
    export(root, "pl", po_path)
    po = polib.pofile(str(po_path), wrapwidth=0)
    po.find("Hello", msgctxt="warm-hello:title").msgstr = "Cześć"
    po.save(str(po_path))
    import_po(root, po_path)
    overlay = root / "content/translations/pl.yaml"
    assert "made_from:" in overlay.read_text(encoding="utf-8")
    check = runner.invoke(app, ["check", str(root)])
    assert "out of date" not in check.output
    questions = root / "content/questions/warm-up.yaml"
    questions.write_text(QUESTIONS.replace("title: Hello", "title: Hello, neighbour"),
                         encoding="utf-8")
    line = overlay.read_text(encoding="utf-8").splitlines().index("    title: Cześć") + 1
    for command in (["check", str(root)], ["build", str(root), "--lang", "pl", "--size", "a6",
                                          "--out", str(tmp_path / "out")]):
        result = runner.invoke(app, command)
        stale = [out for out in result.output.splitlines() if "out of date" in out]
        assert stale == [f"content/translations/pl.yaml:{line}: warning: warm-hello: title: out "
                         "of date, the English has changed since this was translated; "
                         "'activate-pack translate export --lang pl' marks it for review, and "
                         "importing the reviewed PO file records the new English (card "
                         "warm-hello)"], result.output
    # Exported over the translator's earlier file: the earlier English is known.
    export(root, "pl", po_path)
    assert _msgfmt(po_path).returncode == 0
    entry = polib.pofile(str(po_path), wrapwidth=0).find("Hello, neighbour",
                                                         msgctxt="warm-hello:title")
    assert entry.flags[0] == "fuzzy" and entry.previous_msgid == "Hello"
    assert entry.msgstr == "Cześć"
    assert "#| msgid \"Hello\"" in po_path.read_text(encoding="utf-8")
    # Exported afresh, only the record's hash says that the English changed.
    export(root, "pl", tmp_path / "fresh.po")
    fresh = polib.pofile(str(tmp_path / "fresh.po")).find("Hello, neighbour",
                                                          msgctxt="warm-hello:title")
    assert "fuzzy" in fresh.flags and fresh.previous_msgid is None
    assert "The English has changed" in fresh.tcomment
    # The reviewer keeps the translation and removes the mark: it is up to date again.
    po = polib.pofile(str(po_path), wrapwidth=0)
    reviewed = po.find("Hello, neighbour", msgctxt="warm-hello:title")
    reviewed.flags.remove("fuzzy")
    reviewed.previous_msgid = None
    po.save(str(po_path))
    assert import_po(root, po_path).changed
    assert "out of date" not in runner.invoke(app, ["check", str(root)]).output


def test_stamp_only_adds_records_to_the_shipped_translations(default_copy: Path) -> None:
    """The shipped files carry their records: with them taken away, stamp writes them back,
    byte for byte, and touches nothing else."""
    folder = default_copy / "content/translations"
    shipped = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    for name, text in shipped.items():
        assert "\nmade_from:\n" in text, name
        (folder / name).write_text(text.split("\nmade_from:\n")[0] + "\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", "stamp", str(default_copy)])
    assert result.exit_code == 0, result.output
    for name, text in shipped.items():
        after = (folder / name).read_text(encoding="utf-8")
        assert after == text, name
        data = yaml.safe_load(after)
        assert len(data["made_from"]["cards"]) == len(data["cards"])
    again = runner.invoke(app, ["translate", "stamp", str(default_copy), "--lang", "pa"])
    assert again.output == "pa-Guru: nothing to record\n"
    assert "out of date" not in runner.invoke(app, ["check", str(default_copy)]).output
    pack_yaml = default_copy / "content/pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text(encoding="utf-8").replace(
        "title: Activate Pack\n", "title: Activate Pack Plus\n", 1), encoding="utf-8")
    check = runner.invoke(app, ["check", str(default_copy)])
    stale = [line for line in check.output.splitlines() if "out of date" in line]
    assert len(stale) == 6 and all("pack: title: out of date" in line for line in stale)


def test_a_rewrapped_po_file_imports_unchanged(make_pack: Callable[..., Path],
                                              tmp_path: Path) -> None:
    msgcat = require_tool("msgcat", "gettext")
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    before = (root / "content/translations/pl.yaml").read_bytes()
    export(root, "pl", tmp_path / "pl.po")
    subprocess.run([msgcat, "-w", "30", "-o", str(tmp_path / "narrow.po"),
                    str(tmp_path / "pl.po")], check=True)
    assert import_po(root, tmp_path / "narrow.po").changed is False
    assert (root / "content/translations/pl.yaml").read_bytes() == before


def test_export_writes_previews_of_the_cards_in_the_language(make_pack: Callable[..., Path],
                                                             tmp_path: Path) -> None:
    from PIL import Image, ImageChops

    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    for language in ("pl", "ro"):  # Romanian has no translation yet: the cards as they are
        result = runner.invoke(app, ["translate", "export", str(root), "--lang", language,
                                     "--out", str(tmp_path / f"{language}.po"),
                                     "--previews", str(tmp_path / language)])
        assert result.exit_code == 0, result.output
        assert "card faces into" in result.output
    polish = Image.open(tmp_path / "pl/a6/warm-hello-front.png")
    english = Image.open(tmp_path / "ro/a6/warm-hello-front.png")
    assert polish.format == "PNG" and polish.size == english.size
    assert ImageChops.difference(polish.convert("RGB"), english.convert("RGB")).getbbox()
    assert (tmp_path / "pl/a6/soup-club-front.png").exists()
