"""`activate-pack check`: every problem at once, at file and line, writing nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest
from typer.testing import CliRunner

from activate_pack.layout import contrast
from activate_pack.output.check import check
from activate_pack.cli import app
from activate_pack.pack.sources.paths import default_pack_dir

runner = CliRunner()
LOCATED = re.compile(r"^(?P<path>[\w./-]+\.yaml):(?P<line>\d+)(?::(?P<col>\d+))?: ")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_acceptance_syntax_error_and_unknown_field_in_different_files(default_copy: Path) -> None:
    recipe = default_copy / "content/recipes/walk-and-talk.yaml"
    lines = recipe.read_text(encoding="utf-8").splitlines(keepends=True)
    bad_line = next(i for i, line in enumerate(lines, 1) if line.startswith("title:"))
    lines[bad_line - 1] = "title: [Walk and talk\n"
    recipe.write_text("".join(lines), encoding="utf-8")
    ingredient = default_copy / "content/ingredients/exchange.yaml"
    text = ingredient.read_text(encoding="utf-8")
    unknown_line = text[: text.index("  uses:")].count("\n") + 1
    ingredient.write_text(text.replace("  uses:", "  usses:", 1), encoding="utf-8")
    before = _files(default_copy)

    result = runner.invoke(app, ["check", str(default_copy)])

    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.exception is None or \
        isinstance(result.exception, SystemExit)
    out = result.output.splitlines()
    syntax = [row for row in out if row.startswith("content/recipes/walk-and-talk.yaml:")]
    assert syntax and syntax[0].startswith(f"content/recipes/walk-and-talk.yaml:{bad_line}:") \
        and "never closed" in syntax[0], out
    unknown = [row for row in out if row.startswith(f"content/ingredients/exchange.yaml:{unknown_line}:")]
    assert unknown and "unknown field 'usses' (did you mean 'uses'?)" in unknown[0], out
    # The unknown field's card is not also reported as a missing ingredient of some recipe.
    assert not any("no ingredient card" in line for line in out), out
    assert re.fullmatch(r"\d+ errors? and \d+ warnings? found\.", out[-1])
    assert _files(default_copy) == before


def test_the_default_pack_passes_check_strict_with_one_line_per_language() -> None:
    """Its drafts are complete: each says so in one note, and nothing else is said."""
    result = runner.invoke(app, ["check", str(default_pack_dir()), "--strict"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "No problems found." and lines[-2].startswith("Checked: ")
    notes = lines[:-2]
    files = sorted((default_pack_dir() / "content/translations").glob("*.yaml"))
    assert len(notes) == len(files) == 6, notes
    for line, path in zip(notes, files):
        assert line.startswith(f"content/translations/{path.name}:1: note: "), line
        assert "draft, 74 of 74 cards and pages translated, awaiting review" in line, line


def test_problems_from_every_stage_are_reported_together(make_pack: Callable[..., Path]) -> None:
    long = " ".join(["What did you have for breakfast this morning?"] * 60)
    root = make_pack(**{
        "content/questions/warm-up.yaml": f"""\
            - id: warm-hello
              title: Hello ☃
              question: {long}
              prompts: ["Who made it?", "Where did you eat it?"]
              phase: warm-up
            """,
    })
    # The pack's own base layout, with grey text on the question band (a6 and a4 extend it).
    (root / "layouts").mkdir()
    text = (default_pack_dir() / "layouts/base.yaml").read_text(encoding="utf-8")
    (root / "layouts/base.yaml").write_text(
        text.replace('question:   {main: "#4A3A8C", tint: "#ECE9F6", on_main: "#FFFFFF"}',
                     'question:   {main: "#4A3A8C", tint: "#ECE9F6", on_main: "#8A8A8A"}'),
        encoding="utf-8")
    report = check(root)
    messages = [str(p) for p in report.errors]
    fit = [m for m in messages if "does not fit" in m]
    assert fit and all("content/questions/warm-up.yaml:1" in m and "cut about" in m for m in fit)
    # The A4 pack shows the A6 card as printed: one card, one problem, said once.
    assert len(fit) == 1 and "A6 cards" not in fit[0] and "A4 pack" not in fit[0], fit
    glyph = [m for m in messages if "U+2603" in m]
    assert len(glyph) == 1 and "(card warm-hello)" in glyph[0]  # same in both editions: once
    low = [p for p in report.errors if "kinds.question.on_main #8A8A8A" in p.message]
    assert low and low[0].path == "layouts/base.yaml"
    line = text[: text.index("question:   {")].count("\n") + 1
    assert low[0].line == line
    assert "below 4.5:1" in low[0].message


def test_contrast_ratios_match_wcag_examples() -> None:
    assert contrast.ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast.ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    # #767676 on white is the classic lightest grey that passes AA for body text.
    assert contrast.ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast.is_large(18, False) and contrast.is_large(14, True)
    assert not contrast.is_large(17.5, False) and not contrast.is_large(13.5, True)


def test_pale_write_in_lines_warn_and_strict_fails(make_pack: Callable[..., Path]) -> None:
    root = make_pack()
    (root / "layouts").mkdir()
    (root / "layouts/base.yaml").write_text(
        (default_pack_dir() / "layouts/base.yaml").read_text(encoding="utf-8")
        .replace('rule: "#8C8C8C"', 'rule: "#DDDDDD"'), encoding="utf-8")
    result = runner.invoke(app, ["check", str(root)])
    assert result.exit_code == 0, result.output
    assert ("warning: colours.rule #DDDDDD on colours.paper #FFFFFF (write-in lines)"
            in result.output)
    assert result.output.splitlines()[-1] == "0 errors and 1 warning found."
    strict = runner.invoke(app, ["check", str(root), "--strict"])
    assert strict.exit_code == 1


def test_located_lines_have_editor_friendly_form(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/recipes/soup-club.yaml": "id: soup-club\ntitle: Soup\n"
                                                          "summary: Soup.\ningredients: [cooks]\n"
                                                          "colour: red\n"})
    result = runner.invoke(app, ["check", str(root)])
    [line] = [row for row in result.output.splitlines() if "colour" in row]
    match = LOCATED.match(line)
    assert match and match["path"] == "content/recipes/soup-club.yaml" and match["line"] == "5"
    assert line.endswith("(card soup-club)")


def test_check_one_size_only(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/guide/01-hello.yaml": "id: guide-hello\ntitle: Hello ☃\n"
                                                       "body: A short guide page.\n"})
    assert runner.invoke(app, ["check", str(root), "--size", "a6"]).exit_code == 0
    result = runner.invoke(app, ["check", str(root), "--size", "a4"])
    assert result.exit_code == 1 and "U+2603" in result.output


def test_the_stand_in_group_name_of_a_new_pack_is_a_warning(tmp_path: Path) -> None:
    from activate_pack.output.newpack import PLACEHOLDER, new_pack

    town = tmp_path / "town"
    new_pack(town, locality="Reading")
    report = check(town)
    lines = (town / "content" / "pack.yaml").read_text().splitlines()
    flagged = [p.line for p in report.warnings if PLACEHOLDER in p.message]
    assert flagged and all(PLACEHOLDER in lines[n - 1] for n in flagged)
    assert not report.errors and report.failed(strict=True)
    named = tmp_path / "named"
    new_pack(named, locality="Reading", organisation="Reading Neighbours")
    assert not [p for p in check(named).warnings if PLACEHOLDER in p.message]


def test_one_pale_colour_is_one_message_at_the_line_that_set_it(
        make_pack: Callable[..., Path]) -> None:
    """A pale band colour fails under white text and on white paper: the volunteer changed one
    line, so one message points at it, names both pairs and says which way to go."""
    from activate_pack.output.check import check

    root = make_pack()
    (root / "layouts").mkdir()
    (root / "layouts/a6.yaml").write_text(
        "extends: a6\nkinds:\n  recipe: {main: \"#F5D76E\"}\n", encoding="utf-8")
    problems = check(root).problems
    about = [p for p in problems if "#F5D76E" in p.message]
    assert len(about) == 1, [str(p) for p in about]
    (problem,) = about
    assert (problem.path, problem.line) == ("layouts/a6.yaml", 3)
    assert "kinds.recipe.on_main #FFFFFF" in problem.message
    assert "colours.paper #FFFFFF" in problem.message
    assert problem.message.endswith("make it darker")
    assert not any("base.yaml" in str(p.path) for p in problems)


@pytest.mark.parametrize("field, value", [("title", "Test Pack 🌳"),
                                          ("variables", {"contact": "☎ Priya on 01922 000 111"})])
def test_a_character_no_font_draws_in_pack_yaml_is_one_message_at_its_line(
        make_pack: Callable[..., Path], field: str, value: object) -> None:
    """Not one per card back, size, print variant and language, nor at the cards using it."""
    import yaml as pyyaml

    from conftest import PACK_YAML, QUESTIONS

    data = pyyaml.safe_load(PACK_YAML)
    data[field] = value
    pack_yaml = pyyaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    questions = QUESTIONS.replace("What did you have for breakfast?",
                                  "What did you have for breakfast? Ask {{ contact }}.") \
        if field == "variables" else QUESTIONS
    root = make_pack(**{"content/pack.yaml": pack_yaml,
                        "content/questions/warm-up.yaml": questions,
                        "content/translations/pl.yaml": "translators: [{name: Ola}]\n"})
    result = runner.invoke(app, ["check", str(root)])
    lines = result.output.splitlines()
    assert result.exit_code == 1 and sum("no shape for" in row for row in lines) == 1, result.output
    holds = "  contact:" if field == "variables" else field
    line = next(i + 1 for i, text in enumerate(pack_yaml.splitlines()) if text.startswith(holds))
    assert lines[0].startswith(f"content/pack.yaml:{line}: "), lines
    assert "no shape for" in lines[0] and "U+" in lines[0]
    build = runner.invoke(app, ["build", str(root), "--out", str(root / "out")])
    assert build.exit_code == 1 and not (root / "out").exists()
    assert sum("no shape for" in row for row in build.output.splitlines()) == 1, build.output


def test_check_says_which_outputs_it_checked(make_pack: Callable[..., Path]) -> None:
    root = make_pack(**{"content/translations/pl.yaml": "translators: [{name: Ola}]\n"})
    result = runner.invoke(app, ["check", str(root)])  # no options: every output there is
    checked = [row for row in result.output.splitlines() if row.startswith("Checked: ")]
    assert checked == ["Checked: A6 cards (as it is, --print shop, --print home; English, "
                       "Polish); A4 pack (as it is, --print shop; English, Polish)."], \
        result.output
    # With build's options, what that build would write, and nothing else.
    for options, said in ((["--size", "a6"], "A6 cards (as it is; English)"),
                          (["--size", "a4", "--lang", "pl"], "A4 pack (as it is; Polish)"),
                          (["--print", "home", "--duplex", "fold"],
                           "A6 cards (--print home; English)"),
                          (["--print", "shop", "--cmyk", "--lang", "all"],
                           "A6 cards (--print shop; English, Polish); "
                           "A4 pack (--print shop; English, Polish)")):
        result = runner.invoke(app, ["check", str(root), *options])
        assert f"Checked: {said}." in result.output.splitlines(), (options, result.output)


NINE_WORDS = "Activate Pack for the people of Walsall and nearby towns"


def test_check_and_build_with_the_same_options_give_the_same_verdict(tmp_path: Path) -> None:
    """A title too long for the Arabic cards' credit line, in a fresh 'new' folder: with the
    same options, check and build agree; without, check covers that output and says so."""
    from activate_pack.output.newpack import new_pack

    root = new_pack(tmp_path / "walsall", locality="Walsall").root
    pack_yaml = root / "content/pack.yaml"
    text = pack_yaml.read_text(encoding="utf-8")
    title = next(row for row in text.splitlines() if row.startswith("title:"))
    pack_yaml.write_text(text.replace(title, f'title: "{NINE_WORDS}"'), encoding="utf-8")
    verdicts = {}
    for options in (["--print", "home", "--lang", "ar"], ["--print", "home"],
                    ["--print", "shop", "--lang", "ar"], ["--size", "a4", "--lang", "ar"], []):
        out = tmp_path / f"out{len(verdicts)}"
        checked = runner.invoke(app, ["check", str(root), *options])
        built = runner.invoke(app, ["build", str(root), "--out", str(out), *options])
        verdicts[" ".join(options)] = (checked.exit_code, built.exit_code)
        assert built.exit_code == 0 or not out.exists()
        if options:  # the same problems, said the same way
            errors = [row for row in checked.output.splitlines() if "does not fit" in row]
            assert errors == [row for row in built.output.splitlines() if "does not fit" in row]
    assert verdicts == {"--print home --lang ar": (1, 1), "--print home": (0, 0),
                        # The A4 pack shows each A6 card as printed, credit line and all.
                        "--print shop --lang ar": (1, 1), "--size a4 --lang ar": (1, 1),
                        "": (1, 0)}, verdicts
    # Alone, check looks at every output a build could make, and says which one fails.
    alone = runner.invoke(app, ["check", str(root)]).output
    # One message for the one cause, naming every output it is in.
    assert "A6 cards and A4 pack (--lang ar, --lang ur): the credit line does not fit" in alone, \
        alone
    assert alone.count("the credit line does not fit") == 1, alone
    assert "Checked: A6 cards (as it is, --print shop, --print home; English, Arabic" in alone
