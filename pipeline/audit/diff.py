"""Row-level differences between two output folders, per table, keyed by document and span.

Bookkeeping columns (run_id, pipeline_version) are ignored, so two runs of the same code on the
same input show no change, and a run with one rule removed shows exactly that rule's rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import store

KEYS = {
    "documents": ["doc_id"],
    "sentences": ["doc_id", "sentence_id"],
    "mentions": ["doc_id", "start", "end", "label"],
    "places": ["doc_id", "name", "adcode"],
    "officials": ["doc_id", "name"],
    "regulations": ["doc_id", "name"],
    "indicators": ["doc_id", "start", "end"],
    "quarantine": ["source_path", "source_line", "reason", "doc_id"],
}
IGNORED = {"run_id", "pipeline_version"}


@dataclass
class TableDiff:
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)  # {"key", "before", "after"} of differing columns

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _rows(out: Path, table: str) -> dict[tuple, dict]:
    rows: dict[tuple, dict] = {}
    for r in store.read_table(out, table).to_pylist():
        values = {k: v for k, v in r.items() if k not in IGNORED}
        key = tuple(values[k] for k in KEYS[table])
        n = 0
        while (*key, n) in rows:  # the same key twice (e.g. two quarantine rows) stays distinct
            n += 1
        rows[(*key, n)] = values
    return rows


def diff(out_a: Path, out_b: Path) -> dict[str, TableDiff]:
    result = {}
    for table in KEYS:  # noqa: PLC0206 - the keys name tables; _rows reads each key's columns
        a, b = _rows(out_a, table), _rows(out_b, table)
        d = TableDiff()
        d.added = [b[k] for k in sorted(b.keys() - a.keys(), key=str)]
        d.removed = [a[k] for k in sorted(a.keys() - b.keys(), key=str)]
        for k in sorted(a.keys() & b.keys(), key=str):
            cols = [c for c, value in a[k].items() if _norm(value) != _norm(b[k].get(c))]
            if cols:
                d.changed.append(
                    {
                        "key": dict(zip(KEYS[table], k)),
                        "before": {c: a[k][c] for c in cols},
                        "after": {c: b[k].get(c) for c in cols},
                    }
                )
        result[table] = d
    return result


def _norm(value):
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def to_json(result: dict[str, TableDiff]) -> str:
    return json.dumps(
        {t: {"added": d.added, "removed": d.removed, "changed": d.changed} for t, d in result.items()},
        ensure_ascii=False,
        default=str,
        indent=2,
    )
