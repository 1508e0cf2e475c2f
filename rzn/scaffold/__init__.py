"""``rzn init``'s core (moved into a package; split into modules next)."""

from rzn.scaffold.program import *  # noqa: F403
from rzn.scaffold.program import _SPEAKERS  # noqa: F401
