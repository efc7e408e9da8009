"""Text fields get the characters that were typed, even where YAML read a number."""

from __future__ import annotations

from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationInfo, field_validator


def _takes_text(annotation: Any) -> bool:
    """True if a field's type accepts text (str, Optional[str], an annotated str)."""
    if annotation is str:
        return True
    return any(_takes_text(arg) for arg in get_args(annotation) if arg is not type(None))


def as_typed(annotation: Any, value: Any) -> Any:
    """A number given to a field of text, as the characters that were typed.

    YAML reads ``contact: 01234567`` or ``version: 1.10`` as numbers; where the model wants
    text, the reader's own text (kept on the number) is what was meant.
    """
    source = getattr(value, "source", None)
    if source is not None and _takes_text(annotation):
        return source
    if isinstance(value, list) and get_origin(annotation) in (list, tuple):
        inner = get_args(annotation)[:1]
        return [as_typed(inner[0], item) for item in value] if inner else value
    if isinstance(value, dict) and get_origin(annotation) is dict and len(get_args(annotation)) == 2:
        inner = get_args(annotation)[1]
        return {key: as_typed(inner, item) for key, item in value.items()}
    return value


def typed_text(cls: Any, value: Any, info: ValidationInfo) -> Any:
    """A model's before-validator for every field: numbers given to text fields as typed."""
    field = cls.model_fields.get(info.field_name or "")
    return as_typed(field.annotation, value) if field is not None else value


class TypedModel(BaseModel):
    """A base for pack models: a field of text gets the characters typed, even for a number."""

    _as_typed = field_validator("*", mode="before")(typed_text)
