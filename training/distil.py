"""Teacher-tagged windows: what a smaller model learns from the shipped one.

The pipeline reads the model only in windows around titles (``pipeline/extract/ner.py``). A narrower
CNN trained on the labelled corpora alone tags those windows differently from the wide model, above
all at names' edges (刘国中 → 刘国, 习近平同). Here the wide model (the teacher) tags the same windows
the pipeline would give it, over news stories the pipeline's checks do not use, and the windows with
its entities become training docs next to the labelled corpora. Entities that touch a window's cut
edge are left unannotated (the pipeline vetoes them), not taught as outside.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import DocBin

from pipeline.extract import ner
from pipeline.ner.guidelines import GUIDELINE
from pipeline.split import split_sentences

FILE = "teacher.spacy"


def stories(path: Path, skip: int) -> Iterator[str]:
    """The texts of a jsonl(.gz) news corpus after its first ``skip`` stories."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= skip and line.strip():
                yield json.loads(line).get("text") or ""


def windows(texts: Iterator[str], limit_chars: int) -> Iterator[tuple[str, bool, bool]]:
    """(text, cut_left, cut_right) of the windows the pipeline tags, until ``limit_chars``."""
    total = 0
    for text in texts:
        for w in ner._jobs([text], [split_sentences(text)], "triggers", ner.MARGIN):
            yield text[w.start : w.end], w.cut_left, w.cut_right
            total += w.end - w.start
            if total >= limit_chars:
                return


def teacher_docbin(
    corpus: Path, teacher: Path, out: Path, skip: int, limit_chars: int, guideline: str
) -> Counter:
    """Tag the windows with the teacher and save them (with its entities) as a DocBin."""
    from pipeline.ner import load

    nlp = load(teacher)
    db, counts = DocBin(store_user_data=True), Counter()
    found = list(windows(stories(corpus, skip), limit_chars))
    for (text, cut_left, cut_right), doc in zip(found, nlp.pipe((t for t, _, _ in found), batch_size=64)):
        counts.update(keep_whole(doc, cut_left, cut_right))
        doc._.set(GUIDELINE, guideline)
        db.add(doc)
        counts["docs"] += 1
        counts["chars"] += len(text)
    out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    return counts


def keep_whole(doc, cut_left: bool, cut_right: bool) -> Counter:
    """Leave the doc's entities that touch a cut edge unannotated (neither taught nor taught as
    outside); the counts of the kept ones by label, and of the others as ``cut``."""
    ents, missing = [], []
    for ent in doc.ents:
        cut = (cut_left and ent.start_char == 0) or (cut_right and ent.end_char == len(doc.text))
        (missing if cut else ents).append(ent)
    doc.set_ents(ents, missing=missing, default="outside")
    return Counter([e.label_ for e in ents] + ["cut"] * len(missing))


def merged(paths: list[Path], out: Path) -> Path:
    """One DocBin with the docs of several (user data kept)."""
    db = DocBin(store_user_data=True)
    for path in paths:
        db.merge(DocBin(store_user_data=True).from_disk(path))
    db.to_disk(out)
    return out
