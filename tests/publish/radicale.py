"""A real Radicale CalDAV server for the tests, on 127.0.0.1, stopped afterwards.

Radicale is a test dependency (``pip install -e ".[test]"``); the ``caldav``
library is the independent client that reads back what rzn published.
Locally, a missing one skips these tests; in CI (``CI=true``) it fails them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

USER = "alice"
PASSWORD = "s3cret-Ré;zo:num"
"""With characters a careless client would mangle (UTF-8, ``:`` and ``;``)."""
STARTUP_SECONDS = 20.0


def need(module: str) -> ModuleType:
    """Import a test dependency; skip without it, except in CI where it must be installed."""
    try:
        return __import__(module)
    except ImportError:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{module} manque : pip install -e '.[test]' doit l'installer en CI.")
        pytest.skip(f"{module} n'est pas installé (pip install -e '.[test]')")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Radicale:
    url: str
    port: int
    storage: Path
    log: Path


@contextmanager
def radicale_server(folder: Path) -> Iterator[Radicale]:
    need("radicale")
    folder.mkdir(parents=True, exist_ok=True)
    users = folder / "users"
    # Plain htpasswd: no bcrypt module needed, and nothing here is a real secret.
    users.write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    log = folder / "radicale.log"
    for _attempt in range(3):  # the free port may be taken before Radicale binds it
        port = free_port()
        process = _start(folder, users, port, log)
        try:
            if _listening(process, port):
                yield Radicale(f"http://127.0.0.1:{port}/", port, folder / "storage", log)
                return
        finally:
            _stop(process)
    pytest.fail(f"Radicale n'a pas démarré :\n{_tail(log)}")


def _start(folder: Path, users: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    config = folder / "config"
    config.write_text(
        "\n".join(
            [
                "[server]",
                f"hosts = 127.0.0.1:{port}",
                "[auth]",
                "type = htpasswd",
                f"htpasswd_filename = {users}",
                "htpasswd_encryption = plain",
                "delay = 0",
                "[rights]",
                "type = owner_only",
                "[storage]",
                f"filesystem_folder = {folder / 'storage'}",
                "[logging]",
                "level = info",
                "",
            ]
        ),
        encoding="utf-8",
    )
    with log.open("ab") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )


def _listening(process: subprocess.Popen[bytes], port: int) -> bool:
    """Wait until the port accepts connections; ``False`` if Radicale stopped first."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def _tail(log: Path) -> str:
    try:
        return log.read_text(encoding="utf-8", errors="replace")[-4000:]
    except OSError:
        return "(pas de journal)"


def client(server: Radicale, password: str = PASSWORD):
    """An independent CalDAV client (the ``caldav`` library) logged in as the test user."""
    caldav = need("caldav")
    return caldav.DAVClient(url=server.url, username=USER, password=password)


def make_calendar(server: Radicale, name: str):
    with client(server) as dav:
        return dav.principal().make_calendar(name=name)


def calendar_named(dav, name: str):
    (calendar,) = [c for c in dav.principal().calendars() if c.get_display_name() == name]
    return calendar


def add_event(calendar, ics: str) -> None:
    add = getattr(calendar, "add_event", None) or calendar.save_event
    add(ics)


def read_events(server: Radicale, name: str) -> list[dict[str, str]]:
    """Every VEVENT of calendar ``name`` as read by the caldav library and parsed by vobject."""
    import vobject

    with client(server) as dav:
        calendar = calendar_named(dav, name)
        found = []
        for item in calendar.events():
            for event in vobject.readOne(item.data).vevent_list:
                start = event.dtstart.value
                found.append(
                    {
                        "uid": event.uid.value,
                        "summary": event.summary.value,
                        "start": start.isoformat(),
                        "marker": event.contents["x-rzn-event"][0].value
                        if "x-rzn-event" in event.contents
                        else "",
                        "href": str(item.url),
                    }
                )
        return sorted(found, key=lambda e: (e["start"], e["uid"]))
