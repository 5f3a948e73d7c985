"""One batch of inputs through every stage: ingest → clean → split → ner → extract → validate.

``process_batch`` is a plain function (no Prefect): the flow runs it as one task per batch, the
bench times its stages through ``on_stage``, and tests call it directly. A batch travels as one
list in which every item is a document at its current stage, a ``Rejected`` (quarantined with the
stage and the error) or a ``Skipped`` (already written with this pipeline version). Every stage is
guarded per document (``pipeline.guard``): one document that crashes a stage, the NER included, is
quarantined alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa

from pipeline import guard, ingest, store, switches
from pipeline.clean import CleanDocument, clean
from pipeline.extract import extract, ner
from pipeline.extract.types import Found
from pipeline.ingest import RawDocument, Rejected, SourceRef
from pipeline.validate import Processed, Rows, to_rows
from schemas import Quarantine

StageHook = Callable[[str, float], None]  # (stage, seconds) after each stage of a batch


@dataclass(frozen=True)
class BatchSettings:
    """What a run asks of every batch (the same for all batches of a run)."""

    run_id: str
    version: str  # the pipeline version written with every row
    segmenter: str = "char"
    disabled_rules: frozenset[str] = frozenset()
    ner_mode: str = "triggers"


@dataclass
class Skipped:
    """A document already written with this pipeline version."""

    doc_id: str
    source_path: str


@dataclass
class BatchResult:
    """What a batch sends back to the flow process: rows as Arrow tables (their buffers pickle
    without a per-row cost, and the flow process needs no conversion before writing)."""

    tables: dict[str, pa.Table]
    rejected: list[Rejected | Quarantine]
    skipped: list[Skipped]
    items: int


@dataclass
class Split:
    """A clean document and its sentence spans."""

    doc: CleanDocument
    sentences: list[tuple[int, int]]

    @property
    def raw(self) -> RawDocument:
        return self.doc.raw


@dataclass
class Tagged(Split):
    """A split document and the NER model's spans in it."""

    ner_spans: list[Found]


def process_batch(
    refs: list[SourceRef],
    settings: BatchSettings,
    done: frozenset[str] = frozenset(),
    on_stage: StageHook | None = None,
) -> BatchResult:
    """Read, clean, split, tag, extract and validate the documents of ``refs``; documents whose
    id is in ``done`` are skipped, a document whose content came earlier in the batch is
    quarantined as a duplicate, and a stage that crashes on a document quarantines it alone.
    The rules in ``settings.disabled_rules`` are off in every stage (the clean stage's filters ask
    too, not only extract's)."""
    timed = _Timer(on_stage)
    with switches.off(settings.disabled_rules):
        items = timed("ingest", lambda: first_of_each_content(read_all(refs), done))
        items = timed("clean", lambda: clean_all(items, done))
        items = timed("split", lambda: split_all(items, settings.segmenter))
        items = timed("ner", lambda: tag_all(items, settings.ner_mode))
        items = timed("extract", lambda: extract_all(items, settings.disabled_rules))
        return timed("validate", lambda: validate_all(items, settings.run_id, settings.version))


class _Timer:
    def __init__(self, hook: StageHook | None):
        self.hook = hook

    def __call__(self, stage: str, fn: Callable[[], object]):
        t0 = time.perf_counter()
        out = fn()
        if self.hook is not None:
            self.hook(stage, time.perf_counter() - t0)
        return out


# ---- stages over a batch (each keeps the items it does not work on in place) -------------------


def read_all(refs: list[SourceRef]) -> list[RawDocument | Rejected]:
    """Every document of ``refs``; an input that cannot be read becomes its Rejected (a transient
    I/O error still raises, so that the task retries)."""
    return [item for ref in refs for item in guard.read_ref(ref, ingest.read)]


def first_of_each_content(items: list, done: frozenset[str]) -> list:
    """A document whose content came earlier in the batch becomes a duplicate rejection before any
    work is spent on it (the flow does the same across batches). Documents in ``done`` are left
    alone: they are skipped as unchanged, not quarantined."""
    seen: dict[str, str] = {}
    out = []
    for i in items:
        if isinstance(i, RawDocument) and i.doc_id not in done:
            if i.doc_id in seen:
                i = duplicate(i.doc_id, i.source_path, i.source_line, seen[i.doc_id])
            else:
                seen[i.doc_id] = i.source_path
        out.append(i)
    return out


def duplicate(doc_id: str, path: str, line: int | None, first_path: str) -> Rejected:
    return Rejected(
        path, "duplicate", f"same content as {first_path} (doc_id {doc_id})", source_line=line, doc_id=doc_id
    )


def clean_all(items: list, done: frozenset[str] = frozenset()) -> list:
    return [
        (Skipped(i.doc_id, i.source_path) if i.doc_id in done else _clean_one(i))
        if isinstance(i, RawDocument)
        else i
        for i in items
    ]


def _clean_one(raw: RawDocument) -> CleanDocument | Rejected:
    doc = guard.one("clean", raw, lambda: clean(raw))
    if isinstance(doc, Rejected):
        return doc
    if not doc.clean_text.strip():
        return Rejected(
            raw.source_path,
            "empty_after_cleaning",
            "every line was boilerplate: " + "; ".join(doc.warnings)[:500],
            source_line=raw.source_line,
            stage="clean",
            doc_id=raw.doc_id,
        )
    return doc


def split_all(items: list, segmenter: str = "char") -> list:
    """Each clean document with its sentence spans (one ``nlp.pipe`` over the batch)."""
    return _each("split", items, CleanDocument, lambda docs: _split(docs, segmenter))


def _split(docs: list[CleanDocument], segmenter: str) -> list[Split]:
    from pipeline import nlp  # spaCy: not imported by a flow process whose batches run in workers

    spans = nlp.sentences([d.clean_text for d in docs], segmenter)
    return [Split(d, s) for d, s in zip(docs, spans)]


def tag_all(items: list, ner_mode: str = "triggers") -> list:
    """Each split document with the NER model's spans (one model call over the batch)."""
    return _each("ner", items, Split, lambda docs: _tag(docs, ner_mode))


def _tag(docs: list[Split], ner_mode: str) -> list[Tagged]:
    found = ner.tag([d.doc.clean_text for d in docs], [d.sentences for d in docs], ner_mode)
    return [Tagged(d.doc, d.sentences, spans) for d, spans in zip(docs, found)]


def extract_all(items: list, disabled_rules: frozenset[str] = frozenset()) -> list:
    """Each tagged document with the rules' results, one document at a time."""
    return [
        guard.one("extract", t.raw, lambda t=t: _extract_one(t, disabled_rules))
        if isinstance(t, Tagged)
        else t
        for t in items
    ]


def _extract_one(t: Tagged, disabled_rules: frozenset[str]) -> Processed:
    doc = t.doc
    found = extract(doc.clean_text, disabled_rules, t.ner_spans, doc.publish_date, doc.title, doc.source)
    return Processed(doc, t.sentences, found)


def _each(stage: str, items: list, kind: type, fn: Callable[[list], list]) -> list:
    """``fn`` over the items of type ``kind`` at once (``guard.each``: a failing batch is retried
    one document at a time), the other items left in place."""
    docs = [i for i in items if isinstance(i, kind)]
    out = iter(guard.each(stage, docs, fn))
    return [next(out) if isinstance(i, kind) else i for i in items]


# ---- validate: rows per document, then Arrow tables for the batch --------------------------------


@dataclass
class _Validated:
    processed: Processed
    rows: Rows


def validate_all(items: list, run_id: str, version: str) -> BatchResult:
    checked = [
        guard.one("validate", p.raw, lambda p=p: _Validated(p, to_rows(p, run_id, version)))
        if isinstance(p, Processed)
        else p
        for p in items
    ]
    valid = [v for v in checked if isinstance(v, _Validated)]
    tables, bad = _arrow_tables(valid)
    quarantined = [q for v in valid for q in v.rows.tables["quarantine"]]
    return BatchResult(
        tables,
        [r for r in checked if isinstance(r, Rejected)] + bad + quarantined,
        [i for i in items if isinstance(i, Skipped)],
        len(items),
    )


def _arrow_tables(valid: list[_Validated]) -> tuple[dict[str, pa.Table], list[Rejected]]:
    """The batch's rows as Arrow tables; when the batch cannot convert (a value Arrow cannot hold),
    each document is tried alone and only those that fail are quarantined."""
    try:
        return _to_arrow([v.rows for v in valid]), []
    except Exception:
        ok, bad = [], []
        for v in valid:
            try:
                _to_arrow([v.rows])
                ok.append(v.rows)
            except Exception as e:
                bad.append(guard.rejected("validate", v.processed.raw, e))
        return _to_arrow(ok), bad


def _to_arrow(rows: list[Rows]) -> dict[str, pa.Table]:
    return {
        t: store.to_arrow(t, (row for r in rows for row in r.tables[t]))
        for t in Rows().tables
        if t != "quarantine"
    }
