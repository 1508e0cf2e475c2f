"""Drafts a person finished by hand (the documents ``rzn render`` merges)."""

from rzn.diagnostics import Severity
from rzn.rules.registry import declare

declare(
    "RZN801",
    "unresolved-conflict",
    Severity.ERROR,
    "file",
    """
    Un brouillon contient encore des marques de conflit laissées par la fusion.

    ## Ce que la règle vérifie
    Qu'aucun document du dossier `build/` à côté du fichier d'événement, parmi ceux que
    `rzn render` a écrits, ne contient de ligne commençant par `<<<<<<< `, `=======` ou
    `>>>>>>> `. `rzn render` en laisse quand vous et l'événement avez changé les mêmes
    lignes d'un brouillon ; le constat pointe la première de chaque fichier. Un dossier de
    sortie choisi avec `-o` n'est pas examiné par `rzn check` (c'est `rzn render` qui le
    signale alors).

    ## Pourquoi
    Les brouillons sont faits pour être finis à la main puis envoyés : un mail qui part
    avec ses marques de conflit montre aux participants deux versions du même texte.

    ## Exemple qui échoue
    ```text
    <<<<<<< vos modifications
    Rendez-vous le jeudi 18 novembre à 9 h, salle Rabelais.
    =======
    Rendez-vous le jeudi 25 novembre à 9 h.
    >>>>>>> nouvelle version de rzn
    ```

    ## Exemple qui passe
    ```text
    Rendez-vous le jeudi 25 novembre à 9 h, salle Rabelais.
    ```
    """,
)
