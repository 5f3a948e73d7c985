"""Officials: a person's name next to a title from the lexicon (``data/titles.yaml``).

Patterns (rule ids in brackets):
- [official.title_name]  中共北镇市委书记 郑文彬 / 市委副书记、市长何志勇   (org + title chain, then name)
- [official.name_title]  安伟市长 / 习近平总书记                           (name, then title)
- [official.byline]      何志勇 ⏎ 葫芦岛市委副书记、市长                  (name line, title line)
- [official.collective_list] 县领导张三、李四、王五出席                       (shared title, names)
- [official.appointment] 任命张明同志为县司法局局长 / 李四同志兼任办公室主任 / 免去王刚的…职务
- [official.member_line] 组  长：王  伟  县委副书记、县长 / 副组长:黄琪玉省政府副秘书长 (member lists)
- [official.ethnic_name] 市长扎西次仁主持 / 副盟长乌兰其其格                 (Tibetan, Mongolian names)
- [official.title_list]  副市长张建国、李明华出席                            (names sharing a title)
Names with a middle dot are read whole (主任艾黎根·热西提主持). Vetoes: staff bylines (记者, 编辑),
titles held in a company, bank or law firm [official.veto.company], redacted names (张某)
[official.veto.redaction], a surname then a title (由县长任|组长) [official.veto.title_as_name],
circles and bodies (文艺界|委员) [official.veto.body_name], a title's 前/众 (印尼前|外长)
[official.veto.title_lead], a verb of holding (张三任|组长) [official.veto.holding_verb], 负责人 not
right after a government body (主要|负责人) [official.veto.bare_title].
The organisation is the place at the head of the chain; a bare 市长 takes the document's main
place of that level.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from pipeline.clean.script import simplified
from pipeline.extract import rules
from pipeline.extract.gazetteer import load as load_gazetteer
from pipeline.extract.gazetteer import read_countries, read_idioms
from pipeline.extract.scope import last_mark
from pipeline.extract.spans import SpanIndex
from pipeline.extract.types import Found, OfficialHit
from pipeline.lexicons import (
    FUNCTION_CHARS,
    common_non_names,
    common_words,
    compound_surnames,
    ethnic_name_ends,
    is_person_name,
    starts_inside_word,
    surnames,
)
from pipeline.switches import on

# the level a title or organ belongs to (市长, 县委, 自治区政协, 镇党委); 自治区 is a province
LEVEL = r"(?:自治区|自治州|自治县|街道|[市县区省州镇乡旗盟])"
LEVEL_KEY = {"自治区": "省", "自治州": "州", "自治县": "县"}
NAME_DOTS = "·•‧・"  # between the parts of a transliterated name (阿里·邦戈·翁丁)


def title_words() -> list[str]:
    """Every base title of ``titles.yaml``, Chinese and foreign offices (市长, 总统)."""
    spec = rules.load("titles")
    return spec["base"] + spec["foreign_offices"]


class Candidate(NamedTuple):
    """A name next to a title chain, before the vetoes."""

    start: int
    end: int
    chain: str | None  # the organisation + titles (中共北镇市委书记)
    chain_span: tuple[int, int] | None
    rule: str


class TitlePatterns(NamedTuple):
    title_start: re.Pattern  # one title with its prefixes (常务副|市长)
    chain_end: re.Pattern  # a chain that ends in a title
    not_official: tuple[str, ...]  # staff bylines before a name (记者, 编辑)
    title_run_start: Callable[[str], int]  # where the organisation + titles part of a chain starts
    titles_only: re.Pattern  # titles joined by 、, nothing else
    bureau: re.Pattern  # a bureau after the place of a chain (张掖市|司法局|局长)


@lru_cache(maxsize=1)
def _patterns() -> TitlePatterns:
    spec = rules.load("titles")
    base = rules.alternation(title_words())
    pre = rules.alternation(spec["prefixes"])
    one = rf"(?:(?:{pre})*(?:{base}))"
    title_start = re.compile(one)
    chain_end = re.compile(rf"{one}$")
    not_official = tuple(spec["not_officials"])
    # the organisation in front of each title of a chain: 市委|常委, (市委)政法委|书记, 市公安局|局长
    party = rules.alternation(spec["party_units"])
    level_org = rf"{LEVEL}(?:委|政府)"
    with_and = rules.alternation(spec["org_names_with_and"])  # 市|人力资源和社会保障|局: past 8 chars
    own_org = (
        rf"(?:{level_org})?(?:{LEVEL}?(?:{party})|{LEVEL}(?:{with_and})?[\u4e00-\u9fff]{{0,8}}?"
        rf"(?:{rules.alternation(spec['chain_org_endings'])}))"
    )
    held = rf"(?:{own_org}|{level_org})?{one}"
    # after a 、 the unit needs no level of its own: 副县长、公安局局长 (the 、 bounds it on the left)
    unit_after_comma = rf"[\u4e00-\u9fff]{{1,8}}?(?:{rules.alternation(spec['chain_org_endings'])})"
    listed = rf"(?:{own_org}|{level_org}|{unit_after_comma})?{one}"
    run = re.compile(rf"(?:{held}、)(?:{listed}、)*{listed}$|{held}$")

    unit = (
        r"(?:[市县区省州]?委|[市县区省州]?政府|人民政府|[\u4e00-\u9fff]{0,8}?"
        rf"(?:{rules.alternation(spec['unit_endings'])}))"
    )
    org_run = re.compile(rf"{unit}?(?:{one}、)*{one}")

    def title_run_start(chain: str) -> int:
        """Where the organisation + titles part of a chain starts: at a place directly followed
        by an organisation unit and titles (葫芦岛市|委副书记、市长), else at the titles."""
        for start, end, _ in load_gazetteer().scan(chain):
            if org_run.fullmatch(chain, end):
                return start
        m = run.search(chain)
        while m and m.start() and _level_cuts_word(chain, m.start()):
            later = run.search(chain, m.start() + 1)  # 欧|盟委员会主席, 城|乡建设局局长: no level there
            if later is None:
                break
            m = later
        return m.start() if m else 0

    titles_only = re.compile(rf"(?:{one}、)*{one}")
    bureau = re.compile(
        rf"[\u4e00-\u9fff]{{1,8}}?(?:{rules.alternation(spec['bureau_endings'])})(?=[\u4e00-\u9fff])"
    )
    return TitlePatterns(title_start, chain_end, not_official, title_run_start, titles_only, bureau)


def find(
    text: str,
    main_places: dict[str, str],
    ner_persons: list[tuple[int, int]] = (),
    ner_method: str | None = None,
    ner_others: list[tuple[int, int, str]] = (),
) -> tuple[list[OfficialHit], list[Found]]:
    """Officials and their PERSON/TITLE mentions. ``main_places`` maps a level suffix (市, 县, 省)
    to the document's most frequent place of that level, for titles without an organisation.
    ``ner_persons`` are the model's PER spans: a title next to one makes an official even where
    the name rules (surname list, name length) do not recognise the name. ``ner_others`` are its
    other spans as (start, end, label): a rule's "name" read by the model as (part of) a place, a
    government body, an organisation or a title (巴基斯坦总理, 蒙古国总理) is not a person (``_holds``)."""
    title_start, chain_end, not_official, *_ = _patterns()
    hits: dict[str, OfficialHit] = {}
    found: list[Found] = []
    titled: set[tuple[tuple[int, int], str]] = set()
    surfaces: dict[str, str] = {}  # a name as the text writes it (顾定軻 for 顾定轲)
    persons = SpanIndex((s, e, k) for k, (s, e) in enumerate(ner_persons))  # k: the model's order
    others = SpanIndex(ner_others)
    candidates = [_model_cut(c, text, persons) for c in _candidates(text, title_start, chain_end)]
    candidates = [c for c in (_function_lead(c, text, persons) for c in candidates) if c]
    candidates = [c for c in (_holding_tail(c, text) for c in candidates) if c]
    candidates = [c for c in candidates if _holds(text, c, persons, others)]
    taken = [(c.start, c.end) for c in candidates]
    candidates += _ner_candidates(text, ner_persons, taken, title_start, chain_end, ner_method or "ner")
    taken = SpanIndex((c.start, c.end) for c in candidates)
    candidates += [c for c in _collective(text, ner_persons) if not _overlaps(taken, c.start, c.end)]
    taken = SpanIndex((c.start, c.end) for c in candidates)
    candidates += [c for c in _collective_after(text, ner_persons) if not _overlaps(taken, c.start, c.end)]
    taken = SpanIndex((c.start, c.end) for c in candidates)
    candidates += [c for c in _title_is_list(text, ner_persons) if not _overlaps(taken, c.start, c.end)]
    taken = SpanIndex((c.start, c.end) for c in candidates)
    listed = _shared_title(text, candidates, ner_persons)
    candidates += [c for c in listed if not _overlaps(taken, c.start, c.end)]
    taken = SpanIndex((c.start, c.end) for c in candidates)
    candidates += [c for c in _paren_titles(text, chain_end) if not _overlaps(taken, c.start, c.end)]
    taken = SpanIndex((c.start, c.end) for c in candidates)
    candidates += [c for c in _appointments(text, chain_end) if not _overlaps(taken, c.start, c.end)]
    taken = SpanIndex((c.start, c.end) for c in candidates)
    candidates += [c for c in _member_lines(text, chain_end) if not _overlaps(taken, c.start, c.end)]
    taken = SpanIndex((c.start, c.end) for c in candidates)
    candidates += [c for c in _glued_member_lines(text, chain_end) if not _overlaps(taken, c.start, c.end)]
    for name_start, name_end, chain, chain_span, rule in candidates:
        surface = squeezed(text[name_start:name_end])
        name = simplified(surface)
        before = text[
            max(0, (chain_span or (name_start, name_end))[0] - 6) : (chain_span or (name_start, name_end))[0]
        ]
        if (
            chain is None
            or (on("official.veto.staff_byline") and before.endswith(not_official))
            or (on("official.veto.redaction") and _redacted(name))
            or (on("official.veto.bare_title") and _bare_title(text, chain_span))
            or (on("official.veto.title_as_name") and _title_as_name(name, text, name_start, rule))
            or (on("official.veto.visit") and _visit(name))
            or (on("official.veto.body_name") and name.endswith(_body_endings()))
            or (on("official.veto.title_lead") and _title_lead(name, name_end, chain_span))
            or (on("official.veto.place_of_title") and _place_of_title(text, name_end, chain_span))
            or (on("official.veto.company") and _in_company(text, chain, chain_span))
        ):
            continue
        org, title = split_chain(chain, main_places)
        hit = hits.get(name)
        if hit is None:
            surfaces[name] = surface
            hits[name] = hit = OfficialHit(name, title, org, [], rule, rules.confidence(rule))
        elif title and len(title) > len(hit.title or ""):
            hit.title, hit.org = title, org or hit.org
        elif title == hit.title and org and not hit.org:
            hit.org = org  # 拜登总统 then 美国总统拜登: the same title, now with its organisation
        hit.spans.append((name_start, name_end))
        conf = rules.confidence(rule)
        found.append(Found(name_start, name_end, "PERSON", name, rule, conf))
        if chain_span and (chain_span, rule) not in titled:  # names of a list share their title's span
            titled.add((chain_span, rule))
            found.append(Found(chain_span[0], chain_span[1], "TITLE", title, rule, conf))
    for hit in hits.values():  # every other occurrence of the name is a mention too
        known = set(hit.spans)
        surface = surfaces[hit.name]
        for start in rules.occurrences(surface, text):
            if (start, start + len(surface)) not in known:
                hit.spans.append((start, start + len(surface)))
        hit.spans.sort()
    return list(hits.values()), found


def _model_cut(candidate: Candidate, text: str, persons: SpanIndex) -> Candidate:
    """A rule's dotted name that runs past the end of the model's person span with the same start
    (马吉德·拉什德|先后致辞) ends where the model's does, when that still takes in a part after the dot
    and a name may end there (a word follows, not 艾力·买买|提主持, where the model cut the name)."""
    start, end = candidate.start, candidate.end
    for s, e, _ in sorted((p for p in persons.at(start) if p[0] == start), key=lambda p: p[2]):
        dot = max(text.rfind(c, s, e) for c in NAME_DOTS)
        ends_here = (
            _boundary_after(text, e) or text[e] in FUNCTION_CHARS or text[e : e + 2] in _straddle_words()
        ) and not _overlapped_word(text, e)  # 麦麦|提出席: the rule gave 提 to the name
        if e < end and dot >= 0 and e - dot >= 3 and ends_here:
            return candidate._replace(end=e)
    return candidate


def _function_lead(candidate: Candidate, text: str, persons: SpanIndex) -> Candidate | None:
    """A name read before a title that starts with a function word inside running text (中央军委和|习主席,
    习近平主席和|拜登总统, 住房和|基建部长) is that word and what follows: the name starts after it
    where the model has a person there (拜登), and is none otherwise; a name the model reads
    whole (由|向明副县长: 向明) stays [official.veto.function_lead]."""
    start, end = candidate.start, candidate.end
    if (
        candidate.rule != "official.name_title"
        or not on("official.veto.function_lead")
        or text[start] not in FUNCTION_CHARS
        or not (start and "\u4e00" <= text[start - 1] <= "\u9fff")
        or any((s, e) == (start, end) for s, e, _ in persons.at(start))
    ):
        return candidate
    if end - start >= 3 and any((s, e) == (start + 1, end) for s, e, _ in persons.at(start + 1)):
        return candidate._replace(start=start + 1)
    return None


def _holding_tail(candidate: Candidate, text: str) -> Candidate | None:
    """A name read before a title that ends in a verb of holding (张三任|组长, 曾担任|县长) is the
    name before the verb, if any [official.veto.holding_verb]."""
    start, end = candidate.start, candidate.end
    if candidate.rule != "official.name_title" or not on("official.veto.holding_verb"):
        return candidate
    verb = next((v for v in _holding_verbs() if text.endswith(v, start, end)), None)
    if verb is None:
        return candidate
    cut = end - len(verb)
    return candidate._replace(end=cut) if cut - start >= 2 and is_person_name(text[start:cut]) else None


@lru_cache(maxsize=1)
def _holding_verbs() -> tuple[str, ...]:
    return tuple(sorted(rules.load("titles")["holding_verbs"], key=len, reverse=True))


def _place_of_title(text: str, name_end: int, chain_span: tuple[int, int] | None) -> bool:
    """罗斯托夫州|州长, 沙特利雅得省|省长: a "name" that ends with the level its title heads is the
    place the title governs, not a person [official.veto.place_of_title]."""
    return (
        chain_span is not None
        and chain_span[0] == name_end
        and text[name_end - 1 : name_end] in _LEVEL_CHARS
        and text.startswith(text[name_end - 1] + "长", name_end)
    )


_LEVEL_CHARS = frozenset("州省市县区旗盟")


def _bare_title(text: str, chain_span: tuple[int, int] | None) -> bool:
    """A title of ``needs_body`` not right after a government body's name (主要|负责人, 车间负责人)."""
    spec = rules.load("titles")
    end = chain_span[1] if chain_span else 0
    title = next((t for t in spec["needs_body"] if text.endswith(t, 0, end)), None)
    return title is not None and not text.endswith(tuple(spec["body_endings"]), 0, end - len(title))


def _redacted(name: str) -> bool:
    """张某, 王某某, 李X: a redacted name [official.veto.redaction]."""
    return any(c in name for c in rules.load("titles")["redaction_chars"])


def _visit(name: str) -> bool:
    """总书记来陕考察: a verb of travel and a province's one-character name, no name [official.veto.visit]."""
    spec = rules.load("titles")
    return len(name) == 2 and name[0] in spec["visit_verbs"] and name[1] in spec["province_abbreviations"]


def _title_as_name(name: str, text: str = "", start: int = 0, rule: str = "") -> bool:
    """由县长任|组长, 常务副县长任|副组长: a surname followed by a title is an appointment, no name;
    so is 任 after a title when a title follows the name (副市长任专班|副组长)
    [official.veto.title_as_name]."""
    title = _patterns().title_start
    if rule == "official.name_title" and name[0] in "任兼" and _patterns().chain_end.search(text, 0, start):
        return True
    return title.fullmatch(name, 1) is not None or (
        name[:2] in compound_surnames() and title.fullmatch(name, 2) is not None
    )


def _in_company(text: str, chain: str, chain_span: tuple[int, int] | None) -> bool:
    """The title is held in a company, bank or law firm: a company title (总经理), or a company word
    between the clause's start and the title's end (五峰农商银行副行长) [official.veto.company]."""
    spec = rules.load("titles")
    if chain.endswith(tuple(spec["company_titles"])):
        return True
    if chain_span is None:
        return False
    clause_start = last_mark(text, "，。；！？,;!?:：\n", chain_span[0]) + 1
    clause = text[clause_start : chain_span[1]]
    for bank in spec["government_banks"]:
        clause = clause.replace(bank, "")
    ends = tuple(spec["government_unit_ends"])  # 市中小企业局: a bureau for companies is an office
    return any(
        w in clause and not clause.startswith(ends, clause.find(w) + len(w)) for w in spec["company_units"]
    )


def _title_is_list(text: str, ner_persons):
    """大会的执行主席是徐芝文、李为国、李强: two or more names after a title and 是/为/有 share it
    [official.title_is_list]."""
    if not on("official.title_is_list"):
        return
    persons = {s: e for s, e in ner_persons}
    for m in _title_then_opener().finditer(text):
        names = _name_list(text, m.end(), persons)
        if len(names) >= 2:
            for s, e in names:
                yield Candidate(s, e, m.group(1), m.span(1), "official.title_is_list")


@lru_cache(maxsize=1)
def _title_then_opener() -> re.Pattern:
    openers = rules.alternation(rules.load("titles")["list_openers"])
    return re.compile(rf"({_patterns().title_start.pattern})(?:{openers})[:：]?")


def _collective(text: str, ner_persons):
    """县领导张三、李四出席: every name of a list after a shared title of a level
    [official.collective_list]; a name is a surname-list name or a model person span, and the last one
    ends where a name may end (出席, punctuation)."""
    spec = rules.load("titles")
    opener = rules.alternation(spec["collective_openers"])
    level = rf"{LEVEL}|[{''.join(spec['collective_unit_chars'])}]"  # 局领导蔡天新: a unit's leaders
    shared = re.compile(rf"({level})?(?:{rules.alternation(spec['collective_titles'])})(?:{opener}){{0,2}}")
    persons = {s: e for s, e in ner_persons}
    for m in shared.finditer(text):
        i = m.end()
        if on("official.veto.list_straddle") and starts_inside_word(text, i, _straddle_words()):
            continue  # 市领导有|关负责同志: the name would start inside a word
        unit = m.group(1) in spec["collective_unit_chars"]
        if text[i : i + 1] in ("和", "与", "及", "同") or (unit and text[i : i + 2] in _straddle_words()):
            continue  # 军委领导同志|和老同志, 局领导|班子: a conjunction or a word, no name
        names = _name_list(text, i, persons)
        unlevelled = not m.group(1) or m.group(0).startswith(
            tuple(spec["collective_without_level"]), len(m.group(1))
        )
        if unlevelled and len(names) < spec["collective_min_unlevelled"]:
            continue  # 领导 without a level (a garbled 县: ??h领导), 领导人 (地区领导人): a long list only
        if names:
            title = re.sub(rf"(?:{opener})+$", "", m.group(0))
            begin = m.start() - (len(_unit_name(text, m.start())) if unit else 0)  # 省人大常委|会领导班子成员
            title = text[begin : m.start()] + title
            for s, e in names:
                yield Candidate(s, e, title, (begin, begin + len(title)), "official.collective_list")


_UNIT_NAME = re.compile(r"(?:^|(?<=[，,。；;：:！!？?\s]))(?:(?![由在对向和与及是为])[\u4e00-\u9fff]){1,8}$")


def _unit_name(text: str, i: int) -> str:
    """The name of the unit that ends at i when it opens its clause (省人大常委|会领导), else ""."""
    m = _UNIT_NAME.search(text, max(0, i - 9), i)
    return m.group() if m else ""


def _collective_after(text: str, ner_persons):
    """尼·巴特、马兆鹏、王旭东等市领导参加会议: a list that a shared title of a level closes after 等
    [official.collective_after]; the list runs from the clause's start to 等, every item a name."""
    if not on("official.collective_after"):
        return
    spec = rules.load("titles")
    words = rules.alternation(spec["collective_after_words"])
    # 等市领导; 等在家的县四个班子领导及副处级干部 (a level inside a short phrase, a second group after 及)
    closing = re.compile(
        rf"等((?:[\u4e00-\u9fff]{{0,10}}?{LEVEL}[\u4e00-\u9fff]{{0,6}}?)(?:{words})(?:[及和][\u4e00-\u9fff]{{0,6}}?(?:{words}))?)"
    )
    persons = {s: e for s, e in ner_persons}
    for m in closing.finditer(text):
        start = last_mark(text, "，,。；;：:！!？?\n", m.start()) + 1
        while start < m.start() and text[start] in " \u3000":
            start += 1
        names = _name_list(text, start, persons)
        if len(names) >= 2 and names[-1][1] == m.start():
            for s, e in names:
                yield Candidate(s, e, m.group(1), (m.start(1), m.end(1)), "official.collective_after")


@lru_cache(maxsize=1)
def _appointment_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """任命张明同志为县司法局局长, what a list of appointments adds (、李华为县民政局局长), and a
    removal from a post (免去王刚的县司法局局长职务: he held it)."""
    spec = rules.load("titles")
    # one name or several sharing the post (任命周文艺、田发启同志为…副主任; 吕靖、李保庚三位同志为)
    count = r"(?:[一二两三四五六七八九十]+[位名])?"
    name = rf"((?:[\u4e00-\u9fff]{{2,4}}?、){{0,15}}[\u4e00-\u9fff]{{2,4}}?){count}(?:同志)?"
    post = r"([\u4e00-\u9fff、]{2,30}?)"
    end = r"(?=[，。；、,;：:\s]|职务|的|$)"
    one = rf"{name}为(?!为){post}{end}"  # 任命刘可为为…: the name ends in 为
    verbs, removals = rules.alternation(spec["appointment_verbs"]), rules.alternation(spec["removal_verbs"])
    return (
        re.compile(rf"(?:{verbs}){one}"),
        # … and, once an election's list has begun, 肖伟当选镇长 (official.elected_in_list)
        re.compile(rf"[、，,]{name}(?:为(?!为)|当选为?){post}{end}"),
        re.compile(rf"(?:{removals}){name}的{post}职务"),
    )


@lru_cache(maxsize=1)
def _served_patterns() -> tuple[re.Pattern, re.Pattern]:
    """执行主席由黄茂军、何积光担任 (the post before 由, the names after it), and 接受杨静华辞去…副主任
    职务 (the name held the post it resigns)."""
    name = r"((?:[\u4e00-\u9fff]{2,4}?、){0,15}[\u4e00-\u9fff]{2,4}?)(?:同志)?"
    return (
        re.compile(rf"([\u4e00-\u9fff]{{2,12}}?)由{name}(?:共同)?担任"),
        re.compile(rf"接受{name}辞去([\u4e00-\u9fff、]{{2,30}}?)职务"),
    )


def _served(text: str, chain_end: re.Pattern):
    """Names given a post before 由…担任, or resigning one [official.served]."""
    if not on("official.served"):
        return
    by, resigned = _served_patterns()
    for m in by.finditer(text):
        post = (m.group(1), m.span(1))
        if chain_end.search(post[0]) and (names := _appointed_names(m.group(2), m.start(2))):
            yield from (Candidate(s, e, post[0], post[1], "official.served") for s, e in names)
    for m in resigned.finditer(text):
        if chain_end.search(m.group(2)) and (names := _appointed_names(m.group(1), m.start(1))):
            yield from (Candidate(s, e, m.group(2), m.span(2), "official.served") for s, e in names)


def _appointed_names(group: str, start: int, guests_allowed: bool = False) -> list[tuple[int, int]]:
    """The spans of the names listed in ``group`` (at ``start``, parted by 、), when every part is a
    name; with ``guests_allowed``, short labels no rule knows may stand among them when they do not
    outnumber the names (official.list_guest)."""
    spans, guests = [], 0
    for part in group.split("、"):
        if not (is_person_name(part, bounded=True) or _ethnic_name(part)):
            if not (guests_allowed and on("official.list_guest") and _guest_name(part)):
                return []
            guests += 1
        spans.append((start, start + len(part)))
        start += len(part) + 1
    if guests and not _guests_outnumbered(len(spans) - guests, guests):
        return []
    return spans


def _appointments(text: str, chain_end: re.Pattern):
    """任命张明为县司法局局长、李华为县民政局局长; 免去王刚的县司法局局长职务: each name with the
    post it is given or held [official.appointment]; the post must end in a title (任命张明为调研组
    成员 gives nobody)."""
    first, more, removal = _appointment_patterns()
    for m in first.finditer(text):
        while m is not None and (names := _appointed(m)) and chain_end.search(m.group(2)):
            yield from (Candidate(s, e, m.group(2), m.span(2), "official.appointment") for s, e in names)
            m = more.match(text, m.end())
            if m is not None and "当选" in m.group(0) and not on("official.elected_in_list"):
                break
    for m in removal.finditer(text):
        if (names := _appointed(m)) and chain_end.search(m.group(2)):
            yield from (Candidate(s, e, m.group(2), m.span(2), "official.appointment") for s, e in names)
    for m in _holder_pattern().finditer(text):  # 李四同志兼任办公室主任: every start, overlapping
        if _holder_name(text, m) and chain_end.search(m.group(2)):
            yield Candidate(m.start(1), m.end(1), m.group(2), m.span(2), "official.appointment")
    yield from _served(text, chain_end)


def _appointed(m: re.Match) -> list[tuple[int, int]]:
    """The spans of the names of an appointment match, if every one is a name (the frame 任命…为
    bounds them, so given-name chars such as 向 and 全 pass: 刘向前)."""
    return _appointed_names(m.group(1), m.start(1), guests_allowed=True)


def _ethnic_name(part: str) -> bool:
    """The whole item is a Tibetan or Mongolian name (任命平措旦增为…) [official.ethnic_name]."""
    return on("official.ethnic_name") and len(part) in ethnic_name_ends(part, 0)


def _holder_name(text: str, m: re.Match) -> bool:
    """The name of a holder match is a name (its given name no common word: 曾|长期|担任), not the
    first char of the verb (时担|任), and the verb is no part of a longer word (沙特|任命)."""
    name, verb_end = m.group(1), m.start(2)
    return (
        is_person_name(name)
        and name[1:] not in common_non_names(rules.load("titles")["name_noun_min_freq"])
        and name[-1] + "任" not in _holding_verbs()
        and text[verb_end - 1 : verb_end + 1] not in _straddle_words()
    )


@lru_cache(maxsize=1)
def _holder_pattern() -> re.Pattern:
    """A name, then a verb of holding and the post (李四同志兼任办公室主任, 由王强任组长). The name
    starts the text, follows a non-Han char or a function word (由|王强), never inside a word; tried at
    every such start (a lookahead: the matches may overlap)."""
    verbs = rules.alternation(rules.load("titles")["holding_verbs"])
    function_chars = "".join(sorted(FUNCTION_CHARS))
    return re.compile(
        rf"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[{function_chars}]))"
        rf"(?=([\u4e00-\u9fff]{{2,4}}?)(?:同志)?(?:{verbs})([\u4e00-\u9fff、]{{2,30}}?)(?=[，。；,;：:\s]|职务|$))"
    )


# a line of a member list: an optional role label (组  长：, 成员:), a name (padded: 王 伟), a blank and
# the post (县委副书记、县长)
_MEMBER_LINE = re.compile(
    r"(?m)^(?:[\u4e00-\u9fff ]{1,6}[:：] ?)?([\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3}?)"
    r"[ \u3000]+([\u4e00-\u9fff、]{2,30})$"
)


def _member_lines(text: str, chain_end: re.Pattern):
    """组  长：王  伟  县委副书记、县长 / 李  四  县司法局局长: a member list's lines, one name and its post
    after a blank, the post a title chain [official.member_line]."""
    for m in _MEMBER_LINE.finditer(text):
        name, post = squeezed(m.group(1)), m.group(2)
        if is_person_name(name, bounded=True) and chain_end.search(post):
            yield Candidate(m.start(1), m.end(1), post, m.span(2), "official.member_line")


# ... or a name glued to its post, as in notices set without blanks (副组长:黄琪玉省政府副秘书长)
_GLUED_MEMBER_LINE = re.compile(r"(?:([\u4e00-\u9fff]{1,4}[:：] ?))?([\u4e00-\u9fff、]{4,33})[ \u3000]*")


def _glued_member_lines(text: str, chain_end: re.Pattern):
    """副组长:黄琪玉省政府副秘书长 / 蔡元庭省残联理事长: member lines whose name runs into the post; a
    line needs a role label or a neighbour line of the same form [official.member_line]."""
    parsed, start = [], 0
    for line in text.split("\n"):
        m = _GLUED_MEMBER_LINE.fullmatch(line)
        n = _glued_split(m.group(2), chain_end) if m else None
        parsed.append((start + m.start(2), n, bool(m.group(1))) if n else None)
        start += len(line) + 1
    for i, p in enumerate(parsed):
        near = (i and parsed[i - 1]) or (i + 1 < len(parsed) and parsed[i + 1])
        if p and (p[2] or near):
            at, n, _ = p
            end = text.find("\n", at)
            end = len(text.rstrip(" \u3000")) if end < 0 else end
            post = text[at + n : end].rstrip(" \u3000")
            yield Candidate(at, at + n, post, (at + n, at + n + len(post)), "official.member_line")


def _glued_split(body: str, chain_end: re.Pattern) -> int | None:
    """Length of the name that starts ``body`` when the rest is its post: three chars unless the post
    could start one char earlier (陈芸|副省长, not 陈芸副|省长); the post starts with a title or an
    organ's level (刘平|省教育厅副厅长) and ends with a title."""

    def post_like(post: str) -> bool:
        return (
            bool(_patterns().title_start.match(post))
            or post[0] in _LEVEL_CHARS
            or post.startswith(("中共", "团"))
        )

    for n in (3, 2):
        name, post = body[:n], body[n:]
        if (
            len(post) >= 2
            and is_person_name(name, bounded=True)
            and chain_end.search(post)
            and not _place_like(name)
            and (n == 2 or not post_like(body[2:]))
            and (n == 3 or post_like(post))
        ):
            return n
    return None


_PAREN_TITLE = re.compile(
    r"(?:^|(?<=[:：、，,；;\s]))([\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff][ \u3000]{1,3}[\u4e00-\u9fff])"
    r"[(（]([\u4e00-\u9fff、]{2,30})[)）]",
    re.M,
)


def _paren_titles(text: str, chain_end: re.Pattern):
    """组长:王伟(县委书记), 副组长:李强(县长)、张建国(常务副县长): a name then its title chain in
    brackets, as the member lists of notices write them [official.name_paren_title]."""
    if not on("official.name_paren_title"):
        return
    for m in _PAREN_TITLE.finditer(text):
        chain = m.group(2)
        if is_person_name(squeezed(m.group(1))) and chain_end.search(chain) and _titles_only_or_org(chain):
            yield Candidate(m.start(1), m.end(1), chain, m.span(2), "official.name_paren_title")


def _titles_only_or_org(chain: str) -> bool:
    """The bracket holds an organisation and titles (县委书记, 县司法局局长), not a sentence."""
    return _patterns().title_run_start(chain) == 0 or len(chain) <= 12


def _name_list(text: str, i: int, persons: dict[int, int], known: int = 0) -> list[tuple[int, int]]:
    """The names of a list joined by 、 that starts at ``i`` and ends where a name may end. Items
    no name rule knows (木扎塔, 泽久: names without a Han surname) count when the list's known names
    (with ``known`` names before the list) outnumber them [official.list_guest]; else the list ends
    before the first of them."""
    names, guests = [], []
    while True:
        end, guest = _list_name(text, i, persons), False
        if end is None:
            end, guest = _list_guest(text, i), True
        if end is None:
            break
        names.append((i, end))
        guests.append(guest)
        if text[end : end + 1] != "、":
            break
        i = end + 1
    if any(guests) and not _guests_outnumbered(known + guests.count(False), guests.count(True)):
        names = names[: guests.index(True)]
    return names if names and _boundary_after(text, names[-1][1]) else []


def _guests_outnumbered(known: int, guests: int) -> bool:
    """A list's items no name rule reads count as names when two or more known names outnumber
    them (or match their number)."""
    return known >= 2 and guests <= known


def _list_guest(text: str, i: int) -> int | None:
    """End of a 2-5 character list item at ``i`` that ends at 、 or punctuation and may be a name no
    surname rule reads (not a word, a place or a title)."""
    if not on("official.list_guest"):
        return None
    m = _GUEST.match(text, i)
    return m.end() if m and _guest_name(m.group(0)) else None


_GUEST = re.compile(r"[\u4e00-\u9fff]{2,5}(?=[、，。；,;\s])")


def _guest_name(item: str) -> bool:
    words = common_words(1)
    return (
        _plausible_name(item)
        and not item.endswith(_after_name_words())  # 刘国中出席
        and item not in words
        and item[:2] not in words
        and not _titled(item)
        and not item.endswith(tuple(rules.load("titles")["not_guest_endings"]))
    )


def _shared_title(text: str, candidates: list[Candidate], ner_persons):
    """副市长张建国、李明华出席: the names listed after an official's name share its title
    [official.title_list]."""
    persons = {s: e for s, e in ner_persons}
    for c in candidates:
        title_first = (
            c.chain_span is not None and c.chain_span[1] <= c.start
        )  # 副市长加多、李猛 (model or rules)
        if title_first and c.rule != "official.collective_list" and text[c.end : c.end + 1] == "、":
            for s, e in _name_list(text, c.end + 1, persons, known=1):
                if not _titled(text[s:e]) and not _country_at(text, s):  # 卡塔尔埃米尔塔米姆, 阿尔|及利亚
                    yield Candidate(s, e, c.chain, c.chain_span, "official.title_list")


def _country_at(text: str, i: int) -> bool:
    """A country's name starts at ``i`` (阿尔及利亚总理…, 安提瓜和巴布达): the list is of countries."""
    countries = read_countries()
    return any(text[i : i + n] in countries for n in _country_lengths())


def _titled(name: str) -> bool:
    """A list item that holds a title (卡塔尔埃米尔塔米姆) is another's title, not a bare name; one that
    starts with a country is caught by ``_country_at``."""
    return bool(_patterns().title_start.search(name))


def _list_name(text: str, i: int, persons: dict[int, int]) -> int | None:
    """End of the name of a list that starts at ``i``: followed by 、 or by what may follow a name."""
    ends = [persons[i]] if i in persons else []
    ends += [i + n for n in (3, 2) if i + n <= len(text) and is_person_name(text[i : i + n], bounded=True)]
    if on("official.list_item_whole") and _LIST_ITEM3.match(text, i) and is_person_name(text[i : i + 2]):
        ends.insert(0, i + 3)  # 平新来、王国和、: the item is the name, though 和 ends few names
    if m := _DOTTED_ITEM.match(text, i):  # 达扎·尕让托布旦拉西降措、: the item runs to the 、
        ends.insert(0, m.end())
    ends += [e for e in [_ethnic_name_end(text, i)] if e]  # 县领导扎西次仁、王伟
    if padded := _padded_name_end(text, i):
        ends.append(padded)  # 县领导王  伟、李  强: names padded to three
    for end in ends:
        if end == i + 3 and i + 2 in ends and text.startswith(_long_after_name_words(), end - 1):
            continue  # 贺鹏|以及其他: the third char starts a word that follows names (as 李强|来到)
        if text[end : end + 1] == "、" or _boundary_after(text, end):
            return end
    return None


# a list item of three characters between two 、, or the list's last before a comma (not 韩正等)
_LIST_ITEM3 = re.compile(
    rf"(?<=、)[\u4e00-\u9fff]{{2}}(?:[^\W等们]、|(?![{''.join(sorted(FUNCTION_CHARS))}等们])[\u4e00-\u9fff][，,])"
)


# a transliterated name with middle dots as a whole list item, up to the mark after it
_DOTTED_ITEM = re.compile(
    rf"[\u4e00-\u9fff]{{1,6}}(?:[{NAME_DOTS}][\u4e00-\u9fff]{{1,10}})+(?=[、，。；,;\s])"
)


# a two-character name padded to the width of three (张  强): PDF tables and name lists
_PADDED_NAME = re.compile(r"([\u4e00-\u9fff])[ \u3000]{1,3}([\u4e00-\u9fff])")


def _padded_name_end(text: str, i: int) -> int | None:
    """End of a two-character name padded to three that starts at i (张  强), if there is one."""
    m = _PADDED_NAME.match(text, i)
    return m.end() if m and is_person_name(m[1] + m[2]) else None


def squeezed(name: str) -> str:
    """The name without the blanks that pad it (张  强 → 张强), its parts joined by the middle dot
    whatever dot the page wrote (雪克来提•扎克尔 → 雪克来提·扎克尔)."""
    return re.sub(rf"[{NAME_DOTS}]", "·", re.sub(r"[ \u3000]", "", name))


def _dotted_name_end(text: str, start: int) -> int | None:
    """End of a transliterated name with middle dots starting at ``start`` (艾黎根·热西提主持 → after
    提): parts of 1-6 characters, the last one the shortest after which a name may end: a word that
    follows names, a common word (拉什德|随后), or one of ``dotted_name_stops`` (乌里·巴|的专访,
    约翰·基|先生: only these end a one-character last part)."""
    m = re.compile(rf"[\u4e00-\u9fff]{{1,6}}(?:[{NAME_DOTS}][\u4e00-\u9fff]{{1,6}})*[{NAME_DOTS}]").match(
        text, start
    )
    if not m or text[start] in FUNCTION_CHARS or _patterns().title_start.match(text, start):
        return None  # 和|阿里·…, 主任|委员艾黎根·…: a word or a title before the name
    stops = tuple(rules.load("titles")["dotted_name_stops"])
    for end in range(m.end() + 1, min(len(text), m.end() + 8) + 1):
        if not "\u4e00" <= text[end - 1] <= "\u9fff":
            return None
        if text.startswith(stops, end) or (
            end - m.end() >= 2
            and (_boundary_after(text, end) or text[end : end + 2] in _straddle_words())
            and not _overlapped_word(text, end)
        ):
            return end
    return None


def _ethnic_name_end(text: str, start: int) -> int | None:
    """End of a Tibetan or Mongolian name at ``start`` (扎西次仁主持 → after 仁) that a name may end
    after [official.ethnic_name]."""
    if not on("official.ethnic_name"):
        return None
    return next((e for e in ethnic_name_ends(text, start) if _boundary_after(text, e)), None)


def _overlapped_word(text: str, i: int) -> bool:
    """The word that follows names at i runs into another that starts one char later (热西|提出席:
    提出 and 出席): the name takes the char and ends before the later word (艾黎根·热西提|出席)."""
    words = _after_name_words()
    return any(len(w) >= 2 and text.startswith(w, i) for w in words) and text.startswith(words, i + 1)


def _candidates(text: str, title_start: re.Pattern, chain_end: re.Pattern):
    """(name_start, name_end, chain, chain_span, rule) for every name adjacent to a title."""
    org_tail = tuple(rules.load("titles")["not_after_title"])
    for t in title_start.finditer(text):  # name then title: 安伟市长
        if on("official.veto.org_title") and text.startswith(org_tail, t.end()):
            continue  # 人大常委会: an organisation, not a title
        i = t.start()
        name_start = _name_before(text, i)
        if name_start is not None:
            yield Candidate(name_start, i, text[i : t.end()], (i, t.end()), "official.name_title")
    for t in title_start.finditer(text):  # title chain glued to the name: 市长李明华在
        if not (
            on("official.veto.org_title") and text.startswith(org_tail, t.end())
        ):  # 委员|会主任: no name after an organisation's 委员
            yield from _chain_then_name(text, t.end(), chain_end, after=True)
    for m in re.finditer(r"[)），,。；;\n]|$", text):  # title then name: 中共北镇市委书记 郑文彬)
        yield from _chain_then_name(text, m.start(), chain_end)
    for m in re.finditer(r"(?m)^([\u4e00-\u9fff]{2,4})\n([\u4e00-\u9fff、]{2,30})$", text):
        if is_person_name(m.group(1)) and chain_end.search(m.group(2)):
            yield Candidate(m.start(1), m.end(1), m.group(2), (m.start(2), m.end(2)), "official.byline")


def _holds(text: str, candidate: Candidate, persons: SpanIndex, others: SpanIndex) -> bool:
    """A rule's name stands where the model sees a person; not where it sees a place, a government
    body or an organisation (巴基斯坦|总理), or a title that takes the whole name in (蒙古国总理);
    elsewhere unless a name before a title is read across words."""
    start, end, chain, chain_span, rule = candidate
    if on("official.veto.inside_model_person") and any(
        s < start or (end < e and text[end] in NAME_DOTS) for s, e, _ in persons.at(start)
    ):
        return False  # part of a longer name the model has (萨克拉|罗普卢, 阿里|·邦戈·翁丁)
    if on("official.veto.country_tail") and _ends_a_country(
        text, end, rule == "official.name_title" and _foreign_office(chain)
    ):
        return False  # the tail of a country (俄|罗斯总统, 转达|俄总统)
    if _overlaps(persons, start, end):
        return True
    if on("official.veto.common_word") and text[start:end] in common_non_names(
        rules.load("titles")["name_noun_min_freq"]
    ):
        return False  # a common word, not a name: 总统|官邸, 时任|总理
    if (
        on("official.veto.domain_given_name")
        and text[start + 1 : end] in rules.load("titles")["not_given_names"]
    ):
        return False  # 县委书记谈法治: a surname's character, then a word of the domain
    if on("official.veto.org_suffix") and text[end - 1] in rules.load("titles")["org_suffix_chars"]:
        return False  # a body, not a name: 党总支|副书记, 项目组|组长, 顾问团|主席
    place_like = _place_like(text[start:end])
    if on("official.veto.model_span") and any(
        _vetoes(span, start, end, place_like) for span in others.overlapping(start, end)
    ):
        return False
    return rule != "official.name_title" or not (
        on("official.veto.word_straddle") and _cuts_words(text, start, end, chain_span[1])
    )


def _vetoes(span: tuple[int, int, str], start: int, end: int, place_like: bool) -> bool:
    """Whether a model span says the chars start:end are no person. A place or government body may
    look like a name (石家庄|市长), an organisation with exactly the name's bounds rarely is one: that
    is the model mislabelling a person (习近平 tagged ORG before 主席). A title that takes the name in
    vetoes a place (蒙古国总理), not a name: the model also glues names to titles (栗战书委员长)."""
    s, e, label = span
    if label == "TITLE":
        return s <= start and end <= e and place_like
    return s < end and start < e and not (label == "ORG" and (s, e) == (start, end))


def _ends_a_country(text: str, end: int, short_names_too: bool = False) -> bool:
    """A country's name ends at ``end``; with ``short_names_too`` also its one-character name (俄)."""
    if short_names_too and text[end - 1 : end] in rules.load("titles")["country_abbreviations"]:
        return True
    return bool(_country_ending(text, end))


def _foreign_office(title: str) -> bool:
    return title.endswith(tuple(rules.load("titles")["foreign_offices"]))


def _place_like(name: str) -> bool:
    """A country (蒙古国) or a division of the gazetteer (吉林), not a person's name."""
    return name in read_countries() or any(e - s == len(name) for s, e, _ in load_gazetteer().scan(name))


def _overlaps(spans: SpanIndex, start: int, end: int) -> bool:
    return next(spans.overlapping(start, end), None) is not None


def _cuts_words(text: str, start: int, end: int, title_end: int) -> bool:
    """Name + title read across words: a two-character name is a very common word (国防部长) or a
    function word before one (应|国家|主席), its first character ends a common word that no word before
    it takes (出任|德国总理), or the title is cut by words on both sides (和社|会|长期)."""
    spec = rules.load("titles")
    frequent = common_words(spec["name_word_min_freq"])
    if text[end - 2 : end] in frequent and (end - start == 2 or text[start] in FUNCTION_CHARS):
        return True  # the "name" is a word (given names alone are not checked: 王国庆, 张文明)
    words = _straddle_words()
    if starts_inside_word(text, start, words):
        return True
    return text[end - 1 : end + 1] in words and text[title_end - 1 : title_end + 1] in words


def _ner_candidates(text: str, persons, taken, title_start: re.Pattern, chain_end: re.Pattern, how: str):
    """Officials from the model's person spans that the rules did not find: a title right after
    the name (X市长), or a title chain right before it (市长X). A span that is a function word and a
    name found elsewhere in the document (同通伦 beside 通伦) is that name."""
    out = []
    known = {text[s:e] for s, e in [*persons, *taken]}
    taken = SpanIndex(taken)
    for start, end in persons:
        if text[start] in FUNCTION_CHARS and end - start >= 3 and text[start + 1 : end] in known:
            start += 1  # 同|通伦: the function word glued to a name the document has alone
        if any(c in NAME_DOTS for c in text[start:end]) and not _boundary_after(text, end):
            end = _dotted_name_end(text, start) or end  # 艾黎根·热西|提主持: the model cut the last part
        end = max(end, _ethnic_name_end(text, start) or end)  # 扎西|次仁, 乌兰其|其格: the model cut it
        if on("official.veto.glued_tail") and end - start >= 3 and text.startswith(_glued_words(), end - 1):
            end -= 1  # 鲁托互|致贺电: the model took the first character of the next word
        if on("official.veto.verb_tail") and end - start >= 4 and _verb_tail(text[start:end]):
            end -= 2  # 范长辉|道谢: the model took the verb after the name
        name = text[start:end]
        if _overlaps(taken, start, end) or (on("official.veto.model_name") and not _plausible_name(name)):
            continue
        t = title_start.match(text, end)
        org_tail = tuple(rules.load("titles")["not_after_title"])
        if t and not (on("official.veto.org_title") and text.startswith(org_tail, t.end())):
            out.append(Candidate(start, end, t.group(0), (end, t.end()), how))
            continue
        stop = start - 1 if start and text[start - 1] == " " else start
        out += [c._replace(rule=how) for c in _with_chain(text, start, end, stop, chain_end)]
    return out


@lru_cache(maxsize=1)
def _body_endings() -> tuple[str, ...]:
    return tuple(rules.load("titles")["body_name_endings"])


def _title_lead(name: str, name_end: int, chain_span: tuple[int, int] | None) -> bool:
    """印尼前|外长, 共和党籍众|议长: the name's last char belongs to the title right after it
    [official.veto.title_lead]."""
    return (
        chain_span is not None
        and chain_span[0] == name_end
        and name[-1] in rules.load("titles")["title_lead_chars"]
    )


def _verb_tail(name: str) -> bool:
    """A model span that is a full name and a verb of ``verbs_after_name`` (范长辉道谢)."""
    from pipeline.lexicons import is_person_name

    return name[-2:] in rules.load("titles")["verbs_after_name"] and is_person_name(name[:-2])


@lru_cache(maxsize=1)
def _glued_words() -> tuple[str, ...]:
    return tuple(rules.load("titles")["glued_after_name"])


def _surname_not_verb(text: str, i: int) -> bool:
    """A word that follows names at i is the surname of a name after a title (主任向勇主持, not 主任向
    大会作报告): two or three characters bounded by punctuation or a word that follows names, whose
    given name is no common word [official.surname_after_title]."""
    word = next(w for w in _after_name_words() if text.startswith(w, i))
    if not on("official.surname_after_title") or len(word) > 1 or word not in surnames():
        return False  # 强调, 来到: no surname opens a two-character verb
    for length in (3, 2):
        end = i + length
        if (
            end <= len(text)
            and is_person_name(text[i:end], bounded=True)
            and (length == 2 or text[i + 1 : end] not in common_words(1))  # 和|特邀: a word, no given name
            and (
                end == len(text)
                or not "\u4e00" <= text[end] <= "\u9fff"
                or text.startswith(_long_after_name_words(), end)
            )
        ):
            return True
    return False


def _plausible_name(name: str) -> bool:
    """A model PER span worth trusting next to a title: 2-8 Chinese characters (transliterated names
    run long: 加里巴什维利, 别尔德穆哈梅多夫) or a transliterated name with ·, not a common word, a
    country (泰国|国王 tagged PER) or a division (武侯区|副区长 tagged PER)."""
    from pipeline.lexicons import not_names

    if re.fullmatch(r"[\u4e00-\u9fff]{2,8}", name):
        return name not in not_names() and name[:2] not in not_names() and not _place_like(name)
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,6}·[\u4e00-\u9fff·]{2,10}", name))


@lru_cache(maxsize=1)
def _title_aside() -> re.Pattern:
    asides = rules.alternation(rules.load("titles")["title_asides"])
    return re.compile(rf"[（(](?:{asides})[）)](?=[\u4e00-\u9fff])")


def _chain_then_name(text: str, end: int, chain_end: re.Pattern, after: bool = False):
    """(中共北镇市委书记 郑文彬): a name ending at ``end`` right after a title chain; with
    ``after``, ``end`` is where a title ends and the name must start there (市长李明华在)."""
    if after:
        title_end = end
        if text[end : end + 1] == " " and "\u4e00" <= text[end + 1 : end + 2] <= "\u9fff":
            end += 1  # 县长 王建国 在: text from a PDF keeps a space after the title
        elif aside := _title_aside().match(text, end):
            end = aside.end()  # 副局长（主持工作）周敏: what the post is, between title and name
        if (
            on("official.veto.verb_after_title")
            and text.startswith(_after_name_words(), end)
            and not _surname_not_verb(text, end)
        ):
            return  # 总书记强调: a verb, not a name
        dotted = _dotted_name_end(text, end)
        if dotted:  # 主任艾黎根·热西提主持
            yield from _with_chain(text, end, dotted, title_end, chain_end)
            return
        padded = _padded_name_end(text, end)
        if padded and _boundary_after(text, padded):
            yield from _with_chain(text, end, padded, title_end, chain_end)  # 县委书记张  强出席
            return
        ethnic = _ethnic_name_end(text, end)
        if ethnic:
            found = _with_chain(text, end, ethnic, title_end, chain_end)  # 市长扎西次仁主持
            yield from (c._replace(rule="official.ethnic_name") for c in found)
            return
        # a name ends before punctuation or a word that follows names (莫迪|致慰问电), else before an
        # idiom (欧靖|语重心长)
        lengths = (4, 3, 2) if text[end : end + 2] in compound_surnames() else (3, 2)  # 欧阳明辉
        for length, ends in [(n, _boundary_after) for n in lengths] + [(n, _idiom_at) for n in lengths]:
            if length >= 3 and (
                text[end + length - 1 : end + length + 1] in _straddle_words()
                or _idiom_at(text, end + length - 1)
                or text.startswith(_glued_words(), end + length - 1)
                or text.startswith(_long_after_name_words(), end + length - 1)
            ):
                continue  # 李强|来到, 欧靖|语重心长, 莫迪|致慰问电, 陈斌|所作: the last char starts a word
            if (
                end + length <= len(text)
                and is_person_name(text[end : end + length], bounded=ends is _boundary_after)
                and ends(text, end + length)
            ):  # a name cut by the end of the text is no three-character name
                yield from _with_chain(text, end, end + length, title_end, chain_end)
                return
        return
    org_tail = tuple(rules.load("titles")["not_after_title"])
    for length in (3, 2):
        start = end - length
        if on("official.veto.org_title") and text.startswith(org_tail, start):
            continue  # 主席|台就座, 委员|会: the title runs into a word, no name follows it
        if start >= 2 and is_person_name(text[start:end]):
            chain_stop = start - 1 if text[start - 1] == " " else start
            found = list(_with_chain(text, start, end, chain_stop, chain_end))
            if found:
                yield from found
                return


def _with_chain(text: str, name_start: int, name_end: int, chain_stop: int, chain_end: re.Pattern):
    j = chain_stop
    while (
        j > 0
        and chain_stop - j < 30
        and ("\u4e00" <= text[j - 1] <= "\u9fff" or text[j - 1] == "、")
        and (text[j - 1] not in "和与及" or _and_in_org_name(text, j - 1))
    ):
        j -= 1  # a conjunction ends the chain (市委书记袁家军和|市长胡衡华), not 住房和城乡建设局
    chain = text[j:chain_stop]
    if len(chain) >= 2 and chain_end.search(chain):
        chain_text, chain_start = _trim_chain(chain, j)
        span = (chain_start, chain_start + len(chain_text))
        yield Candidate(name_start, name_end, chain_text, span, "official.title_name")


def _boundary_after(text: str, i: int) -> bool:
    """A name ends here: end of text, punctuation/space, or a word that follows names."""
    if i >= len(text) or not "\u4e00" <= text[i] <= "\u9fff":
        return True
    return text.startswith(_after_name_words(), i)


@lru_cache(maxsize=1)
def _idioms() -> frozenset[str]:
    return frozenset(w for w in read_idioms() if len(w) == 4)


def _idiom_at(text: str, i: int) -> bool:
    """A four-character idiom starts at i (语重心长): a name after a title ends there. (Frequent
    two-character words do not: 习近|平和 would be read.)"""
    return text[i : i + 4] in _idioms()


def _straddle_words() -> frozenset[str]:
    return common_words(rules.load("titles")["name_straddle_min_freq"])


@lru_cache(maxsize=1)
def _after_name_words() -> tuple[str, ...]:
    return tuple(sorted(rules.load("titles")["after_name"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _long_after_name_words() -> tuple[str, ...]:
    return tuple(w for w in _after_name_words() if len(w) >= 2)


def _name_before(text: str, i: int) -> int | None:
    """Start of the person name ending at i: three characters unless the first is a function
    word (和王伟市长 → 王伟) or the three do not form a name."""
    three = text[max(0, i - 3) : i]
    two = text[max(0, i - 2) : i]
    if len(three) == 3 and is_person_name(three) and not (three[0] in FUNCTION_CHARS and is_person_name(two)):
        return i - 3
    return i - 2 if len(two) == 2 and is_person_name(two) else None


def _and_in_org_name(text: str, i: int) -> bool:
    """The conjunction at ``i`` is part of a body's name (市住房和城乡建设局, 人力资源和社会保障局)."""
    return any(text.startswith(w, i - w.index(text[i])) for w in _and_org_names() if text[i] in w)


@lru_cache(maxsize=1)
def _and_org_names() -> tuple[str, ...]:
    return tuple(rules.load("titles")["org_names_with_and"])


def _level_cuts_word(chain: str, i: int) -> bool:
    """The level character heading an organisation at ``i`` ends a word with the character before
    it (城|乡建设局, 城|市管理局): a common word, or any character but a function word before a town,
    banner or league level (欧|盟委员会, 非|盟委员会; not 由|镇党委副书记), which heads a chain only at
    its start or after its place."""
    level = _LEVEL_AT.match(chain, i)
    if level is None or _patterns().title_start.match(chain, i):  # 伦敦金融城|市长: a title
        return False
    if level.group() in _MINOR_LEVELS:
        return "\u4e00" <= chain[i - 1] <= "\u9fff" and chain[i - 1] not in FUNCTION_CHARS  # 由|镇党委
    return chain[i - 1 : i + 1] in _straddle_words()


_LEVEL_AT = re.compile(LEVEL)
_MINOR_LEVELS = frozenset(("镇", "乡", "旗", "盟", "街道"))


def _trim_chain(chain: str, start: int) -> tuple[str, int]:
    """Drop words before the organisation: keep from 中共 or the first place name or title."""
    idx = chain.find("中共")
    if idx < 0:
        idx = _patterns().title_run_start(chain)
        idx -= len(_country_ending(chain, idx))  # 美国|总统
    return chain[idx:], start + idx


def _country_ending(text: str, end: int) -> str:
    """The longest country name that ends at ``end`` in ``text``, or ''."""
    names = read_countries()
    return next(
        (text[end - n : end] for n in _country_lengths() if n <= end and text[end - n : end] in names), ""
    )


@lru_cache(maxsize=1)
def _country_lengths() -> tuple[int, ...]:
    """The lengths of the country names, longest first (one set lookup per length, not per name)."""
    return tuple(sorted({len(c) for c in read_countries()}, reverse=True))


_AUTONOMOUS_LEVELS = ("自治区", "自治州", "自治县", "自治旗")


def split_chain(chain: str, main_places: dict[str, str]) -> tuple[str | None, str]:
    """中共北镇市委书记 → (北镇市, 市委书记); 市长 → (document's main city, 市长); 市司法局局长 →
    (the main city's 司法局, 局长); 美国总统 → (美国, 总统)."""
    titles_only, bureau_pattern = _patterns().titles_only, _patterns().bureau
    countries = read_countries()
    for country in (chain[:n] for n in _country_lengths() if n <= len(chain) and chain[:n] in countries):
        if titles_only.fullmatch(chain, len(country)):  # 美国总统 → (美国, 总统); 巴林|国王, not 巴林国|王
            return country, chain[len(country) :]
    body = chain.removeprefix("中共")
    hits = load_gazetteer().scan(body)
    if hits and hits[0].start == 0:
        place = load_gazetteer().by_name[hits[0].surface][0].name
        rest = body[hits[0].end :]
        if rest[:1] in ("委", "政") or rest.startswith("人民政府"):
            level = next((w for w in _AUTONOMOUS_LEVELS if place.endswith(w)), place[-1])
            return place, level + rest  # 北镇市|委书记 → (北镇市, 市委书记); 西藏自治区|人民政府…
        bureau = bureau_pattern.match(rest)
        if bureau and bureau.end() < len(rest):  # 张掖市|司法局局长 → (张掖市司法局, 局长)
            return place + bureau.group(0), rest[bureau.end() :]
        return place, rest
    if hits:  # 中央政治局委员、广东省委书记: the place the chain names
        return load_gazetteer().by_name[hits[0].surface][0].name, body
    level = re.search(LEVEL, body)  # 市长, 副市长, 常务副县长, 自治区政协主席: the level the title holds
    place = main_places.get(LEVEL_KEY.get(level.group(), level.group())) if level else None
    bureau = bureau_pattern.match(body, level.end()) if level and level.start() == 0 else None
    if place and bureau and titles_only.fullmatch(body, bureau.end()):  # 市|司法局|局长 → (X市司法局, 局长)
        return place + bureau.group(0), body[bureau.end() :]
    return place, body
