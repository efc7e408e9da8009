"""Bookmarks (the document outline) from the headings of a tagged document's pages.

The A4 pack's sets hold their pages under their dividers' headings; the A6 cards, which have
no dividers, are held under the title of their kind ('Question cards').
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

from activate_pack.render.reportlab import OutlineRoot, use_outlines
from activate_pack.render.tagging import PageRef


def outlines(doc: Any, headings: list[tuple[int, str, str]],
             sections: tuple[tuple[str, str], ...] = ()) -> None:
    """Bookmarks from the pages' headings: each set (a divider) holds the pages after it.

    Without dividers (the A6 cards), each run of cards of a kind in ``sections`` is held by
    an item of that kind's title, leading to its first card.
    """
    if not any(kind == "divider" for _, kind, _ in headings):
        titles = dict(sections)
        grouped: list[tuple[int, str, str]] = []
        for page, kind, title in headings:
            if kind in titles and (not grouped or grouped[-1][1] != kind):
                grouped.append((page, "divider", titles[kind]))
            grouped.append((page, kind, title))
        headings = grouped
        if not titles or not headings:
            return
    top: list[tuple[PDFDictionary, list[PDFDictionary] | None]] = []
    for page, kind, title in headings:
        item = PDFDictionary({"Title": PDFString(title),
                              "Dest": PDFArray([PageRef(page), PDFName("Fit")])})
        inside = kind not in ("divider", "colophon", "cover", "contents")
        held = top[-1][1] if top else None
        if inside and held is not None:
            held.append(item)
        else:
            top.append((item, [] if kind == "divider" else None))
    root = OutlineRoot({"Type": PDFName("Outlines")})
    root_ref = doc.Reference(root)
    _chain(doc, root, root_ref, top)
    use_outlines(doc, root)  # in place of ReportLab's own, which is empty


def _chain(doc: Any, parent: PDFDictionary, parent_ref: Any,
           items: list[tuple[PDFDictionary, list[PDFDictionary] | None]]) -> None:
    """Link ``items`` as the children of ``parent`` (First, Last, Prev, Next, Count)."""
    refs = [doc.Reference(item) for item, _ in items]
    for index, (item, children) in enumerate(items):
        item["Parent"] = parent_ref
        if index:
            item["Prev"] = refs[index - 1]
        if index + 1 < len(items):
            item["Next"] = refs[index + 1]
        if children:
            _chain(doc, item, refs[index], [(child, None) for child in children])
            item["Count"] = -len(children)  # sets start closed: the list stays short
    if refs:
        parent["First"], parent["Last"] = refs[0], refs[-1]
        parent["Count"] = len(items)
