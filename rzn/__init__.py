"""rzn — préparer une rencontre RéZolutions numériques à partir d'un fichier d'événement."""

__version__ = "0.1.0"
