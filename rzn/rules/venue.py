"""The venue, its accessibility and the remote access."""

from __future__ import annotations

from collections.abc import Iterator

from rzn.diagnostics import Severity
from rzn.rules.registry import Finding, RuleContext, rule


@rule("RZN201", "venue-missing", Severity.WARNING)
def venue_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Un événement en présentiel ou hybride n'a pas de lieu.

    ## Ce que la règle vérifie
    Que `venue` est renseigné quand `format` vaut `in_person` ou `hybrid`.

    ## Pourquoi
    Le vade-mecum recommande « de préférence un lieu physique », « plus convivial », et de
    « tenir compte de la disponibilité des salles » dès le choix de la date.

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
    if ctx.event.format.has_venue and ctx.event.venue is None:
        yield Finding(
            ("format",),
            "Rencontre en présentiel sans lieu : ajoutez une section venue (nom, adresse, gare "
            "la plus proche, accessibilité PMR, salles).",
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
    une rencontre « ouverte à tous » ne peut pas laisser une partie du public à la porte.

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
    Le mailing doit donner, « si c'est en ligne, le lien pour se connecter ».

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
    Le lieu idéal « permet des temps en plénière » : tout le monde doit pouvoir s'asseoir
    pendant les apports théoriques.

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
