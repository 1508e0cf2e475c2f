"""Reading the logo files an event names (``organizers[].logo``, ``partners[].logo``).

Below both rules and documents: ``logo-missing`` reports what :func:`load_logo`
refuses, and :mod:`rzn.render.logos` shows what it accepts.

The event file is untrusted: a logo path is read only when it stays inside
the event's folder (no ``../``, no absolute path, no symbolic link leading
out), names a regular file no larger than :data:`MAX_LOGO_BYTES`, and its
first bytes say PNG, JPEG, GIF or SVG — the extension is not trusted. Raster
images must also open with Pillow (a corrupt file would otherwise crash a
document builder later).

:func:`load_logo` raises :class:`LogoError` with a French reason, for rules
that report it; :func:`rzn.render.logos.resolve_logo` returns ``None``
instead, for documents that show the organisation's name when its logo is
unusable.

HTML documents embed logos with :meth:`Logo.data_uri` inside
``<img src="…">``: browsers never run scripts of an SVG shown that way, so
an SVG logo must never be inlined as markup.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath

from rzn.errors import os_reason
from rzn.load.png import plain_png_size

MAX_LOGO_BYTES = 2_000_000
"""A logo is a few tens of kilobytes; 2 Mo leaves room for a photo-like one."""
MAX_LOGO_PIXELS = 40_000_000
"""Beyond this, decoding the image would be a memory bomb rather than a logo."""


class LogoFormat(str, Enum):
    PNG = "png"
    JPEG = "jpeg"
    GIF = "gif"
    SVG = "svg"

    @property
    def mime(self) -> str:
        return "image/svg+xml" if self is LogoFormat.SVG else f"image/{self.value}"

    @property
    def extension(self) -> str:
        return "jpg" if self is LogoFormat.JPEG else self.value

    @property
    def raster(self) -> bool:
        return self is not LogoFormat.SVG


class LogoProblem(str, Enum):
    """Why a logo cannot be used; stable values for rules and tests."""

    REFUSED_PATH = "refused-path"
    OUTSIDE = "outside"
    MISSING = "missing"
    NOT_A_FILE = "not-a-file"
    TOO_LARGE = "too-large"
    NOT_AN_IMAGE = "not-an-image"
    UNREADABLE = "unreadable"


class LogoError(Exception):
    def __init__(self, problem: LogoProblem, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.problem = problem
        self.message = message
        self.suggestion = suggestion
        """For a missing file: the image of the event's folder the path most likely meant."""


@dataclass(frozen=True)
class Logo:
    path: Path
    """Resolved path inside the event folder."""
    data: bytes
    format: LogoFormat
    width: int | None = None
    """Size in pixels (raster images); ``None`` for SVG."""
    height: int | None = None

    @property
    def mime(self) -> str:
        return self.format.mime

    def data_uri(self) -> str:
        return data_uri(self.data, self.mime)


def data_uri(data: bytes, mime: str) -> str:
    """``data:image/png;base64,…`` — keeps an HTML document one self-contained file."""
    import base64

    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


_DRIVE = re.compile(r"^[A-Za-z]:")


_LOADED: dict[tuple[str, str], tuple[tuple[int, int, int], Logo]] = {}
"""(event folder, logo path) → the file's stamp when read, and the logo."""
CACHED_LOGO_BYTES = 256 * 1024
"""Larger logos are read again each time rather than kept in memory."""


def load_logo(event_dir: str | os.PathLike[str], path: str) -> Logo:
    """Read and check the logo ``path`` of an event whose file is in ``event_dir``.

    Events of one territory name the same logos: a logo already read is reused while its
    file is unchanged (size, modification time, inode), one ``stat`` instead of resolving,
    reading and decoding it again (a tenth of ``rzn check``'s time on a thousand events).
    """
    key = (os.path.abspath(event_dir), path)
    cached = _LOADED.get(key)
    if cached is not None:
        stamp, logo = cached
        if _stamp(logo.path) == stamp:
            return logo
    logo = _load_logo(event_dir, path)
    if len(logo.data) <= CACHED_LOGO_BYTES:
        if len(_LOADED) >= 1024:
            _LOADED.clear()
        stamp_now = _stamp(logo.path)
        if stamp_now is not None:
            _LOADED[key] = (stamp_now, logo)
    return logo


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def _load_logo(event_dir: str | os.PathLike[str], path: str) -> Logo:
    # Windows users write logos\edf.png; the event file must mean the same on every machine.
    relative = path.strip().replace("\\", "/")
    pure = PurePosixPath(relative)
    if not relative or "\x00" in relative or pure.is_absolute() or _DRIVE.match(relative):
        raise LogoError(
            LogoProblem.REFUSED_PATH,
            f"logo « {path} » : indiquez un chemin relatif au dossier du fichier d'événement "
            "(par exemple logos/association.png).",
        )
    if ".." in pure.parts:
        raise LogoError(
            LogoProblem.OUTSIDE,
            f"logo « {path} » : le fichier doit se trouver dans le dossier du fichier "
            "d'événement ou un sous-dossier (sans « .. »).",
        )
    root = Path(event_dir).resolve()
    target = root.joinpath(*pure.parts)
    try:
        # resolve() follows symbolic links: one pointing out of the folder is refused too.
        resolved = target.resolve(strict=True)
    except FileNotFoundError:
        close = nearest_image(root, relative)
        hint = f" Vouliez-vous dire « {close} » ?" if close else ""
        raise LogoError(
            LogoProblem.MISSING,
            f"logo « {path} » introuvable : le chemin est relatif au dossier du fichier "
            f"d'événement.{hint}",
            close,
        ) from None
    except (OSError, RuntimeError) as exc:
        raise _unreadable(path, exc) from None
    if resolved != root and root not in resolved.parents:
        raise LogoError(
            LogoProblem.OUTSIDE,
            f"logo « {path} » : le fichier doit se trouver dans le dossier du fichier "
            "d'événement ou un sous-dossier.",
        )
    data = _read_regular_file(resolved, path)
    fmt = sniff_format(data)
    if fmt is None:
        raise LogoError(
            LogoProblem.NOT_AN_IMAGE,
            f"logo « {path} » : ce fichier n'est pas une image PNG, JPEG, GIF ou SVG.",
        )
    if not fmt.raster:
        return Logo(resolved, data, fmt)
    width, height = _raster_size(data, path)
    return Logo(resolved, data, fmt, width, height)


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg")
_MAX_LISTED = 2000
"""Entries looked at for a suggestion: an event folder holds a few logos, not a disk."""


def nearest_image(root: Path, wanted: str) -> str | None:
    """The image under ``root`` that ``wanted`` (missing) most likely meant, or ``None``.

    Tried in turn: the same path in other letter case (``logos/cd22.png`` for
    ``logos/CD22.png``), another image extension (``.jpg``, ``.jpeg``, ``.png``…), the
    same file name in another folder, then a close spelling in the same folder. Ties go to
    the first in alphabetical order, so the message is the same on every machine.
    """
    images = _images(root, wanted.rpartition("/")[0])
    folded = wanted.casefold()
    stem = _without_suffix(folded)
    name = stem.rpartition("/")[2]
    for same in (
        lambda image: image.casefold() == folded,
        lambda image: _without_suffix(image.casefold()) == stem,
        lambda image: _without_suffix(image.casefold()).rpartition("/")[2] == name,
    ):
        found = [image for image in images if same(image)]
        if found:
            return found[0]
    import difflib

    # A close spelling only among the files of the folder named: a name alike in another
    # folder is more likely another organisation's logo than a typing mistake.
    folder = folded.rpartition("/")[0]
    beside = {
        image.casefold().rpartition("/")[2]: image
        for image in reversed(images)
        if image.casefold().rpartition("/")[0] == folder
    }
    close = difflib.get_close_matches(folded.rpartition("/")[2], sorted(beside), n=1, cutoff=0.7)
    return beside[close[0]] if close else None


def _without_suffix(path: str) -> str:
    head, dot, suffix = path.rpartition(".")
    return head if dot and "/" not in suffix and f".{suffix}" in IMAGE_SUFFIXES else path


def _images(root: Path, first: str) -> list[str]:
    """Image files of ``root`` and its sub-folders (three levels, hidden ones left out).

    The folder ``first`` (relative to ``root``), when it exists, is listed before the
    others: in a large folder, the files beside the one named are never left out.
    """
    found: list[str] = []
    seen = 0
    folders = [(root, "", 0)]
    if first and (root / first).is_dir() and ".." not in first.split("/"):
        folders.insert(0, (root / first, f"{first}/", 3))
    listed: set[str] = set()
    while folders and seen < _MAX_LISTED:
        folder, prefix, depth = folders.pop(0)
        if prefix in listed:
            continue
        listed.add(prefix)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            seen += 1
            if entry.name.startswith(".") or seen > _MAX_LISTED:
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if depth < 3:
                        folders.append((Path(entry.path), f"{prefix}{entry.name}/", depth + 1))
                elif entry.name.casefold().endswith(IMAGE_SUFFIXES):
                    found.append(prefix + entry.name)
            except OSError:
                continue
    return sorted(set(found))


def _read_regular_file(resolved: Path, shown: str) -> bytes:
    try:
        # Checked before opening: a FIFO or a device would block or never end.
        info = resolved.stat()
        if not stat.S_ISREG(info.st_mode):
            raise LogoError(
                LogoProblem.NOT_A_FILE, f"logo « {shown} » : ce n'est pas un fichier image."
            )
        if info.st_size > MAX_LOGO_BYTES:
            raise _too_large(shown, info.st_size)
        with open(resolved, "rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
    except OSError as exc:
        raise _unreadable(shown, exc) from None
    if len(data) > MAX_LOGO_BYTES:  # the file grew after stat()
        raise _too_large(shown, len(data))
    return data


def _unreadable(shown: str, exc: BaseException) -> LogoError:
    # RuntimeError: a loop of symbolic links, on Python versions that do not say ELOOP.
    reason = os_reason(exc) if isinstance(exc, OSError) else os_reason(OSError(errno.ELOOP, ""))
    return LogoError(
        LogoProblem.UNREADABLE,
        f"logo « {shown} » illisible ({reason}) : vérifiez que le fichier existe et que vous "
        "avez le droit de le lire, ou choisissez-en un autre.",
    )


def _too_large(shown: str, size: int) -> LogoError:
    return LogoError(
        LogoProblem.TOO_LARGE,
        f"logo « {shown} » trop lourd ({_megabytes(size, 1)} Mo ; au plus "
        f"{_megabytes(MAX_LOGO_BYTES, 0)} Mo) : enregistrez-le en plus petit.",
    )


def _megabytes(size: int, decimals: int) -> str:
    """``2,5`` or ``1 500,0``, as French documents write numbers, without loading babel."""
    from decimal import ROUND_HALF_UP, Decimal

    amount = (Decimal(size) / 1_000_000).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    whole, _, fraction = f"{amount:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", "\u202f")
    return f"{grouped},{fraction}" if fraction else grouped


_SVG_START = re.compile(
    rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<svg[\s>/]", re.DOTALL | re.IGNORECASE
)


def sniff_format(data: bytes) -> LogoFormat | None:
    """The image format the first bytes announce, whatever the file is called."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return LogoFormat.PNG
    if data.startswith(b"\xff\xd8\xff"):
        return LogoFormat.JPEG
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return LogoFormat.GIF
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if _SVG_START.match(head):
        return LogoFormat.SVG
    return None


def _raster_size(data: bytes, shown: str) -> tuple[int, int]:
    size = _measure(data)
    if size is None:
        raise LogoError(
            LogoProblem.NOT_AN_IMAGE,
            f"logo « {shown} » : image endommagée ou incomplète ; enregistrez-la de nouveau.",
        )
    width, height = size
    if width < 1 or height < 1 or width * height > MAX_LOGO_PIXELS:
        raise LogoError(
            LogoProblem.NOT_AN_IMAGE,
            f"logo « {shown} » : dimensions inutilisables ({width} × {height} pixels).",
        )
    return width, height


# Events of one territory share their partners' logos: each image is decoded once per run
# (rzn check of a thousand files was spending a tenth of its time re-verifying the same ones).
_MEASURED: dict[bytes, tuple[int, int] | None] = {}
"""Image digest → :func:`_decode`'s answer; keyed by digest so no image is kept in memory."""


def _measure(data: bytes) -> tuple[int, int] | None:
    """The image's width and height, or ``None`` when Pillow finds it damaged."""
    key = hashlib.blake2b(data, digest_size=16).digest()
    if key not in _MEASURED:
        if len(_MEASURED) >= 4096:
            _MEASURED.clear()
        _MEASURED[key] = _decode(data)
    return _MEASURED[key]


def _decode(data: bytes) -> tuple[int, int] | None:
    plain = plain_png_size(data, MAX_LOGO_PIXELS)
    if plain is not None:
        return plain  # what Pillow would answer, without importing it (rzn.load.png)
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width < 1 or height < 1 or width * height > MAX_LOGO_PIXELS:
                    return width, height  # refused by the caller, without decoding it
                image.verify()
    except Exception:  # Pillow raises many kinds of errors on a damaged file
        return None
    return width, height
