"""Panel fields: after the extractors, each indicator gets its canonical metric, its scope (whose
figure) and its period (for when); officials get their organisation's area and the document its own
area. Runs on the extraction of one document with its title, source and publish date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.extract import metrics, period, scope
from pipeline.extract.types import Extraction


@dataclass
class PanelFields:
    metric_id: str | None
    scope: scope.Area | None
    scope_rule: str
    period: period.Period | None
    period_rule: str


def annotate(
    x: Extraction,
    text: str,
    title: str | None = None,
    source: str | None = None,
    published: dt.date | None = None,
    blocked: list[tuple[int, int]] = (),
) -> Extraction:
    """Fill the panel fields of ``x`` in place (and return it); ``blocked`` spans (regulation titles)
    hold no place or date of the document's own."""
    areas = scope.DocumentAreas(text, x.places, title, source)
    x.area = areas.own
    hits = sorted(x.indicators, key=lambda h: h.start)
    scopes = scope.assign(text, hits, x.places, areas, blocked)
    periods = period.assign(text, hits, published, blocked, title)
    ids = metrics.assign(text, hits, scope.number_at)
    for h, s, p, m in zip(hits, scopes, periods, ids):
        h.panel = PanelFields(m, s.area, s.rule, p.period, p.rule)
    for o in x.officials:
        o.org_area = scope.org_area(o.org, x.places)
    return x
