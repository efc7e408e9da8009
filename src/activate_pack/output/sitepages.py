"""What the site's pages say: the pack's details and labels, arranged for the templates.

The templates (``render/html/templates``) decide the markup; this module decides the words,
every one of them from the pack or its labels, so a translated pack gets a translated page.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from markupsafe import Markup

from activate_pack.compose.content import fill
from activate_pack.compose.notices import (adapters, author_names, change_lines, icon_credit,
                                           credit_sentences)
from activate_pack.output.webcards import WebPage
from activate_pack.output.siteshared import Words, in_language, placed
from activate_pack.pack.model.labels import SiteLabels
from activate_pack.layout.iconset import ICON_DIR
from activate_pack.pack.model.licences import licence
from activate_pack.pack.model.pack import Pack

ASSETS = "assets"
"""The folder of the stylesheet and fonts, relative to the site's root."""


@dataclass(frozen=True)
class Language:
    """One language of the site: its pack, its home page, and the folder its files go in."""

    tag: str
    pack_dir: Path
    page: str
    """The home page's path from the site's root: 'index.html' for the pack's own language,
    the language's folder for each translation ('ur/index.html'), so '/ur/' is its address."""
    folder: str
    """The folder of its PDFs, pictures and HTML edition, relative to the site's root."""
    translation: str | None = None
    """The translation it is built from (``--lang``), or None for the pack's own language."""


@dataclass(frozen=True)
class Published:
    """One file on the site: what it is for and what a reader checks it by."""

    kind: str
    path: str
    """Relative to the site's root, with '/' between folders."""
    pages: int
    size: int
    sha256: str


def human_size(size: int, words: SiteLabels) -> str:
    """A file size for readers: '132 KB', '1.4 MB'."""
    if size < 1024 * 1024:
        return fill(words.kilobytes, size=str(max(1, round(size / 1024))))
    return fill(words.megabytes, size=f"{size / 1024 / 1024:.1f}")


def page_context(pack: Pack, entry: Language, links: list[tuple[Language, Pack]],
                 version: str, previews: list[dict[str, object]]) -> dict[str, Any]:
    """What every page of one language shares: title, language, licence, links to the others.

    ``links`` are every language with its pack, the pack's own language first.
    """
    from activate_pack.render.html import direction

    info, words = pack.info, Words(pack)
    source = links[0][1].info
    # The pack's own words a translation does not give stay in the source language.
    left = None if pack is links[0][1] else source.language
    lic = licence(info.licence)
    done = pack.translation
    notices = []
    if done is not None and not done.reviewed:
        notices.append(words.draft_notice)
    if done is not None and (done.untranslated or any(
            words.left(name) and _has_words(getattr(words.plain, name))
            for name in type(words.plain).model_fields)):
        notices.append(words.partial_notice)
    return {
        "lang": info.language, "dir": direction(info.language), "root": "",
        "title": info.title, "subtitle": info.subtitle,
        "title_html": in_language(info.title, left if info.title == source.title else None),
        "subtitle_html": in_language(info.subtitle or "", left if info.subtitle == source.subtitle
                                     else None),
        "description": " ".join((info.description or "").split()),
        "description_html": in_language(" ".join((info.description or "").split()), left if
                                        info.description == source.description else None),
        "language_name": words.plain.language_name, "notices": notices,
        "licence_url": lic.deed_url, "licence_name": lic.short_name,
        "licence_link": words.fill("licence_link", licence=lic.name),
        "source_url": info.source_url, "copyright": in_language(info.copyright, left),
        # The cards' icons are others' work, credited as the colophon credits them.
        "icon_credit": icon_credit(pack.labels),
        "made_with": words.fill("made_with", version=version),
        "languages": [{"lang": other.info.language, "dir": direction(other.info.language),
                       "name": other.labels.site.language_name, "home": e.page,
                       "folder": e.folder, "current": e.tag == entry.tag}
                      for e, other in links],
        "image": previews[0] if previews else None, "home": entry.page,
        # Share previews need a full address for their picture: known once the pack says
        # where the site is published; until then the address is relative, as every link is.
        "site_url": f"{info.site_url.rstrip('/')}/" if info.site_url else None,
    }


def download_page(pack: Pack, page: dict[str, Any], pdfs: list[Published],
                  bundle: Published, previews: list[dict[str, object]],
                  online: list[WebPage]) -> str:
    """The download page of one language, as HTML; ``page`` is from :func:`page_context`."""
    from activate_pack.render.html import render_page

    words = Words(pack)
    page = placed(page, page["home"], None, page["title"]) | {
        "files": [{
            "href": pdf.path, "title": getattr(words, pdf.kind), "kind": pdf.kind,
            "use": getattr(words, f"{pdf.kind}_use"), "sha256": pdf.sha256,
            "details": words.fill("details", size=human_size(pdf.size, words.plain),
                                  pages=str(pdf.pages)),
        } for pdf in pdfs],
        "zip": {"href": bundle.path, "title": words.zip,
                "details": words.fill("zip_details", size=human_size(bundle.size, words.plain))},
        "previews": previews, "attribution": attribution(pack, words.rtl),
        "notice": notice_lines(pack),
        "online": [{"href": item.path, "title": item.title} for item in online],
    }
    return render_page("download.html", page=page, words=words)


def not_found_page(pack: Pack, shared: dict[str, Any]) -> str:
    """The page a web host shows for an address with no page, in the pack's own language.

    Hosts show it at any depth ('/ur/missing/page'), so its links are full addresses when the
    pack gives ``site_url``; without one they work from the site's root.
    """
    from activate_pack.render.html import render_page

    words = Words(pack)
    page = placed(shared, "404.html", None, words.plain.not_found)
    if page["site_url"]:
        page = page | {"root": page["site_url"], "same": [
            lang | {"href": lang["href"].removesuffix("index.html")} for lang in page["same"]]}
    page = page | {"url": None, "image": None}
    return render_page("notfound.html", page=page, words=words)


def assets(names: dict[str, str]) -> dict[str, bytes]:
    """The stylesheet, the icon and the self-hosted fonts with their licence, by path;
    ``names`` are the site's languages' names by tag, which every page lists."""
    from activate_pack.render.html import (font_files, font_licence, font_stacks, name_fonts,
                                           render_page, unicode_ranges)

    fonts = font_files()
    ranges = unicode_ranges()
    subsets = name_fonts(names)
    found = {f"{ASSETS}/fonts/{name}": data for name, (_, _, _, data) in fonts.items()}
    found.update({f"{ASSETS}/fonts/{sub['file']}": cast(bytes, sub["data"]) for sub in subsets})
    found[f"{ASSETS}/fonts/OFL.txt"] = font_licence()
    # The edition's pages carry the icons inline: their licence asks to travel with them.
    found[f"{ASSETS}/icons/LICENSE.txt"] = (ICON_DIR / "LICENSE").read_bytes()
    css = render_page("site.css", stacks=font_stacks(names), names=subsets,
                      fonts=[{"file": name, "family": family, "weight": weight, "style": style,
                              "range": ranges[name]}
                             for name, (family, weight, style, _) in fonts.items()])
    found[f"{ASSETS}/site.css"] = css.encode("utf-8")
    found[f"{ASSETS}/icon.svg"] = render_page("icon.svg").encode("utf-8")
    return found


def attribution(pack: Pack, rtl: bool = False) -> Markup:
    """The credit to copy: title, authors, source and licence, as the CC licences ask."""
    from activate_pack.render.html import isolated

    info = pack.info
    if pack.upstream:
        up = pack.upstream[0]
        who = fill(pack.labels.adaptation.credit, adapters=adapters(pack), title=up.title,
                   authors=author_names(pack.labels, list(up.authors)))
    else:
        who = author_names(pack.labels, [a.name for a in info.authors])
    return isolated(pack.labels.site.credit_text, rtl, title=info.title, authors=who,
                    source=info.source_url, licence=licence(info.licence).short_name)


def notice_lines(pack: Pack) -> list[str]:
    """An adaptation's credits to its bases and its changes; nothing for an original pack."""
    if not pack.upstream:
        return []
    return credit_sentences(pack) + change_lines(pack)


_SLOTS = re.compile(r"\{[^{}]*\}")


def _has_words(label: object) -> bool:
    """True if a label holds words to translate: not only slots, units and abbreviations
    ('{size} KB', '{page}: {title}', 'ZIP, {size}' read the same in every language)."""
    texts = label if isinstance(label, list) else [label]
    return any(any(c.islower() for c in _SLOTS.sub("", str(text))) for text in texts)
