"""The words generated event files are made of: places, organisations, people, sessions.

Plausible and varied enough that no two files are alike, as in a real cycle of events.
"""

VENUES = [
    "Espace Malraux",
    "Maison des associations",
    "Salle polyvalente Jean-Moulin",
    "Le Quai des savoirs",
    "Tiers-lieu La Fabrique",
    "Centre social des Bruyères",
    "Médiathèque François-Mitterrand",
    "Halle aux grains",
]

ORGS = [
    "Le Mouvement associatif",
    "One Heart",
    "France Active",
    "PANA",
    "Les Petits Débrouillards",
    "Ligue de l'enseignement",
    "Réseau des CHATONS",
    "Animafac",
    "Emmaüs Connect",
    "Solidatech",
]

FIRST = [
    "Claire", "Marc", "Sophie", "Karim", "Léa", "Hugo", "Aïcha", "Thomas", "Élodie", "Mathis",
    "Nadia", "Julien", "Chloé", "Rémi", "Inès", "Baptiste", "Zoé", "Yannick", "Maëlle", "Olivier",
]  # fmt: skip

LAST = [
    "Dupont", "Martin", "Leroy", "Benali", "Moreau", "Lefèvre", "Garnier", "Nguyen", "Roux",
    "Bernard", "Faure", "Chevalier", "Diallo", "Mercier", "Blanc", "Guérin", "Perrin", "Morel",
]  # fmt: skip

TALKS = [
    "État des lieux du numérique associatif",
    "Protéger les données personnelles de ses adhérents",
    "Les logiciels libres au service du projet associatif",
    "Numérique et engagement bénévole : ce qui change",
    "Financer sa transformation numérique",
    "Sobriété numérique : par où commencer ?",
]

WORKSHOPS = [
    "Mobiliser des bénévoles en ligne",
    "Lever et gérer des fonds",
    "Animer une réunion à distance",
    "Choisir un outil de gestion des adhésions",
    "Communiquer sur les réseaux sociaux sans s'épuiser",
    "Sécuriser ses comptes et ses mots de passe",
    "Organiser ses documents partagés",
    "Créer une lettre d'information accessible",
]

STEPS = [
    "Tour de table des pratiques",
    "Présentation de l'outil en situation",
    "Mise en pratique par groupes de trois",
    "Restitution et questions",
    "Fiche mémo à emporter",
]

SENTENCES = [
    "Les associations du territoire partagent leurs réussites et leurs difficultés.",
    "L'objectif est de repartir avec des solutions concrètes et des contacts utiles.",
    "Aucun prérequis technique n'est nécessaire : venez avec vos questions.",
    "Les échanges s'appuient sur des retours d'expérience de petites structures.",
    "Un temps est prévu pour identifier les ressources locales d'accompagnement.",
    "Les participants sont invités à apporter un ordinateur portable s'ils en ont un.",
]

COMMENTS = [
    "Relu par l'équipe le mardi ; à valider avec la tête de file.",
    "Devis reçu, en attente de signature.",
    "Penser à confirmer avec le service communication de la ville.",
    "À vérifier : accès livraison pour le traiteur.",
]
