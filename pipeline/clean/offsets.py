"""Text that remembers, for every character, where it came from in the raw text.

Every cleaning step edits a ``MappedText`` through ``sub``/``delete``/``translate``; the positions
travel with the characters, so any span of the final clean text maps back to raw text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

Replacement = str | Callable[[re.Match], str]


class MappedText:
    __slots__ = ("pos", "text")

    def __init__(self, text: str, pos: list[int] | None = None):
        self.text = text
        self.pos = list(range(len(text))) if pos is None else pos
        if len(self.pos) != len(self.text):
            raise ValueError("positions and text differ in length")

    def __len__(self) -> int:
        return len(self.text)

    def sub(self, pattern: re.Pattern, repl: Replacement) -> int:
        """Regex substitution keeping positions; returns the number of replacements."""
        edits = []
        for m in pattern.finditer(self.text):
            new = repl if isinstance(repl, str) else repl(m)
            if new != m.group(0):
                edits.append((m.start(), m.end(), new))
        self.splice(edits)
        return len(edits)

    def delete(self, spans: Iterable[tuple[int, int]]) -> int:
        """Delete [start, end) spans (sorted, non-overlapping); returns characters removed."""
        return self.splice((s, e, "") for s, e in spans)

    def splice(self, edits: Iterable[tuple[int, int, str]]) -> int:
        """Replace [start, end) spans (sorted, non-overlapping) by new strings; returns the
        number of characters replaced. New characters map onto the span they replace."""
        chunks: list[str] = []
        pos: list[int] = []
        last = 0
        touched = 0
        edited = False
        for start, end, new in edits:
            edited = True
            chunks.append(self.text[last:start])
            pos.extend(self.pos[last:start])
            chunks.append(new)
            pos.extend(_spread(self.pos[start:end], len(new)))
            touched += end - start
            last = end
        if edited:
            chunks.append(self.text[last:])
            pos.extend(self.pos[last:])
            self.text = "".join(chunks)
            self.pos = pos
        return touched

    def replace_same_length(self, new_text: str) -> None:
        """Swap in a same-length text (character-for-character conversions such as t2s)."""
        if len(new_text) != len(self.text):
            raise ValueError("replacement changes the length")
        self.text = new_text

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-text span that clean span [start, end) came from."""
        if not 0 <= start < end <= len(self.text):
            raise IndexError(f"span {start}:{end} outside 0:{len(self.text)}")
        return self.pos[start], self.pos[end - 1] + 1

    def runs(self) -> list[tuple[int, int, int]]:
        """Compress positions into (clean_start, raw_start, length) runs of consecutive characters."""
        return runs_of(self.pos)


def _spread(source: list[int], n: int) -> list[int]:
    """Positions for n new characters replacing characters at ``source`` positions."""
    if n == 0:
        return []
    if n == len(source):
        return list(source)
    if n == 1:
        return [source[0]]
    # first n-1 characters follow the source, the last one ends where the source ends
    head = [source[min(i, len(source) - 1)] for i in range(n - 1)]
    return [*head, source[-1]]


def runs_of(pos: list[int]) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    if not pos:
        return out
    start = 0
    for i in range(1, len(pos) + 1):
        if i == len(pos) or pos[i] != pos[i - 1] + 1:
            out.append((start, pos[start], i - start))
            start = i
    return out


def positions_from_runs(runs: Iterable[tuple[int, int, int]]) -> list[int]:
    pos: list[int] = []
    for clean_start, raw_start, length in runs:
        if clean_start != len(pos):
            raise ValueError("offset runs are not contiguous")
        pos.extend(range(raw_start, raw_start + length))
    return pos


def to_raw(runs: Iterable[tuple[int, int, int]], start: int, end: int) -> tuple[int, int]:
    """Map a clean-text span back to raw text using a document's offset runs."""
    first = last = None
    for clean_start, raw_start, length in runs:
        if first is None and clean_start <= start < clean_start + length:
            first = raw_start + start - clean_start
        if clean_start <= end - 1 < clean_start + length:
            last = raw_start + end - 1 - clean_start + 1
            break
    if first is None or last is None:
        raise IndexError(f"span {start}:{end} is outside the clean text")
    return first, last
