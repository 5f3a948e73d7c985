"""publish: committed parts reach another filesystem in commit order, incrementally."""

from __future__ import annotations

import json

import fsspec
import pyarrow.dataset as ds
import pytest
from pyarrow import fs

from pipeline import store
from pipeline.publish import MANIFEST, ORDER, publish
from schemas import Document, Mention


def _doc(doc_id: str) -> Document:
    return Document(
        run_id="r",
        doc_id=doc_id,
        source_path=f"{doc_id}.txt",
        raw_text="甲",
        clean_text="甲",
        offset_runs=[],
        warnings=[],
        pipeline_version="v",
        script="zh-Hans",
        encoding="utf-8",
    )


def _mention(doc_id: str) -> Mention:
    return Mention(
        run_id="r",
        doc_id=doc_id,
        mention_id=f"{doc_id}-m",
        sentence_id=0,
        label="PLACE",
        text="甲",
        normalized="甲",
        start=0,
        end=1,
        raw_start=0,
        raw_end=1,
        method="rule:x",
        confidence=1.0,
    )


def _out(tmp_path, *doc_ids):
    out = tmp_path / "out"
    for d in doc_ids:
        store.write_batch(out, {"mentions": [_mention(d)], "documents": [_doc(d)]}, d)
    return out


def test_publish_copies_then_only_changes(tmp_path):
    out = _out(tmp_path, "a", "b")
    dest = tmp_path / "bucket" / "prefix"
    first = publish(out, str(dest))
    assert (first.copied, first.unchanged, first.deleted) == (4, 0, 0)
    assert ds.dataset(dest / "documents").to_table().column("doc_id").to_pylist() == ["a", "b"]
    assert publish(out, str(dest)).copied == 0
    (out / "documents" / "part-a.parquet").unlink()
    (out / "mentions" / "part-a.parquet").unlink()
    third = publish(out, str(dest))
    assert (third.copied, third.deleted) == (0, 2)
    assert ds.dataset(dest / "mentions").to_table().column("doc_id").to_pylist() == ["b"]
    assert sorted(json.loads((dest / MANIFEST).read_text())["parts"]) == [
        "documents/part-b.parquet",
        "mentions/part-b.parquet",
    ]


def test_publish_to_fsspec_filesystem(tmp_path):
    out = _out(tmp_path, "a")
    memory = fsspec.filesystem("memory")
    publish(out, "/fazhi-test/run", filesystem=memory)
    assert memory.exists("/fazhi-test/run/documents/part-a.parquet")
    table = ds.dataset(
        "/fazhi-test/run/mentions", filesystem=fs.PyFileSystem(fs.FSSpecHandler(memory))
    ).to_table()
    assert table.column("mention_id").to_pylist() == ["a-m"]
    memory.rm("/fazhi-test", recursive=True)


def test_documents_are_published_after_entity_tables():
    assert ORDER.index("documents") > max(
        ORDER.index(t) for t in ("sentences", "mentions", "places", "indicators")
    )


def test_publish_refuses_a_folder_without_runs(tmp_path):
    with pytest.raises(FileNotFoundError, match="no output folder"):
        publish(tmp_path, str(tmp_path / "dest"))
