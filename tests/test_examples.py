"""The bundled examples stay clean: users copy them, and the README runs them."""

from __future__ import annotations

import json
import re

import yaml

from tests.conftest import EXAMPLES


def test_examples_check_without_error(rzn) -> None:
    result = rzn("check", str(EXAMPLES), "--today", "2027-09-01", "--format", "json")
    report = json.loads(result.out)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert (result.code, errors) == (0, [])
    assert report["summary"]["errors"] == 0


def test_examples_cover_every_format() -> None:
    formats = {
        yaml.safe_load(path.read_text(encoding="utf-8"))["format"]
        for path in EXAMPLES.glob("*/event.yaml")
    }
    assert formats == {"in_person", "online", "hybrid"}


def test_examples_have_one_event_file_per_folder() -> None:
    # examples/ci/ holds CI configuration (hidden files that `rzn check` skips), not events.
    files = sorted(
        p.relative_to(EXAMPLES).as_posix()
        for p in EXAMPLES.rglob("*.y*ml")
        if p.relative_to(EXAMPLES).parts[0] != "ci"
    )
    assert files == sorted(f"{p.parent.name}/event.yaml" for p in EXAMPLES.glob("*/event.yaml"))
    assert len(files) >= 4


def test_examples_use_only_example_org_addresses() -> None:
    # Examples are fictional: no real person's address, no live link.
    for path in EXAMPLES.glob("*/event.yaml"):
        text = path.read_text(encoding="utf-8")
        for email in re.findall(r"[\w.+-]+@([\w.-]+)", text):
            assert email == "example.org", (path, email)
        for host in re.findall(r"https?://([^/\s,}]+)", text):
            assert host == "example.org" or host.endswith(".example.org"), (path, host)
