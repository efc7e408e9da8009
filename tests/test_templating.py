"""Variables in card text: filled in from pack.yaml, typos explained, escapes refused."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from jinja2.exceptions import SecurityError, TemplateError

from activate_pack.errors import PackError
from activate_pack.pack.loading.load import load_pack
from activate_pack.pack.sources.templating import TemplateProblem, environment, render_text
from conftest import PACK_YAML, RECIPE

WITH_VARIABLES = PACK_YAML + """\
variables:
  contact: Sam on 0118 000 0000
  meeting_place: the library
"""


def _question(text: str) -> str:
    return f"""\
- id: warm-hello
  title: Hello
  question: {text}
  prompts: ["Who made it?", "Where did you eat it?"]
  phase: warm-up
"""


def test_variables_fill_card_text(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{
        "content/pack.yaml": WITH_VARIABLES,
        "content/questions/warm-up.yaml": _question(
            "'What do you love about {{ locality }}? Ask {{ contact }} at {{ meeting_place }}.'"),
    })
    pack = load_pack(root)
    assert pack.card("warm-hello").question == (
        "What do you love about Testville? Ask Sam on 0118 000 0000 at the library.")
    assert pack.variables["locality"] == "Testville"


def test_unknown_variable_names_file_line_and_nearest(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{
        "content/pack.yaml": WITH_VARIABLES,
        "content/questions/warm-up.yaml": _question("'Where is {{ meeting_plac }}?'"),
    })
    with pytest.raises(PackError) as info:
        load_pack(root)
    [problem] = info.value.problems
    assert problem.path == "content/questions/warm-up.yaml"
    assert problem.line == 3  # the 'question:' line
    assert problem.card == "warm-hello"
    assert "meeting_plac" in problem.message and "did you mean 'meeting_place'" in problem.message


ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ locality.__class__ }}",
    "{{ locality | attr('__class__') }}",
    "{% import 'os' as os %}",
    "{% include '/etc/passwd' %}",
    "{% from '/etc/passwd' import x %}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{{ 'x' * 1000000000 }}",
]


@pytest.mark.parametrize("text", ESCAPES)
def test_escapes_are_refused_in_words(text: str) -> None:
    with pytest.raises(TemplateProblem) as info:
        render_text(text, {"locality": "Testville"})
    assert "placeholder" in str(info.value) or "filter" in str(info.value)


@pytest.mark.parametrize("text", ESCAPES[:4])
def test_escapes_in_a_pack_are_pack_errors(make_pack: Callable[..., Path], text: str) -> None:
    root = make_pack(**{"content/questions/warm-up.yaml": _question(repr(text))})
    with pytest.raises(PackError) as info:
        load_pack(root)
    assert info.value.problems[0].path == "content/questions/warm-up.yaml"


def test_the_sandbox_is_a_second_wall() -> None:
    """Even without the placeholder check, the sandbox refuses dunders and file reads."""
    with pytest.raises(SecurityError):
        environment().from_string("{{ ''.__class__.__mro__ }}").render()
    with pytest.raises((TemplateError, TypeError)):
        environment().from_string("{% include '/etc/passwd' %}").render()


def test_ids_and_settings_are_not_templated(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/questions/warm-up.yaml": _question("'Hello {{ locality }}'")
                        .replace("phase: warm-up", "phase: '{{ locality }}'")})
    with pytest.raises(PackError) as info:
        load_pack(root)
    assert "phase" in str(info.value)


NOT_PLAIN = [
    "{{ locality | upper }}",
    "{{ locality|title }}",
    "{{ locality() }}",
    "{{ locality.upper }}",
    "{{ locality[0] }}",
    "{{ locality + locality }}",
    "{{ 1 * 2 }}",
    "{{ (((((locality))))) }}",
    "{{ " + "(" * 5000 + "locality" + ")" * 5000 + " }}",
    "{{ locality" + " | upper" * 5000 + " }}",
    "{{ " + "[" * 100_000 + " }}",
    "{{ 'text' }}",
    "{{ }}",
]


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_only_bare_names_are_placeholders(text: str) -> None:
    with pytest.raises(TemplateProblem) as info:
        render_text(f"Hello {text} and welcome", {"locality": "Testville"})
    assert "only plain placeholders such as {{ locality }}" in str(info.value)


@pytest.mark.parametrize("text", ["{{ locality", "Open {{ and never close", "{{{ locality }}"])
def test_unclosed_or_odd_braces_are_refused(text: str) -> None:
    with pytest.raises(TemplateProblem):
        render_text(text, {"locality": "Testville"})


@pytest.mark.parametrize("text, filled", [
    ("{{locality}}", "Testville"),
    ("{{ locality }} and {{  locality  }}", "Testville and Testville"),
    ("Braces alone } and }} and { stay", "Braces alone } and }} and { stay"),
])
def test_plain_placeholders_and_stray_braces(text: str, filled: str) -> None:
    assert render_text(text, {"locality": "Testville"}) == filled


@pytest.mark.parametrize("name", ["self", "for", "true", "none", "class", "loop", "_private",
                                  "Locality", "9lives", "meeting-place", "x" * 41])
def test_reserved_and_malformed_variable_names_are_refused(
        make_pack: Callable[..., Path], name: str) -> None:
    root = make_pack(**{"content/pack.yaml": PACK_YAML + f"variables:\n  {name!r}: a value\n"})
    with pytest.raises(PackError) as info:
        load_pack(root)
    [problem] = info.value.problems
    assert problem.path == "content/pack.yaml" and problem.line == PACK_YAML.count("\n") + 2
    assert "variable name" in problem.message
    if not name.startswith(("x", "s", "f", "t", "n", "c", "l")):
        assert "^[a-z][a-z0-9_]*$" in problem.message


def test_a_variable_named_like_a_render_argument_cannot_clash() -> None:
    assert render_text("{{ text }}", {"text": "fine"}) == "fine"


@pytest.mark.parametrize("written", ["{ locality }", "{locality}}", "{locality}"])
def test_a_variable_between_single_braces_is_a_warning(make_pack, written: str) -> None:
    from activate_pack.output.check import check

    root = make_pack(**{"content/recipes/soup-club.yaml": RECIPE.replace(
        "title: Soup club", f"title: Soup club in {written}")})
    report = check(root)
    [warning] = [p for p in report.warnings if "braces" in p.message]
    assert warning.path == "content/recipes/soup-club.yaml" and warning.line == 2
    assert f"'{written}' is printed as it is" in warning.message
    assert "write {{ locality }}" in warning.message
    assert not report.errors


def test_braces_round_other_words_are_left_alone(make_pack) -> None:
    from activate_pack.output.check import check

    root = make_pack(**{"content/recipes/soup-club.yaml": RECIPE.replace(
        "title: Soup club", "title: Soup club {weekly}")})
    assert not [p for p in check(root).problems if "braces" in p.message]
