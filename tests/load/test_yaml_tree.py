"""The YAML reader: text stays text, every value is located, limits hold."""

from __future__ import annotations

from rzn.load.limits import Limits
from rzn.load.problem import Problem
from rzn.load.yaml_tree import parse


def test_scalars_stay_the_text_written():
    tree = parse("a: 14:30\nb: 01000\nc: no\nd: 1.50\ne: 2027-11-18\n")
    assert tree.problems == []
    assert tree.data == {"a": "14:30", "b": "01000", "c": "no", "d": "1.50", "e": "2027-11-18"}


def test_plain_nulls_are_none_but_quoted_or_str_tagged_ones_are_text():
    tree = parse("a:\nb: ~\nc: null\nd: 'null'\ne: !!str ~\nf: !!null x\ng: ! null\n")
    assert tree.problems == []
    assert tree.data == {"a": None, "b": None, "c": None, "d": "null", "e": "~", "f": None,
                         "g": "null"}  # fmt: skip


def test_positions_of_values_and_keys():
    tree = parse("title: x\nvenue:\n  rooms:\n    - {name: A, capacity: 3}\n")
    assert tree.positions == {
        (): (1, 1),
        ("title",): (1, 8),
        ("venue",): (3, 3),
        ("venue", "rooms"): (4, 5),
        ("venue", "rooms", 0): (4, 7),
        ("venue", "rooms", 0, "name"): (4, 14),
        ("venue", "rooms", 0, "capacity"): (4, 27),
    }
    assert tree.key_positions == {
        ("title",): (1, 1),
        ("venue",): (2, 1),
        ("venue", "rooms"): (3, 3),
        ("venue", "rooms", 0, "name"): (4, 8),
        ("venue", "rooms", 0, "capacity"): (4, 17),
    }


def test_positions_count_characters_not_bytes_and_crlf_once():
    tree = parse("title: 🎉é\r\ncity: x\r\n")
    assert tree.positions[("city",)] == (2, 7)
    # 🎉 is four bytes in UTF-8 and two UTF-16 units: one column all the same.
    assert parse("title: 🎉é x: y\n").problems[0].column == 12


def test_duplicate_key_names_both_lines_and_keeps_the_first_value():
    tree = parse("city: Tours\ncity: Joué\n")
    assert tree.data == {"city": "Tours"}
    assert tree.positions[("city",)] == (1, 7)
    assert tree.problems == [
        Problem(
            2,
            1,
            "duplicate-key",
            "La clé « city » apparaît deux fois (ligne 1 et ligne 2) : YAML ne garderait que "
            "l'une des deux valeurs. Supprimez ou renommez l'une d'elles.",
            ("city",),
        )
    ]


def test_alias_is_located_at_its_use_and_its_inner_values_at_the_anchor():
    tree = parse("a: &o {name: X}\nb: *o\n")
    assert tree.data == {"a": {"name": "X"}, "b": {"name": "X"}}
    assert tree.positions[("b",)] == (2, 4)
    assert tree.positions[("b", "name")] == (1, 14)
    assert tree.key_positions[("b", "name")] == (1, 8)


def test_merge_key_keeps_written_keys_and_moves_positions():
    tree = parse("d: &d {platform: Jitsi, url: u1}\nf:\n  <<: *d\n  url: u2\n")
    assert tree.problems == []
    assert tree.data["f"] == {"url": "u2", "platform": "Jitsi"}
    assert tree.positions[("f", "platform")] == (1, 18)
    assert tree.positions[("f", "url")] == (4, 8)
    assert ("f", "<<") not in tree.positions


def test_merge_of_a_list_of_tables_earlier_wins():
    tree = parse("a: &a {x: 1}\nb: &b {x: 2, y: 3}\nc:\n  <<: [*a, *b]\n")
    assert tree.problems == []
    assert tree.data["c"] == {"x": "1", "y": "3"}
    assert tree.positions[("c", "x")] == (1, 11)
    assert tree.positions[("c", "y")] == (2, 17)


def test_merge_of_a_scalar_is_refused():
    tree = parse("c:\n  <<: x\n")
    assert [(p.line, p.column, p.rule) for p in tree.problems] == [(2, 7, "yaml-syntax")]


def test_alias_count_limit_is_located_at_the_alias_over_the_limit():
    text = "x: &x a\nl: [" + ", ".join(["*x"] * 4) + "]\n"
    tree = parse(text, Limits(max_aliases=3))
    assert tree.data is None
    assert tree.problems == [
        Problem(
            2,
            17,
            "input-limit",
            "Trop d'alias (*nom) : rzn en accepte au plus 3 par fichier, et celui-ci dépasse "
            "la limite. Écrivez les valeurs en clair.",
        )
    ]


def test_alias_bomb_stops_at_first_too_costly_alias_without_expanding():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    tree = parse("\n".join(lines) + "\n")
    assert [(p.line, p.column, p.rule) for p in tree.problems] == [(6, 12, "input-limit")]


def test_depth_limit_counts_lists_and_tables():
    assert parse("a: " + "[" * 64 + "]" * 64 + "\n", Limits(max_depth=65)).problems == []
    problems = parse("a: " + "[" * 64 + "]" * 64 + "\n", Limits(max_depth=64)).problems
    assert [(p.line, p.column, p.rule) for p in problems] == [(1, 67, "input-limit")]


def test_unsafe_tags_are_all_reported():
    tree = parse("a: !!python/object:os.system x\nb: !!binary aGk=\nc: !!int 3\n")
    assert [(p.line, p.column, p.rule) for p in tree.problems] == [
        (1, 4, "unsafe-tag"),
        (2, 4, "unsafe-tag"),
    ]


def test_undefined_and_recursive_aliases():
    assert [(p.line, p.column) for p in parse("a: *nope\n").problems] == [(1, 4)]
    assert [(p.line, p.column) for p in parse("a: &a [1, *a]\n").problems] == [(1, 11)]


def test_empty_and_comment_only_documents_give_none():
    assert parse("").data is None
    assert parse("# rien\n").data is None
    assert parse("---\n").data is None


def test_second_merge_key_is_a_duplicate_naming_both_lines():
    tree = parse("a: &a {x: 1}\nc:\n  <<: *a\n  y: 2\n  <<: *a\n")
    assert tree.problems == [
        Problem(
            5,
            3,
            "duplicate-key",
            "La clé « << » apparaît deux fois (ligne 3 et ligne 5) : YAML ne garderait que "
            "l'une des deux valeurs. Supprimez ou renommez l'une d'elles.",
            ("c", "<<"),
        )
    ]


def test_libyaml_own_nesting_limit_is_reported_as_rzns(monkeypatch):
    # Recent libyaml refuses 1 000 levels while scanning ahead, before rzn sees an event;
    # whatever the version, the user gets rzn's limit, at the bracket that crosses it.
    import yaml

    from rzn.load import yaml_tree

    class Refusing(yaml_tree._Parser):  # type: ignore[misc,valid-type]
        def peek_event(self):
            raise yaml.MarkedYAMLError(
                context="while increasing flow level",
                problem="exceeded maximum nesting depth",
                problem_mark=yaml.Mark("<texte>", 1006, 0, 1006, None, None),
            )

    monkeypatch.setattr(yaml_tree, "_Parser", Refusing)
    tree = yaml_tree.parse("title: " + "[" * 2000 + "]" * 2000)
    assert [(p.line, p.column, p.rule) for p in tree.problems] == [(1, 71, "input-limit")]


def test_anchors_and_merges_after_plain_values_keep_every_position():
    # Positions are only logged while an anchor or a merge value is open: what is read
    # before them must not shift what an alias or a merge copies.
    text = (
        "x: 1\nbase: &b\n  host: h\n  opts: &o {a: 1}\nsrv:\n  - <<: *b\n    port: 2\n"
        "  - {<<: [*o, *b], a: 3}\nlast: *o\n"
    )
    tree = parse(text)
    assert tree.problems == []
    assert tree.data["srv"] == [
        {"port": "2", "host": "h", "opts": {"a": "1"}},
        {"a": "3", "host": "h", "opts": {"a": "1"}},
    ]
    assert tree.positions[("srv", 0, "host")] == (3, 9)
    assert tree.positions[("srv", 1, "a")] == (8, 23)  # written in the table, not merged
    assert tree.positions[("srv", 1, "opts", "a")] == (4, 16)
    assert tree.positions[("last", "a")] == (4, 16)
    assert tree.key_positions[("srv", 0, "opts", "a")] == (4, 13)
    assert tree.key_positions[("srv", 1, "a")] == (8, 20)
    assert ("srv", 0, "<<") not in tree.positions


def test_values_of_a_duplicate_key_are_counted_but_not_located():
    tree = parse("a: {x: 1}\na: {y: [1, 2]}\nb: 2\n", Limits(max_nodes=13))
    assert tree.data == {"a": {"x": "1"}, "b": "2"}
    assert ("a", "y") not in tree.positions
    assert [
        p.rule for p in parse("a: {x: 1}\na: {y: [1, 2]}\nb: 2\n", Limits(max_nodes=12)).problems
    ] == [
        "duplicate-key",
        "input-limit",
    ]


def test_pure_python_parser_builds_the_same_tree(monkeypatch):
    # Without libyaml, PyYAML's own parser gives the events (plain style None, not ""):
    # the tree, its positions and its problems stay the same.
    import yaml.parser
    import yaml.reader
    import yaml.scanner

    from rzn.load import yaml_tree

    class PurePython(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)

    texts = [
        "a: ~\nb: null\nc: ''\nd:\ne: [x, ~, {f: NULL}]\n<<: {g: 1}\n'<<': h\n",
        "x: &a {k: v, l: [1, 2]}\ny: *a\nz:\n  <<: *a\n  k: w\n",
        "a: 1\na: 2\nb: !!python/object:os.system x\n[k]: 3\n",
    ]
    expected = [parse(text) for text in texts]
    monkeypatch.setattr(yaml_tree, "_Parser", PurePython)
    for text, tree in zip(texts, expected, strict=True):
        again = parse(text)
        assert (again.data, again.positions, again.key_positions, again.problems) == (
            tree.data,
            tree.positions,
            tree.key_positions,
            tree.problems,
        )
