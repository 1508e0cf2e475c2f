"""``--format sarif``: a SARIF 2.1.0 log for code-review tools (GitHub code scanning…).

One run, the tool's rules (those that found something) with their French
documentation, one result per finding. A finding the event file silenced
is kept with an ``inSource`` suppression carrying its reason, as SARIF
viewers expect, rather than dropped. File paths are written as relative
URIs so the report reads the same on every machine.
"""

from __future__ import annotations

import os
import urllib.parse
from typing import Any, TextIO

from rzn import __version__
from rzn.diagnostics import Diagnostic, Severity, json_text
from rzn.output.summary import Summary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(file: str) -> str:
    """``events/Saint-Malo 2027.yaml`` → ``events/Saint-Malo%202027.yaml``."""
    path = file.replace(os.sep, "/")
    # A name that is not UTF-8 is quoted byte for byte, as the file system holds it.
    raw = os.fsencode(path) if os.name != "nt" else path.encode("utf-8", "surrogatepass")
    if os.path.isabs(file):
        return "file://" + urllib.parse.quote(raw if raw.startswith(b"/") else b"/" + raw)
    return urllib.parse.quote(raw.removeprefix(b"./"))


class SarifPrinter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.results: list[dict[str, Any]] = []
        self.rule_index: dict[str, int] = {}

    def file(self, file: str, diagnostics: list[Diagnostic]) -> None:
        for d in diagnostics:
            self.results.append(self._result(d))

    def _result(self, d: Diagnostic) -> dict[str, Any]:
        index = self.rule_index.setdefault(d.rule, len(self.rule_index))
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index,
            "level": _LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(d.file)},
                        "region": {"startLine": d.line, "startColumn": d.column},
                    }
                }
            ],
        }
        if d.path:
            result["properties"] = {"yamlPath": d.path}
        if d.ignored is not None:
            result["suppressions"] = [{"kind": "inSource", "justification": d.ignored}]
        return result

    def finish(self, summary: Summary) -> None:
        from rzn.rules.registry import all_rules

        rules = all_rules()
        descriptors = [_descriptor(rules[name]) for name in self.rule_index]
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "rzn",
                            "fullName": "rzn check — RéZolutions numériques",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "language": "fr-FR",
                            "rules": descriptors,
                        }
                    },
                    "language": "fr-FR",
                    # rzn counts columns in characters, as its other outputs do; SARIF's
                    # default would be UTF-16 units, one off after each emoji.
                    "columnKind": "unicodeCodePoints",
                    "results": self.results,
                    "properties": {"summary": summary.as_dict()},
                }
            ],
        }
        self.out.write(json_text(log))
        self.out.write("\n")


def _descriptor(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"scope": rule.scope},
    }
