"""The Prefect flow under one session-scoped test harness."""

import json

import pandas as pd
import pytest
from conftest import EXAMPLES

from pipeline import flows
from pipeline.batch import read_all
from pipeline.flows import extract_flow
from pipeline.ingest import SourceRef


def test_flow_writes_every_table_and_is_idempotent(prefect_harness, tmp_path):
    out = tmp_path / "out"
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "feed.jsonl").write_text(
        '{"text": "张掖市司法局培训执法人员800余名，签约额218.15亿元。"}\n{oops\n', encoding="utf-8"
    )
    first = extract_flow(inputs=[str(EXAMPLES), str(bad)], out=str(out), batch_size=2)
    assert first["documents"] == 4 and first["quarantined"] == 2
    assert first["inputs"] == first["documents"] + first["quarantined"]
    tables = {
        t: pd.read_parquet(out / t)
        for t in (
            "documents",
            "sentences",
            "mentions",
            "places",
            "officials",
            "regulations",
            "indicators",
            "quarantine",
            "runs",
        )
    }
    assert set(tables["quarantine"]["reason"]) == {"empty", "malformed_json"}
    assert len(tables["runs"]) == 1
    second = extract_flow(inputs=[str(EXAMPLES), str(bad)], out=str(out), batch_size=2)
    assert second["documents"] == 0 and second["skipped_unchanged"] == 4
    for t in (
        "documents",
        "sentences",
        "mentions",
        "places",
        "officials",
        "regulations",
        "indicators",
        "quarantine",
    ):
        again = pd.read_parquet(out / t).drop(columns="run_id")
        before = tables[t].drop(columns="run_id")
        key = [
            c
            for c in before.columns
            if before[c].map(lambda v: isinstance(v, (str, int, float)) or v is None).all()
        ]
        assert len(again) == len(before), t
        pd.testing.assert_frame_equal(
            again.sort_values(key).reset_index(drop=True)[key],
            before.sort_values(key).reset_index(drop=True)[key],
        )
    assert len(pd.read_parquet(out / "runs")) == 2


def test_reading_a_batch_is_a_plain_function(tmp_path):
    from pipeline.ingest import SourceRef

    f = tmp_path / "a.txt"
    f.write_text("甘肃省张掖市司法局召开会议，部署法治政府建设工作。", encoding="utf-8")
    docs = read_all([SourceRef(str(f), "text")])
    assert docs[0].raw_text.startswith("甘肃省")


def test_same_content_twice_is_processed_once(prefect_harness, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = "宜昌市召开法治政府建设推进会，培训执法人员800余名。"
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(text, encoding="utf-8")
    summary = extract_flow(inputs=[str(folder)], out=str(tmp_path / "out"), batch_size=2)
    assert summary["documents"] == 1 and summary["quarantined"] == 2
    q = pd.read_parquet(tmp_path / "out" / "quarantine")
    assert list(q["reason"]) == ["duplicate", "duplicate"]
    assert len(pd.read_parquet(tmp_path / "out" / "indicators")) == 1


def test_dask_runner_gives_the_same_rows_as_the_default(prefect_harness, tmp_path):
    pytest.importorskip("prefect_dask")
    from test_reliability import table_digest

    from pipeline.flows import flow_with_runner

    default, dask = tmp_path / "default", tmp_path / "dask"
    extract_flow(inputs=[str(EXAMPLES)], out=str(default), batch_size=1)
    flow_with_runner("dask", workers=2)(inputs=[str(EXAMPLES)], out=str(dask), batch_size=1)
    assert table_digest(dask) == table_digest(default)


def test_changed_rules_reprocess_and_replace_old_rows(prefect_harness, tmp_path):
    out = tmp_path / "out"
    extract_flow(inputs=[str(EXAMPLES)], out=str(out))
    again = extract_flow(inputs=[str(EXAMPLES)], out=str(out))
    assert again["skipped_unchanged"] == 3 and again["documents"] == 0
    changed = extract_flow(inputs=[str(EXAMPLES)], out=str(out), disabled_rules=["reg.bare_law"])
    assert changed["documents"] == 3
    docs = pd.read_parquet(out / "documents")
    assert len(docs) == 3 and docs["pipeline_version"].str.endswith("-without:reg.bare_law").all()
    regs = pd.read_parquet(out / "regulations")
    assert not (regs["method"] == "rule:reg.bare_law").any()
    assert regs.duplicated(["doc_id", "name"]).sum() == 0


def test_rerun_skips_unchanged_jsonl_batches_without_a_task(prefect_harness, tmp_path, monkeypatch):
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": f"第{i}号通知：张掖市司法局培训执法人员800余名。"}, ensure_ascii=False)
        for i in range(5)
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert extract_flow(inputs=[str(feed)], out=str(out), batch_size=2)["documents"] == 5
    submitted = []
    real_submit = flows.process_batch_task.submit
    monkeypatch.setattr(
        flows.process_batch_task, "submit", lambda *a, **k: submitted.append(a[0]) or real_submit(*a, **k)
    )
    again = extract_flow(inputs=[str(feed)], out=str(out), batch_size=2)
    assert (again["skipped_unchanged"], again["documents"], again["inputs"], submitted) == (5, 0, 5, [])
    lines[3] = json.dumps(
        {"text": "第3号通知（修订）：张掖市司法局培训执法人员900余名。"}, ensure_ascii=False
    )
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = extract_flow(inputs=[str(feed)], out=str(out), batch_size=2)
    assert (changed["documents"], changed["skipped_unchanged"]) == (1, 4)
    assert [(r.first_line, r.last_line) for batch in submitted for r in batch] == [(3, 4)]


def test_a_broken_ner_model_fails_the_run_instead_of_quarantining_every_input(
    prefect_harness, tmp_path, monkeypatch
):
    from pipeline.extract import ner

    broken = tmp_path / "model"
    broken.mkdir()
    (broken / "meta.json").write_text("{}", encoding="utf-8")  # there, but no config/weights
    monkeypatch.setattr(ner, "MODEL_DIR", broken)
    ner.load_model.cache_clear()
    out = tmp_path / "out"
    try:
        with pytest.raises(ner.ModelError, match=r"cannot be loaded.*--ner off"):
            extract_flow(inputs=[str(EXAMPLES)], out=str(out))
        assert not (out / "quarantine").exists() and not (out / "documents").exists()
        summary = extract_flow(inputs=[str(EXAMPLES)], out=str(out), ner_mode="off")
        assert summary["documents"] > 0 and summary["quarantined"] == 0, (
            summary["skipped_unchanged"],
            summary["quarantined"],
        )
    finally:
        ner.load_model.cache_clear()


def test_batches_stop_at_their_document_count_or_their_bytes():
    def ref(kind, size, lines=None):
        return SourceRef(f"f.{kind}", kind, 1, lines, 0, size)

    def shapes(refs, size, max_bytes):
        return [[r.size for r in b] for b in flows._batches(refs, size, max_bytes)]

    texts = [ref("text", 400) for _ in range(5)]
    assert shapes(texts, 3, 10_000) == [[400] * 3, [400] * 2]  # by count
    assert shapes(texts, 10, 1000) == [[400] * 2, [400] * 2, [400]]  # by bytes
    assert shapes([ref("text", 5000), ref("text", 10)], 10, 1000) == [[5000], [10]]  # one big file alone
    feed = [ref("jsonl", 100, lines=4), ref("jsonl", 100, lines=4)]
    assert shapes(feed, 6, 10_000) == [[100], [100]]  # a jsonl range counts its lines
    pages = [ref("html", 4000) for _ in range(3)]  # a page's text is a share of its bytes
    assert shapes(pages, 10, 1000) == [[4000, 4000], [4000]]
