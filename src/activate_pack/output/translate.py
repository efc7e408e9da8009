"""Gettext PO files for translators: export a pack's words, import a translation back.

One PO entry per string: ``msgctxt`` is where it lives (``walk-and-talk:method.2``,
``labels:kinds.recipe``, ``pack:title``), ``msgid`` the pack's own text, ``msgstr`` the
translation, and a translator comment names the card and says what the field is for. This is
what Weblate and other translation platforms read. Importing writes the overlay
``content/translations/<language>.yaml``, and leaves the file as it is when nothing changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import polib
import yaml

from activate_pack.errors import PackError, Problems
from activate_pack.output.write import write_atomic
from activate_pack.pack.labels import Labels
from activate_pack.pack.load import load_pack
from activate_pack.pack.model import GuidePage, Location, Pack
from activate_pack.pack.paths import PACK_FILE
from activate_pack.pack.source import read_yaml
from activate_pack.pack.translations import (FIELDS, LANGUAGE_TAG, PACK_FIELDS, TRANSLATIONS_DIR,
                                             given, language_name, languages, read)

ORDER = ("translators", "reviewed", "pack", "labels", "cards", "guide")
"""The order of an overlay's groups when import writes it."""


def _describe(model: type, name: str) -> str:
    field = getattr(model, "model_fields", {}).get(name)
    return (field.description or name) if field is not None else name


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(dotted path, text) of every string in a value: lists numbered from 1."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value, 1):
            yield from _strings(item, f"{path}.{index}")


def _lookup(tree: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if isinstance(tree, list) and part.isdigit() and 0 < int(part) <= len(tree):
            tree = tree[int(part) - 1]
        elif isinstance(tree, dict) and part in tree:
            tree = tree[part]
        else:
            return None
    return tree


def entries(pack: Pack, existing: dict[str, Any]) -> list[polib.POEntry]:
    """One entry per string of the pack, with ``existing``'s translation where it has one."""
    found: list[polib.POEntry] = []

    def add(context: str, text: str, comment: str, where: Any, given: Any) -> None:
        found.append(polib.POEntry(msgctxt=context, msgid=text, comment=comment,
                                   msgstr=_like(given, text) if isinstance(given, str) else "",
                                   occurrences=[(where.path, str(where.line or ""))]
                                   if where is not None else []))

    for name in PACK_FIELDS:
        for path, text in _strings(getattr(pack.info, name), name):
            add(f"pack:{path}", text, f"The pack: {_describe(type(pack.info), name)}",
                Location(path=PACK_FILE, line=pack.info_line(name)),
                _lookup(existing.get("pack", {}), path))
    for item in (*pack.cards, *pack.guide):
        group = "guide" if isinstance(item, GuidePage) else "cards"
        mine = existing.get(group, {}).get(item.id, {})
        for name in FIELDS[type(item)]:
            value = getattr(item, name)
            if hasattr(value, "model_dump"):
                value = value.model_dump(exclude_none=True)
            for path, text in _strings(value, name):
                add(f"{item.id}:{path}", text, f"{item.title}: {_describe(type(item), name)}",
                    pack.locations.get(item.id), _lookup(mine, path))
    labels = pack.labels.model_dump(by_alias=True)
    for path, text in _strings(labels, ""):
        path = path.lstrip(".")
        add(f"labels:{path}", text, f"A label: {_label_purpose(path)}", None,
            _lookup(existing.get("labels", {}), path))
    return found


def _label_purpose(path: str) -> str:
    model: Any = Labels
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
    path = pack_dir / TRANSLATIONS_DIR / f"{language}.yaml"
    if path.exists():
        problems = Problems()
        found = read(pack_dir, language, problems)
        problems.raise_if_errors()
        if found is not None:
            translators = [a.name for a in found[0].translators]
            reviewed = found[0].reviewed
    if language in languages(pack_dir):
        # The translation so far: the pack's own, and for an adaptation what the original's
        # translation gives the cards it keeps, so the translator starts from there.
        existing = given(pack, pack_dir, language)
        translators = existing.pop("translators")
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Project-Id-Version": f"{pack.info.title} {pack.info.version}",
                   "Language": language, "MIME-Version": "1.0",
                   "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit",
                   "X-Translators": "; ".join(translators),
                   "X-Reviewed": "true" if reviewed else "false"}
    po.extend(entries(pack, existing))
    write_atomic(out, str(po).encode("utf-8"))
    return len(po)


def _place(overlay: dict[str, Any], context: str, text: str, pack: Pack) -> str | None:
    """Put one translated string where its context says; a problem's words if it cannot."""
    where, _, path = context.partition(":")
    if not path:
        return f"msgctxt '{context}' should be 'card-id:field', 'labels:…' or 'pack:…'"
    items = {c.id: c for c in (*pack.cards, *pack.guide)}
    if where == "labels":
        group, tree = overlay.setdefault("labels", {}), pack.labels.model_dump(by_alias=True)
    elif where == "pack":
        group, tree = overlay.setdefault("pack", {}), {n: getattr(pack.info, n) for n in PACK_FIELDS}
    elif where in items:
        item = items[where]
        kind = "guide" if isinstance(item, GuidePage) else "cards"
        group = overlay.setdefault(kind, {}).setdefault(where, {})
        tree = {n: (v.model_dump(exclude_none=True) if hasattr(v, "model_dump") else v)
                for n in FIELDS[type(item)] if (v := getattr(item, n)) is not None}
    else:
        return f"msgctxt '{context}': this pack has no card or page with the id '{where}'"
    if not isinstance(_lookup(tree, path), str):
        return f"msgctxt '{context}': '{path}' is not a text of '{where}' in this pack"
    parts = path.split(".")
    node: Any = group
    for index, part in enumerate(parts[:-1]):
        nxt = parts[index + 1]
        container: Any = [] if nxt.isdigit() else {}
        if isinstance(node, list):
            while len(node) < int(part):
                node.append(None)
            if node[int(part) - 1] is None:
                node[int(part) - 1] = container
            node = node[int(part) - 1]
        else:
            node = node.setdefault(part, container)
    last = parts[-1]
    if isinstance(node, list):
        while len(node) < int(last):
            node.append(None)
        node[int(last) - 1] = text
    else:
        node[last] = text
    return None


def _complete(value: Any) -> Any:
    """Lists with a gap are left out whole: a half-translated list would mix languages."""
    if isinstance(value, dict):
        kept = {k: _complete(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v is not None}
    if isinstance(value, list):
        return None if any(v is None for v in value) else [_complete(v) for v in value]
    return value


def import_po(pack_dir: Path, po_path: Path, language: str | None = None) -> tuple[Path, bool]:
    """Read a PO file into content/translations/<language>.yaml; return it and whether it changed."""
    import re

    shown = po_path.name
    try:
        po = polib.pofile(str(po_path), wrapwidth=0)
    except (OSError, IOError, ValueError) as exc:
        raise PackError(f"{shown}: cannot read this PO file: {exc}") from None
    language = language or po.metadata.get("Language", "")
    if not re.fullmatch(LANGUAGE_TAG, language or ""):
        raise PackError(f"{shown}: no language: give --lang, or a 'Language:' line in the header")
    pack = load_pack(pack_dir)
    problems = Problems()
    overlay: dict[str, Any] = {}
    for entry in po:
        # Untranslated: empty, or blank where the English is not (a space between words, as
        # ' and ' or ' ' in the labels' patterns, is a translation like any other).
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr or (
                not entry.msgstr.strip() and entry.msgid.strip()):
            continue
        if entry.msgctxt is None:
            problems.add("this entry has no msgctxt, so its place in the pack is unknown",
                         shown, entry.linenum)
            continue
        problem = _place(overlay, entry.msgctxt, entry.msgstr, pack)
        if problem:
            problems.add(problem, shown, entry.linenum)
    problems.raise_if_errors()
    names = [n.strip() for n in po.metadata.get("X-Translators", "").split(";") if n.strip()]
    overlay = _complete(overlay)
    target = pack_dir / TRANSLATIONS_DIR / f"{language}.yaml"
    before = _existing(pack_dir, target)
    known = {t.get("name"): t for t in (before or {}).get("translators", [])
             if isinstance(t, dict)}  # a translator's role and organisation are kept
    data = {"translators": [known.get(n, {"name": n}) for n in names]
            or [{"name": "Unknown translator"}],
            "reviewed": po.metadata.get("X-Reviewed", "false").strip().lower() == "true",
            **overlay}
    data = {key: data[key] for key in ORDER if data.get(key) not in (None, {}, [])
            or key == "reviewed"}
    if before is not None and _plain(before) == _plain(data):
        return target, False
    header = (f"# {language_name(language)} translation, imported from {shown}. Cards and "
              "labels left out here print in English.\n")
    text = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text.encode("utf-8"))
    return target, True


def _existing(pack_dir: Path, target: Path) -> Any:
    """The overlay already there, as plain data (None if there is none or it is broken)."""
    if not target.exists():
        return None
    try:
        return _plain(read_yaml(target, target.relative_to(pack_dir).as_posix(), root=pack_dir))
    except PackError:
        return None


def _plain(value: Any) -> Any:
    """YAML as plain dicts and lists, for comparing what a file says rather than how (a block
    of text may end with a line break or not; spaces are part of what it says)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.rstrip("\n") if isinstance(value, str) else value


def _like(translated: str, source: str) -> str:
    """A translation as a PO entry gives it: spaces kept as they are (' و' joins names), and
    ending in a line break exactly when the English does, as gettext tools check."""
    return translated.rstrip("\n") + ("\n" if source.endswith("\n") else "")
