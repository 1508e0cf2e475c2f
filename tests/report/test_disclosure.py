"""``rzn stats``'s disclosure control: no group under 5 answers recoverable by subtraction.

The attack is the one a curious reader makes with the printed figures: add and
subtract the distributions printed for the whole cycle, the regions and the
formats (each event's region and format are printed too), and look for a
result that describes fewer than 5 people. Every combination with weights -1, 0
and 1 is tried, on the issue's own case and on a few hundred random cycles.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from pathlib import Path

import pytest

from rzn.model.event import Format
from rzn.questionnaire import AGE_BANDS, DIGITAL_LEVELS
from rzn.report.cycle import FORMAT_NAMES, CycleStats, EventFigures, collect
from rzn.report.disclosure import shown_groups, small_sets
from rzn.report.figures import Bar, Distribution
from rzn.report.privacy import MIN_GROUP
from tests.report.test_cycle_stats import make_event

MEASURES = {"digital_level": DIGITAL_LEVELS, "aged_45_plus": AGE_BANDS}


def figures(name: str, region: str, fmt: Format, levels: list[int], ages: list[int]):
    def dist(question: str, choices, counts: list[int]) -> Distribution:
        size = sum(counts)
        bars = tuple(
            Bar(c.code, c.label, n, n / size if size else 0.0)
            for c, n in zip(choices, counts, strict=True)
        )
        return Distribution(question, "", size, bars)

    return EventFigures(
        name,
        name,
        dt.date(2027, 10, 14),
        region,
        fmt,
        20,
        None,
        max(sum(levels), sum(ages)),
        dist("digital_level", DIGITAL_LEVELS, levels),
        dist("age_band", AGE_BANDS, ages),
    )


def printed_groups(data: dict, measure: str) -> list[tuple[frozenset[str], object]]:
    """Each group whose figures for ``measure`` are printed: its events and those figures."""
    events = data["event_files"]
    found = []

    def members(test) -> frozenset[str]:
        return frozenset(e["file"] for e in events if test(e))

    formats = {name: f.value for f, name in FORMAT_NAMES.items()}
    groups = [(frozenset(e["file"] for e in events), data)]
    groups += [
        (members(lambda e, n=g["name"]: (e["region"] or "Région non renseignée") == n), g)
        for g in data["by_region"]
    ]
    groups += [
        (members(lambda e, f=formats[g["name"]]: e["format"] == f), g) for g in data["by_format"]
    ]
    for events_in, group in groups:
        shown = group[measure]["counts" if measure == "digital_level" else "count"]
        if shown is not None:
            found.append((events_in, shown))
    return found


def answers_of(stats: CycleStats, measure: str) -> dict[str, int]:
    key = "digital" if measure == "digital_level" else "age"
    return {e.file: getattr(e, key).size for e in stats.events}


def disclosures(stats: CycleStats) -> list[tuple[str, dict[str, int]]]:
    """Every ±1 combination of printed groups that describes 1 to 4 answers."""
    data = json.loads(stats.json())
    found = []
    for measure in MEASURES:
        answers = answers_of(stats, measure)
        answering = sorted(f for f, n in answers.items() if n)
        groups = printed_groups(data, measure)
        for weights in itertools.product((-1, 0, 1), repeat=len(groups)):
            if not any(weights):
                continue
            vector = {f: 0 for f in answering}
            for weight, (events_in, _shown) in zip(weights, groups, strict=True):
                for f in events_in & set(answering):
                    vector[f] += weight
            support = [f for f, v in vector.items() if v]
            if support and 0 < sum(answers[f] for f in support) < MIN_GROUP:
                found.append((measure, {f: v for f, v in vector.items() if v}))
    return found


def issue_cycle() -> CycleStats:
    """The issue's case: Corse (1 answer) hidden, « en ligne » minus Occitanie gave it away."""
    return CycleStats(
        [
            figures("bretagne", "Bretagne", Format.IN_PERSON, [12, 56, 12], [30, 18, 0, 20, 10, 2]),
            figures("occitanie", "Occitanie", Format.ONLINE, [1, 4, 1], [0, 1, 2, 2, 1, 0]),
            figures("corse", "Corse", Format.ONLINE, [1, 0, 0], [0, 0, 0, 0, 0, 1]),
            figures("hdf", "Hauts-de-France", Format.HYBRID, [8, 35, 7], [10, 10, 10, 10, 5, 5]),
        ]
    )


def test_the_issue_case_is_no_longer_recoverable():
    stats = issue_cycle()
    assert disclosures(stats) == []
    data = stats.as_dict()
    regions = {g["name"]: g["digital_level"]["counts"] for g in data["by_region"]}
    formats = {g["name"]: g["digital_level"]["counts"] for g in data["by_format"]}
    # Corse is too small; Occitanie is hidden with it, so that « en ligne » (7) can stay.
    assert regions["Corse"] is None and regions["Occitanie"] is None
    assert formats["en ligne"] == {"beginner": 2, "intermediate": 4, "advanced": 1}
    assert data["digital_level"]["counts"] == {"beginner": 22, "intermediate": 95, "advanced": 20}
    text = stats.text()
    assert (
        "  Occitanie : 1 rencontre, 20 participants, 6 réponses ; pas de détail (il permettrait "
        "de retrouver par différence un groupe de moins de 5 réponses)"
    ) in text.splitlines()


def test_without_control_the_issue_case_would_leak(monkeypatch):
    """The attack finds the leak when only the groups under 5 answers are hidden."""

    def primary_only(groups, answers, **_options):
        return [sum(answers.get(c, 0) for c in g) >= MIN_GROUP for g in groups]

    monkeypatch.setattr("rzn.report.cycle.shown_groups", primary_only)
    leaks = disclosures(issue_cycle())
    assert ("digital_level", {"corse": 1}) in leaks or ("digital_level", {"corse": -1}) in leaks


def random_cycle(chance: random.Random) -> CycleStats:
    events = []
    for index in range(chance.randint(2, 7)):
        size = chance.choice([0, 1, 1, 2, 3, 4, 5, 6, 8, 12, 30])
        levels = [0, 0, 0]
        ages = [0] * 6
        for _ in range(size):
            levels[chance.randrange(3)] += 1
            ages[chance.randrange(6)] += 1
        events.append(
            figures(
                f"e{index}",
                chance.choice(["Bretagne", "Corse", "Occitanie", ""]),
                chance.choice(list(Format)),
                levels,
                ages,
            )
        )
    return CycleStats(events)


@pytest.mark.parametrize("seed", range(300))
def test_no_random_cycle_leaks_a_small_group_by_any_subtraction(seed):
    stats = random_cycle(random.Random(seed))
    assert disclosures(stats) == []
    # The control hides no more than needed when no small group exists at all.
    if all(e.digital.size >= MIN_GROUP or not e.digital.size for e in stats.events):
        data = stats.as_dict()
        groups = [data, *data["by_region"], *data["by_format"]]
        assert all(
            g["digital_level"]["counts"] is not None
            for g in groups
            if g["digital_level"]["answers"] >= MIN_GROUP
        )


def test_printed_counts_add_up_to_the_events():
    stats = random_cycle(random.Random(7))
    data = json.loads(stats.json())
    for events_in, counts in printed_groups(data, "digital_level"):
        expected = {c.code: 0 for c in DIGITAL_LEVELS}
        for e in stats.events:
            if e.file in events_in:
                for bar in e.digital.bars:
                    expected[bar.code] += bar.count
        assert counts == expected


def test_small_sets_are_every_set_under_the_threshold():
    answers = {"a": 1, "b": 2, "c": 3, "d": 4}
    found = {"".join(sorted(s)) for s in small_sets(list(answers), answers)}
    assert found == {"a", "b", "c", "d", "ab", "ac"}


def test_shown_groups_keeps_the_total_when_hiding_another_group_suffices():
    cells = {"occ": 6, "corse": 1, "bre": 80}
    groups = [
        frozenset(cells),
        frozenset({"occ"}),
        frozenset({"corse"}),
        frozenset({"bre"}),
        frozenset({"occ", "corse"}),
    ]
    assert shown_groups(groups, cells, keep_last=0) == [True, False, False, True, True]


def test_the_cli_prints_the_protected_figures(tmp_path, rzn):
    make_event(
        tmp_path, "bretagne", region="Bretagne", event_format="in_person",
        present=80, levels=(12, 56, 12), aged=(48, 32),
    )  # fmt: skip
    make_event(
        tmp_path, "occitanie", region="Occitanie", event_format="online",
        present=6, levels=(1, 4, 1), aged=(4, 2),
    )  # fmt: skip
    make_event(
        tmp_path, "corse", region="Corse", event_format="online",
        present=1, levels=(1, 0, 0), aged=(0, 1),
    )  # fmt: skip
    result = rzn("stats", str(tmp_path), "--format", "json")
    assert result.code == 0
    stats = collect([str(tmp_path)])
    assert disclosures(stats) == []
    data = json.loads(result.out)
    shown = {
        g["name"]: g["digital_level"]["counts"] is not None
        for g in [*data["by_region"], *data["by_format"]]
    }
    assert shown == {
        "Bretagne": True,
        "Corse": False,
        "Occitanie": False,
        "présentiel": True,
        "en ligne": True,
    }
    assert Path(data["event_files"][0]["file"]).name == "event.yaml"
