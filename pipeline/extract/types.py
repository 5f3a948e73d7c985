"""Plain result types shared by the extractors (no Prefect, no Pydantic: rows are built later)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Found:
    """One span an extractor found in clean_text."""

    start: int
    end: int
    label: str
    normalized: str | None
    rule: str
    confidence: float


@dataclass
class OfficialHit:
    name: str
    title: str | None
    org: str | None
    spans: list[tuple[int, int]]
    rule: str
    confidence: float
    org_area: object | None = None  # scope.Area of the organisation (北京市司法局 → 北京市)


@dataclass
class RegulationHit:
    text: str
    name: str
    category: str
    issuing_place: str | None
    spans: list[tuple[int, int]]
    rule: str


@dataclass
class IndicatorHit:
    start: int
    end: int
    metric: str | None
    value: float
    unit: str
    qualifier: str | None
    normalized_value: float
    base_unit: str
    rule: str
    confidence: float
    value_max: float | None = None
    normalized_value_max: float | None = None
    panel: object | None = None  # panel.PanelFields: metric_id, scope and period (set after extraction)


@dataclass
class Extraction:
    mentions: list[Found] = field(default_factory=list)
    places: list = field(default_factory=list)
    officials: list[OfficialHit] = field(default_factory=list)
    regulations: list[RegulationHit] = field(default_factory=list)
    indicators: list[IndicatorHit] = field(default_factory=list)
    area: object | None = None  # scope.Area: the document's own area (the one 全市 refers to)
