"""Synthetic packs for the benchmarks: N cards, each with text of its own, in English or translated.

Every benchmark builds from these, so their figures describe the same cards. Every card gets
text of its own, as in a real pack: with a few sentences repeated, the layout's fitting cache
would answer most cards and hide the real cost of laying text out.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

WORDS = ("neighbours garden kitchen hall library walk music stories skills swap share cook "
         "grow mend listen welcome young older friends park bench tea").split()

PACK_YAML = """\
title: Benchmark Pack
authors: [{name: Benchmark}]
licence: CC-BY-SA-4.0
source_url: https://example.org/bench
copyright: "© 2026 Benchmark"
"""

PHASES = ("warm-up", "explore", "discover", "design", "plan", "reflect")
"""The workshop phases a question card may belong to (the model's list)."""

CARDS_PER_FILE = 500
"""Cards per YAML file: pack files are limited in size, as real packs are."""

SHIPPED = Path(__file__).resolve().parent.parent / "content" / "translations"
LANGUAGES = {"ur": "۔", "pa-Guru": "।"}
"""The languages built beside English, with the mark that ends a sentence in each."""
_PUNCTUATION = re.compile(r"[\s،,۔।?؟!:;\"'“”()]+")


def sentence(seed: int, n: int) -> str:
    """A deterministic English sentence of ``n`` words, different for every seed."""
    pick = random.Random(seed).choice
    return " ".join(pick(WORDS) for _ in range(n)).capitalize() + "."


def card_texts(n: int) -> list[tuple[str, str]]:
    """(title, paragraph) for each synthetic ingredient card: the text every build draws."""
    return [(f"Card {i} {WORDS[i % len(WORDS)]}", sentence(i, 40)) for i in range(n)]


def question_texts(n: int) -> list[tuple[str, str, list[str]]]:
    """(title, question, three prompts) for each synthetic question card."""
    cards = []
    for title, para in card_texts(n):
        words = para.rstrip(".").split(" ")
        prompts = [" ".join(words[start:start + 6]).capitalize() + "?" for start in (18, 25, 32)]
        cards.append((title, " ".join(words[:18]) + "?", prompts))
    return cards


def _append(root: Path, folder: str, i: int, text: str) -> None:
    path = root / "content" / folder / f"cards-{i // CARDS_PER_FILE:03d}.yaml"
    with open(path, "a", encoding="utf-8") as out:
        out.write(text)


def make_pack(root: Path, n: int, kind: str = "ingredient") -> Path:
    """Write a pack of ``n`` cards into ``root``: ingredient cards (title, prompt, uses), or
    question cards (title, question, three prompts, phases in turn) with ``kind="question"``."""
    folder = {"ingredient": "ingredients", "question": "questions"}[kind]
    (root / "content" / folder).mkdir(parents=True)
    (root / "content" / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    if kind == "question":
        for i, (title, question, prompts) in enumerate(question_texts(n)):
            card = {"id": f"card-{i}", "title": title, "question": question,
                    "prompts": prompts, "phase": PHASES[i % len(PHASES)]}
            _append(root, folder, i, yaml.safe_dump([card], sort_keys=False, width=10_000))
        return root
    for i, (title, para) in enumerate(card_texts(n)):
        prompt = " ".join(para.split(" ", 12)[:12])
        _append(root, folder, i, f"- id: card-{i}\n  title: {title}\n  asset_type: exchange\n"
                                 f"  prompt: {prompt}?\n  uses: {para}\n")
    return root


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def vocabulary(lang: str) -> list[str]:
    """The distinct words of the shipped translation's cards, in their order of first use."""
    data = yaml.safe_load((SHIPPED / f"{lang}.yaml").read_text(encoding="utf-8"))
    words = (w for text in _strings(data["cards"]) for w in _PUNCTUATION.split(text))
    return list(dict.fromkeys(w for w in words if w and not w.isascii()))


def translated_sentence(words: list[str], seed: int, n: int, stop: str) -> str:
    """A deterministic sentence of ``n`` words of ``words``, different for every seed."""
    pick = random.Random(seed).choice
    return " ".join(pick(words) for _ in range(n)) + stop


TRANSLATED_WORDS = 30
"""Words in each translated card's text (see write_translation)."""


def write_translation(root: Path, lang: str, n: int) -> None:
    """An overlay for an ingredient pack of make_pack: the shipped labels, every card in ``lang``.

    The translated cards are sentences made of words from the pack's shipped translations
    (content/translations/), so the shaper and the line breaker meet real words of each script.
    """
    shipped = yaml.safe_load((SHIPPED / f"{lang}.yaml").read_text(encoding="utf-8"))
    words, stop = vocabulary(lang), LANGUAGES[lang]
    mark = "؟" if lang == "ur" else "?"
    cards = {}
    for i in range(n):
        # Fewer words than the English card's 40: Nastaliq needs about a third more room, and
        # no card text is set below 12 pt, so forty Urdu words would not fit on an A6 card.
        uses = translated_sentence(words, i, TRANSLATED_WORDS, stop)
        cards[f"card-{i}"] = {"title": f"{translated_sentence(words, -i - 1, 2, '')} {i}",
                              "prompt": " ".join(uses.split(" ")[:12]) + mark,
                              "uses": uses}
    overlay = {key: shipped[key] for key in ("translators", "reviewed", "pack", "labels")}
    overlay["cards"] = cards
    folder = root / "content" / "translations"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{lang}.yaml").write_text(yaml.safe_dump(overlay, allow_unicode=True),
                                         encoding="utf-8")
