"""Regulations: 《》 titles (with nested 〈〉) and well-known bare law names, normalized and
categorized by the rules in ``data/regulations.yaml``."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from pipeline.extract import rules
from pipeline.extract.gazetteer import load as load_gazetteer
from pipeline.extract.spans import SpanSet
from pipeline.extract.types import Found, RegulationHit
from pipeline.switches import on

BOOK_TITLE = re.compile(r"《\s*([^《》\n]{2,80})》")  # 《⏎国务院…的通知》: a line may break after 《
INNER_TITLE = re.compile(r"[〈<‹＜]([^〈〉<>‹›＜＞]{2,60})[〉>›＞]")
_DASHES = re.compile(r"\s*[-—–―－~～]+\s*")
_YEAR_RANGE = re.compile(r"(\d{4})\s*[-—–―－~～至]+\s*(\d{4})")


class _Spec(NamedTuple):
    suffix: re.Pattern  # a title ends like a regulation (条例, 办法)
    not_regulation: re.Pattern  # … or like a newspaper or a column (日报, 专栏)
    law: re.Pattern  # a national or well-known law named without 《》
    categories: list[tuple[str, re.Pattern, str, bool]]  # (rule id, pattern, category, needs a place)
    law_starts: re.Pattern  # the chars a bare law can begin with (rules.finditer_from)


@lru_cache(maxsize=1)
def _spec() -> _Spec:
    spec = rules.load("regulations")
    suffix = rules.alternation(spec["title_suffixes"])
    not_reg = rules.alternation(spec["not_regulation_suffixes"])
    tail = r"(?:\s*[(（][^()（）]{0,20}[)）]){0,2}$"  # (试行), (2022年版)(送审稿)
    cats = [
        (c["id"], re.compile(c["pattern"]), c["category"], c.get("needs_place", False))
        for c in spec["category_rules"]
    ]
    law_names = set(spec["bare_laws"]) | set(national_laws())
    laws = rules.alternation(law_names)
    extension = rules.alternation(spec["law_extensions"])
    return _Spec(
        re.compile(rf"({suffix}){tail}"),
        re.compile(rf"({not_reg}){tail}"),
        re.compile(f"(中华人民共和国)?({laws})({extension})?"),
        cats,
        rules.first_chars(law_names | {"中华人民共和国"}),
    )


@lru_cache(maxsize=1)
def national_laws() -> list[str]:
    """Short names of the national laws (data/national_laws.txt, made by training/build_laws.py)."""
    text = resources.files("pipeline.extract").joinpath("data/national_laws.txt").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _unbracketed() -> list[tuple[str, re.Pattern]]:
    """Unbracketed titles other than laws (party documents, local 办法/清单): (rule id, pattern)."""
    spec = rules.load("regulations")
    verbs = rules.alternation(spec["issuing_verbs"])
    return [(r["id"], re.compile(r["pattern"].replace("{verbs}", verbs))) for r in spec["unbracketed_titles"]]


def normalize(title: str) -> str:
    """Unified punctuation: ASCII brackets, one hyphen in year ranges, no 中华人民共和国 prefix
    on national laws (drafts too), no spaces."""
    name = title.strip().replace("（", "(").replace("）", ")").replace("〈", "").replace("〉", "")
    name = _YEAR_RANGE.sub(r"\1-\2", name)
    name = re.sub(r"\s+", "", name)
    if name.startswith("中华人民共和国") and re.sub(r"\([^()]*\)$", "", name).endswith(("法", "法典")):
        name = name[len("中华人民共和国") :]  # also 中华人民共和国…法(草案)
    return name


def is_regulation(title: str) -> bool:
    suffix, not_reg = _spec().suffix, _spec().not_regulation
    return bool(suffix.search(title) or _party_proposal(title)) and not (
        on("reg.veto.not_regulation") and not_reg.search(title)
    )


def _party_proposal(title: str) -> bool:
    """中共中央关于制定…规划的建议: a Party committee's proposal is a Party document; a deputy's 建议 is
    none (reg.party_proposal)."""
    return on("reg.party_proposal") and title.startswith(("中共", "中国共产党")) and title.endswith("的建议")


# 《吕梁市电动自行车管理条例(草案)的说明》: a draft's explanation names the draft (reg.draft_explained)
_DRAFT_EXPLAINED = re.compile(r"\s*(?:关于)?(\S+?[(（]草案[)）])(?:修改稿)?的(?:起草)?说明\s*")


def category(name: str) -> tuple[str, str | None]:
    """(category, issuing place) of a normalized name."""
    place = _issuing_place(name)
    for _id, pattern, cat, needs_place in _spec().categories:
        if pattern.search(name) and (place or not needs_place):
            return cat, place
    return "其他", place


def _issuing_place(name: str) -> str | None:
    hits = load_gazetteer().scan(name[:12])
    if hits and hits[0].start == 0:
        return load_gazetteer().by_name[hits[0].surface][0].name
    return None


def find(text: str) -> tuple[list[RegulationHit], list[Found], list[tuple[int, int]]]:
    """Regulation rows, their mentions, and the 《》 spans (other extractors skip inside them)."""
    found: dict[str, RegulationHit] = {}
    mentions: list[Found] = []
    blocked: list[tuple[int, int]] = []
    aliases: set[str] = set()  # (以下简称《指标体系》): the title just named, shortened
    previous = None
    for m in BOOK_TITLE.finditer(text):
        blocked.append((m.start(), m.end()))
        if on("reg.veto.art_work") and _art_work(text, m.start()) and not _spec().law.fullmatch(m.group(1)):
            continue  # 编排了《反邪教》、《夫妻学宪法》: performances, not laws (观看《宪法》… is the law)
        if law := _law_before_extension(text, m):  # 宪法《修正案》: one title, the law's amendment
            blocked.append((law.start(), m.start()))
            _add(
                found,
                mentions,
                law.group(0) + m.group(1).strip(),
                law.start(),
                "reg.law_extension",
                check=False,
            )
            continue
        if parts := _listed_titles(m.group(1)):  # 《…议事规则、…水资源管理条例(修正草案)》: two titles
            for k, part in parts:
                _add(found, mentions, part, m.start(1) + k, "reg.listed_titles")
            continue
        _add(found, mentions, m.group(1), m.start(1), "reg.book_title")
        if on("reg.draft_explained") and (d := _DRAFT_EXPLAINED.fullmatch(m.group(1))):
            _add(found, mentions, d.group(1), m.start(1) + d.start(1), "reg.draft_explained")
        name = normalize(m.group(1).strip())
        if re.search(r"(?:简称|下称)[:：]?$", text[max(0, m.start() - 4) : m.start()]) and name != previous:
            aliases.add(name)  # 《中华人民共和国法律援助法》(以下简称《法律援助法》): one name already
        previous = name
        for inner in INNER_TITLE.finditer(m.group(1)):
            _add(found, mentions, inner.group(1), m.start(1) + inner.start(1), "reg.nested_title")
    taken = SpanSet(blocked)
    for rule_id, pattern in _unbracketed():
        for m in pattern.finditer(text):
            needs_place = rule_id in rules.load("regulations")["titles_with_place"]
            if needs_place and on("reg.veto.no_issuing_place") and _issuing_place(m.group("title")) is None:
                continue  # 落实好全省…办法: no issuing place, no title
            if not taken.covers(m.start("title")):  # the pattern names its endings (…的建议): no suffix check
                _add(found, mentions, m.group("title"), m.start("title"), rule_id, check=False)
                taken.add(m.start("title"), m.end("title"))
    for m in rules.finditer_from(_spec().law, _spec().law_starts, text):
        if taken.covers(m.start()) or (on("reg.veto.glued_law") and _glued_law(text, m)):
            continue  # 宪法 inside 宪法修正案, a law inside a longer title: one regulation
        if on("reg.veto.law_day") and _LAW_DAY.match(text, m.end()):
            continue  # 国家宪法日: a day named after the law, no citation (民法典宣传月 is a campaign for it)
        _add(found, mentions, m.group(0), m.start(), "reg.bare_law", check=False)
    regs = _short_forms(found, mentions, aliases)  # drops the generic rows from found
    return regs, [f for f in mentions if f.normalized in found], blocked


def _law_before_extension(text: str, m: re.Match) -> re.Match | None:
    """A law named right before a 《》 title that is only an extension of a law (宪法《修正案》, 《实施条例》)
    [reg.law_extension]."""
    if not on("reg.law_extension") or m.group(1).strip() not in rules.load("regulations")["law_extensions"]:
        return None
    laws = _spec().law.finditer(text, max(0, m.start() - 20), m.start())
    return next((law for law in laws if law.end() == m.start()), None)


def _short_forms(
    found: dict[str, RegulationHit], mentions: list[Found], aliases: set[str]
) -> list[RegulationHit]:
    """《方案》-style short forms become mentions of the nearest earlier regulation whose name ends
    with them, an alias (以下简称《X》) of the one just before it (the mentions' names change in
    place); generic titles are never regulations."""
    kinds = set(rules.load("regulations")["generic_titles"])
    bare = {n for n in found if _ASIDES.sub("", n) in kinds}  # 《纲要（2023年版）》: a kind with an aside
    generic = kinds | bare | _tails(found) | (aliases & set(found))
    for f in sorted((f for f in mentions if f.normalized in generic), key=lambda f: f.start):
        earlier = [
            (s, h)
            for h in found.values()
            if h.name not in generic and (h.name.endswith(f.normalized) or f.normalized in aliases)
            for s, _ in h.spans
            if s < f.start
        ]
        if earlier:
            target = max(earlier, key=lambda pair: pair[0])[1]
            target.spans.append((f.start, f.end))
            f.normalized, f.rule = target.name, "reg.short_form"
    for name in generic & set(found) if on("reg.veto.generic_title") else ():
        del found[name]
    return list(found.values())


_ASIDES = re.compile(r"(?:\([^()]*\))+$")  # (2023年版)(试行) closing a normalized name
_LIST_BEFORE = re.compile(r"(?:《[^《》\n]{1,80}》[、和及与,，]?)+$")


def _art_work(text: str, start: int) -> bool:
    """The 《》 title at ``start`` (or the list it closes) follows a verb of staging or watching:
    a performance, song or film (编排了《夫妻学宪法》, 观看《法律八进说普法》)."""
    head = text[max(0, start - 200) : start]
    if m := _LIST_BEFORE.search(head):
        head = head[: m.start()]
    return head.endswith(tuple(rules.load("regulations")["art_verbs"]))


def _tails(found: dict[str, RegulationHit]) -> set[str]:
    """Titles that end a longer title named before them (《…示范市指标体系》 … 《指标体系》): short forms
    of it [reg.short_form]."""
    first = {name: min(s for s, _ in h.spans) for name, h in found.items()}
    return {
        name
        for name in found
        if any(
            other != name
            and other.endswith(name)
            and first[other] < first[name]
            and not _local_version(other[: -len(name)])
            for other in found
        )
    }


def _local_version(prefix: str) -> bool:
    """《天津市法治政府建设实施纲要》 is an area's own version of the national 《法治政府建设实施纲要》,
    not its long form: the part before the shared name is only a place (reg.veto.local_version)."""
    if not on("reg.veto.local_version") or not prefix:
        return False
    hits = load_gazetteer().scan(prefix)
    return len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(prefix)


# 宪法日, not 工作规则日前印发 / 矿产资源法日益完善 (a day's 日 starts no adverb)
_LAW_DAY = re.compile(r"日(?!前(?!夕)|益|常|趋|均|起|内|报|渐|期|后|以来|至)")


def _glued_law(text: str, m: re.Match) -> bool:
    """诉讼法学 / 宪法学 are disciplines, 草原法律法规 and 海关法规 are no law's name."""
    after = text[m.end() : m.end() + 2]
    if after.startswith("规") and after != "规定":
        return True  # 海关法规 is 海关 + 法规; 宪法规定 is the 宪法
    return after[:1] in ("学", "律", "院", "庭", "官", "治", "人", "制")


# …条例(草案), …(草案二次审议稿), …(表决稿): one law at the stages of its passage, named as passed
# when the text names it so, else as first written (reg.draft_stages)
_DRAFT_STAGE = re.compile(r"\((?:[^()]*草案[^()]*|[^()]*稿)\)$")


def _listed_titles(title: str) -> list[tuple[int, str]]:
    """(offset, title) of each of several regulations listed in one 《》 with 、 (an editor's slip);
    none unless every part is a regulation's title of six characters or more (reg.listed_titles)."""
    if "、" not in title or not on("reg.listed_titles"):
        return []
    parts, k = [], 0
    for part in title.split("、"):
        parts.append((k, part))
        k += len(part) + 1
    ok = all(len(p.strip()) >= 6 and is_regulation(normalize(p)) for _, p in parts)
    framed = "关于" in title or "的" in title  # 关于修改…法、…法的决定: one title around the list
    return parts if ok and not framed else []


def _other_stage(found: dict, name: str) -> RegulationHit | None:
    """The row of the same law at another stage of its passage (reg.draft_stages)."""
    if not on("reg.draft_stages"):
        return None
    key = _DRAFT_STAGE.sub("", name)
    return next((h for h in found.values() if _DRAFT_STAGE.sub("", h.name) == key), None)


def _add(found: dict, mentions: list[Found], title: str, start: int, rule: str, check: bool = True) -> None:
    title_text = title.strip()
    if not title_text or (check and not is_regulation(normalize(title_text))):
        return
    offset = title.index(title_text[0])
    start += offset
    end = start + len(title_text)
    name = normalize(title_text)
    cat, place = category(name)
    hit = found.get(name) or _other_stage(found, name)
    if hit is None:
        found[name] = hit = RegulationHit(title_text, name, cat, place, [], rule)
    elif hit.name != name == _DRAFT_STAGE.sub("", name):  # the draft first, the law as passed later
        for f in mentions:
            f.normalized = name if f.normalized == hit.name else f.normalized
        found[name] = found.pop(hit.name)
        hit.text, hit.name = title_text, name
    hit.spans.append((start, end))
    mentions.append(Found(start, end, "REGULATION", hit.name, rule, rules.confidence(rule)))
