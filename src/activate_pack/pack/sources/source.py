"""Safe YAML reading that remembers where every key and item came from.

Only plain data is allowed: no tags that build Python objects, and no aliases (``*name``),
which also rules out "billion laughs" expansion bombs.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any, Iterator

import yaml
from yaml.constructor import SafeConstructor

from activate_pack.errors import PackError, Problem
from activate_pack.pack.sources.gate import Refused, check_file, is_inside, read_checked

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A YAML file larger than this is refused: no card pack needs more, and it keeps builds fast."""


class Located(dict[str, Any]):
    """A YAML mapping that also knows the file and line of itself and of each key."""

    path: str
    line: int
    column: int
    key_marks: dict[str, tuple[int, int]]
    notes: list[tuple[int, str]]
    """Warnings about its values, as (line, message): see ``notes_in``."""

    def mark(self, key: str) -> tuple[int, int]:
        """Line and column of ``key`` (or of the mapping itself when the key is absent)."""
        return self.key_marks.get(key, (self.line, self.column))


def field_lines(node: Any, prefix: str = "") -> dict[str, int]:
    """The line of every field under a located mapping, by dotted name: 'image.alt' -> 9."""
    found: dict[str, int] = {}
    if isinstance(node, Located):
        for key, value in node.items():
            name = f"{prefix}{key}"
            if key in node.key_marks:
                found[name] = node.key_marks[key][0]
            found.update(field_lines(value, name + "."))
    elif isinstance(node, LocatedList):
        for index, value in enumerate(node):
            name = f"{prefix}{index}"
            if index < len(node.item_marks):
                found[name] = node.item_marks[index][0]
            found.update(field_lines(value, name + "."))
    return found


class LocatedList(list[Any]):
    """A YAML sequence that knows the line of each item."""

    path: str
    line: int
    column: int
    item_marks: list[tuple[int, int]]
    notes: list[tuple[int, str]]
    """Warnings about its items, as (line, message): see ``notes_in``."""


SWALLOWED = ("this line starts with '- ' but is indented further than the list items above, so "
             "it became more text of the item above instead of an item of its own; line its '-' "
             "up with the others")

CURLY_WRAPPED = ("this text is wrapped in curly quotes ({quotes}), which YAML keeps as part of "
                 "the text, so they print; if they were meant as YAML's quotes, use straight "
                 "ones (\") or none")


def notes_in(node: Any) -> Iterator[tuple[str, int, str]]:
    """(file, line, message) of what reads well to YAML but is likely not what was meant: a
    list item that became more text of the item above, a text wrapped in curly quotes."""
    if isinstance(node, (Located, LocatedList)):
        for line, message in getattr(node, "notes", ()):
            yield node.path, line, message
    if isinstance(node, (dict, list)):
        for child in node.values() if isinstance(node, dict) else node:
            yield from notes_in(child)


def _curly_wrapped(node: yaml.Node) -> list[tuple[int, str]]:
    """A note for a plain text that starts with a curly quote and ends with one."""
    if isinstance(node, yaml.ScalarNode) and not node.style and len(node.value) > 1 \
            and node.value[0] in CURLY_OPENERS and node.value[-1] in _CURLY_ALL:
        quotes = f"{node.value[0]} … {node.value[-1]}"
        return [(node.start_mark.line + 1, CURLY_WRAPPED.format(quotes=quotes))]
    return []


class _Loader(yaml.SafeLoader):
    """A safe loader that refuses aliases and records marks on mappings and sequences.

    This class is PyYAML's pure-Python parser; ``_CLoader`` below is the same loader on
    libyaml, used whenever PyYAML was built with it (about ten times faster). The two parsers
    differ in what they stop themselves (libyaml has its own nesting limit), so every message
    is worded here, whichever of them finds the problem.
    """

    display_path = "<yaml>"

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _refuse_aliases(node)
        return self.construct_document(node)

    def construct_undefined(self, node: yaml.Node) -> Any:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _YamlProblem(f"the YAML tag {tag!r} is not allowed: a pack holds plain text, "
                           f"lists and fields only; {_INSTEAD.get(tag, _PLAIN)}", node.start_mark)


def _refuse_aliases(root: yaml.Node) -> None:
    """Refuse any node reached twice: that is what an alias (*name) makes.

    Checked on the composed graph, before anything is constructed, so a "billion laughs"
    document is refused without ever being expanded.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise _YamlProblem("YAML anchors and aliases (&name, *name) are not allowed in a "
                               "pack; write the text out in full", node.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


_Loader.add_constructor(None, _Loader.construct_undefined)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    result = Located()
    result.path = loader.display_path
    result.line, result.column = node.start_mark.line + 1, node.start_mark.column + 1
    result.key_marks = {}
    result.notes = [note for _, value in node.value for note in _curly_wrapped(value)]
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _YamlProblem("YAML merge keys (<<) are not allowed in a pack", key_node.start_mark)
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            first = result.key_marks[key][0]
            raise _YamlProblem(f"the field {key!r} appears twice in the same place (first on "
                               f"line {first}); keep one '{key}:' and put what both say under "
                               "it", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_marks[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.path = loader.display_path
    result.line, result.column = node.start_mark.line + 1, node.start_mark.column + 1
    result.item_marks = [(c.start_mark.line + 1, c.start_mark.column + 1) for c in node.value]
    lines: list[str] = getattr(loader, "source_lines", [])
    result.notes = [(n + 1, SWALLOWED) for c in node.value
                    if isinstance(c, yaml.ScalarNode) and not c.style
                    and c.end_mark.line > c.start_mark.line
                    for n in range(c.start_mark.line + 1, min(c.end_mark.line + 1, len(lines)))
                    if lines[n].lstrip().startswith("- ")]
    result.notes += [note for c in node.value for note in _curly_wrapped(c)]
    return result


_PLAIN = "remove the tag (the word starting with '!') and write the value as plain text"
_INSTEAD = {
    "!!set": "write a list instead, one item on each line starting with '- '",
    "!!binary": "put pictures in the content/images/ folder and give their file name",
    "!!timestamp": "write the date as plain text, such as 2024-05-01",
    "!!omap": "write plain fields (name: value), or a list",
    "!!pairs": "write plain fields (name: value), or a list",
}
"""For each YAML tag a volunteer might meet, what to write instead."""

MAX_NUMBER_CHARS = 40
"""Longest number a pack may write; longer ones are refused before Python converts them."""


def _construct_number(loader: _Loader, node: yaml.ScalarNode) -> int | float:
    """An int or float, refusing huge and non-finite ones with advice to quote them as text."""
    text = str(node.value)
    quoted = f"\"{text[:20]}…\"" if len(text) > 20 else f"\"{text}\""
    if len(text) > MAX_NUMBER_CHARS:
        raise _YamlProblem(f"this number is {len(text):,} characters long; a pack needs no number "
                           f"longer than {MAX_NUMBER_CHARS}. If it is meant as text, put it in "
                           f"quotes ({quoted})", node.start_mark)
    if node.tag.endswith(":int"):
        try:
            return int(text, 10)  # YAML 1.2: a leading zero is not octal
        except ValueError:  # an explicit !!int in another form, such as 0x1F
            return SafeConstructor.construct_yaml_int(loader, node)
    value = SafeConstructor.construct_yaml_float(loader, node)
    if not math.isfinite(value):
        raise _YamlProblem(f"'{text}' is read as a number that is not finite (infinity or "
                           "'not a number'); write an ordinary number, or put it in quotes "
                           f"({quoted}) if it is meant as text", node.start_mark)
    return value


class YamlInt(int):
    """A whole number as read from YAML, keeping the characters that were typed (``012345``)."""

    source: str


class YamlFloat(float):
    """A number with a point as read from YAML, keeping what was typed (``1.10``)."""

    source: str


def _construct_typed_number(loader: _Loader, node: yaml.ScalarNode) -> int | float:
    """A plain number that remembers its text, so a field meant as text gets it as typed."""
    value = _construct_number(loader, node)
    number: YamlInt | YamlFloat = (YamlInt(value) if isinstance(value, int)
                                   else YamlFloat(value))
    number.source = str(node.value)
    return number


# Written back out (by translation export, say) they are the numbers they stand for.
yaml.SafeDumper.add_representer(YamlInt, yaml.SafeDumper.represent_int)
yaml.SafeDumper.add_representer(YamlFloat, yaml.SafeDumper.represent_float)

_Loader.add_constructor("tag:yaml.org,2002:int", _construct_typed_number)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_typed_number)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
# Only plain values: sets (whose order depends on the hash seed), bytes, ordered pairs and
# dates given a tag are refused, with advice, by construct_undefined.
for _tag in ("set", "binary", "timestamp", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _Loader.construct_undefined)
# Unquoted dates stay text: "2024-05-01" in a modification history means what it says, so
# the resolver never turns plain text into a timestamp (only an explicit !!timestamp would).
#
# Plain values are read by the rules of YAML 1.2, not 1.1: only true and false are yes-or-no
# values ('No', 'on' and 'y' stay words), and numbers are plain decimals. YAML 1.1 would
# print 'time: 1:30' as 90 (base 60), 'contact: 01234567' as 342391 (octal) and turn the
# title 'No' into false. A number still keeps its text (see YamlInt), for fields meant as text.
_YAML_1_2 = {
    "tag:yaml.org,2002:bool": re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    "tag:yaml.org,2002:int": re.compile(r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+)$"),
    "tag:yaml.org,2002:float": re.compile(  # with a point, as people write them: 1.5, -.25
        r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if not tag.endswith(":timestamp") and tag not in _YAML_1_2]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
for _tag, _pattern in _YAML_1_2.items():
    _Loader.add_implicit_resolver(_tag, _pattern, list("-+0123456789.tTfF"))

if hasattr(yaml, "CSafeLoader"):
    class _CLoader(yaml.CSafeLoader):
        """``_Loader`` on libyaml's parser: the same constructors and checks."""

        display_path = "<yaml>"
        yaml_constructors = _Loader.yaml_constructors
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
        get_single_data = _Loader.get_single_data
        construct_undefined = _Loader.construct_undefined

    LOADER: type = _CLoader
else:  # pragma: no cover - PyYAML built without libyaml
    LOADER = _Loader
"""The loader ``parse`` uses; tests set it to ``_Loader`` to run the pure-Python parser too."""


class _YamlProblem(Exception):
    def __init__(self, message: str, mark: yaml.Mark | None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


def _unclosed(exc: yaml.MarkedYAMLError) -> bool:
    """True for a bracket or quote left open: the place to fix is where it was opened."""
    return exc.context_mark is not None and (exc.context or "").startswith(
        ("while parsing a flow", "while scanning a quoted"))


def _no_colon(exc: yaml.MarkedYAMLError) -> bool:
    """True for a field name without its ':' (the parser notices on a later line)."""
    return exc.context_mark is not None and exc.context == "while scanning a simple key"


def _points_back(exc: yaml.MarkedYAMLError) -> bool:
    """True where the mistake is at the place the parser started from, not where it stopped."""
    return _unclosed(exc) or _no_colon(exc)


def _line_of(text: str, mark: yaml.Mark | None) -> str:
    lines = text.splitlines()
    return lines[mark.line].strip() if mark is not None and mark.line < len(lines) else ""


CURLY_OPENERS = {"\u201c": "“", "\u2018": "‘", "\u201e": "„", "\u00ab": "«", "\u201d": "”"}
"""Quotes a word processor types, which YAML reads as ordinary letters."""
_CURLY_ALL = "".join(CURLY_OPENERS) + "\u2019\u00bb"

SPACE_LOOKALIKES = {"\u00a0": "a non-breaking space", "\u2007": "a figure space",
                    "\u202f": "a narrow non-breaking space", "\u3000": "a wide space",
                    "\ufeff": "an invisible zero-width no-break space"}
"""Characters that look like a space but are not one to YAML."""


def _curly_start(line: str) -> str | None:
    """The curly quote a line's value starts with ('challenge: “Litter: …”'), if it does."""
    value = line.partition(": ")[2].lstrip() if ": " in line else line.lstrip("- ")
    return CURLY_OPENERS.get(value[:1])


def _uncurled(line: str) -> str:
    """The line without the curly quotes round its value: the text to put in straight ones."""
    key, _, value = line.partition(": ")
    return f"{key}: {value.strip().strip(_CURLY_ALL)}"


def _quoted(line: str) -> str:
    """A line 'key: value' with its value in double quotes, as advice (JSON quoting is YAML)."""
    key, _, value = line.partition(":")
    return f"{key.strip()}: {json.dumps(value.strip(), ensure_ascii=False)}" if value else line


def _misaligned_dash(text: str, mark: yaml.Mark | None) -> str | None:
    """Advice for a list item ('- ') indented unlike the item above it, or None."""
    lines = text.splitlines()
    if mark is None or not 0 < mark.line < len(lines):
        return None
    here = lines[mark.line]
    if not here.lstrip().startswith("- "):
        return None
    for above in reversed(lines[:mark.line]):
        if above.lstrip().startswith("- "):
            want, got = len(above) - len(above.lstrip()), len(here) - len(here.lstrip())
            if want == got:
                return None
            return (f"this list item starts with {got} space{'s' if got != 1 else ''} but the "
                    f"one above starts with {want}; line the dashes up, one under the other")
        if above.strip() and not above.startswith((" ", "\t")):
            return None  # the list above ended: something else is wrong here
    return None


def _explain(exc: yaml.MarkedYAMLError, text: str = "") -> str:
    """Turn PyYAML's wording into advice a non-programmer can act on."""
    problem = (exc.problem or str(exc)).strip()
    mark = exc.problem_mark
    at = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    lines = text.splitlines()
    for where in (mark, exc.context_mark):
        line = lines[where.line] if where is not None and where.line < len(lines) else ""
        lead = line[:len(line) - len(line.lstrip("".join(SPACE_LOOKALIKES) + " \t"))]
        at = next((c for c in lead if c in SPACE_LOOKALIKES), at)
    if at in SPACE_LOOKALIKES:
        return (f"{SPACE_LOOKALIKES[at]} is here, where YAML needs ordinary spaces (it often "
                "comes with text pasted from Word or a web page); delete it and type a space")
    if at == "\t" or "'\\t'" in problem:
        return ("a tab character is used for indentation here; YAML needs spaces "
                "(replace the tab with spaces)")
    if _unclosed(exc):
        noticed = exc.problem_mark.line + 1 if exc.problem_mark else None
        later = f" (the file reaches line {noticed} without it)" if noticed else ""
        if (exc.context or "").startswith("while scanning a quoted"):
            return f"the quote that starts here is never closed{later}; add the closing quote"
        return (f"the bracket that opens here is never closed{later}; close it, or put text "
                "that contains commas or colons in quotes")
    if _no_colon(exc):
        name = _line_of(text, exc.context_mark).split(" ", 1)[0] or "name"
        return (f"this line has no ':' after the field name; write '{name}: ' followed by the "
                "text (a colon, then a space), or, if the line goes on from the text above, "
                "indent it like that text")
    if exc.context == "while scanning an alias":
        line = _line_of(text, exc.context_mark)
        return ("text that starts with '*' is read by YAML as a reference to something else; "
                f"put the whole text in quotes, like this: {_quoted(line)}")
    if "sequence entries are not allowed" in problem:
        return ("a list item ('- ') cannot start on the same line as its field name; start the "
                "list on the next line, indented by two spaces, or put the text in quotes if "
                "the dash is part of it")
    if "nesting depth" in problem:  # libyaml's own limit (PyYAML 6.0.4 wheels and later)
        return NESTED_TOO_DEEP
    if "end of stream" in problem or "<stream end>" in problem:
        return "a quote or bracket opened earlier is never closed"
    if "mapping values are not allowed" in problem:
        curly = _curly_start(_line_of(text, mark))
        if curly:
            return (f"this text starts with a curly quote {curly}, which YAML does not count as "
                    "a quote (word processors and phones type them), so the ': ' inside it "
                    "breaks the line; use straight quotes instead, like this: "
                    f"{_quoted(_uncurled(_line_of(text, mark)))}")
        return ("a ':' followed by a space is inside unquoted text; put the whole text in "
                "quotes, or check the indentation of this line")
    if "expected" in problem and (dash := _misaligned_dash(text, mark)):
        return dash
    if "expected <block end>" in problem or "could not find expected ':'" in problem:
        return "the indentation of this line does not match the lines around it"
    if "did not find expected" in problem:
        return f"the YAML structure is broken here ({problem}); check quotes, dashes and indentation"
    context = f"{exc.context}: " if exc.context else ""
    return f"YAML syntax error: {context}{problem}"


def decode(data: bytes, display_path: str) -> str:
    """Decode a YAML file's bytes as UTF-8, with a clear message for other encodings."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PackError(Problem("this file is saved as UTF-16; save it as UTF-8 "
                                "(in most editors: Save As, Encoding: UTF-8)", display_path))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark, as Windows Notepad writes: harmless
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = data[exc.start:exc.start + 1].decode("cp1252", errors="replace")
        seems = (f"'{guess}' saved in an older Windows or Mac encoding" if guess.isprintable()
                 and guess != "\ufffd" else f"byte 0x{data[exc.start]:02x}")
        raise PackError(Problem(
            f"this file is not saved as UTF-8 text: here is {seems}; save the file again as "
            "UTF-8 (Notepad: File, Save as, Encoding: UTF-8; TextEdit: Format, Make Plain "
            "Text, then Save with 'Unicode (UTF-8)'), then retype the character if it changed",
            display_path, line, column)) from None


MAX_DEPTH = 100
"""Deepest nesting of lists and groups in one file; a pack needs five or so."""

NESTED_TOO_DEEP = (f"the lists and groups in this file are nested more than {MAX_DEPTH} levels "
                   "deep; a pack file needs only a few levels")
"""The one sentence for deep nesting, whether our walk or the parser's own limit finds it."""


def _depth_bound(text: str) -> int:
    """A number no smaller than the file's deepest nesting of lists and groups."""
    brackets = text.count("[") + text.count("{")
    if brackets > MAX_DEPTH:
        return brackets
    block = 0
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        block = max(block, len(line) - len(stripped) + stripped.count("-") + stripped.count("?"))
    return brackets + 2 * block + 1


def _refuse_deep_nesting(text: str, display_path: str) -> None:
    """Refuse absurdly deep nesting before the document is composed."""
    # libyaml's composer recurses in C: tens of thousands of levels crash the whole process
    # (a segmentation fault, not an exception), so depth is measured on the flat event stream.
    # A cheap upper bound first, so ordinary files skip the scan: each opening bracket adds a
    # level, and in block style each column of indentation or '-' or '?' on a line adds at
    # most two (a list, and the group inside its item).
    if _depth_bound(text) <= MAX_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=LOADER):  # events come from a loop, not recursion
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise PackError(Problem(NESTED_TOO_DEEP, display_path,
                                            mark.line + 1 if mark is not None else None))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # parse() reports syntax errors, libyaml's nesting limit included, in our words


def parse(text: str, display_path: str) -> Any:
    """Parse one YAML document from text, raising PackError with the file and line."""
    _refuse_deep_nesting(text, display_path)
    loader = LOADER(text)
    loader.display_path = display_path
    loader.source_lines = text.splitlines()
    try:
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except _YamlProblem as exc:
        mark = exc.mark
        raise PackError(Problem(exc.message, display_path, mark.line + 1 if mark else None,
                                mark.column + 1 if mark else None)) from None
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc):
            mark = exc.problem_mark
            raise PackError(Problem("this file holds more than one YAML document ('---'); "
                                    "keep one per file", display_path,
                                    mark.line + 1 if mark else None)) from None
        raise PackError(Problem(_explain(exc, text), display_path)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark if _points_back(exc) else (exc.problem_mark or exc.context_mark)
        raise PackError(Problem(_explain(exc, text), display_path, mark.line + 1 if mark else None,
                                mark.column + 1 if mark else None)) from None
    except yaml.reader.ReaderError as exc:  # a control character, e.g. pasted from a PDF
        line = text[: exc.position].count("\n") + 1 if exc.position is not None else None
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a control code"
        raise PackError(Problem(f"this file holds an invisible control character ({code}) that "
                                "YAML does not allow; delete it, or retype the line",
                                display_path, line)) from None
    except yaml.YAMLError as exc:  # e.g. a reader error for control characters
        raise PackError(Problem(f"YAML error: {exc}", display_path)) from None
    except RecursionError:
        raise PackError(Problem(NESTED_TOO_DEEP, display_path)) from None


def inside(root: Path, path: Path) -> bool:
    """True if ``path`` (after following links) lies within the pack folder ``root``."""
    return is_inside(root, path)


def read_yaml(path: Path, display_path: str, root: Path | None = None) -> Any:
    """Read and parse a YAML file through the pack's gate, refusing oversized and non-UTF-8 files.

    With ``root`` (the pack folder), a file that is a link leading outside it is refused: a
    pack from someone else must not read other files on the computer. Pipes, devices and
    folders are refused before anything is opened.
    """
    try:
        real = check_file(root if root is not None else path.parent, path)
        data = read_checked(real, MAX_FILE_BYTES)
    except Refused as exc:
        raise PackError(Problem(f"this file {exc}", display_path)) from None
    except OSError as exc:
        raise PackError(Problem(f"cannot read this file: {exc.strerror}", display_path)) from None
    return parse(decode(data, display_path), display_path)


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` laid on ``base``: nested groups merge key by key, anything else is replaced."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged
