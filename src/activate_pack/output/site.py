"""``site``: every file a reader needs, and a static download page that lists them.

Each language of the pack gets the four PDFs (A6 for the screen, for a home printer and for a
print shop, and the A4 facilitator pack), built through the one orchestrator, PNG previews
drawn from those PDFs, and a download page in its own language. Pages link with relative
addresses only and need no script, so the folder works from disk, a ``file://`` address or any
static host. Everything is made in memory and written in one step at the end.
"""

from __future__ import annotations

import hashlib
import io
import time
from dataclasses import replace, dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from activate_pack import __version__
from activate_pack.compose.links import language_folder
from activate_pack.compose.notices import creators
from activate_pack.compose.content import Face, fill
from activate_pack.layout.boxes import Page
from activate_pack.layout.editions import EDITIONS
from activate_pack.output.build import Warn
from activate_pack.output.plan import Prepared, prepare
from activate_pack.output.variants import Variant
from activate_pack.layout.printing import PrintOptions
from activate_pack.output.webcards import card_icons, originals, web_files, web_pages
from activate_pack.output.sitefiles import bundle, bundle_name, redirect_page, robots, sitemap
from activate_pack.output.sitepages import (Language, Published, assets, download_page,
                                             not_found_page, page_context)
from activate_pack.errors import Problem
from activate_pack.pack.model.pack import Pack

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

FILES: tuple[tuple[str, Variant], ...] = (
    ("screen", Variant(EDITIONS["a6"])),
    ("home", Variant(EDITIONS["a6"], PrintOptions("home"))),
    ("shop", Variant(EDITIONS["a6"], PrintOptions("shop"))),
    ("facilitator", Variant(EDITIONS["a4"])),
)
"""What each language page offers, in the order listed: a name (its words in labels) and an
output of the orchestrator."""

CARD_PREVIEW_WIDTH = 480
COVER_PREVIEW_WIDTH = 600
"""Widths of the preview images, in pixels: sharp in the page's columns, light to download."""

LARGE_PREVIEW = 2
"""How many times wider the picture a preview opens is: enough to read a card's words."""


@dataclass
class Site:
    """What ``site`` wrote, and how long each step took (seconds), for the command to report."""

    root: Path
    pages: list[Path] = field(default_factory=list)
    pdfs: list[Published] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def languages(pack_dir: Path, pack: Pack) -> list[Language]:
    """The languages the site is built in: the pack's own first (its home page at the root),
    then each translation (its home page in its folder, so '/ur/' is the Urdu site)."""
    from activate_pack.pack.loading.translations import languages as translations

    tag = pack.info.language
    return [Language(tag, pack_dir, "index.html", language_folder(tag)),
            *(Language(other, pack_dir, f"{language_folder(other)}/index.html",
                       language_folder(other), other)
              for other in translations(pack_dir))]


def site(pack_dir: Path, out_dir: Path, warn: Warn | None = None,
         jobs: int | None = None) -> Site:
    """Build every PDF, preview and page of the pack's site into ``out_dir``, all or nothing.

    Each language's outputs are laid out, rendered and previewed in a worker process of its
    own (up to ``jobs`` at once; default: one per processor), and joined in language order.
    """
    from activate_pack.output import workers
    from activate_pack.output.dates import source_date
    from activate_pack.output.write import write_all
    from activate_pack.render.xmp import build_epoch

    result = Site(out_dir)
    clock = _Clock(result.timings)
    files: dict[Path, bytes] = {}
    warn = _once(warn) if warn else None  # each language is prepared with the pack: one message
    with clock("load"):
        # The pack and its own problems only: every language, the pack's own too, is laid out
        # in a worker, so the first language's layout does not keep the other processors idle.
        pack = prepare(pack_dir, [], out_dir, asked=False).ready(warn)
    epoch = build_epoch(source_date(pack, pack_dir))
    entries = languages(pack_dir, pack)
    icons = card_icons(pack_dir)
    made = workers.run(entries, lambda entry: _language_outputs(entry, out_dir, pack),
                       min(jobs or workers.available(), len(entries)))
    built = _gathered(entries, made, result, files, warn)
    shared = _language_pages(pack, entries, built, icons, epoch, result, files, clock)
    files.update({out_dir / path: data for path, data in
                  _site_files(pack, entries, shared[entries[0].tag], built).items()})
    names = {entry.tag: built[entry.tag][0].labels.site.language_name for entry in entries}
    files.update({out_dir / name: data for name, data in assets(names).items()})
    with clock("write"):
        write_all(list(files.items()))
    result.files = list(files)
    return result


Built = dict[str, tuple[Pack, list[Published], list[dict[str, object]]]]
"""Each language's pack, PDFs and previews, by its tag."""


def _language_outputs(language: Language, out_dir: Path, pack: Pack) -> _Made:
    """One language's PDFs and previews, with the problems and time its steps met; ``pack``
    is the pack as the first process loaded it (a worker forked from it need not again)."""
    made = _Made()
    own = _Clock(made.timings)
    with own("layout"):
        # Every language the pack has, none asked for by name: gaps in a translation the
        # pack only inherits are its original's to tell (translations.translate).
        prepared = prepare(language.pack_dir,
                           [replace(variant, language=language.translation)
                            for _, variant in FILES], out_dir, asked=False,
                           loaded=pack)
        prepared.ready(made.problems.append)
    made.pack, made.pdfs, made.previews = _language_files(language, prepared, out_dir,
                                                          made.files, own)
    return made


def _gathered(entries: list[Language], made: list[_Made], result: Site,
              files: dict[Path, bytes], warn: Warn | None) -> Built:
    """The languages' outputs joined in language order: their files added to ``files``, their
    PDFs and time to ``result``, their problems handed to ``warn``."""
    built: Built = {}
    for entry, done in zip(entries, made):
        for problem in done.problems if warn else ():
            warn(problem)  # type: ignore[misc]
        files.update(done.files)
        for name, spent in done.timings.items():
            result.timings[name] = result.timings.get(name, 0.0) + spent
        assert done.pack is not None
        built[entry.tag] = (done.pack, done.pdfs, done.previews)
        result.pdfs += done.pdfs
    return built


def _language_pages(pack: Pack, entries: list[Language], built: Built,
                    icons: dict[str, str], epoch: int, result: Site, files: dict[Path, bytes],
                    clock: _Clock) -> dict[str, dict[str, object]]:
    """Each language's zip of PDFs, download page and web edition, added to ``files``; what
    every page of each language shares, by its tag."""
    out_dir = result.root
    links = [(entry, built[entry.tag][0]) for entry in entries]
    shared: dict[str, dict[str, object]] = {}
    source: dict[str, dict[str, Face]] | None = None  # the faces a translation compares with
    for entry in entries:
        lang_pack, pdfs, previews = built[entry.tag]
        shared[entry.tag] = page_context(lang_pack, entry, links, __version__, previews)
        with clock("zip"):
            zipped = _zip(entry, pdfs, out_dir, files, epoch)
        with clock("pages"):
            html = download_page(lang_pack, shared[entry.tag], pdfs, zipped, previews,
                                 web_pages(lang_pack, entry.folder))
            files[out_dir / entry.page] = html.encode("utf-8")
            result.pages.append(out_dir / entry.page)
        with clock("edition"):
            if entry is not entries[0] and source is None:
                source = originals(pack)
            made = web_files(lang_pack, shared[entry.tag], entry.folder,
                            None if entry is entries[0] else source, icons)
            files.update({out_dir / path: data for path, data in made.items()})
            result.pages += [out_dir / path for path in made if path.endswith(".html")]
    return shared


def _zip(entry: Language, pdfs: list[Published], out_dir: Path, files: dict[Path, bytes],
         epoch: int) -> Published:
    """One language's PDFs in one zip file, added to ``files``."""
    names = [PurePosixPath(pdf.path).name for pdf in pdfs]
    name = bundle_name(names)
    data = bundle(name.removesuffix(".zip"), {
        PurePosixPath(pdf.path).name: files[out_dir / pdf.path] for pdf in pdfs}, epoch)
    path = f"{entry.folder}/{name}"
    files[out_dir / path] = data
    return Published("zip", path, len(pdfs), len(data), hashlib.sha256(data).hexdigest())


def _site_files(pack: Pack, entries: list[Language], shared: dict[str, object],
                built: dict[str, tuple[Pack, list[Published], list[dict[str, object]]]],
                ) -> dict[str, bytes]:
    """The 404 page, the old addresses' redirects, and, with a ``site_url``, the sitemap and
    robots.txt, by path from the site's root."""
    site_url = shared["site_url"]
    found = {"404.html": not_found_page(pack, shared).encode("utf-8")}
    own = entries[0]
    # Addresses earlier versions used: the pack's own folder, and 'index-ur.html' for Urdu.
    found[f"{own.folder}/index.html"] = redirect_page(
        "../index.html", own.tag, str(site_url) if site_url else None).encode("utf-8")
    for entry in entries[1:]:
        found[f"index-{entry.folder}.html"] = redirect_page(
            entry.page, entry.tag,
            f"{site_url}{entry.folder}/" if site_url else None).encode("utf-8")
    if site_url:
        every = [[(entry.tag, entry.page.removesuffix("index.html")) for entry in entries]]
        every += [[(entry.tag, page.path) for entry in entries
                   for page in web_pages(built[entry.tag][0], entry.folder)
                   if page.name == name] for name in
                  [page.name for page in web_pages(pack, own.folder)]]
        found["sitemap.xml"] = sitemap(str(site_url), every)
        found["robots.txt"] = robots(str(site_url))
    return found


def _once(warn: Warn) -> Warn:
    """``warn``, passing each problem on the first time only."""
    seen: set[Problem] = set()

    def once(problem: Problem) -> None:
        if problem not in seen:
            seen.add(problem)
            warn(problem)
    return once


def _language_files(language: Language, prepared: Prepared, out_dir: Path,
                    files: dict[Path, bytes], clock: _Clock,
                    ) -> tuple[Pack, list[Published], list[dict[str, object]]]:
    """The PDFs and previews of one language's prepared outputs, added to ``files``."""
    from activate_pack.render.sheets import render_imposed

    pack = prepared.ready(language=language.translation)
    names = creators(pack)
    pdfs: list[Published] = []
    rendered: dict[str, tuple[bytes, list[Page]]] = {}
    for (kind, _), output in zip(FILES, prepared.outputs):
        faces = list(output.imposed.pages)  # rendering spends them; the previews need them
        count = len(output.imposed)
        with clock(f"render {kind}"):
            data = render_imposed(output.imposed, names, pack.info.source_url)
        path = f"{language.folder}/{output.path.name}"
        files[out_dir / path] = data
        rendered[kind] = (data, faces)
        pdfs.append(Published(kind, path, count, len(data),
                              hashlib.sha256(data).hexdigest()))
    with clock("previews"):
        previews = _previews(pack, language, rendered, out_dir, files)
    return pack, pdfs, previews


def _previews(pack: Pack, language: Language, rendered: dict[str, tuple[bytes, list[Page]]],
              out_dir: Path, files: dict[Path, bytes]) -> list[dict[str, object]]:
    """The A4 cover and the first card of each kind, drawn from the real PDFs."""
    from activate_pack.render.raster import png, rasterise

    words = pack.labels
    found: list[dict[str, object]] = []
    a4, a4_faces = rendered["facilitator"]
    wanted: list[tuple[bytes, int, int, str, str]] = []
    if a4_faces:
        edition = getattr(words.editions, EDITIONS["a4"].name)
        wanted.append((a4, 0, COVER_PREVIEW_WIDTH, "a4-cover",
                       fill(words.site.cover_alt, edition=edition)))
    a6, a6_faces = rendered["screen"]
    seen: set[str] = set()
    for index, page in enumerate(a6_faces):
        if page.kind != "card" or page.face != "front" or not page.card or page.card == "about":
            continue
        card = pack.card(page.card)
        if card.kind in seen or getattr(card, "blank", False):
            continue
        seen.add(card.kind)
        kind = getattr(words.kinds, card.kind)
        wanted.append((a6, index, CARD_PREVIEW_WIDTH, f"a6-{card.id}",
                       fill(words.site.card_alt, kind=kind, title=card.title)))
    drawn: dict[str, PILImage] = {}
    for pdf in {id(item[0]): item[0] for item in wanted}.values():  # each PDF opened once
        items = [item for item in wanted if item[0] is pdf]
        # Drawn at the size a reader can enlarge it to; the preview is that, made smaller.
        width = items[0][2] * LARGE_PREVIEW
        drawn.update(zip((item[3] for item in items),
                         rasterise(pdf, width, [item[1] for item in items])))
    for _, _, _, name, alt in wanted:
        large = drawn[name]
        image = large.reduce(LARGE_PREVIEW)  # a box filter: fast, and sharp at a whole ratio
        path, full = (f"{language.folder}/preview/{name}{end}"
                      for end in (".png", "-large.jpg"))
        files[out_dir / path] = png(image)
        # JPEG for the large one: a quarter of the time PNG takes, and a smaller file.
        out = io.BytesIO()
        large.save(out, "JPEG", quality=90)
        files[out_dir / full] = out.getvalue()
        found.append({"src": path, "alt": alt, "width": image.width, "height": image.height,
                      "full": full})
    return found


@dataclass
class _Made:
    """What one language's worker hands back: its pack, PDFs, previews and files."""

    pack: Pack | None = None
    pdfs: list[Published] = field(default_factory=list)
    previews: list[dict[str, object]] = field(default_factory=list)
    files: dict[Path, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


class _Clock:
    """Adds the time spent in each named step to a dictionary."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.name = ""

    def __call__(self, name: str) -> _Clock:
        self.name = name
        return self

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        spent = time.perf_counter() - self.start
        self.timings[self.name] = self.timings.get(self.name, 0.0) + spent
