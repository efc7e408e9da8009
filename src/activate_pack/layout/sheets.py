"""Sheet templates: how card faces are put on printed sheets, as data in ``layouts/sheets/``.

A template says how big the paper is, how many faces go on it, and which marks help cut it:
crop marks for a print shop, cut guides for scissors at home. Millimetres in the YAML; the
geometry that uses them lives in ``impose.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from activate_pack.errors import PackError, Problem, Problems
from activate_pack.pack.sources.gate import LayoutName
from activate_pack.pack.sources.source import Located, read_yaml
from activate_pack.pack.sources.validate import validate

SHEETS_DIR = "sheets"
"""Sheet templates live in this folder inside each ``layouts/`` folder."""


PaperSide = Annotated[float, Field(ge=50, le=1500)]
"""A sheet's width or height in mm."""

DashLength = Annotated[float, Field(gt=0, le=50)]


class _Sheet(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class CropMarks(_Sheet):
    """Crop marks at each corner of the trim, outside the bleed, for a print shop's guillotine."""

    offset: float = Field(4.0, ge=0, le=20, description="Gap from the trim line to each mark (mm): "
                                                        "at least the bleed and 1 mm more.")
    length: float = Field(5.0, gt=0, le=30, description="Length of each mark (mm).")
    width: float = Field(0.25, gt=0, le=2, description="Line width of the marks (points).")
    margin: float = Field(2.0, ge=0, le=20, description="Paper left beyond the marks (mm).")


class CutGuides(_Sheet):
    """Light guides for cutting sheets of several cards by hand."""

    cross: float = Field(8.0, gt=0, le=50, description="Length of each arm of the cross drawn "
                                                      "where four cards meet (mm).")
    tick: float = Field(12.0, gt=0, le=50, description="Length of the ticks drawn in from the "
                                                      "sheet edge along each cut (mm).")
    width: float = Field(0.5, gt=0, le=3, description="Line width of the guides (points).")
    colour: str = Field("#8C8C8C", pattern=r"^#[0-9A-Fa-f]{6}$", description="Colour of the guides.")
    dash: tuple[DashLength, DashLength] = Field((3.0, 2.0), description="Dash and gap of fold lines (mm).")


class SheetSpec(_Sheet):
    """A sheet template: one face per page for a print shop, or several faces on a sheet."""

    name: str
    description: str = Field("", description="What the template is for, in a few words.")
    paper: tuple[PaperSide, PaperSide] | None = Field(
        None, description="Sheet width and height in mm; leave it out for one face per page, "
                          "the page then being the face plus its bleed and crop marks.")
    columns: int = Field(1, ge=1, le=8, description="Card faces across the sheet.")
    rows: int = Field(1, ge=1, le=8, description="Card faces down the sheet.")
    bleed: bool = Field(False, description="Extend page-edge backgrounds by the layout's bleed.")
    crop_marks: CropMarks | None = Field(None, description="Crop marks round each face.")
    cut_guides: CutGuides | None = Field(None, description="Cut guides on sheets of several faces.")
    instructions: LayoutName | None = Field(
        None, description="Start with a sheet that explains how to print, in the type and "
                          "colours of this layout (e.g. 'a4'); leave it out for none.")

    @model_validator(mode="after")
    def _one_or_many(self) -> SheetSpec:
        if self.paper is None and (self.columns, self.rows) != (1, 1):
            raise ValueError("columns and rows need a paper size: add 'paper: [width, height]' "
                             "in mm, or remove columns and rows for one face per page")
        if self.paper is not None and (self.crop_marks or self.bleed):
            raise ValueError("crop marks and bleed are for one face per page; remove 'paper:' "
                             "or remove 'crop_marks:' and 'bleed:'")
        return self

    _raw: Located | None = PrivateAttr(default=None)
    _shown: str = PrivateAttr(default="")

    def where(self, key: str) -> tuple[str, int | None]:
        """The template's file and the line that set ``key`` (dotted: 'crop_marks.offset')."""
        node: object = self._raw
        line = None
        for part in key.split("."):
            if not isinstance(node, Located) or part not in node:
                break
            line = node.mark(part)[0]
            node = node[part]
        return self._shown or f"layouts/{SHEETS_DIR}/{self.name}.yaml", line

    @property
    def many(self) -> bool:
        """True for several faces on a sheet of fixed paper (home printing)."""
        return self.paper is not None


def load_sheet(name: str, dirs: list[Path]) -> SheetSpec:
    """Load the sheet template ``name`` from the first layouts folder that has it."""
    for directory in dirs:
        path = directory / SHEETS_DIR / f"{name}.yaml"
        if not path.is_file():
            continue
        shown = f"layouts/{SHEETS_DIR}/{name}.yaml"
        raw = read_yaml(path, shown, root=directory.parent)
        if raw is not None and not isinstance(raw, Located):
            raise PackError(Problem("expected sheet settings (paper:, columns:, rows: …)", shown, 1))
        data = raw if raw is not None else {}
        data["name"] = name  # added to the located mapping itself, so errors keep their lines
        problems = Problems()
        spec = validate(SheetSpec, data, shown, problems)
        problems.raise_if_errors()
        assert spec is not None  # no errors, so it validated
        spec._raw, spec._shown = (raw if isinstance(raw, Located) else None), shown
        return spec
    known = sorted({p.stem for d in dirs if (d / SHEETS_DIR).is_dir()
                    for p in (d / SHEETS_DIR).glob("*.yaml")})
    raise PackError(Problem(f"there is no sheet template called '{name}' in layouts/{SHEETS_DIR}/ "
                            f"(available: {', '.join(known) or 'none'})"))
