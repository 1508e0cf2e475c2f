"""``rzn publish caldav`` as a user runs it, against a real Radicale."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.plan.helpers import write
from tests.publish.radicale import (
    PASSWORD,
    USER,
    Radicale,
    free_port,
    make_calendar,
    radicale_server,
    read_events,
)

CALENDAR = "Communication"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    with radicale_server(tmp_path_factory.mktemp("radicale")) as running:
        make_calendar(running, CALENDAR)
        yield running


@pytest.fixture(autouse=True)
def credentials(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("RZN_CALDAV_USER", USER)
    monkeypatch.setenv("RZN_CALDAV_PASSWORD", PASSWORD)
    monkeypatch.setenv("HOME", str(tmp_path))  # never the developer's ~/.netrc
    monkeypatch.delenv("NETRC", raising=False)


def publish(rzn, path, url: str, *extra: str):
    return rzn(
        "publish", "caldav", str(path), "--url", url, "--calendar", CALENDAR, "--today",
        "2027-09-01", *extra,
    )  # fmt: skip


def test_publish_and_publish_again(rzn, server, tmp_path):
    path = write(tmp_path, "in_person", slug="cli-2027")
    first = publish(rzn, path, server.url)
    assert (first.code, first.err) == (0, "")
    # Warnings come first, as with rzn render; the summary ends the output.
    assert "Aucun objectif" in first.out
    summary = first.out[first.out.index("Agenda « ") :]
    address = summary.split("(", 1)[1].split(")", 1)[0]
    assert address.startswith(f"{server.url}{USER}/")
    assert summary == (
        f"Agenda « {CALENDAR} » ({address}) : 17 entrées créées, 0 mise à jour, 0 inchangée "
        "(non renvoyée), 0 retirée.\n"
    )
    fewer = write(tmp_path, "in_person", slug="cli-2027", communication={"mailings": [30]})
    second = publish(rzn, fewer, server.url)
    assert (second.code, second.err) == (0, "")
    assert second.out[second.out.index("Agenda « ") :] == (
        f"Agenda « {CALENDAR} » ({address}) : 0 entrée créée, 0 mise à jour, 15 inchangées "
        "(non renvoyées), 2 retirées.\n"
        "2 entrées retirées (publiées auparavant, absentes du calendrier actuel) :\n"
        "  - J-15 · Envoyer le mailing de relance avec les modalités d'inscription\n"
        "  - J-7 · Envoyer le mailing de relance avec les modalités d'inscription\n"
    )
    assert len([e for e in read_events(server, CALENDAR) if e["marker"] == "cli-2027"]) == 15


def test_a_new_slug_beside_an_old_one_gets_a_note(rzn, server, tmp_path):
    assert publish(rzn, write(tmp_path, "in_person", slug="ancien-titre"), server.url).code == 0
    renamed = publish(rzn, write(tmp_path, "in_person", slug="nouveau-titre"), server.url)
    assert renamed.code == 0
    assert (
        "Note : cet agenda contient aussi 17 entrées publiées par rzn pour « ancien-titre ». "
        "C'est une autre rencontre, ou celle-ci sous un ancien titre : dans ce cas, supprimez "
        "ces entrées dans l'agenda et fixez « slug: » dans le fichier d'événement, pour qu'un "
        "changement de titre ne les double plus.\n"
    ) in renamed.out
    again = publish(rzn, write(tmp_path, "in_person", slug="nouveau-titre"), server.url)
    assert "Note :" not in again.out  # said once, when the entries were created


@pytest.mark.parametrize("debug", ["", "1"])
def test_wrong_password_exits_1_and_never_shows_it(rzn, server, tmp_path, monkeypatch, debug):
    monkeypatch.setenv("RZN_CALDAV_PASSWORD", "Mauvais-Secret-42")
    monkeypatch.setenv("RZN_DEBUG", debug)
    result = publish(rzn, write(tmp_path, "in_person"), server.url)
    assert result.code == 1
    assert result.out == ""
    assert result.err == (
        f"rzn : {server.url} refuse l'identifiant « {USER} » ou son mot de passe (401), lus "
        "dans RZN_CALDAV_USER et RZN_CALDAV_PASSWORD. Vérifiez-les ; sur Nextcloud, créez un "
        "mot de passe d'application (Paramètres personnels → Sécurité).\n"
    )
    assert "Mauvais-Secret-42" not in result.err + result.out
    assert PASSWORD not in result.err + result.out


def test_unreachable_port_exits_1(rzn, tmp_path):
    port = free_port()
    result = publish(rzn, write(tmp_path, "in_person"), f"http://127.0.0.1:{port}/")
    assert result.code == 1
    assert result.err == (
        f"rzn : http://127.0.0.1:{port}/ : connexion refusée par 127.0.0.1:{port}. Le serveur "
        "est-il démarré, et le port est-il le bon ?\n"
    )


def test_missing_calendar_exits_1(rzn, server, tmp_path):
    result = rzn(
        "publish", "caldav", str(write(tmp_path, "in_person")), "--url", server.url,
        "--calendar", "Agenda du CA",
    )  # fmt: skip
    assert result.code == 1
    assert result.err == (
        f"rzn : Agenda « Agenda du CA » introuvable sur {server.url}. Agendas trouvés : "
        f"« {CALENDAR} ». Vérifiez --calendar (le nom affiché par votre agenda en ligne ou le "
        "dernier segment de son adresse), ou créez l'agenda d'abord (Nextcloud : Agenda → "
        "« + Nouvel agenda »).\n"
    )


def test_an_event_with_errors_publishes_nothing(rzn, tmp_path):
    path = write(tmp_path, "in_person", program=[{"start": "09:00", "title": "x", "kind": "talk"}])
    # Nothing listens there: publishing anything would fail differently.
    result = publish(rzn, path, f"http://127.0.0.1:{free_port()}/")
    assert result.code == 1
    assert "Indiquez la durée de « x »" in result.out
    assert result.err == "rzn : rien n'a été publié : corrigez d'abord les erreurs ci-dessus.\n"


@pytest.mark.parametrize(
    ("url", "env", "message"),
    [
        (
            "http://cloud.example.org/remote.php/dav",
            {},
            "--url http://cloud.example.org/remote.php/dav : en http://, le mot de passe "
            "circulerait en clair sur le réseau.",
        ),
        (
            "https://alice:Secret-99@cloud.example.org/",
            {},
            "--url https://cloud.example.org/ : n'écrivez ni identifiant ni mot de passe dans "
            "l'adresse",
        ),
        (
            "https://cloud.example.org/",
            {"RZN_CALDAV_PASSWORD": ""},
            "RZN_CALDAV_USER est défini mais pas RZN_CALDAV_PASSWORD",
        ),
    ],
)
def test_usage_errors_exit_2_before_any_request(rzn, tmp_path, monkeypatch, url, env, message):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = publish(rzn, write(tmp_path, "in_person"), url)
    assert result.code == 2
    assert result.err.startswith(f"rzn : {message}")
    assert "Secret-99" not in result.err


def test_missing_event_file(rzn, tmp_path):
    result = publish(rzn, tmp_path / "absent.yaml", "https://cloud.example.org/")
    assert result.code == 2
    assert "fichier introuvable" in result.err


def test_help_is_french(rzn):
    out = rzn("publish", "caldav", "--help").out
    assert out.splitlines()[0] == "Utilisation : rzn publish caldav [OPTIONS] ÉVÉNEMENT"
    for option in ("--url ADRESSE", "--calendar NOM", "--today AAAA-MM-JJ"):
        assert f"  {option}" in out
    assert "RZN_CALDAV_USER et RZN_CALDAV_PASSWORD, ou ~/.netrc" in out
    assert rzn("publish").out.startswith("Utilisation : rzn publish [OPTIONS] COMMANDE")
