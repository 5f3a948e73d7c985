"""Scope: the administrative area whose figure an indicator is, and the document's own area.

An indicator's scope comes from the subject of its clause: a place named before the number
(长春市公安局二道区分局 → 二道区), a word for the document's own area (全市, 我县, 省政府 → the
document's city, county, province) or, when the sentence names none, the scope carried from the
sentences before. The document's own area is the place of its title, else of its source (张掖市司法局
→ 张掖市), else the place its text names far more than any other. Null when the text does not say:
no area named, a tie, or a company's figure. Words and thresholds are data (``data/scope.yaml``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from pipeline.extract import rules
from pipeline.extract.gazetteer import Division, is_zone, load
from pipeline.extract.rules import alternation
from pipeline.extract.spans import SpanSet

_HAN = re.compile(r"[\u4e00-\u9fff]")
SENTENCE_END = "。！？!?\n"
CLAUSE_END = "，,；;：:"
_DEPTH = {"country": 0, "province": 1, "city": 2, "county": 3, "town": 4}


@dataclass(frozen=True)
class Area:
    """An area an indicator or a document belongs to."""

    name: str
    adcode: str | None
    level: str
    zone: bool = False  # a development zone (gazetteer.is_zone): its table level stays county

    @classmethod
    def of(cls, d: Division) -> Area:
        return cls(d.name, d.adcode, d.level, is_zone(d))


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str  # place, area, body, private
    value: object  # ResolvedPlace for a place, a kind (市, 县 …) for area/body words


@dataclass
class Scoped:
    area: Area | None
    rule: str


@lru_cache(maxsize=1)
def _spec():
    spec = rules.load("scope")
    word_kind = {w: k for k, words in spec["area_words"].items() for w in words}
    area = re.compile(alternation(word_kind))
    body = re.compile(rf"({alternation(spec['org_levels'])})(?:{alternation(spec['org_words'])})")
    private = re.compile(alternation(spec["private_subjects"]))
    not_after = tuple(spec["not_owner_after"])
    national = Area(spec["national"]["name"], str(spec["national"]["adcode"]), spec["national"]["level"])
    return spec, word_kind, area, body, private, not_after, national


def kinds(d: Division) -> set[str]:
    """Kinds of area words that may stand for this division (北京市: 省 and 市)."""
    name, level = d.name, d.level
    if level == "province":
        return {"省", "区"} if name.endswith("自治区") else ({"市"} if name.endswith("市") else {"省"})
    if level == "town":
        return {"镇"}
    if name.endswith("旗"):
        return {"县"}
    for suffix in ("州", "盟", "市", "县", "区"):
        if name.endswith(suffix):
            return {suffix}
    return set()


class DocumentAreas:
    """The document's areas per kind (its 市, its 县 …), from its places, title and source."""

    def __init__(self, text: str, places: list, title: str | None, source: str | None):
        spec = _spec()[0]
        self.places = [p for p in places if p.division is not None]
        self.unresolved_towns = [p for p in places if p.division is None and p.level == "town"]
        self.weight: Counter = Counter()
        for p in self.places:
            self.weight[p.division.adcode] += len(p.spans)
        self.by_code = {p.division.adcode: p.division for p in self.places}
        heads = head_places(title or "", self.places, chain_only=False) + head_places(
            source or "", self.places
        )
        for d in heads:
            self.by_code.setdefault(d.adcode, d)
            self.weight[d.adcode] += 3
        self.own = self._own(title, source, spec) or self._own_by_words(text)

    def _own(self, title, source, spec) -> Area | None:
        media = source and any(w in source for w in spec["media_words"])
        for s in (title, None if media else source):
            found = head_places(s or "", self.places, chain_only=False) + [
                p.division for p in self.places if s and p.division.name in s
            ]  # towns: not in scan()
            if found:
                return Area.of(max(found, key=lambda d: _DEPTH.get(d.level, 0)))
        ranked = Counter({c: len(p.spans) for p in self.places for c in [p.division.adcode]}).most_common()
        if not ranked and len(self.unresolved_towns) == 1:
            return Area(self.unresolved_towns[0].name, None, "town")  # 宁安镇 alone: the text's own town
        if not ranked or ranked[0][1] < spec["document_min_mentions"]:
            return None
        top = self.by_code[ranked[0][0]]
        rivals = [n for c, n in ranked[1:] if self.by_code[c].name not in top.parent_names]
        if rivals and ranked[0][1] < spec["document_dominance"] * rivals[0]:
            return None
        return Area.of(top)

    def _own_by_words(self, text: str) -> Area | None:
        """A text that speaks of its own area with one kind of word only (全镇, 我镇) and names one
        place of that kind: that place (近年来,丁蜀镇在…全镇… with 宜兴 twice in its titles)
        [scope.own_by_words]."""
        _, word_kind, area, *_ = _spec()
        used = {word_kind[m.group()] for m in area.finditer(text)} - {"国"}
        if len(used) != 1:
            return None
        kind = used.pop()
        cands = [d for d in self.by_code.values() if kind in kinds(d)]
        return Area.of(cands[0]) if len(cands) == 1 else None

    def of_kind(self, kind: str) -> Area | None:
        """The document's area of a kind: the most weighted place of that kind (a tie gives none),
        else the one province (or city) every place of the document lies in."""
        if kind == "国":
            return _spec()[6]
        cands = [d for d in self.by_code.values() if kind in kinds(d)]
        if kind == "区" and any(d.level != "province" for d in cands):
            cands = [d for d in cands if d.level != "province"]  # a district named beats the region
        if cands:
            ranked = sorted(cands, key=lambda d: -self.weight[d.adcode])
            if len(ranked) > 1 and self.weight[ranked[0].adcode] == self.weight[ranked[1].adcode]:
                return None
            return Area.of(ranked[0])
        if kind == "镇" and self.own and self.own.adcode is None:
            return self.own  # 全镇 in a text whose own town is an unresolved name
        return self._common_parent(kind)

    def _common_parent(self, kind: str) -> Area | None:
        if not self.by_code:
            return None
        if kind in ("省", "区"):
            names = {d.province for d in self.by_code.values()}
        elif kind == "市":
            names = {d.city for d in self.by_code.values() if d.level in ("county", "town")}
            names |= {d.name for d in self.by_code.values() if d.level == "city"}
        else:
            return None
        if len(names) != 1 or None in names:
            return None
        d = division(names.pop())
        return Area.of(d) if d and kind in kinds(d) else None


def division(name: str) -> Division | None:
    """The division with exactly this standard name, when only one has it."""
    found = [d for d in load().by_name.get(name, []) if d.name == name]
    return found[0] if len(found) == 1 else None


def head_places(s: str, places: list, chain_only: bool = True) -> list[Division]:
    """Divisions named in a short string (a title, a source, an organisation); ``chain_only``
    keeps the run of places at its head (湖南省长沙市司法局 → 湖南省, 长沙市). A short name shared by
    several divisions is decided by the document's places, else left out."""
    context = {p.division.adcode for p in places if p.division}
    context_names = {n for p in places if p.division for n in (p.division.name, *p.division.parent_names)}
    out: list[Division] = []
    pos = 0
    for start, end, surface in load().scan(s):
        if chain_only and start != pos:
            break
        cands = load().by_name[surface]
        if len(cands) > 1:
            cands = [d for d in cands if d.adcode in context] or [
                d for d in cands if set(d.parent_names) & context_names
            ]
        if len(cands) == 1:
            out.append(cands[0])
        pos = end
    return out


def org_area(org: str | None, places: list) -> Area | None:
    """The area an organisation belongs to (北京市司法局 → 北京市): the most specific place of the
    run of places at its head; none when it names none."""
    found = head_places(org or "", places)
    return Area.of(found[-1]) if found else None


def place_spans(places: list) -> list[tuple[int, int, object]]:
    """Every (start, end, place) of the resolved places, sorted: ``cues`` takes a window of it by
    bisection instead of scanning every place for every figure."""
    return sorted((s, e, p) for p in places for s, e in p.spans)


def cues(
    text: str, start: int, end: int, spans: list[tuple[int, int, object]], blocked: SpanSet
) -> list[Cue]:
    """Places (``place_spans``), area words, bodies named by their level and private subjects in
    text[start:end]."""
    spec, word_kind, area, body, private, not_after, _ = _spec()
    quotes = quoted(text, start, end)

    def inside(i: int) -> bool:
        return blocked.covers(i) or any(s <= i < e for s, e in quotes)

    out: list[Cue] = []
    for k in range(bisect_left(spans, (start,)), len(spans)):
        s, e, p = spans[k]
        if s >= end:
            break
        if e <= end and not inside(s) and not _company(text, e):
            out.append(Cue(s, e, "place", p))
    for m in area.finditer(text, start, end):
        before = text[max(0, m.start() - 2) : m.start()]
        if (
            inside(m.start())
            or before.endswith(tuple(spec["not_owner_before"]))
            or text.startswith(not_after, m.end())
            or _ranks(text, m.end())
        ):
            continue
        out.append(Cue(m.start(), m.end(), "area", word_kind[m.group()]))
    for m in body.finditer(text, start, end):
        prev = text[m.start() - 1] if m.start() > 0 else ""
        if inside(m.start()) or (_HAN.match(prev) and prev not in spec["org_lead"]):
            continue
        out.append(Cue(m.start(), m.end(), "body", spec["org_levels"][m.group(1)]))
    out += [Cue(m.start(), m.end(), "private", None) for m in private.finditer(text, start, end)]
    out.sort(key=lambda c: (c.start, -c.end))
    kept: list[Cue] = []
    for c in out:  # 全市 and 市政府 in 全市政府系统: the first one stands
        if not kept or c.start >= kept[-1].end:
            kept.append(c)
    return kept


def quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Short quoted names in text[start:end]."""
    return [(m.start(), m.end()) for m in _quote_pattern(_spec()[0]["quote_max"]).finditer(text, start, end)]


@lru_cache(maxsize=4)
def _quote_pattern(limit: int) -> re.Pattern:
    return re.compile(rf"[“\"‘「『][^“”\"‘’「」『』\n]{{1,{limit}}}[”\"’」』]")


def _ranks(text: str, i: int) -> bool:
    clause = re.split(r"[，,。；;\n]", text[i : i + 40], maxsplit=1)[0]
    return bool(re.search(_spec()[0]["not_owner_clause"], clause))


def _company(text: str, end: int) -> bool:
    """The place heads a company's name: a company word follows in its clause (上海医药和…集团)."""
    tail = _CLAUSE_SPLIT.split(text[end : end + 20], maxsplit=1)[0]
    return any(w in tail for w in _spec()[0]["company_words"])


# A "sentence" longer than this (a table or a run-on dump flattened into one line) is read over
# its last WINDOW chars before a figure only: subjects stand near their figures, and the work per
# figure stays bounded, so a document costs time linear in its length
WINDOW = 400


@lru_cache(maxsize=16)
def _marks(text: str, chars: str) -> list[int]:
    return [m.start() for m in re.finditer(f"[{re.escape(chars)}]", text)]


def last_mark(text: str, chars: str, i: int) -> int:
    """The last position before ``i`` of any of ``chars`` (-1 if none), by bisection."""
    pos = _marks(text, chars)
    j = bisect_left(pos, i)
    return pos[j - 1] if j else -1


def next_mark(text: str, chars: str, i: int) -> int:
    """The first position from ``i`` on of any of ``chars`` (-1 if none), by bisection."""
    pos = _marks(text, chars)
    j = bisect_left(pos, i)
    return pos[j] if j < len(pos) else -1


def sentence_bounds(text: str, i: int) -> tuple[int, int]:
    """The sentence around position ``i``, its start no more than WINDOW chars before ``i``."""
    start = max(last_mark(text, SENTENCE_END, i) + 1, i - WINDOW, 0)
    end = next_mark(text, SENTENCE_END, i)
    return start, (end if end >= 0 else len(text))


def _clauses_back(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of text[start:end], last first."""
    cuts = [start] + [k + 1 for k in range(start, end) if text[k] in CLAUSE_END] + [end]
    return list(pairwise(cuts))[::-1]


def _pick(text: str, found: list[Cue], start: int, end: int) -> Cue | None:
    """The subject cue: the first cue of the last clause that has one, narrowed to a child place
    that follows it closely (长春市公安局二道区分局 → 二道区)."""
    gap = _spec()[0]["refine_gap"]
    for a, b in _clauses_back(text, start, end):
        here = [c for c in found if a <= c.start < b]
        if not here:
            continue
        cue = here[0]
        for nxt in here[1:]:
            close = nxt.start - cue.end <= gap and not set(text[cue.end : nxt.start]) & set(CLAUSE_END + "、")
            if cue.kind == "place" and nxt.kind == "place" and close and _child(nxt.value, cue.value):
                cue = nxt
            else:
                break
        return cue
    return None


def _child(child, parent) -> bool:
    return bool(child.division and parent.division and parent.division.name in child.division.parent_names)


def _resolve(cue: Cue, areas: DocumentAreas) -> Scoped:
    if cue.kind == "private":
        return Scoped(None, "scope.private_subject")
    if cue.kind == "place":
        d = cue.value.division
        if d:
            return Scoped(Area.of(d), "scope.place")
        if cue.value.level == "town":  # 宁安镇 of two: its name, no code (scope.unresolved_town)
            return Scoped(Area(cue.value.name, None, "town"), "scope.unresolved_town")
        return Scoped(None, "scope.ambiguous_place")
    rule = "scope.national" if cue.value == "国" else f"scope.{cue.kind}_word"
    return Scoped(areas.of_kind(cue.value), rule)


def assign(
    text: str, hits: list, places: list, areas: DocumentAreas, blocked: list[tuple[int, int]] = ()
) -> list[Scoped]:
    """Scope of each indicator hit (in text order), carried from sentence to sentence."""
    out: list[Scoped] = []
    carried = _document(areas)
    done_to = 0
    spans, blocked = place_spans(places), SpanSet(blocked)
    for h in hits:
        num = number_at(text, h.start, h.end)
        s_start, _ = sentence_bounds(text, num)
        carried = _carry(text, done_to, s_start, spans, areas, blocked, carried)
        done_to = max(done_to, s_start)
        found = cues(text, s_start, num, spans, blocked)
        if h.rule == "indicator.rank":
            found = [c for c in found if c.kind == "place"]  # 全省第二: the ranking's field
        cue = _pick(text, found, s_start, num)
        out.append(_resolve(cue, areas) if cue else Scoped(carried.area, _carried_rule(carried)))
    return out


_HEADING = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


def _lift_town(text: str, cue: Cue, scoped: Scoped, areas: DocumentAreas) -> Scoped:
    """A town named in passing (五峰土家族自治县渔洋关镇“第三小学”) carries on as its county; a
    document about the town (its title names it) or a sentence where the town or its bodies act
    (镇川镇多措并举开展…, 中兴镇综治办、司法所…开展) carries the town itself."""
    d = cue.value.division if cue.kind == "place" else None
    if d is None or d.level != "town" or not d.county or scoped.area == areas.own:
        return scoped
    if text.startswith(_town_acts(), cue.end):
        return Scoped(scoped.area, "scope.town_acts")
    county = [
        c
        for c in load().by_name.get(d.county, [])
        if c.name == d.county and c.province == d.province and c.city == d.city
    ]
    return Scoped(Area.of(county[0]), "scope.carried_county") if len(county) == 1 else scoped


@lru_cache(maxsize=1)
def _town_acts() -> tuple[str, ...]:
    spec = _spec()[0]
    return tuple(spec["org_words"] + spec["town_acts"])


def _heading(text: str, i: int) -> bool:
    """A line that starts a section: numbered (三、…, (一)…) or a short line without a clause
    mark (a headline inside a news text)."""
    if i > 0 and text[i - 1] != "\n":
        return False
    end = next_mark(text, "\n", i)
    line = text[i : end if end >= 0 and end - i <= WINDOW else i + WINDOW].strip()
    return bool(_HEADING.match(line)) or (
        0 < len(line) <= 40 and not set(line) & set(SENTENCE_END + CLAUSE_END)
    )


def _document(areas: DocumentAreas) -> Scoped:
    return Scoped(areas.own, "scope.document") if areas.own else Scoped(None, "scope.unknown")


# rules a carried scope keeps as they are; any other carried scope says scope.carried
_CARRIED_AS_IS = frozenset(
    {"scope.document", "scope.unknown", "scope.carried_county", "scope.town_acts", "scope.unresolved_town"}
)


def _carried_rule(s: Scoped) -> str:
    return s.rule if s.rule in _CARRIED_AS_IS else "scope.carried"


def _carry(text, done_to, upto, spans, areas, blocked, carried: Scoped) -> Scoped:
    """The scope in force at ``upto``: the subject of the last sentence before it that has one."""
    i = done_to
    while i < upto:
        carried = _paragraph_start(text, i, carried, areas)
        _, end = sentence_bounds(text, i)
        end = min(end, upto)
        start = max(i, end - WINDOW)
        cue = _pick(text, cues(text, start, end, spans, blocked), start, end)
        if cue:
            carried = _lift_town(text, cue, _resolve(cue, areas), areas)
        elif _heading(text, i):
            carried = _document(areas)  # a new section (三、健全机制…) starts from the document's area
        i = end + 1
    return _paragraph_start(text, upto, carried, areas)


def _paragraph_start(text: str, i: int, carried: Scoped, areas: DocumentAreas) -> Scoped:
    """A company's or a person's figure (a quote) ends with its paragraph: a new one starts from the
    document's area."""
    if carried.rule == "scope.private_subject" and i > 0 and text[i - 1] == "\n":
        return _document(areas)
    return carried


def number_at(text: str, start: int, end: int) -> int:
    """Where the number of an indicator span starts (Arabic digits first: 由“十二五”末的1.3万家)."""
    m = _DIGIT.search(text, start, end) or _CN_DIGIT.search(text, start, end)
    return m.start() if m else start


_DIGIT = re.compile(r"\d")
_CN_DIGIT = re.compile(r"[一二两三四五六七八九十]")
_CLAUSE_SPLIT = re.compile(r"[，,。；;、：:\n]")
