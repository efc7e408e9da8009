"""Translations as overlays: loading, gaps, credits, licences, --lang and the default pack's."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.compose import notices
from activate_pack.errors import PackError
from activate_pack.output.build import build
from activate_pack.output.check import check
from activate_pack.pack.loading.load import load_pack
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.pack.loading.translations import languages
from conftest import QUESTIONS, yaml_strings

runner = CliRunner()

POLISH = """\
translators:
  - name: Ola Nowak
reviewed: false
pack:
  title: Pakiet testowy
labels:
  kinds: {question: Pytanie}
cards:
  warm-hello:
    title: Cześć
    question: Co jadłeś na śniadanie?
    prompts:
      - Kto to zrobił?
      - Gdzie to zjadłeś?
"""


def test_a_translation_overlays_cards_and_labels_and_leaves_the_source(
        make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    english = load_pack(root)
    polish = load_pack(root, language="pl")
    assert english.card("warm-hello").title == "Hello"
    assert polish.card("warm-hello").title == "Cześć"
    assert polish.card("warm-hello").prompts == ["Kto to zrobił?", "Gdzie to zjadłeś?"]
    assert polish.card("warm-hello").phase == "warm-up"  # choices stay as they are
    assert polish.labels.kinds.question == "Pytanie"
    assert polish.labels.kinds.recipe == english.labels.kinds.recipe
    assert polish.info.language == "pl" and polish.info.title == "Pakiet testowy"
    assert polish.translation is not None and polish.translation.translators == ("Ola Nowak",)
    assert languages(root) == ["pl"]


def test_what_a_translation_leaves_out_is_a_warning_naming_it(
        make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    warnings = [str(w) for w in load_pack(root, language="pl").warnings]
    untranslated = next(w for w in warnings if "have no Polish translation" in w)
    for card_id in ("soup-club", "cooks", "guide-hello"):
        assert card_id in untranslated
    assert "warm-hello" not in untranslated
    assert any("labels: no translation of" in w and "kinds.recipe" in w for w in warnings)
    assert any("pack: no translation of" not in w for w in warnings)


def test_a_missing_field_is_named_at_its_card(make_pack: Callable[..., Path]) -> None:
    text = POLISH.replace("    prompts:\n      - Kto to zrobił?\n      - Gdzie to zjadłeś?\n", "")
    root = make_pack(**{"content/translations/pl.yaml": text})
    warnings = [w for w in load_pack(root, language="pl").warnings if w.card == "warm-hello"]
    assert len(warnings) == 1
    assert warnings[0].path == "content/translations/pl.yaml" and warnings[0].line == 10
    assert "no translation of prompts" in warnings[0].message


def test_broken_entries_are_errors_at_their_line(make_pack: Callable[..., Path]) -> None:
    text = POLISH.replace("    title: Cześć", "    titel: Cześć").replace(
        "cards:\n", "cards:\n  warm-helo:\n    title: Hej\n")
    root = make_pack(**{"content/translations/pl.yaml": text})
    with pytest.raises(PackError) as caught:
        load_pack(root, language="pl")
    shown = [str(p) for p in caught.value.problems]
    assert any(s.startswith("content/translations/pl.yaml:9:") and "did you mean 'warm-hello'"
               in s for s in shown), shown
    assert any(s.startswith("content/translations/pl.yaml:12:") and "did you mean 'title'"
               in s for s in shown), shown


def test_a_list_that_breaks_the_card_rules_is_an_error_at_its_line(
        make_pack: Callable[..., Path]) -> None:
    text = POLISH.replace("      - Gdzie to zjadłeś?\n", "      - Gdzie?\n" * 4)
    root = make_pack(**{"content/translations/pl.yaml": text})
    with pytest.raises(PackError, match=r"pl\.yaml:12:\d+: prompts: has more than 4 items"):
        load_pack(root, language="pl")


def test_a_noderivatives_licence_refuses_a_translation(make_pack: Callable[..., Path]) -> None:
    from conftest import PACK_YAML

    root = make_pack(**{"content/pack.yaml": PACK_YAML.replace("CC-BY-SA-4.0", "CC-BY-ND-4.0"),
                        "content/translations/pl.yaml": POLISH})
    load_pack(root)  # the pack itself is fine
    with pytest.raises(PackError, match="NoDerivatives licence, so it may not be translated"):
        load_pack(root, language="pl")


def test_an_unknown_language_or_a_path_is_refused(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    with pytest.raises(PackError, match="no translation into 'cy'.*this pack has: pl"):
        load_pack(root, language="cy")
    with pytest.raises(PackError, match="is not a language tag"):
        load_pack(root, language="../../etc/passwd")


def test_a_translation_file_leading_outside_the_pack_is_refused(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(POLISH, encoding="utf-8")
    root = make_pack()
    (root / "content/translations").mkdir()
    os.symlink(outside, root / "content/translations/pl.yaml")
    with pytest.raises(PackError, match="content/translations/pl.yaml"):
        load_pack(root, language="pl")


def test_the_credit_says_translated_by_whom_and_that_it_is_a_draft(
        make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    pack = load_pack(root, language="pl")
    sentences = notices.credit_sentences(pack)
    assert sentences[0] == "Translated from English by Ola Nowak."
    assert "draft, awaiting review by a native speaker" in sentences[1]
    assert "Ola Nowak" in notices.creators(pack)
    assert "Translated from English by Ola Nowak." in notices.notice(pack)
    reviewed = make_pack(**{"content/translations/pl.yaml":
                            POLISH.replace("reviewed: false", "reviewed: true")})
    assert notices.credit_sentences(load_pack(reviewed, language="pl")) == [sentences[0]]


def test_build_lang_names_the_file_and_prints_the_credit(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    built = build(root, ("a6",), tmp_path / "out", languages="pl")
    assert [b.path.name for b in built] == ["test-pack-pl-a6-community.pdf"]
    reader = PdfReader(built[0].path)
    about = " ".join(reader.pages[0].extract_text().split())
    assert "Translated from English by Ola Nowak." in about
    assert "awaiting review by a native speaker" in about
    assert "Cześć" in "".join(p.extract_text() for p in reader.pages)
    xmp = reader.xmp_metadata
    assert xmp is not None and "Ola Nowak" in str(xmp.dc_creator)


def test_lang_all_builds_every_language_and_strict_stops_on_gaps(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    names = sorted(b.path.name for b in build(root, ("a6",), tmp_path / "all", languages="all"))
    assert names == ["test-pack-a6-community.pdf", "test-pack-pl-a6-community.pdf"]
    result = runner.invoke(app, ["build", str(root), "--lang", "pl", "--size", "a6", "--strict",
                                 "--out", str(tmp_path / "strict")])
    assert result.exit_code == 1
    assert "have no Polish translation" in result.output
    assert not (tmp_path / "strict").exists()


def test_placeholders_in_a_translation_are_filled_in(make_pack: Callable[..., Path],
                                                       tmp_path: Path) -> None:
    """A translator keeps '{{ locality }}' as the source has it: the build fills it in, in
    the translated card as in the English one."""
    text = POLISH.replace("Co jadłeś na śniadanie?", "Co jadłeś na śniadanie w {{ locality }}?")
    english = QUESTIONS.replace("for breakfast?", "for breakfast in {{ locality }}?")
    root = make_pack(**{"content/translations/pl.yaml": text,
                        "content/questions/warm-up.yaml": english})
    assert load_pack(root, language="pl").card("warm-hello").question == \
        "Co jadłeś na śniadanie w Testville?"
    [built] = build(root, ("a6",), tmp_path / "out", languages="pl")
    printed = " ".join("".join(p.extract_text() for p in PdfReader(built.path).pages).split())
    assert "śniadanie w Testville?" in printed and "{{" not in printed


def test_an_unknown_placeholder_in_a_translation_is_an_error_at_its_line(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    text = POLISH.replace("Co jadłeś na śniadanie?", "Co jadłeś w {{ lokality }}?")
    root = make_pack(**{"content/translations/pl.yaml": text})
    result = runner.invoke(app, ["build", str(root), "--lang", "pl", "--size", "a6",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "lokality" in line]
    assert len(errors) == 1, result.output
    assert errors[0].startswith("content/translations/pl.yaml:11:")
    assert "did you mean 'locality'?" in errors[0] and "warm-hello" in errors[0]
    assert not (tmp_path / "out").exists()


def test_check_checks_every_language(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/translations/pl.yaml":
                        POLISH.replace("    title: Cześć", "    title: [Cześć]")})
    report = check(root)
    assert any(p.path == "content/translations/pl.yaml" and p.severity == "error"
               for p in report.problems), report.problems


DEFAULT_LANGUAGES = ("pl", "ro", "ur", "pa-Guru", "bn", "ar")


def test_the_default_pack_ships_its_translations() -> None:
    root = default_pack_dir()
    assert set(DEFAULT_LANGUAGES) <= set(languages(root))
    for language in languages(root):
        pack = load_pack(root, language=language)
        assert pack.translation is not None and not pack.translation.reviewed
        english = load_pack(root)
        done = [c for c in pack.cards if c.title != english.card(c.id).title]
        assert len(done) >= 12, language
        assert pack.labels.kinds.about != english.labels.kinds.about, language
        assert pack.labels.about.licence_note != english.labels.about.licence_note, language


def test_romanian_uses_comma_below_never_cedilla() -> None:
    data = yaml.safe_load((default_pack_dir() / "content/translations/ro.yaml")
                          .read_text(encoding="utf-8"))
    text = "".join(yaml_strings(data))
    for cedilla in "\u015e\u015f\u0162\u0163":
        assert cedilla not in text, f"U+{ord(cedilla):04X}"
    assert "\u0219" in text and "\u021b" in text


# An adaptation (`activate-pack new`) inherits the original's translations for what it keeps.

SHIPPED_UR = yaml.safe_load((default_pack_dir() / "content/translations/ur.yaml")
                            .read_text(encoding="utf-8"))


def _adaptation(tmp_path: Path, changed: str | None = "warm-up-good-day") -> Path:
    """A new adaptation; ``changed``: a question card it copies and rewords."""
    from activate_pack.output.newpack import new_pack

    root = new_pack(tmp_path / "town", locality="Testford", organisation="Test Group").root
    if changed:
        cards = yaml.safe_load((default_pack_dir() / "content/questions/warm-up.yaml")
                               .read_text(encoding="utf-8"))
        [card] = [c for c in cards if c["id"] == changed]
        card["title"] = "A good day in Testford"
        (root / "content/questions/mine.yaml").write_text(yaml.safe_dump([card]),
                                                            encoding="utf-8")
    return root


OWN_TITLE = "ٹیسٹ فورڈ میں ایک اچھا دن"


def _translate_the_changed_card(root: Path, reviewed: bool = False) -> None:
    """The adaptation's own Urdu translation, of the one card it changed."""
    (root / "content/translations").mkdir()
    (root / "content/translations/ur.yaml").write_text(yaml.safe_dump({
        "translators": [{"name": "Sana Malik"}], "reviewed": reviewed,
        "cards": {"warm-up-good-day": {"title": OWN_TITLE}}}, allow_unicode=True),
        encoding="utf-8")


def _assert_both_translations_used(urdu: Any, kept: str) -> None:
    """The changed card in the adaptation's own Urdu, a kept one in the original's, and the
    translators of both credited."""
    assert urdu.card("warm-up-good-day").title == OWN_TITLE
    assert urdu.card(kept).title == SHIPPED_UR["cards"][kept]["title"]
    assert urdu.translation is not None
    assert urdu.translation.translators == ("Sana Malik", "Activate Pack contributors")


def test_an_adaptation_prints_the_originals_translation_of_the_cards_it_keeps(
        tmp_path: Path) -> None:
    root = _adaptation(tmp_path)
    assert set(DEFAULT_LANGUAGES) <= set(languages(root))
    urdu = load_pack(root, language="ur")
    kept = "warm-up-favourite-place"
    assert urdu.card(kept).title == SHIPPED_UR["cards"][kept]["title"]
    # The card it changed has words the original's translation never saw: they stay English.
    assert urdu.card("warm-up-good-day").title == "A good day in Testford"
    assert urdu.translation is not None and "warm-up-good-day" in urdu.translation.untranslated
    assert urdu.translation.translators == tuple(t["name"] for t in SHIPPED_UR["translators"])
    assert urdu.labels.kinds.question == SHIPPED_UR["labels"]["kinds"]["question"]
    gaps = [w for w in urdu.warnings if "have no Urdu translation" in w.message]
    assert len(gaps) == 1 and gaps[0].path == "content/pack.yaml"
    assert "warm-up-good-day" in gaps[0].message and kept not in gaps[0].message
    assert "translate export --lang ur" in gaps[0].message


def test_an_adaptations_urdu_pack_reads_as_urdu(tmp_path: Path) -> None:
    import subprocess

    from conftest import require_tool

    pdftotext = require_tool("pdftotext", "poppler-utils")
    root = _adaptation(tmp_path)
    result = runner.invoke(app, ["build", str(root), "--lang", "ur", "--size", "a6",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    [pdf] = (tmp_path / "out").glob("*.pdf")
    assert pdf.name == "activate-pack-testford-ur-a6-community.pdf"
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert SHIPPED_UR["cards"]["warm-up-favourite-place"]["question"].split()[0] in text
    assert "A good day in Testford" in text


def test_check_on_an_adaptation_does_not_list_the_originals_translation_gaps(
        tmp_path: Path) -> None:
    """A volunteer who never meant to print in Urdu is not told about the original's
    untranslated cards; what would stop a build in any language is still an error."""
    root = _adaptation(tmp_path, changed=None)
    report = check(root)
    assert not report.errors, report.problems
    assert not [p for p in report.problems if "translation" in p.message], report.problems


def test_an_adaptations_own_translation_comes_first_and_both_are_credited(
        tmp_path: Path) -> None:
    root = _adaptation(tmp_path)
    # A card of the adaptation's own that no translation gives: the original's translation
    # is complete, so this is the gap there is to report.
    mine = root / "content/questions/mine.yaml"
    cards = yaml.safe_load(mine.read_text(encoding="utf-8"))
    cards.append({**cards[0], "id": "warm-up-testford-market", "title": "The Testford market",
                  "prompts": ["Who do you meet there?", "What do you buy?"]})
    mine.write_text(yaml.safe_dump(cards), encoding="utf-8")
    _translate_the_changed_card(root, reviewed=True)
    urdu = load_pack(root, language="ur")
    _assert_both_translations_used(urdu, kept="warm-up-hidden-talent")
    assert not urdu.translation.reviewed  # the original's part is a draft
    gaps = [w for w in urdu.warnings if "have no Urdu translation" in w.message]
    assert [w.path for w in gaps] == ["content/translations/ur.yaml"]
    assert "warm-up-testford-market" in gaps[0].message


def test_a_label_the_adaptation_rewords_is_not_taken_from_the_originals_translation(
        tmp_path: Path) -> None:
    root = _adaptation(tmp_path, changed=None)
    (root / "content/labels.yaml").write_text("kinds:\n  question: Talking point\n",
                                              encoding="utf-8")
    urdu = load_pack(root, language="ur")
    assert urdu.labels.kinds.question == "Talking point"
    assert urdu.labels.kinds.recipe == SHIPPED_UR["labels"]["kinds"]["recipe"]


def test_export_for_an_adaptation_starts_from_the_originals_translation(
        tmp_path: Path) -> None:
    import polib

    root = _adaptation(tmp_path)
    po_path = tmp_path / "ur.po"
    result = runner.invoke(app, ["translate", "export", str(root), "--lang", "ur",
                                 "--out", str(po_path)])
    assert result.exit_code == 0, result.output
    po = polib.pofile(str(po_path))
    by_context = {e.msgctxt: e.msgstr for e in po}
    assert by_context["warm-up-favourite-place:title"] == \
        SHIPPED_UR["cards"]["warm-up-favourite-place"]["title"]
    assert by_context["warm-up-good-day:title"] == ""  # changed here: nothing to offer
    assert by_context["pack:title"] == ""  # 'Activate Pack: Testford' is this pack's own
    assert po.metadata["X-Translators"] == "Activate Pack contributors"
    # Imported, it becomes the pack's own translation, with the same words and credit.
    result = runner.invoke(app, ["translate", "import", str(po_path), str(root)])
    assert result.exit_code == 0, result.output
    own = yaml.safe_load((root / "content/translations/ur.yaml").read_text(encoding="utf-8"))
    assert own["translators"] == [{"name": "Activate Pack contributors"}]
    urdu = load_pack(root, language="ur")
    assert urdu.card("warm-up-favourite-place").title == \
        SHIPPED_UR["cards"]["warm-up-favourite-place"]["title"]


def test_a_full_about_card_drops_the_licence_summary_before_failing(tmp_path: Path) -> None:
    """An adaptation's about card in Bengali has the credits, the changes and the draft notice
    in a script that needs more room: the tool's own summary of the licence gives way (its name
    and address stay); the colophon keeps it."""
    import subprocess

    from conftest import require_tool

    pdftotext = require_tool("pdftotext", "poppler-utils")
    root = _adaptation(tmp_path)
    built = build(root, ("a6", "a4"), tmp_path / "out", languages="bn")
    shipped = yaml.safe_load((default_pack_dir() / "content/translations/bn.yaml")
                             .read_text(encoding="utf-8"))
    note = " ".join(shipped["labels"]["about"]["licence_note"].split()[:4])
    texts = {}
    for item in built:
        texts[item.path.name] = subprocess.run(
            [pdftotext, "-f", "1", "-l", "1" if "a6" in item.path.name else "999",
             str(item.path), "-"], capture_output=True, text=True, check=True).stdout
    about = " ".join(texts["activate-pack-testford-bn-a6-community.pdf"].split())
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in about
    assert note not in about
    assert note in " ".join(texts["activate-pack-testford-bn-a4-facilitator.pdf"].split())


def test_an_adaptation_of_an_adaptation_takes_each_card_from_the_translation_of_its_text(
        tmp_path: Path) -> None:
    """The first adaptation rewords a card and translates it; the second keeps that card, so
    its Urdu comes from the first adaptation, and only the cards both keep from the original."""
    from activate_pack.output.newpack import new_pack

    first = _adaptation(tmp_path)
    _translate_the_changed_card(first)
    second = new_pack(tmp_path / "second", base=first, locality="Otherby",
                      organisation="Second Group").root
    assert "ur" in languages(second)
    urdu = load_pack(second, language="ur")
    _assert_both_translations_used(urdu, kept="warm-up-name-story")
    # Had the first adaptation not translated its own card, the original's Urdu for the old
    # words would be wrong for it: it prints in English.
    (second / "upstream/content/translations/ur.yaml").unlink()
    urdu = load_pack(second, language="ur")
    assert urdu.card("warm-up-good-day").title == "A good day in Testford"


def test_a_language_given_by_name_is_a_usage_error_with_its_tag(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    result = runner.invoke(app, ["build", str(root), "--lang", "Polish",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "'Polish' is not a language tag; for Polish write 'pl'" in result.output
    result = runner.invoke(app, ["translate", "export", str(root), "--lang", "urdu"])
    assert result.exit_code == 2 and "for Urdu write 'ur'" in result.output
    assert not (tmp_path / "out").exists()


def test_a_translation_file_named_after_its_language_says_what_to_rename_it_to(
        make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/translations/punjabi.yaml": POLISH})
    errors = [p for p in check(root).problems if p.severity == "error"]
    assert len(errors) == 1
    assert errors[0].path == "content/translations/punjabi.yaml"
    assert "rename it after its language's tag: pa-Guru for Punjabi" in errors[0].message


def test_a_translated_adaptation_says_which_languages_by_name(tmp_path: Path) -> None:
    """The change notice of an adaptation built in another language names both languages:
    in English words where the translation keeps the slots, in its own where it writes them."""
    root = _adaptation(tmp_path)
    (root / "content/translations").mkdir()
    (root / "content/translations/pl.yaml").write_text(
        "translators:\n  - name: Ola Nowak\nreviewed: false\ncards:\n  walk-and-talk:\n"
        "    title: Spacer i rozmowa\n", encoding="utf-8")
    # Its own Polish translation gives no 'translated' label: the original's Polish one does.
    polish = load_pack(root, language="pl")
    shipped = yaml.safe_load((default_pack_dir() / "content/translations/pl.yaml")
                             .read_text(encoding="utf-8"))
    assert shipped["labels"]["adaptation"]["translated"] in notices.change_lines(polish)
    # Where no translation words the line, it is English, with the languages' names.
    english_labels = polish.model_copy(update={"labels": polish.translation.source_labels})
    assert "Translated from English into Polish." in notices.change_lines(english_labels)


# A translation's state: one line per language in `check`, every gap when a language is named.

def _complete_overlay(root: Path, reviewed: bool) -> None:
    """A Polish overlay that gives every field, label and pack word (in the source's words)."""
    from activate_pack.pack.loading.translations import PACK_FIELDS, translated

    pack = load_pack(root)
    cards = {item.id: {name: getattr(item, name) for name in translated(item)
                       if getattr(item, name) not in (None, "", [], ())}
             for item in (*pack.cards, *pack.guide)}
    overlay = {"translators": [{"name": "Ola Nowak"}], "reviewed": reviewed,
               "pack": {name: getattr(pack.info, name) for name in PACK_FIELDS
                        if getattr(pack.info, name)},
               "labels": pack.labels.model_dump(by_alias=True),
               "cards": {i: c for i, c in cards.items() if not i.startswith("guide")},
               "guide": {i: c for i, c in cards.items() if i.startswith("guide")}}
    (root / "content/translations").mkdir(exist_ok=True)
    (root / "content/translations/pl.yaml").write_text(
        yaml.safe_dump(overlay, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_check_gives_a_translation_with_gaps_one_line_and_lists_them_when_asked(
        make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/translations/pl.yaml": POLISH})
    mine = [p for p in check(root).problems if p.path == "content/translations/pl.yaml"]
    assert len(mine) == 1, [str(p) for p in mine]
    assert mine[0].severity == "warning" and mine[0].line == 1
    assert mine[0].message.startswith("Polish: draft, 1 of 4 cards and pages translated; ")
    assert "run 'activate-pack check --lang pl'" in mine[0].message
    listed = [str(p) for p in check(root, language="pl").warnings]
    assert any("have no Polish translation" in w and "soup-club" in w for w in listed), listed
    assert any("labels: no translation of" in w for w in listed), listed
    result = runner.invoke(app, ["check", str(root), "--lang", "pl"])
    assert result.exit_code == 0 and "soup-club" in result.output, result.output
    result = runner.invoke(app, ["check", str(root), "--lang", "Polish"])
    assert result.exit_code == 2 and "'pl'" in result.output, result.output


@pytest.mark.parametrize("reviewed", [False, True])
def test_a_complete_translation_passes_check_strict_in_at_most_one_line(
        make_pack: Callable[..., Path], reviewed: bool) -> None:
    root = make_pack()
    _complete_overlay(root, reviewed)
    result = runner.invoke(app, ["check", str(root), "--strict"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "pl.yaml" in line]
    if reviewed:
        assert lines == []
    else:
        assert lines == ["content/translations/pl.yaml:1: note: Polish: draft, 4 of 4 cards and "
                         "pages translated, awaiting review by a native speaker"]
    assert result.output.splitlines()[-1] == "No problems found."


def test_a_card_copied_unchanged_keeps_the_originals_translation(tmp_path: Path) -> None:
    root = _adaptation(tmp_path, changed=None)
    result = runner.invoke(app, ["copy", "warm-up-favourite-place", "--pack", str(root)])
    assert result.exit_code == 0, result.output
    urdu = load_pack(root, language="ur")
    card = "warm-up-favourite-place"
    assert urdu.card(card).title == SHIPPED_UR["cards"][card]["title"]
    assert urdu.translation is not None and card not in urdu.translation.untranslated


def test_placeholders_that_differ_from_the_english_are_errors_at_the_overlays_line(
        make_pack: Callable[..., Path]) -> None:
    english = QUESTIONS.replace("for breakfast?", "for breakfast in {{ locality }}?")
    text = POLISH.replace("  kinds: {question: Pytanie}\n",
                          "  kinds: {question: Pytanie}\n  about:\n"
                          "    picture_credit: 'Zdjęcie: {autor}, {licence}'\n")
    root = make_pack(**{"content/translations/pl.yaml": text,
                        "content/questions/warm-up.yaml": english})
    result = runner.invoke(app, ["check", str(root)])
    assert result.exit_code == 1
    lines = text.splitlines()
    question = lines.index("    question: Co jadłeś na śniadanie?") + 1
    credit = next(i for i, line in enumerate(lines, 1) if "picture_credit" in line)
    assert (f"content/translations/pl.yaml:{question}: the placeholders differ from the "
            "English: it has {{ locality }}, this has none") in result.output
    assert f"content/translations/pl.yaml:{credit}: {{autor}} is not a placeholder" \
        in result.output


def test_a_card_left_in_english_names_its_ingredients_in_english(
        make_pack: Callable[..., Path], tmp_path: Path) -> None:
    """The recipe is not translated, the ingredient card is: the recipe stays wholly English."""
    text = POLISH + "  cooks:\n    title: Zapaleni kucharze\n"
    root = make_pack(**{"content/translations/pl.yaml": text})
    built = build(root, ("a6",), tmp_path / "out", languages="pl")
    pages = [page.extract_text() for page in PdfReader(built[0].path).pages]
    # Both sides of the recipe: its ingredients are named on the back.
    recipe = " ".join(" ".join(p for p in pages if "Soup club" in p).split())
    assert "Keen cooks" in recipe and "kucharze" not in recipe, recipe
    assert any("Zapaleni kucharze" in p for p in pages)  # the ingredient card itself
