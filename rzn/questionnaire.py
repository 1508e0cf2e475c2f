"""The post-event evaluation questionnaire: the one definition of its questions.

The vade-mecum asks to « élaborer un questionnaire d'évaluation
post-événement » and to send the results to the national coordinator, whose
own figures (« 70 % évaluaient leur niveau sur le numérique comme
Intermédiaire », « 40 % avaient 45 ans et plus ») are what a cycle of events
compares. The questionnaire printed by ``rzn render`` (``evaluation.md``)
and the columns ``rzn report`` and ``rzn stats`` read are the same
questions because both come from here.

Question ids and choice codes are a contract: they are the column names an
organiser keeps in the form tool, and the values the report recognises
(with the labels). Never reuse a retired id or code; labels may be reworded.

==========================  ===========  ==========================================
id                          formats      question
==========================  ===========  ==========================================
attendance_mode             hybrid       sur place ou à distance
overall_satisfaction        all          satisfaction globale
item_satisfaction.<slug>    all          satisfaction par séquence (slug du titre)
usefulness                  all          utilité pour son association
venue_satisfaction          on site      le lieu (salles, confort, son, projection)
access_satisfaction         on site      l'accès (transports, gare, stationnement)
accessibility_satisfaction  on site      l'accessibilité (PMR, besoins particuliers)
tool_satisfaction           remote       prise en main de l'outil de visioconférence
connection_quality          remote       qualité de la connexion (son, image)
remote_interaction          remote       possibilité de poser ses questions
digital_level               all          niveau sur le numérique (débutant…)
age_band                    all          tranche d'âge (45 ans et plus = 3 tranches)
association_role            all          rôle dans l'association
heard_from                  all          comment la rencontre a été connue
next_topics                 all          sujets souhaités pour une prochaine rencontre
follow_up                   all          suites souhaitées
takeaways                   all          ce qui sera mis en pratique
comments                    all          remarques libres
contact_email               all          adresse pour être recontacté (facultatif)
==========================  ===========  ==========================================

"on site" means in person and hybrid, "remote" online and hybrid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rzn.model.event import KIND_LABELS, Address, Event, Format, ItemKind, ProgramItem
from rzn.slugs import unique_slugs

ITEM_PREFIX = "item_satisfaction."
RATED_KINDS = frozenset(
    {
        ItemKind.TALK,
        ItemKind.ROUND_TABLE,
        ItemKind.WORKSHOP,
        ItemKind.BARCAMP,
        ItemKind.TESTIMONY,
        ItemKind.QA,
    }
)
"""Content items are rated; welcome, breaks, meals and closing are not."""


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


@dataclass(frozen=True)
class RatedItem:
    id: str
    item: ProgramItem
    kind_label: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: str
    """``single``, ``multiple``, ``text``, or ``grid``: one single-choice row per item, whose
    ids are the rows' (the grid's own id names the group, it is not a column)."""
    choices: tuple[Choice, ...] = ()
    hint: str | None = None
    rows: tuple[RatedItem, ...] = ()
    lines: int = 2
    """Room left for a written answer on paper."""
    short: str = ""
    """Heading of the question's results in the report (« Satisfaction globale »)."""

    @property
    def columns(self) -> list[str]:
        return [row.id for row in self.rows] if self.kind == "grid" else [self.id]

    @property
    def heading(self) -> str:
        return self.short or self.text


@dataclass(frozen=True)
class Section:
    title: str
    questions: list[Question] = field(default_factory=list)


def _choices(*pairs: tuple[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(code, label) for code, label in pairs)


SATISFACTION = _choices(
    ("very-satisfied", "Très satisfait·e"),
    ("satisfied", "Plutôt satisfait·e"),
    ("dissatisfied", "Plutôt pas satisfait·e"),
    ("very-dissatisfied", "Pas du tout satisfait·e"),
)
SATISFIED = frozenset({"very-satisfied", "satisfied"})
"""The answers the report's « satisfaits » share adds up."""
NOT_CONCERNED = Choice("not-applicable", "Sans objet")
NOT_ATTENDED = Choice("not-attended", "Je n'y ai pas assisté")
ABSTENTIONS = frozenset({NOT_CONCERNED.code, NOT_ATTENDED.code})
"""Answers that are no opinion: left out of shares and of the group sizes."""

DIGITAL_LEVELS = _choices(
    ("beginner", "Débutant·e"),
    ("intermediate", "Intermédiaire"),
    ("advanced", "Avancé·e"),
)
AGE_BANDS = _choices(
    ("under-25", "Moins de 25 ans"),
    ("25-34", "25 à 34 ans"),
    ("35-44", "35 à 44 ans"),
    ("45-54", "45 à 54 ans"),
    ("55-64", "55 à 64 ans"),
    ("65-plus", "65 ans et plus"),
)
AGE_45_PLUS = frozenset({"45-54", "55-64", "65-plus"})
"""The bands the vade-mecum's "45 ans et plus" figure adds up."""

TOPICS = _choices(
    ("volunteers", "Mobiliser des bénévoles"),
    ("funding", "Lever et gérer des fonds"),
    ("social-networks", "Communiquer sur les réseaux sociaux"),
    ("remote-work", "Collaborer à distance"),
    ("data", "Protéger et utiliser les données"),
    ("environment", "Impact environnemental du numérique"),
    ("free-software", "Outils libres et éthiques"),
    ("other", "Autre (à préciser dans les remarques)"),
)
OTHER = "other"
"""A multiple-choice answer typed in a form's « Autre » box counts as this code."""

FREE_TEXT = ("takeaways", "comments")
"""Free-text answers the report quotes, once e-mail addresses and phone numbers are removed."""
PRIVATE = frozenset({"contact_email"})
"""Answers never read: they identify the person."""


def _rate(question_id: str, text: str, applicable_to_all: bool, short: str) -> Question:
    choices = SATISFACTION if applicable_to_all else (*SATISFACTION, NOT_CONCERNED)
    return Question(question_id, text, "single", choices, short=short)


def programme(event: Event) -> list[ProgramItem]:
    """Items in time order; parallel items keep the order of the event file."""
    return sorted(event.program, key=lambda item: item.start_minute)


def rated_items(event: Event) -> list[RatedItem]:
    items = [item for item in programme(event) if item.kind in RATED_KINDS]
    slugs = unique_slugs(item.title for item in items)
    return [
        RatedItem(f"{ITEM_PREFIX}{slug}", item, KIND_LABELS[item.kind])
        for item, slug in zip(items, slugs, strict=True)
    ]


def sections(event: Event) -> list[Section]:
    """The questionnaire for this event's format, section by section."""
    parts = (_meeting(event), _organisation(event), _you(event), _next_steps(event))
    return [s for s in parts if s.questions]


def _address(event: Event) -> Callable[[str, str], str]:
    """Pick the vouvoiement or the tutoiement wording, as the event file asks."""
    tu = event.communication.address is Address.TU

    def y(vous: str, toi: str) -> str:
        return toi if tu else vous

    return y


def _meeting(event: Event) -> Section:
    hybrid = event.format is Format.HYBRID
    y = _address(event)
    meeting = Section("La rencontre")
    if hybrid:
        meeting.questions.append(
            Question(
                "attendance_mode",
                y("Vous avez participé :", "Tu as participé :"),
                "single",
                _choices(("on-site", "Sur place"), ("remote", "À distance")),
                short="Mode de participation",
            )
        )
    meeting.questions.append(
        Question(
            "overall_satisfaction",
            y(
                "Globalement, êtes-vous satisfait·e de la rencontre ?",
                "Globalement, es-tu satisfait·e de la rencontre ?",
            ),
            "single",
            SATISFACTION,
            short="Satisfaction globale",
        )
    )
    rows = tuple(rated_items(event))
    if rows:
        meeting.questions.append(
            Question(
                "item_satisfaction",
                "Et pour chaque séquence du programme ?",
                "grid",
                (*SATISFACTION, NOT_ATTENDED),
                rows=rows,
                short="Satisfaction par séquence",
            )
        )
    meeting.questions.append(
        Question(
            "usefulness",
            y(
                "Ce que vous avez découvert vous sera-t-il utile dans votre association ?",
                "Ce que tu as découvert te sera-t-il utile dans ton association ?",
            ),
            "single",
            _choices(
                ("very-useful", "Très utile"),
                ("useful", "Plutôt utile"),
                ("not-very-useful", "Peu utile"),
                ("useless", "Pas du tout utile"),
            ),
            short="Utilité pour l'association",
        )
    )

    return meeting


def _organisation(event: Event) -> Section:
    hybrid = event.format is Format.HYBRID
    y = _address(event)
    on_site = "" if not hybrid else y(" (si vous étiez sur place)", " (si tu étais sur place)")
    remote = (
        ""
        if not hybrid
        else y(" (si vous avez participé à distance)", " (si tu as participé à distance)")
    )
    platform = (
        f" ({event.online.platform})" if event.online is not None and event.online.platform else ""
    )
    organisation = Section("L'organisation")
    if event.format.has_venue:
        organisation.questions.extend(
            [
                _rate(
                    "venue_satisfaction",
                    f"Le lieu : salles, confort, son, projection{on_site}",
                    not hybrid,
                    "Le lieu",
                ),
                _rate(
                    "access_satisfaction",
                    f"L'accès au lieu : transports en commun, gare, stationnement{on_site}",
                    not hybrid,
                    "L'accès au lieu",
                ),
                _rate(
                    "accessibility_satisfaction",
                    "L'accessibilité du lieu : mobilité réduite, handicap, besoins particuliers"
                    f"{on_site}",
                    False,
                    "L'accessibilité du lieu",
                ),
            ]
        )
    if event.format.has_remote:
        not_concerned = (NOT_CONCERNED,) if hybrid else ()
        organisation.questions.extend(
            [
                _rate(
                    "tool_satisfaction",
                    f"La prise en main de l'outil de visioconférence{platform}{remote}",
                    not hybrid,
                    "L'outil de visioconférence",
                ),
                Question(
                    "connection_quality",
                    f"La qualité de la connexion : son, image{remote}",
                    "single",
                    _choices(
                        ("very-good", "Très bonne"),
                        ("good", "Plutôt bonne"),
                        ("poor", "Plutôt mauvaise"),
                        ("very-poor", "Très mauvaise"),
                    )
                    + not_concerned,
                    short="La qualité de la connexion",
                ),
                Question(
                    "remote_interaction",
                    y("Avez-vous pu poser vos questions", "As-tu pu poser tes questions")
                    + f" et participer aux échanges{remote} ?",
                    "single",
                    _choices(
                        ("easily", "Oui, facilement"),
                        ("with-difficulty", "Oui, avec difficulté"),
                        ("no", "Non"),
                    )
                    + not_concerned,
                    short="Participer aux échanges à distance",
                ),
            ]
        )

    return organisation


def _you(event: Event) -> Section:
    y = _address(event)
    return Section(
        y("Vous", "Toi"),
        [
            Question(
                "digital_level",
                y(
                    "Comment évaluez-vous votre niveau sur le numérique ?",
                    "Comment évalues-tu ton niveau sur le numérique ?",
                ),
                "single",
                DIGITAL_LEVELS,
                short="Niveau sur le numérique",
            ),
            Question(
                "age_band",
                y("Quel âge avez-vous ?", "Quel âge as-tu ?"),
                "single",
                AGE_BANDS,
                short="Tranches d'âge",
            ),
            Question(
                "association_role",
                y("Dans votre association, vous êtes :", "Dans ton association, tu es :"),
                "single",
                _choices(
                    ("board", "Dirigeant·e bénévole (bureau, conseil d'administration)"),
                    ("volunteer", "Bénévole"),
                    ("employee", "Salarié·e"),
                    ("civic-service", "Volontaire en service civique"),
                    ("other", "Autre (accompagnement, collectivité, entreprise…)"),
                ),
                short="Rôle dans l'association",
            ),
            Question(
                "heard_from",
                y("Comment avez-vous connu la rencontre ?", "Comment as-tu connu la rencontre ?"),
                "multiple",
                _choices(
                    ("mailing", "Par un mail d'invitation"),
                    ("social-networks", "Par les réseaux sociaux"),
                    ("rzn-website", "Par le site RéZolutions numériques"),
                    ("network", "Par une fédération ou un réseau associatif"),
                    ("word-of-mouth", "Par le bouche-à-oreille"),
                    ("other", "Autrement"),
                ),
                short="Comment la rencontre a été connue",
            ),
        ],
    )


def _next_steps(event: Event) -> Section:
    y = _address(event)
    return Section(
        "Et après ?",
        [
            Question(
                "next_topics",
                y("Quels sujets aimeriez-vous", "Quels sujets aimerais-tu")
                + " voir traités lors d'une prochaine rencontre ?",
                "multiple",
                TOPICS,
                short="Sujets souhaités pour une prochaine rencontre",
            ),
            Question(
                "follow_up",
                y("Souhaitez-vous :", "Souhaites-tu :"),
                "multiple",
                _choices(
                    ("next-meeting", "Participer à une prochaine rencontre"),
                    (
                        "support",
                        "Être accompagné·e par un point d'appui au numérique associatif (PANA)",
                    ),
                    ("resources", "Recevoir les ressources de la journée"),
                    ("practical-sheet", "Contribuer à une fiche pratique RéZolutions numériques"),
                ),
                short="Suites souhaitées",
            ),
            Question(
                "takeaways",
                y(
                    "Qu'allez-vous mettre en pratique dans votre association ?",
                    "Que vas-tu mettre en pratique dans ton association ?",
                ),
                "text",
                short="Ce que les participants vont mettre en pratique",
            ),
            Question(
                "comments",
                y("Vos remarques et suggestions :", "Tes remarques et suggestions :"),
                "text",
                short="Remarques libres",
            ),
            Question(
                "contact_email",
                y(
                    "Si vous souhaitez être recontacté·e, votre adresse e-mail :",
                    "Si tu souhaites être recontacté·e, ton adresse e-mail :",
                ),
                "text",
                hint=y(
                    "facultatif ; elle ne sert qu'à vous recontacter",
                    "facultatif ; elle ne sert qu'à te recontacter",
                ),
                lines=1,
            ),
        ],
    )


def questions(event: Event) -> list[Question]:
    return [question for section in sections(event) for question in section.questions]


def question_ids(event: Event) -> list[str]:
    """Every column of the questionnaire, in order (what a report reads)."""
    return [column for question in questions(event) for column in question.columns]
