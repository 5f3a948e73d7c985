"""Numeric indicators: number + unit + qualifier, the metric it measures, ranks and
frequencies (每月至少学习两次). Units, qualifiers and exclusions are data (``data/indicators.yaml``)."""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from functools import lru_cache
from typing import NamedTuple

from pipeline.extract import rules
from pipeline.extract.gazetteer import load as load_gazetteer
from pipeline.extract.gazetteer import read_idioms
from pipeline.extract.numbers import ARABIC, CHINESE, MIXED, parse_numeral, split_multiplier, value_of
from pipeline.extract.rules import alternation as _alt
from pipeline.extract.scope import last_mark, number_at
from pipeline.extract.spans import SpanSet
from pipeline.extract.types import Found, IndicatorHit
from pipeline.lexicons import common_words, long_words, tagged_words, word_entry, word_tag
from pipeline.switches import on

_PUNCT = set("，,。；;：:！!？?、()（）【】[]《》|\n 　")
_QUOTES = '“”"‘’「」『』'
_HEADLINE_CHARS = 60  # a first line this short is a headline
_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


class _Spec(NamedTuple):
    data: dict  # indicators.yaml, with the joined word lists below
    unit_base: dict[str, str]  # unit surface → base unit
    number: re.Pattern  # a figure with its qualifiers, multiplier and unit
    rank: dict[bool, re.Pattern]  # 位列全省第3, by whether indicator.veto.rank_tier is on
    freq: re.Pattern  # 每年至少开展2次


@lru_cache(maxsize=1)
def _spec() -> _Spec:
    raw = rules.load("indicators")
    # change verbs end a metric read either way (败诉率下降至6.1%, 84%提升到96%): joined once here
    spec = {
        **raw,
        "backward_trailing": raw["metric_trailing"] + raw["change_verbs"],
        "forward_stops": raw["metric_verbs"] + raw["change_verbs"],
        "change_verbs": tuple(raw["change_verbs"]),
        "people_units": tuple(raw["units"]["人"] + raw["units"]["人次"]),  # 名, 位, 人次: people
        "predicate_verbs": tuple(raw["predicate_verbs"]),
        "clause_verbs": tuple(raw["clause_verbs"]),
        "clause_copulas": tuple(raw["clause_copulas"]),
        "predicate_attributive_heads": tuple(raw["predicate_attributive_heads"]),
    }
    # the stops of two chars or more: a predicate opening a parallel list's gap (实现…, not 中|管企业)
    spec["long_forward_stops"] = tuple(w for w in spec["forward_stops"] if len(w) >= 2)
    unit_base = {s: base for base, surfaces in spec["units"].items() for s in surfaces}
    number = re.compile(
        rf"(?P<pre>{_alt(spec['qualifiers_prefix'])})?(?P<num>{MIXED}|{ARABIC}|{CHINESE})"
        rf"(?:(?P<to>{_alt(spec['range_separators'])})(?P<num2>{ARABIC}|{CHINESE}))?"
        rf"(?P<suf0>{_alt(spec['qualifiers_before_unit'])})?(?:(?P<mult>{_alt(spec['multipliers'])})(?!分点))?"
        rf"(?P<suf1>{_alt(spec['qualifiers_before_unit'])})?(?P<unit>{_alt(unit_base)})"
        rf"(?P<suf2>{_alt(spec['qualifiers_after_unit'])})?"
    )
    scopes = _alt(spec["rank_scopes"])
    head = (
        rf"(?:(?:{_alt(spec['rank_verbs'])})(?P<scope>{scopes})|(?P<list>{spec['rank_lists']})(?=第)"
        rf"|(?P<bare>{_alt(spec['rank_bare_verbs'])})(?=第)"
        rf"|(?:{_alt(spec['rank_ordinal_verbs'])})(?P<oscope>{scopes})(?=第)|(?P<vscope>{scopes})(?=第))"
        r"(?P<front>前)?第?"
        r"(?P<num>\d+|[一二三四五六七八九十]+)"
    )
    verbless_end = r"(?(vscope)(?:位|名)?(?=[，,。；;、)）\s]|$))"  # 数量全国第2。 but not 全国第一大县
    ordinals, tiers = spec["rank_ordinals"], spec["rank_tiers"]
    tail = rf"{verbless_end}(?:位|名)?(?![\d一二三四五六七八九十]|{{}})"
    rank = {  # by whether indicator.veto.rank_tier is on: a tier (第一方阵) is no rank
        True: re.compile(head + tail.format(_alt(tiers + ordinals))),
        False: re.compile(head + tail.format(_alt(ordinals))),
    }
    freq = re.compile(
        rf"(?P<per>每(?:年度|年|半年|季度|月|周|天|日))要?(?:至少|不少于)(?P<verb>[\u4e00-\u9fff]{{0,4}}?)"
        rf"(?P<num>{ARABIC}|[一二两三四五六七八九十]+)(?P<unit>{_alt(unit_base)})(?P<obj>[\u4e00-\u9fff]{{0,16}})"
    )
    return _Spec(spec, unit_base, number, rank, freq)


def find(text: str, blocked: list[tuple[int, int]]) -> tuple[list[IndicatorHit], list[Found]]:
    """Indicators outside ``blocked`` spans (titles) and short quoted slogans. Text from PDFs puts
    spaces and line breaks inside a figure (办理复议案件 96 件, 占\n比22.2%): the rules read a copy
    without them, and the spans found there are mapped back to ``text``."""
    compact, pos = _compact(text, _wrap_width(text, _spec().data["soft_break_min_line"]))
    if len(compact) == len(text):
        return _find(text, blocked)
    hits, _ = _find(compact, [_to_compact(pos, s, e) for s, e in blocked])
    for h in hits:
        h.start, h.end = pos[h.start], pos[h.end - 1] + 1
    return hits, _found(hits)


def _found(hits: list[IndicatorHit]) -> list[Found]:
    return [
        Found(h.start, h.end, "INDICATOR", f"{h.normalized_value:g} {h.base_unit}", h.rule, h.confidence)
        for h in hits
    ]


def _compact(text: str, min_line: int) -> tuple[str, list[int]]:
    """``text`` without the blanks that split a phrase or a figure, and each kept character's
    index in ``text``. A blank goes unless it stands between two Latin letters (English words);
    a line break goes only where a hard-wrapped line (``min_line`` characters or more, no closing
    punctuation) runs on into the next."""
    keep: list[int] = []
    parts: list[str] = []
    for m in re.finditer(r"[^\s]+|\s+", text):
        if not m.group().isspace() or not _joins(text, m.start(), m.end(), min_line):
            keep.extend(range(m.start(), m.end()))
            parts.append(m.group())
    return "".join(parts), keep


def _wrap_width(text: str, min_line: int) -> int:
    """Shortest length of a hard-wrapped line: 90 % of the page width, which three of the longest
    lines share within two characters (PDF text; up to two longer lines are allowed); a text
    without such lines gets a width no line reaches."""
    lengths = sorted((len(line) for line in text.split("\n") if len(line) >= min_line), reverse=True)
    for k in range(min(3, len(lengths) - 2)):
        if lengths[k + 2] >= lengths[k] - 2:
            return max(min_line, int(lengths[k] * 0.9))
    return len(text) + 1


def _joins(text: str, start: int, end: int, min_line: int) -> bool:
    if start == 0 or end == len(text):
        return False
    left, right = text[start - 1], text[end]
    if left.isascii() and left.isalpha() and right.isascii() and right.isalpha():
        return False
    blank = text[start:end]
    if "\n" not in blank:
        return not (
            _is_han(right) and _UNIT_BEFORE_BLANK.search(text, max(0, start - 6), start)
        ) and not _two_words(text, start, end)
    if blank.count("\n") > 1 or left in '。！？!?；;：:”"》)）' or not (right.isalnum() or right in "%％"):
        return False
    # the line holds min_line chars before start: no newline among them (not an rfind to 0)
    return start >= min_line and text.rfind("\n", start - min_line, start) < 0


# a figure's unit before a blank: the blank ends the clause (查处案件1863起 刑拘1775人), it splits no phrase
_UNIT_BEFORE_BLANK = re.compile(r"\d\s?[\u4e00-\u9fff]{1,3}$")


def _two_words(text: str, start: int, end: int) -> bool:
    """A blank between two runs of two Han characters or more (17万件问题诉求 市场监管) separates
    phrases; single characters spaced out (政 府 工 作) are one word."""
    return (
        start >= 2
        and end + 2 <= len(text)
        and all(_is_han(c) for c in text[start - 2 : start] + text[end : end + 2])
    )


def _to_compact(pos: list[int], start: int, end: int) -> tuple[int, int]:
    return bisect.bisect_left(pos, start), bisect.bisect_left(pos, end)


def _find(text: str, blocked: list[tuple[int, int]]) -> tuple[list[IndicatorHit], list[Found]]:
    spec, unit_base, number, rank, freq = _spec()
    blocked = SpanSet(
        (list(blocked) if on("indicator.veto.in_title") else [])
        + (_slogans(text) if on("indicator.veto.slogan") else [])
    )
    hits: list[IndicatorHit] = []
    taken: list[tuple[int, int]] = []
    for m in freq.finditer(text):
        if blocked.covers(m.start("num")):
            continue
        hits.append(_freq_hit(m, unit_base))
        taken.append((m.start(), m.end()))
    for m in rank[on("indicator.veto.rank_tier")].finditer(text):
        if not blocked.covers(m.start()):
            hit = _rank_hit(text, m)
            if on("indicator.veto.rank_of_count") and _counted_before(text, hit.start, m.start()):
                continue  # 5个指标居全省第一: how many rank first, counted by the number
            hits.append(hit)
            taken.append((m.start(), m.end()))
            for nxt in _next_ranks(text, m.end(), hit):  # 分别获得全省排名第1、2名
                hits.append(nxt)
                taken.append((nxt.start, nxt.end))
    for s, e in taken:
        blocked.add(s, e)
    bare = _bare_multiplier(text, blocked, spec) + _percent_words(text, blocked, spec)
    hits += bare
    for h in bare:
        blocked.add(h.start, h.end)
    shared, spans = _shared_unit(text, blocked, spec, unit_base)
    hits += shared
    for s, e in spans:  # 5.4个 of 5.4个和7.5个百分点 is not 5.4 个
        blocked.add(s, e)
    floor = 0
    shared_ends = sorted(e for _, e in spans)
    for m in number.finditer(text):
        if blocked.covers(m.start("num")) or not _plausible(text, m, spec):
            continue
        k = bisect.bisect_right(shared_ends, m.start())  # 5.4个和|7.5个百分点
        floor = max(floor, shared_ends[k - 1]) if k else floor
        hit = _number_hit(text, m, unit_base, spec, floor)
        if hit:
            hits.append(hit)
            floor = m.end()
    hits.sort(key=lambda h: h.start)
    hits = _unit_ranges(text, hits, spec)
    _share_metrics(text, hits, spec)
    _adjacent(text, hits)
    _place_items(text, hits)
    _respectively(text, hits, spec)
    _respectively_listed(text, hits, spec)
    _topic_before(text, hits, spec)
    _breakdown(text, hits, spec)
    _table_cells(text, hits)
    _time_series(text, hits)
    _included_parts(text, hits)
    _relate(text, hits, spec)
    _rank_changes(text, hits, spec)
    _level_after_change(text, hits, spec)
    hits = _unrepeated(text, hits)
    return hits, _found(hits)


def _unit_ranges(text: str, hits: list[IndicatorHit], spec: dict) -> list[IndicatorHit]:
    """1.5亿元至2亿元: two figures of one unit joined by a range separator are one range, as 1.5至2亿元
    is (indicator.range_units); the second, right after the separator, is the larger (a word after it,
    85%-100%之间, is no metric of its own)."""
    if not on("indicator.range_units"):
        return hits
    out: list[IndicatorHit] = []
    for h in hits:
        a = out[-1] if out else None
        if (
            a is not None
            and a.value_max is None
            and h.value_max is None
            and a.unit == h.unit
            and a.rule == h.rule == "indicator.number_unit"
            and text[a.end : h.start] in spec["range_separators"]
            and h.normalized_value > a.normalized_value
        ):
            a.end, a.value_max, a.normalized_value_max = h.end, h.value, h.normalized_value
            a.rule, a.confidence = "indicator.range_units", rules.confidence("indicator.range_units")
            continue
        out.append(h)
    return out


def _adjacent(text: str, hits: list[IndicatorHit]) -> None:
    """发放宣传资料近91种9000多份, 拆除违法建筑265处、62897.81平方米: a figure right after another's
    unit, or after a 、 and in another base unit, with no metric of its own, measures what the other
    counts [indicator.metric.adjacent]."""
    if not on("indicator.metric.adjacent"):
        return
    for prev, h in itertools.pairwise(hits):
        gap = text[prev.end : h.start]
        other = prev.unit != h.unit if not gap else gap == "、" and prev.base_unit != h.base_unit
        if h.metric is None and prev.metric and other:
            h.metric = prev.metric


def _place_items(text: str, hits: list[IndicatorHit]) -> None:
    """海口1191亿元、三亚978亿元, 岳阳县(4383件)、岳阳楼区(4048件): a figure with no metric after a 、 and
    a place measures what the figure before it measures, in that place; after ; or , only in a run
    that a ranked topic opens (受案排名前五位分别为浦东新区1269件;杨浦区911件)
    [indicator.metric.place_items]."""
    if not on("indicator.metric.place_items"):
        return
    _ranked_list(text, hits)
    topic = None  # the ranked topic a run of places separated by ; or , measures
    for prev, h in itertools.pairwise(hits):
        gap = _PLACE_ITEM_GAP.fullmatch(text, prev.end, h.start)  # 岳阳县(4383件)、岳阳楼区(4048件)
        if h.metric is None and prev.metric and gap and _all_places(gap[1]):
            h.metric = prev.metric
            continue
        clause = _CLAUSE_PLACE_GAP.fullmatch(text, prev.end, h.start)  # 浦东新区1269件;杨浦区911件
        ranked = _RANKED_PLACE.fullmatch(prev.metric or "")
        if ranked and _all_places(ranked[2]):
            topic = ranked[1]
        if h.metric is None and clause and _all_places(clause[1]) and prev.base_unit == h.base_unit and topic:
            if ranked:
                prev.metric = topic  # 受案排名前五位分别为浦东新区|1269件: the topic, not the place
            h.metric = topic
        elif h.metric is not None:
            topic = None


_PLACE_ITEM_GAP = re.compile(r"[)）]?[、和]([^、和()（）]+?)[(（]?")
# …居前五位的地区依次为|昆明1370件、昭通770件: the first item after a ranking's list opener
_LIST_OPENER = re.compile(
    r"(?:地区|城市|县区|县市区|单位|部门)?(?:依次|分别)(?:为|是)[:：]?[\u4e00-\u9fff]{1,6}$"
)
_RANKED_TOPIC = re.compile(
    r"([\u4e00-\u9fff]{2,}?)(?:居|排名|排在|位居|位列)前[\d一二三四五六七八九十]+[名位]"
)


def _ranked_list(text: str, hits: list[IndicatorHit]) -> None:
    """全省各州市新收一审行政案件数量居前五位的地区依次为昆明1370件、昭通770件、铁路452件: each item of the
    list counts the ranked topic [indicator.metric.ranked_list]."""
    if not on("indicator.metric.ranked_list"):
        return
    topic = None
    for k, h in enumerate(hits):
        if _LIST_OPENER.search(h.metric or "") and (
            ranked := _RANKED_TOPIC.search(text, last_mark(text, "，,。；;\n", h.start) + 1, h.start)
        ):
            topic = h.metric = ranked.group(1)
        elif topic and k and _next_list_item(text, hits[k - 1], h):
            h.metric = topic  # 、昭通770件, 、铁路452件: the next items
        else:
            topic = None


def _next_list_item(text: str, prev: IndicatorHit, h: IndicatorHit) -> bool:
    """h is the next item of the list prev is in: a 、 or 和, then a short item and a figure of
    prev's unit; the item stands before h's span (、昭通|770件) or is the metric h read (、|铁路452件)."""
    gap = _LIST_ITEM_GAP.fullmatch(text, prev.end, h.start)
    if not gap or prev.base_unit != h.base_unit:
        return False
    if gap.group(1):
        return h.metric in (None, gap.group(1))
    return h.metric is None or (len(h.metric) <= 6 and text.startswith(h.metric, h.start))


_LIST_ITEM_GAP = re.compile(r"[、和]([\u4e00-\u9fff]{1,6})?")
_CLAUSE_PLACE_GAP = re.compile(r"[;；,，]([^、和;；,，()（）]+?)")
_RANKED_PLACE = re.compile(
    r"(.{2,}?)(?:排名|排在|位居|位列)?前[\d一二三四五六七八九十]+[名位]?(?:的)?(?:分别)?(?:为|是)[:：]?(.+)"
)


def _level_after_change(text: str, hits: list[IndicatorHit], spec: dict) -> None:
    """经营主体年均增长6.7%,目前达到53.8万户: a figure with no metric that a level verb leads, right after
    a change, is the level of what changed (经营主体) [indicator.metric.level_after_change]."""
    if not on("indicator.metric.level_after_change"):
        return
    changes = sorted(spec["bare_changes"], key=len, reverse=True)  # 年均增长 before 增长
    for prev, h in itertools.pairwise(hits):
        gap = text[prev.end : h.start]
        change = next((c for c in changes if (prev.metric or "").endswith(c)), "")
        if (
            h.metric is None
            and change
            and len(prev.metric) - len(change) >= 2
            and len(gap) <= 10
            and gap.endswith(tuple(spec["next_figure_verbs"]))
            and _same_sentence(text, prev.end, h.start)
        ):
            h.metric = re.sub(r"(?:同比|较\d{4}年)$", "", prev.metric[: -len(change)]) or None


def _breakdown(text: str, hits: list[IndicatorHit], spec: dict) -> None:
    """受理跨省事项6248件。其中市本级576件,民和684件,循化1120件: the items of a total broken down by
    place after 其中 count what the total counts (受理跨省事项); by category (投诉类421件), they count
    that part of it (投诉类受理跨省事项) [indicator.metric.breakdown]."""
    if not on("indicator.metric.breakdown"):
        return
    for k, total in enumerate(hits):
        opener = _BREAKDOWN_OPENER.match(text, total.end)
        if not total.metric or opener is None:
            continue
        labelled, at = [], opener.end()
        for h in hits[k + 1 :]:
            digit = re.search(r"\d", text[h.start : h.end])  # the hit may hold its label: 投诉类|421件
            label = text[at : h.start + (digit.start() if digit else 0)].strip(" \u3000，,、；;")
            kind = _item_kind(label, spec)
            if h.base_unit != total.base_unit or kind is None or h.metric not in (None, label):
                break
            labelled.append((h, label, kind))
            at = h.end
        known = sum(kind != "guest" for _, _, kind in labelled)
        if len(labelled) < 2 or known < max(2, len(labelled) - known):
            continue  # 平安124件, 互助2233件: short labels no rule knows, among places
        for h, label, kind in labelled:
            whole = total.metric.replace(
                "各类", ""
            )  # 其中投诉类421件 of 受理各类诉求事项: 投诉类受理诉求事项
            h.metric = label + whole if kind == "category" else total.metric


# 其中 after a total, opening the sentence or clause after it
_BREAKDOWN_OPENER = re.compile(r"[^\S\n]*[。，,；;][^\S\n]*其中[，,:：]?[^\S\n]*")


def _item_kind(label: str, spec: dict) -> str | None:
    """What labels an item of a breakdown: a place (民和, 迎泽区), the total's own level (市本级), a
    category (投诉类), or a short label no rule knows (a guest: 平安, 互助); None for anything else."""
    if not 2 <= len(label) <= 8 or re.search(r"[^\u4e00-\u9fff]", label):
        return None
    if _all_places(label) or label in spec["breakdown_levels"]:
        return "place"
    if label.endswith(tuple(spec["breakdown_categories"])):
        return "category"
    return "guest" if len(label) <= 4 else None


def _topic_before(text: str, hits: list[IndicatorHit], spec: dict) -> None:
    """行政处罚类数量最多,共349件; 占比持续提高,达到98.8%: a figure with no metric that opens its clause
    measures the topic of the clause before, when that clause has no figure of its own
    [indicator.metric.topic_before]; 从5月的34.04%,上升到7月的58.20%: the change's end point, with no
    metric either, measures the same."""
    if not on("indicator.metric.topic_before"):
        return
    lead, series = _topic_patterns(tuple(spec["topic_figure_leads"]), spec["change_verbs"])
    prev: IndicatorHit | None = None
    for h in hits:
        own = next((w for w in spec["topic_figure_leads"] if text.startswith(w, h.start)), "")
        if h.metric is None and (m := lead.search(text, max(0, h.start - 14), h.start + len(own))):
            changed = m.group().lstrip("，,:： ")[:1] in "从由" and _changes_after(text, h, series)
            h.metric = _clause_topic(text, m.start(), spec, changed)
        if h.metric is None and (c := _COLON_LEAD.search(text, max(0, h.start - 24), h.start)):
            h.metric = _backward_phrase(text, c.start(), spec)[0] or None  # 接听总量分别为:2021年30.2万个
        if (
            h.metric is None
            and prev is not None
            and prev.metric
            and prev.base_unit == h.base_unit
            and series.fullmatch(text, prev.end, h.start)
        ):
            h.metric = prev.metric
        prev = h


_CLAUSE_BREAKS = set("，,。；;：:！!？?\n")
# a topic, 分别为 and a colon before a figure (各年度接听总量分别为:2021年30.2万个)
_COLON_LEAD = re.compile(r"分别(?:为|是|有)?[:：]\s*(?:\d{4}\s?年度?)?的?\s*$")
_HOTLINE_NUMBER = r"123\d\d"  # 12345, 12333: a service hotline's number names it
_HAS_FIGURE = re.compile(rf"(?<!\d)(?!{_HOTLINE_NUMBER}(?!\d))[0-9０-９]")  # a hotline is no figure
_TREND = re.compile(r"(?:近年来|近几年来?|多年来|历年来|一直)?呈现?出?[\u4e00-\u9fff]{1,8}(?:态势|趋势)$")


@lru_cache(maxsize=4)
def _topic_patterns(leads: tuple[str, ...], changes: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    period = r"(?:\d{4}\s?年度?|\d{1,2}\s?月)?的?"
    lead = re.compile(rf"[，,:：]\s*(?:{_alt(leads)}){period}\s*$")
    series = re.compile(rf"\s*(?:[，,]\s*再?(?:{_alt(changes)}|到)|{_alt(changes)}){period}\s*")
    return lead, series


def _changes_after(text: str, h: IndicatorHit, series: re.Pattern) -> bool:
    """由1451件降为224件: the figure after 从/由 is where a change starts."""
    m = series.match(text, h.end)
    return bool(m) and text[m.end() : m.end() + 1].isdigit()


def _clause_topic(text: str, comma: int, spec: dict, changed: bool = False) -> str | None:
    """The topic of the clause that ends at comma: its noun phrase read backwards, without an
    evaluative predicate at its end (数量最多, 持续提高, 呈逐年增长态势); None when the clause has a
    figure, or only says where the figures come from (据统计, 从…看). Before a change (…拆迁案件,由1451件
    降为224件) a bare noun phrase is topic enough."""
    end = comma
    while end > 0 and text[end - 1] in " \u3000":
        end -= 1
    start = end
    while start > 0 and text[start - 1] not in _CLAUSE_BREAKS:
        start -= 1
    clause = text[start:end]
    if not clause or _HAS_FIGURE.search(clause) or clause.endswith(tuple(spec["topic_not"])):
        return None
    if clause.startswith(("据", "从", "经", "截至", "截止")) and not clause.startswith("从事"):
        return None
    trend = _TREND.search(text, start, end)  # 呈现逐年增长态势: how the figures move
    if trend and trend.start() - start >= 2:
        end, evaluated = trend.start(), True
    else:
        evaluated = False
    phrase, _ = _backward_phrase(text, end, spec, start)
    while n := _affix(phrase, spec["topic_predicates"], prefix=False):
        phrase, evaluated = phrase[:-n], True
    bare = changed and clause.endswith(phrase) and word_tag(phrase[-2:]) == "n"
    if not (evaluated or bare or phrase.endswith(tuple(spec["topic_measures"]))):
        return None  # 一座桥梁因货船撞击而坍塌,约20人: a whole statement, not a topic
    if len(phrase) < 2 or _all_places(phrase) or phrase in spec["metric_leading"]:
        return None
    return phrase


def _respectively(text: str, hits: list[IndicatorHit], spec: dict) -> None:
    """一审1787件,二审610件,分别同比增长41.26%、4.27%: the k-th figure after 分别 belongs to the
    k-th count before it in the sentence (indicator.metric.respectively); unpaired, 分别 is dropped."""
    for i, h in enumerate(hits):
        _respectively_year(text, hits, i, spec)
        if not h.metric or "分别" not in h.metric:
            continue
        compared, what = h.metric.split("分别", 1)
        if _comparison(compared, spec) == "同比":
            what = compared + what  # 同比分别上升60.7%、68.8%: each is a change on the year before
        run = _unnamed_run(text, hits, i)
        listed = _listed_metrics(text, h)
        if len(listed) == len(run) > 1:  # 办结率、满意率分别为99.2%和98.7% (indicator.metric.respectively)
            comp = next((w for w in ("同比", "环比") if listed[-1].endswith(w) and len(listed[-1]) > 3), "")
            listed = [x.removesuffix(comp) for x in listed]  # …、直接经济损失|同比|分别下降: each is a change
            for metric, item in zip(listed, run):
                item.metric = metric + (comp if not what.startswith(comp) else "") + what
            continue  # the list right before 分别 names them, not counts earlier in the sentence
        subjects = [
            p
            for p in hits[:i]
            if p.metric and _same_sentence(text, p.end, h.start) and not _a_change(p.metric, spec)
        ][-len(run) :]
        if len(subjects) == len(run) > 1:
            for subject, item in zip(subjects, run):
                item.metric = subject.metric + what
            continue
        h.metric = h.metric.replace("分别", "") or None
        pairs = spec["paired_modifiers"]
        pair = re.search(r"([\u4e00-\u9fff]{2})[和与及、]$", text[max(0, h.start - 3) : h.start])
        if (
            len(run) == 2
            and h.metric
            and pair
            and pair[1] in pairs
            and h.metric[:2] in pairs
            and h.metric[:2] != pair[1]
            and len(h.metric) > 4
        ):
            # 城镇和农村居民收入分别增长5%和7%: the first modifier takes the shared rest
            # (indicator.metric.respectively_pair)
            run[0].metric, run[1].metric = pair[1] + h.metric[2:], h.metric
        elif h.metric and len(run) > 1 and on("indicator.metric.respectively_shared"):
            _share_after_respectively(text, h, run)


def _respectively_year(text: str, hits: list[IndicatorHit], i: int, spec: dict) -> None:
    """分别较2016年增长192%、153%: the changes after it are a run after 分别, each the change of a count
    before it [indicator.metric.respectively_year]."""
    h = hits[i]
    year = _RESPECTIVELY_YEAR.search(text, max(0, h.start - 16), h.start)
    if not year or h.metric not in spec["bare_changes"] or not on("indicator.metric.respectively_year"):
        return
    h.metric = f"分别较{year.group(1)}年{h.metric}"
    for prev, nxt in itertools.pairwise(hits[i:]):
        if nxt.metric not in spec["bare_changes"] or text[prev.end : nxt.start] not in ("、", "和"):
            break
        nxt.metric = None  # 153% read 增长 back across 192%、: it is the next item of the run


_RESPECTIVELY_YEAR = re.compile(r"分别(?:较|比|同|与)\s*(\d{4})\s*年(?:同期)?(?:相比)?$")


def _unnamed_run(text: str, hits: list[IndicatorHit], i: int) -> list[IndicatorHit]:
    """hits[i] and the figures listed right after it that have no metric of their own (36件、33件和31件)."""
    run = [hits[i]]
    for nxt in hits[i + 1 :]:
        if nxt.metric is not None or text[run[-1].end : nxt.start] not in ("、", "和", "及", ","):
            break
        run.append(nxt)
    return run


def _respectively_listed(text: str, hits: list[IndicatorHit], spec: dict) -> None:
    """集中在城乡规划、市场监管和公安三个领域,分别为36件、33件和31件: figures with no metric after
    分别 open their clause; the k-th is counted of the k-th item listed at the end of the clause before
    (城乡规划领域) [indicator.metric.respectively_listed]."""
    if not on("indicator.metric.respectively_listed"):
        return
    for i, h in enumerate(hits):
        figure = h.start + len(_OPENING_RESPECTIVELY.match(text, h.start).group())  # 分别为|36件
        lead = _RESPECTIVELY_LEAD.search(text, max(0, h.start - 50), figure)
        if h.metric is not None or not lead:
            continue
        run = _unnamed_run(text, hits, i)
        *items, last = lead.group("list").split("、")
        items += re.split(r"[和及](?=[^和及]{2,}$)", last, maxsplit=1)
        counted = _COUNTED_TAIL.search(items[-1])
        noun = counted.group("noun") if counted else ""
        items[-1] = items[-1][: counted.start()] if counted else items[-1]
        items[0] = re.split(r"涉及|包括|[在于是为:：]", items[0])[-1]
        items[0] = items[0][_affix(items[0], _spec().data["metric_leading"], prefix=True) :]
        if len(items) == len(run) and all(len(item) >= 2 for item in items):
            for item, hit in zip(items, run):
                hit.metric = item + noun
            shares = _run_after(text, hits, i + len(run))
            if len(shares) == len(run) and (shares[0].metric or "").startswith("占"):
                share = _share(shares[0].metric, spec) or shares[0].metric
                for item, hit in zip(items, shares):  # …,占全年新收案件的23.2%、21.3%和20%
                    hit.metric = item + noun + share


def _run_after(text: str, hits: list[IndicatorHit], k: int) -> list[IndicatorHit]:
    """The figures from hits[k] on that are listed together (23.2%、21.3%和20%), in the same sentence."""
    if k >= len(hits) or not _same_sentence(text, hits[k - 1].end, hits[k].start):
        return []
    run = [hits[k]]
    for nxt in hits[k + 1 :]:
        if nxt.base_unit != run[0].base_unit or text[run[-1].end : nxt.start] not in ("、", "和", "及"):
            break
        run.append(nxt)
    return run


_RESPECTIVELY = r"分别(?:为|是|有|达)?"
_RESPECTIVELY_LEAD = re.compile(
    r"(?P<list>[\u4e00-\u9fff]{2,14}(?:、[\u4e00-\u9fff]{2,12})*(?:[、和及][\u4e00-\u9fff]{2,12}))[，,]\s*"
    + _RESPECTIVELY
    + r"\s*$"
)
_OPENING_RESPECTIVELY = re.compile(rf"(?:{_RESPECTIVELY}\s*)?")
_COUNTED_TAIL = re.compile(r"[两二三四五六七八九十\d]+[个类项大](?P<noun>[\u4e00-\u9fff]{0,3})$")


def _share_after_respectively(text: str, h: IndicatorHit, run: list[IndicatorHit]) -> None:
    """济南、临沂受理案件数分别为3595件、3125件 / 败诉率分别为16.4%、11.36%: with no counts before them, the
    figures after 分别 share its metric, each after its place when as many places are listed before it
    (淄博、临沂两市收案数 → 淄博收案数, 临沂收案数) [indicator.metric.respectively_shared]."""
    base = _PLACE_COUNT_LEAD.sub("", h.metric) or h.metric
    places = _places_before(text, h.start, len(run))
    for k, item in enumerate(run):
        item.metric = (places[k] if places else "") + base


# a count of the places just listed (淄博、临沂|两市|收案数): at the end of the list, or opening the metric
_PLACES_COUNTED = r"[两二三四五六七八九十\d]+个?[省市县区州盟旗镇乡]"
_PLACE_COUNT = re.compile(rf"{_PLACES_COUNTED}$")
_PLACE_COUNT_LEAD = re.compile(rf"^{_PLACES_COUNTED}")


def _places_before(text: str, end: int, n: int) -> list[str]:
    """The n places listed with 、/和 right before ``end`` (济南、临沂、菏泽|受理…; 淄博、临沂两市|收案数),
    or none."""
    k = last_mark(text, "，,。；;：:！!？?\n", end) + 1
    clause = text[k:end]
    if m := _PLACE_COUNT.search(clause):
        clause = clause[: m.start()]
    names = [text[k + s : k + e] for s, e, _ in load_gazetteer().scan(clause)]
    tail = names[-n:]
    joined = re.sub(r"[、和及与]", "", clause[-sum(len(x) + 1 for x in tail) :]) if tail else ""
    return tail if len(tail) == n and joined.endswith("".join(tail)) and clause.endswith(tail[-1]) else []


def _a_change(metric: str, spec: dict) -> bool:
    """The metric is a change (同比增长, 较一季度提高): no subject of another change."""
    return "同比" in metric or "较" in metric or metric.endswith(tuple(spec["bare_changes"]))


# names listed before 分别: words, or codes with letters (PM2.5、PM10、SO2)
# an item may stand in quotes (网上可办率、“最多跑一次”、全程网办率分别达到…)
_LISTED = re.compile(
    r"(?:(?:“?[\u4e00-\u9fff]{2,12}”?[\u4e00-\u9fff]?|[A-Za-z][A-Za-z0-9.]{1,7})[、和及])+“?$"
)


_CODE_HEAD = re.compile(r"[A-Za-z][A-Za-z0-9.]*")


def _listed_metrics(text: str, h: IndicatorHit) -> list[str]:
    """办结率、满意率分别…: the metrics listed before 分别, when they end alike (率, 数, 额)."""
    own = h.metric.split("分别", 1)[0]
    m = _LISTED.search(text, max(0, h.start - 60), h.start)
    if not m or not own:
        return []
    items = [*(_strip_quotes(x) for x in re.split(r"[、和及]", m.group(0))[:-1]), own]
    if any(item.replace(".", "").isdigit() for item in items):
        return []  # 5、8和|10件: figures, not names
    code = _CODE_HEAD.match(own)
    if code and all(_CODE_HEAD.fullmatch(item) for item in items[:-1]):
        return [item + own[code.end() :] for item in items[:-1]] + [own]  # PM10、CO年均浓度: one noun
    leading = _spec().data["metric_leading"]
    while n := _affix(items[0], leading, prefix=True):
        items[0] = items[0][n:]  # 今年上半年地区生产总值、…: the time is no part of the first metric
    alike = len({item[-1] for item in items}) == 1
    if (tail := _kind_tail(items)) and on("indicator.metric.respectively_kinds"):
        return [item + tail for item in items[:-1]] + [own]  # “公安”类、“城建”类、“资源”类案件…
    pairs = _spec().data["paired_modifiers"]  # 城镇和农村居民收入: a paired modifier, not a list
    paired = len(items) == 2 and items[0][-2:] in pairs and own[:2] in pairs  # 男性和女性职工平均工资
    whole = all(len(item) >= 2 for item in items)  # not 35岁|及以下: a figure split the list
    plain = whole and not paired and not any(v in own for v in _object_verbs())
    return items if alike or plain else []


def _kind_tail(items: list[str]) -> str:
    """案件同比下降 of 公安类、城建类、资源类案件同比下降: what the listed kinds share after the last
    one's kind word (类, 型), or ""."""
    *listed, own = items
    end = listed[0][-1:]
    if end not in ("类", "型") or any(item[-1:] != end for item in listed):
        return ""
    k = own.find(end)
    return own[k + 1 :] if 1 <= k <= 6 and len(own) - k > 2 else ""


_SHORT_CHANGES = ("增", "降")  # a change said with one character (收入47.8亿元,增14.2%)
_CLAUSE_CHANGE = re.compile(rf"[，,；;]\s?[{''.join(_SHORT_CHANGES)}]$")  # … opening its clause


def _relate(text: str, hits: list[IndicatorHit], spec: dict) -> None:
    """Shares and changes are said of the count before them in the sentence: 维持5件,占受理总数的38%
    → 维持占受理比例 (indicator.metric.share); 受理83件,同比增长74% → 受理同比增长
    (indicator.metric.change); 工业增加值63亿元,增长21.3% → 工业增加值增长 (indicator.metric.bare_change).
    Comparison wordings are unified to 同比 first."""
    for i, h in enumerate(hits):
        if h.metric is None and text[max(0, h.start - 1) : h.start] == "占":
            h.metric, h.start = "占比", h.start - 1  # 以其他方式处理的1009件,占24.45%
        if h.metric is None and _CLAUSE_CHANGE.search(text, max(0, h.start - 2), h.start):
            h.metric, h.start = text[h.start - 1], h.start - 1  # 收入47.8亿元,增14.2%: a change, said short
        prev = hits[i - 1] if i else None
        if (
            h.metric is None
            and prev
            and prev.metric
            and on("indicator.metric.bracket_compare")
            and _BRACKET_COMPARE.search(text, max(0, h.start - 10), h.start)
            and _same_sentence(text, prev.end, h.start)
        ):
            h.metric = prev.metric  # 新收申请3326件(2023年为867件): the same count, another year
        rate = next((p for p in reversed(hits[:i]) if p.base_unit == "%"), None)
        if (
            h.metric is None
            and h.base_unit == "%"
            and rate
            and (rate.metric or "").endswith("率")
            and _same_sentence(text, rate.end, h.start)
            and re.search(r"[，,]", text[rate.end : h.start])  # a later clause; 98%、96% after 分别 is a list
            and on("indicator.metric.rate_again")
        ):
            h.metric = rate.metric  # 败诉率降至10.8%,其中西夏区降至5%以下: the same rate, elsewhere
        if h.metric is None and prev and prev.metric and (past := _multiple_of_past(text, h, prev)):
            h.metric = _subject_of(prev.metric) + "是" + past  # 地区生产总值…,是2012年的2.75倍
        if not h.metric:
            continue
        h.metric = _comparison(h.metric, spec)
        h.metric = _year_compared(text, h, spec) or h.metric
        share = _share(h.metric, spec)
        bare = h.metric in spec["bare_changes"] or h.metric in _SHORT_CHANGES  # indicator.metric.bare_change
        if share is None and not _compared(h.metric) and not bare:
            continue
        h.metric = share or h.metric
        if not (h.metric.startswith("占") or _compared(h.metric)) and not bare:
            continue
        prev = hits[i - 1] if i else None
        if (
            prev
            and prev.base_unit == "名次"
            and h.base_unit == "%"  # 提升21名 after a rank is the rank's own change
            and i > 1
            and on("indicator.metric.change_past_rank")
        ):
            prev = hits[i - 2]  # 1465.9万户,居全国第二位,同比增长4.4%: the count grew, not the rank
        if (
            prev
            and (k := _before_aside(text, hits, i)) is not None
            and on("indicator.metric.change_past_aside")
        ):
            prev = hits[k]  # 受理案件14427件(含旧存1436件),同比下降6.85%: the whole count fell
        if (
            prev
            and prev.metric in spec["bare_averages"]
            and i > 1
            and hits[i - 2].metric
            and on("indicator.metric.change_past_average")
        ):
            prev = hits[i - 2]  # 受理办件402万件,日均11020件,同比增长33.51%: the count grew
        points = h.base_unit == "个百分点" and h.metric.startswith(
            ("同比", "较")
        )  # …比重为49.8%,较上年末提升0.3个百分点
        if (
            prev
            and (h.metric.startswith("占比") or (points and prev.base_unit == "%"))
            and "占" in (prev.metric or "")
            and len(owner := prev.metric.split("占", 1)[0]) >= 2
            and _same_sentence(text, prev.end, h.start)
            and on("indicator.metric.share_change")
        ):
            share = "" if h.metric.startswith("占比") else "占比"
            h.metric = owner + share + h.metric  # …占全部投资的比重为43.1%,占比较上年同期提高1.4个百分点
            continue
        if (
            prev
            and prev.metric
            and _same_sentence(text, prev.end, h.start)
            and not _related(prev.metric, spec)
            and not (
                (bare or (_compared(h.metric) and prev.base_unit in ("%", "个百分点")))
                and prev.metric.endswith(tuple(spec["bare_changes"]))
            )  # 增长|提高, 环比增长5%,较2022年同期增长8%: two changes, neither the other's subject
            and (subject := _subject_of(prev.metric))
        ):
            h.metric = subject + h.metric  # 进出口同比增长7.6%,占…的18.2%: the subject is 进出口


def _included_parts(text: str, hits: list[IndicatorHit]) -> None:
    """受理案件14427件(含旧存1436件): the count in the bracket is a part of the one before it
    (受理案件中旧存) [indicator.metric.included_part]."""
    if not on("indicator.metric.included_part"):
        return
    for a, b in itertools.pairwise(hits):
        if a.metric and b.metric and b.metric.startswith("含") and text[a.end : b.start] in ("(", "（"):
            b.metric = f"{_subject_of(a.metric)}中{b.metric[1:]}"


def _before_aside(text: str, hits: list[IndicatorHit], i: int) -> int | None:
    """The index of the figure right before a bracket that holds the figures before hits[i] and closes
    before it (处罚4905起(其中简易程序1486起,普通程序3419起),较上年减少27.9%), else None."""
    h, prev = hits[i], hits[i - 1]
    gap = text[prev.end : h.start]
    close = max(gap.rfind(")"), gap.rfind("）"))
    if close < 0 or re.search(r"[(（]", gap[:close]):
        return None
    opening = max(text.rfind("(", 0, prev.start), text.rfind("（", 0, prev.start))
    if opening < 0 or re.search(r"[)）。；;\n]", text[opening : prev.start]) or prev.start - opening > 40:
        return None
    k = i - 1
    while k > 0 and hits[k - 1].end > opening:
        k -= 1  # the figures inside the bracket
    return k - 1 if k > 0 and hits[k - 1].end == opening else None


_SERIES_GAP = re.compile(
    r"\s*[,，;；、]\s*(?:\d{4}\s*年)?(?:\d{1,2}\s*(?:[-—~至]\s*\d{1,2}\s*)?月(?:份|底|末)?)?(?:为|是|达)?\s*"
)


def _time_series(text: str, hits: list[IndicatorHit]) -> None:
    """受理各类行政一审案件805件,2022年488件,2023年551件: a figure whose clause is only another year
    (or month) and the figure counts the same thing as the one before it [indicator.metric.time_series]."""
    if not on("indicator.metric.time_series"):
        return
    for prev, cur in itertools.pairwise(hits):
        if cur.metric or not prev.metric or prev.base_unit != cur.base_unit:
            continue
        gap = _SERIES_GAP.fullmatch(text, prev.end, number_at(text, cur.start, cur.end))
        if gap and re.search(r"年|月", gap.group()) and "分别" not in prev.metric:
            cur.metric = prev.metric


def _table_cells(text: str, hits: list[IndicatorHit]) -> None:
    """咨询类 | 1318 | 29.4% | under 类型 | 数量(件) | 占比 |: a figure with no metric in a row of a
    table takes the row's label and its column's name (咨询类占比) [indicator.metric.table_cell]."""
    if not on("indicator.metric.table_cell") or "|" not in text:
        return
    for h in hits:
        if h.metric:
            continue
        line_start = text.rfind("\n", 0, h.start) + 1
        line_end = text.find("\n", h.end)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        cells = _cells(line)
        if len(cells) < 2 or not _is_han(cells[0][:1]) or re.search(r"\d", cells[0]):
            continue
        if cells[0] in ("合计", "总计", "小计") and h.base_unit == "%" and h.normalized_value == 100:
            continue  # 合计 | 4480 | 100%: the whole, nothing measured
        column = line[: h.start - line_start].count("|") - line.lstrip().startswith("|")
        header = _table_header(text, line_start)
        name = header[column] if header and column < len(header) else ""
        name = _BRACKETED.sub("", name)  # 数量(件) → 数量
        label = _BRACKETED.sub("", cells[0])
        if label.endswith(_ROW_MEASURES) and name and column:  # 数量 | 75件 under 举报投诉处理
            h.metric = name + ("" if label in _BARE_COUNTS else label)
        else:
            h.metric = cells[0] + ("" if name in (*_BARE_COUNTS, "") else name)


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
# a row label that names a measure: the table is turned, its header names what is measured
_BARE_COUNTS = ("数量", "数值", "件数", "个数", "人数")
_ROW_MEASURES = (*_BARE_COUNTS, "比例", "占比", "比重", "率", "金额", "总数")


def _cells(line: str) -> list[str]:
    """The cells of a table's row written with bars (| 咨询类 | 1318 | 29.4% |)."""
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table_header(text: str, line_start: int) -> list[str] | None:
    """The cells of the nearest row above with bars and no digit: the table's header."""
    end = line_start - 1
    for _ in range(20):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if "|" not in line:
            return None
        if not re.search(r"\d", line):
            return _cells(line)
        end = start - 1
    return None


def _rank_changes(text: str, hits: list[IndicatorHit], spec: dict) -> None:
    """较去年前进1位, 排名提升21名: places gained or lost in a ranking are 名次, not people
    [indicator.metric.rank_change]."""
    if not on("indicator.metric.rank_change"):
        return
    for i, h in enumerate(hits):
        num = number_at(text, h.start, h.end)
        if h.unit in spec["rank_change_units"] and text.endswith(("排名", "排在", "位列", "位居"), 0, num):
            h.base_unit = "名次"  # 沈阳排名78位: a place in a ranking, written without 第
            continue
        if h.unit in spec["rank_change_units"] and _ranked_place(text, h, num):
            h.metric, h.base_unit = "排名", "名次"  # 龙口市(13位)、胶州市(16位): each place's rank
            continue
        if h.unit not in spec["rank_change_units"] or not text.endswith(
            tuple(spec["rank_change_verbs"]), max(0, h.start - 4), num
        ):
            continue
        prev = hits[i - 1] if i else None
        ranked = "排名" in (h.metric or "") or (
            prev is not None and prev.base_unit == "名次" and _same_sentence(text, prev.end, h.start)
        )
        if ranked:
            h.base_unit = "名次"


def _ranked_place(text: str, h: IndicatorHit, num: int) -> bool:
    """N位 alone in brackets right after a place (龙口市(13位)): the place's rank in a list."""
    if num < 1 or text[num - 1] not in "(（" or text[h.end : h.end + 1] not in (")", "）"):
        return False  # a slice left empty would pass an `in` test: read the characters themselves
    name = re.search(r"[\u4e00-\u9fff]{2,8}$", text[max(0, num - 9) : num - 1])
    return bool(name) and _all_places(name.group())


# the other year's figure in brackets after a figure: (2023年为867件, 上年同期为, 去年:)
_BRACKET_COMPARE = re.compile(r"[(（](?:\d{4}\s*年|上年同期|去年同期|上年|去年|同期)(?:为|是|[:：])?$")


def _subject_of(metric: str) -> str:
    """What a metric is said of, without its change or multiple (进出口同比增长 → 进出口,
    地区生产总值是2012年 → 地区生产总值)."""
    return _PAST_MULTIPLE_TAIL.sub("", _COMPARED.split(metric, 1)[0])


_COMPARED = re.compile(r"同比|[较比](?:上年|去年|年初|上月)")  # 较上年末净增: against the year's end
_COMPARED_HEADS = ("同比", "较", "比上年", "比去年")  # how a change against an earlier time opens
_DEGREE = re.compile(r"较[大小高低多少好强重轻快慢长短深广早晚差](?!年)")  # 较多年平均: a comparison


def _compared(metric: str) -> bool:
    """A change against an earlier time (同比增长, 较上年减少); 较大事故 is a degree, no comparison."""
    return metric.startswith(_COMPARED_HEADS) and not _DEGREE.match(metric)


_PAST_MULTIPLE_TAIL = re.compile(r"是(?:前年|去年|上年|\d{4}\s*年)(?:同期)?$")
_MULTIPLE_OF_PAST = re.compile(r"(?:是|为|相当于)((?:前年|去年|上年|\d{4}\s*年)(?:同期)?)的$")


def _multiple_of_past(text: str, h: IndicatorHit, prev: IndicatorHit) -> str | None:
    """The past (2012年) of which h is a multiple, when it is said right after the count before it
    in the sentence [indicator.metric.multiple_of_past]."""
    m = _MULTIPLE_OF_PAST.search(text, max(0, h.start - 12), h.start)
    ok = m and h.base_unit == "倍" and _same_sentence(text, prev.end, h.start)
    return m.group(1) if ok and on("indicator.metric.multiple_of_past") else None


_YEAR_COMPARED = re.compile(r"(?:同|与|较|比)\s*(\d{4})\s*年(?:同期)?(?:相)?$")


def _year_compared(text: str, h: IndicatorHit, spec: dict) -> str | None:
    """较2020年提升了3.03分, 同2023年比下降14.45个百分点: a change compared with a named year, its
    subject the count before it (营商环境便利度较2020年提升) [indicator.metric.year_compared]."""
    change = h.metric.removeprefix("相比").removeprefix("比")
    same_time = "同期" if change.startswith("同期") else ""  # 较2018年|同期增加35天
    change = change.removeprefix(same_time)
    m = _YEAR_COMPARED.search(text, max(0, h.start - 12), h.start)
    if not (m and change in spec["bare_changes"] and on("indicator.metric.year_compared")):
        return None
    return f"较{m.group(1)}年{same_time}{change}"


def _comparison(metric: str, spec: dict) -> str:
    for word in sorted(spec["comparison_words"], key=len, reverse=True):
        k = metric.find(word)
        if k >= 0 and metric[k + len(word) : k + len(word) + 1] in ("末", "底", "初"):
            return metric  # 较上年末提升: against the year's end, not the same period
        if k >= 0:
            return metric.replace(word, "同比", 1)
    return metric


def _share(metric: str, spec: dict) -> str | None:
    """占受理案件总数的 → 占受理案件总数比例 (its subject comes from the count before it); 占/占比 → 占比;
    纠错案件占审结数的 → 纠错案件占审结数 (a subject of its own); None when not a share."""
    if "占" not in metric or re.search(r"占(?:地|用(?!户))", metric):
        return None  # 占地16.6万平方米: land taken up, no share
    subject, base = metric.split("占", 1)
    base = base.removesuffix("的")
    if base.startswith("比") and len(base) > 1 and not subject:
        return metric  # 占比同比提高: the share itself changed
    if subject.endswith(tuple(spec["rate_measures"])) and on("indicator.metric.share_named"):
        return subject  # 进驻比例占全区政务服务事项的94%: the share is named before 占
    if subject or base.endswith(("比重", "比例", "份额")):  # 户数占农户总户数: complete as written
        return f"{subject}占{base}"
    return f"占{base}比例" if base not in ("", "比") else "占比"  # named after the count before it


def _related(metric: str, spec: dict) -> bool:
    return metric.startswith("同比") or "占" in metric or "分别" in metric


def _alike(a: str, b: str) -> bool:
    """One metric contains the other, or they share half their characters (去年收到行政复议申请 and
    各级行政复议机关去年共收到行政复议申请)."""
    return a in b or b in a or len(set(a) & set(b)) * 2 >= len(set(a) | set(b))


def _same_sentence(text: str, start: int, end: int) -> bool:
    return not re.search(r"[。；;！？!?\n]", text[start:end])


_BIG_REPEAT = 100  # a figure this large said twice with an alike metric is said of one thing


def _repeats(kept: str, metric: str | None) -> bool:
    return not metric or _alike(kept, metric)


def _contains(kept: str, metric: str | None) -> bool:
    """Within one paragraph only a metric inside the other's makes a repeat (审结 | 法院审结各类…)."""
    return bool(metric) and (kept in metric or metric in kept)


def _unrepeated(text: str, hits: list[IndicatorHit]) -> list[IndicatorHit]:
    """A figure repeated with an alike metric in another paragraph (headline and body, summary and
    detail) is one indicator (indicator.veto.repeat); the first mention stays. Within one paragraph
    a small figure twice is two statements (每村1名…; 每组1名…), a large one with an alike metric is
    one (受理…案件15216件 in a summary and in its detail, where a page ran its paragraphs together;
    indicator.veto.big_repeat)."""
    breaks = [m.start() for m in re.finditer("\n", text)]
    out: list[IndicatorHit] = []
    # the distinct metrics kept per figure and paragraph: a long text is not scanned per figure
    kept: dict[tuple, dict[int, set]] = {}
    repeats_go = on("indicator.veto.repeat")
    for h in hits:
        para = bisect.bisect_left(breaks, h.start)
        by_para = kept.setdefault((h.normalized_value, h.base_unit), {})
        big = (
            h.normalized_value >= _BIG_REPEAT
            and h.base_unit not in ("%", "个百分点", "名次")  # 满意率100% twice: two rates
            and on("indicator.veto.big_repeat")
        )
        repeat = repeats_go and any(
            m and (_repeats(m, h.metric) if p != para else big and _contains(m, h.metric))
            for p, metrics in by_para.items()
            for m in metrics
        )
        if not repeat or _new_statement(text, h.start):
            out.append(h)  # a repeat without a metric (直接纠错(包括撤销…)1639件) goes too
            by_para.setdefault(para, set()).add(h.metric)
    headline = breaks[0] if breaks else len(text)
    return [h for h in out if not _headline_repeat(h, headline, out)]


# how far before a figure, within its clause, an additive adverb still belongs to it (…支队还出动了16辆)
_CUE_REACH = 8
_CLAUSE_TAIL = re.compile(r"[^，,。；;：:！？!?\n]*$")  # the end of a text back to its last clause break


def _new_statement(text: str, start: int) -> bool:
    """还/也/又/另外 shortly before the figure in its clause: it adds to what was said (武警支队还出动了
    16辆宣传车 after 出动16辆宣传车 elsewhere), so it is no repeat."""
    spec = _spec().data
    cues, not_cues = tuple(spec["new_statement_cues"]), tuple(spec["not_new_statement_cues"])
    lead = _CLAUSE_TAIL.search(text[max(0, start - _CUE_REACH) : start]).group()
    return any(lead.startswith(cues, k) and not lead.startswith(not_cues, k) for k in range(len(lead)))


def _headline_repeat(h: IndicatorHit, headline: int, hits: list[IndicatorHit]) -> bool:
    """A figure of a short first line that the body states again, in other words (纠错案件达107件 over
    确认违法的有107件), is the body's statement (indicator.veto.headline_repeat); small figures may
    be two things."""
    return (
        on("indicator.veto.headline_repeat")
        and h.end <= headline <= _HEADLINE_CHARS
        and h.normalized_value >= 10
        and any(
            o.start > headline
            and o.normalized_value == h.normalized_value
            and o.base_unit == h.base_unit
            and o.metric
            for o in hits
        )
    )


def _inside(i: int, spans) -> bool:
    return spans.covers(i) if isinstance(spans, SpanSet) else any(s <= i < e for s, e in spans)


def _bare_multiplier(text: str, blocked: list, spec: dict) -> list[IndicatorHit]:
    """受援人近50万, 贷款160亿: a figure with 万/亿 and no unit, at the end of its clause, takes the base
    unit its metric implies (indicator.bare_multiplier); none implied, no indicator."""
    hits = []
    for m in itertools.chain(_bare_pattern().finditer(text), _bare_noun_pattern().finditer(text)):
        if _inside(m.start("num"), blocked) or (m.start() and _after_code(text, m.start())):
            continue
        if m.re is _bare_noun_pattern():  # 约17万村民受益: the people after the figure are counted
            metric, start = m.group("noun"), m.start()
        else:
            metric, start = _backward_phrase(text, m.start(), spec)
        base = next(
            (b for b, nouns in spec["bare_multiplier_units"].items() if metric.endswith(tuple(nouns))), None
        )
        if not base or not metric:
            continue
        try:
            value, normalized = value_of(m.group("num"), m.group("mult"))
        except ValueError:
            continue
        pre = m.group("pre")
        hits.append(
            IndicatorHit(
                start,
                m.end(),
                _strip_quotes(metric),
                value,
                m.group("mult") + base,
                spec["qualifiers_prefix"][pre] if pre else None,
                normalized,
                base,
                "indicator.bare_multiplier",
                rules.confidence("indicator.bare_multiplier"),
            )
        )
    return hits


def _percent_words(text: str, blocked: list, spec: dict) -> list[IndicatorHit]:
    """年均增长百分之十二, 超过百分之三点五: a percentage written out in words (indicator.percent_words)."""
    hits = []
    for m in _percent_pattern().finditer(text):
        if _inside(m.start("num"), blocked):
            continue
        try:
            value = parse_numeral(m.group("num"))
        except ValueError:
            continue
        metric, start = _backward_phrase(text, m.start(), spec)
        pre = m.group("pre")
        hits.append(
            IndicatorHit(
                start,  # m.start() when there is no metric
                m.end(),
                _strip_quotes(metric) or None,
                value,
                "%",
                spec["qualifiers_prefix"][pre] if pre else None,
                value,
                "%",
                "indicator.percent_words",
                rules.confidence("indicator.percent_words"),
            )
        )
    return hits


@lru_cache(maxsize=1)
def _percent_pattern() -> re.Pattern:
    pre = _alt(_spec().data["qualifiers_prefix"])
    return re.compile(
        rf"(?P<pre>{pre})?百分之(?P<num>{ARABIC}|[零〇一二两三四五六七八九十百][零〇一二两三四五六七八九十百点]*)"
    )


@lru_cache(maxsize=1)
def _bare_pattern() -> re.Pattern:
    spec = _spec().data
    return re.compile(
        rf"(?P<pre>{_alt(spec['qualifiers_prefix'])})?(?P<num>{ARABIC})(?:个多?)?(?P<mult>万|亿)"
        rf"(?=[,，。；;、！!？?)）\n]|$)"  # 总投资3.1个亿: spoken for 3.1亿"
    )


@lru_cache(maxsize=1)
def _bare_noun_pattern() -> re.Pattern:
    """约17万村民受益, 1.3万群众: 万/亿 right before a noun of ``bare_multiplier_units`` that is no unit
    (1.5万余人次 is read with its unit)."""
    spec = _spec().data
    units = {u for surfaces in spec["units"].values() for u in surfaces}
    nouns = [n for b in spec["bare_multiplier_units"].values() for n in b if len(n) >= 2 and n not in units]
    return re.compile(
        rf"(?P<pre>{_alt(spec['qualifiers_prefix'])})?(?P<num>{ARABIC})(?P<mult>万|亿)(?:余|多)?(?P<noun>{_alt(nouns)})"
    )


def _shared_unit(text: str, blocked: list, spec: dict, unit_base: dict) -> tuple[list[IndicatorHit], list]:
    """Figures that share the unit of the figure after them (分别提高5.4个和7.5个百分点, 增长3、5件):
    one indicator each, with that unit (indicator.shared_unit). Not before a multiplier (5和10万元
    may be 5 or 50000). Returns the hits and their numbers' spans."""
    hits, spans = [], []
    for m in _shared_pattern().finditer(text):
        if _inside(m.start(), blocked) or (m.start() and _after_code(text, m.start())):
            continue
        unit = m.group("unit")
        if m.group("part") and not unit.startswith(m.group("part")):
            continue  # 5个和3项: each has its own unit
        if unit in spec["context_units"]:
            continue  # a score, 3点建议: only their own context makes these counts, never a list's
        if on("indicator.veto.duration") and (
            (unit == "个" and _shared_duration(text, m.end(), spec))
            or (unit in spec["units"]["工作日"] and not _time_saved(text, m))
        ):
            continue  # 65、53、50个工作日: durations
        value = float(m.group("num").replace(",", ""))
        metric, start, _ = _metric(text, m, spec, 0)
        end = m.end("num") + len(m.group("part") or "")
        hits.append(
            IndicatorHit(
                start,
                end,
                metric,
                value,
                unit,
                None,
                value,
                unit_base[unit],
                "indicator.shared_unit",
                rules.confidence("indicator.shared_unit"),
            )
        )
        spans.append((m.start("num"), end))
    return hits, spans


def _shared_duration(text: str, i: int, spec: dict) -> bool:
    """The figure at ``i`` whose unit the list shares is a duration (50个工作日)."""
    m = _counted_pattern().match(text, i)
    return bool(m) and _duration_after(text, m.end(), spec)


_A_YEAR = re.compile(r"(?:19|20)\d{2}")


def _time_saved(text: str, m: re.Match) -> bool:
    """A figure in 工作日 after a verb of saving time in its clause (压缩办理时限1213个工作日), or a time
    limit named in its clause and cut to it (企业设立登记时间压缩至2个工作日; indicator.metric.time_limit);
    not a bare 压缩至3个工作日 nor 压缩到目前的39、33…"""
    clause = text[last_mark(text, "，,；;。！？!?\n", m.start()) + 1 : m.start()]
    saved = _time_saving_pattern().search(clause)
    if saved and not clause.endswith(("至", "到", "为", "在")):
        return True
    limit = _TIME_LIMIT.search(clause)  # …压缩至2个工作日; 承诺件平均办理用时0.7个工作日
    return bool(limit) and limit.start() >= 2 and on("indicator.metric.time_limit")


_TIME_LIMIT = re.compile(
    r"(?:时间|时限|用时|时长|周期)(?:压缩|压减|缩短|减少|降低?)(?:至|到|为)$|平均(?:办理|办结|审批)?(?:用时|时长)(?:为|仅)?$"
)


@lru_cache(maxsize=1)
def _time_saving_pattern() -> re.Pattern:
    return re.compile(rf"(?:{_alt(_spec().data['time_saving_verbs'])})(?![至到为])")


def _duration_after(text: str, i: int, spec: dict) -> bool:
    """A duration word follows the unit 个 that ends at ``i`` (3个月, 1个工作日, 一个多月)."""
    return text.startswith(tuple(spec["duration_after_unit"]), i + (text[i : i + 1] in "多余"))


def _bare_duration(text: str, m: re.Match, spec: dict) -> bool:
    """A bare 个 at a clause's end after a change to it (压减至3个) in a clause that measures a
    duration in 个 (由21个工作日…)."""
    if _is_han(text[m.end() : m.end() + 1]) or not text.endswith(spec["change_verbs"], 0, m.start()):
        return False
    clause = text[last_mark(text, "，,；;。！？!?\n", m.start()) + 1 : m.start()]
    return any(_duration_after(clause, c.end(), spec) for c in _counted_pattern().finditer(clause))


@lru_cache(maxsize=1)
def _counted_pattern() -> re.Pattern:
    """A number, its 余/多 and 个 (50个, 30余个)."""
    return re.compile(rf"{ARABIC}(?:{_alt(_spec().data['qualifiers_before_unit'])})?个")


@lru_cache(maxsize=1)
def _shared_pattern() -> re.Pattern:
    spec, unit_base = _spec().data, _spec().unit_base
    seps = _alt(spec["list_separators"])
    return re.compile(
        rf"(?P<num>{ARABIC})(?P<part>个)?(?:{seps})"  # 12、|15和18件: the unit closes the whole list
        rf"(?=(?:{ARABIC}个?(?:{seps}))*{ARABIC}(?:{_alt(spec['qualifiers_before_unit'])})?(?P<unit>{_alt(unit_base)}))"
    )


def _share_metrics(text: str, hits: list[IndicatorHit], spec: dict) -> None:
    """A number with no metric of its own takes the one before it: the next item of a list
    (增长11.6%、9.2%; 243项事项实现跨省通办、158项实现省内通办) or the end point of a change
    (覆盖率由85%提高到92%), in the same clause and unit;
    not after 分别 (respectively: each number has its own subject)."""
    for prev, cur in itertools.pairwise(hits):
        gap = text[prev.end : cur.start]
        if (
            not prev.metric
            or "分别" in prev.metric
            or prev.base_unit != cur.base_unit
            or _PUNCT & (set(gap) - {"、"})
        ):
            continue
        if cur.metric is None and (
            gap in spec["list_separators"] or gap.startswith(spec["change_verbs"]) or _parallel(gap, spec)
        ):
            cur.metric = prev.metric
        elif cur.metric and cur.metric[:2] == gap[:2] and _parallel(gap, spec):
            cur.metric = prev.metric  # …、158项|实现省内通办: the predicate repeats the item before


def _parallel(gap: str, spec: dict) -> bool:
    """243项政务服务事项|实现跨省通办、|158项实现省内通办: the predicate of the item before (it opens
    with a verb that ends a metric), then 、 — the next item of a parallel list counts the same thing
    [indicator.metric.parallel]."""
    return (
        on("indicator.metric.parallel")
        and bool(_PARALLEL_GAP.fullmatch(gap))
        and gap.startswith(spec["long_forward_stops"])
    )


_PARALLEL_GAP = re.compile(r"[\u4e00-\u9fff“”]{1,16}、")


def _slogans(text: str) -> list[tuple[int, int]]:
    """Short quoted phrases (“五个过硬”, “三重一大”) and N+N formulas (1名村(居)法律顾问+N名法律明白人,
    1+3+N) are names, not counts."""
    quoted = re.finditer(r"[“\"‘「『][^“”\"‘’「」『』\n]{1,12}[”\"’」』]", text)
    return [(m.start(), m.end()) for m in quoted] + [(m.start(), m.end()) for m in _FORMULA.finditer(text)]


_FORMULA = re.compile(  # not 1个县级中心+21个乡镇分中心: a sum of counts
    r"[0-9一]\s*[个名家项支]?[\u4e00-\u9fff()（）]{0,12}?\s*[+＋]\s*(?:\d+\s*[+＋]\s*)*[NnXx]\s*[个名家项支]?[\u4e00-\u9fff]{0,8}"
)


# 3.1个亿, 1个多亿元: a spoken multiplier (not 3个万亿级产业集群)
_SPOKEN = re.compile(r"多?[亿万]元?(?:[,，。；;、！!？?)）\n]|$)")  # not 250个亿元以上项目


def _score(text: str, m: re.Match, spec: dict) -> bool:
    """分 after a number is a score when a score word comes before it in its sentence and no clock
    time (10时30分) or longer word (分钟, 三分之一, 分局) holds it (indicator.veto.score_context)."""
    if (
        text.startswith(tuple(spec["score_not_after"]), m.end())
        or text[max(0, m.start() - 1) : m.start()] in "时点:秒"
        or re.match(r"\d+秒", text[m.end() : m.end() + 4])  # 2分33秒: a time
    ):
        return False
    head = text[max(0, m.start() - 60) : m.start()]
    sentence = re.split(r"[。！？!?；;\n]", head)[-1]
    return any(w in sentence for w in spec["score_words"])


def _bracket_count(text: str, m: re.Match) -> int | None:
    """A figure that opens a bracket after a noun and closes it or a comma clause (市内各类媒体(约20家,
    区新闻办负责), 出席范围(约150人), 市直部门(共30个), 示范县(市、区)(30个)): it counts the noun
    [indicator.metric.bracket_count]. Returns where the bracket opens."""
    after = text[m.end() : m.end() + 1]
    k = m.start() - next((len(w) for w in ("共计", "共") if text.endswith(w, 0, m.start())), 0)
    ok = (
        on("indicator.metric.bracket_count")
        and k >= 2
        and text[k - 1] in "(（"
        and (_is_han(text[k - 2]) or text[k - 2] in ")）")
        and after != ""
        and after in ")）,，"
    )
    return k - 1 if ok else None


def _line_bracket(text: str, m: re.Match) -> bool:
    """(13个镇街园,已拆除2368175㎡) opening a line or after a table's caption (…工作进度表(13个…):
    the bracket holds figures."""
    k = m.start()
    return (
        k >= 1
        and text[k - 1] in "(（"
        and (
            not text[: k - 1].strip(" \u3000")
            or _opens_line(text, k - 1)
            or bool(_CAPTION.search(text, 0, k - 1))
        )
    )


def _opens_line(text: str, k: int) -> bool:
    """Only blanks stand before k on its line."""
    return not text[text.rfind("\n", 0, k) + 1 : k].strip(" \u3000\t")


def _heading_above(text: str, k: int) -> str | None:
    """The short heading on the line above a bracket that opens a line at k (一、…建设示范市 / (4个,按照
    地区顺序排列)): what the bracket's figure counts [indicator.metric.heading_above]."""
    if not (
        on("indicator.metric.heading_above")
        and k >= 0
        and text[k : k + 1] in ("(", "（")
        and _opens_line(text, k)
    ):
        return None
    lines = [line.strip(" \u3000\t") for line in text[max(0, k - 120) : k].split("\n")][:-1]
    line = next((x for x in reversed(lines) if x), "")
    heading = _LIST_NUMBER.sub("", line)
    ok = 2 <= len(heading) <= 30 and not re.search(r"[\d。，,；;：:！!？?]", heading)
    return heading if ok else None


_LIST_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、])")


_CAPTION = re.compile(r"(?:进度|统计|情况|一览|明细|汇总|总)表$")  # not 企业代表(17家)


def _after_code(text: str, i: int) -> bool:
    """A digit, a point or a Latin letter before the number: part of a code or a longer number
    (indicator.veto.inside_code)."""
    return on("indicator.veto.inside_code") and bool(re.match(r"[\d.A-Za-z]", text[i - 1]))


_RANK_TAIL = re.compile(r"(?:排名|排在)?前[\d一二三四五六七八九十]+[名位]?的?$")
# the top of a ranking, no count of people (前5名是…, 位列前20名, 前十名单位)
_TOP_RANK = re.compile(
    r"前[\d一二三四五六七八九十]+[名位](?:的|是|为|分别|依次|[:：]|单位|部门|企业|城市|地区|县|市|区|乡镇|街道)"
    r"|(?<=位列|进入|跻身|排名|位居)前"
)


_VAGUE_TENS = re.compile(r"(?<![人次件户家个])数[十百千万]")
_CONTACT_DIGITS = re.compile(r"[\d\-－ ]*")


@lru_cache(maxsize=1)
def _page_counter() -> re.Pattern:
    labels = "|".join(map(re.escape, _spec().data["page_counter_labels"]))
    return re.compile(rf"(?:{labels})\s*[:：]\s*$")


_THRESHOLD_TAIL = re.compile(r"[\d.]*[万亿千百]?元及?(?:以上|以下)(?:的?[\u4e00-\u9fff]|\d)")
_THRESHOLD_HEAD = re.compile(r"\d[\d.]*[万亿千百]?元及?(?:以上|以下)的?(?=[\u4e00-\u9fff])")


def _threshold_at(text: str, j: int, floor: int) -> bool:
    """The digits ending at j open an amount that classes the noun after it (5000|万元以上项目)."""
    return on("indicator.veto.threshold") and bool(_THRESHOLD_TAIL.match(text, j)) and j - 1 >= floor


# the group a bar with 以上/以下 defines, and its size said right after (…1000件以上|的部门有5个, 的部门有:…)
_GROUP_SIZE = re.compile(
    r"的[\u4e00-\u9fff]{1,8}(?:有|共|达|为)\s*[0-9一二三四五六七八九十两:：]"
)  # or its list


def _threshold_group(text: str, m: re.Match) -> bool:
    """执法活动总量1000件以上的部门有5个: a bar that a group passes, the group's size said after it
    [indicator.veto.threshold_group]."""
    return m.group("suf2") in ("以上", "及以上", "以下", "及以下") and bool(_GROUP_SIZE.match(text, m.end()))


def _threshold(text: str, m: re.Match, spec: dict) -> bool:
    """An amount with 以上/以下 right before the noun it classes (300亿元以上特大项目, 10亿元以上的项目);
    not 5万亿元以上的巨大市场 (an amount said of a noun)."""
    bound = m.group("suf2") in ("以上", "及以上", "以下", "及以下")
    after = text[m.end() : m.end() + 4]
    classed = (_is_han(after[:1]) and after[:1] != "的") or after[:1].isdigit()  # 3亿元以上|17个
    classed = classed or (after[:1] == "的" and after[1:].startswith(tuple(spec["threshold_classes"])))
    return bound and m.group("unit") in spec["units"]["元"] and classed


def _policy_name(text: str, m: re.Match, spec: dict) -> bool:
    """稳增长24条, 出台促进…发展20条、…: a policy package's popular name, nothing counted after it."""
    nxt = text[m.end() : m.end() + 1]
    return (
        m.group("unit") in spec["policy_name_units"]
        and not m.group("mult")
        and text[: m.start()].endswith(tuple(spec["policy_name_heads"]))
        and not (_is_han(nxt) and nxt not in "等和及与")
    )


def _plausible(text: str, m: re.Match, spec: dict) -> bool:
    """The number counts something; each test below is a veto with its id (indicator.veto.*)."""
    num = m.group("num")
    before = text[max(0, m.start() - 4) : m.start()]
    if (
        on("indicator.veto.not_before")
        and any(before.endswith(w) for w in spec["not_before"])
        and _bracket_count(text, m) is None
        and not _line_bracket(text, m)
    ):
        return False
    if (
        on("indicator.veto.not_before")
        and before.endswith(tuple(spec["contact_before"]))
        and len(re.sub(r"\D", "", _CONTACT_DIGITS.match(text, m.start("num")).group())) >= 5
    ):
        return False  # 电话0379-64823389, but 其中电话1400件
    if (
        on("indicator.veto.article_one")
        and num == "一"
        and not m.group("mult")
        and m.group("unit") != "倍"
        and not any(c in text[max(0, m.start() - 6) : m.start()] for c in spec["one_count_cues"])
    ):
        return False  # 举办一场宣传晚会: an article; 全年召开一次 counts
    if on("indicator.veto.policy_name") and _policy_name(text, m, spec):
        return False
    if on("indicator.veto.threshold") and _threshold(text, m, spec):
        return False  # 5000万元以上项目: a class of projects, not an amount
    if on("indicator.veto.threshold_group") and _threshold_group(text, m):
        return False  # 总量1000件以上的部门有5个: the bar a group passes, its size follows
    if on("indicator.veto.page_counter") and _page_counter().search(text, max(0, m.start() - 10), m.start()):
        return False  # 点击数:59次: the page's hit counter, not a figure of the text
    if on("indicator.veto.top_rank") and m.start() and _TOP_RANK.match(text, m.start() - 1):
        return False  # 投资额前5名是海口…: the top five of a ranking, no count of people
    if (
        on("indicator.veto.not_after")
        and text.startswith(tuple(spec["not_after"]), m.end("num"))
        and not m.group("mult")
        and not _day_count(text, m)
    ):  # no copy of the rest
        return False
    if on("indicator.veto.hotline") and _HOTLINE.match(text, m.start("num")):
        return False  # 12333人力资源和社会保障服务热线: a hotline's number
    if m.group("unit") == "天" and not _day_count(text, m):
        return False  # 审批时间240多天, 1至2天内办结: durations
    if on("indicator.veto.spoken_multiplier") and m.group("unit") == "个" and _SPOKEN.match(text, m.end()):
        return False  # 3.1个亿: the 个 belongs to the multiplier (read as a bare 亿)
    if on("indicator.veto.duration") and m.group("unit") == "个" and _duration_after(text, m.end(), spec):
        return False  # 3个月, 一个多月: durations
    if (
        on("indicator.veto.duration")
        and m.group("unit") in spec["units"]["工作日"]
        and not _time_saved(text, m)
    ):
        return False  # 3个工作日内办结: a duration; 压减25个工作日 is a time saved
    if on("indicator.veto.vague_numeral") and "几" in text[max(0, m.start("num") - 1) : m.end("num")]:
        return False  # 有几十件: no figure
    if on("indicator.veto.vague_numeral") and _VAGUE_TENS.search(
        text, max(0, m.start("num") - 2), m.end("num")
    ):
        return False  # 不下数十次, 数百名: no figure (人数十人 is a count)
    if on("indicator.veto.duration") and m.group("unit") == "个" and _bare_duration(text, m, spec):
        return False  # 由21个工作日压减至3个: the bare 个 is the duration's
    if m.group("unit") == "点" and not (
        on("indicator.veto.point_noun") and text.startswith(tuple(spec["point_nouns"]), m.end())
    ):
        return False  # 下午3点: a time; 提出3点建议 counts
    if m.group("unit") == "分" and not (on("indicator.veto.score_context") and _score(text, m, spec)):
        return False  # 10时30分: a time; 评价得分78.85分 is a score
    if on("indicator.veto.size_class") and text.startswith(tuple(spec["class_after_unit"]), m.end()):
        return False  # 80吨级: a size class
    if on("indicator.veto.set_phrase") and text.startswith(tuple(spec["set_phrase_after_unit"]), m.end()):
        return False  # 四位一体: a set phrase
    if on("indicator.veto.numbered_meeting") and text.startswith(tuple(spec["numbered_meetings"]), m.end()):
        return False  # 省委十四次党代会: which congress, not how many
    if on("indicator.veto.adverb_numeral") and text[m.start("num") : m.end()] in spec["adverb_numerals"]:
        return False  # 十分重要: very
    if (
        on("indicator.veto.year_volume")
        and m.group("unit") in spec["year_volume_units"]
        and _A_YEAR.fullmatch(num)
    ):
        return False  # 2022卷: a yearbook's volume
    if m.start("num") > 0 and _after_code(text, m.start("num")):
        return False
    if re.fullmatch(ARABIC, num):
        return True
    if (
        on("indicator.veto.once_per_period")
        and num == "一"
        and re.search(
            r"每(?:年度|年|季度|月|周|天|日)[\u4e00-\u9fff]{0,3}$", text[max(0, m.start() - 8) : m.start()]
        )
    ):
        return False  # 每年组织一次…: how often, not how many (indicator.veto.once_per_period)
    if (
        on("indicator.veto.not_qualifier")
        and m.group("pre")
        and text[max(0, m.start() - 1) : m.start()] + m.group("pre") in spec["not_qualifiers"]
    ):
        # 附近一所高中: 近 belongs to 附近, and 一所 has no quantity cue (indicator.veto.not_qualifier)
        return False
    if on("indicator.veto.approximate") and re.match("[一二两三四五六七八九]{2}", num):
        return False  # 七八万吨, 三四百人: an approximate range, not a number
    # Chinese numerals: only with a quantity cue
    cues = spec["cn_quantity_cues"]
    return not on("indicator.veto.cn_without_cue") or bool(
        m.group("pre")
        or m.group("suf0")
        or m.group("suf1")
        or m.group("suf2")
        or re.search("[十百千万亿]", num)
        or any(before.endswith(c) for c in cues)
    )


_BRACKET_TIMES = re.compile(r"[(（]次[)）]")
_HOTLINE = re.compile(
    rf"{_HOTLINE_NUMBER}(?=人力|热线|政务|服务|便民|妇女|市民|投诉|举报|消费|法律|平台|专线)"
)


def _day_count(text: str, m: re.Match) -> bool:
    """优良天数为960天, …,较2018年减少75天: days counted, not a duration, where the sentence before the
    figure names a count of days [indicator.metric.day_count]."""
    if m.group("unit") != "天" or not on("indicator.metric.day_count"):
        return False
    clause = text[last_mark(text, "，,。；;！？!?\n", m.start()) + 1 : m.start()]
    if "天数" in clause:
        return True
    start = last_mark(text, "。；;！？!?\n", m.start()) + 1  # …天数…,较2018年减少75天
    return clause.startswith(("较", "比", "同比")) and "天数" in text[max(start, m.start() - 60) : m.start()]


def _number_hit(text: str, m: re.Match, unit_base: dict, spec: dict, floor: int) -> IndicatorHit | None:
    numeral, mult = split_multiplier(m.group("num"), m.group("mult"))
    try:
        value, normalized = value_of(numeral, mult)
    except ValueError:
        return None
    unit_surface = m.group("unit")
    base = unit_base[unit_surface]
    qualifier = None
    if m.group("pre"):
        qualifier = spec["qualifiers_prefix"][m.group("pre")]
    for key, table in (
        ("suf0", "qualifiers_before_unit"),
        ("suf1", "qualifiers_before_unit"),
        ("suf2", "qualifiers_after_unit"),
    ):
        if m.group(key):
            qualifier = spec[table][m.group(key)]
    times = _BRACKET_TIMES.match(text, m.end())
    if times and unit_surface + "次" in unit_base and on("indicator.unit.bracket_times"):
        unit_surface += "次"  # 2万余人(次), 10余场(次): counted in 人次, 场次
        base = unit_base[unit_surface]
    unit = (mult + unit_surface) if mult else ("%" if base == "%" else unit_surface)
    metric, start, end = _metric(text, m, spec, floor)
    if times and unit_surface.endswith("次") and end == m.end():
        end = times.end()
    for short, full in spec["metric_aliases"].items():  # GDP → 生产总值 (indicator.metric.alias)
        metric = metric.replace(short, full) if metric and full not in metric else metric
    metric = _without_fillers(metric, spec)
    rule, value_max, normalized_max = "indicator.number_unit", None, None
    if m.group("num2"):  # 3至5家, 20-30万元: the range's upper bound; value is the lower one
        try:
            value_max, normalized_max = value_of(*split_multiplier(m.group("num2"), mult or None))
        except ValueError:
            return None
        if on("indicator.veto.descending_range") and value_max <= value:
            return None  # 2021-2025 style pairs that are not ranges of a quantity
        rule = "indicator.range"
    return IndicatorHit(
        start,
        end,
        metric,
        value,
        unit,
        qualifier,
        normalized,
        base,
        rule,
        rules.confidence(rule),
        value_max,
        normalized_max,
    )


def _without_fillers(metric: str | None, spec: dict) -> str | None:
    """刊发各类稿件 → 刊发稿件: a determiner that says only "of all kinds" is no part of what is
    counted [indicator.metric.filler]."""
    if not metric or not on("indicator.metric.filler"):
        return metric
    for word in spec["metric_fillers"]:
        if word in metric and len(metric) - len(word) >= 2 and word + "类" not in metric:  # not 各种类
            metric = metric.replace(word, "")
    return metric


def _metric(text: str, m: re.Match, spec: dict, floor: int) -> tuple[str | None, int, int]:
    """Metric phrase after the unit (800余名行政执法人员) or before the number (签约额218.15亿元);
    returns it with the indicator's span, which covers number and metric."""
    before, start = _backward_phrase(text, m.start(), spec, floor)
    if n := _light_verb(before, m, spec) or _inner_light_verb(before, spec):  # 组织专题学法12次 → 专题学法
        before, start = before[n:], start + n
    if not before and (heading := _heading_above(text, m.start() - 1)):
        return heading, m.start(), m.end()  # 一、…建设示范市 / (4个,…): the heading is counted
    if not before and (bracket := _bracket_count(text, m)) is not None:
        noun, start = _backward_phrase(text, bracket, spec, floor)
        if noun:  # 市内各类媒体(约20家: the noun before the bracket is what is counted
            return noun, start, m.end()
    verb = _verb_ending(before, len(before))
    share_of = m.group("unit") in spec["units"]["%"] and before.endswith(
        tuple(spec["object_verbs"] + spec["share_verbs"])
    )  # 给予2%的财政贴息: 财政贴息
    share_of = share_of or (
        m.group("unit") in spec["units"]["%"]
        and not before
        and text.startswith("的", m.end())
        and not text.endswith(tuple(spec["range_separators"]), 0, m.start())
    )  # 其中85%的日办件量: 日办件量 (not the upper end of 25%至30%的…, which joins the range)
    share_of = share_of or (
        on("indicator.metric.amount_of")
        and m.group("unit") in spec["units"]["元"]
        and before.endswith(tuple(spec["object_verbs"] + spec["share_verbs"]))
        and text.startswith("的", m.end())
    )  # 设立了1000万元的产业发展扶持基金: 产业发展扶持基金
    sized = (
        on("indicator.metric.size_of")
        and any(m.group("unit") in spec["units"][u] for u in spec["size_units"])
        and not before.endswith(tuple(spec["size_measures"]))  # 占地16.6万平方米的…项目: the land it takes
        and text.startswith("的", m.end())
        and _is_han(text[m.end() + 1 : m.end() + 2])
    )  # 形成了10.7平方公里的闭环限行区域: the area's size
    share_of = share_of or sized
    if before and text.endswith("一行", 0, m.start()):
        return before, start, m.end()  # 督导组一行3人对…: the group is what is counted
    after, lead = _forward_phrase(text, m.end(), spec, share_of)
    if m.group("unit") in spec["units"]["%"] and after.startswith(_RANK_AFTER_RATE):
        after, lead = "", 0  # 网上信访占比达79.1%居全国第一: the rate's rank, not what it measures
    if _rate_named_before(before, m, spec) and not share_of:
        after, lead = "", 0  # 巩固出庭应诉率100%成果: the rate before the figure is what it measures
        k = _affix(before, spec["rate_leading"], prefix=True)
        before, start = before[k:], start + k  # 并提出出庭应诉率必须达到100%: the demand is no part of it
    titled = on("indicator.metric.book_title") and _book_title_before(text, m.start(), spec)
    if titled and not after:  # …《上海市文物保护条例》4场会前学法: the noun after the unit is counted
        return titled[0], titled[1], m.end()  # 发放《宪法知识读本》1000本 → 发放宪法知识读本
    if m.group("unit") in spec["noun_units"]:  # 全州10县市 → 县市 (indicator.metric.noun_unit)
        return verb + m.group("unit"), start + len(before) - len(verb), m.end()
    joined, covered = _participants(text, m, spec)
    if joined:  # 200多人参加了宣传活动 → 参加宣传活动 (indicator.metric.participants)
        return joined, m.start(), m.end() + covered
    if after and text.startswith("《", m.end()) and _title_instance(before):
        return _strip_quotes(before), start, m.end()  # 制定规范性文件1件《…》: the title is the item
    if after:
        end = m.end() + len(after) + (2 if text.startswith("《", m.end()) else 0)
        noun = _drop_asides(_strip_quotes(after[lead:]))
        per = re.search(spec["per_unit"], before)
        if sized and len(noun) > 2 and noun[-1] in _LOCATIVES:
            noun, end = noun[:-1], end - 1  # 81万平方米的园区里: the place, not where in it
        if share_of:
            return noun, m.start(), end
        if _light_verb(verb, m, spec):  # 开展3次现场检查, 组织61名负责人作述法报告: the object is counted
            return noun, m.start(), end
        if verb:  # 选聘253名专家 → 选聘专家 (indicator.metric.verb_object)
            return verb + noun, start + len(before) - len(verb), end
        if per:  # 每户1名法律明白人 → 每户法律明白人 (indicator.metric.per_unit)
            return per.group() + noun, start + per.start(), end
        return noun, m.start(), end
    if before:
        return _strip_quotes(before), start, m.end()
    head = _list_head(text, m.start(), floor)
    if head:  # 举办培训班、报告会和《…》等830场次 → 举办培训班 (indicator.metric.list_head)
        return head, m.start(), m.end()
    if (item := _LIST_ITEM.search(text, max(0, m.start() - 12), m.start())) and on(
        "indicator.metric.list_item"
    ):
        return item.group(1), m.start() - 1, m.end()  # 食盐3.2吨、酒1375箱: one character names the item
    if (clause := _predicate_clause(text, m.end(), spec)) and on("indicator.metric.predicate_clause"):
        return clause[0], m.start(), clause[1]  # 3928人次获得话费奖励 → 获得话费奖励
    if m.group("unit") in spec["article_units"] and (title := _sentence_title(text, m.start())):
        return title, m.start(), m.end()  # 《条例》立足毕节实际,不设章节,共32条 → 条例
    return None, m.start(), m.end()


_RANK_AFTER_RATE = ("居", "位居", "位列", "排名", "排在", "名列")
_LOCATIVES = "上里内中"


def _rate_named_before(before: str, m: re.Match, spec: dict) -> bool:
    """A percentage right after a rate's name (…率, 比例, 占比) measures that rate, whatever noun
    follows it [indicator.metric.rate_before]."""
    return (
        m.group("unit") in spec["units"]["%"]
        and before.endswith(tuple(spec["rate_measures"]))
        and on("indicator.metric.rate_before")
    )


def _sentence_title(text: str, i: int) -> str | None:
    """The title in 《》 that opens the sentence of the figure at i: what its articles belong to
    [indicator.metric.sentence_title]."""
    start = last_mark(text, "。；;！？!?\n", i) + 1
    while start < i and text[start] in " \u3000":
        start += 1
    close = text.find("》", start, i)
    if (
        text[start : start + 1] != "《"
        or not 1 < close - start <= 40
        or not on("indicator.metric.sentence_title")
    ):
        return None
    return text[start + 1 : close]


# a one-character item of a list of figures: a figure and 、 before it (食盐3.2吨、酒1 375箱)
_LIST_ITEM = re.compile(r"\d\s?[^\d\s、，,。；;]{1,3}、([\u4e00-\u9fff])$")
_CLAUSE_HEAD = re.compile(r"[\u4e00-\u9fff“”]{2,16}(?=[，,。；;！!？?\n]|$)")


def _predicate_clause(text: str, i: int, spec: dict) -> tuple[str, int] | None:
    """A figure with no noun before or after it and a predicate right after its unit (11项被国务院面向全国
    复制推广, 4万余人次|提供帮办代办服务): the predicate up to the clause's end says what is counted
    [indicator.metric.predicate_clause]."""
    copula = next((c for c in spec["clause_copulas"] if text.startswith(c, i)), "")
    if not copula and not text.startswith(spec["clause_verbs"], i):
        return None
    m = _CLAUSE_HEAD.match(text, i + len(copula))  # 其中2起为|邻里纠纷: what the figures are
    clause = _strip_quotes(m.group()) if m else ""
    return (clause, m.end()) if clause else None


def _light_verb(phrase: str, m: re.Match, spec: dict) -> int:
    """Length of a light verb at the start of ``phrase`` (组织, 开展: it only says that the counted
    activity took place), or of a verb gathering the people counted (动员) with a determiner after it
    (组织各级…): not part of the metric [indicator.metric.light_verb]; 0 if none, or if less than two
    characters would be left of a longer phrase."""
    if not on("indicator.metric.light_verb"):
        return 0
    people = m.group("unit") in spec["people_units"]
    verbs = spec["light_verbs"] + (spec["gathering_verbs"] if people else [])
    verb = max((v for v in verbs if phrase.startswith(v)), key=len, default="")
    if not verb or phrase == verb:
        return len(verb)
    determiners = spec["gathered_determiners"] if people else []
    n = len(verb) + next((len(d) for d in determiners if phrase.startswith(d, len(verb))), 0)
    return n if len(phrase) - n >= 2 else 0


def _inner_light_verb(phrase: str, spec: dict) -> int:
    """Where the object of a light verb inside ``phrase`` starts (业务部门组织开展|业务培训19次,
    党政主要负责人开展|述法人数): the actor before it is no part of what is counted
    [indicator.metric.inner_light_verb]; 0 if none leaves two characters."""
    if not on("indicator.metric.inner_light_verb"):
        return 0
    for verb in spec["inner_light_verbs"]:
        k = phrase.find(verb, 1)
        if k > 0 and len(phrase) - k - len(verb) >= 2:
            return k + len(verb)
    return 0


def _title_instance(before: str) -> bool:
    """The phrase before a figure ends with a noun (制定规范性文件|1件《…》): the 《》 title after the
    unit is the item counted, not what is counted; after a verb (编制|1528项《…指南》) it is the object
    [indicator.metric.title_instance]."""
    return on("indicator.metric.title_instance") and len(before) >= 2 and word_tag(before[-2:]) == "n"


def _book_title_before(text: str, i: int, spec: dict) -> tuple[str, int] | None:
    """A figure right after a title in 《》 counts copies of it (发放《宪法知识读本》1000本): the title,
    with the verb before it, and where that starts."""
    link = _TOTAL_LINK.search(text, max(0, i - 3), i)  # 《…清单》共231件: the list's items
    i = link.start() if link else i
    if text[i - 1 : i] != "》":
        return None
    k = text.rfind("《", max(0, i - 42), i)
    if k < 0 or "》" in text[k : i - 1]:
        return None
    verb = _verb_ending(text, k)
    title = text[k + 1 : i - 1]
    if link and (n := _affix(title, _spec().data["list_nouns"], prefix=False)):
        title = title[:-n]  # 《…委员名单》共205名: the members are counted
    return verb + title, k - len(verb)


_TOTAL_LINK = re.compile(r"(?:共计|合计|总计|共|计|有)$")


def _verb_ending(text: str, end: int) -> str:
    """The longest object verb of the rules that ends at ``end`` (选聘|253名, 发放|《…》), or ""."""
    return next((v for v in _object_verbs() if text.endswith(v, 0, end)), "")


@lru_cache(maxsize=1)
def _object_verbs() -> tuple[str, ...]:
    return tuple(sorted(_spec().data["object_verbs"], key=len, reverse=True))


def _list_head(text: str, i: int, floor: int) -> str | None:
    """First item of the list a figure closes with 等 (培训班、报告会等830场次): what is counted."""
    k = i
    while k > floor and text[k - 1] in '》”’"':
        k -= 1
    if text[k - 1 : k] != "等":
        return None
    clause = _CLAUSE_TAIL.search(text[max(floor, k - 80) : k - 1]).group()
    if on("indicator.metric.list_head_alone"):
        clause = re.sub(r"[(（][^()（）]{1,12}[)）]", "", clause)  # 法律书籍(宣传品)等: the aside goes
    item = re.split(r"[、和及与]", clause, maxsplit=1)[0] if re.search(r"[、和及与]", clause) else ""
    if not item and on("indicator.metric.list_head_alone"):
        item = clause  # 发放法律书籍等32万余册: one item before 等 is what is counted
    if on("indicator.metric.place_only") and _all_places(item):
        return None  # 兰考县、…东坡区等100个: the places are listed, not named as what is counted
    return item if 2 <= len(item) <= 16 and all(_is_han(c) for c in item) else None


def _participants(text: str, m: re.Match, spec: dict) -> tuple[str, int]:
    """People counted by what they took part in: 200多人参加了宣传活动 → 参加宣传活动, with the
    length of text it covers after the unit."""
    if m.group("unit") not in spec["people_units"]:
        return "", 0
    j = m.end()
    verb = next((v for v in spec["participant_verbs"] if text.startswith(v, j)), "")
    done = 1 if verb and text.startswith("了", j + len(verb)) else 0
    obj = _HAN_RUN.match(text, j + len(verb) + done) if verb else None
    if not obj:
        return "", 0
    return verb + obj.group(), len(verb) + done + len(obj.group())


def _forward_phrase(text: str, i: int, spec: dict, share_of: bool = False) -> tuple[str, int]:
    """What is counted, after the unit: 800余名行政执法人员, 60学时以上的培训, 1名“法律明白人”骨干;
    empty when the phrase is the subject of the next figure (申请2371件申请人总数达6207人)."""
    if text[i : i + 1] == "《":
        close = text.find("》", i)
        return (text[i + 1 : close], 0) if 0 < close - i <= 40 else ("", 0)
    if text.startswith(("内", "以内"), i) and text.endswith(("工作日", "日", "天", "小时", "分钟"), 0, i):
        return "", 0  # 压缩到1个工作日|内办结: within the limit, no noun (but 107条内河)
    verbs = tuple(spec["forward_stops"])  # str.startswith tries a tuple's words in C
    bound = share_of or text[max(0, i - 2) : i] in spec["qualifiers_after_unit"]  # 60学时以上的培训
    lead = 1 if bound and text.startswith("的", i) and _is_han(text[i + 1 : i + 2]) else 0
    cause = next((w for w in spec["cause_words"] if text.startswith(w, i)), "")
    lead = lead or len(cause)  # 224件因调解成功: the cause word is not what is counted
    if on("indicator.metric.determiner") and text.startswith(tuple(spec["forward_determiners"]), i + lead):
        lead += 2  # 5次各类调度会议: the determiner is not what is counted
    next_figure = _next_figure(tuple(spec["next_figure_verbs"]))
    j = _forward_end(text, i, i + lead, verbs, spec)
    if j == i + lead and (t := _THRESHOLD_HEAD.match(text, j)) and on("indicator.veto.threshold"):
        j = _forward_end(text, i, t.end(), verbs, spec, 14 + t.end() - j)  # 6个|300亿元以上特大项目
    if j - i >= 14 and _is_han(text[j : j + 1]) and on("indicator.metric.long_noun"):
        k = _forward_end(text, i, i + lead, verbs, spec, 20)  # 4次习近平法治思想系列专题法治讲座
        j = k if k - i < 20 and not _is_han(text[k : k + 1]) else j
    if _attributive(text, i + lead, j, spec):  # 17块制作精美的宣传展牌 → 宣传展牌
        head_end = _forward_end(text, i, j + 1, verbs, spec, 14 + j + 1 - i)
        if head_end - j - 1 >= 2 and not next_figure.match(text, head_end):
            lead, j = j + 1 - i, head_end
    if (head := _listed_attributes(text, i + lead, j, spec)) and not next_figure.match(text, head[1]):
        lead, j = head[0] - i, head[1]  # 6名政治可靠、业务过硬的律师 → 律师
    if j == i + lead + 1 and (m := _SIBLINGS.match(text, j)):
        j = m.end()  # 15个县（市、区）: the bracket lists the unit's siblings (indicator.metric.siblings)
    if (close := _aside_end(text, j)) and on("indicator.metric.aside_after"):
        k = _forward_end(text, i, close, verbs, spec, close - i + 14)  # 2场人民调解员(专职…)业务培训班
        j = k if k - close >= 2 else j
    if next_figure.match(text, j):
        return "", 0
    if text[i + lead : j].endswith(tuple(spec["measure_nouns"])) and _ARABIC.match(text, j):
        return "", 0  # 放款20笔总金额8500万元: 总金额 is what the next figure measures
    while j > i + lead and text[j - 1] in _QUOTES:
        j -= 1  # 10项措施”: the closing quote is not part of the noun
    phrase = text[i:j]
    n = _affix(phrase, spec["list_nouns"], prefix=False) if on("indicator.metric.list_noun") else 0
    if n and len(_strip_quotes(phrase[:-n])) - lead >= 2:
        phrase = phrase[:-n]  # 60家…司法所名单: the 司法所 are counted, 名单 is their list
    if _single_noun(text, i + lead, j, spec):
        return phrase, lead  # 14个区获得…: the area noun alone is what is counted
    return (phrase, lead) if len(_strip_quotes(phrase)) - lead >= 2 else ("", 0)


_ASIDE = re.compile(r"[(（][^()（）。；;\n]{1,20}[)）](?=[\u4e00-\u9fff])")


def _aside_end(text: str, j: int) -> int | None:
    """Where an aside in brackets at j ends when the noun goes on after it (50亿元(首期10亿元)科创母基金,
    2场人民调解员(专职人民调解员)业务培训班: the aside is read past and left out of the metric)."""
    m = _ASIDE.match(text, j)
    return m.end() if m and not _SIBLINGS.match(text, j) else None


def _drop_asides(noun: str) -> str:
    return noun if _SIBLINGS.search(noun) else re.sub(r"[(（][^()（）]*[)）]", "", noun)


def _single_noun(text: str, start: int, end: int, spec: dict) -> bool:
    """A one-character area noun (村, 区) read forwards that stops before a predicate or a break
    [indicator.metric.single_noun]."""
    return on("indicator.metric.single_noun") and end == start + 1 and text[start] in spec["single_nouns"]


def _forward_end(text: str, i: int, j: int, verbs: tuple, spec: dict, limit: int = 14) -> int:
    """Where a noun read forwards from ``j`` ends: at a stop verb, punctuation or ``limit`` chars
    after the unit at ``i``."""
    first = j
    while (
        j < len(text)
        and j - i < limit
        and (_is_han(text[j]) or (text[j] in _QUOTES and (j > first or text[j] in "“「‘")))
    ):  # 50名“法律明白人”培训: a name in quotes may open the phrase
        if j > first and _PART_OF_WHOLE.match(text, j) and on("indicator.metric.part_of_whole"):
            return j  # 20个村|有8个村…: the whole, then how many of it
        if on("indicator.metric.head_noun") and (head := _head_at(text, j, spec)):
            if on("indicator.metric.head_of_units") and j > first and not _counts_people(text, i, spec):
                return _before_modifiers(text, first, j, spec)  # 4个单位|主要负责人: units are counted
            return j + head  # 8名企业负责人|谈了: the head noun ends the phrase
        if (
            (j > first + 1 or _single_noun(text, first, j, spec))
            and on("indicator.metric.idiom_stop")
            and _idiom_predicate(text, j)
        ):
            break  # 23个县直部门|齐聚一堂, 26万多亩粮食|喜获丰收: an idiom is the predicate
        if (
            text.startswith(verbs, j)
            and not _in_word(text, j, spec["forward_words"])
            and not (j == first and text.startswith(tuple(spec["forward_stops_inside"]), j))
            and not _quote_open(text, first, j)
            and not _in_idiom(text, j)
        ):
            return _before_adverbs(text, first, j, spec)  # 212项高频事项|掌上|办理
        if (j >= first + 2 or _single_noun(text, first, j, spec)) and _predicate_at(text, j, spec):
            return _before_adverbs(text, first, j, spec)  # 11个行业|形成典型案例: the predicate begins
        if (
            j >= first + 2
            and not text.startswith(tuple(spec["cause_words"]), i)
            and _verb_after_head(text, first, j, spec)
        ):
            return j  # 1972名受援人|避免损失: a head noun, then a verb
        j += 1
    return j


_PART_OF_WHOLE = re.compile(
    r"(?:中|当中|之中|目前|现|只|仅|共|还)*有(?=\d|[一二两三四五六七八九十]+[个名家项件户人])"
)


def _in_idiom(text: str, j: int) -> bool:
    """The char at j is inside a four-character idiom (无家可归者: 可 is no stop there)."""
    return any(text[k : k + 4] in _idioms() for k in range(max(0, j - 3), j))


def _quote_open(text: str, first: int, j: int) -> bool:
    """A quoted name opened after ``first`` is not closed before j (100%“网上可办”: no stop inside it)."""
    k = max(text.rfind("“", first, j), text.rfind("「", first, j))
    return k >= 0 and not re.search("[”」]", text[k:j])


def _verb_after_head(text: str, first: int, j: int, spec: dict) -> bool:
    """A word jieba's dictionary tags as a verb (v) right after a noun read forwards that ends with a
    head of people or things (受援人, 干部群众, 数据) opens the predicate, unless it is an attribute
    before 的 [indicator.metric.verb_after_head]."""
    head = max((len(w) for w in spec["head_noun_ends"] if text.endswith(w, first, j)), default=0)
    if not head or not on("indicator.metric.verb_after_head"):
        return False
    entry = word_entry(text[j : j + 2])
    if not (entry and entry[1] == "v" and entry[0] >= 100) or text[j + 2 : j + 3] == "的":
        return False
    # 无|人驾驶: a word of the dictionary that starts before the head runs across j (企业倒闭 does not)
    words = long_words()
    return not any(
        text[a:b] in words for a in range(j - 2, j - head) for b in (j + 2, j + 3) if 3 <= b - a <= 4
    )


def _predicate_at(text: str, j: int, spec: dict) -> bool:
    """A predicate verb at j ends a noun read forwards, unless it is an attribute: of the head noun
    right after it (参展|企业), or in a clause closed by 的 (3起致人死亡的枪击事件)
    [indicator.metric.predicate_stop]."""
    if not text.startswith(spec["predicate_verbs"], j):  # a tuple: one call in C for the common miss
        return False
    verb = next(v for v in spec["predicate_verbs"] if text.startswith(v, j))
    if not on("indicator.metric.predicate_stop"):
        return False
    after = j + len(verb)
    return not text.startswith(spec["predicate_attributive_heads"], after) and not re.match(
        r"[\u4e00-\u9fff]{0,4}的", text[after : after + 5]
    )


def _before_adverbs(text: str, first: int, j: int, spec: dict) -> int:
    """Where a noun ends before the adverbs of the predicate at j (131个项目|集中签约), keeping two
    characters of it."""
    while (
        n := next((len(a) for a in spec["predicate_adverbs"] if text.endswith(a, first, j)), 0)
    ) and j - n - first >= 2:
        j -= n
    return j


@lru_cache(maxsize=1)
def _idioms() -> frozenset[str]:
    """Four-character idioms of jionlp's list and of jieba's dictionary (part of speech i: 紧随其后)."""
    return frozenset(w for w in read_idioms() if len(w) == 4) | tagged_words("i", 4)


def _idiom_predicate(text: str, j: int) -> bool:
    """An idiom at j that is a predicate, not an attribute before 的 (来自五湖四海的工友)."""
    return text[j : j + 4] in _idioms() and text[j + 4 : j + 5] != "的"


def _counts_people(text: str, i: int, spec: dict) -> bool:
    """Whether the unit ending at i counts people (名, 人, 位, 人次), not bodies (个, 家)."""
    return text.endswith(spec["people_units"], 0, i)


def _before_modifiers(text: str, first: int, j: int, spec: dict) -> int:
    """Where the bodies whose heads follow at j end: before 党政, 主要 (乡镇|党政主要负责人)."""
    while w := next(
        (w for w in spec["head_modifiers"] if text.endswith(w, first, j) and j - len(w) > first), ""
    ):
        j -= len(w)
    return j


def _head_at(text: str, j: int, spec: dict) -> int:
    """Length of a head noun of ``forward_heads`` at j (负责人), else 0."""
    if text.startswith(tuple(spec["forward_heads_not"]), j):
        return 0
    return next((len(w) for w in spec["forward_heads"] if text.startswith(w, j)), 0)


_ATTRIBUTE_LIST = re.compile(
    r"([\u4e00-\u9fff]{2,6})(?:、[\u4e00-\u9fff]{2,6})+的([\u4e00-\u9fff]{2,10})(?=[，,。；;！!？?\n])"
)


def _listed_attributes(text: str, start: int, j: int, spec: dict) -> tuple[int, int] | None:
    """(start, end) of the noun after a list of attributes that the phrase read forwards opens
    (聘请了6名政治可靠、业务过硬、热心公益的律师: the lawyers are counted) [indicator.metric.attribute_list];
    a list of nouns (300余件木俑、成组的青铜礼器) is none."""
    if not on("indicator.metric.attribute_list") or "、" not in text[start : j + 7]:
        return None
    m = _ATTRIBUTE_LIST.match(text, start)
    if not m or not _predicate_like(m.group(1), spec):
        return None
    return m.start(2), m.end(2)


def _predicate_like(phrase: str, spec: dict) -> bool:
    """政治可靠, 签约较早, 可复制: ends with a verb or an adjective, or opens with a verb that takes
    an object."""
    return (
        word_tag(phrase[-2:]) in spec["attributive_end_tags"]
        and phrase[-2:] not in spec["attributive_not_ends"]
    ) or phrase.startswith(tuple(spec["attributive_verbs"]))


def _attributive(text: str, start: int, j: int, spec: dict) -> bool:
    """The phrase read forwards stops at 的 and is a predicate: it ends with a verb or an adjective
    (制作精美的, 流离失所的, 群众反映强烈的) or opens with a verb that takes an object (具有代表性的,
    来自全国各地的). It describes the noun after 的, which is what is counted
    [indicator.metric.attributive]; a phrase ending in a noun (3个部门的负责人, 2582间活动板房的用电) is
    what is counted and stays."""
    return (
        on("indicator.metric.attributive")
        and j - start >= 2
        and text.startswith("的", j)
        and _is_han(text[j + 1 : j + 2])
        and _predicate_like(text[start:j], spec)
    )


# Matched at a position (pattern.match(text, j)), never on text[j:]: a slice copies the rest of the
# text, which made every figure cost the document's length.
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,12}")
# a unit's siblings in brackets after it: 县（市、区）, 省（自治区、直辖市）
_SIBLINGS = re.compile(r"[（(][\u4e00-\u9fff]{1,3}(?:、[\u4e00-\u9fff]{1,3}){0,3}[）)]")
_ARABIC = re.compile(ARABIC)


@lru_cache(maxsize=4)
def _next_figure(verbs: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?:{_alt(verbs)})(?:{ARABIC}|[一二两三四五六七八九十])")


def _in_word(text: str, j: int, words: list[str]) -> bool:
    """Whether position j is inside one of ``words`` (集中, 中心: their 中 is not the stop 中)."""
    return any(text.startswith(w, k) for w in words for k in range(max(0, j - len(w) + 1), j + 1))


def _is_han(ch: str) -> bool:
    return len(ch) == 1 and "\u4e00" <= ch <= "\u9fff"


_HAVE_ONLY = re.compile(r"[已还尚仍均都另]?有")
# an aside inside a name read backwards goes (法律书籍(宣传品), 平台(宁夏政务服务网)); a level's
# alternatives stay: 村(社区), 乡镇(街道), 县(市、区), 党委(党组)
_ASIDE_IN_NAME = re.compile(r"[(（][^()（）]{1,20}[)）]")


def _level_alternative(m: re.Match) -> str:
    """Keep 村(社区), 县(市、区), 党委(党组): the level's alternatives; drop any other aside."""
    before = m.string[m.start() - 1 : m.start()]
    return (
        m.group()
        if before and before in "村乡镇县市区州旗盟组级直委" and _SIBLINGS.fullmatch(m.group())
        else ""
    )


def _inner_aside(text: str, j: int, i: int, floor: int) -> int | None:
    """Where an aside in brackets ending at j opens, when the name goes on after it up to the figure
    at i and goes on before it too (综合服务平台(宁夏政务服务网)办件量) [indicator.metric.inner_aside]."""
    if j >= i or not _is_han(text[j : j + 1]) or not on("indicator.metric.inner_aside"):
        return None
    k = _aside_start(text, j, floor)
    ok = k is not None and k - 1 > floor and _is_han(text[k - 1]) and not re.search(r"\s", text[k:j])
    return k if ok else None  # 电(周雨蒙 肖干): names of reporters, not an aside


def _aside_start(text: str, i: int, floor: int) -> int | None:
    """Where a short aside in brackets without digits that ends at i opens ((含村卫生室), (GDP),
    (以驳回行政复议申请或维持原具体行为等方式结案))."""
    if text[i - 1 : i] not in ")）":
        return None
    k = max(text.rfind("(", floor, i), text.rfind("（", floor, i))
    ok = k > floor and i - k <= 40 and not re.search(r"[\d()（）]", text[k + 1 : i - 1])
    return k if ok else None


# a year (and 的) right before a figure: 从2020年27.5%, 由2020年的21.8%; a month with a verb of level:
# 网办率9月底达到80%, 覆盖率2025年底达到95%
_YEAR_BEFORE = re.compile(
    r"(?<!\d)(?:\d{4}\s?年(?:底|末|初)?的?"
    r"|(?:\d{4}\s?年)?\d{1,2}\s?月(?:底|末|初|份)?(?:达到|达|为)|\d{4}\s?年(?:底|末|初)?(?:达到|达|为))$"
)
_DURATION_BEFORE = re.compile(
    r"连续\s?[0-9一二三四五六七八九十两]+\s?个?(?:月|年|季度|周|天)(?:均|都)?(?:达到|达|保持|为)?$"
)


def _backward_phrase(text: str, i: int, spec: dict, floor: int = 0) -> tuple[str, int]:
    """Metric read backwards from i: back to punctuation, a digit or ``floor``, then trimmed of
    stop words, a leading year, places and leading/trailing function words. Returns the phrase
    and where it starts in text. An aside in brackets right before i is read past: 医疗卫生机构(含村卫生室)
    4355个, 地区生产总值(GDP)3473亿元 (indicator.metric.aside)."""
    total = next((w for w in spec["aside_totals"] if text.endswith(w, floor, i)), "")
    if (k := _aside_start(text, i - len(total), floor)) is not None:  # 维持(以…方式结案)共93件
        phrase, start = _backward_phrase(text, k, spec, floor)
        if phrase:
            return phrase, start
    if on("indicator.metric.duration_before") and (d := _DURATION_BEFORE.search(text, max(floor, i - 12), i)):
        phrase, start = _backward_phrase(text, d.start(), spec, floor)
        if phrase:  # 准确率连续6个月达到100%: how long it held, the metric is before it
            return phrase, start
    if on("indicator.metric.year_before") and (y := _YEAR_BEFORE.search(text, max(floor, i - 14), i)):
        phrase, start = _backward_phrase(text, y.start(), spec, floor)
        if phrase:  # 被诉率从2020年27.5%降至…: the year dates the figure, the metric is before it
            return phrase, start
    j, quoted, skipped = i, False, 0
    while j > floor and i - j - skipped < 24 and (not text[j - 1].isdigit() or _threshold_at(text, j, floor)):
        if text[j - 1].isdigit():
            while j > floor and (text[j - 1].isdigit() or text[j - 1] == "."):
                j -= 1  # 引进投资5000万元以上项目87个: the threshold is part of the name
            continue
        if text[j - 1] in "”」":
            quoted = True
        elif text[j - 1] in "“「":
            quoted = False
        elif (k := _inner_aside(text, j, i, floor)) is not None:
            skipped += j - k  # 综合服务平台(宁夏政务服务网)办件量: the aside inside the name is read past
            j = k
            continue
        elif (
            (text[j - 1] in _PUNCT or _latin_stop(text, j - 1))
            and not (quoted and text[j - 1] == "、")
            and not _short_items(text, j - 1, i)
        ):
            break  # “双随机、一公开”抽查: a 、 inside quotes is part of the name
        j -= 1
    if j > floor and j < i - 1 and text[j] in ".．" and _is_han(text[j + 1]):
        j += 1  # 1.市内各类媒体: the point closes a list number
    if j > floor and j < i and re.match(r"[A-Za-z]", text[j]):
        while j > floor and re.match(r"[0-9A-Za-z]", text[j - 1]):
            j -= 1  # 5G基站, AG600M最大起飞重量: the digits belong to the name
    start, end = j, i
    kept = [
        (c.start(), c.end())
        for c in re.finditer(f"{_alt(spec['comparison_words'])}|{spec['share_phrase']}", text[start:end])
    ]
    cut = max(
        [_verb_subject_end(text, start, end, spec)]
        + [
            k + len(stop)
            for stop in spec["metric_stops"]  # a stop leaves a metric of 2+ chars (成功率)
            if (k := text.rfind(stop, start, end)) >= 0
            and k + len(stop) <= end - 2
            and text[k + len(stop)] != "率"  # 调解成功率达98.5%: a rate's noun, not a stop
            and text[k + len(stop) : end] not in spec["backward_trailing"]  # 累计|完成873.7亿件
            and not _inside(k - start, kept)
            and not (text[k - 1 : k] == "占" and on("indicator.metric.share_base"))  # 占全市办件量的88%
            and not (len(stop) == 1 and _in_word(text, k, spec["forward_words"]))  # 协调和解|解决争议
            and not (
                stop == "是" and (_COMPARED_TIME.match(text, k + 1) or text[end - 1] == "的")
            )  # 是…的10倍
        ]
    )  # 与去年同期相比: no stop inside
    if (
        cut == start
        and start > 0
        and text[start - 1].isdigit()
        and text[start : start + 1] in "年月日号米层楼栋"
    ):
        # 2020年法治建设, 2018年度结转案件, 3年来为村民调解纠纷; 交叉口南100米|路北广告招贴栏
        cut = start + next(
            n for w, n in (("年以来", 3), ("年度", 2), ("年来", 2), ("", 1)) if text.startswith(w, start)
        )
    while cut < end - 2 and text[cut] in _QUOTES:
        cut += 1  # “今年已放款20笔
    start = cut + _leading_places(text[cut:end])
    while (n := _affix(text[start:end], spec["metric_leading"], prefix=True)) and not text.startswith(
        tuple(spec["leading_kept"]), start
    ):
        start += n  # 目前共设立…: both go; 共享单车 keeps its 共
    if (
        end - start >= 3
        and text[start] in spec["metric_leading_conjunctions"]
        and text[start : start + 2] not in common_words(1)
        and text[start : start + 2] not in spec["conjunction_words"]
    ):
        start += 1  # 并投入 → 投入, not 并网发电量
    gap = _affix(text[start:end], spec["metric_gaps"], prefix=False)
    end -= gap  # 资金还缺 → 资金 + 缺口 (indicator.metric.gap)
    while (
        not gap
        and not text[start:end].endswith(tuple(spec["metric_keep_endings"]))
        and (n := _affix(text[start:end], spec["backward_trailing"], prefix=False))
    ):
        end -= n  # 受理率为 → 受理率, but 维持原行政行为 keeps its 为
    phrase = _ASIDE_IN_NAME.sub(_level_alternative, text[start:end]) + ("缺口" if gap else "")
    if _HAVE_ONLY.fullmatch(phrase):
        return "", i  # 已有1900项实现网上办理: 已有 names nothing
    if phrase.endswith("率占比"):
        phrase = phrase[:-2]  # 优秀率占比30%: the rate is the metric
    if "占" not in phrase and (n := _affix(phrase, spec["count_totals"], prefix=False)):
        phrase = phrase[:-n]  # 申请人总数 → 申请人: the unit already says it is a count
    if len(shorter := re.sub(spec["metric_duration"], "", phrase)) >= 2:
        phrase = shorter  # 案件量连续四年突破一万件, 总量连续三年下降: the duration is not the metric
    if (
        phrase in spec["metric_leading"]
        or phrase in spec["metric_trailing"]
        or phrase.startswith(spec["change_verbs"])
        or text.startswith(spec["change_verbs"], start, i)  # 稳定在|1.3万亿斤: no 稳定 once 在 goes
    ):
        return "", i  # 其中8项, 达到51.6%, 缩减到现在的31项: no metric of its own
    if (
        phrase.endswith(_CONJUNCTIONS)
        and (phrase.endswith("以及") or phrase[-2:] not in common_words(1))  # 总和, 惠及: words
        and on("indicator.metric.second_conjunct")
    ):
        return "", i  # 235个行政村和|17个社区: the figure is the second of two, its noun after it
    if on("indicator.metric.place_only") and (_all_places(phrase) or _SCOPE_WORD.fullmatch(phrase)):
        if text[start - 1 : start] in ("是", "为", ":", "：") and start - 1 > floor:
            k = start - 2 if text[start - 2 : start] in ("是:", "是：", "为:", "为：") else start - 1  # 的是:
            rank = _RANK_TAIL.search(text, max(floor, k - 12), k)
            topic, at = _backward_phrase(text, rank.start() if rank else k, spec, floor)
            if (among := _AMONG.match(topic)) and len(topic) - among.end() >= 2:
                topic, at = topic[among.end() :], at + among.end()  # 各县市区中|工单办理数排在前五位的是
            if len(topic) >= 2 and not _all_places(topic):
                return topic, at  # 签约协议投资额前5名是|海口1191亿元: the topic before 是, at 海口
        return "", i  # 其中德州、潍坊、威海超过80%: where, not what is measured
    named = len(_strip_quotes(phrase)) >= 2 and re.search(r"[\u4e00-\u9fffA-Za-z]", phrase)
    return (phrase, start) if named else ("", i)  # ——1218个: a dash names nothing


_CONJUNCTIONS = ("和", "与", "及", "以及")


def _latin_stop(text: str, k: int) -> bool:
    """An ASCII full stop after Han text (却是久违了. 从去年…): a sentence's end, not a decimal point."""
    return text[k] == "." and k > 0 and _is_han(text[k - 1])


_SHORT_ITEM_BEFORE = re.compile(r"、[\u4e00-\u9fff]{1,2}$")
_SHORT_ITEM_AFTER = re.compile(r"[\u4e00-\u9fff]{1,2}、")


def _short_items(text: str, k: int, i: int) -> bool:
    """The 、 at k is inside a list of one- and two-character words (制造、安装、改造及修理单位): the list
    modifies the noun the figure at i counts, and is read past [indicator.metric.short_items]; not
    before 分别, where each item has a figure of its own (东部、中部、西部地区奖补比例分别为…)."""
    if text[k] != "、" or not on("indicator.metric.short_items") or "分别" in text[k:i]:
        return False
    before = _SHORT_ITEM_BEFORE.search(text, max(0, k - 3), k)
    after = _SHORT_ITEM_AFTER.match(text, k + 1)
    items = [m.group().strip("、") for m in (before, after) if m]
    return bool(items) and not any(_all_places(item) for item in items)  # 济南、临沂受理…: places


# the field a ranking is among, before what is ranked (各县市区中|工单办理数…)
_AMONG = re.compile(r"(?:各|全)?(?:县市区|县区|区县|市县|乡镇|镇街|地市|市州|单位|部门|城市|县)中")
_SCOPE_WORD = re.compile(r"[全我本][省市县区州盟旗镇乡村]")  # 全区70%的金牌调解员: where, not what


def _all_places(phrase: str) -> bool:
    """Whether places of the gazetteer make up the whole phrase (威海, 湖北等), or it is a county's bare
    short name that is no common word (澄迈, 陵水)."""
    stems = load_gazetteer().stems.by_name
    if any(d.level == "county" for d in stems.get(phrase, ())) and phrase not in common_words(300):
        return True
    cut = _leading_places(phrase, keep=0)
    return cut > 0 and phrase[cut:] in ("", "等")


# a time a figure is compared with (是前年的10倍, 是2023年的4.6倍)
_COMPARED_TIME = re.compile(r"前年|去年|上年|同期|\d{4}\s*年")


def _verb_subject_end(text: str, start: int, end: int, spec: dict) -> int:
    """Where the subject before 共 and an object verb ends (此次活动共|发放资料, 全系统共|查处违法案件):
    the metric is the verb and its object [indicator.metric.subject_total]; ``start`` if none."""
    if not on("indicator.metric.subject_total"):
        return start
    k = max((text.rfind(w, start, end) for w in spec["subject_totals"]), default=-1)
    while k > start:
        w = next(w for w in spec["subject_totals"] if text.startswith(w, k))
        verb = k + len(w) + _object_prep(text, k + len(w), end)  # 共|向群众|发放
        if (
            text.startswith(_object_verbs(), verb)
            and verb <= end - 2
            and text[k - 1 : k + 1] not in spec["subject_total_words"]  # 公共|服务
        ):
            return verb
        k = max((text.rfind(w, start, k) for w in spec["subject_totals"]), default=-1)
    return start


def _object_prep(text: str, i: int, end: int) -> int:
    """Length of a phrase naming who receives (向群众, 为企业) between 共 and its object verb, or 0."""
    m = _object_prep_pattern().match(text[i:end])
    return m.end() if m else 0


@lru_cache(maxsize=1)
def _object_prep_pattern() -> re.Pattern:
    preps = _alt(_spec().data["recipient_preps"])
    return re.compile(rf"(?:{preps})[\u4e00-\u9fff]{{1,6}}?(?={_alt(_object_verbs())})")


def _affix(phrase: str, words: list[str], prefix: bool) -> int:
    """Length of the longest word of ``words`` at the start (or end) of phrase, if what remains
    keeps at least two characters."""
    for w in sorted(words, key=len, reverse=True):
        hit = phrase.startswith(w) if prefix else phrase.endswith(w)
        if hit and len(phrase) - len(w) >= 2:
            return len(w)
    return 0


def _leading_places(phrase: str, keep: int = 2) -> int:
    """Length of the places heading a metric (甘肃省张掖市签约额: where, not what is measured), stopping
    before one that would leave fewer than ``keep`` characters."""
    cut = 0
    for start, end, _ in load_gazetteer().scan(phrase):
        if start != cut or len(phrase) - end < keep:
            break
        if phrase[end - 1 : end + 1] in _PLACE_END_WORDS:
            return end - 1  # 自贡|市场监管部门: the 市 opens 市场
        cut = end
    return cut


_PLACE_END_WORDS = ("市场", "市民", "县域", "区域")


def _strip_quotes(s: str) -> str:
    return s.translate({ord(q): None for q in _QUOTES}).strip()


def _cn_small(num: str) -> float:
    if num.isdigit():
        return float(num)
    return value_of(num, "")[0] if len(num) > 1 else float(_CN_DIGITS[num])


def _counted_before(text: str, start: int, verb: int) -> bool:
    """The ranked phrase opens with a count's measure word (…、5|个指标居全省第一), not a group
    that is ranked among (在21|个城市中排名第3位)."""
    if text[start : start + 1] not in _spec().data["rank_count_measures"]:
        return False
    counted = re.search(r"[\d一二两三四五六七八九十]$", text[max(0, start - 1) : start])
    return bool(counted) and text[verb - 1 : verb] != "中"


def _rank_hit(text: str, m: re.Match) -> IndicatorHit:
    value = _cn_small(m.group("num"))
    before, start = _backward_phrase(text, m.start(), _spec().data)
    field = next(
        (g for g in (m.group("scope"), m.group("oscope"), m.group("vscope"), m.group("list")) if g), ""
    )  # 位居全省第二; 百强区县第19位; 竞争力排名第9位
    before = _strip_quotes(before)
    named = before.removesuffix("中").removeprefix("在")  # 在西部百强县排名中|晋位至第43位: the ranking named
    metric = named if named.endswith("排名") else f"{before}{field}排名"
    qualifier = "前" if m.group("front") else None
    return IndicatorHit(
        start,
        m.end(),
        metric,
        value,
        "名次",
        qualifier,
        value,
        "名次",
        "indicator.rank",
        rules.confidence("indicator.rank"),
    )


_RANK_NEXT = re.compile(r"[、和](第?)(\d{1,3})(?=[、和]\d|[位名])")


def _next_ranks(text: str, end: int, hit: IndicatorHit) -> list[IndicatorHit]:
    """The further ranks listed after one (排名第1、2名: ranks 1 and 2, not 2 people)
    [indicator.rank_list]."""
    out: list[IndicatorHit] = []
    while on("indicator.rank_list") and (m := _RANK_NEXT.match(text, end)):
        value = float(m.group(2))
        close = m.end() + (1 if text[m.end() : m.end() + 1] in "位名" else 0)
        out.append(dataclasses.replace(hit, start=m.start(2), end=close, value=value, normalized_value=value))
        end = close
    return out


def _freq_hit(m: re.Match, unit_base: dict) -> IndicatorHit:
    value = _cn_small(m.group("num"))
    obj = m.group("obj") or ""
    obj = re.split(r"并|和|以|的|，|,", obj)[0]
    subject = obj if len(obj) >= 2 else m.group("verb")
    metric = f"{subject}({m.group('per')})" if subject else f"({m.group('per')})"
    unit = m.group("unit")
    return IndicatorHit(
        m.start(),
        m.end("unit") + len(obj),
        metric,
        value,
        unit,
        "以上",
        value,
        unit_base[unit],
        "indicator.frequency_at_least",
        rules.confidence("indicator.frequency_at_least"),
    )
