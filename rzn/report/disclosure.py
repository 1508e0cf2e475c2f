"""Disclosure control for the cycle's figures: no small group recoverable by arithmetic.

``rzn stats`` prints the same distribution (digital level, age) for
overlapping groups of events: the whole cycle, each region, each format.
Hiding a group of fewer than :data:`~rzn.report.privacy.MIN_GROUP` answers
is not enough: with Corse (1 answer) hidden, « en ligne » minus Occitanie
is the Corse respondent. A reader may add and subtract any printed figures,
with any weights, so what they can compute is exactly the linear span of
the printed groups.

The events are the atoms: each belongs to one region and one format, so
events sharing both are merged into one *cell* (no printed group tells them
apart). A printed distribution is a vector over cells; a reader learns the
answers of a set ``S`` of cells — or any weighted mix of them — exactly when
a non-zero combination of printed groups lives on ``S`` alone, that is when
removing the columns of ``S`` lowers the rank of the printed groups' matrix.
The figures are safe when no set of cells holding between 1 and
``MIN_GROUP - 1`` answers is in that position.

Groups under the threshold are hidden first (primary suppression); while a
small set of cells can still be isolated, the smallest printed group that
touches it is hidden too (complementary suppression), the whole cycle last.
The check is exact (integer arithmetic); the choice of what to hide is
greedy, so it may hide more than the least possible, never less than needed.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TypeVar

from rzn.report.privacy import MIN_GROUP

Cell = TypeVar("Cell", bound=Hashable)


def shown_groups(
    groups: Sequence[frozenset[Cell]],
    answers: Mapping[Cell, int],
    *,
    keep_last: int | None = None,
    min_group: int = MIN_GROUP,
) -> list[bool]:
    """For each group (a set of cells), whether its distribution may be printed.

    ``answers``: the answers of each cell to the question. ``keep_last``: the index of
    the group to hide only when nothing else will do (the whole cycle).
    """
    cells = sorted((c for c in answers if answers[c] > 0), key=repr)
    shown = [sum(answers.get(c, 0) for c in group) >= min_group for group in groups]
    small = [c for c in cells if answers[c] < min_group]

    def mass(i: int) -> int:
        return sum(answers.get(c, 0) for c in groups[i])

    def basis(rows: list[int]) -> Basis:
        return Basis([[Fraction(c in groups[i]) for c in cells] for i in rows], cells)

    while True:
        rows = [i for i, visible in enumerate(shown) if visible]
        current = basis(rows)
        isolated = next(
            (s for s in small_sets(small, answers, min_group) if current.isolates(s)), None
        )
        if isolated is None:
            return shown
        # Hide the smallest group whose absence protects this set; failing that, the
        # smallest one touching it (the loop goes on until nothing can be isolated).
        order = sorted(rows, key=lambda i: (i == keep_last, mass(i), -i))
        hide = next(
            (i for i in order if not basis([r for r in rows if r != i]).isolates(isolated)),
            next(i for i in order if groups[i] & isolated),
        )
        shown[hide] = False


def small_sets(
    cells: Sequence[Cell], answers: Mapping[Cell, int], min_group: int = MIN_GROUP
) -> Iterator[frozenset[Cell]]:
    """Every set of ``cells`` holding between 1 and ``min_group - 1`` answers.

    Each cell holds one answer or more, so a set has fewer than ``min_group`` cells: the
    number of sets grows as a power of the number of small cells, not exponentially.
    """

    def grow(start: int, chosen: tuple[Cell, ...], total: int) -> Iterator[frozenset[Cell]]:
        for index in range(start, len(cells)):
            cell = cells[index]
            if total + answers[cell] < min_group:
                widened = (*chosen, cell)
                yield frozenset(widened)
                yield from grow(index + 1, widened, total + answers[cell])

    yield from grow(0, (), 0)


class Basis:
    """The row space of the printed groups, in reduced row echelon form (exact fractions)."""

    def __init__(self, matrix: list[list[Fraction]], cells: Sequence[Hashable]) -> None:
        self.cells = list(cells)
        self.rows, self.pivots = _reduce(matrix)

    def isolates(self, chosen: frozenset[Hashable]) -> bool:
        """Whether some non-zero combination of the groups lives on ``chosen`` cells alone.

        In reduced echelon form a combination's value at a pivot column is the weight of
        that pivot's row, so only the rows whose pivot is among ``chosen`` may take part:
        a handful, checked directly.
        """
        inside = {j for j, c in enumerate(self.cells) if c in chosen}
        candidates = [r for r, p in zip(self.rows, self.pivots, strict=True) if p in inside]
        if not candidates:
            return False
        outside = [
            [row[j] for j in range(len(self.cells)) if j not in inside] for row in candidates
        ]
        return rank(outside) < len(candidates)


def _reduce(matrix: list[list[Fraction]]) -> tuple[list[list[Fraction]], list[int]]:
    rows = [list(row) for row in matrix]
    width = len(rows[0]) if rows else 0
    pivots: list[int] = []
    top = 0
    for column in range(width):
        pivot = next((r for r in range(top, len(rows)) if rows[r][column]), None)
        if pivot is None:
            continue
        rows[top], rows[pivot] = rows[pivot], rows[top]
        head = rows[top][column]
        rows[top] = [value / head for value in rows[top]]
        for r in range(len(rows)):
            if r != top and rows[r][column]:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[top], strict=True)]
        pivots.append(column)
        top += 1
        if top == len(rows):
            break
    return rows[:top], pivots


def rank(matrix: Sequence[Sequence[Fraction | int]]) -> int:
    """Rank over the rationals (exact)."""
    return len(_reduce([[Fraction(v) for v in row] for row in matrix])[1])
