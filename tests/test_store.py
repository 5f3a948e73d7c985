import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import store
from schemas import SCHEMA_VERSION, TABLES, Quarantine, Run


def test_arrow_schemas_derive_from_models():
    for table, model in TABLES.items():
        schema = store.arrow_schema(table)
        assert schema.names == list(model.model_fields)
        assert schema.metadata[b"schema_version"].decode() == SCHEMA_VERSION
    docs = store.arrow_schema("documents")
    assert docs.field("publish_date").type == pa.date32()
    assert docs.field("offset_runs").type == pa.list_(
        pa.struct(
            [pa.field(name, pa.int64(), nullable=False) for name in ("clean_start", "raw_start", "length")]
        )
    )
    assert docs.field("title").nullable and not docs.field("doc_id").nullable


def test_data_dictionary_lists_every_column_with_its_description():
    text = store.data_dictionary()
    for table, model in TABLES.items():
        assert f"## {table}" in text
        for name, info in model.model_fields.items():
            assert f"| {name} |" in text and info.description in text


def _q(path: str) -> Quarantine:
    return Quarantine(run_id="r", source_path=path, stage="ingest", reason="empty", detail="no bytes")


def test_write_batch_is_atomic_and_replaces_same_key(tmp_path):
    store.write_batch(tmp_path, {"quarantine": [_q("a"), _q("b")]}, "k1")
    store.write_batch(tmp_path, {"quarantine": [_q("a"), _q("b")]}, "k1")
    t = store.read_table(tmp_path, "quarantine")
    assert t.num_rows == 2
    assert pq.read_schema(next((tmp_path / "quarantine").glob("*.parquet"))).metadata[b"schema_version"]
    assert not list((tmp_path / ".tmp").iterdir())


def test_sweep_removes_parts_without_a_committed_documents_part(tmp_path):
    (tmp_path / "mentions").mkdir(parents=True)
    (tmp_path / "mentions" / "part-orphan.parquet").write_bytes(b"partial")
    (tmp_path / ".tmp").mkdir()
    (tmp_path / ".tmp" / "documents-x.parquet").write_bytes(b"partial")
    removed = store.sweep_orphans(tmp_path)
    assert len(removed) == 2
    assert not list((tmp_path / "mentions").iterdir())


def test_read_table_of_missing_table_is_empty_with_schema(tmp_path):
    t = store.read_table(tmp_path, "places")
    assert t.num_rows == 0 and t.schema.names == store.arrow_schema("places").names


def test_invalid_row_is_rejected_by_the_model():
    with pytest.raises(ValueError):
        Run(
            run_id="r",
            started_at=dt.datetime.now(dt.UTC),
            finished_at="not a date",
            parameters="{}",
            counts="{}",
            versions="{}",
        )


def test_a_second_run_into_the_same_out_is_told_and_waits(tmp_path):
    with (
        store.run_lock(tmp_path),
        pytest.raises(RuntimeError, match="another run is writing"),
        store.run_lock(tmp_path, wait=False),
    ):
        pass
    with store.run_lock(tmp_path, wait=False):  # free again once released
        pass
