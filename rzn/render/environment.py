"""The one Jinja environment of a process.

Built-in templates live in the top-level ``templates/`` folder (shipped in
the wheel as ``rzn/templates``). Users override any of them with
``--templates DIR``: a file there with the same name wins, and it can
``{% extends "default:checklist.md.j2" %}`` to change a single block — the
datasette arrangement of a ``ChoiceLoader`` in front of a ``PrefixLoader``.

``StrictUndefined``: a template naming a missing variable fails loudly
(template name and line) instead of printing an empty string. Event data
is only ever passed as values, never compiled as a template, so ``{{ 7*7 }}``
in a title stays text. HTML templates are autoescaped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import jinja2
import markupsafe

from rzn.errors import os_reason
from rzn.render import french, grammar
from rzn.render.template_cache import template_cache


def builtin_templates() -> Path:
    here = Path(__file__).resolve().parent.parent
    installed = here / "templates"
    if installed.is_dir():
        return installed
    return here.parent / "templates"


def _md_cell(value: object) -> str:
    """Keep a value on one Markdown table line: pipes and line breaks would break the table."""
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _one_line(value: object) -> str:
    return " ".join(("" if value is None else str(value)).split())


_MD_LINK_END = re.compile(r"\](?=[(\[:])")
_MD_BLOCK_START = re.compile(r"\d{1,9}(?=[.)])|[#>+*_`~-]")


def _md_text(value: object) -> str:
    """Someone's words quoted in a Markdown list item, shown as written and nothing more: on
    one line; no tag or autolink (``<`` escaped), no link, image or link definition (``]``
    before ``(``, ``[`` or ``:`` escaped), no heading, quote, list, rule or code block at
    its start.
    Brackets and stars stay as typed otherwise, so the raw text reads as it was written.

    A free answer in a form export is untrusted, and a bilan's Markdown is pasted into wikis.
    """
    text = _one_line(value).replace("\\", "\\\\").replace("<", "\\<")
    text = _MD_LINK_END.sub(r"\\]", text)
    start = _MD_BLOCK_START.match(text)
    if start is None:
        return text
    if start.group().isdigit():  # "1. " or "1) " would start a numbered list
        return f"{start.group()}\\{text[start.end() :]}"
    return "\\" + text


class _UserTemplates(jinja2.FileSystemLoader):
    """A person's templates: size checked before reading, UTF-8 required, said in French."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        from rzn.errors import RenderError
        from rzn.load.limits import LIMITS, TooLarge, read_bounded

        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            filename = os.path.join(folder, *pieces)
            if not os.path.isfile(filename):
                continue
            try:
                data = read_bounded(filename, LIMITS.max_template_bytes)
            except TooLarge as exc:
                raise RenderError(
                    f"Gabarit {filename} : {exc.describe('les gabarits')} ; vérifiez le fichier."
                ) from None
            except OSError as exc:
                raise RenderError(
                    f"Gabarit {filename} : lecture impossible ({os_reason(exc)})."
                ) from None
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                from rzn.load.decode import error_position

                line, column = error_position(exc, "utf-8-sig")
                raise RenderError(
                    f"Gabarit {filename}, ligne {line}, colonne {column} : le fichier n'est pas "
                    "encodé en UTF-8 ; réenregistrez-le en UTF-8."
                ) from None
            stamp = os.path.getmtime(filename)

            def uptodate(filename: str = filename, stamp: float = stamp) -> bool:
                try:
                    return os.path.getmtime(filename) == stamp
                except OSError:
                    return False

            return text, os.path.normpath(filename), uptodate
        raise jinja2.TemplateNotFound(template)


_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Escape sequences and other control characters (``"\\e[2J"`` in a YAML string): no
document shows them, and a Markdown file printed in a terminal would run them."""


def _finalize(value: object) -> object:
    """Every ``{{ value }}`` of every template, before escaping: control characters dropped
    (tab and line breaks stay)."""
    if isinstance(value, str) and _TERMINAL_CONTROLS.search(value):
        cleaned = _TERMINAL_CONTROLS.sub("", value)
        return markupsafe.Markup(cleaned) if isinstance(value, markupsafe.Markup) else cleaned
    return value


@jinja2.pass_context
def _tu(context: jinja2.runtime.Context, vous_form: str, tu_form: str) -> str:
    # pass_context: Jinja would otherwise fold ``"Inscrivez-vous"|tu("Inscris-toi")`` into
    # a constant when compiling, for whichever event was being rendered then.
    return grammar.tu(vous_form, tu_form)


@jinja2.pass_context
def _your(context: jinja2.runtime.Context, noun: str) -> str:
    return grammar.your(noun)


def make_environment(user_dirs: Sequence[str | os.PathLike[str]] = ()) -> jinja2.Environment:
    builtin = jinja2.FileSystemLoader(str(builtin_templates()))
    loaders: list[jinja2.BaseLoader] = [_UserTemplates([str(d) for d in user_dirs])]
    loaders.append(builtin)
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.PrefixLoader({"default": builtin}, delimiter=":"), *loaders]
        ),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2", "htm"), default_for_string=False
        ),
        keep_trailing_newline=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=template_cache(),
    )
    env.filters.update(
        day_long=french.day_long,
        day_short=french.day_short,
        day_month=french.day_month,
        hour=french.hour,
        hhmm=french.hhmm,
        minutes=french.minutes,
        money=french.money,
        number=french.number,
        percent=french.percent,
        count_words=french.count_words,
        md_cell=_md_cell,
        one_line=_one_line,
        md_text=_md_text,
        at=grammar.at,
        of=grammar.of,
        the=grammar.the,
        and_list=grammar.and_list,
        sentence=grammar.sentence,
        first_name=grammar.first_name,
        upper_first=grammar.upper_first,
        tu=_tu,
        your=_your,
    )
    env.tests.update(says_kind=grammar.says_kind, contains=grammar.contains)
    return env


@lru_cache(maxsize=8)
def environment(user_dirs: tuple[str, ...] = ()) -> jinja2.Environment:
    """One environment per set of user folders, reused for every event of a run."""
    return make_environment(user_dirs)


def list_templates() -> list[str]:
    root = builtin_templates()
    return sorted(
        str(p.relative_to(root)).replace(os.sep, "/") for p in root.rglob("*.j2") if p.is_file()
    )
