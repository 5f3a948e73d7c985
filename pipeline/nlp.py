"""Builds the spaCy pipeline once per process: Chinese tokenizer + sentence component.

The char segmenter is the default (fast, no model to fetch); pkuseg needs
``python -m pipeline fetch-pkuseg`` once (see pipeline/segment.py). The trained NER model slots in here
when it ships; the rule extractors work on the text and its sentences either way.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from pipeline import split  # also registers the fazhi_sentences component
from pipeline.segment import build_zh_nlp

# spaCy's Chinese tokenizer aligns words to the text with a slice per word: quadratic in the
# length (200k chars: 4.8 s, 500k: 60 s). Longer texts get their sentences from split_sentences
# directly, which the component runs anyway (identical spans with the char segmenter).
LONG_TEXT = 50_000


@lru_cache(maxsize=2)
def build_nlp(segmenter: str = "char") -> Language:
    """Tokenizer (char, or pkuseg with the project's user dictionary) + sentence component."""
    nlp = build_zh_nlp(segmenter)
    nlp.add_pipe("fazhi_sentences")
    nlp.max_length = 100_000_000  # spaCy's 1 M guards parser memory; these rules need none (inputs ≤ 20 MB)
    return nlp


def sentences(texts: list[str], segmenter: str = "char") -> list[list[tuple[int, int]]]:
    """Sentence spans for each text. With the char segmenter every char starts a token, so the
    pipeline's sentences are exactly split_sentences' spans (checked on 4 M news chars): they come
    from it directly, without building a Doc and its tokens (0.8 against 6.5 CPU-s on 4 M chars).
    Other segmenters go through the spaCy pipeline, where a sentence starts at its token."""
    if segmenter == "char":
        return [split.split_sentences(t) for t in texts]
    return pipeline_sentences(texts, segmenter)


def pipeline_sentences(texts: list[str], segmenter: str) -> list[list[tuple[int, int]]]:
    """Sentence spans from the spaCy pipeline's ``doc.sents``, stripped of blanks."""
    nlp = build_nlp(segmenter)
    long = {k for k, t in enumerate(texts) if len(t) > min(LONG_TEXT, nlp.max_length - 1)}
    if long:  # the splitter the component runs, without tokens (see LONG_TEXT)
        short = iter(pipeline_sentences([t for k, t in enumerate(texts) if k not in long], segmenter))
        return [split.split_sentences(t) if k in long else next(short) for k, t in enumerate(texts)]
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        spans = []
        for sent in doc.sents:
            text = sent.text
            start = sent.start_char + len(text) - len(text.lstrip())
            end = sent.end_char - (len(text) - len(text.rstrip()))
            if end > start:
                spans.append((start, end))
        out.append(spans)
    return out
