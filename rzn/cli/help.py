"""French help, printed without rich.

Typer's help is drawn by rich with English headings ("Usage", "Options",
"Show this message and exit.") and costs a noticeable start-up time. rzn
prints its own help from the same command objects: French throughout, plain
text, fast.
"""

from __future__ import annotations

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


GROUPS = frozenset({"publish", "tasks", "templates"})
"""Commands made of subcommands (a test compares with the Typer application): here, not
read from :mod:`rzn.cli.help_pages`, so that ``rzn check`` does not load every help."""


def wants_help(argv: list[str]) -> bool:
    """``-h``/``--help`` anywhere, no arguments, or a command group without its subcommand."""
    head = argv[: argv.index("--")] if "--" in argv else argv
    if not argv or "-h" in head or "--help" in head:
        return True
    words = [w for w in head if not w.startswith("-")]
    if words and words[0] in GROUPS:
        return len(words) == 1
    return False


def render_help(argv: list[str], width: int | None = None) -> str:
    """The French help of the command ``argv`` names; ``width`` fixed for the generated docs."""
    pages = _pages()
    path = "rzn"
    for word in argv:
        if word.startswith("-"):
            continue
        if f"{path} {word}" not in pages:
            break
        path = f"{path} {word}"
    return _format(pages[path], path, width)


def _pages() -> dict[str, Page]:
    from rzn.cli.help_pages import PAGES

    return PAGES


Page = dict[str, Any]
"""One command's help: ``usage``, ``help``, ``arguments``, ``options``, ``commands``."""


def describe(app: Any) -> dict[str, Page]:
    """Every command's help, by command path (``rzn``, ``rzn check``, ``rzn publish caldav``).

    Read from the Typer application once, when rzn is developed, and stored in
    :mod:`rzn.cli.help_pages` (``python -m rzn.cli.help``): importing Typer to print
    a help would cost more than the rest of ``rzn --help``. A test compares the two.
    """
    import typer.main

    pages: dict[str, Page] = {}

    def visit(command: Any, path: str) -> None:
        pages[path] = _page(command)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            visit(sub, f"{path} {name}")

    visit(typer.main.get_command(app), "rzn")
    return pages


def metavar(param: Any) -> str:
    """The French placeholder shown for a parameter (``CHEMINS...``, ``AAAA-MM-JJ``)."""
    if getattr(param, "metavar", None):
        return str(param.metavar)
    return _METAVARS.get(param.name, str(param.name).upper())


def _page(command: Any) -> Page:
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
    usage = ["[OPTIONS]"]
    for arg in arguments:
        meta = metavar(arg)
        usage.append(meta if arg.required else f"[{meta}]")
    if subcommands:
        usage.append("COMMANDE [ARGUMENTS]...")
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
        rows.append([names, text.strip()])
    rows.append(["-h, --help", "Afficher cette aide et quitter."])
    return {
        "usage": " ".join(usage),
        "help": (command.help or "").strip(),
        "arguments": [
            [metavar(a), (a.help or "") + ("" if a.required else " (facultatif)")]
            for a in arguments
        ],
        "options": rows,
        "commands": [
            [name, (cmd.help or "").strip().split("\n")[0]] for name, cmd in subcommands.items()
        ],
    }


def _format(page: Page, prog: str, width: int | None = None) -> str:
    import shutil  # here: rzn check imports this module for wants_help() alone
    import textwrap

    if width is None:
        width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    lines = [f"Utilisation : {prog} {page['usage']}", ""]
    if page["help"]:
        lines += [textwrap.fill(page["help"], width), ""]

    def table(title: str, rows: list[list[str]]) -> None:
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

    table("Arguments", page["arguments"])
    table("Options", page["options"])
    table("Commandes", page["commands"])
    if page["commands"]:
        lines.append(f"« {prog} COMMANDE --help » détaille chaque commande.")
    return "\n".join(lines).rstrip() + "\n"


def pages_module(app: Any) -> str:
    """The source of :mod:`rzn.cli.help_pages` for ``app``."""
    import pprint

    body = pprint.pformat(describe(app), width=96, sort_dicts=False)
    return (
        '"""Every command\'s help, read from the Typer application (generated: do not edit).\n\n'
        "After changing a command, its options or their help, regenerate it with\n"
        "``python -m rzn.cli.help``; a test compares it with the application.\n"
        '"""\n\n'
        "from typing import Any\n\n"
        f"PAGES: dict[str, dict[str, Any]] = {body}\n"
    )


if __name__ == "__main__":
    from pathlib import Path

    from rzn.cli.app import app

    Path(__file__).with_name("help_pages.py").write_text(pages_module(app), encoding="utf-8")
