"""What each card says: the kind label, title, body blocks, write-in areas, notes and credit."""

from __future__ import annotations

from typing import Any

from activate_pack.compose import notices
from activate_pack.compose.links import card_address
from activate_pack.compose.content import Block, Face, Item, Picture, Run, Writer, fill, split_at, writer
from activate_pack.pack.model.kinds import FieldDecl, KindDecl, choice_name
from activate_pack.pack.model.kinds import kind_word
from activate_pack.pack.model.licences import ICONS, licence
from activate_pack.pack.model.pack import Card, ImageCredit, Pack

AnyCard = Card


def for_card(pack: Pack, card_id: str | None) -> Pack:
    """The pack as a card should print: a card its translation leaves out prints wholly in
    the source language, its headings and the cards it names too, rather than half in
    one language and half in another."""
    done = pack.translation
    if done is None or card_id not in done.untranslated or done.source_labels is None:
        return pack
    info = pack.info.model_copy(update={"language": done.source})
    sets = {kind: tuple(c.model_copy(update={"title": done.source_titles.get(c.id, c.title)})
                        for c in cards) for kind, cards in pack.sets.items()}
    return pack.model_copy(update={"labels": done.source_labels, "info": info, "sets": sets})


def pack_writer(pack: Pack) -> Writer:
    """The writer for a pack: its labels, in its language."""
    return writer(pack.labels, pack.info.language)


def kind_parts(pack: Pack, card: AnyCard | None, kind: str) -> tuple[str, str | None]:
    """A card's kind name and its detail (the choice its kind names, such as its phase)."""
    labels = pack.labels
    name = getattr(labels.kinds, kind)
    decl = pack.kinds.kinds.get(kind)
    if card is None or decl is None or decl.detail is None:
        return name, None
    value = getattr(card, decl.detail, None)
    if not value:
        return name, None
    return name, choice_name(labels, decl.fields[decl.detail].labels, value)


def kind_label(pack: Pack, card: AnyCard | None, kind: str) -> str:
    """The small line above a card title, e.g. 'Question · Explore'."""
    name, detail = kind_parts(pack, card, kind)
    return fill(pack.labels.patterns.kind_label, kind=name, detail=detail) if detail else name


def credit(pack: Pack, card_id: str | None = None) -> str:
    """The credit line of a card (an adaptation's changed cards say so) or of the pack."""
    return notices.card_credits(pack).get(card_id or "", notices.pack_credit(pack))


def logo(pack: Pack) -> Block | None:
    """The pack's logo as a block (its file is checked where it is placed), or None."""
    if pack.logo is None:
        return None
    image = pack.logo.image
    return Block("logo", "logo", picture=Picture(pack.logo.folder, image.file, image.alt))


def field_block(w: Writer, label: str, text: str, role: str = "field",
                tight: bool = False) -> Block:
    """'Label: text', the label bold; ``tight`` keeps the space after the label plain."""
    before, after = split_at(w.labels.patterns.field, "text")
    head = fill(before, label=label)
    gap = ""
    if tight:
        gap = head[len(head.rstrip()):]
        head = head.rstrip()
    runs = [w.run(head, "field-label", bold=True)]
    if gap:
        runs.append(w.run(gap, role))
    runs += w.inline(text, role)
    if after:
        runs.append(w.run(fill(after, label=label), "field-label", bold=True))
    return Block("field", role, tuple(runs))


def _referred(pack: Pack, field: FieldDecl, ids: list[str]) -> list[str]:
    """The titles of the cards a reference field names (an id, where there is no such card)."""
    titles = {c.id: c.title for c in pack.of(field.kind or "")}
    return [titles.get(ref, ref) for ref in ids]


def _fact(pack: Pack, w: Writer, kind: str, name: str, field: FieldDecl, value: object,
          facts: list[Run]) -> None:
    """One fact (time, effort) added to a line of facts."""
    text = choice_name(pack.labels, field.labels, str(value)) if field.type == "choice" \
        else str(value)
    if facts:
        facts.append(w.run(w.labels.patterns.facts, "facts"))
    facts += field_block(w, kind_word(pack.labels, kind, field.label or ""), text, "facts",
                         tight=True).runs


def _compose(pack: Pack, w: Writer, kind: str, name: str, field: FieldDecl,
             value: Any) -> list[Block]:
    """The blocks one field of a card prints as, the way its kind declares."""
    role, how = name.replace("_", "-"), field.compose
    heading = kind_word(pack.labels, kind, field.label) if field.label else ""
    if how == "lead":
        return [w.para("paragraph", role, w.inline(str(value), role, bold=True))]
    if how == "paragraph":
        return w.marked(str(value), role)
    if how == "field":
        return [field_block(w, heading, str(value))]
    if how == "names":
        names = _referred(pack, field, list(value))
        return [field_block(w, heading, w.labels.patterns.comma.join(names))]
    if how == "numbered":
        return [w.para("heading", "heading", heading, bold=True),
                Block("list", role, items=tuple(
                    Item(w.number(n), w.inline(str(step), role), joined=True)
                    for n, step in enumerate(value, 1)))]
    if how == "bullets":
        return [Block("list", role, items=tuple(
            Item(w.labels.patterns.bullet, w.inline(p, role)) for p in value))]
    if how == "section":
        return [w.para("heading", "heading", heading, bold=True),
                *w.marked(str(value), role, first_joined=True)]
    if how == "source":
        source = getattr(value, "name", "")
        if getattr(value, "place", None):
            source = fill(w.labels.patterns.place, name=source, place=value.place)
        text = fill(w.labels.patterns.field, label=heading, text=source)
        return [w.para("paragraph", role, text, italic=True)]
    return []


def face_blocks(pack: Pack, card: AnyCard, names: tuple[str, ...]) -> list[Block]:
    """The blocks of the named fields of a card, in order, as its kind declares them."""
    w, kind = pack_writer(pack), card.kind
    decl = pack.kinds[kind]
    blocks: list[Block] = []
    facts: list[Run] = []
    for name in names:
        field, value = decl.fields[name], getattr(card, name, None)
        if field.compose != "fact" and facts:  # the facts before this field make one line
            blocks.append(Block("paragraph", "facts", tuple(facts)))
            facts = []
        if value in (None, "", [], ()):
            continue
        if field.compose == "fact":
            _fact(pack, w, kind, name, field, value, facts)
        else:
            blocks += _compose(pack, w, kind, name, field, value)
    if facts:
        blocks.append(Block("paragraph", "facts", tuple(facts)))
    return blocks


def _blank_intro(pack: Pack, card: AnyCard, decl: KindDecl) -> list[Block]:
    """A blank card's introduction: its intro field, set apart from the write-in areas."""
    w = pack_writer(pack)
    assert decl.blank is not None
    text = str(getattr(card, decl.blank.intro))
    if decl.fields[decl.blank.intro].compose == "lead":
        return [w.para("paragraph", "intro", w.inline(text, "intro", bold=True))]
    return w.marked(text, "intro", italic=True)


def _write_ins(w: Writer, labels: list[str]) -> tuple[Block, ...]:
    return tuple(w.para("write-in", "write-in", text, bold=True) for text in labels)


SIDES = ("front", "back")
"""Both faces of a card: what the A4 pack and the HTML edition show of it."""


def _blank_write_ins(pack: Pack, card: AnyCard, decl: KindDecl, side: str) -> list[str]:
    """The write-in headings of a blank card on one side (or both, for ``side`` 'both')."""
    assert decl.blank is not None
    headings = list(kind_word(pack.labels, card.kind, decl.blank.write_ins))
    split = decl.blank.front if decl.faces.back else None
    if split is None or side == "both":
        return headings
    return headings[:split] if side == "front" else headings[split:]


def card_front(pack: Pack, card: AnyCard, sides: tuple[str, ...] = SIDES) -> Face:
    """Everything the front of a card says, in reading order; ``sides`` ('front', or both)
    says which faces' fields it holds: the A6 card's front holds its front's alone."""
    pack = for_card(pack, card.id)
    w = pack_writer(pack)
    top = (w.run(kind_label(pack, card, card.kind), "kind-label", bold=True),)
    title = w.inline(card.title, "title", bold=True)
    blank = bool(getattr(card, "blank", False))
    decl = pack.kinds[card.kind]
    if blank and decl.blank is not None:
        blocks = _blank_intro(pack, card, decl)
        write_ins = _write_ins(w, _blank_write_ins(pack, card, decl,
                                                   "front" if sides == ("front",) else "both"))
    else:
        blocks = face_blocks(pack, card, decl.faces.of(sides))
        write_ins = _write_ins(w, [kind_word(pack.labels, card.kind, name)
                                   for name in decl.write_ins])
    notes = [w.para("heading", "notes-heading", pack.labels.facilitator.notes, bold=True)]
    if card.notes:
        notes += w.marked(card.notes, "notes")
    picture = None
    if card.image is not None:
        folder = pack.folders.get(card.id, pack.root)
        picture = Block("picture", "picture",
                        picture=Picture(folder, card.image.file, card.image.alt,
                                        picture_credit(pack, card.image.credit)))
    return Face(card.kind, card.id, top, title, tuple(blocks), write_ins, tuple(notes),
                (w.run(credit(pack, card.id), "credit"),), blank, picture)


def text_back(pack: Pack, card: AnyCard) -> Face | None:
    """The back of a card whose kind puts words there (faces: back:), else None: its kind
    label and title, as on the front, then the back's fields or write-in areas."""
    decl = pack.kinds.kinds.get(card.kind)
    if decl is None or not decl.faces.back:
        return None
    address = card_address(pack, card.kind, card.id)
    pack = for_card(pack, card.id)
    w = pack_writer(pack)
    top = (w.run(kind_label(pack, card, card.kind), "kind-label", bold=True),)
    title = w.inline(card.title, "title", bold=True)
    blank = bool(getattr(card, "blank", False)) and decl.blank is not None
    blocks: list[Block] = [] if blank else face_blocks(pack, card, decl.faces.back)
    write_ins = _write_ins(w, _blank_write_ins(pack, card, decl, "back")) if blank else ()
    extra: dict[str, tuple[Run, ...]] = {}
    if address:
        extra["code"] = (w.run(fill(pack.labels.about.qr_code, address=address), "code"),)
    return Face(card.kind, card.id, top, title, tuple(blocks), write_ins, (),
                (w.run(credit(pack, card.id), "credit"),), blank, logo=logo(pack), extra=extra,
                address=address)


def card_back(pack: Pack, card: AnyCard | None, kind: str, card_id: str) -> Face:
    """The back of a card: the kind's name, its detail, the pack's title, the credit line
    (a kind that puts words on the back has them from ``text_back``)."""
    # The QR code opens the card in this language's edition, even where the card is shown
    # untranslated: the reader stays among the pages in their language.
    address = card_address(pack, kind, card_id)
    pack = for_card(pack, card_id)
    w = pack_writer(pack)
    name, detail = kind_parts(pack, card, kind)
    extra: dict[str, tuple[Run, ...]] = {"pack": (w.run(pack.info.title, "pack-title"),)}
    if detail:
        extra["detail"] = (w.run(detail, "kind-detail"),)
    if address:
        extra["code"] = (w.run(fill(pack.labels.about.qr_code, address=address), "code"),)
    return Face(kind, card_id, (), (w.run(name, "kind-name", bold=True),), (), (), (),
                (w.run(credit(pack, card_id), "credit"),), logo=logo(pack), extra=extra,
                address=address)


def picture_credit(pack: Pack, credit: ImageCredit | None) -> str | None:
    """The line printed with a picture: who made it and its licence (labels' words)."""
    if credit is None:
        return None
    return fill(pack.labels.about.picture_credit, author=credit.author,
                licence=licence(credit.licence).short_name)


def pictures(pack: Pack) -> list[Block]:
    """The colophon's list of pictures: who made them, their licence and where they are from.

    Pictures with the same credit share one line, naming their cards, so a pack with a picture
    on every card still has a short list.
    """
    w, words, pats = pack_writer(pack), pack.labels.about, pack.labels.patterns
    groups: dict[tuple[str, str, str], list[str]] = {}
    for card in pack.cards:
        credit = card.image.credit if card.image is not None else None
        if credit is not None:
            key = (credit.author, licence(credit.licence).short_name, str(credit.source or ""))
            groups.setdefault(key, []).append(credit.title or card.title)
    items = []
    for (author, short_name, source), what in groups.items():
        line = fill(words.picture_line, what=pats.comma.join(what), author=author,
                    licence=short_name)
        items.append(Item(pats.bullet, (w.run(line + (pats.space + source if source else ""),
                                              "picture-line"),)))
    if not items:
        return []
    return [w.para("heading", "heading", words.pictures, bold=True),
            Block("list", "picture-line", items=tuple(items))]


def about_front(pack: Pack, brief: str = "list", side: str = "front") -> Face:
    """One side of the 'about this pack' card: its kind label, the pack's title and a part of
    the attribution (who made it on the front; the licence and the source on the back).

    ``brief`` says how much of an adaptation's changes it lists (see notices.BRIEF): layout
    asks for less when the card is full, since those words are the tool's, not the user's.
    """
    w = pack_writer(pack)
    label = (w.run(pack.labels.kinds.about, "kind-label", bold=True),)
    blocks = attribution(pack, brief=brief)
    # The whole attribution does not fit one A6 face at 12 pt: the licence starts the back.
    # Where to get the pack goes on the front with who made it, which leaves the back room
    # for the licence's summary in the wordier languages too.
    turn = next(i for i, b in enumerate(blocks) if b.role == "licence") - 1
    source = next(i for i, b in enumerate(blocks) if b.role == "source") - 1
    front = blocks[:turn] + blocks[source:source + 2]
    back = blocks[turn:source] + blocks[source + 2:]
    return Face("about", None, label, w.inline(pack.info.title, "title", bold=True),
                tuple(front if side == "front" else back),
                credit=(w.run(credit(pack), "credit"),), logo=logo(pack))


def attribution(pack: Pack, description: bool = False, full: bool = False,
                brief: str = "list") -> list[Block]:
    """The full attribution: title, authors, source, licence, copyright and no endorsement."""
    w, info, labels = pack_writer(pack), pack.info, pack.labels
    pats = labels.patterns
    lic = licence(info.licence)
    title = w.inline(info.title, "title-line", bold=True)
    if info.subtitle:
        before, after = split_at(pats.title_line, "title")
        title = (*w.inline(fill(before, subtitle=info.subtitle), "title-line"), *title,
                 *w.inline(fill(after, subtitle=info.subtitle), "title-line"))
    blocks = [w.para("paragraph", "title-line", title)]
    version = fill(pats.version, label=labels.about.version, version=info.version)
    if info.locality:
        version += pats.dot + info.locality
    blocks.append(w.para("paragraph", "version", version))
    if description and info.description:
        blocks += w.marked(info.description, "description")
    blocks.append(w.para("heading", "heading", labels.about.made_by, bold=True))
    names = [fill(pats.author, name=a.name, organisation=a.organisation) if a.organisation
             else a.name for a in info.authors]
    blocks.append(w.para("paragraph", "authors", notices.author_names(labels, names),
                         joined=True))
    blocks.append(w.para("paragraph", "copyright", info.copyright))
    blocks += adaptation(pack, full, brief)
    if full:  # the colophon: every picture's credit (the small card has each on its face)
        blocks += pictures(pack)
    blocks.append(w.para("heading", "heading", labels.about.licence, bold=True))
    name = fill(pats.licence, name=notices.licence_name(labels, lic.id), short_name=lic.short_name)
    blocks.append(w.para("paragraph", "licence", name, joined=True))
    blocks.append(w.para("paragraph", "licence", lic.deed_url, joined=True))
    if brief != "tight":  # the card is full: the licence's name and address must do
        blocks += w.marked(labels.about.licence_note, "licence-note")
        # The icons' credit goes too (the site always gives it): a page that is full has room
        # for nothing the pack's own licence does not ask for.
        blocks.append(w.para("paragraph", "icons", notices.icon_credit(labels), joined=True))
        if full:  # the address on a line of its own, as every address in the attribution
            blocks.append(w.para("paragraph", "icons", ICONS.url, joined=True))
    blocks.append(w.para("heading", "heading", labels.about.source, bold=True))
    blocks.append(w.para("paragraph", "source", info.source_url, joined=True))
    blocks += w.marked(labels.about.no_endorsement, "no-endorsement", italic=True)
    return blocks


def adaptation(pack: Pack, full: bool, brief: str = "list") -> list[Block]:
    """Where an adapted pack comes from and what changed; ``full`` lists every id (colophon)."""
    w, labels = pack_writer(pack), pack.labels
    blocks = [w.para("paragraph", "adapted-from", s) for s in notices.credit_sentences(pack)]
    if pack.changes is not None:
        blocks.append(w.para("heading", "heading", labels.adaptation.changes, bold=True))
        limit = None if full else notices.SHORT_LIST
        lines = notices.change_lines(pack, limit, "list" if full else brief)
        blocks += [w.para("paragraph", "change" if index else "first-change", line)
                   for index, line in enumerate(lines)]
    if pack.exceptions and (full or brief not in ("sum", "tight")):  # the colophon lists them in any case
        blocks.append(w.para("paragraph", "exceptions", labels.adaptation.exceptions))
        items = []
        for item in pack.exceptions:
            parts = [item.title, item.author, item.licence, item.source]
            items.append(Item(labels.patterns.bullet,
                              (w.run(labels.patterns.comma.join(p for p in parts if p),
                                     "exception"),)))
        blocks.append(Block("list", "exception", items=tuple(items)))
    return blocks
