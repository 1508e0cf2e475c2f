"""``logo-missing`` on real files: the data cases cannot hold images beside their event."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from rzn.check import CheckOptions, check_file
from tests.plan.helpers import write

TODAY = dt.date(2027, 9, 1)
LOGOS = Path(__file__).resolve().parent.parent / "data" / "logos"


def findings(path: Path | str) -> list[tuple[str, str]]:
    options = CheckOptions(today=TODAY, select=frozenset({"logo-missing"}))
    return [(d.path, d.message) for d in check_file(str(path), options).diagnostics]


def _event(tmp_path: Path, **logos: str) -> Path:
    shutil.copytree(LOGOS, tmp_path / "logos")
    return write(
        tmp_path,
        organizers=[{"name": "Le Mouvement associatif", "lead": True, "logo": logos["lead"]}],
        partners=[{"name": "Fondation EDF", "role": "funder", "logo": logos["funder"]}],
    )


def test_usable_logos_beside_the_event_file_pass(tmp_path):
    path = _event(tmp_path, lead="logos/association.png", funder="logos/vectoriel.svg")
    assert findings(path) == []


def test_logo_paths_are_relative_to_the_event_file_not_the_working_folder(tmp_path, monkeypatch):
    path = _event(tmp_path, lead="logos/association.png", funder="logos\\financeur.gif")
    monkeypatch.chdir(tmp_path.parent)
    assert findings(f"{tmp_path.name}/{path.name}") == []


def test_a_file_that_is_not_an_image_or_is_damaged_is_reported(tmp_path):
    path = _event(tmp_path, lead="logos/pas-une-image.png", funder="logos/tronque.png")
    assert findings(path) == [
        (
            "organizers[0].logo",
            "Le Mouvement associatif : logo « logos/pas-une-image.png » : ce fichier n'est pas "
            "une image PNG, JPEG, GIF ou SVG. Enregistrez le logo en PNG, JPEG, GIF ou SVG.",
        ),
        (
            "partners[0].logo",
            "Fondation EDF : logo « logos/tronque.png » : image endommagée ou incomplète ; "
            "enregistrez-la de nouveau.",
        ),
    ]


def test_a_folder_is_not_a_logo(tmp_path):
    path = _event(tmp_path, lead="logos", funder="logos/association.png")
    assert findings(path) == [
        (
            "organizers[0].logo",
            "Le Mouvement associatif : logo « logos » : ce n'est pas un fichier image. Indiquez "
            "le fichier du logo lui-même.",
        )
    ]


def _named(tmp_path: Path, logo: str) -> list[tuple[str, str]]:
    if not (tmp_path / "logos").exists():
        shutil.copytree(LOGOS, tmp_path / "logos")
    path = write(
        tmp_path,
        organizers=[{"name": "Le Mouvement associatif", "lead": True, "logo": logo}],
        partners=[{"name": "Fondation EDF", "role": "funder", "logo": "logos/association.png"}],
    )
    return findings(path)


def test_a_missing_logo_gets_the_file_it_most_likely_meant(tmp_path):
    shutil.copytree(LOGOS, tmp_path / "logos")
    (tmp_path / "logos" / "CD22.png").write_bytes((LOGOS / "association.png").read_bytes())
    (tmp_path / "Images").mkdir()
    (tmp_path / "Images" / "ville.jpeg").write_bytes((LOGOS / "partenaire.jpg").read_bytes())
    cases = {
        "logos/cd22.png": "logos/CD22.png",  # letter case
        "logos/cd22": "logos/CD22.png",  # no extension
        "logos/partenaire.png": "logos/partenaire.jpg",  # extension
        "logos/ville.jpg": "Images/ville.jpeg",  # folder and extension
        "images/ville.jpeg": "Images/ville.jpeg",  # the folder's letter case
        "logos/asociation.png": "logos/association.png",  # a typing mistake
    }
    for written, meant in cases.items():
        assert _named(tmp_path, written) == [
            (
                "organizers[0].logo",
                f"Le Mouvement associatif : logo « {written} » introuvable : le chemin est "
                f"relatif au dossier du fichier d'événement. Vouliez-vous dire « {meant} » ?",
            )
        ], written


def test_a_missing_logo_like_no_file_keeps_the_general_advice(tmp_path):
    assert _named(tmp_path, "logos/fondation-edf.png") == [
        (
            "organizers[0].logo",
            "Le Mouvement associatif : logo « logos/fondation-edf.png » introuvable : le chemin "
            "est relatif au dossier du fichier d'événement. Vérifiez le nom du fichier et son "
            "dossier.",
        )
    ]


def test_hidden_folders_and_files_outside_the_event_folder_are_never_suggested(tmp_path):
    event_dir = tmp_path / "evenement"
    (event_dir / ".cache").mkdir(parents=True)
    (event_dir / ".cache" / "logo.png").write_bytes((LOGOS / "association.png").read_bytes())
    (tmp_path / "logo.png").write_bytes((LOGOS / "association.png").read_bytes())
    assert _named(event_dir, "logo.png")[0][1].endswith(
        "Vérifiez le nom du fichier et son dossier."
    )
