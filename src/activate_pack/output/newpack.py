"""``activate-pack new``: start an adaptation of a pack, ready for local editors.

The new folder holds a starter ``content/pack.yaml`` (with the base pack's credit filled in),
a README in plain words, empty card folders and the schemas editors use. A base other than the
built-in pack is copied into the folder, so building needs nothing outside it.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from activate_pack import __version__
from activate_pack.pack.loading.adapt import DEFAULT_BASE, upstream_of
from activate_pack.pack.loading.advice import PLACEHOLDER
from activate_pack.errors import PackError, Problem
from activate_pack.pack.sources.gate import Refused, check_file
from activate_pack.pack.model.kinds import read_kinds
from activate_pack.pack.model.licences import adaptation_refusal, licence
from activate_pack.pack.model.pack import Pack
from activate_pack.output.pins import PINS, WORKFLOW, pins_text
from activate_pack.render.xmp import build_epoch
from activate_pack.pack.sources.source import parse

STARTER = Path(__file__).resolve().parent.parent / "starter"
"""The templates of the files ``new`` writes."""

UPSTREAM_DIR = "upstream"
"""Where ``new --from PACK`` copies the base pack, inside the new folder."""

DEPENDABOT = ".github/dependabot.yml"
"""Dependabot's settings ``new`` writes: it proposes newer actions and dependencies."""

SKIP = shutil.ignore_patterns(".*", "dist", "__pycache__", "*.pdf", PINS)
"""Not copied from a base pack: hidden files, built PDFs, caches and the base's tool versions
(the new folder gets its own)."""


@dataclass(frozen=True)
class Created:
    """What ``new`` made: the folder and the files written in it."""

    root: Path
    files: tuple[Path, ...]


def schema_line(kind: str) -> str:
    """The first line of a YAML file ``new`` writes: where editors find its schema ('' if none)."""
    try:
        from activate_pack.pack.loading.schema import schema_comment
    except ImportError:  # an installation without the schema command: editors do without
        return ""
    return schema_comment(kind)


def _yaml_text(value: Any) -> str:
    """A value as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps("" if value is None else str(value), ensure_ascii=False)


def _render(name: str, values: dict[str, Any]) -> str:
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, loader=None,
                                        keep_trailing_newline=True)
    env.filters["q"] = _yaml_text
    return env.from_string((STARTER / name).read_text(encoding="utf-8")).render(**values)


def _empty_or_missing(root: Path) -> None:
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise PackError(Problem(f"{root} already exists and is not empty; choose a new folder "
                                "name, so nothing of yours is overwritten"))


def new_pack(root: Path, base: Path | None = None, locality: str | None = None,
             organisation: str | None = None, title: str | None = None,
             source_url: str | None = None) -> Created:
    """Create an adaptation in ``root`` of ``base`` (default: the built-in pack)."""
    from activate_pack.pack.sources.paths import PACK_FILE, default_pack_dir, find_pack
    from activate_pack.pack.loading.load import load_pack

    _empty_or_missing(root)
    base_root = default_pack_dir() if base is None else find_pack(base)
    base_pack = load_pack(base_root)  # a broken base is reported now, not at the first build
    info = base_pack.info
    base_lic = licence(info.licence)
    refusal = adaptation_refusal(info.licence, info.licence)
    if refusal:
        raise PackError(Problem(f"this pack cannot be adapted: {refusal}",
                                f"{base_root / PACK_FILE}"))
    values = _starter_values(base_pack, base is not None, locality, organisation, title,
                             source_url)
    pack_yaml = _render("pack.yaml", values)
    written = parse(pack_yaml, PACK_FILE)  # read back: the README quotes the final title
    readme = _render("README.md", values | {
        "title": written["title"], "locality_or_area": locality or written["title"],
        "from_folder": UPSTREAM_DIR if base is not None else "",
        "base_licence_name": base_lic.name, "base_licence_url": base_lic.deed_url,
    })

    plan = copy_plan(base_root) if base is not None else []  # refusals come before mkdir
    existed = root.exists()
    try:
        files = _write_starter(root, base_root, plan, ((PACK_FILE, pack_yaml),
                                                       ("README.md", readme)))
        load_pack(root)  # what new writes must build: a mistake here is ours, found at once
    except BaseException:  # stopped or failed: take away the half-made folder, so 'new' works again
        _remove_half_made(root, existed)
        raise
    return Created(root, tuple(files))


def _starter_values(base_pack: Pack, copied: bool, locality: str | None,
                    organisation: str | None, title: str | None,
                    source_url: str | None) -> dict[str, Any]:
    """What the starter pack.yaml and README say: the answers given, and the base's credit
    (``copied``: the base is copied into the new folder, not the built-in pack)."""
    info = base_pack.info
    base_lic = licence(info.licence)
    return {
        "schema_line": schema_line("pack"),
        "title": title, "locality": locality, "organisation": organisation,
        "placeholder": PLACEHOLDER,
        "subtitle": info.subtitle, "language": info.language,
        "year": time.strftime("%Y", time.gmtime(_today())),
        "source_url": source_url or info.source_url,
        "licence": info.licence, "base_licence": base_lic.short_name,
        "licence_fixed": base_lic.share_alike or base_lic.non_commercial,
        "extends": UPSTREAM_DIR if copied else DEFAULT_BASE,
        "upstream": upstream_of(base_pack).model_dump(),
        "history": [entry.model_dump() for entry in info.history],
        "base_logo": base_pack.logo is not None,  # the starter says the original's is kept
        "today": time.strftime("%Y-%m-%d", time.gmtime(_today())),
    }


def _write_starter(root: Path, base_root: Path, plan: list[tuple[str, bool]],
                   written: tuple[tuple[str, str], ...]) -> list[Path]:
    """The new folder's files: the base copied by ``plan``, empty card folders, the
    ``written`` files (name, text), a layout, the workflow and the schemas."""
    root.mkdir(parents=True, exist_ok=True)
    files = []
    copy_files(base_root, root / UPSTREAM_DIR, plan)
    for folder in (*read_kinds(base_root).folders, "guide"):
        (root / "content" / folder).mkdir(parents=True, exist_ok=True)
    layout = (STARTER / "a6-layout.yaml").read_text(encoding="utf-8")
    (root / "layouts").mkdir(exist_ok=True)
    workflow = _render("publish.yml", {"tool_version": __version__})
    dependabot = (STARTER / "dependabot.yml").read_text(encoding="utf-8")
    for name, text in (*written, ("layouts/a6.yaml", layout), (WORKFLOW, workflow),
                       (PINS, pins_text()), (DEPENDABOT, dependabot)):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
        files.append(root / name)
    files.extend(_schemas(root))
    return files


def _remove_half_made(root: Path, existed: bool) -> None:
    """Remove what ``new`` made in ``root`` (an empty folder that was there stays, empty)."""
    shutil.rmtree(root, ignore_errors=True)
    if existed:
        root.mkdir(parents=True, exist_ok=True)


def copy_plan(base_root: Path) -> list[tuple[str, bool]]:
    """What ``new --from`` copies: (path from the base, True for a folder), all checked first.

    Only ordinary files and folders are copied; a named pipe, socket, device or a link leading
    outside the base pack is refused before anything is created.
    """
    plan: list[tuple[str, bool]] = []
    pending = [PurePosixPath()]
    while pending:
        folder = pending.pop()
        names = sorted(os.listdir(base_root / folder))
        skipped = SKIP(str(base_root / folder), names)
        for name in names:
            if name in skipped:
                continue
            rel = folder / name
            try:
                if (base_root / rel).is_symlink() and (base_root / rel).is_dir():
                    raise Refused("is a link to a folder")
                check_file(base_root, base_root / rel, folder=(base_root / rel).is_dir())
            except (Refused, OSError) as exc:
                raise PackError(Problem(f"{rel.as_posix()} {str(exc).split(';')[0]}; only "
                                        "ordinary files and folders can be copied into a new "
                                        "pack. Remove it from the base pack, or copy the pack "
                                        "without it. Nothing was created",
                                        str(base_root))) from None
            is_dir = (base_root / rel).is_dir()
            plan.append((rel.as_posix(), is_dir))
            if is_dir:
                pending.append(rel)
    return plan


def copy_files(base_root: Path, target: Path, plan: list[tuple[str, bool]]) -> None:
    """Copy the checked files and folders of ``plan`` from ``base_root`` into ``target``."""
    for rel, is_dir in sorted(plan):
        if is_dir:
            (target / rel).mkdir(parents=True, exist_ok=True)
        else:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            real = check_file(base_root, base_root / rel)
            shutil.copyfile(real, target / rel)


def _schemas(root: Path) -> list[Path]:
    """Schema files for editors, so they check pack files as people type."""
    from activate_pack.output.schemas import write
    from activate_pack.pack.loading.schema import SCHEMA_DIR

    return write(root / SCHEMA_DIR)


def _today() -> int:
    """Now, or SOURCE_DATE_EPOCH when set, so the history's date is repeatable in tests."""
    return build_epoch() if os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit() \
        else int(time.time())
