"""Character spans with membership and overlap tests in O(log n).

Extractors skip matches that fall inside spans already taken (titles, slogans, earlier matches)
and test names against the model's spans; testing each match against a list of spans made them
quadratic on long texts (1 M characters: minutes instead of seconds).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate


class SpanSet:
    """Union of half-open spans [start, end), kept as sorted disjoint intervals."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in sorted(spans):
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        if end <= start:
            return
        i = bisect_left(self.ends, start)  # first interval that ends at or after start
        j = bisect_right(self.starts, end)  # intervals from i to j touch [start, end)
        if i < j:
            start, end = min(start, self.starts[i]), max(end, self.ends[j - 1])
        self.starts[i:j] = [start]
        self.ends[i:j] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with the set."""
        i = bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] > start:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < end

    def covers(self, i: int) -> bool:
        return self.overlaps(i, i + 1)


class SpanIndex:
    """Spans ``(start, end, *payload)`` kept one by one (not merged, unlike ``SpanSet``), sorted by
    start with the running maximum of their ends, so that the spans overlapping a range are found
    in O(log n + k) when spans do not nest deeply (the model's entities, rule matches)."""

    def __init__(self, spans: Iterable[tuple] = ()):
        self.items = sorted(spans, key=lambda x: (x[0], x[1]))
        self.starts = [x[0] for x in self.items]
        self.reach = list(accumulate((x[1] for x in self.items), max))

    def overlapping(self, start: int, end: int) -> Iterator[tuple]:
        """Every span with ``s < end and start < e``, latest start first."""
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.reach[i] > start:  # no span before i ends after start
            if self.items[i][1] > start:
                yield self.items[i]
            i -= 1

    def at(self, i: int) -> Iterator[tuple]:
        """Every span holding character ``i`` (``s <= i < e``)."""
        return self.overlapping(i, i + 1)

    def __len__(self) -> int:
        return len(self.items)
