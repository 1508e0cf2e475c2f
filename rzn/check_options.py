"""What a check is asked to do: shared by one file's check and the comparisons across files.

Its own module so that :mod:`rzn.check` (which calls :mod:`rzn.project`) and
:mod:`rzn.project` (which reads the options) import it both, and not each other.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rzn.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from rzn.calendars import Agenda
    from rzn.rules.registry import Rule


@dataclass(frozen=True)
class CheckOptions:
    today: dt.date
    select: frozenset[str] = frozenset()
    """Rule names to run (empty: all)."""
    ignore: frozenset[str] = frozenset()
    """Rule names not to run."""
    severities: dict[str, Severity] = field(default_factory=dict)
    """Severity overrides by rule name."""
    agendas: tuple[Agenda, ...] = ()
    """Other territorial events to compare with (``--calendar``)."""
    settings: tuple[Diagnostic, ...] = ()
    """Problems found in the settings file (``rzn.toml``), reported first."""
    drafts: bool = True
    """Look for conflict markers in the drafts of the event's ``build/`` folder
    (``rzn render`` merges them itself, so it checks without)."""

    def enabled(self, rule: Rule) -> bool:
        if rule.name in self.ignore:
            return False
        return not self.select or rule.name in self.select

    def severity(self, rule: Rule) -> Severity:
        return self.severities.get(rule.name, rule.severity)

    @functools.cached_property
    def event_checks(self) -> tuple[tuple[Rule, Severity], ...]:
        """The enabled event rules and their severities, worked out once for every file."""
        from rzn.rules.registry import all_rules

        return tuple(
            (rule, self.severity(rule))
            for rule in all_rules().values()
            if rule.check is not None and self.enabled(rule)
        )
