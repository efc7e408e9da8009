"""Right-to-left pages read right: fonts per language, credit lines, furniture, contents."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from activate_pack.layout.boxes import Page
from activate_pack.output.plan import prepare
from activate_pack.output.variants import variants
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.text.scripts import has_rtl


@lru_cache(maxsize=None)
def _partly_translated(lang: str) -> Path:
    """A copy of the default pack whose ``lang`` translation leaves out the guide and every
    other question card: the shipped translations leave nothing in English."""
    import shutil
    import tempfile

    import yaml

    root = Path(tempfile.mkdtemp(prefix="partly-")) / "pack"
    shutil.copytree(default_pack_dir() / "content", root / "content")
    shutil.copytree(default_pack_dir() / "layouts", root / "layouts")
    overlay = root / "content/translations" / f"{lang}.yaml"
    data = yaml.safe_load(overlay.read_text(encoding="utf-8"))
    data.pop("made_from", None)
    data.pop("guide", None)
    # Every other question is left in English. Recipes and ingredients stay translated: an
    # English recipe under Urdu headings, or an Urdu one naming English ingredients, runs too
    # long for the A6 card, which the A4 pack shows as it is printed.
    questions = {card["id"] for path in (root / "content/questions").glob("*.yaml")
                 for card in yaml.safe_load(path.read_text(encoding="utf-8"))}
    data["cards"] = {k: v for n, (k, v) in enumerate(data["cards"].items())
                     if n % 2 or k not in questions}
    overlay.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


@lru_cache(maxsize=None)
def laid_pages(lang: str | None, size: str, root: Path | None = None) -> tuple[Page, ...]:
    """The default pack's pages (or those of the pack at ``root``) in ``lang``, laid out as a
    build lays them."""
    prepared = prepare(root or default_pack_dir(), variants((size,), languages=[lang]),
                       Path("unused"))
    assert not prepared.report.errors, prepared.report.errors
    [output] = prepared.outputs
    return tuple(output.imposed.pages)


@pytest.mark.parametrize("size", ["a6", "a4"])
def test_urdu_words_are_nastaliq_on_every_page(size: str) -> None:
    """Urdu letters are Nastaliq even in a paragraph left in English (the pack's title on the
    back of a card the translation does not cover): the font is chosen for the document."""
    fonts = {seg.font.rsplit("-", 1)[0]
             for page in laid_pages("ur", size) for box in page.texts()
             for line in box.lines for seg in line.segments if has_rtl(seg.text)}
    assert fonts == {"nastaliq"}


def test_arabic_words_stay_naskh() -> None:
    fonts = {seg.font.rsplit("-", 1)[0]
             for page in laid_pages("ar", "a6") for box in page.texts()
             for line in box.lines for seg in line.segments if has_rtl(seg.text)}
    assert fonts == {"naskh"}


@pytest.mark.parametrize("lang", ["ur", "ar", "pl"])
def test_no_credit_line_starts_or_ends_with_a_separator(lang: str) -> None:
    """A ' · ' that a line break leaves at a line's end is not drawn: right to left it hung at
    the far left, before 'Activate Pack contributors'."""
    checked = 0
    for page in laid_pages(lang, "a6"):
        for box in page.texts("credit"):
            for line in box.lines:
                # Left to right as drawn: a right-to-left segment's text runs the other way.
                shown = "".join(seg.text[::-1] if seg.direction == "rtl" else seg.text
                                for seg in line.segments).strip()
                assert shown[:1] != "·" and shown[-1:] != "·", (page.card, shown)
                checked += 1
    assert checked > 100


MIRROR = str.maketrans("()[]«»", ")(][»«")
"""How brackets look in a right-to-left run (Unicode's BidiMirroring.txt, for these six)."""


def _seen(line) -> str:  # type: ignore[no-untyped-def]
    """A line's characters left to right as drawn: a shaped right-to-left segment is drawn
    reversed and, by HarfBuzz, mirrored; an unshaped one carries its text as drawn."""
    return "".join(seg.text[::-1].translate(MIRROR) if seg.parts and seg.direction == "rtl"
                   else seg.text for seg in line.segments)


def _home_sheet(lang: str) -> Page:
    from activate_pack.layout.printing import PrintOptions

    prepared = prepare(default_pack_dir(), variants(("a6",), PrintOptions("home"), [lang]),
                       Path("unused"))
    assert not prepared.report.errors, prepared.report.errors
    return prepared.outputs[0].imposed.sheets[0].placements[0].face


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_brackets_open_on_the_left_as_drawn(lang: str) -> None:
    """Right to left, '(' is drawn mirrored (UAX #9 rule L4), so a line's brackets, read left
    to right as drawn, always open before they close: '(الصفحتان 1 و2)', never ')…('."""
    pages = [*laid_pages(lang, "a6"), *laid_pages(lang, "a4"), _home_sheet(lang)]
    checked = 0
    for page in pages:
        for box in page.texts():
            for line in box.lines:
                if line.text.count("(") != line.text.count(")") or "(" not in line.text:
                    continue
                depth = 0
                for char in _seen(line):
                    depth += {"(": 1, ")": -1}.get(char, 0)
                    assert depth >= 0, (lang, page.card, _seen(line))
                checked += 1
    assert checked >= 2


def test_a_full_stop_after_latin_words_ends_the_arabic_sentence() -> None:
    """'…: Activate Pack contributors.' in Arabic: the full stop is right to left (UAX #9 N2),
    so it is drawn at the sentence's end, on the left of the Latin words."""
    about = laid_pages("ar", "a6")[0]
    [line] = [line for box in about.texts("body") for line in box.lines
              if "Activate Pack contributors" in line.text and has_rtl(line.text)]
    seen = _seen(line)
    assert seen.startswith(".Activate Pack contributors"), seen


def test_levels_agree_with_another_implementation() -> None:
    """Our levels order every line of the shipped right-to-left translations as python-bidi's
    implementation of UAX #9 (the unicode-bidi crate) does, in both paragraph directions."""
    from bidi import get_display

    import yaml
    from conftest import yaml_strings

    from activate_pack.text.bidi import levels
    from activate_pack.text.scripts import visual_order

    compared = 0
    for lang in ("ar", "ur"):
        data = yaml.safe_load((default_pack_dir() / "content/translations" / f"{lang}.yaml")
                              .read_text(encoding="utf-8"))
        for text in yaml_strings(data):
            for line in text.split("\n"):
                if not line.strip() or "://" in line or "www." in line:
                    continue  # web addresses are read whole, as if isolated (UAX #9 HL3)
                for paragraph, base in (("rtl", "R"), ("ltr", "L")):
                    found = list(levels(line, paragraph))
                    end = len(line)
                    while end and line[end - 1].isspace():  # rule L1: trailing spaces
                        end -= 1
                        found[end] = 1 if paragraph == "rtl" else 0
                    ours = "".join(line[i] for i in visual_order(found))
                    assert ours == get_display(line, base_dir=base), (paragraph, line)
                    compared += 1
    assert compared > 500


def _places(page: Page) -> list[tuple[str, float]]:
    """Where each box of a page starts across it."""
    return [(type(box).__name__, round(getattr(box, "x", getattr(box, "x1", 0.0)), 2))
            for box in page.boxes]


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_only_pages_that_read_right_to_left_mirror(lang: str) -> None:
    """A guide or card page a translation leaves in English keeps the English page's layout
    (its page number and credit line too); a page whose title is Urdu or Arabic mirrors."""
    english = {(p.card, p.kind, p.face): p for p in laid_pages(None, "a4")}
    kept = mirrored = 0
    for page in laid_pages(lang, "a4", _partly_translated(lang)):
        if not page.texts("title"):  # a recipe's back: its prompts are in the pack's language
            continue
        [title] = page.texts("title")
        same = _places(page) == _places(english[page.card, page.kind, page.face])
        if has_rtl(title.text):
            mirrored += not same
        else:
            assert same, (page.card, page.kind, title.text)
            kept += 1
    assert kept > 15 and mirrored > 15, (kept, mirrored)


@pytest.mark.parametrize("lang", ["ur", "ar"])
def test_a_blank_cards_first_write_in_heading_clears_the_introductions_ink(lang: str) -> None:
    """Nastaliq sinks far below its baseline: the write-in heading under a blank card's
    introduction starts the layout's gap (write_in.after_intro) below the introduction's ink,
    not below where a Latin line's ink would end."""
    from activate_pack.layout.boxes import TextBox
    from activate_pack.layout.spec import MM, layout_dirs, load_layout
    from activate_pack.text.ink import extent

    gap = load_layout("a6", layout_dirs(default_pack_dir(), default_pack_dir())) \
        .write_in.after_intro * MM

    checked = 0
    for page in laid_pages(lang, "a6"):
        if page.face != "front" or not page.card or not page.card.startswith("your-own"):
            continue
        texts = [b for b in page.boxes if isinstance(b, TextBox) and b.lines]
        intro = next(b for b in texts if b.role == "body")
        heading = max((b for b in texts if b.role == "label" and b.top < intro.top),
                      key=lambda b: b.top)
        last, first = intro.lines[-1], heading.lines[0]
        intro_ink_bottom = intro.top - last.y + extent(last.segments)[1]
        heading_ink_top = heading.top - first.y + extent(first.segments)[0]
        # The white between the two inks (before: 2.2 pt under the Urdu ingredient's, 8.5 now).
        assert intro_ink_bottom - heading_ink_top >= 0.9 * gap, page.card
        checked += 1
    assert checked >= 2
