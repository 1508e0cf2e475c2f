import base64
import os
import shutil
from pathlib import Path

import pytest

from rzn.load import logos
from rzn.load.logos import LogoError, LogoFormat, LogoProblem, load_logo

DATA = Path(__file__).resolve().parent.parent / "data" / "logos"


@pytest.fixture
def event_dir(tmp_path: Path) -> Path:
    """An event folder with the test logos in ``logos/`` and a file beside the folder."""
    folder = tmp_path / "evenement"
    shutil.copytree(DATA, folder / "logos")
    shutil.copy(DATA / "association.png", tmp_path / "dehors.png")
    return folder


def _problem(event_dir: Path, path: str) -> LogoProblem:
    with pytest.raises(LogoError) as caught:
        load_logo(event_dir, path)
    assert caught.value.message.startswith("logo « ")
    return caught.value.problem


@pytest.mark.parametrize(
    ("name", "expected", "size"),
    [
        ("association.png", LogoFormat.PNG, (120, 60)),
        ("partenaire.jpg", LogoFormat.JPEG, (60, 60)),
        ("financeur.gif", LogoFormat.GIF, (40, 20)),
        ("vectoriel.svg", LogoFormat.SVG, (None, None)),
    ],
)
def test_load_logo_recognises_each_format(event_dir, name, expected, size):
    logo = load_logo(event_dir, f"logos/{name}")
    assert (logo.format, (logo.width, logo.height)) == (expected, size)
    assert logo.path == (event_dir / "logos" / name).resolve()
    assert logo.data == (DATA / name).read_bytes()


def test_load_logo_trusts_content_not_extension(event_dir):
    (event_dir / "logos" / "vraiment-un-png.jpg").write_bytes(
        (DATA / "association.png").read_bytes()
    )
    logo = load_logo(event_dir, "logos/vraiment-un-png.jpg")
    assert (logo.format, logo.mime) == (LogoFormat.PNG, "image/png")


def test_load_logo_accepts_windows_separators(event_dir):
    assert load_logo(event_dir, "logos\\association.png").format is LogoFormat.PNG


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("../dehors.png", LogoProblem.OUTSIDE),
        ("logos/../../dehors.png", LogoProblem.OUTSIDE),
        ("..\\dehors.png", LogoProblem.OUTSIDE),
        ("/etc/passwd", LogoProblem.REFUSED_PATH),
        ("C:\\Windows\\logo.png", LogoProblem.REFUSED_PATH),
        ("logos/a\x00.png", LogoProblem.REFUSED_PATH),
        ("", LogoProblem.REFUSED_PATH),
    ],
)
def test_load_logo_refuses_paths_leaving_the_event_folder(event_dir, path, expected):
    assert _problem(event_dir, path) is expected


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="liens symboliques indisponibles")
def test_load_logo_refuses_a_symbolic_link_leading_out(event_dir):
    (event_dir / "logos" / "lien.png").symlink_to(event_dir.parent / "dehors.png")
    assert _problem(event_dir, "logos/lien.png") is LogoProblem.OUTSIDE


def test_load_logo_reports_a_missing_file(event_dir):
    assert _problem(event_dir, "logos/absent.png") is LogoProblem.MISSING


def test_load_logo_refuses_folders_and_special_files(event_dir):
    assert _problem(event_dir, "logos") is LogoProblem.NOT_A_FILE
    if hasattr(os, "mkfifo"):
        os.mkfifo(event_dir / "logos" / "tube.png")
        # Reading a FIFO would block forever: it must be refused before being opened.
        assert _problem(event_dir, "logos/tube.png") is LogoProblem.NOT_A_FILE


@pytest.mark.parametrize("name", ["pas-une-image.png", "tronque.png"])
def test_load_logo_refuses_what_is_not_a_usable_image(event_dir, name):
    assert _problem(event_dir, f"logos/{name}") is LogoProblem.NOT_AN_IMAGE


def test_load_logo_refuses_a_file_too_large(event_dir, monkeypatch):
    monkeypatch.setattr(logos, "MAX_LOGO_BYTES", 100)
    with pytest.raises(LogoError) as caught:
        load_logo(event_dir, "logos/association.png")
    assert caught.value.problem is LogoProblem.TOO_LARGE
    assert "trop lourd" in caught.value.message


def test_data_uri_embeds_the_bytes():
    uri = logos.data_uri(b"\x89PNG", "image/png")
    assert uri == "data:image/png;base64," + base64.b64encode(b"\x89PNG").decode()


def test_logo_data_uri_uses_the_sniffed_type(event_dir):
    logo = load_logo(event_dir, "logos/vectoriel.svg")
    assert logo.data_uri().startswith("data:image/svg+xml;base64,")


def test_sniff_format_needs_an_svg_root():
    assert logos.sniff_format(b"<!-- logo -->\n<svg viewBox='0 0 1 1'/>") is LogoFormat.SVG
    assert logos.sniff_format(b"<html><svg></svg></html>") is None
    assert logos.sniff_format(b"") is None


def test_each_image_is_decoded_once_and_a_replaced_file_again(event_dir, monkeypatch):
    decoded = []
    decode = logos._decode

    def counting(data):
        decoded.append(data)
        return decode(data)

    monkeypatch.setattr(logos, "_decode", counting)
    monkeypatch.setattr(logos, "_MEASURED", {})
    for _ in range(3):  # three events naming the same logo
        assert load_logo(event_dir, "logos/association.png").width == 120
        assert _problem(event_dir, "logos/tronque.png") is LogoProblem.NOT_AN_IMAGE
    assert len(decoded) == 2

    shutil.copy(DATA / "partenaire.jpg", event_dir / "logos" / "association.png")
    assert load_logo(event_dir, "logos/association.png").width == 60  # the new file's
    assert len(decoded) == 3


def test_a_logo_named_by_many_events_is_read_once_while_unchanged(event_dir, monkeypatch):
    reads = []
    load = logos._load_logo

    def counting(folder, path):
        reads.append(path)
        return load(folder, path)

    monkeypatch.setattr(logos, "_load_logo", counting)
    monkeypatch.setattr(logos, "_LOADED", {})
    first = load_logo(event_dir, "logos/association.png")
    assert load_logo(event_dir, "logos/association.png") is first
    assert reads == ["logos/association.png"]

    target = event_dir / "logos" / "association.png"
    target.write_bytes((DATA / "financeur.gif").read_bytes())  # replaced by another image
    assert (load_logo(event_dir, "logos/association.png").width, len(reads)) == (40, 2)
    target.unlink()
    assert _problem(event_dir, "logos/association.png") is LogoProblem.MISSING


def test_nearest_image_tries_case_extension_folder_then_spelling(tmp_path):
    for name in ("logos/CD22.png", "logos/ville.jpeg", "images/region.svg", "logos/zzz.gif"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    assert logos.nearest_image(tmp_path, "logos/cd22.png") == "logos/CD22.png"
    assert logos.nearest_image(tmp_path, "Logos/CD22.PNG") == "logos/CD22.png"
    assert logos.nearest_image(tmp_path, "logos/ville.jpg") == "logos/ville.jpeg"
    assert logos.nearest_image(tmp_path, "logos/region.svg") == "images/region.svg"
    assert logos.nearest_image(tmp_path, "logos/vile.jpeg") == "logos/ville.jpeg"
    assert logos.nearest_image(tmp_path, "logos/partenaire.png") is None


def test_nearest_image_looks_at_a_bounded_number_of_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(logos, "_MAX_LISTED", 5)
    for index in range(10):
        (tmp_path / f"a{index}.txt").write_bytes(b"")
    (tmp_path / "z.png").write_bytes(b"")
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "cd22.png").write_bytes(b"")
    # Beyond the bound, the root's last file is not seen; the folder named is always listed.
    assert logos.nearest_image(tmp_path, "z.jpg") is None
    assert logos.nearest_image(tmp_path, "logos/CD22.png") == "logos/cd22.png"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_an_unreadable_logo_says_why_in_french_and_what_to_do(event_dir):
    os.symlink("boucle.png", event_dir / "logos" / "boucle.png")
    with pytest.raises(LogoError) as caught:
        load_logo(event_dir, "logos/boucle.png")
    assert caught.value.problem is LogoProblem.UNREADABLE
    message = str(caught.value)
    assert "lien symbolique" in message and "boucle" in message
    assert "vérifiez" in message
