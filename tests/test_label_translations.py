"""The shipped translations' labels keep the {slots} of the English labels they translate.

A slot the program fills in ({title}, {count}, ...) that a translation leaves out drops a detail
from the printed sentence; one it adds or misspells prints as it stands, braces and all. The
wording around the slots, and their order, are the translator's to choose.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from activate_pack.pack.sources.paths import default_pack_dir

CONTENT = default_pack_dir() / "content"
TRANSLATIONS = sorted((CONTENT / "translations").glob("*.yaml"))

SLOT = re.compile(r"\{([^{}]*)\}")
"""Anything in braces: a slot misspelt as {Title} or {licence } counts as a slot too."""

OWN_WORDS = {("adaptation", "translated_by"): {"source"},
             ("adaptation", "translated"): {"source", "target"}}
"""Slots a translation may leave out because it names the detail in its own words: {source} and
{target} are the English names of the languages translated from and into ('English', 'Urdu'),
which the shipped translations write in their own language ('انگریزی سے اردو میں ترجمہ')."""


def slots(text: str) -> list[str]:
    return SLOT.findall(text)


def leaves(node: object, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], str]:
    """Every string in parsed YAML by its path of keys (list items by their index)."""
    if isinstance(node, str):
        return {path: node}
    if isinstance(node, dict):
        return {p: s for key, value in node.items() for p, s in leaves(value, (*path, str(key))).items()}
    if isinstance(node, list):
        return {p: s for i, value in enumerate(node) for p, s in leaves(value, (*path, str(i))).items()}
    return {}


def slot_problems(english: dict[str, object], translated: dict[str, object]) -> list[str]:
    """What is wrong with a translation's labels' slots, one line per label; empty if nothing.

    A renamed slot shows as one left out and one added."""
    source = leaves(english)
    problems = []
    for path, text in leaves(translated).items():
        name = ".".join(path)
        if path not in source:
            problems.append(f"{name}: no such English label")
            continue
        want, got = slots(source[path]), slots(text)
        missing = set(want) - set(got) - OWN_WORDS.get(path, set())
        extra = set(got) - set(want)
        twice = {s for s in got if got.count(s) > 1 and want.count(s) <= 1}
        said = [f"{what} " + ", ".join(f"{{{s}}}" for s in sorted(found))
                for what, found in (("leaves out", missing), ("adds", extra), ("repeats", twice))
                if found]
        if said:
            problems.append(f"{name} {'; '.join(said)}: {text!r}")
    return problems


def _english() -> dict[str, object]:
    return yaml.safe_load((CONTENT / "labels.yaml").read_text(encoding="utf-8"))


def test_the_default_pack_ships_translations() -> None:
    assert {p.stem for p in TRANSLATIONS} >= {"pl", "ro", "ur", "pa-Guru", "bn", "ar"}


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.stem)
def test_a_shipped_translation_keeps_every_labels_slots(path: Path) -> None:
    translation = yaml.safe_load(path.read_text(encoding="utf-8"))
    labels = translation.get("labels") or {}
    assert labels, f"{path.name} translates no labels"
    assert slot_problems(_english(), labels) == []


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.stem)
def test_a_shipped_translation_translates_every_adaptation_label(path: Path) -> None:
    translation = yaml.safe_load(path.read_text(encoding="utf-8"))
    given = (translation.get("labels") or {}).get("adaptation") or {}
    english = _english()["adaptation"]
    assert isinstance(english, dict)
    assert sorted(set(english) - set(given)) == []
    same = [key for key in english if given[key] == english[key]]
    assert same == [], f"{path.name} leaves these in English"


ENGLISH = {"adaptation": {"more": "and {count} more",
                          "credit": "{adapters}, adapted from {title} by {authors}",
                          "translated_by": "Translated from {source} by {translators}."},
           "recipe": {"blank_lines": ["Our idea", "Who it's for"]}}


@pytest.mark.parametrize(("label", "text", "said"), [
    ("more", "i jeszcze", "adaptation.more leaves out {count}"),
    ("more", "i jeszcze {count} {title}", "adaptation.more adds {title}"),
    ("more", "i jeszcze {liczba}", "adaptation.more leaves out {count}; adds {liczba}"),
    ("more", "i jeszcze {Count}", "adaptation.more leaves out {count}; adds {Count}"),
    ("more", "i jeszcze {count }", "adaptation.more leaves out {count}; adds {count }"),
    ("more", "{count} i jeszcze {count}", "adaptation.more repeats {count}"),
    ("credit", "{adapters}, na podstawie {title}", "adaptation.credit leaves out {authors}"),
    ("translated_by", "Tłumaczenie: {translators}.", None),
    ("translated_by", "Tłumaczenie: {source}.", "adaptation.translated_by leaves out {translators}"),
    ("credit", "{authors}: {title}, {adapters}", None),
])
def test_a_label_that_leaves_out_adds_or_renames_a_slot_is_named(
        label: str, text: str, said: str | None) -> None:
    problems = slot_problems(ENGLISH, {"adaptation": {label: text}})
    if said is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problems[0].startswith(said), problems


def test_list_items_are_compared_by_place_and_unknown_labels_are_named() -> None:
    assert slot_problems(ENGLISH, {"recipe": {"blank_lines": ["Nasz pomysł", "Dla kogo"]}}) == []
    assert slot_problems(ENGLISH, {"recipe": {"blank_lines": ["{idea}", "Dla kogo"]}}) \
        == ["recipe.blank_lines.0 adds {idea}: '{idea}'"]
    assert slot_problems(ENGLISH, {"adaptation": {"moar": "x"}}) \
        == ["adaptation.moar: no such English label"]
