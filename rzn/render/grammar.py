"""French grammar of the names an event file holds: articles, contractions, lists, sentences.

"à la Maison des associations", "au 104", "aux Champs Libres", "à l'Atelier",
"du Mouvement associatif", "de la Fondation EDF et de la Ville de Tours", "à Tours",
"de One Heart". rzn cannot know every name: a place or an organisation named after a
common noun it knows (Maison, Espace, Salle, Centre, Hôtel de ville, Médiathèque…) gets
that noun's article; a name that starts with its own article (Le Mouvement associatif,
La Turbine, L'Atelier, Les Champs Libres) is contracted as French does; any other name
(a town, a person, an English name, an acronym) takes none. The event file says otherwise
with ``article`` next to the name (``le``, ``la``, ``l'``, ``les`` or ``none``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

ARTICLES = ("le", "la", "l'", "les", "none")
"""What ``article`` accepts in the event file; ``none``: no article (a proper name)."""

# First words of names that are common nouns, with their gender ("m", "f" or "p" for a
# plural). Elision (l') comes from the first letter; "h" words list theirs.
_NOUNS: dict[str, str] = {
    # masculine
    **dict.fromkeys(
        [
            "espace",
            "centre",
            "hôtel",
            "théâtre",
            "pôle",
            "tiers-lieu",
            "café",
            "parc",
            "palais",
            "musée",
            "conseil",
            "département",
            "mouvement",
            "collectif",
            "réseau",
            "comité",
            "crédit",
            "fonds",
            "lycée",
            "collège",
            "campus",
            "château",
            "cinéma",
            "auditorium",
            "atelier",
            "amphithéâtre",
            "institut",
            "office",
            "observatoire",
            "établissement",
            "carrefour",
            "point",
            "foyer",
            "gymnase",
            "complexe",
            "forum",
            "village",
            "moulin",
            "cloître",
            "syndicat",
            "groupement",
            "secours",
            "pavillon",
            "studio",
            "local",
            "lieu",
            "laboratoire",
            "club",
            "cercle",
            "bureau",
            "conservatoire",
            "marché",
            "domaine",
            "bâtiment",
            "siège",
            "square",
            "site",
            "hangar",
            "centre-ville",
            "hub",
            "fablab",
            "incubateur",
            "accélérateur",
            "ministère",
            "rectorat",
            "gouvernement",
            "service",
            "dispositif",
            "programme",
            "cap",
            "cnar",
        ],
        "m",
    ),
    # feminine
    **dict.fromkeys(
        [
            "maison",
            "salle",
            "médiathèque",
            "bibliothèque",
            "ludothèque",
            "mairie",
            "ville",
            "région",
            "métropole",
            "communauté",
            "fondation",
            "fédération",
            "union",
            "association",
            "agence",
            "université",
            "école",
            "cité",
            "halle",
            "chambre",
            "caisse",
            "banque",
            "ligue",
            "coopérative",
            "direction",
            "préfecture",
            "délégation",
            "mutuelle",
            "friche",
            "galerie",
            "grange",
            "ferme",
            "fabrique",
            "base",
            "résidence",
            "auberge",
            "abbaye",
            "maison-des-associations",
            "cathédrale",
            "chapelle",
            "station",
            "gare",
            "scop",
            "plateforme",
            "plate-forme",
            "recyclerie",
            "ressourcerie",
            "manufacture",
            "usine",
            "mjc",
            "cci",
            "caf",
            "cress",
            "drajes",
            "dreets",
            "urssaf",
            "cpam",
            "msa",
            "cma",
            "dgfip",
            "sncf",
        ],
        "f",
    ),
    # plural
    **dict.fromkeys(["ateliers", "amis", "jardins", "halles", "archives"], "p"),
}
_ASPIRATED_H = frozenset({"halle", "halles", "hangar", "hub", "hall"})
"""Words whose "h" does not elide: "la Halle", not "l'Halle"."""
_NO_ELISION = frozenset({"one", "oui", "ouest", "onze", "yes", "uber", "hub"})
"""Proper names starting with a vowel letter but not a vowel sound ("de One Heart")."""

_LEADING = re.compile(r"^(le|la|les)\s+(?=\S)|^(l)['’](?=\S)", re.IGNORECASE)


# Cached: the templates ask the same few questions (does this title name its kind, this
# venue its town?) for every speaker, mail and step, over the same strings.
@functools.lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """Lower case without accents, hyphens as spaces: for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-'’_.,()]", " ", bare).split())


def _starts_with_vowel(word: str) -> bool:
    first = _fold(word[:1])
    if first == "h":
        return _fold(word).split(" ")[0] not in _ASPIRATED_H
    return bool(first) and first in "aeiou" and _fold(word).split(" ")[0] not in _NO_ELISION


@dataclass(frozen=True)
class Name:
    """A name ready for a sentence: its article (``""`` for none) and the words after it."""

    article: str
    words: str

    def bare(self) -> str:
        """``la Maison des associations``, ``le 104``, ``l'Atelier``, ``One Heart``."""
        if not self.article:
            return self.words
        if self.article == "l'":
            return f"l'{self.words}"
        return f"{self.article} {self.words}"

    def after(self, preposition: str) -> str:
        """``à`` or ``de`` with their contractions (au, aux, du, des, d')."""
        if preposition == "à":
            contracted = {"le": "au", "les": "aux"}
        elif preposition == "de":
            contracted = {"le": "du", "les": "des"}
            if not self.article and _starts_with_vowel(self.words):
                return f"d'{self.words}"
        else:
            contracted = {}
        if self.article in contracted:
            return f"{contracted[self.article]} {self.words}"
        return f"{preposition} {self.bare()}"


def name(value: Any, article: str | None = None, *, town: bool = False) -> Name:
    """Read a name as French uses it in a sentence.

    ``value`` is a string or an object with ``name`` (and ``article``) attributes.
    ``town``: a town keeps its own ``La`` / ``L'`` as written (à La Rochelle) and only
    contracts ``Le`` / ``Les`` (au Mans, aux Sables-d'Olonne); it never takes a common
    noun's article.
    """
    if not isinstance(value, str):
        if article is None:
            own = getattr(value, "article", None)
            article = getattr(own, "value", own)
        value = value.name
    text = " ".join(str(value).split())
    if article == "none":
        return Name("", text)
    match = _LEADING.match(text)
    if match:
        own = (match.group(1) or "l'").casefold()
        rest = text[match.end() :]
        if article is None or article == own:
            if town and own in ("la", "l'"):
                return Name("", text)
            return Name(own, rest)
    if article is not None:
        if article == "l'":
            return Name("l'", text)
        if article in ("le", "la") and _starts_with_vowel(text):
            return Name("l'", text)
        return Name(article, text)
    if town:
        return Name("", text)
    first = _fold(text).split(" ")[0] if text else ""
    gender = _NOUNS.get(first) or _NOUNS.get(text.split(" ")[0].casefold())
    if gender is None:
        return Name("", text)
    if gender == "p":
        return Name("les", text)
    if _starts_with_vowel(text):
        return Name("l'", text)
    return Name("le" if gender == "m" else "la", text)


def at(value: Any, article: str | None = None, *, town: bool = False) -> str:
    """``à la Maison des associations``, ``au 104``, ``à Tours``."""
    return name(value, article, town=town).after("à")


def of(value: Any, article: str | None = None, *, town: bool = False) -> str:
    """``de la Fondation EDF``, ``du Mouvement associatif``, ``d'Orléans``."""
    return name(value, article, town=town).after("de")


def the(value: Any, article: str | None = None, *, town: bool = False) -> str:
    """``la Fondation EDF``, ``le Mouvement associatif``, ``One Heart``."""
    return name(value, article, town=town).bare()


def and_list(items: Iterable[Any], last: str = "et") -> str:
    """``A``, ``A et B``, ``A, B et C``."""
    words = [str(item) for item in items if str(item)]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def contains(haystack: str | None, needle: str | None) -> bool:
    """Whether a name already says something (accents, case and hyphens aside)."""
    folded = _fold(needle or "")
    return bool(folded) and f" {folded} " in f" {_fold(haystack or '')} "


def says_kind(title: str | None, kind_label: str | None) -> bool:
    """Whether a title already names its kind ("Table ronde : …", "Atelier pratique")."""
    folded = _fold(kind_label or "")
    return bool(folded) and (contains(title, folded) or contains(title, folded + "s"))


_END = re.compile(r"[.!?…:;»)\]]$")


def sentence(text: str) -> str:
    """A free text used as a sentence ends with its full stop."""
    text = " ".join(str(text).split())
    if not text or _END.search(text):
        return text
    return text + "."


def upper_first(text: str) -> str:
    """``La Maison des associations vous invite``: a capital to start a sentence, the rest
    as written (unlike Jinja's ``capitalize``)."""
    return text[:1].upper() + text[1:]


def first_name(full_name: str) -> str:
    """``Mathieu`` from ``Mathieu Riou``; ``""`` when a single word gives no first name."""
    words = full_name.split()
    return words[0] if len(words) > 1 else ""


# The median dot first, the look-behind after it: the engine then jumps from dot to dot
# instead of trying the pattern at every position of a whole document.
_INCLUSIVE = re.compile(
    r"·(?<=\w·)(?:e|es|rice|rices|trice|trices|euse|euses|ve|ves|le|les|ne|nes|ta)\b"
)


def without_inclusive_dots(text: str) -> str:
    """``les intervenant·es`` → ``les intervenants``, ``ton·ta`` → ``ton``, for an event
    that writes without the median dot (``communication.inclusive: false``)."""
    return _INCLUSIVE.sub(lambda m: "s" if m.group(0).endswith("s") else "", text)


_ADDRESS: ContextVar[str] = ContextVar("rzn_address", default="vous")
"""The form of address of the text being rendered: set by ``addressing``, read by ``tu``.

A context variable rather than a template variable: macros imported without context
(``{% import "mailings/_macros.txt.j2" as m %}``) speak to people too."""


@contextmanager
def addressing(address: str) -> Iterator[None]:
    """Every ``tu`` of the templates rendered inside speaks this way (``vous`` or ``tu``)."""
    token = _ADDRESS.set(address)
    try:
        yield
    finally:
        _ADDRESS.reset(token)


def tu(vous_form: str, tu_form: str, address: str | None = None) -> str:
    """``{{ "Inscrivez-vous"|tu("Inscris-toi") }}``: the vouvoiement form as written, the
    tutoiement one when the event says ``communication.address: tu``.

    ``address`` chooses instead of the text being rendered (code that builds sentences).
    """
    chosen = _ADDRESS.get() if address is None else address
    return tu_form if chosen == "tu" else vous_form


def your(noun: str, address: str | None = None) -> str:
    """``votre référente`` or, in tutoiement, ``ta référente``, ``ton référent``,
    ``ton·ta référent·e`` (``ton référent`` without inclusive writing).

    Meant for a person's title: the gender is read from its first word (``référente``,
    ``référent·e``); a noun starting with a vowel takes ``ton`` whatever its gender."""
    if tu("vous", "tu", address) == "vous":
        return f"votre {noun}"
    first = noun.split(" ")[0] if noun else ""
    if _starts_with_vowel(noun) and not _fold(first).startswith("h"):
        return f"ton {noun}"
    if re.search(r"·e$", first):
        return f"ton·ta {noun}"
    if first.endswith("e"):
        return f"ta {noun}"
    return f"ton {noun}"
