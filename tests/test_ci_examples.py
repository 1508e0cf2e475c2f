"""``examples/ci``: valid CI files whose ``rzn`` commands really work on a repository."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES

CI = EXAMPLES / "ci"
GITHUB = CI / ".github" / "workflows" / "rzn.yml"
GITLAB = CI / ".gitlab-ci.yml"
PAGES = CI / ".github" / "workflows" / "rzn-site.yml"


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        (GITHUB, "vendor.github-workflows"),
        (GITLAB, "vendor.gitlab-ci"),
        (PAGES, "vendor.github-workflows"),
    ],
    ids=["github", "gitlab", "github-pages"],
)
def test_ci_file_is_valid_for_its_platform(path, schema):
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "ok -- validation done\n"), result.stdout


def rzn_commands() -> list[str]:
    github = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    lines = [step.get("run", "") for job in github["jobs"].values() for step in job["steps"]]
    lines += gitlab["rzn-check"]["script"]
    return [line for line in lines if line.startswith("rzn ")]


def test_ci_files_run_rzn_check_with_reports():
    assert rzn_commands() == [
        "rzn check evenements/ --format sarif > rzn.sarif || true",
        "rzn check evenements/ --format github",
        "rzn check evenements/ --format junit > rzn-junit.xml || true",
        "rzn check evenements/",
    ]


@pytest.fixture
def coordination(tmp_path: Path) -> Path:
    """A repository laid out as the examples expect, holding the bundled events."""
    from rzn.check import discover

    (tmp_path / ".git").mkdir()
    shutil.copy(CI / "rzn.toml", tmp_path / "rzn.toml")
    for index, path in enumerate(discover([str(EXAMPLES)])):
        target = tmp_path / "evenements" / f"{index}-{Path(path).name}"
        target.parent.mkdir(exist_ok=True)
        shutil.copy(path, target)
    return tmp_path


@pytest.mark.parametrize("command", rzn_commands())
def test_ci_command_works_on_the_bundled_examples(coordination, command):
    """Each command as the CI runner's shell runs it, ``rzn`` being this checkout."""
    python = shlex.quote(sys.executable)
    script = command.replace("rzn ", f"{python} -m rzn ", 1)
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {script}"],
        cwd=coordination,
        env={**os.environ, "PYTHONPATH": str(EXAMPLES.parent)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    if "sarif" in command:
        log = json.loads((coordination / "rzn.sarif").read_text(encoding="utf-8"))
        assert log["version"] == "2.1.0"
        return
    if "junit" in command:
        root = ET.parse(coordination / "rzn-junit.xml").getroot()
        assert (root.tag, root.get("failures")) == ("testsuites", "0")
        return
    *findings, summary = result.stdout.splitlines()
    assert summary.split(" : ")[0].endswith(("fichier vérifié", "fichiers vérifiés"))
    if "github" in command:
        assert all(line.startswith(("::warning ", "::notice ")) for line in findings)


def test_example_settings_load_without_problems():
    from rzn.config import load_config

    config = load_config(str(CI / "rzn.toml"))
    assert (config.ignore, config.strict, config.diagnostics) == (frozenset({"weekend"}), False, ())
    assert {name: level.value for name, level in config.severities.items()} == {
        "date-collision": "error"
    }


def site_commands() -> list[str]:
    pages = yaml.safe_load(PAGES.read_text(encoding="utf-8"))
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    lines = [step.get("run", "") for step in pages["jobs"]["build"]["steps"]]
    lines += gitlab["pages"]["script"]
    return [line for line in lines if line.startswith("rzn ")]


def test_pages_examples_publish_the_folder_rzn_site_writes():
    pages = yaml.safe_load(PAGES.read_text(encoding="utf-8"))
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    upload = next(s for s in pages["jobs"]["build"]["steps"] if "upload-pages" in s.get("uses", ""))
    assert site_commands() == [
        f"rzn site evenements/ -o {upload['with']['path']} "
        '--url "${{ steps.pages.outputs.base_url }}/"',
        'rzn site evenements/ -o public --url "$CI_PAGES_URL/"',
    ]
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]  # what GitLab Pages publishes


@pytest.mark.parametrize("command", site_commands())
def test_pages_command_builds_the_site_of_the_bundled_examples(coordination, command):
    python = shlex.quote(sys.executable)
    script = command.replace("rzn ", f"{python} -m rzn ", 1)
    script = script.replace("${{ steps.pages.outputs.base_url }}", "https://rzn-org.github.io/site")
    script = script.replace("$CI_PAGES_URL", "https://rzn-org.gitlab.io/site")
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=coordination,
        env={**os.environ, "PYTHONPATH": str(EXAMPLES.parent)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    folder = coordination / script.split(" -o ")[1].split()[0]
    root = ET.parse(folder / "sitemap.xml").getroot()
    locations = [
        loc.text or "" for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert all(loc.startswith("https://rzn-org.") and "//" not in loc[8:] for loc in locations)
    assert (folder / "index.html").is_file()
