"""Card kinds as data: the declaration in content/kinds.yaml, and the models built from it.

Every kind of card (its folder, fields, schema, labels and faces) is declared once, in the
default pack's ``content/kinds.yaml``; a pack may declare kinds of its own in its own file.
The pydantic models that validate cards and labels are made from the declaration, so a new
kind needs YAML and a layout, and no code. How a kind looks (its colours, regions and icon)
is the layout's to say (layouts/*.yaml, ``icons.kinds`` for the icon).
"""

from __future__ import annotations

import json
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model, model_validator

from activate_pack.errors import PackError, Problems
from activate_pack.pack.sources import templating
from activate_pack.pack.model.labels import FacilitatorLabels, KindLabels, Labels, SetLabels, _Group
from activate_pack.pack.model.pack import CardBase, InspiredBy, Slug, Text
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.pack.sources.source import read_yaml
from activate_pack.pack.sources.validate import validate

KINDS_FILE = "content/kinds.yaml"

COMPOSE = Literal["lead", "paragraph", "field", "names", "numbered", "bullets", "section",
                  "fact", "source", "none"]


class _Decl(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FieldDecl(_Decl):
    """One field of a kind of card."""

    type: Literal["text", "list", "choice", "reference", "source"] = Field(
        description="What it holds: text, list (of texts), choice, reference (ids of cards of "
                    "another kind) or source (a name and a place).")
    required: bool = Field(False, description="The card must give it.")
    translate: bool = Field(False, description="Its words are translated.")
    description: str = Field(description="What it holds, for the JSON Schema.")
    choices: tuple[str, ...] = Field((), description="The allowed values of a choice.")
    labels: str | None = Field(None, description="Where the choices' printed names are in "
                                                 "labels.yaml, e.g. 'phases'.")
    kind: str | None = Field(None, description="The kind a reference names.")
    min: int | None = Field(None, ge=0, description="The fewest items of a list.")
    max: int | None = Field(None, ge=1, description="The most items of a list.")
    compose: COMPOSE = Field("paragraph", description="How it is printed.")
    label: str | None = Field(None, description="The label it is printed with, from the "
                                                "kind's labels.")

    @model_validator(mode="after")
    def _complete(self) -> FieldDecl:
        if self.type == "choice" and not self.choices:
            raise ValueError("a choice needs its 'choices:'")
        if self.type == "reference" and not self.kind:
            raise ValueError("a reference needs the 'kind:' of the cards it names")
        if self.compose in ("field", "names", "numbered", "section", "fact", "source") \
                and not self.label:
            raise ValueError(f"a field printed as '{self.compose}' needs a 'label:'")
        return self


class LabelDecl(_Decl):
    """One printed word of a kind, in labels.yaml under the kind's name."""

    type: Literal["text", "list", "choices"] = Field("text", description="One text, a list of "
                                                     "texts, or a name for each choice.")
    description: str = Field(description="What it is, for the schema of labels.yaml.")


class BlankDecl(_Decl):
    """How a blank card of the kind is printed: an introduction, then write-in areas."""

    intro: str = Field(description="The field that introduces the write-in areas.")
    write_ins: str = Field(description="The list of write-in headings, in the kind's labels.")
    front: int | None = Field(None, ge=1, description="For a kind whose back carries words: "
                              "how many of the write-in headings go on the front (the rest "
                              "go on the back).")


class Faces(_Decl):
    """Which fields go on each face of a card."""

    front: tuple[str, ...] = Field(description="Fields on the front, in order.")
    back: tuple[str, ...] = Field((), description="Fields on the back, in order; without "
                                                  "any, the back shows the kind's name.")

    def of(self, sides: tuple[str, ...]) -> tuple[str, ...]:
        """The fields of the named sides ('front', 'back'), in order."""
        return tuple(n for side in sides for n in (self.front if side == "front" else self.back))


class KindDecl(_Decl):
    """A kind of card, as content/kinds.yaml declares it."""

    folder: Slug = Field(description="The folder under content/ that holds its cards.")
    description: str = Field(description="What a card of this kind is.")
    name: str = Field(description="What the kind's name in labels.yaml is, for its schema.")
    detail: str | None = Field(None, description="A choice field printed beside the kind's "
                                                 "name and on the back.")
    sort: tuple[str, ...] = Field((), description="Fields the cards are sorted by.")
    blank: BlankDecl | None = Field(None, description="For kinds with blank cards.")
    write_ins: tuple[str, ...] = Field((), description="Labels of write-in areas under a "
                                                       "filled card's text.")
    labels: dict[str, LabelDecl] = Field(default_factory=dict, description="The kind's own "
                                         "printed words, in labels.yaml under its name.")
    fields: dict[str, FieldDecl] = Field(description="The card's fields, in printed order.")
    faces: Faces = Field(description="Which fields go on each face.")

    @model_validator(mode="after")
    def _names_known(self) -> KindDecl:
        named = [*self.faces.front, *self.faces.back, *self.sort,
                 *([self.detail] if self.detail else []),
                 *([self.blank.intro] if self.blank else [])]
        known = {*self.fields, "blank", "title"}
        for name in named:
            if name not in known:
                raise ValueError(f"'{name}' is not one of the kind's fields: "
                                 f"{', '.join(self.fields)}")
        for decl in self.fields.values():
            if decl.label and decl.label not in self.labels:
                raise ValueError(f"the label '{decl.label}' is not among the kind's 'labels:'")
        return self


class Declaration(_Decl):
    """The whole of content/kinds.yaml."""

    kinds: dict[Slug, KindDecl] = Field(description="The kinds of card, in printed order.")
    templates: dict[str, str] = Field(default_factory=dict, description=(
        "The worksheets of the A4 pack's templates set, with the kind whose colours each takes."))


def _choice(allowed: tuple[str, ...]) -> Any:
    """A choice as written, whatever its case or surrounding spaces: 'Low ' is 'low'."""
    def normal(value: object) -> object:
        if isinstance(value, str) and value.strip().lower() in allowed:
            return value.strip().lower()
        return value  # anything else stays as typed, so a message quotes what was written
    return Annotated[Literal[allowed], BeforeValidator(normal)]


def _field(decl: FieldDecl) -> tuple[Any, Any]:
    """The annotation and pydantic Field of one declared field."""
    if decl.type == "text":
        kind: Any = Text if decl.required else str
    elif decl.type == "list":
        kind = list[Text]
    elif decl.type == "choice":
        kind = _choice(decl.choices)
    elif decl.type == "reference":
        kind = list[Slug]
    else:
        kind = InspiredBy
    bounds: dict[str, Any] = {k: v for k, v in (("min_length", decl.min),
                                                ("max_length", decl.max)) if v is not None}
    if decl.type in ("list", "reference"):
        if decl.required:
            return kind, Field(description=decl.description, **bounds)
        return kind, Field(default_factory=list, description=decl.description, **bounds)
    if decl.required:
        return kind, Field(description=decl.description)
    return kind | None, Field(None, description=decl.description)


def _model_name(kind: str) -> str:
    return "".join(part.title() for part in kind.split("-")) + "Card"


def _card_model(kind: str, decl: KindDecl) -> type[CardBase]:
    """The pydantic model of one kind's cards, made from its declaration."""
    fields: dict[str, Any] = {
        "kind": (Literal[kind], Field(kind, description=f"Set by the folder: {decl.folder}/.")),
    }
    if decl.blank:
        fields["blank"] = (bool, Field(False, description="True for a card with write-in lines "
                                                          "instead of text."))
    for name, field in decl.fields.items():
        fields[name] = _field(field)
    model: type[CardBase] = create_model(_model_name(kind), __base__=CardBase,
                                         __doc__=decl.description, **fields)
    model.translated_fields = ("title", *(n for n, f in decl.fields.items() if f.translate),
                               "notes")
    return model


def _group(name: str, doc: str, items: dict[str, LabelDecl]) -> type[_Group]:
    """A labels.yaml group made from declared labels."""
    types: dict[str, Any] = {"text": str, "choices": dict[str, str]}
    fields: dict[str, Any] = {}
    for key, label in items.items():
        if label.type == "list":
            fields[key] = (list[str], Field(min_length=1, max_length=8,
                                            description=label.description))
        else:
            fields[key] = (types[label.type], Field(description=label.description))
    model: type[_Group] = create_model(name, __base__=_Group, __doc__=doc, **fields)
    return model


class Kinds:
    """The declared kinds of a pack, and the models made from them."""

    def __init__(self, declaration: Declaration, text: str) -> None:
        self.declaration = declaration
        self.text = text
        self.kinds: dict[str, KindDecl] = dict(declaration.kinds)

    def __reduce__(self) -> tuple[Any, ...]:
        # Its models are made, not imported: a copy in another process is made again from
        # the declaration (once per process, by _built), not pickled class by class.
        return (_built, (self.text,))

    def __iter__(self) -> Any:
        return iter(self.kinds)

    def __getitem__(self, kind: str) -> KindDecl:
        return self.kinds[kind]

    @cached_property
    def folders(self) -> dict[str, str]:
        """Content folder → kind."""
        return {decl.folder: kind for kind, decl in self.kinds.items()}

    def folder(self, kind: str) -> str:
        """The content folder of a kind's cards."""
        return self.kinds[kind].folder

    @cached_property
    def models(self) -> dict[str, type[CardBase]]:
        """Kind → the model of its cards."""
        return {kind: _picklable(_card_model(kind, decl), self.text, ("card", kind))
                for kind, decl in self.kinds.items()}

    @cached_property
    def untemplated(self) -> frozenset[str]:
        """Fields that are names or settings, not prose: placeholders there are left alone."""
        return templating.UNTEMPLATED | {name for decl in self.kinds.values()
                                         for name, field in decl.fields.items()
                                         if field.type in ("choice", "reference")}

    @cached_property
    def labels_model(self) -> type[Labels]:
        """The model of labels.yaml: the shared groups and each kind's own words."""
        kinds = create_model("KindLabels", __base__=KindLabels, __doc__=KindLabels.__doc__,  # type: ignore[call-overload]
                             **{kind: (str, Field(description=decl.name))
                                for kind, decl in self.kinds.items()})
        sets = create_model("FacilitatorLabels", __base__=FacilitatorLabels,  # type: ignore[call-overload]
                            __doc__=FacilitatorLabels.__doc__,
                            **{decl.folder: (SetLabels, ...) for decl in self.kinds.values()})
        groups: dict[str, Any] = {
            kind: (_group(_model_name(kind).replace("Card", "Labels"),
                          f"Words printed on {decl.folder} cards.", decl.labels), ...)
            for kind, decl in self.kinds.items() if decl.labels}
        model: type[Labels] = create_model("Labels", __base__=Labels, __doc__=Labels.__doc__,
                                           kinds=(kinds, ...), facilitator=(sets, ...), **groups)
        for field, (part, _) in [("kinds", (kinds, ...)), ("facilitator", (sets, ...)),
                                 *groups.items()]:
            _picklable(part, self.text, ("labels", field))
        return _picklable(model, self.text, ("labels",))

    def sort_key(self, kind: str) -> Any:
        """The key that puts a kind's cards in printed order."""
        decl = self.kinds[kind]

        def key(card: Any) -> tuple[Any, ...]:
            parts: list[Any] = []
            for name in decl.sort:
                value = getattr(card, name)
                field = decl.fields.get(name)
                if field is not None and field.type == "choice":
                    parts.append(field.choices.index(value) if value else 0)
                else:
                    parts.append(value)
            return tuple(parts)
        return key


@lru_cache(maxsize=16)
def _built(text: str) -> Kinds:
    """Kinds made once per declaration: the same declaration gives the same model classes."""
    return Kinds(Declaration.model_validate(json.loads(text)), text)


M = TypeVar("M", bound=type[BaseModel])


def _picklable(model: M, text: str, where: tuple[str, ...]) -> M:
    """``model``, its instances pickled as the declaration it was made from, where in the
    declaration's models it is, and their values.

    Pickle finds a class by its name, and made classes share the names of their bases: a
    card or labels handed back by a worker process (output/workers.py) would not pickle.
    """
    model.__made_from__ = (text, where)  # type: ignore[attr-defined]
    model.__reduce__ = _reduce  # type: ignore[assignment, method-assign]
    return model


def _reduce(self: BaseModel) -> tuple[Any, ...]:
    return (_remade, (*type(self).__made_from__, self.__getstate__()))  # type: ignore[attr-defined]


def _remade(text: str, where: tuple[str, ...], state: dict[Any, Any]) -> BaseModel:
    """An instance of the model at ``where`` among those made from ``text``, from its state."""
    kinds = _built(text)
    model: type[BaseModel] = kinds.models[where[1]] if where[0] == "card" else kinds.labels_model
    if where[0] == "labels" and len(where) > 1:
        model = model.model_fields[where[1]].annotation  # type: ignore[assignment]
    made = model.__new__(model)
    made.__setstate__(state)
    return made


def default_kinds() -> Kinds:
    """The kinds the default pack declares."""
    return read_kinds(default_pack_dir())


def read_kinds(root: Path, problems: Problems | None = None) -> Kinds:
    """The default pack's kinds, then any a pack declares in its own content/kinds.yaml."""
    own = problems if problems is not None else Problems()
    merged: dict[str, Any] = {"kinds": {}, "templates": {}}
    roots = [default_pack_dir()]
    if root.resolve() != roots[0].resolve():
        roots.append(root)
    for layer in roots:
        path = layer / KINDS_FILE
        if not path.is_file():
            continue
        try:
            found = read_yaml(path, KINDS_FILE, root=layer)
        except PackError as exc:
            own.extend(exc.problems)
            continue
        checked = validate(Declaration, found, KINDS_FILE, own)
        if checked is not None:
            merged["kinds"].update(checked.model_dump(mode="json", exclude_defaults=True)["kinds"])
            merged["templates"].update(checked.templates)
    if problems is None:
        own.raise_if_errors()
    return _built(json.dumps(merged))


def choice_name(labels: Labels, where: str | None, value: str) -> str:
    """The printed name of a choice, from the labels group ``where`` names ('phases')."""
    node: Any = labels
    for part in (where or "").split("."):
        node = getattr(node, part, None) if part else None
    if isinstance(node, dict):
        return str(node.get(value, value))
    found = getattr(node, value.replace("-", "_"), None) if node is not None else None
    return found if isinstance(found, str) else value


def kind_word(labels: Labels, kind: str, key: str) -> Any:
    """One of a kind's own printed words (text, list or names of choices)."""
    return getattr(getattr(labels, kind), key)
