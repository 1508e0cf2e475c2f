from __future__ import annotations

from pathlib import Path

import pytest

from rzn.errors import UsageError
from rzn.publish.credentials import Credentials, find_credentials

SECRET = "motdepasse-tres-secret"


def netrc(folder: Path, text: str, mode: int = 0o600) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ".netrc"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_environment_variables_come_first(tmp_path):
    netrc(tmp_path, "machine cloud.example.org login autre password autre\n")
    found = find_credentials(
        "cloud.example.org",
        {"RZN_CALDAV_USER": "alice", "RZN_CALDAV_PASSWORD": SECRET, "HOME": str(tmp_path)},
    )
    assert found == Credentials("alice", SECRET, "RZN_CALDAV_USER et RZN_CALDAV_PASSWORD")


def test_the_password_is_not_in_the_repr():
    assert SECRET not in repr(Credentials("alice", SECRET, "ici"))


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (
            {"RZN_CALDAV_USER": "alice"},
            "RZN_CALDAV_USER est défini mais pas RZN_CALDAV_PASSWORD : définissez les deux (ou "
            "aucun des deux pour utiliser ~/.netrc).",
        ),
        (
            {"RZN_CALDAV_PASSWORD": SECRET},
            "RZN_CALDAV_PASSWORD est défini mais pas RZN_CALDAV_USER : définissez les deux (ou "
            "aucun des deux pour utiliser ~/.netrc).",
        ),
    ],
)
def test_one_variable_without_the_other_is_a_usage_error(variables, message):
    with pytest.raises(UsageError) as caught:
        find_credentials("cloud.example.org", variables)
    assert caught.value.message == message


def test_netrc_entry_of_the_host(tmp_path):
    netrc(
        tmp_path,
        "machine autre.example.org login bob password faux\n"
        f"machine cloud.example.org login alice password {SECRET}\n",
    )
    found = find_credentials("Cloud.Example.org", {"HOME": str(tmp_path)})
    assert found == Credentials("alice", SECRET, "~/.netrc (machine Cloud.Example.org)")


def test_netrc_variable_names_another_file(tmp_path):
    path = netrc(tmp_path / "ailleurs", f"machine h.example.org login alice password {SECRET}\n")
    found = find_credentials("h.example.org", {"NETRC": str(path), "HOME": str(tmp_path)})
    assert found is not None and found.source == f"{path} (machine h.example.org)"


def test_no_netrc_or_no_entry_means_no_credentials(tmp_path):
    assert find_credentials("h.example.org", {"HOME": str(tmp_path)}) is None
    netrc(tmp_path, "machine autre.example.org login bob password faux\n")
    assert find_credentials("h.example.org", {"HOME": str(tmp_path)}) is None


def test_a_netrc_others_can_read_is_refused(tmp_path):
    netrc(tmp_path, f"machine h.example.org login alice password {SECRET}\n", mode=0o644)
    with pytest.raises(UsageError) as caught:
        find_credentials("h.example.org", {"HOME": str(tmp_path)})
    assert caught.value.message == (
        "~/.netrc est lisible par d'autres utilisateurs de cet ordinateur : rzn n'y lit pas de "
        "mot de passe. Protégez-le avec « chmod 600 ~/.netrc »."
    )


def test_a_broken_netrc_is_reported_without_quoting_it(tmp_path):
    netrc(tmp_path, f"machine h.example.org login alice\n{SECRET} x\n")
    with pytest.raises(UsageError) as caught:
        find_credentials("h.example.org", {"HOME": str(tmp_path)})
    assert caught.value.message.startswith("~/.netrc, ligne 2 : ligne illisible.")
    assert SECRET not in caught.value.message
