"""French help, printed without rich.

Typer's help is drawn by rich with English headings ("Usage", "Options",
"Show this message and exit.") and costs a noticeable start-up time. rzn
prints its own help from the same command objects: French throughout, plain
text, fast.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import Any

_METAVARS = {
    "paths": "CHEMINS...",
    "path": "CHEMIN",
    "event": "ÉVÉNEMENT",
    "events": "ÉVÉNEMENT...",
    "directory": "DOSSIER",
    "folder": "DOSSIER",
    "output": "DOSSIER",
    "out_dir": "DOSSIER",
    "templates": "DOSSIER",
    "today": "AAAA-MM-JJ",
    "date": "AAAA-MM-JJ",
    "name": "NOM",
    "output_format": "FORMAT",
    "select": "RÈGLE",
    "calendar": "AGENDA.ics",
    "config": "FICHIER",
    "jobs": "N",
    "title": "TITRE",
    "event_format": "FORMAT",
    "city": "VILLE",
    "region": "RÉGION",
    "start": "HH:MM",
    "end": "HH:MM",
    "calendar_name": "NOM",
    "url": "URL",
    "answers": "RÉPONSES.csv",
    "ignore": "RÈGLE",
}


def wants_help(app: Any, argv: list[str]) -> bool:
    """``-h``/``--help`` anywhere, no arguments, or a command group without its subcommand."""
    head = argv[: argv.index("--")] if "--" in argv else argv
    if not argv or "-h" in head or "--help" in head:
        return True
    words = [w for w in head if not w.startswith("-")]
    if words and words[0] in {g.name for g in app.registered_groups}:
        return len(words) == 1
    return False


def render_help(app: Any, argv: list[str], width: int | None = None) -> str:
    """The French help of the command ``argv`` names; ``width`` fixed for the generated docs."""
    import typer.main

    command = typer.main.get_command(app)
    path = ["rzn"]
    for word in argv:
        if word.startswith("-"):
            continue
        sub = getattr(command, "commands", {}).get(word)
        if sub is None:
            break
        command = sub
        path.append(word)
    return _format(command, " ".join(path), width)


def metavar(param: Any) -> str:
    """The French placeholder shown for a parameter (``CHEMINS...``, ``AAAA-MM-JJ``)."""
    if getattr(param, "metavar", None):
        return str(param.metavar)
    return _METAVARS.get(param.name, str(param.name).upper())


def _format(command: Any, prog: str, width: int | None = None) -> str:
    if width is None:
        width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    subcommands = {
        name: cmd
        for name, cmd in sorted(getattr(command, "commands", {}).items())
        if not getattr(cmd, "hidden", False)
    }
    arguments = [p for p in command.params if type(p).__name__.endswith("Argument")]
    options = [
        p
        for p in command.params
        if type(p).__name__.endswith("Option") and not getattr(p, "hidden", False)
    ]
    usage = [prog, "[OPTIONS]"]
    for arg in arguments:
        meta = metavar(arg)
        usage.append(meta if arg.required else f"[{meta}]")
    if subcommands:
        usage.append("COMMANDE [ARGUMENTS]...")
    lines = [f"Utilisation : {' '.join(usage)}", ""]
    if command.help:
        lines += [textwrap.fill(command.help.strip(), width), ""]

    def table(title: str, rows: list[tuple[str, str]]) -> None:
        if not rows:
            return
        lines.append(f"{title} :")
        left = min(max(len(r[0]) for r in rows), 30)
        for name, text in rows:
            wrapped = textwrap.wrap(text, max(width - left - 6, 30)) or [""]
            if len(name) > left:
                lines.append(f"  {name}")
                lines.extend(f"  {'':<{left}}  {w}" for w in wrapped)
            else:
                lines.append(f"  {name:<{left}}  {wrapped[0]}")
                lines.extend(f"  {'':<{left}}  {w}" for w in wrapped[1:])
        lines.append("")

    table(
        "Arguments",
        [(metavar(a), (a.help or "") + ("" if a.required else " (facultatif)")) for a in arguments],
    )
    rows = []
    for opt in options:
        names = ", ".join([*opt.opts, *opt.secondary_opts])
        if not getattr(opt, "is_flag", False):
            names += f" {metavar(opt)}"
        text = opt.help or ""
        default = opt.default
        if (
            default not in (None, False, (), [])
            and not getattr(opt, "is_flag", False)
            and getattr(opt, "show_default", True) is not False
        ):
            text += f" [par défaut : {default}]"
        if getattr(opt, "multiple", False):
            text += " (répétable)" if "répétable" not in text else ""
        rows.append((names, text.strip()))
    rows.append(("-h, --help", "Afficher cette aide et quitter."))
    table("Options", rows)
    table(
        "Commandes",
        [(name, (cmd.help or "").strip().split("\n")[0]) for name, cmd in subcommands.items()],
    )
    if subcommands:
        lines.append(f"« {prog} COMMANDE --help » détaille chaque commande.")
    return "\n".join(lines).rstrip() + "\n"
