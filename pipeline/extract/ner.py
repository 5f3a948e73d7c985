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
from functools import lru_cache
from pathlib import Path

from pipeline.extract import rules
from pipeline.extract.officials import title_words
from pipeline.extract.types import Found

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner"
LABELS = {"PER": "PERSON", "TITLE": "TITLE", "GOV": "GOV", "ORG": "ORG", "LOC": "PLACE"}
MAX_SENTENCE = 5000  # longer "sentences" are tables or run-on dumps: the model is not run on them
CONFIDENCE = 0.7  # the model gives no calibrated scores; this is its dev-set precision, rounded


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
    except Exception as e:  # noqa: BLE001 — any load failure means the same thing to the user
        raise ModelError(f"the NER model in {MODEL_DIR} cannot be loaded ({type(e).__name__}: {e}); "
                         "restore it (git checkout pipeline/models/ner) or run with --ner off") from e


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


def tag(texts: list[str], sentences: list[list[tuple[int, int]]], mode: str = "triggers") -> list[list[Found]]:
    """NER spans per document, over the triggered sentences (or all of them)."""
    nlp = None if mode == "off" else load_model()  # "off" must work even when the model cannot load
    if nlp is None:
        return [[] for _ in texts]
    jobs: list[tuple[int, int, str]] = []  # (doc index, sentence start, sentence text)
    pattern = trigger()
    for k, (text, spans) in enumerate(zip(texts, sentences)):
        for s, e in spans:
            if e - s <= MAX_SENTENCE and (mode == "all" or pattern.search(text, s, e)):
                jobs.append((k, s, text[s:e]))
    out: list[list[Found]] = [[] for _ in texts]
    how = method()
    for (k, offset, _), doc in zip(jobs, nlp.pipe((j[2] for j in jobs), batch_size=256)):
        for ent in doc.ents:
            out[k].append(Found(offset + ent.start_char, offset + ent.end_char, LABELS[ent.label_], ent.text, how, CONFIDENCE))
    return out
