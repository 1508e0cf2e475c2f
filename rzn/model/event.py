"""The event file's model: the single source of truth for every document.

Field names are a public contract (examples, CI files and users rely on
them). Descriptions are French: they feed ``rzn schema`` and editors. The
parts live in :mod:`rzn.model.parts` and :mod:`rzn.model.communication`;
their names are importable from here as before.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from rzn.model.charter import Charter
from rzn.model.communication import (
    ADDRESS_HELP,
    Address,
    CheckSettings,
    Communication,
    Preparation,
    PrivateField,
    PublicPage,
    Rehearsal,
    Sender,
    SummerBreak,
    Tasks,
)
from rzn.model.parts import (
    ARTICLE_HELP,
    KIND_LABELS,
    SMIC_2026_HOURLY,
    Article,
    Budget,
    BudgetCategory,
    BudgetLine,
    Fallback,
    Format,
    Ident,
    Income,
    IncomeKind,
    ItemKind,
    LongText,
    Model,
    Online,
    Organizer,
    Partner,
    PartnerRole,
    ProgramItem,
    Room,
    RoomKind,
    Speaker,
    TaskRole,
    TeamMember,
    Text,
    Venue,
    _hhmm,
    _minutes,
)
from rzn.model.types import Date, Time, Url

__all__ = [
    "ADDRESS_HELP",
    "ARTICLE_HELP",
    "KIND_LABELS",
    "SMIC_2026_HOURLY",
    "Address",
    "Article",
    "Budget",
    "BudgetCategory",
    "BudgetLine",
    "CheckSettings",
    "Communication",
    "Event",
    "Fallback",
    "Format",
    "Ident",
    "Income",
    "IncomeKind",
    "ItemKind",
    "LongText",
    "Model",
    "Online",
    "Organizer",
    "Partner",
    "PartnerRole",
    "Preparation",
    "PrivateField",
    "ProgramItem",
    "PublicPage",
    "Rehearsal",
    "Room",
    "RoomKind",
    "Sender",
    "Speaker",
    "SummerBreak",
    "TaskRole",
    "Tasks",
    "TeamMember",
    "Text",
    "Venue",
]


class Event(Model):
    title: Text = Field(description="Titre de la rencontre.")
    slug: Ident | None = Field(
        None, description="Identifiant court et stable (par défaut tiré du titre)."
    )
    date: Date = Field(description="Date de la rencontre (AAAA-MM-JJ).")
    start: Time = Field(dt.time(9, 0), description="Heure de début de la journée.")
    end: Time = Field(dt.time(17, 0), description="Heure de fin de la journée.")
    timezone: Text = Field("Europe/Paris", description="Fuseau horaire (IANA).")
    format: Format = Field(description="in_person (présentiel), online (distanciel) ou hybrid.")
    region: Text | None = Field(None, description="Région.")
    city: Text | None = Field(None, description="Ville.")
    expected_participants: int | None = Field(
        None, ge=1, le=100_000, description="Nombre de participants attendus."
    )
    organizers: list[Organizer] = Field(
        min_length=1, description="Organisations co-organisatrices (au moins une)."
    )
    partners: list[Partner] = Field(default_factory=list, description="Partenaires.")
    objectives: list[LongText] = Field(
        default_factory=list, description="Vision commune : enjeux et objectifs de la rencontre."
    )
    political_support: list[Text] = Field(
        default_factory=list,
        description="Portage politique : élus, dirigeants bénévoles, financeurs qui soutiennent.",
    )
    team: list[TeamMember] = Field(
        default_factory=list, description="Personnes de l'équipe d'organisation (référents)."
    )
    venue: Venue | None = Field(None, description="Lieu (sauf événement en ligne).")
    online: Online | None = Field(None, description="Accès à distance (en ligne ou hybride).")
    fallback: Fallback | None = Field(
        None, description="Plan B : bascule à distance d'un événement en présentiel."
    )
    registration_url: Url | None = Field(None, description="Lien d'inscription.")
    registrations: Text | None = Field(
        None,
        description=(
            "Export CSV des inscriptions (HelloAsso, Framaforms, LimeSurvey, Google Forms, "
            "tableur), chemin relatif au fichier d'événement : feuille d'émargement, listes par "
            "atelier, jauges vérifiées. Données personnelles : gardez-le hors du dépôt."
        ),
    )
    registration_columns: dict[Text, Text] = Field(
        default_factory=dict,
        description=(
            "Colonnes de l'export d'inscriptions que rzn ne reconnaît pas seul : champ → nom de "
            "la colonne (last_name, first_name, full_name, organization, email, workshops, mode, "
            "attended, status ; voir docs/colonnes.md)."
        ),
    )
    answers: Text | None = Field(
        None,
        description=(
            "Export CSV des réponses au questionnaire d'évaluation, chemin relatif au fichier "
            "d'événement : lu par rzn report et rzn stats. Données personnelles : gardez-le "
            "hors du dépôt."
        ),
    )
    answer_columns: dict[Text, Text] = Field(
        default_factory=dict,
        description=(
            "Colonnes de l'export des réponses que rzn ne reconnaît pas seul : identifiant de "
            "question (overall_satisfaction, digital_level…) → nom de la colonne."
        ),
    )
    program: list[ProgramItem] = Field(default_factory=list, description="Programme de la journée.")
    speakers: list[Speaker] = Field(default_factory=list, description="Intervenants.")
    budget: Budget | None = Field(None, description="Budget prévisionnel.")
    communication: Communication = Field(
        default_factory=Communication, description="Communication."
    )
    preparation: Preparation = Field(
        default_factory=Preparation,
        description="Ce que les brouillons demandent encore : créneaux, filage.",
    )
    tasks: Tasks = Field(default_factory=Tasks, description="Suivi des tâches du rétroplanning.")
    charter: Charter = Field(default_factory=Charter, description="Charte graphique.")
    check: CheckSettings = Field(
        default_factory=CheckSettings, description="Réglages de rzn check pour cet événement."
    )
    public: PublicPage = Field(
        default_factory=PublicPage,
        description=(
            "Page publique (dossier public/ de rzn render, rzn site) : champs à garder privés, "
            "présentation, gratuité, liens partagés après la rencontre."
        ),
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a folder of the base
            raise PydanticCustomError(
                "rzn_timezone",
                "Fuseau horaire « {value} » inconnu : écrivez un nom IANA comme Europe/Paris, "
                "America/Cayenne ou Indian/Reunion.",
                {"value": value},
            ) from None
        return value

    @field_validator("program")
    @classmethod
    def _program_size(cls, value: list[ProgramItem]) -> list[ProgramItem]:
        from rzn.load.limits import LIMITS

        if len(value) > LIMITS.max_program_items:
            raise PydanticCustomError(
                "rzn_limit",
                "Programme trop long : {count} séquences, rzn en accepte au plus {limit}.",
                {"count": len(value), "limit": LIMITS.max_program_items},
            )
        return value

    @model_validator(mode="after")
    def _day_hours(self) -> Event:
        if _minutes(self.end) <= _minutes(self.start):
            raise PydanticCustomError(
                "rzn_timing",
                "La journée finit ({end}) avant de commencer ({start}) : corrigez start ou end.",
                {"end": _hhmm(self.end), "start": _hhmm(self.start), "at": "end|start"},
            )
        return self

    @property
    def lead(self) -> Organizer | None:
        return next((o for o in self.organizers if o.lead), None)

    def speaker(self, speaker_id: str) -> Speaker | None:
        return next((s for s in self.speakers if s.id == speaker_id), None)
