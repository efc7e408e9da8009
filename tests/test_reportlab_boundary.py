"""Only render/reportlab.py reaches past ReportLab's public API.

Every ReportLab internal the program uses (a private attribute, a module global swapped, a
method overridden, an attribute of ReportLab's objects set by hand) lives in one module, so
whoever upgrades ReportLab has one place to read (docs/reportlab.md). These tests read the
source of every other module and fail, naming the line, when one touches an internal itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

import activate_pack

SRC = Path(activate_pack.__file__).resolve().parent
BOUNDARY = SRC / "render" / "reportlab.py"

INTERNALS = frozenset({
    # the canvas and its text objects
    "_code", "_doc", "_canvas", "_formatText", "_curSubset", "_fontname", "_fontsize",
    "_leading", "_escape", "_absRect", "_annotationrefs", "_dynamicFont",
    # the document, its pages and objects
    "_timeStamp", "_dateFormatter", "_pdfVersion", "delayedFonts", "fontMapping", "idToObject",
    "idToObjectNumberAndVersion", "numberToId", "Pages", "Catalog", "Outlines", "encrypt",
    "__NoDefault__", "__InternalName__", "__RefOnly__", "__Comment__", "Trans", "XObjects",
    # fonts, pictures, settings
    "_ttf_data", "SUBSETN", "assignments", "subsets", "_data", "_dataA", "useA85",
})
"""ReportLab names that only the boundary module may use: attributes ReportLab keeps for
itself, whatever their spelling (a new one joins this list when it joins the boundary)."""

ALLOWED_BASES = frozenset({"PDFObject"})
"""ReportLab classes other modules may extend: a ``PDFObject`` writes itself through
``format(document)``, the protocol pdfdoc's own classes follow."""


def _imported_names(tree: ast.Module, reportlab: bool) -> set[str]:
    """Names a module binds to something imported from ReportLab (or, not ``reportlab``,
    from elsewhere: ``os._exit`` is none of ReportLab's business)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if ((node.module or "").split(".")[0] == "reportlab") == reportlab:
                names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names
                         if (alias.name.split(".")[0] == "reportlab") == reportlab)
    return names


def _own_private_names(paths: list[Path]) -> set[str]:
    """Underscore names the program defines itself: functions, classes, its own attributes."""
    names: set[str] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and \
                    isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                names.add(node.attr)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
    return {name for name in names if name.startswith("_")}


def reaches_in(path: Path, own: set[str]) -> list[str]:
    """Where the module at ``path`` touches a ReportLab internal: 'file:line: what'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported, elsewhere = _imported_names(tree, True), _imported_names(tree, False)
    shown = path.relative_to(SRC.parent)
    found: list[str] = []
    for node in ast.walk(tree):
        where = f"{shown}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
            found += [f"{where}: imports {alias.name} from {node.module}" for alias in node.names
                      if alias.name.startswith("_")]
        elif isinstance(node, ast.Attribute):
            held = isinstance(node.value, ast.Name) and (
                node.value.id in ("self", "cls") or node.value.id in elsewhere)
            if isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name) \
                    and node.value.id in imported:
                found.append(f"{where}: sets {node.value.id}.{node.attr}")
            elif node.attr in INTERNALS or (node.attr.startswith("_") and not held
                                            and not node.attr.startswith("__")
                                            and node.attr not in own):
                found.append(f"{where}: .{node.attr}")
        elif isinstance(node, ast.ClassDef):
            bases = [base.id if isinstance(base, ast.Name) else
                     base.attr if isinstance(base, ast.Attribute) else "" for base in node.bases]
            found += [f"{where}: class {node.name} extends ReportLab's {base}" for base in bases
                      if base in imported and base not in ALLOWED_BASES]
    return found


def test_no_module_but_the_boundary_touches_a_reportlab_internal() -> None:
    others = [path for path in sorted(SRC.rglob("*.py")) if path != BOUNDARY]
    own = _own_private_names(others)
    found = [line for path in others for line in reaches_in(path, own)]
    assert not found, (
        "Only src/activate_pack/render/reportlab.py may use ReportLab's internals; move each "
        "use there, with its reason and the versions it was tested with, and list it in "
        "docs/reportlab.md:\n" + "\n".join(found))


def test_the_check_finds_internals_where_they_are() -> None:
    """The boundary module itself is full of what the check looks for: it is not blind."""
    found = "\n".join(reaches_in(BOUNDARY, set()))
    for what in (": ._code", ": ._formatText", ": .__NoDefault__", ": .delayedFonts",
                 "sets ttfonts.SUBSETN", "sets rl_config.useA85", "sets pdfdoc.format",
                 "class QuickTextCanvas extends ReportLab's Canvas",
                 "class Info extends ReportLab's PDFInfo"):
        assert what in found, what


def test_the_boundary_says_what_it_was_tested_with() -> None:
    """Every public function and class of the boundary gives its reason and tested versions."""
    from activate_pack.render import reportlab

    tree = ast.parse(BOUNDARY.read_text(encoding="utf-8"))
    missing = [node.name for node in tree.body
               if isinstance(node, (ast.FunctionDef, ast.ClassDef))
               and "Tested: " + ", ".join(reportlab.TESTED_WITH) not in (ast.get_docstring(node) or "")]
    assert not missing, f"no 'Tested: ...' in the docstrings of {missing}"
