"""Reading an event file: bytes → text → YAML data with a source map.

The loader never raises on bad input: it returns :class:`Loaded` with the
data (or ``None``) and the diagnostics explaining what went wrong.
"""

from rzn.load.limits import LIMITS, Limits
from rzn.load.source import Loaded, Source, load_bytes, load_path, load_text

__all__ = ["LIMITS", "Limits", "Loaded", "Source", "load_bytes", "load_path", "load_text"]
