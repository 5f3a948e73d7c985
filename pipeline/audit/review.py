"""Human review loop through Label Studio: export mentions as tasks with predictions, import the
reviewed tasks back as gold files (the ``samples/gold`` format) for ``evaluate``.

Label Studio labeling config to use with the exported tasks (one ``Labels`` over the text):
    <View><Labels name="label" toName="text">
      <Label value="PLACE"/><Label value="PERSON"/><Label value="TITLE"/><Label value="ORG"/>
      <Label value="REGULATION"/><Label value="INDICATOR"/><Label value="DATE"/>
    </Labels><Text name="text" value="$text"/></View>
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline import store
from pipeline.extract import indicators, places
from pipeline.extract.regulations import normalize as normalize_regulation

FROM_NAME, TO_NAME = "label", "text"


def export_tasks(out: Path, doc_ids: list[str] | None = None) -> list[dict]:
    """One Label Studio task per document: the clean text, metadata, and the run's mentions as
    a prediction (score = mean confidence, model_version = pipeline version)."""
    docs = store.read_table(out, "documents").to_pylist()
    mentions = store.read_table(out, "mentions").to_pylist()
    by_doc: dict[str, list[dict]] = {}
    for m in mentions:
        by_doc.setdefault(m["doc_id"], []).append(m)
    tasks = []
    for d in docs:
        if doc_ids is not None and d["doc_id"] not in doc_ids:
            continue
        ms = sorted(by_doc.get(d["doc_id"], []), key=lambda m: (m["start"], m["end"]))
        result = [
            {
                "id": m["mention_id"],
                "from_name": FROM_NAME,
                "to_name": TO_NAME,
                "type": "labels",
                "value": {"start": m["start"], "end": m["end"], "text": m["text"], "labels": [m["label"]]},
                "score": m["confidence"],
                "meta": {"method": m["method"], "normalized": m["normalized"]},
            }
            for m in ms
        ]
        score = sum(m["confidence"] for m in ms) / len(ms) if ms else 0.0
        tasks.append(
            {
                "data": {
                    "text": d["clean_text"],
                    "doc_id": d["doc_id"],
                    "source_path": d["source_path"],
                    "title": d["title"],
                    "publish_date": str(d["publish_date"]) if d["publish_date"] else None,
                    "source": d["source"],
                    "author": d["author"],
                },
                "predictions": [
                    {"model_version": d["pipeline_version"], "score": round(score, 4), "result": result}
                ],
            }
        )
    return tasks


def import_reviewed(tasks: list[dict], gold_dir: Path) -> list[Path]:
    """Write one gold file per reviewed task (its latest annotation); tasks without an
    annotation are skipped. Returns the files written."""
    gold_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for task in tasks:
        annotations = [a for a in task.get("annotations", []) if not a.get("was_cancelled")]
        if not annotations:
            continue
        spans = [r for r in annotations[-1].get("result", []) if r.get("type") == "labels"]
        gold = gold_from_spans(task["data"], spans)
        path = _gold_path(gold_dir, task["data"], written)
        path.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    return written


def _gold_path(gold_dir: Path, data: dict, written: list[Path]) -> Path:
    """``<stem>.json``, unless that name is another document's (tasks from one .jsonl share a
    stem; a hand-made gold file has none of our doc ids): then ``<stem>-<doc_id>.json``."""
    path = gold_dir / f"{Path(data['source_path']).stem}.json"
    if path in written or (path.exists() and _doc_id_of(path) != data.get("doc_id")):
        path = gold_dir / f"{Path(data['source_path']).stem}-{data.get('doc_id')}.json"
    return path


def _doc_id_of(path: Path) -> str | None:
    try:
        return json.loads(path.read_text("utf-8")).get("doc_id")
    except (OSError, ValueError, AttributeError):
        return None


def gold_from_spans(data: dict, spans: list[dict]) -> dict:
    """Gold items from reviewed spans, normalized by the same rules the extractors use."""
    text = data["text"]
    labelled = sorted((r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]) for r in spans)
    gold = {
        "id": Path(data["source_path"]).stem,
        "doc_id": data.get("doc_id"),
        "meta": {k: data.get(k) for k in ("title", "publish_date", "source", "author")},
        "places": [],
        "officials": [],
        "regulations": [],
        "indicators": [],
    }
    for start, end, label in labelled:
        surface = text[start:end]
        if label == "PLACE":
            gold["places"].append(_place(surface))
        elif label == "PERSON":
            gold["officials"].append(
                {"name": surface, "title": _nearby(text, labelled, start, end, "TITLE"), "org": None}
            )
        elif label == "REGULATION":
            gold["regulations"].append({"text": surface, "name": normalize_regulation(surface.strip("《》"))})
        elif label == "INDICATOR":
            gold["indicators"].append(_indicator(surface))
    for kind in ("places", "officials", "regulations"):  # gold lists distinct items per document
        gold[kind] = list({item["name"]: item for item in reversed(gold[kind])}.values())[::-1]
    return gold


def _place(surface: str) -> dict:
    resolved = places.resolve(places.find(surface))
    if resolved:
        p = resolved[0]
        return {"text": surface, "name": p.name, "level": p.level}
    return {"text": surface, "name": surface, "level": "other"}


def _nearby(text: str, labelled: list, start: int, end: int, label: str, window: int = 20) -> str | None:
    near = [
        (min(abs(s - end), abs(start - e)), text[s:e])
        for s, e, lab in labelled
        if lab == label and (abs(s - end) <= window or abs(start - e) <= window)
    ]
    return min(near)[1] if near else None


def _indicator(surface: str) -> dict:
    hits, _ = indicators.find(surface, [])
    if not hits:
        return {
            "text": surface,
            "metric": None,
            "value": None,
            "unit": None,
            "qualifier": None,
            "normalized": None,
            "base_unit": None,
            "uncertain": True,
            "note": "not parsed by the number rules",
        }
    h = hits[0]
    return {
        "text": surface,
        "metric": h.metric,
        "value": h.value,
        "unit": h.unit,
        "qualifier": h.qualifier,
        "normalized": h.normalized_value,
        "base_unit": h.base_unit,
    }
