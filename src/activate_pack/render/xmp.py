"""XMP metadata: the licence and attribution in the form PDF tools and search engines read."""

from __future__ import annotations

import os
import time
import re
import xml.etree.ElementTree as ET

from activate_pack.layout.boxes import Document

INVARIANT_EPOCH = 946684800
"""2000-01-01T00:00:00Z: the date used when neither SOURCE_DATE_EPOCH nor a source date is known."""

INSTANCE_PLACEHOLDER = "uuid:00000000-0000-4000-8000-000000000000"
"""Written as the XMP instance id, then replaced by one made from a hash of the finished file."""


def build_epoch(default: int | None = None) -> int:
    """The document date: SOURCE_DATE_EPOCH if set, else ``default`` (the newest source file's)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    return default if default is not None else INVARIANT_EPOCH


def iso_date(epoch: int) -> str:
    """An epoch as an XMP date in UTC."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "cc": "http://creativecommons.org/ns#",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}
"""The XMP namespaces, by the prefixes PDF tools expect."""

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold at all, even escaped."""

for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def xml_text(text: str) -> str:
    """Text as XML can carry it: characters XML forbids become U+FFFD, the rest as typed."""
    return _NOT_XML.sub("\ufffd", text)


def _add(parent: ET.Element, name: str, text: str | None = None,
         attrib: dict[str, str] | None = None) -> ET.Element:
    element = ET.SubElement(parent, _q(name), {k: xml_text(v) for k, v in (attrib or {}).items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _alt(parent: ET.Element, name: str, text: str) -> None:
    alt = _add(_add(parent, name), "rdf:Alt")
    _add(alt, "rdf:li", text, {XML_LANG: "x-default"})


def _list(parent: ET.Element, name: str, kind: str, items: list[str]) -> None:
    container = _add(_add(parent, name), kind)
    for item in items:
        _add(container, "rdf:li", item)


def xmp(doc: Document, creators: list[str], attribution_name: str, attribution_url: str,
        creator_tool: str, document_id: str = "", pdfx: str | None = None) -> bytes:
    """An XMP packet matching the document information dictionary, built by an XML serializer.

    ``document_id`` ('uuid:…') names the document across its versions; ``pdfx`` is the PDF/X
    version the file claims ('PDF/X-4'), if any.
    """
    date = iso_date(build_epoch(doc.date))
    root = ET.Element(_q("x:xmpmeta"))
    rdf = _add(root, "rdf:RDF")
    desc = _add(rdf, "rdf:Description", attrib={_q("rdf:about"): ""})
    _alt(desc, "dc:title", doc.title)
    _list(desc, "dc:creator", "rdf:Seq", creators)
    _alt(desc, "dc:description", doc.subject)
    _list(desc, "dc:subject", "rdf:Bag", list(doc.keywords))
    _alt(desc, "dc:rights", doc.rights)
    _list(desc, "dc:language", "rdf:Bag", [doc.language])
    _add(desc, "dc:format", "application/pdf")
    _add(desc, "xmpRights:Marked", "True")
    _add(desc, "xmpRights:WebStatement", doc.licence_url)
    _alt(desc, "xmpRights:UsageTerms", doc.rights)
    _add(desc, "cc:license", attrib={_q("rdf:resource"): doc.licence_url})
    _add(desc, "cc:attributionName", attribution_name)
    _add(desc, "cc:attributionURL", attrib={_q("rdf:resource"): attribution_url})
    _add(desc, "pdf:Keywords", ", ".join(doc.keywords))
    _add(desc, "pdf:Producer", creator_tool)
    _add(desc, "xmp:CreatorTool", creator_tool)
    for name in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
        _add(desc, name, date)
    _add(desc, "pdf:Trapped", "False")
    if document_id:
        _add(desc, "xmpMM:DocumentID", document_id)
        _add(desc, "xmpMM:InstanceID", INSTANCE_PLACEHOLDER)
        _add(desc, "xmpMM:VersionID", doc.version or "1")
        _add(desc, "xmpMM:RenditionClass", "default")
    if pdfx:
        _add(desc, "pdfxid:GTS_PDFXVersion", pdfx)
    # ISO 14289-1 §5: the PDF/UA part the file claims (Matterhorn 06-002). Every variant makes
    # the claim: all are tagged the same way (render/tagging.py).
    _add(desc, "pdfuaid:part", "1")
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    packet = f'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n{body}\n<?xpacket end="w"?>'
    return packet.encode("utf-8")
