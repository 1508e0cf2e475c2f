"""Which column of a registrations export holds what.

Form tools name their columns in their own words: HelloAsso writes
« Prénom participant », Google Forms the question (« Votre structure »),
LimeSurvey a code or the question text, Excel whatever the organiser typed.
Each field below recognises the usual names; the event file overrides any
of them (``registration_columns``), and ``docs/colonnes.md`` is generated
from this table (a test fails when it is stale).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rzn.registrations.text import did_you_mean, quoted_list, words


@dataclass(frozen=True)
class Column:
    name: str
    """The field's name, as ``registration_columns`` writes it."""
    label: str
    """What the field holds, in French."""
    examples: tuple[str, ...]
    """Column names recognised, as the documentation lists them."""
    pattern: re.Pattern[str]
    """Matched against :func:`rzn.registrations.text.words` of the header."""
    avoid: re.Pattern[str] | None = None
    """Headers that match ``pattern`` but mean something else."""


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


PAYER = _re(r"\b(payeur|payeuse|acheteur|acheteuse|payer|buyer|commanditaire)\b")
"""HelloAsso names the person who paid beside the participant: the participant wins."""
IGNORED = _re(r"\b(utilisateur|username|user name|adresse ip|ip address|user id)\b")
"""Framaforms' « Nom d'utilisateur » is the form's account, not a participant's name."""

COLUMNS: tuple[Column, ...] = (
    # Order matters: the first column whose pattern matches a header takes it, so the
    # specific names (« Nom de la structure », « Nom et prénom ») come before « Nom ».
    Column(
        "status",
        "statut de l'inscription ; les inscriptions annulées, remboursées ou en liste "
        "d'attente ne sont pas comptées",
        ("Statut", "Statut de la commande", "État de l'inscription"),
        _re(
            r"^(statut|etat|status)( (de|du) (la |l )?"
            r"(commande|inscription|billet|participation|paiement|reservation))?$"
        ),
    ),
    Column(
        "mode",
        "participation sur place ou à distance (rencontre hybride)",
        ("Mode de participation", "Sur place ou à distance ?", "Modalité"),
        _re(
            r"\b(mode de participation|modalite|sur place ou a distance|a distance ou sur place"
            r"|presentiel ou distanciel|distanciel ou presentiel|format de participation"
            r"|type de participation|vous participerez|je participe|vous participez)\b"
        ),
    ),
    Column(
        "attended",
        "présence le jour J (oui/non, x, 1/0), remplie après l'émargement",
        ("Présent", "Présent(e)", "Présence", "Émargement", "Check-in"),
        _re(
            r"^(present|presente|presence|presences|emarge|emargee|emargement|venu|venue"
            r"|attended|check in|checkin|a participe)\b"
        ),
    ),
    Column(
        "workshops",
        "atelier(s) choisi(s) : les intitulés des ateliers du programme, séparés par des "
        "virgules ou des points-virgules, ou une colonne par atelier (LimeSurvey)",
        ("Atelier", "Ateliers choisis", "Choix des ateliers", "Session", "Workshop"),
        _re(r"\b(ateliers?|workshops?|sessions?|sous groupes?)\b"),
    ),
    Column(
        "organization",
        "structure, association ou organisation de la personne",
        ("Structure", "Association", "Organisation", "Organisme", "Raison sociale"),
        _re(
            r"\b(structures?|associations?|organisations?|organismes?|raison sociale|societe"
            r"|entreprise|collectivite|employeur|organization|company|club)\b"
        ),
        avoid=_re(
            r"\b(role|fonction|poste|qualite|statut|type|taille|nombre|adresse|ville|commune"
            r"|code postal|departement|region|site|siret|siren|rna|telephone|secteur|domaine)\b"
        ),
    ),
    Column(
        "email",
        "adresse e-mail (jamais reprise dans les documents, rapports ni statistiques)",
        ("Email", "E-mail", "Adresse e-mail", "Courriel", "Email payeur"),
        _re(r"\b(e mail|email|mail|courriel|adresse electronique)\b"),
    ),
    Column(
        "full_name",
        "nom et prénom dans une seule colonne",
        ("Nom et prénom", "Prénom Nom", "Nom complet", "Name", "Participant"),
        _re(
            r"\b(nom et prenom|prenom et nom|nom prenom|prenom nom|nom complet|full name"
            r"|identite)\b|^(name|your name|participant|participante)$"
        ),
    ),
    Column(
        "first_name",
        "prénom",
        ("Prénom", "Prénom participant", "First name"),
        _re(r"\b(prenom|first name|firstname|given name)\b"),
    ),
    Column(
        "last_name",
        "nom de famille",
        ("Nom", "Nom participant", "Nom de famille", "Last name"),
        _re(r"^(nom|nom de famille|last name|lastname|surname|family name)\b"),
    ),
)

FIELDS: dict[str, Column] = {c.name: c for c in COLUMNS}
NAME_FIELDS = ("full_name", "last_name", "first_name")
_OPTION = re.compile(r"^(.*?)\s*\[([^\[\]]+)\]\s*$")


def classify(header: str) -> tuple[str | None, bool]:
    """``(field, is_payer)`` for one header; ``(None, False)`` when rzn does not use it.

    LimeSurvey names sub-questions ``Question [Sous-question]``: the question is tried
    first (``Ateliers [Titre]`` is a workshop column), then the sub-question
    (``Coordonnées [Nom]`` is the name).
    """
    option = _OPTION.match(header)
    parts = [option.group(1), option.group(2), header] if option else [header]
    for part in parts:
        text = words(part)
        if not text or IGNORED.search(text):
            continue
        for column in COLUMNS:
            if column.pattern.search(text) and not (column.avoid and column.avoid.search(text)):
                return column.name, bool(PAYER.search(text))
    return None, False


def header_score(header: tuple[str, ...]) -> int:
    """How many fields a candidate header row names (to skip title lines above it)."""
    return len({classify(h)[0] for h in header} - {None})


@dataclass
class ColumnMap:
    indices: dict[str, int] = field(default_factory=dict)
    """Field → column index."""
    options: list[tuple[int, str]] = field(default_factory=list)
    """LimeSurvey-style workshop columns: ``Ateliers [Titre]`` → (index, ``Titre``)."""
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(field, French message) for overrides naming a column the file does not have."""

    def header_of(self, name: str, header: tuple[str, ...]) -> str | None:
        index = self.indices.get(name)
        return header[index] if index is not None else None


def map_columns(header: tuple[str, ...], overrides: dict[str, str] | None = None) -> ColumnMap:
    result = ColumnMap()
    taken: set[int] = set()
    by_words: dict[str, int] = {}
    for position, name in enumerate(header):
        by_words.setdefault(words(name), position)
    for name, wanted in (overrides or {}).items():
        if name not in FIELDS:
            continue  # reported on the event file by registrations-unreadable
        wanted_index = by_words.get(words(wanted))
        if wanted_index is None:
            close = did_you_mean(wanted, [h for h in header if h])
            hint = f" Vouliez-vous dire « {close} » ?" if close else ""
            result.problems.append(
                (
                    name,
                    f"la colonne « {wanted} » (registration_columns.{name}) n'existe pas dans "
                    f"l'export.{hint} Colonnes présentes : {quoted_list(h for h in header if h)}.",
                )
            )
            continue
        result.indices[name] = wanted_index
        taken.add(wanted_index)
    payer: dict[str, int] = {}
    for index, name in enumerate(header):
        if index in taken:
            continue
        found, is_payer = classify(name)
        if found is None:
            continue
        if found == "workshops":
            option = _OPTION.match(name)
            if option and option.group(2).strip():
                result.options.append((index, option.group(2).strip()))
                continue
        if found in result.indices:
            continue
        if is_payer:
            payer.setdefault(found, index)
        else:
            result.indices[found] = index
    for name, index in payer.items():
        result.indices.setdefault(name, index)
    if "workshops" in result.indices and result.options:
        result.options = []  # one choice column is explicit enough; option columns then are noise
    return result


def known_fields() -> list[str]:
    return list(FIELDS)


def columns_markdown() -> str:
    """The table of ``docs/colonnes.md`` (kept in step by a test)."""
    lines = [
        "| champ (`registration_columns`) | contenu | noms de colonnes reconnus (exemples) |",
        "|---|---|---|",
    ]
    for column in sorted(COLUMNS, key=lambda c: _DOC_ORDER.index(c.name)):
        examples = ", ".join(f"« {e} »" for e in column.examples)
        lines.append(f"| `{column.name}` | {column.label} | {examples} |")
    return "\n".join(lines) + "\n"


_DOC_ORDER = (
    "last_name",
    "first_name",
    "full_name",
    "organization",
    "email",
    "workshops",
    "mode",
    "attended",
    "status",
)
