"""Words of content/pack.yaml that print on many pages, checked once where they are written.

The title, the authors and the local details print on every card back, the about card and the
credit line, in every size, print variant and language. A character no bundled font draws in
one of them is one mistake: it is reported once, at its line of content/pack.yaml, and what
every page would say about the same character is left out.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from activate_pack.errors import Problem, Problems
from activate_pack.pack.model.pack import Pack
from activate_pack.pack.sources.paths import PACK_FILE
from activate_pack.text.fonts import undrawable

NOT_PRINTED = frozenset({"slug", "version", "language", "licence", "source_url", "site_url",
                         "extends", "remove", "order", "upstream.source_url",
                         "upstream.licence", "upstream.version", "logo.file"})
"""Fields of pack.yaml that are names, addresses or ids: never set in a font."""

MISSING = "the bundled fonts have no shape for"
"""The words every message about an undrawable character shares (see layout/fit.py)."""

ONCE = "these words print on many pages, so this is said once, here"


def _strings(node: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(dotted field name, text) of every string in a dumped model."""
    if isinstance(node, str):
        yield prefix, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(node, (list, tuple)):
        for index, value in enumerate(node):
            yield from _strings(value, f"{prefix}.{index}")


def shown(chars: set[str]) -> str:
    """Characters as a message names them: "'🌳' (U+1F333)"."""
    return ", ".join(f"'{c}' (U+{ord(c):04X})" for c in sorted(chars))


def check(pack: Pack, problems: Problems) -> set[str]:
    """Report each pack.yaml field holding a character no font draws; those characters."""
    found: set[str] = set()
    for name, text in _strings(pack.info.model_dump(mode="python")):
        if name in NOT_PRINTED or name.split(".")[0] in ("history",):
            continue
        chars = undrawable(text)
        if chars:
            problems.add(f"{name}: {MISSING} {shown(chars)}; replace or remove the character "
                         f"({ONCE})",
                         PACK_FILE, pack.info_line(name))
            found |= chars
    return found


_CODES = re.compile(r"\(U\+([0-9A-F]{4,6})\)")


def without_echoes(items: list[Problem], chars: set[str]) -> list[Problem]:
    """``items`` less the pages' messages about characters already reported in pack.yaml."""
    if not chars:
        return items
    kept = []
    for problem in items:
        if MISSING in problem.message and ONCE not in problem.message:
            named = {chr(int(code, 16)) for code in _CODES.findall(problem.message)}
            if named and named <= chars:
                continue
        kept.append(problem)
    return kept
