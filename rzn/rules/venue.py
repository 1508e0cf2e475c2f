"""The venue, its accessibility and the remote access."""

from __future__ import annotations

from collections.abc import Iterator

from rzn.diagnostics import Severity
from rzn.model.event import Format, ItemKind, RoomKind
from rzn.rules.registry import Finding, RuleContext, rule


@rule("RZN201", "venue-missing", Severity.WARNING)
def venue_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Un événement en présentiel ou hybride n'a pas de lieu.

    ## Ce que la règle vérifie
    Que `venue` est renseigné quand `format` vaut `in_person` ou `hybrid`.

    ## Pourquoi
    Le vade-mecum recommande d'organiser la rencontre « de préférence dans un lieu
    physique », « plus convivial », et de « tenir compte de la disponibilité des salles »
    dès le choix de la date.

    ## Exemple qui échoue
    ```yaml
    format: in_person
    ```

    ## Exemple qui passe
    ```yaml
    format: in_person
    venue:
      name: Espace Malraux
    ```
    """
    event = ctx.event
    if event.format.has_venue and event.venue is None:
        kind = "hybride" if event.format is Format.HYBRID else "en présentiel"
        yield Finding(
            ("format",),
            f"Rencontre {kind} sans lieu : ajoutez une section venue (nom, adresse, gare la plus "
            "proche, accessibilité PMR, salles).",
        )


@rule("RZN202", "pmr-missing", Severity.WARNING)
def pmr_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Le lieu ne dit pas s'il est accessible aux personnes à mobilité réduite.

    ## Ce que la règle vérifie
    Que `venue.pmr_accessible` est renseigné (true ou false) pour un événement en
    présentiel ou hybride.

    ## Pourquoi
    Le lieu idéal, selon le vade-mecum, est « accessible aux personnes à mobilité réduite
    (PMR) » ; les participants doivent pouvoir le savoir avant de s'inscrire.

    ## Exemple qui échoue
    ```yaml
    venue:
      name: Espace Malraux
    ```

    ## Exemple qui passe
    ```yaml
    venue:
      name: Espace Malraux
      pmr_accessible: true
    ```
    """
    venue = ctx.event.venue
    if ctx.event.format.has_venue and venue is not None and venue.pmr_accessible is None:
        yield Finding(
            ("venue",),
            "Le lieu ne précise pas son accessibilité PMR : renseignez venue.pmr_accessible "
            "(true ou false) et, si besoin, venue.accessibility (ascenseur, places réservées…).",
            key=True,
        )


@rule("RZN203", "pmr-inaccessible", Severity.WARNING)
def pmr_inaccessible(ctx: RuleContext) -> Iterator[Finding]:
    """Le lieu n'est pas accessible aux personnes à mobilité réduite.

    ## Ce que la règle vérifie
    Que `venue.pmr_accessible` ne vaut pas `false`.

    ## Pourquoi
    Le vade-mecum demande un lieu « accessible aux personnes à mobilité réduite (PMR) » :
    des événements « ouverts à tous » ne peuvent pas laisser une partie du public à la
    porte.

    ## Exemple qui échoue
    ```yaml
    venue:
      name: Salle des fêtes
      pmr_accessible: false
    ```

    ## Exemple qui passe
    ```yaml
    venue:
      name: Salle des fêtes
      pmr_accessible: true
    ```
    """
    venue = ctx.event.venue
    if ctx.event.format.has_venue and venue is not None and venue.pmr_accessible is False:
        yield Finding(
            ("venue", "pmr_accessible"),
            "Le lieu n'est pas accessible aux personnes à mobilité réduite : cherchez un lieu "
            "accessible, ou prévoyez une participation à distance et dites-le clairement dans "
            "l'invitation.",
        )


@rule("RZN204", "station-missing", Severity.WARNING)
def station_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Le lieu n'indique pas de gare proche.

    ## Ce que la règle vérifie
    Que `venue.nearest_station` est renseigné pour un événement en présentiel ou hybride.

    ## Pourquoi
    Le lieu idéal, selon le vade-mecum, est « proche d'une gare » : c'est ce qui permet aux
    associations de tout le territoire de venir sans voiture.

    ## Exemple qui échoue
    ```yaml
    venue:
      name: Espace Malraux
    ```

    ## Exemple qui passe
    ```yaml
    venue:
      name: Espace Malraux
      nearest_station: Tours
      station_walk_minutes: 15
    ```
    """
    venue = ctx.event.venue
    if ctx.event.format.has_venue and venue is not None and not venue.nearest_station:
        yield Finding(
            ("venue",),
            "Aucune gare indiquée pour le lieu : renseignez venue.nearest_station (et "
            "station_walk_minutes), ou choisissez un lieu proche d'une gare.",
            key=True,
        )


@rule("RZN205", "online-url-missing", Severity.WARNING)
def online_url_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Un événement en ligne ou hybride n'a pas de lien de connexion.

    ## Ce que la règle vérifie
    Que `online.url` est renseigné quand `format` vaut `online` ou `hybrid`.

    ## Pourquoi
    Selon le vade-mecum, le mailing doit donner, « si c'est en ligne, le lien pour se
    connecter ».

    ## Exemple qui échoue
    ```yaml
    format: online
    ```

    ## Exemple qui passe
    ```yaml
    format: online
    online:
      platform: BigBlueButton
      url: https://visio.example.org/rzn
    ```
    """
    event = ctx.event
    if event.format.has_remote and (event.online is None or not event.online.url):
        path: tuple[str, ...] = ("online",) if event.online is not None else ("format",)
        yield Finding(
            path,
            "Pas de lien de connexion : renseignez online.url (et online.platform) pour que les "
            "mailings le donnent aux participants.",
            key=event.online is not None,
        )


@rule("RZN206", "capacity-too-small", Severity.ERROR)
def capacity_too_small(ctx: RuleContext) -> Iterator[Finding]:
    """La salle plénière est trop petite pour les participants attendus.

    ## Ce que la règle vérifie
    Que `expected_participants` ne dépasse pas la capacité de la plus grande salle de type
    `plenary` (pour un événement en présentiel ou hybride).

    ## Pourquoi
    Le lieu idéal, selon le vade-mecum, « permet des temps en plénière » : tout le monde doit
    pouvoir s'asseoir pendant les apports théoriques.

    ## Exemple qui échoue
    ```yaml
    expected_participants: 150
    venue:
      name: Espace Malraux
      rooms:
        - {name: Grande salle, capacity: 100, kind: plenary}
    ```

    ## Exemple qui passe
    ```yaml
    expected_participants: 90
    venue:
      name: Espace Malraux
      rooms:
        - {name: Grande salle, capacity: 100, kind: plenary}
    ```
    """
    event = ctx.event
    venue = event.venue
    if not event.format.has_venue or venue is None or event.expected_participants is None:
        return
    plenary = venue.plenary
    if plenary is not None and event.expected_participants > plenary.capacity:
        index = venue.rooms.index(plenary)
        yield Finding(
            ("venue", "rooms", index, "capacity"),
            f"{event.expected_participants} participants attendus pour {plenary.capacity} places "
            f"en plénière (« {plenary.name} ») : trouvez une salle plus grande ou limitez les "
            "inscriptions.",
        )


@rule("RZN207", "plenary-room-missing", Severity.WARNING)
def plenary_room_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Aucune des salles du lieu n'est une salle plénière.

    ## Ce que la règle vérifie
    Pour un événement en présentiel ou hybride dont le lieu liste ses salles
    (`venue.rooms`), qu'au moins une a `kind: plenary`. Une salle sans `kind` est une salle
    d'atelier.

    ## Pourquoi
    Le lieu idéal, selon le vade-mecum, « permet des temps en plénière et des ateliers en
    sous-groupe » : les apports théoriques et la clôture réunissent tout le monde dans une
    même salle.

    ## Exemple qui échoue
    ```yaml
    venue:
      name: Maison des associations
      rooms:
        - {name: Salle 1, capacity: 30, kind: workshop}
        - {name: Salle 2, capacity: 30, kind: workshop}
    ```

    ## Exemple qui passe
    ```yaml
    venue:
      name: Maison des associations
      rooms:
        - {name: Auditorium, capacity: 150, kind: plenary}
        - {name: Salle 1, capacity: 30, kind: workshop}
    ```
    """
    venue = ctx.event.venue
    if not ctx.event.format.has_venue or venue is None or not venue.rooms:
        return
    if venue.plenary is None:
        yield Finding(
            ("venue", "rooms"),
            "Aucune salle plénière parmi les salles du lieu : ajoutez « kind: plenary » à la "
            "salle qui accueille tout le monde (apports théoriques, clôture), ou trouvez un lieu "
            "qui en a une.",
            key=True,
        )


@rule("RZN208", "workshop-room-missing", Severity.WARNING)
def workshop_room_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Le programme prévoit des ateliers mais le lieu n'a pas de salle d'atelier.

    ## Ce que la règle vérifie
    Pour un événement en présentiel ou hybride avec un lieu, que le lieu a au moins une
    salle `kind: workshop` dès que le programme contient une séquence `kind: workshop`.

    ## Pourquoi
    Le lieu idéal, selon le vade-mecum, « permet des temps en plénière et des ateliers en
    sous-groupe » : un atelier pratique se tient en petit groupe, dans une salle à part.

    ## Exemple qui échoue
    ```yaml
    venue:
      name: Salle des fêtes
      rooms:
        - {name: Grande salle, capacity: 150, kind: plenary}
    program:
      - {start: "10:45", duration: 75, title: Mobiliser des bénévoles, kind: workshop}
    ```

    ## Exemple qui passe
    ```yaml
    venue:
      name: Salle des fêtes
      rooms:
        - {name: Grande salle, capacity: 150, kind: plenary}
        - {name: Salle 1, capacity: 30, kind: workshop}
    program:
      - {start: "10:45", duration: 75, title: Mobiliser des bénévoles, kind: workshop}
    ```
    """
    event = ctx.event
    venue = event.venue
    if not event.format.has_venue or venue is None:
        return
    workshops = [item for item in event.program if item.kind is ItemKind.WORKSHOP]
    if not workshops or any(room.kind is RoomKind.WORKSHOP for room in venue.rooms):
        return
    if len(workshops) > 1:
        count = f"{len(workshops)} ateliers (« {workshops[0].title} »…)"
    else:
        count = f"un atelier (« {workshops[0].title} »)"
    if venue.rooms:
        yield Finding(
            ("venue", "rooms"),
            f"Le programme prévoit {count} mais le lieu n'a "
            "aucune salle d'atelier : ajoutez dans venue.rooms les salles de sous-groupe avec "
            "« kind: workshop » (une par atelier en parallèle).",
            key=True,
        )
    else:
        yield Finding(
            ("venue",),
            f"Le programme prévoit {count} mais le lieu ne liste "
            "aucune salle : ajoutez venue.rooms, avec la salle plénière et les salles "
            "d'atelier (« kind: workshop »).",
            key=True,
        )


# What each piece of equipment is, in French: (with article, after a negation, "one").
_EQUIPMENT = {
    "projector": ("un vidéoprojecteur", "de vidéoprojecteur", "un", "projeter les supports"),
    "sound": ("une sonorisation", "de sonorisation", "une", "que tout le monde entende"),
}


@rule("RZN209", "equipment-unknown", Severity.WARNING)
def equipment_unknown(ctx: RuleContext) -> Iterator[Finding]:
    """Le lieu n'est pas équipé (ou ne dit pas s'il l'est) pour projeter et sonoriser.

    ## Ce que la règle vérifie
    Pour un événement en présentiel ou hybride, que `venue.projector` et `venue.sound`
    valent tous deux `true`.

    ## Pourquoi
    Le lieu idéal, selon le vade-mecum, est « équipé pour projeter des images et diffuser du
    son » : sans cela, pas de supports de présentation, et les participants du fond de la
    salle (ou à distance, en hybride) n'entendent pas.

    ## Exemple qui échoue
    ```yaml
    venue:
      name: Salle des fêtes
      projector: true
    ```

    ## Exemple qui passe
    ```yaml
    venue:
      name: Salle des fêtes
      projector: true
      sound: true
    ```
    """
    venue = ctx.event.venue
    if not ctx.event.format.has_venue or venue is None:
        return
    for field, (what, negated, one, why) in _EQUIPMENT.items():
        value = getattr(venue, field)
        if value is None:
            yield Finding(
                ("venue", field),
                f"Le lieu ne dit pas s'il a {what} : vérifiez auprès du lieu puis renseignez "
                f"venue.{field} (true ou false).",
                key=True,
            )
        elif value is False:
            yield Finding(
                ("venue", field),
                f"Le lieu n'a pas {negated} : prévoyez-en {one} (location, prêt par une "
                f"association ou la mairie) pour {why}, puis passez venue.{field} à true.",
            )


@rule("RZN210", "station-far", Severity.INFO)
def station_far(ctx: RuleContext) -> Iterator[Finding]:
    """La gare est à plus de 30 minutes à pied et aucun transport n'est indiqué.

    ## Ce que la règle vérifie
    Pour un événement en présentiel ou hybride, que `venue.public_transport` est renseigné
    quand `venue.station_walk_minutes` dépasse 30.

    ## Pourquoi
    Le lieu idéal, selon le vade-mecum, est « proche d'une gare » : au-delà d'une
    demi-heure de marche, les participants venus en train doivent savoir comment rejoindre
    le lieu (bus, tram, navette, covoiturage).

    ## Exemple qui échoue
    ```yaml
    venue:
      name: Domaine de la Gidonnière
      nearest_station: Tours
      station_walk_minutes: 45
    ```

    ## Exemple qui passe
    ```yaml
    venue:
      name: Domaine de la Gidonnière
      nearest_station: Tours
      station_walk_minutes: 45
      public_transport: Navette depuis la gare à 8 h 30, sur inscription
    ```
    """
    venue = ctx.event.venue
    if not ctx.event.format.has_venue or venue is None:
        return
    minutes = venue.station_walk_minutes
    if minutes is not None and minutes > 30 and not venue.public_transport:
        yield Finding(
            ("venue", "station_walk_minutes"),
            f"La gare est à {minutes} minutes à pied : indiquez dans venue.public_transport "
            "comment venir depuis la gare (bus, tram, navette, covoiturage), pour l'invitation.",
        )
