"""Every rule rzn checks, registered on import.

One module per family; see :mod:`rzn.rules.registry` for how a rule is
written and documented.
"""

# One import per line: branches adding a family then merge without conflicts.
from rzn.rules import (  # noqa: F401
    calendar,
    communication,
    core,
    dates,
    drafts,
    fallback,
    partners,
    people,
    placeholders,
    program,
    registrations,
    settings,
    speakers,
    tasks,
    venue,
)
from rzn.rules.registry import REGISTRY, Finding, Rule, RuleContext, all_rules, find

__all__ = ["REGISTRY", "Finding", "Rule", "RuleContext", "all_rules", "find"]
