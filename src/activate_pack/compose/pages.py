"""What the A4 pack's own pages, the print instruction sheet and the file metadata say."""

from __future__ import annotations

from dataclasses import dataclass

from activate_pack.compose import notices
from activate_pack.compose.cards import attribution, logo, pack_writer, picture_credit
from activate_pack.compose.content import Block, Face, Item, fill
from activate_pack.pack.model import markup
from activate_pack.pack.model.labels import TemplateLabels
from activate_pack.pack.model.licences import licence
from activate_pack.pack.model.pack import GuidePage, Pack

CARDS = "cards"
"""The name an edition gives for 'a set for each kind of card, in the kinds' order'."""


def set_kinds(pack: Pack) -> dict[str, str]:
    """The sets an A4 pack may hold, with the card kind whose colours each takes (the edition,
    in layout/editions.py, says which it holds and in what order)."""
    return {"guide": "about", **{decl.folder: kind for kind, decl in pack.kinds.kinds.items()},
            "templates": "about"}


def set_names(pack: Pack, names: tuple[str, ...]) -> tuple[str, ...]:
    """An edition's sets, with 'cards' standing for each kind's set (by its folder).

    A kind the pack has no cards of has no set: a divider with nothing after it would read as
    pages gone missing, and the sets after it are numbered on."""
    folders = tuple(decl.folder for kind, decl in pack.kinds.kinds.items() if pack.of(kind))
    return tuple(n for name in names for n in (folders if name == CARDS else (name,)))


def templates(pack: Pack) -> dict[str, str]:
    """The worksheets of the templates set, with the kind whose colours each takes."""
    return dict(pack.kinds.declaration.templates)


@dataclass(frozen=True)
class SetEntry:
    """A set of the A4 pack as the contents lists it: its line and its listed pages."""

    name: str
    kind: str
    number: int
    entry: str
    """The set's line in the contents, e.g. 'Set 1: Facilitator guide'."""
    pages: tuple[str, ...]
    """Titles of the pages listed under it (the guide's pages, the templates)."""


def set_number(pack: Pack, number: int) -> str:
    """'Set 3'."""
    return fill(pack.labels.patterns.set_number, set=pack.labels.facilitator.set_word,
                number=str(number))


def sets(pack: Pack, names: tuple[str, ...]) -> list[SetEntry]:
    """The A4 pack's sets (``names``, in order), as the contents lists them."""
    fac = pack.labels.facilitator
    listed = {"guide": tuple(p.title for p in pack.guide),
              "templates": tuple(getattr(fac, name).title for name in templates(pack))}
    found = []
    kinds = set_kinds(pack)
    for number, name in enumerate(set_names(pack, names), 1):
        kind = kinds[name]
        entry = fill(pack.labels.patterns.set_entry, set=set_number(pack, number),
                     title=getattr(fac, name).title)
        found.append(SetEntry(name, kind, number, entry, listed.get(name, ())))
    return found


def folio(pack: Pack, number: int) -> str:
    """A printed page number."""
    return fill(pack.labels.patterns.folio, n=str(number))


def cover(pack: Pack) -> Face:
    """The cover: title, subtitle, the edition's name, the place and version."""
    w, info, labels = pack_writer(pack), pack.info, pack.labels
    blocks = []
    if info.subtitle:
        blocks.append(w.para("paragraph", "subtitle", info.subtitle))
    blocks.append(w.para("paragraph", "edition", labels.editions.facilitator, bold=True))
    version = fill(labels.patterns.version, label=labels.about.version, version=info.version)
    blocks.append(w.para("paragraph", "version",
                         labels.patterns.dot.join(p for p in (info.locality, version) if p)))
    return Face("about", None, title=w.inline(info.title, "title", bold=True),
                blocks=tuple(blocks), logo=logo(pack))


def contents(pack: Pack) -> Face:
    """The contents page's heading (its lines depend on page numbers: see ``sets``)."""
    w = pack_writer(pack)
    return Face("about", None, title=(w.run(pack.labels.facilitator.contents, "title", bold=True),))


def divider(pack: Pack, entry: SetEntry) -> Face:
    """A set's divider: its number, its name and its introduction."""
    w = pack_writer(pack)
    labels = getattr(pack.labels.facilitator, entry.name)
    return Face(entry.kind, None, (w.run(set_number(pack, entry.number), "set-number", bold=True),),
                (w.run(labels.title, "title", bold=True),), tuple(w.marked(labels.intro, "intro")))


def guide_page(pack: Pack, page: GuidePage) -> Face:
    """One page of the facilitator guide: its heading and its text."""
    w = pack_writer(pack)
    return Face("about", page.id, title=w.inline(page.title, "title", bold=True),
                blocks=tuple(w.marked(page.body, "body")))


def template(pack: Pack, name: str) -> Face:
    """A worksheet: heading, how to use it, and the headings of its write-in spaces."""
    w = pack_writer(pack)
    labels: TemplateLabels = getattr(pack.labels.facilitator, name)
    kind = templates(pack)[name]
    fields = tuple(w.para("write-in", "write-in", text, bold=True) for text in labels.fields)
    return Face(kind, None, title=(w.run(labels.title, "title", bold=True),),
                blocks=tuple(w.marked(labels.intro, "intro")), write_ins=fields)


def prompts(pack: Pack, back: bool = False) -> tuple[Block, ...]:
    """The prompts beside a card on its A4 page, each heading a space to write in
    (``back``: those of a recipe's back)."""
    w, fac = pack_writer(pack), pack.labels.facilitator
    return tuple(w.para("write-in", "write-in", text, bold=True)
                 for text in (fac.back_prompts if back else fac.prompts))


def colophon(pack: Pack, brief: str = "list") -> Face:
    """The colophon: the full attribution, with every change an adaptation made.

    ``brief`` 'tight' leaves out the licence's plain-words summary (its name and address stay),
    for a page that is full; the changes and picture credits are always all there.
    """
    w = pack_writer(pack)
    return Face("about", "colophon",
                title=(w.run(pack.labels.facilitator.colophon, "title", bold=True),),
                blocks=tuple(attribution(pack, description=True, full=True, brief=brief)))


def _step(pack: Pack, number: int, text: str) -> Item:
    w = pack_writer(pack)
    return Item(w.number(number), w.inline(" ".join(text.split()), "step"))


def print_front(pack: Pack, duplex: str) -> Face:
    """The instruction sheet's front: numbered steps, the check bar's caption, last advice.

    Its blocks have the roles 'steps' (1 to 4), 'bar-caption', 'alignment' (double-sided
    only) and 'last-step'.
    """
    w, labels = pack_writer(pack), pack.labels.printing
    double = duplex in ("long", "short")
    steps = [labels.first if double else labels.first_single, labels.scale,
             getattr(labels.duplex, duplex), labels.check_bar]
    blocks = [Block("list", "steps", items=tuple(_step(pack, n, t) for n, t in enumerate(steps, 1))),
              w.para("paragraph", "bar-caption", labels.bar, bold=True)]
    number = len(steps) + 1
    if double:
        blocks.append(Block("list", "alignment", items=(_step(pack, number, labels.alignment),)))
        number += 1
    last = labels.cutting if duplex != "fold" else labels.folding
    blocks.append(Block("list", "last-step", items=(_step(pack, number, last),)))
    return Face("about", None, title=(w.run(labels.title, "title", bold=True),),
                blocks=tuple(blocks), credit=(w.run(notices.pack_credit(pack), "credit"),))


def print_back(pack: Pack) -> Face:
    """The instruction sheet's back: what the crosses mean."""
    w, labels = pack_writer(pack), pack.labels.printing
    text = w.para("paragraph", "back-text", w.inline(" ".join(labels.back_text.split()), "back-text"))
    return Face("about", None, title=(w.run(labels.back_title, "title", bold=True),),
                blocks=(text,), credit=(w.run(notices.pack_credit(pack), "credit"),))


def _sentences(pack: Pack, first: str, second: str) -> str:
    """Two texts as one paragraph, with a full stop between them when the first lacks one."""
    if not second:
        return first
    pats = pack.labels.patterns
    first = first.rstrip()
    stop = "" if first.endswith(tuple(pats.sentence_ends)) else pats.full_stop
    return first + stop + pats.space + second


def metadata(pack: Pack, edition: str) -> dict[str, object]:
    """Document information: title, author, subject, keywords, language and rights."""
    info, words = pack.info, pack.labels.metadata
    lic = licence(info.licence)
    notice = notices.notice(pack)  # an adaptation's "Adapted from …. Changes: …", else ""
    name = fill(pack.labels.patterns.licence, name=notices.licence_name(pack.labels, lic.id),
                short_name=lic.short_name)
    rights = fill(words.rights, copyright=info.copyright, licence=name, url=lic.deed_url)
    if notice:
        rights = fill(words.rights_notice, rights=rights, notice=notice)
    credits = [c for c in (picture_credit(pack, card.image.credit) for card in pack.cards
                           if card.image is not None) if c]
    if credits:  # the pictures' own credits travel with the file too
        rights = pack.labels.patterns.space.join([rights, *dict.fromkeys(credits)])
    return {
        "title": fill(words.title, title=info.title, edition=edition),
        "author": notices.author_names(pack.labels, notices.creators(pack)),
        "subject": _sentences(pack, markup.plain(info.description or info.subtitle or info.title),
                              notice),
        "keywords": tuple(k for k in (info.title, edition, info.locality, *words.keywords,
                                      lic.short_name) if k),
        "language": info.language,
        "source_language": pack.translation.source if pack.translation else "",
        "licence_url": lic.deed_url,
        "rights": rights,
    }
