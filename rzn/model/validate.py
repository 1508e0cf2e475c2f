"""Loaded YAML data → :class:`Event`, with pydantic's errors rewritten in French.

Each error points back into the file through the source map: an unknown
key at the key itself (with a "did you mean"), a missing key at its parent,
a wrong value at the value.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from rzn.diagnostics import format_path
from rzn.load.source import Loaded
from rzn.load.yaml_tree import Path, Problem
from rzn.model.event import Event


def validate(loaded: Loaded) -> tuple[Event | None, list[Problem]]:
    try:
        return Event.model_validate(loaded.data), []
    except ValidationError as exc:
        return None, [_problem(loaded, error) for error in exc.errors(include_url=False)]


def _problem(loaded: Loaded, error: Any) -> Problem:
    loc: Path = tuple(error["loc"])
    kind: str = error["type"]
    source = loaded.source
    if kind == "missing":
        parent, name = loc[:-1], loc[-1]
        where = f"dans « {format_path(parent)} »" if parent else "en tête du fichier"
        line, column = source.locate(parent, key=True)
        hint = _EXAMPLES.get(str(name)) if not parent else None
        if hint is None:
            hint = _choices_hint(_field(loc))
        return Problem(
            line,
            column,
            "missing-key",
            f"Clé obligatoire « {name} » manquante {where} : ajoutez-la{hint}.",
            loc,
        )
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        suggestion = f" : vouliez-vous dire « {close[0]} » ?" if close else "."
        listing = f" Clés possibles ici : {', '.join(allowed)}." if allowed else ""
        line, column = source.locate(loc, key=True)
        return Problem(
            line, column, "unknown-key", f"Clé inconnue « {key} »{suggestion}{listing}", loc
        )
    # A check across several fields (end before start...) reports on the whole table;
    # point at the first of the fields it names that the file actually contains.
    for name in str((error.get("ctx") or {}).get("at", "")).split("|"):
        part: str | int = int(name) if name.isdigit() else name
        if name and (*loc, part) in source.positions:
            loc = (*loc, part)
            break
    line, column = source.locate(loc)
    return Problem(line, column, "invalid-value", _message(error, loc), loc)


_EXAMPLES = {
    "title": ' (par exemple title: "RéZolutions numériques Bretagne")',
    "date": " (par exemple date: 2027-11-18)",
    "format": " (in_person, online ou hybrid)",
    "organizers": " (au moins une organisation, avec lead: true pour la tête de file)",
}
"""Hints for the keys every event needs, at the top of the file."""


def _choices_hint(field: FieldInfo | None) -> str:
    enum = _inner_enum(field.annotation) if field is not None else None
    if enum is None:
        return ""
    return f" ({_or_list([member.value for member in enum])})"


def _or_list(values: list[str]) -> str:
    return ", ".join(values[:-1]) + " ou " + values[-1] if len(values) > 1 else values[0]


# French words organisers naturally type for the English values of the file format.
_FRENCH_VALUES = {
    "présentiel": "in_person",
    "presentiel": "in_person",
    "en présentiel": "in_person",
    "distanciel": "online",
    "en ligne": "online",
    "à distance": "online",
    "visio": "online",
    "hybride": "hybrid",
    "plénière": "plenary",
    "pleniere": "plenary",
    "atelier": "workshop",
    "ateliers": "workshop",
    "sous-groupe": "workshop",
    "accueil": "welcome",
    "conférence": "talk",
    "conference": "talk",
    "intervention": "talk",
    "table ronde": "round_table",
    "table-ronde": "round_table",
    "débat": "round_table",
    "témoignage": "testimony",
    "retour d'expérience": "testimony",
    "questions": "qa",
    "questions-réponses": "qa",
    "pause": "break",
    "déjeuner": "meal",
    "repas": "meal",
    "clôture": "closing",
    "cloture": "closing",
    "financeur": "funder",
    "partenaire": "partner",
    "salle": "venue",
    "location": "venue",
    "restauration": "catering",
    "traiteur": "catering",
    "impression": "printing",
    "déplacement": "travel",
    "hébergement": "accommodation",
    "subvention": "subsidy",
    "mécénat": "sponsorship",
    "fonds propres": "own_funds",
    "autre": "other",
}


def _suggest(value: Any, choices: list[str]) -> str | None:
    if not isinstance(value, str):
        return None
    typed = value.strip().casefold()
    french = _FRENCH_VALUES.get(typed)
    if french in choices:
        return french
    close = difflib.get_close_matches(typed.replace(" ", "_"), choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _number(value: Any) -> str:
    """``100000`` → ``100 000``, as French writes it."""
    if isinstance(value, (int, Decimal)) and value == int(value) and abs(int(value)) >= 10_000:
        return f"{int(value):,}".replace(",", " ")
    return str(value)


def _digits(value: Any) -> str:
    return f"{sum(c.isdigit() for c in str(value)):,}".replace(",", " ")


def _is_small(value: Any) -> bool:
    """A number below 1 in absolute value (``1e-400``): its digits are decimals."""
    try:
        return abs(Decimal(str(value).strip())) < 1
    except (ArithmeticError, ValueError):
        return False


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "une table de clés"
    if isinstance(value, list):
        return "une liste"
    if value is None:
        return "une valeur vide"
    text = str(value)
    return f"« {text[:60]}{'…' if len(text) > 60 else ''} »"


def _message(error: Any, loc: Path) -> str:
    kind: str = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    shown = _shown(value)
    if kind.startswith("rzn_"):
        return str(error["msg"])
    if kind == "enum":
        # pydantic quotes a value holding an apostrophe (l') with double quotes
        quoted = re.findall(r"'([^']*)'|\"([^\"]*)\"", str(ctx.get("expected", "")))
        choices = [single or double for single, double in quoted]
        close = _suggest(value, choices)
        hint = f" : vouliez-vous dire « {close} » ?" if close else "."
        return (
            f"{shown} n'est pas une valeur possible{hint} Choisissez parmi : {_or_list(choices)}."
        )
    if kind == "int_parsing_size":
        return f"{shown} : nombre bien trop long ({_digits(value)} chiffres) ; vérifiez la valeur."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        if loc and str(loc[-1]) in _MINUTES:
            return f"Durée en minutes attendue (par exemple 90 pour 1 h 30), pas {shown}."
        return f"Nombre entier attendu (par exemple 120), pas {shown}."
    if kind in ("decimal_parsing", "decimal_type", "float_parsing", "float_type", "finite_number"):
        return f"Nombre attendu (par exemple 600 ou 12.50), pas {shown}."
    if kind in ("decimal_max_places",):
        return f"{shown} : au plus deux décimales (les centimes)."
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        if _is_small(value):
            return f"{shown} : trop de décimales (au plus deux, les centimes)."
        return f"{shown} : nombre bien trop grand ; vérifiez la valeur."
    if kind == "greater_than_equal":
        return f"{shown} est trop petit : la valeur doit être au moins {_number(ctx.get('ge'))}."
    if kind == "greater_than":
        return (
            f"{shown} est trop petit : la valeur doit être supérieure à {_number(ctx.get('gt'))}."
        )
    if kind == "less_than_equal":
        return f"{shown} est trop grand : au plus {_number(ctx.get('le'))}. Vérifiez la valeur."
    if kind == "less_than":
        return (
            f"{shown} est trop grand : la valeur doit être inférieure à {_number(ctx.get('lt'))}."
        )
    if kind == "string_too_short":
        if loc and isinstance(loc[-1], int):
            return "Élément vide : écrivez un texte ou supprimez la ligne."
        field = _field(loc)
        if field is not None and field.is_required():
            return "Valeur vide : cette clé est obligatoire, écrivez un texte."
        return "Valeur vide : écrivez un texte ou supprimez la clé."
    if kind == "string_too_long":
        return f"Texte trop long : au plus {ctx.get('max_length')} caractères."
    if kind in ("string_type", "string_sub_type"):
        return f"Texte attendu, pas {shown}."
    if kind == "list_type":
        return f"Liste attendue, pas {shown} : écrivez chaque élément sur sa ligne, après « - »."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (
            f"Table de clés attendue (des lignes « clé: valeur » indentées en dessous), "
            f"pas {shown}."
        )
    if kind == "too_short":
        return f"Au moins {ctx.get('min_length')} élément attendu dans cette liste."
    if kind == "too_long":
        return f"Liste trop longue : au plus {ctx.get('max_length')} éléments."
    if kind in ("bool_parsing", "bool_type"):
        return "Réponse oui/non attendue : écrivez true (oui) ou false (non)."
    return f"Valeur invalide à « {format_path(loc)} » ({error.get('msg')}) : corrigez-la."


_MINUTES = frozenset(("duration", "station_walk_minutes"))
"""Fields counted in minutes, where "1h30" is a likely mistake."""


def _allowed_keys(loc: Path) -> list[str]:
    model: Any = Event
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        field = model.model_fields.get(str(part))
        if field is None:
            return []
        model = _inner_model(field.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _field(loc: Path) -> FieldInfo | None:
    """The model field a location names (``("venue", "rooms", 0, "kind")`` → ``Room.kind``)."""
    model: Any = Event
    field: FieldInfo | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = model.model_fields.get(str(part))
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return field


def _inner_enum(annotation: Any) -> type[Enum] | None:
    inner = _inner_model(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, Enum) else None


def _inner_model(annotation: Any) -> Any:
    """``list[Room] | None`` → ``Room``; ``RoomKind | None`` → ``RoomKind``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if isinstance(inner, type) and issubclass(inner, (BaseModel, Enum)):
                return inner
        return None
    if isinstance(annotation, type) and issubclass(annotation, (BaseModel, Enum)):
        return annotation
    return None
