"""Print-ready variants of a build: ``--print shop``, ``--print home`` and ``--cmyk``.

The plain build writes one face per page. A print shop wants each face with bleed, crop marks
and a TrimBox; a home printer wants four cards to an A4 sheet with backs that land behind
their fronts. Which sheet template and face layout each mode uses is data in the layout
(``printing:``); the geometry is in ``layout/impose.py`` and the drawing in ``render/sheets.py``
(``render_imposed``). It plans and imposes; it draws nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from activate_pack.errors import PackError, Problem, Problems
from activate_pack.layout.boxes import Document, Page
from activate_pack.layout.impose import (CROP_GAP, DUPLEX, REGISTRATION, Area, MarkStyle, Placement,
                                         Sheet, edge_backgrounds, home_sheets, shop_sheets)
from activate_pack.layout.inks import InkConverter
from activate_pack.layout.sheets import SheetSpec, load_sheet
from activate_pack.layout.spec import MM, LayoutSpec, load_layout
from activate_pack.pack.model.pack import Pack

MODES = ("shop", "home")
FILE_WORDS = {"long": "", "short": "short", "fold": "fold", "none": "fronts"}
"""What a home file's name says about its duplex setting ('long', the default, says nothing)."""


@dataclass(frozen=True)
class PrintOptions:
    """How to print: a mode (None for one face per page), the duplex setting, and inks."""

    mode: str | None = None
    duplex: str = "long"
    cmyk: bool = False

    def __post_init__(self) -> None:
        if self.mode not in (None, *MODES) or self.duplex not in DUPLEX:
            raise ValueError(f"unknown print options {self.mode!r}, {self.duplex!r}")

    @property
    def plain(self) -> bool:
        """True for the ordinary build: one face per page, screen colours."""
        return self.mode is None and not self.cmyk

    def suffix(self) -> str:
        """What the output file's name adds: '-shop', '-home-fold', '-cmyk'…"""
        words = [self.mode] if self.mode else []
        if self.mode == "home" and FILE_WORDS[self.duplex]:
            words.append(FILE_WORDS[self.duplex])
        if self.cmyk:
            words.append("cmyk")
        return "".join(f"-{w}" for w in words)


@dataclass
class Plan:
    """Everything a print variant needs, loaded and checked before anything is laid out."""

    options: PrintOptions
    spec: LayoutSpec
    """The edition's layout, whose ``printing:`` section chose the rest."""
    faces: LayoutSpec
    """The layout the card faces are laid out with (a variant such as 'a6-home', or ``spec``)."""
    sheet: SheetSpec | None = None
    instructions: LayoutSpec | None = None
    _edges: dict[int, tuple[object, Page]] = field(default_factory=dict)

    def impose(self, pack: Pack, doc: Document) -> Imposed:
        """Put the laid-out faces on sheets, raising PackError with every problem found."""
        inks = InkConverter(self.faces.cmyk, Path(pack.root)) if self.options.cmyk else None
        if self.sheet is None:  # the plain build: one face per page
            pages = [inks.page(p) for p in doc.pages] if inks else list(doc.pages)
            if inks:
                inks.problems.raise_if_errors()
            return Imposed(replace(doc, pages=()), pages, [], self.sheet, inks,
                           variant=self.options.suffix())
        problems = Problems()
        if self.sheet.many:
            sheets = self._home(pack, doc, problems)
        else:
            marks = self.sheet.crop_marks
            assert marks is not None  # checked when the plan was made
            faces = [self._edges_moved(p, self.faces.bleed * MM) for p in doc.pages]
            sheets = shop_sheets(faces, self.faces.bleed * MM, marks.offset * MM,
                                 marks.length * MM, marks.margin * MM)
        problems.raise_if_errors()
        if inks:
            sheets = [_inked(s, inks) for s in sheets]
            inks.problems.raise_if_errors()
        pad = 0.0 if self.sheet.many else self.faces.bleed * MM
        return Imposed(replace(doc, pages=()), [], sheets, self.sheet, inks, pad,
                       self.options.suffix())

    def _edges_moved(self, page: Page, grow: float) -> Page:
        # Alike faces share one boxes object; so do their moved copies, to stay one form. The
        # entry holds the original too, so its id cannot be reused by another face's boxes.
        key = id(page.boxes)
        if key not in self._edges:
            self._edges[key] = (page.boxes, edge_backgrounds(page, grow))
        return replace(page, boxes=self._edges[key][1].boxes)

    def _home(self, pack: Pack, doc: Document, problems: Problems) -> list[Sheet]:
        sheet, duplex = self.sheet, self.options.duplex
        assert sheet is not None and sheet.paper is not None
        inset = -self.faces.inset * MM
        pages = [self._edges_moved(p, inset) for p in doc.pages]
        pairs = list(zip(pages[0::2], pages[1::2]))
        if any(f.face != "front" or b.face != "back" for f, b in pairs) or len(pages) % 2:
            raise PackError(Problem(f"--print home needs card faces in pairs, front then back; "
                                    f"the {self.spec.name} layout's pages are not", _where(self.spec)))
        paper = (sheet.paper[0] * MM, sheet.paper[1] * MM)
        guides = sheet.cut_guides
        sheets: list[Sheet] = []
        if self.instructions is not None:
            sheets += self._instruction_sheets(pack, paper, problems)
        return sheets + home_sheets(pairs, paper, sheet.columns, sheet.rows, duplex,
                                    (guides.cross * MM, guides.tick * MM) if guides else None)

    def _instruction_sheets(self, pack: Pack, paper: tuple[float, float],
                            problems: Problems) -> list[Sheet]:
        # Laid out only here, in the process that lays out the pages: a build's first process,
        # which only plans, does not load the card layout's modules.
        from activate_pack.layout.context import Ctx
        from activate_pack.layout.printsheet import instructions_back, instructions_front

        assert self.instructions is not None
        ctx = Ctx(pack, self.instructions, problems)
        duplex = self.options.duplex
        front, targets = instructions_front(ctx, duplex)
        # The instruction page is centred on the paper, should the two sizes differ.
        at = Area((paper[0] - front.width) / 2, (paper[1] - front.height) / 2, front.width,
                  front.height)
        if duplex not in ("long", "short"):
            return [Sheet(*paper, (Placement(front, at),), kind="instructions")]
        back = instructions_back(ctx, duplex, targets)
        return [Sheet(*paper, (Placement(front, at),), side="front", kind="instructions"),
                Sheet(*paper, (Placement(back, at),), side="back", kind="instructions")]


@dataclass
class Imposed:
    """A document ready to render: its pages (plain or --cmyk) or its sheets (--print)."""

    doc: Document
    pages: list[Page]
    sheets: list[Sheet]
    sheet: SheetSpec | None
    inks: InkConverter | None
    pad: float = 0.0
    """How far face backgrounds run past the trim (the bleed), in points."""
    variant: str = ""
    """What the file name adds for the print variant ('-shop-cmyk'), '' for the plain build."""

    def __len__(self) -> int:
        return len(self.sheets) if self.sheet else len(self.pages)

    def mark_styles(self) -> dict[str, MarkStyle]:
        """How each kind of mark on the sheets is drawn: crop marks, cut and fold guides."""
        styles: dict[str, MarkStyle] = {}
        if self.sheet is None:
            return styles
        if self.sheet.crop_marks:
            styles["crop"] = MarkStyle(REGISTRATION, self.sheet.crop_marks.width)
        if self.sheet.cut_guides:
            guides = self.sheet.cut_guides
            colour = self.inks.colour(guides.colour) if self.inks else guides.colour
            styles["cut"] = MarkStyle(colour, guides.width)
            styles["fold"] = MarkStyle(colour, guides.width, tuple(d * MM for d in guides.dash))
        return styles


def _inked(sheet: Sheet, inks: InkConverter) -> Sheet:
    return replace(sheet, placements=tuple(replace(p, face=inks.page(p.face))
                                           for p in sheet.placements))


def _where(spec: LayoutSpec) -> str:
    return f"layouts/{spec.name}.yaml"


def plan(spec: LayoutSpec, dirs: list[Path], options: PrintOptions) -> Plan:
    """Load and check what ``options`` need for an edition laid out with ``spec``."""
    if options.mode is None:
        return Plan(options, spec, spec)
    choice = spec.printing.get(options.mode)  # type: ignore[call-overload]
    if choice is None:
        offered = ", ".join(f"--print {m}" for m in spec.printing) or "none"
        raise PackError(Problem(
            f"the {spec.name} layout cannot be printed with --print {options.mode} (it offers: "
            f"{offered}); add '{options.mode}: {{sheet: …}}' under 'printing:' in the layout",
            _where(spec)))
    faces = load_layout(choice.layout, dirs) if choice.layout else spec
    sheet = load_sheet(choice.sheet, dirs)
    problems = Problems()
    if sheet.many:
        assert sheet.paper is not None
        need = (sheet.columns * faces.page[0], sheet.rows * faces.page[1])
        if need[0] > sheet.paper[0] + 0.01 or need[1] > sheet.paper[1] + 0.01:
            problems.add(f"{sheet.columns} × {sheet.rows} faces of {faces.page[0]:g} × "
                         f"{faces.page[1]:g} mm (layout {faces.name}) need {need[0]:g} × "
                         f"{need[1]:g} mm, more than the {sheet.paper[0]:g} × {sheet.paper[1]:g} mm "
                         "paper; use fewer columns or rows, or larger paper",
                         *sheet.where("columns" if need[0] > sheet.paper[0] + 0.01 else "rows"))
        if options.duplex == "fold" and sheet.columns % 2:
            problems.add(f"--duplex fold puts each back beside its front, so it needs an even "
                         f"number of columns; this sheet has {sheet.columns}",
                         *sheet.where("columns"))
    elif sheet.crop_marks and sheet.crop_marks.offset < faces.bleed + CROP_GAP - 0.001:
        problems.add(f"crop_marks.offset is {sheet.crop_marks.offset:g} mm, closer than "
                     f"{CROP_GAP:g} mm to the {faces.bleed:g} mm bleed of layout {faces.name}: "
                     f"marks there could be printed on the card; make it at least "
                     f"{faces.bleed + CROP_GAP:g}", *sheet.where("crop_marks.offset"))
    elif not sheet.crop_marks:
        problems.add("a sheet with one face per page needs crop marks: add 'crop_marks: "
                     "{offset: 4, length: 5}'", *sheet.where("crop_marks"))
    problems.raise_if_errors()
    instructions = load_layout(sheet.instructions, dirs) if sheet.instructions else None
    return Plan(options, spec, faces, sheet, instructions)
