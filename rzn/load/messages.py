"""libyaml's English error messages, rewritten for people.

Each known problem gets a French explanation of the usual cause and the
fix; an unknown one still gets a located French sentence quoting libyaml.
"""

from __future__ import annotations

import yaml

_TAB = (
    "Tabulation dans l'indentation : YAML n'accepte que des espaces. Remplacez les "
    "tabulations par des espaces (deux par niveau)."
)
_INDENT = (
    "Indentation incohérente : cette ligne n'est alignée ni avec les clés de son niveau ni "
    "avec celles du niveau au-dessus. Alignez-la avec les autres clés du même bloc "
    "(avec des espaces)."
)
_COLON = (
    "Deux-points inattendu : si la valeur contient « : » (comme dans « Atelier : outils »), "
    'mettez-la entre guillemets, par exemple title: "Atelier : outils" ; sinon, vérifiez '
    "l'indentation de cette ligne."
)


def translate_yaml_error(exc: yaml.YAMLError, text: str) -> tuple[int, int, str]:
    """Return ``(line, column, message)`` for a PyYAML/libyaml error."""
    problem = str(getattr(exc, "problem", "") or exc)
    context = str(getattr(exc, "context", "") or "")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return 1, 1, _message(problem, context, "")
    line_text = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
    char = line_text[mark.column] if mark.column < len(line_text) else ""
    return mark.line + 1, mark.column + 1, _message(problem, context, char)


def _message(problem: str, context: str, char: str) -> str:
    if char == "\t" or "\\t" in problem or "tab character" in problem:
        return _TAB
    if "mapping values are not allowed" in problem:
        return _COLON
    if "quoted scalar" in context:
        if "end of stream" in problem:
            return (
                "Guillemet non fermé : la valeur entre guillemets commencée ici ne se termine "
                "jamais. Ajoutez le guillemet fermant à la fin de la valeur."
            )
        if "escape" in problem:
            return (
                "Caractère d'échappement inconnu entre guillemets doubles (une barre oblique "
                "inverse « \\ » suivie d'une lettre) : utilisez des guillemets simples "
                "'…' ou doublez la barre oblique « \\\\ »."
            )
        return (
            "Valeur entre guillemets mal formée : vérifiez que chaque guillemet ouvert est "
            "fermé sur la même valeur."
        )
    if "undefined alias" in problem:
        return (
            "Alias (*nom) utilisé sans ancre (&nom) définie avant lui : définissez l'ancre plus "
            "haut dans le fichier ou écrivez la valeur en clair."
        )
    if "single document" in problem or "another document" in problem:
        return (
            "Le fichier contient plusieurs documents YAML séparés par « --- » : un fichier "
            "d'événement n'en contient qu'un. Séparez les événements en plusieurs fichiers."
        )
    if "could not find expected ':'" in problem:
        return (
            "Deux-points manquant : une ligne de clé doit s'écrire « clé: valeur ». Si c'est la "
            "suite d'une valeur sur plusieurs lignes, mettez toute la valeur entre guillemets."
        )
    if "cannot start any token" in problem:
        return (
            f"Le caractère « {char} » ne peut pas commencer une valeur YAML : mettez la valeur "
            'entre guillemets (par exemple "@association" ou "`texte`").'
        )
    if "control characters" in problem or "special characters" in problem:
        return (
            "Caractère de contrôle invisible dans le fichier (souvent collé depuis un traitement "
            "de texte) : supprimez-le ou retapez la ligne."
        )
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return _INDENT
    if "did not find expected '-' indicator" in problem:
        return (
            "Élément de liste mal aligné : chaque élément d'une liste commence par « - » à la "
            "même colonne que les autres. Alignez cette ligne."
        )
    if "flow" in context or "expected ',' or" in problem:
        return (
            "Liste [ … ] ou table { … } mal fermée : vérifiez qu'il y a une virgule entre les "
            "éléments et que chaque crochet ou accolade ouvert est fermé ; mettez entre "
            "guillemets les valeurs qui contiennent des virgules ou des deux-points."
        )
    if "end of stream" in problem:
        return (
            "Fin de fichier inattendue : une valeur, une liste ou une table commencée ici n'est "
            "pas terminée. Vérifiez les guillemets et crochets ouverts."
        )
    return (
        f"Syntaxe YAML invalide à cet endroit (libyaml : « {problem} »). Vérifiez l'indentation "
        "(des espaces, alignés), les deux-points après chaque clé et les guillemets."
    )
