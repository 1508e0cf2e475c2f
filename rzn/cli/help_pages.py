"""Every command's help, read from the Typer application (generated: do not edit).

After changing a command, its options or their help, regenerate it with
``python -m rzn.cli.help``; a test compares it with the application.
"""

from typing import Any

PAGES: dict[str, dict[str, Any]] = {
    "rzn": {
        "usage": "[OPTIONS] COMMANDE [ARGUMENTS]...",
        "help": "Préparer une rencontre RéZolutions numériques à partir d'un fichier "
        "d'événement YAML : vérifier (check), produire les documents (render), "
        "démarrer (init).",
        "arguments": [],
        "options": [["-h, --help", "Afficher cette aide et quitter."]],
        "commands": [
            ["check", "Vérifier des fichiers d'événement au regard du vade-mecum."],
            [
                "init",
                "Créer un fichier d'événement commenté, qui suit le vade-mecum étape par étape.",
            ],
            [
                "publish",
                "Publier dans les outils partagés de l'équipe : l'agenda partagé (caldav).",
            ],
            [
                "render",
                "Produire les documents de la rencontre : rétroplanning, budget, calendrier…",
            ],
            [
                "report",
                "Écrire le bilan d'une rencontre (report.html, report.md) ou de la consultation.",
            ],
            ["rules", "Lister les règles, ou afficher la documentation de l'une d'elles."],
            [
                "schema",
                "Afficher le schéma JSON du fichier d'événement, pour les éditeurs et "
                "check-jsonschema.",
            ],
            [
                "site",
                "Construire le site public d'un cycle : agenda, une page par rencontre, "
                "flux, plan.",
            ],
            [
                "stats",
                "Chiffres d'un cycle de rencontres : participants, niveau numérique, 45 "
                "ans et plus.",
            ],
            [
                "tasks",
                "Les tâches du rétroplanning : les lister (en retard, de la semaine, "
                "par personne), les noter faites.",
            ],
            [
                "templates",
                "Les gabarits des documents : les lister, en copier un pour le personnaliser.",
            ],
        ],
    },
    "rzn check": {
        "usage": "[OPTIONS] CHEMINS...",
        "help": "Vérifier des fichiers d'événement au regard du vade-mecum.",
        "arguments": [
            ["CHEMINS...", "Fichiers d'événement ou dossiers (tous les *.yaml/*.yml en dessous)."]
        ],
        "options": [
            [
                "--format, -f FORMAT",
                "Sortie : text, json, github (annotations), sarif (revue de code) "
                "ou junit. [par défaut : text]",
            ],
            ["--today AAAA-MM-JJ", "Date du jour (AAAA-MM-JJ) pour des résultats reproductibles."],
            ["--strict", "Les avertissements font aussi échouer."],
            ["--select RÈGLE", "Ne vérifier que ces règles (nom ou code, répétable)."],
            ["--ignore RÈGLE", "Ne pas vérifier ces règles (nom ou code, répétable)."],
            [
                "--calendar AGENDA.ics",
                "Agenda .ics d'autres événements du territoire, comparés aux dates "
                "(règle date-collision ; répétable).",
            ],
            [
                "--config FICHIER",
                "Fichier de réglages (par défaut rzn.toml ou pyproject.toml du dépôt).",
            ],
            [
                "--jobs, -j N",
                "Processus en parallèle ; 0 (par défaut) : autant que de cœurs (4 "
                "au plus) à partir de 200 fichiers, un seul en dessous.",
            ],
            ["-h, --help", "Afficher cette aide et quitter."],
        ],
        "commands": [],
    },
    "rzn init": {
        "usage": "[OPTIONS] [DOSSIER]",
        "help": "Créer un fichier d'événement commenté, qui suit le vade-mecum étape par "
        "étape.\n"
        "\n"
        "Sans --title, --date ni --format, rzn init pose les questions dans le "
        "terminal.",
        "arguments": [["DOSSIER", "Dossier de l'événement, créé s'il n'existe pas. (facultatif)"]],
        "options": [
            ["--title TITRE", "Titre de la rencontre."],
            ["--date AAAA-MM-JJ", "Date de la rencontre (AAAA-MM-JJ)."],
            ["--format FORMAT", "in_person (présentiel), online ou hybrid."],
            ["--city VILLE", "Ville."],
            ["--region RÉGION", "Région."],
            ["--start HH:MM", "Début de la journée (HH:MM). [par défaut : 09:00]"],
            ["--end HH:MM", "Fin de la journée (HH:MM). [par défaut : 17:00]"],
            [
                "--force",
                "Remplacer un event.yaml et un event.schema.json existants (jamais le .gitignore).",
            ],
            ["-h, --help", "Afficher cette aide et quitter."],
        ],
        "commands": [],
    },
    "rzn publish": {
        "usage": "[OPTIONS] COMMANDE [ARGUMENTS]...",
        "help": "Publier dans les outils partagés de l'équipe : l'agenda partagé (caldav).",
        "arguments": [],
        "options": [["-h, --help", "Afficher cette aide et quitter."]],
        "commands": [
            ["caldav", "Publier le calendrier de la communication dans un agenda partagé (CalDAV)."]
        ],
    },
    "rzn publish caldav": {
        "usage": "[OPTIONS] ÉVÉNEMENT",
        "help": "Publier le calendrier de la communication dans un agenda "
        "partagé (CalDAV).\n"
        "Identifiants : RZN_CALDAV_USER et RZN_CALDAV_PASSWORD, ou "
        "~/.netrc. Republier après une\n"
        "modification met à jour les mêmes entrées, n'envoie pas "
        "celles qui n'ont pas changé et\n"
        "retire celles que rzn avait publiées et qui n'existent plus ; "
        "les autres entrées de\n"
        "l'agenda, et celles d'une autre rencontre même du même titre, "
        "ne sont jamais touchées. Une\n"
        "entrée modifiée dans l'agenda par quelqu'un d'autre est "
        "laissée telle quelle et signalée\n"
        "(code 1), sauf avec --force.",
        "arguments": [["ÉVÉNEMENT", "Fichier d'événement (ou dossier contenant event.yaml)."]],
        "options": [
            [
                "--url ADRESSE",
                "Adresse CalDAV du serveur en https:// (Nextcloud : "
                "https://HÔTE/remote.php/dav), du compte ou de l'agenda.",
            ],
            [
                "--calendar NOM",
                "Nom de l'agenda, tel qu'affiché par l'agenda en ligne "
                "(ou dernier segment de son adresse). Il doit exister.",
            ],
            [
                "--today AAAA-MM-JJ",
                "Date du jour (AAAA-MM-JJ), comme pour rzn render : date "
                "de mise à jour des entrées.",
            ],
            [
                "--force",
                "Remplacer (ou retirer) aussi les entrées de cette "
                "rencontre modifiées dans l'agenda par quelqu'un d'autre "
                "depuis la dernière publication.",
            ],
            [
                "--adopt",
                "Reprendre les entrées qui portent les identifiants de "
                "cette rencontre mais n'ont pas été publiées pour elle "
                "(autre ordinateur, ancienne version de rzn).",
            ],
            ["-h, --help", "Afficher cette aide et quitter."],
        ],
        "commands": [],
    },
    "rzn render": {
        "usage": "[OPTIONS] ÉVÉNEMENT...",
        "help": "Produire les documents de la rencontre : rétroplanning, budget, calendrier…",
        "arguments": [
            [
                "ÉVÉNEMENT...",
                "Fichiers d'événement (ou dossiers contenant event.yaml) ; "
                "plusieurs d'un coup possible.",
            ]
        ],
        "options": [
            [
                "--output, -o DOSSIER",
                "Dossier de sortie (par défaut : build/ à côté du fichier "
                "d'événement ; avec plusieurs événements, un sous-dossier par "
                "événement).",
            ],
            ["--today AAAA-MM-JJ", "Date du jour (AAAA-MM-JJ) : décide des tâches en retard."],
            [
                "--templates DOSSIER",
                "Dossier de gabarits qui remplacent ceux de rzn (répétable). « "
                "rzn templates copy » aide à démarrer.",
            ],
            [
                "--force",
                "Remplacer tous les fichiers par la version de rzn : ceux qu'il "
                "n'a pas écrits, ceux que vous avez modifiés (sans fusion) et "
                "ceux que vous avez supprimés.",
            ],
            [
                "--restore CHEMIN",
                "Recréer un document que vous aviez supprimé (chemin dans le "
                "dossier de sortie ou motif, ex. speakers/dupont/*) ; répétable.",
            ],
            [
                "--dry-run",
                "Ne rien écrire : dire quels fichiers seraient créés, mis à jour, "
                "fusionnés avec vos modifications ou en conflit.",
            ],
            [
                "--diff",
                "Comme --dry-run, et montrer les lignes qui changeraient dans chaque fichier.",
            ],
            [
                "--pdf",
                "Écrire aussi en PDF le rétroplanning, le conducteur, les fiches "
                "d'ateliers et les affiches, prêts à imprimer (nécessite pip "
                'install "rzn[pdf]").',
            ],
            [
                "--public",
                "N'écrire que la partie publique (public/ : page, affiches, image "
                "de partage, agenda), sans données personnelles.",
            ],
            [
                "--jobs, -j N",
                "Processus en parallèle ; 0 (par défaut) : autant que de cœurs (4 "
                "au plus) à partir de 3 événements, un seul en dessous.",
            ],
            [
                "--wait SECONDES",
                "Si un autre rzn render écrit dans le même dossier de sortie : "
                "l'attendre au plus SECONDES secondes, puis abandonner sans rien "
                "écrire (0 : abandonner tout de suite). [par défaut : 60]",
            ],
            ["-h, --help", "Afficher cette aide et quitter."],
        ],
        "commands": [],
    },
    "rzn report": {
        "usage": "[OPTIONS] ÉVÉNEMENT",
        "help": "Écrire le bilan d'une rencontre (report.html, report.md) ou de la consultation.",
        "arguments": [["ÉVÉNEMENT", "Fichier d'événement (event.yaml)."]],
        "options": [
            [
                "--answers, -a FICHIER",
                "Export CSV des réponses au questionnaire (par défaut, answers: "
                "du fichier d'événement).",
            ],
            [
                "--consultation, -c FICHIER",
                "Export CSV des réponses à la consultation des responsables "
                "associatifs : écrit consultation-bilan.html et "
                "consultation-bilan.md (sujets prioritaires, formats souhaités) "
                "au lieu du bilan de la rencontre ; avec les réponses à "
                "l'évaluation, compare les sujets demandés avant et pour la "
                "suite.",
            ],
            [
                "--output, -o DOSSIER",
                "Dossier où écrire report.html et report.md, ou le bilan de la "
                "consultation (par défaut build/ à côté du fichier d'événement).",
            ],
            ["--today AAAA-MM-JJ", "Date du bilan (AAAA-MM-JJ) pour des résultats reproductibles."],
            ["--templates DOSSIER", "Dossier de gabarits qui remplacent ceux de rzn. (répétable)"],
            ["--force", "Remplacer des fichiers que rzn n'a pas écrits."],
            [
                "--quote",
                "Citer les réponses libres dans le bilan, sans adresses e-mail, "
                "numéros de téléphone ni noms des inscrits (par défaut, elles ne "
                "sont que comptées).",
            ],
            ["-h, --help", "Afficher cette aide et quitter."],
        ],
        "commands": [],
    },
    "rzn rules": {
        "usage": "[OPTIONS] [NOM]",
        "help": "Lister les règles, ou afficher la documentation de l'une d'elles.",
        "arguments": [
            [
                "NOM",
                "Nom ou code d'une règle (ag-season, RZN101) pour sa documentation. (facultatif)",
            ]
        ],
        "options": [["-h, --help", "Afficher cette aide et quitter."]],
        "commands": [],
    },
    "rzn schema": {
        "usage": "[OPTIONS]",
        "help": "Afficher le schéma JSON du fichier d'événement, pour les éditeurs et "
        "check-jsonschema.\n"
        "\n"
        "Dans VS Code (extension YAML) et les éditeurs compatibles, la "
        "première ligne\n"
        "« # yaml-language-server: $schema=… » d'un fichier d'événement "
        "active\n"
        "l'aide à la saisie ; « rzn init » l'écrit.",
        "arguments": [],
        "options": [
            [
                "--output, -o FICHIER",
                "Écrire le schéma dans ce fichier (UTF-8) au lieu de l'afficher.",
            ],
            ["-h, --help", "Afficher cette aide et quitter."],
        ],
        "commands": [],
    },
    "rzn site": {
        "usage": "[OPTIONS] ÉVÉNEMENTS...",
        "help": "Construire le site public d'un cycle : agenda, une page par rencontre, "
        "flux, plan.",
        "arguments": [
            [
                "ÉVÉNEMENTS...",
                "Fichiers d'événement ou dossiers (tous les fichiers d'événement en dessous).",
            ]
        ],
        "options": [
            ["--output, -o DOSSIER", "Dossier du site."],
            [
                "--url URL",
                "Adresse publique du site (https://…/) : adresses absolues pour les "
                "réseaux sociaux et les moteurs de recherche, et plan du site "
                "(sitemap.xml).",
            ],
            ["--today AAAA-MM-JJ", "Date du jour (AAAA-MM-JJ) : décide des rencontres passées."],
            ["--templates DOSSIER", "Dossier de gabarits qui remplacent ceux de rzn (répétable)."],
            ["--force", "Remplacer les fichiers que rzn n'a pas écrits."],
            [
                "--jobs, -j N",
                "Processus en parallèle ; 0 (par défaut) : autant que de cœurs (4 "
                "au plus) à partir de 20 événements, un seul en dessous.",
            ],
            ["-h, --help", "Afficher cette aide et quitter."],
        ],
        "commands": [],
    },
    "rzn stats": {
        "usage": "[OPTIONS] CHEMINS...",
        "help": "Chiffres d'un cycle de rencontres : participants, niveau numérique, 45 "
        "ans et plus.",
        "arguments": [
            ["CHEMINS...", "Fichiers d'événement ou dossiers (tous les *.yaml/*.yml en dessous)."]
        ],
        "options": [
            ["--format, -f FORMAT", "Sortie : text ou json. [par défaut : text]"],
            ["-h, --help", "Afficher cette aide et quitter."],
        ],
        "commands": [],
    },
    "rzn tasks": {
        "usage": "[OPTIONS] COMMANDE [ARGUMENTS]...",
        "help": "Les tâches du rétroplanning : les lister (en retard, de la semaine, "
        "par personne), les noter faites.",
        "arguments": [],
        "options": [
            [
                "--event, -e FICHIER",
                "Fichier d'événement (ou dossier qui contient event.yaml). [par "
                "défaut : event.yaml]",
            ],
            ["--today AAAA-MM-JJ", "Date du jour (AAAA-MM-JJ) : décide des tâches en retard."],
            ["--late", "Seulement les tâches en retard."],
            ["--week", "Seulement les tâches à faire d'ici sept jours (ou en retard)."],
            [
                "--owner ID",
                "Seulement les tâches d'une personne (id de team) ; « aucun » : sans responsable.",
            ],
            ["-h, --help", "Afficher cette aide et quitter."],
        ],
        "commands": [
            [
                "done",
                "Noter des tâches faites : les ajoute à tasks.done dans le fichier d'événement.",
            ]
        ],
    },
    "rzn tasks done": {
        "usage": "[OPTIONS] IDS",
        "help": "Noter des tâches faites : les ajoute à tasks.done dans le fichier d'événement.",
        "arguments": [["IDS", "Identifiants des tâches faites (voir rzn tasks)."]],
        "options": [
            [
                "--event, -e FICHIER",
                "Fichier d'événement (ou dossier qui contient event.yaml) "
                "[par défaut : event.yaml].",
            ],
            ["-h, --help", "Afficher cette aide et quitter."],
        ],
        "commands": [],
    },
    "rzn templates": {
        "usage": "[OPTIONS] COMMANDE [ARGUMENTS]...",
        "help": "Les gabarits des documents : les lister, en copier un pour le personnaliser.",
        "arguments": [],
        "options": [["-h, --help", "Afficher cette aide et quitter."]],
        "commands": [
            [
                "copy",
                "Copier un gabarit dans un dossier pour le modifier (sans "
                "jamais écraser un fichier).",
            ],
            [
                "list",
                "Lister les gabarits fournis par rzn (et, avec --templates, "
                "ce que font les vôtres).",
            ],
        ],
    },
    "rzn templates copy": {
        "usage": "[OPTIONS] NOM DOSSIER",
        "help": "Copier un gabarit dans un dossier pour le modifier (sans "
        "jamais écraser un fichier).",
        "arguments": [
            ["NOM", "Nom du gabarit (voir rzn templates list)."],
            ["DOSSIER", "Dossier où le copier (créé au besoin)."],
        ],
        "options": [["-h, --help", "Afficher cette aide et quitter."]],
        "commands": [],
    },
    "rzn templates list": {
        "usage": "[OPTIONS]",
        "help": "Lister les gabarits fournis par rzn (et, avec --templates, ce "
        "que font les vôtres).",
        "arguments": [],
        "options": [
            [
                "--templates DOSSIER",
                "Vos dossiers de gabarits (répétable) : dire lesquels de "
                "vos fichiers remplacent un gabarit, lesquels sont inclus "
                "par un autre, lesquels ne servent à rien.",
            ],
            ["-h, --help", "Afficher cette aide et quitter."],
        ],
        "commands": [],
    },
}
