"""Translations: per-language overlays of card text, guide pages and labels.

A translation lives in ``content/translations/<language>.yaml`` (or in a folder of that name
holding several YAML files) and never touches the English source: it gives, per card id and
field, the translated text, plus the labels and the about card's words. Every file goes through
the pack's gate, like any file a pack names. A translation is an adaptation, so a
NoDerivatives licence refuses it, and whatever it leaves out is a warning naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field

from activate_pack.errors import PackError, Problem, Problems, nearest
from activate_pack.pack.loading import provenance
from activate_pack.pack.sources import templating
from activate_pack.pack.model.labels import Labels
from activate_pack.pack.model.licences import licence
from activate_pack.pack.loading.adapt import base_folders
from activate_pack.pack.model.pack import (translated, PACK_FIELDS, Author, Base, GuidePage,
                                           Location, Pack, Strict, Translation)
from activate_pack.pack.sources.paths import PACK_FILE
from activate_pack.pack.sources.source import Located, LocatedList, deep_merge, field_lines, read_yaml
from activate_pack.pack.sources.validate import validate

TRANSLATIONS_DIR = "content/translations"
LANGUAGE_TAG = r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
"""A BCP 47 language tag, as file names and --lang take it: 'ur', 'pa-Guru', 'en-GB'."""



LANGUAGE_NAMES = {
    "en": "English", "ur": "Urdu", "pa": "Punjabi", "bn": "Bengali", "ar": "Arabic",
    "pl": "Polish", "ro": "Romanian", "cy": "Welsh", "so": "Somali", "gu": "Gujarati",
}
"""English names of the languages a default label may name; others are shown by their tag."""


class MadeFrom(Strict):
    """Which English each translation was made from: a short hash of the English text (see
    provenance.source_hash), one per translated text, in the groups the translation has."""

    pack: dict[str, str] = Field(default_factory=dict, description="Pack field → hash.")
    labels: dict[str, Any] = Field(default_factory=dict, description="Label group → label → "
                                   "hash (a list of hashes for a list).")
    cards: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Card id → "
                                             "field → hash (a list of hashes for a list).")
    guide: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Guide page "
                                             "id → field → hash.")


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
    made_from: MadeFrom = Field(default_factory=MadeFrom, description="Which English each "
                                      "translation was made from, mirroring pack, labels, cards "
                                      "and guide: a short hash of the English text (a list of "
                                      "them for a list), written by 'translate import' and "
                                      "'translate stamp'. A translation whose English has since "
                                      "changed is reported out of date; one with no record is "
                                      "not.")


_TAGS = {name.lower(): tag for tag, name in LANGUAGE_NAMES.items()} | {"punjabi": "pa-Guru"}
"""Language tags by their languages' English names (Punjabi as the pack writes it, Gurmukhi)."""


def tag_problem(language: str) -> str | None:
    """Why ``language`` (as --lang or a file name gives it) is not a language tag, or None."""
    if re.fullmatch(LANGUAGE_TAG, language):
        return None
    tag = _TAGS.get(language.lower())  # a language's name, such as 'urdu'
    return f"'{language}' is not a language tag; " + (
        f"for {language_name(tag)} write '{tag}'" if tag else
        "write one such as 'ur', 'pl' or 'pa-Guru'")


def language_name(tag: str) -> str:
    """The English name of a language tag's language: 'ur' → 'Urdu' (the tag if unknown)."""
    return LANGUAGE_NAMES.get(tag.split("-")[0].lower(), tag)


def languages(root: Path) -> list[str]:
    """The languages a pack has translations for, sorted: its own (content/translations/) and,
    for an adaptation, those of the packs it is built on, which give the cards it inherits."""
    found = set(own_languages(root))
    for base in base_folders(root):
        found.update(own_languages(base))
    return sorted(found)


def own_languages(root: Path) -> list[str]:
    """The languages of the translations in the pack's own content/translations/, sorted."""
    folder = root / TRANSLATIONS_DIR
    if not folder.is_dir():
        return []
    found = {p.stem if p.suffix in (".yaml", ".yml") else p.name for p in folder.iterdir()
             if not p.name.startswith(".") and (p.is_dir() or p.suffix in (".yaml", ".yml"))}
    return sorted(found)


def overlay_files(root: Path, language: str) -> list[Path]:
    """The files of the pack's own translation into ``language`` (none if it has none)."""
    return _files(root, language)


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
    wrong = tag_problem(language)
    if wrong:
        # A name with no path in it may be a file of content/translations/: say which.
        files = _files(root, language) if re.fullmatch(r"[\w-]+", language) else []
        if files:
            shown = files[0].relative_to(root).as_posix()
            tag = _TAGS.get(language.lower())
            problems.add(f"'{language}' is not a language tag, so this translation cannot be "
                         "used; rename it after its language's tag" +
                         (f": {tag} for {language_name(tag)}" if tag else
                          ", such as ur, pl or pa-Guru"), shown, None)
        else:
            problems.add(wrong)
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
    """The line of a nested key or list item (numbered from 1), or of its nearest parent."""
    line = data.line if isinstance(data, (Located, LocatedList)) else None
    for key in keys:
        if isinstance(data, LocatedList) and key.isdigit() and 0 < int(key) <= len(data.item_marks):
            line, data = data.item_marks[int(key) - 1][0], data[int(key) - 1]
            continue
        if not isinstance(data, Located):
            break
        line = data.mark(key)[0]
        data = data.get(key)
    return line


def _word_lines(own: _Overlay | None) -> dict[str, int]:
    """The line of each label and pack word of the pack's own translation, by dotted name."""
    if own is None:
        return {}
    found = field_lines(own.data)
    return {name: line for name, line in found.items() if name.startswith(("labels.", "pack."))}


def _present(value: Any) -> bool:
    return value not in (None, "", [], {})


def _leaves(tree: dict[str, Any], prefix: str = "") -> list[str]:
    found: list[str] = []
    for key, value in tree.items():
        name = f"{prefix}{key}"
        found += _leaves(value, name + ".") if isinstance(value, dict) else [name]
    return found


@dataclass
class _Overlay:
    """One translation in use: the pack's own, or one of a base pack's."""

    tr: TranslationFile
    data: Located
    shown: str
    base: Base | None = None
    """The base pack it belongs to; None for the pack's own."""
    used: bool = False


def translate(pack: Pack, root: Path, language: str,
              variables: dict[str, str] | None = None, detail: bool = True) -> Pack:
    """The pack in ``language``: its overlay laid on the source, its gaps warned about.

    With ``detail`` every gap is a warning at its line (the language was asked for by name);
    without, the translation's state is one line: a complete draft is a note, a translation
    with gaps one warning with the counts and the command that lists them.

    An adaptation also takes its bases' translations into ``language`` for what it inherits
    unchanged: the cards it does not replace, and the labels and pack words it words as its
    base does. Its own translation, if it has one, comes first. Placeholders such as
    ``{{ locality }}`` in the translated words are filled in with ``variables`` (the pack's
    own if not given), as they are in the source.
    """
    problems = Problems()
    gaps = Problems()  # what prints in English: listed, or summed up in one line
    overlays = _overlays(pack, root, language, pack.variables if variables is None
                         else variables, problems)
    own = next((o for o in overlays if o.base is None), None)
    _forbidden(pack, own, problems)
    # Where gaps are reported: the pack's own translation, else its pack.yaml.
    shown, line = (own.shown, 1) if own else (PACK_FILE, None)
    labels = _labels(pack.labels, overlays, shown, problems, gaps)
    items = {c.id: c for c in (*pack.cards, *pack.guide)}
    if own is not None:
        _check_own(pack, own, list(items), language, problems)
    done, untranslated, locations, left = _cards(pack, items, overlays, problems, gaps)
    name = language_name(language)
    _report_gaps(gaps, name, language, own, len(items), untranslated, left, shown, line)
    info = _info(pack, own, overlays, language, shown, line, problems, gaps)
    problems.raise_if_errors()
    used = [o for o in overlays if o.used or o is own]
    reviewed = all(o.tr.reviewed for o in used)
    if detail:
        problems.extend(gaps.items)
    if not detail or not gaps.items:
        _state(problems, gaps, name, language, reviewed, len(items) - len(untranslated),
               len(items), shown, line)
    translators = tuple(dict.fromkeys(a.name for o in used for a in o.tr.translators))
    translation = Translation(language=language, source=pack.info.language, path=used[0].shown,
                              translators=translators, reviewed=reviewed,
                              source_title=pack.info.title,
                              untranslated=frozenset(untranslated), source_labels=pack.labels,
                              source_titles={c.id: c.title for c in pack.cards},
                              lines=_word_lines(own))

    def swap(cards: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(done.get(c.id) or c for c in cards)

    return pack.model_copy(update={
        "info": info, "labels": labels,
        "sets": {kind: swap(cards) for kind, cards in pack.sets.items()}, "guide": swap(pack.guide), "translation": translation, "locations": locations,
        "changes": (pack.changes.model_copy(update={"language": (pack.info.language, language)})
                    if pack.changes is not None else None),
        "warnings": (*pack.warnings, *problems.items)})


def _forbidden(pack: Pack, own: _Overlay | None, problems: Problems) -> None:
    """An error if the pack's licence forbids translating it."""
    lic = licence(pack.info.licence)
    if not lic.adaptations_allowed:
        problems.add(f"this pack is licensed {lic.short_name}, a NoDerivatives licence, so it "
                     "may not be translated (a translation is an adaptation); delete this file, "
                     "or ask the rights holders for permission",
                     own.shown if own else PACK_FILE, 1 if own else pack.info_line("licence"))


def _check_own(pack: Pack, own: _Overlay, items: list[str], language: str,
               problems: Problems) -> None:
    """Problems of the pack's own translation: ids of no card or page (``items`` are the
    ids there are), and entries made from English that has changed since."""
    for group in ("cards", "guide"):
        for card_id in getattr(own.tr, group):
            if card_id not in items:
                hint = nearest(card_id, items)
                problems.add(f"{group}: there is no card or page with the id '{card_id}'"
                             + (f"; did you mean '{hint}'?" if hint else ""), own.shown,
                             _line(own.data, group, card_id), card=card_id)
    _report_stale(own, provenance.english(pack), language, problems)


def _cards(pack: Pack, items: dict[str, Any], overlays: list[_Overlay], problems: Problems,
           gaps: Problems) -> tuple[dict[str, Any], list[str], dict[str, Location],
                                    dict[str, list[str]]]:
    """Each card and page in the first translation that has it: the translated items, the ids
    left untranslated, where each item's words now are, and fields a base's translation
    leaves in English (by card)."""
    done: dict[str, Any] = {}
    untranslated: list[str] = []
    locations = dict(pack.locations)
    left: dict[str, list[str]] = {}  # fields a base's translation leaves in English, by card
    for card_id, item in items.items():
        group = "guide" if isinstance(item, GuidePage) else "cards"
        overlay = _translating(card_id, group, overlays, pack)
        if overlay is None:
            untranslated.append(card_id)
            continue
        overlay.used = True
        entry = getattr(overlay.tr, group)[card_id]
        marks = overlay.data.get(group, {}).get(card_id)
        if overlay.base is None:
            done[card_id] = _card(item, entry, marks, overlay.shown, problems, gaps)
        else:
            done[card_id] = _card(item, entry, marks, overlay.shown, problems, Problems())
            if _missing_fields(item, entry):
                left[card_id] = _missing_fields(item, entry)
        # A translated card's words are the translation's: problems with them point there.
        locations[card_id] = Location(path=overlay.shown, line=_line(overlay.data, group,
                                                                      card_id))
    return done, untranslated, locations, left


def _report_gaps(gaps: Problems, name: str, language: str, own: _Overlay | None, count: int,
                 untranslated: list[str], left: dict[str, list[str]], shown: str,
                 line: int | None) -> None:
    """What prints in English: the cards without a translation, the fields a base leaves."""
    if untranslated:
        gaps.add(f"{len(untranslated)} of {count} cards and pages have no "
                     f"{name} translation and print in English: "
                     + ", ".join(untranslated)
                     + ("" if own else f"; to translate them, run 'activate-pack translate "
                        f"export --lang {language}'"), shown, line, severity="warning")
    if left:
        gaps.add(f"the {name} translation this pack inherits leaves some fields in English: "
                     + "; ".join(f"{card_id} ({', '.join(fields)})"
                                 for card_id, fields in left.items()),
                     shown, line, severity="warning")


def _overlays(pack: Pack, root: Path, language: str, variables: dict[str, str],
              problems: Problems) -> list[_Overlay]:
    """The translations into ``language`` that ``pack`` uses, its own first, then its bases'
    (nearest first); raises PackError if there is none, or the pack's own cannot be read."""
    overlays: list[_Overlay] = []
    if _files(root, language) or not pack.bases:
        found = read(root, language, problems)
        problems.raise_if_errors()
        assert found is not None
        filling = Problems()
        tr = _filled(found[0], found[1], variables, found[2], filling)
        problems.extend(filling.items)
        # A misspelt placeholder is one mistake: said once, at its line ("did you mean …").
        _check_placeholders(found[1], found[2], provenance.english(pack), problems,
                            {p.line for p in filling.errors})
        overlays.append(_Overlay(tr, found[1], found[2]))
    for base in pack.bases:
        if base.language == pack.info.language and _files(Path(base.root), language):
            overlay = _inherited(base, root, language, variables, problems)
            if overlay is not None:
                overlays.append(overlay)
    if not overlays:
        read(root, language, problems)  # says there is none, and which languages there are
        problems.raise_if_errors()
    return overlays


def _check_placeholders(data: Located, shown: str, source: dict[str, Any],
                        problems: Problems, said: set[int | None]) -> None:
    """Report every translated text whose placeholders differ from its English, at its line
    (unless a problem was reported at that line already)."""
    for path, message in provenance.placeholder_problems(dict(data), source):
        line = _line(data, *path)
        if line not in said:
            problems.add(message, shown, line, card=_card_of(path))


def _card_of(path: tuple[str, ...]) -> str | None:
    return path[1] if len(path) > 1 and path[0] in ("cards", "guide") else None


def _report_stale(own: _Overlay, source: dict[str, Any], language: str,
                  problems: Problems) -> None:
    """One warning per translated text whose English changed since it was translated."""
    made = own.data.get("made_from")
    if not isinstance(made, dict):
        return
    for path, which in provenance.stale(made, source, own.data):
        where = ": ".join((path[1], ".".join(path[2:])) if _card_of(path) else
                          (path[0], ".".join(path[1:])))
        problems.add(f"{where}: out of date, the English has changed since this was translated"
                     + (f" ({which})" if which else "") + "; 'activate-pack translate export "
                     f"--lang {language}' marks it for review, and importing the reviewed PO "
                     "file records the new English", own.shown, _line(own.data, *path),
                     card=_card_of(path), severity="warning")


def given(pack: Pack, root: Path, language: str) -> dict[str, Any]:
    """What ``pack``'s translations into ``language`` give, as an overlay's groups ('pack',
    'labels', 'cards', 'guide'), as written (placeholders left as they are), and who made them
    ('translators'): its own, and for an adaptation its bases' for what it inherits.
    ``translate export`` offers these."""
    problems = Problems()
    overlays = _overlays(pack, root, language, pack.variables, problems)
    found: dict[str, Any] = {"pack": {}, "labels": {}, "cards": {}, "guide": {}}
    for item in (*pack.cards, *pack.guide):
        group = "guide" if isinstance(item, GuidePage) else "cards"
        overlay = _translating(item.id, group, overlays, pack)
        if overlay is not None:
            found[group][item.id] = overlay.data[group][item.id]
            overlay.used = True
    for layer in _label_layers(pack.labels, overlays, raw=True):
        found["labels"] = deep_merge(found["labels"], layer)
    found["pack"] = {name: overlay.data["pack"][name]
                     for name, overlay in _pack_words(pack.info, overlays).items()}
    # Whose words these are: the credit goes with them into the pack's own translation.
    found["translators"] = list(dict.fromkeys(
        a.name for o in overlays if o.used or o.base is None for a in o.tr.translators))
    return found


def _inherited(base: Base, root: Path, language: str, variables: dict[str, str],
               problems: Problems) -> _Overlay | None:
    """A base pack's translation into ``language``, shown from the adaptation's folder (a base
    inside it) or as the original's (the built-in pack); None, with its errors, if unusable."""
    base_root = Path(base.root)
    try:
        prefix = base_root.resolve().relative_to(root.resolve()).as_posix() + "/"
    except ValueError:  # the built-in pack
        prefix = ""
    found_problems = Problems()
    found = read(base_root, language, found_problems)
    if found is not None:
        tr = _filled(found[0], found[1], variables, found[2], found_problems)
    # Its errors stop the build, shown from the adaptation's folder; its gaps are summed up.
    problems.extend([Problem(p.message, f"{prefix}{p.path}" if p.path else p.path, p.line,
                             p.column, p.card, p.severity) for p in found_problems.errors])
    if found is None or found_problems.errors:
        return None
    return _Overlay(tr, found[1], f"{prefix}{found[2]}", base)


def _translating(card_id: str, group: str, overlays: list[_Overlay], pack: Pack
                 ) -> _Overlay | None:
    """The translation that gives a card its words: the pack's own if it has the card, else,
    for an inherited card, the nearest base's that has it, no further down than the base the
    card comes from (a pack further down had other words for it). A card copied into the
    adaptation and left as it was counts as its nearest base's."""
    origin = pack.folders.get(card_id)
    chain = [base.root for base in pack.bases]
    changes = pack.changes
    if origin is None and chain and changes is not None \
            and card_id not in (*changes.added, *changes.changed):
        origin = chain[0]  # copied into the adaptation unchanged: its original's words still fit
    for overlay in overlays:
        if overlay.base is not None and (origin not in chain or
                                         chain.index(overlay.base.root) > chain.index(origin)):
            return None  # the pack's own card, or one a base further up rewrote
        if card_id in getattr(overlay.tr, group):
            return overlay
    return None


def _missing_fields(item: Any, entry: dict[str, Any]) -> list[str]:
    return [name for name in translated(item) if _present(getattr(item, name))
            and name not in entry]


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


def _card(item: Any, entry: dict[str, Any], marks: Any, shown: str, problems: Problems,
          gaps: Problems) -> Any:
    """One card with its translated fields; unknown fields reported, missing ones in ``gaps``."""
    allowed = translated(item)
    for name in entry:
        if name not in allowed:
            hint = nearest(name, allowed)
            problems.add(f"'{name}' is not a field of this card that can be translated"
                         + (f"; did you mean '{hint}'?" if hint else f" (these can: "
                            f"{', '.join(allowed)})"), shown, _line(marks, name), card=item.id)
    missing = [name for name in allowed if _present(getattr(item, name)) and name not in entry]
    if missing:
        gaps.add(f"no translation of {', '.join(missing)}: these print in English", shown,
                     _line(marks), card=item.id, severity="warning")
    values = item.model_dump()
    for name in allowed:
        if name in entry and entry[name] is not None:
            old = values.get(name)
            values[name] = ({**old, **entry[name]} if isinstance(old, dict)
                            and isinstance(entry[name], dict) else entry[name])
    return validate(type(item), values, shown, problems, item.id, marks=marks) or item


def _labels(labels: Labels, overlays: list[_Overlay], shown: str,
            problems: Problems, gaps: Problems) -> Labels:
    """The labels with the translations' laid over them; labels none gives are named.

    A base's translation gives only the labels this pack words as that base does; the pack's
    own translation gives any.
    """
    source = labels.model_dump(by_alias=True)
    layers = _label_layers(labels, overlays)
    own = next((o for o in overlays if o.base is None), None)
    marks = own.data.get("labels") if own else None
    covered = {leaf for layer in layers for leaf in _leaves(layer)}
    missing = [name for name in _leaves(source) if name not in covered]
    if missing:
        gaps.add(f"labels: no translation of {len(missing)} labels, which print in English: "
                     + ", ".join(missing), shown,
                     _line(own.data, "labels") if own else None, severity="warning")
    merged: dict[str, Any] = source
    for layer in layers:
        merged = deep_merge(merged, layer)
    found = validate(type(labels), merged, shown, problems, marks=marks)
    return found or labels


def _label_layers(labels: Labels, overlays: list[_Overlay],
                  raw: bool = False) -> list[dict[str, Any]]:
    """The labels each translation gives, the furthest base's first, the pack's own last: a
    base's only where this pack words the label as that base does. ``raw``: as written."""
    source = labels.model_dump(by_alias=True)
    layers: list[dict[str, Any]] = []
    for overlay in reversed(overlays):
        mine = dict(overlay.data.get("labels") or {}) if raw else overlay.tr.labels
        if overlay.base is None:
            layers.append(mine)
            continue
        theirs = overlay.base.labels.model_dump(by_alias=True)
        same = [leaf for leaf in _leaves(mine)
                if _at(theirs, leaf) == _at(source, leaf) is not None]
        if same:
            overlay.used = True
            layers.append(_only(mine, same))
    return layers


def _at(tree: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(tree, dict) or part not in tree:
            return None
        tree = tree[part]
    return tree


def _only(tree: dict[str, Any], leaves: list[str]) -> dict[str, Any]:
    """The part of a nested mapping that holds the given dotted leaves."""
    out: dict[str, Any] = {}
    for leaf in leaves:
        *parents, last = leaf.split(".")
        node = out
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = _at(tree, leaf)
    return out


def _info(pack: Pack, own: _Overlay | None, overlays: list[_Overlay], language: str,
          shown: str, line: int | None, problems: Problems, gaps: Problems) -> Any:
    """The pack's details in the target language: its words, and its language tag.

    A base's translation gives a title, subtitle or description only where this pack's is
    the base's own."""
    info = pack.info
    if own is not None:
        for name in own.tr.pack:
            if name not in PACK_FIELDS:
                problems.add(f"pack: '{name}' cannot be translated here (only "
                             f"{', '.join(PACK_FIELDS)})", own.shown,
                             _line(own.data, "pack", name))
    words = {name: overlay.tr.pack[name]
             for name, overlay in _pack_words(info, overlays).items()}
    missing = [n for n in PACK_FIELDS if _present(getattr(info, n)) and n not in words]
    if missing:
        gaps.add(f"pack: no translation of {', '.join(missing)}: these print in English",
                     shown, _line(own.data, "pack") if own else line, severity="warning")
    return info.model_copy(update={**words, "language": language})


def _state(problems: Problems, gaps: Problems, name: str, language: str, reviewed: bool,
           done: int, total: int, shown: str, line: int | None) -> None:
    """One line for a translation's state: a complete draft's note, or its gaps counted."""
    draft = "" if reviewed else "draft, "
    if not gaps.items:
        if not reviewed:
            problems.add(f"{name}: {draft}{done} of {total} cards and pages translated, awaiting "
                         "review by a native speaker", shown, line, severity="note")
        return
    fields = sum(1 for p in gaps.items if p.card)
    other = len(gaps.items) - fields - (done < total)
    what = [f"{total - done} cards and pages" if done < total else "",
            f"some fields of {fields} cards" if fields else "",
            "some labels or pack words" if other > 0 else ""]
    problems.add(f"{name}: {draft}{done} of {total} cards and pages translated; "
                 f"{', '.join(w for w in what if w)} print in English; to list them, run "
                 f"'activate-pack check --lang {language}'", shown, line, severity="warning")


def _pack_words(info: Any, overlays: list[_Overlay]) -> dict[str, _Overlay]:
    """The translation that gives each of the pack's title, subtitle and description: the
    pack's own, or the nearest base's whose source words are this pack's."""
    found: dict[str, _Overlay] = {}
    for name in PACK_FIELDS:
        for overlay in overlays:
            if name not in overlay.tr.pack or (overlay.base is not None and
                                               overlay.base.words.get(name) != getattr(info, name)):
                continue
            found[name] = overlay
            overlay.used = True
            break
    return found
