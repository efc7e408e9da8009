"""The site as people share it: a folder per language, the same page in every language,
addresses for search engines, a zip of each language's files, and words marked with their
language."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image
from test_site import Page
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.output.site import site
from activate_pack.pack.loading.load import load_pack
from activate_pack.pack.sources.paths import default_pack_dir
from activate_pack.pack.loading.translations import languages

FOLDERS = ["en-gb", *(tag.lower() for tag in languages(default_pack_dir()))]
EDITION = ("guide", "questions", "ingredients", "recipes", "about")


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default pack's site, made once through the command line."""
    out = tmp_path_factory.mktemp("site") / "public"
    result = CliRunner().invoke(app, ["site", str(default_pack_dir()), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _home(public: Path, folder: str) -> Path:
    return public / "index.html" if folder == "en-gb" else public / folder / "index.html"


def _pages(public: Path) -> list[Path]:
    """Every page a reader reads: each language's home page and its edition."""
    return [page for folder in FOLDERS
            for page in (_home(public, folder), *(public / folder / f"{name}.html"
                                                  for name in EDITION))]


def test_each_translation_has_its_folder_and_old_addresses_lead_there(public: Path) -> None:
    for folder in FOLDERS[1:]:
        assert Page((public / folder / "index.html").read_text(encoding="utf-8")).first(
            "html")["lang"].lower() == folder
        old = Page((public / f"index-{folder}.html").read_text(encoding="utf-8"))
        assert old.first("meta", **{"http-equiv": "refresh"})["content"] == \
            f"0; url={folder}/index.html"
    own = Page((public / "en-gb" / "index.html").read_text(encoding="utf-8"))
    assert own.first("meta", **{"http-equiv": "refresh"})["content"] == "0; url=../index.html"


def test_every_page_leads_to_the_same_page_in_each_other_language(public: Path) -> None:
    for page_path in _pages(public):
        page = Page(page_path.read_text(encoding="utf-8"))
        own = page.first("html")["lang"]
        switcher = [attrs for tag, attrs in page.elements if tag == "a" and attrs.get("hreflang")]
        alternates = [attrs for tag, attrs in page.elements
                      if tag == "link" and attrs.get("rel") == "alternate"]
        assert len(switcher) == len(FOLDERS) - 1, page_path
        assert len(alternates) == len(FOLDERS), page_path
        for link in switcher + alternates:
            target = (page_path.parent / str(link["href"])).resolve()
            assert target.is_file()
            if page_path.name == "index.html":  # a home page: the other language's home
                assert target.name == "index.html" and target.parent in (public, *(
                    public / f for f in FOLDERS)), link
            else:  # an edition page: the same page in the other language
                assert target.name == page_path.name, (page_path, link)
            lang = Page(target.read_text(encoding="utf-8")).first("html")["lang"]
            assert lang == link["hreflang"], (page_path, link)
        assert own not in {str(link["hreflang"]) for link in switcher}


class _Lang(HTMLParser):
    """Each piece of text with the language it is marked with (its nearest lang attribute)."""

    VOID = {"meta", "link", "img", "br", "hr", "input"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.texts: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else "")
            self.stack.append((tag, str(lang)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if data.strip() and self.stack and self.stack[-1][0] not in ("title", "style"):
            self.texts.append((self.stack[-1][1], data))


ENGLISH = re.compile(r"\b(the|and|with|your|this|that|from|for|you|what)\b", re.IGNORECASE)
"""Words only an English sentence has: text marked as another language must not hold them."""


@pytest.mark.parametrize("folder", ["ur", "ar", "pl"])
def test_english_on_translated_pages_is_marked_english(public: Path, folder: str) -> None:
    pages = [public / folder / "index.html", *(public / folder / f"{n}.html" for n in EDITION)]
    marked = 0
    for page_path in pages:
        for lang, text in _Lang(page_path.read_text(encoding="utf-8")).texts:
            if lang.startswith("en"):
                marked += 1
            else:
                assert not ENGLISH.search(text), (page_path.name, lang, text)
    assert marked  # the default translations leave cards in English: they are marked so


def test_web_addresses_in_right_to_left_text_keep_their_direction(public: Path) -> None:
    html = (public / "ur" / "questions.html").read_text(encoding="utf-8")
    before = [b for b in re.findall(r"(.{0,17})https://", html) if not b.endswith('="')]
    # Isolated left to right, so an address's closing '/' is not shown at its start.
    assert before and all(b.endswith('<span dir="ltr">') for b in before), before[:3]


def test_titles_are_unique_and_name_the_language(public: Path) -> None:
    titles: dict[str, Path] = {}
    for page_path in _pages(public):
        html = page_path.read_text(encoding="utf-8")
        title = re.search(r"<title>([^<]+)</title>", html)[1]  # type: ignore[index]
        assert title not in titles, (page_path, titles.get(title))
        titles[title] = page_path
        name = re.search(r'aria-current="page" lang="[^"]+" dir="[^"]+">([^<]+)<', html)[1]  # type: ignore[index]
        assert title.endswith(f" · {name}"), title


def test_a_skip_link_comes_first_and_leads_to_the_content(public: Path) -> None:
    for page_path in _pages(public):
        page = Page(page_path.read_text(encoding="utf-8"))
        links = [attrs for tag, attrs in page.elements if tag == "a"]
        assert links[0]["href"] == "#main" and links[0]["class"] == "skip", page_path
        assert page.first("main")["id"] == "main"


def test_the_not_found_page_leads_to_every_language(public: Path) -> None:
    page = Page((public / "404.html").read_text(encoding="utf-8"))
    assert page.first("h1") is not None and "Page not found" in page.text
    homes = {attrs["href"] for tag, attrs in page.elements
             if tag == "a" and attrs.get("hreflang")}
    assert homes >= {"index.html", *(f"{f}/index.html" for f in FOLDERS[1:])}
    assert all((public / str(home)).is_file() for home in homes)


def test_every_page_has_an_icon(public: Path) -> None:
    for page_path in _pages(public):
        icon = Page(page_path.read_text(encoding="utf-8")).first("link", rel="icon")
        svg = ET.parse(page_path.parent / str(icon["href"])).getroot()
        assert svg.tag == "{http://www.w3.org/2000/svg}svg"


def test_each_language_has_a_zip_of_its_pdfs(public: Path) -> None:
    for folder in FOLDERS:
        page = Page(_home(public, folder).read_text(encoding="utf-8"))
        home = _home(public, folder).parent
        pdfs = sorted({str(link) for link in page.links() if link.endswith(".pdf")})
        zips = [link for link in page.links() if link.endswith(".zip")]
        assert len(zips) == 1
        with zipfile.ZipFile(home / zips[0]) as archive:
            assert archive.testzip() is None
            names = archive.namelist()
            assert names == sorted(names)
            assert sorted(Path(n).name for n in names) == sorted(Path(p).name for p in pdfs)
            for name in names:
                assert archive.read(name) == (home / next(
                    p for p in pdfs if p.endswith("/" + Path(name).name))).read_bytes()


def test_zips_are_the_same_bytes_each_time_dated_by_source_date_epoch(
        make_pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    root = make_pack()
    first, second = (site(root, tmp_path / name) for name in ("one", "two"))
    made = [sorted(p for p in result.files if p.suffix == ".zip") for result in (first, second)]
    assert len(made[0]) == 1
    assert made[0][0].read_bytes() == made[1][0].read_bytes()
    with zipfile.ZipFile(io.BytesIO(made[0][0].read_bytes())) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_checksums_are_folded_away(public: Path) -> None:
    html = (public / "index.html").read_text(encoding="utf-8")
    checks = re.findall(r"<details class=\"checksum\">(.*?)</details>", html, re.S)
    assert len(checks) == 4 and all(re.search(r"\b[0-9a-f]{64}\b", c) for c in checks)
    assert len(re.findall(r"\b[0-9a-f]{64}\b", html)) == 4  # none outside them
    assert "<details open" not in html


def test_previews_open_at_full_size(public: Path) -> None:
    page = Page((public / "index.html").read_text(encoding="utf-8"))
    pairs = re.findall(r'<a href="([^"]+\.(?:png|jpg))"><img src="([^"]+\.png)"',
                       (public / "index.html").read_text(encoding="utf-8"))
    assert len(pairs) == len([1 for tag, _ in page.elements if tag == "img"]) >= 2
    for large, small in pairs:
        with Image.open(public / large) as big, Image.open(public / small) as little:
            assert big.width >= 2 * little.width


def test_the_screen_pdf_opens_in_the_browser_and_comes_first(public: Path) -> None:
    html = (public / "index.html").read_text(encoding="utf-8")
    links = re.findall(r"<a ([^>]*href=\"[^\"]+\.pdf\"[^>]*)>", html)
    screen = [attrs for attrs in links if "-a6-community.pdf" in attrs]
    assert screen and not any("download" in attrs for attrs in screen)
    assert all("download" in attrs for attrs in links if attrs not in screen)
    assert re.search(r"<main[^>]*>\s*<p class=\"get\">\s*<a class=\"button\" href=\"[^\"]+"
                     r"-a6-community\.pdf\"", html)


def test_a_draft_or_partial_translation_says_so_first(public: Path, make_pack,
                                                      tmp_path: Path) -> None:
    for page_path in _pages(public):
        body = page_path.read_text(encoding="utf-8").split("<header", 1)[0]
        notices = re.findall(r'<div class="notices" role="note">(.*?)</div>', body, re.S)
        # The shipped translations are complete drafts: the draft notice, and no other.
        assert len(notices) == (0 if page_path.parent.name in ("en-gb", public.name) else 1)
        assert notices == [] or notices[0].count("<p>") == 1, (page_path, notices)
    root = make_pack(**{"content/translations/pl.yaml": (
        "translators: [{name: Ola Nowak}]\nreviewed: true\n"
        "labels:\n  site: {downloads: Pobierz pakiet}\n")})
    site(root, tmp_path / "out")
    html = (tmp_path / "out" / "pl" / "index.html").read_text(encoding="utf-8")
    notice = load_pack(root).labels.site.partial_notice  # left in English, and marked so
    assert f'<div class="notices" role="note">\n<p><span lang="en-GB" dir="ltr">{notice}' in html
    assert load_pack(root).labels.site.draft_notice not in html


def test_fonts_say_which_characters_they_are_for(public: Path) -> None:
    css = (public / "assets" / "site.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face \{(.*?)\}", css, re.S)
    assert len(faces) >= 10
    for face in faces:
        ranges = re.search(r"unicode-range: ([^;]+);", face)
        assert ranges, face
        spans = [(int(a, 16), int(b or a, 16))
                 for a, b in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", ranges[1])]
        latin = "Atkinson" in face
        # Latin letters come from the Latin font alone, so an English page needs no other.
        for letter in "aZ .,1":
            assert any(a <= ord(letter) <= b for a, b in spans) == latin, (letter, face)


def test_with_a_site_url_pages_give_their_address_and_a_sitemap_lists_them(
        make_pack, tmp_path: Path) -> None:
    root = make_pack(**{"content/translations/ur.yaml": (
        "translators: [{name: Ali}]\nreviewed: false\nlabels:\n  site: {downloads: ڈاؤن لوڈ}\n")})
    pack_yaml = root / "content" / "pack.yaml"
    plain = site(root, tmp_path / "plain")
    assert not (tmp_path / "plain" / "sitemap.xml").exists()
    assert 'rel="canonical"' not in (tmp_path / "plain" / "index.html").read_text("utf-8")
    assert plain.files
    pack_yaml.write_text(pack_yaml.read_text(encoding="utf-8")
                         + "site_url: https://example.org/our-pack\n", encoding="utf-8")
    out = tmp_path / "public"
    site(root, out)
    base = "https://example.org/our-pack/"
    for path, address in (("index.html", base), ("ur/index.html", base + "ur/"),
                          ("ur/recipes.html", base + "ur/recipes.html")):
        page = Page((out / path).read_text(encoding="utf-8"))
        assert page.first("link", rel="canonical")["href"] == address
        assert page.first("meta", property="og:url")["content"] == address
    recipes = Page((out / "ur" / "recipes.html").read_text(encoding="utf-8"))
    assert recipes.first("link", rel="alternate", hreflang="en-GB")["href"] == \
        base + "en-gb/recipes.html"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(out / "sitemap.xml").getroot()
    locs = [loc.text or "" for loc in tree.findall("s:url/s:loc", ns)]
    assert base in locs and base + "ur/" in locs and base + "ur/recipes.html" in locs
    for loc in locs:
        path = loc.removeprefix(base)
        assert (out / (path + "index.html" if path.endswith("/") or not path else path)).is_file()
    first = tree.find("s:url", ns)
    assert {link.get("hreflang") for link in first.findall("x:link", ns)} == {"en-GB", "ur"}
    assert (out / "robots.txt").read_text(encoding="utf-8").endswith(
        f"Sitemap: {base}sitemap.xml\n")
    # The not-found page is shown at any depth: its links are full addresses.
    missing = Page((out / "404.html").read_text(encoding="utf-8"))
    assert missing.first("link", rel="stylesheet")["href"] == base + "assets/site.css"
    assert missing.first("a", hreflang="ur")["href"] == base + "ur/"


def test_a_new_adaptation_has_a_description_for_its_page(tmp_path: Path) -> None:
    from activate_pack.output.newpack import new_pack

    root = new_pack(tmp_path / "town", locality="Testford", organisation="Testford Trust").root
    description = load_pack(root).info.description
    assert description == "Activate Pack, adapted for Testford by Testford Trust."
    site(root, tmp_path / "public")
    for home in ("index.html", "ur/index.html"):
        page = Page((tmp_path / "public" / home).read_text(encoding="utf-8"))
        assert page.first("meta", name="description")["content"] == description
    # On the Urdu page it is marked as the English it is.
    assert f'<p class="lead"><span lang="en-GB" dir="ltr">{description}</span></p>' in (
        tmp_path / "public" / "ur" / "index.html").read_text(encoding="utf-8")
