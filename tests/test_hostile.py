"""Hostile input in bulk: generated YAML never causes a traceback or a hang, and Ctrl+C is safe."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activate_pack.output.build import build
from activate_pack.errors import PackError, Problems
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.pack.loading.load import load_pack
from activate_pack.pack.sources.validate import validate
from activate_pack.pack.model.kinds import default_kinds
from activate_pack.pack.model.pack import PackInfo
from activate_pack.pack.sources.source import parse

QUICK = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

# Pieces of YAML syntax, glued together at random: far likelier to reach odd corners of the
# parser than uniformly random text.
TOKENS = ["id: ", "title: ", "prompts:", "- ", "  ", "\t", "\n", ": ", "[", "]", "{", "}", ",",
          "'", '"', "&a ", "*a", "!!python/object:os.system ", "!tag ", "? ", "---\n", "...\n",
          "|\n", ">-\n", "#", "%YAML 1.1\n", "<<: ", "~", "null", "yes", "0x1F", "1e309",
          "2026-05-01", "é", "\u202e", "\x00", "\ufeff", "{{ x }}", "{% raw %}", "\\", "%"]
yaml_like = st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=40).map("".join)

plain = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "title", "question", "prompts", "phase", "image",
                                       "file", "alt", "summary", "method", "licence", "authors",
                                       "name", "x"]) | st.text(max_size=6), children, max_size=5),
    max_leaves=20)


@QUICK
@given(yaml_like)
def test_parse_never_raises_anything_but_pack_error(text: str) -> None:
    try:
        parse(text, "content/questions/x.yaml")
    except PackError as exc:
        assert all(p.path == "content/questions/x.yaml" for p in exc.problems)


@QUICK
@given(st.text(max_size=200))
def test_parse_arbitrary_text(text: str) -> None:
    try:
        parse(text, "x.yaml")
    except PackError:
        pass


@QUICK
@given(plain)
def test_validation_of_any_structure_reports_problems_or_passes(data: object) -> None:
    # Round-trip through real YAML so the data carries line marks, as it does in a pack.
    try:
        located = parse(yaml.safe_dump(data, allow_unicode=True), "x.yaml")
    except PackError:
        return
    models = default_kinds().models
    for model in (models["question"], models["recipe"], PackInfo):
        problems = Problems()
        result = validate(model, located, "x.yaml", problems)
        assert (result is None) == bool(problems.items)
        assert all(p.path == "x.yaml" and p.message for p in problems.items)


@settings(max_examples=40, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_like)
def test_whole_pack_load_with_a_generated_card_file(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "content/questions").mkdir(parents=True)
        (root / "content/pack.yaml").write_text(
            "title: T\nauthors: [{name: A}]\nlicence: CC-BY-4.0\nsource_url: https://e.org\n"
            "copyright: © A\n", encoding="utf-8")
        (root / "content/questions/x.yaml").write_text(text, encoding="utf-8", errors="replace")
        try:
            load_pack(root)
        except PackError as exc:
            assert exc.problems


def _big_pack(root: Path, cards: int) -> None:
    shutil.copytree(default_pack_dir() / "content", root / "content")
    lines = []
    for n in range(cards):
        lines.append(f"- id: extra-{n}\n  title: Extra question {n}\n"
                     f"  question: What else could we do together, number {n}?\n"
                     "  prompts: [Who could help?, Where could it happen?]\n  phase: plan\n"
                     f"  notes: Notes for extra question {n}, to fill the facilitator page.\n")
    (root / "content/questions/extra.yaml").write_text("".join(lines), encoding="utf-8")


def test_ctrl_c_mid_build_leaves_earlier_outputs_intact(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    _big_pack(root, 600)
    out = tmp_path / "dist"
    started = time.perf_counter()
    build(root, ("a6", "a4"), out)
    took = time.perf_counter() - started
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # Change the pack, so an uninterrupted build would write different files.
    extra = root / "content/questions/extra.yaml"
    extra.write_text(extra.read_text(encoding="utf-8").replace("Extra question", "Changed"),
                     encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # The child must take Ctrl+C as Python normally does, even if this runner ignores SIGINT.
    child = subprocess.Popen([sys.executable, "-m", "activate_pack", "build", str(root),
                              "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, env=env,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(0.4 + took * 0.4)  # start-up, then part-way through loading and drawing
    child.send_signal(signal.SIGINT)
    output, _ = child.communicate(timeout=60)
    assert child.returncode == 130, (child.returncode, output, took)
    assert "Traceback" not in output
    assert "Stopped" in output
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before  # same files, same bytes, and no temporary file left behind


def test_unquoted_dates_stay_text_and_tagged_values_are_refused() -> None:
    data = parse("when: 2024-05-01\nat: 2024-05-01 10:00:00\n", "x.yaml")
    assert data == {"when": "2024-05-01", "at": "2024-05-01 10:00:00"}
    for text in ("a: !!set {x, y}\n", "a: !!timestamp 2024-05-01\n", "a: !!omap [b: 1]\n",
                 "a: !!pairs [b: 1]\n", "a: !!binary aGk=\n", "a: !mine x\n"):
        try:
            parse(text, "x.yaml")
        except PackError as exc:
            assert "x.yaml:1" in str(exc) and "not allowed" in str(exc), text
        else:
            raise AssertionError(text)


def test_builds_are_byte_identical_whatever_the_hash_seed(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "activate_pack", "build", str(default_pack_dir()),
                        "--out", str(out)], check=True, capture_output=True, env=env)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert len(outputs[0]) == 2 and outputs[0] == outputs[1]
