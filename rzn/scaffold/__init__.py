"""``rzn init``'s core: a commented event file that walks through the vade-mecum.

The file is rendered from ``templates/init/event.yaml.j2``. Every value a
template prints goes through :func:`yaml_scalar` (Jinja's ``finalize``), so
a title full of colons, quotes, ``#`` or line breaks always lands as one
double-quoted YAML string: user input can never break the file or add keys.

What was asked (:mod:`.request`) → the day's skeleton (:mod:`.program`) →
the texts (:mod:`.render`, through :mod:`.yaml_text`) → the files
(:mod:`.write`). Nothing here prints or prompts; :mod:`rzn.cli.init_cmd` does.
"""

from rzn.model.placeholder import PLACEHOLDER
from rzn.scaffold.program import (
    PLENARY,
    WORKSHOP_ROOMS,
    BudgetSlot,
    Planned,
    Seq,
    Slot,
    SpeakerSlot,
    budget_lines,
    plan_program,
)
from rzn.scaffold.render import (
    event_slug,
    render_event,
    render_gitignore,
    render_schema,
    schema_modeline,
    template_dir,
)
from rzn.scaffold.request import (
    EVENT_FILE,
    FORMAT_ALIASES,
    FORMAT_LABELS,
    GITIGNORE,
    MAX_TEXT,
    MIN_DAY_MINUTES,
    SCHEMA_FILE,
    Request,
    ScaffoldError,
    clean_text,
    parse_event_date,
    parse_format,
    parse_hour,
)
from rzn.scaffold.write import Written, write_scaffold
from rzn.scaffold.yaml_text import Comment, Plain, comment_lines, quote, yaml_scalar

__all__ = [
    "EVENT_FILE",
    "FORMAT_ALIASES",
    "FORMAT_LABELS",
    "GITIGNORE",
    "MAX_TEXT",
    "MIN_DAY_MINUTES",
    "PLACEHOLDER",
    "PLENARY",
    "SCHEMA_FILE",
    "WORKSHOP_ROOMS",
    "BudgetSlot",
    "Comment",
    "Plain",
    "Planned",
    "Request",
    "ScaffoldError",
    "Seq",
    "Slot",
    "SpeakerSlot",
    "Written",
    "budget_lines",
    "clean_text",
    "comment_lines",
    "event_slug",
    "parse_event_date",
    "parse_format",
    "parse_hour",
    "plan_program",
    "quote",
    "render_event",
    "render_gitignore",
    "render_schema",
    "schema_modeline",
    "template_dir",
    "write_scaffold",
    "yaml_scalar",
]
