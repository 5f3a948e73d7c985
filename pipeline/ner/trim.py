"""Entity edges: drop punctuation and spaces the NER model let into a span (【赛迪网 → 赛迪网).

A char-level tagger sometimes starts or ends a span one char too far, on a bracket, quote, comma or
middle dot. No entity begins or ends with a lone one, so ``fazhi_trim_entities`` (after ``ner`` in the
model's pipeline) takes them off. A bracket or quote whose partner is inside the span stays: the
corpora tag “幸福工程”组委会 and 美国证券交易委员会(SEC) with their brackets. Straight quotes (" ')
open and close alike, so they stay when the span holds an even number of them.
"""

from __future__ import annotations

import unicodedata

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.split import OPENERS

# The sentence splitter's quote/bracket pairs, plus those that also occur inside names.
PAIRS = {**OPENERS, "[": "]", "{": "}", "〈": "〉", "‘": "’", "〔": "〕", "<": ">"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
SYMMETRIC = {'"', "'"}


def is_edge_junk(char: str) -> bool:
    """Punctuation or space (Unicode categories P*, Z*, and control chars such as tabs)."""
    return unicodedata.category(char)[0] in "PZC"


def keeps(text: str, i: int) -> bool:
    """Whether the punctuation char at text[i] (an edge of the span text) has its partner inside."""
    char = text[i]
    if char in PAIRS:
        return PAIRS[char] in text[i + 1 :]
    if char in CLOSERS:
        return CLOSERS[char] in text[:i]
    if char in SYMMETRIC:
        return text.count(char) % 2 == 0
    return False


def trimmed_bounds(text: str) -> tuple[int, int]:
    """(start, end) of the part of ``text`` without unpaired punctuation/space at either edge."""
    start, end = 0, len(text)
    while start < end:
        inner = text[start:end]
        if is_edge_junk(inner[0]) and not keeps(inner, 0):
            start += 1
        elif is_edge_junk(inner[-1]) and not keeps(inner, len(inner) - 1):
            end -= 1
        else:
            break
    return start, end


def trim_span(span: Span) -> Span | None:
    """The span without junk edges (token-aligned), or None when nothing is left."""
    start, end = trimmed_bounds(span.text)
    if start >= end:
        return None
    if (start, end) == (0, len(span.text)):
        return span
    return span.doc.char_span(
        span.start_char + start, span.start_char + end, label=span.label, alignment_mode="contract"
    )


@Language.factory("fazhi_trim_entities")
def make_trim_entities(nlp: Language, name: str):
    return trim_entities


def trim_entities(doc: Doc) -> Doc:
    spans = [trim_span(ent) for ent in doc.ents]
    doc.ents = [s for s in spans if s is not None and len(s)]
    return doc
