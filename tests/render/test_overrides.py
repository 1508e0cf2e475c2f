"""What each file of a --templates folder does: replaces, included, shadowed, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from rzn.render.environment import list_templates
from rzn.render.overrides import Role, closest, override_warnings, user_templates

BUILTIN = list_templates()


def write(folder: Path, name: str, text: str = "x\n") -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def roles(folders: list[Path]) -> dict[str, tuple[str, tuple[str, ...]]]:
    found = user_templates([str(f) for f in folders], BUILTIN)
    return {Path(t.path).relative_to(folders[0].parent).as_posix(): (t.role.value, t.other)
            for t in found}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("runsheet.md.j2", ("run-sheet.md.j2",)),
        ("runsheet.html.j2", ("run-sheet.html.j2",)),
        ("checklist.md", ("checklist.md.j2",)),
        ("Checklist.md.j2", ("checklist.md.j2",)),
        ("page.html.j2", ("public/page.html.j2",)),
        ("_macros.html.j2", ("mailings/_macros.html.j2", "speakers/_macros.html.j2")),
        ("mailings/invitaton.html.j2", ("mailings/invitation.html.j2",)),
        ("speakers/thank.txt.j2", ("speakers/thanks.txt.j2",)),
        ("orphelin.html.j2", ()),
        ("README.md", ()),
        ("logo.png", ()),
    ],
)
def test_closest_template_names(name, expected):
    assert closest(name, BUILTIN) == expected


def test_every_kind_of_file_gets_its_role(tmp_path):
    mine, second = tmp_path / "g", tmp_path / "g2"
    write(mine, "base.html.j2", '{% extends "default:base.html.j2" %}{% include "_pied.html.j2" %}')
    write(mine, "_pied.html.j2", '{% from "parts/liens.html.j2" import liens %}')
    write(mine, "parts/liens.html.j2")
    write(mine, "_inutile.html.j2", '{% include "parts/jamais.html.j2" %}')  # itself unused
    write(mine, "parts/jamais.html.j2")
    write(mine, "public/page.html.j2")
    write(mine, "runsheet.md.j2")
    write(mine, "checklist.md")
    write(mine, "README.md")
    write(mine, ".cache/checklist.md.j2")  # hidden: an editor's or a tool's, not the person's
    write(mine, "init/event.yaml.j2")
    write(second, "public/page.html.j2")
    write(second, "budget.md.j2")
    write(second, "_pied.html.j2")
    assert roles([mine, second]) == {
        "g/_inutile.html.j2": ("unused", ()),
        "g/_pied.html.j2": ("included", (str(mine / "base.html.j2"),)),
        "g/base.html.j2": ("replaces", ("base.html.j2",)),
        "g/checklist.md": ("unused", ("checklist.md.j2",)),
        "g/init/event.yaml.j2": ("init", ("init/event.yaml.j2",)),
        "g/parts/jamais.html.j2": ("unused", ()),
        "g/parts/liens.html.j2": ("included", (str(mine / "_pied.html.j2"),)),
        "g/public/page.html.j2": ("replaces", ("public/page.html.j2",)),
        "g/runsheet.md.j2": ("unused", ("run-sheet.md.j2",)),
        "g2/_pied.html.j2": ("shadowed", (str(mine / "_pied.html.j2"),)),
        "g2/budget.md.j2": ("replaces", ("budget.md.j2",)),
        "g2/public/page.html.j2": ("shadowed", (str(mine / "public" / "page.html.j2"),)),
    }


def test_warnings_say_what_to_rename_in_french(tmp_path):
    mine = tmp_path / "g"
    write(mine, "runsheet.md.j2")
    write(mine, "checklist.md")
    write(mine, "orphelin.html.j2")
    write(mine, "checklist.md.j2")
    write(mine, "README.md")
    where = "ne remplace aucun gabarit de rzn et aucun de vos gabarits ne l'inclut : il est ignoré."
    assert override_warnings([str(mine)]) == [
        f"{mine / 'checklist.md'} {where} Un gabarit finit par .j2 : vouliez-vous dire "
        "« checklist.md.j2 » ? Renommez-le pour qu'il serve.",
        f"{mine / 'orphelin.html.j2'} {where} « rzn templates list » donne les noms des gabarits.",
        f"{mine / 'runsheet.md.j2'} {where} Vouliez-vous dire « run-sheet.md.j2 » ? Renommez-le "
        "pour qu'il serve.",
    ]


def test_a_folder_given_twice_is_not_shadowing_itself(tmp_path):
    write(tmp_path / "g", "budget.md.j2")
    folder = str(tmp_path / "g")
    found = user_templates([folder, folder + "/"], BUILTIN)
    assert [(t.name, t.role) for t in found] == [("budget.md.j2", Role.REPLACES)]


def test_a_template_that_does_not_parse_includes_nothing_and_stops_nothing(tmp_path):
    mine = tmp_path / "g"
    write(mine, "budget.md.j2", '{% include "_a.md.j2" %}{% if %}')
    write(mine, "_a.md.j2")
    found = {t.name: t.role for t in user_templates([str(mine)], BUILTIN)}
    assert found == {"_a.md.j2": Role.UNUSED, "budget.md.j2": Role.REPLACES}


def test_a_file_an_earlier_folder_already_has_is_said_to_be_unused(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    write(first, "checklist.md.j2")
    write(second, "checklist.md.j2")
    assert override_warnings([str(first), str(second)]) == [
        f"{second / 'checklist.md.j2'} ne sert pas : {first / 'checklist.md.j2'}, du même nom "
        "dans un dossier --templates donné avant, est utilisé à sa place."
    ]
