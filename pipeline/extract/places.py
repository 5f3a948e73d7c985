"""Places: gazetteer matches resolved to standard names and adcodes, using document context.

A short name shared by several divisions (朝阳区 in Beijing and Changchun) is resolved by the other
places of the document; when the context does not decide, the place is kept unresolved with its
candidates rather than guessed.

Towns are many and their names repeat (82 城关镇), so a town is kept only when the context decides
it: its county or city is named in the document [place.town.context], its full name is unique
nationwide [place.town.unique], or unique in the document's province [place.town.context]; a full
name several towns share that the context does not decide is kept without a code
[place.town.unresolved]. Bare
short names of counties and towns (临江, 籍山) are read only as items of a list of places joined by
、 (深入长春、临江、延边等地; 籍山、许镇、工山司法所): when their county, city or province is named
[place.list.short_name], or when two or more of them are towns of one county [place.list.same_county].
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.extract import rules
from pipeline.extract.gazetteer import Division, is_zone, load, read_countries, read_idioms, town_stem
from pipeline.extract.spans import SpanIndex, SpanSet
from pipeline.extract.types import Found
from pipeline.lexicons import common_words, starts_inside_word, surnames, tagged_words
from pipeline.switches import on

_HAN = re.compile(r"[\u4e00-\u9fff]")
RULE_FULL = "place.gazetteer.full_name"
RULE_ALIAS = "place.gazetteer.short_name"
RULE_TOWN = "place.town.context"
RULE_TOWN_UNIQUE = "place.town.unique"
RULE_TOWN_UNRESOLVED = "place.town.unresolved"
RULE_LIST = "place.list.short_name"
RULE_LIST_WORD = "place.list.word_county"
RULE_LIST_COUNTY = "place.list.same_county"
RULE_NAMED_STEM = "place.stem.named_in_full"
RULE_CONTEXT_STEM = "place.context_stem"
_LIST_ITEM_REACH = 10  # the longest name a list item's head or tail is read as
_LIST = re.compile(r"[\u4e00-\u9fff]{1,12}(?:、[\u4e00-\u9fff]{1,12})+")
_PLACE_WORD_REACH = 6  # characters a longer place word may reach before and after a short name


@dataclass
class PlaceHit:
    start: int
    end: int
    surface: str
    candidates: list[Division]
    # "name" (province/city/county), "town", "stem" (a bare short name in a list) or "named_stem"
    # (a county's bare short name once the text named the county in full)
    kind: str = "name"
    group: int | None = None  # the list of places (、) the hit is an item of
    alone: bool = False  # nothing Chinese right before it (start of a line, after punctuation)


@dataclass
class ResolvedPlace:
    division: Division | None  # None when ambiguous
    name: str
    level: str
    candidates: list[Division]
    spans: list[tuple[int, int]]
    rule: str  # the rule of the first span: the place row's
    span_rules: dict[tuple[int, int], str] = field(default_factory=dict)  # where a span's rule differs


@lru_cache(maxsize=1)
def _stop_words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    spec = rules.load("places")
    idioms = frozenset(w for w in read_idioms() if len(w) == 4)
    return idioms, frozenset(spec["not_place_endings"]), tuple(spec["not_place_words"])


def _inside_word(text: str, start: int, end: int) -> bool:
    """The short name is part of an idiom or listed word (长治久安, 幸福安康)."""
    idioms, _, _ = _stop_words()
    if any(text[k : k + 4] in idioms for k in range(max(0, end - 4), start + 1)):
        return True
    return _inside_listed_word(text, start, end)


def _inside_listed_word(text: str, start: int, end: int) -> bool:
    """The name is part of a word of ``not_place_words`` (幸福安康, 代县长)."""
    window = text[max(0, start - 6) : end + 6]
    return any(w in window and _covers(text, w, start, end) for w in _stop_words()[2])


def _starts_inside_word(text: str, start: int, after_place: bool) -> bool:
    """The short name's first character ends a common word (广大|理论: 大理, 隆重|庆祝: 重庆); not
    checked right after another place (江苏|南京). Its last character starting a word says little:
    江西|南昌 (西南), 北京|城市 (京城)."""
    words = common_words(rules.load("places")["word_cut_min_freq"])
    return not after_place and starts_inside_word(text, start, words)


def _inside_other_place(text: str, start: int, end: int) -> bool:
    """The short name is the inner part of a longer place word that is no Chinese division.

    明尼苏达州 hides 达州; a word opening with a division or a listed word (广西南宁, 首都北京)
    does not count.
    """
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


def _in_place_word(text: str, start: int, end: int) -> bool:
    """A bare short name that begins (祁连|山) or ends (…) a longer place word of jieba's dictionary."""
    words = tagged_words("ns", 3)
    reach = min(len(text), end + _PLACE_WORD_REACH)
    return any(text[start:b] in words for b in range(end + 1, reach + 1)) or _inside_other_place(
        text, start, end
    )


def _country_pair(text: str, surface: str) -> bool:
    """巴中 in 巴中关系 is Pakistan (or Brazil) and China when the document names such a country."""
    char = rules.load("places")["country_pair_char"]
    if len(surface) != 2 or char not in surface:
        return False
    other = surface.replace(char, "", 1)
    return any(c.startswith(other) and c in text for c in read_countries())


def _covers(text: str, word: str, start: int, end: int) -> bool:
    return any(text.startswith(word, k) for k in range(max(0, end - len(word)), start + 1))


def find(text: str, blocked: list[tuple[int, int]] = ()) -> list[PlaceHit]:
    """Gazetteer matches, minus two-character county names glued to a preceding Chinese word
    (和县 in 市和县两级), short names read across words (西安区域, 广大理论), inside a longer place
    (佛罗里达州) or standing for two countries (巴中关系), names inside an outlet's name (西安商报),
    generic district names without their city (一个老城区) and names inside a person's name (``blocked``:
    the model's person spans, 张|和田); then town names and the items of lists of places."""
    persons = SpanIndex(blocked)
    hits = _names(text, persons)
    towns = _towns(text, persons, hits)
    if on("place.veto.town_stem_start"):  # 江西沟乡 … 江西沟司法所: no 江西 at the start of the town's stem;
        # 塔城乡 … 塔城夜话: the town's stem alone is the town, not 塔城地区
        stems = {town_stem(t.surface) for t in towns}
        hits = [
            h
            for h in hits
            if not any(len(st) > h.end - h.start and text.startswith(st, h.start) for st in stems)
            and not (h.surface in stems and h.surface != h.candidates[0].name)  # 塔城乡 … 塔城夜话
            and not any(t.start <= h.start and h.end < t.end for t in towns)  # 塔城|乡: not 塔城地区
        ]
    hits += towns
    _lists(text, hits)
    hits += _named_stems(text, hits, persons)
    hits += _context_stems(text, hits, persons)
    return sorted(hits, key=lambda h: h.start)


def outside_names(places: list[ResolvedPlace], names: list[tuple[int, int]]) -> list[ResolvedPlace]:
    """The places less the spans that lie inside an official's name (县领导曾朝阳 names no 朝阳;
    place.veto.in_name); a place left with no span is dropped."""
    if not on("place.veto.in_name") or not names:
        return places
    out = []
    for p in places:
        spans = _outside(p.spans, names, proper=True)
        if spans:
            out.append(p if spans == p.spans else dataclasses.replace(p, spans=spans))
    return out


def without_zones(places: list[ResolvedPlace], mentions: list[Found]) -> tuple[list, list]:
    """The places and mentions minus development zones (兰州新区, place.veto.zone). They are matched,
    so that 兰州新区 is not 兰州 either, and a figure said of one keeps it as its scope."""
    if not on("place.veto.zone"):
        return places, mentions
    zones = [p for p in places if p.division is not None and is_zone(p.division)]
    spans = {(s, e) for p in zones for s, e in p.spans}
    kept = [f for f in mentions if not (f.label == "PLACE" and (f.start, f.end) in spans)]
    return [p for p in places if p not in zones], kept


def _named_stems(text: str, hits: list[PlaceHit], blocked: SpanIndex) -> list[PlaceHit]:
    """A county's bare short name after the text named it in full (镇宁自治县 … 的镇宁而言): county
    news calls its own county so. The stem must name a division here (``_stem_here``) and not start
    inside a word; a stem shared by several counties counts only for the one the text named."""
    stems = load().stems.by_name
    taken = SpanSet((h.start, h.end) for h in hits)
    out: list[PlaceHit] = []
    searched: set[str] = set()  # a county named in full again: its later stems were read already
    for h in hits:
        d = h.candidates[0]
        if h.kind != "name" or len(h.candidates) != 1 or d.level != "county" or h.surface == d.alias:
            continue
        if d.alias not in stems or d.adcode in searched:
            continue
        searched.add(d.adcode)
        for k in rules.occurrences(d.alias, text, h.end):
            e = k + len(d.alias)
            if _bare_stem(text, k, e, taken, blocked):
                out.append(PlaceHit(k, e, d.alias, [d], "named_stem"))
    return out


def _bare_stem(text: str, k: int, e: int, taken: SpanSet, blocked: SpanIndex) -> bool:
    """A county's bare short name at [k, e) that stands as a place: no other hit there, not inside a
    person's name, a division's stem here (``_stem_here``), not begun inside a word nor inside one."""
    return not (
        taken.overlaps(k, e)
        or (on("place.veto.person_name") and _inside_person(k, e, blocked))
        or not _stem_here(text, k, e)
        or (on("place.veto.word_straddle") and _starts_inside_word(text, k, False))
        or (on("place.veto.inside_word") and _inside_word(text, k, e))
    )


def _context_stems(text: str, hits: list[PlaceHit], blocked: SpanIndex) -> list[PlaceHit]:
    """A county's bare short name in a text that names its province or city but not the county
    (来凤 in a 湖北 text, 法治长兴 in a 湖州 text): the one county of that name in the context, where the
    name is no common word and stands as a word of its own [place.context_stem]."""
    if not on("place.context_stem"):
        return []
    context = _context([h for h in hits if h.kind == "name"])
    if not context:
        return []
    spec = rules.load("places")
    taken = SpanSet((h.start, h.end) for h in hits)
    ends = {h.end for h in hits if h.kind == "name"}  # 浙江|新昌, 河北|阜平
    named = {d.adcode for h in hits for d in h.candidates}
    out: list[PlaceHit] = []
    for k, e, surface in _county_stems().scan(text):
        local = _context_counties(surface, context)
        if (
            len(local) != 1
            or local[0].adcode in named  # named in full: _named_stems reads its stems
            or not _bare_stem(text, k, e, taken, blocked)  # a common word, 青秀|山, 雄|安新区
            or not (k in ends or _stem_opening(text, k, spec))
            or _community_after(text, e, spec)
        ):
            continue
        out.append(PlaceHit(k, e, surface, local, "context_stem"))
    return out


def _community_after(text: str, e: int, spec: dict) -> bool:
    """A unit below a county names what ends at e (船营|等社区) [place.veto.list_of_communities]."""
    tail = e + (1 if text.startswith("等", e) else 0)
    return on("place.veto.list_of_communities") and text.startswith(tuple(spec["list_below_county"]), tail)


def _stem_opening(text: str, k: int, spec: dict) -> bool:
    """What may stand right before a bare county name read from the context, or before a two-character
    county name glued to the word before it (现将嵩县): nothing Chinese, a preposition (在巫溪, 贵阳至荔波)
    or a slogan's word (法治长兴), not the rest of a word (雄|安新区)."""
    before = text[k - 1 : k]
    return (
        not before.isalnum()  # nothing, a blank or punctuation; not a digit (3456.3|万载重吨)
        or before in spec["stem_prepositions"]
        or text[max(0, k - 2) : k] in spec["stem_slogan_words"]
    )


@lru_cache(maxsize=1)
def _county_stems():
    """The bare short names of counties alone (长兴, 来凤), as an index to scan a text with."""
    from pipeline.extract.gazetteer import NameIndex

    stems = load().stems.by_name
    return NameIndex((s, d) for s, ds in stems.items() for d in ds if d.level == "county")


def _inside_person(start: int, end: int, blocked: SpanIndex) -> bool:
    """Inside a longer span of ``blocked`` (张|和田); a span with the place's exact bounds is the
    model mislabelling the place."""
    return any(end <= e and e - s > end - start for s, e in blocked.at(start))


def _names(text: str, blocked: SpanIndex) -> list[PlaceHit]:
    gaz = load()
    spec = rules.load("places")
    outlets = tuple(spec["outlet_suffixes"])
    zones = tuple(spec["zone_suffixes"])
    hits: list[PlaceHit] = []
    prev_end = -1
    for start, end, surface in gaz.scan(text):
        if (
            (on("place.veto.person_name") and _inside_person(start, end, blocked))
            or (on("place.veto.outlet_name") and text.startswith(outlets, end) and _byline(text, start))
            or (on("place.veto.zone_name") and text.startswith(zones, end))
            or (on("place.veto.inside_word") and _inside_listed_word(text, start, end))
        ):
            continue
        if (
            on("place.veto.generic_district")
            and surface in spec["generic_district_names"]
            and not _after_parent(text, start, gaz.by_name[surface])
        ):
            continue
        glued = start > 0 and _HAN.match(text[start - 1]) and start != prev_end
        short_county = end - start <= 2 and all(d.level == "county" for d in gaz.by_name[surface])
        is_alias = surface != gaz.by_name[surface][0].name
        if (
            on("place.veto.glued_county") and short_county and glued and not _stem_opening(text, start, spec)
        ) or (on("place.veto.not_place_ending") and text[end - 1 : end + 1] in _stop_words()[1]):
            continue
        after_place = start == prev_end
        if (
            on("place.veto.word_straddle")
            and surface.endswith(tuple(spec["word_tail_names"]))
            and _starts_inside_word(text, start, after_place)
        ):
            continue  # 滨|海城市: a common word, then 城市
        if is_alias and (
            (on("place.veto.given_name") and _given_name(text, start, end, spec))
            or (on("place.veto.village_name") and _village_name(text, end, spec))
        ):
            continue
        if is_alias and (
            (on("place.veto.inside_word") and _inside_word(text, start, end))
            or (on("place.veto.word_straddle") and _starts_inside_word(text, start, after_place))
            or (on("place.veto.inside_longer_place") and _inside_other_place(text, start, end))
            or (on("place.veto.country_pair") and not after_place and _country_pair(text, surface))
        ):
            continue
        hits.append(PlaceHit(start, end, surface, gaz.by_name[surface]))
        prev_end = end
    return hits


def _given_name(text: str, start: int, end: int, spec: dict) -> bool:
    """调解员陆|海东|介绍: a two-character short name after a surname and before a verb said of people
    is a person's given name [place.veto.given_name]."""
    return (
        end - start == 2
        and start > 0
        and text[start - 1] in surnames()
        and text.startswith(tuple(spec["given_name_verbs"]), end)
    )


def _village_name(text: str, end: int, spec: dict) -> bool:
    """河池|屯, 海东|村: a short name before a village's suffix names the village, not the city
    [place.veto.village_name]; 村镇, 村级 are words of their own."""
    suffixes = tuple(spec["village_suffixes"])
    for at in (end, end + 1):  # 河池|屯, 河南|庄村, 泰安|里社区
        if at > end and text[end:at] not in spec["village_name_ends"]:
            break
        suffix = next((x for x in suffixes if text.startswith(x, at)), "")
        if at > end and text[end : at + len(suffix)] in common_words(1):
            break  # 安康|铁路: a word of its own after the name
        if suffix and (len(suffix) > 1 or text[at : at + 2] not in common_words(1)):
            return True  # 村镇, 村级, 村民: words of their own
    return False


def _byline(text: str, start: int) -> bool:
    """The outlet starts a line or follows an opening bracket or a source label: the document's own
    byline (西安商报 2017-04-12, (福州日报记者 李白蕾), 来源:德州日报), not a media name in a sentence."""
    line = text[text.rfind("\n", 0, start) + 1 : start].strip()
    return not line or line.endswith(tuple(rules.load("places")["byline_openers"]))


def _after_parent(text: str, start: int, candidates: list[Division]) -> bool:
    """洛阳市老城区: a generic district name counts only right after its city's name or short name."""
    gaz = load()
    for d in candidates:
        parents = [p for p in gaz.by_name.get(d.city or d.province, ()) if p.level != "county"]
        if any(text.endswith(w, 0, start) for p in parents for w in (p.name, p.alias) if len(w) >= 2):
            return True
    return False


def _towns(text: str, blocked: SpanIndex, names: list[PlaceHit]) -> list[PlaceHit]:
    """Town names (full, or an ethnic township without its groups: 雨露乡), not inside a person's name,
    not across a name hit (镇|江市), not read across words: the suffix starting a word (湖南乡|村)
    [place.veto.town_suffix_word] or the first character ending one (工业|强镇), unless after a place."""
    gaz = load()
    words = common_words(rules.load("places")["word_cut_min_freq"])
    ends = {h.end for h in names}
    out = []
    for start, end, surface in gaz.towns.scan(text):
        if (on("place.veto.person_name") and _inside_person(start, end, blocked)) or (
            on("place.veto.town_suffix_word") and surface[-1] in "乡镇" and text[end - 1 : end + 1] in words
        ):
            continue
        if (
            on("place.veto.town_common_word")
            and surface[:-1] in words
            and text[end - 1 : end + 1] in common_words(1)
        ):
            continue  # 建设|乡情, 文明|乡风: a common word, then a word begun by the suffix
        if on("place.veto.town_across_name") and any(
            h.start < start < h.end or h.start < end < h.end for h in names
        ):
            continue
        if (
            on("place.veto.town_word_straddle")
            and start not in ends
            and starts_inside_word(text, start, words)
        ):
            continue
        alone = start == 0 or not _HAN.match(text[start - 1])
        out.append(PlaceHit(start, end, surface, gaz.towns.by_name[surface], "town", alone=alone))
    return out


def _lists(text: str, hits: list[PlaceHit]) -> None:
    """Mark hits that are items of a list joined by 、 and add the bare short names of counties and
    towns that are items of it (籍山、许镇、工山司法所): the first item may end a longer run of
    characters (该县|曲樟), the last may begin one (乌家|等产区), the others are whole items. A list needs
    two places or more, and at least half of its items must be places."""
    gaz = load()
    at = {(h.start, h.end): h for h in hits}
    spec = rules.load("places")
    for group, m in enumerate(_LIST.finditer(text)):
        last = m.end() - len(m.group(0).rsplit("、", 1)[1])  # where the last item starts
        if any(_community_after(text, last + k, spec) for k in range(1, 7)):
            continue  # 龙水、船营等社区: the items are communities, whatever county shares a name
        items, pos = [], m.start()
        for part in m.group(0).split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        found = []
        for k, (s, e) in enumerate(items):
            item = _list_item(text, s, e, first=k == 0, last=k == len(items) - 1)
            if item:
                found.append(item)
        if len(found) < 2 or 2 * len(found) < len(items):
            continue
        anchored = sum(1 for s, e in found if (s, e) in at or _stem_here(text, s, e)) >= 2
        for s, e in found:
            hit = at.get((s, e))
            if hit is None and _stem_here(text, s, e):
                hit = PlaceHit(s, e, text[s:e], gaz.stems.by_name[text[s:e]], "stem")
                hits.append(hit)
            elif hit is None and anchored and on("place.list.word_county") and _stem_here(text, s, e, True):
                hit = PlaceHit(s, e, text[s:e], gaz.stems.by_name[text[s:e]], "word_stem")
                hits.append(hit)  # 东城、西城、海淀: a word (东城) among places is a county's short name
            if hit is not None:
                hit.group = group


def _stem_here(text: str, s: int, e: int, words_ok: bool = False) -> bool:
    """A bare short name that names its division here: not a common word (和平、发展; 古城保护), not
    the head of a natural feature (洪泽|湖, 秀英|港) [place.veto.feature_name], not part of a longer
    place word (祁连|山)."""
    spec = rules.load("places")
    return (
        text[s:e] in load().stems.by_name
        and not (
            on("place.veto.list_common_word")
            and not words_ok
            and text[s:e] in common_words(spec["word_cut_min_freq"])
        )
        and not (on("place.veto.feature_name") and text.startswith(tuple(spec["feature_suffixes"]), e))
        and not (on("place.veto.list_in_place_word") and _in_place_word(text, s, e))
    )


def _list_item(text: str, s: int, e: int, first: bool, last: bool) -> tuple[int, int] | None:
    """The place an item of a list is: the whole item, its longest tail when it is the first item, its
    longest head when it is the last (names run to _LIST_ITEM_REACH characters)."""
    known = load().any_name
    if text[s:e] in known:
        return s, e
    if first:
        for a in range(max(s + 1, e - _LIST_ITEM_REACH), e - 1):
            if text[a:e] in known:
                return a, e
    if last:  # the head of the last item must be followed by what closes a list (延边|等地, 工山|司法所)
        closers = tuple(rules.load("places")["list_closers"])
        for b in range(min(e - 1, s + _LIST_ITEM_REACH), s + 1, -1):
            if text[s:b] in known and text.startswith(closers, b):
                return s, b
    return None


def resolve(hits: list[PlaceHit]) -> list[ResolvedPlace]:
    """Group hits per division; ambiguous names are decided by unambiguous context places; towns and
    bare short names only where the context decides them (module docstring)."""
    towns = [h for h in hits if h.kind == "town"]
    names = [h for h in hits if h.kind == "name"]
    groups: dict[str, ResolvedPlace] = {}
    context = _context(names)
    for h in names:
        cands = h.candidates
        if len(cands) > 1:
            narrowed = [d for d in cands if set(d.parent_names) & context]
            cands = narrowed if narrowed else cands
        if h.group is not None and h.surface != cands[0].name:
            others = _context([n for n in names if n.surface != h.surface])  # not the item's own say
            county = None if any(_supported(d, others) for d in cands) else _context_county(h, others)
            cands = [county] if county else cands  # 朝阳 listed with 海淀 in a 北京 text: 朝阳区, not 朝阳市
        rule = RULE_FULL if h.surface == cands[0].name else RULE_ALIAS
        _add(groups, h, cands, rule)
    context = {p.name for p in groups.values() if p.division} | {
        n for p in groups.values() if p.division for n in p.division.parent_names
    }
    undecided = []
    for h in towns:
        d, rule = _town(h.candidates, context, h.surface)
        if d:
            _add(groups, h, [d], rule)
            context |= {d.county, d.city} - {None}  # 琚湾镇 (unique) names 枣阳市 for 吴店镇
        else:
            undecided.append(h)
    for h in undecided:
        d, rule = _town(h.candidates, context, h.surface)
        if d:
            _add(groups, h, [d], rule)
        elif _unresolved_town(h):
            _add(groups, h, h.candidates, RULE_TOWN_UNRESOLVED)
    for h, d, rule in _list_stems([h for h in hits if h.kind == "stem"], context):
        _add(groups, h, [d], rule)
    for h in hits:  # 东城、西城 among the listed districts: only a county of the context
        county = _context_county(h, context) if h.kind == "word_stem" else None
        if county:
            _add(groups, h, [county], RULE_LIST_WORD)
    for h in hits:
        if h.kind == "named_stem":
            _add(groups, h, h.candidates, RULE_NAMED_STEM)
        elif h.kind == "context_stem":
            _add(groups, h, h.candidates, RULE_CONTEXT_STEM)
    return _drop_inside_towns(groups)


def _context(hits: list[PlaceHit]) -> set[str]:
    """Names of the unambiguous hits and of their parents."""
    sure = [h.candidates[0] for h in hits if len(h.candidates) == 1]
    return {d.name for d in sure} | {p for d in sure for p in d.parent_names}


def _add(groups: dict[str, ResolvedPlace], h: PlaceHit, cands: list[Division], rule: str) -> None:
    if len(cands) == 1:
        d = cands[0]
        place = groups.setdefault(d.adcode, ResolvedPlace(d, d.name, d.level, [d], [], rule))
    else:
        place = groups.setdefault(
            "?" + h.surface, ResolvedPlace(None, cands[0].name, cands[0].level, cands, [], rule)
        )
    place.spans.append((h.start, h.end))
    if rule != place.rule:
        place.span_rules[(h.start, h.end)] = rule


def _town(cands: list[Division], context: set[str], surface: str) -> tuple[Division | None, str]:
    """The one candidate under a county or city of the context, else the only one of its name (unless
    its last two characters are a common word: 快|于城镇), else the only one in a province of the
    context."""
    in_county = [d for d in cands if d.county in context]
    if len(in_county) == 1:
        return in_county[0], RULE_TOWN  # 道真自治县隆兴镇: its county decides, not 遵义市 it shares
    near = [d for d in cands if d.county in context or d.city in context]
    if len(near) == 1:
        return near[0], RULE_TOWN
    short_form = surface != cands[0].name  # 雨露乡 for 雨露白族乡: only where the context decides
    if (
        len(cands) == 1
        and not short_form
        and surface[-2:] not in common_words(rules.load("places")["word_cut_min_freq"])
    ):
        return cands[0], RULE_TOWN_UNIQUE
    in_province = [d for d in cands if d.province in context]
    return (in_province[0], RULE_TOWN) if len(in_province) == 1 and not near else (None, "")


def _unresolved_town(h: PlaceHit) -> bool:
    """A town's full name that several towns share and the context does not decide (宁安镇 in a text
    naming no county) is kept without a code, as the name it is [place.town.unresolved]; a short form
    or a name ending in a common word (快于|城镇) is not, unless nothing Chinese precedes it
    (近日,沙市镇开展…)."""
    return (
        on("place.town.unresolved")
        and h.surface == h.candidates[0].name
        and (h.alone or h.surface[-2:] not in common_words(rules.load("places")["word_cut_min_freq"]))
    )


def _list_stems(stems: list[PlaceHit], context: set[str]):
    """(hit, division, rule) for the bare short names of lists the context or the list decides. Without
    the context, a list needs ``list_same_county_min`` short names, none of them a common word (建设、民族
    are words before they are 建设街道 and 民族街道 of one district)."""
    spec = rules.load("places")
    words = common_words(spec["word_cut_min_freq"])
    by_group: dict[int, list[PlaceHit]] = {}
    for h in stems:
        by_group.setdefault(h.group, []).append(h)
    for items in by_group.values():
        shared = set.intersection(*({d.county for d in h.candidates if d.level == "town"} for h in items))
        alone = len(items) >= spec["list_same_county_min"] and not any(h.surface in words for h in items)
        for h in items:
            supported = [d for d in h.candidates if _supported(d, context)]
            if len(supported) == 1:
                yield h, supported[0], RULE_LIST
            elif alone and len(shared) == 1:
                county = next(iter(shared))
                yield h, next(d for d in h.candidates if d.county == county), RULE_LIST_COUNTY


def _context_county(h: PlaceHit, context: set[str]) -> Division | None:
    """The one county of the context whose short name a list item is (place.list.word_county)."""
    if not on("place.list.word_county"):
        return None
    counties = _context_counties(h.surface, context)
    return counties[0] if len(counties) == 1 else None


def _context_counties(surface: str, context: set[str]) -> list[Division]:
    """The counties with the short name ``surface`` whose city or province the context names."""
    return [d for d in _county_stems().by_name.get(surface, []) if _supported(d, context)]


def _supported(d: Division, context: set[str]) -> bool:
    """A town needs its county in the context (西江、北江 in a 广西 text are rivers), a county its city
    or province."""
    if d.level == "town":
        return d.county in context
    return d.city in context or d.province in context


def _drop_inside_towns(groups: dict[str, ResolvedPlace]) -> list[ResolvedPlace]:
    """A name inside a town's name is part of it (玉林 in 玉林街道): its span goes, and the place
    when no span is left [place.veto.inside_town]."""
    if not on("place.veto.inside_town"):
        return list(groups.values())
    town_spans = [s for p in groups.values() if p.level == "town" for s in p.spans]
    out = []
    for p in groups.values():
        if p.level != "town":
            p.spans = _outside(p.spans, town_spans)
        if p.spans:
            out.append(p)
    return out


def _outside(spans: list[tuple[int, int]], covers: list[tuple[int, int]], proper: bool = False) -> list:
    """The spans that no cover holds (with ``proper``, a cover equal to the span does not count)."""
    return [
        (s, e)
        for s, e in spans
        if not any(a <= s and e <= b and not (proper and (a, b) == (s, e)) for a, b in covers)
    ]


def mentions(places: list[ResolvedPlace]) -> list[Found]:
    out = []
    for p in places:
        for s, e in p.spans:
            rule = p.span_rules.get((s, e), p.rule)
            conf = rules.confidence(rule if p.division else "place.unresolved")
            out.append(Found(s, e, "PLACE", p.name, rule, conf))
    return out
