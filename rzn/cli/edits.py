"""What ``rzn render`` says about the files a person edited, and its ``--dry-run`` preview."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rzn.render import RenderReport
    from rzn.render.edits import Decision

MAX_DIFF_LINES = 400
"""Lines of ``--diff`` shown per file; a larger change is summed up."""


def conflicts(decisions: list[Decision]) -> list[Decision]:
    from rzn.render.edits import Outcome

    return [d for d in decisions if d.outcome is Outcome.CONFLICT]


def show_edits(decisions: list[Decision], out: TextIO) -> None:
    """List the files a person edited or deleted, and what rzn did with each."""
    edited = [d for d in decisions if d.outcome.edited]
    if not edited:
        return
    out.write("\nVos modifications :\n")
    width = max(len(d.path) for d in edited)
    for decision in edited:
        out.write(f"  {decision.path:<{width}}  {_explain(decision)}\n")
    found = conflicts(decisions)
    if found:
        blocks = sum(d.conflicts for d in found)
        files = "un fichier" if len(found) == 1 else f"{len(found)} fichiers"
        places = "un endroit" if blocks == 1 else f"{blocks} endroits"
        out.write(
            f"\nConflits : {files}, {places} où vous et l'événement avez changé les mêmes "
            "lignes. Ouvrez chaque fichier, cherchez « <<<<<<< » : entre « <<<<<<< vos "
            "modifications » et « ======= » se trouve votre texte, entre « ======= » et "
            "« >>>>>>> nouvelle version de rzn » celui qui suit l'événement. Gardez le bon "
            "texte, supprimez les trois lignes de marques, enregistrez, puis relancez "
            "rzn render (ou rzn check, qui signale les marques oubliées).\n"
        )


def _explain(decision: Decision) -> str:
    from rzn.render.edits import Outcome

    outcome = decision.outcome
    if outcome is Outcome.MERGED:
        text = "vos modifications sont gardées, les changements de l'événement ajoutés"
    elif outcome is Outcome.CONFLICT:
        places = "1 endroit" if decision.conflicts == 1 else f"{decision.conflicts} endroits"
        text = f"EN CONFLIT ({places}) : à résoudre à la main, voir ci-dessous"
    elif outcome is Outcome.BESIDE:
        why = f" ({decision.reason})" if decision.reason else ""
        text = (
            f"modifié à la main : gardé tel quel{why} ; la nouvelle version est dans "
            f"{decision.beside} (--force pour remplacer)"
        )
    else:
        text = f"supprimé : non recréé (rzn render --restore {decision.path} pour le retrouver)"
    if decision.reencoded:
        text += " ; réenregistré en UTF-8, son encodage ne pouvait pas tout écrire"
    return text


def show_preview(report: RenderReport, out: TextIO, *, diff: bool = False) -> None:
    """``--dry-run``: what a render would do to each document; nothing was written."""
    from rzn.render.edits import Outcome

    folder = str(report.out_dir) if report.out_dir is not None else "."
    out.write(f"Aperçu, rien n'a été écrit dans {folder} :\n")
    width = max((len(d.path) for d in report.decisions), default=0)
    for decision in report.decisions:
        label = decision.outcome.value
        if decision.outcome is Outcome.BESIDE:
            label = f"gardé, nouvelle version dans {decision.beside}"
        elif decision.outcome is Outcome.CONFLICT:
            label = f"en conflit ({decision.conflicts})"
        out.write(f"  {decision.path:<{width}}  {label}\n")
        if diff and decision.after is not None:
            out.write(_diff(decision.path, decision.before, decision.after))
    counts: dict[str, int] = {}
    for decision in report.decisions:
        counts[decision.outcome.value] = counts.get(decision.outcome.value, 0) + 1
    out.write(", ".join(f"{value} : {count}" for value, count in counts.items()) + ".\n")


def _diff(path: str, before: bytes | None, after: bytes) -> str:
    old = _text(before or b"")
    new = _text(after)
    if old is None or new is None:
        return "    (fichier binaire modifié)\n"
    lines = list(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"{path} (actuel)",
            tofile=f"{path} (après rzn render)",
        )
    )
    shown = "".join(line if line.endswith("\n") else line + "\n" for line in lines[:MAX_DIFF_LINES])
    if len(lines) > MAX_DIFF_LINES:
        shown += f"… et {len(lines) - MAX_DIFF_LINES} lignes de plus\n"
    return shown


def _text(data: bytes) -> str | None:
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None
