"""Translations: per-language overlays of card text, guide pages and labels.

A translation lives in ``content/translations/<language>.yaml`` (or in a folder of that name
holding several YAML files) and never touches the English source: it gives, per card id and
field, the translated text, plus the labels and the about card's words. Every file goes through
the pack's gate, like any file a pack names. A translation is an adaptation, so a
NoDerivatives licence refuses it, and whatever it leaves out is a warning naming it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import Field

from activate_pack.errors import PackError, Problems, nearest
from activate_pack.pack import templating
from activate_pack.pack.labels import Labels
from activate_pack.pack.licences import licence
from activate_pack.pack.model import (Author, GuidePage, IngredientCard, Location, Pack,
                                      QuestionCard, RecipeCard, Strict, Translation)
from activate_pack.pack.source import Located, deep_merge, read_yaml
from activate_pack.pack.validate import validate

TRANSLATIONS_DIR = "content/translations"
LANGUAGE_TAG = r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
"""A BCP 47 language tag, as file names and --lang take it: 'ur', 'pa-Guru', 'en-GB'."""

FIELDS: dict[type, tuple[str, ...]] = {
    RecipeCard: ("title", "summary", "challenge", "who_for", "method", "time", "first_step",
                 "inspired_by", "notes"),
    QuestionCard: ("title", "question", "prompts", "notes"),
    IngredientCard: ("title", "prompt", "uses", "notes"),
    GuidePage: ("title", "body"),
}
"""The fields of each kind that hold words to translate (ids, kinds and choices stay)."""

PACK_FIELDS = ("title", "subtitle", "description")
"""The pack's own words a translation gives: the cover and the about card."""

LANGUAGE_NAMES = {
    "en": "English", "ur": "Urdu", "pa": "Punjabi", "bn": "Bengali", "ar": "Arabic",
    "pl": "Polish", "ro": "Romanian", "cy": "Welsh", "so": "Somali", "gu": "Gujarati",
}
"""English names of the languages a default label may name; others are shown by their tag."""


class TranslationFile(Strict):
    """One language's overlay: content/translations/<language>.yaml."""

    translators: list[Author] = Field(min_length=1, description="Who translated it, credited "
                                                                "on the colophon.")
    reviewed: bool = Field(False, description="True once a native speaker has checked it; "
                                              "until then the colophon calls it a draft.")
    pack: dict[str, str] = Field(default_factory=dict, description="The pack's title, "
                                 "subtitle and description in this language.")
    labels: dict[str, Any] = Field(default_factory=dict, description="Labels in this language, "
                                   "grouped as in content/labels.yaml.")
    cards: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Card id → field "
                                             "→ translated text.")
    guide: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Guide page id → "
                                             "title and body.")


def language_name(tag: str) -> str:
    """The English name of a language tag's language: 'ur' → 'Urdu' (the tag if unknown)."""
    return LANGUAGE_NAMES.get(tag.split("-")[0].lower(), tag)


def languages(root: Path) -> list[str]:
    """The languages a pack has translations for, from content/translations/, sorted."""
    folder = root / TRANSLATIONS_DIR
    if not folder.is_dir():
        return []
    found = {p.stem if p.suffix in (".yaml", ".yml") else p.name for p in folder.iterdir()
             if not p.name.startswith(".") and (p.is_dir() or p.suffix in (".yaml", ".yml"))}
    return sorted(found)


def _files(root: Path, language: str) -> list[Path]:
    folder = root / TRANSLATIONS_DIR
    for suffix in (".yaml", ".yml"):
        if (folder / f"{language}{suffix}").exists():
            return [folder / f"{language}{suffix}"]
    if (folder / language).is_dir():
        return sorted(p for p in (folder / language).iterdir()
                      if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))
    return []


def read(root: Path, language: str, problems: Problems) -> tuple[TranslationFile, Located, str] | None:
    """Read and validate one language's overlay; None (with problems) if it cannot be used."""
    if not re.fullmatch(LANGUAGE_TAG, language):
        problems.add(f"'{language}' is not a language tag; write one such as 'ur', 'pl' or "
                     "'pa-Guru'")
        return None
    files = _files(root, language)
    if not files:
        have = ", ".join(languages(root)) or "none yet"
        problems.add(f"there is no translation into '{language}' in {TRANSLATIONS_DIR}/ (this "
                     f"pack has: {have}); write {TRANSLATIONS_DIR}/{language}.yaml, or run "
                     f"'activate-pack translate export --lang {language}' to start one")
        return None
    merged: Located | None = None
    shown = ""
    for path in files:
        shown = path.relative_to(root).as_posix()
        try:
            data = read_yaml(path, shown, root=root)
        except PackError as exc:
            problems.extend(exc.problems)
            return None
        if not isinstance(data, Located):
            problems.add("expected a translation (translators:, reviewed:, cards: …)", shown, 1)
            return None
        merged = data if merged is None else _merged(merged, data)
    assert merged is not None
    found = validate(TranslationFile, merged, shown, problems)
    return (found, merged, shown) if found is not None else None


def _merged(first: Located, second: Located) -> Located:
    """Two files of a translation folder as one mapping; the first's marks are kept."""
    result = Located(deep_merge(dict(first), dict(second)))
    for name in ("path", "line", "column"):
        setattr(result, name, getattr(first, name))
    result.key_marks = {**second.key_marks, **first.key_marks}
    return result


def _line(data: Any, *keys: str) -> int | None:
    """The line of a nested key, or of its nearest parent that has one."""
    line = data.line if isinstance(data, Located) else None
    for key in keys:
        if not isinstance(data, Located):
            break
        line = data.mark(key)[0]
        data = data.get(key)
    return line


def _present(value: Any) -> bool:
    return value not in (None, "", [], {})


def _leaves(tree: dict[str, Any], prefix: str = "") -> list[str]:
    found: list[str] = []
    for key, value in tree.items():
        name = f"{prefix}{key}"
        found += _leaves(value, name + ".") if isinstance(value, dict) else [name]
    return found


def translate(pack: Pack, root: Path, language: str,
              variables: dict[str, str] | None = None) -> Pack:
    """The pack in ``language``: its overlay laid on the source, every gap warned about.

    Placeholders such as ``{{ locality }}`` in the translated words are filled in with
    ``variables`` (the pack's own if not given), as they are in the source.
    """
    problems = Problems()
    found = read(root, language, problems)
    if found is None:
        problems.raise_if_errors()
    assert found is not None
    tr, data, shown = found
    tr = _filled(tr, data, pack.variables if variables is None else variables, shown,
                 problems)
    lic = licence(pack.info.licence)
    if not lic.adaptations_allowed:
        problems.add(f"this pack is licensed {lic.short_name}, a NoDerivatives licence, so it "
                     "may not be translated (a translation is an adaptation); delete this file, "
                     "or ask the rights holders for permission", shown, 1)
    labels = _labels(pack.labels, tr, data, shown, problems)
    items = {c.id: c for c in (*pack.cards, *pack.guide)}
    given = {**tr.cards, **tr.guide}
    for group in ("cards", "guide"):
        for card_id in getattr(tr, group):
            if card_id not in items:
                hint = nearest(card_id, list(items))
                problems.add(f"{group}: there is no card or page with the id '{card_id}'"
                             + (f"; did you mean '{hint}'?" if hint else ""), shown,
                             _line(data, group, card_id), card=card_id)
    done: dict[str, Any] = {}
    untranslated: list[str] = []
    locations = dict(pack.locations)
    for card_id, item in items.items():
        entry = given.get(card_id)
        if entry is None:
            untranslated.append(card_id)
            continue
        group = "guide" if isinstance(item, GuidePage) else "cards"
        done[card_id] = _card(item, entry, data.get(group, {}).get(card_id), shown, problems)
        # A translated card's words are the translation's: problems with them point there.
        locations[card_id] = Location(path=shown, line=_line(data, group, card_id))
    if untranslated:
        problems.add(f"{len(untranslated)} of {len(items)} cards and pages have no "
                     f"{language_name(language)} translation and print in English: "
                     + ", ".join(untranslated), shown, 1, severity="warning")
    info = _info(pack, tr, data, language, shown, problems)
    problems.raise_if_errors()
    source = pack.info.language
    translation = Translation(language=language, source=source, path=shown,
                              translators=tuple(a.name for a in tr.translators),
                              reviewed=tr.reviewed, source_title=pack.info.title,
                              untranslated=frozenset(untranslated), source_labels=pack.labels)

    def swap(cards: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(done.get(c.id) or c for c in cards)

    return pack.model_copy(update={
        "info": info, "labels": labels, "recipes": swap(pack.recipes),
        "questions": swap(pack.questions), "ingredients": swap(pack.ingredients),
        "guide": swap(pack.guide), "translation": translation, "locations": locations,
        "changes": (pack.changes.model_copy(update={"language": (source, language)})
                    if pack.changes is not None else None),
        "warnings": (*pack.warnings, *problems.items)})


def _filled(tr: TranslationFile, data: Located, variables: dict[str, str], shown: str,
            problems: Problems) -> TranslationFile:
    """The translation with its cards', pages' and pack's placeholders filled in; a problem
    with one (an unknown variable, say) is reported at its line of the translation."""
    update: dict[str, Any] = {}
    for group in ("cards", "guide"):
        section = data.get(group)
        if isinstance(section, Located):
            update[group] = {key: templating.render_doc(entry, variables, shown, problems, key)
                             for key, entry in section.items() if isinstance(entry, Located)}
    if isinstance(data.get("pack"), Located):
        update["pack"] = templating.render_doc(data["pack"], variables, shown, problems)
    return tr.model_copy(update=update)


def _card(item: Any, entry: dict[str, Any], marks: Any, shown: str, problems: Problems) -> Any:
    """One card with its translated fields; missing and unknown fields reported."""
    allowed = FIELDS[type(item)]
    for name in entry:
        if name not in allowed:
            hint = nearest(name, allowed)
            problems.add(f"'{name}' is not a field of this card that can be translated"
                         + (f"; did you mean '{hint}'?" if hint else f" (these can: "
                            f"{', '.join(allowed)})"), shown, _line(marks, name), card=item.id)
    missing = [name for name in allowed if _present(getattr(item, name)) and name not in entry]
    if missing:
        problems.add(f"no translation of {', '.join(missing)}: these print in English", shown,
                     _line(marks), card=item.id, severity="warning")
    values = item.model_dump()
    for name in allowed:
        if name in entry and entry[name] is not None:
            old = values.get(name)
            values[name] = ({**old, **entry[name]} if isinstance(old, dict)
                            and isinstance(entry[name], dict) else entry[name])
    return validate(type(item), values, shown, problems, item.id, marks=marks) or item


def _labels(labels: Labels, tr: TranslationFile, data: Located, shown: str,
            problems: Problems) -> Labels:
    """The labels with the translation's laid over them; labels it leaves out are named."""
    source = labels.model_dump(by_alias=True)
    given = set(_leaves(tr.labels))
    missing = [name for name in _leaves(source) if name not in given]
    if missing:
        problems.add(f"labels: no translation of {len(missing)} labels, which print in English: "
                     + ", ".join(missing), shown, _line(data, "labels"), severity="warning")
    merged = validate(Labels, deep_merge(source, tr.labels), shown, problems,
                      marks=data.get("labels"))
    return merged or labels


def _info(pack: Pack, tr: TranslationFile, data: Located, language: str, shown: str,
          problems: Problems) -> Any:
    """The pack's details in the target language: its words, and its language tag."""
    info = pack.info
    for name in tr.pack:
        if name not in PACK_FIELDS:
            problems.add(f"pack: '{name}' cannot be translated here (only "
                         f"{', '.join(PACK_FIELDS)})", shown, _line(data, "pack", name))
    missing = [n for n in PACK_FIELDS if _present(getattr(info, n)) and n not in tr.pack]
    if missing:
        problems.add(f"pack: no translation of {', '.join(missing)}: these print in English",
                     shown, _line(data, "pack"), severity="warning")
    words = {k: v for k, v in tr.pack.items() if k in PACK_FIELDS}
    return info.model_copy(update={**words, "language": language})
