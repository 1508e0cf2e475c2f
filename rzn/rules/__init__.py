"""Every rule rzn checks, registered on import.

One module per family; see :mod:`rzn.rules.registry` for how a rule is
written and documented.
"""

from rzn.rules import (  # noqa: F401
    core,
    dates,
    people,
    placeholders,
    program,
    registrations,
    venue,
)
from rzn.rules.registry import REGISTRY, Finding, Rule, RuleContext, all_rules, find

__all__ = ["REGISTRY", "Finding", "Rule", "RuleContext", "all_rules", "find"]
