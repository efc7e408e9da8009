"""Which English a translation was made from, and whether its placeholders are the English's.

An overlay may record, under ``made_from``, a short hash of the English each translated text
was made from, mirroring the translated tree (``cards: {id: {field: hash}}``, ``labels:
{group: {key: hash}}``, ``pack: {field: hash}``; a list field has one hash per item). When the
English changes, its hash no longer matches and the translation is out of date. An entry with
no record has unknown provenance and is never called out of date, so hand-written overlays
keep working. The hash is of the English exactly as the source writes it, placeholders unfilled,
so changing ``contact:`` in pack.yaml does not make every translation stale.
"""

from __future__ import annotations

import hashlib
import re
import string
import unicodedata
from typing import Any

from activate_pack.pack.model.pack import translated, PACK_FIELDS, GuidePage, Pack

GROUPS = ("pack", "labels", "cards", "guide")
"""The groups of an overlay that hold translated words (and of its ``made_from``)."""

_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def source_hash(text: str) -> str:
    """The short hash that records which English text a translation was made from."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:12]


def item_keys(items: list[Any]) -> list[str]:
    """A key per list item that survives reordering: its text's hash, then -2, -3 for repeats."""
    keys: list[str] = []
    for item in items:
        key = source_hash(item if isinstance(item, str) else repr(item))[:8]
        seen = sum(1 for k in keys if k.split("-")[0] == key)
        keys.append(f"{key}-{seen + 1}" if seen else key)
    return keys


def hashes(value: Any) -> Any:
    """A ``made_from`` record for a value: its hash, a list of hashes, or a mapping of them."""
    if isinstance(value, str):
        return source_hash(value)
    if isinstance(value, list):
        return [source_hash(v) if isinstance(v, str) else None for v in value]
    if isinstance(value, dict):
        return {k: hashes(v) for k, v in value.items()}
    return None


def english(pack: Pack) -> dict[str, Any]:
    """Every translatable text of ``pack`` as the source writes it, grouped as an overlay is."""
    tree: dict[str, Any] = {
        "pack": {n: v for n in PACK_FIELDS if (v := getattr(pack.info, n))},
        "labels": pack.labels.model_dump(by_alias=True), "cards": {}, "guide": {}}
    for item in (*pack.cards, *pack.guide):
        fields: dict[str, Any] = {}
        for name in translated(item):
            value = pack.written.get(item.id, {}).get(name, getattr(item, name))
            if hasattr(value, "model_dump"):
                value = value.model_dump(exclude_none=True)
            if value not in (None, "", [], {}):
                fields[name] = value
        tree["guide" if isinstance(item, GuidePage) else "cards"][item.id] = fields
    return tree


def stale(made: Any, source: Any, translated: Any,
          path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """(path, which items) of every translated text whose recorded English is not the source's
    now; ``which items`` is empty unless a list changed."""
    found: list[tuple[tuple[str, ...], str]] = []
    if isinstance(made, dict):
        for key, record in made.items():
            if isinstance(source, dict) and key in source and isinstance(translated, dict) \
                    and key in translated:
                found += stale(record, source[key], translated[key], (*path, str(key)))
    elif isinstance(made, list) and isinstance(source, list):
        now = hashes(source)
        if made != now:
            if len(made) != len(now):
                found.append((path, f"the English list now has {len(now)} items, the "
                                    f"translation was made from {len(made)}"))
            else:
                changed = [str(i) for i, (a, b) in enumerate(zip(made, now), 1) if a != b]
                found.append((path, f"item{'s' if len(changed) > 1 else ''} "
                                    f"{', '.join(changed)}"))
    elif isinstance(made, str) and isinstance(source, str) and made != source_hash(source):
        found.append((path, ""))
    return found


def unrecorded(made: Any, source: Any, translated: Any) -> Any:
    """The ``made_from`` records a translation lacks, taken from the source as it is now."""
    if isinstance(translated, dict) and isinstance(source, dict):
        found = {}
        for key, value in translated.items():
            if key in source:
                sub = unrecorded(made.get(key) if isinstance(made, dict) else None,
                                 source[key], value)
                if sub not in (None, {}):
                    found[key] = sub
        return found
    if made is not None:
        return None
    if isinstance(translated, list) and isinstance(source, list):
        return hashes(source)
    if isinstance(translated, str) and isinstance(source, str):
        return hashes(source)
    return None


def variables(text: str) -> list[str]:
    """The ``{{ name }}`` placeholders of a text, sorted."""
    return sorted(_VARIABLE.findall(text))


def slots(text: str) -> list[str] | None:
    """The ``{slot}`` names of a label, sorted; None if its braces do not parse."""
    try:
        return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    except ValueError:
        return None


def placeholder_problem(translated: str, source: str, label: bool) -> str | None:
    """Why a translation's placeholders are not its English's, or None if they are."""
    if label:
        theirs, mine = slots(source), slots(translated)
        if theirs is None:
            return None
        if mine is None:
            return ("a brace is not closed or not matched; write placeholders as the English "
                    f"does ({_shown(theirs, True) or 'it has none'}), and a brace on its own "
                    "as {{ or }}")
        # A label may leave a slot out: its words are then fixed in the translation, as when
        # "Translated from {source}" names the language in that language's own words.
        extra = sorted(set(mine) - set(theirs))
        if not extra:
            return None
        return (f"{_shown(extra, True)} is not a placeholder of this label (it has "
                f"{_shown(theirs, True) or 'none'}); write each placeholder exactly as the "
                "English does, or it prints as it is")
    theirs, mine = variables(source), variables(translated)
    if theirs == mine:
        return None
    return (f"the placeholders differ from the English: it has {_shown(theirs, label) or 'none'}"
            f", this has {_shown(mine, label) or 'none'}; keep each placeholder exactly as the "
            "English writes it, only the words around it are translated")


def _shown(names: list[str], label: bool) -> str:
    return ", ".join(f"{{{n}}}" if label else f"{{{{ {n} }}}}" for n in names)


def placeholder_problems(translated: Any, source: Any, label: bool = False,
                         path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """(path, message) of every translated text whose placeholders differ from its English."""
    found: list[tuple[tuple[str, ...], str]] = []
    if isinstance(translated, dict) and isinstance(source, dict):
        for key, value in translated.items():
            if key in source and not (not path and key not in GROUPS):
                found += placeholder_problems(value, source[key], label or key == "labels"
                                              and not path, (*path, str(key)))
    elif isinstance(translated, list) and isinstance(source, list) \
            and len(translated) == len(source):
        for index, (mine, theirs) in enumerate(zip(translated, source), 1):
            if isinstance(mine, str) and isinstance(theirs, str):
                problem = placeholder_problem(mine, theirs, label)
                if problem:
                    found.append(((*path, str(index)), problem))
    elif isinstance(translated, str) and isinstance(source, str):
        problem = placeholder_problem(translated, source, label)
        if problem:
            found.append((path, problem))
    return found
