"""Change a translation's YAML file in place: what changed is rewritten, the rest kept as it is.

A translation file is somebody's work, with their comments, order and line breaks. Rewriting
the whole file from parsed data (even with ruamel.yaml's round trip, which keeps comments) folds
long lines anew and moves list dashes, so every import would touch lines nobody changed. Here
ruamel.yaml only finds where each key's lines are; a changed value's lines are replaced by that
key written afresh, a new key is added after its siblings, and every other byte stays.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from activate_pack.errors import PackError, Problem


class _Dumper(yaml.SafeDumper):
    """Texts of several lines as literal blocks (``|``), as people write them."""


_NUMBER_12 = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
"""A number in YAML 1.2 (which editors and ruamel.yaml read), though not in 1.1: '1234e56'."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.rstrip("\n") else "'" if _NUMBER_12.fullmatch(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(data: dict[str, Any], flow_leaves: bool = False, width: int = 100) -> str:
    """YAML for a new file or a rewritten key; ``flow_leaves`` writes innermost lists and
    mappings on one line each (``[a, b]``), as suits a record of hashes."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=width,
                     default_flow_style=None if flow_leaves else False)


def plain(value: Any) -> Any:
    """Parsed YAML (ruamel's or ours) as plain dicts, lists, strings and numbers."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def merged(base: Any, patch: Any) -> Any:
    """``patch`` laid on ``base``: mappings merge key by key, anything else is replaced."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            out[key] = merged(out.get(key), value)
        return out
    return patch


def edit(text: str, patch: dict[str, Any], shown: str, flow: tuple[str, ...] = ()) -> str:
    """``text``, a YAML mapping, with ``patch`` laid over it and nothing else changed; the
    top-level keys named in ``flow`` are written with :func:`dump`'s ``flow_leaves``."""
    try:
        old = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise PackError(Problem(f"this file cannot be read as YAML ({exc.problem}); correct it, "
                                "then import again", shown,
                                mark.line + 1 if mark else None)) from None
    if old is None:  # empty, or comments only: they stay on top
        return text + ("\n" if text and not text.endswith("\n") else "") + dump(patch)
    if not isinstance(old, CommentedMap):
        raise PackError(Problem("expected a translation (translators:, reviewed:, cards: …)",
                                shown, 1))
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    edits: list[tuple[int, int, int, list[str]]] = []
    _mapping(old, patch, lines, len(lines), edits, flow, top=True)
    for start, _, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[start:end] = new
    return "".join(lines)


def _mapping(old: CommentedMap, patch: dict[str, Any], lines: list[str], end: int,
             edits: list[tuple[int, int, int, list[str]]], flow: tuple[str, ...],
             top: bool = False) -> None:
    """Record the line edits that lay ``patch`` over the block mapping ``old``."""
    keys = list(old.keys())
    column = old.lc.key(keys[0])[1] if keys else 0
    last_end = _trim(lines, old.lc.key(keys[-1])[0], end, column) if keys else end
    for key, value in patch.items():
        as_flow = key in flow if top else bool(flow)
        if key not in old:
            edits.append((last_end, len(edits), last_end,
                          _indent(dump({key: value}, as_flow, 100 - column), column)))
            continue
        index = keys.index(key)
        line, col = old.lc.key(key)
        stop = old.lc.key(keys[index + 1])[0] if index + 1 < len(keys) else end
        stop = _trim(lines, line, stop, col)
        child = old[key]
        if isinstance(value, dict) and isinstance(child, CommentedMap) and child \
                and not child.fa.flow_style():
            _mapping(child, value, lines, stop, edits, (key,) if as_flow else ())
            continue
        new = merged(plain(child), value)
        if new == plain(child):
            continue
        keep_flow = isinstance(child, (CommentedMap, CommentedSeq)) and child.fa.flow_style()
        written = _indent(dump({key: new}, as_flow or keep_flow, 100 - col), col)
        if isinstance(child, CommentedSeq) and child and not keep_flow:
            # Dashes stay as indented as the list's own were ("  - name: …" or "- name: …").
            extra = " " * max(0, child.lc.item(0)[1] - 2 - col)
            written = written[:1] + [extra + w if w.strip() else w for w in written[1:]]
        edits.append((line, len(edits), stop, written))


def _trim(lines: list[str], start: int, end: int, column: int) -> int:
    """The end of a key's own lines: blank lines and comments before the next key are not its."""
    while end > start + 1:
        line = lines[end - 1]
        stripped = line.strip()
        if stripped and not (stripped.startswith("#") and len(line) - len(line.lstrip()) <= column):
            break
        end -= 1
    return end


def _indent(text: str, column: int) -> list[str]:
    return [" " * column + line if line.strip() else line
            for line in text.splitlines(keepends=True)]
