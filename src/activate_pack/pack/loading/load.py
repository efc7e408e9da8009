"""Read a pack folder into the validated model, collecting every problem before failing."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from activate_pack.errors import PackError, Problem, Problems
from activate_pack.pack.loading import adapt, limits, translations
from activate_pack.pack.model import credits
from activate_pack.pack.sources import images, templating
from activate_pack.pack.sources.images import ImageFile
from activate_pack.pack.model.labels import Labels
from activate_pack.pack.model.kinds import Kinds, read_kinds
from activate_pack.pack.loading.references import Removed, check_references
from activate_pack.pack.model.pack import Changes, GuidePage, Location, Logo, Pack, PackInfo
from activate_pack.pack.sources.paths import LABELS_FILE, PACK_FILE, default_pack_dir
from activate_pack.pack.sources.gate import Refused, check_file, read_checked
from activate_pack.pack.sources.source import (MAX_FILE_BYTES, Located, LocatedList, deep_merge,
                                               notes_in, field_lines, read_yaml)
from activate_pack.pack.sources.validate import describe, validate


def _display(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


_ID_LINE = re.compile(r"^\s*(?:-\s+)?id:\s*['\"]?([A-Za-z0-9][A-Za-z0-9-]*)", re.MULTILINE)
"""A line giving a card's id, as found in a file YAML could not read."""


def _ids_in_unreadable(path: Path) -> set[str]:
    """The ids a card file that YAML could not read seems to give: its cards exist, so what
    names them (``order:``, ``remove:``, a recipe's ingredients) is not a second mistake."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return set()
        return set(_ID_LINE.findall(path.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return set()


def _card_docs(root: Path, folder: str, problems: Problems,
               unread: set[str] | None = None) -> Iterator[tuple[str, Located]]:
    """Yield (display path, mapping) for every card mapping in content/<folder>/*.yaml; the
    ids of files that cannot be read go into ``unread``."""
    directory = root / "content" / folder
    if not directory.is_dir():
        return
    for path in sorted(directory.iterdir()):
        shown = _display(root, path)
        if path.name.startswith(".") or path.suffix not in (".yaml", ".yml"):
            continue
        try:
            data = read_yaml(path, shown, root=root)
        except PackError as exc:
            problems.extend(exc.problems)
            if unread is not None:
                unread |= _ids_in_unreadable(path)
            continue
        if data is None:
            problems.add("this file is empty; add a card or delete the file", shown)
            continue
        for where, line, message in notes_in(data):
            problems.add(message, where, line, severity="warning")
        docs = data if isinstance(data, list) else [data]
        for index, doc in enumerate(docs):
            if isinstance(doc, Located):
                yield shown, doc
            else:
                line = data.item_marks[index][0] if isinstance(data, LocatedList) else 1
                problems.add("expected a card (a group of fields such as 'id:' and 'title:'), "
                             f"found {describe(doc)}", shown, line)


def _all_docs(root: Path, problems: Problems, inherited: int, folders: tuple[str, ...],
              unread: set[str] | None = None) -> dict[str, list[tuple[str, Located]]]:
    """Every card and guide page mapping of the pack, by folder; refused past MAX_CARDS.

    Counted as files are read, so a pack of a million cards stops after the first too many.
    """
    _count_before_reading(root, inherited, folders)
    found: dict[str, list[tuple[str, Located]]] = {}
    count = inherited
    for folder in (*folders, "guide"):
        found[folder] = []
        for shown, doc in _card_docs(root, folder, problems, unread):
            count += 1
            if count > limits.MAX_CARDS:
                raise PackError([*problems.errors,
                                 Problem(limits.too_many_cards(count), shown, doc.line)])
            found[folder].append((shown, doc))
    return found


def _count_before_reading(root: Path, inherited: int, folders: tuple[str, ...]) -> None:
    """Refuse a pack whose card files surely hold more than MAX_CARDS cards, before parsing."""
    count = inherited
    for folder in (*folders, "guide"):
        directory = root / "content" / folder
        for path in sorted(directory.glob("*.y*ml")) if directory.is_dir() else ():
            try:
                data = read_checked(check_file(root, path), MAX_FILE_BYTES)
            except (Refused, OSError):
                continue  # reported, with its reason, when the file is read for its cards
            count += limits.cards_at_least(data)
            if count > limits.MAX_CARDS:
                raise PackError(Problem(limits.too_many_cards(count), _display(root, path)))


PictureUse = tuple[str, str, str, "Location | None", "str | None"]
"""A picture named by the pack: its folder, file, the field naming it, where, and its card."""


def _picture_uses(cards: dict[str, list[Any]], root: Path, folders: dict[str, str],
                  locations: dict[str, Location], logo: Any) -> list[PictureUse]:
    """Every picture the pack's cards (and logo) name, with where each is named."""
    uses: list[PictureUse] = [(folders.get(c.id, str(root)), c.image.file, "image.file",
                               locations.get(c.id), c.id)
                              for folder in cards.values() for c in folder
                              if getattr(c, "image", None)]
    if logo is not None:
        uses.append((logo.folder, logo.image.file, "logo.file", logo.location, None))
    return uses


def _pictures(cards: dict[str, list[Any]], root: Path, folders: dict[str, str],
              locations: dict[str, Location], logo: Any) -> dict[Path, tuple[str, int | None, str | None]]:
    """Each picture file the pack's cards (and logo) use, with where it is first named."""
    found: dict[Path, tuple[str, int | None, str | None]] = {}
    for folder, file, field, where, card in _picture_uses(cards, root, folders, locations, logo):
        path, _ = images.resolve(Path(folder), file)
        if path is not None and path not in found:
            found[path] = (where.path if where else PACK_FILE,
                           where.at(field) if where else None, card)
    return found


def load_labels(root: Path, problems: Problems, base: Labels | None = None,
                kinds: Kinds | None = None) -> Labels | None:
    """The pack's labels.yaml laid over its base pack's wording (or the default pack's)."""
    default_root = default_pack_dir()
    data: dict[str, Any] = base.model_dump(by_alias=True) if base else {}
    layers = [default_root] if base is None and default_root.resolve() != root.resolve() else []
    found: Any = None
    for layer in [*layers, root]:
        path = layer / LABELS_FILE
        if path.is_file():
            try:
                found = read_yaml(path, _display(layer, path), root=layer)
            except PackError as exc:
                problems.extend(exc.problems)
                return None
            if found is not None and not isinstance(found, dict):
                problems.add("expected groups of labels", _display(layer, path), 1)
                return None
            data = deep_merge(data, found or {})
    model = (kinds or read_kinds(root, problems)).labels_model
    return validate(model, data, LABELS_FILE, problems, marks=found)  # lines of the pack's own


def load_pack(root: Path, overrides: dict[str, str] | None = None, depth: int = 0,
              language: str | None = None) -> Pack:
    """Load and validate a whole pack, raising PackError listing every problem found.

    ``overrides`` are variables set by an adaptation that extends this pack (they win over
    the pack's own); ``depth`` counts how many adaptations deep this base is; ``language``
    asks for the pack in one of its translations (None, or its own language: as written).
    """
    problems = Problems()
    info_data, info = _read_info(root, problems)
    own = adapt.own_variables(info) if info is not None else {}
    base = (adapt.load_base(root, info, info_data, {**own, **(overrides or {})}, depth, problems,
                            load_pack)
            if info is not None and info.extends else None)
    parent = base[0] if base else None
    variables = {**(parent.variables if parent else {}), **own}
    # An adaptation's own labels.yaml is laid over its base's wording (a translated base keeps
    # its translation for every label the adaptation does not change).
    kinds = read_kinds(root, problems)
    labels = load_labels(root, problems, parent.labels if parent else None, kinds)
    context = {**variables, **(overrides or {})} if info is not None else None
    read = _read_own(root, kinds, context, parent, problems)
    own_ids = {c.id for folder in read.cards.values() for c in folder} | {p.id for p in read.guide}
    changes = (adapt.merge(*base, info, info_data, read.cards, read.guide, read.locations,
                           problems, read.broken)
               if base and info else None)  # a base is only loaded for valid settings
    folders = _inherited_folders(parent, own_ids)
    # An adaptation whose pack.yaml has a mistake has no base pack loaded: its recipes name
    # the base's ingredient cards, which are not missing, only unread. One mistake, one message.
    if base is not None or not info_data.get("extends"):
        removed = Removed(set(changes.removed) if changes else set(), own_ids,
                          info_data.mark("remove")[0])
        check_references(kinds, read.cards, read.locations, problems, read.broken, removed)
    logo = adapt.pack_logo(root, info, info_data, base) if info is not None else None
    exceptions = (credits.check_images(read.cards, info, read.locations, problems, logo)
                  if info else ())
    pictures = _checked_pictures(root, read, folders, logo, problems)
    problems.raise_if_errors()
    assert info is not None  # no errors, so pack.yaml's settings validated
    sets = {kind: sorted(read.cards[kind], key=kinds.sort_key(kind)) for kind in kinds}
    guide = read.guide
    if parent:
        assert changes is not None  # merged above, as there is a base
        sets, guide, changes = _reordered(info, sets, guide, changes, parent.logo, logo)
    pack = Pack(root=str(root), info=info, labels=labels, kinds=kinds,
                sets={kind: tuple(found) for kind, found in sets.items()}, guide=tuple(guide),
                locations=read.locations, variables=variables,
                written={**({k: v for k, v in parent.written.items() if k not in own_ids}
                            if parent else {}), **read.written},
                upstream=(adapt.upstream_of(parent), *parent.upstream) if parent else (),
                bases=(adapt.base_of(parent), *parent.bases) if parent else (),
                changes=changes, exceptions=exceptions, folders=folders, logo=logo,
                pictures=pictures, info_lines=field_lines(info_data),
                warnings=tuple(p for p in problems.items if p.severity != "error"))
    if language is None or language == info.language:
        return pack
    return translations.translate(pack, root, language, context)


def _read_own(root: Path, kinds: Kinds, context: dict[str, str] | None, parent: Pack | None,
              problems: Problems) -> _Read:
    """The cards and guide pages of the pack's own files, read and validated."""
    read = _Read({kind: [] for kind in kinds})
    docs = _all_docs(root, problems, len(parent.cards) + len(parent.guide) if parent else 0,
                     tuple(kinds.folders), read.broken)  # a file YAML cannot read: its cards are broken, not missing
    _read_cards(docs, kinds, context, problems, read)
    _read_guide(docs["guide"], context, problems, read)
    return read


def _inherited_folders(parent: Pack | None, own_ids: set[str]) -> dict[str, str]:
    """The folder each inherited card came from, so its pictures are found there."""
    if parent is None:
        return {}
    return {c.id: parent.folders.get(c.id, parent.root)
            for c in (*parent.cards, *parent.guide) if c.id not in own_ids}


def _checked_pictures(root: Path, read: _Read, folders: dict[str, str], logo: Logo | None,
                      problems: Problems) -> dict[tuple[str, str], ImageFile]:
    """Every picture and the logo inspected, once no error stops it: their headers first, for
    the limits, then each opened in turn (none where an error came first)."""
    if not problems.errors:
        limits.check_pictures(_pictures(read.cards, root, folders, read.locations, logo),
                              problems)
    if problems.errors:
        return {}
    return _inspect_pictures(root, read.cards, folders, read.locations, logo, problems)


def _reordered(info: PackInfo, sets: dict[str, list[Any]], guide: list[GuidePage],
               changes: Changes, base_logo: Logo | None, logo: Logo | None
               ) -> tuple[dict[str, list[Any]], list[GuidePage], Changes]:
    """An adaptation's cards and pages in the order its ``order:`` asks for, and its changes
    saying whether that moved any and how its logo differs from its base's."""
    (*ordered, guide), reordered = adapt.apply_order(info, [*sets.values(), guide])
    changes = changes.model_copy(update={"reordered": reordered,
                                         "logo": adapt.logo_change(base_logo, logo)})
    return dict(zip(sets, ordered)), guide, changes


@dataclass
class _Read:
    """The cards and guide pages of a pack's own files, with where each was met."""

    cards: dict[str, list[Any]]
    guide: list[GuidePage] = dataclasses.field(default_factory=list)
    locations: dict[str, Location] = dataclasses.field(default_factory=dict)
    broken: set[str] = dataclasses.field(default_factory=set)
    """Ids of cards with errors of their own: not "missing" as well."""
    written: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    """Fields with placeholders, as written."""


def _read_info(root: Path, problems: Problems) -> tuple[Located, PackInfo | None]:
    """pack.yaml as read, and its settings validated (None when they have errors)."""
    try:
        info_data = read_yaml(root / PACK_FILE, PACK_FILE, root=root)
    except PackError as exc:
        raise PackError(exc.problems) from None
    for where, line, message in notes_in(info_data):
        problems.add(message, where, line, severity="warning")
    if not isinstance(info_data, Located):
        raise PackError(Problem("expected the pack's details (title:, authors:, licence: …)",
                                PACK_FILE, 1))
    info: PackInfo | None = (validate(PackInfo, info_data, PACK_FILE, problems)
            if limits.check_lists(info_data, PACK_FILE, problems)
            and limits.check_texts(info_data, PACK_FILE, problems) else None)
    return info_data, info


def _read_cards(docs: dict[str, list[tuple[str, Located]]], kinds: Kinds,
                context: dict[str, str] | None, problems: Problems, read: _Read) -> None:
    """Validate every card of every kind into ``read``, each id once."""
    for kind, model in kinds.models.items():
        for shown, doc in docs[kinds.folder(kind)]:
            card_id = doc.get("id") if isinstance(doc.get("id"), str) else None
            if not limits.check_texts(doc, shown, problems, context, kinds.untemplated,
                                      card_id):
                read.broken.add(card_id or "")
                continue
            if context is not None:
                raw = _as_written(doc, kinds.untemplated)
                doc = templating.render_doc(doc, context, shown, problems, card_id,
                                            kinds.untemplated)
                if raw and card_id:
                    read.written[card_id] = raw
            card = validate(model, doc, shown, problems, card_id)
            if card is None:
                read.broken.add(card_id or "")
                continue
            if card.id in read.locations:
                first = read.locations[card.id]
                problems.add(f"the id '{card.id}' is already used in {first.path}:{first.line}; "
                             "every card needs its own id", shown, doc.mark("id")[0], card=card.id)
                continue
            read.locations[card.id] = Location(path=shown, line=doc.line, fields=field_lines(doc))
            read.cards[kind].append(card)


def _read_guide(docs: list[tuple[str, Located]], context: dict[str, str] | None,
                problems: Problems, read: _Read) -> None:
    """Validate the guide pages into ``read``, each id once among cards and pages."""
    for shown, doc in docs:
        if not limits.check_texts(doc, shown, problems, context, templating.UNTEMPLATED):
            continue
        if context is not None:
            raw = _as_written(doc)
            doc = templating.render_doc(doc, context, shown, problems)
            if raw and isinstance(doc.get("id"), str):
                read.written[doc["id"]] = raw
        page = validate(GuidePage, doc, shown, problems, doc.get("id") if isinstance(doc.get("id"), str) else None)
        if page is not None:
            if page.id in read.locations:
                problems.add(f"the id '{page.id}' is already used in {read.locations[page.id].path}",
                             shown, doc.mark("id")[0], card=page.id)
                continue
            read.locations[page.id] = Location(path=shown, line=doc.line, fields=field_lines(doc))
            read.guide.append(page)


def _as_written(doc: Located, skip: frozenset[str] = templating.UNTEMPLATED) -> dict[str, Any]:
    """The prose fields of a card's source that hold a placeholder, as plain data."""
    plain = {key: _plain(value) for key, value in doc.items()
             if key not in skip}
    return {key: value for key, value in plain.items() if "{{" in "".join(_texts(value))}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (dict, list)):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _texts(item)


def _inspect_pictures(root: Path, cards: dict[str, list[Any]], folders: dict[str, str],
                      locations: dict[str, Location], logo: Logo | None,
                      problems: Problems) -> dict[tuple[str, str], ImageFile]:
    """Open every picture and the logo once, now, so layout only places what passed.

    Keyed by (folder, file): an inherited card's picture is found in its base pack's folder.
    """
    found: dict[tuple[str, str], ImageFile] = {}
    wanted = _picture_uses(cards, root, folders, locations, logo)
    for folder, file, field, where, card_id in wanted:
        if (folder, file) in found:
            continue
        image, message = images.inspect(Path(folder), file, field=field)
        if image is None:
            problems.add(message or f"{field}: this picture cannot be used",
                         where.path if where else None, where.at(field) if where else None,
                         card=card_id)
        else:
            found[(folder, file)] = image
    return found
