"""Every word the layouts print that is not card text: headings, kind names, template titles.

They live in the pack's ``content/labels.yaml`` so that a translation or adaptation can change
them; a pack without that file (or missing some keys) takes the default pack's wording.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from activate_pack.pack.sources.typed import TypedModel


class _Group(TypedModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True,
                              coerce_numbers_to_str=True, str_max_length=2000)


class KindLabels(_Group):
    """Names of the card kinds (each declared kind adds its own: see pack/model/kinds.py)."""

    about: str = Field(description="Heading of the 'about this pack' card.")


class PhaseLabels(_Group):
    """Names of the workshop phases."""

    warm_up: str = Field(alias="warm-up", description="Name of the warm-up phase.")
    explore: str = Field(description="Name of the explore phase.")
    discover: str = Field(description="Name of the discover phase.")
    design: str = Field(description="Name of the design phase.")
    plan: str = Field(description="Name of the plan phase.")
    reflect: str = Field(description="Name of the reflect phase.")


class AssetLabels(_Group):
    """Names of the six kinds of asset."""

    gifts_and_skills: str = Field(alias="gifts-and-skills", description="People's gifts and skills.")
    groups_and_associations: str = Field(alias="groups-and-associations",
                                         description="Groups and associations.")
    institutions: str = Field(description="Institutions.")
    physical_spaces: str = Field(alias="physical-spaces", description="Physical spaces.")
    exchange: str = Field(description="Exchange.")
    culture_and_stories: str = Field(alias="culture-and-stories", description="Culture and stories.")


class AboutLabels(_Group):
    """Words on the 'about this pack' card and the colophon."""

    made_by: str = Field(description="Heading before the authors.")
    source: str = Field(description="Label before the source address.")
    licence: str = Field(description="Label before the licence.")
    licence_note: str = Field(description="What the licence lets people do, in plain words.")
    no_endorsement: str = Field(description="The note that no endorsement is implied.")
    version: str = Field(description="Label before the version.")
    picture_credit: str = Field(
        "Picture: {author}, {licence}",
        description="The credit printed under a card's picture, with {author} and {licence}.")
    pictures: str = Field("Pictures", description="Heading of the colophon's list of pictures.")
    icons: str = Field("Icons", description="What the icon set's credit line credits: the "
                                           "icons on the cards.")
    qr_code: str = Field(
        "QR code: this card on the web, {address}",
        description="What a card back's QR code is, for people who cannot see it (the PDF's "
                    "alternative text), with {address}: the web page it opens.")
    picture_line: str = Field(
        "{what}: {author}, {licence}",
        description="One picture in the colophon's list, with {what} (its title, or the card's), "
                    "{author} and {licence}; its source address follows on its own.")
    licence_names: dict[str, str] = Field(default_factory=dict, description="Printed names of "
                                          "licences by id (e.g. CC-BY-SA-4.0), where they "
                                          "differ from the official English name.")


class AdaptationLabels(_Group):
    """Words of the change notice an adapted pack carries (braces mark the details filled in)."""

    adapted_from: str = Field(description="The credit of the base pack, with {title}, {authors}, "
                                          "{source} and {licence}.")
    earlier: str = Field(description="The credit of an earlier base pack, with the same details.")
    changes: str = Field(description="Heading before the list of changes.")
    added: str = Field(description="Label before the titles of cards added.")
    changed: str = Field(description="Label before the titles of cards changed.")
    removed: str = Field(description="Label before the titles of cards removed.")
    reordered: str = Field(description="Sentence saying the cards were put in a new order.")
    variables: str = Field(description="Label before the local details set, e.g. "
                                          "'Local details'.")
    translated: str = Field(description="Sentence for a translation, with {source} and {target}.")
    translated_by: str = Field(description="Credit of a translation, with {source} (the "
                                           "language translated from) and {translators}.")
    draft: str = Field(description="Sentence saying a translation is a draft awaiting review by "
                                   "a native speaker.")
    no_changes: str = Field(description="Sentence for an adaptation that changed no cards.")
    more: str = Field(description="Ending of a shortened list, with {count}.")
    credit: str = Field(description="Authors part of the credit line of an adapted pack, with "
                                    "{adapters}, {title} and {authors}.")
    card_changed: str = Field(description="Authors part of the credit line of a changed card, "
                                          "with {adapters}, {title} and {authors}.")
    card_added: str = Field(description="Authors part of the credit line of an added card, "
                                        "with {adapters}.")
    exceptions: str = Field(description="Sentence before the list of pictures used under other "
                                        "terms than the pack's licence.")
    logo_added: str = Field(description="Sentence for an adaptation that added a logo.")
    logo_changed: str = Field(description="Sentence for an adaptation that replaced the base "
                                          "pack's logo with its own.")
    logo_removed: str = Field(description="Sentence for an adaptation that left the base pack's "
                                          "logo off.")
    full_list: str = Field(
        "The full list is in the facilitator pack and in the PDF's document details.",
        description="Where the full list of changes is, when the small card can only count them.")
    summary: str = Field(
        "{count} changes from the original; the full list is in the facilitator pack and in the "
        "PDF's document details.",
        description="The whole list of changes in one sentence, with {count}, for a card too "
                    "small for more.")


class SetLabels(_Group):
    """One of the five sets in the A4 facilitator pack."""

    title: str = Field(description="The set's name.")
    intro: str = Field(description="A few sentences for the set's divider page.")


class TemplateLabels(_Group):
    """A worksheet in set 5 of the A4 pack."""

    title: str = Field(description="The worksheet's heading.")
    intro: str = Field(description="One or two sentences saying how to use it.")
    fields: list[str] = Field(min_length=2, max_length=12,
                              description="The headings of its write-in spaces or columns.")


class FacilitatorLabels(_Group):
    """Words in the A4 facilitator pack (each kind adds its set, by folder: see pack/model/kinds.py)."""

    contents: str = Field(description="Heading of the contents page.")
    set_word: str = Field(description="The word before a set number, e.g. 'Set'.")
    notes: str = Field(description="Heading of the facilitator notes on card pages.")
    prompts: list[str] = Field(min_length=1, max_length=6, description=(
        "Prompts for the facilitator below a card on its A4 page, each with ruled lines."))
    back_prompts: list[str] = Field(min_length=1, max_length=6, description=(
        "Prompts beside and below a recipe's back on its A4 page, each with ruled lines."))
    colophon: str = Field(description="Heading of the colophon page.")
    guide: SetLabels
    templates: SetLabels
    recipe_worksheet: TemplateLabels
    asset_map: TemplateLabels
    action_plan: TemplateLabels


class EditionLabels(_Group):
    """Names of the two editions, used on the cover and in file metadata."""

    community: str = Field(description="The A6 card pack, e.g. 'Community cards'.")
    facilitator: str = Field(description="The A4 pack, e.g. 'Facilitator pack'.")


class DuplexLabels(_Group):
    """One sentence per way of printing home sheets (--duplex)."""

    long: str = Field(description="How to print with a long-edge flip.")
    short: str = Field(description="How to print with a short-edge flip.")
    fold: str = Field(description="How to print the fold-and-glue sheets (no duplex).")
    none: str = Field(description="How to print the fronts only.")


class PrintingLabels(_Group):
    """Words on the sheet that explains how to print the cards at home."""

    title: str = Field(description="Heading of the instruction sheet.")
    first: str = Field(description="Advice to print and check the instruction sheet first.")
    first_single: str = Field(description="The same advice when the sheet is printed one-sided.")
    scale: str = Field(description="Print at actual size (100%), never 'fit to page'.")
    duplex: DuplexLabels
    check_bar: str = Field(description="How to measure the check bar.")
    bar: str = Field(description="The caption of the check bar, e.g. '50 mm'.")
    alignment: str = Field(description="How to check that the marks on both sides meet.")
    cutting: str = Field(description="How to cut the sheets into cards.")
    folding: str = Field(description="How to cut, fold and glue the fold-and-glue sheets.")
    back_title: str = Field(description="Heading on the back of the instruction sheet.")
    back_text: str = Field(description="What the back of the instruction sheet says.")


class PatternLabels(BaseModel):
    """How printed words are put together: joining words, punctuation, list markers, order.

    Braces mark what is filled in, by plain substitution of the names given. Spaces at the
    ends of a value count (e.g. ' and '), so quote them in YAML.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    kind_label: str = Field(description="A kind's name with its phase or asset type, with "
                                        "{kind} and {detail}.")
    field: str = Field(description="A labelled line of a card, with {label} and {text}.")
    facts: str = Field(description="What separates the time and the effort of a recipe.")
    comma: str = Field(description="What separates the items of a list, e.g. ', '.")
    and_: str = Field(alias="and", description="What joins the last two names of a list, "
                                                "e.g. ' and '.")
    dot: str = Field(description="What separates the parts of the credit line, e.g. ' · '.")
    space: str = Field(description="What separates two sentences, e.g. ' '.")
    bullet: str = Field(description="The marker of a bulleted list item.")
    number: str = Field(description="The marker of a numbered list item, with {n}.")
    place: str = Field(description="A name with its place, with {name} and {place}.")
    title_line: str = Field(description="A title with its subtitle, with {title} and {subtitle}.")
    version: str = Field(description="The version line, with {label} and {version}.")
    author: str = Field(description="An author with their organisation, with {name} and "
                                    "{organisation}.")
    licence: str = Field(description="A licence's name with its short name, with {name} and "
                                     "{short_name}.")
    credit_line: str = Field(description="The credit line on every page, with {title}, "
                                         "{authors}, {licence} and {url}.")
    folio: str = Field(description="A page number, with {n}.")
    set_number: str = Field(description="A set's number, with {set} (the set word) and {number}.")
    set_entry: str = Field(description="A set in the contents, with {set} and {title}.")
    change: str = Field(description="A line of the change notice, with {label} and {ids}.")
    count: str = Field(description="A label with a number of cards, with {label} and {count}.")
    variable: str = Field(description="A local detail, with {name} and {value}.")
    more: str = Field(description="A shortened list of cards, with {ids} (the cards named) and "
                                  "{more}.")
    card_title: str = Field("‘{title}’", description=(
        "A card's title in a list of cards, with {title}; quotes keep a title that has a "
        "comma in it whole."))
    notice: str = Field(description="The change notice in one paragraph, with {credits}, "
                                    "{label} and {changes}.")
    full_stop: str = Field(description="Added after a sentence that lacks an ending.")
    sentence_ends: str = Field(description="The characters that end a sentence.")


class MetadataLabels(_Group):
    """Words in the PDF's document information (title, keywords, rights)."""

    title: str = Field(description="The document title, with {title} and {edition}.")
    keywords: list[str] = Field(description="Keywords added after the pack's title and edition.")
    rights: str = Field(description="The rights statement, with {copyright}, {licence} and {url}.")
    rights_notice: str = Field(description="The rights statement of an adaptation, with {rights} "
                                           "and {notice}.")
class SiteLabels(_Group):
    """Words on the download page ``activate-pack site`` writes ({name} marks a detail)."""

    language_name: str = Field(description="The pack's language, in that language, e.g. "
                                           "'English', for links between language pages.")
    intro: str = Field(description="A sentence under the description: the files are free.")
    look_inside: str = Field(description="Heading of the preview pictures.")
    cover_alt: str = Field(description="Description of the cover picture, with {edition}.")
    card_alt: str = Field(description="Description of a card picture, with {kind} and {title}.")
    downloads: str = Field(description="Heading of the list of files.")
    screen: str = Field(description="Name of the A6 file for reading on screen.")
    screen_use: str = Field(description="What the A6 screen file is for.")
    home: str = Field(description="Name of the A6 file for a home printer.")
    home_use: str = Field(description="What the home-printing file is for.")
    shop: str = Field(description="Name of the A6 file for a print shop.")
    shop_use: str = Field(description="What the print-shop file is for.")
    facilitator: str = Field(description="Name of the A4 facilitator pack.")
    facilitator_use: str = Field(description="What the A4 facilitator pack is for.")
    details: str = Field(description="The file's details, with {size} and {pages}.")
    kilobytes: str = Field(description="A size in kilobytes, with {size}.")
    megabytes: str = Field(description="A size in megabytes, with {size}.")
    checksum: str = Field(description="Label before a file's SHA-256 checksum.")
    checksum_note: str = Field(description="What the checksum is for, in a sentence.")
    how_to_print: str = Field(description="Heading of the printing advice.")
    print_home: str = Field(description="Heading of the steps for a home printer.")
    print_steps: list[str] = Field(description="Steps for printing at home, in order; "
                                               "**bold** marks the settings to choose.")
    print_shop: str = Field(description="Heading of the advice for a print shop.")
    print_shop_text: str = Field(description="What to tell a print shop.")
    credit: str = Field(description="Heading of the attribution section.")
    credit_intro: str = Field(description="Sentence before the attribution text to copy.")
    credit_text: str = Field(description="The attribution to copy, with {title}, {authors}, "
                                         "{source} and {licence}.")
    licence_link: str = Field(description="Link to the licence, with {licence}.")
    source_link: str = Field(description="Link to the pack's source files.")
    read_online: str = Field(description="Heading of the links to the HTML edition.")
    read_online_text: str = Field(description="What the HTML edition is, in a sentence.")
    edition_nav: str = Field(description="Name of the list of the HTML edition's pages, for "
                                         "screen readers.")
    page_title: str = Field(description="Title of an HTML edition page, with {page} and {title}.")
    languages: str = Field(description="Heading of the links to the page in other languages.")
    made_with: str = Field(description="The footer line, with {version}.")
    skip_link: str = Field(description="The first link of every page, for keyboard and screen "
                                        "reader users: it jumps past the menus to the content.")
    zip: str = Field(description="Name of the zip file that holds every PDF of the language.")
    zip_details: str = Field(description="The zip file's details, with {size}.")
    draft_notice: str = Field(description="Said at the top of every page of a translation no "
                                          "native speaker has checked yet.")
    partial_notice: str = Field(description="Said at the top of every page of a translation "
                                            "that leaves some words untranslated.")
    not_found: str = Field(description="Heading of the page shown for an address with no page.")
    not_found_text: str = Field(description="What to do on that page: the links that follow "
                                            "lead to the pack's page in each language.")


class Labels(_Group):
    """All printed words that are not card text."""

    editions: EditionLabels
    kinds: KindLabels
    phases: PhaseLabels
    asset_types: AssetLabels
    about: AboutLabels
    adaptation: AdaptationLabels
    facilitator: FacilitatorLabels
    printing: PrintingLabels
    patterns: PatternLabels
    metadata: MetadataLabels
    site: SiteLabels

    def phase(self, phase: str) -> str:
        """Printed name of a workshop phase."""
        return getattr(self.phases, phase.replace("-", "_"))

    def asset_type(self, asset_type: str) -> str:
        """Printed name of an asset type."""
        return getattr(self.asset_types, asset_type.replace("-", "_"))
