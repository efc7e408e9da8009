"""The pack as plain, validated, immutable data: no PDF in sight, so any renderer can use it.

Each model's fields carry a description; the JSON Schema for editors is generated from them.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from activate_pack.errors import Problem, visible
from activate_pack.pack.sources.images import ImageFile
from activate_pack.pack.sources.typed import TypedModel
from activate_pack.pack.model.licences import LICENCES, meant, unknown
from activate_pack.pack.sources.templating import variable_name_problem


def _no_controls(value: object) -> object:
    """Refuse an id holding invisible control or direction characters, naming the first."""
    if isinstance(value, str) and not value.isprintable():
        odd = next(c for c in value if not c.isprintable())
        raise ValueError(f"holds an invisible character ({visible(odd)}); retype it with "
                         "lowercase letters, digits and hyphens only, such as 'walk-and-talk'")
    return value


Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64,
                            description="A short stable name: lowercase letters, digits and "
                                        "hyphens, such as 'walk-and-talk'."),
                 BeforeValidator(_no_controls)]
Text = Annotated[str, Field(min_length=1, max_length=5000)]
"""Card text: light markup allowed (**bold**, *italic*, '- ' bullets, '1. ' numbered lists)."""

WEB_SCHEMES = ("https", "http")
"""The only kinds of address a pack may give: printed, linked and turned into QR codes."""


def _web_address(value: str) -> str:
    """Accept only an http(s) web address with a host, such as 'https://example.org/pack'."""
    text = value.strip()
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text) or " " in text:
        raise ValueError("a web address cannot hold spaces or invisible characters")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme in ("javascript", "data", "file", "vbscript"):
        raise ValueError(f"a '{scheme}:' address is not allowed (it could run code or open "
                         "files on the reader's computer); give a web address starting "
                         "with https://")
    if scheme not in WEB_SCHEMES or not parts.hostname:
        raise ValueError("expected a web address starting with https:// (or http://), such "
                         "as 'https://example.org/our-pack'")
    return text


WebAddress = Annotated[str, AfterValidator(_web_address)]
"""A field holding a web address: http or https only, with a host."""

class Strict(TypedModel):
    """Base for every model: unknown fields are errors, and values never change after loading."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True,
                              coerce_numbers_to_str=True, str_max_length=20000)


class Author(Strict):
    """A person or organisation credited for the pack."""

    name: Text = Field(description="The name to credit, as it should appear in print.")
    role: str | None = Field(None, description="What they did, e.g. 'Writer' or 'Illustrator'.")
    organisation: str | None = Field(None, description="The organisation they belong to.")


def _spelled_out(value: object) -> object:
    """A licence written as Creative Commons writes it ('CC BY 4.0', 'cc-by-sa 4.0') is that
    licence's id; a loose one without its version ('CC BY') is left for the message to guess."""
    if isinstance(value, str) and value not in LICENCES and ("4" in value or "0" in value):
        found = meant(value)
        version = "1.0" if found == "CC0-1.0" else "4.0"
        if found is not None and (version in value or found == "CC0-1.0"):
            return found
    return value


LicenceId = Annotated[str, BeforeValidator(_spelled_out)]
"""A licence id; 'CC BY 4.0', as the licence's own page writes it, is 'CC-BY-4.0'."""


class ImageCredit(Strict):
    """Where an image came from and the terms it may be used under."""

    title: str | None = Field(None, description="The image's title, if it has one.")
    author: Text = Field(description="Who made the image.")
    source: WebAddress | None = Field(None, description="Where the image was found (a web "
                                                        "address).")
    licence: LicenceId = Field(description="The image's licence id, e.g. 'CC-BY-4.0'.")
    exception: bool = Field(False, description="True if the image is used under other terms "
                                               "than the pack's licence; the colophon lists it.")


class Image(Strict):
    """A picture placed on a card."""

    file: str = Field(description="Path of the image file, relative to the pack's content/ folder.")
    alt: str | None = Field(None, description="A short description of the picture for people "
                                              "who cannot see it.")
    credit: ImageCredit | None = Field(None, description="Who made the image and its licence.")


class Upstream(Strict):
    """The pack an adaptation is based on, credited as the licence asks."""

    title: Text = Field(description="The base pack's title.")
    authors: list[Text] = Field(min_length=1, description="The base pack's authors, in credit "
                                                          "order.")
    source_url: WebAddress = Field(description="Where the base pack can be found.")
    licence: LicenceId = Field(description="The base pack's licence id, e.g. 'CC-BY-SA-4.0'.")
    version: str | None = Field(None, description="The base pack's version when it was adapted.")


class HistoryEntry(Strict):
    """One step in the pack's modification history."""

    who: Text = Field(description="The person or group who made the change.")
    when: Text = Field(description="When, as a date such as '2026-05-01'.")
    what: Text = Field(description="What they changed, in a sentence.")


def _variable_name(name: str) -> str:
    problem = variable_name_problem(name)
    if problem:
        raise ValueError(problem)
    return name


VariableName = Annotated[str, AfterValidator(_variable_name)]


class PackInfo(Strict):
    """The pack's own details: content/pack.yaml."""

    title: Text = Field(description="The pack's name, printed on every page.")
    subtitle: str | None = Field(None, description="A short line under the title on the cover.")
    slug: str | None = Field(None, pattern=r"^[a-z0-9][a-z0-9-]{0,63}$", description=(
        "The start of the pack's file names, e.g. 'reading-pack' gives "
        "'reading-pack-a6-community.pdf'; lowercase letters, digits and hyphens. Default: "
        "made from the title (needed when the title has no Latin letters)."))
    version: str = Field("1.0.0", description="The pack's version, e.g. '1.0.0'.")
    language: str = Field("en-GB", pattern=r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$",
                          description="The language of the text, as a BCP 47 tag, e.g. 'en-GB'.")
    locality: str | None = Field(None, description="The place the pack is made for, e.g. 'Dudley'.")
    description: str | None = Field(None, description="Two or three sentences: what the pack "
                                                      "is and who it is for.")
    authors: list[Author] = Field(min_length=1, description="Who made the pack, in credit order.")
    licence: LicenceId = Field(description="The Creative Commons licence id, e.g. "
                                           "'CC-BY-SA-4.0'.")
    source_url: WebAddress = Field(description="Where people can download the pack and its "
                                               "source.")
    site_url: WebAddress | None = Field(
        None, description="Where the pack's web pages (made by 'activate-pack site') are "
                          "published, e.g. 'https://example.org/our-pack/'. When given, every "
                          "card back carries a QR code that opens that card's page online, in "
                          "the card's language, and the site gives search engines and social "
                          "media each page's full address (canonical address, og:url, "
                          "sitemap.xml and robots.txt).")
    copyright: str = Field(description="The copyright notice, e.g. '© 2026 Jo Bloggs'.")
    extends: str | None = Field(None, description="For an adaptation: the pack it is based on, "
                                                  "either 'default' (the built-in Activate Pack) "
                                                  "or a folder inside this pack, e.g. 'upstream'.")
    upstream: Upstream | None = Field(None, description="For an adaptation: the base pack's "
                                                        "attribution, filled in by "
                                                        "'activate-pack new'.")
    variables: dict[VariableName, str] = Field(
        default_factory=dict, description="Words card text can use as {{ name }}, such as "
                                          "locality, organisation, contact, website or "
                                          "meeting_place.")
    history: list[HistoryEntry] = Field(default_factory=list,
                                        description="Who changed the pack, when and what, oldest "
                                                    "first; an adaptation keeps every earlier "
                                                    "entry.")
    remove: list[Slug] = Field(default_factory=list,
                               description="For an adaptation: ids of base cards or guide pages "
                                           "to leave out.")
    order: list[Slug] = Field(default_factory=list,
                              description="For an adaptation: card ids to print first, in this "
                                          "order, within their kind.")
    logo: Image | None = Field(None, description="A logo, such as your organisation's, printed "
                                                 "on every card back, the 'about this pack' card "
                                                 "and the cover: file (inside content/), alt "
                                                 "and credit. An adaptation without one uses its "
                                                 "base pack's; leave it empty to print none.")

    @field_validator("licence")
    @classmethod
    def _known_licence(cls, value: str) -> str:
        if value not in LICENCES:
            raise ValueError(unknown(value))
        return value


class Titled(Strict):
    """What cards and guide pages have in common: an id and a title."""

    translated_fields: ClassVar[tuple[str, ...]] = ("title",)
    """The fields that hold words to translate (ids, kinds and choices stay)."""
    id: Slug = Field(description="The stable name, unique across the pack.")
    title: Text = Field(description="The heading.")


class CardBase(Titled):
    """Fields every card has; each kind adds its own (pack/model/kinds.py)."""

    translated_fields: ClassVar[tuple[str, ...]] = ("title", "notes")

    id: Slug = Field(description="The card's stable name, unique across the pack.")
    title: Text = Field(max_length=120, description="The card's heading.")
    image: Image | None = Field(None, description="An optional picture for the card.")
    notes: str | None = Field(None, description="Facilitator notes: printed in the A4 pack only.")
    kind: str = Field(description="Set by the folder the card is in.")


class InspiredBy(Strict):
    """Where an idea comes from."""

    name: Text = Field(description="The project or kind of project that inspired this one.")
    place: str | None = Field(None, description="Where it happens.")


class GuidePage(Titled):
    """One page of the facilitator guide (A4 pack only)."""

    translated_fields: ClassVar[tuple[str, ...]] = ("title", "body")

    id: Slug = Field(description="The page's stable name.")
    title: Text = Field(description="The page heading.")
    body: Text = Field(max_length=20000, description="The page text, with light markup.")


Card = CardBase
"""A card of any kind: the model of each kind is made from its declaration (pack/model/kinds.py)."""


class Changes(BaseModel):
    """What an adaptation changed compared with its base pack."""

    model_config = ConfigDict(frozen=True)
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    reordered: bool = False
    variables: dict[str, str] = {}
    language: tuple[str, str] | None = None
    """(base language, new language) when the text was translated."""
    logo: Literal["added", "changed", "removed"] | None = None
    """How the adaptation's logo differs from its base's, if it does."""
    titles: dict[str, str] = {}
    """The title of each card or page named above, by id: notices name cards by title."""
    removed_kinds: dict[str, str] = {}
    """The kind of each card left out (its kind; 'guide' for a guide page), for listing it."""

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.reordered
                    or self.variables or self.language or self.logo)


class Translation(BaseModel):
    """Which translation a pack was built in, and who made it."""

    model_config = ConfigDict(frozen=True)
    language: str
    source: str
    """The language of the text it was translated from, e.g. 'en-GB'."""
    translators: tuple[str, ...]
    reviewed: bool
    path: str
    """The translation's file, as shown in messages."""
    source_title: str
    """The pack's title in its own language (file names are made from it)."""
    untranslated: frozenset[str] = frozenset()
    """Ids of the cards the translation leaves out: they print wholly in the source language."""
    source_labels: "Labels | None" = None
    """The labels in the source language, for those cards."""
    source_titles: dict[str, str] = {}
    """Every card's title in the source language: those cards name the cards they refer to
    (a recipe's ingredients) in it too."""
    lines: dict[str, int] = {}
    """The line in ``path`` of each label and pack word the pack's own translation gives, by
    dotted name ('labels.kinds.question', 'pack.description'): where a message points."""


def translated(item: Titled) -> tuple[str, ...]:
    """The fields of a card or guide page that hold words to translate."""
    return type(item).translated_fields


PACK_FIELDS = ("title", "subtitle", "description")
"""The pack's own words a translation gives: the cover and the about card."""


class Base(BaseModel):
    """A pack an adaptation is built on, as its translations need it: where it is, and the
    words its own translations were made from."""

    model_config = ConfigDict(frozen=True)
    root: str
    language: str
    labels: "Labels"
    words: dict[str, str] = {}
    """Its title, subtitle and description, in its own language."""


class Location(BaseModel):
    """Where something was defined: file (relative to the pack) and line."""

    model_config = ConfigDict(frozen=True)
    path: str
    line: int | None = None
    fields: dict[str, int] = {}
    """The line of each field inside it, by dotted name ('image.credit.licence')."""

    def at(self, field: str) -> int | None:
        """The line of ``field``, else of the nearest field around it, else of the card."""
        parts = field.split(".")
        for end in range(len(parts), 0, -1):
            line = self.fields.get(".".join(parts[:end]))
            if line is not None:
                return line
        return self.line


class Logo(BaseModel):
    """The logo a pack prints, after inheritance: the image, where its file is, where it was set."""

    model_config = ConfigDict(frozen=True)
    image: Image
    folder: str
    """The pack folder whose content/ holds the file: a base pack's, for an inherited logo."""
    location: Location
    """The 'logo:' line of the pack.yaml that set it, for problem messages."""


class Pack(BaseModel):
    """A whole loaded pack: its details, labels, cards and guide, ready for layout."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    root: str
    info: PackInfo
    labels: "Labels"
    kinds: Any
    """The kinds of card the pack declares (content/kinds.yaml), and their models: a
    pack.kinds.Kinds (typed loosely, as that module builds its models on this one's)."""
    sets: dict[str, tuple[Card, ...]]
    """Each kind's cards, by kind, in printed order."""
    guide: tuple[GuidePage, ...]
    locations: dict[str, Location]
    variables: dict[str, str] = {}
    """The words card text may use as {{ name }}, after inheritance from any base pack."""
    upstream: tuple[Upstream, ...] = ()
    """For an adaptation: the pack it is based on, then that pack's own bases, nearest first."""
    changes: "Changes | None" = None
    """For an adaptation: what differs from its base, computed at load time."""
    exceptions: tuple[ImageCredit, ...] = ()
    """Images used under other terms than the pack's licence, for the colophon."""
    folders: dict[str, str] = {}
    """For an adaptation: the pack folder each inherited card came from (its pictures are
    there); cards not listed are this pack's own."""
    bases: tuple[Base, ...] = ()
    """For an adaptation: the pack it is based on, then that pack's own bases, nearest first
    (their translations give the cards this pack inherits)."""
    logo: Logo | None = None
    """The logo on card backs, the about card and the cover: the pack's own or its base's."""
    pictures: dict[tuple[str, str], ImageFile] = {}
    """Every picture and the logo, inspected when the pack was loaded: (folder, file) → image."""
    warnings: tuple[Problem, ...] = ()
    """Problems found while loading that do not stop a build, reported by check and build."""
    translation: "Translation | None" = None
    """For a pack built in another language: the translation used (``--lang``)."""
    info_lines: dict[str, int] = {}
    """The line of each field in content/pack.yaml, for messages about the pack as a whole."""
    written: dict[str, dict[str, Any]] = {}
    """The fields of cards and guide pages whose placeholders were filled in, as the source
    writes them (card id → field → text or list): what a translation is made from."""

    @property
    def cards(self) -> tuple[Card, ...]:
        """Every card, in the order the A6 pack prints them (the kinds' declared order)."""
        return tuple(card for kind in self.kinds for card in self.sets.get(kind, ()))

    def of(self, kind: str) -> tuple[Card, ...]:
        """The cards of one kind."""
        return self.sets.get(kind, ())

    def __getattr__(self, name: str) -> Any:
        # A kind's cards by its folder's name (pack.recipes), for scripts and tests.
        sets = self.__dict__.get("sets")
        kinds = self.__dict__.get("kinds")
        if sets is not None and kinds is not None and name in kinds.folders:
            return sets.get(kinds.folders[name], ())
        return super().__getattr__(name)  # type: ignore[misc]

    def info_line(self, field: str) -> int | None:
        """The line of a field of content/pack.yaml, if it is there."""
        return self.info_lines.get(field)

    def card(self, card_id: str) -> Card:
        """The card with this id."""
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)


from activate_pack.pack.model.labels import Labels  # noqa: E402  (Labels is large; it lives in its own module)

Translation.model_rebuild()
Base.model_rebuild()
Pack.model_rebuild()
