"""The French calendar: public holidays, school holidays, weekends, other events nearby.

The data (and where it comes from) is in :mod:`rzn.calendars`; the
comparisons between events are in :mod:`rzn.project`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rzn import calendars
from rzn.diagnostics import Severity
from rzn.model.event import Event
from rzn.rules.registry import Finding, RuleContext, declare, rule


@dataclass(frozen=True)
class Note(Finding):
    """A finding that only informs, whatever the rule's severity.

    Used when rzn lacks the data to answer (a date beyond the published school
    calendar): that is worth saying, but it is not a problem with the event.
    """

    severity: Severity | None = Severity.INFO


_day = calendars.day_name


def event_region(event: Event) -> calendars.Region | None:
    """The event's region: its ``region`` value, else the postcode of its venue's address."""
    address = event.venue.address if event.venue is not None else None
    return calendars.region_of(event.region, address)


@rule("RZN104", "public-holiday", Severity.WARNING)
def public_holiday(ctx: RuleContext) -> Iterator[Finding]:
    """La date est un jour férié.

    ## Ce que la règle vérifie
    Que la date n'est pas un jour férié en France, y compris les jours propres à
    l'Alsace-Moselle (Vendredi saint, 26 décembre) et aux régions d'outre-mer
    (abolition de l'esclavage…). L'Alsace-Moselle est reconnue, pour une région Grand Est
    (ou non précisée), au code postal de `venue.address` (57…, 67…, 68…), à `city` ou
    `region` nommant la Moselle, le Bas-Rhin, le Haut-Rhin ou l'Alsace, ou à une grande ville
    de ces départements dans `city` (Metz, Strasbourg, Mulhouse, Colmar…). Les jours fériés
    viennent du paquet `holidays` (règles du droit français), sans connexion.

    ## Pourquoi
    Le vade-mecum demande de choisir la date « afin que les participants soient disponibles »
    et, en présentiel, de « tenir compte de la disponibilité des salles » : un jour férié, les
    salariés des associations ne travaillent pas et bien des salles sont fermées.

    ## Exemple qui échoue
    ```yaml
    date: 2027-11-11
    ```

    ## Exemple qui passe
    ```yaml
    date: 2027-11-18
    ```
    """
    event = ctx.event
    address = event.venue.address if event.venue is not None else None
    local = calendars.alsace_moselle(event.region, event.city, address)
    where = " en Alsace-Moselle"
    if local is None:
        region = event_region(event)
        local = region.holidays_subdivision if region is not None else None
        where = f" {region.where}" if region is not None else ""
    name = calendars.public_holiday(event.date, local)
    if name is None:
        return
    if calendars.public_holiday(event.date) is not None:
        where = ""  # a national holiday: no need to say where
    yield Finding(
        ("date",),
        f"Le {_day(event.date)} est un jour férié{where} ({name}) : les salariés des "
        "associations ne travaillent pas et beaucoup de salles sont fermées. Choisissez un autre "
        "jour ; si ce choix est voulu, ignorez la règle pour cet événement avec une raison "
        '(check: {ignore: {public-holiday: "…"}}).',
    )


@rule("RZN105", "school-holidays", Severity.WARNING)
def school_holidays(ctx: RuleContext) -> Iterator[Finding]:
    """La date tombe pendant les vacances scolaires de la zone de la région.

    ## Ce que la règle vérifie
    Que la date n'est pas un jour de vacances scolaires (ni de pont de l'Ascension) pour la
    zone A, B ou C de la région de l'événement (`region`, ou à défaut le code postal de
    `venue.address`). Les dates viennent du calendrier scolaire officiel du ministère de
    l'Éducation nationale (données ouvertes « Le calendrier scolaire »), fourni hors ligne par
    le paquet `vacances-scolaires-france`.

    rzn ne devine jamais : pour une date au-delà du dernier calendrier publié, pour la Corse
    et l'outre-mer (qui ont leur propre calendrier) ou pour une région qu'il ne reconnaît pas,
    il le dit par une **information**, sans conclure.

    ## Pourquoi
    Le vade-mecum demande de choisir la date « afin que les participants soient disponibles » :
    pendant les vacances scolaires, bien des bénévoles et salariés associatifs sont en congé,
    et les salles municipales ou scolaires sont souvent fermées.

    ## Exemple qui échoue
    ```yaml
    date: 2027-10-28
    region: Bretagne
    ```

    ## Exemple qui passe
    ```yaml
    date: 2027-11-18
    region: Bretagne
    ```
    """
    event = ctx.event
    region = event_region(event)
    if region is None:
        if event.region is not None:
            close = calendars.suggest_region(event.region)
            hint = f" Vouliez-vous dire « {close} » ?" if close else ""
            yield Note(
                ("region",),
                f"Région « {event.region} » non reconnue : rzn ne sait pas dans quelle zone de "
                f"vacances scolaires (A, B ou C) elle se trouve.{hint} Écrivez le nom officiel "
                "de la région (par exemple Bretagne, Grand Est, Île-de-France).",
            )
        return
    where = ("region",) if event.region is not None else ("venue", "address")
    if region.zone is None:
        yield Note(
            where,
            f"{region.name} a son propre calendrier scolaire, que rzn ne fournit pas : "
            "vérifiez vous-même les vacances scolaires de l'académie avant de fixer la date.",
        )
        return
    answer = calendars.school_holiday(event.date, region.zone)
    if not answer.known:
        first, last = calendars.school_holiday_bounds()
        known = (
            f"jusqu'au {last:%d/%m/%Y}" if event.date > last else f"qu'à partir du {first:%d/%m/%Y}"
        )
        yield Note(
            ("date",),
            f"Les vacances scolaires ne sont connues {known} (derniers calendriers officiels "
            f"publiés) : rzn ne peut pas dire si le {event.date:%d/%m/%Y} en fait partie pour la "
            f"zone {region.zone}. Vérifiez le calendrier scolaire dès sa publication, ou mettez "
            "rzn à jour.",
        )
        return
    if answer.name is not None:
        yield Finding(
            ("date",),
            f"Le {_day(event.date)} tombe pendant les vacances scolaires de la zone "
            f"{region.zone} ({region.name}) : {answer.name}. Beaucoup de bénévoles et de "
            "salariés associatifs sont alors en congé et des salles sont fermées. Préférez une "
            "semaine de classe, ou ignorez la règle pour cet événement avec une raison.",
        )


@rule("RZN106", "weekend", Severity.INFO)
def weekend(ctx: RuleContext) -> Iterator[Finding]:
    """La date tombe un samedi ou un dimanche.

    ## Ce que la règle vérifie
    Que la date n'est ni un samedi ni un dimanche.

    ## Pourquoi
    Le vade-mecum demande de choisir la date « afin que les participants soient disponibles »
    et de « tenir compte de la disponibilité des salles ». Le week-end, les salariés
    associatifs, les partenaires et les intervenants sont moins joignables et les salles
    coûtent souvent plus cher ; c'est parfois le bon choix pour des bénévoles : c'est une
    information, à ignorer avec une raison si le choix est voulu.

    ## Exemple qui échoue
    ```yaml
    date: 2027-11-20
    ```

    ## Exemple qui passe
    ```yaml
    date: 2027-11-18
    ```
    """
    day = ctx.event.date
    if day.weekday() >= 5:
        yield Finding(
            ("date",),
            f"Le {_day(day)} tombe un week-end : salariés associatifs, partenaires et "
            "intervenants sont moins disponibles et les salles souvent plus chères. Préférez un "
            "jour de semaine ; si le week-end est voulu (bénévoles disponibles le samedi), "
            "ignorez la règle pour cet événement avec cette raison.",
        )


declare(
    "RZN107",
    "date-collision",
    Severity.WARNING,
    "project",
    """
    Deux rencontres de la même région ont lieu à 7 jours ou moins d'intervalle.

    ## Ce que la règle vérifie
    Quand `rzn check` reçoit plusieurs événements (un dossier), que deux d'entre eux dans la
    même région n'ont pas lieu à 7 jours ou moins l'un de l'autre ; le constat apparaît dans
    les deux fichiers. La région est celle de `region` (nom officiel, ancien nom ou
    abréviation comme PACA), à défaut celle du code postal de `venue.address`.

    Avec `--calendar agenda.ics` (répétable), les événements d'un agenda public exporté
    sont aussi comparés. La région d'un événement de l'agenda se lit dans son lieu
    (`LOCATION`) puis dans son titre (`SUMMARY`) : code postal (`37300`), numéro de
    département entre parenthèses (`Tours (37)`), ou nom de région (`Bretagne`,
    `Lorraine`). Un événement de l'agenda dont le lieu ou le titre cite la ville de la
    rencontre (`city`) compte aussi, quelle que soit sa région. Une entrée de l'agenda de
    même titre et même date que la rencontre est la rencontre elle-même : elle est ignorée.

    ## Pourquoi
    Le vade-mecum recommande de « tenir compte des autres événements ciblant les responsables
    associatifs prévus sur le territoire, afin de ne pas se télescoper ».

    ## Exemple qui échoue
    Deux fichiers d'un même dossier :
    ```yaml
    region: Bretagne
    date: 2027-10-14
    ```
    ```yaml
    region: Bretagne
    date: 2027-10-19
    ```

    ## Exemple qui passe
    ```yaml
    region: Bretagne
    date: 2027-10-14
    ```
    ```yaml
    region: Bretagne
    date: 2027-11-18
    ```
""",
)

declare(
    "RZN108",
    "duplicate-event",
    Severity.ERROR,
    "project",
    """
    Deux fichiers décrivent le même événement : même identifiant (slug) ou même titre.

    ## Ce que la règle vérifie
    Quand `rzn check` reçoit plusieurs événements, que deux d'entre eux n'ont pas le même
    identifiant (`slug`, ou à défaut celui tiré du titre) ; et que deux événements de la même
    année n'ont pas le même titre. Le constat apparaît dans les deux fichiers.

    ## Pourquoi
    L'identifiant nomme les documents produits et les rendez-vous d'agenda : deux événements
    de même identifiant s'écraseraient. Et le vade-mecum rappelle que « si plusieurs
    organisations d'un même territoire sont intéressées, nous vous proposons de vous mettre en
    lien » : deux fiches pour une même rencontre, c'est souvent deux équipes à rapprocher.

    ## Exemple qui échoue
    Deux fichiers d'un même dossier :
    ```yaml
    title: RéZolutions numériques Bretagne
    date: 2026-10-15
    ```
    ```yaml
    title: RéZolutions numériques Bretagne
    date: 2027-10-14
    ```

    ## Exemple qui passe
    ```yaml
    title: RéZolutions numériques Bretagne
    slug: rzn-bretagne-2026
    date: 2026-10-15
    ```
    ```yaml
    title: RéZolutions numériques Bretagne
    slug: rzn-bretagne-2027
    date: 2027-10-14
    ```
""",
)
