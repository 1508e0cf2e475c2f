"""Where and when generated events take place: a region each, on a date rzn check accepts.

Dates fall in a season with no warning (after the mailings, before the AG season, outside
school and public holidays), at least a week apart within a region, so that a corpus of
valid files checks clean together, as a real cycle of events would.
"""

from __future__ import annotations

import datetime as dt
import functools
import random

# Region, city, station and the region's school-holiday zone. Overseas regions and Corsica
# are left out: they have their own school calendar, which rzn does not ship, so
# school-holidays would add an information to each of their files.
REGIONS = [
    ("Centre-Val de Loire", "Joué-lès-Tours", "Tours", "B"),
    ("Bretagne", "Rennes", "Rennes", "B"),
    ("Occitanie", "Montpellier", "Montpellier Saint-Roch", "C"),
    ("Hauts-de-France", "Lille", "Lille-Flandres", "B"),
    ("Grand Est", "Nancy", "Nancy-Ville", "B"),
    ("Nouvelle-Aquitaine", "Poitiers", "Poitiers", "A"),
    ("Auvergne-Rhône-Alpes", "Clermont-Ferrand", "Clermont-Ferrand", "A"),
    ("Normandie", "Caen", "Caen", "B"),
    ("Pays de la Loire", "Angers", "Angers Saint-Laud", "B"),
    ("Bourgogne-Franche-Comté", "Besançon", "Besançon Viotte", "A"),
    ("Provence-Alpes-Côte d'Azur", "Marseille", "Marseille Saint-Charles", "B"),
    ("Île-de-France", "Saint-Denis", "Saint-Denis", "C"),
]

# The only season the checks accept with TODAY: after the mailings' dates, before the AG
# season (from 1 March) and inside the published school calendar. The rentrée week is left
# to schools and to the associations' forums.
_SEASON = (dt.date(2027, 9, 6), dt.date(2028, 2, 29))
# School holidays of 2027-2028 in the season, first and last day, from the ministry's
# calendar (the data rzn's school-holidays rule reads).
_COMMON_HOLIDAYS = [
    (dt.date(2027, 10, 23), dt.date(2027, 11, 7)),  # Toussaint
    (dt.date(2027, 12, 18), dt.date(2028, 1, 2)),  # Noël
]
_WINTER_HOLIDAYS = {
    "A": (dt.date(2028, 2, 19), dt.date(2028, 3, 5)),
    "B": (dt.date(2028, 2, 5), dt.date(2028, 2, 20)),
    "C": (dt.date(2028, 2, 12), dt.date(2028, 2, 27)),
}
# Public holidays of the season (1 November and Christmas fall in school holidays anyway).
_PUBLIC_HOLIDAYS = {dt.date(2027, 11, 1), dt.date(2027, 11, 11), dt.date(2027, 12, 25)}
_COLLISION_GAP = 8


def _open_days(zone: str) -> tuple[dt.date, ...]:
    """Days of the season an organiser of ``zone`` can pick: weekdays of school weeks."""
    holidays = [*_COMMON_HOLIDAYS, _WINTER_HOLIDAYS[zone]]
    day, last = _SEASON
    days = []
    while day <= last:
        if (
            day.weekday() < 5
            and day not in _PUBLIC_HOLIDAYS
            and not any(first <= day <= end for first, end in holidays)
        ):
            days.append(day)
        day += dt.timedelta(days=1)
    return tuple(days)


@functools.cache
def _region_dates(region: int) -> tuple[dt.date, ...]:
    """Dates of ``region``'s events, each at least :data:`_COLLISION_GAP` days from the others.

    The chain starts on a day of the first week that depends on the region (not every
    region on the same Monday), and is shuffled: dates do not grow with the file's number.
    """
    open_days = _open_days(REGIONS[region][3])
    dates = [open_days[region % 5]]
    for day in open_days:
        if (day - dates[-1]).days >= _COLLISION_GAP:
            dates.append(day)
    random.Random(1000 + region).shuffle(dates)
    return tuple(dates)


def collision_free_count() -> int:
    """How many first files (valid ones) can be checked together without a date collision."""
    return len(REGIONS) * min(len(_region_dates(r)) for r in range(len(REGIONS)))


def region_and_date(index: int, rng: random.Random) -> tuple[int, dt.date]:
    # Each run of len(REGIONS) files holds every region once, in a shuffled order (formats
    # cycle by three: the order varies which region gets which); the n-th run gives each
    # region its n-th date. When a region has no date left, any open day is valid on its
    # own but collides with another file of the corpus.
    run, position = divmod(index, len(REGIONS))
    order = random.Random(run).sample(range(len(REGIONS)), len(REGIONS))
    region = order[position]
    dates = _region_dates(region)
    if run < len(dates):
        return region, dates[run]
    return region, rng.choice(_open_days(REGIONS[region][3]))
