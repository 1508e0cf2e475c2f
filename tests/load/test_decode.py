"""Bytes → text: accepted encodings, refused ones located and explained."""

from __future__ import annotations

import codecs

import pytest

from rzn.load.decode import DecodeProblem, decode

TEXT = "title: Joué-lès-Tours\r\ncity: Tours\n"

RESAVE = (
    "Réenregistrez-le en UTF-8 (Bloc-notes : « Enregistrer sous » puis Encodage « UTF-8 » ; "
    "LibreOffice : cochez « Modifier les paramètres du filtre »)."
)


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-be-bom", "utf-32-bom"],
)
def test_accepted_encodings_give_the_same_text(data):
    assert decode(data) == (TEXT, None)


def test_latin1_names_byte_character_and_place():
    assert decode("a: b\ncity: Joué\n".encode("latin-1")) == (
        None,
        DecodeProblem(
            2,
            10,
            "Le fichier n'est pas encodé en UTF-8 comme attendu : l'octet 0xE9, juste après "
            "« city: Jou », est le caractère « é » en Latin-1 / Windows-1252 ; le fichier a "
            f"sans doute été enregistré en « ANSI » par un éditeur Windows. {RESAVE}",
        ),
    )


def test_windows_1252_only_byte_is_named_as_windows_1252():
    text, problem = decode("note: l’atelier\n".encode("cp1252"))
    assert text is None
    assert problem == DecodeProblem(
        1,
        8,
        "Le fichier n'est pas encodé en UTF-8 comme attendu : l'octet 0x92, juste après "
        "« note: l », est le caractère « ’ » en Windows-1252 ; le fichier a sans doute été "
        f"enregistré en « ANSI » par un éditeur Windows. {RESAVE}",
    )


def test_column_after_crlf_and_multibyte_characters():
    text, problem = decode("é: x\r\nnote: ééé".encode() + b"\xff")
    assert text is None and problem is not None
    assert (problem.line, problem.column) == (2, 10)


def test_truncated_multibyte_character_at_the_end():
    assert decode("note: l’".encode()[:-1]) == (
        None,
        DecodeProblem(
            1,
            8,
            "Le fichier se termine au milieu d'un caractère UTF-8, juste après « note: l » : il "
            "a sans doute été tronqué (copie interrompue). Vérifiez la fin du fichier et "
            "réenregistrez-le.",
        ),
    )


@pytest.mark.parametrize(("codec", "name"), [("utf-16-le", "petit"), ("utf-16-be", "gros")])
def test_utf16_without_bom_is_refused_as_an_encoding_problem(codec, name):
    assert decode(TEXT.encode(codec)) == (
        None,
        DecodeProblem(
            1,
            1,
            f"Le fichier est encodé en UTF-16 ({name}-boutiste) sans marque d'ordre des octets "
            "(BOM) : rzn attend de l'UTF-8. Réenregistrez-le en UTF-8 (Bloc-notes : "
            "« Enregistrer sous » puis Encodage « UTF-8 »).",
        ),
    )


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "une image PNG"),
        (b"%PDF-1.7\n", "un document PDF"),
        (b"PK\x03\x04\x14\x00", "une archive ZIP (ou un document Word, LibreOffice ou Excel)"),
        (bytes(range(256)) * 4, "un fichier binaire (image, PDF, document de bureautique…)"),
    ],
    ids=["png", "pdf", "zip", "bytes"],
)
def test_binary_files_are_unusable_and_named(data, kind):
    assert decode(data) == (
        None,
        DecodeProblem(
            1,
            1,
            f"Ce fichier est {kind}, pas un fichier d'événement YAML (du texte) : indiquez le "
            "fichier .yaml de l'événement.",
            unusable=True,
        ),
    )


def test_a_stray_nul_in_text_is_kept_for_the_character_check():
    assert decode(b"title: a\x00b\n") == ("title: a\x00b\n", None)


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8], ids=["no-bom", "utf-8-bom"])
def test_latin1_byte_after_a_bom_crlf_and_a_tab_is_where_an_editor_shows_it(bom):
    # « é » is the 7th character of line 2: the BOM is no column, the tab is one.
    text, problem = decode(bom + "a: b\r\nc:\tCaf\xe9\r\n".encode("latin-1"))
    assert text is None and problem is not None
    assert (problem.line, problem.column) == (2, 7)
    assert "l'octet 0xE9, juste après « c:\tCaf », est le caractère « é »" in problem.message


def test_utf16_error_position_counts_characters_not_bytes():
    data = "ab: 1\n\tc: x".encode("utf-16") + b"\x00\xdc"  # a lone low surrogate
    text, problem = decode(data)
    assert text is None and problem is not None
    assert (problem.line, problem.column) == (2, 6)
