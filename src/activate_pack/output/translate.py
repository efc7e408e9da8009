"""Gettext PO files for translators: a pack's words out, with everything a translator needs.

One PO entry per string: ``msgctxt`` is where it lives (``walk-and-talk:title``,
``labels:kinds.recipe``, ``pack:title``; a list item by a short hash of its English,
``walk-and-talk:method:1a2b3c4d``, so reordering the English list moves no translation),
``msgid`` the English exactly as the pack writes it (``{{ contact }}`` unfilled), ``msgstr``
the translation so far. Extracted comments say where the text prints, how long the English
is and what each placeholder stands for; labels with ``{slots}`` are flagged
``python-brace-format`` so gettext tools check them. A translation whose English has changed
since is marked fuzzy, with the earlier English as ``#| msgid`` where it is known.
``po_import`` brings the file back.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any, Iterator, NamedTuple

import polib

from activate_pack.errors import PackError
from activate_pack.output.po_read import read_po
from activate_pack.output.write import write_atomic
from activate_pack.pack.loading import provenance
from activate_pack.pack.model.labels import Labels
from activate_pack.pack.loading.load import load_pack
from activate_pack.pack.model.pack import translated, GuidePage, Pack, PackInfo
from activate_pack.pack.sources.paths import PACK_FILE
from activate_pack.pack.sources.source import read_yaml
from activate_pack.pack.loading.translations import given, language_name, languages, overlay_files

PLURAL_FORMS = {
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 "
          ": 2);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
          ": n%100>=11 ? 4 : 5);",
    "bn": "nplurals=2; plural=(n > 1);", "pa": "nplurals=2; plural=(n > 1);",
    "cy": "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;",
}
"""Gettext's plural rule per language, for the header tools expect (the pack has no plurals)."""

_PLACES = {
    "notes": "printed in the A4 facilitator pack only, beside the card",
    "guide": "a page of the facilitator guide, A4 (and the pack's web pages)",
    "pack": "the cover, the about card and the pack's web pages",
}


def _describe(model: type, name: str) -> str:
    field = getattr(model, "model_fields", {}).get(name)
    return (field.description or name) if field is not None else name


def _limit(model: type, name: str) -> int | None:
    field = getattr(model, "model_fields", {}).get(name)
    lengths = [getattr(m, "max_length", None) for m in (field.metadata if field else [])]
    return next((n for n in lengths if n), None)


def _strings(value: Any, path: str) -> list[tuple[str, str]]:
    """(context path, text) of every string in a value; list items keyed by their English."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _strings(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [(f"{path}:{key}", item) for key, item in zip(provenance.item_keys(value), value)
                if isinstance(item, str)]
    return []


class _Offer:
    """The translation so far for each place, out of date or not, and the English it was
    made from where that is known."""

    def __init__(self, existing: dict[str, Any], made: dict[str, Any],
                 previous: dict[str, str]) -> None:
        self.existing, self.made, self.previous = existing, made, previous

    def text(self, place: tuple[str, ...], english: Any, index: int | None
             ) -> tuple[str, str | None] | None:
        """(translation, earlier English hash if out of date), or None if there is none."""
        mine, record = self._at(self.existing, place), self._at(self.made, place)
        if index is None:
            if not isinstance(mine, str):
                return None
            stale = isinstance(record, str) and record != provenance.source_hash(english[0])
            return mine, record if stale else None
        if not isinstance(mine, list):
            return None
        now = provenance.source_hash(english[index])
        if isinstance(record, list) and len(record) == len(mine):
            if now in record:
                return mine[record.index(now)], None
            return (mine[index], record[index]) if index < len(mine) else None
        return (mine[index], None) if index < len(mine) and len(mine) == len(english) else None

    @staticmethod
    def _at(tree: Any, place: tuple[str, ...]) -> Any:
        for part in place:
            tree = tree.get(part) if isinstance(tree, dict) else None
        return tree


class _Msg(NamedTuple):
    """One string of the pack to translate, and what its PO entry says of it."""

    context: str
    """The entry's msgctxt: where the string lives ('walk-and-talk:title')."""
    place: tuple[str, ...]
    """Where its translation goes in the overlay."""
    value: Any
    """The English its out-of-date record is made from: a list item's whole list."""
    position: int | None
    """Its place in that list, if it is a list item."""
    text: str
    notes: list[str]
    """What the translator is told: where it prints, how much room it has."""
    where: tuple[str, int | None] | None
    label: bool


def entries(pack: Pack, offer: _Offer) -> list[polib.POEntry]:
    """One entry per string of the pack, with the translation so far where there is one."""
    source = provenance.english(pack)
    return [_entry(msg, pack, offer) for msg in (*_pack_words(pack, source),
                                                  *_card_words(pack, source),
                                                  *_label_words(pack, source))]


def _entry(msg: _Msg, pack: Pack, offer: _Offer) -> polib.POEntry:
    """The PO entry of one string: the translation offered, its flags and its notes."""
    english = msg.value if isinstance(msg.value, list) else [msg.value]
    given_ = offer.text(msg.place, english, msg.position)
    msgstr, stale = given_ if given_ else ("", None)
    slots = provenance.slots(msg.text) if msg.label else []
    entry = polib.POEntry(msgctxt=msg.context, msgid=msg.text,
                          msgstr=_like(msgstr, msg.text) if msgstr else "",
                          comment="\n".join(msg.notes + _placeholders(msg.text, pack, msg.label)),
                          occurrences=[(msg.where[0], str(msg.where[1] or ""))] if msg.where
                          else [])
    # msgfmt checks a {slot} in the translation against the English; a translation that
    # names the language itself may leave a slot out, which gettext would call an error.
    if slots and (not msgstr or provenance.slots(msgstr) == slots):
        entry.flags.append("python-brace-format")
    if stale:
        entry.flags.insert(0, "fuzzy")
        if stale in offer.previous:
            entry.previous_msgid = offer.previous[stale]
        else:
            entry.tcomment = ("The English has changed since this was translated: check "
                              "the translation against it.")
    return entry


def _pack_words(pack: Pack, source: dict[str, Any]) -> Iterator[_Msg]:
    """The strings of pack.yaml that are translated: its title, subtitle and description."""
    for name, value in source["pack"].items():
        for path, text in _strings(value, name):
            room = _room(PackInfo, name, text)
            yield _Msg(f"pack:{path}", ("pack", name), value, None, text,
                       [f"The pack, {name}: {_describe(PackInfo, name).rstrip('.')}; "
                        f"{_PLACES['pack']}.", room], (PACK_FILE, pack.info_line(name)), False)


def _card_words(pack: Pack, source: dict[str, Any]) -> Iterator[_Msg]:
    """The strings of every card and guide page, field by field, list items one by one."""
    for item in (*pack.cards, *pack.guide):
        group = "guide" if isinstance(item, GuidePage) else "cards"
        location = pack.locations.get(item.id)
        for name in translated(item):
            if name not in source[group][item.id]:
                continue
            value = source[group][item.id][name]
            where = _where(item, name, group)
            for path, text in _strings(value, name):
                index = provenance.item_keys(value).index(path.split(":")[1]) \
                    if isinstance(value, list) else None
                sub = tuple(path.split(":")[0].split("."))
                yield _Msg(f"{item.id}:{path}", (group, item.id, *sub),
                           value if index is not None else text, index, text,
                           [where, _room(type(item), name, text, index is not None)],
                           (location.path, location.fields.get(name, location.line))
                           if location else None, False)


def _label_words(pack: Pack, source: dict[str, Any]) -> Iterator[_Msg]:
    """The strings of the labels: every word the layouts print that is not card text."""
    for path, text in _strings(source["labels"], ""):
        path = path.lstrip(".")
        dotted = path.split(":")[0]
        value = _at(source["labels"], dotted)
        index = provenance.item_keys(value).index(path.split(":")[1]) \
            if isinstance(value, list) else None
        yield _Msg(f"labels:{path}", ("labels", *dotted.split(".")),
                   value if index is not None else text, index, text,
                   [f"A label: {_label_purpose(pack.labels, dotted)}",
                    f"The English is {len(text)} characters long."], None, True)


def _at(tree: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        tree = tree.get(part) if isinstance(tree, dict) else None
    return tree


def _where(item: Any, name: str, group: str) -> str:
    """Where a card's field prints, for the translator."""
    place = "" if name == "notes" else _PLACES["guide"] if group == "guide" else (
        "printed on the A6 card (its text is made smaller to fit, down to a limit) and in "
        "the A4 facilitator pack")
    kind = "Guide page" if group == "guide" else f"{type(item).__name__[:-4]} card"
    return (f"{kind} ‘{item.title}’ ({item.id}), {name}: "
            f"{_describe(type(item), name).rstrip('.')}" + (f"; {place}." if place else "."))


def _room(model: type, name: str, text: str, item: bool = False) -> str:
    """How long the English is, and the field's own limit where it has a telling one (a list's
    limit counts its items, not characters)."""
    limit = None if item else _limit(model, name)
    told = limit if limit and limit < 1000 else None
    return (f"The English is {len(text)} characters long"
            + (f"; this field takes at most {told}" if told else "") + ".")


def _placeholders(text: str, pack: Pack, label: bool) -> list[str]:
    """What each placeholder in a text stands for: translators keep them as they are."""
    notes = []
    for name in dict.fromkeys(provenance.variables(text)):
        value = pack.variables.get(name)
        notes.append(f"{{{{ {name} }}}} is filled in from the pack's '{name}'"
                     + (f" (now: {value})" if value else "") + "; keep it as it is.")
    if label and provenance.slots(text):
        names = ", ".join(f"{{{n}}}" for n in dict.fromkeys(provenance.slots(text) or []))
        notes.append(f"{names}: filled in when the pack is built (see above); keep each "
                     "exactly as it is.")
    return [n for n in notes if n]


def _label_purpose(labels: Labels, path: str) -> str:
    model: Any = type(labels)
    description = path
    for part in path.split("."):
        fields = getattr(model, "model_fields", None)
        if not fields:
            break
        match = next((f for n, f in fields.items() if n == part or f.alias == part), None)
        if match is None:
            break
        description = match.description or description
        model = match.annotation
    return description


def export(pack_dir: Path, language: str, out: Path) -> int:
    """Write the pack's strings to a PO file for ``language``; return how many entries."""
    pack = load_pack(pack_dir)
    existing: dict[str, Any] = {}
    translators: list[str] = []
    reviewed = False
    made: dict[str, Any] = {}
    files = overlay_files(pack_dir, language)
    for path in files:
        data = read_yaml(path, path.relative_to(pack_dir).as_posix(), root=pack_dir)
        if isinstance(data, dict):
            reviewed = data.get("reviewed") is True
            if isinstance(data.get("made_from"), dict):
                made = {**made, **data["made_from"]}
    if language in languages(pack_dir):
        # The translation so far: the pack's own, and for an adaptation what the original's
        # translation gives the cards it keeps, so the translator starts from there.
        existing = given(pack, pack_dir, language)
        translators = existing.pop("translators")
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": f"{pack.info.title} {pack.info.version}",
        "PO-Revision-Date": _revised(files),
        "Last-Translator": translators[-1] if translators else "",
        # The language's name: import credits people, not the team's name.
        "Language-Team": language_name(language),
        "Language": language, "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS.get(language.split("-")[0], "nplurals=2; plural=(n != 1);"),
        "X-Translators": "; ".join(translators),
        "X-Reviewed": "true" if reviewed else "false"}
    po.extend(entries(pack, _Offer(existing, made, _previous(out))))
    write_atomic(out, str(po).encode("utf-8"))
    return len(po)


def _previous(out: Path) -> dict[str, str]:
    """English texts an earlier export to the same file held, by hash: the earlier English of
    a translation that has gone out of date since."""
    if not out.is_file():
        return {}
    try:
        po = read_po(out, out.name)[0]
    except PackError:
        return {}
    return {provenance.source_hash(text): text for entry in po
            for text in (entry.msgid, entry.previous_msgid) if text}


def _revised(files: list[Path]) -> str:
    """When the translation was last changed: SOURCE_DATE_EPOCH if set (reproducible
    exports), else its newest file's time, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    stamp = (int(epoch) if epoch.isdigit() else
             max((p.stat().st_mtime for p in files), default=None))
    when = datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc) if stamp is not None \
        else datetime.datetime.now(datetime.timezone.utc)
    return when.strftime("%Y-%m-%d %H:%M+0000")


def _like(translated: str, source: str) -> str:
    """A translation as a PO entry gives it: spaces kept as they are (' و' joins names), and
    ending in a line break exactly when the English does, as gettext tools check."""
    return translated.rstrip("\n") + ("\n" if source.endswith("\n") else "")

