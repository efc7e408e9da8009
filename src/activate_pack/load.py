"""Read a pack folder into the validated model, collecting every problem before failing."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from activate_pack.errors import PackError, Problem, Problems, nearest
from activate_pack.labels import Labels
from activate_pack.model import (ASSET_TYPES, CARD_MODELS, PHASES, GuidePage, Location, Pack,
                                 PackInfo)
from activate_pack.source import Located, LocatedList, deep_merge, inside, read_yaml

PACK_FILE = "content/pack.yaml"
LABELS_FILE = "content/labels.yaml"


def default_pack_dir() -> Path:
    """The pack embedded in the installed package (or the repository, in a development install)."""
    here = Path(__file__).resolve().parent
    embedded = here / "default_pack"
    if (embedded / PACK_FILE).is_file():
        return embedded
    repo = here.parent.parent
    if (repo / PACK_FILE).is_file():
        return repo
    raise PackError("the default pack is missing from this installation; reinstall activate-pack")


def find_pack(path: Path | None) -> Path:
    """The pack folder to use: PATH, else the current folder if it is a pack, else the default."""
    if path is None:
        if (Path.cwd() / PACK_FILE).is_file():
            return Path.cwd()
        return default_pack_dir()
    if not path.exists():
        raise PackError(f"{path}: no such folder")
    if path.is_file() and path.name == "pack.yaml":
        path = path.parent.parent
    if not (path / PACK_FILE).is_file():
        raise PackError(f"{path}: not a pack folder (it has no {PACK_FILE}); "
                        "run 'activate-pack new FOLDER' to start one")
    return path


def _display(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _mark(data: Any, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """Find the line and column for a pydantic error location inside located YAML data."""
    line = col = None
    node = data
    for part in loc:
        if isinstance(node, Located):
            line, col = node.mark(part) if isinstance(part, str) else (node.line, node.column)
            node = node.get(part) if isinstance(part, str) else None
        elif isinstance(node, LocatedList) and isinstance(part, int) and part < len(node):
            line, col = node.item_marks[part]
            node = node[part]
        else:
            break
    if line is None and isinstance(data, (Located, LocatedList)):
        line, col = data.line, data.column
    return line, col


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Known field names of the (possibly nested) model at ``loc``, for "did you mean"."""
    for part in loc:
        if not isinstance(part, str) or part not in model.model_fields:
            continue
        annotation = model.model_fields[part].annotation
        for candidate in getattr(annotation, "__args__", ()) or (annotation,):
            inner = getattr(candidate, "__args__", (candidate,))[0] if hasattr(candidate, "__args__") else candidate
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                model = inner
                break
    return [f.alias or name for name, f in model.model_fields.items() if name != "kind"]


def explain(error: dict[str, Any], model: type[BaseModel]) -> str:
    """One pydantic error in words a pack editor understands."""
    loc = tuple(error["loc"])
    field = ".".join(str(p) for p in loc) or "this file"
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return f"{field}: this field is required"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = _field_names(model, loc[:-1])
        close = nearest(name, known, cutoff=0.6)
        hint = f" (did you mean '{close}'?)" if close else f" (known fields: {', '.join(known)})"
        return f"unknown field '{name}'{hint}"
    if kind in ("string_type",):
        return f"{field}: expected text, found {_describe(value)}"
    if kind in ("list_type", "tuple_type"):
        return f"{field}: expected a list (lines starting with '- '), found {_describe(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{field}: expected a group of fields, found {_describe(value)}"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"{field}: expected true or false, found {_describe(value)}"
    if kind == "string_pattern_mismatch" and loc and loc[-1] in ("id",) or kind == "string_pattern_mismatch" and isinstance(loc[-1], int):
        return (f"{field}: {value!r} is not a valid id; use lowercase letters, digits and "
                "hyphens, such as 'walk-and-talk'")
    if kind == "string_pattern_mismatch":
        return f"{field}: {value!r} is not in the expected form"
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        close = ""
        if isinstance(value, str):
            options = [o.strip(" '") for o in allowed.replace(" or ", ", ").split(",")]
            match = nearest(value, options)
            close = f" (did you mean '{match}'?)" if match else ""
        return f"{field}: {value!r} is not allowed; use {allowed}{close}"
    if kind == "string_too_short":
        return f"{field}: must not be empty"
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return f"{field}: too long ({len(value)} characters; at most {limit})"
    if kind == "too_short":
        return f"{field}: needs at least {error['ctx']['min_length']} items"
    if kind == "too_long":
        return f"{field}: has more than {error['ctx']['max_length']} items"
    if kind == "value_error":
        return f"{field}: {error['msg'].removeprefix('Value error, ')}"
    return f"{field}: {error['msg']}"


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return repr(value)


def validate(model: type[BaseModel], data: Any, path: str, problems: Problems,
             card: str | None = None) -> Any | None:
    """Validate ``data`` into ``model``; record each failure with its line, return None on failure."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            line, col = _mark(data, tuple(error["loc"]))
            problems.add(explain(error, model), path, line, col, card)
        return None


def _card_docs(root: Path, folder: str, problems: Problems) -> Iterator[tuple[str, Located]]:
    """Yield (display path, mapping) for every card mapping in content/<folder>/*.yaml."""
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
            continue
        if data is None:
            problems.add("this file is empty; add a card or delete the file", shown)
            continue
        docs = data if isinstance(data, list) else [data]
        for index, doc in enumerate(docs):
            if isinstance(doc, Located):
                yield shown, doc
            else:
                line = data.item_marks[index][0] if isinstance(data, LocatedList) else 1
                problems.add("expected a card (a group of fields such as 'id:' and 'title:'), "
                             f"found {_describe(doc)}", shown, line)


def load_labels(root: Path, problems: Problems, base: Labels | None = None) -> Labels | None:
    """The pack's labels.yaml laid over its base pack's wording (or the default pack's)."""
    default_root = default_pack_dir()
    data: dict[str, Any] = base.model_dump(by_alias=True) if base else {}
    layers = [default_root] if base is None and default_root.resolve() != root.resolve() else []
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
    return validate(Labels, data, LABELS_FILE, problems)


def load_pack(root: Path, overrides: dict[str, str] | None = None, depth: int = 0) -> Pack:
    """Load and validate a whole pack, raising PackError listing every problem found.

    ``overrides`` are variables set by an adaptation that extends this pack (they win over
    the pack's own); ``depth`` counts how many adaptations deep this base is.
    """
    from activate_pack import adapt, credits, templating

    problems = Problems()
    try:
        info_data = read_yaml(root / PACK_FILE, PACK_FILE, root=root)
    except PackError as exc:
        raise PackError(exc.problems) from None
    if not isinstance(info_data, Located):
        raise PackError(Problem("expected the pack's details (title:, authors:, licence: …)",
                                PACK_FILE, 1))
    info = validate(PackInfo, info_data, PACK_FILE, problems)
    own = adapt.own_variables(info) if info is not None else {}
    base = (adapt.load_base(root, info, info_data, {**own, **(overrides or {})}, depth, problems)
            if info is not None and info.extends else None)
    variables = {**(base[0].variables if base else {}), **own}
    # An adaptation's own labels.yaml is laid over its base's wording (a translated base keeps
    # its translation for every label the adaptation does not change).
    labels = load_labels(root, problems, base[0].labels if base else None)
    context = {**variables, **(overrides or {})} if info is not None else None

    cards: dict[str, list[Any]] = {folder: [] for folder in CARD_MODELS}
    locations: dict[str, Location] = {}
    broken: set[str] = set()  # ids of cards with errors of their own: not "missing" as well
    for folder, model in CARD_MODELS.items():
        for shown, doc in _card_docs(root, folder, problems):
            card_id = doc.get("id") if isinstance(doc.get("id"), str) else None
            if context is not None:
                doc = templating.render_doc(doc, context, shown, problems, card_id)
            card = validate(model, doc, shown, problems, card_id)
            if card is None:
                broken.add(card_id or "")
                continue
            if card.id in locations:
                first = locations[card.id]
                problems.add(f"the id '{card.id}' is already used in {first.path}:{first.line}; "
                             "every card needs its own id", shown, doc.mark("id")[0], card=card.id)
                continue
            locations[card.id] = Location(path=shown, line=doc.line)
            cards[folder].append(card)

    guide: list[GuidePage] = []
    for shown, doc in _card_docs(root, "guide", problems):
        if context is not None:
            doc = templating.render_doc(doc, context, shown, problems)
        page = validate(GuidePage, doc, shown, problems, doc.get("id") if isinstance(doc.get("id"), str) else None)
        if page is not None:
            if page.id in locations:
                problems.add(f"the id '{page.id}' is already used in {locations[page.id].path}",
                             shown, doc.mark("id")[0], card=page.id)
                continue
            locations[page.id] = Location(path=shown, line=doc.line)
            guide.append(page)

    own_ids = {c.id for folder in cards.values() for c in folder} | {p.id for p in guide}
    changes = (adapt.merge(base[0], base[1], info, info_data, cards, guide, locations, problems)
               if base else None)
    # Inherited cards keep the folder they came from, so their pictures are found there.
    folders = {c.id: base[0].folders.get(c.id, base[0].root)
               for c in (*base[0].cards, *base[0].guide) if c.id not in own_ids} if base else {}
    _check_references(cards, locations, problems, broken)
    logo = adapt.pack_logo(root, info, info_data, base) if info is not None else None
    exceptions = credits.check_images(cards, info, locations, problems, logo) if info else ()
    problems.raise_if_errors()
    questions = sorted(cards["questions"], key=lambda c: PHASES.index(c.phase))
    ingredients = sorted(cards["ingredients"], key=lambda c: (
        c.blank, ASSET_TYPES.index(c.asset_type) if c.asset_type else 0))
    recipes = sorted(cards["recipes"], key=lambda c: c.blank)
    if base:
        (questions, ingredients, recipes, guide), reordered = adapt.apply_order(
            info, [questions, ingredients, recipes, guide])
        changes = changes.model_copy(update={"reordered": reordered,
                                             "logo": adapt.logo_change(base[0].logo, logo)})
    return Pack(root=str(root), info=info, labels=labels, recipes=tuple(recipes),
                questions=tuple(questions), ingredients=tuple(ingredients), guide=tuple(guide),
                locations=locations, variables=variables,
                upstream=(adapt.upstream_of(base[0]), *base[0].upstream) if base else (),
                changes=changes, exceptions=exceptions, folders=folders, logo=logo)


def _check_references(cards: dict[str, list[Any]], locations: dict[str, Location],
                      problems: Problems, broken: set[str] | None = None) -> None:
    """Every ingredient a recipe names must be an ingredient card of the pack."""
    known = [c.id for c in cards["ingredients"] if not c.blank]
    for recipe in cards["recipes"]:
        for ref in recipe.ingredients:
            if ref in known or ref in (broken or ()):
                continue
            close = nearest(ref, known)
            hint = f"; did you mean '{close}'?" if close else ""
            where = locations[recipe.id]
            problems.add(f"ingredients: there is no ingredient card with the id '{ref}'{hint}",
                         where.path, where.line, card=recipe.id)
