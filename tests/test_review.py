import json

from conftest import EXAMPLES

from pipeline.audit.review import export_tasks, gold_from_spans, import_reviewed
from pipeline.evaluate import evaluate
from pipeline.flows import extract_flow


def test_export_then_import_of_unchanged_predictions_scores_perfectly(prefect_harness, tmp_path):
    out = tmp_path / "out"
    extract_flow(inputs=[str(EXAMPLES)], out=str(out))
    tasks = export_tasks(out)
    assert len(tasks) == 3
    t = tasks[0]
    assert t["predictions"][0]["model_version"] and 0 < t["predictions"][0]["score"] <= 1
    for r in t["predictions"][0]["result"]:
        v = r["value"]
        assert t["data"]["text"][v["start"] : v["end"]] == v["text"]
    for task in tasks:  # a reviewer accepts every prediction as it is
        task["annotations"] = [{"result": task["predictions"][0]["result"]}]
    gold_dir = tmp_path / "gold"
    written = import_reviewed(json.loads(json.dumps(tasks)), gold_dir)
    assert len(written) == 3
    scores = evaluate(gold_dir, out)
    assert scores["kinds"]["places"].f1 == 1.0 and scores["kinds"]["regulations"].f1 == 1.0
    assert scores["meta"]["title"].tp == 3


def test_reviewed_spans_are_normalized_like_the_extractors():
    data = {
        "text": "宜昌市委书记王明出席,签约额218.15亿元,落实《行政处罚法》。",
        "source_path": "x/a.txt",
        "title": "t",
    }
    spans = [
        {"type": "labels", "value": {"start": s, "end": e, "labels": [lab]}}
        for s, e, lab in [
            (0, 2, "PLACE"),
            (2, 6, "TITLE"),
            (6, 8, "PERSON"),
            (11, 22, "INDICATOR"),
            (25, 32, "REGULATION"),
        ]
    ]
    gold = gold_from_spans(data, spans)
    assert gold["places"] == [{"text": "宜昌", "name": "宜昌市", "level": "city"}]
    assert gold["officials"] == [{"name": "王明", "title": "市委书记", "org": None}]
    assert gold["indicators"][0]["normalized"] == 21815000000 and gold["indicators"][0]["base_unit"] == "元"
    assert gold["regulations"] == [{"text": "《行政处罚法》", "name": "行政处罚法"}]
