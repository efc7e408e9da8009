"""Validation into the model: pydantic's errors as one located, plain-English problem each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from activate_pack.errors import Problems, nearest
from activate_pack.pack.sources.source import Located, LocatedList


def mark(data: Any, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
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
            args = getattr(candidate, "__args__", None)
            inner = args[0] if args else candidate
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                model = inner
                break
    return [f.alias or name for name, f in model.model_fields.items() if name != "kind"]


BOUNDS = {"greater_than": "small; it must be more than", "greater_than_equal": "small; the least is",
          "less_than": "large; it must be less than", "less_than_equal": "large; the most is"}
"""Pydantic's bound errors, as the end of a sentence."""


def field_name(loc: tuple[Any, ...]) -> str:
    """Where a value is, as a message names it: 'image.credit.licence', 'method, item 2' (items
    counted from 1, as people count them)."""
    name = ""
    for part in loc:
        if part == "[key]":  # a name, not a value
            continue
        if isinstance(part, int):
            name += f", item {part + 1}"
        else:
            name += f".{part}" if name else str(part)
    return name or "this file"


def explain(error: Mapping[str, Any], model: type[BaseModel]) -> str:
    """One pydantic error in words a pack editor understands."""
    loc = tuple(error["loc"])
    field = field_name(loc)
    kind = error["type"]
    value: Any = error.get("input")
    if kind == "missing":
        return f"{field}: this field is required"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = _field_names(model, loc[:-1])
        close = nearest(name, known, cutoff=0.6)
        hint = f" (did you mean '{close}'?)" if close else f" (known fields: {', '.join(known)})"
        return f"unknown field '{name}'{hint}"
    for words in (_wrong_type, _wrong_form, _wrong_size):
        said = words(error, kind, field, value)
        if said is not None:
            return said
    if kind == "value_error":
        return f"{field}: {error['msg'].removeprefix('Value error, ')}"
    return f"{field}: {error['msg']}"


def _wrong_type(error: Mapping[str, Any], kind: str, field: str, value: Any) -> str | None:
    """A value of the wrong type (text, list, group, true or false, number) explained."""
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        # '- Book a hall: tables and sockets' is read as a field named 'Book a hall'.
        [key] = value
        return (f"{field}: expected text, but the ': ' after '{key}' made it a field name; "
                "put the whole text in quotes")
    if kind in ("string_type",):
        return f"{field}: expected text, found {describe(value)}"
    if kind in ("list_type", "tuple_type"):
        dash = _lookalike_dash(value)
        if dash:
            return (f"{field}: expected a list, but its items start with {dash}, not the "
                    "hyphen '-' (the minus key) that starts a list item; type '- ' in its place "
                    "at the start of each item")
        return f"{field}: expected a list (lines starting with '- '), found {describe(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{field}: expected a group of fields, found {describe(value)}"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"{field}: expected true or false, found {describe(value)}"
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"):
        whole = " whole" if kind.startswith("int") else ""
        return f"{field}: expected a{whole} number, found {describe(value)}"
    return None


def _wrong_form(error: Mapping[str, Any], kind: str, field: str, value: Any) -> str | None:
    """Text of the right type in the wrong form (an id, a colour) or not one of the choices."""
    loc = tuple(error["loc"])
    if kind == "string_pattern_mismatch" and loc and loc[-1] in ("id",) or kind == "string_pattern_mismatch" and isinstance(loc[-1], int):
        return (f"{field}: {value!r} is not a valid id; use lowercase letters, digits and "
                "hyphens, such as 'walk-and-talk'")
    if kind == "string_pattern_mismatch" and "#[0-9A-Fa-f]{6}" in str(
            error.get("ctx", {}).get("pattern", "")):
        return (f"{field}: {value!r} is not a colour; write a colour as # and six hex digits, "
                'in quotes, such as "#7A1F3D"')
    if kind == "string_pattern_mismatch":
        return f"{field}: {value!r} is not in the expected form"
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        close = ""
        if isinstance(value, str):
            options = [o.strip(" '") for o in allowed.replace(" or ", ", ").split(",")]
            match = nearest(value.strip().lower(), options)
            close = f" (did you mean '{match}'?)" if match else ""
        return f"{field}: {value!r} is not allowed; use {allowed}{close}"
    return None


def _wrong_size(error: Mapping[str, Any], kind: str, field: str, value: Any) -> str | None:
    """Text or a list too short or too long, or a number beyond its bounds."""
    if kind == "string_too_short":
        return f"{field}: must not be empty"
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return f"{field}: too long ({len(value)} characters; at most {limit})"
    if kind == "too_short":
        return f"{field}: needs at least {error['ctx']['min_length']} items"
    if kind == "too_long":
        return f"{field}: has more than {error['ctx']['max_length']} items"
    if kind in BOUNDS:
        bound = next(iter(error.get("ctx", {}).values()), "")
        bound = f"{bound:g}" if isinstance(bound, (int, float)) else bound
        return f"{field}: {describe(value)} is too {BOUNDS[kind]} {bound}"
    if kind == "finite_number":
        return f"{field}: expected an ordinary number, not infinity or 'not a number'"
    return None


LOOKALIKE_DASHES = {"\u2013": "an en dash '–'", "\u2014": "an em dash '—'",
                    "\u2212": "a minus sign '−'", "\u2010": "a hyphen '‐'",
                    "\u2022": "a bullet '•'"}
"""Characters a word processor puts where a list's '-' belongs (AutoCorrect, pasted bullets)."""


def _lookalike_dash(value: Any) -> str | None:
    """The name of the look-alike dash a text starts with, if it does."""
    if isinstance(value, str) and value.strip():
        return LOOKALIKE_DASHES.get(value.strip()[0])
    return None


def describe(value: Any) -> str:
    """How a YAML value is named in a message: "a list", "the number 3", …"""
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
             card: str | None = None, marks: Any = None) -> Any | None:
    """Validate ``data`` into ``model``; record each failure with its line, return None on failure.

    ``marks`` is the located YAML to find lines in, when ``data`` was merged from several files.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in _without_echoes(exc.errors()):
            line, col = mark(data if marks is None else marks, tuple(error["loc"]))
            problems.add(explain(error, model), path, line, col, card)
        return None


def _without_echoes(errors: list[Any]) -> list[Any]:
    """Errors less those that only echo another: a misspelt field is one mistake.

    ``sumary:`` for ``summary:`` makes pydantic report both an unknown field and a missing
    one; the message for the unknown field already says "did you mean 'summary'?".
    """
    misspelt = {(tuple(e["loc"][:-1]), str(e["loc"][-1])) for e in errors
                if e["type"] == "extra_forbidden" and e["loc"]}
    kept = []
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and loc and any(
                parent == loc[:-1] and nearest(name, [str(loc[-1])], cutoff=0.6)
                for parent, name in misspelt):
            continue
        kept.append(error)
    return kept
