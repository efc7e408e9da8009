"""Read a translator's PO file strictly: a file gettext would refuse is refused here, at its line.

polib, like most PO readers, forgives: a missing closing quote drops a letter, an unclosed
``msgid "a`` ends the file early, a plural entry is read and then has nowhere to go. A
translation is somebody's work, so nothing is guessed: every line is checked first, and a
problem names the PO file's line and what to do about it.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from activate_pack.errors import PackError, Problem, Problems
from activate_pack.pack.loading.translations import LANGUAGE_NAMES

_KEYWORD = re.compile(r"(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s*(.*)")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_ESCAPES = set('ntr"\\abfv')
_PLURAL = ("this is a plural entry (msgid_plural, msgstr[n]); this pack has no plural texts, "
           "so write one msgid and one msgstr (export the PO file again to start from one)")


def read_po(path: Path, shown: str) -> tuple[polib.POFile, str]:
    """The PO file and its text, or PackError naming each line gettext would refuse."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PackError(Problem(f"cannot read this file: {exc.strerror}; check its name",
                                shown)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = data[:exc.start].count(b"\n") + 1
        declared = re.search(rb"charset=([\w.-]+)", data)
        said = f" (its header says charset={declared.group(1).decode('ascii')})" if declared else ""
        raise PackError(Problem(f"this line is not UTF-8 text{said}; save the file as UTF-8, "
                                f"or convert it: msgconv --to-code=UTF-8 {shown} -o {shown}",
                                shown, bad_line)) from None
    problems = Problems()
    for number, line in enumerate(text.splitlines(), 1):
        problem = _line_problem(line)
        if problem:
            problems.add(problem, shown, number)
    problems.raise_if_errors()
    try:
        po = polib.pofile(text.lstrip("\ufeff"), wrapwidth=0, encoding="utf-8")
    except (OSError, ValueError) as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise PackError(Problem(f"this is not a PO file gettext can read ({exc}); correct it, "
                                "or export a fresh one", shown,
                                int(found.group(1)) if found else None)) from None
    charset = re.search(r"charset=([\w.-]+)", po.metadata.get("Content-Type", ""))
    if charset and charset.group(1).lower() not in ("utf-8", "utf8", "charset", "ascii"):
        raise PackError(Problem(f"the header says charset={charset.group(1)}; this pack reads PO "
                                f"files in UTF-8: convert it with msgconv --to-code=UTF-8 "
                                f"{shown} -o {shown}", shown, header_line(text, "Content-Type")))
    return po, text


def _line_problem(line: str) -> str | None:
    """What gettext would refuse in one line of a PO file, or None."""
    body = line.strip()
    if not body or body.startswith("#"):
        return None
    keyword = _KEYWORD.fullmatch(body)
    if keyword and (keyword.group(1) == "msgid_plural" or "[" in keyword.group(1)):
        return _PLURAL
    rest = keyword.group(2) if keyword else body
    if not rest.startswith('"'):
        return ("expected a text in double quotes here (msgid \"…\", msgstr \"…\" or a "
                "continuation line \"…\"); a comment line starts with #")
    quoted = _QUOTED.match(rest)
    if quoted is None:
        return "the text's closing double quote is missing; end the line with \""
    if rest[quoted.end():].strip():
        return ("something follows the closing double quote; a quote inside a text is "
                "written \\\"")
    for escape in re.findall(r"\\(.)", quoted.group()):
        if escape not in _ESCAPES:
            return (f"'\\{escape}' is not an escape gettext knows; write a backslash itself "
                    "as \\\\")
    return None


_SCRIPTS = {("pa", None): "Guru", ("pa", "IN"): "Guru", ("pa", "PK"): "Arab"}
"""The script a language's files are named with where gettext's code leaves it out."""

_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "devanagari": "Deva"}


def normalise_tag(code: str, known: list[str]) -> str | None:
    """A language code as gettext tools write it (``ur_PK``, ``pa_IN``, ``sr@latin``), as this
    pack names translations (``ur``, ``pa-Guru``, ``sr-Latn``); None if it is not one.

    A region is kept only where the pack has a translation of that name, or the language is
    not one the pack knows (``pt-BR``): Urdu from Pakistan is Urdu."""
    text, _, modifier = code.strip().split(".")[0].partition("@")
    parts = re.split(r"[-_]", text)
    if not re.fullmatch(r"[A-Za-z]{2,3}", parts[0]):
        return None
    language, script, region = parts[0].lower(), None, None
    for part in parts[1:]:
        if re.fullmatch(r"[A-Za-z]{4}", part) and script is None and region is None:
            script = part.title()
        elif re.fullmatch(r"[A-Za-z]{2}|[0-9]{3}", part) and region is None:
            region = part.upper()
        else:
            return None
    script = (script or _MODIFIERS.get(modifier.lower())
              or _SCRIPTS.get((language, region)) or _SCRIPTS.get((language, None)))
    full = "-".join(p for p in (language, script, region) if p)
    short = "-".join(p for p in (language, script) if p)
    if region and full not in known and (short in known or language in LANGUAGE_NAMES):
        return short
    return full


def header_line(text: str, field: str) -> int | None:
    """The line of a header field (``"Language: ur\\n"``) in a PO file's text."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(f'"{field}:'):
            return number
    return None


def po_language(po: polib.POFile, text: str, shown: str, given: str | None,
                known: list[str]) -> str:
    """The language to import into: ``--lang`` or the header's, as the pack names it; both
    must agree."""
    header = po.metadata.get("Language", "").strip()
    line = header_line(text, "Language")
    wanted = normalise_tag(given, known) if given else None
    if given and wanted is None:
        raise PackError(f"--lang: '{given}' is not a language tag; write one such as 'ur', "
                        "'pl' or 'pa-Guru'")
    said = normalise_tag(header, known) if header else None
    if header and said is None:
        raise PackError(Problem(f"the header's 'Language: {header}' is not a language code; "
                                "write one such as ur, pl or pa_IN", shown, line))
    if wanted and said and wanted != said:
        raise PackError(Problem(
            f"this file is in {_name(said)} (its header says 'Language: {header}'), not "
            f"{_name(wanted)} as --lang says; import it with --lang {said}, or correct the "
            "header if it is wrong", shown, line))
    language = wanted or said
    if language is None:
        raise PackError(Problem("no language: give --lang, or a 'Language:' line in the header",
                                shown))
    return language


def _name(tag: str) -> str:
    return f"{LANGUAGE_NAMES.get(tag.split('-')[0], tag)} ({tag})"


def credited(po: polib.POFile) -> list[str]:
    """The people the header credits: Last-Translator, Language-Team and X-Translators (a
    list separated by commas or semicolons), without e-mail addresses or template values."""
    names: list[str] = []
    for field in ("X-Translators", "Last-Translator", "Language-Team"):
        for part in re.split(r"[;,]" if field == "X-Translators" else r";",
                             po.metadata.get(field, "")):
            name = re.sub(r"<[^>]*>", "", part).strip()
            if name and name.upper() not in ("FULL NAME", "LANGUAGE") and \
                    name.lower() not in (n.lower() for n in names) and \
                    name not in LANGUAGE_NAMES.values():
                names.append(name)
    return names
