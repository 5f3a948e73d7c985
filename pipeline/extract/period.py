"""Period: the time an indicator's figure covers, as ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``A/B``.

Time expressions are read in text order and each sets the period in force from there on: a year
(2022年), a month, a span (2021—2025年, 2022年1月至7月, 自1999年…至2012年), a five-year plan
(十三五 → 2016/2020), a target (到2020年底), an end date (截至2025年7月底 … 累计: the span from the
start in force), a year relative to the publish date (今年, 去年) or, for 去年 without one, to the
year the document reports on. Undated stocks and open spans (目前, 近5年来, 2008年以来) make it
unknown. An indicator takes the period in force at its number; a full date (2023年2月28日) counts
only in its own sentence. Words are data (``data/period.yaml``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.extract import rules
from pipeline.extract.rules import alternation
from pipeline.extract.scope import CLAUSE_END, last_mark, next_mark, number_at, sentence_bounds
from pipeline.extract.spans import SpanSet
from pipeline.switches import on

_DIGIT_YEAR = r"((?:19|20)\d{2})"
_SEP = r"(?:至|到|—|–|－|-|~|～)+"


@dataclass(frozen=True)
class Period:
    text: str
    start: dt.date
    end: dt.date

    @property
    def first_year(self) -> int:
        return self.start.year

    @property
    def last_year(self) -> int:
        return self.end.year


def year(y: int) -> Period:
    return Period(str(y), dt.date(y, 1, 1), dt.date(y, 12, 31))


def month(y: int, m: int) -> Period:
    return Period(f"{y}-{m:02d}", dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]))


def day(y: int, m: int, d: int) -> Period:
    when = dt.date(y, m, d)
    return Period(when.isoformat(), when, when)


def span(a: Period, b: Period) -> Period | None:
    if b.end < a.start:
        return None
    if a.start.year == b.end.year and (a.start.month, a.start.day, b.end.month, b.end.day) == (1, 1, 12, 31):
        return year(a.start.year)  # 2020年1月1日至12月31日: the year
    return a if a == b else Period(f"{a.text}/{b.text}", a.start, b.end)


@dataclass
class Expr:
    start: int
    end: int
    rule: str
    groups: tuple
    local: bool = False  # a full date: in force only in its own sentence
    clause_only: bool = False  # 上年结转的150件: in force only in its own clause


@dataclass
class State:
    period: Period | None = None
    open_start: int | None = None  # 自2022年起: a start whose end is not said yet
    rule: str = "period.unknown"


@dataclass
class Snapshot:
    expr: Expr
    before: State
    after: State
    local: State | None = None


@dataclass
class Dated:
    period: Period | None
    rule: str
    extra: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    spec = rules.load("period")
    rel = alternation(spec["relative_years"])
    unknown = f"{alternation(spec['unknown'])}|{spec['unknown_pattern']}"
    return [
        (
            "period.since_until",
            re.compile(rf"[自从]{_DIGIT_YEAR}年[^。；;，,\n]{{0,20}}?[至到]{_DIGIT_YEAR}年"),
        ),
        (
            "period.day_span",
            re.compile(
                rf"{_DIGIT_YEAR}年(\d{{1,2}})月(\d{{1,2}})日{_SEP}(?:{_DIGIT_YEAR}年)?(?:(\d{{1,2}})月)?(\d{{1,2}})日"
            ),
        ),
        (
            "period.month_span",
            re.compile(
                rf"{_DIGIT_YEAR}年(\d{{1,2}})月份?(?:\d{{1,2}}日)?{_SEP}(?:{_DIGIT_YEAR}年)?(\d{{1,2}})月(?:份|底|末)?"
            ),
        ),
        ("period.year_span", re.compile(rf"{_DIGIT_YEAR}\s*年?\s*{_SEP}\s*{_DIGIT_YEAR}\s*年度?")),
        (
            "period.until",
            re.compile(rf"(?:截至到|截止到|截至|截止|至){_DIGIT_YEAR}年(?:(\d{{1,2}})月)?(?:份|底|末)?"),
        ),
        ("period.target", re.compile(rf"到{_DIGIT_YEAR}年(?:(\d{{1,2}})月)?(?:份|底|末)?")),
        (
            "period.since",
            re.compile(
                rf"[自从]?{_DIGIT_YEAR}年(?:(\d{{1,2}})月)?(?:\d{{1,2}}日)?[\u4e00-\u9fff]{{0,6}}?(?:以来|起)"
            ),
        ),
        ("period.day", re.compile(rf"{_DIGIT_YEAR}年(\d{{1,2}})月(\d{{1,2}})日")),
        ("period.month", re.compile(rf"{_DIGIT_YEAR}年(\d{{1,2}})月(?:份|底|末)?")),
        ("period.year", re.compile(rf"(?<!\d){_DIGIT_YEAR}年度?")),
        ("period.plan", re.compile(rf"“?({alternation(spec['plans'])})”?(末)?")),
        ("period.relative_month", re.compile(rf"({rel})(\d{{1,2}})月(?:份|底|末)?")),
        ("period.relative_year", re.compile(rf"({rel})")),
        ("period.year_part", re.compile(rf"(?<![年\d])({spec['year_parts']})")),
        ("period.previous_year", re.compile(rf"({alternation(spec['previous_year'])})")),
        ("period.unknown", re.compile(rf"({unknown})")),
    ]


def expressions(text: str, blocked: list[tuple[int, int]] = ()) -> list[Expr]:
    """Time expressions of the text, the first pattern winning where two overlap."""
    taken = SpanSet(blocked)
    found: list[Expr] = []
    for rule, pattern in _patterns():
        for m in pattern.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            taken.add(m.start(), m.end())
            starts_from = text[max(0, m.start() - 1) : m.start()] in ("由", "从")  # 由“十二五”末的1.3万家
            one_clause = rule == "period.previous_year"
            found.append(
                Expr(
                    m.start(),
                    m.end(),
                    rule,
                    m.groups(),
                    local=rule == "period.day" or starts_from or one_clause,
                    clause_only=one_clause,
                )
            )
    return sorted(found, key=lambda e: e.start)


def report_year(text: str, exprs: list[Expr]) -> int | None:
    """The year a document reports on: a year right before a report word (2022年…白皮书)."""
    words = rules.load("period")["report_words"]
    for e in exprs:
        if e.rule == "period.year" and any(w in text[e.end : e.end + 25] for w in words):
            return int(e.groups[0])
    return None


def titled_report_year(title: str) -> int | None:
    """The year of the report a document is: a year before a report word in its title
    (澧浦镇2023年度法治政府建设工作报告), or a year's 年度 (南开区2014年度行政复议工作圆满完成)."""
    reported = report_year(title, expressions(title))
    if reported is None and (m := re.search(r"(?<!\d)(\d{4})\s*年度", title)):
        return int(m.group(1))
    return reported


def _apply(
    e: Expr,
    st: State,
    text: str,
    published: dt.date | None,
    reported: int | None,
    titled: int | None = None,
    opening: int | None = None,
    latest: int | None = None,
) -> State:
    """The state after one expression."""
    spec = rules.load("period")
    g, r = e.groups, e.rule
    try:
        if r == "period.since_until" or r == "period.year_span":
            p = span(year(int(g[0])), year(int(g[1])))
        elif r == "period.day_span":
            y2, m2 = int(g[3] or g[0]), int(g[4] or g[1])
            p = span(day(int(g[0]), int(g[1]), int(g[2])), day(y2, m2, int(g[5])))
        elif r == "period.month_span":
            y2 = int(g[2]) if g[2] else int(g[0])
            p = span(month(int(g[0]), int(g[1])), month(y2, int(g[3])))
        elif r == "period.until":
            return _until(e, st, text, spec)
        elif r == "period.target":
            p = month(int(g[0]), int(g[1])) if g[1] else year(int(g[0]))
        elif r == "period.since":
            return _since(e, text, published, titled, latest)
        elif r == "period.day":
            p = day(int(g[0]), int(g[1]), int(g[2]))
        elif r == "period.month":
            p = month(int(g[0]), int(g[1]))
        elif r == "period.year":
            if _year_base(text, e):
                return st  # 较2018年减少75天, 2021年与2012年相比: the year compared with
            p = year(int(g[0]))
        elif r == "period.plan":
            first = spec["plans"][g[0]]
            p = year(first + 4) if g[1] else span(year(first), year(first + 4))
        elif r in ("period.relative_month", "period.relative_year"):
            if spec["relative_years"][g[0]] < 0 and _compared(text, e, spec):
                return st  # 比去年同期减少17件: last year is what the figure is compared with
            y = _relative(g[0], spec, published, reported, titled)
            if y is None and spec["relative_years"][g[0]] == 0 and opening and st.period == year(opening):
                y = opening  # 2024年,市司法局… 今年以来 in an undated text: the year it opens with
            p = None if y is None else (month(y, int(g[1])) if r == "period.relative_month" else year(y))
        elif r == "period.year_part":
            if st.period and "/" not in st.period.text:
                return st  # 2022年 … 上半年: the year in force already dates it
            p = year(published.year) if published else None
        elif r == "period.previous_year":
            if _compared(text, e, spec):
                return st  # 较上年增长12%: a comparison's base
            base = st.period.last_year if st.period else (published.year if published else None)
            p = year(base - 1) if base else None
        else:
            return State(None, None, r)
    except ValueError:  # 2月30日, 13月: not a date
        return st
    return State(p, None, r)


def _since(e: Expr, text: str, published: dt.date | None, titled: int | None, latest: int | None) -> State:
    """2023年以来: that year so far when the text is of that year or of the spring after (a report on
    it), else a span up to the year of writing; open (a running total of unknown end) when the text
    gives no year of writing but names a later one, and when it starts at a month or an event
    (2023年11月运行以来)."""
    start = int(e.groups[0])
    if e.groups[1] or not text[e.start : e.end].endswith("年以来"):
        return State(None, start, e.rule)
    now = titled or (published.year if published else None)
    if now is None and latest and latest > start:
        return State(None, start, e.rule)  # 2018年以来 … 2019年3月施行: ends some time after
    if now is None or now <= start or (not titled and now == start + 1 and published.month <= 6):
        return State(year(start), start, e.rule)  # 2023年以来 published 2024-03: a report on 2023
    return State(span(year(start), year(now)), start, e.rule)


def _compared(text: str, e: Expr, spec: dict) -> bool:
    """A year counted back (上年, 去年) right after 较/比/同比…: the base a figure is compared with,
    not the time it covers."""
    return text[max(0, e.start - 2) : e.start].endswith(tuple(spec["not_before_previous"]))


def _year_base(text: str, e: Expr) -> bool:
    """A year a figure is compared with (较2020年增长2.9倍, 与2012年相比, 同2023年比), not the time it
    covers [period.compared_year]."""
    if not on("period.compared_year"):
        return False
    before = text[max(0, e.start - 1) : e.start]
    return before in ("较", "比") or (
        before in ("与", "同", "和") and bool(_THEN_COMPARED.match(text, e.end))
    )


_THEN_COMPARED = re.compile(r"(?:年)?(?:同期)?相?比")


def _relative(
    word: str, spec: dict, published: dt.date | None, reported: int | None, titled: int | None = None
) -> int | None:
    """今年/去年 against the publish date; in a report on an earlier year (2023年度…报告 published in
    2024) against the year it reports on: its 今年 is 2023."""
    shift = spec["relative_years"][word]
    if published and titled and titled < published.year:  # period.report_year
        return titled + shift
    if published:
        return published.year + shift
    return reported if shift == -1 and reported else None


def _until(e: Expr, st: State, text: str, spec: dict) -> State:
    """截至2025年7月底: a running total since the start in force when a cumulative word follows in
    its clause (自2022年起 … 截至2025年7月底，共受理), else the end date itself."""
    y, m = int(e.groups[0]), e.groups[1]
    point = month(y, int(m)) if m else year(y)
    clause_end = next_mark(text, CLAUSE_END + "。\n", e.end)
    clause_end = clause_end if clause_end >= 0 else len(text)
    cumulative = any(w in text[e.end : clause_end + 30] for w in spec["cumulative"])
    start = st.open_start or (st.period.first_year if st.period else None)
    if cumulative and start and start < y:
        return State(span(year(start), year(y)), None, "period.until_cumulative")
    return State(point, None, e.rule)


def timeline(
    text: str, published: dt.date | None, blocked: list[tuple[int, int]] = (), title: str | None = None
) -> list[Snapshot]:
    """The state before and after each time expression, in text order."""
    exprs = expressions(text, blocked)
    reported = report_year(text, exprs)
    titled = titled_report_year(title) if title else None
    opening = next((int(e.groups[0]) for e in exprs[:1] if e.rule == "period.year" and e.start < 40), None)
    latest = max(
        (int(g) for e in exprs for g in e.groups[:1] if g and len(g) == 4 and g.isdigit()), default=None
    )
    st = State()
    out: list[Snapshot] = []
    prev_end = -1
    for e in exprs:
        if e.rule == "period.unknown" and e.start == prev_end:
            prev_end = e.end  # 2023年截至目前: the year dates the stock
            continue
        after = _apply(e, st, text, published, reported, titled, opening, latest)
        if e.local or _inside_span(after, st):
            out.append(Snapshot(e, st, st, after))
        else:
            out.append(Snapshot(e, st, after))
            st = after
        prev_end = e.end
    return out


def _inside_span(new: State, old: State) -> bool:
    """A year or month inside the span in force (“十三五”时期 … 2019年 …) dates its own sentence only."""
    a, b = new.period, old.period
    return bool(a and b and "/" in b.text and "/" not in a.text and b.start <= a.start and a.end <= b.end)


def assign(
    text: str,
    hits: list,
    published: dt.date | None,
    blocked: list[tuple[int, int]] = (),
    title: str | None = None,
) -> list[Dated]:
    """Period of each indicator hit; ``title`` (the document's) may name the year it reports on."""
    snaps = timeline(text, published, blocked, title)
    change = (*tuple(rules.load("indicators")["change_verbs"]), "增加到", "增长到", "增至")
    froms = tuple(rules.load("period")["from_words"])
    starts = [s.expr.start for s in snaps]  # in text order
    out = []
    for h in hits:
        num = number_at(text, h.start, h.end)
        out.append(_at(text, num, snaps, starts, change, froms))
    return out


def _at(text: str, num: int, snaps: list[Snapshot], starts: list[int], change: tuple, froms: tuple) -> Dated:
    k = bisect_left(starts, num)  # snaps[:k] are the time expressions before the number
    if not k:
        return Dated(None, "period.unknown")
    last = snaps[k - 1]
    s_start, _ = sentence_bounds(text, num)
    clause_start = last_mark(text, CLAUSE_END + "。\n", num) + 1
    if last.local is not None:
        here = last.expr.start >= (clause_start if last.expr.clause_only else s_start)
        st = last.local if here else last.after
    else:
        st = last.after
    segment = text[max(clause_start, last.expr.end) : num]
    # inside a plan: 从107亿元 is the year before it, 增长到137.75亿元 its last year
    if any(v in segment for v in change):
        base = last.before if last.expr.start >= clause_start else st
        if base.period and "/" in base.period.text:
            return Dated(year(base.period.last_year), "period.change_to_end")
    if any(segment.startswith(f) or f in segment for f in froms) and st.period and "/" in st.period.text:
        return Dated(year(st.period.first_year - 1), "period.change_from_start")
    rule = st.rule if last.expr.start >= s_start else f"{st.rule}.carried" if st.period else st.rule
    return Dated(st.period, rule)
