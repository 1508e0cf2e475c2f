from __future__ import annotations

from tests.conftest import run_subprocess


def test_top_level_help_is_french_and_lists_commands(rzn):
    result = rzn("--help")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "Utilisation : rzn [OPTIONS] COMMANDE [ARGUMENTS]..."
    assert "  -h, --help  Afficher cette aide et quitter." in lines
    assert any(line.startswith("  check ") for line in lines)
    assert any(line.startswith("  rules ") for line in lines)
    for english in ("Usage", "Show this message", "Commands:", "[default"):
        assert english not in result.out


def test_no_argument_prints_help(rzn):
    assert rzn().out == rzn("--help").out


def test_check_help_names_every_option_in_french(rzn):
    out = rzn("check", "--help").out
    assert out.splitlines()[0] == "Utilisation : rzn check [OPTIONS] CHEMINS..."
    for option in ("--format, -f FORMAT", "--today AAAA-MM-JJ", "--strict", "--select RÈGLE"):
        assert f"  {option}" in out


def test_help_does_not_import_rich_in_a_child_process():
    code = (
        "import sys; from rzn.cli import main; main(['--help']); "
        "print('rich' in sys.modules, file=sys.stderr)"
    )
    import subprocess
    import sys

    from tests.conftest import ROOT

    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert proc.stderr.strip() == "False"


def test_version(tmp_path):
    result = run_subprocess("--version")
    assert result.code == 0
    assert result.out.startswith("rzn ")


def test_usage_errors_are_french_and_name_the_command(rzn, tmp_path):
    result = rzn("check", str(tmp_path), "--jobs", "-5")
    assert (result.code, result.err) == (
        2,
        "rzn : Valeur invalide pour --jobs : la valeur doit être au moins 0. "
        "Lancez « rzn check --help » pour ses arguments et options.\n",
    )
    result = rzn("render")
    assert result.err == (
        "rzn : Argument manquant : ÉVÉNEMENT. "
        "Lancez « rzn render --help » pour ses arguments et options.\n"
    )
    result = rzn("check", str(tmp_path), "--today")
    assert result.err.startswith("rzn : L'option --today attend une valeur.")
