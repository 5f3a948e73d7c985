"""Compare a run's tables with gold files (``samples/gold`` format): P/R/F1 per kind and metadata.

Matching (items marked ``uncertain`` count neither for nor against):
- places: standard name;  officials: name;  regulations: canonical name (punctuation, quotes,
  dashes and 中华人民共和国 removed);
- indicators: same normalized value and base unit (名/位 count as 人: older gold files kept them apart;
  个工作日 as 工作日: annotators write both),
  the same upper bound when either side is a range (1至2亿元), and metrics that agree — one contains
  the other, or they share at least half of their characters (Jaccard), after removing punctuation.
- metadata: exact equality per field (null = null counts as a match).
- indicator scope and period: among indicators matched to gold items that carry them, the share
  whose ``scope`` / ``period`` equals the gold's (null = null counts as right).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline import store

KINDS = ("places", "officials", "regulations", "indicators")
META_FIELDS = ("title", "publish_date", "source", "author")
PANEL_FIELDS = ("scope", "period")
_SAME_BASE = {  # one unit written two ways; gold files write 宗 both ways
    "名": "人",
    "位": "人",
    "个工作日": "工作日",
    "宗": "件",
    "微克每立方米": "微克/立方米",
    "毫克每立方米": "毫克/立方米",
}
_PUNCT = re.compile(r"[\s“”\"'‘’《》〈〉()（）\[\]【】、,，.。:：;；\-—–―~～·]")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    miss_items: list[tuple[str, dict]] = field(default_factory=list)  # (doc, gold item)
    fp_items: list[tuple[str, dict]] = field(default_factory=list)  # (doc, predicted row)
    pairs: list[tuple[str, dict, dict]] = field(default_factory=list)  # (doc, predicted row, gold item)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def canonical(text: str | None) -> str:
    text = text if isinstance(text, str) else ""  # a missing value read from Parquet is NaN
    text = text.replace("中华人民共和国", "")
    return _PUNCT.sub("", text)


def metric_agrees(a: str | None, b: str | None) -> bool:
    a, b = canonical(a), canonical(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) >= 0.5


def _same(kind: str, pred: dict, gold: dict) -> bool:
    if kind == "indicators":
        return (
            _close(pred["normalized_value"], gold["normalized"])
            and _close(pred.get("normalized_value_max"), gold.get("normalized_max"))
            and _base(pred["base_unit"]) == _base(gold["base_unit"])
            and metric_agrees(pred["metric"], gold["metric"])
        )
    key = "name"
    return canonical(pred[key]) == canonical(gold[key])


def _close(a, b) -> bool:
    """Equal numbers, or both missing (None, or NaN read from Parquet)."""
    a, b = (None if x is None or pd.isna(x) else float(x) for x in (a, b))
    return a == b if a is None or b is None else abs(a - b) < 1e-6


def _base(unit: str | None) -> str | None:
    return _SAME_BASE.get(unit, unit)


def _label(kind: str, item: dict) -> str:
    if kind == "indicators":
        value = item.get("normalized", item.get("normalized_value"))
        return f"{item.get('text')} [{item.get('metric')} = {value} {item.get('base_unit')}]"
    return str(item.get("name"))


def match(kind: str, preds: list[dict], golds: list[dict], score: Score, doc: str) -> None:
    """Greedy one-to-one matching; predictions matching only uncertain gold items are ignored."""
    used: set[int] = set()
    unmatched_preds = []
    for p in preds:
        hit = next((i for i, g in enumerate(golds) if i not in used and _same(kind, p, g)), None)
        if hit is None:
            unmatched_preds.append(p)
            continue
        used.add(hit)
        if not golds[hit].get("uncertain"):
            score.tp += 1
            score.pairs.append((doc, p, golds[hit]))
    for p in unmatched_preds:
        score.fp += 1
        score.false_positives.append(f"{doc}: {_label(kind, p)}")
        score.fp_items.append((doc, p))
    for i, g in enumerate(golds):
        if i not in used and not g.get("uncertain"):
            score.fn += 1
            score.misses.append(f"{doc}: {_label(kind, g)}")
            score.miss_items.append((doc, g))


def evaluate_sets(gold_dirs: list[Path], out: Path) -> dict[str, dict]:
    """``evaluate`` per gold folder, plus ``combined`` (the sums) when there are several."""
    results = {str(g): evaluate(g, out) for g in gold_dirs}
    if len(results) > 1:
        results["combined"] = combine(list(results.values()))
    return results


def combine(results: list[dict]) -> dict:
    """One result whose counts, misses and false positives are those of all ``results``."""

    def total(scores: list[Score]) -> Score:
        s = Score()
        for x in scores:
            s.tp, s.fp, s.fn = s.tp + x.tp, s.fp + x.fp, s.fn + x.fn
            s.misses += x.misses
            s.false_positives += x.false_positives
            s.miss_items += x.miss_items
            s.fp_items += x.fp_items
            s.pairs += x.pairs
        return s

    return {
        "documents": sum(r["documents"] for r in results),
        "kinds": {k: total([r["kinds"][k] for r in results]) for k in KINDS},
        "meta": {f: total([r["meta"][f] for r in results]) for f in META_FIELDS},
        "panel": {f: total([r["panel"][f] for r in results]) for f in PANEL_FIELDS},
    }


def panel_accuracy(indicators: Score) -> dict[str, Score]:
    """Scope and period of matched indicators against gold items that carry them: right → tp, wrong → fn."""
    out = {f: Score() for f in PANEL_FIELDS}
    for doc, pred, gold in indicators.pairs:
        for f in PANEL_FIELDS:
            if f not in gold:
                continue
            got = pred.get(f)
            got = None if got is None or (not isinstance(got, str) and pd.isna(got)) else got
            if got == gold[f]:
                out[f].tp += 1
            else:
                out[f].fn += 1
                out[f].misses.append(f"{doc}: {gold.get('text')!r} want {gold[f]!r}, got {got!r}")
    return out


def evaluate(gold_dir: Path, out: Path) -> dict:
    """Scores per kind and per metadata field for every gold file whose document is in the run."""
    docs = store.read_table(
        out, "documents", ["doc_id", "source_path", "title", "publish_date", "source", "author"]
    ).to_pandas()
    docs["stem"] = docs["source_path"].map(lambda p: Path(p).stem)
    tables = {k: store.read_table(out, k).to_pandas() for k in KINDS}
    scores = {k: Score() for k in KINDS}
    meta = {f: Score() for f in META_FIELDS}
    matched_docs = 0
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_file.read_text("utf-8"))
        stem = gold.get("id") or gold_file.stem
        row = docs[docs["doc_id"] == gold["doc_id"]] if gold.get("doc_id") else docs[docs["stem"] == stem]
        if row.empty:
            continue
        matched_docs += 1
        doc = row.iloc[0]
        for kind in KINDS:
            t = tables[kind]
            preds = t[t["doc_id"] == doc["doc_id"]].to_dict("records")
            match(kind, preds, gold.get(kind, []), scores[kind], stem)
        for f in META_FIELDS:
            pred = doc[f]
            pred = None if pd.isna(pred) else (pred.isoformat() if hasattr(pred, "isoformat") else pred)
            want = gold.get("meta", {}).get(f)
            if pred == want:
                meta[f].tp += 1
            else:
                meta[f].fn += 1
                meta[f].misses.append(f"{stem}: want {want!r}, got {pred!r}")
    return {
        "documents": matched_docs,
        "kinds": scores,
        "meta": meta,
        "panel": panel_accuracy(scores["indicators"]),
    }
