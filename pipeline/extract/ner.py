"""The project's trained NER model (``pipeline/models/ner``), run where it can change a result.

A char-level CNN tags ~20-40k characters/s per core, several times slower than all the rules
together, so it does not read every sentence: a cheap trigger (a title from the lexicon, the only
place the resolvers use person names) picks the sentences worth tagging. ``mode="all"`` tags every
sentence, for measuring what the trigger costs in accuracy.

Order inside the model: char tokenizer → tok2vec → ner (PER, TITLE, GOV, ORG, LOC); the rules
run first (regulations, places, indicators, dates) and the resolvers combine both (officials).
The model can tag by several corpora's annotation guidelines (``pipeline/ner/guidelines.py``); the
sentences here do not ask for one, so it follows its ``default_guideline`` (CLUENER's: 北京市政府 is
one GOV span, as an official's organisation should be).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pipeline.extract import rules
from pipeline.extract.officials import title_words
from pipeline.extract.types import Found
from pipeline.switches import on

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner"
LABELS = {"PER": "PERSON", "TITLE": "TITLE", "GOV": "GOV", "ORG": "ORG", "LOC": "PLACE"}
MAX_SENTENCE = 5000  # longer "sentences" are tables or run-on dumps: the model is not run on them


@lru_cache(maxsize=1)
def load_model():
    """The shipped model, or None when it is not there (the rules then work alone)."""
    if not (MODEL_DIR / "meta.json").is_file():
        return None
    from pipeline.ner import load  # also registers the model's custom embedding layer

    return load(MODEL_DIR)


class ModelError(RuntimeError):
    """The shipped model is there but cannot be loaded (a bad checkout, a changed architecture)."""


def require_model() -> None:
    """Load the model now, so a broken one fails the run once instead of every batch.

    Without this, each batch task fails on the load and the flow quarantines its inputs as
    unreadable: a deployment error would look like thousands of bad documents.
    """
    try:
        load_model()
    except Exception as e:
        raise ModelError(
            f"the NER model in {MODEL_DIR} cannot be loaded ({type(e).__name__}: {e}); "
            "restore it (git checkout pipeline/models/ner) or run with --ner off"
        ) from e


@lru_cache(maxsize=1)
def method() -> str:
    """``ner:<model>@<version>``; the version is a hash of the model's meta.json."""
    import hashlib

    meta = MODEL_DIR / "meta.json"
    if not meta.is_file():
        return "ner:none"
    name = json.loads(meta.read_text("utf-8")).get("name", "ner")
    return f"ner:{name}@{hashlib.sha256(meta.read_bytes()).hexdigest()[:10]}"


@lru_cache(maxsize=1)
def trigger() -> re.Pattern:
    return re.compile(rules.alternation(title_words()))


# Chars of context kept on each side of a trigger. The model reads 12 chars each side of a char
# (a window-3 CNN, 4 deep), and what the resolvers take from it lies within a name's length of a
# title (市长|张三, 张三|市长, a veto on a rule's name beside a title). Against 24, 20 gives the same
# officials, places, regulations and indicators on 4 M news chars and both dev sets with 8 % fewer
# chars tagged; 16 lost a long transliterated name (别尔德穆哈梅多夫) and added 党总支 as a person.
MARGIN = 20
BATCH = 64  # windows per nlp.pipe batch: the CNN's arrays grow with the chars of a batch


class Window(NamedTuple):
    """A stretch of one document's text the model reads."""

    doc: int  # index of the document in the batch
    start: int
    end: int
    cut_left: bool  # starts inside its sentence: the model cannot see what comes before
    cut_right: bool  # ends inside its sentence


def tag(
    texts: list[str],
    sentences: list[list[tuple[int, int]]],
    mode: str = "triggers",
    margin: int | None = MARGIN,
) -> list[list[Found]]:
    """NER spans per document: around each title (``margin`` chars each side, within its sentence;
    None = the whole triggered sentence), or over every sentence (``mode="all"``)."""
    nlp = None if mode == "off" else load_model()  # "off" must work even when the model cannot load
    if nlp is None:
        return [[] for _ in texts]
    jobs = list(_jobs(texts, sentences, mode, margin))
    out: list[list[Found]] = [[] for _ in texts]
    how = method()
    confidence = rules.confidence(how)  # no calibrated scores: its dev-set precision (confidence.yaml)
    docs = nlp.pipe((texts[w.doc][w.start : w.end] for w in jobs), batch_size=BATCH)
    cut_edge = on("ner.veto.cut_edge")
    for w, doc in zip(jobs, docs):  # the Doc's text is the window's (``doc.text`` would rebuild it)
        text = texts[w.doc]
        for ent in doc.ents:
            start, end = w.start + ent.start_char, w.start + ent.end_char
            if cut_edge and ((w.cut_left and start == w.start) or (w.cut_right and end == w.end)):
                continue  # touches a cut the model could not see past: maybe half a name
            out[w.doc].append(Found(start, end, LABELS[ent.label_], text[start:end], how, confidence))
    return out


def _jobs(texts, sentences, mode: str, margin: int | None) -> Iterator[Window]:
    pattern = trigger()
    for k, (text, spans) in enumerate(zip(texts, sentences)):
        for s, e in spans:
            if mode == "all":
                if e - s <= MAX_SENTENCE:
                    yield Window(k, s, e, False, False)
            elif margin is None:
                if e - s <= MAX_SENTENCE and pattern.search(text, s, e):
                    yield Window(k, s, e, False, False)
            else:
                for a, b in windows(text, s, e, pattern, margin):
                    if b - a <= MAX_SENTENCE:  # merged windows of a run-on dump can grow past it
                        yield Window(k, a, b, a > s, b < e)


def windows(text: str, start: int, end: int, pattern: re.Pattern, margin: int) -> list[tuple[int, int]]:
    """Spans of ``margin`` chars around each match of ``pattern`` in text[start:end], merged where
    they touch, clipped to start:end."""
    merged: list[list[int]] = []
    for m in pattern.finditer(text, start, end):
        a, b = max(start, m.start() - margin), min(end, m.end() + margin)
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]
