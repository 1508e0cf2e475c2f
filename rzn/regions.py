"""French regions: their names, departments, postcodes and school-holiday zones.

Everything here is data and lookups on a place written by a person (``region``,
``venue.address``, an agenda's ``LOCATION``); :mod:`rzn.calendars` uses them
to find the holidays of an event's place and the region of other events.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    name: str
    """Official name, as shown to people."""
    zone: str | None
    """School-holiday zone (A, B or C); ``None`` where the region has its own calendar."""
    departments: tuple[str, ...]
    holidays_subdivision: str | None = None
    """``holidays`` subdivision for the region's own public holidays (overseas)."""

    @property
    def where(self) -> str:
        """``en Bretagne``, ``dans le Grand Est``, ``à La Réunion``: how French says "in"."""
        return _LOCATIVES.get(self.name, f"en {self.name}")


_LOCATIVES = {
    "Grand Est": "dans le Grand Est",
    "Hauts-de-France": "dans les Hauts-de-France",
    "La Réunion": "à La Réunion",
    "Mayotte": "à Mayotte",
}


REGIONS: tuple[Region, ...] = (
    Region(
        "Auvergne-Rhône-Alpes",
        "A",
        ("01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"),
    ),
    Region("Bourgogne-Franche-Comté", "A", ("21", "25", "39", "58", "70", "71", "89", "90")),
    Region("Bretagne", "B", ("22", "29", "35", "56")),
    Region("Centre-Val de Loire", "B", ("18", "28", "36", "37", "41", "45")),
    Region("Corse", None, ("2A", "2B")),
    Region("Grand Est", "B", ("08", "10", "51", "52", "54", "55", "57", "67", "68", "88")),
    Region("Hauts-de-France", "B", ("02", "59", "60", "62", "80")),
    Region("Île-de-France", "C", ("75", "77", "78", "91", "92", "93", "94", "95")),
    Region("Normandie", "B", ("14", "27", "50", "61", "76")),
    Region(
        "Nouvelle-Aquitaine",
        "A",
        ("16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"),
    ),
    Region(
        "Occitanie",
        "C",
        ("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"),
    ),
    Region("Pays de la Loire", "B", ("44", "49", "53", "72", "85")),
    Region("Provence-Alpes-Côte d'Azur", "B", ("04", "05", "06", "13", "83", "84")),
    Region("Guadeloupe", None, ("971",), "971"),
    Region("Martinique", None, ("972",), "972"),
    Region("Guyane", None, ("973",), "973"),
    Region("La Réunion", None, ("974",), "974"),
    Region("Mayotte", None, ("976",), "976"),
)

_BY_NAME = {r.name: r for r in REGIONS}
_BY_DEPARTMENT = {d: r for r in REGIONS for d in r.departments}

# Other ways people write a region: abbreviations, the regions before the 2016
# merger (the vade-mecum itself speaks of Lorraine), the region's own brand.
# Keys are normalised (see ``normalize``).
_ALIASES = {
    "aura": "Auvergne-Rhône-Alpes",
    "auvergne": "Auvergne-Rhône-Alpes",
    "rhone alpes": "Auvergne-Rhône-Alpes",
    "bfc": "Bourgogne-Franche-Comté",
    "bourgogne": "Bourgogne-Franche-Comté",
    "franche comte": "Bourgogne-Franche-Comté",
    "centre": "Centre-Val de Loire",
    "cvl": "Centre-Val de Loire",
    "alsace": "Grand Est",
    "lorraine": "Grand Est",
    "champagne ardenne": "Grand Est",
    "alsace moselle": "Grand Est",
    "hdf": "Hauts-de-France",
    "nord pas de calais": "Hauts-de-France",
    "picardie": "Hauts-de-France",
    "idf": "Île-de-France",
    "haute normandie": "Normandie",
    "basse normandie": "Normandie",
    "aquitaine": "Nouvelle-Aquitaine",
    "limousin": "Nouvelle-Aquitaine",
    "poitou charentes": "Nouvelle-Aquitaine",
    "languedoc roussillon": "Occitanie",
    "midi pyrenees": "Occitanie",
    "pdl": "Pays de la Loire",
    "paca": "Provence-Alpes-Côte d'Azur",
    "region sud": "Provence-Alpes-Côte d'Azur",
    "sud": "Provence-Alpes-Côte d'Azur",
    "reunion": "La Réunion",
    "ile de la reunion": "La Réunion",
    "guyane francaise": "Guyane",
}
# Aliases too common as ordinary words to be looked for inside a sentence
# ("Centre social", "Sud Gironde"): they only count as a whole `region` value.
_WHOLE_VALUE_ONLY = frozenset(("centre", "sud", "cvl", "pdl", "hdf", "idf", "aura", "bfc"))

DEPARTMENTS: dict[str, str] = {
    "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence",
    "05": "Hautes-Alpes", "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes",
    "09": "Ariège", "10": "Aube", "11": "Aude", "12": "Aveyron", "13": "Bouches-du-Rhône",
    "14": "Calvados", "15": "Cantal", "16": "Charente", "17": "Charente-Maritime", "18": "Cher",
    "19": "Corrèze", "2A": "Corse-du-Sud", "2B": "Haute-Corse", "21": "Côte-d'Or",
    "22": "Côtes-d'Armor", "23": "Creuse", "24": "Dordogne", "25": "Doubs", "26": "Drôme",
    "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère", "30": "Gard", "31": "Haute-Garonne",
    "32": "Gers", "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine", "36": "Indre",
    "37": "Indre-et-Loire", "38": "Isère", "39": "Jura", "40": "Landes", "41": "Loir-et-Cher",
    "42": "Loire", "43": "Haute-Loire", "44": "Loire-Atlantique", "45": "Loiret", "46": "Lot",
    "47": "Lot-et-Garonne", "48": "Lozère", "49": "Maine-et-Loire", "50": "Manche",
    "51": "Marne", "52": "Haute-Marne", "53": "Mayenne", "54": "Meurthe-et-Moselle",
    "55": "Meuse", "56": "Morbihan", "57": "Moselle", "58": "Nièvre", "59": "Nord",
    "60": "Oise", "61": "Orne", "62": "Pas-de-Calais", "63": "Puy-de-Dôme",
    "64": "Pyrénées-Atlantiques", "65": "Hautes-Pyrénées", "66": "Pyrénées-Orientales",
    "67": "Bas-Rhin", "68": "Haut-Rhin", "69": "Rhône", "70": "Haute-Saône",
    "71": "Saône-et-Loire", "72": "Sarthe", "73": "Savoie", "74": "Haute-Savoie", "75": "Paris",
    "76": "Seine-Maritime", "77": "Seine-et-Marne", "78": "Yvelines", "79": "Deux-Sèvres",
    "80": "Somme", "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var", "84": "Vaucluse",
    "85": "Vendée", "86": "Vienne", "87": "Haute-Vienne", "88": "Vosges", "89": "Yonne",
    "90": "Territoire de Belfort", "91": "Essonne", "92": "Hauts-de-Seine",
    "93": "Seine-Saint-Denis", "94": "Val-de-Marne", "95": "Val-d'Oise", "971": "Guadeloupe",
    "972": "Martinique", "973": "Guyane", "974": "La Réunion", "976": "Mayotte",
}  # fmt: skip


def normalize(text: str) -> str:
    """``"Île-de-France "`` → ``"ile de france"``: no accents, case, punctuation."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split())


_DEPARTMENT_NAMES = {normalize(name): code for code, name in DEPARTMENTS.items()}
_NAMES: dict[str, Region] = {normalize(r.name): r for r in REGIONS}
_NAMES.update({alias: _BY_NAME[name] for alias, name in _ALIASES.items()})
# Longest first, so "Pays de la Loire" wins over a shorter name inside it.
_SCANNED = sorted(
    ((key, region) for key, region in _NAMES.items() if key not in _WHOLE_VALUE_ONLY),
    key=lambda item: -len(item[0]),
)
_POSTCODE = re.compile(r"(?<!\d)(97[1-6]\d{2}|\d{5})(?!\d)")
_DEPARTMENT_CODE = re.compile(r"\(\s*(\d{2,3}|2[AaBb])\s*\)")


def find_region(value: str | None) -> Region | None:
    """The region a ``region`` value names: its name, an alias, a department's name
    (``Morbihan``: the whole value, so "Nord" is no risk here) or a region's name inside it."""
    if not value:
        return None
    key = normalize(value)
    if key in _NAMES:
        return _NAMES[key]
    if key in _DEPARTMENT_NAMES:
        return _BY_DEPARTMENT[_DEPARTMENT_NAMES[key]]
    return _scan_names(key)


def suggest_region(value: str) -> str | None:
    """The official name closest to a misspelt region, for a "did you mean"."""
    close = difflib.get_close_matches(normalize(value), list(_NAMES), n=1, cutoff=0.7)
    return _NAMES[close[0]].name if close else None


def department_of_postcode(code: str) -> str | None:
    if code.startswith("97"):
        return code[:3] if code[:3] in DEPARTMENTS else None
    if code.startswith("20"):
        # Corsica's postcodes all start with 20: 200xx-201xx Corse-du-Sud, the rest Haute-Corse.
        return "2A" if code < "20200" else "2B"
    return code[:2] if code[:2] in DEPARTMENTS else None


def postcode_in(text: str | None) -> str | None:
    match = _POSTCODE.search(text or "")
    return match.group(1) if match else None


def region_in_text(text: str | None) -> Region | None:
    """A region recognised in free text (an address, an agenda's place).

    In order: a postcode (``37300``), a department number in brackets
    (``Tours (37)``), then a region's name or one of its former names
    (``Bretagne``, ``Lorraine``). Department and city names are not guessed:
    "Nord" or "Vienne" are too often something else.
    """
    if not text:
        return None
    code = postcode_in(text)
    if code is not None:
        department = department_of_postcode(code)
        if department is not None:
            return _BY_DEPARTMENT[department]
    match = _DEPARTMENT_CODE.search(text)
    if match:
        department = match.group(1).upper().zfill(2)
        if department in _BY_DEPARTMENT:
            return _BY_DEPARTMENT[department]
    return _scan_names(normalize(text))


def region_of(region: str | None, address: str | None) -> Region | None:
    """An event's region: its ``region`` value, else the postcode of its venue's address."""
    found = find_region(region)
    if found is None and region is None:
        found = region_in_text(address)
    return found


def _scan_names(key: str) -> Region | None:
    padded = f" {key} "
    for name, region in _SCANNED:
        if f" {name} " in padded:
            return region
    return None


def mentions(text: str | None, words: str | None) -> bool:
    """Whether ``words`` (a city…) appear as whole words in ``text``, accents and case aside."""
    if not text or not words:
        return False
    needle = normalize(words)
    return bool(needle) and f" {needle} " in f" {normalize(text)} "
