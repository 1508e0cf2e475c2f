"""The corpus of bad inputs: every mistake a person makes, every trick an attacker tries.

Each case is a file in ``cases/`` or, when it is binary, huge or deep, a
generator below (nothing of the kind is committed). ``expected.yaml`` gives
for each case the exit code and every finding (line, column, rule, whole
French message), or the whole error line for inputs that are not files.
Cases run through the real CLI, ``rzn check FILE --format json``; a few run
in a child process to prove that no traceback reaches the user.
"""

from __future__ import annotations

import codecs
import json
import random
import re
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import run_subprocess

CORPUS = Path(__file__).parent
CASES = CORPUS / "cases"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)
TODAY = "2027-09-01"

# The valid online event every generated case starts from (same as the
# committed cases): line 11 is "  platform: BigBlueButton".
BASE = """\
# Rencontre en ligne : un cas du corpus d'erreurs.
title: RéZolutions numériques Bretagne
date: 2027-11-18
format: online
region: Bretagne
organizers:
  - name: Le Mouvement associatif de Bretagne
    lead: true
    email: contact@example.org
online:
  platform: BigBlueButton
  url: https://visio.example.org/rzn
"""
# A typo on line 11, column 3, to prove positions survive BOMs and line ends.
TYPO = BASE.replace("  platform:", "  platfrom:")

GENERATORS: dict[str, Callable[[Path], Path]] = {}


def generated(name: str) -> Callable[[Callable[[Path], Path]], Callable[[Path], Path]]:
    def register(make: Callable[[Path], Path]) -> Callable[[Path], Path]:
        GENERATORS[name] = make
        return make

    return register


def _bytes(folder: Path, data: bytes, name: str = "event.yaml") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@generated("encoding-latin-1")
def _latin1(folder: Path) -> Path:
    return _bytes(folder, BASE.encode("latin-1"))


@generated("encoding-bom-crlf-tab-then-latin-1")
def _bom_latin1(folder: Path) -> Path:
    # A BOM is no column, a tab is one, CRLF ends one line: 2:8 as an editor shows it.
    text = BASE.replace("\n", "\r\n").replace("title: RéZolutions", "title:\tRéZolutions")
    return _bytes(folder, codecs.BOM_UTF8 + text.encode("latin-1"))


@generated("encoding-windows-1252")
def _cp1252(folder: Path) -> Path:
    # ’ (0x92) is a Windows-1252 character with no Latin-1 counterpart.
    title = "title: L’atelier du numérique associatif"
    return _bytes(
        folder, BASE.replace("title: RéZolutions numériques Bretagne", title).encode("cp1252")
    )


@generated("encoding-truncated-utf-8")
def _truncated(folder: Path) -> Path:
    return _bytes(folder, (BASE + "city: Saint-Brieuc l’").encode()[:-1])


@generated("encoding-utf-16-bom-accepted")
def _utf16(folder: Path) -> Path:
    return _bytes(folder, TYPO.encode("utf-16"))


@generated("encoding-utf-16-without-bom")
def _utf16_le(folder: Path) -> Path:
    return _bytes(folder, BASE.encode("utf-16-le"))


@generated("encoding-utf-8-bom-accepted")
def _utf8_bom(folder: Path) -> Path:
    return _bytes(folder, codecs.BOM_UTF8 + BASE.encode())


@generated("line-ends-crlf-accepted")
def _crlf(folder: Path) -> Path:
    return _bytes(folder, BASE.replace("\n", "\r\n").encode())


@generated("line-ends-bom-and-crlf-keep-positions")
def _bom_crlf(folder: Path) -> Path:
    return _bytes(folder, codecs.BOM_UTF8 + TYPO.replace("\n", "\r\n").encode())


@generated("line-ends-cr-only-keep-positions")
def _cr(folder: Path) -> Path:
    return _bytes(folder, TYPO.replace("\n", "\r").encode())


@generated("binary-png-image")
def _png(folder: Path) -> Path:
    header = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02"
    return _bytes(folder, header + bytes(200), "affiche.yaml")


@generated("binary-random-bytes")
def _random(folder: Path) -> Path:
    rng = random.Random(6)
    return _bytes(folder, bytes(rng.randrange(256) for _ in range(4096)))


@generated("nul-byte-in-text")
def _nul(folder: Path) -> Path:
    return _bytes(folder, (BASE + "city: Saint\x00Brieuc\n").encode())


@generated("control-characters")
def _control(folder: Path) -> Path:
    return _bytes(folder, (BASE + "city: Saint\x01Brieuc\nvenue:\n  name: Salle\x0bA\n").encode())


@generated("line-separator-pasted-from-word")
def _line_separator(folder: Path) -> Path:
    return _bytes(folder, (BASE + "city: Saint-Brieuc\u2028\ncommunication:\n").encode())


@generated("huge-file-50-mb")
def _huge(folder: Path) -> Path:
    return _huge_file(folder)


def _huge_file(folder: Path) -> Path:
    path = folder / "journal.yaml"
    line = b"- {start: '09:00', duration: 30, title: Accueil, kind: welcome}\n"
    with path.open("wb") as handle:
        handle.write(BASE.encode() + b"program:\n")
        handle.write(line * (50_000_000 // len(line)))
    return path


@generated("nesting-10000-flow")
def _deep_flow(folder: Path) -> Path:
    return _bytes(folder, ("title: " + "[" * 10_000 + "]" * 10_000 + "\n").encode())


@generated("nesting-10000-block-lists")
def _deep_block_lists(folder: Path) -> Path:
    return _bytes(folder, ("title:\n" + "- " * 10_000 + "x\n").encode())


@generated("nesting-1000-block-mappings")
def _deep_block_mappings(folder: Path) -> Path:
    # Block tables need one more column each: 1000 levels are 500 ko.
    return _bytes(folder, "".join(" " * i + f"k{i}:\n" for i in range(1000)).encode())


@generated("program-too-many-items")
def _long_program(folder: Path) -> Path:
    item = '  - {start: "09:00", duration: 1, title: Minute, kind: talk}\n'
    return _bytes(folder, (BASE + "program:\n" + item * 501).encode())


@generated("directory-without-events")
def _directory(folder: Path) -> Path:
    path = folder / "evenements"
    path.mkdir()
    (path / "notes.txt").write_text("pas un événement\n", encoding="utf-8")
    return path


@generated("missing-path")
def _missing(folder: Path) -> Path:
    return folder / "evenement-absent.yaml"


SUBPROCESS = [
    "binary-png-image",
    "encoding-latin-1",
    "nesting-10000-flow",
    "alias-bomb-billion-laughs",
    "unsafe-tag-python-object",
    "missing-path",
]
"""Cases also run as a real child process: the exit code and the whole
stderr are checked there too, so a crash or a traceback cannot hide."""


def case_path(name: str, folder: Path) -> Path:
    if name in GENERATORS:
        return GENERATORS[name](folder)
    return CASES / f"{name}.yaml"


def check(result: Any, expected: dict[str, Any], path: Path) -> None:
    assert result.code == expected["exit"], result.out + result.err
    if "stderr" in expected:
        assert result.err == "rzn : " + expected["stderr"].format(path=path) + "\n"
        assert result.out == ""
        return
    assert result.err == ""
    findings = json.loads(result.out)["findings"]
    assert {f["file"] for f in findings} <= {str(path)}
    # The corpus is about reading and validating files; the vade-mecum rules (RZN1xx and
    # above) have their own cases in tests/rules/cases/.
    got = [
        (f["line"], f["column"], f["rule"], f["message"]) for f in findings if f["code"] < "RZN100"
    ]
    want = [_parse(line) for line in expected.get("findings", [])]
    # Order is the printer's business; the set of findings is the corpus's.
    assert sorted(got) == sorted(want)


def _parse(finding: str) -> tuple[int, int, str, str]:
    """``"13:24 [invalid-value] message"`` → ``(13, 24, "invalid-value", "message")``."""
    match = re.fullmatch(r"(\d+):(\d+) \[([a-z-]+)\] (.+)", finding, re.DOTALL)
    assert match is not None, finding
    return int(match[1]), int(match[2]), match[3], match[4]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_case(name, rzn, tmp_path):
    path = case_path(name, tmp_path)
    result = rzn("check", str(path), "--format", "json", "--today", TODAY)
    check(result, EXPECTED[name], path)


@pytest.mark.parametrize("name", SUBPROCESS)
def test_corpus_case_in_a_child_process(name, tmp_path):
    path = case_path(name, tmp_path)
    result = run_subprocess("check", str(path), "--format", "json", "--today", TODAY)
    check(result, EXPECTED[name], path)


def test_every_case_has_an_expectation_and_every_expectation_a_case():
    files = {p.stem for p in CASES.glob("*.yaml")}
    assert files.isdisjoint(GENERATORS)
    assert set(EXPECTED) == files | set(GENERATORS)


def test_huge_file_is_refused_from_its_size_without_being_read(tmp_path):
    from rzn.load import load_path

    path = _huge_file(tmp_path)
    tracemalloc.start()
    loaded = load_path(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert loaded.unusable
    assert [p.rule for p in loaded.problems] == ["input-limit"]
    # Reading the file would allocate its 50 Mo; refusing it from its size
    # allocates a few kilobytes and takes well under a millisecond.
    assert peak < 100_000
