"""XMP metadata: the licence and attribution in the form PDF tools and search engines read."""

from __future__ import annotations

import os
import time
from xml.sax.saxutils import escape

from activate_pack.layout.boxes import Document

INVARIANT_EPOCH = 946684800
"""2000-01-01T00:00:00Z: the date used when SOURCE_DATE_EPOCH is not set (as ReportLab does)."""


def build_epoch() -> int:
    """The document date: SOURCE_DATE_EPOCH if set, else a fixed date, so builds are repeatable."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else INVARIANT_EPOCH


def iso_date(epoch: int) -> str:
    """An epoch as an XMP date in UTC."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def _alt(text: str, lang: str = "x-default") -> str:
    return f'<rdf:Alt><rdf:li xml:lang="{lang}">{escape(text)}</rdf:li></rdf:Alt>'


def xmp(doc: Document, creators: list[str], attribution_name: str, attribution_url: str,
        creator_tool: str) -> bytes:
    """An XMP packet matching the document information dictionary."""
    date = iso_date(build_epoch())
    seq = "".join(f"<rdf:li>{escape(c)}</rdf:li>" for c in creators)
    keywords = ", ".join(doc.keywords)
    bag = "".join(f"<rdf:li>{escape(k)}</rdf:li>" for k in doc.keywords)
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"
    xmlns:cc="http://creativecommons.org/ns#"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <dc:title>{_alt(doc.title)}</dc:title>
   <dc:creator><rdf:Seq>{seq}</rdf:Seq></dc:creator>
   <dc:description>{_alt(doc.subject)}</dc:description>
   <dc:subject><rdf:Bag>{bag}</rdf:Bag></dc:subject>
   <dc:rights>{_alt(doc.rights)}</dc:rights>
   <dc:language><rdf:Bag><rdf:li>{escape(doc.language)}</rdf:li></rdf:Bag></dc:language>
   <dc:format>application/pdf</dc:format>
   <xmpRights:Marked>True</xmpRights:Marked>
   <xmpRights:WebStatement>{escape(doc.licence_url)}</xmpRights:WebStatement>
   <xmpRights:UsageTerms>{_alt(doc.rights)}</xmpRights:UsageTerms>
   <cc:license rdf:resource="{escape(doc.licence_url)}"/>
   <cc:attributionName>{escape(attribution_name)}</cc:attributionName>
   <cc:attributionURL rdf:resource="{escape(attribution_url)}"/>
   <pdf:Keywords>{escape(keywords)}</pdf:Keywords>
   <pdf:Producer>{escape(creator_tool)}</pdf:Producer>
   <xmp:CreatorTool>{escape(creator_tool)}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return body.encode("utf-8")
