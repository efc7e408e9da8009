"""``translate import`` merges: a translator's PO file changes only what it holds, a broken one
changes nothing, and the overlay keeps its comments and layout."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Callable

import polib
import pytest
import yaml
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.output.translate import export
from activate_pack.pack.loading.load import load_pack
from conftest import QUESTIONS
from test_translations import POLISH

runner = CliRunner()

COMMENTED = ("# Polish, by hand. Keep the draft notes below.\n" + POLISH).replace(
    "  kinds: {question: Pytanie}\n",
    "  kinds: {question: Pytanie}   # short: it sits on the card's band\n").replace(
    "    title: Cześć\n", "    # A draft: 'Cześć' is informal on purpose.\n    title: Cześć\n"
).replace("    question: Co jadłeś na śniadanie?\n",
          "    question: Co jadłeś na śniadanie? To pytanie jest dość długie, więc w pliku "
          "zostało\n      złamane w dwóch wierszach.\n")
"""The Polish overlay as a person keeps it: comments, a flow mapping, a line broken in two."""


def _po(root: Path, tmp_path: Path, language: str, translations: dict[str, str],
        name: str = "", items: dict[str, str] | None = None, **header: str) -> Path:
    """A PO file exported from the pack, with some entries translated (by msgctxt, and list
    items by their English) and header fields set."""
    out = tmp_path / (name or f"{language}.po")
    export(root, language, out)
    po = polib.pofile(str(out), wrapwidth=0)
    for entry in po:
        if entry.msgctxt in translations:
            entry.msgstr = translations[entry.msgctxt]
        elif items and entry.msgctxt.count(":") == 2 and entry.msgid in items:
            entry.msgstr = items[entry.msgid]
    for key, value in header.items():
        po.metadata[key.replace("_", "-")] = value
    po.save(str(out))
    return out


def _import(po: Path, root: Path, *args: str):  # noqa: ANN202 - a typer Result
    return runner.invoke(app, ["translate", "import", str(po), str(root), *args])


def test_two_po_files_imported_one_after_the_other_both_survive(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack()
    first = _po(root, tmp_path, "pl", {"soup-club:title": "Klub zupy",
                                       "cooks:title": "Zapaleni kucharze"}, "first.po")
    second = _po(root, tmp_path, "pl", {"warm-hello:title": "Cześć"}, "second.po")
    for po in (first, second):
        assert _import(po, root).exit_code == 0
    polish = load_pack(root, language="pl")
    assert polish.card("soup-club").title == "Klub zupy"
    assert polish.card("cooks").title == "Zapaleni kucharze"
    assert polish.card("warm-hello").title == "Cześć"


def test_an_import_keeps_the_overlays_comments_order_and_line_breaks(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack(**{"content/translations/pl.yaml": COMMENTED})
    po = _po(root, tmp_path, "pl", {"cooks:title": "Zapaleni kucharze",
                                    "labels:kinds.recipe": "Przepis"})
    result = _import(po, root)
    assert result.exit_code == 0, result.output
    after = (root / "content/translations/pl.yaml").read_text(encoding="utf-8")
    removed = [line for line in difflib.ndiff(COMMENTED.splitlines(), after.splitlines())
               if line.startswith("- ")]
    # Only the flow mapping that gained a key is rewritten; every other line stays.
    assert removed == ["-   kinds: {question: Pytanie}   # short: it sits on the card's band"]
    assert "  kinds: {question: Pytanie, recipe: Przepis}" in after
    assert after.startswith(COMMENTED.split("  kinds:")[0])
    data = yaml.safe_load(after)
    assert data["cards"]["cooks"] == {"title": "Zapaleni kucharze"}
    assert list(data) == ["translators", "reviewed", "pack", "labels", "cards", "made_from"]


BROKEN = {
    "an unclosed msgid": ('msgid "Hello"', 'msgid "Hello', "closing double quote is missing"),
    "a msgstr missing its closing quote": ('msgstr "Cześć"', 'msgstr "Cześć', "closing double"),
    "a plural entry": ('msgctxt "cooks:title"\nmsgid "Keen cooks"\nmsgstr ""',
                       'msgctxt "cooks:title"\nmsgid "Keen cooks"\nmsgid_plural "Keen cooks"\n'
                       'msgstr[0] "Kucharz"\nmsgstr[1] "Kucharze"', "plural entry"),
    "an unknown escape": ('msgstr "Cześć"', 'msgstr "Cze\\qść"', "not an escape gettext knows"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_po_file_changes_nothing_and_names_its_line(
        make_pack: Callable[..., Path], tmp_path: Path, case: str) -> None:
    root = make_pack(**{"content/translations/pl.yaml": COMMENTED})
    overlay = root / "content/translations/pl.yaml"
    before = overlay.read_bytes()
    po = _po(root, tmp_path, "pl", {"soup-club:title": "Klub zupy"})
    old, new, words = BROKEN[case]
    text = po.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    po.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(row for row in new.splitlines()
                                        if row not in old.splitlines())) + 1
    result = _import(po, root)
    assert result.exit_code == 1
    assert f"pl.po:{line}: " in result.output and words in result.output, result.output
    assert "Traceback" not in result.output
    assert overlay.read_bytes() == before


def test_a_po_file_not_in_utf8_is_refused_at_the_bad_line(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack()
    po = _po(root, tmp_path, "pl", {"soup-club:title": "Klub zupy"})
    data = po.read_bytes().replace("Klub zupy".encode(), "Klub \xbfupy".encode("latin-1"))
    po.write_bytes(data)
    line = data[:data.index(b"\xbf")].count(b"\n") + 1
    result = _import(po, root)
    assert result.exit_code == 1 and f"pl.po:{line}: this line is not UTF-8" in result.output
    assert not (root / "content/translations").exists()


def test_a_header_in_another_language_than_lang_is_refused(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack(**{"content/translations/ur.yaml": POLISH})
    before = (root / "content/translations/ur.yaml").read_bytes()
    po = _po(root, tmp_path, "ar", {"soup-club:title": "نادي الحساء"})
    result = _import(po, root, "--lang", "ur")
    assert result.exit_code == 1
    line = po.read_text(encoding="utf-8").splitlines().index('"Language: ar\\n"') + 1
    assert f"ar.po:{line}: this file is in Arabic (ar)" in result.output, result.output
    assert "--lang ar" in result.output
    assert (root / "content/translations/ur.yaml").read_bytes() == before
    assert not (root / "content/translations/ar.yaml").exists()


@pytest.mark.parametrize("code, file", [("ur_PK", "ur"), ("pa_IN", "pa-Guru"),
                                        ("pa", "pa-Guru"), ("ar_EG", "ar")])
def test_gettext_language_codes_name_the_packs_translation(
        make_pack: Callable[..., Path], tmp_path: Path, code: str, file: str) -> None:
    root = make_pack(**{"content/translations/pa-Guru.yaml": POLISH.replace(
        "Ola Nowak", "Harpreet Kaur")})
    po = _po(root, tmp_path, "pl", {"cooks:title": "ਰਸੋਈਏ"}, Language=code)
    result = _import(po, root)
    assert result.exit_code == 0, result.output
    assert f"wrote content/translations/{file}.yaml" in result.output
    names = sorted(p.name for p in (root / "content/translations").iterdir())
    assert names == sorted({"pa-Guru.yaml", f"{file}.yaml"})


def test_a_fuzzy_entry_is_not_applied_and_not_deleted(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    out = _po(root, tmp_path, "pl", {"warm-hello:title": "Witaj", "cooks:title": "Kucharze"})
    po = polib.pofile(str(out), wrapwidth=0)
    po.find("Hello", msgctxt="warm-hello:title").flags.append("fuzzy")
    po.save(str(out))
    result = _import(out, root)
    assert result.exit_code == 0, result.output
    assert "1 fuzzy entry waits for review" in result.output
    polish = load_pack(root, language="pl")
    assert polish.card("warm-hello").title == "Cześć"  # the earlier translation stays
    assert polish.card("cooks").title == "Kucharze"


def test_translators_are_credited_from_the_po_header_once_each(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    po = _po(root, tmp_path, "pl", {"cooks:title": "Kucharze"},
             Last_Translator="Jan Kowalski <jan@example.org>",
             Language_Team="Polish <pl@li.org>", X_Translators="Anna Lis, Piotr Wrona")
    for _ in range(2):
        assert _import(po, root).exit_code == 0
    assert load_pack(root, language="pl").translation.translators == (
        "Ola Nowak", "Anna Lis", "Piotr Wrona", "Jan Kowalski")


def test_a_placeholder_that_differs_from_the_english_is_refused_at_its_po_line(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    english = QUESTIONS.replace("for breakfast?", "for breakfast in {{ locality }}?")
    root = make_pack(**{"content/questions/warm-up.yaml": english})
    po = _po(root, tmp_path, "pl", {
        "warm-hello:question": "Co jadłeś na śniadanie w {{ lokality }}?",
        "labels:about.picture_credit": "Zdjęcie: {autor}, {licence}"})
    text = po.read_text(encoding="utf-8").splitlines()
    result = _import(po, root)
    assert result.exit_code == 1
    for context, words in (("warm-hello:question", "it has {{ locality }}, this has "
                                                   "{{ lokality }}"),
                           ("labels:about.picture_credit", "{autor} is not a placeholder")):
        line = text.index(f'msgctxt "{context}"') + 3  # the msgstr
        assert text[line - 1].startswith("msgstr ")
        assert any(out.startswith(f"pl.po:{line}: ") and words in out
                   for out in result.output.splitlines()), result.output
    assert not (root / "content/translations/pl.yaml").exists()


def test_list_items_keep_their_translation_when_the_english_list_is_reordered(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack()
    po = _po(root, tmp_path, "pl", {"warm-hello:title": "Cześć"},
             items={"Who made it?": "Kto to zrobił?",
                    "Where did you eat it?": "Gdzie to zjadłeś?"})
    reordered = QUESTIONS.replace('["Who made it?", "Where did you eat it?"]',
                                  '["Where did you eat it?", "Who made it?"]')
    (root / "content/questions/warm-up.yaml").write_text(reordered, encoding="utf-8")
    # The PO file was exported before the English list was reordered: its items still land
    # on the English they translate.
    assert _import(po, root).exit_code == 0
    polish = load_pack(root, language="pl")
    assert polish.card("warm-hello").prompts == ["Gdzie to zjadłeś?", "Kto to zrobił?"]
    assert not [w for w in polish.warnings if "out of date" in w.message]


def test_a_translation_folder_gets_each_entry_in_the_file_that_has_its_group(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    rest, cards = POLISH.split("cards:\n")
    root = make_pack(**{"content/translations/pl/a-words.yaml": rest,
                        "content/translations/pl/b-cards.yaml": "cards:\n" + cards})
    po = _po(root, tmp_path, "pl", {"cooks:title": "Kucharze", "labels:kinds.recipe": "Przepis",
                                    "warm-hello:title": "Witaj"}, X_Translators="Anna Lis")
    assert _import(po, root).exit_code == 0
    folder = root / "content/translations/pl"
    words = yaml.safe_load((folder / "a-words.yaml").read_text(encoding="utf-8"))
    card_file = yaml.safe_load((folder / "b-cards.yaml").read_text(encoding="utf-8"))
    assert words["labels"]["kinds"] == {"question": "Pytanie", "recipe": "Przepis"}
    assert [t["name"] for t in words["translators"]] == ["Ola Nowak", "Anna Lis"]
    assert set(card_file["cards"]) == {"warm-hello", "cooks"}
    assert sorted(p.name for p in folder.iterdir()) == ["a-words.yaml", "b-cards.yaml"]
    polish = load_pack(root, language="pl")
    assert polish.card("warm-hello").title == "Witaj" and polish.card("cooks").title == "Kucharze"


def test_list_items_that_cannot_be_placed_are_named_and_left_out(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack()
    half = _po(root, tmp_path, "pl", {"warm-hello:title": "Cześć"},
               items={"Who made it?": "Kto to zrobił?"}, name="half.po")
    result = _import(half, root)
    assert result.exit_code == 0
    assert "warm-hello: prompts: not applied yet: 1 of 2 items have no translation" \
        in result.output
    whole = _po(root, tmp_path, "pl", {}, items={"Who made it?": "Kto to zrobił?",
                                                 "Where did you eat it?": "Gdzie?"})
    changed = QUESTIONS.replace('"Who made it?"', '"Who cooked it?"')
    (root / "content/questions/warm-up.yaml").write_text(changed, encoding="utf-8")
    result = _import(whole, root)
    line = whole.read_text(encoding="utf-8").splitlines().index('msgid "Who made it?"')
    assert f"pl.po:{line}: not applied: the English of this list item" in result.output, \
        result.output  # at the entry's msgctxt, the line before its msgid
    assert "prompts" not in yaml.safe_load(
        (root / "content/translations/pl.yaml").read_text(encoding="utf-8"))["cards"]["warm-hello"]


@pytest.mark.parametrize("code, tag", [("ur_PK.UTF-8", "ur"), ("pa_PK", "pa-Arab"),
                                       ("sr@latin", "sr-Latn"), ("pt_BR", "pt-BR"),
                                       ("en_GB", "en-GB"), ("pa-Guru", "pa-Guru"),
                                       ("Urdu", None), ("x", None)])
def test_language_codes_as_gettext_writes_them(code: str, tag: str | None) -> None:
    from activate_pack.output.po_read import normalise_tag

    assert normalise_tag(code, ["en-GB", "pa-Guru"]) == tag


def test_a_language_name_for_lang_is_a_usage_error(make_pack: Callable[..., Path],
                                                   tmp_path: Path) -> None:
    root = make_pack()
    po = _po(root, tmp_path, "ur", {"cooks:title": "باورچی"})
    result = _import(po, root, "--lang", "Urdu")
    assert result.exit_code == 2 and "for Urdu write 'ur'" in result.output
    assert not (root / "content/translations").exists()
