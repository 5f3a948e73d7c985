"""Table schemas: the Pydantic models every output row is validated against."""

from schemas.tables import (
    SCHEMA_VERSION,
    TABLES,
    Document,
    Indicator,
    Mention,
    Official,
    OffsetRun,
    Place,
    Quarantine,
    Regulation,
    Row,
    Run,
    Sentence,
    Span,
)

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "Document",
    "Indicator",
    "Mention",
    "Official",
    "OffsetRun",
    "Place",
    "Quarantine",
    "Regulation",
    "Row",
    "Run",
    "Sentence",
    "Span",
]
