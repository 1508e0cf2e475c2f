"""Where the calendar password comes from: the environment or ``~/.netrc``, never the event.

The event file is shared (in a repository, by e-mail); a password in it
would travel with it. Environment variables suit CI secrets, ``~/.netrc``
suits a personal computer (curl, git and pip read it too). The password
never appears in a message, a ``repr`` or a traceback's values.
"""

from __future__ import annotations

import netrc
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rzn.errors import UsageError

USER_VARIABLE = "RZN_CALDAV_USER"
PASSWORD_VARIABLE = "RZN_CALDAV_PASSWORD"


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = field(repr=False)
    source: str
    """Where they were found, in French (``RZN_CALDAV_USER et RZN_CALDAV_PASSWORD``)."""


def find_credentials(host: str, environ: Mapping[str, str]) -> Credentials | None:
    """The environment's credentials, else ``~/.netrc``'s for ``host``, else ``None``."""
    user = environ.get(USER_VARIABLE, "")
    password = environ.get(PASSWORD_VARIABLE, "")
    if user and password:
        return Credentials(user, password, f"{USER_VARIABLE} et {PASSWORD_VARIABLE}")
    if user or password:
        present, missing = (
            (USER_VARIABLE, PASSWORD_VARIABLE) if user else (PASSWORD_VARIABLE, USER_VARIABLE)
        )
        raise UsageError(
            f"{present} est défini mais pas {missing} : définissez les deux (ou aucun des deux "
            "pour utiliser ~/.netrc)."
        )
    return _from_netrc(host, environ)


def netrc_path(environ: Mapping[str, str]) -> Path:
    """``$NETRC`` if set (as curl and requests do), else ``~/.netrc``."""
    if environ.get("NETRC"):
        return Path(environ["NETRC"])
    home = environ.get("HOME") or str(Path.home())
    return Path(home) / ".netrc"


def _from_netrc(host: str, environ: Mapping[str, str]) -> Credentials | None:
    path = netrc_path(environ)
    if not path.is_file():
        return None
    shown = _shown(path, environ)
    if os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise UsageError(
            f"{shown} est lisible par d'autres utilisateurs de cet ordinateur : rzn n'y lit pas "
            f"de mot de passe. Protégez-le avec « chmod 600 {shown} »."
        )
    try:
        entries = netrc.netrc(str(path))
    except netrc.NetrcParseError as exc:
        # The parser's own message may quote the offending token, which can be a password.
        raise UsageError(
            f"{shown}, ligne {exc.lineno} : ligne illisible. Chaque entrée s'écrit « machine "
            "HÔTE login UTILISATEUR password MOT-DE-PASSE »."
        ) from None
    except (OSError, UnicodeDecodeError):
        raise UsageError(f"{shown} : lecture impossible. Vérifiez ce fichier.") from None
    found = entries.authenticators(host.lower())
    if found is None:
        return None
    login, _account, password = found
    if not login or not password:
        return None
    return Credentials(login, password, f"{shown} (machine {host})")


def _shown(path: Path, environ: Mapping[str, str]) -> str:
    """``~/.netrc`` rather than the full path of the home folder."""
    home = environ.get("HOME")
    if home and not environ.get("NETRC") and path == Path(home) / ".netrc":
        return "~/.netrc"
    return str(path)
