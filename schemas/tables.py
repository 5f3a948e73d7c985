"""Pydantic models of every output table: the single source of truth.

The Arrow schemas (``pipeline.store``), the data dictionary (``python -m pipeline schema``) and row
validation all derive from these classes. Offsets (``start``/``end``) index ``documents.clean_text``;
``documents.offset_runs`` maps them back to ``documents.raw_text``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = (
    "1.1"  # 1.1: panel columns (metric_id, scope*, period*, place*, org_adcode); body_extractor, county
)

Label = Literal["PLACE", "PERSON", "TITLE", "GOV", "ORG", "REGULATION", "INDICATOR", "DATE"]
Level = Literal["province", "city", "county", "district", "town", "other"]
ScopeLevel = Literal["country", "province", "city", "county", "district", "town"]
Category = Literal[
    "法律", "行政法规", "地方性法规", "规章", "党内法规", "规范性文件", "规划/纲要/方案", "其他"
]


class Row(BaseModel):
    """Base of every table row: strict about unknown fields, carries the run id."""

    model_config = ConfigDict(extra="forbid")
    run_id: str = Field(description="Id of the run that wrote this row (see the runs table).")


class Span(BaseModel):
    """A character span in clean_text."""

    model_config = ConfigDict(extra="forbid")
    start: int = Field(ge=0, description="First character, index into documents.clean_text.")
    end: int = Field(ge=0, description="One past the last character (exclusive).")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end <= self.start:
            raise ValueError(f"empty or reversed span {self.start}:{self.end}")
        return self


class OffsetRun(BaseModel):
    """clean_text[clean_start:clean_start+length] came from raw_text[raw_start:raw_start+length]."""

    model_config = ConfigDict(extra="forbid")
    clean_start: int = Field(ge=0, description="Start of the run in clean_text.")
    raw_start: int = Field(ge=0, description="Start of the run in raw_text.")
    length: int = Field(ge=1, description="Number of characters in the run.")


class SpanRow(Row):
    """A row located by a span of clean_text, validated against the document length upstream."""

    doc_id: str = Field(description="Content hash of the document (documents.doc_id).")
    start: int = Field(ge=0, description="Start offset in documents.clean_text.")
    end: int = Field(ge=1, description="End offset (exclusive) in documents.clean_text.")
    text: str = Field(min_length=1, description="clean_text[start:end], exactly.")

    @model_validator(mode="after")
    def _span_matches_text(self) -> SpanRow:
        if self.end - self.start != len(self.text):
            raise ValueError(f"span {self.start}:{self.end} does not have the length of {self.text!r}")
        return self


class Document(Row):
    """One input document after decoding and cleaning."""

    doc_id: str = Field(description="sha256 of raw_text, first 16 hex digits; the document's key.")
    source_path: str = Field(description="Path of the input file.")
    source_line: int | None = Field(None, description="1-based line in a .jsonl input, else null.")
    url: str | None = Field(None, description="URL given in a .jsonl record or HTML canonical link.")
    encoding: str = Field(description="Detected encoding of the input bytes (utf_8, gb18030, big5, ...).")
    title: str | None = Field(None, description="Article title.")
    publish_date: dt.date | None = Field(
        None, description="Publication date (ISO), from a labelled date when present."
    )
    source: str | None = Field(
        None, description="Publisher or source of the article (来源, 供稿, site name)."
    )
    author: str | None = Field(
        None, description="Author's name (作者, 记者, 通讯员, byline); never an editor."
    )
    script: Literal["zh-Hans", "zh-Hant"] = Field(description="Script of the raw text before conversion.")
    raw_text: str = Field(description="The decoded input text (for HTML: the page's text content).")
    clean_text: str = Field(description="Text after boilerplate removal and normalization; offsets index it.")
    offset_runs: list[OffsetRun] = Field(description="Map of clean_text positions to raw_text positions.")
    warnings: list[str] = Field(
        default_factory=list, description="Cleaning log: each removal or repair, with its rule id."
    )
    body_extractor: str | None = Field(
        None,
        description=(
            "HTML pages: the library whose article body was kept (trafilatura, readability), "
            "trimmed by the rules in clean/data/html_body.yaml; null for plain text and for a page "
            "where body selection failed (then clean_text is the whole page text and warnings say why)."
        ),
    )
    place: str | None = Field(
        None,
        description=(
            "The document's own area (the one 全市/我县 refer to): the place of its title, "
            "else of its source (张掖市司法局 → 张掖市), else the place its text names far more than "
            "any other; null otherwise."
        ),
    )
    place_adcode: str | None = Field(None, description="6-digit code of `place`.")
    pipeline_version: str = Field(description="Version of code + rules (+ model) that produced the row.")


class Sentence(SpanRow):
    """One sentence of clean_text."""

    sentence_id: int = Field(ge=0, description="0-based index of the sentence within its document.")


class Mention(SpanRow):
    """Every span an extractor found, with the evidence needed to audit it."""

    mention_id: str = Field(description="Stable id, unique: doc_id, start, end, label and method hashed.")
    sentence_id: int = Field(ge=0, description="Sentence containing the span.")
    label: Label = Field(description="Kind of span.")
    normalized: str | None = Field(
        None,
        description=(
            "Normalized value (standard place name, law name, number in base units...; dates as 2018-05-18, "
            "2020-07, 2020, 2021/2025, and, without a year, --09-29 or this_year-07 unless the publish date "
            "gives the year: rule date.*.anchored)."
        ),
    )
    method: str = Field(pattern=r"^(rule|ner):\S+$", description="`rule:<id>` or `ner:<model>@<version>`.")
    confidence: float = Field(ge=0, le=1, description="0..1; rules give their fixed confidence.")
    raw_start: int = Field(ge=0, description="Start of the span in documents.raw_text.")
    raw_end: int = Field(ge=0, description="End (exclusive) of the span in documents.raw_text.")


class Place(Row):
    """A distinct administrative division named in a document."""

    doc_id: str = Field(description="Document key.")
    name: str = Field(description="Standard full name, e.g. 张掖市, 红河哈尼族彝族自治州.")
    adcode: str | None = Field(
        None,
        description=(
            "Administrative division code: 6 digits, 9 for a town (the town part of its 12-digit statistical "
            "code); null when unresolved."
        ),
    )
    level: Level = Field(
        description=(
            "province, city (prefecture level), county (county or county-level city), district (an urban "
            "district: 武侯区), town or other."
        )
    )
    province: str | None = Field(None, description="Full name of the province containing it.")
    city: str | None = Field(None, description="Full name of the prefecture-level city containing it.")
    county: str | None = Field(None, description="Full name of the county containing it (towns only).")
    resolved: bool = Field(description="False when the short name is ambiguous and context did not decide.")
    candidates: list[str] = Field(default_factory=list, description="adcodes considered when unresolved.")
    mentions: list[Span] = Field(min_length=1, description="Where it is named in clean_text.")
    method: str = Field(description="Rule that produced it.")


class Official(Row):
    """A distinct official (person with a title) named in a document."""

    doc_id: str = Field(description="Document key.")
    name: str = Field(min_length=2, description="Person's name.")
    title: str | None = Field(
        None, description="Title(s) as written after normalization, e.g. 市委副书记、市长."
    )
    org: str | None = Field(
        None, description="Organisation, place or country the title belongs to, e.g. 葫芦岛市, 俄罗斯."
    )
    org_adcode: str | None = Field(
        None,
        description=(
            "6-digit code of the area the organisation names at its head (北京市司法局 → 110000); "
            "null when it names none."
        ),
    )
    mentions: list[Span] = Field(min_length=1, description="Where the name is found in clean_text.")
    method: str = Field(description="Rule that produced it.")
    confidence: float = Field(ge=0, le=1, description="0..1.")


class Regulation(Row):
    """A distinct law, rule, plan or policy document named in a document."""

    doc_id: str = Field(description="Document key.")
    text: str = Field(min_length=1, description="Title as written in clean_text.")
    name: str = Field(min_length=1, description="Normalized name: Simplified, unified punctuation.")
    category: Category = Field(
        description="法律, 行政法规, 地方性法规, 规章, 党内法规 (Party regulations and documents), "
        "规范性文件, 规划/纲要/方案 or 其他."
    )
    issuing_place: str | None = Field(
        None, description="Standard name of the place named at the head of the title."
    )
    mentions: list[Span] = Field(min_length=1, description="Where it is named in clean_text.")
    method: str = Field(description="Rule that produced it.")


class Indicator(SpanRow):
    """A numeric fact: a number with its unit and the metric it measures."""

    sentence_id: int = Field(ge=0, description="Sentence containing the number.")
    metric: str | None = Field(None, description="What the number measures, e.g. 签约额.")
    value: float = Field(description="The number as written (218.15 for 218.15亿元).")
    unit: str = Field(description="Unit as written, with its multiplier (亿元, 万条, %).")
    qualifier: str | None = Field(None, description="余, 多, 以上, 超, 近, 约, ... when present.")
    normalized_value: float = Field(description="Value in base units (21815000000 for 218.15亿元).")
    base_unit: str = Field(description="Unit without multiplier (元, 条, %).")
    value_max: float | None = Field(
        None, description="Upper bound of a range as written (5 for 3至5家); null otherwise."
    )
    normalized_value_max: float | None = Field(None, description="Upper bound of a range in base units.")
    method: str = Field(description="Rule that produced it.")
    confidence: float = Field(ge=0, le=1, description="0..1.")
    metric_id: str | None = Field(
        None,
        description=(
            "Canonical metric (pipeline/extract/data/metrics.yaml), e.g. admin_review_cases, contract_value; "
            "`<id>_change` for its change (同比增长), `<id>_share` for a share of it; null when none fits."
        ),
    )
    scope: str | None = Field(
        None,
        description=(
            "Standard name of the area whose figure it is (张掖市; 全市 resolved to the document's city; "
            "中国 for 全国); null when the text does not say."
        ),
    )
    scope_adcode: str | None = Field(None, description="6-digit code of `scope`; 100000 for 中国.")
    scope_level: ScopeLevel | None = Field(
        None, description="country, province, city, county, district (an urban district) or town."
    )
    scope_method: str | None = Field(
        None,
        description=(
            "`rule:<id>` that set the scope: scope.place, scope.area_word, scope.body_word, scope.carried, "
            "scope.document, ...; null in runs before schema 1.1."
        ),
    )
    period: str | None = Field(
        None,
        description=(
            "Time the figure covers: YYYY, YYYY-MM, YYYY-MM-DD or A/B for a span (2021/2025); "
            "null when the text does not say."
        ),
    )
    period_start: dt.date | None = Field(None, description="First day of `period`.")
    period_end: dt.date | None = Field(None, description="Last day of `period`.")
    period_method: str | None = Field(
        None,
        description=(
            "`rule:<id>` that set the period: period.year, period.year_span, period.plan, "
            "period.relative_year, ... (`.carried` when it comes from an earlier sentence); "
            "null in runs before schema 1.1."
        ),
    )


class Quarantine(Row):
    """An input (or a row) that was rejected, with the reason; nothing is silently dropped."""

    source_path: str = Field(description="Input file.")
    source_line: int | None = Field(None, description="1-based line for .jsonl inputs.")
    doc_id: str | None = Field(None, description="Document key when the document got that far.")
    stage: Literal["ingest", "clean", "extract", "validate"] = Field(description="Stage that rejected it.")
    reason: str = Field(description="Short machine-friendly reason (empty, binary, undecodable, ...).")
    detail: str = Field(description="Human-readable detail, e.g. the validation error.")
    content_sha256: str | None = Field(
        None, description="sha256 of the rejected bytes/record, to find it again."
    )


class Run(Row):
    """One pipeline run."""

    started_at: dt.datetime = Field(description="UTC start time.")
    finished_at: dt.datetime = Field(description="UTC end time.")
    parameters: str = Field(description="JSON of the run's parameters.")
    counts: str = Field(
        description="JSON of counts: inputs, documents, skipped, quarantined, rows per table."
    )
    versions: str = Field(description="JSON of versions: pipeline, rules, schema, libraries.")


TABLES: dict[str, type[Row]] = {
    "documents": Document,
    "sentences": Sentence,
    "mentions": Mention,
    "places": Place,
    "officials": Official,
    "regulations": Regulation,
    "indicators": Indicator,
    "quarantine": Quarantine,
    "runs": Run,
}
