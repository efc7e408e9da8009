"""Tagged PDF: the structure tree, marked content, links and bookmarks (aiming at PDF/UA-1).

Each card face or page that says something is a ``Sect`` of the document, in reading order;
within it headings, paragraphs, lists and figures follow the order layout put them in. What
only decorates or repeats is an artifact, out of the tree:

- colour bands, backgrounds, rings, rules, logo panels, crop marks and cut guides;
- the credit line and page number on every page (running footers: the about card and the
  colophon give the full credit as real text);
- card backs. A back repeats its card's kind and detail (the front's label says them), the
  pack's name (the document's title) and the logo (a figure with its alt text on the about
  card), so a reader hears each card once. Backs are drawn once as forms and reused, which
  marked content inside a form could not be.

The content stream gets ``BDC``/``EMC`` pairs around each element's text, outside text objects
(``BT``/``ET``) but for a web address inside a line, whose Link is nested in the line's text
object so that text extraction reads the line whole. Strings from the pack (alt text, link text, bookmark titles) go into
objects through ReportLab's ``PDFString``, which escapes them; no pack text is written into a
content stream by this module.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Callable
from urllib.parse import quote

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObject, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth

from activate_pack.layout.boxes import Code, Icon, ImageBox, TextBox
from activate_pack.render.glyphs import draw_lines
from activate_pack.render.reportlab import (IndirectObject, add_page_entries, annotate_page,
                                            array_bytes, document, document_pages, object_ref,
                                            page_code, page_rect)
from activate_pack.text import language_direction

FOOTERS = frozenset({"credit", "folio"})
"""Text box roles that run along the foot of every page: pagination artifacts."""

URL = re.compile(r"https?://[^\s]+")


class PageRef(PDFObject):
    """A reference to page ``index`` of the document, resolved when the file is written.

    Contents entries and bookmarks lead to pages that are not drawn yet when they are made.
    """

    def __init__(self, index: int) -> None:
        self.index = index

    def format(self, document: Any) -> bytes:
        pages = document_pages(document)
        page = pages[min(self.index, len(pages) - 1)]
        return document.Reference(page).format(document)


class Element(IndirectObject):
    """A structure element: its type, parent, kids (elements, marked content, annotations).

    It writes itself when the file is saved: a document has thousands of elements, and
    dictionaries of ReportLab objects for each would cost a build much time and memory.
    """

    def __init__(self, role: str, parent: Any, lang: str | None = None,
                 alt: str | None = None) -> None:
        self.role = role
        self.parent = parent  # an Element, or the structure tree root for the document
        self.kids: list[Element | tuple[int, int] | tuple[int, Any]] = []
        self.lang = lang
        self.alt = alt
        self.bbox: tuple[float, float, float, float] | None = None
        self.numbering: str | None = None  # of a list: 'Decimal' when its labels count
        self.page: int | None = None  # the page of its first marked content
        if isinstance(parent, Element):
            parent.kids.append(self)

    def format(self, document: Any) -> bytes:
        """The element's dictionary (/Type /StructElem is optional, and left out)."""
        pages = document_pages(document)
        out = [b"<< /S /", self.role.encode("ascii"), b" /P ", object_ref(document, self.parent)]
        if self.page is not None:
            out += [b" /Pg ", object_ref(document, pages[self.page])]
        if self.lang:
            out += [b" /Lang ", PDFString(self.lang).format(document)]
        if self.alt is not None:
            out += [b" /Alt ", PDFString(self.alt).format(document)]
        if self.bbox is not None:
            box = " ".join(fp_str(round(v, 2)) for v in self.bbox).encode("ascii")
            out += [b" /A << /O /Layout /BBox [", box, b"] >>"]
        elif self.numbering is not None:
            out += [b" /A << /O /List /ListNumbering /", self.numbering.encode("ascii"), b" >>"]
        kids = []
        for kid in self.kids:
            if isinstance(kid, Element):
                kids.append(object_ref(document, kid))
                continue
            page, held = kid
            if isinstance(held, int) and page == self.page:
                kids.append(b"%d" % held)
            elif isinstance(held, int):
                kids.append(b"<< /Type /MCR /Pg %s /MCID %d >>" % (
                    object_ref(document, pages[page]), held))
            else:
                kids.append(b"<< /Type /OBJR /Obj %s /Pg %s >>" % (
                    held.format(document), object_ref(document, pages[page])))
        out += [b" /K ", kids[0] if len(kids) == 1 else b"[" + b" ".join(kids) + b"]", b" >>"]
        return b"".join(out)


class Tags:
    """Collects the structure of a document while its pages are drawn, then writes it."""

    def __init__(self, language: str, links: bool = True, source: str = "") -> None:
        self.language = language
        self.source = source if source != language else ""
        """For a translation, the language it was made from: of the Latin words inside text
        set in another script (names, English words), once :attr:`latin_foreign` is known."""
        self.latin_foreign = False
        """Whether the document's own language is written in a script other than Latin
        (:func:`latin_is_foreign`)."""
        self.links = links
        """Whether links are annotations (not in a file for the press: PDF/X allows none inside the bleed box)."""
        self.root = Element("Document", None)
        self.page = 0  # the page being drawn, from 0
        self.marked: list[Element] = []  # the element of each MCID of the current page
        self.parents: list[tuple[int, list[Element] | Element]] = []  # the parent tree
        self.headings: list[tuple[int, str, str]] = []  # (page, kind of page, heading text)
        """The kind of page is the card's kind for a card (a bookmark's section)."""

    # Elements and marked content.

    def section(self) -> Element:
        """A new ``Sect`` of the document: one card face or page."""
        self.last_section = Element("Sect", self.root)
        return self.last_section

    def element(self, role: str, parent: Element, lang: str | None = None,
                alt: str | None = None) -> Element:
        """A new element under ``parent``; ``lang`` is kept only where it differs."""
        return Element(role, parent, lang if lang and lang != self.language else None, alt)

    def language_of(self, lines: list[Any], lang: str | None) -> str | None:
        """The language of an element of ``lines`` said to be in ``lang``: the source language
        where its words are all Latin in a translation set in another script (a name, a
        licence, a web address), else ``lang``."""
        if not (self.latin_foreign and self.source) or (lang or self.language) == self.source:
            return lang
        worded = [seg for line in lines for seg in line.segments if _worded(seg.text)]
        return self.source if worded and all(seg.parts is None for seg in worded) else lang

    def spans(self, holder: Element,
              lang: str | None) -> Callable[[Any], tuple[str, str] | None] | None:
        """For the lines of ``holder`` (in ``lang``): what makes each Latin segment among them
        a ``Span`` of its own in the source language (in a translation set in another
        script), as operators before and after it; None where no segment needs one.

        The holder's marked content ends before the span and goes on after it, under new
        MCIDs: marked content is never nested, which Poppler's reading of the structure
        tree stops at."""
        if not (self.latin_foreign and self.source) or (lang or self.language) == self.source:
            return None

        def span(seg: Any) -> tuple[str, str] | None:
            if seg.parts is not None or not _worded(seg.text):
                return None
            before, after = ["EMC"], ["EMC"]
            self.begin(before, self.element("Span", holder, self.source))
            self.begin(after, holder)
            return " ".join(before), " ".join(after)
        return span

    def begin(self, code: list[str], element: Element) -> None:
        """Open marked content belonging to ``element`` (close it with :meth:`end`)."""
        mcid = len(self.marked)
        self.marked.append(element)
        element.kids.append((self.page, mcid))
        if element.page is None:
            element.page = self.page
        code.append(f"/{element.role} <</MCID {mcid}>> BDC")

    @staticmethod
    def end(code: list[str]) -> None:
        """Close marked content or an artifact."""
        code.append("EMC")

    @staticmethod
    def artifact(code: list[str], pagination: bool = False) -> None:
        """Open an artifact: decoration, or a running footer when ``pagination``."""
        code.append("/Artifact <</Type /Pagination /Subtype /Footer>> BDC" if pagination
                    else "/Artifact BMC")

    def annotation(self, element: Element, annotation: PDFDictionary, ref: Any) -> None:
        """Make ``element`` hold the annotation (through an object reference)."""
        key = self._key()
        annotation["StructParent"] = key
        self.parents.append((key, element))
        element.kids.append((self.page, ref))
        if element.page is None:
            element.page = self.page

    def _key(self) -> int:
        return len(self.parents)

    def end_page(self, page: Any, kind: str | None = None) -> None:
        """Finish the structure of the page just shown (ReportLab's page object)."""
        key = self._key()
        self.parents.append((key, self.marked))
        # Tab order by structure on every page, as ISO 14289-1 §7.18.3 asks of pages with
        # annotations: a page gains none without its order being said.
        add_page_entries(page, StructParents=key, Tabs=PDFName("S"))
        self.marked = []
        self.page += 1

    # Writing.

    def finish(self, canvas: Any) -> None:
        """Write the structure tree, parent tree and tagged-PDF entries of the catalog."""
        doc = document(canvas)
        root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        root_ref = doc.Reference(root)
        self.root.parent = root
        stack = [self.root]
        while stack:  # depth first, in reading order: object numbers follow the tree
            element = stack.pop()
            doc.Reference(element)
            stack.extend(k for k in reversed(element.kids) if isinstance(k, Element))
        root["K"] = self.root
        root["ParentTree"] = doc.Reference(ParentTree(self.parents))
        root["ParentTreeNextKey"] = len(self.parents)
        canvas.setCatalogEntry("StructTreeRoot", root_ref)
        canvas.setCatalogEntry("MarkInfo", PDFDictionary({"Marked": "true"}))
        canvas.setCatalogEntry("Lang", PDFString(self.language))
        preferences = {"DisplayDocTitle": "true"}
        if language_direction(self.language) == "rtl":  # pages are read, and turned, leftwards
            preferences["Direction"] = PDFName("R2L")
        canvas.setCatalogEntry("ViewerPreferences", PDFDictionary(preferences))


_NUMBERED = re.compile(r"\d+[.)]?")
"""A list label that counts: '1', '2.', '3)' (in any script's digits)."""


def _numbering(line: Any) -> str | None:
    """'Decimal' for a list whose first label is a number, else None (bullets: the default)."""
    label = line.segments[0].text.strip() if line.segments else ""
    return "Decimal" if _NUMBERED.fullmatch(label) else None


def _worded(text: str) -> bool:
    """Whether ``text`` holds a letter (not only digits, spaces and punctuation)."""
    return any(char.isalpha() for char in text)


def latin_is_foreign(language: str, pages: list[Any]) -> bool:
    """Whether ``pages`` set text of the document's own ``language`` in a shaped script:
    Latin words among it (names, English words) are then in another language."""
    for page in pages:
        for box in page.boxes:
            if not isinstance(box, TextBox):
                continue
            for line in box.lines:
                if (line.lang or language) == language and \
                        any(seg.parts is not None for seg in line.segments):
                    return True
    return False


class ParentTree(PDFObject):
    """The parent tree: for each key, the element of an annotation, or of each MCID of a page.

    It writes itself the way ReportLab writes a dictionary holding one array of numbers and
    arrays of references, without a ReportLab object made for each of its thousands of entries.
    """

    def __init__(self, parents: list[tuple[int, list[Element] | Element]]) -> None:
        self.parents = parents

    def format(self, document: Any) -> bytes:
        nums: list[bytes] = []
        for key, held in self.parents:
            nums.append(b"%d" % key)
            nums.append(object_ref(document, held) if isinstance(held, Element)
                        else array_bytes([object_ref(document, element) for element in held]))
        return b"<<\n/Nums " + array_bytes(nums) + b"\n>>"


class FaceTags:
    """Draws one card face or page as a ``Sect``: its boxes tagged or kept as artifacts."""

    def __init__(self, canvas: Any, tags: Tags, page_kind: str,
                 card_kind: str | None = None, continuing: bool = False) -> None:
        self.canvas = canvas
        self.tags = tags
        self.page_kind = card_kind if page_kind == "card" and card_kind else page_kind
        # A card back that carries the card's words continues its front's section.
        last: Element | None = getattr(tags, "last_section", None)
        self.section = last if continuing and last is not None else tags.section()
        self.headed = False  # whether its heading is among the bookmarks
        self.open: bool | None = None  # an open artifact: True for a footer, False for decoration
        self.toc: Element | None = None  # the contents list being drawn
        self.entry: tuple[int, Element, str] | None = None  # its last entry: page, Link, words

    def artifact(self, pagination: bool = False) -> None:
        """Make what is drawn next an artifact (continuing the open one if it is alike)."""
        if self.open is pagination:
            return
        self.close()
        Tags.artifact(page_code(self.canvas), pagination)
        self.open = pagination

    def close(self) -> None:
        """End the open artifact, if any."""
        if self.open is not None:
            Tags.end(page_code(self.canvas))
            self.open = None

    def figure(self, box: ImageBox | Icon, dx: float, dy: float,
               draw: Callable[[], None]) -> None:
        """A picture or icon: a Figure with its alt text, or an artifact where it has none."""
        if box.alt is None or not box.alt.strip():
            self.artifact()
            draw()
            return
        self.close()
        figure = self.tags.element("Figure", self.section, alt=box.alt)
        figure.bbox = page_rect(self.canvas, (box.x + dx, box.y + dy, box.x + dx + box.w,
                                              box.y + dy + box.h))
        self.tags.begin(page_code(self.canvas), figure)
        draw()
        Tags.end(page_code(self.canvas))

    def code(self, box: Code, dx: float, dy: float, draw: Callable[[], None]) -> None:
        """A QR code: a Link to its web page, described in words, holding the drawing."""
        self.close()
        # Without link annotations (a file for the press) it is a picture described in words:
        # a Link element must hold its annotation (ISO 14289-1 §7.18.5).
        link = self.tags.element("Link" if self.tags.links else "Figure", self.section,
                                 alt=box.alt)
        self.tags.begin(page_code(self.canvas), link)
        draw()
        Tags.end(page_code(self.canvas))
        self._annotation(link, [(box.x + dx, box.y + dy, box.x + dx + box.size,
                                 box.y + dy + box.size)], box.alt, {"A": _opens(box.address)})

    def text(self, box: TextBox, dx: float, dy: float, colour_of: Callable[[str], Any]) -> None:
        """A text box: each item of its flow an element (heading, paragraph, list entry)."""
        if box.role in FOOTERS:
            self.artifact(pagination=True)
            draw_lines(self.canvas, box, [(line, line.segments) for line in box.lines], dx, dy,
                       colour_of)
            return
        self.close()
        if box.link is not None:
            self._entry(box, dx, dy, colour_of)
            return
        self.toc = None
        code, tags = page_code(self.canvas), self.tags
        groups: list[list[Any]] = []
        for line in box.lines:
            if groups and groups[-1][0].item == line.item:
                groups[-1].append(line)
            else:
                groups.append([line])
        listed: Element | None = None
        for lines in groups:
            tag = box.tags[lines[0].item] if lines[0].item < len(box.tags) else "P"
            if tag == "Artifact":
                Tags.artifact(code)
                draw_lines(self.canvas, box, [(line, line.segments) for line in lines], dx, dy,
                           colour_of)
                Tags.end(code)
                continue
            lang = lines[0].lang
            if tag in ("L", "LI"):
                if listed is None or tag == "L":
                    listed = tags.element("L", self.section, lang)
                    listed.numbering = _numbering(lines[0])
                own = tags.language_of(lines, lang)
                entry = tags.element("LI", listed, own if own != lang else None)
                first, *rest = lines
                label = tags.element("Lbl", entry)
                tags.begin(code, label)
                draw_lines(self.canvas, box, [(first, first.segments[:1])], dx, dy, colour_of)
                Tags.end(code)
                body = tags.element("LBody", entry)
                pieces = [(first, first.segments[1:]), *((line, line.segments) for line in rest)]
                self._content(body, box, lines, pieces, dx, dy, colour_of, own)
                continue
            listed = None
            lang = tags.language_of(lines, lang)
            element = tags.element(tag, self.section, lang)
            # A face's first heading names it: a sheet of cards has a bookmark for each card.
            if tag == "H1" and not self.headed:
                self.headed = True
                tags.headings.append((tags.page, self.page_kind,
                                      " ".join(line.text.strip() for line in lines)))
            self._content(element, box, lines, [(line, line.segments) for line in lines],
                          dx, dy, colour_of, lang)

    def _content(self, element: Element, box: TextBox, lines: list[Any],
                 pieces: list[tuple[Any, tuple[Any, ...]]], dx: float, dy: float,
                 colour_of: Callable[[str], Any], lang: str | None) -> None:
        """Draw lines as marked content of ``element`` (in ``lang``), with their links."""
        code, tags = page_code(self.canvas), self.tags
        found = _urls(lines) if tags.links else []
        # A paragraph that is one web address and nothing else is all link.
        whole = len(found) == 1 and found[0][0] == "".join(
            "".join(line.text.split()) for line in lines)
        holder = tags.element("Link", element) if whole else element
        language_of: Callable[[Any], tuple[str, ...] | None] | None = tags.spans(holder, lang)
        links: dict[int, Element] = {}  # the Link of each address, made when it is drawn
        if found and not whole:
            pieces, language_of = self._linked(element, lines, pieces, found, links,
                                               language_of)
        tags.begin(code, holder)
        draw_lines(self.canvas, box, pieces, dx, dy, colour_of, spaced=True,
                   language_of=language_of)
        Tags.end(code)
        for number, (url, spans) in enumerate(found):
            link = holder if whole else links.get(number) or tags.element("Link", element)
            rects = [_span_rect(box, lines[index], start, end, dx, dy)
                     for index, start, end in spans]
            self._annotation(link, rects, url, {"A": _opens(url)})

    def _linked(self, element: Element, lines: list[Any],
                pieces: list[tuple[Any, tuple[Any, ...]]],
                found: list[tuple[str, list[tuple[int, int, int]]]], links: dict[int, Element],
                language_of: Callable[[Any], tuple[str, ...] | None] | None,
                ) -> tuple[list[tuple[Any, tuple[Any, ...]]],
                           Callable[[Any], tuple[str, ...] | None]]:
        """The pieces with each web address a segment of its own, and what puts each address
        in a ``Link`` of its own (made in ``links`` as it is drawn), the paragraph's marked
        content ending before it and going on after it: a Link holds the words it opens."""
        tags = self.tags
        cuts: dict[int, list[tuple[int, int, int]]] = {}
        for number, (_, spans) in enumerate(found):
            for index, start, end in spans:
                cuts.setdefault(index, []).append((start, end, number))
        owner: dict[int, int] = {}  # id of an address's segment: the address's number
        at = {id(line): index for index, line in enumerate(lines)}
        split = []
        for line, segments in pieces:
            row = at.get(id(line))
            if row is None or row not in cuts:
                split.append((line, segments))
                continue
            split.append((line, tuple(_cut(line, segments, cuts[row], owner))))

        def marked(seg: Any) -> tuple[str, ...] | None:
            number = owner.get(id(seg))
            if number is None:
                return language_of(seg) if language_of is not None else None
            if number not in links:
                links[number] = tags.element("Link", element)
            before, after = ["EMC"], ["EMC"]
            tags.begin(before, links[number])
            tags.begin(after, element)
            return " ".join(before), " ".join(after), "inside"
        return split, marked

    def _entry(self, box: TextBox, dx: float, dy: float,
               colour_of: Callable[[str], Any]) -> None:
        """A contents entry: its title and page number make one TOCI, a link to the page."""
        tags = self.tags
        if self.toc is None:
            self.toc = tags.element("TOC", self.section)
        words = " ".join(line.text.strip() for line in box.lines)
        lang = tags.language_of(list(box.lines), box.lines[0].lang if box.lines else None)
        if self.entry is None or self.entry[0] != box.link:
            item = tags.element("TOCI", self.toc, lang)
            # The entry itself, where it cannot link (a file for the press): see :meth:`code`.
            self.entry = (box.link or 0, tags.element("Link", item) if tags.links else item, words)
        _, link, title = self.entry
        tags.begin(page_code(self.canvas), link)
        draw_lines(self.canvas, box, [(line, line.segments) for line in box.lines], dx, dy,
                   colour_of, spaced=True, language_of=tags.spans(link, lang))
        Tags.end(page_code(self.canvas))
        rect = (box.x + dx, box.top - box.h + dy, box.x + box.w + dx, box.top + dy)
        self._annotation(link, [rect], title,
                         {"Dest": PDFArray([PageRef(box.link or 0), PDFName("Fit")])})

    def _annotation(self, element: Element, rects: list[tuple[float, float, float, float]],
                    words: str, target: dict[str, Any]) -> None:
        """One link annotation per rectangle, each held by ``element``."""
        if not self.tags.links:
            return
        for rect in rects:
            annotation = PDFDictionary({
                "Type": PDFName("Annot"), "Subtype": PDFName("Link"),
                "Rect": PDFArray([round(v, 2) for v in page_rect(self.canvas, rect)]),
                "Border": PDFArray([0, 0, 0]), "F": 4, "Contents": PDFString(words), **target})
            ref = document(self.canvas).Reference(annotation)
            annotate_page(self.canvas, ref)
            self.tags.annotation(element, annotation, ref)


def _cut(line: Any, segments: tuple[Any, ...], cuts: list[tuple[int, int, int]],
         owner: dict[int, int]) -> list[Any]:
    """A line's segments split where web addresses start and end (``cuts``: start, end and
    the address's number, in characters of the line), the addresses' segments in ``owner``.

    Only segments of unshaped text are split (addresses are Latin); a shaped segment stays
    whole."""
    out: list[Any] = []
    # The segments drawn may leave out the line's first (a list entry's label).
    offset = sum(len(seg.text) for seg in line.segments[:len(line.segments) - len(segments)])
    for seg in segments:
        length = len(seg.text)
        edges = sorted({0, length, *(min(max(p - offset, 0), length) for a, b, _ in cuts
                                      for p in (a, b))})
        if seg.parts is not None or len(edges) == 2:
            out.append(seg)
            offset += length
            continue
        for a, b in zip(edges, edges[1:]):
            x = seg.x + stringWidth(seg.text[:a], seg.font, seg.size)
            piece = replace(seg, x=x, text=seg.text[a:b],
                            width=stringWidth(seg.text[a:b], seg.font, seg.size))
            for start, end, number in cuts:
                if start <= offset + a and offset + b <= end:
                    owner[id(piece)] = number
            out.append(piece)
        offset += length
    return out


_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
"""Characters a URI keeps as they are; others (letters beyond ASCII) are percent-encoded."""


def _opens(url: str) -> PDFDictionary:
    """The action of a link that opens ``url`` (letters beyond ASCII percent-encoded)."""
    return PDFDictionary({"Type": PDFName("Action"), "S": PDFName("URI"),
                          "URI": PDFString(quote(url, safe=_URL_SAFE))})


def _urls(lines: list[Any]) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """Web addresses in lines of one paragraph, each with its (line, start, end) pieces.

    An address that ends its line just after a character it may break at ('/', '-', '.'…)
    goes on at the start of the next line, up to a space.
    """
    found = []
    for index, line in enumerate(lines):
        text = line.text
        if "://" not in text:  # most lines: no address starts on them
            continue
        for match in URL.finditer(text):
            url = match.group().rstrip(".,;:)")
            spans = [(index, match.start(), match.start() + len(url))]
            going = match.end() == len(text) and url[-1] in _BREAKS
            following = index + 1
            while going and following < len(lines):
                more = re.match(r"\S+", lines[following].text)
                if not more:
                    break
                part = more.group().rstrip(".,;:)")
                url += part
                spans.append((following, 0, len(part)))
                going = more.end() == len(lines[following].text) and part[-1:] in _BREAKS
                following += 1
            found.append((url, spans))
    return found


_BREAKS = "/-._?=&#"
"""Characters after which a line may break inside a web address."""


def _span_rect(box: TextBox, line: Any, start: int, end: int, dx: float,
               dy: float) -> tuple[float, float, float, float]:
    """The rectangle of characters ``start`` to ``end`` of a line, on the page."""
    left = right = None
    offset = 0
    for seg in line.segments:
        a, b = max(start - offset, 0), min(end - offset, len(seg.text))
        if a < b:
            if seg.parts is None:
                x0 = seg.x + stringWidth(seg.text[:a], seg.font, seg.size)
                x1 = seg.x + stringWidth(seg.text[:b], seg.font, seg.size)
            else:
                x0, x1 = seg.x, seg.x + seg.width
            left = x0 if left is None else min(left, x0)
            right = x1 if right is None else max(right, x1)
        offset += len(seg.text)
    baseline = box.top - line.y + dy
    size = line.segments[0].size if line.segments else box.size
    return (box.x + dx + (left or 0.0), baseline - 0.25 * size,
            box.x + dx + (right or 0.0), baseline + 0.85 * size)
