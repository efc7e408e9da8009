"""Card kinds are data: declared once in content/kinds.yaml, and a pack can add one with no code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pypdfium2
from typer.testing import CliRunner

from activate_pack.cli import app

runner = CliRunner()
SRC = Path(__file__).resolve().parent.parent / "src"
STORY = Path(__file__).resolve().parent / "packs" / "story"
KIND_NAME = re.compile(r"\"(recipe|question|ingredient)s?\"|'(recipe|question|ingredient)s?'")


def test_the_kind_names_are_not_in_the_code() -> None:
    # The default kinds are named in content/kinds.yaml (and labels, layouts), never in src/.
    found = [f"{path.relative_to(SRC)}:{number}: {line.strip()}"
             for path in sorted(SRC.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if KIND_NAME.search(line)]
    assert found == []


def _story(tmp_path: Path) -> Path:
    root = tmp_path / "story"
    shutil.copytree(STORY, root)
    return root


def _page_text(pdf: Path) -> list[str]:
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def test_a_pack_adds_a_story_kind_with_yaml_only(tmp_path: Path) -> None:
    root = _story(tmp_path)
    checked = runner.invoke(app, ["check", str(root)])
    assert checked.exit_code == 0, checked.output
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(root), "--out", str(out)])
    assert built.exit_code == 0, built.output
    a6 = _page_text(next(out.glob("*-a6-community.pdf")))
    # about card, one question and two stories: each a front and a back
    assert len(a6) == 8
    fronts = [t for t in a6 if "The lamp post that stayed lit" in t]
    assert fronts and "Told by: Maureen, number 14" in fronts[0].replace("\r\n", " ")
    assert "STREET STORY · ON THE STREET" in fronts[0]
    backs = [t for t in a6 if "Street story" in t and "In the park" in t]
    assert backs, "the story's back names its kind and its setting"
    a4 = "\n".join(_page_text(next(out.glob("*-a4-facilitator.pdf"))))
    assert "Story cards" in a4 and "The borrowed bench" in a4
    assert "Let people tell their own version" in a4  # the notes print in the A4 pack only
    assert "Let people tell their own version" not in "\n".join(a6)


def test_a_story_kind_goes_to_the_site_and_the_po_export(tmp_path: Path) -> None:
    root = _story(tmp_path)
    po_file = tmp_path / "pl.po"
    exported = runner.invoke(app, ["translate", "export", str(root), "--lang", "pl",
                                   "--out", str(po_file)])
    assert exported.exit_code == 0, exported.output
    entries = {e.msgctxt: e for e in polib.pofile(str(po_file))}
    assert entries["the-lamp-post:story"].msgid.startswith("When the council")
    assert entries["the-lamp-post:told_by"].msgid == "Maureen, number 14"
    assert any(c.startswith("the-borrowed-bench:talk_about:") for c in entries)
    assert entries["labels:kinds.story"].msgid == "Street story"
    assert entries["labels:story.settings.park"].msgid == "In the park"
    assert "the-lamp-post:setting" not in entries  # a choice is not translated
    site = tmp_path / "site"
    made = runner.invoke(app, ["site", str(root), "--out", str(site)])
    assert made.exit_code == 0, made.output
    page = (site / "en-gb" / "stories.html").read_text(encoding="utf-8")
    assert "The borrowed bench" in page and 'id="the-lamp-post"' in page


def test_a_mistake_in_a_story_card_is_found_at_its_line(tmp_path: Path) -> None:
    root = _story(tmp_path)
    card = root / "content" / "stories" / "lamp.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("told_by:", "toldby:"),
                    encoding="utf-8")
    checked = runner.invoke(app, ["check", str(root)])
    assert checked.exit_code == 1
    assert "content/stories/lamp.yaml:5:1" in checked.output
    assert "did you mean 'told_by'" in checked.output


def test_a_mistake_in_a_declaration_is_found_at_its_line(tmp_path: Path) -> None:
    root = _story(tmp_path)
    kinds = root / "content" / "kinds.yaml"
    kinds.write_text(kinds.read_text(encoding="utf-8").replace("compose: bullets",
                                                               "compose: bulets"),
                     encoding="utf-8")
    checked = runner.invoke(app, ["check", str(root)])
    assert checked.exit_code == 1
    assert "content/kinds.yaml:" in checked.output and "bulets" in checked.output


def test_cards_and_labels_of_made_kinds_pickle_into_a_fresh_process(tmp_path: Path) -> None:
    # A worker process hands its pack back pickled; the models are made from kinds.yaml, so
    # the process that reads it (here a fresh one) makes them again from the declaration.
    import pickle
    import subprocess
    import sys

    from activate_pack.pack.loading.load import load_pack
    from activate_pack.pack.sources.paths import default_pack_dir

    pack = load_pack(_story(tmp_path))
    (tmp_path / "pack.pickle").write_bytes(pickle.dumps(pack))
    read = ("import pickle, sys; pack = pickle.loads(open(sys.argv[1], 'rb').read()); "
            "story = [c for c in pack.cards if c.kind == 'story'][0]; "
            "print(type(story).__name__, story.title, '|', pack.labels.kinds.story)")
    done = subprocess.run([sys.executable, "-c", read, str(tmp_path / "pack.pickle")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    story = next(card for card in pack.cards if card.kind == "story")
    assert done.stdout.split()[:2] == [type(story).__name__, story.title.split()[0]]
    assert done.stdout.strip().endswith(f"| {pack.labels.kinds.story}")

    for made in (pack, load_pack(default_pack_dir())):  # a pack's own kinds, and the default
        again = pickle.loads(pickle.dumps(made))
        assert again == made and type(again.cards[0]) is type(made.cards[0])


def test_the_schema_command_knows_a_kind_the_pack_declares(tmp_path: Path) -> None:
    import json

    import jsonschema
    import yaml

    root = _story(tmp_path)
    done = runner.invoke(app, ["schema", "--kind", "stories", str(root)])
    assert done.exit_code == 0, done.output
    schema = json.loads(done.stdout)
    check = jsonschema.Draft202012Validator(schema)
    for path in sorted((root / "content" / "stories").glob("*.yaml")):
        cards = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert not list(check.iter_errors(cards)), path.name
        # The schema knows the story's own fields: a setting it does not declare is refused.
        card = cards[0] if isinstance(cards, list) else cards
        assert list(check.iter_errors({**card, "setting": "on the moon"})), path.name
    # Written to a folder, the pack's schemas include one for its stories.
    written = runner.invoke(app, ["schema", "--out", str(tmp_path / "schemas"), str(root)])
    assert written.exit_code == 0, written.output
    assert (tmp_path / "schemas" / "stories.schema.json").is_file()
    # Without the pack, there is no such file to describe.
    alone = runner.invoke(app, ["schema", "--kind", "stories", str(tmp_path)])
    assert alone.exit_code != 0
