"""The site's files that are not pages to read: zips, redirects, the sitemap and robots.txt.

Each is made from data the site already has, through a serializer (``zipfile``, ElementTree,
Jinja2 with escaping), so no pack word is ever pasted into markup by hand; and each is the same
bytes for the same input.
"""

from __future__ import annotations

import io
import time
import xml.etree.ElementTree as ET
import zipfile
from posixpath import commonprefix

ZIP_EPOCH_FLOOR = 315532800
"""1980-01-01T00:00:00Z: the earliest date a zip file can hold."""

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def bundle_name(pdf_names: list[str]) -> str:
    """The zip's file name, from what the PDFs' names share: 'activate-pack-ur-pdf.zip'."""
    shared = commonprefix(pdf_names)
    stem = shared[:shared.rfind("-")] if "-" in shared else shared
    return f"{stem or 'pack'}-pdf.zip"


def bundle(folder: str, files: dict[str, bytes], epoch: int) -> bytes:
    """A zip of ``files`` (name → bytes) inside ``folder``: sorted, every entry dated
    ``epoch`` (SOURCE_DATE_EPOCH, as the PDFs are), so a rebuild gives the same bytes."""
    stamp = time.gmtime(max(epoch, ZIP_EPOCH_FLOOR))[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.external_attr = 0o100644 << 16  # a plain file anyone may read
            info.create_system = 3  # Unix, whatever system builds it, so the bytes agree
            # Stored, not deflated: PDFs are compressed already, and zlib's output may differ
            # between versions while stored bytes never do.
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, files[name])
    return out.getvalue()


def redirect_page(target: str, lang: str, url: str | None) -> str:
    """A page at an old address that sends the reader to ``target`` (relative to it)."""
    from activate_pack.render.html import render_page

    return render_page("redirect.html", target=target, lang=lang, url=url)


def sitemap(site_url: str, pages: list[list[tuple[str, str]]]) -> bytes:
    """sitemap.xml for search engines: every page, with the same page in each language.

    ``pages`` holds, for each page, its (language, path) in every language; paths are
    addresses below ``site_url`` ('ur/questions.html', '' for the home page).
    """
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for versions in pages:
        for _, path in versions:
            url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
            ET.SubElement(url, f"{{{SITEMAP}}}loc").text = site_url + path
            for lang, other in versions:
                ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=lang,
                              href=site_url + other)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def robots(site_url: str) -> bytes:
    """robots.txt: every page may be indexed; the sitemap is here."""
    # site_url is a checked web address (pack.model.pack.WebAddress): no line breaks to smuggle.
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n".encode("utf-8")
