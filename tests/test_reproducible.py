"""No state outlives a build: a file's bytes are the same whatever the process drew before.

Shaped text once gave glyphs codes in ReportLab's process-wide fonts, so the Urdu A4 built
alone differed from the A4 built with the A6, and ``site`` (every variant in one process)
published files a user could not rebuild. Here each variant built alone, in a process of its
own, is compared with the same variant built after others in one process, in several orders.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from activate_pack.output.build import build
from activate_pack.pack.sources.paths import default_pack_dir

LANGUAGES = ("ur", "ar", "bn", "pa-Guru", "en")
SIZES = ("a6", "a4")


def _name(lang: str, size: str) -> str:
    middle = "" if lang == "en" else f"-{lang}"
    return f"activate-pack{middle}-{size}-{'community' if size == 'a6' else 'facilitator'}.pdf"


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], bytes]:
    """Each variant built by a process of its own, as ``activate-pack build`` does."""
    out = tmp_path_factory.mktemp("alone")
    found = {}
    for lang in LANGUAGES:
        for size in SIZES:
            folder = out / f"{lang}-{size}"
            language = [] if lang == "en" else ["--lang", lang]
            # The pack named, as the builds below name it: run from a checkout, the folder
            # would be the repository's pack, not the installed copy (another file date).
            subprocess.run([sys.executable, "-m", "activate_pack", "build",
                            str(default_pack_dir()), "--size", size, *language,
                            "--out", str(folder)], check=True, capture_output=True)
            found[lang, size] = (folder / _name(lang, size)).read_bytes()
    return found


@pytest.mark.parametrize("order", ["as listed", "reversed", "A4 first"])
def test_every_variant_is_the_same_built_after_others(
        alone: dict[tuple[str, str], bytes], tmp_path: Path, order: str) -> None:
    languages = list(LANGUAGES) if order != "reversed" else list(reversed(LANGUAGES))
    sizes = SIZES if order != "A4 first" else tuple(reversed(SIZES))
    differ = []
    for step, lang in enumerate(languages):
        for size in sizes:
            out = tmp_path / f"{step}-{size}"
            build(default_pack_dir(), (size,), out, languages=None if lang == "en" else lang)
            if (out / _name(lang, size)).read_bytes() != alone[lang, size]:
                differ.append(f"{lang} {size}")
    assert not differ, f"built after others, these differ from the same built alone: {differ}"


def test_both_sizes_built_together_are_the_sizes_built_alone(
        alone: dict[tuple[str, str], bytes], tmp_path: Path) -> None:
    """``build --lang ur`` (both sizes in one go) against ``build --lang ur --size a4``."""
    build(default_pack_dir(), SIZES, tmp_path, languages="ur", jobs=1)  # one process
    for size in SIZES:
        assert (tmp_path / _name("ur", size)).read_bytes() == alone["ur", size], size


def test_one_process_or_two_and_any_hash_seed_give_the_same_bytes(tmp_path: Path) -> None:
    """Every size in every language, built in one process and in two worker processes, with
    different seeds for Python's string hashing: the same files, byte for byte."""
    import os

    found = []
    for jobs, seed in (("1", "1"), ("2", "2"), ("2", "3")):
        out = tmp_path / f"jobs-{jobs}-seed-{seed}"
        subprocess.run([sys.executable, "-m", "activate_pack", "build", str(default_pack_dir()),
                        "--lang", "all", "--jobs", jobs, "--out", str(out)], check=True,
                       capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        found.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert len(found[0]) >= 2 * len(LANGUAGES)  # both sizes in every language
    for other in found[1:]:
        assert other.keys() == found[0].keys()
        assert [name for name in found[0] if other[name] != found[0][name]] == []


def test_the_site_publishes_the_files_a_user_builds(
        alone: dict[tuple[str, str], bytes], tmp_path: Path) -> None:
    """Every PDF ``site`` publishes, in every language and way of printing, is the file a
    user gets from ``build`` with the same options, in a process of its own."""
    from activate_pack.output.site import site

    published = site(default_pack_dir(), tmp_path / "site")
    built: dict[str, bytes] = {}
    for options in (["--size", "all"], ["--print", "home"], ["--print", "shop", "--size", "a6"]):
        folder = tmp_path / "-".join(options).strip("-")
        subprocess.run([sys.executable, "-m", "activate_pack", "build", str(default_pack_dir()),
                        "--lang", "all", *options, "--out", str(folder)],
                       check=True, capture_output=True)
        built |= {path.name: path.read_bytes() for path in folder.glob("*.pdf")}
    pdfs = {path.name: path.read_bytes() for path in published.files if path.suffix == ".pdf"}
    assert len(pdfs) == 28 and set(pdfs) == set(built)
    differ = sorted(name for name, data in pdfs.items() if data != built[name])
    assert not differ, f"the site's copies differ from the files built: {differ}"
    # The variants of the issue that found the fault: each built alone, in its own process.
    for (lang, size), data in alone.items():
        assert pdfs[_name(lang, size)] == data, (lang, size)
