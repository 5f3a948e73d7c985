"""Ensemble distillation: teacher models vote on unlabelled news sentences, the votes become training docs.

Single models of this project differ by a point or two per label from run to run, but a span-level
majority vote of many of them is steadier and better (README "Session 18"). Their votes on sentences of
the unlabelled news corpus, tagged under one annotation guideline, become partly annotated training docs:

* a span at least ``min_votes`` teachers agree on (default: a strict majority) is an entity;
* characters that some teachers put in an entity but no majority span covers are *missing*
  (``-``, no gradient either way): the teachers are unsure there;
* everything else is O (every teacher agrees it is outside).

Each teacher's spans are cached per (model weights, sentences, guideline), so teachers can be tagged by
several processes at once and a vote with another threshold needs no tagging.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from pathlib import Path

from pipeline.ner.convert import Record, Span, blank_nlp, write_docbin
from pipeline.ner.rules import MISSING
from pipeline.version import file_sha256

SENTENCE_END = re.compile(r"(?<=[。！？!?])")
# The corpus's dateline (央视网消息（新闻联播）：) starts most stories and is no sentence content.
DATELINE = re.compile(r"^[^：:，,。]{0,20}消息[（(][^）)]*[）)][：:]")


def news_sentences(texts, n: int, seed: int, min_len: int = 12, max_len: int = 150) -> list[str]:
    """``n`` distinct sentences (seeded sample, in a fixed order) of min_len..max_len chars from texts."""
    found = set()
    for text in texts:
        for paragraph in text.split("\n"):
            for sentence in SENTENCE_END.split(DATELINE.sub("", paragraph.strip())):
                sentence = sentence.strip()
                if min_len <= len(sentence) <= max_len:
                    found.add(sentence)
    pool = sorted(found)
    if len(pool) < n:
        raise ValueError(f"only {len(pool)} sentences of {min_len}-{max_len} chars, {n} asked")
    return random.Random(seed).sample(pool, n)


def model_hash(model_dir: Path) -> str:
    """sha256 over what a model's predictions depend on: its weight files (tok2vec, ner) and config."""
    h = hashlib.sha256()
    for part in ("tok2vec/model", "ner/model", "config.cfg"):
        path = Path(model_dir) / part
        h.update(file_sha256(path).encode() if path.is_file() else b"-")
    return h.hexdigest()


def texts_hash(texts: list[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


def teacher_spans(model_dir: Path, texts: list[str], guideline: str, cache_dir: Path) -> list[list[Span]]:
    """Per text, the (start, end, label) entities a teacher tags under ``guideline`` (cached)."""
    from pipeline.ner import load
    from pipeline.ner.evaluate import predict

    key = hashlib.sha256(f"{model_hash(model_dir)} {texts_hash(texts)} {guideline}".encode()).hexdigest()[:20]
    path = Path(cache_dir) / f"teacher-{key}.json"
    if path.is_file():
        return [[tuple(s) for s in spans] for spans in json.loads(path.read_text(encoding="utf-8"))["spans"]]
    found = predict(load(model_dir), texts, {}, guideline)
    spans: list[list[Span]] = [[] for _ in texts]
    for i, start, end, label in sorted(found):
        spans[i].append((start, end, label))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"model": str(model_dir), "guideline": guideline, "spans": spans},
                               ensure_ascii=False), encoding="utf-8")
    return spans


def voted_record(text: str, teachers: list[list[Span]], min_votes: int) -> Record:
    """The entities ``min_votes`` teachers agree on; chars other teachers tagged become missing."""
    votes = Counter(span for spans in teachers for span in spans)
    ents = sorted(span for span, count in votes.items() if count >= min_votes)
    covered = {i for start, end, _ in ents for i in range(start, end)}
    unsure = sorted({i for (start, end, _), count in votes.items() if count < min_votes
                     for i in range(start, end)} - covered)
    return text, sorted(ents + _runs(unsure))


def _runs(positions: list[int]) -> list[Span]:
    """Sorted char positions → (start, end, MISSING) for each run of consecutive ones."""
    runs: list[Span] = []
    for i in positions:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1, MISSING)
        else:
            runs.append((i, i + 1, MISSING))
    return runs


def majority(n_models: int) -> int:
    return n_models // 2 + 1


def checked_min_votes(n_models: int, min_votes: int | None) -> int:
    """The votes a span needs among n_models: min_votes, checked, or a strict majority when None."""
    if not n_models:
        raise ValueError("a vote needs at least one teacher model")
    if min_votes is None:
        return majority(n_models)
    if not 1 <= min_votes <= n_models:
        raise ValueError(f"min_votes must be between 1 and {n_models} (the models), got {min_votes}")
    return min_votes


def build_distill_docbin(teachers: list[Path], texts: list[str], out_path: Path, guideline: str,
                         cache_dir: Path, min_votes: int | None = None, progress=None) -> dict:
    """Tag texts with every teacher, vote, write the DocBin; its stamp (what it was built from)."""
    min_votes = checked_min_votes(len(teachers), min_votes)
    tagged = []
    for teacher in teachers:
        tagged.append(teacher_spans(teacher, texts, guideline, cache_dir))
        if progress:
            progress(teacher)
    records = [voted_record(text, [spans[i] for spans in tagged], min_votes) for i, text in enumerate(texts)]
    counts = write_docbin(blank_nlp(), [(r, guideline) for r in records], out_path)
    missing_chars = sum(e - s for _, spans in records for s, e, label in spans if label == MISSING)
    return {"teachers": {str(t): model_hash(t) for t in teachers}, "min_votes": min_votes,
            "guideline": guideline, "sentences": len(texts), "texts_sha256": texts_hash(texts),
            "chars": sum(map(len, texts)), "missing_chars": missing_chars, "counts": dict(counts)}
