"""Tests that drive a real program (LibreOffice, pdftotext, WeasyPrint).

Locally, a missing program skips the test; in CI (``CI=true``) it fails it,
since ``.ci/run`` installs them from ``.ci/apt-packages`` and the test
dependencies: a proof that silently did not run is no proof.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

DEBIAN_PACKAGES = {
    "soffice": "libreoffice-calc (et libreoffice-impress pour les diapositives)",
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "pdftoppm": "poppler-utils",
}


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def missing(message: str) -> None:
    """Skip locally, fail in CI."""
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def require_program(name: str) -> str:
    """The program's path."""
    found = shutil.which(name)
    if found is None:
        missing(f"{name} introuvable : installez le paquet Debian {DEBIAN_PACKAGES[name]}")
    assert found is not None
    return found


def require_weasyprint() -> ModuleType:
    """WeasyPrint, importable with its Pango libraries."""
    try:
        import weasyprint
    except ImportError:
        missing('WeasyPrint absent : pip install -e ".[test]"')
        raise
    except OSError as exc:  # the Python package is there, Pango is not
        missing(f"WeasyPrint ne trouve pas Pango ({exc}) : voir .ci/apt-packages")
        raise
    return weasyprint


# LibreOffice trusts the results cached in an .xlsx unless told to recalculate on load: with
# this setting a wrong formula cannot hide behind a right cached value.
_ALWAYS_RECALCULATE = """\
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def libreoffice_convert(sources: list[Path], fmt: str, out_dir: Path) -> list[Path]:
    """Convert files with LibreOffice headless, in one start, recalculating every formula.

    The profile is private to the call, so parallel runs do not share its lock. ``out_dir``
    must not hold the sources: a conversion to the same format would overwrite them.
    """
    assert all(source.parent.resolve() != out_dir.resolve() for source in sources)
    soffice = require_program("soffice")
    profile = out_dir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        _ALWAYS_RECALCULATE, encoding="utf-8"
    )
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(out_dir),
            *map(str, sources),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    converted = [out_dir / f"{source.stem}.{fmt.split(':')[0]}" for source in sources]
    absent = [p.name for p in converted if not p.is_file()]
    assert not absent, (absent, done.stdout, done.stderr)
    return converted


def pdf_text(pdf: Path, *options: str) -> str:
    tool = require_program("pdftotext")
    done = subprocess.run(
        [tool, *options, str(pdf), "-"], check=True, capture_output=True, timeout=60
    )
    return done.stdout.decode("utf-8")
