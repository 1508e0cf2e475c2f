"""Reading real exports: encodings, separators, quoted line breaks, bad rows."""

from __future__ import annotations

import codecs

from rzn.registrations.columns import header_score
from rzn.registrations.table import RowProblem, read_table

ROWS = "Nom;Prénom;Structure\nÉbrard;Mathis;Club de voile\nŒillet;Capucine;Chorale\n"


def test_utf8_without_bom_with_semicolons():
    table = read_table(ROWS.encode("utf-8"), "inscriptions.csv")
    assert (table.encoding, table.separator, table.fatal) == ("UTF-8", ";", None)
    assert table.header == ("Nom", "Prénom", "Structure")
    assert [(r.line, r.cells) for r in table.rows] == [
        (2, ("Ébrard", "Mathis", "Club de voile")),
        (3, ("Œillet", "Capucine", "Chorale")),
    ]
    assert table.description == "UTF-8, séparateur point-virgule"


def test_utf8_with_bom_is_said_and_the_bom_is_not_part_of_the_first_column():
    table = read_table(codecs.BOM_UTF8 + ROWS.encode("utf-8"), "inscriptions.csv")
    assert table.encoding == "UTF-8 avec BOM"
    assert table.header[0] == "Nom"


def test_windows_1252_is_detected_with_crlf():
    data = ROWS.replace("\n", "\r\n").encode("cp1252")
    table = read_table(data, "inscriptions.csv")
    assert table.encoding == "Windows-1252"
    assert table.rows[1].cells == ("Œillet", "Capucine", "Chorale")


def test_utf16_with_bom_and_tabs_like_excel_unicode_text():
    data = ROWS.replace(";", "\t").encode("utf-16")
    table = read_table(data, "inscriptions.csv")
    assert (table.encoding, table.separator_name) == ("UTF-16", "tabulation")
    assert table.rows[0].cells[0] == "Ébrard"


def test_commas_are_sniffed_even_when_titles_contain_semicolons_and_commas():
    text = (
        "Nom,Prénom,Atelier\n"
        'Abgrall,Nolwenn,"Collaborer à distance, outils libres"\n'
        'Bréhat,Yannick,"Lever des fonds ; en ligne"\n'
    )
    table = read_table(text.encode("utf-8"), "x.csv")
    assert table.separator == ","
    assert [r.cells[2] for r in table.rows] == [
        "Collaborer à distance, outils libres",
        "Lever des fonds ; en ligne",
    ]


def test_quoted_line_breaks_keep_the_line_number_of_the_row_start():
    text = 'Nom;Structure\n"Abgrall";"Maison de quartier\nLes Granges"\nBréhat;Cercle\n'
    table = read_table(text.encode("utf-8"), "x.csv")
    assert [(r.line, r.cells) for r in table.rows] == [
        (2, ("Abgrall", "Maison de quartier\nLes Granges")),
        (4, ("Bréhat", "Cercle")),
    ]


def test_a_row_with_too_many_values_is_reported_with_its_line_and_not_kept():
    text = "Nom;Prénom\nAbgrall;Nolwenn\nÉbrard;Mathis;en trop\nQuéré;Loan\n"
    table = read_table(text.encode("utf-8"), "x.csv")
    assert [r.line for r in table.rows] == [2, 4]
    assert table.problems == [
        RowProblem(
            3,
            "3 valeurs pour 2 colonnes : un séparateur (point-virgule) en trop, ou une valeur "
            "qui en contient sans être entre guillemets. Corrigez la ligne.",
        )
    ]


def test_short_rows_and_trailing_empty_cells_are_fine():
    text = "Nom;Prénom;Structure\nAbgrall;Nolwenn\nÉbrard;Mathis;Club;;\n"
    table = read_table(text.encode("utf-8"), "x.csv")
    assert table.problems == []
    assert [r.get(2) for r in table.rows] == ["", "Club"]


def test_an_unclosed_quote_says_which_lines_were_lost():
    text = 'Nom;Prénom\nAbgrall;Nolwenn\n"Ébrard;Mathis\nQuéré;Loan\n'
    table = read_table(text.encode("utf-8"), "x.csv")
    assert [r.line for r in table.rows] == [2]
    assert len(table.problems) == 1
    assert table.problems[0].line == 3
    assert table.problems[0].message.startswith(
        "guillemet ouvert jamais refermé : les lignes 3 à 4 n'ont pas pu être lues."
    )


def test_text_after_a_closing_quote_is_a_located_problem_and_reading_goes_on():
    text = 'Nom;Prénom\n"Abgrall" N;Nolwenn\nÉbrard;Mathis\n'
    table = read_table(text.encode("utf-8"), "x.csv")
    assert [p.line for p in table.problems] == [2]
    assert [r.line for r in table.rows] == [3]


def test_blank_lines_hold_nobody_and_are_not_problems():
    text = "Nom;Prénom\n\nAbgrall;Nolwenn\n;;\n\nÉbrard;Mathis\n"
    table = read_table(text.encode("utf-8"), "x.csv")
    assert [r.line for r in table.rows] == [3, 6]
    assert table.problems == []


def test_title_lines_above_the_header_are_skipped_and_said():
    text = "Inscriptions à la rencontre\nExport du 12/10/2027\nNom;Prénom;Email\nAbgrall;N;a@b.c\n"
    table = read_table(text.encode("utf-8"), "x.csv", header_score)
    assert table.header == ("Nom", "Prénom", "Email")
    assert table.header_line == 3
    assert table.skipped_lines == [1, 2]


def test_mixed_encodings_are_refused_with_the_line():
    data = "Nom;Prénom\nÉbrard;Mathis\n".encode() + "Quéré;Loan\n".encode("cp1252")
    table = read_table(data, "x.csv")
    assert table.fatal is not None
    assert table.fatal.startswith(
        "Encodages mélangés : le fichier contient de l'UTF-8 mais la ligne 3"
    )


def test_spreadsheets_pdf_binary_and_empty_files_are_refused_with_what_to_do():
    xlsx = read_table(b"PK\x03\x04rest-of-a-zip", "inscriptions.xlsx")
    assert xlsx.fatal is not None and "Enregistrer sous » → « CSV »" in xlsx.fatal
    pdf = read_table(b"%PDF-1.7 ...", "x.csv")
    assert pdf.fatal is not None and pdf.fatal.startswith("C'est un document PDF")
    binary = read_table(b"\x00\x01\x02", "x.csv")
    assert binary.fatal is not None and "octets nuls" in binary.fatal
    empty = read_table(b"  \n", "x.csv")
    assert empty.fatal is not None and empty.fatal.startswith("Le fichier est vide")


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_located():
    table = read_table(b"Nom;Pr\x81nom\n", "x.csv")
    assert table.fatal is not None
    assert table.fatal.startswith("Ligne 1 : l'octet 0x81 n'est ni de l'UTF-8 ni du Windows-1252.")


def test_a_damaged_utf16_export_counts_lines_as_an_editor_does():
    # « 上 » is U+4E0A: in UTF-16 one of its bytes is 0x0A, which is no line break.
    data = "Nom\tPrénom\r\n上野\tA\r\nB\tC\r\n".encode("utf-16") + b"\x00\xdc"
    table = read_table(data, "x.csv")
    assert table.fatal is not None and table.fatal.startswith("Ligne 4 : ")
