"""The whole pack fuzzed: one value anywhere in any YAML file replaced, and nothing but PackError.

Each example copies the default pack, picks one of its YAML files (pack details, cards, guide
pages, labels, layouts, sheet templates), picks one place in it (a field, a list item, a whole
group, or the whole file) and either puts a generated value there (numbers huge, tiny and not
finite, empty and very long text, control characters, template syntax, nested lists and groups,
nulls) or deletes it. Then ``check`` runs, and a build in one of the print variants. Every run
must end in success or in the project's own ``PackError`` within ``SECONDS``.

The number of examples is modest by default, so the suite stays quick; for a long run, e.g.::

    ACTIVATE_PACK_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest -q tests/test_fuzz.py
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activate_pack.errors import PackError
from activate_pack.output.build import SIZES, build
from activate_pack.output.check import check
from activate_pack.layout.printing import PrintOptions
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.pack.sources.source import read_yaml

EXAMPLES = int(os.environ.get("ACTIVATE_PACK_FUZZ_EXAMPLES", "80"))
SECONDS = float(os.environ.get("ACTIVATE_PACK_FUZZ_SECONDS", "20"))
"""The most one example (check and build) may take, in seconds."""

DEFAULT = default_pack_dir()
HUGE = "@HUGE@"
"""Stands for an integer of 5,000 digits, which Python will not print (nor hypothesis show)."""
FOLDERS = ("content", "layouts")


def _plain(node: Any) -> Any:
    """Located YAML data as plain dicts and lists, for dumping back to YAML."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    for kind in (bool, int, float, str):  # typed scalars (YamlInt…) as the plain type they are
        if isinstance(node, kind):
            return kind(node)
    return node


def _places(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a document a value can be put: the document, its groups, lists, items."""
    found = [at]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _places(value, (*at, index))
    return found


FILES: dict[str, Any] = {
    path.relative_to(DEFAULT).as_posix(): _plain(read_yaml(path, path.name))
    for folder in FOLDERS for path in sorted((DEFAULT / folder).rglob("*.yaml"))
}
PLACES = {name: _places(data) for name, data in FILES.items()}
GROUPS = [[name for name in FILES if name.startswith(prefix) and name.count("/") == depth]
          for prefix, depth in (("content/pack.yaml", 1), ("content/labels.yaml", 1),
                                ("content/questions/", 2), ("content/ingredients/", 2),
                                ("content/recipes/", 2), ("content/guide/", 2),
                                ("layouts/sheets/", 2), ("layouts/", 1))]
"""Kinds of file, each as likely as the others: the few layouts as much as the many cards."""
WHERE = st.sampled_from([group for group in GROUPS if group]).flatmap(st.sampled_from).flatmap(
    lambda name: st.tuples(st.just(name), st.sampled_from(PLACES[name])))

CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from(
    ["\x7f", "\x85", "\u200b", "\u200e", "\u202e", "\u2028", "\ufeff", "\ufffe"])
WORDS = st.sampled_from([
    "", " ", "x", "a6", "a4", "base", "shop", "a4-four-up", "atkinson", "nosuchfont", "body",
    "title", "footer", "credit", "about", "recipe", "question", "ingredient", "#FFFFFF",
    "#000000", "#zzzzzz", "home", "long", "default", "upstream", "../../etc/passwd",
    "/etc/passwd", "images/none.png", "CC-BY-SA-4.0", "warm-up", "{{ locality }}",
    "{{ self }}", "{{ locality | upper }}", "{% for x in y %}", "{{ ((((x)))) }}", "<b>",
    "**bold** *it*", "- a\n- b", "1. one", "nan", "inf", "-1", "0", "1e400", "yes",
])
TEXTS = (st.text(max_size=40) | st.text(CONTROL, min_size=1, max_size=5) | WORDS
         | st.integers(1, 6).map(lambda n: "word " * 10 ** n)
         | st.integers(1, 5).map(lambda n: "x" * 10 ** n))
NUMBERS = (st.integers() | st.integers(-10, 400) | st.floats(-1e3, 1e3)
           | st.sampled_from([0, -1, 1e-300, 1e300, -1e300, 2 ** 64, 10 ** 39, 10 ** 60, HUGE,
                              float("nan"), float("inf"), float("-inf")]))
SCALARS = st.none() | st.booleans() | NUMBERS | TEXTS
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8) | WORDS, inner, max_size=4), max_leaves=8)
class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


DELETE = _Delete()
"""Instead of a value: remove the place (a field or list item) altogether."""

OPTIONS = st.sampled_from([PrintOptions(), PrintOptions("shop"), PrintOptions("home"),
                           PrintOptions("home", "fold"), PrintOptions(cmyk=True)])


def _changed(data: Any, place: tuple[Any, ...], value: Any) -> Any:
    """A copy of ``data`` with ``value`` put at ``place`` (or the place removed)."""
    if not place:
        return None if value is DELETE else value
    copy = _plain(data)
    node = copy
    for step in place[:-1]:
        node = node[step]
    if value is DELETE:
        del node[place[-1]]
    else:
        node[place[-1]] = value
    return copy


def _dump(data: Any) -> str:
    """YAML text for ``data``, with each HUGE written out as 5,000 digits."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return text.replace(f"'{HUGE}'", "9" * 5000)


def run_pack(root: Path, options: PrintOptions, out: Path) -> None:
    """Check the pack and build it; anything but PackError propagates."""
    try:
        check(root)
    except PackError:
        pass
    try:
        build(root, SIZES if options.mode != "home" else ("a6",), out, options=options)
    except PackError:
        pass


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(where=WHERE, value=VALUES | st.just(DELETE), options=OPTIONS)
def test_one_value_anywhere_ends_in_success_or_pack_error(
        where: tuple[str, tuple[Any, ...]], value: Any, options: PrintOptions) -> None:
    name, place = where
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "pack"
        for part in FOLDERS:
            shutil.copytree(DEFAULT / part, root / part)
        (root / name).write_text(_dump(_changed(FILES[name], place, value)), encoding="utf-8")
        started = time.monotonic()
        run_pack(root, options, Path(folder) / "dist")
        elapsed = time.monotonic() - started
    assert elapsed < SECONDS, f"{name} {place}: took {elapsed:.1f} s"
