"""Places: gazetteer matches resolved to standard names and adcodes, using document context.

A short name shared by several divisions (朝阳区 in Beijing and Changchun) is resolved by the other
places of the document; when the context does not decide, the place is kept unresolved with its
candidates rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.gazetteer import Division, load
from pipeline.extract.types import Found

_HAN = re.compile(r"[\u4e00-\u9fff]")
# the name's last character and the next one form a common word: 西安区域, 市场, 县域
NOT_PLACE_ENDINGS = {"区域", "区间", "区块", "市场", "市面", "县域"}
RULE_FULL = "place.gazetteer.full_name"
RULE_ALIAS = "place.gazetteer.short_name"


@dataclass
class PlaceHit:
    start: int
    end: int
    surface: str
    candidates: list[Division]


@dataclass
class ResolvedPlace:
    division: Division | None  # None when ambiguous
    name: str
    level: str
    candidates: list[Division]
    spans: list[tuple[int, int]]
    rule: str


def find(text: str, blocked: list[tuple[int, int]] = ()) -> list[PlaceHit]:
    """Gazetteer matches, minus two-character county names glued to a preceding Chinese word
    (和县 in 市和县两级) and names whose last character starts a word (西安区域)."""
    gaz = load()
    hits: list[PlaceHit] = []
    prev_end = -1
    for start, end, surface in gaz.scan(text):
        if any(s <= start < e for s, e in blocked):
            continue
        glued = start > 0 and _HAN.match(text[start - 1]) and start != prev_end
        short_county = end - start <= 2 and all(d.level == "county" for d in gaz.by_name[surface])
        if (short_county and glued) or text[end - 1:end + 1] in NOT_PLACE_ENDINGS:
            continue
        hits.append(PlaceHit(start, end, surface, gaz.by_name[surface]))
        prev_end = end
    return hits


def resolve(hits: list[PlaceHit]) -> list[ResolvedPlace]:
    """Group hits per division; ambiguous names are decided by unambiguous context places."""
    context = {h.candidates[0].name for h in hits if len(h.candidates) == 1}
    context |= {p for h in hits if len(h.candidates) == 1 for p in h.candidates[0].parent_names}
    groups: dict[str, ResolvedPlace] = {}
    for h in hits:
        cands = h.candidates
        if len(cands) > 1:
            narrowed = [d for d in cands if set(d.parent_names) & context]
            cands = narrowed if narrowed else cands
        rule = RULE_FULL if h.surface == cands[0].name else RULE_ALIAS
        if len(cands) == 1:
            d = cands[0]
            key = d.adcode
            place = groups.setdefault(key, ResolvedPlace(d, d.name, d.level, [d], [], rule))
        else:
            key = "?" + h.surface
            place = groups.setdefault(key, ResolvedPlace(None, cands[0].name, cands[0].level, cands, [], rule))
        place.spans.append((h.start, h.end))
    return list(groups.values())


def mentions(places: list[ResolvedPlace]) -> list[Found]:
    out = []
    for p in places:
        for s, e in p.spans:
            conf = 0.95 if p.division else 0.5
            out.append(Found(s, e, "PLACE", p.name, p.rule, conf))
    return out
