"""Counting diagnostics and saying it in French."""

from __future__ import annotations

from dataclasses import dataclass

from rzn.diagnostics import Diagnostic, Severity
from rzn.words import plural


@dataclass
class Summary:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    ignored: int = 0

    def add(self, diagnostics: list[Diagnostic], file: bool = True) -> None:
        """Count ``diagnostics``; ``file=False`` for reports that are not a newly checked
        event file (the settings file, findings across events)."""
        self.files += file
        for d in diagnostics:
            if d.ignored is not None:
                self.ignored += 1
            elif d.severity is Severity.ERROR:
                self.errors += 1
            elif d.severity is Severity.WARNING:
                self.warnings += 1
            else:
                self.infos += 1

    def as_dict(self) -> dict[str, int]:
        return {
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "ignored": self.ignored,
        }

    def sentence(self) -> str:
        files = plural(self.files, "fichier vérifié", "fichiers vérifiés")
        parts = []
        if self.errors:
            parts.append(plural(self.errors, "erreur", "erreurs"))
        if self.warnings:
            parts.append(plural(self.warnings, "avertissement", "avertissements"))
        if self.infos:
            parts.append(plural(self.infos, "information", "informations"))
        found = ", ".join(parts) if parts else "aucun problème"
        ignored = (
            f" ({plural(self.ignored, 'constat ignoré', 'constats ignorés')} par le fichier)"
            if self.ignored
            else ""
        )
        return f"{files} : {found}{ignored}."
