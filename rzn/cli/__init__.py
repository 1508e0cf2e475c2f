"""The ``rzn`` command: a thin Typer layer over the core.

Each command parses its options and calls one core function. :func:`main`
is the single place where exceptions become French messages and exit
codes; no traceback reaches a user. Importing Typer costs more than checking
a file, so this module does not: help pages are printed from
:mod:`rzn.cli.help_pages`, a usual ``rzn check`` command line is read by
:mod:`rzn.cli.check_run`, and every other command line goes to the Typer
application in :mod:`rzn.cli.app`.
"""

from __future__ import annotations

import os
import sys

# rzn uses no pydantic plugin; looking for them scans every installed package at start-up.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _kind(exc: BaseException) -> set[str]:
    # Typer may ship its own copy of click: recognise click's exceptions by name.
    return {cls.__name__ for cls in type(exc).__mro__}


def main(argv: list[str] | None = None) -> int:
    from rzn.cli.help import render_help, wants_help
    from rzn.errors import ExitCode, RznError

    args = sys.argv[1:] if argv is None else list(argv)
    if args in (["--version"], ["-V"]):
        from rzn import __version__

        sys.stdout.write(f"rzn {__version__}\n")
        return 0
    if wants_help(args):
        sys.stdout.write(render_help(args))
        return int(ExitCode.OK)
    try:
        fast = _check_without_typer(args)
        if fast is not None:
            return fast
        from rzn.cli.app import app

        result = app(args=args, prog_name="rzn", standalone_mode=False)
    except KeyboardInterrupt:
        _err("Interrompu : aucun fichier n'a été modifié à moitié.")
        return 130
    except RznError as exc:
        _err(exc.message)
        return int(exc.exit_code)
    except Exception as exc:
        kinds = _kind(exc)
        if "Exit" in kinds:
            return int(getattr(exc, "exit_code", 0))
        if "Abort" in kinds:
            _err("Interrompu : aucun fichier n'a été modifié à moitié.")
            return 130
        if "UsageError" in kinds:
            _err(_usage_message(exc))
            return int(ExitCode.UNUSABLE)
        return _internal_error(exc)
    return int(result or 0)


def _check_without_typer(args: list[str]) -> int | None:
    """``rzn check`` with usual arguments, without importing Typer; None for anything else.

    Typer costs more to import than checking a file: editors and pre-commit hooks run
    ``rzn check`` on every save and commit. Anything the light parser does not read as
    click would goes through Typer (:mod:`rzn.cli.check_run`).
    """
    if not args or args[0] != "check":
        return None
    from rzn.cli.check_run import parse_check_args, run_check

    parsed = parse_check_args(args[1:])
    if parsed is None:
        return None
    try:
        return run_check(parsed)
    except KeyboardInterrupt:
        return 130  # as through Typer, which turns it into a silent exit 130
    except BrokenPipeError:
        # As Typer does: a reader that stopped early (| head) is not an error of rzn's, and
        # what is left in the buffer must not fail again when Python exits.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _internal_error(exc: Exception) -> int:
    from rzn.errors import ExitCode

    if os.environ.get("RZN_DEBUG"):
        raise exc
    # An error from a worker process travels back as WorkerError, naming the original.
    kind = getattr(exc, "kind", None) or type(exc).__name__
    _err(
        f"Erreur interne de rzn ({kind}). Vos fichiers n'ont pas été modifiés. "
        "Relancez avec RZN_DEBUG=1 pour le détail et signalez-la aux développeurs."
    )
    return int(ExitCode.INVALID)


def _command_names() -> list[str]:
    from rzn.cli.app import app

    return [c.name for c in app.registered_commands if c.name] + [
        g.name for g in app.registered_groups if g.name
    ]


def _err(message: str) -> None:
    from rzn.diagnostics import visible

    sys.stderr.write(f"rzn : {visible(message)}\n")


def _usage_message(exc: Exception) -> str:
    import re

    from rzn.cli.help import metavar

    kinds = _kind(exc)
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "rzn COMMANDE"
    hint = f" Lancez « {command} --help » pour ses arguments et options."
    param = getattr(exc, "param", None)
    if "NoSuchOption" in kinds:
        options: list[str] = list(getattr(exc, "possibilities", None) or [])
        close = f" Vouliez-vous dire {', '.join(options)} ?" if options else ""
        return f"Option inconnue : {getattr(exc, 'option_name', '?')}.{close}{hint}"
    if "MissingParameter" in kinds:
        name = metavar(param) if param is not None else "?"
        return f"Argument manquant : {name.rstrip('.')}.{hint}"
    if "BadParameter" in kinds:
        opts = list(getattr(param, "opts", None) or [])
        name = max(opts, key=len) if opts else (metavar(param) if param is not None else "")
        reason = _french_reason(str(getattr(exc, "message", exc)))
        return f"Valeur invalide pour {name} : {reason}.{hint}"
    message = getattr(exc, "message", str(exc))
    if message.startswith("No such command"):
        import difflib

        name = message.split("'")[1] if message.count("'") >= 2 else message
        matches = difflib.get_close_matches(name, _command_names(), n=1)
        suggestion = f" Vouliez-vous dire « {matches[0]} » ?" if matches else ""
        return f"Commande inconnue « {name} ».{suggestion} Lancez « rzn --help » pour la liste."
    if "requires an argument" in message:
        quoted = re.search(r"'([^']+)'", message)
        option = quoted.group(1) if quoted else message.split()[0]
        return f"L'option {option} attend une valeur.{hint}"
    if message.startswith("Got unexpected extra argument"):
        return f"Argument en trop {message.split('argument', 1)[-1].strip()}.{hint}"
    return f"Commande incorrecte ({message}).{hint}"


def _french_reason(reason: str) -> str:
    """The few English reasons Typer gives for option values, said in French."""
    import re

    if match := re.search(r"greater than or equal to (\S+)", reason):
        return f"la valeur doit être au moins {match.group(1)}"
    if match := re.search(r"less than or equal to (\S+)", reason):
        return f"la valeur doit être au plus {match.group(1)}"
    if "valid integer" in reason or "is not a valid integer" in reason:
        return "nombre entier attendu"
    if "valid boolean" in reason:
        return "oui/non attendu (true ou false)"
    return reason
