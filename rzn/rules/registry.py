"""The rule registry: stable codes, kebab-case names, docs in docstrings.

A rule is a function decorated with :func:`rule`; its docstring *is* its
documentation (``rzn rules NAME`` prints it). Its first line is the
one-line summary. Codes are never reused: a removed rule's code goes to
:data:`RETIRED`.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from rzn.diagnostics import Severity

if TYPE_CHECKING:
    from rzn.load.source import Source
    from rzn.load.yaml_tree import Path
    from rzn.model.event import Event

Scope = Literal["file", "event", "project"]
"""``file``: found while reading or validating; ``event``: one event;
``project``: several events compared with each other."""


@dataclass(frozen=True)
class Finding:
    """What a rule reports: the YAML path it concerns and a French message."""

    path: Path
    message: str
    key: bool = False
    """Point at the key (``venue:``) rather than at its value."""
    severity: Severity | None = None
    """Overrides the rule's severity (a note on what rzn cannot know is never a problem)."""
    file: str | None = None
    """Another file the finding concerns (a line of a registrations export), named as
    messages name it: from where rzn runs, like the event file (``ExportRef.display``)."""
    line: int | None = None
    column: int | None = None


@dataclass
class RuleContext:
    event: Event
    source: Source
    today: dt.date
    base_dir: str = "."
    """Folder of the event file, for paths the event names (logos, exports)."""


Check = Callable[[RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    scope: Scope
    doc: str
    check: Check | None = field(default=None, compare=False)

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip()


REGISTRY: dict[str, Rule] = {}
"""Rules by name, in registration order."""
RETIRED: dict[str, str] = {}
"""Codes of removed rules → their former name. Never reuse one."""


def _register(new: Rule) -> Rule:
    for existing in REGISTRY.values():
        if existing.code == new.code and existing.name != new.name:
            raise ValueError(f"code {new.code} already used by {existing.name}")
    if new.code in RETIRED:
        raise ValueError(f"code {new.code} is retired ({RETIRED[new.code]})")
    REGISTRY[new.name] = new
    return new


def rule(code: str, name: str, severity: Severity) -> Callable[[Check], Check]:
    """Register a check on one event."""

    def decorate(check: Check) -> Check:
        _register(Rule(code, name, severity, "event", inspect.cleandoc(check.__doc__ or ""), check))
        return check

    return decorate


def declare(code: str, name: str, severity: Severity, scope: Scope, doc: str) -> Rule:
    """Register a rule whose findings come from elsewhere (loader, schema, cross-event)."""
    return _register(Rule(code, name, severity, scope, inspect.cleandoc(doc)))


def all_rules() -> dict[str, Rule]:
    """Every rule, once all rule modules are imported."""
    import rzn.rules  # noqa: F401  (importing the package registers the rules)

    return REGISTRY


def find(name_or_code: str) -> Rule | None:
    rules = all_rules()
    key = name_or_code.strip()
    if key in rules:
        return rules[key]
    upper = key.upper()
    return next((r for r in rules.values() if r.code == upper), None)


def event_rules() -> Iterator[Rule]:
    return (r for r in all_rules().values() if r.check is not None)
