import datetime as dt
import re

from rzn.check import CheckOptions, check_file
from rzn.plan.tasks import static_ids
from rzn.rules.registry import find
from tests.plan.helpers import write

TODAY = dt.date(2027, 9, 1)


def findings(path):
    report = check_file(str(path), CheckOptions(today=TODAY, select=frozenset({"unknown-task"})))
    return [(d.code, d.severity.value, d.path, d.message) for d in report.diagnostics]


def test_known_done_tasks_pass(tmp_path):
    path = write(
        tmp_path, "online", tasks={"done": ["lead", "videoconference-tool", "mailing-j30"]}
    )
    assert findings(path) == []


def test_misspelt_task_gets_a_did_you_mean(tmp_path):
    path = write(tmp_path, tasks={"done": ["lead", "comon-vision"]})
    assert findings(path) == [
        (
            "RZN504",
            "warning",
            "tasks.done[1]",
            "Tâche « comon-vision » inconnue : les identifiants sont listés dans checklist.md "
            "et par « rzn rules unknown-task ». Vouliez-vous dire « common-vision » ?",
        )
    ]


def test_task_of_another_format_is_explained(tmp_path):
    path = write(tmp_path, "online", tasks={"done": ["venue-booking"]})
    assert findings(path) == [
        (
            "RZN504",
            "warning",
            "tasks.done[0]",
            "La tâche « venue-booking » ne fait pas partie du rétroplanning de cet événement "
            "(en ligne, d'après son format et son programme) : retirez-la de tasks.done.",
        )
    ]


def test_mailing_not_planned_names_the_planned_ones(tmp_path):
    path = write(tmp_path, tasks={"done": ["mailing-j31"]}, communication={"mailings": [30, 7]})
    assert findings(path) == [
        (
            "RZN504",
            "warning",
            "tasks.done[0]",
            "« mailing-j31 » : aucun mailing n'est prévu à J-31 (communication.mailings "
            "prévoit : J-30, J-7). Corrigez l'identifiant ou la liste des envois.",
        )
    ]


def test_rule_is_located_at_the_id(tmp_path):
    path = tmp_path / "event.yaml"
    path.write_text(
        "title: Test\ndate: 2027-11-18\nformat: online\norganizers:\n"
        "  - {name: LMA, lead: true}\ntasks:\n  done: [lead, nope]\n",
        encoding="utf-8",
    )
    report = check_file(str(path), CheckOptions(today=TODAY, select=frozenset({"unknown-task"})))
    assert [(d.line, d.column) for d in report.diagnostics] == [(7, 16)]


def test_rule_documentation_lists_every_task_id():
    rule = find("RZN504")
    assert rule is not None and rule.name == "unknown-task"
    documented = set(
        re.findall(
            r"`([a-zA-Z0-9-]+)`",
            rule.doc.split("Identifiants des tâches :")[1].split("## Pourquoi")[0],
        )
    )
    assert set(static_ids()) <= documented
    assert documented - set(static_ids()) == {
        "mailing-jN",
        "mailing-j30",
        "mailing-j15",
        "mailing-j7",
    }
    for section in ("## Ce que la règle vérifie", "## Pourquoi", "## Exemple qui échoue",
                    "## Exemple qui passe"):  # fmt: skip
        assert section in rule.doc
