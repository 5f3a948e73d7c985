"""Canonical metrics: each indicator's free-text metric mapped to a taxonomy id (``data/metrics.yaml``).

An entry fits when its words are in the metric (and, for bare verbs like 受理, its context words
in the text just before the number) and the indicator's base unit is one of its units. A count
whose metric says it changed (受案数量较同期增长74%) or a share of it (占受理案件总数的38%) gets the
entry's id with ``_change`` or ``_share``; a rate's change in points (纠错率同比提高4.4个百分点)
``_change``. None when no entry fits: a guess would group unlike figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from pipeline.extract import rules

CONTEXT_CHARS = 150
_RATE_UNITS = ("%", "个百分点")


@dataclass(frozen=True)
class Metric:
    id: str
    label: str
    units: tuple[str, ...]
    any: tuple[str, ...]
    all: tuple[str, ...] = ()
    not_: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    pattern: re.Pattern | None = None  # any of ``any``, compiled once


class Taxonomy(NamedTuple):
    metrics: list[Metric]
    change_words: tuple[str, ...]  # 同比, 增长, 下降: the figure is a change (→ ``_change``)
    share_words: tuple[str, ...]  # 占, 比重: right after the measured word, the figure is a share


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    spec = rules.load("metrics")
    metrics = [
        Metric(
            m.get("as", m["id"]),
            m["label"],
            tuple(m["units"]),
            tuple(m["any"]),
            tuple(m.get("all", ())),
            tuple(m.get("not", ())),
            tuple(m.get("context", ())),
            re.compile(rules.alternation(m["any"])),
        )
        for m in spec["metrics"]
    ]
    ids = [m["id"] for m in spec["metrics"]]
    if len(ids) != len(set(ids)) or not {m.get("as", m["id"]) for m in spec["metrics"]} <= set(ids):
        raise ValueError("metrics.yaml: duplicate metric ids, or an `as` naming no entry")
    return Taxonomy(metrics, tuple(spec["change_words"]), tuple(spec["share_words"]))


def labels() -> dict[str, str]:
    """Every metric id (with its _change and _share forms) → Chinese label."""
    out = {}
    for m in taxonomy().metrics:
        out[m.id] = m.label
        out[f"{m.id}_change"] = f"{m.label}变化"
        out[f"{m.id}_share"] = f"{m.label}占比"
    return out


def classify(metric: str | None, base_unit: str, context: str = "") -> str | None:
    """The metric id of one indicator; ``context`` is the text just before its number."""
    if not metric:
        return None
    change = taxonomy().change_words
    for m in taxonomy().metrics:
        if not _fits(m, metric, context):
            continue
        if base_unit in m.units:
            if base_unit == "个百分点" or (
                base_unit == "%"
                and any(w in metric for w in change)
                and "%" in m.units
                and not _is_level(metric, m)
            ):
                return f"{m.id}_change"
            return m.id
        if base_unit in _RATE_UNITS:
            if any(w in metric for w in change):
                return f"{m.id}_change"
            if base_unit == "%" and "占" in metric:
                return f"{m.id}_share"
    return None


def _is_level(metric: str, m: Metric) -> bool:
    """达到/为 a rate after its name (可办率达99.86%) is its level, not a change: the change word
    must follow the rate's name (败诉率同比下降17.65%)."""
    name = next((w for w in m.any if w in metric), "")
    tail = metric[metric.find(name) + len(name) :] if name else metric
    return not any(w in tail for w in taxonomy().change_words)


def _measured(metric: str, word: str) -> bool:
    """The word names what is measured: it stands before any 占 (X占Y的…) and any 在…中, and is not
    directly followed by a share word (GDP占比)."""
    k = metric.find(word)
    if k < 0:
        return False
    marks = (metric.find("占"), metric.find("在") if "中" in metric else -1)
    cut = min([i for i in marks if i >= 0] or [len(metric)])
    return k < cut and not metric.startswith(taxonomy().share_words, k + len(word))


def _fits(m: Metric, metric: str, context: str) -> bool:
    if not m.pattern.search(metric) or not all(w in metric for w in m.all):
        return False
    if not any(_measured(metric, w) for w in m.any):
        return False  # 服务业增加值占GDP比重, 产业在GDP中占比: GDP is the whole, not the measure
    if any(w in metric for w in m.not_):
        return False
    return not m.context or any(w in metric or w in context for w in m.context)


def assign(text: str, hits: list, number_at) -> list[str | None]:
    """Metric id of each hit; ``number_at(text, start, end)`` finds where its number starts. A hit
    whose metric only says how the one before changed (直接纠错率13.4%，同比提高4.4个百分点) follows it."""
    follow = re.compile(rules.load("metrics")["follow_pattern"])
    out: list[str | None] = []
    for k, h in enumerate(hits):
        num = number_at(text, h.start, h.end)
        own = classify(h.metric, h.base_unit, text[max(0, num - CONTEXT_CHARS) : num])
        if text[h.start - 1 : h.start] == "、" and (k == 0 or hits[k - 1].end != h.start - 1):
            own = None  # 撤销、变更6件: one number for a list of names, not for its last one
        prev = _previous(text, hits, out, k)
        if own is None and prev and h.base_unit in _RATE_UNITS:
            gap = text[hits[k - 1].end : h.start]
            if h.metric is None and gap.strip() in ("、", "和", "及"):
                own = prev  # 分别同比增长41.26%、4.27%: the next item of the same list
            elif h.metric is None and "占" not in gap and any(w in gap for w in taxonomy().change_words):
                own = re.sub(r"_(change|share)$", "", prev) + "_change"  # 83件，受案数量较同期增长 74%
            elif h.metric and follow.match(h.metric):
                suffix = "_share" if h.metric.startswith("占") else "_change"
                own = re.sub(r"_(change|share)$", "", prev) + suffix
        out.append(own)
    return out


def _previous(text: str, hits: list, ids: list, k: int) -> str | None:
    """The id of the hit before hit k when both stand in one sentence."""
    if k == 0 or ids[k - 1] is None:
        return None
    gap = text[hits[k - 1].end : hits[k].start]
    return None if any(ch in gap for ch in "。！？!?\n") else ids[k - 1]
