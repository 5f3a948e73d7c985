"""Numeric indicators: number + unit + qualifier, the metric it measures, ranks and
frequencies (每月至少学习两次). Units, qualifiers and exclusions are data (``data/indicators.yaml``)."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract import rules
from pipeline.extract.rules import alternation as _alt
from pipeline.extract.gazetteer import load as load_gazetteer
from pipeline.extract.numbers import ARABIC, CHINESE, split_multiplier, value_of
from pipeline.extract.types import Found, IndicatorHit

_PUNCT = set("，,。；;：:！!？?、()（）【】[]《》\n 　")
_QUOTES = "“”\"‘’「」『』"
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@lru_cache(maxsize=1)
def _spec():
    raw = rules.load("indicators")
    # change verbs end a metric read either way (败诉率下降至6.1%, 84%提升到96%): joined once here
    spec = {**raw, "backward_trailing": raw["metric_trailing"] + raw["change_verbs"],
            "forward_stops": raw["metric_verbs"] + raw["change_verbs"], "change_verbs": tuple(raw["change_verbs"])}
    unit_base = {s: base for base, surfaces in spec["units"].items() for s in surfaces}
    number = re.compile(
        rf"(?P<pre>{_alt(spec['qualifiers_prefix'])})?(?P<num>{ARABIC}|{CHINESE})"
        rf"(?:(?P<to>{_alt(spec['range_separators'])})(?P<num2>{ARABIC}|{CHINESE}))?(?P<mult>{_alt(spec['multipliers'])})?"
        rf"(?P<suf1>{_alt(spec['qualifiers_before_unit'])})?(?P<unit>{_alt(unit_base)})"
        rf"(?P<suf2>{_alt(spec['qualifiers_after_unit'])})?")
    scopes = _alt(spec["rank_scopes"])
    rank = re.compile(rf"(?:位居|位列|排名|名列|居)(?P<scope>{scopes})(?P<front>前)?第?(?P<num>\d+|[一二三四五六七八九十]+)(?:位|名)?")
    freq = re.compile(rf"(?P<per>每(?:年度|年|半年|季度|月|周|天|日))要?(?:至少|不少于)(?P<verb>[\u4e00-\u9fff]{{0,4}}?)"
                      rf"(?P<num>{ARABIC}|[一二两三四五六七八九十]+)(?P<unit>{_alt(unit_base)})(?P<obj>[\u4e00-\u9fff]{{0,16}})")
    return spec, unit_base, number, rank, freq


def find(text: str, blocked: list[tuple[int, int]]) -> tuple[list[IndicatorHit], list[Found]]:
    """Indicators outside ``blocked`` spans (titles) and short quoted slogans."""
    spec, unit_base, number, rank, freq = _spec()
    blocked = list(blocked) + _slogans(text)
    hits: list[IndicatorHit] = []
    taken: list[tuple[int, int]] = []
    for m in freq.finditer(text):
        if _inside(m.start("num"), blocked):
            continue
        hits.append(_freq_hit(m, unit_base))
        taken.append((m.start(), m.end()))
    for m in rank.finditer(text):
        if not _inside(m.start(), blocked):
            hits.append(_rank_hit(text, m))
            taken.append((m.start(), m.end()))
    floor = 0
    for m in number.finditer(text):
        if _inside(m.start("num"), blocked + taken) or not _plausible(text, m, spec):
            continue
        hit = _number_hit(text, m, unit_base, spec, floor)
        if hit:
            hits.append(hit)
            floor = m.end()
    hits.sort(key=lambda h: h.start)
    _share_metrics(text, hits, spec)
    found = [Found(h.start, h.end, "INDICATOR", f"{h.normalized_value:g} {h.base_unit}", h.rule, h.confidence) for h in hits]
    return hits, found


def _share_metrics(text: str, hits: list[IndicatorHit], spec: dict) -> None:
    """A number with no metric of its own takes the one before it: the next item of a list
    (增长11.6%、9.2%) or the end point of a change (覆盖率由85%提高到92%), in the same clause and unit;
    not after 分别 (respectively: each number has its own subject)."""
    for prev, cur in zip(hits, hits[1:]):
        gap = text[prev.end:cur.start]
        if not prev.metric or "分别" in prev.metric or prev.base_unit != cur.base_unit or _PUNCT & (set(gap) - {"、"}):
            continue
        if cur.metric is None and (gap in spec["list_separators"] or gap.startswith(spec["change_verbs"])):
            cur.metric = prev.metric


def _inside(i: int, spans) -> bool:
    return any(s <= i < e for s, e in spans)


def _slogans(text: str) -> list[tuple[int, int]]:
    """Short quoted phrases (“五个过硬”, “三重一大”) are names, not counts."""
    return [(m.start(), m.end()) for m in re.finditer(r"[“\"‘「『][^“”\"‘’「」『』\n]{1,12}[”\"’」』]", text)]


def _plausible(text: str, m: re.Match, spec: dict) -> bool:
    num = m.group("num")
    before = text[max(0, m.start() - 4):m.start()]
    if any(before.endswith(w) for w in spec["not_before"]):
        return False
    after_num = text[m.end("num"):]
    if any(after_num.startswith(w) for w in spec["not_after"]) and not m.group("mult"):
        return False
    if m.group("unit") == "个" and text.startswith(tuple(spec["duration_after_unit"]), m.end()):
        return False  # 3个月, 1个工作日: durations
    if text.startswith(tuple(spec["class_after_unit"]), m.end()):
        return False  # 80吨级: a size class
    if m.start("num") > 0 and re.match(r"[\d.A-Za-z]", text[m.start("num") - 1]):
        return False
    if re.fullmatch(ARABIC, num):
        return True
    # Chinese numerals: only with a quantity cue
    cues = spec["cn_quantity_cues"]
    return bool(m.group("pre") or m.group("suf1") or m.group("suf2") or re.search("[十百千]", num)
                or any(before.endswith(c) for c in cues))


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
    for key, table in (("suf1", "qualifiers_before_unit"), ("suf2", "qualifiers_after_unit")):
        if m.group(key):
            qualifier = spec[table][m.group(key)]
    unit = (mult + unit_surface) if mult else ("%" if base == "%" else unit_surface)
    metric, start, end = _metric(text, m, spec, floor)
    rule, value_max, normalized_max = "indicator.number_unit", None, None
    if m.group("num2"):  # 3至5家, 20-30万元: the range's upper bound; value is the lower one
        try:
            value_max, normalized_max = value_of(*split_multiplier(m.group("num2"), mult or None))
        except ValueError:
            return None
        if value_max <= value:
            return None  # 2021-2025 style pairs that are not ranges of a quantity
        rule = "indicator.range"
    return IndicatorHit(start, end, metric, value, unit, qualifier, normalized, base, rule, 0.8, value_max, normalized_max)


def _metric(text: str, m: re.Match, spec: dict, floor: int) -> tuple[str | None, int, int]:
    """Metric phrase after the unit (800余名行政执法人员) or before the number (签约额218.15亿元);
    returns it with the indicator's span, which covers number and metric."""
    after = _forward_phrase(text, m.end(), spec)
    if after:
        brackets = 2 if text.startswith("《", m.end()) else 0
        return _strip_quotes(after), m.start(), m.end() + len(after) + brackets
    before, start = _backward_phrase(text, m.start(), spec, floor)
    if before:
        return _strip_quotes(before), start, m.end()
    return None, m.start(), m.end()


def _forward_phrase(text: str, i: int, spec: dict) -> str:
    if text[i:i + 1] == "《":
        close = text.find("》", i)
        return text[i + 1:close] if 0 < close - i <= 40 else ""
    verbs = spec["forward_stops"]
    j = i
    while j < len(text) and j - i < 12 and "\u4e00" <= text[j] <= "\u9fff":
        if any(text.startswith(v, j) for v in verbs):
            break
        j += 1
    return text[i:j] if j - i >= 2 else ""


def _backward_phrase(text: str, i: int, spec: dict, floor: int = 0) -> tuple[str, int]:
    """Metric read backwards from i: back to punctuation, a digit or ``floor``, then trimmed of
    stop words, a leading year, places and leading/trailing function words. Returns the phrase
    and where it starts in text."""
    j = i
    while j > floor and i - j < 24 and text[j - 1] not in _PUNCT and not text[j - 1].isdigit():
        j -= 1
    if j > floor and j < i and re.match(r"[A-Za-z]", text[j]):
        while j > floor and re.match(r"[0-9A-Za-z]", text[j - 1]):
            j -= 1  # 5G基站, AG600M最大起飞重量: the digits belong to the name
    start, end = j, i
    cut = max((k + len(stop) for stop in spec["metric_stops"]  # a stop leaves a metric of 2+ chars (成功率)
               if (k := text.rfind(stop, start, end)) >= 0 and k + len(stop) <= end - 2), default=start)
    if cut == start and start > 0 and text[start - 1].isdigit() and text[start:start + 1] in "年月日号":
        cut = start + 1  # 2020年法治建设… : the year is not the metric
    start = cut + _leading_places(text[cut:end])
    while (n := _affix(text[start:end], spec["metric_leading"], prefix=True)):
        start += n  # 目前共设立…: both go
    while (n := _affix(text[start:end], spec["backward_trailing"], prefix=False)):
        end -= n
    phrase = text[start:end]
    if phrase in spec["metric_leading"] or phrase in spec["metric_trailing"] or phrase.startswith(spec["change_verbs"]):
        return "", i  # 其中8项, 达到51.6%, 缩减到现在的31项: no metric of its own
    return (phrase, start) if len(_strip_quotes(phrase)) >= 2 else ("", i)


def _affix(phrase: str, words: list[str], prefix: bool) -> int:
    """Length of the longest word of ``words`` at the start (or end) of phrase, if what remains
    keeps at least two characters."""
    for w in sorted(words, key=len, reverse=True):
        hit = phrase.startswith(w) if prefix else phrase.endswith(w)
        if hit and len(phrase) - len(w) >= 2:
            return len(w)
    return 0


def _leading_places(phrase: str) -> int:
    """Length of the places heading a metric (甘肃省张掖市签约额: where, not what is measured)."""
    cut = 0
    for start, end, _ in load_gazetteer().scan(phrase):
        if start != cut or len(phrase) - end < 2:
            break
        cut = end
    return cut


def _strip_quotes(s: str) -> str:
    return s.translate({ord(q): None for q in _QUOTES}).strip()


def _cn_small(num: str) -> float:
    if num.isdigit():
        return float(num)
    return value_of(num, "")[0] if len(num) > 1 else float(_CN_DIGITS[num])


def _rank_hit(text: str, m: re.Match) -> IndicatorHit:
    value = _cn_small(m.group("num"))
    before, start = _backward_phrase(text, m.start(), _spec()[0])
    metric = f"{_strip_quotes(before)}{m.group('scope')}排名" if before else f"{m.group('scope')}排名"
    qualifier = "前" if m.group("front") else None
    return IndicatorHit(start, m.end(), metric, value, "名次", qualifier, value, "名次", "indicator.rank", 0.8)


def _freq_hit(m: re.Match, unit_base: dict) -> IndicatorHit:
    value = _cn_small(m.group("num"))
    obj = m.group("obj") or ""
    obj = re.split(r"并|和|以|的|，|,", obj)[0]
    subject = obj if len(obj) >= 2 else m.group("verb")
    metric = f"{subject}({m.group('per')})" if subject else f"({m.group('per')})"
    unit = m.group("unit")
    return IndicatorHit(m.start(), m.end("unit") + len(obj), metric, value, unit, "以上", value,
                        unit_base[unit], "indicator.frequency_at_least", 0.75)
