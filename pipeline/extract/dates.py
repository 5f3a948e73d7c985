"""Dates and periods as mentions: 2020年, 2018年5月18日, 今年7月份, 2021—2025年."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.extract import rules
from pipeline.extract.spans import SpanSet
from pipeline.extract.types import Found

DATE_PATTERNS = [
    ("date.year_range", re.compile(r"(\d{4})\s*[-—–―~～至]+\s*(\d{4})年")),
    ("date.ymd", re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")),
    ("date.ym", re.compile(r"(\d{4})年(\d{1,2})月份?")),
    ("date.relative_month", re.compile(r"(今年|去年|明年|本年)(\d{1,2})月份?")),
    ("date.md", re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")),
    ("date.year", re.compile(r"(?<!\d)(\d{4})年(?!\d{1,2}月)")),
]


def find(text: str, blocked: list[tuple[int, int]] = (), published: dt.date | None = None) -> list[Found]:
    """Date mentions; with the document's publish date, a date without a year (9月29日, 今年7月)
    gets the year that puts it nearest to that date (rule id + ``.anchored``)."""
    found: list[Found] = []
    taken = SpanSet(blocked)
    for rule, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            norm = _normalize(rule, m)
            if norm is None:
                continue
            taken.add(m.start(), m.end())
            anchored = _anchor(rule, m, published) if published else None
            if anchored:
                found.append(
                    Found(
                        m.start(),
                        m.end(),
                        "DATE",
                        anchored,
                        f"{rule}.anchored",
                        rules.confidence("date.anchored"),
                    )
                )
            else:
                found.append(Found(m.start(), m.end(), "DATE", norm, rule, rules.confidence(rule)))
    return sorted(found, key=lambda f: f.start)


def _normalize(rule: str, m: re.Match) -> str | None:
    g = m.groups()
    if rule == "date.year_range":
        return f"{g[0]}/{g[1]}" if g[0] <= g[1] and _year(g[0]) else None
    if rule == "date.year":
        return g[0] if _year(g[0]) else None
    if rule == "date.ym":
        return f"{g[0]}-{int(g[1]):02d}" if _year(g[0]) and 1 <= int(g[1]) <= 12 else None
    if rule == "date.ymd":
        ok = _year(g[0]) and 1 <= int(g[1]) <= 12 and 1 <= int(g[2]) <= 31
        return f"{g[0]}-{int(g[1]):02d}-{int(g[2]):02d}" if ok else None
    if rule == "date.md":
        return f"--{int(g[0]):02d}-{int(g[1]):02d}" if 1 <= int(g[0]) <= 12 and 1 <= int(g[1]) <= 31 else None
    rel = {"今年": "this_year", "本年": "this_year", "去年": "last_year", "明年": "next_year"}[g[0]]
    return f"{rel}-{int(g[1]):02d}" if 1 <= int(g[1]) <= 12 else None


def _anchor(rule: str, m: re.Match, published: dt.date) -> str | None:
    """The full date (or month) of a yearless mention, read against the publish date."""
    g = m.groups()
    if rule == "date.relative_month":
        shift = {"今年": 0, "本年": 0, "去年": -1, "明年": 1}[g[0]]
        return f"{published.year + shift}-{int(g[1]):02d}"
    if rule != "date.md":
        return None
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, int(g[0]), int(g[1])))
        except ValueError:  # 2月29日 outside a leap year, 4月31日
            continue
    return min(candidates, key=lambda d: abs(d - published)).isoformat() if candidates else None


def _year(y: str) -> bool:
    return 1900 <= int(y) <= 2100
