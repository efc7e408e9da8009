"""Adaptations: a pack that extends a base pack, overlays its own cards and says what changed.

The base is either the built-in pack (``extends: default``) or a folder inside the adaptation
(``extends: upstream``), so building never reads outside the adaptation's own folder. The base
is loaded with the adaptation's variables, local files replace base cards by id, ``remove:``
leaves cards out and ``order:`` puts some first; then the differences are computed, so the
change notice the licence asks for is always true.
"""

from __future__ import annotations

import filecmp
from pathlib import Path
from typing import Any, Callable

from activate_pack.errors import PackError, Problem, Problems, nearest
from activate_pack.pack.sources.images import resolve
from activate_pack.pack.model.licences import adaptation_refusal
from activate_pack.pack.model.pack import (PACK_FIELDS, Base, Changes, GuidePage, Location, Logo,
                                           Pack, PackInfo, Upstream)
from activate_pack.pack.sources.paths import PACK_FILE, default_pack_dir
from activate_pack.pack.sources.gate import Refused, check_path, resolve_inside
from activate_pack.pack.sources.source import Located, read_yaml

DEFAULT_BASE = "default"
"""The value of ``extends:`` that names the built-in Activate Pack."""

MAX_DEPTH = 8
"""Adaptations of adaptations nest one folder deeper each time; more than this is a mistake."""


def _line(data: Any, key: str) -> int | None:
    return data.mark(key)[0] if isinstance(data, Located) else None


def own_variables(info: PackInfo) -> dict[str, str]:
    """The variables a pack.yaml sets itself: its locality, then its ``variables:``."""
    found = {"locality": info.locality} if info.locality else {}
    found.update(info.variables)
    return found


def base_dir(root: Path, info: PackInfo, data: Any) -> Path:
    """The folder of the base pack named by ``extends:``, which must lie inside ``root``."""

    line = _line(data, "extends")
    name = (info.extends or "").strip()
    if name == DEFAULT_BASE:
        return default_pack_dir()
    try:
        base = check_path(root, name, folder=True)
    except FileNotFoundError:
        raise PackError(Problem(f"extends: there is no folder '{name}' in this pack; copy the "
                                "base pack there, or write 'extends: default'",
                                PACK_FILE, line)) from None
    except Refused as exc:
        what = str(exc).split(";")[0]
        raise PackError(Problem(f"extends: '{name}' {what}; it must be 'default' or a folder "
                                "inside this pack, such as 'upstream'; copy the base pack into "
                                "this folder", PACK_FILE, line)) from None
    if base == root.resolve():
        raise PackError(Problem(f"extends: '{name}' is this pack itself; it must be 'default' "
                                "or a folder inside this pack, such as 'upstream'",
                                PACK_FILE, line))
    if not (base / PACK_FILE).is_file():
        raise PackError(Problem(f"extends: there is no pack in '{name}' (no {name}/{PACK_FILE}); "
                                "copy the base pack there, or write 'extends: default'",
                                PACK_FILE, line))
    return base


def _moved(problem: Problem, prefix: str) -> Problem:
    path = f"{prefix}/{problem.path}" if prefix and problem.path else problem.path
    return Problem(problem.message, path, problem.line, problem.column, problem.card,
                   problem.severity)


def load_base(root: Path, info: PackInfo, data: Any, overrides: dict[str, str], depth: int,
              problems: Problems, load_pack: Callable[[Path, dict[str, str], int], Pack]
              ) -> tuple[Pack, str] | None:
    """Load the base pack with this pack's variables; return it and its folder as shown.

    ``load_pack`` is the loader itself, passed in: a base is loaded the way its adaptation is.
    """

    if depth >= MAX_DEPTH:
        problems.add(f"extends: adaptations are nested more than {MAX_DEPTH} deep", PACK_FILE,
                     _line(data, "extends"))
        return None
    prefix = ""  # where the base's files are shown from: '' for the built-in pack
    try:
        base_root = base_dir(root, info, data)
        prefix = ("" if base_root == default_pack_dir()
                  else base_root.resolve().relative_to(root.resolve()).as_posix())
        base = load_pack(base_root, overrides, depth + 1)
    except PackError as exc:
        problems.extend([_moved(p, prefix) for p in exc.problems])
        return None
    check_base(info, data, base, problems)
    return base, prefix


def base_of(base: Pack) -> Base:
    """What an adaptation keeps of its base for translating: the base's folder, language,
    labels and pack words."""
    words = {name: value for name in PACK_FIELDS
             if isinstance(value := getattr(base.info, name), str)}
    return Base(root=base.root, language=base.info.language, labels=base.labels, words=words)


def base_folders(root: Path) -> list[Path]:
    """The folders of the packs ``root`` is built on, nearest first, read from each
    pack.yaml's ``extends:`` without loading the packs; where one cannot be found, the list
    ends there (loading the pack reports why)."""
    found: list[Path] = []
    while len(found) < MAX_DEPTH:
        try:
            data = read_yaml(root / PACK_FILE, PACK_FILE, root=root)
        except PackError:
            break
        name = data.get("extends") if isinstance(data, Located) else None
        if not isinstance(name, str) or not name.strip():
            break
        try:
            # A partial PackInfo, unchecked: base_dir reads its extends: alone.
            partial_info = PackInfo.model_construct(extends=name)  # type: ignore[call-arg]
            root = base_dir(root, partial_info, data)
        except PackError:
            break
        found.append(root)
    return found


def check_base(info: PackInfo, data: Any, base: Pack, problems: Problems) -> None:
    """The licence, the upstream credit and the history must respect the base pack."""

    reason = adaptation_refusal(base.info.licence, info.licence)
    if reason:
        problems.add(f"licence: {info.licence} cannot be used: {reason}", PACK_FILE,
                     _line(data, "licence"))
    expected = upstream_of(base)
    if info.upstream is None:
        problems.add("upstream: this pack adapts another ('extends:'), so it must keep the credit "
                     "to the original; add back the 'upstream:' lines as 'activate-pack new' "
                     f"wrote them: title: {expected.title!r}, authors: {list(expected.authors)}, "
                     f"source_url: {expected.source_url!r}, licence: {expected.licence}",
                     PACK_FILE, _line(data, "extends"))
    elif info.upstream.model_copy(update={"version": None}) != \
            expected.model_copy(update={"version": None}):
        problems.add("upstream: the base pack's credit must stay as it is; set it back to "
                     f"title: {expected.title!r}, authors: {list(expected.authors)}, "
                     f"source_url: {expected.source_url!r}, licence: {expected.licence} "
                     "(the licence asks you to keep the original attribution)",
                     PACK_FILE, _line(data, "upstream"))
    missing = [entry for entry in base.info.history if entry not in info.history]
    if not info.history or len(info.history) <= len(base.info.history) - len(missing):
        problems.add("history: say what your version changes, in a line of its own after the "
                     "original's: '- {who: Your group, when: 2026-05-01, what: Adapted for "
                     "our area}' (the licence asks adaptations to say what they changed)",
                     PACK_FILE, _line(data, "history") or _line(data, "extends"))
    elif missing:
        entry = missing[0]
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        problems.add(f"history: the earlier entry '{entry.when}, {entry.who}: {entry.what}'{more} "
                     "from the base pack is missing; keep every earlier entry and add yours "
                     "after them", PACK_FILE, _line(data, "history"))


def upstream_of(base: Pack) -> Upstream:
    """The attribution of a base pack, as an adaptation records it."""
    info = base.info
    return Upstream(title=info.title, authors=[a.name for a in info.authors],
                    source_url=info.source_url, licence=info.licence, version=info.version)


def merge(base: Pack, prefix: str, info: PackInfo, data: Any, cards: dict[str, list[Any]],
          guide: list[GuidePage], locations: dict[str, Location],
          problems: Problems, broken: set[str] | frozenset[str] = frozenset()) -> Changes:
    """Lay the local cards over the base's, in place, and return what changed.

    ``broken``: ids of cards with mistakes of their own, already reported: ``order:`` naming
    one is not a second mistake."""

    local = {c.id: c for folder in cards.values() for c in folder} | {p.id: p for p in guide}
    base_items = {c.id: c for c in (*base.cards, *base.guide)}
    remove = set(info.remove)
    for card_id in info.remove:
        if card_id in local:
            problems.add(f"remove: '{card_id}' is also defined in "
                         f"{locations[card_id].path}; delete that file or take the id off "
                         "this list", PACK_FILE, _line(data, "remove"), card=card_id)
        elif card_id not in base_items:
            # No '(card …)' after it: there is no such card to name.
            problems.add(f"remove: the base pack has no card or page with the id "
                         f"'{card_id}'{_nearest(card_id, list(base_items))}", PACK_FILE,
                         _line(data, "remove"))
    for kind, mine in cards.items():
        cards[kind] = _overlay(base.of(kind), mine, local, remove, prefix, base, locations)
    guide[:] = _overlay(base.guide, guide, local, remove, prefix, base, locations)
    merged_ids = [item.id for folder in cards.values() for item in folder] + [p.id for p in guide]
    for card_id in info.order:
        if card_id not in merged_ids and card_id not in broken:
            problems.add(f"order: there is no card with the id '{card_id}'"
                         f"{_nearest(card_id, merged_ids)}", PACK_FILE, _line(data, "order"))
    _replaced_elsewhere(local, base, locations, problems)
    changed = sorted(i for i in local if i in base_items and local[i] != base_items[i])
    added = sorted(i for i in local if i not in base_items)
    language = ((base.info.language, info.language)
                if base.info.language != info.language else None)
    variables = {k: v for k, v in own_variables(info).items() if base.variables.get(k) != v}
    removed = sorted(remove & set(base_items))
    titles = {i: base_items[i].title for i in removed} | {i: local[i].title
                                                          for i in (*added, *changed)}
    kinds = {i: getattr(base_items[i], "kind", "guide") for i in removed}
    return Changes(added=tuple(added), changed=tuple(changed), removed=tuple(removed),
                   variables=variables, language=language, titles=titles, removed_kinds=kinds)


def _replaced_elsewhere(local: dict[str, Any], base: Pack, locations: dict[str, Location],
                        problems: Problems) -> None:
    """Warn where a card replaces an original from another file: perhaps a new card was meant.

    Changing a card is done by a file of the same name with the same id; an id reused in a
    file of another name more often means a new card that took an id already in use.
    """
    for card_id, item in local.items():
        original, mine = base.locations.get(card_id), locations.get(card_id)
        if original is None or mine is None or Path(original.path).name == Path(mine.path).name:
            continue
        title = getattr(base.card(card_id) if card_id in {c.id for c in base.cards} else item,
                        "title", card_id)
        problems.add(f"id: this replaces the original card '{card_id}' ('{title}', in "
                     f"{original.path} of the original); if you meant a new card, give it an "
                     f"id of its own; if you meant to change that card, name this file "
                     f"{Path(original.path).name} (as 'activate-pack copy {card_id}' does)",
                     mine.path, mine.line, card=card_id, severity="warning")


def _overlay(base_items: tuple[Any, ...], mine: list[Any], local: dict[str, Any], remove: set[str],
             prefix: str, base: Pack, locations: dict[str, Location]) -> list[Any]:
    """Base items in their order (replaced where overridden), then this pack's new ones."""
    merged: list[Any] = []
    placed: set[str] = set()
    mine_ids = {item.id for item in mine}
    for item in base_items:
        if item.id in remove:
            continue
        if item.id in mine_ids:
            merged.append(local[item.id])
            placed.add(item.id)
        elif item.id not in local:  # an id moved to another kind is placed with that kind
            merged.append(item)
            where = base.locations.get(item.id)
            if where is not None:
                path = f"{prefix}/{where.path}" if prefix else where.path
                locations[item.id] = where.model_copy(update={"path": path})
    merged.extend(item for item in mine if item.id not in placed)
    return merged


def pack_logo(root: Path, info: PackInfo, data: Any, base: tuple[Pack, str] | None) -> Logo | None:
    """The logo a pack prints: its own ``logo:``, else (for an adaptation) its base's.

    An empty ``logo:`` is a choice too: no logo at all, not even the base's, since an
    organisation adapting a pack may not want another organisation's mark on its cards.
    """

    if isinstance(data, Located) and "logo" in data:
        if info.logo is None:
            return None
        return Logo(image=info.logo, folder=str(root),
                    location=Location(path=PACK_FILE, line=_line(data, "logo")))
    if base is None or base[0].logo is None:
        return None
    inherited, prefix = base[0].logo, base[1]
    # The file stays where it is (the base's folder); messages point into the base's pack.yaml.
    where = inherited.location
    shown = f"{prefix}/{where.path}" if prefix else where.path
    return inherited.model_copy(update={"location": Location(path=shown, line=where.line)})


def logo_change(before: Logo | None, after: Logo | None) -> str | None:
    """'added', 'changed' or 'removed' when an adaptation's logo differs from its base's."""
    if before is None or after is None:
        return None if before is after else ("added" if before is None else "removed")
    if before.image == after.image and _same_file(before, after):
        return None
    return "changed"


def _same_file(one: Logo, two: Logo) -> bool:
    """True if both logos' files hold the same bytes (a copied logo is not a changed one)."""
    first, _ = resolve(Path(one.folder), one.image.file)
    second, _ = resolve(Path(two.folder), two.image.file)
    if first is None or second is None:
        return False
    try:
        return filecmp.cmp(first, second, shallow=False)
    except OSError:  # a missing file is reported when the logo is placed; here it just differs
        return False


def _nearest(name: str, known: list[str]) -> str:
    close = nearest(name, known)
    return f"; did you mean '{close}'?" if close else ""


def apply_order(info: PackInfo, groups: list[list[Any]]) -> tuple[list[list[Any]], bool]:
    """Put the ids listed under ``order:`` first within their kind (ids are checked in merge)."""
    rank = {card_id: index for index, card_id in enumerate(info.order)}
    if not rank:
        return groups, False
    result = [sorted(group, key=lambda item: rank.get(item.id, len(rank))) for group in groups]
    return result, any(a != b for a, b in zip(result, groups))


def base_layout_dirs(root: Path) -> list[Path]:
    """The layouts/ folders of the base packs copied inside an adaptation, nearest first.

    Problems are left for loading to report; this only follows ``extends:`` while it can.
    """
    from activate_pack.pack.sources.source import read_yaml

    found: list[Path] = []
    current = root
    for _ in range(MAX_DEPTH):
        try:
            data = read_yaml(current / PACK_FILE, PACK_FILE, root=root)
        except PackError:
            break
        name = data.get("extends") if isinstance(data, dict) else None
        if not isinstance(name, str) or name.strip() in ("", DEFAULT_BASE):
            break
        try:
            base = check_path(current, name.strip(), folder=True)
            resolve_inside(root, base)
        except (Refused, OSError):
            break
        if base == current.resolve():
            break
        found.append(base / "layouts")
        current = base
    return found
