"""Validate stage: results of one document → Pydantic rows of every table.

A row that fails validation is not dropped: it becomes a ``quarantine`` row with the validation
error and the document's id. A document whose own row fails is quarantined whole.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from pipeline.clean import CleanDocument
from pipeline.clean.offsets import runs_of
from pipeline.extract.gazetteer import is_zone, table_level
from pipeline.extract.types import Extraction
from pipeline.ingest import RawDocument, printable
from schemas import (
    Document,
    Indicator,
    Mention,
    Official,
    OffsetRun,
    Place,
    Quarantine,
    Regulation,
    Sentence,
    Span,
)


@dataclass
class Processed:
    """One document through clean, split and extract."""

    doc: CleanDocument
    sentences: list[tuple[int, int]]
    extraction: Extraction

    @property
    def raw(self) -> RawDocument:
        return self.doc.raw


@dataclass
class Rows:
    tables: dict[str, list[BaseModel]] = field(default_factory=lambda: {t: [] for t in TABLE_ORDER})

    def extend(self, other: Rows) -> None:
        for t, rows in other.tables.items():
            self.tables[t].extend(rows)


TABLE_ORDER = [
    "documents",
    "sentences",
    "mentions",
    "places",
    "officials",
    "regulations",
    "indicators",
    "quarantine",
]


def to_rows(p: Processed, run_id: str, pipeline_version: str) -> Rows:
    out = Rows()
    doc, text = p.doc, p.doc.clean_text
    doc_row = _try(
        out,
        p,
        Document,
        dict(
            run_id=run_id,
            doc_id=doc.doc_id,
            source_path=printable(doc.raw.source_path),
            source_line=doc.raw.source_line,
            url=doc.raw.url,
            encoding=doc.raw.encoding,
            title=doc.title,
            publish_date=doc.publish_date,
            source=doc.source,
            author=doc.author,
            script=doc.script,
            raw_text=doc.raw.raw_text,
            clean_text=text,
            offset_runs=[
                OffsetRun(clean_start=a, raw_start=b, length=c) for a, b, c in runs_of(doc.positions)
            ],
            warnings=doc.warnings,
            body_extractor=doc.body_extractor,
            place=_name(p.extraction.area),
            place_adcode=_code(p.extraction.area),
            pipeline_version=pipeline_version,
        ),
    )
    if doc_row is None:
        return out
    out.tables["documents"].append(doc_row)
    starts = [s for s, _ in p.sentences]

    def sentence_of(i: int) -> int:
        return max(0, bisect.bisect_right(starts, i) - 1)

    base = dict(run_id=run_id, doc_id=doc.doc_id)
    for k, (s, e) in enumerate(p.sentences):
        _add(out, p, "sentences", Sentence, dict(base, sentence_id=k, start=s, end=e, text=text[s:e]))
    for f in p.extraction.mentions:
        raw_start, raw_end = doc.positions[f.start], doc.positions[f.end - 1] + 1
        _add(
            out,
            p,
            "mentions",
            Mention,
            dict(
                base,
                mention_id=_mention_id(doc.doc_id, f.start, f.end, f.label, _method(f.rule)),
                sentence_id=sentence_of(f.start),
                start=f.start,
                end=f.end,
                text=text[f.start : f.end],
                label=f.label,
                normalized=f.normalized,
                method=_method(f.rule),
                confidence=f.confidence,
                raw_start=raw_start,
                raw_end=raw_end,
            ),
        )
    for pl in p.extraction.places:
        d = pl.division
        _add(
            out,
            p,
            "places",
            Place,
            dict(
                base,
                name=pl.name,
                adcode=d.adcode if d else None,
                level=table_level(pl.level, pl.name, d.adcode if d else None, d is not None and is_zone(d)),
                province=d.province if d else None,
                city=d.city if d else None,
                county=d.county if d else None,
                resolved=d is not None,
                candidates=[] if d else [c.adcode for c in pl.candidates],
                mentions=_spans(pl.spans),
                method=f"rule:{pl.rule}",
            ),
        )
    for o in p.extraction.officials:
        _add(
            out,
            p,
            "officials",
            Official,
            dict(
                base,
                name=o.name,
                title=o.title,
                org=o.org,
                org_adcode=_code(o.org_area),
                mentions=_spans(o.spans),
                method=_method(o.rule),
                confidence=o.confidence,
            ),
        )
    for r in p.extraction.regulations:
        _add(
            out,
            p,
            "regulations",
            Regulation,
            dict(
                base,
                text=r.text,
                name=r.name,
                category=r.category,
                issuing_place=r.issuing_place,
                mentions=_spans(r.spans),
                method=f"rule:{r.rule}",
            ),
        )
    for i in p.extraction.indicators:
        _add(
            out,
            p,
            "indicators",
            Indicator,
            dict(
                base,
                sentence_id=sentence_of(i.start),
                start=i.start,
                end=i.end,
                text=text[i.start : i.end],
                metric=i.metric,
                value=i.value,
                unit=i.unit,
                qualifier=i.qualifier,
                normalized_value=i.normalized_value,
                base_unit=i.base_unit,
                value_max=i.value_max,
                normalized_value_max=i.normalized_value_max,
                method=f"rule:{i.rule}",
                confidence=i.confidence,
                **_panel(i.panel),
            ),
        )
    return out


def _name(area) -> str | None:
    return area.name if area else None


def _code(area) -> str | None:
    return area.adcode if area else None


def _panel(f) -> dict:
    """The panel columns of an indicator (metric_id, scope*, period*), when extraction set them."""
    if f is None:
        return {}
    area, when = f.scope, f.period
    return dict(
        metric_id=f.metric_id,
        scope=_name(area),
        scope_adcode=_code(area),
        scope_level=table_level(area.level, area.name, _code(area), area.zone) if area else None,
        scope_method=f"rule:{f.scope_rule}",
        period=when.text if when else None,
        period_start=when.start if when else None,
        period_end=when.end if when else None,
        period_method=f"rule:{f.period_rule}",
    )


def _method(rule: str) -> str:
    """Rule ids become ``rule:<id>``; the model's spans already say ``ner:<model>@<version>``."""
    return rule if rule.startswith("ner:") else f"rule:{rule}"


def _spans(spans: list[tuple[int, int]]) -> list[Span]:
    return [Span(start=s, end=e) for s, e in sorted(set(spans))]


def _mention_id(doc_id: str, start: int, end: int, label: str, method: str) -> str:
    """Unique per mentions key (doc, span, label, method): two rules finding the same span with
    the same label are two rows, each with its own id."""
    return hashlib.sha256(f"{doc_id}:{start}:{end}:{label}:{method}".encode()).hexdigest()[:16]


def _add(out: Rows, p: Processed, table: str, model: type[BaseModel], data: dict) -> None:
    row = _try(out, p, model, data, table)
    if row is not None:
        out.tables[table].append(row)


def _try(out: Rows, p: Processed, model: type[BaseModel], data: dict, table: str = "documents"):
    try:
        return model.model_validate(data)
    except ValidationError as e:
        brief = {
            k: v for k, v in data.items() if k not in ("raw_text", "clean_text", "offset_runs", "run_id")
        }
        out.tables["quarantine"].append(
            Quarantine(
                run_id=data["run_id"],
                source_path=printable(p.doc.raw.source_path),
                source_line=p.doc.raw.source_line,
                doc_id=p.doc.doc_id,
                stage="validate",
                reason=f"invalid_{table}_row",
                detail=(
                    f"{e.error_count()} validation errors: {e.errors(include_url=False)!s:.800} "
                    f"row={json.dumps(brief, ensure_ascii=False, default=str):.800}"
                ),
                content_sha256=None,
            )
        )
        return None
