"""What every document builder receives, and the template variables it exposes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from rzn.errors import RenderError
from rzn.model.event import Event
from rzn.plan import Plan, build_plan
from rzn.render.logos import LogoMark, event_logos
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
        return event_logos(self)

    def variables(self) -> dict[str, Any]:
        """The template context — a documented API (see ``templates/README.md``)."""
        return {
            "event": self.event,
            "today": self.today,
            "slug": self.slug,
            "plan": self.plan,
            "logos": self.logos,
        }

    def render(self, template: str, **extra: Any) -> str:
        try:
            return self.env.get_template(template).render(**self.variables(), **extra)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(
                f"Gabarit {exc.filename or exc.name or template}, ligne {exc.lineno} : erreur de "
                f"syntaxe Jinja ({exc.message}). Corrigez le gabarit."
            ) from None
        except jinja2.TemplateNotFound as exc:
            raise RenderError(
                f"Gabarit introuvable : « {exc.name} ». « rzn templates list » donne les noms "
                "disponibles."
            ) from None
        except jinja2.UndefinedError as exc:
            where = _template_line(exc, template)
            raise RenderError(
                f"Gabarit {where} : variable inconnue ({exc.message}). Vérifiez le nom de la "
                "variable ; les variables disponibles sont décrites dans templates/README.md."
            ) from None
        except jinja2.TemplateError as exc:
            where = _template_line(exc, template)
            raise RenderError(f"Gabarit {where} : {exc}. Corrigez le gabarit.") from None
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
        return f"mauvais arguments pour un filtre ou une fonction (détail : {exc})"
    return f"calcul impossible (détail : {exc})"
