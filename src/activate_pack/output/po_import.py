"""Bring a translator's work into a pack: a PO file merged into its overlay, and records of
which English each translation was made from.

An import changes only the entries its PO file holds: everything else in
``content/translations/<language>.yaml`` stays, down to its comments and line breaks. A broken
PO file changes nothing. A fuzzy entry is waiting for review, so the translation before it
stays. Each text written is recorded under ``made_from`` with the hash of its English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from activate_pack.errors import PackError, Problem, Problems
from activate_pack.output.po_read import credited, po_language, read_po
from activate_pack.output.write import write_atomic
from activate_pack.pack.loading import overlay_edit, provenance
from activate_pack.pack.loading.load import load_pack
from activate_pack.pack.sources.source import parse, read_yaml
from activate_pack.pack.loading.translations import (TRANSLATIONS_DIR, language_name, languages,
                                                     overlay_files)

ORDER = ("translators", "reviewed", "pack", "labels", "cards", "guide", "made_from")
"""The order of a new overlay's groups."""


@dataclass
class Imported:
    """What an import did."""

    path: Path
    changed: bool
    language: str
    fuzzy: int = 0
    """Entries marked fuzzy: waiting for review, so not applied (the earlier translation stays)."""
    notes: list[str] = field(default_factory=list)
    """Entries not applied, each with why and what to do."""


def import_po(pack_dir: Path, po_path: Path, language: str | None = None) -> Imported:
    """Merge a translated PO file into the pack's overlay for its language."""
    shown = po_path.name
    po, text = read_po(po_path, shown)
    language = po_language(po, text, shown, language, languages(pack_dir))
    pack = load_pack(pack_dir)
    source = provenance.english(pack)
    files = overlay_files(pack_dir, language)
    old = _overlay(pack_dir, files)
    problems = Problems()
    done = Imported(files[0] if files else pack_dir / TRANSLATIONS_DIR / f"{language}.yaml",
                    False, language)
    texts = _translations(po, text.splitlines(), shown, source, done, problems)
    problems.raise_if_errors()
    patch = _patch(texts, source, old, done.notes)
    _credit_and_review(po, old, patch)
    header = (f"# {language_name(language)} translation, imported from {shown}. Cards and "
              "labels left out here print in English.\n")
    done.changed = write_overlay(pack_dir, files, done.path, patch, header)
    return done


def _translations(po: polib.POFile, lines: list[str], shown: str, source: dict[str, Any],
                  done: Imported, problems: Problems) -> dict[tuple[Any, ...], tuple[str, str]]:
    """Each translated entry's place in the overlay, with its translation and its English.

    A fuzzy entry is counted in ``done``, one whose English has changed since the export is
    noted there; a mistake is a problem, at its line of the PO file.
    """
    texts: dict[tuple[Any, ...], tuple[str, str]] = {}
    for entry in po:
        if entry.obsolete or not entry.msgid and not entry.msgctxt:
            continue
        if "fuzzy" in entry.flags:
            done.fuzzy += bool(entry.msgstr)
            continue
        # Untranslated: empty, or blank where the English is not (a space between words, as
        # ' and ' in the labels' patterns, is a translation like any other).
        if not entry.msgstr or (not entry.msgstr.strip() and entry.msgid.strip()):
            continue
        if entry.msgctxt is None:
            problems.add("this entry has no msgctxt, so its place in the pack is unknown; "
                         "export the PO file again and copy the translation there",
                         shown, entry.linenum)
            continue
        place = _place(entry.msgctxt, source)
        if isinstance(place, str):
            problems.add(place, shown, _line(lines, entry.linenum, "msgctxt"))
            continue
        if place is None:
            done.notes.append(f"{shown}:{_line(lines, entry.linenum, 'msgctxt')}: not "
                              "applied: the English of this list "
                              f"item ({entry.msgctxt}) has changed or gone since the file was "
                              "exported; export again and translate it there")
            continue
        problem = provenance.placeholder_problem(entry.msgstr, entry.msgid, place[0] == "labels")
        if problem:
            problems.add(problem, shown, _line(lines, entry.linenum, "msgstr"))
            continue
        texts[place] = (entry.msgstr, entry.msgid)
    return texts


def _credit_and_review(po: polib.POFile, old: dict[str, Any], patch: dict[str, Any]) -> None:
    """The PO file's translators added to the overlay's (one stands in while none is known),
    and whether it is reviewed, as its header says (a new overlay is not)."""
    names = credited(po)
    listed = old.get("translators")
    before: list[Any] = listed if isinstance(listed, list) else []
    have = {str(t.get("name", "")).lower() for t in before if isinstance(t, dict)}
    added = [{"name": n} for n in names if n.lower() not in have]
    if added or not before:
        patch["translators"] = before + (added or [{"name": "Unknown translator"}])
    if "X-Reviewed" in po.metadata:
        patch["reviewed"] = po.metadata["X-Reviewed"].strip().lower() == "true"
    elif "reviewed" not in old:
        patch["reviewed"] = False


def _line(lines: list[str], start: int, keyword: str) -> int:
    """The line of an entry's msgctxt or msgstr: polib gives the entry's first line."""
    for number in range(max(start, 1), len(lines) + 1):
        if lines[number - 1].startswith(keyword + " "):
            return number
    return start


def _overlay(pack_dir: Path, files: list[Path]) -> dict[str, Any]:
    """The overlay as it is now, as plain data (its files merged); a broken one is an error,
    so it is never written over."""
    found: dict[str, Any] = {}
    for path in files:
        data = read_yaml(path, path.relative_to(pack_dir).as_posix(), root=pack_dir)
        if not isinstance(data, dict):
            raise PackError(Problem("expected a translation (translators:, reviewed:, cards: …)"
                                    "; correct this file, then import again",
                                    path.relative_to(pack_dir).as_posix(), 1))
        found = overlay_edit.merged(found, overlay_edit.plain(data))
    return found


def _place(context: str, source: dict[str, Any]) -> tuple[Any, ...] | str | None:
    """Where a msgctxt points in the overlay (list items by index): ``walk:method:1a2b3c4d``,
    ``labels:kinds.question``, ``pack:title``, and lists by number as older exports wrote
    them (``walk:method.2``); a problem's words, or None for a list item no longer there."""
    where, _, rest = context.partition(":")
    if not rest:
        return f"msgctxt '{context}' should be 'card-id:field', 'labels:…' or 'pack:…'"
    dotted, _, key = rest.partition(":")
    if where in ("labels", "pack"):
        path: list[Any] = [where]
    else:
        group = next((g for g in ("cards", "guide") if where in source[g]), None)
        if group is None:
            return f"msgctxt '{context}': this pack has no card or page with the id '{where}'"
        path = [group, where]
    node: Any = source[path[0]] if len(path) == 1 else source[path[0]][where]
    for part in dotted.split("."):
        if isinstance(node, list) and part.isdigit() and 0 < int(part) <= len(node):
            path.append(int(part) - 1)
            node = node[int(part) - 1]
        elif isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        else:
            node = None
            break
    if key and isinstance(node, list):
        keys = provenance.item_keys(node)
        if key not in keys:
            return None
        path.append(keys.index(key))
        node = node[keys.index(key)]
    if not isinstance(node, str):
        return f"msgctxt '{context}': '{rest}' is not a text of '{where}' in this pack"
    return tuple(path)


def _patch(texts: dict[tuple[Any, ...], tuple[str, str]], source: dict[str, Any],
           old: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    """The overlay's changes, with their ``made_from`` records: texts as they are, and a list
    as a whole once every item has a translation (a half-translated list would mix languages)."""
    patch: dict[str, Any] = {}
    lists: dict[tuple[Any, ...], dict[int, tuple[str, str]]] = {}
    for place, found in texts.items():
        if isinstance(place[-1], int):
            lists.setdefault(place[:-1], {})[place[-1]] = found
        elif not _same(_at(old, place), found[0]) or _at(old.get("made_from"), place) is not None:
            # An unchanged text with no record is left as it was ('translate stamp' records
            # it); one with a record gets the English it was checked against.
            _put(patch, place, found[0] if not _same(_at(old, place), found[0])
                 else _at(old, place))
            _put(patch, ("made_from", *place), provenance.source_hash(found[1]))
    for place, items in lists.items():
        english = _at(source, place)
        before, made = _at(old, place), _at(old.get("made_from", {}), place)
        before = before if isinstance(before, list) else []
        made = made if isinstance(made, list) and len(made) == len(before) else None
        result: list[str | None] = []
        records: list[str | None] = []
        for index, text in enumerate(english):
            now = provenance.source_hash(text)
            if index in items:
                result.append(items[index][0])
                records.append(provenance.source_hash(items[index][1]))
            elif made is not None and now in made:  # the same English, perhaps moved
                result.append(before[made.index(now)])
                records.append(now)
            elif index < len(before):  # as it was: out of date if its record says so
                result.append(before[index])
                records.append(made[index] if made is not None else now)
            else:
                result.append(None)
                records.append(None)
        missing = result.count(None)
        if missing:
            notes.append(f"{place[-2] if place[0] != 'labels' else 'labels'}: "
                         f"{'.'.join(map(str, place[1 + (place[0] != 'labels'):]))}: not "
                         f"applied yet: {missing} of {len(result)} items have no translation, "
                         "and a list is used once all its items are translated")
            continue
        if len(result) == len(before) and all(map(_same, before, result)) and made is None:
            continue
        _put(patch, place, [b if _same(b, r) else r for b, r in zip(before, result)]
             if len(result) == len(before) else result)
        _put(patch, ("made_from", *place), records)
    return patch


def _same(before: Any, text: Any) -> bool:
    """The same translation: a PO entry ends with a line break where the English does."""
    return isinstance(before, str) and isinstance(text, str) and \
        before.rstrip("\n") == text.rstrip("\n")


def _at(tree: Any, place: tuple[Any, ...]) -> Any:
    for part in place:
        if isinstance(tree, dict) and part in tree:
            tree = tree[part]
        else:
            return None
    return tree


def _put(tree: dict[str, Any], place: tuple[Any, ...], value: Any) -> None:
    for part in place[:-1]:
        tree = tree.setdefault(part, {})
    tree[place[-1]] = value


def write_overlay(pack_dir: Path, files: list[Path], target: Path, patch: dict[str, Any],
                  header: str) -> bool:
    """Lay ``patch`` over a translation's files, each written whole or not at all; True if
    any changed. A folder's entries go to the file that has their card or group already."""
    texts = {path: path.read_text(encoding="utf-8") for path in files} or {target: header}
    datas = {path: overlay_edit.plain(parse(text, path.name)) or {} for path, text in texts.items()}
    patches: dict[Path, dict[str, Any]] = {path: {} for path in texts}
    for key, value in patch.items():
        if isinstance(value, dict):
            for name, item in value.items():
                inner = (name,) if key != "made_from" else ()
                owner = _owner(datas, (key, *inner) if inner else (name,), item)
                patches[owner].setdefault(key, {})[name] = item
        else:
            patches[_owner(datas, (key,), value)][key] = value
    changed = False
    for path, mine in patches.items():
        if not mine:
            continue
        text = texts[path]
        if not files:  # a new file: its groups in the usual order
            mine = {key: mine[key] for key in ORDER if key in mine}
        new = overlay_edit.edit(text, mine, path.name, flow=("made_from",))
        expected = overlay_edit.merged(datas[path], mine)
        if overlay_edit.plain(parse(new, path.name)) != expected:  # never write what we misread
            raise PackError(Problem("this file's layout could not be kept while changing it; "
                                    "nothing was written (please report this with the file)",
                                    path.relative_to(pack_dir).as_posix()))
        if new != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, new.encode("utf-8"))
            changed = True
    return changed


def _owner(datas: dict[Path, dict[str, Any]], place: tuple[str, ...], value: Any) -> Path:
    """The file of a translation folder that holds ``place`` (or its card), else the first."""
    for depth in (2, 1):
        for path, data in datas.items():
            if len(place) >= depth and _at(data, place[:depth]) is not None:
                return path
    return next(iter(datas))


def stamp(pack_dir: Path, language: str) -> tuple[Path | None, int]:
    """Record the English as it is now for every translation of ``language`` that has no
    record; return the file changed (None) and how many records were added."""
    files = overlay_files(pack_dir, language)
    if not files:
        raise PackError(f"there is no translation into '{language}' in {TRANSLATIONS_DIR}/; "
                        f"the pack has: {', '.join(languages(pack_dir)) or 'none'}")
    old = _overlay(pack_dir, files)
    source = provenance.english(load_pack(pack_dir))
    made = old.get("made_from") if isinstance(old.get("made_from"), dict) else {}
    missing = provenance.unrecorded(made, source, {g: old[g] for g in provenance.GROUPS
                                                   if isinstance(old.get(g), dict)})
    count = _count(missing)
    if not count:
        return None, 0
    changed = write_overlay(pack_dir, files, files[0], {"made_from": missing}, "")
    return (files[0] if changed else None), count


def _count(tree: Any) -> int:
    if isinstance(tree, dict):
        return sum(_count(v) for v in tree.values())
    return 1 if tree is not None else 0
