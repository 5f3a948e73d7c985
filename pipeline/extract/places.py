"""Places: gazetteer matches resolved to standard names and adcodes, using document context.

A short name shared by several divisions (朝阳区 in Beijing and Changchun) is resolved by the other
places of the document; when the context does not decide, the place is kept unresolved with its
candidates rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from functools import lru_cache

from pipeline.extract import rules
from pipeline.extract.gazetteer import Division, load, read_countries, read_idioms
from pipeline.extract.types import Found
from pipeline.lexicons import common_words, starts_inside_word, tagged_words

_HAN = re.compile(r"[\u4e00-\u9fff]")
RULE_FULL = "place.gazetteer.full_name"
RULE_ALIAS = "place.gazetteer.short_name"
_PLACE_WORD_REACH = 6  # characters a longer place word may reach before and after a short name


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


@lru_cache(maxsize=1)
def _stop_words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    spec = rules.load("places")
    idioms = frozenset(w for w in read_idioms() if len(w) == 4)
    return idioms, frozenset(spec["not_place_endings"]), tuple(spec["not_place_words"])


def _inside_word(text: str, start: int, end: int) -> bool:
    """The short name is part of an idiom or listed word (长治久安, 幸福安康)."""
    idioms, _, words = _stop_words()
    if any(text[k:k + 4] in idioms for k in range(max(0, end - 4), start + 1)):
        return True
    window = text[max(0, start - 6):end + 6]
    return any(w in window and _covers(text, w, start, end) for w in words)


def _starts_inside_word(text: str, start: int, after_place: bool) -> bool:
    """The short name's first character ends a common word (广大|理论: 大理, 隆重|庆祝: 重庆); not
    checked right after another place (江苏|南京). Its last character starting a word says little:
    江西|南昌 (西南), 北京|城市 (京城)."""
    words = common_words(rules.load("places")["word_cut_min_freq"])
    return not after_place and starts_inside_word(text, start, words)


def _inside_other_place(text: str, start: int, end: int) -> bool:
    """The short name is the inner part of a longer place word that is no Chinese division
    (明尼苏达州: 达州); a word opening with a division or a listed word (广西南宁, 首都北京) does not count."""
    gaz, words = load(), tagged_words("ns", 3)
    openers = tuple(rules.load("places")["place_word_openers"])
    for a in range(max(0, start - _PLACE_WORD_REACH), start):
        opening = text[a:start]
        if opening.startswith(openers) or any(opening[:k] in gaz.by_name for k in range(2, len(opening) + 1)):
            continue
        for b in range(end, min(len(text), end + _PLACE_WORD_REACH) + 1):
            if text[a:b] in words and text[a:b] not in gaz.by_name:
                return True
    return False


def _country_pair(text: str, surface: str) -> bool:
    """巴中 in 巴中关系 is Pakistan (or Brazil) and China when the document names such a country."""
    char = rules.load("places")["country_pair_char"]
    if len(surface) != 2 or char not in surface:
        return False
    other = surface.replace(char, "", 1)
    return any(c.startswith(other) and c in text for c in read_countries())


def _covers(text: str, word: str, start: int, end: int) -> bool:
    for k in range(max(0, end - len(word)), start + 1):
        if text.startswith(word, k):
            return True
    return False


def find(text: str, blocked: list[tuple[int, int]] = ()) -> list[PlaceHit]:
    """Gazetteer matches, minus two-character county names glued to a preceding Chinese word
    (和县 in 市和县两级), short names read across words (西安区域, 广大理论), inside a longer place
    (佛罗里达州) or standing for two countries (巴中关系)."""
    gaz = load()
    hits: list[PlaceHit] = []
    prev_end = -1
    for start, end, surface in gaz.scan(text):
        if any(s <= start < e for s, e in blocked):
            continue
        glued = start > 0 and _HAN.match(text[start - 1]) and start != prev_end
        short_county = end - start <= 2 and all(d.level == "county" for d in gaz.by_name[surface])
        is_alias = surface != gaz.by_name[surface][0].name
        if (short_county and glued) or text[end - 1:end + 1] in _stop_words()[1]:
            continue
        after_place = start == prev_end
        if is_alias and (_inside_word(text, start, end) or _starts_inside_word(text, start, after_place)
                         or _inside_other_place(text, start, end)
                         or (not after_place and _country_pair(text, surface))):
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
