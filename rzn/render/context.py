"""What every document builder receives, and the template variables it exposes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from rzn.errors import RenderError
from rzn.model.event import Event
from rzn.plan import Plan, build_plan
from rzn.render.charter import Style, charter_style
from rzn.render.french import NBSP, NNBSP, typography
from rzn.render.grammar import addressing, without_inclusive_dots
from rzn.render.logos import LogoMark, MailLogo, event_logos, mail_logo
from rzn.render.mail import InlineImage
from rzn.slugs import slugify

T = TypeVar("T")


@dataclass
class RenderContext:
    event: Event
    today: dt.date
    env: jinja2.Environment
    event_dir: Path = field(default_factory=lambda: Path("."))
    _shared: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def shared(self, key: str, build: Callable[[], T]) -> T:
        """What several documents use, built once per event (``event.ics`` is also attached
        to the invitation)."""
        if key not in self._shared:
            self._shared[key] = build()
        return self._shared[key]

    @cached_property
    def slug(self) -> str:
        """Stable identifier of the event: explicit ``slug`` or derived from the title.

        It does not depend on the date, so calendar UIDs survive a change of date.
        """
        return slugify(self.event.slug or self.event.title)

    @cached_property
    def plan(self) -> Plan:
        """Dated tasks, communication timeline and budget estimate, computed once."""
        return build_plan(self.event, self.today)

    @cached_property
    def logos(self) -> list[LogoMark]:
        """Organisers' and partners' usable logos, read once for every HTML document."""
        return event_logos(self.event, self.event_dir)

    @cached_property
    def mail_logo(self) -> MailLogo | None:
        """The lead organiser's logo, carried by every HTML mail (``None``: no usable one)."""
        return mail_logo(self.event, self.event_dir, self.slug)

    @property
    def mail_images(self) -> tuple[InlineImage, ...]:
        """What every mail draft carries for its HTML part to show (the lead's logo)."""
        return (self.mail_logo.image,) if self.mail_logo else ()

    @cached_property
    def charter(self) -> Style | None:
        """The organisers' colours and font, made readable; ``None`` without a charter."""
        return charter_style(self.event.charter)

    def variables(self) -> dict[str, Any]:
        """The template context — a documented API (see ``templates/README.md``)."""
        return {
            "event": self.event,
            "today": self.today,
            "slug": self.slug,
            "plan": self.plan,
            "logos": self.logos,
            "address": self.event.communication.address.value,
            "charter": self.charter,
            "mail_logo": self.mail_logo,
        }

    def render(self, template: str, **extra: Any) -> str:
        """A template's text, with French spacing and the event's choice of inclusive writing."""
        try:
            with addressing(self.event.communication.address.value):
                text = self.env.get_template(template).render(**self.variables(), **extra)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(
                f"Gabarit {exc.filename or exc.name or template}, ligne {exc.lineno} : "
                f"{french_syntax_error(exc.message)}. Corrigez le gabarit."
            ) from None
        except jinja2.TemplateNotFound as exc:
            raise RenderError(
                f"Gabarit introuvable : « {exc.name} ». « rzn templates list » donne les noms "
                "disponibles."
            ) from None
        except jinja2.UndefinedError as exc:
            where = _template_line(exc, template)
            raise RenderError(
                f"Gabarit {where} : {french_undefined(exc.message)}. Vérifiez le nom ; les "
                "variables disponibles sont décrites dans templates/README.md."
            ) from None
        except jinja2.TemplateError as exc:
            where = _template_line(exc, template)
            raise RenderError(
                f"Gabarit {where} : {french_syntax_error(exc.message)}. Corrigez le gabarit."
            ) from None
        except (RecursionError, ArithmeticError, TypeError, ValueError, LookupError) as exc:
            # Raised while running a person's template (``{{ 1 / 0 }}``, a filter given a
            # wrong argument, a template that extends itself): theirs to fix. Raised by
            # rzn's own templates and code, it is a bug, and stays one.
            located = _user_template_line(exc)
            if located is None:
                raise
            raise RenderError(
                f"Gabarit {located} : {_template_failure(exc)}. Corrigez le gabarit."
            ) from None
        text = typography(text)
        if not template.endswith((".html.j2", ".htm.j2")):
            text = text.replace(NNBSP, NBSP)  # plain text: see rzn.render.french
        return text if self.event.communication.inclusive else without_inclusive_dots(text)


_UNDEFINED = (
    (
        re.compile(r"^'(?:[\w.]+\.)?(\w+) object' has no attribute '(.+)'$"),
        "« {1} » n'existe pas dans {0} (variable inconnue)",
    ),
    (re.compile(r"^'(.+)' is undefined$"), "variable inconnue « {0} »"),
    (re.compile(r"^(\w+) object has no element (.+)$"), "élément {1} absent (variable inconnue)"),
)
_SYNTAX = (
    (re.compile(r"^no filter named '(.+)'$"), "filtre inconnu « {0} »"),
    (re.compile(r"^no test named '(.+)'$"), "test inconnu « {0} »"),
    (re.compile(r"^Encountered unknown tag '(.+?)'.*$", re.S), "balise inconnue « {0} »"),
    (
        re.compile(r"^Unexpected end of template.*$", re.S | re.I),
        "fin du gabarit inattendue (une balise {{% end… %}} manque-t-elle ?)",
    ),
    (re.compile(r"^expected token '(.+?)', got '(.+?)'$"), "« {0} » attendu, « {1} » trouvé"),
    (re.compile(r"^unexpected '(.+)'$"), "« {0} » inattendu"),
    (re.compile(r"^Expected an expression, got '(.+)'$"), "expression attendue, trouvé : {0}"),
    (re.compile(r"^unexpected char '(.+?)'.*$"), "caractère inattendu « {0} »"),
)


_OBJECTS = {
    "Event": "event",
    "Plan": "plan",
    "Venue": "event.venue",
    "Online": "event.online",
    "Fallback": "event.fallback",
    "Communication": "event.communication",
    "Budget": "event.budget",
    "Organizer": "une organisation (event.organizers)",
    "Partner": "un partenaire (event.partners)",
    "TeamMember": "un membre de l'équipe (event.team)",
    "Speaker": "un intervenant (event.speakers)",
    "ProgramItem": "une séquence du programme (event.program)",
    "Room": "une salle (event.venue.rooms)",
    "dict": "cette table",
    "list": "cette liste",
    "str": "ce texte",
}


_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "la fin du gabarit",
    "name": "un nom",
    "integer": "un nombre",
    "string": "un texte",
}
"""Jinja's names of tokens, as a template's author writes them."""


def _translate(message: str | None, table: Any, fallback: str) -> str:
    for pattern, french_text in table:
        match = pattern.match(message or "")
        if match:
            groups = list(match.groups())
            if table is _UNDEFINED and len(groups) == 2:
                groups[0] = _OBJECTS.get(groups[0], "cet objet")
            groups = [_TOKENS.get(group, group) for group in groups]
            return str(french_text).format(*groups)
    return fallback


def french_undefined(message: str | None) -> str:
    """Jinja's English about a missing variable, in French (``titel`` named)."""
    return _translate(message, _UNDEFINED, "variable inconnue")


def french_syntax_error(message: str | None) -> str:
    """Jinja's English about a template's syntax, in French; unknown cases stay general."""
    return _translate(message, _SYNTAX, "erreur de syntaxe Jinja")


def _template_line(exc: BaseException, template: str) -> str:
    """``checklist.md.j2, ligne 12`` from the frames Jinja rewrites into template lines."""
    tb = exc.__traceback__
    found = template
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or "templates" in filename:
            found = f"{Path(filename).name}, ligne {tb.tb_lineno}"
        tb = tb.tb_next
    return found


def _user_template_line(exc: BaseException) -> str | None:
    """``mon-gabarit.md.j2, ligne 3`` when ``exc`` went through a template of ``--templates``."""
    from rzn.render.environment import builtin_templates

    builtin = str(builtin_templates())
    tb = exc.__traceback__
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.endswith(".py") and not filename.startswith(("<", builtin)):
            found = f"{Path(filename).name}, ligne {tb.tb_lineno}"
        tb = tb.tb_next
    return found


def _template_failure(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return (
            "récursion sans fin (le gabarit s'étend ou s'inclut lui-même, ou une macro "
            "s'appelle sans fin)"
        )
    if isinstance(exc, ZeroDivisionError):
        return "division par zéro"
    if isinstance(exc, TypeError):
        return (
            "mauvais arguments pour un filtre ou une fonction : vérifiez leur nombre et leur type"
        )
    # The exception's own text is Python's English: the message says what to check instead.
    return "calcul impossible sur ces valeurs (nombre, texte ou liste attendu ailleurs)"
