"""Line numbering and invisible characters."""

from __future__ import annotations

from rzn.load.problem import Problem
from rzn.load.text import LineIndex, character_problems, split_lines


def test_line_index_counts_crlf_cr_and_lf_as_one_break():
    index = LineIndex("a\r\nbb\rccc\nd")
    assert [index.position(i) for i in (0, 3, 4, 6, 10)] == [(1, 1), (2, 1), (2, 2), (3, 1), (4, 1)]
    assert [index.line(n) for n in range(1, 5)] == ["a", "bb", "ccc", "d"]
    assert index.count == 4
    assert split_lines("a\r\nbb\rccc\nd") == ["a", "bb", "ccc", "d"]


def test_line_separator_is_refused_where_it_is():
    assert character_problems("a: b\ntitle: Ré\u2028Zo\n") == [
        Problem(
            2,
            10,
            "yaml-syntax",
            "Saut de ligne spécial invisible (U+2028, juste après « title: Ré »), souvent collé "
            "depuis un traitement de texte : tous les éditeurs ne l'affichent pas comme un "
            "retour à la ligne. Remplacez-le par un vrai retour à la ligne ou par une espace.",
        )
    ]


def test_bom_is_accepted_only_at_the_start():
    assert character_problems("\ufeffa: b\n") == []
    assert [(p.line, p.column) for p in character_problems("a: b\n\ufeffc: d\n")] == [(2, 1)]


def test_tab_lf_cr_are_allowed():
    assert character_problems("a:\tb\r\nc: d\re\n") == []


def test_many_invisible_characters_are_reported_then_counted():
    problems = character_problems("a: " + "\x01" * 25 + "\n")
    assert len(problems) == 21
    assert problems[-1] == Problem(
        1,
        24,
        "yaml-syntax",
        "Encore 5 caractères invisibles interdits à partir d'ici : le texte a sans doute été "
        "collé depuis un PDF ou un traitement de texte. Retapez ces lignes dans un éditeur de "
        "texte.",
    )


def test_lone_surrogate_from_python_text_is_refused_not_crashing():
    assert [p.message[:28] for p in character_problems("a: \ud800\n")] == [
        "Caractère non valide (U+D800"
    ]


def test_line_count_before_and_after_the_lines_are_indexed():
    for text in ("", "a", "a\n", "\r\n\r\n", "a\r\rb\n\r\nc", "\n\r", "é\r\n🎉\rx"):
        counted = LineIndex(text).count
        indexed = LineIndex(text)
        assert indexed.line(1) == split_lines(text)[0]
        assert counted == indexed.count == len(split_lines(text))


def test_text_without_invisible_characters_has_no_problem_even_with_a_leading_bom():
    assert character_problems("\ufeff" + "a: b\n" * 1000) == []
    assert [(p.line, p.column) for p in character_problems("\ufeff\ufeffa: b\n")] == [(1, 2)]
