"""Layout specs: YAML files in ``layouts/`` with ``extends`` inheritance, millimetres in, points out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints,
                      ValidationError, field_validator, model_validator)
from pydantic_core import PydanticCustomError

from activate_pack.errors import PackError, Problem, Problems, nearest
from activate_pack.layout.iconset import unknown_icon
from activate_pack.pack.sources.gate import LayoutName, layout_name_problems
from activate_pack.pack.sources.source import Located, deep_merge, read_yaml
from activate_pack.text import DEFAULT_FAMILY, FAMILIES

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


PageMm = Annotated[float, Field(ge=-50, le=2000)]
"""A position or length on a page, in mm: bounded, so no page can reach absurd sizes."""


def _positive_size(rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    if rect[2] <= 0 or rect[3] <= 0:
        raise ValueError(f"[{', '.join(f'{v:g}' for v in rect)}] has no area: a region is "
                         "[x, y, width, height] in mm, and width and height must be more than 0")
    return rect


Rect = Annotated[tuple[PageMm, PageMm, PageMm, PageMm], AfterValidator(_positive_size)]


class CardOverride(_Spec):
    """Per-kind changes to regions and type sizes."""

    regions: dict[str, Rect] = Field(default_factory=dict, description=(
        "Regions of this kind's cards that differ from the layout's, by name: [x, y, width, "
        "height] in mm from the top-left corner."))
    type: dict[str, TypeSize] = Field(default_factory=dict, description=(
        "Type sizes of this kind's cards that differ from the layout's, by role."))


class PrintChoice(_Spec):
    """How a layout is printed in one ``--print`` mode."""

    sheet: LayoutName = Field(description="The sheet template, a file in layouts/sheets/ (without .yaml).")
    layout: LayoutName | None = Field(None, description="A variant layout for the card faces in this "
                                                 "mode, e.g. 'a6-home'; default: this layout.")


PageSide = Annotated[float, Field(ge=20, le=1500)]
"""A page's width or height in mm: from a small label to a large poster."""

class WriteIn(_Spec):
    """Ruled write-in areas on card faces (millimetres unless said otherwise)."""

    gap: float = Field(7.5, gt=0, le=30, description="Distance between ruled lines.")
    label: float = Field(1.6, gt=0, le=5, description="Height of an area's heading, as a "
                                                       "multiple of the smallest body size.")
    clear: float = Field(0.3, ge=0, le=1, description="The last line keeps this share of a gap "
                                                      "clear of the area's bottom.")
    after_intro: float = Field(3.0, ge=0, le=30, description="Space below a blank card's "
                                                             "introduction.")
    intro: dict[str, float] = Field(default_factory=dict,
                                    description="Share of the body a blank card's introduction "
                                                "may take, by card kind.")
    intro_default: float = Field(0.25, gt=0, lt=1, description="That share for a kind not "
                                                                "listed under 'intro'.")
    rule: float = Field(0.6, gt=0, le=3, description="Width of the ruled lines, in points.")
    lines: int = Field(2, ge=1, le=20, description="Ruled lines kept for a write-in area below "
                                                   "a card's text.")


class Panel(_Spec):
    """A tinted panel with text inside, such as the facilitator notes (millimetres)."""

    pad: float = Field(5.0, ge=0, le=30, description="Space between the panel's edge and its text.")
    radius: float = Field(3.0, ge=0, le=30, description="Radius of the panel's corners.")


class Back(_Spec):
    """A card back: a ring round the kind's name (regions in mm from the top-left corner)."""

    ring: Rect = Field((16.8, 29.42, 71.4, 71.4), description="The box the ring is drawn in.")
    text: Rect = Field((20.37, 41.915, 64.26, 46.41), description="The kind's name, detail and "
                                                                   "the pack's title.")
    stroke: float = Field(1.2, gt=0, le=5, description="Width of the ring's line, in points.")


PageKind = Literal["card", "cover", "contents", "divider", "guide", "template", "colophon",
                   "instructions"]


class Mirroring(_Spec):
    """Which pages mirror for right-to-left languages (regions are written start-on-the-left)."""

    rtl: tuple[PageKind, ...] = Field((), description="Kinds of page that mirror about their "
                                      "centre line in a right-to-left language, so the start "
                                      "side is the right: 'card' (fronts and backs), 'cover', "
                                      "'contents', 'divider', 'guide', 'template', 'colophon', "
                                      "'instructions'.")


class Gaps(_Spec):
    """Spaces between placed things (millimetres)."""

    picture: float = Field(3.0, ge=0, le=30, description="Between a card's picture and its text.")
    logo_text: float = Field(3.0, ge=0, le=30, description="Between a logo and text beside it.")
    logo_pad: float = Field(0.12, ge=0, le=0.5, description="White space round a logo on its "
                                                           "panel, as a share of its region's "
                                                           "height.")
    logo_radius: float = Field(2.5, ge=0, le=20, description="Largest radius of a logo panel's "
                                                            "corners.")


Mm = Annotated[float, Field(ge=0, le=300)]

PaletteColour = Annotated[str, StringConstraints(
    pattern=r"^(main|on_main|tint|muted|text|rule|#[0-9A-Fa-f]{6})$")]


class RoleStyle(_Spec):
    """How text of one role looks, relative to its box's type size; unset means the body style."""

    scale: float | None = Field(None, gt=0, le=5, description="Size as a multiple of the box's size.")
    leading: float | None = Field(None, ge=1.0, le=2.5, description="Line spacing as a multiple "
                                                                     "of the size.")
    leading_of: str | None = Field(None, description="Take the line spacing of this type size "
                                                     "instead (e.g. 'body', 'title').")
    colour: PaletteColour | None = Field(None, description="'main', 'on_main', 'tint' (the page's "
                                                           "card kind), 'muted', 'text', 'rule' "
                                                           "or a hex colour.")
    marker_colour: PaletteColour | None = Field(None, description="Colour of list markers.")
    space_before: float | None = Field(None, ge=0, le=5, description="Space above a paragraph, "
                                                                     "in multiples of the size.")
    align: Literal["start", "end", "center", "left", "right"] | None = Field(
        None, description="Alignment of its lines: start and end follow the text's direction.")
    case: Literal["upper", "as-written"] | None = Field(None, description="'upper' prints it "
                                                        "in capitals; 'as-written' as it is.")
    balance: bool | None = Field(None, description="true: a paragraph that wraps is broken "
                                                   "into lines of even length (for headings).")
    then: RoleStyle | None = Field(None, description="Changes for the following paragraphs or "
                                                     "items of the same role.")


class Contents(_Spec):
    """The contents page's rows, inside the ``page`` region (millimetres)."""

    heading: Mm = Field(16, description="Height of the heading.")
    gap: Mm = Field(8, description="Space below the heading, and kept free at the bottom.")
    row: Mm = Field(11, description="Height of a row, when there is room.")
    min_row: Mm = Field(8, description="Below this row height, only the sets are listed.")
    indent: Mm = Field(7, description="Where a set's line starts.")
    sub_indent: Mm = Field(13, description="Where a page's line within a set starts.")
    bar: tuple[Mm, Mm, Mm] = Field((2.5, 3, 3), description="The colour bar beside a set: its "
                                                            "lift from the row's bottom, its "
                                                            "width, how much shorter than the row.")
    number: Mm = Field(20, description="Width of the page-number column at the right.")
    number_gap: Mm = Field(3, description="Space between a line's text and the numbers.")
    rule_lift: Mm = Field(1, description="Height of the dotted rule above a row's bottom.")


class Worksheet(_Spec):
    """The templates' headings, labelled areas and action-plan table (millimetres)."""

    head: Mm = Field(30, description="Height of the heading and introduction.")
    after_head: Mm = Field(6, description="Space below the introduction.")
    bottom: Mm = Field(6, description="Space kept free above the bottom of the page area.")
    gap: Mm = Field(4, description="Space between labelled areas.")
    label: Mm = Field(9, description="Height of an area's heading.")
    pad: Mm = Field(3, description="Space between an area's border and its heading and lines.")
    label_drop: Mm = Field(1, description="Distance from an area's top to its heading's top.")
    line_gap: Mm = Field(9, description="Distance between ruled lines.")
    radius: Mm = Field(2, description="Radius of an area's corners.")
    table_head: Mm = Field(12, description="Height of the action plan's header row.")
    table_row: Mm = Field(14, description="Height of the action plan's rows.")
    cell_pad: Mm = Field(2, description="Space round a column heading, across.")
    cell_drop: Mm = Field(1, description="Space round a column heading, up and down.")
    map_columns: int = Field(2, ge=1, le=6, description="Columns of the asset map's areas.")
    columns: tuple[float, float, float] = Field((3.0, 1.4, 0.7), description="Relative widths "
                                                "of the action plan's first, middle and last "
                                                "columns.")


class Lines(_Spec):
    """Widths of lines on the A4 pages and the print sheet, in points."""

    rule: float = Field(0.5, gt=0, le=5, description="Ruled lines to write on, table rules.")
    border: float = Field(1.0, gt=0, le=5, description="Borders of write-in areas and tables.")
    dotted: float = Field(0.4, gt=0, le=5, description="The dotted rules of the contents page.")
    dash: tuple[float, float] = Field((1, 2), description="Dash and gap of a dotted rule.")
    mark: float = Field(0.75, gt=0, le=5, description="Circles and crosses of the print sheet.")
    tick: float = Field(0.5, gt=0, le=5, description="The end ticks of the check bar.")


class PrintSheet(_Spec):
    """The home-printing instruction sheet (millimetres; its regions are in the layout)."""

    heading: Mm = Field(16, description="Height of a heading.")
    after_heading: Mm = Field(6, description="Space below a heading.")
    after_text: Mm = Field(5, description="Space below a block of text.")
    steps: Mm = Field(105, description="Most height the first steps may take.")
    bar_indent: Mm = Field(8, description="Where the check bar starts, from the margin.")
    bar: Mm = Field(50, description="Length of the check bar, which the user measures; "
                                    "the 'bar' label says how long it is.")
    bar_height: Mm = Field(3, description="Thickness of the check bar.")
    tick: Mm = Field(2, description="How far the bar's end ticks reach beyond it.")
    caption: tuple[Mm, Mm, Mm, Mm] = Field((4, 1.5, 40, 6), description="The bar's caption: "
                                           "gap after the bar, drop below it, width, height.")
    after_bar: Mm = Field(10, description="Space below the check bar.")
    alignment: Mm = Field(40, description="Most height the alignment advice may take.")
    band: Mm = Field(42, description="Height of the band of alignment circles.")
    after_band: Mm = Field(6, description="Space below the band of circles.")
    ring: Mm = Field(3.5, description="Radius of an alignment circle.")
    arm: Mm = Field(2.2, description="Half the length of each line of a cross on the back.")
    targets: tuple[tuple[float, float], ...] = Field(
        ((0.12, 0.7), (0.5, 0.2), (0.86, 0.55)),
        description="Where the circles sit across and up their band (fractions); not "
                    "symmetric, so a wrong flip moves at least one cross away from its circle.")
    clear: Mm = Field(8, description="Space kept between the crosses and the text on the back.")
    floor: Mm = Field(4, description="Space kept above the credit line.")
    min_text: Mm = Field(20, description="Least height given to a block of text.")


def _known_icon(name: str) -> str:
    if (problem := unknown_icon(name)) is not None:
        raise ValueError(problem)
    return name


IconName = Annotated[str, AfterValidator(_known_icon)]


class Icons(_Spec):
    """Which icon stands for what, by name (icons/SOURCES.md), and where icons go (mm)."""

    kinds: dict[str, IconName] = Field(default_factory=dict, description=(
        "The icon of each card kind, beside its label on the front and on its back."))
    phases: dict[str, IconName] = Field(default_factory=dict, description=(
        "The icon of each workshop phase, on the back of that phase's question cards."))
    asset_types: dict[str, IconName] = Field(default_factory=dict, description=(
        "The icon of each asset type, on the back of that type's ingredient cards."))
    label: float = Field(5.0, ge=0, le=50, description="Size of the icon at the start of a card "
                                                        "front's kind label (0: none).")
    gap: float = Field(1.8, ge=0, le=30, description="Space between that icon and the label.")
    back: Rect | None = Field(None, description="Where a card back's icon goes [x, y, w, h]; "
                                                "none: no icon on the back.")

    @model_validator(mode="after")
    def _known_keys(self) -> Icons:
        from activate_pack.pack.model.kinds import default_kinds

        # The choices the default kinds declare for the fields these maps are keyed by.
        choices = {name: tuple(field.choices) for decl in default_kinds().kinds.values()
                   for name, field in decl.fields.items() if field.type == "choice"}
        for section, field in (("phases", "phase"), ("asset_types", "asset_type")):
            known = choices.get(field, ())
            for key in getattr(self, section):
                if key not in known:
                    close = nearest(key, list(known))
                    hint = f"did you mean '{close}'? " if close else ""
                    # The error names the key's own place, so its line can be found.
                    raise PydanticCustomError("unknown_key", "there is no {what} called "
                                              "'{key}'; {hint}the {what}s are: {known}", {
                                                  "what": section[:-1].replace("_", " "),
                                                  "key": key, "hint": hint,
                                                  "known": ", ".join(known),
                                                  "where": ("icons", section, key)})
        return self


class CardPage(_Spec):
    """An A4 card page: the card at its printed size; beside it the ``notes`` region, below
    it the ``prompts`` region (the layout's regions)."""

    layout: LayoutName = Field("a6", description="The layout the card is drawn with, at 100%: "
                                                 "the A6 card exactly as it is printed.")
    at: tuple[Mm, Mm] = Field((11, 11), description="Where the card's top-left corner sits on "
                                                    "the page (mm; the top-right in a "
                                                    "right-to-left language).")
    outline: float = Field(0.5, ge=0, le=3, description="Width of the line round the card "
                                                        "where it would be cut, in points; 0: "
                                                        "none.")
    backs: tuple[str, ...] | None = Field(None, description="Kinds of card whose back "
                                          "follows on a page of its own, beside room to "
                                          "write; none: each kind whose declaration puts "
                                          "words on its back (content/kinds.yaml).")


class Pictures(_Spec):
    """How large a card's picture is placed."""

    least: float = Field(0.0, ge=0, le=1, description="Least width of a card's picture, as a "
                         "share of the card's width (a portrait photo is given the height this "
                         "needs); a picture the band would print narrower goes above the text.")


Share = Annotated[float, Field(ge=0, le=1)]


class Decor(_Spec):
    """The cover's and dividers' card shapes (millimetres from the page's top-left corner)."""

    cards: dict[str, Rect] = Field(default_factory=dict, description="A card shape of each "
                                   "kind on the cover, by kind: [x, y, width, height].")
    stack: Rect | None = Field(None, description="Where a divider's stack of its set's cards "
                               "goes: [x, y, width, height]; none: no stack.")
    step: Mm = Field(6, description="How far each card of a divider's stack sits from the next.")
    radius: Mm = Field(3, description="Radius of the card shapes' corners.")
    outline: float = Field(1.2, ge=0, le=5, description="Width of a card shape's edge, in points.")
    icon: tuple[Share, Share, Share, Share] | None = Field(None, description=(
        "The place for an icon on a card shape, as shares of its body below the band: [x, y, "
        "width, height]; none: no icon."))
    icons: dict[str, IconName] = Field(default_factory=dict, description=(
        "An icon by name for each card kind on the cover (by the kind's name) and each set on "
        "its divider (by the set's folder); none given: the kind's own icon (icons.kinds)."))


Percent = Annotated[float, Field(ge=0, le=100)]
CMYK = tuple[Percent, Percent, Percent, Percent]
HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]


class LayoutSpec(_Spec):
    """A resolved layout: page geometry, type, colours and regions (millimetres)."""

    name: str
    description: str = Field("", description="What the layout is for, in a few words.")
    edition: Literal["community", "facilitator"] | None = Field(
        None, description="The edition this layout lays out: 'community' (a card per page, "
                          "front then back) or 'facilitator' (the A4 pack).")
    font: str = Field(DEFAULT_FAMILY, description="Bundled font family for all text.")
    page: tuple[PageSide, PageSide] = Field(description="Page width and height in mm.")
    margin: float = Field(ge=0, le=100, description="Distance from the page edge to text, in mm.")
    safe: float = Field(5.0, ge=0, le=50, description="Text must stay at least this far inside "
                                                      "the page edge (mm).")
    bleed: float = Field(3.0, ge=0, le=10, description="Bleed for print-shop output, in mm.")
    type: dict[str, TypeSize] = Field(description=(
        "Type sizes by role: 'title', 'body', 'label', 'credit' and others the pages use."))
    colours: Colours = Field(default_factory=Colours, description="Colours shared by every kind.")
    kinds: dict[str, KindColours] = Field(description=(
        "Colours of each card kind (each kind content/kinds.yaml declares, and 'about')."))
    regions: dict[str, Rect] = Field(description="Named boxes [x, y, width, height] in mm, "
                                                 "measured from the top-left corner of the page.")
    cards: dict[str, CardOverride] = Field(default_factory=dict,
                                           description="Per-kind overrides of regions and type.")
    styles: dict[str, dict[str, RoleStyle]] = Field(
        default_factory=dict, description="How each role of composed text looks, by kind of "
                                          "page (a card kind, 'about', 'cover', …) then role; "
                                          "roles not listed take the body style.")
    write_in: WriteIn = Field(default_factory=WriteIn, description="Ruled write-in areas.")
    notes: Panel = Field(default_factory=Panel, description="The facilitator notes panel.")
    back: Back = Field(default_factory=Back, description="Card backs.")
    icons: Icons = Field(default_factory=Icons, description="Icons by name, and their places.")
    gaps: Gaps = Field(default_factory=Gaps, description="Spaces between placed things.")
    mirror: Mirroring = Field(default_factory=Mirroring, description="Which pages mirror for "
                                                                      "right-to-left languages.")
    stripes: dict[str, Rect] = Field(default_factory=dict, description="Bands in card kinds' "
                                     "colours across the A4 cover, by kind [x, y, w, h] in mm.")
    contents: Contents = Field(default_factory=Contents, description="The contents page.")
    worksheet: Worksheet = Field(default_factory=Worksheet, description="The templates.")
    lines: Lines = Field(default_factory=Lines, description="Widths of lines, in points.")
    print_sheet: PrintSheet = Field(default_factory=PrintSheet,
                                    description="The home-printing instruction sheet.")
    card_page: CardPage | None = Field(None, description="A4 card pages built round the "
                                       "card at its printed size (the facilitator pack).")
    pictures: Pictures = Field(default_factory=Pictures, description="How large a card's "
                                                                     "picture is placed.")
    decor: Decor = Field(default_factory=Decor, description="The cover's and dividers' "
                                                            "drawn parts.")
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
        return self.origin(key)[1:]

    def origin(self, key: str) -> tuple[int, str, int | None]:
        """Where ``key`` was set: how far down the chain of layouts (0: the file itself, then
        what it extends), that file and the line."""
        parts = key.split(".")
        for depth_of_file, (shown, raw) in enumerate(self._layers):
            node: Any = raw
            for depth, part in enumerate(parts):
                if not isinstance(node, Located) or part not in node:
                    break
                if depth == len(parts) - 1:
                    return depth_of_file, shown, node.mark(part)[0]
                node = node[part]
        return (len(self._layers),
                self._layers[0][0] if self._layers else f"layouts/{self.name}.yaml", None)

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
        return PackError(Problem(f"{section}: there {what} '{name}', and the pages laid out "
                                 f"with this layout need it; add '{name}:' under '{section}:'",
                                 *self.where(section)))

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
            raise self._missing("is no region", name, "regions")
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
            raise self._missing("is no type style", role, "type")
        return self.type[role]

    def colours_for(self, kind: str) -> KindColours:
        """The colours of a card kind."""
        if kind not in self.kinds:
            raise self._missing("are no colours for the card kind", kind, "kinds")
        return self.kinds[kind]


def layout_dirs(pack_root: Path, default_root: Path) -> list[Path]:
    """Where layouts are looked up: the pack's own layouts/, then the built-in ones."""
    from activate_pack.pack.loading.adapt import base_layout_dirs  # local: adapt imports load, load imports spec

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
    files: dict[int, Path] = {}  # by the layer's id: a pack's a6.yaml and the built-in share a name
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
        files[id(raw)] = path
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
        raise PackError(_located(exc, layers, files)) from None
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


def _located(exc: ValidationError, layers: list[tuple[str, Located]],
             files: dict[int, Path] | None = None) -> list[Problem]:
    """Each error at the file and line of the layout that set the value (nearest first)."""
    from activate_pack.pack.sources.validate import explain, mark

    problems = Problems()
    for error in exc.errors():
        loc = tuple(error.get("ctx", {}).get("where", ())) or tuple(error["loc"])
        error = {**error, "loc": loc}
        shown, layer = max(layers, key=lambda item: _depth(item[1], loc))  # nearest on a tie
        line, column = mark(layer, loc)
        message = explain(error, LayoutSpec)
        if error["type"] == "string_type" and error.get("input") is None and line and \
                _unquoted_colour((files or {}).get(id(layer)), line):
            message = (f"{'.'.join(str(p) for p in loc)}: a colour must be in quotes, such as "
                       '"#7A1F3D": without them, everything from the # on is a note the build '
                       "ignores, so the colour is empty")
        problems.add(message, shown, line, column)
    return problems.items


def _unquoted_colour(path: Path | None, line: int) -> bool:
    """True if the line reads 'name: #…': a colour YAML took for a note."""
    import re

    try:
        text = path.read_text(encoding="utf-8").splitlines()[line - 1] if path else ""
    except (OSError, UnicodeDecodeError, IndexError):
        return False
    return re.search(r":\s+#[0-9A-Fa-f]{3,6}\b", text) is not None
