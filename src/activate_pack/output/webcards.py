"""The cards on the web: every card and guide page as semantic HTML, one page per kind.

It renders the same composed content the PDFs are laid out from (``compose/``), so what a card
says is decided once. Cards link to each other: a recipe's ingredients link to their cards.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any, Mapping

from activate_pack.compose.cards import AnyCard, card_front, for_card
from activate_pack.compose.content import Block, Face, Picture, Run, fill
from activate_pack.compose.links import ABOUT_ANCHOR, page_path
from activate_pack.compose.pages import colophon, guide_page
from activate_pack.compose.typography import typeset
from activate_pack.errors import PackError, Problem
from activate_pack.pack.sources import images
from activate_pack.pack.model.kinds import kind_word
from activate_pack.pack.model.pack import Pack


@dataclass(frozen=True)
class WebPage:
    """One page of the cards on the web: its name, its file (from the site's root) and its title."""

    name: str
    path: str
    title: str


def web_pages(pack: Pack, folder: str) -> list[WebPage]:
    """The pages of one language's edition, in reading order (a kind without cards has none)."""
    fac = pack.labels.facilitator
    # The edition's pages of cards and guide pages, in the A4 pack's order; 'about' follows.
    have = {"guide": pack.guide, **{decl.folder: pack.of(kind)
                                    for kind, decl in pack.kinds.kinds.items()}}
    found = [WebPage(name, page_path(folder, name), getattr(fac, name).title)
             for name, items in have.items() if items]
    return found + [WebPage("about", page_path(folder, "about"), fac.colophon)]


def faces(pack: Pack, name: str) -> list[tuple[str, Face]]:
    """The composed faces one page shows, each with its anchor."""
    if name == "guide":
        # A page the translation leaves out is wholly in the source language, and says so.
        return [(page.id, guide_page(for_card(pack, page.id), page)) for page in pack.guide]
    if name == "about":
        return [(ABOUT_ANCHOR, colophon(pack))]
    kinds: dict[str, tuple[AnyCard, ...]] = {
        decl.folder: pack.of(kind) for kind, decl in pack.kinds.kinds.items()}
    return [(card.id, card_front(pack, card)) for card in kinds[name]]


def ingredient_links(pack: Pack, card_id: str, face: Face) -> dict[int, dict[str, str]]:
    """For a card naming others (a recipe's ingredients): each block naming them, with each
    name linked to its card on its kind's page."""
    card = next((c for c in pack.cards if c.id == card_id), None)
    if card is None:
        return {}
    found: dict[int, dict[str, str]] = {}
    for name, field in pack.kinds[card.kind].fields.items():
        refs = getattr(card, name, None)
        if field.type != "reference" or not refs or field.kind is None or not field.label:
            continue
        # Titles as the face prints them, its quotes and apostrophes set (compose.typography).
        titles = {c.id: typeset(c.title, pack.info.language) for c in pack.of(field.kind)}
        page = pack.kinds[field.kind].folder
        links = {titles[ref]: f"{page}.html#{ref}" for ref in refs if ref in titles}
        label = typeset(kind_word(pack.labels, card.kind, field.label), pack.info.language)
        for index, block in enumerate(face.blocks):
            if block.kind == "field" and block.runs and block.runs[0].text.startswith(label):
                found[index] = links
                break
    return found


class SitePictures:
    """The pictures the edition shows, copied beside its pages under names of their content."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.files: dict[str, bytes] = {}
        self._names: dict[tuple[str, str], str] = {}

    def src(self, picture: Picture) -> str:
        """The picture's address from an edition page, copying its file the first time."""
        key = (picture.folder, picture.file)
        if key not in self._names:
            path, reason = images.resolve(Path(picture.folder), picture.file)
            if path is None:
                raise PackError(Problem(reason or f"cannot read {picture.file}"))
            data = path.read_bytes()
            suffix = PurePosixPath(picture.file).suffix.lower()
            name = f"images/{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
            self.files[f"{self.folder}/{name}"] = data
            self._names[key] = name
        return self._names[key]


def marked(face: Face, source: Face | None, lang: str) -> Face:
    """``face`` with each run that reads word for word as in ``source`` (the same card in the
    source language) marked as ``lang``, that language: words its translation left out."""
    from activate_pack.text import language_direction

    if source is None:
        return face
    said = {run.text for run in _runs(source) if run.text.strip()}

    def mark(runs: tuple[Run, ...]) -> tuple[Run, ...]:
        return tuple(replace(run, lang=lang, dir=language_direction(lang))
                     if run.text in said and run.lang != lang else run for run in runs)

    def block(b: Block) -> Block:
        return replace(b, runs=mark(b.runs),
                       items=tuple(replace(i, runs=mark(i.runs)) for i in b.items))
    return replace(face, label=mark(face.label), title=mark(face.title),
                   blocks=tuple(map(block, face.blocks)),
                   write_ins=tuple(map(block, face.write_ins)),
                   notes=tuple(map(block, face.notes)), credit=mark(face.credit))


def _runs(face: Face) -> list[Run]:
    """Every run of a face's text."""
    blocks = (*face.blocks, *face.write_ins, *face.notes)
    return [*face.label, *face.title, *face.credit,
            *(run for b in blocks for run in (*b.runs, *(r for i in b.items for r in i.runs)))]


def originals(source: Pack) -> dict[str, dict[str, Face]]:
    """Every face of the pack in its own language, by page name and anchor: what a
    translation's edition compares its words with (see :func:`web_files`)."""
    return {p.name: dict(faces(source, p.name)) for p in web_pages(source, "")}


def web_files(pack: Pack, page: dict[str, Any], folder: str,
              source: dict[str, dict[str, Face]] | None = None,
              icons: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """Every page of one language's edition, and its pictures, by path from the site's root.

    ``page`` is what every page of the language shares (see ``sitepages.page_context``);
    ``source`` is :func:`originals` of the pack in its own language, for a translation;
    ``icons`` names each card kind's icon, shown beside its label as on the printed card.
    """
    from activate_pack.output.siteshared import Words, in_language, placed
    from activate_pack.render.html import render_page

    words = Words(pack)
    pages = web_pages(pack, folder)
    pictures = SitePictures(folder)
    files: dict[str, bytes] = {}
    for current in pages:
        before = (source or {}).get(current.name, {})
        lang = pack.translation.source if pack.translation else ""
        shown = []
        for anchor, face in faces(pack, current.name):
            face = marked(face, before.get(anchor), lang)
            # A card wholly in one other language says so once, on the card, not run by run.
            langs = {run.lang for run in _runs(face)}
            shown.append({"anchor": anchor, "face": face,
                          "lang": langs.pop() if len(langs) == 1 else pack.info.language,
                          "links": ingredient_links(pack, anchor, face)
                          if current.name in pack.kinds.folders else {},
                          "icon": (icons or {}).get(face.kind) if face.label else None})
        intro = [] if current.name == "about" else [typeset(getattr(
            pack.labels.facilitator, current.name).intro, pack.info.language)]
        title = fill(words.plain.page_title, page=current.title, title=pack.info.title)
        context = placed(page, current.path, current.name, title) | {
            "pack_title": page["title_html"],
            # The about page's one section is headed with its name; the page, with the pack's.
            "heading": page["title_html"] if current.name == "about"
            else in_language(current.title, _left(pack, current.name, "title")),
            "intro": [in_language(line, _left(pack, current.name, "intro")) for line in intro],
            "faces": shown,
            "nav": [{"href": PurePosixPath(p.path).name,
                     "title": in_language(p.title, _left(pack, p.name, "title")),
                     "current": p is current} for p in pages],
        }
        html = render_page("edition.html", page=context, words=words, picture_src=pictures.src)
        files[current.path] = html.encode("utf-8")
    files.update(pictures.files)
    return files


def card_icons(pack_dir: Path) -> dict[str, str]:
    """Each card kind's icon, as the layout of the A6 cards names it (its ``icons.kinds``)."""
    from activate_pack.layout.editions import EDITIONS
    from activate_pack.layout.spec import layout_dirs, load_layout
    from activate_pack.pack.sources.paths import default_pack_dir

    spec = load_layout(EDITIONS["a6"].layout, layout_dirs(pack_dir, default_pack_dir()))
    return dict(spec.icons.kinds)


def _left(pack: Pack, name: str, part: str) -> str | None:
    """The source language, if the translation leaves page ``name``'s ``part`` ('title' or
    'intro') in it; None if it is in the pack's language."""
    done = pack.translation
    if done is None or done.source_labels is None:
        return None

    def words(labels: Any) -> str:
        if name == "about":
            return labels.facilitator.colophon if part == "title" else ""
        return getattr(getattr(labels.facilitator, name), part)
    return done.source if words(pack.labels) == words(done.source_labels) else None
