"""The Prefect flow ``extract``: discover → one task per batch → write, in input order.

Three tasks, each a thin wrapper over a plain function: ``discover`` (ingest.discover),
``process-batch`` (``pipeline.batch.process_batch``: ingest → clean → split → ner → extract →
validate for one batch of inputs) and ``write`` (store.write_batch). A batch costs ~0.1 s of
Prefect bookkeeping in each process (API calls, a client per task, the settings serialised per
submit), so batches default to 500 documents, bounded by ~2 MB of text (``ingest.BATCH_BYTES``) so
that long documents do not pile up in one worker. Every task retries with backoff (I/O errors)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import Failed
from prefect.utilities.annotations import quote

from pipeline import ingest, repair, sources, store, workers
from pipeline.batch import BatchResult, BatchSettings, duplicate, process_batch
from pipeline.extract import ner
from pipeline.extract.rules import rules_version
from pipeline.ingest import BATCH_BYTES, Rejected, SourceRef
from pipeline.version import library_versions, pipeline_version
from schemas import SCHEMA_VERSION, Quarantine, Run

log = logging.getLogger(__name__)


@dataclass
class RunStats:
    inputs: int = 0
    documents: int = 0
    skipped: int = 0
    quarantined: int = 0
    replaced: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)

    def add_rows(self, counts: dict[str, int]) -> None:
        for t, n in counts.items():
            self.rows[t] = self.rows.get(t, 0) + n


# ---- tasks (thin wrappers; the logic lives in the stage modules and pipeline.batch) ------------
# No result caching: Prefect's default cache key hashes every input, i.e. whole batches of text.


@task(name="discover", cache_policy=NO_CACHE, persist_result=False, retries=2, retry_delay_seconds=[1, 5])
def discover_task(
    inputs: list[str], lines_per_ref: int, follow_symlinks: bool = False, out: str | None = None
) -> tuple[list[SourceRef], list[Rejected]]:
    return ingest.discover(inputs, lines_per_ref, follow_outside=follow_symlinks, skip=(out,) if out else ())


@task(
    name="process-batch", cache_policy=NO_CACHE, persist_result=False, retries=2, retry_delay_seconds=[1, 5]
)
def process_batch_task(
    refs: list[SourceRef], settings: BatchSettings, done: frozenset[str], processes: int = 0
) -> BatchResult:
    """``process_batch`` for one batch, in one task (retried on a transient read error), in this
    thread or, with ``processes``, in a warm worker process of ``pipeline.workers``. Chaining
    one task per stage cost twice the run time: Prefect walks every parameter looking for futures,
    i.e. every character offset of the batch, and process/Dask runners would ship the batch across
    processes at each stage."""
    if processes:
        return workers.run(processes, process_batch, refs, settings, done)
    return process_batch(refs, settings, done)


# Large parameters go in quote(): Prefect otherwise walks every row and field looking for futures,
# which cost the flow process more CPU than writing the Parquet itself.
@task(name="write", cache_policy=NO_CACHE, persist_result=False, retries=3, retry_delay_seconds=[1, 5, 15])
def write_task(out: str, tables: dict[str, list | pa.Table], key: str) -> dict[str, int]:
    return store.write_batch(Path(out), tables, key)


# ---- flow ---------------------------------------------------------------------------------------


@flow(name="extract", log_prints=False)
def extract_flow(
    inputs: list[str],
    out: str = "outputs",
    batch_size: int = 500,
    segmenter: str = "char",
    disabled_rules: list[str] | None = None,
    in_flight: int = 4,
    ner_mode: str = "triggers",
    follow_symlinks: bool = False,
    processes: int = 0,
) -> dict:
    """Process input files/folders into the Parquet tables under ``out``; returns the run summary.

    Each batch goes through the stages in one task on the flow's task runner (threads by default,
    Dask with ``--runner``), in the task's thread or, with ``processes`` > 0, in one of that many
    warm worker processes (``pipeline.workers``); at most ``in_flight`` batches are pending at once,
    and results are written in input order by this process alone."""
    missing = _missing_inputs(inputs)
    if missing:  # one line in the flow run's log (a scheduled run's inputs may not exist yet)
        return Failed(message=missing)
    started = dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()
    disabled = frozenset(disabled_rules or [])
    settings = BatchSettings(
        run_id=f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}",
        version=_version(ner_mode, disabled),
        segmenter=segmenter,
        disabled_rules=disabled,
        ner_mode=ner_mode,
    )
    run_id, version, out_path = settings.run_id, settings.version, Path(out)
    params = {
        "inputs": [ingest.printable(str(i)) for i in inputs],
        "out": ingest.printable(str(out)),
        "batch_size": batch_size,
        "segmenter": segmenter,
        "disabled_rules": sorted(disabled),
    }
    with store.run_lock(out_path):
        repair.recover(out_path)
        refs, rejected = discover_task(inputs, batch_size, follow_symlinks, out)
        state = RunState(out, run_id, version)
        state.quarantine_inputs(rejected)
        batches = (b for b in _batches(refs, batch_size) if not state.skip_unchanged(b))
        for batch, future in _in_order(batches, _submitter(settings, state.unchanged, processes), in_flight):
            state.collect(batch, future)
        state.replace_changed_sources()
        summary = _finish(out, run_id, started, t0, params, version, state.stats)
        store.ensure_tables(out_path)  # a table with no rows still opens, typed, in every reader
        summary["report"] = _report(out_path, state.run_docs, run_id)
    _artifacts(summary)
    return summary


class RunState:
    """What the flow process tracks while writing batches in order: documents already in OUT (and
    those already written with this version: ``unchanged``), documents of this run (duplicates),
    quarantine rows already present, counts."""

    def __init__(self, out: str, run_id: str, version: str):
        self.out, self.run_id, self.version = out, run_id, version
        self.done = store.processed_documents(Path(out))  # doc_id → pipeline version
        self.unchanged = frozenset(d for d, v in self.done.items() if v == version)
        self.known = store.quarantined_inputs(Path(out))
        self.seen: dict[str, str] = {}
        self.run_docs: list[str] = []
        self.sources: set[tuple] = set()  # source keys (path, line or url) this run wrote
        self.stats = RunStats()
        self.logger = get_run_logger()

    def collect(self, batch: list[SourceRef], future) -> None:
        future.wait()
        if future.state.is_failed():  # still failing after Prefect's retries
            detail = f"still failing after retries: {future.state.message or 'I/O error'}"[:800]
            self.stats.inputs += len(batch)
            self.quarantine(
                [
                    Rejected(
                        r.path, "unreadable", detail, source_line=r.first_line if r.kind == "jsonl" else None
                    )
                    for r in batch
                ]
            )
            return
        result: BatchResult = future.result()
        self.stats.inputs += result.items
        self.stats.skipped += len(result.skipped)
        for s in result.skipped:
            self.seen.setdefault(s.doc_id, s.source_path)
        tables, duplicates = self._drop_duplicates(result.tables)
        self._write(tables)
        self.quarantine(result.rejected + duplicates)
        self.logger.info("batch of %d inputs: %d documents", len(batch), tables["documents"].num_rows)

    def quarantine_inputs(self, rejected: list[Rejected]) -> None:
        """Inputs that discovery already refused (unsupported, unreadable files) count as inputs."""
        self.stats.inputs += len(rejected)
        self.quarantine(rejected)

    def skip_unchanged(self, batch: list[SourceRef]) -> bool:
        """True (and counted as skipped) when every record of a jsonl batch is a document already
        written with this pipeline version: a re-run then reads such batches here, without a task."""
        if not self.unchanged or any(r.kind != "jsonl" for r in batch):
            return False
        ids = [ingest.jsonl_doc_ids(r) for r in batch]
        if any(i is None or not self.unchanged.issuperset(i) for i in ids):
            return False
        for ref, doc_ids in zip(batch, ids):
            for d in doc_ids:
                self.seen.setdefault(d, ref.path)
            self.stats.inputs += len(doc_ids)
            self.stats.skipped += len(doc_ids)
        return True

    def _drop_duplicates(self, tables: dict[str, pa.Table]) -> tuple[dict[str, pa.Table], list[Rejected]]:
        """Documents whose content an earlier batch of this run already had are quarantined."""
        docs = tables["documents"].select(["doc_id", "source_path", "source_line"]).to_pylist()
        dupes = [
            duplicate(d["doc_id"], d["source_path"], d["source_line"], self.seen[d["doc_id"]])
            for d in docs
            if d["doc_id"] in self.seen
        ]
        for d in docs:
            self.seen.setdefault(d["doc_id"], d["source_path"])
        if dupes:
            drop = pa.array([d.doc_id for d in dupes], pa.string())
            tables = {
                t: tab.filter(pc.invert(pc.is_in(tab["doc_id"], value_set=drop))) for t, tab in tables.items()
            }
        return tables, dupes

    def _write(self, tables: dict[str, pa.Table]) -> None:
        doc_ids = tables["documents"]["doc_id"].to_pylist()
        if not doc_ids:
            return
        key = store.part_key(self.version, *doc_ids)
        stale = {d for d in doc_ids if d in self.done}
        with repair.replacing(Path(self.out), key, stale):  # one unit across tables, even after a kill
            counts = write_task(self.out, quote(tables), key)
            if stale:
                store.drop_documents(Path(self.out), stale, keep_part=f"part-{key}.parquet")
        self.sources.update(sources.keys_of(tables["documents"]))
        self.run_docs += doc_ids
        self.stats.documents += len(doc_ids)
        self.stats.add_rows(counts)
        for label, n in Counter(tables["mentions"]["label"].to_pylist()).items():
            self.stats.entities[label] = self.stats.entities.get(label, 0) + n

    def replace_changed_sources(self) -> None:
        """A source (file, or jsonl line / url) whose content changed keeps only its new document:
        older documents of the same source that this run did not meet are dropped from every
        table, as one unit (the current tables hold one version of each source)."""
        old = sources.replaced(Path(self.out), self.sources, set(self.seen))
        if old:
            key = store.part_key("sources", self.run_id)
            with repair.replacing(Path(self.out), key, old, batch=False):
                removed = store.drop_documents(Path(self.out), old, keep_part="")
            self.logger.info(
                "%d documents of changed sources replaced (%d old rows removed)", len(old), removed
            )
            self.stats.replaced = len(old)

    def quarantine(self, rejected: list) -> None:
        """Quarantine rows of inputs not already quarantined with the same content (re-runs add none)."""
        rows = [r if isinstance(r, Quarantine) else _quarantine_row(self.run_id, r) for r in rejected]
        self.stats.quarantined += len(rows)
        new = [q for q in rows if store.quarantine_key(q) not in self.known]
        if new:
            self.known.update(store.quarantine_key(q) for q in new)
            key = store.part_key(*("|".join(map(str, store.quarantine_key(q))) for q in new))
            write_task(self.out, quote({"quarantine": new}), "q-" + key)


def _missing_inputs(inputs: list[str]) -> str | None:
    """One line naming the inputs that do not exist, where they were looked for, and what to do."""
    missing = [str(i) for i in inputs if not Path(i).exists()]
    if not missing:
        return None
    return (
        f"input not found: {', '.join(missing)} (relative to {Path.cwd()}); create it or pass other "
        "inputs, e.g. prefect deployment run 'extract/nightly' --param 'inputs=[\"examples\"]'"
    )


def _version(ner_mode: str, disabled: frozenset[str]) -> str:
    """The pipeline version, marked when the run's settings change what it writes."""
    return (
        pipeline_version()
        + (f"-ner:{ner_mode}" if ner_mode != "triggers" else "")
        + (f"-without:{','.join(sorted(disabled))}" if disabled else "")
    )


def _submitter(settings: BatchSettings, skip: frozenset[str], processes: int):
    """``submit(batch)`` → the batch task's future. The first call loads the model where the batches
    run (this process, or a worker: not both), so that a broken model stops the run before any batch."""
    checked = settings.ner_mode == "off"

    def submit(batch: list[SourceRef]):
        nonlocal checked
        if not checked:
            workers.run(processes, ner.require_model) if processes else ner.require_model()
            checked = True
        return process_batch_task.submit(batch, settings, quote(skip), processes)

    return submit


def _in_order(batches, submit, in_flight: int):
    """(batch, future) in input order, with at most ``in_flight`` batches pending at once."""
    pending: deque = deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= in_flight:
            yield pending.popleft()
    yield from pending


# A saved page's text is a small part of its bytes (markup, scripts, menus): an eighth, generously.
HTML_TEXT_SHARE = 8


def _batches(refs: list[SourceRef], size: int, max_bytes: int = BATCH_BYTES):
    """Groups of refs holding at most ``size`` documents (a .jsonl ref counts its lines) and about
    ``max_bytes`` of text (an HTML page counts a share of its bytes), whichever comes first."""
    batch: list[SourceRef] = []
    docs = nbytes = 0
    for ref in refs:
        d = (ref.last_line - ref.first_line + 1) if ref.kind == "jsonl" and ref.last_line else 1
        b = ref.size // HTML_TEXT_SHARE if ref.kind == "html" else ref.size
        if batch and (docs + d > size or nbytes + b > max_bytes):
            yield batch
            batch, docs, nbytes = [], 0, 0
        batch.append(ref)
        docs += d
        nbytes += b
    if batch:
        yield batch


def flow_with_runner(runner: str = "thread", workers: int = 2, dask_address: str | None = None):
    """The extract flow on a task runner: threads (default), local processes, or Dask (a running
    cluster at ``dask_address``, else a local cluster of ``workers`` processes)."""
    if runner == "thread":
        from prefect.task_runners import ThreadPoolTaskRunner

        # Two batches at a time: more threads only add peak memory (each holds a batch and the
        # model's arrays for it) under the GIL; two let the model's BLAS overlap the rules.
        return extract_flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=2))
    if runner == "process":  # tasks on threads, batches in warm processes (pipeline.workers)
        from prefect.task_runners import ThreadPoolTaskRunner

        flow_ = extract_flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=workers))
        return functools.partial(flow_, processes=workers)
    if runner == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return extract_flow.with_options(task_runner=DaskTaskRunner(address=dask_address))
        cluster = {
            "n_workers": workers,
            "processes": True,
            "threads_per_worker": 1,
            "dashboard_address": None,
        }
        return extract_flow.with_options(task_runner=DaskTaskRunner(cluster_kwargs=cluster))
    raise ValueError(f"unknown runner {runner!r}: thread, process or dask")


def _quarantine_row(run_id: str, r: Rejected) -> Quarantine:
    return Quarantine(
        run_id=run_id,
        source_path=ingest.printable(r.source_path),
        source_line=r.source_line,
        doc_id=r.doc_id,
        stage=r.stage,
        reason=r.reason,
        detail=r.detail,
        content_sha256=r.content_sha256,
    )


def _finish(out, run_id, started, t0, params: dict, version: str, stats: RunStats) -> dict:
    finished = dt.datetime.now(dt.UTC)
    versions = {
        "pipeline": version,
        "schema": SCHEMA_VERSION,
        "rules": rules_version(),
        "ner_model": ner.method(),
        **library_versions(),
    }
    counts = {
        "inputs": stats.inputs,
        "documents": stats.documents,
        "skipped_unchanged": stats.skipped,
        "quarantined": stats.quarantined,
        "replaced_sources": stats.replaced,
        "rows": stats.rows,
        "mentions_by_label": stats.entities,
    }
    run = Run(
        run_id=run_id,
        started_at=started,
        finished_at=finished,
        parameters=json.dumps(params, ensure_ascii=False),
        counts=json.dumps(counts, ensure_ascii=False),
        versions=json.dumps(versions),
    )
    write_task(out, quote({"runs": [run]}), f"run-{run_id}")
    return {
        "run_id": run_id,
        "seconds": round(time.perf_counter() - t0, 2),
        **counts,
        "versions": versions,
        "out": str(out),
    }


def _report(out: Path, doc_ids: list[str], run_id: str) -> str | None:
    """The audit report of this run's documents (first 200), next to the tables. A run that
    changed nothing (no document written, nothing new quarantined) keeps the previous report; one
    with no document but new quarantine rows gets a report that says so."""
    from pipeline.audit.report import write_report

    path = out / "report.html"
    try:
        if not doc_ids:
            runs = store.read_table(out, "quarantine", ["run_id"])["run_id"]
            quarantined = pc.sum(pc.equal(runs, run_id)).as_py()
            if path.exists() and not quarantined:
                return str(path.resolve())
            note = f"Run {run_id} wrote no new or changed document."
            return str(write_report(out, path, doc_ids=doc_ids, note=note).resolve())
        return str(write_report(out, path, doc_ids=doc_ids).resolve())
    except Exception as e:
        log.warning("could not write the audit report: %s: %s", type(e).__name__, e)
        log.debug("traceback of the report failure", exc_info=e)
        return None


def _artifacts(summary: dict) -> None:
    rows = [{"table": t, "rows": n} for t, n in sorted(summary["rows"].items())]
    create_table_artifact(
        key="extract-run-rows", table=rows, description=f"Rows written by run {summary['run_id']}"
    )
    md = [
        f"# Extract run `{summary['run_id']}`",
        "",
        f"- inputs: {summary['inputs']}",
        f"- documents processed: {summary['documents']}",
        f"- skipped (unchanged): {summary['skipped_unchanged']}",
        f"- quarantined: {summary['quarantined']}",
        f"- seconds: {summary['seconds']}",
        f"- output: `{summary['out']}`",
        f"- audit report: [{summary['report']}](file://{summary['report']})"
        if summary.get("report")
        else "- audit report: not written",
        "",
        "| label | mentions |",
        "|---|---|",
    ]
    md += [f"| {k} | {v} |" for k, v in sorted(summary["mentions_by_label"].items())]
    create_markdown_artifact(key="extract-run-summary", markdown="\n".join(md), description="Run summary")
