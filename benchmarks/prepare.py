"""The benchmark's event files, written once per run, and what is checked before timing.

Each compared command must do the work it is timed for: rzn check must find the invalid
files, check-jsonschema must read the same files with rzn's own schema, rzn render must
succeed; otherwise a ratio would compare a failure with a success.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from corpus import TODAY, event_text, write_corpus, write_logos
from measures import Sizes
from tools import Tools, probe


@dataclass
class Corpus:
    root: Path
    one: str
    big: list[str]
    huge: list[str]
    render: list[str]
    schema: str
    schema_how: str


def build_corpus(root: Path, sizes: Sizes, tools: Tools) -> Corpus:
    (root / "one").mkdir(parents=True, exist_ok=True)
    (root / "one" / "event.yaml").write_text(event_text(0), encoding="utf-8")
    write_logos(root / "one")  # the funders' logos the event names, beside it
    write_corpus(root / "big", sizes.big, sizes.invalid_every)
    write_corpus(root / "huge", sizes.huge, sizes.invalid_every)
    render = []
    for index in range(sizes.render):
        # Each event renders into its own build/ folder next to it, as users keep them.
        folder = root / "render" / f"e{index:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "event.yaml").write_text(event_text(index), encoding="utf-8")
        write_logos(folder)
        render.append(f"render/e{index:03d}/event.yaml")
    schema, how = export_schema(tools, root)
    return Corpus(
        root,
        "one/event.yaml",
        # The event files only: their logos/ folder is beside them.
        sorted(f"big/{p.name}" for p in (root / "big").glob("*.yaml")),
        sorted(f"huge/{p.name}" for p in (root / "huge").glob("*.yaml")),
        render,
        schema,
        how,
    )


def export_schema(tools: Tools, root: Path) -> tuple[str, str]:
    """rzn's JSON Schema: ``rzn schema`` when it exists, else the model's own export."""
    target = root / "event.schema.json"
    proc = subprocess.run(
        [*tools.rzn, "schema"], capture_output=True, text=True, env=tools.env, check=False
    )
    if proc.returncode == 0:
        try:
            json.loads(proc.stdout)
        except ValueError:
            pass
        else:
            target.write_text(proc.stdout, encoding="utf-8")
            return str(target), "« rzn schema »"
    target.write_text(
        probe(
            tools,
            "import json\nfrom rzn.model.event import Event\n"
            "print(json.dumps(Event.model_json_schema(), ensure_ascii=False, indent=1))",
        ),
        encoding="utf-8",
    )
    return str(target), "Event.model_json_schema() (« rzn schema » indisponible)"


def verify_check(tools: Tools, corpus: Corpus, sizes: Sizes) -> list[str]:
    """Untimed: rzn must read the big corpus and flag exactly the invalid files."""
    notes = []
    proc = subprocess.run(
        [*tools.rzn, "check", "--today", TODAY, "--format", "json", *corpus.big],
        cwd=corpus.root,
        env=tools.env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(
            f"rzn check a échoué (code {proc.returncode}) avant toute mesure :\n"
            f"{proc.stderr.strip()[-2000:]}"
        )
    report = json.loads(proc.stdout)
    if report["summary"]["files"] != len(corpus.big):
        notes.append(f"rzn check a lu {report['summary']['files']} fichiers sur {len(corpus.big)}.")
    flagged = {f["file"] for f in report["findings"] if f["severity"] == "error"}
    invalid = {
        name
        for index, name in enumerate(corpus.big)
        if sizes.invalid_every and index % sizes.invalid_every == sizes.invalid_every - 1
    }
    # A thousand events cannot all be a week apart from their region's others within one
    # school year: date-collision fires by design on a corpus that large (it still runs).
    on_valid = [
        f for f in report["findings"] if f["file"] not in invalid and f["rule"] != "date-collision"
    ]
    if on_valid:
        rules = sorted({f["rule"] for f in on_valid})
        notes.append(
            f"{len(on_valid)} constats sur des fichiers censés valides ({', '.join(rules)}) : "
            "mettez à jour benchmarks/corpus.py pour suivre les règles."
        )
    missed = sorted(invalid - flagged)
    if missed:
        notes.append(f"Fichiers invalides non signalés par rzn : {', '.join(missed[:5])}.")
    return notes


def verify_peer(tools: Tools, corpus: Corpus) -> list[str]:
    assert tools.jsonschema is not None
    proc = subprocess.run(
        [tools.jsonschema, "--schemafile", corpus.schema, corpus.one],
        cwd=corpus.root,
        env=tools.env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return [
            "check-jsonschema refuse un fichier valide pour rzn : la comparaison est faussée "
            f"({(proc.stdout + proc.stderr).strip().splitlines()[-1][:200]})."
        ]
    return []


EMPTY_BUILDS = (
    "import glob, os, shutil; [shutil.rmtree(p) for p in glob.glob('render/*/build')]; os.sync()"
)
"""The ``--prepare`` of the first-render measure (no shell needed, so ``hyperfine -N`` runs it).

``os.sync()``: the file system's work of deleting the previous outputs is done before the
timed run, not charged to it.
"""


def render_argv(tools: Tools, files: list[str]) -> tuple[list[str] | None, str]:
    """The ``rzn render`` call for ``files``, or None and why it cannot be measured."""
    proc = subprocess.run(
        [*tools.rzn, "render", "--help"], capture_output=True, text=True, env=tools.env
    )
    if proc.returncode != 0:
        return None, "« rzn render » n'existe pas encore dans cette version : rendu non mesuré."
    argv = [*tools.rzn, "render"]
    if "--today" in proc.stdout:
        argv += ["--today", TODAY]
    if "--force" in proc.stdout:
        argv.append("--force")  # every run rewrites the same build/ folders
    return [*argv, *files], ""


def verify_render(tools: Tools, corpus: Corpus, argv: list[str]) -> str:
    proc = subprocess.run(
        argv, cwd=corpus.root, env=tools.env, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        last = (proc.stderr or proc.stdout).strip().splitlines()
        return (
            f"« rzn render » sur {len(corpus.render)} fichiers a échoué (code {proc.returncode}"
            f"{' : ' + last[-1][:200] if last else ''}) : rendu non mesuré."
        )
    return ""
