"""How ``rzn check`` shows its diagnostics: terminal text, JSON, GitHub annotations."""

from rzn.output.summary import Summary

__all__ = ["Summary"]
