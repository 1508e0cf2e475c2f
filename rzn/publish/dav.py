"""The few WebDAV/CalDAV requests rzn needs, over the standard library's HTTP.

Five methods cover publishing (RFC 4918, RFC 4791): PROPFIND to find the
calendar, REPORT to list what is in it, PUT and DELETE to change entries.
Writing them here rather than depending on a CalDAV library keeps three
things in rzn's hands: the credentials (sent only to the address the user
gave, never followed to another host, never in a message), the wording of
every failure (French, naming the address and what to do), and the
install (nothing beyond the standard library).

Every failure becomes a :class:`PublishError`; callers only see answers
they asked for.
"""

from __future__ import annotations

import base64
import http.client
import ipaddress
import re
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from email.message import Message
from typing import IO, Protocol
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit
from xml.etree import ElementTree

from rzn.errors import UsageError, os_reason
from rzn.publish.credentials import PASSWORD_VARIABLE, USER_VARIABLE, Credentials
from rzn.publish.errors import PublishError

DAV = "DAV:"
CALDAV = "urn:ietf:params:xml:ns:caldav"
TIMEOUT = 30.0
"""Seconds to wait for each answer: a CHATONS host under load can be slow, not silent."""
MAX_BODY = 50 * 1024 * 1024
"""A calendar listing larger than this is not a calendar rzn should read whole."""
MAX_REDIRECTS = 5


def _tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


@dataclass(frozen=True)
class Response:
    status: int
    url: str
    headers: Mapping[str, str]
    """Lower-case names: servers spell them as they like."""
    body: bytes


@dataclass(frozen=True)
class Resource:
    """One ``<response>`` of a multistatus: its address and the properties found (status 200)."""

    url: str
    props: dict[str, ElementTree.Element]

    def prop(self, namespace: str, name: str) -> ElementTree.Element | None:
        return self.props.get(_tag(namespace, name))

    def text(self, namespace: str, name: str) -> str | None:
        element = self.prop(namespace, name)
        return element.text if element is not None and element.text is not None else None

    def href(self, namespace: str, name: str, base: str) -> str | None:
        """A property holding ``<D:href>`` (current-user-principal…), as an absolute address."""
        element = self.prop(namespace, name)
        if element is None:
            return None
        href = element.find(_tag(DAV, "href"))
        if href is None or not (href.text or "").strip():
            return None
        return urljoin(base, (href.text or "").strip())

    def has_type(self, namespace: str, name: str) -> bool:
        types = self.prop(DAV, "resourcetype")
        return types is not None and types.find(_tag(namespace, name)) is not None


def shown(url: str) -> str:
    """The address as messages show it: no user, password, query or fragment."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path or "/", "", ""))


def check_url(url: str) -> str:
    """The calendar server's address, refused when unusable or unsafe; ends with ``/``."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is no number or too large
        usable = not re.search(r"[\s\x00-\x1f\x7f]", parts.netloc)
    except ValueError:
        usable = False
    if not usable:
        raise UsageError(
            f"--url « {url} » : adresse illisible (nom de serveur ou port incorrect : le port "
            "est un nombre de 1 à 65535). Indiquez l'adresse complète du serveur d'agenda, par "
            "exemple https://cloud.example.org/remote.php/dav pour Nextcloud."
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(
            f"--url « {shown(url) if parts.hostname else url} » : indiquez l'adresse complète du "
            "serveur d'agenda, commençant par https:// (par exemple "
            "https://cloud.example.org/remote.php/dav pour Nextcloud)."
        )
    if parts.username is not None or parts.password is not None:
        raise UsageError(
            f"--url {shown(url)} : n'écrivez ni identifiant ni mot de passe dans l'adresse (ils "
            f"resteraient dans l'historique du terminal). Définissez {USER_VARIABLE} et "
            f"{PASSWORD_VARIABLE}, ou ajoutez une ligne « machine {parts.hostname} login … "
            "password … » à ~/.netrc."
        )
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise UsageError(
            f"--url {shown(url)} : en http://, le mot de passe circulerait en clair sur le "
            "réseau. Utilisez l'adresse en https:// de votre serveur d'agenda."
        )
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as answers: :class:`DavClient` decides whether to follow them."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        return None


class _Readable(Protocol):
    def read(self, amount: int, /) -> bytes: ...


class DavClient:
    """Requests to one server (one scheme, host and port), with the user's credentials."""

    def __init__(
        self, base_url: str, credentials: Credentials | None, timeout: float = TIMEOUT
    ) -> None:
        self.base_url = base_url
        self.credentials = credentials
        self.timeout = timeout
        self._origin = _origin(base_url)
        handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
        if _loopback(urlsplit(base_url).hostname or ""):
            # A server on this machine is never behind the proxy of the environment.
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)

    def request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """Send one request, following redirects within the same server only."""
        if _origin(url) != self._origin:
            # An address the server announced (calendar home, entry): the password stays home.
            raise PublishError(
                f"{shown(self.base_url)} indique une adresse sur un autre serveur "
                f"({shown(url)}) : rzn n'y envoie pas vos identifiants. Si c'est bien votre "
                f"serveur d'agenda, relancez avec --url {shown(url)}"
            )
        for _ in range(MAX_REDIRECTS + 1):
            response = self._send(method, url, body, headers or {})
            location = response.headers.get("location")
            if response.status not in (301, 302, 307, 308) or not location:
                return response
            target = urljoin(url, location)
            if _origin(target) != self._origin:
                # Following would hand the password to another server.
                raise PublishError(
                    f"{shown(url)} renvoie vers un autre serveur ({shown(target)}) : rzn n'y "
                    "envoie pas vos identifiants. Si c'est bien votre serveur d'agenda, "
                    f"relancez avec --url {shown(target)}"
                )
            url = target
        raise PublishError(
            f"{shown(url)} : trop de redirections. Vérifiez l'adresse donnée avec --url."
        )

    def _send(
        self, method: str, url: str, body: bytes | None, headers: Mapping[str, str]
    ) -> Response:
        request = urllib.request.Request(url, data=body, method=method)
        for name, value in headers.items():
            request.add_header(name, value)
        if body is not None and "Content-Type" not in headers:
            request.add_header("Content-Type", 'application/xml; charset="utf-8"')
        if self.credentials is not None:
            token = f"{self.credentials.user}:{self.credentials.password}".encode()
            request.add_header("Authorization", "Basic " + base64.b64encode(token).decode("ascii"))
        request.add_header("User-Agent", "rzn")
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                return Response(answer.status, url, _headers(answer.headers), _read(answer, url))
        except urllib.error.HTTPError as answer:
            with answer:
                data = _read(answer, url) if answer.fp is not None else b""
            return Response(answer.code, url, _headers(answer.headers), data)
        except urllib.error.URLError as exc:
            raise _network_error(exc.reason, url, self.timeout) from None
        except (OSError, ssl.SSLError) as exc:  # timeouts and resets while reading
            raise _network_error(exc, url, self.timeout) from None
        except (http.client.HTTPException, ValueError) as exc:
            # A status line or headers that are not HTTP (another service on that port).
            raise PublishError(
                f"{shown(url)} : la réponse du serveur n'est pas du HTTP lisible "
                f"({type(exc).__name__}). Vérifiez --url : l'adresse et le port doivent être "
                "ceux du serveur d'agenda."
            ) from None

    def propfind(self, url: str, props: list[tuple[str, str]], depth: int) -> list[Resource]:
        body = _propfind_body(props)
        response = self.request("PROPFIND", url, body, {"Depth": str(depth)})
        self.raise_for_status(response, "lire")
        return list(parse_multistatus(response))

    def report(self, url: str, body: bytes) -> list[Resource]:
        response = self.request("REPORT", url, body, {"Depth": "1"})
        self.raise_for_status(response, "lire le contenu de")
        return list(parse_multistatus(response))

    def raise_for_status(self, response: Response, action: str) -> None:
        """Any answer but success becomes a French message: what happened, what to do."""
        if 200 <= response.status < 300:
            return
        where = shown(response.url)
        status = response.status
        if status == 401:
            challenge = response.headers.get("www-authenticate", "")
            if challenge and "basic" not in challenge.lower():
                raise PublishError(
                    f"{where} demande une méthode d'identification que rzn ne gère pas "
                    f"({challenge.split()[0]}) : activez l'identification « Basic » sur le "
                    "serveur (en https), ou publiez depuis un autre serveur d'agenda.",
                    status,
                )
            if self.credentials is None:
                raise PublishError(
                    f"{where} demande une identification (401) et rzn n'a pas d'identifiants : "
                    f"définissez {USER_VARIABLE} et {PASSWORD_VARIABLE}, ou ajoutez une ligne "
                    f"« machine {urlsplit(where).hostname} login … password … » à ~/.netrc.",
                    status,
                )
            raise PublishError(
                f"{where} refuse l'identifiant « {self.credentials.user} » ou son mot de passe "
                f"(401), lus dans {self.credentials.source}. Vérifiez-les ; sur Nextcloud, créez "
                "un mot de passe d'application (Paramètres personnels → Sécurité).",
                status,
            )
        if status == 403:
            account = f" avec le compte « {self.credentials.user} »" if self.credentials else ""
            raise PublishError(
                f"{where} : accès refusé (403) pour {action} cette adresse{account}. Vérifiez "
                "--url, et que ce compte a le droit d'écrire dans l'agenda (un agenda partagé "
                "en lecture seule ne suffit pas).",
                status,
            )
        if status == 404:
            raise PublishError(
                f"{where} : adresse introuvable (404). Vérifiez --url : c'est l'adresse CalDAV "
                "du serveur (Nextcloud : https://HÔTE/remote.php/dav), ou celle de l'agenda.",
                status,
            )
        if status in (405, 501):
            raise PublishError(
                f"{where} ne répond pas comme un serveur CalDAV ({status}) : vérifiez --url "
                "(Nextcloud : https://HÔTE/remote.php/dav ; Radicale : https://HÔTE/).",
                status,
            )
        if status == 507:
            raise PublishError(
                f"{where} : plus d'espace de stockage sur le serveur (507). Libérez de la place "
                "ou demandez à votre hébergeur, puis relancez.",
                status,
            )
        if status >= 500:
            raise PublishError(
                f"{where} : le serveur a rencontré une erreur ({status}). Réessayez plus tard ; "
                "si cela dure, prévenez votre hébergeur.",
                status,
            )
        raise PublishError(
            f"{where} : le serveur a refusé de {action} cette adresse ({status}). Vérifiez --url "
            "et --calendar.",
            status,
        )


def _headers(message: Message | None) -> dict[str, str]:
    return {name.lower(): value for name, value in (message or {}).items()}


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    return (parts.scheme, (parts.hostname or "").lower(), parts.port or default)


def _read(answer: _Readable, url: str) -> bytes:
    data = answer.read(MAX_BODY + 1)
    if len(data) > MAX_BODY:
        raise PublishError(
            f"{shown(url)} : réponse trop volumineuse (plus de {MAX_BODY // 1024 // 1024} Mo). "
            "Vérifiez --url."
        )
    return data


def _network_error(reason: object, url: str, timeout: float) -> PublishError:
    where = shown(url)
    parts = urlsplit(url)
    server = f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)
    if isinstance(reason, ssl.SSLCertVerificationError):
        detail = reason.verify_message or "certificat non vérifiable"
        return PublishError(
            f"{where} : le certificat TLS du serveur n'a pas pu être vérifié ({detail}). "
            "Vérifiez l'adresse ; si le serveur utilise un certificat auto-signé, demandez à "
            "votre hébergeur un certificat reconnu (Let's Encrypt) ou indiquez son autorité "
            "avec la variable SSL_CERT_FILE."
        )
    if isinstance(reason, ssl.SSLError):
        return PublishError(
            f"{where} : la connexion sécurisée (TLS) avec {server} a échoué "
            f"({reason.reason or 'erreur TLS'}). Vérifiez l'adresse et le port : ce port "
            "parle-t-il bien HTTPS ?"
        )
    if isinstance(reason, TimeoutError):
        return PublishError(
            f"{where} : pas de réponse du serveur en {timeout:g} secondes. Vérifiez votre "
            "connexion et l'adresse, puis réessayez (rien n'a été modifié au-delà de ce qui est "
            "déjà publié)."
        )
    if isinstance(reason, ConnectionRefusedError):
        return PublishError(
            f"{where} : connexion refusée par {server}. Le serveur est-il démarré, et le port "
            "est-il le bon ?"
        )
    if isinstance(reason, socket.gaierror):
        return PublishError(
            f"{where} : serveur « {parts.hostname} » introuvable. Vérifiez l'orthographe de "
            "l'adresse et votre connexion à internet."
        )
    if isinstance(reason, ConnectionError):
        return PublishError(
            f"{where} : la connexion avec {server} a été interrompue. Réessayez ; si cela "
            "recommence, vérifiez l'adresse et le port."
        )
    message = os_reason(reason) if isinstance(reason, OSError) else type(reason).__name__
    return PublishError(
        f"{where} : impossible de joindre {server} ({message}). Vérifiez l'adresse et votre "
        "connexion à internet."
    )


def _propfind_body(props: list[tuple[str, str]]) -> bytes:
    names = "".join(
        f'<x{i}:{name} xmlns:x{i}="{namespace}"/>' for i, (namespace, name) in enumerate(props)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>{names}'
        "</d:prop></d:propfind>"
    ).encode()


def parse_multistatus(response: Response) -> Iterator[Resource]:
    """Each ``<response>`` of a 207 answer with the properties the server found."""
    status = response.status
    if b"<!DOCTYPE" in response.body or b"<!ENTITY" in response.body:
        # No multistatus has a DOCTYPE; entity tricks are how a hostile answer would hurt.
        raise PublishError(f"{shown(response.url)} : réponse XML refusée (DOCTYPE).", status)
    try:
        root = ElementTree.fromstring(response.body)
    except ElementTree.ParseError:
        raise PublishError(
            f"{shown(response.url)} ne répond pas comme un serveur CalDAV (réponse illisible) : "
            "vérifiez --url.",
            status,
        ) from None
    if root.tag != _tag(DAV, "multistatus"):
        raise PublishError(
            f"{shown(response.url)} ne répond pas comme un serveur CalDAV : vérifiez --url.",
            status,
        )
    for item in root.iterfind(_tag(DAV, "response")):
        href = item.findtext(_tag(DAV, "href"))
        if not href:
            continue
        props: dict[str, ElementTree.Element] = {}
        for propstat in item.iterfind(_tag(DAV, "propstat")):
            line = propstat.findtext(_tag(DAV, "status")) or ""
            if " 200 " not in f"{line} ":
                continue
            for prop in propstat.iterfind(_tag(DAV, "prop")):
                for element in prop:
                    props[element.tag] = element
        yield Resource(urljoin(response.url, href.strip()), props)


def child_url(collection: str, name: str) -> str:
    """``collection/<name>``, the name percent-encoded as one path segment."""
    return urljoin(collection, quote(name, safe=""))


def same_resource(a: str, b: str) -> bool:
    """Equal addresses, whatever the percent-encoding or trailing slash the server chose."""
    return unquote(urlsplit(a).path).rstrip("/") == unquote(urlsplit(b).path).rstrip("/")
