"""Source identity: which input a document came from, so a changed source replaces its document.

Documents are keyed by content (``doc_id``); a source is where the content was read: a file
(its path), or one record of a .jsonl file (its path and ``url`` when the record has one, else its
line number). When a source's content changes, the new document is written under a new doc_id and
the old one must go, or a re-collected page doubles its entities.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa


def key(source_path: str, source_line: int | None, url: str | None) -> tuple:
    if source_line is None:  # a file: the path is the source (an HTML page's url is metadata)
        return (source_path, None)
    return (source_path, "url", url) if url else (source_path, "line", source_line)


def keys_of(documents: pa.Table) -> set[tuple]:
    cols = documents.select(["source_path", "source_line", "url"]).to_pydict()
    return {key(*row) for row in zip(cols["source_path"], cols["source_line"], cols["url"])}


def replaced(out: Path, written: set[tuple], met: set[str]) -> set[str]:
    """doc ids in OUT whose source this run wrote anew and that this run did not meet (a document
    the run skipped as unchanged or wrote is still some source's content: it stays)."""
    from pipeline import store

    if not written:
        return set()
    docs = store.read_table(
        out, "documents", columns=["doc_id", "source_path", "source_line", "url"]
    ).to_pydict()
    rows = zip(docs["doc_id"], docs["source_path"], docs["source_line"], docs["url"])
    return {d for d, *src in rows if d not in met and key(*src) in written}
