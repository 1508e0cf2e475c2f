"""The catalogue of the retro-planning: every task the vade-mecum implies, not yet dated.

Why long: :data:`TASKS` is one table, the vade-mecum's tasks in the order the
checklist shows them, each with the sentence it comes from; cut in two it would
no longer read as the guide does. Everything else lives in :mod:`rzn.plan.tasks`,
which dates the tasks for an event.

Each task has a stable kebab-case id: organisers list the ones they have
done in ``tasks: {done: [...]}``, so an id is a public contract like a
field name — never rename one (add a new task instead). ``rzn rules
unknown-task`` documents them all, and a test keeps that list in step
with :data:`TASKS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from rzn.model.event import Event, Format, ItemKind, TaskRole


class Phase(str, Enum):
    """The five moments of the vade-mecum, in the order the checklist shows them."""

    LAUNCH = "launch"
    PREPARE = "prepare"
    COMMUNICATE = "communicate"
    DAY = "day"
    AFTER = "after"

    @property
    def label(self) -> str:
        return _PHASE_LABELS[self]


_PHASE_LABELS = {
    Phase.LAUNCH: "Lancer",
    Phase.PREPARE: "Préparer",
    Phase.COMMUNICATE: "Communiquer",
    Phase.DAY: "Jour J",
    Phase.AFTER: "Après",
}


# Who is responsible: a role, which a small team shares out; the event file names the
# person who holds it (team[].tasks) or who takes one task (tasks.owners).
LEAD = TaskRole.LEAD
COMMITTEE = TaskRole.COMMITTEE
SPEAKERS = TaskRole.SPEAKERS
COMMUNICATION = TaskRole.COMMUNICATION
TREASURY = TaskRole.TREASURY
LOGISTICS = TaskRole.LOGISTICS
REMOTE = TaskRole.REMOTE

ROLE_LABELS = {
    TaskRole.LEAD: "Tête de file",
    TaskRole.COMMITTEE: "Comité d'organisation",
    TaskRole.SPEAKERS: "Référent·e intervenants",
    TaskRole.COMMUNICATION: "Communication",
    TaskRole.TREASURY: "Trésorerie",
    TaskRole.LOGISTICS: "Logistique",
    TaskRole.REMOTE: "Animation à distance",
}

Title = str | Callable[[Event], str]


def _always(event: Event) -> bool:
    return True


def _venue(event: Event) -> bool:
    return event.format.has_venue


def _remote(event: Event) -> bool:
    return event.format.has_remote


def _workshops(event: Event) -> bool:
    # Without a programme yet, workshops are still likely: keep the task.
    return not event.program or any(i.kind is ItemKind.WORKSHOP for i in event.program)


def _recording(event: Event) -> bool:
    return event.communication.recording


def _plan_b(event: Event) -> bool:
    # Online and hybrid events are already reachable at a distance: only an in-person
    # day needs a way to switch.
    return event.format is Format.IN_PERSON


@dataclass(frozen=True)
class TaskSpec:
    """One task of the catalogue, before it is dated for an event."""

    id: str
    phase: Phase
    offset: int
    """Days from the event: -90 is J-90, 0 the day itself, 1 is J+1."""
    role: TaskRole
    title: Title
    source: str
    """The vade-mecum sentence the task comes from, quoted."""
    applies: Callable[[Event], bool] = _always
    optional: bool = False
    timeline: bool = False
    """Also an action of the communication calendar (``timeline.ics``)."""

    def title_for(self, event: Event) -> str:
        return self.title(event) if callable(self.title) else self.title


def _rehearsal(event: Event) -> str:
    if event.format is Format.ONLINE:
        return (
            "Organiser un filage avec tous les intervenants, en testant l'outil de visioconférence"
        )
    return "Organiser un filage avec tous les intervenants"


def _practical_info(event: Event) -> str:
    details = {
        Format.IN_PERSON: "accès, heure d'arrivée, salle, matériel",
        Format.ONLINE: "lien de connexion, créneau de test technique, heure de connexion",
        Format.HYBRID: "accès, heure d'arrivée, salle, matériel, lien de connexion et créneau de "
        "test technique",
    }[event.format]
    return (
        f"Envoyer à chaque intervenant les informations pratiques ({details}) et le contact de "
        "son référent (brouillons dans speakers/)"
    )


def _fallback_test(event: Event) -> str:
    fallback = event.fallback
    if fallback is not None and fallback.platform:
        return (
            f"Tester l'outil du plan B à distance ({fallback.platform}) : lien de connexion, "
            "micro, caméra, partage d'écran"
        )
    return (
        "Choisir l'outil du plan B à distance (fallback dans le fichier d'événement) et le "
        "tester : lien de connexion, micro, caméra, partage d'écran"
    )


def _social_before(event: Event) -> str:
    return (
        "Publier sur les réseaux sociaux en amont pour mobiliser, avec le mot-dièse "
        f"{event.communication.hashtag}"
    )


def _thanks_participants(event: Event) -> str:
    extra = " et l'enregistrement des débats" if event.communication.recording else ""
    return (
        "Envoyer un mail de remerciements aux participants, avec le questionnaire "
        f"d'évaluation{extra}"
    )


TASKS: tuple[TaskSpec, ...] = (
    # Lancer
    TaskSpec(
        "lead",
        Phase.LAUNCH,
        -90,
        COMMITTEE,
        "Identifier la tête de file ou le groupe d'initiative",
        "Identifier une tête de file, ou un groupe d'initiative",
    ),
    TaskSpec(
        "common-vision",
        Phase.LAUNCH,
        -90,
        LEAD,
        "Établir une vision commune des enjeux et des objectifs de la rencontre",
        "Etablir une vision commune des enjeux et des objectifs de la rencontre.",
    ),
    TaskSpec(
        "date",
        Phase.LAUNCH,
        -90,
        COMMITTEE,
        "Fixer la date sans télescoper les autres événements associatifs du territoire, "
        "hors période des AG",
        "tenir compte des autres événements ciblant les responsables associatifs prévus sur "
        "le territoire, afin de ne pas se télescoper",
    ),
    TaskSpec(
        "political-support",
        Phase.LAUNCH,
        -85,
        LEAD,
        "S'assurer d'un portage politique : dirigeants bénévoles, personne influente du "
        "territoire, financeur",
        "S'assurer d'un portage politique : le soutien des dirigeants bénévoles, d'une personne "
        "influente sur le territoire, d'un financeur sont des facteurs facilitants",
    ),
    TaskSpec(
        "consultation",
        Phase.LAUNCH,
        -85,
        COMMITTEE,
        "Consulter les responsables associatifs sur les sujets prioritaires à traiter "
        "(questionnaire consultation.md)",
        "On peut précéder la rencontre d'une consultation des responsables associatifs sur les "
        "sujets prioritaires à traiter",
        optional=True,
        timeline=True,
    ),
    TaskSpec(
        "venue-booking",
        Phase.LAUNCH,
        -80,
        LEAD,
        "Réserver le lieu : proche d'une gare, avec plénière et salles d'ateliers, équipé pour "
        "projeter et sonoriser",
        "si l'événement est en présentiel, tenir compte de la disponibilité des salles",
        applies=_venue,
    ),
    TaskSpec(
        "videoconference-tool",
        Phase.LAUNCH,
        -80,
        REMOTE,
        "Choisir l'outil de visioconférence et prévoir sa licence",
        "Si c'est en distanciel, prévoir une licence pour un logiciel de visioconférence "
        "performant",
        applies=_remote,
    ),
    TaskSpec(
        "venue-accessibility",
        Phase.LAUNCH,
        -75,
        LOGISTICS,
        "Vérifier l'accessibilité du lieu aux personnes à mobilité réduite (PMR) et l'accès "
        "depuis la gare",
        "Accessible aux personnes à mobilité réduite (PMR)",
        applies=_venue,
    ),
    TaskSpec(
        "budget",
        Phase.LAUNCH,
        -75,
        TREASURY,
        "Établir le budget prévisionnel et solliciter les financeurs",
        "Pas forcément énorme, il va dépendre du format",
    ),
    # Préparer
    TaskSpec(
        "program",
        Phase.PREPARE,
        -60,
        COMMITTEE,
        "Construire le programme : apports théoriques et pratiques, formats variés",
        "Pour s'adapter à la diversité des participants, varier les formats !",
    ),
    TaskSpec(
        "speakers",
        Phase.PREPARE,
        -60,
        SPEAKERS,
        "Mobiliser les intervenants, de préférence ancrés sur le territoire",
        "De préférence des intervenants ancrés sur le territoire.",
    ),
    TaskSpec(
        "speaker-referent",
        Phase.PREPARE,
        -55,
        LEAD,
        "Nommer un référent parmi les organisateurs pour la plénière et pour chaque atelier",
        "Nommer un référent parmi les organisateurs",
    ),
    TaskSpec(
        "bilateral-invitation",
        Phase.PREPARE,
        -45,
        SPEAKERS,
        "Inviter chaque intervenant à un échange bilatéral avec son référent (brouillons dans "
        "speakers/)",
        "Organiser des échanges bilatéraux",
        timeline=True,
    ),
    TaskSpec(
        "bilateral-exchanges",
        Phase.PREPARE,
        -30,
        SPEAKERS,
        "Organiser des échanges bilatéraux avec chaque intervenant",
        "Organiser des échanges bilatéraux",
    ),
    TaskSpec(
        "fallback-speakers",
        Phase.PREPARE,
        -30,
        SPEAKERS,
        "Prévenir les intervenants, lors des échanges bilatéraux, que la rencontre peut "
        "basculer à distance (plan B)",
        "Dans le doute, veiller à ce que la rencontre physique puisse être transposable à distance",
        applies=_plan_b,
        optional=True,
    ),
    TaskSpec(
        "workshop-sheets-sent",
        Phase.PREPARE,
        -28,
        SPEAKERS,
        "Envoyer à chaque intervenant d'atelier sa fiche technique à valider, avec le "
        "conducteur minuté (brouillons dans speakers/)",
        "la faire valider par les intervenants",
        applies=_workshops,
        timeline=True,
    ),
    TaskSpec(
        "workshop-sheets",
        Phase.PREPARE,
        -35,
        SPEAKERS,
        "Rédiger la fiche technique de chaque atelier (contenu, déroulé, matériel, salle), "
        "avant de l'envoyer à son intervenant pour validation",
        "Rédiger une fiche technique, précisant contenu et déroulé de l'atelier, coordonnées de "
        "l'intervenant, matériel et configuration de la salle nécessaires (le cas échéant) et "
        "la faire valider par les intervenants",
        applies=_workshops,
    ),
    TaskSpec(
        "logistics",
        Phase.PREPARE,
        -14,
        LOGISTICS,
        "Commander la logistique : café, repas et eau, signalétique et kakémonos, mesures "
        "sanitaires, régie et sécurité",
        "Café, repas, collations, eau pour les intervenants et les organisateurs...",
        applies=_venue,
    ),
    TaskSpec(
        "remote-rules",
        Phase.PREPARE,
        -14,
        REMOTE,
        "Préparer l'animation à distance : règles d'utilisation de l'outil, liste des "
        "participants attendus, déroulé à portée de main, sous-groupes",
        "Indiquez les règles utilisation de l'outil.",
        applies=_remote,
    ),
    TaskSpec(
        "fallback-test",
        Phase.PREPARE,
        -14,
        LOGISTICS,
        _fallback_test,
        "Dans le doute, veiller à ce que la rencontre physique puisse être transposable à distance",
        applies=_plan_b,
        optional=True,
    ),
    TaskSpec(
        "run-sheet-sent",
        Phase.PREPARE,
        -10,
        SPEAKERS,
        "Envoyer le conducteur minuté et les informations pratiques aux intervenants",
        "rédiger un conducteur minuté et les informations pratiques et l'envoyer aux intervenants",
        timeline=True,
    ),
    TaskSpec(
        "rehearsal",
        Phase.PREPARE,
        -7,
        SPEAKERS,
        _rehearsal,
        "Idéalement, organiser un filage avec tous les intervenants avant l'événement",
    ),
    TaskSpec(
        "evaluation-questionnaire",
        Phase.PREPARE,
        -7,
        COMMITTEE,
        "Élaborer le questionnaire d'évaluation post-événement",
        "Elaborer un questionnaire d'évaluation post-événement",
    ),
    TaskSpec(
        "speaker-practical-info",
        Phase.PREPARE,
        -2,
        SPEAKERS,
        _practical_info,
        "rédiger un conducteur minuté et les informations pratiques et l'envoyer aux intervenants",
        timeline=True,
    ),
    TaskSpec(
        "speaker-tech-test",
        Phase.PREPARE,
        -1,
        REMOTE,
        "Faire un test technique avec chaque intervenant à distance : connexion, micro, caméra, "
        "partage d'écran",
        "Vérifiez l'accessibilité des fonctionnalités de l'outil",
        applies=_remote,
        timeline=True,
    ),
    # Communiquer
    TaskSpec(
        "communication-roadmap",
        Phase.COMMUNICATE,
        -60,
        COMMUNICATION,
        "Se doter d'une feuille de route communication et de la charte graphique",
        "Se doter d'une feuille de route communication",
    ),
    TaskSpec(
        "logos",
        Phase.COMMUNICATE,
        -50,
        COMMUNICATION,
        "Réunir les logos des organisateurs, des partenaires financiers et de la Fondation EDF, "
        "partenaire national",
        "Ne pas oublier le logo de la Fondation EDF, partenaire national de RéZolutions numériques",
    ),
    TaskSpec(
        "site-update",
        Phase.COMMUNICATE,
        -45,
        LEAD,
        "Envoyer le programme au coordinateur national (Le Mouvement associatif) pour la mise "
        "à jour du site RéZolutions numériques",
        "Mise à jour du site RéZolutions numérique : une fois le programme établi informer "
        "Mehdi AL BOUFARISSI au Mouvement associatif",
        timeline=True,
    ),
    TaskSpec(
        "social-before",
        Phase.COMMUNICATE,
        -21,
        COMMUNICATION,
        _social_before,
        "En amont pour mobiliser",
        timeline=True,
    ),
    TaskSpec(
        "fallback-message",
        Phase.COMMUNICATE,
        -7,
        COMMUNICATION,
        "Préparer le mail de bascule à distance (mailings/switch-online.eml), à envoyer aux "
        "inscrits et aux intervenants si la rencontre ne peut pas se tenir sur place",
        "Dans le doute, veiller à ce que la rencontre physique puisse être transposable à distance",
        applies=_plan_b,
        optional=True,
    ),
    # Jour J
    TaskSpec(
        "day-logistics",
        Phase.DAY,
        0,
        LOGISTICS,
        "Installer le lieu et accueillir : signalétique, accueil, vérification de la projection "
        "et du son",
        "Equipé pour projeter des images et diffuser du son",
        applies=_venue,
    ),
    TaskSpec(
        "remote-welcome",
        Phase.DAY,
        0,
        REMOTE,
        "Animer à distance : identifier les participants à l'entrée, faire vérifier micro et "
        "caméra dans le tchat, ouvrir des temps de questions",
        "Vérifiez l'accessibilité des fonctionnalités de l'outil en demandant de se présenter "
        "dans le tchat et d'identifier comment activer/désactiver micro/caméra.",
        applies=_remote,
    ),
    TaskSpec(
        "recording",
        Phase.DAY,
        0,
        LOGISTICS,
        "Enregistrer les débats",
        "Si vous avez enregistré les débats, envoyer ledit enregistrement",
        applies=_recording,
    ),
    TaskSpec(
        "social-live",
        Phase.DAY,
        0,
        COMMUNICATION,
        "Rendre compte des échanges en direct sur les réseaux sociaux",
        "Le jour J pour rendre compte des échanges en live",
        timeline=True,
    ),
    # Après
    TaskSpec(
        "thanks-speakers",
        Phase.AFTER,
        1,
        SPEAKERS,
        "Envoyer un mail de remerciements aux intervenants",
        "Envoyer un mail de remerciements aux intervenants",
        timeline=True,
    ),
    TaskSpec(
        "thanks-participants",
        Phase.AFTER,
        1,
        COMMUNICATION,
        _thanks_participants,
        "Envoyer un mail de remerciements aux participants",
        timeline=True,
    ),
    TaskSpec(
        "social-after",
        Phase.AFTER,
        3,
        COMMUNICATION,
        "Publier sur les réseaux sociaux en aval pour continuer à animer la communauté",
        "En aval pour continuer à animer votre communauté",
        timeline=True,
    ),
    TaskSpec(
        "collect-slides",
        Phase.AFTER,
        7,
        SPEAKERS,
        "Récupérer les supports de présentation des intervenants",
        "Récupérer les supports de présentation des intervenants",
    ),
    TaskSpec(
        "evaluation-reminder",
        Phase.AFTER,
        8,
        COMMUNICATION,
        "Relancer les participants qui n'ont pas encore répondu au questionnaire d'évaluation",
        "Elaborer un questionnaire d'évaluation post-événement",
        timeline=True,
    ),
    TaskSpec(
        "resources-sent",
        Phase.AFTER,
        30,
        LEAD,
        "Faire remonter les ressources et les résultats de l'évaluation au coordinateur "
        "national pour la rubrique ressources du site",
        "Faire remonter les ressources et les résultats de l'évaluation à Mehdi pour mise à "
        "jour de la rubrique ressources du site RZN",
        timeline=True,
    ),
    TaskSpec(
        "practical-sheets",
        Phase.AFTER,
        30,
        COMMITTEE,
        "Participer à l'élaboration de fiches pratiques pour le site RéZolutions numériques",
        "Participer à l'élaboration de fiches pratiques pour enrichir cette rubrique du site "
        "RéZolutions Numériques",
    ),
)

MAILING_ID = re.compile(r"^mailing-j([1-9]\d*)$")


def mailing_id(days: int) -> str:
    """``mailing-j30`` for the mailing sent 30 days before the event."""
    return f"mailing-j{days}"


def _mailing_specs(event: Event) -> list[TaskSpec]:
    link = " et le lien de connexion" if event.format.has_remote else ""
    specs = []
    # The file keeps the order written; the farthest mailing is the invitation.
    for index, days in enumerate(sorted(event.communication.mailings, reverse=True)):
        kind = "d'invitation" if index == 0 else "de relance"
        specs.append(
            TaskSpec(
                mailing_id(days),
                Phase.COMMUNICATE,
                -days,
                COMMUNICATION,
                f"Envoyer le mailing {kind} avec les modalités d'inscription{link}",
                "Mailing : envoi à J-30, puis J-15, puis J-7",
                timeline=True,
            )
        )
    return specs


def catalogue(event: Event) -> list[TaskSpec]:
    """The tasks that concern this event (format, programme, mailings), not yet dated."""
    specs = [s for s in TASKS if s.applies(event)] + _mailing_specs(event)
    order = {p: i for i, p in enumerate(Phase)}
    position = {id(s): i for i, s in enumerate(specs)}
    # Stable: by phase, then due date, then catalogue order.
    return sorted(specs, key=lambda s: (order[s.phase], s.offset, position[id(s)]))


_OFFSETS = {spec.id: spec.offset for spec in TASKS}


def task_offset(task_id: str) -> int:
    """Days from the event of a catalogue task (mailings excepted: see :func:`mailing_id`)."""
    return _OFFSETS[task_id]


def catalogue_ids(event: Event) -> list[str]:
    """The ids of this event's tasks, without dating them (cheap: no calendar)."""
    return [spec.id for spec in catalogue(event)]


def static_ids() -> list[str]:
    """Every id of :data:`TASKS`, whatever the format (mailings excepted)."""
    return [s.id for s in TASKS]
