"""Every rule rzn checks, registered on import.

One module per family; see :mod:`rzn.rules.registry` for how a rule is
written and documented.
"""

# One import per line: branches adding a family then merge without conflicts.
from rzn.rules import (
    communication,  # noqa: F401
    core,  # noqa: F401
    dates,  # noqa: F401
    fallback,  # noqa: F401
    partners,  # noqa: F401
    people,  # noqa: F401
    placeholders,  # noqa: F401
    program,  # noqa: F401
    speakers,  # noqa: F401
    tasks,  # noqa: F401
    venue,  # noqa: F401
)
from rzn.rules.registry import REGISTRY, Finding, Rule, RuleContext, all_rules, find

__all__ = ["REGISTRY", "Finding", "Rule", "RuleContext", "all_rules", "find"]
