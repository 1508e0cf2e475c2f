"""``rzn rules``: the list of rules and each rule's documentation."""

from __future__ import annotations

from tests.conftest import run_subprocess

# The whole listing, sorted by code: a new rule must show up here, with its summary.
LISTING = """\
RZN001  yaml-syntax                  erreur         Le fichier n'est pas du YAML valide.
RZN002  encoding                     erreur         Le fichier n'est pas encodé en UTF-8.
RZN003  duplicate-key                erreur         Une clé apparaît deux fois dans la même table.
RZN004  unsafe-tag                   erreur         Une balise YAML (`!!python/…`, `!perso`) est utilisée.
RZN005  input-limit                  erreur         Le fichier dépasse une limite de taille, d'imbrication ou d'alias.
RZN006  not-a-mapping                erreur         Le fichier est vide ou n'est pas une table de clés.
RZN007  unreadable                   erreur         Le chemin ne peut pas être lu comme un fichier d'événement.
RZN010  invalid-value                erreur         Une valeur n'a pas le type ou le format attendu.
RZN011  unknown-key                  erreur         Une clé n'existe pas dans le format du fichier d'événement.
RZN012  missing-key                  erreur         Une clé obligatoire manque.
RZN013  unknown-rule                 erreur         Une règle nommée dans `check.ignore` ou dans `rzn.toml` n'existe pas.
RZN014  unused-ignore                info           Une règle ignorée par le fichier ne signale plus rien.
RZN101  ag-season                    avertissement  La date tombe pendant la saison des assemblées générales (1er mars – 30 juin).
RZN102  mailing-late                 avertissement  Un mailing prévu aurait déjà dû partir.
RZN103  date-past                    info           La rencontre a déjà eu lieu : place au bilan.
RZN104  public-holiday               avertissement  La date est un jour férié.
RZN105  school-holidays              avertissement  La date tombe pendant les vacances scolaires de la zone de la région.
RZN106  weekend                      info           La date tombe un samedi ou un dimanche.
RZN107  date-collision               avertissement  Deux rencontres de la même région ont lieu à 7 jours ou moins d'intervalle.
RZN108  duplicate-event              erreur         Deux fichiers décrivent le même événement : même identifiant (slug) ou même titre.
RZN201  venue-missing                avertissement  Un événement en présentiel ou hybride n'a pas de lieu.
RZN202  pmr-missing                  avertissement  Le lieu ne dit pas s'il est accessible aux personnes à mobilité réduite.
RZN203  pmr-inaccessible             avertissement  Le lieu n'est pas accessible aux personnes à mobilité réduite.
RZN204  station-missing              avertissement  Le lieu n'indique pas de gare proche.
RZN205  online-url-missing           avertissement  Un événement en ligne ou hybride n'a pas de lien de connexion.
RZN206  capacity-too-small           erreur         La salle plénière est trop petite pour les participants attendus.
RZN207  plenary-room-missing         avertissement  Aucune des salles du lieu n'est une salle plénière.
RZN208  workshop-room-missing        avertissement  Le programme prévoit des ateliers mais le lieu n'a pas de salle d'atelier.
RZN209  equipment-unknown            avertissement  Le lieu n'est pas équipé (ou ne dit pas s'il l'est) pour projeter et sonoriser.
RZN210  station-far                  info           La gare est à plus de 30 minutes à pied et aucun transport n'est indiqué.
RZN211  remote-fallback-missing      info           Une rencontre en présentiel n'a pas de plan B à distance.
RZN301  program-overlap              erreur         Deux séquences du programme se chevauchent au même endroit.
RZN302  program-outside-hours        erreur         Une séquence commence avant le début ou finit après la fin de la journée.
RZN303  unknown-room                 erreur         Une séquence a lieu dans une salle que le lieu ne liste pas.
RZN304  program-empty                avertissement  Le programme est vide.
RZN305  theory-missing               avertissement  Le programme n'a aucun apport théorique (conférence ou table ronde).
RZN306  practice-missing             avertissement  Le programme n'a aucun apport pratique (atelier, barcamp ou témoignage).
RZN307  question-time-missing        info           Une rencontre en ligne ou hybride ne prévoit aucun temps de questions.
RZN308  workshop-speaker-missing     avertissement  Un atelier n'a pas d'intervenant.
RZN401  lead-missing                 erreur         Aucune organisation n'est désignée comme tête de file.
RZN402  unknown-speaker              erreur         Une séquence nomme un intervenant qui n'est pas défini.
RZN403  duplicate-id                 erreur         Deux intervenants, deux membres de l'équipe ou deux salles portent le même nom.
RZN404  unused-speaker               info           Un intervenant n'intervient dans aucune séquence du programme.
RZN405  local-speaker-missing        info           Aucun intervenant n'est ancré sur le territoire.
RZN406  objectives-missing           avertissement  Les objectifs de la rencontre (la vision commune) ne sont pas écrits.
RZN407  political-support-missing    info           Aucun portage politique n'est indiqué.
RZN408  speaker-contact-missing      info           Un intervenant n'a ni e-mail ni téléphone.
RZN409  speaker-referent-missing     avertissement  Un intervenant n'a pas de référent parmi les organisateurs.
RZN410  logo-missing                 avertissement  Un partenaire financier n'a pas de logo, ou un logo est introuvable ou inutilisable.
RZN411  national-partner-missing     avertissement  La Fondation EDF, partenaire national, ne figure pas parmi les partenaires.
RZN412  organizer-logo-missing       avertissement  Une organisation n'a pas de logo.
RZN413  national-logo-missing        avertissement  La Fondation EDF, partenaire national, figure parmi les partenaires sans logo.
RZN414  charter-contrast             avertissement  Une couleur de la charte graphique manque de contraste avec le fond des documents.
RZN501  registration-missing         avertissement  Aucun lien d'inscription n'est indiqué.
RZN502  budget-missing               info           Aucun budget prévisionnel n'est indiqué.
RZN503  mailing-schedule             info           Le calendrier des mailings ne prévoit pas les envois à J-30, J-15 et J-7.
RZN504  unknown-task                 avertissement  Une tâche nommée dans tasks n'existe pas dans le rétroplanning de l'événement.
RZN505  unknown-owner                avertissement  Une tâche est confiée à une personne absente de l'équipe.
RZN506  draft-field-missing          avertissement  Un brouillon va partir avec un passage « à compléter » que le fichier peut remplir.
RZN601  placeholder-left             avertissement  Une valeur porte encore la mention « À COMPLÉTER » du modèle.
RZN701  workshop-full                avertissement  Un atelier a plus d'inscrits que sa salle n'a de places.
RZN702  registrations-over-capacity  avertissement  Il y a plus d'inscrits que de places dans la salle plénière.
RZN703  registrations-unreadable     erreur         Un export d'inscriptions ou de réponses, ou une de ses lignes, est illisible.
RZN704  unknown-workshop-choice      avertissement  Un choix d'atelier de l'export n'est l'intitulé d'aucun atelier du programme.
RZN705  export-missing               avertissement  L'export d'inscriptions ou de réponses indiqué est introuvable.
RZN706  answer-unrecognised          avertissement  Une réponse de l'export des réponses n'est pas une réponse du questionnaire.
RZN801  unresolved-conflict          erreur         Un brouillon contient encore des marques de conflit laissées par la fusion.
"""  # noqa: E501

AG_SEASON = """\
RZN101 ag-season (avertissement)

La date tombe pendant la saison des assemblées générales (1er mars – 30 juin).

## Ce que la règle vérifie
Que la date de la rencontre n'est pas comprise entre le 1er mars et le 30 juin inclus.

## Pourquoi
Le vade-mecum recommande, « dans tous les cas, éviter la période des AG, qui se tiennent
majoritairement entre mars et juin, afin que les participants soient disponibles, y compris
intellectuellement ».

## Exemple qui échoue
```yaml
date: 2027-04-15
```

## Exemple qui passe
```yaml
date: 2027-10-14
```
"""


def test_rules_lists_every_rule_once_sorted_by_code(rzn):
    result = rzn("rules")
    assert (result.code, result.err) == (0, "")
    assert result.out == LISTING
    codes = [line.split()[0] for line in result.out.splitlines()]
    assert codes == sorted(set(codes))


def test_rules_by_name_prints_the_whole_documentation(rzn):
    result = rzn("rules", "ag-season")
    assert (result.code, result.err) == (0, "")
    assert result.out == AG_SEASON


def test_rules_by_code_is_the_same_as_by_name(rzn):
    assert rzn("rules", "RZN101").out == rzn("rules", "ag-season").out
    assert rzn("rules", "rzn101").out == AG_SEASON


def test_every_rule_documentation_is_printed_whole(rzn):
    from rzn.rules.registry import all_rules

    for rule in all_rules().values():
        result = rzn("rules", rule.code)
        assert result.code == 0
        assert result.out == (f"{rule.code} {rule.name} ({rule.severity.label})\n\n{rule.doc}\n"), (
            rule.name
        )
        assert result.out.count("## ") == 4


def test_unknown_rule_suggests_the_close_name_and_exits_2(rzn):
    result = rzn("rules", "ag-seasn")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "rzn : Règle inconnue « ag-seasn ». Vouliez-vous dire « ag-season » ? « rzn rules » "
        "les liste toutes.\n"
    )


def test_unknown_rule_without_close_name(rzn):
    result = rzn("rules", "RZN999")
    assert (result.code, result.out) == (2, "")
    assert result.err == "rzn : Règle inconnue « RZN999 ». « rzn rules » les liste toutes.\n"


def test_rules_from_a_shell(tmp_path):
    result = run_subprocess("rules", "pmr-missing", cwd=tmp_path)
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[0] == "RZN202 pmr-missing (avertissement)"
