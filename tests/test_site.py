"""`activate-pack site`: the PDFs, previews and a download page whose every link works."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from activate_pack.cli import app
from activate_pack.output.site import site
from activate_pack.pack.loading.load import load_pack
from activate_pack.pack.sources.paths import default_pack_dir

runner = CliRunner()


class Page(HTMLParser):
    """Every element with its attributes, and the text, of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())

    def links(self) -> list[str]:
        return [value for _, attrs in self.elements for name, value in attrs.items()
                if name in ("href", "src") and value]

    def first(self, tag: str, **wanted: str) -> dict[str, str | None]:
        for found, attrs in self.elements:
            if found == tag and all(attrs.get(k) == v for k, v in wanted.items()):
                return attrs
        raise AssertionError(f"no <{tag}> with {wanted}")


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default pack's site, made once through the command line."""
    out = tmp_path_factory.mktemp("site") / "public"
    result = runner.invoke(app, ["site", str(default_pack_dir()), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_index_links_four_pdfs_and_previews(public: Path) -> None:
    page = Page((public / "index.html").read_text(encoding="utf-8"))
    pdfs = [link for link in page.links() if link.endswith(".pdf")]
    assert len(pdfs) >= 4
    assert {re.sub(r"^.*-(a[46]-.*)\.pdf$", r"\1", p) for p in pdfs} >= {
        "a6-community", "a6-community-home", "a6-community-shop", "a4-facilitator"}
    images = [attrs for tag, attrs in page.elements if tag == "img"]
    assert len(images) >= 2
    assert all(attrs.get("alt") for attrs in images)
    assert any("cover" in str(attrs["src"]) for attrs in images)


def test_every_link_resolves_to_a_file(public: Path) -> None:
    pack = load_pack(default_pack_dir())
    for page_path in public.glob("**/*.html"):
        page = Page(page_path.read_text(encoding="utf-8"))
        for link in page.links():
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):  # only the licence and the pack's source
                assert link.startswith(("https://creativecommons.org/", pack.info.source_url))
                continue
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), link
            if not parts.path:  # a place on the same page: the skip link
                assert f'id="{parts.fragment}"' in page_path.read_text(encoding="utf-8"), link
                continue
            target = (page_path.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page_path.name}: {link}"
            assert public.resolve() in target.parents


def test_sizes_pages_and_checksums_match_the_files(public: Path) -> None:
    html = (public / "index.html").read_text(encoding="utf-8")
    page = Page(html)
    pdfs = [link for link in page.links() if link.endswith(".pdf")]
    for link in pdfs:
        data = (public / link).read_bytes()
        pages = len(PdfReader(public / link).pages)
        item = html[html.index(f'href="{link}"'):]
        item = item[:item.index("</li>")]
        assert hashlib.sha256(data).hexdigest() in item
        assert f"{pages} pages" in item
        assert f"{max(1, round(len(data) / 1024))} KB" in item


def test_the_page_carries_language_licence_and_sharing_details(public: Path) -> None:
    pack = load_pack(default_pack_dir())
    page = Page((public / "index.html").read_text(encoding="utf-8"))
    html = page.first("html")
    assert html["lang"] == "en-GB" and html["dir"] == "ltr"
    assert page.first("link", rel="license")["href"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert page.first("meta", property="og:title")["content"] == pack.info.title
    assert page.first("meta", name="description")["content"]
    image = page.first("meta", property="og:image")["content"]
    assert image and (public / str(image)).is_file()
    assert "Activate Pack by Activate Pack contributors, " + pack.info.source_url in page.text
    assert "CC BY-SA 4.0" in page.text
    assert "100%" in page.text  # how to print


def test_fonts_are_self_hosted(public: Path) -> None:
    css = (public / "assets" / "site.css").read_text(encoding="utf-8")
    fonts = re.findall(r'url\("([^"]+)"\)', css)
    # Every bundled font, so a device with no Urdu, Gurmukhi or Bengali font shows no boxes.
    from activate_pack.text import FONT_DIR

    whole = sorted(set(font for font in fonts if not font.startswith("fonts/name-")))
    assert whole == sorted(f"fonts/{p.name}" for p in FONT_DIR.glob("*.ttf"))
    for font in fonts:
        assert (public / "assets" / font).read_bytes()[:4] == b"\x00\x01\x00\x00"
    licences = (public / "assets" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "Atkinson" in licences and "Noto" in licences
    assert ':lang(ur) { font-family: "activate-atkinson", "activate-nastaliq"' in css


def test_pack_words_are_escaped(make_pack, tmp_path: Path) -> None:
    from conftest import PACK_YAML

    hostile = 'Pack <script>alert("x")</script> & "quotes"'
    root = make_pack(**{"content/pack.yaml": PACK_YAML.replace(
        "title: Test Pack", "title: '" + hostile + "'\nslug: test-pack") + "description: '<b>bold</b>'\n"})
    site(root, tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;" in html
    assert Page(html).first("meta", property="og:title")["content"] == hostile


def test_labels_give_the_page_its_words(make_pack, tmp_path: Path) -> None:
    root = make_pack(**{"content/labels.yaml": "site:\n  downloads: Téléchargez le jeu\n"
                                               "  language_name: Français\n"})
    site(root, tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Téléchargez le jeu" in html and "Download the pack" not in html


def test_a_failing_pack_writes_nothing(make_pack, tmp_path: Path) -> None:
    root = make_pack(**{"content/recipes/soup-club.yaml": "id: soup-club\ntitle: Soup\n"})
    result = runner.invoke(app, ["site", str(root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert not (tmp_path / "out").exists()


def test_each_language_has_its_page_in_its_own_language_and_direction(public: Path) -> None:
    from activate_pack.pack.sources.paths import default_pack_dir
    from activate_pack.pack.loading.translations import languages

    tags = languages(default_pack_dir())
    assert {"ur", "pa-Guru", "bn", "ar", "pl", "ro"} <= set(tags)
    home = (public / "index.html").read_text(encoding="utf-8")
    for tag in tags:
        page = public / tag.lower() / "index.html"  # so '/ur/' is the Urdu site's address
        html = page.read_text(encoding="utf-8")
        rtl = tag in ("ur", "ar")
        assert f'<html lang="{tag}" dir="{"rtl" if rtl else "ltr"}">' in html, tag
        assert f'href="{tag.lower()}/index.html"' in home, tag
        pdfs = re.findall(r'href="([^"]+\.pdf)"', html)
        assert len(pdfs) >= 4 and all(p.startswith(f"../{tag.lower()}/") for p in pdfs), tag
        assert all((page.parent / p).is_file() for p in pdfs)
    assert ">اردو<" in home and ">ਪੰਜਾਬੀ<" in home and ">Română<" in home


def test_with_a_site_url_share_pictures_have_full_addresses(make_pack, tmp_path: Path) -> None:
    root = make_pack()
    pack_yaml = root / "content" / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text(encoding="utf-8")
                         + "site_url: https://example.org/our-pack\n", encoding="utf-8")
    out = tmp_path / "public"
    site(root, out)
    for path in (out / "index.html", out / "en-gb" / "recipes.html"):
        image = str(Page(path.read_text(encoding="utf-8")).first("meta", property="og:image")
                    ["content"])
        # Social media fetch the picture by its full address: it is where the site puts it.
        assert image.startswith("https://example.org/our-pack/"), image
        assert (out / image.removeprefix("https://example.org/our-pack/")).is_file(), image


SAME_AS_ENGLISH = {"kilobytes", "megabytes", "page_title", "zip_details"}
"""Site labels that may read as in English: units, and a pattern with no words of its own."""


def _site_words(pack) -> dict[str, str]:  # type: ignore[no-untyped-def]
    found = {}
    for name, value in pack.labels.site.model_dump().items():
        for index, text in enumerate(value if isinstance(value, list) else [value]):
            found[f"{name}.{index}" if isinstance(value, list) else name] = text
    return found


@pytest.mark.parametrize("tag", ["ur", "ar", "pa-Guru", "bn", "pl", "ro"])
def test_each_language_page_says_everything_in_its_language(public: Path, tag: str) -> None:
    english = _site_words(load_pack(default_pack_dir()))
    pack = load_pack(default_pack_dir(), language=tag)
    words = _site_words(pack)
    same = [name for name, text in words.items()
            if text == english[name] and name not in SAME_AS_ENGLISH]
    assert not same, f"{tag}: site labels still in English: {same}"
    page = Page((public / tag.lower() / "index.html").read_text(encoding="utf-8"))
    for name in ("intro", "downloads", "how_to_print", "checksum_note", "credit_intro",
                 "read_online"):
        assert words[name] in page.text, (tag, name)
        assert english[name] not in page.text, (tag, name)
    assert page.first("nav", **{"class": "languages"})["aria-label"] == words["languages"]
    assert pack.labels.site.print_steps[0] in page.text or "**" in pack.labels.site.print_steps[0]


def test_right_to_left_pages_isolate_left_to_right_values(public: Path) -> None:
    # A version, a page count, a licence name or a web address inside an Urdu sentence keeps
    # its own direction, so the sentence's full stop stays at its end (the left).
    html = (public / "ur" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<bdi>[0-9][^<]*</bdi> سے بنایا گیا۔", html)
    assert re.search(r"لائسنس <bdi>CC BY-SA 4\.0</bdi>۔", html)
    assert re.search(r"<bdi>[0-9]+</bdi> صفحات", html)
    assert "<bdi>" not in (public / "index.html").read_text(encoding="utf-8").split("<footer")[0]


def test_a_site_label_left_untranslated_is_a_warning_naming_it(make_pack, tmp_path: Path) -> None:
    root = make_pack(**{"content/translations/pl.yaml": (
        "translators: [{name: Ola Nowak}]\nreviewed: false\n"
        "labels:\n  site: {downloads: Pobierz pakiet}\n")})
    warnings: list[str] = []
    site(root, tmp_path / "out", warn=lambda problem: warnings.append(str(problem)))
    text = "\n".join(warnings)
    assert "site.intro" in text and "print in English" in text
    assert "site.downloads" not in text
    html = (tmp_path / "out" / "pl" / "index.html").read_text(encoding="utf-8")
    assert "Pobierz pakiet" in html
    # The words left in English say so, for screen readers' voices and for the direction.
    intro = load_pack(root).labels.site.intro
    assert f'<span lang="en-GB" dir="ltr">{intro}</span>' in html


def test_languages_made_in_worker_processes_give_the_same_site_and_warnings(
        make_pack, tmp_path: Path) -> None:
    """Each language in a process of its own (two at once) or all in one: the same bytes in
    every file, and the same warnings in the same order."""
    root = make_pack(**{"content/translations/pl.yaml": (
        "translators: [{name: Ola Nowak}]\nreviewed: false\n"
        "labels:\n  site: {downloads: Pobierz pakiet}\n")})
    found = []
    for jobs in (1, 2):
        out, warnings = tmp_path / f"jobs-{jobs}", []  # type: ignore[var-annotated]
        site(root, out, warn=warnings.append, jobs=jobs)
        found.append(({p.relative_to(out): p.read_bytes() for p in out.rglob("*")
                       if p.is_file()}, [str(w) for w in warnings]))
    (one, warned_once), (two, warned_twice) = found
    assert Path("pl/index.html") in one and one.keys() == two.keys()
    assert [path for path in one if one[path] != two[path]] == []
    assert warned_once == warned_twice and any("site.intro" in w for w in warned_once)


def test_an_adaptations_site_has_the_originals_languages_and_says_each_thing_once(
        tmp_path: Path) -> None:
    """A fresh adaptation's site is built in every language its original has. Each language is
    prepared with the pack, yet a warning about the pack is given once; the gaps of the
    original's translations are not the adaptation's to hear about."""
    from activate_pack.output.newpack import new_pack

    root = new_pack(tmp_path / "town", locality="Testford").root  # no --organisation
    warnings: list[str] = []
    made = site(root, tmp_path / "public", warn=lambda p: warnings.append(str(p)))
    shipped = sorted(p.stem for p in (default_pack_dir() / "content/translations").glob("*.yaml"))
    assert {f"{tag.lower()}/index.html" for tag in shipped} <= {
        p.relative_to(tmp_path / "public").as_posix() for p in made.pages}
    assert len(warnings) == 1 and "still here" in warnings[0], warnings


@pytest.mark.parametrize("folder", ["en-gb", "ur"])
def test_every_card_of_the_edition_shows_its_kinds_icon_hidden_from_screen_readers(
        public: Path, folder: str) -> None:
    from activate_pack.layout.iconset import icon, path_data

    icons = {"questions": "message-circle-question-mark", "ingredients": "sprout",
             "recipes": "chef-hat"}
    for name, drawn in icons.items():
        html = (public / folder / f"{name}.html").read_text(encoding="utf-8")
        page = Page(html)
        cards = [a for tag, a in page.elements if tag == "article"]
        svgs = [a for tag, a in page.elements if tag == "svg"]
        assert cards and len(svgs) == len(cards), name
        assert all(a.get("aria-hidden") == "true" and a.get("class") == "icon" for a in svgs)
        # The same drawing as on the printed card, inside each card's kind label.
        assert html.count(f'<path d="{path_data(icon(drawn))}"/>') == len(cards)
        assert len(re.findall(r'<p class="tag"><svg class="icon"', html)) == len(cards)


def test_the_icon_set_is_credited_and_its_licence_ships_with_the_site(public: Path) -> None:
    home = Page((public / "index.html").read_text(encoding="utf-8"))
    assert "Lucide, ISC License" in home.text
    # The credit links to the icons' licence, shipped beside the pages.
    assert "assets/icons/LICENSE.txt" in home.links()
    assert "Lucide, ISC License" in (public / "en-gb/about.html").read_text(encoding="utf-8")
    shipped = (public / "assets/icons/LICENSE.txt").read_bytes()
    assert shipped.startswith(b"ISC License") and b"Lucide" in shipped
