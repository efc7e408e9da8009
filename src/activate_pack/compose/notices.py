"""The words an adapted pack prints about where it came from and what it changed.

Every word comes from the pack's labels (``adaptation:`` in content/labels.yaml); this module
only fills in the details. The same sentences go on the about card, into the colophon and into
the PDF's metadata, so all three always agree.
"""

from __future__ import annotations

from activate_pack.compose.content import fill, join_names
from activate_pack.pack.model.labels import Labels
from activate_pack.pack.model.licences import ICONS, licence
from activate_pack.pack.model.pack import Pack, Upstream
from activate_pack.pack.loading.translations import language_name

SHORT_LIST = 3
"""How many cards the A6 about card names before it says 'and N more'."""


def author_names(labels: Labels, names: list[str]) -> str:
    """Names joined for a credit line, with the labels' joining words: 'A, B and C'."""
    return join_names(names, labels.patterns.comma, labels.patterns.and_)


def licence_name(labels: Labels, licence_id: str) -> str:
    """A licence's printed name: the labels' wording, else its official name."""
    return labels.about.licence_names.get(licence_id, licence(licence_id).name)


def credit_line(labels: Labels, title: str, authors: list[str], licence_id: str) -> str:
    """The credit printed on every page: title · author · licence short name · licence URL."""
    lic = licence(licence_id)
    return fill(labels.patterns.credit_line, title=title, authors=author_names(labels, authors),
                licence=lic.short_name, url=lic.deed_url)


def adapters(pack: Pack) -> str:
    """The names of the people who made this adaptation, joined for print."""
    return author_names(pack.labels, [a.name for a in pack.info.authors])


def credit_sentences(pack: Pack) -> list[str]:
    """'Translated from … by …', then 'Adapted from <title> by <authors> …', nearest base first."""
    words = pack.labels.adaptation
    return [*translation_sentences(pack),
            *(fill(words.adapted_from if index == 0 else words.earlier, **_slots(pack.labels, up))
              for index, up in enumerate(pack.upstream))]


def translation_sentences(pack: Pack) -> list[str]:
    """A translated pack's credit to its translators, and the draft note until it is reviewed."""
    done = pack.translation
    if done is None:
        return []
    words = pack.labels.adaptation
    credit = fill(words.translated_by, source=language_name(done.source),
                  target=language_name(done.language),
                  translators=author_names(pack.labels, list(done.translators)))
    return [credit] if done.reviewed else [credit, words.draft]


def _slots(labels: Labels, up: Upstream) -> dict[str, str]:
    return {"title": up.title, "authors": author_names(labels, list(up.authors)),
            "source": up.source_url, "licence": licence(up.licence).short_name}


def _titles(ids: tuple[str, ...], titles: dict[str, str], labels: Labels,
            limit: int | None) -> str:
    """The cards' titles (a reader knows a card by its heading, not its id), maybe shortened."""
    comma = labels.patterns.comma
    names = [fill(labels.patterns.card_title, title=titles.get(card_id, card_id))
             for card_id in ids]
    if limit is None or len(names) <= limit:
        return comma.join(names)
    rest = fill(labels.adaptation.more, count=str(len(names) - limit))
    return fill(labels.patterns.more, ids=comma.join(names[:limit]), more=rest)


def _values(variables: dict[str, str], labels: Labels) -> str:
    """Which local details were set, by name ('contact, meeting place'), never their values:
    a contact's phone number belongs on the cards that use it, not in every file's notice."""
    names = [name.replace("_", " ") for name, value in sorted(variables.items())
             if value.strip()]
    return labels.patterns.comma.join(names)


BRIEF = ("list", "count", "sum", "tight")
"""How much the small about card says, most first: an adaptation's changes as shortened lists,
as counts of each kind, as one sentence; then also without the plain-words summary of the
licence (its name and address stay). The colophon and the file's details always say all."""


def change_lines(pack: Pack, limit: int | None = None, brief: str = "list") -> list[str]:
    """One line per kind of change; ``limit`` shortens long id lists (for the A6 card).

    ``brief`` 'count' gives each kind's number instead of its ids, 'sum' one sentence.
    """
    changes, labels = pack.changes, pack.labels
    words, pats = labels.adaptation, labels.patterns
    if changes is None:
        return []
    kinds = ((words.added, changes.added), (words.changed, changes.changed),
             (words.removed, changes.removed), (words.variables, tuple(changes.variables)))
    if brief in ("sum", "tight"):
        total = sum(len(ids) for _, ids in kinds) + bool(changes.reordered) \
            + bool(changes.language) + bool(changes.logo)
        return [fill(words.summary, count=str(total))]
    if brief == "count":
        return [fill(pats.change, label=label, ids=str(len(ids))) for label, ids in kinds
                if ids] + [words.full_list]
    lines = []
    for label, ids in ((words.added, changes.added), (words.changed, changes.changed),
                       (words.removed, changes.removed)):
        if ids:
            if limit is not None and len(ids) > limit:
                label = fill(pats.count, label=label, count=str(len(ids)))
            lines.append(fill(pats.change, label=label,
                              ids=_titles(ids, changes.titles, labels, limit)))
    if changes.reordered:
        lines.append(words.reordered)
    if _values(changes.variables, labels):
        lines.append(fill(pats.change, label=words.variables,
                          ids=_values(changes.variables, labels)))
    if changes.language:
        lines.append(fill(words.translated, source=language_name(changes.language[0]),
                          target=language_name(changes.language[1])))
    if changes.logo:
        lines.append({"added": words.logo_added, "changed": words.logo_changed,
                      "removed": words.logo_removed}[changes.logo])
    if not (changes.added or changes.changed or changes.removed):
        lines.append(words.no_changes)
    return lines


def notice(pack: Pack) -> str:
    """The whole notice in one paragraph, for metadata: credits, then 'Changes: …'."""
    if not pack.upstream:
        return pack.labels.patterns.space.join(translation_sentences(pack))
    space = pack.labels.patterns.space
    return fill(pack.labels.patterns.notice, credits=space.join(credit_sentences(pack)),
                label=pack.labels.adaptation.changes, changes=space.join(change_lines(pack)))


def icon_credit(labels: Labels) -> str:
    """The icon set's credit line: 'Icons: Lucide, ISC' (its address follows where there is room)."""
    return fill(labels.about.picture_line, what=labels.about.icons, author=ICONS.name,
                licence=ICONS.licence)


def pack_credit(pack: Pack) -> str:
    """The credit line on every page; an adaptation credits its base pack in it too."""
    info = pack.info
    if not pack.upstream:
        return credit_line(pack.labels, info.title, [a.name for a in info.authors], info.licence)
    who = fill(pack.labels.adaptation.credit, adapters=adapters(pack),
               **_slots(pack.labels, pack.upstream[0]))
    return credit_line(pack.labels, info.title, [who], info.licence)


def card_credits(pack: Pack) -> dict[str, str]:
    """Credit lines of the cards an adaptation changed or added, saying so."""
    if pack.changes is None or not pack.upstream:
        return {}
    info, words = pack.info, pack.labels.adaptation
    slots = _slots(pack.labels, pack.upstream[0]) | {"adapters": adapters(pack)}
    found = {}
    for card_id in pack.changes.changed:
        found[card_id] = credit_line(pack.labels, info.title,
                                       [fill(words.card_changed, **slots)], info.licence)
    for card_id in pack.changes.added:
        found[card_id] = credit_line(pack.labels, info.title,
                                       [fill(words.card_added, **slots)], info.licence)
    return found


def creators(pack: Pack) -> list[str]:
    """Everyone to name as a creator: the original authors first, then each set of adapters."""
    names: list[str] = []
    for up in reversed(pack.upstream):
        names.extend(n for n in up.authors if n not in names)
    names.extend(a.name for a in pack.info.authors if a.name not in names)
    if pack.translation is not None:
        names.extend(n for n in pack.translation.translators if n not in names)
    return names
