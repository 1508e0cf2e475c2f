"""Problems in how rzn check itself is configured: ``rzn.toml`` and ``check.ignore``.

They have no check function: :mod:`rzn.config` and :mod:`rzn.check` report
them while reading the settings.
"""

from rzn.diagnostics import Severity
from rzn.rules.registry import declare

declare(
    "RZN013",
    "unknown-rule",
    Severity.ERROR,
    "file",
    """
    Une règle nommée dans `check.ignore` ou dans `rzn.toml` n'existe pas.

    ## Ce que la règle vérifie
    Que chaque nom ou code de règle cité dans `check: {ignore: …}` d'un fichier d'événement,
    ou dans `select`, `ignore` et `[severity]` de `rzn.toml` (ou `[tool.rzn]` de
    `pyproject.toml`), est celui d'une règle de `rzn rules` ; une faute de frappe proche d'un
    nom connu est signalée avec la suggestion.

    ## Pourquoi
    Une règle mal orthographiée ne serait ni ignorée ni sélectionnée, sans que personne ne
    s'en aperçoive : l'équipe croirait un avertissement réglé alors qu'il ne l'est pas.

    ## Exemple qui échoue
    ```yaml
    check:
      ignore:
        ag-saison: "AG déjà passée pour nos membres"
    ```

    ## Exemple qui passe
    ```yaml
    check:
      ignore:
        ag-season: "AG déjà passée pour nos membres"
    ```
""",
)

declare(
    "RZN014",
    "unused-ignore",
    Severity.INFO,
    "file",
    """
    Une règle ignorée par le fichier ne signale plus rien.

    ## Ce que la règle vérifie
    Que chaque règle de `check: {ignore: …}` a bien un constat à faire taire dans ce fichier
    (parmi les règles vérifiées : celles écartées par `--select` ne comptent pas, ni celles
    qui comparent plusieurs événements, dont le constat dépend des autres fichiers vérifiés).

    ## Pourquoi
    Une exception devenue inutile (la date a changé, le lieu est désormais accessible)
    masquerait le problème s'il revenait : mieux vaut la retirer.

    ## Exemple qui échoue
    ```yaml
    date: 2027-11-18
    check:
      ignore:
        ag-season: "AG déjà passée pour nos membres"
    ```

    ## Exemple qui passe
    ```yaml
    date: 2027-04-15
    check:
      ignore:
        ag-season: "AG déjà passée pour nos membres"
    ```
""",
)
