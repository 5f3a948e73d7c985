"""Sentence splitting: a plain function over clean text, and the spaCy component that uses it.

Rules: a paragraph (line) is never crossed; a sentence ends after 。！？!?… or an ASCII '.' that
ends Chinese text; closing quotes and brackets stay with their sentence; no split inside open
quotes or brackets that close within the paragraph (an unclosed quote shields nothing) nor inside numbers
(218.15); headings and list items are their own lines, hence their own sentences.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

END = set("。！？!?…")
CLOSERS = set("”’」』）)】》\"'")
OPENERS = {"“": "”", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】"}
MAX_QUOTE = 200  # a quote longer than this does not shield splits
_ASCII_STOP = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z”）)])\.(?=\s|$|[\u4e00-\u9fff“])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, in order; together they cover all non-blank text."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans.extend((offset + s, offset + e) for s, e in _split_line(line))
        offset += len(line) + 1
    return spans


def _split_line(line: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    stack: list[tuple[str, int]] = []
    ascii_stops = {m.start() for m in _ASCII_STOP.finditer(line)}
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        closes_sentence = False
        if stack and ch == OPENERS[stack[-1][0]]:
            stack.pop()
            closes_sentence = not stack and i > 0 and line[i - 1] in END  # …国家乱。” ends here
        elif ch in OPENERS and ch not in CLOSERS and line.find(OPENERS[ch], i + 1, i + MAX_QUOTE + 1) > 0:
            stack.append((ch, i))  # only quotes that close on this line shield their content
        if (ch in END or i in ascii_stops or closes_sentence) and not stack:
            j = i + 1
            while j < n and (line[j] in END or line[j] in CLOSERS):
                j += 1
            out.append((start, j))
            start = j
            i = j
            continue
        i += 1
    if start < n:
        out.append((start, n))
    return [(s + _lead(line, s, e), e - _trail(line, s, e)) for s, e in out if line[s:e].strip()]


def _lead(line: str, s: int, e: int) -> int:
    return len(line[s:e]) - len(line[s:e].lstrip())


def _trail(line: str, s: int, e: int) -> int:
    return len(line[s:e]) - len(line[s:e].rstrip())


@Language.component("fazhi_sentences")
def sentence_component(doc: Doc) -> Doc:
    """Mark the first token of every sentence from split_sentences (works with any tokenizer);
    other tokens are set to "not a start" in one array write instead of a Python loop."""
    if not len(doc):
        return doc
    flags = numpy.full(len(doc), -1, dtype="int32")
    token_starts = doc.to_array([IDX]).astype("int64")  # char offset of each token
    starts = numpy.array([s for s, _ in split_sentences(doc.text)], dtype="int64")
    # the token holding each sentence's first char, in one search (Doc.char_span is linear per call)
    flags[numpy.searchsorted(token_starts, starts, side="right") - 1] = 1
    flags[0] = 1
    array = doc.to_array([SENT_START])
    array[:] = flags.astype(array.dtype)
    doc.from_array([SENT_START], array)
    return doc
