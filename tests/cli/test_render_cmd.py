import io
import shutil

from rzn.cli.render_cmd import _files_table
from rzn.render import RenderReport
from rzn.render.output import OutputFile
from tests.conftest import EXAMPLES, MINIMAL, run_subprocess

OWN = ("checklist.md", "checklist.html", "budget.md", "budget.csv", "timeline.ics")


def example(tmp_path):
    folder = tmp_path / "joue"
    shutil.copytree(EXAMPLES / "joue-les-tours-2027", folder)
    return folder


def test_render_writes_build_next_to_the_event_and_lists_the_files(rzn, tmp_path):
    folder = example(tmp_path)
    result = rzn("render", str(folder / "event.yaml"), "--today", "2027-09-01")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"Documents écrits dans {folder / 'build'} :"
    # The file column is as wide as the longest name of the whole table.
    assert [line.split(None, 1) for line in lines[1:7]] == [
        ["checklist.md", "Rétroplanning : les tâches par phase, échéances et statut (Markdown)"],
        ["checklist.html", "Rétroplanning à imprimer (HTML)"],
        ["budget.md", "Budget prévisionnel : dépenses, à chiffrer, recettes, solde (Markdown)"],
        ["budget.csv", "Budget prévisionnel pour tableur (CSV ; séparateur point-virgule)"],
        [
            "budget.xlsx",
            "Budget prévisionnel pour tableur, avec formules et feuille Cerfa 12156 (Excel, Calc)",
        ],
        [
            "timeline.ics",
            "Calendrier de la communication, à importer dans un agenda partagé (iCalendar)",
        ],
    ]
    # Documents registered later (run sheet, mailings…) follow; the total closes the table.
    assert lines[-1] == f"{len(lines) - 2} fichiers écrits."
    for name in OWN:
        assert (folder / "build" / name).is_file()
    assert result.err == ""


def test_render_accepts_the_event_folder_and_an_output_folder(rzn, tmp_path):
    folder = example(tmp_path)
    out = tmp_path / "sortie"
    result = rzn("render", str(folder), "-o", str(out), "--today", "2027-09-01")
    assert result.code == 0, result.err
    assert (out / "checklist.md").is_file()
    assert not (folder / "build").exists()


def test_render_twice_gives_identical_files(rzn, tmp_path):
    folder = example(tmp_path)
    args = ("render", str(folder), "--today", "2027-09-01")
    assert rzn(*args, "-o", str(tmp_path / "a")).code == 0
    assert rzn(*args, "-o", str(tmp_path / "b")).code == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        if (tmp_path / "a" / name).is_file():
            assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_event_with_errors_renders_nothing(rzn, write_event, tmp_path):
    path = write_event(MINIMAL.replace("    lead: true\n", ""))
    result = rzn("render", str(path), "--today", "2027-09-01")
    assert result.code == 1
    *findings, summary = result.out.splitlines()
    assert [line for line in findings if ": erreur " in line] == [
        f"{path}:4:1: erreur RZN401 [lead-missing] Aucune tête de file : ajoutez « lead: true » "
        "à l'organisation qui porte la rencontre.",
    ]
    assert summary.startswith("1 fichier vérifié : 1 erreur, ")
    assert result.err == "rzn : aucun document produit : corrigez d'abord les erreurs ci-dessus.\n"
    assert not (tmp_path / "build").exists()


def test_warnings_are_shown_and_rendering_goes_on(rzn, write_event, tmp_path):
    path = write_event(MINIMAL.replace("2027-11-18", "2027-04-15"))
    result = rzn("render", str(path), "--today", "2027-01-01")
    assert result.code == 0
    lines = result.out.splitlines()
    table = lines.index(f"Documents écrits dans {tmp_path / 'build'} :")
    assert any(
        line.startswith(f"{path}:2:7: avertissement RZN101 [ag-season] ") for line in lines[:table]
    )
    assert lines[table - 1].startswith("1 fichier vérifié : ")
    assert not [line for line in lines[:table] if ": info " in line]
    assert (tmp_path / "build" / "checklist.md").is_file()


def test_template_error_keeps_previous_outputs(rzn, write_event, tmp_path):
    path = write_event(MINIMAL)
    assert rzn("render", str(path), "--today", "2027-09-01").code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "build").iterdir() if p.is_file()}
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "budget.md.j2").write_text("# Budget\n\n{{ plan.budjet }}\n", encoding="utf-8")
    result = rzn(
        "render", str(path), "--today", "2027-10-01", "--templates", str(templates)
    )  # another day: the checklist would change if anything were written
    assert result.code == 1
    assert result.err.startswith(
        "rzn : Gabarit budget.md.j2, ligne 3 : « budjet » n'existe pas dans plan (variable "
        "inconnue). Vérifiez le nom ;"
    )
    after = {p.name: p.read_bytes() for p in (tmp_path / "build").iterdir() if p.is_file()}
    assert after == before


def test_a_template_override_that_replaces_nothing_is_a_warning(rzn, write_event, tmp_path):
    path = write_event(MINIMAL)
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "runsheet.md.j2").write_text("# Mon conducteur\n", encoding="utf-8")
    (templates / "budget.md.j2").write_text(
        '{% extends "default:budget.md.j2" %}{% import "_mes-macros.md.j2" as m %}', "utf-8"
    )
    (templates / "_mes-macros.md.j2").write_text("{% macro x() %}{% endmacro %}", "utf-8")
    result = rzn("render", str(path), "--today", "2027-09-01", "--templates", str(templates))
    assert result.code == 0, result.err
    assert result.err == (
        f"rzn : avertissement : {templates / 'runsheet.md.j2'} ne remplace aucun gabarit de rzn "
        "et aucun de vos gabarits ne l'inclut : il est ignoré. Vouliez-vous dire "
        "« run-sheet.md.j2 » ? Renommez-le pour qu'il serve.\n"
    )
    assert "Mon conducteur" not in (tmp_path / "build" / "run-sheet.md").read_text("utf-8")


def test_template_syntax_error_names_template_and_line(rzn, write_event, tmp_path):
    path = write_event(MINIMAL)
    templates = tmp_path / "gabarits-syntaxe"
    templates.mkdir()
    (templates / "checklist.md.j2").write_text("# A\n{% if %}\n", encoding="utf-8")
    result = rzn("render", str(path), "--templates", str(templates))
    assert result.code == 1
    assert result.err.startswith(
        f"rzn : Gabarit {templates / 'checklist.md.j2'}, ligne 2 : expression attendue, trouvé : "
        "%}. Corrigez le gabarit."
    )
    assert not (tmp_path / "build").exists()


def test_files_rzn_did_not_write_are_kept_unless_force(rzn, write_event, tmp_path):
    path = write_event(MINIMAL)
    build = tmp_path / "build"
    build.mkdir()
    (build / "checklist.md").write_text("mes notes", encoding="utf-8")
    (build / "autre.txt").write_text("à moi", encoding="utf-8")
    result = rzn("render", str(path), "--today", "2027-09-01")
    assert result.code == 1
    assert "n'a pas été écrit par rzn" in result.err and "--force" in result.err
    assert (build / "checklist.md").read_text(encoding="utf-8") == "mes notes"
    assert not (build / "budget.md").exists()
    assert rzn("render", str(path), "--today", "2027-09-01", "--force").code == 0
    assert (build / "checklist.md").read_text(encoding="utf-8").startswith("# Rétroplanning")
    assert (build / "autre.txt").read_text(encoding="utf-8") == "à moi"


def test_usage_errors_are_exit_2_in_french(rzn, write_event, tmp_path):
    path = write_event(MINIMAL)
    result = rzn("render", str(tmp_path / "absent.yaml"))
    assert (result.code, result.err) == (
        2,
        f"rzn : {tmp_path / 'absent.yaml'} : fichier introuvable. Vérifiez le chemin "
        "(rzn render mon-evenement/event.yaml).\n",
    )
    result = rzn("render", str(path), "--today", "01/09/2027")
    assert result.code == 2 and "AAAA-MM-JJ" in result.err
    result = rzn("render", str(path), "--templates", str(tmp_path / "nulle-part"))
    assert result.code == 2 and "dossier introuvable" in result.err
    empty = tmp_path / "vide"
    empty.mkdir()
    result = rzn("render", str(empty))
    assert result.code == 2 and "ne contient pas de fichier event.yaml" in result.err


def test_render_from_a_shell(tmp_path):
    folder = example(tmp_path)
    result = run_subprocess("render", "event.yaml", "--today", "2027-09-01", cwd=folder)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "Documents écrits dans build :"
    assert (folder / "build" / "timeline.ics").is_file()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_gets_a_rich_table():
    out = Terminal()
    report = RenderReport([], [OutputFile("checklist.md", b"", "Rétroplanning [Markdown]")])
    _files_table(report, out)
    text = out.getvalue()
    assert "checklist.md" in text and "Rétroplanning [Markdown]" in text  # markup escaped
    assert "✓ 1 fichier écrit." in text


def test_several_events_in_one_call_get_a_folder_each(rzn, tmp_path):
    for name in ("joue-les-tours-2027", "pontivy-2027"):
        shutil.copytree(EXAMPLES / name, tmp_path / name)
    out = tmp_path / "sortie"
    result = rzn(
        "render",
        str(tmp_path / "joue-les-tours-2027" / "event.yaml"),
        str(tmp_path / "pontivy-2027"),
        "-o",
        str(out),
        "--today",
        "2027-09-01",
    )
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == ["joue-les-tours-2027", "pontivy-2027"]
    for name in ("joue-les-tours-2027", "pontivy-2027"):
        assert (out / name / "checklist.md").is_file()


# -- several events over worker processes ------------------------------------------------


def _events(tmp_path, count):
    """``count`` events, copies of the examples with titles of their own."""
    names = sorted(p.name for p in EXAMPLES.iterdir() if (p / "event.yaml").is_file())
    paths = []
    for index in range(count):
        folder = tmp_path / f"rencontre-{index}"
        shutil.copytree(EXAMPLES / names[index % len(names)], folder)
        event = folder / "event.yaml"
        text = event.read_text(encoding="utf-8")
        event.write_text(text.replace("title: ", f"title: N°{index} ", 1), encoding="utf-8")
        paths.append(event)
    return paths


def _tree(folder):
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_workers_write_the_same_files_and_say_the_same_as_one_process(rzn, tmp_path):
    paths = [str(p) for p in _events(tmp_path, 6)]
    alone = rzn("render", *paths, "-o", str(tmp_path / "seul"), "--today", "2027-09-01", "-j", "1")
    shared = rzn("render", *paths, "-o", str(tmp_path / "deux"), "--today", "2027-09-01", "-j", "2")
    assert alone.code == shared.code == 0, shared.err
    assert shared.out == alone.out.replace(str(tmp_path / "seul"), str(tmp_path / "deux"))
    assert shared.err == alone.err
    assert _tree(tmp_path / "deux") == _tree(tmp_path / "seul")
    assert len(list((tmp_path / "deux").iterdir())) == 6


def test_an_event_with_errors_among_others_stops_only_itself(rzn, tmp_path):
    first, broken, last = _events(tmp_path, 3)
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("date: ", "date: 31/02/", 1), encoding="utf-8")

    result = rzn("render", str(first), str(broken), str(last), "--today", "2027-09-01", "-j", "2")

    assert result.code == 1
    assert result.err == (
        f"rzn : {broken} : aucun document produit : corrigez d'abord les erreurs ci-dessus.\n"
    )
    assert f"{broken}:" in result.out
    assert (first.parent / "build" / "checklist.md").is_file()
    assert not (broken.parent / "build").exists()
    assert (last.parent / "build" / "checklist.md").is_file()


def test_a_failure_in_a_worker_is_told_in_french_and_stops_at_that_event(rzn, tmp_path):
    """The template fails for the second event only, which a worker builds."""
    first, second, third = _events(tmp_path, 3)
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "budget.md.j2").write_text(
        '{% extends "default:budget.md.j2" %}'
        '{% block header %}{% if "N°1 " in event.title %}{{ plan.budjet }}{% endif %}'
        "{{ super() }}{% endblock %}\n",
        encoding="utf-8",
    )
    args = ("--today", "2027-09-01", "--templates", str(templates))
    result = rzn("render", str(first), str(second), str(third), *args, "-j", "2")

    assert result.code == 1
    assert "variable inconnue" in result.err and "budjet" in result.err
    assert "Traceback" not in result.err
    assert (first.parent / "build" / "budget.md").is_file()
    assert not (second.parent / "build").exists()
    # As with one process: the events after the failing one are not written.
    assert not (third.parent / "build").exists()
    alone = rzn("render", str(first), str(second), str(third), *args, "-j", "1")
    assert (alone.code, alone.err) == (result.code, result.err)


def test_an_unexpected_error_in_a_worker_is_an_internal_error_without_traceback(
    rzn, tmp_path, monkeypatch
):
    from rzn.render.registry import DOCUMENTS, all_documents

    all_documents()
    builder = DOCUMENTS["social-posts"]

    class Unpicklable(Exception):
        def __init__(self, handle, text):
            super().__init__(text)
            self.handle = handle  # a lock cannot travel between processes

    def failing(ctx):
        if "N°2 " in ctx.event.title:
            import threading

            raise Unpicklable(threading.Lock(), "boum")
        return builder(ctx)

    failing.__module__ = builder.__module__
    monkeypatch.setitem(DOCUMENTS, "social-posts", failing)
    paths = [str(p) for p in _events(tmp_path, 4)]

    result = rzn("render", *paths, "--today", "2027-09-01", "-j", "2")

    assert result.code == 1
    assert result.err == (
        "rzn : Erreur interne de rzn (Unpicklable). Vos fichiers n'ont pas été modifiés. Relancez "
        "avec RZN_DEBUG=1 pour le détail et signalez-la aux développeurs.\n"
    )


def test_what_workers_staged_after_a_failure_is_removed(rzn, tmp_path, monkeypatch):
    """The second event fails once the third is staged: the third leaves no trace."""
    import time

    from rzn.errors import RenderError
    from rzn.render.registry import DOCUMENTS, all_documents

    all_documents()
    builder = DOCUMENTS["evaluation"]
    first, second, third = _events(tmp_path, 3)

    def failing_late(ctx):
        if "N°1 " in ctx.event.title:
            deadline = time.monotonic() + 60
            while not list((third.parent / "build").glob(".rzn-staging-*")):
                assert time.monotonic() < deadline, "the third event was never staged"
                time.sleep(0.01)
            raise RenderError("Échec voulu.")
        return builder(ctx)

    failing_late.__module__ = builder.__module__
    monkeypatch.setitem(DOCUMENTS, "evaluation", failing_late)

    result = rzn("render", str(first), str(second), str(third), "--today", "2027-09-01", "-j", "2")

    assert (result.code, result.err) == (1, "rzn : Échec voulu.\n")
    assert (first.parent / "build" / "checklist.md").is_file()
    assert not (second.parent / "build").exists()
    assert not (third.parent / "build").exists()  # staged, never moved in, then removed


def test_two_events_writing_one_folder_are_refused_before_anything_is_written(rzn, tmp_path):
    """The second would replace the first's documents: both are named, nothing is written."""
    first, joue, pontivy = _events(tmp_path, 3)
    shared = tmp_path / "commun"
    shutil.copytree(pontivy.parent, shared)
    shutil.copy(joue, shared / "autre.yaml")
    events = [str(first), str(shared / "autre.yaml"), str(shared / "event.yaml")]

    result = rzn("render", *events, "--today", "2027-09-01", "-j", "2")

    assert result.code == 2
    assert result.err.startswith(
        f"rzn : {shared / 'autre.yaml'} et {shared / 'event.yaml'} écriraient tous deux leurs "
        f"documents dans {shared / 'build'} : "
    )
    assert not (shared / "build").exists()
    assert not (first.parent / "build").exists()
