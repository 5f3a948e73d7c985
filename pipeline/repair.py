"""Atomic replacement of documents across tables, and the health check / self-repair of OUT.

Replacing a document's rows (a new pipeline version, a source whose content changed) touches a
part of every table, which no single rename covers. So the flow first writes a commit record,
``OUT/.journal/<key>.json`` = {"part": the batch's part name, "drop": doc ids}, then the batch's
parts (``documents`` last), then removes the dropped documents' rows from every other part, and
only then deletes the record. After a kill the record is still there: readers
(``store.read_table``) already hide the dropped rows, and the next run replays it (when the batch
committed) or discards it (when it did not; its parts are orphans that ``sweep_orphans`` removes).

At the start of every run (and with ``python -m pipeline check``) the committed parts are checked:
a part whose footer or schema cannot be read is moved to ``OUT/.damaged/`` with the parts of its
batch in every table, so its documents are processed again; rows whose document is not in the
``documents`` part of their batch, and a document committed in two batches, are removed.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas import TABLES

log = logging.getLogger(__name__)
COMMIT_TABLE = "documents"
JOURNAL = ".journal"
DAMAGED = ".damaged"


# ---- commit records -----------------------------------------------------------------------------


def _journal(out: Path) -> Path:
    return Path(out) / JOURNAL


@contextlib.contextmanager
def replacing(out: Path, key: str, drop: set[str], batch: bool = True):
    """Around the write of batch ``key`` that replaces documents ``drop``: the record is durable
    before any part is renamed and removed once every old row is gone. ``batch=False``: a plain
    removal of documents from every part (nothing new is written)."""
    if not drop:
        yield
        return
    folder = _journal(out)
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / f"{key}.json"
    tmp = folder / f".{key}.{uuid.uuid4().hex}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"part": f"part-{key}.parquet" if batch else None, "drop": sorted(drop)}, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, record)
    yield
    record.unlink()


def pending(out: Path) -> list[dict]:
    """Commit records of replacements a killed run left unfinished."""
    folder = _journal(out)
    if not folder.is_dir():
        return []
    records = []
    for f in sorted(folder.glob("*.json")):
        try:
            records.append(json.loads(f.read_text("utf-8")) | {"file": str(f)})
        except (OSError, ValueError):
            log.warning("unreadable commit record %s removed", f)
            f.unlink(missing_ok=True)
    return records


def hidden_rows(out: Path, part: str) -> set[str]:
    """doc ids whose rows in ``part`` a pending replacement drops (what readers must not see)."""
    return {d for r in pending(out) if r["part"] != part for d in r["drop"]}


def replay(out: Path) -> int:
    """Finish (or discard) the replacements of a killed run; returns how many were pending."""
    from pipeline import store

    records = pending(out)
    for r in records:
        if r["part"] is None or (Path(out) / COMMIT_TABLE / r["part"]).exists():
            n = store.drop_documents(Path(out), set(r["drop"]), keep_part=r["part"] or "")
            log.warning(
                "finished an interrupted replacement: %d old rows of %d documents removed", n, len(r["drop"])
            )
        Path(r["file"]).unlink(missing_ok=True)
    return len(records)


# ---- health check and repair --------------------------------------------------------------------


@dataclass
class Health:
    damaged: list[str] = field(default_factory=list)  # parts that cannot be read
    stray_rows: dict[str, int] = field(default_factory=dict)  # part → rows of uncommitted documents
    twice: dict[str, list[str]] = field(default_factory=dict)  # doc_id → documents parts holding it
    pending: int = 0  # unfinished replacements

    @property
    def ok(self) -> bool:
        return not (self.damaged or self.stray_rows or self.twice or self.pending)

    def lines(self) -> list[str]:
        out = [f"damaged part: {p}" for p in self.damaged]
        out += [
            f"{n} rows of documents not committed with their batch: {p}" for p, n in self.stray_rows.items()
        ]
        out += [f"document {d} committed in {len(ps)} parts: {', '.join(ps)}" for d, ps in self.twice.items()]
        out += [f"{self.pending} interrupted replacement(s) pending"] if self.pending else []
        return out


def _readable(path: Path, table: str) -> str | None:
    """Why a part cannot be used (footer, schema, its doc_id column), or None."""
    from pipeline import store

    try:
        schema = pq.read_schema(path)
        declared = store.arrow_schema(table)
        for f in schema:
            if declared.get_field_index(f.name) < 0 or not declared.field(f.name).type.equals(f.type):
                return f"column {f.name} ({f.type}) is not in the {table} schema"
        if "doc_id" in schema.names:
            pq.read_table(path, columns=["doc_id"])
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    return None


def _parts(out: Path, table: str) -> list[Path]:
    return sorted((Path(out) / table).glob("part-*.parquet"))


def scan(out: Path) -> Health:
    """What is wrong with OUT, changing nothing."""
    health = Health(pending=len(pending(out)))
    for table in TABLES:
        for p in _parts(out, table):
            why = _readable(p, table)
            if why:
                health.damaged.append(f"{table}/{p.name} ({why})")
    bad = {d.split(" ", 1)[0] for d in health.damaged}
    committed = _committed(out, bad)
    for doc, parts in _documents_in(committed).items():
        if len(parts) > 1:
            health.twice[doc] = sorted(parts)
    for table in _entity_tables():
        for p in _parts(out, table):
            if f"{table}/{p.name}" in bad:
                continue
            ids = pq.read_table(p, columns=["doc_id"]).column("doc_id")
            mask = pc.invert(pc.is_in(ids, value_set=committed.get(p.name, pa.array([], pa.string()))))
            stray = pc.sum(mask).as_py() or 0
            if stray:
                health.stray_rows[f"{table}/{p.name}"] = stray
    return health


def _entity_tables() -> list[str]:
    return [t for t in TABLES if t not in (COMMIT_TABLE, "runs", "quarantine")]


def _committed(out: Path, bad: set[str]) -> dict[str, pa.Array]:
    """documents part name → its doc ids (unreadable parts left out)."""
    return {
        p.name: pq.read_table(p, columns=["doc_id"]).column("doc_id").combine_chunks()
        for p in _parts(out, COMMIT_TABLE)
        if f"{COMMIT_TABLE}/{p.name}" not in bad
    }


def _documents_in(committed: dict[str, pa.Array]) -> dict[str, set[str]]:
    where: dict[str, set[str]] = {}
    for part, ids in committed.items():
        for d in ids.to_pylist():
            where.setdefault(d, set()).add(part)
    return where


def recover(out: Path) -> Health:
    """Make OUT consistent before a run: replay commit records, move damaged parts (and their
    batch) to OUT/.damaged/, drop rows of uncommitted documents and second copies of a document.
    Returns what was found (warnings are logged)."""
    from pipeline import store

    out = Path(out)
    store.sweep_orphans(out)
    replay(out)
    health = scan(out)
    for entry in health.damaged:
        _quarantine_part(out, entry.split(" ", 1)[0])
    if health.damaged:
        health = scan(out)  # the batches of damaged parts are gone: look again
    for doc, parts in health.twice.items():
        keep = _newest(out, doc, parts)
        store.drop_documents(out, {doc}, keep_part=keep)
        log.warning("document %s was committed in %d parts; kept %s", doc, len(parts), keep)
    for entry, n in health.stray_rows.items():
        _drop_stray(out, entry)
        log.warning("removed %d rows of uncommitted documents from %s", n, entry)
    return health


def _quarantine_part(out: Path, entry: str) -> None:
    """Move a damaged part and the parts of the same batch (same name) in every table aside."""
    table, name = entry.split("/", 1)
    batch_tables = TABLES if table not in ("runs", "quarantine") else [table]
    for t in batch_tables:
        src = out / t / name
        if src.exists():
            dest = out / DAMAGED / t / f"{name}.{uuid.uuid4().hex[:8]}"
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dest)
    log.warning(
        "damaged part %s moved to %s with its batch; its documents will be processed again",
        entry,
        out / DAMAGED,
    )


def _newest(out: Path, doc: str, parts: set[str]) -> str:
    def run_of(part: str) -> str:
        t = pq.read_table(out / COMMIT_TABLE / part, columns=["doc_id", "run_id"])
        runs = t.filter(pc.equal(t["doc_id"], doc))["run_id"].to_pylist()
        return max(runs) if runs else ""

    return max(sorted(parts), key=run_of)


def _drop_stray(out: Path, entry: str) -> None:
    table, name = entry.split("/", 1)
    part = out / table / name
    committed = out / COMMIT_TABLE / name
    keep = (
        pq.read_table(committed, columns=["doc_id"]).column("doc_id").combine_chunks()
        if committed.exists()
        else pa.array([], pa.string())
    )
    t = pq.read_table(part)
    kept = t.filter(pc.is_in(t["doc_id"], value_set=keep))
    if kept.num_rows == 0:
        part.unlink()
        return
    tmp = out / ".tmp" / f"{table}-{name}-{uuid.uuid4().hex}"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(kept, tmp, compression="zstd")
    os.replace(tmp, part)
