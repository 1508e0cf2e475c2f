"""The parse floor: load every file named on the command line with libyaml, nothing else.

No checker can read YAML files faster than PyYAML's C loader does, so
``rzn check`` on the same files is measured against this script: the ratio
is what validation, source positions and rules cost on top of reading.
A file that is not valid YAML is skipped, as a checker would report it.
"""

from __future__ import annotations

import contextlib
import sys

import yaml


def main(paths: list[str]) -> int:
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        sys.stderr.write("PyYAML est installé sans libyaml : pas de plancher C mesurable.\n")
        return 2
    for path in paths:
        with open(path, "rb") as handle, contextlib.suppress(yaml.YAMLError):
            yaml.load(handle, Loader=loader)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
