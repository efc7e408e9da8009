"""Variables in card text: ``{{ locality }}`` filled in safely from pack.yaml.

A pack may come from a stranger, so card text is never trusted as code. Two walls stand in the
way: first the template is parsed and only plain placeholders (``{{ name }}``, optionally with a
harmless filter such as ``| upper``) are accepted; then it is rendered by Jinja2's immutable
sandbox with strict undefined and no loader, so even a template that slipped past the first wall
could not read files, reach Python objects or loop for ever.
"""

from __future__ import annotations

from typing import Any

from jinja2 import StrictUndefined, TemplateError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from activate_pack.errors import Problems, nearest
from activate_pack.pack.source import Located, LocatedList

SAFE_FILTERS = frozenset({"upper", "lower", "title", "capitalize", "trim"})
"""Filters that only change letters or spaces: enough for card text, nothing to exploit."""

UNTEMPLATED = frozenset({"id", "kind", "phase", "asset_type", "effort", "ingredients", "file",
                         "licence", "source"})
"""Fields that are names or settings, not prose: braces there are left alone."""

_ENV = ImmutableSandboxedEnvironment(undefined=StrictUndefined, loader=None, autoescape=False,
                                     keep_trailing_newline=True)


class TemplateProblem(Exception):
    """Card text that uses a variable wrongly; the message says how to fix it."""


def _has_template(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


def _check(tree: nodes.Template, known: list[str]) -> None:
    """Refuse anything but text and plain placeholders; name the nearest variable for typos."""
    for node in tree.find_all(nodes.Node):
        if isinstance(node, (nodes.Template, nodes.Output, nodes.TemplateData)):
            continue
        if isinstance(node, nodes.Name):
            if node.name not in known:
                raise TemplateProblem(_unknown(node.name, known))
            continue
        if isinstance(node, nodes.Filter) and node.name in SAFE_FILTERS and not (
                node.args or node.kwargs or node.dyn_args or node.dyn_kwargs):
            continue
        if isinstance(node, nodes.Filter):
            raise TemplateProblem(f"the filter '| {node.name}' is not allowed in card text; "
                                  f"use one of: {', '.join(sorted(SAFE_FILTERS))}")
        raise TemplateProblem("only placeholders such as {{ locality }} are allowed in card "
                              "text; remove the {% … %} or the dots, brackets and sums inside "
                              "{{ … }}")


def _unknown(name: str, known: list[str]) -> str:
    close = nearest(name, known, cutoff=0.6)
    hint = f"; did you mean '{close}'?" if close else ""
    listed = ", ".join(sorted(known)) if known else "none yet"
    return (f"unknown variable '{{{{ {name} }}}}'{hint} (known variables: {listed}; add it "
            "under 'variables:' in content/pack.yaml)")


def render_text(text: str, variables: dict[str, str]) -> str:
    """Fill the placeholders of one piece of text, raising TemplateProblem if it is not allowed."""
    if not _has_template(text):
        return text
    known = list(variables)
    try:
        tree = _ENV.parse(text)
    except TemplateError as exc:
        raise TemplateProblem(f"the {{{{ … }}}} placeholder is not written correctly "
                              f"({exc.message}); write it as {{{{ locality }}}}") from None
    _check(tree, known)
    try:
        return _ENV.from_string(tree).render(**variables)
    except TemplateError as exc:  # the sandbox's own refusal: a second wall, never a traceback
        raise TemplateProblem(f"this placeholder cannot be filled in ({exc}); use plain "
                              "placeholders such as {{ locality }}") from None


def render_doc(doc: Any, variables: dict[str, str], path: str, problems: Problems,
               card: str | None = None) -> Any:
    """A copy of located YAML data with every prose field's placeholders filled in.

    Line marks are kept, so later validation errors still point at the right line; each
    placeholder problem is recorded with the line of its field.
    """
    if isinstance(doc, Located):
        out = Located()
        out.path, out.line, out.column = doc.path, doc.line, doc.column
        out.key_marks = doc.key_marks
        for key, value in doc.items():
            if key in UNTEMPLATED:
                out[key] = value
            elif isinstance(value, str):
                out[key] = _render_field(value, variables, path, doc.mark(key)[0], problems, card)
            else:
                out[key] = render_doc(value, variables, path, problems, card)
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
                value = render_doc(value, variables, path, problems, card)
            out_list.append(value)
        return out_list
    return doc


def _render_field(text: str, variables: dict[str, str], path: str, line: int, problems: Problems,
                  card: str | None) -> str:
    try:
        return render_text(text, variables)
    except TemplateProblem as exc:
        problems.add(str(exc), path, line, card=card)
        return text
