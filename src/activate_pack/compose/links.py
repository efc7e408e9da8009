"""Where each card and page of a pack lives in its HTML edition, on disk and on the web.

The site (``output/site.py``) writes one folder per language and one page per kind of card;
card backs print a QR code to the same address, so both take it from here.
"""

from __future__ import annotations

from urllib.parse import quote

from activate_pack.pack.model.pack import Pack

def pages(pack: Pack) -> dict[str, str]:
    """The edition page of each kind of card (its folder's name), by the kind's name."""
    return {"guide": "guide", **{kind: decl.folder for kind, decl in pack.kinds.kinds.items()},
            "about": "about"}

ABOUT_ANCHOR = "colophon"
"""The one section of the edition's about page."""


def language_folder(tag: str) -> str:
    """The site's folder for a language: its tag in small letters ('pa-Guru' → 'pa-guru')."""
    return tag.lower()


def page_path(folder: str, page: str) -> str:
    """An edition page's path from the site's root, e.g. 'en-gb/recipes.html'."""
    return f"{folder}/{page}.html"


def card_address(pack: Pack, kind: str, card_id: str) -> str | None:
    """The web address of a card in the pack's published edition, in the pack's language.

    None when the pack gives no ``site_url`` or the kind has no page of its own.
    """
    base = pack.info.site_url
    page = pages(pack).get(kind)
    if not base or page is None:
        return None
    anchor = ABOUT_ANCHOR if kind == "about" else card_id
    path = page_path(language_folder(pack.info.language), page)
    return f"{base.rstrip('/')}/{quote(path)}#{quote(anchor, safe='')}"
