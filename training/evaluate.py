"""Exact-span precision/recall/F1 of the fazhi NER model on CLUENER dev, MSRA test and Resume test.

Each corpus keeps its own gold label scheme; model labels are folded onto it:
- CLUENER2020 dev: name→PER, position→TITLE, government→GOV, organization+company→ORG, address→LOC
  (book/movie/game/scene have no gold here, so a prediction on them counts as a false positive).
- MSRA test: PER, LOC, ORG; predicted GOV and ORG both count as ORG; TITLE predictions are ignored
  (MSRA does not annotate titles). Micro-F1 over PER/LOC/ORG.
- Resume test: NAME→PER, TITLE, ORG (predicted GOV∪ORG), LOC; CONT/EDU/PRO/RACE are not scored.

A model trained with annotation guidelines (pipeline/ner/guidelines.py) is asked to follow each test set's
own guideline (``guideline="own"``), or one given guideline for all, or its default (``"default"``).
"""

from __future__ import annotations

import time
from pathlib import Path

from pipeline.ner.guidelines import GUIDELINE
from training.convert import EVAL_TABLES, load_rules, map_record, read_source
from training.corpus import GUIDELINES

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data"
DEFAULT_MODEL = REPO_ROOT / "pipeline" / "models" / "ner"

# dataset -> (labels scored, how a predicted label is folded onto the gold scheme)
SCHEMES = {
    "cluener_dev": (["PER", "TITLE", "GOV", "ORG", "LOC"], {}),
    "msra_test": (["PER", "LOC", "ORG"], {"GOV": "ORG", "TITLE": None}),
    "resume_test": (["PER", "TITLE", "ORG", "LOC"], {"GOV": "ORG"}),
}

SpanSet = set[tuple[int, int, int, str]]  # (doc index, start, end, label)


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "p": round(100 * p, 2),
        "r": round(100 * r, 2),
        "f": round(100 * f, 2),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def score_spans(gold: SpanSet, pred: SpanSet, labels: list[str]) -> dict:
    """Per-label and micro P/R/F1 for exact (start, end, label) matches."""
    out, totals = {}, [0, 0, 0]
    for label in labels:
        g = {s for s in gold if s[3] == label}
        p = {s for s in pred if s[3] == label}
        counts = (len(g & p), len(p - g), len(g - p))
        totals = [a + b for a, b in zip(totals, counts)]
        out[label] = prf(*counts)
    out["micro"] = prf(*totals)
    return out


def guided_docs(nlp, texts: list[str], guideline: str | None):
    """Docs to tag, each asking for ``guideline`` (None: the model's default)."""
    for text in texts:
        doc = nlp.make_doc(text)
        doc._.set(GUIDELINE, guideline)
        yield doc


def predict(nlp, texts: list[str], fold: dict, guideline: str | None = None) -> SpanSet:
    spans = set()
    for i, doc in enumerate(nlp.pipe(guided_docs(nlp, texts, guideline), batch_size=64)):
        for ent in doc.ents:
            label = fold.get(ent.label_, ent.label_)
            if label:
                spans.add((i, ent.start_char, ent.end_char, label))
    return spans


def load_test_set(name: str, data_dir: Path) -> tuple[list[str], SpanSet]:
    """A test set's texts and its gold spans, mapped onto the five labels."""
    records = [map_record(r, EVAL_TABLES[name], load_rules()) for r in read_source(name, Path(data_dir))]
    return [text for text, _ in records], {
        (i, s, e, lab) for i, (_, spans) in enumerate(records) for s, e, lab in spans
    }


def evaluate_dataset(nlp, name: str, data_dir: Path, guideline: str = "own") -> dict:
    labels, fold = SCHEMES[name]
    texts, gold = load_test_set(name, data_dir)
    asked = {"own": GUIDELINES[name], "default": None}.get(guideline, guideline)
    return score_spans(gold, predict(nlp, texts, fold, asked), labels)


def chars_per_second(nlp, texts: list[str], n_chars: int = 200_000) -> float:
    """Throughput of nlp.pipe over about n_chars characters (run single-threaded)."""
    batch, total = [], 0
    while total < n_chars:
        for text in texts:
            batch.append(text)
            total += len(text)
            if total >= n_chars:
                break
    start = time.perf_counter()
    for _ in nlp.pipe(batch, batch_size=64):
        pass
    return total / (time.perf_counter() - start)


def format_scores(scores: dict) -> str:
    lines = []
    for name, table in scores.items():
        if not isinstance(table, dict) or "micro" not in table:
            continue
        lines.append(f"{name}:")
        for label, s in table.items():
            lines.append(
                f"  {label:<6} P {s['p']:6.2f}  R {s['r']:6.2f}  F1 {s['f']:6.2f}  (gold {s['tp'] + s['fn']})"
            )
    if "speed_chars_per_s" in scores:
        lines.append(f"speed: {scores['speed_chars_per_s']:,.0f} chars/s (1 thread, nlp.pipe)")
    return "\n".join(lines)


def evaluate_ner(
    model_path: Path | str = DEFAULT_MODEL,
    data_dir: Path | str = DEFAULT_DATA_DIR,
    speed: bool = True,
    quiet: bool = False,
    guideline: str = "own",
) -> dict:
    """Evaluate a saved model on the three test sets; print and return the scores.

    guideline: "own" (each set's own), "default" (the model's default) or a guideline name."""
    from pipeline.ner import load

    nlp = load(model_path)
    scores = {name: evaluate_dataset(nlp, name, Path(data_dir), guideline) for name in SCHEMES}
    scores["guideline"] = guideline
    if speed:
        texts = [text for text, _ in read_source("msra_test", Path(data_dir))]
        scores["speed_chars_per_s"] = round(chars_per_second(nlp, texts))
    if not quiet:
        print(format_scores(scores))
    return scores
