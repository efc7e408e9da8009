"""What every page of the site shares: words marked with their language, and each page's
place among the languages (its way to the root, its address, the same page in the others).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from activate_pack.compose.links import page_path
from activate_pack.pack.model.pack import Pack


def in_language(text: str, lang: str | None) -> str | Markup:
    """``text`` as it goes on a page: marked with ``lang`` when that is not the page's own
    language (None), so screen readers pick the right voice and an English sentence on a
    right-to-left page keeps its full stop at its end."""
    from activate_pack.render.html import direction

    if lang is None:
        return text
    return Markup('<span lang="{}" dir="{}">{}</span>').format(lang, direction(lang), text)


class Words:
    """A language's site labels for the templates: any its translation leaves in the source
    language comes marked with that language; ``plain`` gives them unmarked, for attributes."""

    def __init__(self, pack: Pack) -> None:
        from activate_pack.render.html import direction

        done = pack.translation
        self.plain = pack.labels.site
        self.rtl = direction(pack.info.language) == "rtl"
        self._source = done.source_labels.site if done and done.source_labels else None
        self._lang = done.source if done else None

    def left(self, name: str) -> str | None:
        """The source language, if the label ``name`` was left untranslated; else None."""
        if self._source is None or getattr(self._source, name) != getattr(self.plain, name):
            return None
        return self._lang

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.plain, name)
        lang = self.left(name)
        if isinstance(value, list):
            return [in_language(item, lang) for item in value]
        return in_language(value, lang)

    def fill(self, name: str, **values: str) -> Markup:
        """The label ``name`` with its slots filled (see ``render.html.isolated``), marked."""
        from activate_pack.render.html import isolated

        text = isolated(getattr(self.plain, name), self.rtl, **values)
        return Markup(in_language(text, self.left(name)))


def placed(shared: dict[str, Any], path: str, name: str | None, title: str) -> dict[str, Any]:
    """``shared`` for the page at ``path`` (from the site's root) titled ``title``: its way
    back to the root, its full address, and the same page in each language.

    ``name`` is the edition page's name (a kind's folder, or 'guide'), or None for a home page.
    """
    root = "../" * path.count("/")
    site_url = shared["site_url"]
    # The address people share: a folder's own page without 'index.html'.
    public = path.removesuffix("index.html")
    same = [lang | {"href": lang["home"] if name is None else page_path(lang["folder"], name)}
            for lang in shared["languages"]]
    for lang in same:
        address = lang["href"].removesuffix("index.html")
        lang["url"] = f"{site_url}{address}" if site_url else root + lang["href"]
    return shared | {
        "root": root, "path": path, "same": same,
        "url": f"{site_url}{public}" if site_url else None,
        # Unique for each page and language: tabs, bookmarks and search results tell them apart.
        "title": f"{title} · {shared['language_name']}",
        "share_title": title,
    }
