"""Layout specs: YAML files in ``layouts/`` with ``extends`` inheritance, millimetres in, points out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints,
                      ValidationError, field_validator, model_validator)
from pydantic_core import PydanticCustomError

from activate_pack.errors import PackError, Problem, Problems, nearest
from activate_pack.pack.gate import LayoutName, layout_name_problems
from activate_pack.pack.source import Located, deep_merge, read_yaml
from activate_pack.text import FAMILIES

MM = 72.0 / 25.4
"""Points per millimetre: YAML speaks millimetres, everything after loading speaks points."""


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class TypeSize(_Spec):
    """A text size: the size to start at, and the smallest it may shrink to."""

    size: float = Field(gt=3, le=200, description="Starting size in points.")
    min: float | None = Field(None, gt=3, le=200, description="Smallest size in points "
                                                                "(defaults to the starting size).")
    leading: float = Field(1.25, ge=1.0, le=2.5, description="Line spacing as a multiple of the size.")

    @model_validator(mode="after")
    def _shrinks(self) -> TypeSize:
        if self.min is not None and self.min > self.size:
            raise ValueError(f"the smallest size (min: {self.min:g}) is larger than the starting "
                             f"size (size: {self.size:g}); make min at most {self.size:g}")
        return self

    @property
    def smallest(self) -> float:
        return self.min if self.min is not None else self.size


class KindColours(_Spec):
    """Colours for one card kind."""

    main: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$", description="The kind's strong colour.")
    tint: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$", description="A pale version for panels.")
    on_main: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$", description="Text colour on the strong colour.")


class Colours(_Spec):
    """Colours shared by every kind."""

    text: str = Field("#1A1A1A", pattern=r"^#[0-9A-Fa-f]{6}$", description="Body text.")
    muted: str = Field("#4D4D4D", pattern=r"^#[0-9A-Fa-f]{6}$", description="Secondary text.")
    paper: str = Field("#FFFFFF", pattern=r"^#[0-9A-Fa-f]{6}$", description="The page.")
    rule: str = Field("#8C8C8C", pattern=r"^#[0-9A-Fa-f]{6}$", description="Write-in lines and rules.")


Mm = Annotated[float, Field(ge=-50, le=2000)]
"""A position or length on a page, in mm: bounded, so no page can reach absurd sizes."""


def _positive_size(rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    if rect[2] <= 0 or rect[3] <= 0:
        raise ValueError(f"[{', '.join(f'{v:g}' for v in rect)}] has no area: a region is "
                         "[x, y, width, height] in mm, and width and height must be more than 0")
    return rect


Rect = Annotated[tuple[Mm, Mm, Mm, Mm], AfterValidator(_positive_size)]


class CardOverride(_Spec):
    """Per-kind changes to regions and type sizes."""

    regions: dict[str, Rect] = Field(default_factory=dict)
    type: dict[str, TypeSize] = Field(default_factory=dict)


class PrintChoice(_Spec):
    """How a layout is printed in one ``--print`` mode."""

    sheet: LayoutName = Field(description="The sheet template, a file in layouts/sheets/ (without .yaml).")
    layout: LayoutName | None = Field(None, description="A variant layout for the card faces in this "
                                                 "mode, e.g. 'a6-home'; default: this layout.")


PageSide = Annotated[float, Field(ge=20, le=1500)]
"""A page's width or height in mm: from a small label to a large poster."""

Percent = Annotated[float, Field(ge=0, le=100)]
CMYK = tuple[Percent, Percent, Percent, Percent]
HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]


class LayoutSpec(_Spec):
    """A resolved layout: page geometry, type, colours and regions (millimetres)."""

    name: str
    description: str = ""
    font: str = Field("atkinson", description="Bundled font family for all text.")
    page: tuple[PageSide, PageSide] = Field(description="Page width and height in mm.")
    margin: float = Field(ge=0, le=100, description="Distance from the page edge to text, in mm.")
    safe: float = Field(5.0, ge=0, le=50, description="Text must stay at least this far inside "
                                                      "the page edge (mm).")
    bleed: float = Field(3.0, ge=0, le=10, description="Bleed for print-shop output, in mm.")
    type: dict[str, TypeSize]
    colours: Colours = Field(default_factory=Colours)
    kinds: dict[str, KindColours]
    regions: dict[str, Rect] = Field(description="Named boxes [x, y, width, height] in mm, "
                                                 "measured from the top-left corner of the page.")
    cards: dict[str, CardOverride] = Field(default_factory=dict,
                                           description="Per-kind overrides of regions and type.")
    inset: float = Field(0.0, ge=0, le=20, description="Page-edge backgrounds stop this far "
                                                        "inside the page edge (mm), for printers "
                                                        "that cannot print to the edge.")
    printing: dict[Literal["shop", "home"], PrintChoice] = Field(
        default_factory=dict, description="The sheet template (and face layout) for each --print mode.")
    cmyk: dict[HexColour, CMYK] = Field(
        default_factory=dict, description="CMYK ink percentages for some colours with --cmyk, "
                                          "e.g. '#1A1A1A': [0, 0, 0, 100]; others are converted.")

    _layers: tuple[tuple[str, Located], ...] = PrivateAttr(default=())
    """The YAML files this layout was merged from, itself first, for messages."""

    def where(self, key: str) -> tuple[str, int | None]:
        """The layout file and line that set ``key`` (dotted: 'kinds.recipe.main'), for messages."""
        parts = key.split(".")
        for shown, raw in self._layers:
            node: Any = raw
            for depth, part in enumerate(parts):
                if not isinstance(node, Located) or part not in node:
                    break
                if depth == len(parts) - 1:
                    return shown, node.mark(part)[0]
                node = node[part]
        return (self._layers[0][0] if self._layers else f"layouts/{self.name}.yaml"), None

    @field_validator("font")
    @classmethod
    def _bundled(cls, value: str) -> str:
        if value not in FAMILIES:
            close = nearest(value, list(FAMILIES))
            hint = f"did you mean '{close}'? " if close else ""
            raise ValueError(f"there is no bundled font family called '{value}'; {hint}the "
                             f"bundled families are: {', '.join(sorted(FAMILIES))}")
        return value

    @model_validator(mode="after")
    def _regions_on_the_page(self) -> LayoutSpec:
        width, height = self.page
        overrides = [(("cards", kind, "regions"), o.regions) for kind, o in self.cards.items()]
        for where, regions in [(("regions",), self.regions), *overrides]:
            for name, (x, y, w, h) in regions.items():
                if x < -self.bleed - 0.01 or y < -self.bleed - 0.01 or x + w > width + self.bleed \
                        + 0.01 or y + h > height + self.bleed + 0.01:
                    # The error names the region's own place, so its line can be found.
                    raise PydanticCustomError("off_page", "{rect} reaches off the {page} mm "
                                              "page; a region is [x, y, width, height] in mm "
                                              "from the top-left corner", {
                                                  "rect": f"[{x:g}, {y:g}, {w:g}, {h:g}]",
                                                  "page": f"{width:g} × {height:g}",
                                                  "where": (*where, name)})
        return self

    def _missing(self, what: str, name: str, section: str) -> PackError:
        """The problem for a region, type style or card kind the layout lacks."""
        return PackError(Problem(f"the {self.name} layout has no {what} '{name}', which the "
                                 f"{self.name} pages need; add '{name}:' under '{section}:' (in "
                                 "this layout or the one it extends)",
                                 f"layouts/{self.name}.yaml"))

    @property
    def width(self) -> float:
        """Page width in points."""
        return self.page[0] * MM

    @property
    def height(self) -> float:
        """Page height in points."""
        return self.page[1] * MM

    def region(self, name: str, kind: str | None = None) -> tuple[float, float, float, float]:
        """A region as (x, bottom, width, height) in points, PDF coordinates."""
        override = self.cards.get(kind) if kind else None
        if override and name in override.regions:
            x, y, w, h = override.regions[name]
        elif name in self.regions:
            x, y, w, h = self.regions[name]
        else:
            raise self._missing("region", name, "regions")
        return x * MM, self.height - (y + h) * MM, w * MM, h * MM

    def has_region(self, name: str, kind: str | None = None) -> bool:
        """True if the layout defines the region (for this kind)."""
        override = self.cards.get(kind) if kind else None
        return name in self.regions or bool(override and name in override.regions)

    def size(self, role: str, kind: str | None = None) -> TypeSize:
        """The type size for a role such as 'title' or 'body'."""
        override = self.cards.get(kind) if kind else None
        if override and role in override.type:
            return override.type[role]
        if role not in self.type:
            raise self._missing("type style", role, "type")
        return self.type[role]

    def colours_for(self, kind: str) -> KindColours:
        """The colours of a card kind."""
        if kind not in self.kinds:
            raise self._missing("colours for the card kind", kind, "kinds")
        return self.kinds[kind]


def layout_dirs(pack_root: Path, default_root: Path) -> list[Path]:
    """Where layouts are looked up: the pack's own layouts/, then the built-in ones."""
    from activate_pack.pack.adapt import base_layout_dirs  # local: adapt imports load, load imports spec

    # An adaptation's base packs, copied inside it, keep their own layouts (nearest first).
    dirs = [pack_root / "layouts", *base_layout_dirs(pack_root)]
    if default_root.resolve() != pack_root.resolve():
        dirs.append(default_root / "layouts")
    return dirs


def _find(name: str, dirs: list[Path], start: int = 0) -> tuple[int, Path]:
    """The first of ``dirs`` from ``start`` on that holds layout ``name``: its index and file."""
    for index in range(start, len(dirs)):
        path = dirs[index] / f"{name}.yaml"
        if path.is_file():
            return index, path
    raise KeyError(name)


def _known(dirs: list[Path]) -> str:
    return ", ".join(sorted({p.stem for d in dirs if d.is_dir() for p in d.glob("*.yaml")}))


def load_layout(name: str, dirs: list[Path]) -> LayoutSpec:
    """Load a layout by name, following ``extends`` from parent to child.

    A pack's layout may extend the built-in layout of its own name (a pack's ``layouts/a6.yaml``
    saying ``extends: a6``): the parent of that name is then looked for past the file that
    names it. Each layer is merged key by key over its parent, so a layout holds only what it
    changes.
    """
    layers: list[tuple[str, Located]] = []  # the layout first, then its parents
    visited: list[tuple[str, int]] = []
    current: str | None = name
    start = 0
    while current is not None:
        try:
            index, path = _find(current, dirs, start)
        except KeyError:
            where = (layers[-1][0], layers[-1][1].mark("extends")[0]) if layers else (None, None)
            below = " below this one" if layers and start else ""
            raise PackError(Problem(f"there is no layout called '{current}'{below} "
                                    f"(available: {_known(dirs)})", *where)) from None
        if (current, index) in visited:
            loop = " → ".join([n for n, _ in visited] + [current])
            raise PackError(Problem(f"layouts extend each other in a circle: {loop}; "
                                    "remove one of the 'extends:' lines", layers[-1][0]))
        visited.append((current, index))
        shown = f"layouts/{current}.yaml"
        raw = read_yaml(path, shown, root=path.parent.parent)  # layouts/ sits in its pack
        if not isinstance(raw, Located):
            raise PackError(Problem("expected layout settings (page:, margin:, type: …)", shown, 1))
        layers.append((shown, raw))
        parent = raw.get("extends")
        if parent is not None and not isinstance(parent, str):
            raise PackError(Problem("extends: expected the name of another layout", shown,
                                    raw.mark("extends")[0]))
        if named := layout_name_problems(raw):
            raise PackError([Problem(message, shown, line) for message, line in named])
        start = index + 1 if parent == current else 0
        current = parent
    data: dict[str, Any] = {}
    for _, raw in reversed(layers):
        data = deep_merge(data, {k: v for k, v in raw.items() if k != "extends"})
    data["name"] = name
    try:
        spec = LayoutSpec.model_validate(data)
    except ValidationError as exc:
        raise PackError(_located(exc, layers)) from None
    spec._layers = tuple(layers)
    return spec


def _depth(node: Any, loc: tuple[Any, ...]) -> int:
    """How many steps of ``loc`` a layout's own YAML holds."""
    for depth, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return depth
    return len(loc)


def _located(exc: ValidationError, layers: list[tuple[str, Located]]) -> list[Problem]:
    """Each error at the file and line of the layout that set the value (nearest first)."""
    from activate_pack.pack.validate import _mark, explain

    problems = Problems()
    for error in exc.errors():
        loc = tuple(error.get("ctx", {}).get("where", ())) or tuple(error["loc"])
        error = {**error, "loc": loc}
        shown, layer = max(layers, key=lambda item: _depth(item[1], loc))  # nearest on a tie
        line, column = _mark(layer, loc)
        problems.add(explain(error, LayoutSpec), shown, line, column)
    return problems.items
