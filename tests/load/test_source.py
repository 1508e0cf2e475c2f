"""Reading a path: size before content, unusable inputs flagged, top level checked."""

from __future__ import annotations

from rzn.load import load_path, load_text
from rzn.load.limits import Limits
from rzn.load.problem import Problem


def test_file_over_the_limit_is_refused_from_its_size(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: b\n" * 300)
    loaded = load_path(path, Limits(max_bytes=1000))
    assert loaded.unusable
    assert loaded.problems == [
        Problem(
            1,
            1,
            "input-limit",
            "Fichier trop gros (1 500 octets) : rzn refuse les fichiers d'événement de plus de "
            "1 Ko (1 000 octets) ; un événement en fait quelques Ko. Vérifiez que vous avez "
            "indiqué le bon fichier.",
        )
    ]


def test_directory_and_missing_path_are_unusable(tmp_path):
    folder = load_path(tmp_path)
    missing = load_path(tmp_path / "absent.yaml")
    assert (folder.unusable, folder.problems[0].message) == (
        True,
        "C'est un dossier, pas un fichier : indiquez un fichier .yaml.",
    )
    assert (missing.unusable, missing.problems[0].message) == (
        True,
        "Fichier introuvable : vérifiez le chemin et le nom du fichier.",
    )


def test_list_at_top_level_is_located_at_the_list():
    assert load_text("\n\n- title: x\n").problems == [
        Problem(
            3,
            1,
            "not-a-mapping",
            "Le fichier contient une liste au lieu d'une table de clés (title: …, date: …). Un "
            "fichier d'événement commence par « title: » au début de la ligne, sans tiret.",
        )
    ]


def test_mapping_is_ok():
    loaded = load_text("title: x\n", "event.yaml")
    assert loaded.ok
    assert loaded.source.file == "event.yaml"


def test_content_read_from_a_pipe_is_bounded(tmp_path):
    import os
    import threading

    fifo = tmp_path / "tuyau.yaml"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as handle:
            handle.write(b"a: b\n" * 1000)

    writer = threading.Thread(target=feed)
    writer.start()
    loaded = load_path(fifo, Limits(max_bytes=1000))
    writer.join()
    assert loaded.problems == [
        Problem(
            1,
            1,
            "input-limit",
            "Fichier trop gros (plus de 1 000 octets) : rzn refuse les fichiers d'événement de "
            "plus de 1 Ko (1 000 octets) ; un événement en fait quelques Ko. Vérifiez que vous "
            "avez indiqué le bon fichier.",
        )
    ]


def test_load_bytes_is_load_path_without_the_file(tmp_path):
    from rzn.load import load_bytes

    path = tmp_path / "event.yaml"
    path.write_bytes(b"title: x\r\ncity: Tours\r\n")
    from_path, from_bytes = load_path(path), load_bytes(path.read_bytes(), str(path))
    assert (from_path.data, from_path.source) == (from_bytes.data, from_bytes.source)


def test_empty_comment_only_and_marker_only_files():
    def message(text: str) -> str:
        return load_text(text).problems[0].message.split(" :")[0]

    assert message("") == "Le fichier est vide"
    assert message("---\n...\n") == "Le fichier est vide"
    assert message("\n# title: x\n---\n") == "Le fichier ne contient que des commentaires"
