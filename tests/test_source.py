"""YAML reading: syntax errors name the line, and unsafe YAML is refused."""

from __future__ import annotations

import pytest

from activate_pack.pack.sources import source
from activate_pack.errors import PackError
from activate_pack.pack.sources.source import decode, parse


@pytest.fixture(params=["libyaml", "pure-python"], autouse=True)
def loader(request, monkeypatch):
    """Every test here runs with libyaml's parser and with PyYAML's pure-Python one.

    The two stop different things themselves (libyaml has its own nesting limit since the
    PyYAML 6.0.4 wheels), and a user gets whichever wheel pip picks, so the messages must not
    depend on it.
    """
    if request.param == "libyaml":
        if not hasattr(source, "_CLoader"):
            pytest.fail("this PyYAML was built without libyaml; the C parser cannot be tested")
        monkeypatch.setattr(source, "LOADER", source._CLoader)
    else:
        monkeypatch.setattr(source, "LOADER", source._Loader)
    return request.param


def problem(text: str):
    with pytest.raises(PackError) as info:
        parse(text, "x.yaml")
    [p] = info.value.problems
    return p


def test_keys_remember_their_lines() -> None:
    data = parse("a: 1\nb:\n  - x\n  - c: 2\n", "x.yaml")
    assert data.mark("b") == (2, 1)
    assert data["b"].item_marks == [(3, 5), (4, 5)]
    assert data["b"][1].line == 4


@pytest.mark.parametrize("text, line, words", [
    ("a: 1\nb:\n\t- x\n", 3, "tab"),
    ("a: [1, 2\nb: 3\n", 1, "the bracket that opens here is never closed"),
    ('a: "open\nb: 2\n', 1, "the quote that starts here is never closed"),
    ("title: Time: now\n", 1, "quotes"),
    ("a: 1\na: 2\n", 2, "appears twice in the same place (first on line 1); keep one 'a:'"),
    ("a: &x 1\nb: *x\n", 1, "anchors"),
    ("a: !!python/object/apply:os.system [ls]\n", 1, "!!python/object/apply:os.system"),
    ("a: 1\n---\nb: 2\n", 2, "more than one YAML document"),
    ("id: x\ntitle The river\nsummary: hi\n", 2, "this line has no ':' after the field name; "
                                                 "write 'title: '"),
    ("id: x\ntitle: *Walk* and talk\n", 2, 'in quotes, like this: title: "*Walk* and talk"'),
    ("id: x\nwho_for: - older people\n", 2, "a list item ('- ') cannot start on the same line"),
])
def test_yaml_mistakes_are_explained_with_their_line(text: str, line: int, words: str) -> None:
    p = problem(text)
    assert p.path == "x.yaml"
    assert p.line == line
    assert words in p.message


def test_billion_laughs_is_refused_without_expanding() -> None:
    bomb = 'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    assert "anchors" in problem(bomb).message


def test_encodings() -> None:
    assert decode("\ufefftitle: x".encode("utf-8"), "x.yaml") == "title: x"
    with pytest.raises(PackError, match="UTF-16"):
        decode("title: x".encode("utf-16"), "x.yaml")
    with pytest.raises(PackError, match="not saved as UTF-8") as info:
        decode(b"title: ok\nname: caf\xe9\n", "x.yaml")
    assert info.value.problems[0].line == 2


@pytest.mark.parametrize("levels", [101, 1_001, 20_000])
@pytest.mark.parametrize("style", ["flow", "block"])
def test_deep_nesting_gets_the_projects_sentence_whichever_parser(style: str, levels: int) -> None:
    if style == "flow":
        text = "question: " + "[" * levels + "x" + "]" * levels + "\n"
    else:
        text = "".join(" " * i + "- \n" for i in range(levels)) + " " * levels + "- x\n"
    p = problem(text)
    assert p.message == source.NESTED_TOO_DEEP
    assert "nested more than 100 levels" in p.message
    assert p.path == "x.yaml" and p.line is not None


def test_nesting_within_the_limit_is_read() -> None:
    assert parse("a: " + "[" * 90 + "1" + "]" * 90 + "\n", "x.yaml")["a"] is not None


def test_dates_stay_text() -> None:
    assert parse("when: 2024-05-01\n", "x.yaml")["when"] == "2024-05-01"


def _events_depth(text: str) -> int:
    import yaml

    depth = deepest = 0
    for event in yaml.parse(text):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return deepest


def test_quick_depth_bound_is_never_below_the_real_depth() -> None:
    import yaml
    from hypothesis import given, settings, strategies as st

    from activate_pack.pack.sources.source import _depth_bound

    data = st.recursive(st.text("ab -?", max_size=4) | st.integers(),
                        lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text("abc", min_size=1, max_size=3), inner, max_size=3),
                        max_leaves=40)

    @settings(max_examples=200, deadline=None)
    @given(data, st.booleans(), st.integers(min_value=1, max_value=4))
    def check(value, flow, indent) -> None:
        text = yaml.safe_dump(value, default_flow_style=flow, indent=max(2, indent))
        assert _depth_bound(text) >= _events_depth(text)

    check()


@pytest.mark.parametrize("typed, value", [
    ("1:30", "1:30"),          # YAML 1.1: 90 (base 60)
    ("No", "No"),              # YAML 1.1: false
    ("on", "on"),
    ("0x1F", 31),
    ("3e5", "3e5"),
    ("2024-05-01", "2024-05-01"),
    ("true", True),
    ("12", 12),
    ("-4", -4),
    ("012345", 12345),         # YAML 1.1: 5349 (octal); the text is kept, see below
    ("1.10", 1.1),
])
def test_plain_values_are_read_by_yaml_1_2(typed: str, value: object) -> None:
    read = parse(f"a: {typed}\n", "x.yaml")["a"]
    assert read == value and type(read) is not bool or value is True


@pytest.mark.parametrize("typed", ["012345", "1.10", "-0", "0x1F"])
def test_numbers_keep_the_text_that_was_typed(typed: str) -> None:
    assert parse(f"a: {typed}\n", "x.yaml")["a"].source == typed


def test_a_list_item_out_of_line_is_named_as_such() -> None:
    p = problem("id: walk\nmethod:\n  - Ask the council.\n - Meet at the library.\ntime: 1 hour\n")
    assert p.line == 4
    assert p.message == ("this list item starts with 1 space but the one above starts with 2; "
                         "line the dashes up, one under the other")
