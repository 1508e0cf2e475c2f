import dataclasses
import datetime as dt
import inspect
import re

from rzn.plan import PhaseGroup, Plan
from rzn.plan.budget import BudgetEstimate, CategoryGroup, CostLine, IncomeLine, ToCost
from rzn.plan.tasks import Task
from rzn.plan.timeline import TimelineAction
from rzn.render.charter import Style
from rzn.render.context import RenderContext
from rzn.render.environment import builtin_templates, environment, list_templates
from rzn.render.logos import LogoMark, MailLogo
from rzn.render.public import PublicPage
from rzn.render.site import SiteEvent
from tests.conftest import ROOT
from tests.plan.helpers import event

OWN = ("base.html.j2", "budget.md.j2", "checklist.html.j2", "checklist.md.j2")


def test_list_prints_every_builtin_template(rzn):
    result = rzn("templates", "list")
    assert result.code == 0
    assert result.out.splitlines() == list_templates()
    assert set(OWN) <= set(list_templates())


def test_copy_gives_an_exact_copy_to_edit(rzn, tmp_path):
    result = rzn("templates", "copy", "checklist.md.j2", str(tmp_path / "gabarits"))
    assert result.code == 0, result.err
    copied = tmp_path / "gabarits" / "checklist.md.j2"
    assert copied.read_bytes() == (builtin_templates() / "checklist.md.j2").read_bytes()
    assert result.out.splitlines() == [
        f"Gabarit copié : {copied}",
        "Modifiez-le, puis : rzn render mon-evenement/event.yaml --templates "
        f"{tmp_path / 'gabarits'}",
        "Pour ne changer qu'un bloc, gardez seulement "
        '{% extends "default:checklist.md.j2" %} et le bloc à modifier.',
    ]


def test_copy_never_overwrites(rzn, tmp_path):
    target = tmp_path / "checklist.md.j2"
    target.write_text("ma version", encoding="utf-8")
    result = rzn("templates", "copy", "checklist.md.j2", str(tmp_path))
    assert result.code == 1
    assert result.err == (
        f"rzn : {target} existe déjà : rzn ne l'écrase pas. Supprimez-le ou choisissez un "
        "autre dossier.\n"
    )
    assert target.read_text(encoding="utf-8") == "ma version"


def test_copy_unknown_template_suggests_the_closest(rzn, tmp_path):
    result = rzn("templates", "copy", "checklist.md", str(tmp_path))
    assert result.code == 2
    assert result.err == (
        "rzn : Gabarit inconnu « checklist.md ». Vouliez-vous dire « checklist.md.j2 » ? "
        "« rzn templates list » les donne.\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_every_builtin_template_is_in_the_readme():
    readme = (ROOT / "templates" / "README.md").read_text(encoding="utf-8")
    for name in OWN:
        assert f"`{name}`" in readme


def _attributes(cls: type) -> set[str]:
    names = {f.name for f in dataclasses.fields(cls)}
    for name, value in inspect.getmembers(cls):
        if not name.startswith("_") and (isinstance(value, property) or inspect.isfunction(value)):
            names.add(name)
    return names


def test_template_context_is_documented():
    """Every variable and every attribute a template can use is in templates/README.md."""
    readme = (ROOT / "templates" / "README.md").read_text(encoding="utf-8")
    ctx = RenderContext(event(), dt.date(2027, 9, 1), environment())
    documented_variables = set(re.findall(r"^### `(\w+)`$", readme, flags=re.MULTILINE))
    assert documented_variables == set(ctx.variables())
    quoted = set(re.findall(r"`(\w+)(?:\(\w*\))?`", readme))
    for cls in (
        Plan,
        PhaseGroup,
        Task,
        TimelineAction,
        BudgetEstimate,
        CategoryGroup,
        CostLine,
        ToCost,
        IncomeLine,
        LogoMark,
        MailLogo,
        Style,
        PublicPage,
        SiteEvent,
    ):
        missing = _attributes(cls) - quoted
        assert not missing, f"{cls.__name__} : {sorted(missing)} absent(s) de templates/README.md"


def test_list_with_templates_shows_what_each_file_does(rzn, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "mes-gabarits"
    (mine / "public").mkdir(parents=True)
    (mine / "checklist.md.j2").write_text(
        '{% extends "default:checklist.md.j2" %}{% import "_outils.md.j2" as o %}', "utf-8"
    )
    (mine / "_outils.md.j2").write_text("{% macro x() %}{% endmacro %}", "utf-8")
    (mine / "public" / "page.html.j2").write_text("p", "utf-8")
    (mine / "runsheet.md.j2").write_text("r", "utf-8")
    result = rzn("templates", "list", "--templates", "mes-gabarits")
    assert result.code == 0
    lines = result.out.splitlines()
    assert [line.split()[0] for line in lines] == [*list_templates(), "mes-gabarits/_outils.md.j2"]
    described = {line.split()[0]: " ".join(line.split()[1:]) for line in lines}
    assert {name: what for name, what in described.items() if what} == {
        "checklist.md.j2": "remplacé par mes-gabarits/checklist.md.j2",
        "public/page.html.j2": "remplacé par mes-gabarits/public/page.html.j2",
        "mes-gabarits/_outils.md.j2": "inclus par mes-gabarits/checklist.md.j2",
    }
    assert result.err == (
        "rzn : avertissement : mes-gabarits/runsheet.md.j2 ne remplace aucun gabarit de rzn et "
        "aucun de vos gabarits ne l'inclut : il est ignoré. Vouliez-vous dire "
        "« run-sheet.md.j2 » ? Renommez-le pour qu'il serve.\n"
    )


def test_copy_into_a_folder_holding_a_useless_file_says_so(rzn, tmp_path):
    folder = tmp_path / "gabarits"
    folder.mkdir()
    (folder / "checklist.md").write_text("x", "utf-8")
    result = rzn("templates", "copy", "checklist.md.j2", str(folder))
    assert result.code == 0
    assert result.err.startswith(f"rzn : avertissement : {folder / 'checklist.md'} ne remplace ")
    assert "vouliez-vous dire « checklist.md.j2 » ?" in result.err
