"""Organisers' and partners' logos, the national partner, and the organisers' charter."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rzn.diagnostics import Severity
from rzn.load.logos import LogoError, LogoProblem, load_logo
from rzn.model.charter import (
    GRAPHIC_RATIO,
    PALE,
    TEXT_RATIO,
    WHITE,
    contrast,
    ratio_text,
    readable,
)
from rzn.model.event import Organizer, Partner, PartnerRole
from rzn.model.partners import NATIONAL_PARTNER, is_national_partner
from rzn.rules.registry import Finding, RuleContext, rule

# What to do, after the reason rzn.load.logos gives; empty when the reason says it already.
_ADVICE = {
    LogoProblem.REFUSED_PATH: "",
    LogoProblem.OUTSIDE: " Copiez le logo dans le dossier du fichier d'événement (dans logos/).",
    LogoProblem.MISSING: " Vérifiez le nom du fichier et son dossier.",
    LogoProblem.NOT_A_FILE: " Indiquez le fichier du logo lui-même.",
    LogoProblem.TOO_LARGE: "",
    LogoProblem.NOT_AN_IMAGE: " Enregistrez le logo en PNG, JPEG, GIF ou SVG.",
    LogoProblem.UNREADABLE: " Vérifiez que le fichier s'ouvre (droits de lecture).",
}


def _advice(error: LogoError) -> str:
    # A damaged image is already told to be saved again, a near file already named: do not
    # say it twice.
    if "enregistrez" in error.message or error.suggestion:
        return ""
    return _ADVICE[error.problem]


@rule("RZN410", "logo-missing", Severity.WARNING)
def logo_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Un partenaire financier n'a pas de logo, ou un logo est introuvable ou inutilisable.

    ## Ce que la règle vérifie
    Que chaque partenaire financier (`partners[].role: funder`) a un `logo`, et que chaque
    `logo` des organisateurs et des partenaires désigne une image PNG, JPEG, GIF ou SVG du
    dossier du fichier d'événement (ou d'un sous-dossier), lisible et de 2 Mo au plus.

    ## Pourquoi
    Pour la communication, le vade-mecum demande de « ne pas oublier les logos des
    organisateurs et des éventuels partenaires financiers ». `rzn render` les place dans
    l'en-tête des documents HTML et sur les diapositives d'ouverture ; un logo introuvable
    y serait remplacé par le seul nom.

    ## Exemple qui échoue
    ```yaml
    partners:
      - name: Conseil départemental
        role: funder
    ```

    ## Exemple qui passe
    ```yaml
    partners:
      - name: Conseil départemental
        role: partner
    ```
    """
    event = ctx.event
    groups: tuple[tuple[str, Sequence[Organizer | Partner]], ...] = (
        ("organizers", event.organizers),
        ("partners", event.partners),
    )
    for base, members in groups:
        for index, member in enumerate(members):
            if member.logo is None:
                if isinstance(member, Partner) and member.role is PartnerRole.FUNDER:
                    yield Finding(
                        (base, index),
                        f"Le partenaire financier {member.name} n'a pas de logo : ajoutez "
                        "logo: et le chemin de son fichier, relatif au dossier du fichier "
                        "d'événement (par exemple logos/financeur.png).",
                    )
                continue
            try:
                load_logo(ctx.base_dir, member.logo)
            except LogoError as error:
                yield Finding(
                    (base, index, "logo"), f"{member.name} : {error.message}{_advice(error)}"
                )


@rule("RZN411", "national-partner-missing", Severity.WARNING)
def national_partner_missing(ctx: RuleContext) -> Iterator[Finding]:
    """La Fondation EDF, partenaire national, ne figure pas parmi les partenaires.

    ## Ce que la règle vérifie
    Qu'un des `partners` est la Fondation EDF (quelle que soit la façon de l'écrire :
    « Fondation EDF », « fondation edf »…).

    ## Pourquoi
    Le vade-mecum le rappelle : « Ne pas oublier le logo de la Fondation EDF, partenaire
    national de RéZolutions numériques ». Listée dans `partners`, elle figure sur les
    documents, les mails et les diapositives d'ouverture.

    ## Exemple qui échoue
    ```yaml
    partners:
      - name: Ville de Pontivy
    ```

    ## Exemple qui passe
    ```yaml
    partners:
      - name: Ville de Pontivy
      - name: Fondation EDF
    ```
    """
    if not any(is_national_partner(p.name) for p in ctx.event.partners):
        yield Finding(
            ("partners",),
            f"La {NATIONAL_PARTNER}, partenaire national de RéZolutions numériques, ne figure "
            f"pas dans partners : ajoutez « - name: {NATIONAL_PARTNER} » (avec son logo) pour "
            "qu'elle apparaisse sur les documents et les diapositives.",
            key=True,
        )


@rule("RZN412", "organizer-logo-missing", Severity.WARNING)
def organizer_logo_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Une organisation n'a pas de logo.

    ## Ce que la règle vérifie
    Que chaque organisation de `organizers` (la tête de file comme les autres) a un
    `logo`. Que ce fichier existe et soit une image utilisable, c'est `logo-missing` qui
    le vérifie.

    ## Pourquoi
    Pour la communication, le vade-mecum demande de « ne pas oublier les logos des
    organisateurs et des éventuels partenaires financiers ». Sans `logo`, l'en-tête des
    documents, les mails et les diapositives d'ouverture n'ont que le nom de
    l'organisation.

    ## Exemple qui échoue
    ```yaml
    organizers:
      - name: Le Mouvement associatif Centre-Val de Loire
        lead: true
    ```

    ## Exemple qui passe
    ```yaml
    organizers:
      - name: Le Mouvement associatif Centre-Val de Loire
        lead: true
        logo: logos/mouvement-associatif.png
    ```
    """
    # The lead first: it signs the mails and heads every document.
    order = sorted(enumerate(ctx.event.organizers), key=lambda pair: not pair[1].lead)
    for index, organizer in order:
        if organizer.logo is None:
            role = " (tête de file)" if organizer.lead else ""
            yield Finding(
                ("organizers", index),
                f"L'organisation {organizer.name}{role} n'a pas de logo : ajoutez logo: et le "
                "chemin de son fichier, relatif au dossier du fichier d'événement (par exemple "
                "logos/association.png).",
            )


@rule("RZN413", "national-logo-missing", Severity.WARNING)
def national_partner_logo_missing(ctx: RuleContext) -> Iterator[Finding]:
    """La Fondation EDF, partenaire national, figure parmi les partenaires sans logo.

    ## Ce que la règle vérifie
    Que la Fondation EDF, quand elle est dans `partners`, a un `logo`. Que ce fichier
    existe et soit une image utilisable, c'est `logo-missing` qui le vérifie (qui signale
    aussi un partenaire financier sans logo).

    ## Pourquoi
    Le vade-mecum le rappelle : « Ne pas oublier le logo de la Fondation EDF, partenaire
    national de RéZolutions numériques ». Sans `logo`, elle n'apparaît pas dans l'en-tête
    des documents et les diapositives n'affichent que son nom.

    ## Exemple qui échoue
    ```yaml
    partners:
      - name: Fondation EDF
    ```

    ## Exemple qui passe
    ```yaml
    partners:
      - name: Fondation EDF
        logo: logos/fondation-edf.png
    ```
    """
    for index, partner in enumerate(ctx.event.partners):
        # A funder without a logo is logo-missing's finding already.
        if (
            partner.logo is None
            and partner.role is not PartnerRole.FUNDER
            and is_national_partner(partner.name)
        ):
            yield Finding(
                ("partners", index),
                f"{partner.name}, partenaire national de RéZolutions numériques, n'a pas "
                "de logo : ajoutez logo: et le chemin de son fichier, relatif au dossier "
                "du fichier d'événement (par exemple logos/fondation-edf.png).",
            )


@rule("RZN414", "charter-contrast", Severity.WARNING)
def charter_contrast(ctx: RuleContext) -> Iterator[Finding]:
    """Une couleur de la charte graphique manque de contraste avec le fond des documents.

    ## Ce que la règle vérifie
    Que la couleur principale (`charter.primary`) a un contraste d'au moins 4,5:1 avec les
    fonds clairs des documents (le blanc, et jusqu'au gris très clair #EEEEEE), et la
    couleur secondaire (`charter.secondary`) d'au moins 3:1 avec le blanc (niveau AA des
    règles d'accessibilité WCAG). La couleur principale écrit titres et liens sur ces fonds
    et sert de fond au texte blanc (diapositives, en-têtes de tableaux, boutons) ; la
    secondaire ne trace que des filets et des puces. Une couleur trop claire n'est pas
    refusée : les documents l'emploient assombrie juste ce qu'il faut, sans changer sa
    teinte, et la règle donne la couleur employée.

    ## Pourquoi
    Le vade-mecum le rappelle : « La Charte graphique est disponible ici ». Les couleurs
    des organisateurs habillent les documents, les pages publiques, les mails et les
    diapositives ; un texte trop pâle ne se lit ni sur un écran au soleil ni par une
    personne malvoyante.

    ## Exemple qui échoue
    ```yaml
    charter:
      primary: "#FFCC00"
    ```

    ## Exemple qui passe
    ```yaml
    charter:
      primary: "#1F4E79"
      secondary: "#E36C0A"
    ```
    """
    charter = ctx.event.charter
    checks = (
        ("primary", charter.primary, TEXT_RATIO, PALE, "principale", "du texte"),
        (
            "secondary",
            charter.secondary,
            GRAPHIC_RATIO,
            WHITE,
            "secondaire",
            "un filet ou une puce",
        ),
    )
    for key, colour, ratio, ground, label, use in checks:
        if colour is None or contrast(colour, ground) >= ratio:
            continue
        used = readable(colour, ratio, ground)
        where = "le blanc" if ground == WHITE else f"les fonds clairs des documents ({ground})"
        yield Finding(
            ("charter", key),
            f"La couleur {label} {colour} n'a qu'un contraste de "
            f"{ratio_text(contrast(colour, ground))} avec {where}, moins que les "
            f"{ratio_text(ratio)} demandés pour {use} (WCAG AA) : les documents emploient "
            f"{used}, la même teinte assombrie. Indiquez {used} (ou une couleur plus foncée "
            "de la charte) pour que documents et charte concordent.",
        )
