"""How an event speaks to people and what it publishes: ``communication`` (form of
address, inclusive writing, mailings), the speakers' ``preparation``, ``tasks``, ``check``
settings and the ``public`` page."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from rzn.model.parts import Ident, LongText, Model, Text
from rzn.model.types import Bool, Date, Email, MailingDay, MonthDay, Time, Url


class Address(str, Enum):
    """How every text of the event speaks to people (see rzn.render.grammar.tu)."""

    VOUS = "vous"
    TU = "tu"


def _address_word(value: Any) -> Any:
    """``vouvoiement`` and ``tutoiement`` are what organisers say: read them too."""
    if isinstance(value, str):
        word = value.strip().casefold()
        return {"vouvoiement": "vous", "tutoiement": "tu"}.get(word, word)
    return value


ADDRESS_HELP = (
    "Forme d'adresse de tous les textes écrits aux participants, aux intervenants et au "
    "public (mailings, lettres aux intervenants, publications, questionnaires, page "
    "publique) : vous (vouvoiement, par défaut) ou tu (tutoiement : « Inscris-toi », "
    "« ton association »). « vouvoiement » et « tutoiement » sont aussi acceptés. Les "
    "notes de rzn à l'équipe d'organisation restent au vouvoiement."
)


class Sender(Model):
    name: Text = Field(description="Nom de l'expéditeur des mailings.")
    email: Email = Field(description="Adresse de l'expéditeur.")


class Communication(Model):
    hashtag: Text = Field("#ReZoNum", description="Mot-dièse des publications.")
    mailings: list[MailingDay] = Field(
        default_factory=lambda: [30, 15, 7],
        description="Envois du mailing, en jours avant l'événement (J-30, J-15, J-7).",
    )
    sender: Sender | None = Field(None, description="Expéditeur des mailings.")
    website: Url | None = Field(None, description="Page de l'événement.")
    recording: Bool = Field(False, description="Les débats seront-ils enregistrés ?")
    evaluation_url: Url | None = Field(
        None,
        description=(
            "Lien du questionnaire d'évaluation en ligne, repris dans le mail de remerciements "
            "aux participants et la publication d'après."
        ),
    )
    recording_url: Url | None = Field(
        None, description="Lien de l'enregistrement des débats, une fois en ligne."
    )
    inclusive: Bool = Field(
        True,
        description=(
            "Écriture inclusive dans tous les documents (« les intervenant·es ») : true (par "
            "défaut) ; false pour « les intervenants »."
        ),
    )
    address: Annotated[
        Address,
        BeforeValidator(_address_word),
        # The words organisers use validate in editors too.
        WithJsonSchema({"type": "string", "enum": ["vous", "tu", "vouvoiement", "tutoiement"]}),
    ] = Field(Address.VOUS, description=ADDRESS_HELP)

    @field_validator("mailings")
    @classmethod
    def _mailings_once(cls, value: list[int]) -> list[int]:
        # Kept in the order written, so that a finding about mailings[i] points at the
        # value the user wrote there; consumers sort when they need to.
        seen: set[int] = set()
        for index, day in enumerate(value):
            if day in seen:
                raise PydanticCustomError(
                    "rzn_mailing",
                    "Le mailing J-{day} est prévu deux fois : retirez l'un des deux.",
                    {"day": day, "at": str(index)},
                )
            seen.add(day)
        return value


class Rehearsal(Model):
    date: Date = Field(description="Jour du filage (AAAA-MM-JJ).")
    start: Time | None = Field(None, description="Heure du filage (HH:MM).")
    place: Text | None = Field(
        None, description="Lieu du filage, ou lien de la visioconférence s'il a lieu à distance."
    )


class Preparation(Model):
    bilateral_slots: list[Text] = Field(
        default_factory=list,
        description=(
            "Créneaux proposés aux intervenants pour l'échange bilatéral (ex. : mardi 12 "
            "octobre à 14 h), repris dans leur premier mail."
        ),
    )
    rehearsal: Rehearsal | None = Field(
        None, description="Le filage avec les intervenants, repris dans leur deuxième mail."
    )


class SummerBreak(Model):
    start: MonthDay = Field(description="Premier jour de la pause (MM-JJ, ex. : 08-01).")
    end: MonthDay = Field(description="Dernier jour de la pause (MM-JJ, ex. : 08-22).")


class Tasks(Model):
    done: list[Ident] = Field(
        default_factory=list, description="Identifiants des tâches déjà faites."
    )
    not_done: list[Ident] = Field(
        default_factory=list,
        description=(
            "Tâches que rzn déduit faites du fichier (tête de file nommée, lieu renseigné…) "
            "mais qui ne le sont pas encore."
        ),
    )
    owners: dict[Ident, Ident] = Field(
        default_factory=dict,
        description="Tâche confiée à une personne : identifiant de tâche → id d'un membre de team.",
    )
    due: dict[Ident, Date] = Field(
        default_factory=dict,
        description=(
            "Échéance choisie pour une tâche (AAAA-MM-JJ), à la place de celle du rétroplanning."
        ),
    )
    summer_break: SummerBreak | None = Field(
        default_factory=lambda: SummerBreak(start="08-01", end="08-22"),
        description=(
            "Pause d'été de l'équipe, sans échéance (par défaut du 1er au 22 août ; null pour "
            "aucune) : une échéance qui y tombe est avancée au dernier jour ouvré avant."
        ),
    )


class CheckSettings(Model):
    ignore: dict[str, Text] = Field(
        default_factory=dict,
        description="Règles à ignorer pour cet événement : nom ou code → raison.",
    )


# --- The public page (rzn render's public/ folder, rzn site) -------------------------------


class PrivateField(str, Enum):
    """What the event file may keep off the public page (``public.private``)."""

    VENUE_ADDRESS = "venue.address"
    VENUE_ACCESS = "venue.access"
    VENUE_ACCESSIBILITY = "venue.accessibility"
    ROOMS = "program.room"
    DESCRIPTIONS = "program.description"
    SPEAKERS = "speakers"
    SPEAKER_DETAILS = "speakers.details"
    OBJECTIVES = "objectives"
    PARTNERS = "partners"
    ORGANIZER_WEBSITES = "organizers.website"
    HASHTAG = "communication.hashtag"


class PublicPage(Model):
    private: list[PrivateField] = Field(
        default_factory=list,
        description=(
            "Ce qui ne doit pas paraître sur la page publique (public/, rzn site) : "
            "venue.address (adresse), venue.access (gare, transports, stationnement), "
            "venue.accessibility (précisions d'accessibilité), program.room (salles), "
            "program.description (contenu des séquences), speakers (noms des intervenants), "
            "speakers.details (structure, fonction et présentation des intervenants), "
            "objectives (vision commune), partners, organizers.website, communication.hashtag."
        ),
    )
    summary: LongText | None = Field(
        None,
        description=(
            "Présentation publique en quelques phrases (page, moteurs de recherche, réseaux "
            "sociaux) ; à défaut, le premier objectif."
        ),
    )
    online_link: Bool = Field(
        False,
        description=(
            "true pour publier le lien de connexion (online.url) sur la page publique ; "
            "par défaut, il n'est envoyé qu'aux inscrits."
        ),
    )
    free: Bool | None = Field(
        None, description="La participation est-elle gratuite ? (true, false ; vide : non dit)"
    )
    slides: Url | None = Field(
        None, description="Après la rencontre : lien vers les supports de présentation partagés."
    )
    recording: Url | None = Field(
        None, description="Après la rencontre : lien vers l'enregistrement partagé."
    )
    photos: Url | None = Field(
        None, description="Après la rencontre : lien vers les photos partagées."
    )
    report: Url | None = Field(
        None, description="Après la rencontre : lien vers le compte rendu ou le bilan publié."
    )

    def hides(self, field: PrivateField) -> bool:
        return field in self.private
