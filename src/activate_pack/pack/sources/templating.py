"""Variables in card text: ``{{ locality }}`` filled in safely from pack.yaml.

A pack may come from a stranger, so card text is never trusted as code. Two walls stand in the
way: first every ``{{ … }}`` is checked by a plain pattern, before Jinja2 sees the text, and
only a bare variable name is accepted (no filters, calls, dots, brackets or sums, so nothing
can nest or recurse); then the text is rendered by Jinja2's immutable sandbox with strict
undefined and no loader, so even text that slipped past the first wall could not read files,
reach Python objects or loop for ever.
"""

from __future__ import annotations

import keyword
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from activate_pack.errors import Problems, nearest
from activate_pack.pack.sources.source import Located, LocatedList

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
"""What a variable name looks like; messages quote it."""

MAX_NAME = 40
"""Longest variable name."""

RESERVED = frozenset({
    "self", "true", "false", "none", "loop", "caller", "varargs", "kwargs", "super",
    "block", "endblock", "extends", "include", "import", "macro", "endmacro", "call", "endcall",
    "set", "endset", "filter", "endfilter", "endfor", "endif", "with", "endwith", "without",
    "context", "ignore", "missing", "scoped", "required", "autoescape", "endautoescape",
    "raw", "endraw", "trans", "endtrans", "pluralize", "do", "range", "lipsum", "dict",
    "cycler", "joiner", "namespace", *(k for k in keyword.kwlist if k.islower()),
    *keyword.softkwlist,
})
"""Names a variable may not have: the template engine's and Python's own words."""

UNTEMPLATED = frozenset({"id", "kind", "file", "licence", "source"})
"""Fields that are names or settings, not prose: braces there are left alone (each kind adds
its choices and references: pack/model/kinds.py)."""

PLAIN_ONLY = ("only plain placeholders such as {{ locality }} are allowed in card text: a "
              "variable name between double braces, nothing else (no filters with '|', dots, "
              "brackets, calls or sums)")
"""The one sentence for anything inside {{ … }} that is not a bare name."""


@cache
def environment() -> ImmutableSandboxedEnvironment:
    """The sandbox that fills placeholders, made when a text first has one."""
    # Jinja2 is imported here: most packs have no placeholders, and a build need not wait for it.
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, loader=None,
                                         autoescape=False, keep_trailing_newline=True)


_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_BARE = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*")


class TemplateProblem(Exception):
    """Card text that uses a variable wrongly; the message says how to fix it."""


def variable_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a variable's name, or None if it can."""
    if len(name) > MAX_NAME:
        return f"the variable name is {len(name)} characters long; use at most {MAX_NAME}"
    if not re.fullmatch(NAME_PATTERN, name):
        return (f"'{name[:MAX_NAME]}' is not a usable variable name: a name starts with a "
                "lowercase letter, followed by lowercase letters, digits or '_' (the pattern "
                f"{NAME_PATTERN}), such as 'meeting_place'")
    if name in RESERVED:
        return (f"'{name}' is a word the template engine keeps for itself, so it cannot be a "
                f"variable name; choose another, such as 'our_{name}'")
    return None


def _has_template(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


def _check(text: str, known: list[str]) -> None:
    """Refuse anything but text and bare ``{{ name }}`` placeholders, before Jinja2 parses it."""
    if "{%" in text or "{#" in text:
        raise TemplateProblem(f"{PLAIN_ONLY}; remove the '{{%' or '{{#'")
    for match in _PLACEHOLDER.finditer(text):
        bare = _BARE.fullmatch(match.group(1))
        if bare is None:
            raise TemplateProblem(PLAIN_ONLY)
        if bare.group(1) not in known:
            raise TemplateProblem(_unknown(bare.group(1), known))
    if "{{" in _PLACEHOLDER.sub("", text):
        raise TemplateProblem("a placeholder is opened with '{{' but never closed with '}}'; "
                              "write it as {{ locality }}")


def _unknown(name: str, known: list[str]) -> str:
    close = nearest(name, known, cutoff=0.6)
    hint = f"; did you mean '{close}'?" if close else ""
    listed = ", ".join(sorted(known)) if known else "none yet"
    return (f"unknown variable '{{{{ {name[:MAX_NAME]} }}}}'{hint} (known variables: {listed}; "
            "add it under 'variables:' in content/pack.yaml)")


def render_text(text: str, variables: dict[str, str]) -> str:
    """Fill the placeholders of one piece of text, raising TemplateProblem if it is not allowed."""
    if not _has_template(text):
        return text
    _check(text, list(variables))
    from jinja2 import TemplateError

    try:
        return environment().from_string(text).render(variables)  # a dict: no name can clash
    except TemplateError as exc:  # the sandbox's own refusal: a second wall, never a traceback
        raise TemplateProblem(f"this placeholder cannot be filled in ({exc}); use plain "
                              "placeholders such as {{ locality }}") from None


def render_doc(doc: Any, variables: dict[str, str], path: str, problems: Problems,
               card: str | None = None, skip: frozenset[str] = UNTEMPLATED) -> Any:
    """A copy of located YAML data with every prose field's placeholders filled in.

    Line marks are kept, so later validation errors still point at the right line; each
    placeholder problem is recorded with the line of its field.
    """
    if isinstance(doc, Located):
        out = Located()
        out.path, out.line, out.column = doc.path, doc.line, doc.column
        out.key_marks = doc.key_marks
        for key, value in doc.items():
            if key in skip:
                out[key] = value
            elif isinstance(value, str):
                out[key] = _render_field(value, variables, path, doc.mark(key)[0], problems, card)
            else:
                out[key] = render_doc(value, variables, path, problems, card, skip)
        return out
    if isinstance(doc, LocatedList):
        out_list = LocatedList()
        out_list.path, out_list.line, out_list.column = doc.path, doc.line, doc.column
        out_list.item_marks = doc.item_marks
        for index, value in enumerate(doc):
            if isinstance(value, str):
                value = _render_field(value, variables, path, doc.item_marks[index][0], problems,
                                      card)
            else:
                value = render_doc(value, variables, path, problems, card, skip)
            out_list.append(value)
        return out_list
    return doc


_NEAR_MISS = re.compile(r"(?<!\{)\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}(\}?)")
"""A variable's name between single braces ('{ locality }', '{locality}}'): nearly a placeholder."""


def _near_misses(text: str, variables: dict[str, str], path: str, line: int,
                 problems: Problems, card: str | None) -> None:
    """Warn where a known variable's name sits between single braces, which print as they are."""
    for match in _NEAR_MISS.finditer(text):
        name = match.group(1)
        if name in variables:
            problems.add(f"'{match.group(0)}' is printed as it is, braces and all; to fill in "
                         f"the {name} from content/pack.yaml, write {{{{ {name} }}}} (two braces "
                         "on each side)", path, line, card=card, severity="warning")


def _render_field(text: str, variables: dict[str, str], path: str, line: int, problems: Problems,
                  card: str | None) -> str:
    _near_misses(text, variables, path, line, problems, card)
    try:
        return render_text(text, variables)
    except TemplateProblem as exc:
        problems.add(str(exc), path, line, card=card)
        return text
