"""Problems found while reading and validating the file itself.

They have codes and documentation like every rule, but no check function:
the loader (:mod:`rzn.load`) and the model (:mod:`rzn.model.validate`)
report them.
"""

from rzn.diagnostics import Severity
from rzn.rules.registry import declare

E = Severity.ERROR

declare(
    "RZN001",
    "yaml-syntax",
    E,
    "file",
    """
    Le fichier n'est pas du YAML valide.

    ## Ce que la règle vérifie
    Que le fichier se lit comme du YAML : indentation par des espaces, deux-points après
    chaque clé, guillemets et crochets fermés, un seul document.

    ## Pourquoi
    Un fichier illisible ne peut rien produire : rzn indique la ligne, la colonne et la
    correction la plus probable.

    ## Exemple qui échoue
    ```yaml
    title: Atelier : outils libres
    ```

    ## Exemple qui passe
    ```yaml
    title: "Atelier : outils libres"
    ```
""",
)

declare(
    "RZN002",
    "encoding",
    E,
    "file",
    """
    Le fichier n'est pas encodé en UTF-8.

    ## Ce que la règle vérifie
    Que le texte est en UTF-8 (avec ou sans BOM, fins de ligne Windows acceptées) ou en
    UTF-16 avec BOM.

    ## Pourquoi
    Un fichier enregistré en Windows-1252 par un vieil éditeur transformerait les accents
    en caractères illisibles dans tous les documents.

    ## Exemple qui échoue
    Un fichier enregistré en « ANSI » par le Bloc-notes, contenant `Joué-lès-Tours`.

    ## Exemple qui passe
    Le même fichier enregistré en « UTF-8 ».
""",
)

declare(
    "RZN003",
    "duplicate-key",
    E,
    "file",
    """
    Une clé apparaît deux fois dans la même table.

    ## Ce que la règle vérifie
    Qu'aucune clé n'est répétée au même niveau.

    ## Pourquoi
    YAML ne garderait silencieusement que l'une des deux valeurs : une information saisie
    serait perdue sans que personne ne s'en aperçoive.

    ## Exemple qui échoue
    ```yaml
    city: Tours
    city: Joué-lès-Tours
    ```

    ## Exemple qui passe
    ```yaml
    city: Joué-lès-Tours
    ```
""",
)

declare(
    "RZN004",
    "unsafe-tag",
    E,
    "file",
    """
    Une balise YAML (`!!python/…`, `!perso`) est utilisée.

    ## Ce que la règle vérifie
    Que le fichier ne contient que des valeurs simples, des listes et des tables.

    ## Pourquoi
    Certaines balises demandent d'exécuter du code : un fichier d'événement partagé entre
    organisations ne doit jamais pouvoir le faire.

    ## Exemple qui échoue
    ```yaml
    title: !!python/object/apply:os.system ["rm -rf /"]
    ```

    ## Exemple qui passe
    ```yaml
    title: RéZolutions numériques Bretagne
    ```
""",
)

declare(
    "RZN005",
    "input-limit",
    E,
    "file",
    """
    Le fichier dépasse une limite de taille, d'imbrication ou d'alias.

    ## Ce que la règle vérifie
    Au plus 1 Mo, 64 niveaux d'imbrication, 200 alias `*nom`, 200 000 valeurs une fois les
    alias développés et 500 séquences de programme.

    ## Pourquoi
    Ces limites arrêtent vite les fichiers piégés (« billion laughs ») ou passés par erreur,
    sans gêner un vrai fichier d'événement, qui fait quelques Ko.

    ## Exemple qui échoue
    ```yaml
    title: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
      [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x
      ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
    ```

    ## Exemple qui passe
    ```yaml
    title: RéZolutions numériques Bretagne
    ```
""",
)

declare(
    "RZN006",
    "not-a-mapping",
    E,
    "file",
    """
    Le fichier est vide ou n'est pas une table de clés.

    ## Ce que la règle vérifie
    Que le fichier commence par des clés (`title:`, `date:`…).

    ## Pourquoi
    Un événement se décrit par des clés nommées ; une liste seule ou un fichier vide ne
    décrit rien.

    ## Exemple qui échoue
    ```yaml
    - title: RéZolutions numériques
    ```

    ## Exemple qui passe
    ```yaml
    title: RéZolutions numériques
    ```
""",
)

declare(
    "RZN007",
    "unreadable",
    E,
    "file",
    """
    Le chemin ne peut pas être lu comme un fichier d'événement.

    ## Ce que la règle vérifie
    Que le chemin existe, est un fichier texte lisible et pas un dossier ou un binaire.

    ## Pourquoi
    Rien ne peut être vérifié ; rzn sort avec le code 2 (entrée inutilisable).

    ## Exemple qui échoue
    `rzn check photo.jpg`

    ## Exemple qui passe
    `rzn check mon-evenement/event.yaml`
""",
)

declare(
    "RZN010",
    "invalid-value",
    E,
    "file",
    """
    Une valeur n'a pas le type ou le format attendu.

    ## Ce que la règle vérifie
    Les dates (AAAA-MM-JJ, et qui existent), les heures (HH:MM), les nombres, les montants
    (avec un point décimal), les listes de valeurs permises et les bornes raisonnables.

    ## Pourquoi
    Une date impossible ou un montant mal saisi fausserait tout le rétroplanning et le
    budget.

    ## Exemple qui échoue
    ```yaml
    date: 2027-02-30
    ```

    ## Exemple qui passe
    ```yaml
    date: 2027-02-25
    ```
""",
)

declare(
    "RZN011",
    "unknown-key",
    E,
    "file",
    """
    Une clé n'existe pas dans le format du fichier d'événement.

    ## Ce que la règle vérifie
    Que chaque clé est connue ; une faute de frappe proche d'une clé connue est signalée
    avec la suggestion.

    ## Pourquoi
    Une faute de frappe (`emial`) ferait sinon disparaître l'information sans bruit.

    ## Exemple qui échoue
    ```yaml
    organizers:
      - name: PANA 37
        emial: contact@example.org
    ```

    ## Exemple qui passe
    ```yaml
    organizers:
      - name: PANA 37
        email: contact@example.org
    ```
""",
)

declare(
    "RZN012",
    "missing-key",
    E,
    "file",
    """
    Une clé obligatoire manque.

    ## Ce que la règle vérifie
    La présence de `title`, `date`, `format`, `organizers` et des clés obligatoires de
    chaque élément (nom d'une salle, heure d'une séquence…).

    ## Pourquoi
    Sans elles, aucun document ne peut être produit.

    ## Exemple qui échoue
    ```yaml
    title: RéZolutions numériques
    format: online
    ```

    ## Exemple qui passe
    ```yaml
    title: RéZolutions numériques
    date: 2027-11-18
    format: online
    organizers:
      - {name: PANA 37, lead: true}
    ```
""",
)
