"""libyaml's English error messages, rewritten for people.

libyaml says where it noticed a problem, which is often not where the
mistake is: an unclosed quote is noticed lines later, a colon in a title
is "a mapping value not allowed". Each known problem is traced back to
the likely mistake, located there, and explained in French with the fix;
an unknown one still gets a located French sentence quoting libyaml.
"""

from __future__ import annotations

import re

import yaml
from yaml.events import Event, ScalarEvent

from rzn.load.limits import Limits
from rzn.load.problem import Position
from rzn.load.text import LineIndex

MULTIPLE_DOCUMENTS = (
    "Le fichier contient plusieurs documents YAML séparés par « --- » : un fichier "
    "d'événement n'en contient qu'un. Séparez les événements en plusieurs fichiers, ou "
    "supprimez la ligne « --- »."
)
_TAB = (
    "Tabulation dans l'indentation : YAML n'accepte que des espaces. Remplacez les "
    "tabulations par des espaces (deux par niveau)."
)
_ESCAPE = (
    "Caractère d'échappement inconnu entre guillemets doubles (une barre oblique inverse "
    "« \\ » suivie d'une lettre) : utilisez des guillemets simples '…' ou doublez la barre "
    "oblique « \\\\ »."
)
_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([^\s#'\"][^:#]*?):(?:\s+(.*?))?\s*$")


def depth_message(limits: Limits) -> str:
    return (
        f"Imbrication trop profonde : rzn accepte au plus {limits.max_depth} niveaux de "
        "listes et de tables imbriquées (un fichier d'événement en compte environ cinq), "
        "limite dépassée ici. Vérifiez l'indentation et les crochets [ ] et accolades { } "
        "ouverts."
    )


def translate_yaml_error(
    exc: yaml.YAMLError, index: LineIndex, last: Event | None = None
) -> tuple[int, int, str]:
    """Return ``(line, column, message)`` for a libyaml error.

    ``last`` is the last event read before the error: when it is a quoted
    value, the mistake is often that value's quotes.
    """
    problem = str(getattr(exc, "problem", "") or exc)
    context = str(getattr(exc, "context", "") or "")
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    mark = problem_mark or context_mark
    if mark is None:
        return 1, 1, _unknown(problem)
    at = index.clamp((mark.line + 1, mark.column + 1))
    cat = index.clamp((context_mark.line + 1, context_mark.column + 1)) if context_mark else at
    return _Explain(index, problem, context, at, cat, last).run()


class _Explain:
    def __init__(
        self,
        index: LineIndex,
        problem: str,
        context: str,
        at: Position,
        context_at: Position,
        last: Event | None,
    ) -> None:
        self.index = index
        self.problem = problem
        self.context = context
        self.at = at
        self.context_at = context_at
        self.last = last

    def char(self, position: Position) -> str:
        text = self.index.line(position[0])
        return text[position[1] - 1] if position[1] - 1 < len(text) else ""

    def run(self) -> tuple[int, int, str]:
        found = self.explain()
        if found is None:
            return (*self.at, _unknown(self.problem))
        position, message = found
        return (*position, message)

    def explain(self) -> tuple[Position, str] | None:
        problem, context, char = self.problem, self.context, self.char(self.at)
        if char == "\t" or "tab character" in problem:
            return self.at, _TAB
        if "quoted scalar" in context:
            return self.quoted()
        quote = self.after_quoted()
        if quote is not None:
            return quote
        if "mapping values are not allowed" in problem:
            return self.colon()
        if "could not find expected ':'" in problem:
            glued = self.glued_colon(self.context_at[0])
            if glued is not None:
                return glued
            return self.context_at, (
                "Deux-points manquant : cette ligne devrait s'écrire « clé: valeur ». Si c'est "
                "la suite de la valeur de la ligne au-dessus, indentez-la davantage ou mettez "
                "toute la valeur entre guillemets."
            )
        if "while scanning an alias" in context:
            return self.context_at, (
                "« * » au début d'une valeur annonce un alias YAML (*nom) : si c'est du texte, "
                f"mettez la valeur entre guillemets{self.suggestion(self.context_at)}."
            )
        if "while scanning an anchor" in context:
            return self.context_at, (
                "« & » au début d'une valeur annonce une ancre YAML (&nom) : si c'est du "
                f"texte, mettez la valeur entre guillemets{self.suggestion(self.context_at)}."
            )
        if "block scalar" in context:
            marker = self.char(self.context_at) or "|"
            return self.context_at, (
                f"« {marker} » au début d'une valeur annonce un texte sur plusieurs lignes, "
                "qui commence à la ligne suivante : mettez la valeur entre guillemets"
                f"{self.suggestion(self.context_at)}, ou passez à la ligne juste après "
                f"« {marker} »."
            )
        if "tag" in context or "tag handle" in problem:
            return self.context_at, (
                "« ! » au début d'une valeur annonce une balise YAML : si c'est du texte, "
                f"mettez la valeur entre guillemets{self.suggestion(self.context_at)}."
            )
        if "directive" in problem or "directive" in context:
            return self.at, (
                "Ligne commençant par « % » : YAML la lit comme une directive, inutile dans un "
                "fichier d'événement. Supprimez-la, ou mettez la valeur entre guillemets si "
                "elle commence par « % »."
            )
        if "cannot start any token" in problem:
            return self.at, (
                f"Le caractère « {char} » ne peut pas commencer une valeur YAML : mettez la "
                f"valeur entre guillemets{self.suggestion(self.at)}."
            )
        if "flow" in context:
            return self.flow()
        if "did not find expected '-' indicator" in problem:
            return self.list_item()
        if "did not find expected key" in problem or "expected <block end>" in problem:
            return self.block()
        if "expected <document start>" in problem:
            return self.at, (
                "Texte après la fin du document : une ligne « ... » plus haut termine le "
                "document YAML. Supprimez cette ligne « ... »."
            )
        if "end of stream" in problem:
            return self.at, (
                "Fin de fichier inattendue : une valeur, une liste ou une table commencée plus "
                "haut n'est pas terminée. Vérifiez les guillemets et crochets ouverts."
            )
        return None

    # -- quotes ---------------------------------------------------------

    def quoted(self) -> tuple[Position, str]:
        opening = self.char(self.context_at) or '"'
        if "escape" in self.problem:
            return self.at, _ESCAPE
        if "end of stream" in self.problem:
            return self.context_at, (
                f"Guillemet « {opening} » ouvert ici et jamais fermé : ajoutez le guillemet "
                "fermant à la fin de la valeur."
            )
        return self.context_at, (
            f"Valeur entre guillemets « {opening} » mal formée, commencée ici : vérifiez que le "
            f"guillemet fermant est à la fin de la valeur (libyaml : « {self.problem} »)."
        )

    def after_quoted(self) -> tuple[Position, str] | None:
        """Text right after a closing quote: an unclosed quote or an inner apostrophe."""
        last = self.last
        if not isinstance(last, ScalarEvent) or last.style not in ("'", '"'):
            return None
        if last.start_mark is None or last.end_mark is None:
            return None
        if last.end_mark.line + 1 != self.at[0]:
            return None
        start = (last.start_mark.line + 1, last.start_mark.column + 1)
        end_line = last.end_mark.line + 1
        if start[0] == end_line and "flow" in self.context:
            return None  # a missing comma in [ … ]: the flow message says it better
        if start[0] != end_line:
            return start, (
                f"Guillemet « {last.style} » ouvert ici et fermé seulement à la ligne {end_line} : "
                "la valeur a avalé les lignes suivantes. Ajoutez le guillemet fermant à la fin "
                "de cette valeur."
            )
        if last.style == "'":
            return self.at, (
                "Texte après la fin d'une valeur entre guillemets simples : une apostrophe à "
                "l'intérieur la termine. Doublez l'apostrophe ('l''atelier') ou mettez la "
                'valeur entre guillemets doubles ("l\'atelier").'
            )
        return self.at, (
            "Texte après la fin d'une valeur entre guillemets : un guillemet à l'intérieur la "
            'termine. Mettez toute la valeur entre guillemets simples (\'Le "Forum" des '
            "associations'), ou utilisez des guillemets français « »."
        )

    # -- colons and indentation ----------------------------------------

    def colon(self) -> tuple[Position, str]:
        line, column = self.at
        text = self.index.line(line)
        before = text[: column - 1]
        if ": " in before or before.rstrip().endswith(":"):
            return self.at, (
                "Deux-points dans une valeur sans guillemets : YAML le prend pour une "
                f"nouvelle clé. Mettez la valeur entre guillemets{self.suggestion(self.at)}."
            )
        previous = self.previous_line(line)
        if previous is not None:
            glued = self.glued_colon(previous)
            if glued is not None:
                return glued
            prev_text = self.index.line(previous)
            if _indent(text) > _indent(prev_text):
                key = text.strip().split(":", 1)[0]
                return (line, _indent(text) + 1), (
                    f"Indentation incorrecte : cette ligne est plus indentée que la ligne "
                    f"{previous}, et YAML la lit comme la suite de sa valeur. Alignez « {key}: » "
                    "avec les autres clés de son bloc (même nombre d'espaces en début de ligne)."
                )
        return self.at, (
            "Deux-points inattendu : si la valeur contient « : », mettez-la entre guillemets "
            '(par exemple title: "Atelier : outils") ; sinon, vérifiez l\'indentation de '
            "cette ligne."
        )

    def glued_colon(self, line: int) -> tuple[Position, str] | None:
        """``format:online``: YAML reads one word, not a key and its value."""
        text = self.index.line(line)
        glued = re.match(r"^\s*(?:-\s+)?[^\s:#'\"]+:(?=[^\s:/])", text)
        if glued is None or ": " in text:
            return None
        key, value = text[: glued.end()].strip(), text[glued.end() :].strip()
        return (line, glued.end() + 1), (
            "Espace manquante après le deux-points : écrivez « clé: valeur », avec une espace "
            f"après « : », ici « {key} {value} »."
        )

    def block(self) -> tuple[Position, str]:
        char = self.char(self.at)
        if char == ":":
            return self.at, (
                "Clé manquante avant « : » : écrivez le nom de la clé avant les deux-points "
                "(clé: valeur)."
            )
        if char == "-":
            return self.at, (
                "Élément de liste « - » au milieu des clés d'une table : placez-le sous la clé "
                "qui contient la liste (par exemple « organizers: ») et indentez-le davantage "
                "que cette clé."
            )
        line, column = self.at
        previous = self.previous_line(line)
        columns = []
        if previous is not None:
            columns.append(_indent(self.index.line(previous), dash=True) + 1)
        if self.context_at[1] not in columns:
            columns.append(self.context_at[1])
        expected = " ou en colonne ".join(str(c) for c in sorted(columns, reverse=True))
        return self.at, (
            f"Indentation incohérente : cette ligne commence en colonne {column}, mais les clés "
            f"des blocs au-dessus commencent en colonne {expected}. Alignez-la sur les clés "
            "de son bloc, avec des espaces."
        )

    def list_item(self) -> tuple[Position, str]:
        dash_line, dash_column = self.context_at
        column = self.at[1]
        if column != dash_column:
            return self.at, (
                f"Indentation incohérente : cette ligne commence en colonne {column}, entre le "
                f"tiret « - » de la liste commencée ligne {dash_line} (colonne {dash_column}) "
                f"et le texte de ses éléments (colonne {dash_column + 2}). Alignez-la sur la "
                f"colonne {dash_column + 2} si elle fait partie de l'élément au-dessus ; "
                f"commencez-la par « - » en colonne {dash_column} si c'est un nouvel élément."
            )
        return self.at, (
            "Cette ligne est alignée sur les tirets « - » de la liste commencée ligne "
            f"{dash_line} : si elle fait partie du même élément, alignez-la sur le texte après "
            f"le tiret (colonne {dash_column + 2}) ; si c'est un nouvel élément, commencez-la "
            "par « - »."
        )

    def flow(self) -> tuple[Position, str]:
        opening = self.char(self.context_at)
        closing = {"[": "]", "{": "}"}.get(opening, "")
        kind = "Liste" if opening == "[" else "Table"
        if opening in "[{" and ("expected ','" in self.problem):
            if self.context_at[0] != self.at[0]:
                return self.context_at, (
                    f"{kind} « {opening} » ouverte ici et pas fermée : rzn attendait une "
                    f"virgule ou « {closing} » ligne {self.at[0]}, colonne {self.at[1]}. Fermez-la "
                    f"par « {closing} » ou ajoutez la virgule manquante."
                )
            return self.at, (
                f"Il manque une virgule ou « {closing} » ici : séparez les éléments par des "
                "virgules et mettez entre guillemets ceux qui contiennent une virgule, un "
                "deux-points ou un guillemet."
            )
        return self.at, (
            "Liste [ … ] ou table { … } mal formée : vérifiez qu'il y a une virgule entre les "
            "éléments et que chaque crochet ou accolade ouvert est fermé ; mettez entre "
            "guillemets les valeurs qui contiennent des virgules ou des deux-points."
        )

    # -- helpers ----------------------------------------------------------

    def previous_line(self, line: int) -> int | None:
        """The closest line above ``line`` holding something other than a comment."""
        for number in range(line - 1, 0, -1):
            stripped = self.index.line(number).strip()
            if stripped and not stripped.startswith("#"):
                return number
        return None

    def suggestion(self, position: Position) -> str:
        """`` (title: "…")`` built from the line, so the fix can be copied."""
        match = _KEY_LINE.match(self.index.line(position[0]))
        if match is None or not match.group(3):
            return ""
        key, value = match.group(2).strip(), match.group(3)
        return f", par exemple « {key}: {_quote(value)} »"


def _quote(value: str) -> str:
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _indent(text: str, dash: bool = False) -> int:
    """Leading spaces; with ``dash``, ``- `` counts as indentation (list items)."""
    pattern = r"^[ ]*(?:-[ ]+)*" if dash else r"^[ ]*"
    match = re.match(pattern, text)
    return match.end() if match else 0


def _unknown(problem: str) -> str:
    return (
        f"Syntaxe YAML invalide à cet endroit (libyaml : « {problem} »). Vérifiez "
        "l'indentation (des espaces, alignés), les deux-points après chaque clé et les "
        "guillemets."
    )
