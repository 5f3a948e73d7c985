"""Pydantic models → Arrow schemas, atomic Parquet writes, and reading the tables back.

Layout: ``OUT/<table>/part-<key>.parquet``. A batch's files are written to ``OUT/.tmp`` and
renamed into place, ``documents`` last: a batch whose ``documents`` part exists is complete, and
parts of other tables without one are leftovers of a killed run, removed by ``sweep_orphans``.
Part names derive from the batch's content, so writing the same batch again replaces, never
duplicates.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import hashlib
import logging
import os
import signal
import types
import typing
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from schemas import SCHEMA_VERSION, TABLES, Row

log = logging.getLogger(__name__)

_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    dt.date: pa.date32(),
    dt.datetime: pa.timestamp("us", tz="UTC"),
}
COMMIT_TABLE = "documents"


def arrow_type(annotation: Any) -> tuple[pa.DataType, bool]:
    """Arrow type of a Pydantic field annotation, and whether it is nullable."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"unsupported union {annotation!r}")
        return arrow_type(inner[0])[0], True
    if origin is Literal:
        return pa.string(), False
    if origin is list:
        return pa.list_(arrow_type(args[0])[0]), False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(arrow_fields(annotation)), False
    if annotation in _SCALARS:
        return _SCALARS[annotation], False
    raise TypeError(f"no Arrow type for {annotation!r}")


def arrow_fields(model: type[BaseModel]) -> list[pa.Field]:
    fields = []
    for name, info in model.model_fields.items():
        typ, nullable = arrow_type(info.annotation)
        meta = {"description": info.description or ""}
        fields.append(pa.field(name, typ, nullable=nullable, metadata=meta))
    return fields


@functools.cache
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of a table, derived from its Pydantic model."""
    model = TABLES[table]
    return pa.schema(
        arrow_fields(model),
        metadata={"schema_version": SCHEMA_VERSION, "table": table, "model": model.__name__},
    )


def data_dictionary() -> str:
    """Markdown data dictionary of every table, generated from the models."""
    out = [f"# Data dictionary (schema version {SCHEMA_VERSION})", ""]
    for table, model in TABLES.items():
        out += [
            f"## {table}",
            "",
            (model.__doc__ or "").strip(),
            "",
            "| column | type | nullable | description |",
            "|---|---|---|---|",
        ]
        for f in arrow_schema(table):
            desc = f.metadata[b"description"].decode()
            out.append(f"| {f.name} | {f.type} | {'yes' if f.nullable else 'no'} | {desc} |")
        out.append("")
    return "\n".join(out)


def to_arrow(table: str, rows: Iterable[Row]) -> pa.Table:
    schema = arrow_schema(table)
    records = [r.model_dump(mode="python") for r in rows]
    return pa.Table.from_pylist(records, schema=schema)


def part_key(*parts: str) -> str:
    """Deterministic part-file key from the batch's content (e.g. its sorted doc ids)."""
    h = hashlib.sha256()
    for p in sorted(parts):
        h.update(p.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:20]


KEYS = {  # the unique key of each table, enforced before writing (``unique_rows``)
    "documents": ["doc_id"],
    "sentences": ["doc_id", "sentence_id"],
    "mentions": ["doc_id", "start", "end", "label", "method"],
    "places": ["doc_id", "name", "adcode", "method"],
    "officials": ["doc_id", "name", "title", "org", "method"],
    "regulations": ["doc_id", "name", "text", "method"],
    "indicators": ["doc_id", "start", "end", "method"],
}


def unique_rows(table: str, arrow: pa.Table) -> pa.Table:
    """The first row of each key (``KEYS``); a repeated key is logged, never written twice."""
    keys = KEYS.get(table)
    if not keys or arrow.num_rows < 2:
        return arrow
    import pyarrow.compute as pc

    numbered = arrow.select(keys).append_column("__row", pa.array(range(arrow.num_rows), pa.int64()))
    first = numbered.group_by(keys, use_threads=False).aggregate([("__row", "min")])["__row_min"]
    if len(first) == arrow.num_rows:
        return arrow
    log.warning(
        "%s: %d rows repeat a key %s; the first of each is kept", table, arrow.num_rows - len(first), keys
    )
    return arrow.take(pc.take(first, pc.sort_indices(first)))  # the kept rows, in their order


def write_batch(out: Path, tables: dict[str, list[Row] | pa.Table], key: str) -> dict[str, int]:
    """Write one batch's rows of several tables (model rows, or Arrow tables already built by
    ``to_arrow``) atomically; ``documents`` is renamed last."""
    tmp_dir = out / ".tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    counts: dict[str, int] = {}
    order = sorted(tables, key=lambda t: t == COMMIT_TABLE)
    for table in order:
        rows = tables[table]
        arrow = unique_rows(table, rows if isinstance(rows, pa.Table) else to_arrow(table, rows))
        counts[table] = arrow.num_rows
        if not arrow.num_rows and table != COMMIT_TABLE:
            continue
        final = out / table / f"part-{key}.parquet"
        tmp = tmp_dir / f"{table}-{key}-{uuid.uuid4().hex}.parquet"
        pq.write_table(arrow, tmp, compression="zstd")
        staged.append((tmp, final))
    for tmp, final in staged:
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)
        _maybe_crash()
    _fsync_dir(out)
    return counts


_renames = 0


def _maybe_crash() -> None:
    """Fault injection for the kill-and-rerun harness: FAZHI_KILL_AFTER_RENAMES=N sends this
    process SIGKILL right after its N-th file rename (never set outside tests)."""
    global _renames
    limit = os.environ.get("FAZHI_KILL_AFTER_RENAMES")
    if limit:
        _renames += 1
        if _renames >= int(limit):
            os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def run_lock(out: Path, wait: bool = True):
    """Exclusive lock on OUT for one run: a second run into the same OUT waits (with a message)
    or, with wait=False, fails with a clear error. Released by the OS if the process dies."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise RuntimeError(f"another run is writing to {out}") from None
            log.warning("another run is writing to %s; waiting for it to finish", out)
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def sweep_orphans(out: Path) -> list[Path]:
    """Remove staged temp files and parts whose batch never committed its documents part."""
    removed: list[Path] = []
    tmp_dir = out / ".tmp"
    if tmp_dir.exists():
        for p in tmp_dir.iterdir():
            p.unlink(missing_ok=True)
            removed.append(p)
    committed = {p.name for p in (out / COMMIT_TABLE).glob("part-*.parquet")}
    for table in TABLES:
        if table in (COMMIT_TABLE, "runs", "quarantine"):
            continue
        for p in (out / table).glob("part-*.parquet"):
            if p.name not in committed:
                p.unlink()
                removed.append(p)
    if removed:
        log.warning("removed %d leftover files of an interrupted run", len(removed))
    return removed


def empty_table(schema: pa.Schema) -> pa.Table:
    """A table with no rows; ``Schema.empty_table`` would import pandas (~0.2 s of every run)."""
    return pa.Table.from_batches([], schema)


def read_table(
    out: Path, table: str, columns: list[str] | None = None, doc_ids: list[str] | None = None
) -> pa.Table:
    """Read a table back with its declared schema (an empty table when it has no files yet);
    ``doc_ids`` reads only those documents' rows (a pushed-down filter, not a full read)."""
    schema = arrow_schema(table)
    files = sorted((Path(out) / table).glob("*.parquet"))
    if not files:
        return empty_table(schema).select(columns) if columns else empty_table(schema)
    import pyarrow.dataset as ds

    where = ds.field("doc_id").isin(pa.array(list(doc_ids), pa.string())) if doc_ids is not None else None
    groups = _by_hidden_rows(Path(out), files) if table != "runs" else {frozenset(): files}
    parts = []
    for hidden, group in groups.items():
        dataset = ds.dataset([str(f) for f in group], schema=schema, format="parquet")
        cond = where
        if hidden:  # rows an interrupted replacement drops: not shown (see pipeline/repair.py)
            keep = ~ds.field("doc_id").isin(pa.array(sorted(hidden), pa.string()))
            cond = keep if cond is None else cond & keep
        parts.append(dataset.to_table(columns=columns, filter=cond))
    return parts[0] if len(parts) == 1 else pa.concat_tables(parts)


def _by_hidden_rows(out: Path, files: list[Path]) -> dict[frozenset, list[Path]]:
    from pipeline import repair

    if not repair.pending(out):
        return {frozenset(): files}
    groups: dict[frozenset, list[Path]] = {}
    for f in files:
        groups.setdefault(frozenset(repair.hidden_rows(out, f.name)), []).append(f)
    return groups


def drop_documents(out: Path, doc_ids: set[str], keep_part: str) -> int:
    """Remove rows of ``doc_ids`` from every part except ``keep_part`` (stale versions of
    reprocessed documents); each affected part is rewritten atomically. Returns rows removed."""
    import pyarrow.compute as pc

    removed = 0
    for table in TABLES:
        if table == "runs":
            continue
        for f in sorted((out / table).glob("part-*.parquet")):
            if f.name == keep_part:
                continue
            t = pq.read_table(f)
            if "doc_id" not in t.column_names:
                continue
            mask = pc.is_in(t.column("doc_id"), value_set=pa.array(sorted(doc_ids)))
            hits = pc.sum(mask).as_py() or 0
            if not hits:
                continue
            removed += hits
            kept = t.filter(pc.invert(pc.fill_null(mask, False)))
            tmp = out / ".tmp" / f"{table}-{f.name}-{uuid.uuid4().hex}"
            tmp.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(kept, tmp, compression="zstd")
            os.replace(tmp, f)
            _maybe_crash()  # the kill harness also stops runs inside a replacement
    return removed


def quarantine_key(q) -> tuple:
    """Identity of a quarantined input: where it came from, what it was, why it was rejected."""
    return (q.source_path, q.source_line, q.doc_id, q.content_sha256, q.stage, q.reason, q.detail)


def quarantined_inputs(out: Path) -> set[tuple]:
    """Keys of everything already in OUT/quarantine, so re-runs do not add the same row again."""
    from schemas import Quarantine

    t = read_table(out, "quarantine")
    return {quarantine_key(Quarantine.model_construct(**r)) for r in t.to_pylist()}


def processed_documents(out: Path) -> dict[str, str]:
    """doc_id → pipeline_version of every document already in OUT."""
    t = read_table(out, COMMIT_TABLE, columns=["doc_id", "pipeline_version"])
    return dict(zip(t.column("doc_id").to_pylist(), t.column("pipeline_version").to_pylist()))


# Not a ``part-*`` name: sweep_orphans and drop_documents leave it alone, every reader globs it.
EMPTY_PART = "empty.parquet"


def ensure_tables(out: Path) -> list[str]:
    """Give every table of OUT a folder that readers can open: a table with no rows gets one typed,
    empty part (so ``pd.read_parquet``, DuckDB and polars globs and ``load()`` see its columns); the
    empty part goes away once the table has real parts. Returns the tables that got one."""
    filled = []
    for table in TABLES:
        folder = out / table
        if any(p.name != EMPTY_PART for p in folder.glob("*.parquet")):
            (folder / EMPTY_PART).unlink(missing_ok=True)
            continue
        if (folder / EMPTY_PART).exists() and pq.read_schema(folder / EMPTY_PART).equals(arrow_schema(table)):
            continue
        tmp = out / ".tmp" / f"{table}-{EMPTY_PART}-{uuid.uuid4().hex}"
        tmp.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(empty_table(arrow_schema(table)), tmp, compression="zstd")
        folder.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, folder / EMPTY_PART)
        filled.append(table)
    return filled
