"""A symbolic link that loops (``a -> a``) where rzn reads or writes: a French message, never
"Erreur interne" (Python 3.11 raises ``RuntimeError`` from ``Path.resolve`` there)."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import MINIMAL, ROOT

TODAY = "2027-09-01"
pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")


def no_internal_error(text: str) -> None:
    assert "Erreur interne" not in text and "Traceback" not in text, text


def test_a_registrations_export_that_is_a_looping_link(rzn, tmp_path):
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL + "registrations: boucle.csv\n", encoding="utf-8")
    os.symlink("boucle.csv", tmp_path / "boucle.csv")
    result = rzn("check", str(event), "--today", TODAY)
    no_internal_error(result.out + result.err)
    assert result.code == 1
    assert "« boucle.csv » est un lien symbolique qui boucle sur lui-même" in result.out


@pytest.fixture
def rendered(rzn, tmp_path):
    folder = tmp_path / "pontivy"
    shutil.copytree(ROOT / "examples" / "pontivy-2027", folder)
    assert rzn("render", str(folder / "event.yaml"), "--today", TODAY).code == 0
    return folder


def test_a_document_replaced_by_a_looping_link(rzn, rendered):
    out = rendered / "build"
    (out / "budget.csv").unlink()
    os.symlink("budget.csv", out / "budget.csv")
    before = sorted(p.name for p in out.iterdir())
    result = rzn("render", str(rendered / "event.yaml"), "--today", TODAY)
    no_internal_error(result.out + result.err)
    assert result.code == 1
    assert result.err == (
        f"rzn : Écriture impossible dans {out} : un lien symbolique du chemin boucle sur "
        "lui-même : vérifiez les droits d'accès au dossier ou choisissez-en un autre (-o). Les "
        "documents précédents n'ont pas été modifiés.\n"
    )
    assert sorted(p.name for p in out.iterdir()) == before


@pytest.mark.parametrize("dry_run", [(), ("--dry-run",)])
def test_an_output_folder_that_is_a_looping_link(rzn, rendered, dry_run):
    os.symlink("boucle", rendered / "boucle")
    result = rzn(
        "render", str(rendered / "event.yaml"), "-o", str(rendered / "boucle"), "--today", TODAY,
        *dry_run,
    )  # fmt: skip
    no_internal_error(result.out + result.err)
    assert result.code == 1
    assert result.err.startswith(f"rzn : Écriture impossible dans {rendered / 'boucle'} : ")
    assert os.readlink(rendered / "boucle") == "boucle"
