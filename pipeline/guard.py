"""Per-document guards: one bad document is quarantined alone, never its whole batch.

Stages that work on a batch at once (spaCy's ``pipe`` for sentences and the NER, Arrow conversion)
first try the batch; when it raises, each document is retried on its own and only those that
still fail become ``Rejected`` with the stage and the error. A console line says which document
failed; the traceback goes to the log (``DEBUG`` level on this logger, the file handler of the CLI).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from pipeline.ingest import (
    RawDocument,
    Rejected,
    SourceRef,
    TransientReadError,
    printable,
)

log = logging.getLogger(__name__)


def rejected(stage: str, raw: RawDocument, e: BaseException) -> Rejected:
    """The quarantine record of a document whose ``stage`` raised ``e`` (logged once, briefly)."""
    where = printable(raw.source_path) + (f":{raw.source_line}" if raw.source_line else "")
    log.warning("%s failed on %s: %s: %s", stage, where, type(e).__name__, str(e)[:200])
    log.debug("traceback of the %s failure on %s", stage, where, exc_info=e)
    return Rejected(
        raw.source_path,
        f"{stage}_error",
        f"{type(e).__name__}: {e}"[:800],
        source_line=raw.source_line,
        stage=stage,
        doc_id=raw.doc_id,
    )


def one(stage: str, raw: RawDocument, fn: Callable[[], Any]) -> Any:
    """``fn()`` for one document, or its ``Rejected`` when it raises."""
    try:
        return fn()
    except Exception as e:
        return rejected(stage, raw, e)


def each(stage: str, docs: Sequence, fn: Callable[[list], list], raw_of=lambda d: d.raw) -> list:
    """``fn(docs)`` (one result per document) when the batch goes through; otherwise ``fn([doc])``
    per document, a ``Rejected`` in place of each that still raises."""
    if not docs:
        return []
    try:
        out = fn(list(docs))
        if len(out) == len(docs):
            return out
        raise RuntimeError(f"{stage} gave {len(out)} results for {len(docs)} documents")
    except Exception as e:
        log.debug("%s failed on a batch of %d documents (%s); retrying one by one", stage, len(docs), e)
    return [one(stage, raw_of(d), lambda d=d: _single(fn([d]))) for d in docs]


def _single(out: list) -> Any:
    if len(out) != 1:
        raise RuntimeError(f"expected one result, got {len(out)}")
    return out[0]


def read_ref(ref: SourceRef, read: Callable[[SourceRef], list]) -> list:
    """``read(ref)``; a transient I/O error still raises (the task retries it), anything else
    quarantines this input alone."""
    try:
        return read(ref)
    except TransientReadError:
        raise
    except Exception as e:
        line = ref.first_line if ref.kind == "jsonl" else None
        raw = RawDocument("", ref.path, "", "", source_line=line)
        r = rejected("ingest", raw, e)
        r.doc_id = None
        return [r]
