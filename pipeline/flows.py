"""The Prefect flow ``extract``: ingest → clean → split → extract → validate → write, per batch.

Tasks are thin wrappers over the plain stage functions and always work on a batch of documents
(Prefect's per-task overhead is ~10 ms). The I/O tasks retry with backoff.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from pipeline import ingest, nlp, store
from pipeline.clean import CleanDocument, clean
from pipeline.extract import extract
from pipeline.ingest import RawDocument, Rejected, SourceRef
from pipeline.validate import Processed, Rows, to_rows
from pipeline.version import library_versions, pipeline_version
from schemas import SCHEMA_VERSION, Quarantine, Run

log = logging.getLogger(__name__)


@dataclass
class RunStats:
    inputs: int = 0
    documents: int = 0
    skipped: int = 0
    quarantined: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)

    def add_rows(self, counts: dict[str, int]) -> None:
        for t, n in counts.items():
            self.rows[t] = self.rows.get(t, 0) + n


# ---- tasks (thin wrappers; the logic lives in the stage modules) -------------------------------

@task(name="discover", retries=2, retry_delay_seconds=[1, 5])
def discover_task(inputs: list[str], lines_per_ref: int) -> tuple[list[SourceRef], list[Rejected]]:
    return ingest.discover(inputs, lines_per_ref)


@task(name="ingest", retries=2, retry_delay_seconds=[1, 5])
def ingest_task(refs: list[SourceRef]) -> list[RawDocument | Rejected]:
    return [item for ref in refs for item in ingest.read(ref)]


@task(name="clean")
def clean_task(raws: list[RawDocument]) -> list[CleanDocument | Rejected]:
    return [_clean_one(r) for r in raws]


@task(name="split")
def split_task(docs: list[CleanDocument], segmenter: str = "char") -> list[list[tuple[int, int]]]:
    return nlp.sentences([d.clean_text for d in docs], segmenter)


@task(name="extract")
def extract_task(docs: list[CleanDocument], sentences: list[list[tuple[int, int]]],
                 disabled_rules: frozenset[str] = frozenset()) -> list[Processed | Rejected]:
    return [_guarded("extract", d.raw, lambda: Processed(d, s, extract(d.clean_text, disabled_rules)))
            for d, s in zip(docs, sentences)]


@task(name="validate")
def validate_task(processed: list[Processed], run_id: str, version: str) -> Rows:
    rows = Rows()
    for p in processed:
        rows.extend(to_rows(p, run_id, version))
    return rows


@task(name="write", retries=3, retry_delay_seconds=[1, 5, 15])
def write_task(out: str, tables: dict[str, list], key: str) -> dict[str, int]:
    return store.write_batch(Path(out), tables, key)


# ---- flow ---------------------------------------------------------------------------------------

@flow(name="extract", log_prints=False)
def extract_flow(inputs: list[str], out: str = "outputs", batch_size: int = 50, segmenter: str = "char",
                 disabled_rules: list[str] | None = None) -> dict:
    """Process input files/folders into the Parquet tables under ``out``; returns the run summary."""
    logger = get_run_logger()
    started = dt.datetime.now(dt.timezone.utc)
    t0 = time.perf_counter()
    run_id = f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    disabled = frozenset(disabled_rules or [])
    version = pipeline_version() + (f"-without:{','.join(sorted(disabled))}" if disabled else "")
    out_path = Path(out)
    with store.run_lock(out_path):
        store.sweep_orphans(out_path)
        refs, rejected = discover_task(inputs, batch_size)
        stats = RunStats(inputs=len(rejected))
        done = store.processed_documents(out_path)
        quarantined = store.quarantined_inputs(out_path)
        seen: dict[str, str] = {}
        run_docs: list[str] = []
        _write_quarantine(out, run_id, rejected, quarantined, stats)
        for batch in _batches(refs, batch_size):
            items = _ingest_or_quarantine(batch)
            stats.inputs += len(items)
            raws, bad = _fresh(items, done, version, seen, stats)
            cleaned = clean_task(raws)
            docs = [d for d in cleaned if isinstance(d, CleanDocument)]
            bad += [d for d in cleaned if isinstance(d, Rejected)]
            extracted = extract_task(docs, split_task(docs, segmenter), disabled) if docs else []
            processed = [p for p in extracted if isinstance(p, Processed)]
            bad += [p for p in extracted if isinstance(p, Rejected)]
            rows = validate_task(processed, run_id, version)
            _write_rows(out, rows, version, done, stats)
            run_docs += [d.doc_id for d in rows.tables["documents"]]
            _write_quarantine(out, run_id, bad + rows.tables["quarantine"], quarantined, stats)
            logger.info("batch of %d inputs: %d documents", len(batch), len(docs))
        params = {"inputs": [str(i) for i in inputs], "out": str(out), "batch_size": batch_size,
                  "segmenter": segmenter, "disabled_rules": sorted(disabled)}
        summary = _finish(out, run_id, started, t0, params, version, stats)
        summary["report"] = _report(out_path, run_docs)
    _artifacts(summary)
    return summary


def _ingest_or_quarantine(batch: list[SourceRef]) -> list[RawDocument | Rejected]:
    """Read a batch with Prefect's retries; inputs still failing after them are quarantined."""
    state = ingest_task(batch, return_state=True)
    if state.is_completed():
        return state.result()
    detail = f"still failing after retries: {state.message or 'I/O error'}"[:800]
    return [Rejected(ref.path, "unreadable", detail, source_line=ref.first_line if ref.kind == "jsonl" else None)
            for ref in batch]


def _guarded(stage: str, raw: RawDocument, fn):
    """Run one document's stage; a crash quarantines that document instead of failing the run."""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 — any bug on one document must not stop the others
        log.exception("%s failed on %s", stage, raw.source_path)
        return Rejected(raw.source_path, f"{stage}_error", f"{type(e).__name__}: {e}"[:800],
                        source_line=raw.source_line, stage=stage, doc_id=raw.doc_id)


def _clean_one(raw: RawDocument) -> CleanDocument | Rejected:
    doc = _guarded("clean", raw, lambda: clean(raw))
    if isinstance(doc, Rejected):
        return doc
    if not doc.clean_text.strip():
        return Rejected(raw.source_path, "empty_after_cleaning", "every line was boilerplate: " + "; ".join(doc.warnings)[:500],
                        source_line=raw.source_line, stage="clean", doc_id=raw.doc_id)
    return doc


def _batches(refs: list[SourceRef], size: int):
    """Groups of refs holding about ``size`` documents each (a .jsonl ref counts its lines)."""
    batch: list[SourceRef] = []
    weight = 0
    for ref in refs:
        w = (ref.last_line - ref.first_line + 1) if ref.kind == "jsonl" and ref.last_line else 1
        if batch and weight + w > size:
            yield batch
            batch, weight = [], 0
        batch.append(ref)
        weight += w
    if batch:
        yield batch


def _fresh(items, done: dict[str, str], version: str, seen: dict[str, str], stats: RunStats):
    """Documents to process now; already-processed ones are skipped, in-run duplicates rejected."""
    raws: list[RawDocument] = []
    bad: list[Rejected] = []
    for item in items:
        if isinstance(item, Rejected):
            bad.append(item)
        elif item.doc_id in seen:
            bad.append(Rejected(item.source_path, "duplicate", f"same content as {seen[item.doc_id]} (doc_id {item.doc_id})",
                                source_line=item.source_line, doc_id=item.doc_id))
        elif done.get(item.doc_id) == version:
            seen[item.doc_id] = item.source_path
            stats.skipped += 1
        else:
            seen[item.doc_id] = item.source_path
            raws.append(item)
    return raws, bad


def _quarantine_row(run_id: str, r: Rejected) -> Quarantine:
    return Quarantine(run_id=run_id, source_path=r.source_path, source_line=r.source_line, doc_id=r.doc_id,
                      stage=r.stage, reason=r.reason, detail=r.detail, content_sha256=r.content_sha256)


def _write_quarantine(out: str, run_id: str, rejected: list, known: set[tuple], stats: RunStats) -> None:
    """Quarantine rows of inputs not already quarantined with the same content (re-runs add none)."""
    rows = [r if isinstance(r, Quarantine) else _quarantine_row(run_id, r) for r in rejected]
    stats.quarantined += len(rows)
    new = [q for q in rows if store.quarantine_key(q) not in known]
    if new:
        known.update(store.quarantine_key(q) for q in new)
        write_task(out, {"quarantine": new}, "q-" + store.part_key(*("|".join(map(str, store.quarantine_key(q))) for q in new)))


def _write_rows(out: str, rows: Rows, version: str, done: dict[str, str], stats: RunStats) -> None:
    tables = {t: r for t, r in rows.tables.items() if t != "quarantine"}
    doc_ids = [d.doc_id for d in tables["documents"]]
    if not doc_ids:
        return
    key = store.part_key(version, *doc_ids)
    counts = write_task(out, tables, key)
    stale = {d for d in doc_ids if d in done}
    if stale:
        store.drop_documents(Path(out), stale, keep_part=f"part-{key}.parquet")
    stats.documents += len(doc_ids)
    stats.add_rows(counts)
    for m in rows.tables["mentions"]:
        stats.entities[m.label] = stats.entities.get(m.label, 0) + 1


def _finish(out, run_id, started, t0, params: dict, version: str, stats: RunStats) -> dict:
    finished = dt.datetime.now(dt.timezone.utc)
    versions = {"pipeline": version, "schema": SCHEMA_VERSION, **library_versions()}
    counts = {"inputs": stats.inputs, "documents": stats.documents, "skipped_unchanged": stats.skipped,
              "quarantined": stats.quarantined, "rows": stats.rows, "mentions_by_label": stats.entities}
    run = Run(run_id=run_id, started_at=started, finished_at=finished, parameters=json.dumps(params, ensure_ascii=False),
              counts=json.dumps(counts, ensure_ascii=False), versions=json.dumps(versions))
    write_task(out, {"runs": [run]}, f"run-{run_id}")
    return {"run_id": run_id, "seconds": round(time.perf_counter() - t0, 2), **counts, "versions": versions, "out": str(out)}


def _report(out: Path, doc_ids: list[str]) -> str | None:
    """The audit report of this run's documents (first 200), next to the tables."""
    from pipeline.audit.report import write_report

    try:
        return str(write_report(out, out / "report.html", doc_ids=doc_ids).resolve())
    except Exception:  # noqa: BLE001 — a report problem must not fail a run whose data is written
        log.exception("could not write the audit report")
        return None


def _artifacts(summary: dict) -> None:
    rows = [{"table": t, "rows": n} for t, n in sorted(summary["rows"].items())]
    create_table_artifact(key="extract-run-rows", table=rows, description=f"Rows written by run {summary['run_id']}")
    md = [f"# Extract run `{summary['run_id']}`", "",
          f"- inputs: {summary['inputs']}", f"- documents processed: {summary['documents']}",
          f"- skipped (unchanged): {summary['skipped_unchanged']}", f"- quarantined: {summary['quarantined']}",
          f"- seconds: {summary['seconds']}", f"- output: `{summary['out']}`",
          f"- audit report: [{summary['report']}](file://{summary['report']})" if summary.get("report") else "- audit report: not written",
          "", "| label | mentions |", "|---|---|"]
    md += [f"| {k} | {v} |" for k, v in sorted(summary["mentions_by_label"].items())]
    create_markdown_artifact(key="extract-run-summary", markdown="\n".join(md), description="Run summary")
