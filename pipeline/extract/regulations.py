"""Regulations: 《》 titles (with nested 〈〉) and well-known bare law names, normalized and
categorized by the rules in ``data/regulations.yaml``."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract import rules
from pipeline.extract.gazetteer import load as load_gazetteer
from pipeline.extract.types import Found, RegulationHit

BOOK_TITLE = re.compile(r"《([^《》\n]{2,80})》")
INNER_TITLE = re.compile(r"[〈<]([^〈〉<>]{2,60})[〉>]")
_DASHES = re.compile(r"\s*[-—–―－~～]+\s*")
_YEAR_RANGE = re.compile(r"(\d{4})\s*[-—–―－~～至]+\s*(\d{4})")


@lru_cache(maxsize=1)
def _spec():
    spec = rules.load("regulations")
    suffix = rules.alternation(spec["title_suffixes"])
    not_reg = rules.alternation(spec["not_regulation_suffixes"])
    tail = r"(\s*[(（][^()（）]{0,20}[)）])?$"
    cats = [(c["id"], re.compile(c["pattern"]), c["category"], c.get("needs_place", False)) for c in spec["category_rules"]]
    return (re.compile(rf"({suffix}){tail}"), re.compile(rf"({not_reg}){tail}"),
            re.compile(f"(中华人民共和国)?({rules.alternation(spec['bare_laws'])})"), cats)


def normalize(title: str) -> str:
    """Unified punctuation: ASCII brackets, one hyphen in year ranges, no 中华人民共和国 prefix
    on national laws (drafts too), no spaces."""
    name = title.strip().replace("（", "(").replace("）", ")").replace("〈", "").replace("〉", "")
    name = _YEAR_RANGE.sub(r"\1-\2", name)
    name = re.sub(r"\s+", "", name)
    if name.startswith("中华人民共和国") and re.sub(r"\([^()]*\)$", "", name).endswith(("法", "法典")):
        name = name[len("中华人民共和国"):]  # also 中华人民共和国…法(草案)
    return name


def is_regulation(title: str) -> bool:
    suffix, not_reg, _, _ = _spec()
    return bool(suffix.search(title)) and not not_reg.search(title)


def category(name: str) -> tuple[str, str | None]:
    """(category, issuing place) of a normalized name."""
    place = _issuing_place(name)
    for _id, pattern, cat, needs_place in _spec()[3]:
        if pattern.search(name) and (place or not needs_place):
            return cat, place
    return "其他", place


def _issuing_place(name: str) -> str | None:
    hits = load_gazetteer().scan(name[:12])
    if hits and hits[0][0] == 0:
        return load_gazetteer().by_name[hits[0][2]][0].name
    return None


def find(text: str) -> tuple[list[RegulationHit], list[Found], list[tuple[int, int]]]:
    """Regulation rows, their mentions, and the 《》 spans (other extractors skip inside them)."""
    found: dict[str, RegulationHit] = {}
    mentions: list[Found] = []
    blocked: list[tuple[int, int]] = []
    for m in BOOK_TITLE.finditer(text):
        blocked.append((m.start(), m.end()))
        _add(found, mentions, m.group(1), m.start(1), "reg.book_title")
        for inner in INNER_TITLE.finditer(m.group(1)):
            _add(found, mentions, inner.group(1), m.start(1) + inner.start(1), "reg.nested_title")
    law_pattern = _spec()[2]
    for m in law_pattern.finditer(text):
        if any(s <= m.start() < e for s, e in blocked) or _glued_law(text, m):
            continue
        _add(found, mentions, m.group(0), m.start(), "reg.bare_law", check=False)
    regs = _short_forms(found, mentions)  # drops the generic rows from found
    return regs, [f for f in mentions if f.normalized in found], blocked


def _short_forms(found: dict[str, RegulationHit], mentions: list[Found]) -> list[RegulationHit]:
    """《方案》-style short forms become mentions of the nearest earlier regulation whose name ends
    with them (the mentions' names change in place); generic titles are never regulations."""
    generic = set(rules.load("regulations")["generic_titles"])
    for f in sorted((f for f in mentions if f.normalized in generic), key=lambda f: f.start):
        earlier = [(s, h) for h in found.values() if h.name not in generic and h.name.endswith(f.normalized)
                   for s, _ in h.spans if s < f.start]
        if earlier:
            target = max(earlier, key=lambda pair: pair[0])[1]
            target.spans.append((f.start, f.end))
            f.normalized, f.rule = target.name, "reg.short_form"
    for name in generic & set(found):
        del found[name]
    return list(found.values())


def _glued_law(text: str, m: re.Match) -> bool:
    """诉讼法学 / 宪法学 are disciplines; 刑法典 would be a longer word."""
    after = text[m.end():m.end() + 1]
    return after in ("学", "律", "院", "庭", "官", "治")


def _add(found: dict, mentions: list[Found], title: str, start: int, rule: str, check: bool = True) -> None:
    title_text = title.strip()
    if not title_text or (check and not is_regulation(normalize(title_text))):
        return
    offset = title.index(title_text[0])
    start += offset
    end = start + len(title_text)
    name = normalize(title_text)
    cat, place = category(name)
    hit = found.get(name)
    if hit is None:
        found[name] = hit = RegulationHit(title_text, name, cat, place, [], rule)
    hit.spans.append((start, end))
    mentions.append(Found(start, end, "REGULATION", name, rule, 0.95 if rule != "reg.bare_law" else 0.9))
