"""How ``rzn check`` shows its diagnostics: terminal text, JSON, GitHub annotations,
SARIF (code review) and JUnit (CI test reports)."""

from rzn.output.summary import Summary

__all__ = ["Summary"]
