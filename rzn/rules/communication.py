"""Registration, budget and the communication plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from rzn.diagnostics import Severity
from rzn.rules.registry import Finding, RuleContext, rule


@rule("RZN501", "registration-missing", Severity.WARNING)
def registration_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Aucun lien d'inscription n'est indiqué.

    ## Ce que la règle vérifie
    Que `registration_url` est renseigné.

    ## Pourquoi
    Pour les mailings, le vade-mecum demande de « bien indiquer les modalités d'inscription
    sur le site RZN (y compris aux ateliers si vous décidez de donner le choix) ».

    ## Exemple qui échoue
    ```yaml
    title: RéZolutions numériques Bretagne
    # registration_url: à compléter
    ```

    ## Exemple qui passe
    ```yaml
    title: RéZolutions numériques Bretagne
    registration_url: https://example.org/inscription
    ```
    """
    if not ctx.event.registration_url:
        yield Finding(
            ("registration_url",),
            "Aucun lien d'inscription : renseignez registration_url (formulaire en ligne), "
            "pour que les mailings disent comment s'inscrire, ateliers compris.",
            key=True,
        )


@rule("RZN502", "budget-missing", Severity.INFO)
def budget_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Aucun budget prévisionnel n'est indiqué.

    ## Ce que la règle vérifie
    Que `budget` contient au moins une ligne de dépense (`budget.lines`).

    ## Pourquoi
    Le budget n'est « pas forcément énorme, il va dépendre du format » ; le vade-mecum
    liste ce qu'il faut avoir en tête (salle, régisseur, collations, licence de
    visioconférence, impression, temps de travail, déplacements des intervenants).

    ## Exemple qui échoue
    ```yaml
    title: RéZolutions numériques Bretagne
    # budget: à compléter
    ```

    ## Exemple qui passe
    ```yaml
    budget:
      lines:
        - {label: Location de la salle, category: venue, amount: 600}
    ```
    """
    budget = ctx.event.budget
    if budget is None:
        yield Finding(
            ("budget",),
            "Aucun budget : ajoutez une section budget avec les dépenses prévues (lines) et "
            "les recettes (income), même modestes, selon le format de la rencontre.",
            key=True,
        )
    elif not budget.lines:
        yield Finding(
            ("budget",),
            "Le budget ne prévoit aucune dépense : ajoutez dans budget.lines les postes du "
            "format choisi (salle, collations, impression, déplacements des intervenants…).",
            key=True,
        )


_SCHEDULE = (30, 15, 7)
"""The vade-mecum's "envoi à J-30, puis J-15, puis J-7"."""


@rule("RZN503", "mailing-schedule", Severity.INFO)
def mailing_schedule(ctx: RuleContext) -> Iterator[Finding]:
    """Le calendrier des mailings ne prévoit pas les envois à J-30, J-15 et J-7.

    ## Ce que la règle vérifie
    Que `communication.mailings` contient 30, 15 et 7 (jours avant l'événement). D'autres
    envois peuvent s'y ajouter. Sans `mailings`, rzn prévoit ces trois envois. Un envoi dont
    la date est déjà passée (par rapport à `--today`) n'est plus demandé : on retire de la
    liste un mailing une fois envoyé (voir `mailing-late`).

    ## Pourquoi
    Le vade-mecum prévoit un « Mailing : envoi à J-30, puis J-15, puis J-7 » : trois
    rappels, pour que l'information arrive au bon moment dans des agendas associatifs
    chargés.

    ## Exemple qui échoue
    ```yaml
    communication:
      mailings: [30, 7]
    ```

    ## Exemple qui passe
    ```yaml
    communication:
      mailings: [45, 30, 15, 7]
    ```
    """
    event = ctx.event
    mailings = event.communication.mailings
    # A mailing whose day is past is sent (kept in the list and marked done, as
    # mailing-late asks) or too late to plan: asking for it again would contradict it.
    missing = [
        day
        for day in _SCHEDULE
        if day not in mailings and event.date - dt.timedelta(days=day) >= ctx.today
    ]
    if not missing:
        return
    if not mailings and len(missing) == len(_SCHEDULE):
        message = (
            "Aucun mailing prévu : le vade-mecum recommande trois envois, à J-30, J-15 et J-7 ; "
            "écrivez mailings: [30, 15, 7]."
        )
    else:
        message = (
            f"Pas de mailing à {_and([f'J-{day}' for day in missing])} : le vade-mecum "
            "recommande d'envoyer à J-30, J-15 puis J-7. Ajoutez "
            f"{_and([str(day) for day in missing])} à communication.mailings."
        )
    yield Finding(("communication", "mailings"), message, key=True)


def _and(words: list[str]) -> str:
    """``["a", "b", "c"]`` → ``a, b et c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]
