"""The ``rzn-check`` pre-commit hook, run by the real pre-commit from another repository.

pre-commit installs rzn from a git repository in its own environment (as it
would from the published repository), so the test takes a minute. It is
skipped on a machine without pre-commit or git, and fails instead in CI
(``CI=true``), where both must be there.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import QUIET as MINIMAL
from tests.conftest import ROOT, write_logos
from tests.programs import missing

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "rzn tests",
    "GIT_AUTHOR_EMAIL": "tests@example.org",
    "GIT_COMMITTER_NAME": "rzn tests",
    "GIT_COMMITTER_EMAIL": "tests@example.org",
}
GOOD = MINIMAL + "region: Bretagne\n"
BAD = MINIMAL.replace("test", "Vannes").replace(
    "kind: talk, speakers: [dupont]", "kind: talk, speakers: [dupond]"
)


def require(condition: bool, reason: str) -> None:
    if not condition:
        missing(f"{reason} : obligatoire en CI.")


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_IDENTITY}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)
    return done.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout as a repository pre-commit can install: its working tree, committed.

    pre-commit installs a commit; a copy lets the test see uncommitted work too.
    """
    require(importlib.util.find_spec("pre_commit") is not None, "pre-commit n'est pas installé")
    require(shutil.which("git") is not None, "git n'est pas installé")
    require((ROOT / ".git").exists(), "rzn n'est pas une copie git")
    repo = tmp_path_factory.mktemp("rzn-hook")
    git("init", "-q", cwd=repo)
    for name in git("ls-files", "-z", cwd=ROOT).split("\0"):
        if name and (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    # pyproject.toml force-includes templates/ in the wheel, which does not build
    # without it; the render commands bring it, the hook does not need it.
    (repo / "templates").mkdir(exist_ok=True)
    (repo / "templates" / ".keep").touch()
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "rzn", cwd=repo)
    return repo


@pytest.fixture(scope="module")
def event_repo(tmp_path_factory: pytest.TempPathFactory, hook_repo: Path) -> Path:
    repo = tmp_path_factory.mktemp("coordination")
    git("init", "-q", cwd=repo)
    (repo / "events").mkdir()
    (repo / "events" / "good.yaml").write_text(GOOD, encoding="utf-8")
    (repo / "events" / "bad.yaml").write_text(BAD, encoding="utf-8")
    write_logos(repo / "events")
    # Not an event: the hook must leave it alone.
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n")
    git("add", "-A", cwd=repo)
    return repo


def try_repo(hook: Path, repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_IDENTITY, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook), "rzn-check", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=900,
    )


def hook_output(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The hook's lines after pre-commit's own banner, without the install chatter."""
    lines = result.stdout.split("=" * 79)[-1].splitlines()
    return [line for line in lines if line and not line.startswith("[INFO]")]


@pytest.mark.parametrize(
    ("command", "path"),
    [
        ("validate-manifest", ROOT / ".pre-commit-hooks.yaml"),
        ("validate-config", ROOT / "examples" / "ci" / ".pre-commit-config.yaml"),
    ],
)
def test_hook_manifest_and_example_config_are_valid(command, path):
    require(importlib.util.find_spec("pre_commit") is not None, "pre-commit n'est pas installé")
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", command, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_hook_refuses_a_bad_event_file(hook_repo, event_repo):
    files = ("events/bad.yaml", "events/good.yaml", ".github/workflows/ci.yml")
    result = try_repo(hook_repo, event_repo, *files)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = hook_output(result)
    assert re.fullmatch(r"rzn check \(RéZolutions numériques\)\.+Failed", lines[0])
    assert lines[1:] == [
        "- hook id: rzn-check",
        "- exit code: 1",
        "events/bad.yaml:19:78: erreur RZN402 [unknown-speaker] Intervenant « dupond » inconnu "
        "dans « Conférence » : ajoutez-le dans speakers (avec id: dupond) ou corrigez "
        "l'identifiant. Vouliez-vous dire « dupont » ?",
        "2 fichiers vérifiés : 1 erreur.",
    ]


def test_hook_passes_a_good_event_file(hook_repo, event_repo):
    result = try_repo(hook_repo, event_repo, "events/good.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    (line,) = hook_output(result)
    assert re.fullmatch(r"rzn check \(RéZolutions numériques\)\.+Passed", line)
