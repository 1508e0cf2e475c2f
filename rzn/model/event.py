"""The event file's model: the single source of truth for every document.

Field names are a public contract (examples, CI files and users rely on
them). Descriptions are French: they feed ``rzn schema`` and editors.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from rzn.model.charter import Charter
from rzn.model.types import Bool, Date, Email, MailingDay, Money, MonthDay, Number, Time, Url

Text = Annotated[str, Field(min_length=1, max_length=300)]
LongText = Annotated[str, Field(min_length=1, max_length=5000)]
Ident = Annotated[str, Field(min_length=1, max_length=64)]


class Article(str, Enum):
    """How a name is preceded in a sentence (see rzn.render.grammar)."""

    LE = "le"
    LA = "la"
    L = "l'"
    LES = "les"
    NONE = "none"


ARTICLE_HELP = (
    "Article devant le nom dans une phrase : le, la, l', les, ou none (aucun, pour un nom "
    "propre). Sans lui, rzn le déduit du nom : « Maison des associations » → « à la Maison "
    "des associations », « Le 104 » → « au 104 », « One Heart » → « de One Heart »."
)


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=False,
        frozen=True,
    )


class Format(str, Enum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"

    @property
    def has_venue(self) -> bool:
        return self is not Format.ONLINE

    @property
    def has_remote(self) -> bool:
        return self is not Format.IN_PERSON


class PartnerRole(str, Enum):
    FUNDER = "funder"
    PARTNER = "partner"


class RoomKind(str, Enum):
    PLENARY = "plenary"
    WORKSHOP = "workshop"


class ItemKind(str, Enum):
    WELCOME = "welcome"
    TALK = "talk"
    ROUND_TABLE = "round_table"
    WORKSHOP = "workshop"
    BARCAMP = "barcamp"
    TESTIMONY = "testimony"
    QA = "qa"
    BREAK = "break"
    MEAL = "meal"
    CLOSING = "closing"

    @property
    def is_theory(self) -> bool:
        """An "apport théorique" of the vade-mecum."""
        return self in (ItemKind.TALK, ItemKind.ROUND_TABLE)

    @property
    def is_practice(self) -> bool:
        """An "apport pratique": workshops, feedback, barcamps."""
        return self in (ItemKind.WORKSHOP, ItemKind.BARCAMP, ItemKind.TESTIMONY)

    @property
    def is_pause(self) -> bool:
        return self in (ItemKind.BREAK, ItemKind.MEAL)

    @property
    def label(self) -> str:
        """The French name people read: ``Table ronde``."""
        return KIND_LABELS[self]


KIND_LABELS: dict[ItemKind, str] = {
    ItemKind.WELCOME: "Accueil",
    ItemKind.TALK: "Conférence",
    ItemKind.ROUND_TABLE: "Table ronde",
    ItemKind.WORKSHOP: "Atelier",
    ItemKind.BARCAMP: "Barcamp",
    ItemKind.TESTIMONY: "Témoignage",
    ItemKind.QA: "Questions-réponses",
    ItemKind.BREAK: "Pause",
    ItemKind.MEAL: "Repas",
    ItemKind.CLOSING: "Clôture",
}


class BudgetCategory(str, Enum):
    VENUE = "venue"
    TECHNICIAN = "technician"
    SECURITY = "security"
    CATERING = "catering"
    SANITARY = "sanitary"
    SIGNAGE = "signage"
    PRINTING = "printing"
    VIDEOCONFERENCE = "videoconference"
    STAFF = "staff"
    TRAVEL = "travel"
    ACCOMMODATION = "accommodation"
    COMMUNICATION = "communication"
    EQUIPMENT = "equipment"
    OTHER = "other"


class IncomeKind(str, Enum):
    SUBSIDY = "subsidy"
    SPONSORSHIP = "sponsorship"
    OWN_FUNDS = "own_funds"
    FEES = "fees"
    OTHER = "other"


class Organizer(Model):
    name: Text = Field(description="Nom de l'organisation co-organisatrice.")
    article: Article | None = Field(None, description=ARTICLE_HELP)
    lead: Bool = Field(False, description="true pour la « tête de file » de la rencontre.")
    email: Email | None = Field(None, description="Adresse de contact de l'organisation.")
    phone: Text | None = Field(None, description="Téléphone de contact.")
    website: Url | None = Field(None, description="Site web de l'organisation.")
    contact: Text | None = Field(None, description="Personne à contacter dans l'organisation.")
    logo: Text | None = Field(
        None, description="Fichier du logo (chemin relatif au fichier d'événement)."
    )


class Partner(Model):
    name: Text = Field(description="Nom du partenaire.")
    article: Article | None = Field(None, description=ARTICLE_HELP)
    role: PartnerRole = Field(
        PartnerRole.PARTNER,
        description="funder (partenaire financier) ou partner (partenaire non financier).",
    )
    website: Url | None = Field(None, description="Site web du partenaire.")
    logo: Text | None = Field(
        None, description="Fichier du logo (chemin relatif au fichier d'événement)."
    )


class TaskRole(str, Enum):
    """Who does what in the retro-planning: the roles a small team shares out."""

    LEAD = "lead"
    COMMITTEE = "committee"
    SPEAKERS = "speakers"
    COMMUNICATION = "communication"
    TREASURY = "treasury"
    LOGISTICS = "logistics"
    REMOTE = "remote"


class TeamMember(Model):
    id: Ident = Field(description="Identifiant court, utilisé comme référent (ex. : claire).")
    name: Text = Field(description="Prénom et nom.")
    organization: Text | None = Field(None, description="Organisation de rattachement.")
    role: Text | None = Field(None, description="Rôle dans l'organisation de la rencontre.")
    email: Email | None = Field(None, description="Adresse e-mail.")
    phone: Text | None = Field(None, description="Téléphone (utile le jour J).")
    tasks: list[TaskRole] = Field(
        default_factory=list,
        description=(
            "Rôles du rétroplanning que tient cette personne : lead (tête de file), committee "
            "(comité d'organisation), speakers (référent·e intervenants), communication, "
            "treasury (trésorerie), logistics (logistique), remote (animation à distance). Ses "
            "tâches portent alors son nom."
        ),
    )


class Room(Model):
    name: Text = Field(description="Nom de la salle, repris dans le programme (room).")
    capacity: int = Field(ge=1, le=100_000, description="Nombre de places assises.")
    kind: RoomKind = Field(
        RoomKind.WORKSHOP, description="plenary (plénière) ou workshop (atelier en sous-groupe)."
    )
    setup: Text | None = Field(
        None, description="Configuration de la salle (îlots, théâtre, cercle…)."
    )


class Venue(Model):
    name: Text = Field(description="Nom du lieu.")
    article: Article | None = Field(None, description=ARTICLE_HELP)
    address: Text | None = Field(None, description="Adresse postale complète.")
    nearest_station: Text | None = Field(None, description="Gare la plus proche.")
    station_walk_minutes: int | None = Field(
        None, ge=0, le=600, description="Temps de marche depuis la gare, en minutes."
    )
    public_transport: Text | None = Field(None, description="Bus, tram, navettes depuis la gare.")
    parking: Text | None = Field(None, description="Stationnement (dont places PMR).")
    pmr_accessible: Bool | None = Field(
        None, description="Le lieu est-il accessible aux personnes à mobilité réduite (PMR) ?"
    )
    accessibility: LongText | None = Field(
        None, description="Précisions d'accessibilité : ascenseur, boucle magnétique, toilettes…"
    )
    rooms: list[Room] = Field(default_factory=list, description="Salles disponibles.")
    projector: Bool | None = Field(None, description="Vidéoprojecteur disponible.")
    sound: Bool | None = Field(None, description="Sonorisation disponible (micros, enceintes).")
    wifi: Text | None = Field(None, description="Réseau Wi-Fi pour les participants.")
    booking_contact: Text | None = Field(None, description="Contact pour la réservation du lieu.")

    def room(self, name: str) -> Room | None:
        for room in self.rooms:
            if room.name == name:
                return room
        return None

    @property
    def plenary(self) -> Room | None:
        plenaries = [r for r in self.rooms if r.kind is RoomKind.PLENARY]
        return max(plenaries, key=lambda r: r.capacity) if plenaries else None


class Online(Model):
    platform: Text | None = Field(None, description="Outil de visioconférence (BigBlueButton…).")
    url: Url | None = Field(None, description="Lien de connexion envoyé aux participants.")
    dial_in: Text | None = Field(None, description="Accès par téléphone, le cas échéant.")
    moderator: Text | None = Field(None, description="Personne qui modère le tchat.")
    breakout_rooms: Bool | None = Field(
        None, description="L'outil permet-il des sous-groupes (salons) ?"
    )


class Fallback(Model):
    platform: Text | None = Field(None, description="Outil de visioconférence du plan B.")
    url: Url | None = Field(None, description="Lien de connexion du plan B.")
    notes: LongText | None = Field(None, description="Comment basculer à distance.")
    reason: Text | None = Field(
        None,
        description=(
            "Si la rencontre bascule à distance : la raison, reprise dans le mail de bascule "
            "(ex. : la salle est indisponible)."
        ),
    )


class ProgramItem(Model):
    id: Ident | None = Field(
        None,
        description=(
            "Identifiant court et stable de la séquence (ex. : table-ronde) : l'agenda des "
            "participants garde la même entrée quand son titre change."
        ),
    )
    start: Time = Field(description="Heure de début (HH:MM).")
    duration: int | None = Field(
        None, ge=1, le=720, description="Durée en minutes (ou indiquer end)."
    )
    end: Time | None = Field(None, description="Heure de fin (HH:MM), à la place de duration.")
    title: Text = Field(description="Intitulé de la séquence.")
    kind: ItemKind = Field(description="Type de séquence.")
    speakers: list[Ident] = Field(
        default_factory=list, description="Identifiants (id) des intervenants."
    )
    room: Text | None = Field(None, description="Nom de la salle (voir venue.rooms).")
    description: LongText | None = Field(None, description="Contenu, objectifs, public visé.")
    flow: list[Text] = Field(
        default_factory=list, description="Déroulé de l'atelier, étape par étape."
    )
    equipment: list[Text] = Field(
        default_factory=list, description="Besoins techniques (micro, paperboard…)."
    )
    referent: Text | None = Field(None, description="Référent parmi les organisateurs.")

    @field_validator("speakers", mode="before")
    @classmethod
    def _speaker_list(cls, value: Any) -> Any:
        # "speakers: dupont" means a list of one, "speakers: dupont, martin" a list of two
        # (an id never holds a comma); saying so would only annoy.
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()] or [value]
        return value

    @field_validator("equipment", "flow", mode="before")
    @classmethod
    def _one_as_list(cls, value: Any) -> Any:
        # Unlike ids, these are sentences: a comma is part of the text.
        return [value] if isinstance(value, str) else value

    # Errors raised after validation belong to the whole item; "at" names the fields
    # to point at (the first one written in the file), see rzn.model.validate.
    @model_validator(mode="after")
    def _timing(self) -> ProgramItem:
        if self.duration is None and self.end is None:
            raise PydanticCustomError(
                "rzn_timing",
                "Indiquez la durée de « {title} » : duration (en minutes) ou end (HH:MM).",
                {"title": self.title, "at": "start"},
            )
        if self.end is not None:
            minutes = _minutes(self.end) - _minutes(self.start)
            if minutes == 0:
                raise PydanticCustomError(
                    "rzn_timing",
                    "« {title} » commence et finit à {start} : corrigez end.",
                    {"title": self.title, "start": _hhmm(self.start), "at": "end"},
                )
            if minutes < 0:
                raise PydanticCustomError(
                    "rzn_timing",
                    "« {title} » finit ({end}) avant de commencer ({start}) : corrigez end.",
                    {
                        "title": self.title,
                        "end": _hhmm(self.end),
                        "start": _hhmm(self.start),
                        "at": "end",
                    },
                )
            if self.duration is not None and self.duration != minutes:
                raise PydanticCustomError(
                    "rzn_timing",
                    "« {title} » : duration ({duration} min) et end ({end}) ne concordent pas "
                    "(il y a {minutes} min de {start} à {end}) ; n'en gardez qu'un des deux.",
                    {
                        "title": self.title,
                        "duration": self.duration,
                        "end": _hhmm(self.end),
                        "start": _hhmm(self.start),
                        "minutes": minutes,
                        "at": "duration",
                    },
                )
        elif _minutes(self.start) + (self.duration or 0) > 24 * 60:
            raise PydanticCustomError(
                "rzn_timing",
                "« {title} » se terminerait après minuit ({start} + {duration} min) : vérifiez "
                "start et duration.",
                {
                    "title": self.title,
                    "start": _hhmm(self.start),
                    "duration": self.duration,
                    "at": "duration",
                },
            )
        return self

    @property
    def minutes(self) -> int:
        if self.duration is not None:
            return self.duration
        assert self.end is not None
        return _minutes(self.end) - _minutes(self.start)

    @property
    def start_minute(self) -> int:
        return _minutes(self.start)

    @property
    def end_minute(self) -> int:
        return self.start_minute + self.minutes

    @property
    def end_time(self) -> dt.time:
        return dt.time(*divmod(self.end_minute, 60)) if self.end_minute < 1440 else dt.time(23, 59)


class Speaker(Model):
    id: Ident = Field(description="Identifiant court, repris dans program[].speakers.")
    name: Text = Field(description="Prénom et nom.")
    first_name: Text | None = Field(
        None,
        description=(
            "Prénom employé pour saluer (« Bonjour Mathieu, ») quand ce n'est pas le premier "
            "mot de name (prénom composé écrit avec une espace, nom d'abord…)."
        ),
    )
    organization: Text | None = Field(None, description="Structure de l'intervenant.")
    title: Text | None = Field(None, description="Fonction.")
    email: Email | None = Field(None, description="Adresse e-mail (pour les mails de préparation).")
    phone: Text | None = Field(None, description="Téléphone.")
    local: Bool | None = Field(None, description="Intervenant ancré sur le territoire ?")
    bio: LongText | None = Field(None, description="Courte présentation.")
    referent: Text | None = Field(
        None, description="Référent parmi les organisateurs (nom ou id de team)."
    )


class BudgetLine(Model):
    label: Text = Field(description="Intitulé de la dépense.")
    category: BudgetCategory = Field(description="Catégorie de dépense.")
    amount: Money | None = Field(None, description="Montant total en euros.")
    quantity: Number | None = Field(
        None, ge=0, le=100_000, description="Quantité (avec unit_cost)."
    )
    unit_cost: Money | None = Field(None, description="Coût unitaire en euros (avec quantity).")
    note: Text | None = Field(None, description="Précision (devis, fournisseur…).")

    @model_validator(mode="after")
    def _costed(self) -> BudgetLine:
        has_unit = self.quantity is not None or self.unit_cost is not None
        if self.amount is None and not has_unit:
            raise PydanticCustomError(
                "rzn_budget",
                "« {label} » : indiquez amount (montant), ou quantity et unit_cost.",
                {"label": self.label},
            )
        if has_unit and (self.quantity is None or self.unit_cost is None):
            raise PydanticCustomError(
                "rzn_budget",
                "« {label} » : quantity et unit_cost vont ensemble ; indiquez les deux "
                "(ou seulement amount).",
                {"label": self.label},
            )
        if self.amount is not None and has_unit:
            raise PydanticCustomError(
                "rzn_budget",
                "« {label} » : indiquez soit amount, soit quantity × unit_cost, pas les deux.",
                {"label": self.label},
            )
        return self

    @property
    def total(self) -> Decimal:
        if self.amount is not None:
            return self.amount
        assert self.quantity is not None and self.unit_cost is not None
        return (self.quantity * self.unit_cost).quantize(Decimal("0.01"))


class Income(Model):
    source: Text = Field(description="Financeur ou origine de la recette.")
    amount: Money = Field(description="Montant en euros.")
    kind: IncomeKind = Field(IncomeKind.SUBSIDY, description="Nature de la recette.")
    confirmed: Bool = Field(False, description="Financement acquis (true) ou demandé (false).")


SMIC_2026_HOURLY = Decimal("12.02")


class Budget(Model):
    lines: list[BudgetLine] = Field(default_factory=list, description="Dépenses prévues.")
    income: list[Income] = Field(default_factory=list, description="Recettes prévues.")
    volunteer_hours: Number = Field(
        Decimal(0), ge=0, le=100_000, description="Heures de bénévolat prévues."
    )
    volunteer_hourly_value: Money = Field(
        SMIC_2026_HOURLY,
        description="Valorisation d'une heure de bénévolat (par défaut le SMIC brut 2026).",
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


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _hhmm(value: dt.time) -> str:
    return value.strftime("%H:%M")
