"""The data mask segno chooses for a QR code, found for a fraction of its cost.

segno tries the eight masks of ISO/IEC 18004 (7.8.2) and keeps the one with the lowest
penalty (7.8.3), applying and scoring each module by module in Python: four fifths of the
time it takes to make the registration link's code. Given the symbol made with one mask,
:func:`best_mask` rebuilds what segno scores for each of the others, every row and column
packed in one integer, scores them by the same rules with a few operations on whole
integers, and keeps the same one (the first of the lowest). Asking segno for that mask
(``segno.make(..., mask=best)``) then gives the very symbol it would have chosen: the
tests compare the scores with segno's own, for every version and many contents.

What segno scores is the symbol before its format and version information are written:
those modules, and the dark module beside the lower-left finder, are light.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_MASKS: tuple[Callable[[int, int], bool], ...] = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
)
"""The mask conditions of ISO/IEC 18004, table 10; i is the row, j the column."""


def alignment_positions(version: int) -> list[int]:
    """Rows (and columns) of the alignment patterns' centres (ISO/IEC 18004, annex E)."""
    if version < 2:
        return []
    count = version // 7 + 2
    last = 4 * version + 10
    # The steps between centres are even and equal, the first one (from 6) takes the rest.
    step = 26 if version == 32 else (version * 4 + count * 2 + 1) // (count * 2 - 2) * 2
    return [6, *range(last - step * (count - 2), last + 1, step)]


@functools.lru_cache(maxsize=64)
def _layout(version: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Per row, as bit masks (bit j: column j): the data modules, and those light when scored.

    Light when scored: the format information (row and column 8 beside the finders), the
    version information (version 7 and up) and the dark module, all written after the
    choice of the mask.
    """
    size = 17 + 4 * version
    light = [bytearray(size) for _ in range(size)]
    for k in (*range(9), *range(size - 8, size)):
        light[8][k] = light[k][8] = 1
    if version >= 7:
        for i in range(6):
            for j in range(size - 11, size - 8):
                light[i][j] = light[j][i] = 1
    # The timing patterns cross the format information's row and column: dark there.
    light[6][8] = light[8][6] = 0
    function = [bytearray(row) for row in light]
    near, far = range(8), range(size - 8, size)
    squares = [(near, near), (near, far), (far, near)]  # the finders and their separators
    centres = alignment_positions(version)
    first, last = (centres[0], centres[-1]) if centres else (0, 0)
    corners = {(first, first), (first, last), (last, first)}  # where the finders are
    squares += [
        (range(x - 2, x + 3), range(y - 2, y + 3))
        for x in centres
        for y in centres
        if (x, y) not in corners
    ]
    squares += [(range(6, 7), range(size)), (range(size), range(6, 7))]  # timing patterns
    for rows, columns in squares:
        for i in rows:
            for j in columns:
                function[i][j] = 1
    return _bits(function, 0), _bits(light, 1)


def _bits(grid: list[bytearray], value: int) -> tuple[int, ...]:
    return tuple(sum(1 << j for j, module in enumerate(row) if module == value) for row in grid)


@functools.lru_cache(maxsize=64)
def _mask_bits(version: int, mask: int) -> tuple[int, ...]:
    """The modules ``mask`` turns over, per row: its condition, on data modules only."""
    data, _ = _layout(version)
    size = len(data)
    condition = _MASKS[mask]
    return tuple(data[i] & sum(1 << j for j in range(size) if condition(i, j)) for i in range(size))


# Every row, then every column, of a symbol is packed in one integer, each line of modules
# (bit 0: its first module) followed by GAP light bits: then a few operations on the whole
# integer score every line at once, and what they look for never spans two lines.
GAP = 4
"""Light bits between lines: the light area N3 looks for is four modules long."""
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
"""segno's modules, the bytes 0 and 1, as the digits of a binary number."""


def _pack(lines: Sequence[bytes | bytearray]) -> int:
    gap = bytes(GAP)
    text = gap + gap.join(bytes(line) for line in lines) + gap
    return int(text[::-1].translate(_DIGITS), 2)


def _lines(rows: Sequence[int], size: int) -> list[bytes]:
    """Rows as bit masks, written as the rows then the columns of modules (bytes 0 and 1)."""
    grid = [bytes((row >> j) & 1 for j in range(size)) for row in rows]
    return grid + [bytes(column) for column in zip(*grid, strict=True)]


@dataclass(frozen=True)
class _Packed:
    size: int
    stride: int
    lines: int
    """Every module of every line."""
    rows: int
    """The modules of the rows."""
    upper_rows: int
    """The modules of every row but the last."""
    light: int
    """The modules written after the choice of the mask."""
    masks: tuple[int, ...]
    """The modules each mask turns over."""


@functools.lru_cache(maxsize=64)
def _packed(version: int) -> _Packed:
    size = 17 + 4 * version
    _, light = _layout(version)
    every = _lines([(1 << size) - 1] * size, size)
    return _Packed(
        size=size,
        stride=size + GAP,
        lines=_pack(every),
        rows=_pack(every[:size]),
        upper_rows=_pack(every[: size - 1]),
        light=_pack(_lines(light, size)),
        masks=tuple(_pack(_lines(_mask_bits(version, k), size)) for k in range(len(_MASKS))),
    )


def penalties(matrix: Sequence[bytes | bytearray], version: int, mask: int) -> list[int]:
    """The penalty segno gives each mask for the data of ``matrix``, a QR code (not a Micro
    QR code) of ``version`` made with ``mask``."""
    packed = _packed(version)
    if len(matrix) != packed.size:
        raise ValueError(f"not a QR code of version {version}: {len(matrix)} modules wide")
    lines = [*matrix, *(bytes(column) for column in zip(*matrix, strict=True))]
    # The data without any mask; the modules written after the choice cleared.
    plain = (_pack(lines) ^ packed.masks[mask]) & ~packed.light
    return [penalty(plain ^ turned, packed) for turned in packed.masks]


def best_mask(matrix: Sequence[bytes | bytearray], version: int, mask: int) -> int:
    """The mask segno picks for the data of ``matrix`` (see :func:`penalties`)."""
    scores = penalties(matrix, version, mask)
    return scores.index(min(scores))  # the first of the lowest, as segno


def penalty(dark: int, packed: _Packed) -> int:
    """The penalty of a symbol (its dark modules, packed), as segno scores it: N1 + N2 +
    N3 + N4 of ISO/IEC 18004, table 11."""
    light = dark ^ packed.lines
    # N1: each run of five or more modules of one colour, 3 plus 1 per module beyond five.
    n1 = 0
    for modules in (dark, light):
        fives = modules & modules >> 1 & modules >> 2 & modules >> 3 & modules >> 4
        # A run of n modules starts n - 4 runs of five, and one such series.
        n1 += fives.bit_count() + 2 * (fives & ~(fives << 1)).bit_count()
    # N2: each 2x2 block of one colour, 3 (blocks overlap).
    rows = dark & packed.rows
    below = ~(rows ^ rows >> packed.stride) & packed.upper_rows
    blocks = below & below >> 1 & ~(rows ^ rows >> 1)
    # N4: 10 per 5 % of dark modules away from half, written as segno computes it.
    share = (dark & packed.rows).bit_count() / packed.size**2
    n4 = 10 * int(abs(share * 100 - 50) / 5)
    return n1 + 3 * blocks.bit_count() + 40 * _finder_like(dark, light, packed) + n4


def _finder_like(dark: int, light: int, packed: _Packed) -> int:
    """Dark-light-dark-dark-dark-light-dark patterns with light on one side, as segno counts
    them: one at either end of its line counts; after one, the next is looked for past the
    pattern when it counted, else from its fifth module."""
    found = dark & light >> 1 & dark >> 2 & dark >> 3 & dark >> 4 & light >> 5 & dark >> 6
    count = 0
    resume = 0
    while found:
        lowest = found & -found
        found ^= lowest
        start = lowest.bit_length() - 1
        if start < resume:
            continue
        column = (start - GAP) % packed.stride
        # The gaps are light: no window reaches another line.
        if (
            column in (0, packed.size - 7)
            or not (dark >> (start - 4)) & 0xF
            or not (dark >> (start + 7)) & 0xF
        ):
            count += 1
            resume = start + 7
        else:
            resume = start + 4
    return count
