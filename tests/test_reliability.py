"""Crash safety, hostile input, fuzzing, schema evolution and retries."""

import contextlib
import hashlib
import json
import subprocess
import sys

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLES, ROOT
from hostile import make_hostile_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cli import _cli

from pipeline import store
from pipeline.clean import clean
from pipeline.extract import indicators
from pipeline.ingest import InputError, RawDocument, decode, doc_id_of
from pipeline.split import split_sentences

DATA_TABLES = (
    "documents",
    "sentences",
    "mentions",
    "places",
    "officials",
    "regulations",
    "indicators",
    "quarantine",
)


def table_digest(out) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent hash of every data table, run ids left out."""
    digest = {}
    for t in DATA_TABLES:
        if not (out / t).exists():
            digest[t] = (0, "")
            continue
        df = pd.read_parquet(out / t).drop(columns=["run_id"])
        rows = sorted(
            json.dumps(r, sort_keys=True, default=str, ensure_ascii=False) for r in df.to_dict("records")
        )
        digest[t] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return digest


# ---- hostile input ------------------------------------------------------------------------------


def test_hostile_corpus_runs_to_completion_and_accounts_for_every_input(tmp_path):
    corpus = make_hostile_corpus(tmp_path / "in", big_mb=21)
    out = tmp_path / "out"
    proc = _cli("run", str(corpus), "--out", str(out), "--json")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    summary = json.loads(proc.stdout)
    q = pd.read_parquet(out / "quarantine")
    docs = pd.read_parquet(out / "documents")
    assert len(docs) + len(q) == summary["inputs"]
    reasons = dict(
        zip(
            q["source_path"].map(lambda p: p.rsplit("/", 1)[-1])
            + q["source_line"].fillna(0).astype(int).astype(str),
            q["reason"],
        )
    )
    assert reasons["empty.txt0"] == "empty" and reasons["whitespace.txt0"] == "empty"
    assert reasons["binary.txt0"] == "binary" and reasons["nul bytes.txt0"] == "binary"
    assert reasons["big.txt0"] == "oversized" and reasons["dangling.txt0"] == "unreadable"
    assert {
        reasons["feed.jsonl2"],
        reasons["feed.jsonl3"],
        reasons["feed.jsonl4"],
        reasons["feed.jsonl6"],
    } == {"malformed_json"}
    assert reasons["feed.jsonl5"] == "empty"
    by_name = set(docs["source_path"].map(lambda p: p.rsplit("/", 1)[-1]))
    assert {
        "truncated.txt",
        "mixed.txt",
        "中文 名字 有空格.txt",
        "nested.html",
        "broken.html",
        "feed.jsonl",
    } <= by_name
    mixed = docs[docs["source_path"].str.endswith("mixed.txt")].iloc[0]
    assert mixed["encoding"] == "mixed:utf_8+gb18030" and mixed["clean_text"].count("张掖市") == 3


# ---- crash safety -------------------------------------------------------------------------------


def _corpus(tmp_path, n=24):
    folder = tmp_path / "corpus"
    folder.mkdir()
    cities = ["张掖市", "酒泉市", "宜昌市", "绵阳市", "遵义市", "临沂市"]
    for i in range(n):
        text = (
            f"{cities[i % 6]}第{i}次法治政府建设推进会召开。"
            f"全市培训行政执法人员{100 + i}名,签约额{i + 1}.5亿元。"
        )
        (folder / f"doc{i:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    return folder


def _run(corpus, out, env=None):
    """Run the CLI in its own process group; after it ends (or is killed), also end what it left
    behind (a killed run's ephemeral Prefect server would hold its output pipes open)."""
    import os
    import signal

    log = out.parent / f"{out.name}.log"
    with open(log, "ab") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), "--batch-size", "4"],
            cwd=ROOT,
            stdout=fh,
            stderr=fh,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )
        try:
            proc.wait(timeout=600)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
    return subprocess.CompletedProcess(proc.args, proc.returncode, log.read_text(errors="replace"), "")


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [1, 3, 8, 14, 20, 27])
def test_kill_minus_nine_and_rerun_equals_a_clean_run(tmp_path, kill_after):
    corpus = _corpus(tmp_path)
    clean_out, crashed_out = tmp_path / "clean", tmp_path / "crashed"
    assert _run(corpus, clean_out).returncode == 0
    killed = _run(corpus, crashed_out, env={"FAZHI_KILL_AFTER_RENAMES": str(kill_after)})
    assert killed.returncode == -9  # SIGKILL mid-run
    assert _run(corpus, crashed_out).returncode == 0
    assert table_digest(crashed_out) == table_digest(clean_out)


def test_interrupted_batch_leaves_nothing_half_written(tmp_path, monkeypatch):
    """In-process version of the harness: the write dies after its second rename."""
    from pipeline.validate import Rows

    rows = Rows()
    rows.tables["quarantine"] = []
    doc_rows = _rows_for(tmp_path)
    calls = {"n": 0}
    real_replace = store.os.replace

    def dying_replace(a, b):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("killed")
        real_replace(a, b)

    monkeypatch.setattr(store.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        store.write_batch(tmp_path / "out", doc_rows, "k")
    monkeypatch.setattr(store.os, "replace", real_replace)
    assert not (tmp_path / "out" / "documents").exists()  # the commit part never landed
    store.sweep_orphans(tmp_path / "out")
    assert not any((tmp_path / "out").glob("*/part-*.parquet"))
    store.write_batch(tmp_path / "out", doc_rows, "k")
    assert len(pd.read_parquet(tmp_path / "out" / "documents")) == 1


def _rows_for(tmp_path):
    from pipeline.extract import extract
    from pipeline.validate import Processed, to_rows

    text = "甘肃省张掖市签约额218.15亿元。张掖市委副书记、市长何志勇出席。"
    doc = clean(RawDocument(doc_id_of(text), "a.txt", "utf_8", text))
    rows = to_rows(Processed(doc, split_sentences(doc.clean_text), extract(doc.clean_text)), "r", "v").tables
    return {k: v for k, v in rows.items() if k != "quarantine"}


# ---- fuzzing ------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_decoder_never_raises_anything_but_input_error(data):
    try:
        text, encoding = decode(data)
    except InputError:
        return
    assert isinstance(text, str) and encoding


TEXTY = st.lists(
    st.sampled_from(
        [
            *list(
                "法治政府张掖市签约额亿元万余名个项。，,:;()（）“”《》〈〉\n ?!！？"
                "0123456789.%第年月日一二三十百千"
            ),
            "經(jīng)",
            "\ue46a",
            "┮",
            "\r\n",
            "THE END\n",
            "版权所有\n",
        ]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTY)
def test_cleaner_splitter_and_extractors_hold_their_invariants(text):
    if not text.strip():
        return
    doc = clean(RawDocument(doc_id_of(text), "f.txt", "utf_8", text))
    clean_text = doc.clean_text
    assert len(doc.positions) == len(clean_text)
    assert all(0 <= p < len(text) for p in doc.positions)
    assert doc.positions == sorted(set(doc.positions))
    spans = split_sentences(clean_text)
    for (s, e), nxt in zip(spans, [*spans[1:], (len(clean_text), len(clean_text))]):
        assert 0 <= s < e <= nxt[0] and "\n" not in clean_text[s:e]
    hits, _found = indicators.find(clean_text, [])
    for h in hits:
        assert 0 <= h.start < h.end <= len(clean_text) and h.normalized_value >= 0


# ---- schema evolution ---------------------------------------------------------------------------


def test_an_added_optional_column_keeps_older_parquet_readable(tmp_path):
    store.write_batch(tmp_path, {"quarantine": [store_q("new.txt")]}, "new")
    old_schema = store.arrow_schema("quarantine").remove(
        store.arrow_schema("quarantine").get_field_index("content_sha256")
    )
    old = pa.Table.from_pylist(
        [{k: v for k, v in store_q("old.txt").model_dump().items() if k != "content_sha256"}],
        schema=old_schema,
    )
    pq.write_table(old, tmp_path / "quarantine" / "part-old.parquet")
    both = duckdb.sql(
        f"select * from read_parquet('{tmp_path}/quarantine/*.parquet', union_by_name=true) "
        "order by source_path"
    ).df()
    assert list(both["source_path"]) == ["new.txt", "old.txt"] and both["content_sha256"].isna().tolist() == [
        False,
        True,
    ]
    frames = pd.concat([pd.read_parquet(f) for f in sorted((tmp_path / "quarantine").glob("*.parquet"))])
    assert len(frames) == 2
    assert store.read_table(tmp_path, "quarantine").num_rows == 2


def store_q(path):
    from schemas import Quarantine

    return Quarantine(
        run_id="r", source_path=path, stage="ingest", reason="empty", detail="x", content_sha256="ab"
    )


# ---- retries ------------------------------------------------------------------------------------


def test_transient_write_error_is_retried_by_prefect(prefect_harness, tmp_path, monkeypatch):
    from pipeline import flows

    real = store.write_batch
    failures = {"left": 1}

    def flaky(*args, **kwargs):
        if failures["left"]:
            failures["left"] -= 1
            raise OSError("disk briefly unavailable")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "write_batch", flaky)
    monkeypatch.setattr(flows, "write_task", flows.write_task.with_options(retry_delay_seconds=0))
    summary = flows.extract_flow(inputs=[str(EXAMPLES)], out=str(tmp_path / "out"))
    assert summary["documents"] == 3 and failures["left"] == 0


def test_read_failing_after_retries_is_quarantined(prefect_harness, tmp_path, monkeypatch):
    from pipeline import flows, ingest

    corpus = _corpus(tmp_path, n=2)

    def broken(ref, max_bytes=0):
        raise ingest.TransientReadError(f"{ref.path}: I/O error")

    monkeypatch.setattr(ingest, "read", broken)
    monkeypatch.setattr(
        flows, "process_batch_task", flows.process_batch_task.with_options(retry_delay_seconds=0)
    )
    summary = flows.extract_flow(inputs=[str(corpus)], out=str(tmp_path / "out"))
    q = pd.read_parquet(tmp_path / "out" / "quarantine")
    assert summary["documents"] == 0 and set(q["reason"]) == {"unreadable"} and len(q) == 3
