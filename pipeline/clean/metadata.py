"""Document metadata from the lines of a page: title, publish date, source, author.

Each field is filled by the first rule, in a fixed order, that finds a plausible value; a rule's label
words, menu words and line patterns live in ``data/metadata.yaml`` and every value says which rule
read it (``meta:<rule id>`` in the cleaning log). When no rule finds a value the field stays empty: a
wrong value is worse than none.

Rules read simplified lines (after t2s), but values are returned as written: ``extract`` takes a
``written(line, start, end)`` callback that gives the raw characters a span of a line came from, so a
Traditional document's title stays Traditional.

The page is read as a header (the lines before the first body paragraph: headline, bylines, date
lines, menus) and a body. Titles and unlabelled dates come only from the header; labelled fields,
datelines (某某网讯), bylines and signatures from where such things stand.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from pipeline.clean import layout
from pipeline.clean.script import simplified
from pipeline.lexicons import common_words, ethnic_name_ends, is_person_name, word_tag
from pipeline.switches import on
from schemas.rules import check

Piece = tuple[int, int, int]  # line index, start, end within that line
Written = Callable[[int, int, int], str]

_NUM = r"\d{1,2}"
DATE = rf"(\d{{4}})\s*[-/.年]\s*({_NUM})\s*[-/.月]\s*({_NUM})(?!\d)\s*日?"
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
CN_DATE = (
    r"([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
    r"\s*([一二三四五六七八九十]{1,3})\s*日"
)
ANY_DATE = re.compile(rf"{DATE}|{CN_DATE}")
# a clock time after a date; ISO 8601 puts a T before it and may add a zone (2017-07-25T20:27:27+00:00)
TIME = r"(?:(?:\s*|T)\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?:(?<=\d{2}:\d{2}:\d{2})(?:Z|[+-]\d{2}:?\d{2}))?)?"
_HAN = r"\u3400-\u9fff"
_SENTENCE_END = re.compile(r"[。！？；!?…]$")
_CLOSERS = "”’\"')）」』】]"
_COMMA = re.compile(r"[,，;；]")
_LEAD = r"^[\s\-–—·•*#>|｜\[【(（□■◆●]*"  # bullets and brackets a meta line may open with
_NAME_SEP = re.compile(r"[\s、,，]+")

log = logging.getLogger(__name__)


@dataclass
class Found:
    """A value and where it was read: parts joined by ``sep``, each part the concatenation of pieces."""

    rule: str
    text: str
    parts: tuple[tuple[Piece, ...], ...] = ()
    sep: str = ""
    squeeze: bool = False  # drop blanks inside a part (杨 文 → 杨文)


@dataclass
class Metadata:
    title: str | None = None
    publish_date: dt.date | None = None
    source: str | None = None
    author: str | None = None
    meta_lines: set[int] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Lexicon:
    strong_dates: tuple[str, ...]
    weak_dates: tuple[str, ...]
    source_labels: tuple[str, ...]
    author_labels: tuple[str, ...]
    not_author_labels: tuple[str, ...]
    source_trailers: tuple[str, ...]
    account_trailers: tuple[str, ...]
    table_labels: tuple[str, ...]
    not_sources: frozenset[str]
    outlet_suffixes: tuple[str, ...]
    self_outlets: frozenset[str]
    org_suffixes: tuple[str, ...]
    area_suffixes: tuple[str, ...]
    headline_verbs: tuple[str, ...]
    attendance_verbs: tuple[str, ...]
    doc_types: tuple[str, ...]
    salutation: re.Pattern
    body_opener: re.Pattern
    menu_words: tuple[str, ...]
    title_labels: tuple[str, ...]
    not_title: tuple[tuple[str, re.Pattern, int], ...]
    field_label_endings: tuple[str, ...]
    counter_labels: tuple[str, ...]
    event_labels: tuple[str, ...]
    lead_words: tuple[str, ...]
    org_name_words: tuple[str, ...]
    event_endings: tuple[str, ...]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("pipeline.clean").joinpath("data/metadata.yaml").read_text("utf-8")
    spec = check("metadata.yaml", yaml.safe_load(text), "pipeline/clean/data/metadata.yaml")

    def t(key: str) -> tuple[str, ...]:
        return tuple(spec[key])

    return Lexicon(
        tuple(spec["date_labels"]["strong"]),
        tuple(spec["date_labels"]["weak"]),
        t("source_labels"),
        t("author_labels"),
        t("not_author_labels"),
        t("source_trailers"),
        t("account_trailers"),
        t("table_labels"),
        frozenset(spec["not_sources"]),
        t("outlet_suffixes"),
        frozenset(spec["self_outlets"]),
        t("org_suffixes"),
        t("area_suffixes"),
        t("headline_verbs"),
        t("attendance_verbs"),
        t("doc_types"),
        re.compile(rf"(?:{'|'.join(spec['salutations'])})\s*[:：]"),
        re.compile("|".join(spec.get("body_openers") or ["(?!)"])),
        t("menu_words"),
        t("title_labels"),
        tuple((r["id"], re.compile(r["pattern"]), int(r.get("max_len", 10_000))) for r in spec["not_title"]),
        t("field_label_endings"),
        t("counter_labels"),
        t("event_labels"),
        t("lead_words"),
        t("org_name_words"),
        t("event_endings"),
    )


def _spaced(words) -> str:
    """An alternation of ``words`` whose chars may stand one blank apart (标 题, 索 引 号)."""
    return "|".join(r"[ \u3000]?".join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    lx = lexicon()
    all_labels = _alt(
        lx.strong_dates
        + lx.weak_dates
        + lx.source_labels
        + lx.author_labels
        + lx.not_author_labels
        + lx.counter_labels
        + lx.table_labels
    )
    outlet = rf"[{_HAN}A-Za-z0-9·\-/／]{{1,24}}(?:{_alt(lx.outlet_suffixes)})"  # 丝路昌吉/昌吉州融媒体中心
    reporters = [
        w for w in lx.author_labels if w.endswith(("记者", "通讯员", "实习生", "采访人员"))
    ]  # may touch the name
    writers = [w for w in lx.author_labels if w not in reporters and w != "文"]
    issuers = tuple(w for w in lx.source_labels if w.endswith(("机构", "单位", "部门", "机关")))
    return {
        # a table set as text keeps its cells apart with |: 发布日期 | 2025-06-30 |; [ 发布日期 ] 2021-01-28
        "strong_date": re.compile(
            rf"(?:{_alt(lx.strong_dates)})\s*[:：|｜\]】]?\s*[\[【(（]?(?:{DATE}|{CN_DATE})"
        ),
        "weak_date": re.compile(
            rf"(?:^|(?<=[\s|｜/\[\]【】(（)）]))(?:{_alt(lx.weak_dates)})\s*[:：]\s*(?:{DATE}|{CN_DATE})"
        ),
        "header_date": re.compile(
            rf"(?:^|(?<=[\s\[【(（]))(?:{DATE}|{CN_DATE}){TIME}"
            rf"(?=$|[\s\]】)）]|{all_labels}|星期|周[一二三四五六日])"
        ),
        "strong_alone": re.compile(rf"{_LEAD}(?:{_alt(lx.strong_dates)})\s*[:：]?\s*"),
        "weak_only": re.compile(
            rf"{_LEAD}(?:{_alt(lx.weak_dates)})\s*[:：](?!.*(?:{_alt(lx.source_labels + lx.author_labels)}))"
        ),
        "weak_alone": re.compile(rf"{_LEAD}(?:{_alt(lx.weak_dates)})\s*[:：]\s*"),
        "source_alone": re.compile(rf"{_LEAD}(?:{_alt(lx.source_labels)})\s*[:：]\s*"),
        # a date with a clock time, or with a label after it: the stamp under a headline
        "stamp": re.compile(
            rf"(?:^|(?<=[\s\[【(（]))(?:{DATE}|{CN_DATE})"
            rf"(?:\s*\d{{1,2}}[:：]\d{{2}}|(?=\s*(?:{all_labels})))"
        ),
        # 来源:县司法局2025-03-10 — a date glued to the end of a labelled field, ending the line
        # … or before the next label (作者：张三2024-03-05 09:12来源：…)
        "glued_date": re.compile(rf"(?<=[{_HAN}]){DATE}{TIME}(?=\s*$|\s*(?:{all_labels})\s*[:：|｜/])"),
        # …2024年3月6日 星期三 第03版, or an e-paper's footer ending …2018年12月20日 星期四
        "edition_date": re.compile(
            rf"(?:{DATE}|{CN_DATE})\s*(?:星期.\s*)?[,，]?\s*(?:第\s*[0-9一二三四五六七八九十]+\s*版|版次|[A-Z]?\d{{1,3}}\s*版"
            rf"|第\s*\d[\d,，]*\s*[号期]\s*$)"  # 2021-07-19 第26,930号: the paper's issue
            rf"|(?:{DATE}|{CN_DATE})\s*星期[一二三四五六日天]\s*$"
        ),
        # 时间:6/9/2023 4:17:53 PM — a month-first date with a 12-hour clock (a .NET server's default)
        "us_date": re.compile(
            rf"(?:{_alt(lx.strong_dates + lx.weak_dates)})\s*[:：]?\s*(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})"
            r"\s+\d{1,2}:\d{2}(?::\d{2})?\s*[AaPp][Mm]"
        ),
        "edition": re.compile(r"第?[A-Z]?\d{1,5}\s*版\s*[:：]"),  # 00009版:平安巷, 第A02版:综合新闻
        "epaper": re.compile(r"\s*(?:数字报纸?|电子报|电子版|数字版)$"),
        "own_news": re.compile(rf"(?:{_alt(lx.self_outlets)})(?:讯|记者|消息)"),  # 本报讯 (记者…)
        # 发布机构: | 市司法局 |: a disclosure table's cells
        "table_cell": re.compile(rf"\s(?:{_alt(lx.table_labels)})(?=\s|$)"),  # 兖州区司法局 组配分类 …
        "source_label": re.compile(
            # a date may touch the label (时间:2022年01月20日来源:…)
            rf"(?:(?<![{_HAN}])|(?<=\d日))(?:{_alt(lx.source_labels)})\s*(?:[:：]\s*(?:[|｜]\s*)?|[\]】]\s*|\s+(?=\S))"
        ),
        # reporters' labels may touch the name (记者张电达); 作者/撰稿 need a blank, 文 a separator
        "author_label": re.compile(
            rf"(?:{_spaced(reporters)})(?:\s*[:：|｜/]\s*|\s+|(?=[{_HAN}]))"  # 通 讯 员 王成虎
            rf"|(?<![{_HAN}])(?:{_alt(writers)})(?:\s*[:：|｜/]\s*|\s+)|(?<![{_HAN}])文\s*[:：|｜/]\s*"
        ),
        "not_author": re.compile(rf"(?<![{_HAN}])(?:{_alt(lx.not_author_labels)})\s*[:：|｜/]?"),
        "any_label": re.compile(rf"(?:{all_labels})\s*[:：|｜/]"),
        "meta_start": re.compile(rf"{_LEAD}(?:{all_labels})\s*[:：|｜/]"),
        "blank_label": re.compile(rf"\s*(?:{_alt(lx.source_labels + lx.strong_dates)})[ \u3000]+(?=\S)"),
        # 时效性有效, 发布机构屏边县新华乡人民政府: a disclosure table's label glued to its value
        "glued_field": re.compile(
            rf"{_LEAD}(?P<l>{_alt(lx.table_labels + issuers)})(?=[^\s:：|｜/])(?P<v>[^，,。；;！？]{{1,36}})$"
        ),
        "byline_start": re.compile(
            rf"{_LEAD}(?:{_alt(lx.self_outlets)}|{outlet})?(?:{_alt(lx.author_labels)})\s"
        ),
        "credit": re.compile(rf"^(?P<o>[{_HAN}A-Za-z0-9·\-]{{2,24}}?)(?:出品|制作|供稿)$"),
        "contributed": re.compile(r"[(（]([^()（）]{2,30}?)供稿[)）]"),
        "byline_outlet": re.compile(
            # 文/北京青年报记者 张月朦: the writer's credit before the paper's name
            rf"(?:^[◎□■●◆]?|[(（])(?:(?:文图|图文|文|图)\s?[/／|｜]\s?)?(?P<o>{outlet})\s?"
            rf"(?:{_alt(lx.author_labels)})\s*(?=[{_HAN}])"
        ),
        # 新华日报·2025-08-27 07:21: a news app puts a dot between the outlet and the date
        "outlet_date": re.compile(rf"^(?P<o>{outlet})\s*[·•|｜]?\s*(?:{DATE}|{CN_DATE}){TIME}"),
        "org_name_tail": re.compile(rf"(?:{_alt(lx.org_name_words)})(?:{_alt(lx.org_suffixes)})$"),
        "org_date": re.compile(  # 哈尔滨市呼兰区人民政府 发布时间:2024-03-07: the label may stand between
            rf"^\s*(?P<o>[{_HAN}()（）]{{2,30}})\s*[|｜]?\s*"
            rf"(?:(?:{_alt(lx.strong_dates + lx.weak_dates)})\s*[:：]\s*)?(?:{DATE}|{CN_DATE}){TIME}\s*$"
        ),
        # (中共北镇市委书记 郑文彬), (文 黄紫红): a post, a body or the writer's 文, then the name
        "closing_byline": re.compile(rf"[(（](文|[^()（）]{{2,40}}?)\s+([{_HAN}]{{2,4}})[)）]\s*$"),
        # anchored by .match(line, pos): a 【column】 and a speaker's "Name:" in front of a headline
        "title_column": re.compile(r"[【\[][^】\]]{1,30}[】\]]\s*"),
        "title_speaker": re.compile(rf"([{_HAN}]{{2,4}})[:：]\s*"),
        "org": re.compile(rf"^[{_HAN}][{_HAN}A-Za-z0-9()（）]{{1,29}}(?:{_alt(lx.org_suffixes)})$"),
        # an issuer, or two of them (中共洛宁县委 洛宁县人民政府), before 关于 or a year
        "issuer": re.compile(
            rf"^(?!关于)(?P<o>(?:[{_HAN}()（）]{{2,30}}?(?:{_alt(lx.org_suffixes)})\s)?"
            rf"[{_HAN}()（）]{{2,30}}?(?:{_alt(lx.org_suffixes)}|{_alt(lx.area_suffixes)}))(?=\s*(?:关于|\d{{4}}\s*年|二〇))"
        ),
        "area": re.compile(rf"^(?![全我本该各])[{_HAN}]{{1,12}}(?:{_alt(lx.area_suffixes)})$"),
        # 标题:… / 标 题 | … | / 名 称: | … | (a table's label cell, its chars spaced out)
        "title_label": re.compile(
            rf"{_LEAD}(?:{_spaced(lx.title_labels)})\s*(?:[:：]\s*[|｜]?|[|｜])\s*(?=\S)"
        ),
        "field": re.compile(rf"^([{_HAN}]{{2,6}})\s*[:：]\s*\S"),
        "attendance": re.compile(_alt(lx.attendance_verbs)),  # 出席, 主持: title.not.names_subtitle
        "site_tail": re.compile(r"\s*[-_|｜]\s*([^-_|｜]{2,20})$"),
        "doc_type": re.compile(_alt(lx.doc_types)),
        "doc_type_end": re.compile(rf"(?:{_alt(lx.doc_types)})$"),
        "issued": re.compile(r"《([^《》]{6,80})》[^。《]{0,30}印发给?你们"),
        "position": re.compile(r"^(?:当前位置|您的位置|您现在的位置|您的当前位置|所在位置|现在的位置)"),
    }


# ---------------------------------------------------------------- dates


def _cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 二十一 → 21 (months and days)."""
    tens, ten, units = text.partition("十")
    if not ten:
        return _CN_DIGIT[text]
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def _cn_year(text: str) -> int:
    return int("".join(str(_CN_DIGIT[c]) for c in text))


def parse_date(text: str) -> dt.date | None:
    """The first plausible calendar date written in ``text``.

    Forms: 2025年03月10日, 2025-3-10, 二〇二五年三月十日.
    """
    for m in ANY_DATE.finditer(text or ""):
        try:
            if m.group(1):
                y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            else:
                y, mo, d = _cn_year(m.group(4)), _cn_number(m.group(5)), _cn_number(m.group(6))
            if 1949 <= y <= 2100:
                return dt.date(y, mo, d)
        except (ValueError, KeyError):
            continue
    return None


# ---------------------------------------------------------------- page layout


_SUMMARY_LEAD = re.compile(r"\s*(?:内容)?(?:摘要|提要|导读|核心提示)\s*[:：]")
_BANNER_GAP = 4  # header lines (关注我们, a breadcrumb, the headline) between a banner and its byline


class Page:
    """Lines with their boilerplate verdicts, and where the header ends."""

    def __init__(self, lines: list[str], removed: dict[int, str]):
        self.lines = lines
        self.removed = removed
        self.meta = {  # the site's clock (2023年11月23日 星期四, widget.today) dates no article
            i for i, line in enumerate(lines) if is_meta_line(line) and removed.get(i) != "widget.today"
        }
        self.banners: set[int] = set()
        self.body_start = self._body_start(0)
        weak = _patterns()["weak_only"]  # 时间:/地点: inside a notice's body are its text, not metadata
        self.meta = {i for i in self.meta if i < self.body_start or not weak.match(lines[i])}
        self.header = [
            i for i in range(self.body_start) if self.kept(i) and i not in self.meta and i not in self.banners
        ]
        self.crumbs = _breadcrumb_parts(lines, removed)

    def _body_start(self, start: int) -> int:
        """The first prose line from ``start``; a banner sentence above the headline (社会主义核心价值观:
        富强、民主…。) is none: a headline line and a dated metadata line follow it (title.banner)."""
        lines = self.lines
        i = next(
            (
                i
                for i in range(start, len(lines))
                if self.kept(i) and i not in self.meta and is_body_line(lines[i])
            ),
            len(lines),
        )
        if i < len(lines) and on("title.repeated_headline") and self._repeated(i):
            return self._body_start(i + 1)  # 新发路观察|脱下“正装”…, twice over the crumb: the headline
        if i < len(lines) and on("title.summary_lead") and _SUMMARY_LEAD.match(lines[i]):
            self.banners.add(i)  # 摘要:为深入贯彻… over the notice's headline: a summary, no body yet
            return self._body_start(i + 1)
        after = [k for k in range(i + 1, min(len(lines), i + 8)) if self.kept(k)][: _BANNER_GAP + 1]
        byline = next((n for n, k in enumerate(after) if k in self.meta), None)
        if (
            on("title.banner")
            and byline
            and not dateline(lines[i])  # 央视网消息(新闻联播): the body's dateline over a document's title
            and all(not is_body_line(lines[k]) for k in after[:byline])
            and ANY_DATE.search(lines[after[byline]])  # the headline's dated byline, not credits after a body
        ):
            self.banners.add(i)
            return self._body_start(after[byline] + 1)
        # the dated field under it, kept or taken away (2020-09-25 13:46 under a headline)
        nxt = next((k for k in range(i + 1, min(len(lines), i + 3)) if lines[k].strip()), None)
        fields = [k for k in (nxt, *after[:1]) if k is not None and (k in self.meta or k in self.removed)]
        under = next((k for k in fields if ANY_DATE.search(lines[k])), None)
        if (
            on("title.over_byline")
            and under is not None
            and len(lines[i]) <= 60
            and not re.search(r"[。；;…]$", lines[i].rstrip(_CLOSERS + " "))
        ):  # 深耕复议主渠道,法治为民谱新篇——…综述 over 来源:… 发布时间:…: a headline with a comma or a "?"
            return self._body_start(under + 1)
        return i

    def _repeated(self, i: int) -> bool:
        """Line i opens again one of the next kept lines, as a page repeats its headline (tab title,
        then the article's own); prose is not repeated."""
        line = self.lines[i].strip()
        if _SENTENCE_END.search(line) or len(line) > 100:
            return False  # a sentence said twice is still prose
        head = line[:20]
        following = [k for k in range(i + 1, min(len(self.lines), i + 6)) if self.kept(k)]
        return len(head) >= 12 and any(self.lines[k].strip().startswith(head) for k in following)

    def kept(self, i: int) -> bool:
        return i not in self.removed and bool(self.lines[i].strip())

    def kept_lines(self) -> list[int]:
        return [i for i in range(len(self.lines)) if self.kept(i)]


def glued_body_start(line: str) -> int | None:
    """Where a paragraph glued to a line of fields and widgets starts (时间:2025-12-23 来源: 作者:
    [收藏] [打印] [关闭]12月17日,县人大常委会…): after the last bracketed widget, when what follows is
    prose of 30 characters or more [meta.glued_body]; None if the line holds no such paragraph."""
    ends = [m.end() for m in re.finditer(r"[\]】]", line[:80])]
    if not ends:
        return None
    tail = line[ends[-1] :]
    cut = ends[-1] + len(tail) - len(tail.lstrip())
    return cut if len(tail.strip()) >= 30 and _COMMA.search(tail) and is_body_line(tail.strip()) else None


def is_body_line(line: str) -> bool:
    """A paragraph of prose: a sentence, a long line, a dateline (某某讯) or an addressee (各单位:)."""
    han = len(re.findall(f"[{_HAN}]", line[:100]))
    if han >= 2 and re.search(r"[:：]\s*$", line) and not is_meta_line(line) and _addressee(line):
        return True
    if han < 4:
        return False
    core = line.rstrip(_CLOSERS + " ")
    if _SENTENCE_END.search(core) or len(line) >= 80 or (len(line) >= 30 and _COMMA.search(line)):
        return True
    d = dateline(line)
    return d is not None and len(line) > d[2] + 4


def _addressee(line: str) -> bool:
    """各乡镇人民政府,县政府各部门: / 同志们: — not a table's field label (索引号:, 分类:)."""
    head = re.sub(r"[:：]\s*$", "", line)
    return bool(
        "各" in head
        or lexicon().salutation.search(line)
        or _patterns()["org"].match(head)
        or re.search(r"(?:单位|部门|机关|们|委员|代表)$", head)
    )


def is_meta_line(line: str) -> bool:
    """A short line of page metadata: labelled fields (来源:…), a byline (本报记者 张三), a date line."""
    if len(line) >= 160:
        return False
    p = _patterns()
    if p["meta_start"].match(line) or (
        len(line) < 60 and p["byline_start"].match(line) and not _SENTENCE_END.search(line)
    ):
        return True
    if len(line) < 40 and p["outlet_date"].match(line):
        return True
    if (
        on("meta.glued_table_field")
        and (g := p["glued_field"].match(line))
        and g["l"] in lexicon().table_labels
    ):
        return True  # 时效性有效 leaves the text; 发布机构屏边县… stays (its places are the text's)
    return date_stamp(line) is not None


def date_stamp(line: str) -> re.Match | None:
    """The date of a stamp line: a date with a clock time (2023-12-08 09:30 来源:…), alone, with a
    weekday or an edition, or beside labelled fields — not a date opening a sentence."""
    p = _patterns()
    if len(line) >= 80 or _COMMA.search(line) or _SENTENCE_END.search(line):
        return None
    m = p["header_date"].search(line)
    if m is None:
        return None
    rest = (line[: m.start()] + line[m.end() :]).strip(
        " []【】()（）—－-•·"
    )  # ——— 2021-02-20: a rule before it; • 2024-01-23: a bullet
    timed = re.search(r"\d[:：]\d", m.group(0)) is not None
    if _date_outlet(line) or _org_date(line):
        return m  # 2024-03-30 黔东南新闻网 通讯员 刘斌, …吉林市委员会| 2018-08-14: a date and its publisher
    if (
        (timed and len(rest) <= 30)
        or not rest
        or p["any_label"].search(rest)
        or re.fullmatch(r"(?:星期.|周[一二三四五六日])?\s*(?:第\s*\d+\s*版.*)?", rest)
    ):
        return m
    return None


def _headline_then_date(line: str) -> re.Match | None:
    """2024年杨浦区法治政府建设工作情况报告 2025-02-24: a headline, a blank and its date closing the line
    (title.dated_headline); the date's match, or None."""
    m = _patterns()["header_date"].search(line) if on("title.dated_headline") else None
    if m is None:
        return None
    head = line[: m.start()]
    dated = (
        not line[m.end() :].strip()
        and head.endswith((" ", "\u3000"))
        and _is_candidate(head.strip())
        and not _COMMA.search(head)
    )
    return m if dated else None


def _breadcrumb_parts(lines: list[str], removed: dict[int, str]) -> list[str]:
    for i, line in enumerate(lines[:20]):
        if removed.get(i) == "nav.breadcrumb":
            # 首页 -> 法院公告, 首页 - 新闻中心 > 新闻动态: an arrow or a spaced dash parts a crumb
            tail = re.sub(r"^.*?(位置)\s*[:：]?", "", line)
            parts = [p.strip(" :：-－—") for p in re.split(r"-*[>＞»→]|\s[-－—]+\s", tail)]
            return [p for p in parts if p]
    return []


# ---------------------------------------------------------------- entry point


def extract(
    lines: list[str], removed: dict[int, str], hints: dict[str, str], written: Written | None = None
) -> Metadata:
    """Metadata of a document given its stripped lines and the boilerplate verdict per line.
    ``written`` maps a span of a line to the raw characters it came from (default: the line itself)."""
    page = Page(lines, removed)
    md = Metadata(meta_lines={i for i in page.meta if len(lines[i]) < 160})
    date, date_rule = _publish_date(page, hints)
    source = _first(page, hints, _SOURCE_RULES)
    title = _title(page, hints.get("title"))
    author = _first(page, hints, _AUTHOR_RULES, title)
    if source is None and title is not None:
        source = _switched(_issuer_in_title(page, title))
    if source is None:
        source = _switched(_site_name(page))
    md.publish_date = date
    render = written or (lambda i, s, e: lines[i][s:e])
    md.title, md.source, md.author = (_render(f, render) for f in (title, source, author))
    for name, f in (("title", title), ("source", source), ("author", author)):
        if f is not None and getattr(md, name):
            md.notes.append(f"meta:{f.rule}: {name}")
    if date_rule:
        md.notes.append(f"meta:{date_rule}: publish_date")
    return md


def _first(page: Page, hints: dict[str, str], rules, *extra) -> Found | None:
    for rule in rules:
        try:
            found = rule(page, hints, *extra)
        except (ValueError, IndexError, KeyError) as e:  # an odd line must not sink the document
            log.warning(
                "metadata rule %s failed, next rule tried: %s: %s", rule.__name__, type(e).__name__, e
            )
            found = None
        if found is not None and on(found.rule):  # a switched-off rule leaves the field to the next
            return found
    return None


def _switched(found: Found | None) -> Found | None:
    return found if found is None or on(found.rule) else None


def _render(found: Found | None, written: Written) -> str | None:
    if found is None:
        return None
    if not found.parts:
        return _tidy(found.text) or None
    parts = []
    for part in found.parts:
        text = "".join(written(*piece) for piece in part)
        text = layout.join_breaks(text)  # a value over lines that layout.unwrap joined
        text = re.sub(r"\s+", "" if found.squeeze else " ", text).strip()
        parts.append(re.sub(r"[\x00-\x1f\x7f\u200b-\u200f\ufeff]", "", text))
    return found.sep.join(p for p in parts if p) or None


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _one(rule: str, i: int, s: int, e: int, line: str) -> Found:
    """A value read from line ``i`` [s, e), trimmed of blanks."""
    while s < e and line[s].isspace():
        s += 1
    while e > s and line[e - 1].isspace():
        e -= 1
    return Found(rule, line[s:e], (((i, s, e),),))


# ---------------------------------------------------------------- publish date


def _publish_date(page: Page, hints: dict[str, str]) -> tuple[dt.date | None, str | None]:
    """The first date, in the rules' order, of a rule not switched off (--disable-rule)."""
    return next(
        (
            (d, rule)
            for d, rule, i in _dates(page, hints)
            if on(rule) and (rule == "date.label" or not _event_time(page, i))
        ),
        (None, None),
    )


def _event_time(page: Page, i: int | None) -> bool:
    """时间:2021年1月22日 over 地点:…, or 会议时间 over 2025年05月22日: the date of the event the page
    announces, not of the page (date.not.event)."""
    if i is None or not on("date.not.event"):
        return False
    kept = page.kept_lines()
    k = kept.index(i) if i in kept else -1
    near = [page.lines[j] for j in kept[max(0, k - 1) : k + 2] if j != i] if k >= 0 else []
    line = page.lines[i]
    labels = lexicon().event_labels
    return line.lstrip().startswith(labels) or any(n.lstrip().startswith(labels) for n in near)


def _dates(page: Page, hints: dict[str, str]):
    """(date, rule, line index) candidates, best rule first; read lazily: the first one on costs no more."""
    p = _patterns()
    lines = page.lines
    for i, line in enumerate(lines):
        if (m := p["strong_date"].search(line)) and (d := parse_date(m.group(0))):
            yield d, "date.label", i
        if p["strong_alone"].fullmatch(line) and (d := _date_opening(lines, i + 1)):
            yield d, "date.label", i + 1  # 发文日期: | 2023-04-18 — a table's label and value cells
    for i, line in enumerate(
        lines
    ):  # 时间:/日期: only on a header or metadata line, never in a notice's body
        if i < page.body_start or i in page.meta:
            if (m := p["weak_date"].search(line)) and (d := parse_date(m.group(0))):
                yield d, "date.label_weak", i
            if p["weak_alone"].fullmatch(line) and (d := _date_opening(lines, i + 1)):
                yield d, "date.label_weak", i + 1
    for i in [j for j in range(page.body_start) if "/" in lines[j]] + [
        j for j in sorted(page.meta) if "/" in lines[j]
    ]:
        if m := p["us_date"].search(lines[i]):
            with contextlib.suppress(ValueError):  # 13/45/2023: no date
                yield dt.date(int(m[3]), int(m[1]), int(m[2])), "date.month_first", i
    for i in range(min(page.body_start + 3, 12, len(lines))):
        if m := _DAY_FIRST.fullmatch(lines[i]):
            with contextlib.suppress(ValueError):  # 28.02.2015 15:57 alone under the headline: a stamp
                yield dt.date(int(m[3]), int(m[2]), int(m[1])), "date.day_first", i
    if d := parse_date(hints.get("publish_date") or ""):
        yield d, "date.hint", None
    for i in range(min(page.body_start, 40)):
        if (i in page.meta or page.kept(i)) and (m := date_stamp(lines[i])) and (d := parse_date(m.group(0))):
            yield d, "date.header", i
        elif (m := _headline_then_date(lines[i])) and (d := parse_date(m.group(0))):
            yield d, "date.header", i  # the headline's own line
    for i in sorted(page.meta):  # 2015-07-04 19:52:25 来源: / TNW中文站2016年10月14日07:17 below the headline
        m = p["stamp"].search(lines[i]) or p["outlet_date"].match(lines[i])
        if m and (d := parse_date(m.group(0))):
            yield d, "date.stamp", i
    for i in list(range(min(len(lines), 10))) + list(range(max(0, len(lines) - 5), len(lines))):
        if (m := p["edition_date"].search(lines[i])) and (d := parse_date(m.group(0))):
            yield d, "date.edition", i
    for i in sorted(page.meta):
        if (m := p["glued_date"].search(lines[i])) and (d := parse_date(m.group(0))):
            yield d, "date.glued", i


_DAY_FIRST = re.compile(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s*")


def _date_opening(lines: list[str], i: int) -> dt.date | None:
    if i < len(lines) and (m := re.match(rf"\s*[\[【(（]?(?:{DATE}|{CN_DATE})", lines[i])):
        return parse_date(m.group(0))
    return None


# ---------------------------------------------------------------- source


def _clean_source(value: str) -> tuple[int, int]:
    """[start, end) of the publisher's name inside a label's value: cut at the next label, a date
    or a separator, then drop trailing words such as 收集/出品."""
    lx, p = lexicon(), _patterns()
    end = len(value)
    for pattern in (
        p["any_label"],
        ANY_DATE,
        # a separator, a label after a blank, a view counter (本站 次浏览)
        re.compile(r"\s{2,}|[|｜,，;；【】\[\]]|\s(?=\S*[:：])|\s+\S{0,2}(?:次浏览|浏览|阅读)"),
        # 某某新闻中心/许宸: the reporter after the slash
        re.compile(rf"[/／](?=[{_HAN}]{{2,3}}(?:\s|$|[)）]))"),
        p["table_cell"],
        re.compile(
            rf"(?:[(（]\s*|\s+)(?:{_alt(lx.author_labels)})(?![{_ORG_ENDS}站])"
        ),  # 记者站(记者 刘晓), 湖州晚报 记者 吴昊; not (编译局)
    ):
        if m := pattern.search(value):
            end = min(end, m.start())
    start = 0
    while start < end and value[start] in ' 《“"' and not _titled_outlet(value, start, end):
        start += 1
    while end > start and value[end - 1] in ' 》”"':
        end -= 1
    while (
        end > start
        and value[end - 1] in ")）"
        and value.count(value[end - 1], start, end) > sum(value.count(o, start, end) for o in "(（")
    ):
        end -= 1  # 【来源:某某网) — a bracket closed around the whole field
    m = re.search(rf"[(（][{_HAN}]{{2,3}}[)）]$", value[start:end])
    if m and m.start() >= 2 and m.group()[-2] not in _ORG_ENDS:
        end = start + m.start()  # 财经网(北京): the place it reports from; not 区藏语委办(编译局)
    if (m := re.search(r"\s+(\S+)$", value[start:end])) and m.group(1) in lx.menu_words:
        end = start + m.start()  # 海口市司法局 打印: a widget after the value
    changed = True
    while changed:
        changed = False
        for word in lx.source_trailers:
            if (
                value[start:end].endswith(word)
                and end - len(word) - start >= 2
                and not _account(value[start:end], word)
            ):
                end -= len(word)
                changed = True
    return start, end


_ORG_ENDS = "局办委院所部会处队社厅"


def _titled_outlet(value: str, start: int, end: int) -> bool:
    """《小康》·中国小康网: a magazine's name in 《》 opens the source; its 《 stays."""
    return value[start] == "《" and "》" in value[start:end] and not value[start:end].endswith("》")


def _account(value: str, trailer: str) -> bool:
    """原州发布: a government account's name, kept whole; 市司法局发布 is the bureau (source.account_name)."""
    head = value[: -len(trailer)]
    lx = lexicon()
    return (
        trailer in lx.account_trailers
        and on("source.account_name")
        and not head.endswith(lx.org_suffixes + lx.outlet_suffixes)
        and re.fullmatch(f"[{_HAN}]{{2,4}}", head) is not None
    )


def _plausible_source(text: str, page: Page) -> bool:
    lx = lexicon()
    if not re.search(f"[{_HAN}A-Za-z]", text) or len(text) < 2 or len(text) > 30:
        return False
    if on("source.not.code") and re.fullmatch(r"[A-Za-z_\-]{0,6}\d{4,}[A-Za-z0-9_\-]*", text):
        return False  # 来源: sp20241126 — a site's code, no publisher
    if on("source.not.label") and text.endswith((":", "：")):
        return False  # 来源: / 字体显示: — an empty field, then another label
    if on("source.not.listed") and (
        text in lx.not_sources or text.lower() in lx.not_sources or text.startswith(("http", "www"))
    ):
        return False
    if on("source.not.crumb") and ((text in page.crumbs[1:] and not _body_like(text)) or _menu_only(text)):
        return False  # a breadcrumb category is not a publisher (a body's name may end the crumb: …> 徐庄镇)
    if on("source.not.user_name") and re.fullmatch(r"[a-z][a-z0-9_.-]{1,19}", text):
        return False  # 发布者:isen — a poster's user name, no publisher
    return not _patterns()["any_label"].match(text)


def _body_like(text: str) -> bool:
    """An organisation's, a division's or an outlet's name (县司法局, 徐庄镇, 四川日报), not a column
    (政务公开)."""
    return (
        is_org_line(text)
        or bool(re.search(r"(?:省|市|县|区|镇|乡|街道|旗|盟)$", text))
        or text.endswith(tuple(w for w in lexicon().outlet_suffixes if len(w) >= 2))
    )


def _source_label(page: Page, hints) -> Found | None:
    lines = page.lines
    for i, line in enumerate(lines):
        for m in _patterns()["source_label"].finditer(line):
            if on("source.not.copyright") and re.search(r"(?:注明|标明|标注)\W{0,2}$", line[: m.start()]):
                continue  # 版权声明:凡注明“来源:中国西藏网”的所有作品: a copyright notice, no source
            if on("source.not.label") and _labelled_next(line[m.end() :]):
                continue  # 信息来源:发布者:isen — the label is empty, the next field's value is no source
            s, e = _clean_source(line[m.end() :])
            f = _one("source.label", i, m.end() + s, m.end() + e, line)
            if _plausible_source(f.text, page):
                return f
        g = _patterns()["glued_field"].match(line)
        if g and on("source.glued_label") and g["l"] in lexicon().source_labels and _body_like(g["v"]):
            return _one(
                "source.glued_label", i, g.start("v"), g.end("v"), line
            )  # 发布机构屏边县新华乡人民政府
        if _patterns()["source_alone"].fullmatch(line) and i + 1 < len(lines):
            s, e = _clean_source(lines[i + 1])  # 发布机构: | 宜春市统计局 — label and value cells
            f = _one("source.label", i + 1, s, e, lines[i + 1])
            if _plausible_source(f.text, page) and not is_meta_line(lines[i + 1]):
                return f
    return None


def _labelled_next(value: str) -> bool:
    """The value after a label opens with another field's label (发布者:, 作者:): the first is empty."""
    return bool(re.match(rf"\s*(?:{_alt(_field_labels())})\s*[:：]", value))


def _source_publisher_line(page: Page, hints) -> Found | None:
    """上海报业集团主管主办·文汇报社出版: the paper a publisher's line above the headline names."""
    if not on("source.publisher_line"):
        return None
    for i in range(min(page.body_start, 12, len(page.lines))):
        if m := _PUBLISHER_LINE.search(page.lines[i]):
            return _one("source.publisher_line", i, m.start("o"), m.end("o"), page.lines[i])
    return None


_PUBLISHER_LINE = re.compile(rf"(?:^|[·\s])(?P<o>[{_HAN}]{{2,8}}报)社出版$")


def _source_outlet_date(page: Page, hints) -> Found | None:
    """西安商报 2017-04-21 06:02 — an outlet and a date on a line under the headline."""
    for i in sorted(set(range(min(page.body_start, 40))) | page.meta):
        m = _patterns()["outlet_date"].match(page.lines[i])
        if m and _outlet_of(m.group("o")) == m.group("o"):
            return _one("source.outlet_date", i, 0, m.end("o"), page.lines[i])
        if d := _date_outlet(page.lines[i]):  # 2024-03-30 黔东南新闻网 通讯员 刘斌
            return _one(d[2], i, d[0], d[1], page.lines[i])
        if on("source.org_date") and (o := _org_date(page.lines[i])):
            return _one("source.org_date", i, o.start("o"), o.end("o"), page.lines[i])
    return None


def _org_date(line: str) -> re.Match | None:
    """中国人民政治协商会议吉林市委员会| 2018-08-14: a body's name and a date, alone on a line."""
    m = _patterns()["org_date"].match(line)
    return m if m and is_org_line(m.group("o")) else None


# www.zjol.com.cn  2006年05月09日 14:51:06  浙江在线新闻网站: the site's address may open the line
_DATE_THEN_WORD = re.compile(
    rf"\s*[•·●◆■□]?\s*(?:(?:https?://)?www\.[\w.-]+\s+)?(?:{DATE}){TIME}\s+(?P<o>[^\s]{{2,20}})"
)  # • 2021-12-09   柳州日报   记者 谢耘


def _date_outlet(line: str) -> tuple[int, int, str] | None:
    """Where the outlet stands after a date that opens a line (2024-03-30 黔东南新闻网 通讯员 刘斌), or a
    body's name alone after it (2024-08-09 08:46 黄石市司法局) [source.date_org]."""
    m = _DATE_THEN_WORD.match(line)
    if m and _outlet_of(m.group("o")) == m.group("o"):
        return m.start("o"), m.end("o"), "source.outlet_date"
    if m and on("source.date_org") and not line[m.end() :].strip() and is_org_line(m.group("o")):
        return m.start("o"), m.end("o"), "source.date_org"
    return None


def _source_edition_line(page: Page, hints) -> Found | None:
    """《遂宁日报》2025年11月29日03版: a newspaper's name before its edition date on one line."""
    if not on("source.edition_line"):
        return None
    p = _patterns()
    for i in range(min(page.body_start, 12, len(page.lines))):
        line = page.lines[i]
        m = p["edition_date"].search(line)
        head = line[: m.start()].strip() if m else ""
        name = head.strip("《》 ")
        if name and _outlet_of(name) == name and head in (name, f"《{name}》"):
            s = line.index(name)
            return _one("source.edition_line", i, s, s + len(name), line)
    return None


def _source_above_date(page: Page, hints) -> Found | None:
    """卫滨区召开… / 出彩卫滨 / 2024-11-07 22:25:00: a publisher's short line between the headline and
    the date line under it — an organisation, an outlet or an account that names its area."""
    if not on("source.above_date"):
        return None
    lines = page.lines
    kept = [i for i in page.kept_lines() if i < page.body_start]
    for above, i in itertools.pairwise(kept):
        line = lines[i].strip()
        date = next((x.strip() for x in lines[i + 1 :] if x.strip()), "")  # a removed stamp line too
        if (
            re.fullmatch(f"[{_HAN}]{{2,16}}", line)
            and (m := date_stamp(date)) is not None
            and m.group(0).strip() == date
            and not _menu_only(line)
            and not _is_name(line)
            and (
                (_is_candidate(lines[above]) and (_outlet_of(line) == line or _names_place(line)))
                or is_org_line(line)  # a body's name needs no headline above it (an index number)
            )
        ):
            return _one("source.above_date", i, 0, len(lines[i].rstrip()), lines[i])
    return None


def _names_place(text: str) -> bool:
    """Whether a place's name (卫滨, 长海县) stands inside text."""
    names = _place_names()
    return any(text[k : k + n] in names for n in (2, 3, 4) for k in range(len(text) - n + 1))


def _place_names() -> frozenset[str]:
    """Every name and short name of the extract stage's gazetteer (cached there, loaded once)."""
    from pipeline.extract.gazetteer import load

    return load().any_name


def _source_masthead(page: Page, hints) -> Found | None:
    """法治日报 over 2024年3月6日 星期三 第03版 (its edition date) or over 00009版:平安巷 (its page), an
    e-paper's 浙江法制报 数字报纸, or 陕西日报 over 本报讯: a newspaper's name on a line of its own."""
    p, lines = _patterns(), page.lines
    suffixes = tuple(lexicon().outlet_suffixes)
    for i in range(min(page.body_start, 40, len(lines) - 1)):
        name = p["epaper"].sub("", lines[i].strip())
        if (
            not name.endswith(suffixes) or _outlet_of(name) != name or not page.kept(i)
        ):  # endswith first: cheap
            continue
        below = next((lines[k].strip() for k in range(i + 1, len(lines)) if lines[k].strip()), "")
        if p["edition_date"].search(below) or p["edition"].match(below) or p["own_news"].match(below):
            return _one("source.masthead", i, 0, len(name), lines[i])
    return None


# what ends a dateline's head: 讯, 电 (not 电话, 电视…: 举报电话 is no dateline), 消息 or 报道
# 山西日报报道 2月24日; 山东法制传媒网:(谭庆军) — an outlet, a colon and the reporters in brackets
_DATELINE_END = re.compile(r"讯|电(?![话视子力影脑商网台])|消息|报道|[:：](?=\s*[(（])")


def dateline(line: str) -> tuple[int, int, int] | None:
    """(outlet start, outlet end, end of 讯/电/消息) when the line opens with a news dateline:
    山西新闻网三农频道讯, 东北网鸡东7月9日电 (or 7月 9 日电, as PDF text spaces numbers), 央视网消息;
    None for 本报讯 or any other opening."""
    garbled = len(line) - len(line.lstrip("?？"))  # ????梧州日报讯: a garbled indent
    start = 1 if line[:1] in "【[" else garbled
    for m in _DATELINE_END.finditer(line[start : start + 40]):
        head = line[start : start + m.start()]
        blank = re.search(r"(?<!\d)\s(?!\d)", head)
        if blank and _outlet_of(head[: blank.start()]) == head[: blank.start()]:  # 中新网 乌鲁木齐8月9日电
            head = head[: blank.start()] + head[blank.end() :]  # a blank after the outlet
        if len(head) < 2 or re.search(r"[,，。:：;；(（)）【】\[\]《》“”\"|｜]|(?<!\d)\s(?!\d)", head):
            return None
        if outlet := _outlet_of(head):
            return start, start + len(outlet), start + m.end()
    return None


def _outlet_of(head: str) -> str | None:
    """The longest start of a dateline's head that names an outlet: 东北网鸡东7月9日 → 东北网,
    山西新闻网三农频道 → 山西新闻网; None for 本报 or a place."""
    lx = lexicon()
    # a date, and the place after it (中经联播10月11日齐齐哈尔讯); blanks: PDF text
    head = re.sub(r"\s?\d{1,2}\s?月\s?\d{1,2}\s?日[\u4e00-\u9fff]{0,8}$|\s?\d{1,2}\s?日$", "", head)
    best = None
    for k in range(2, len(head) + 1):
        if any(head[:k].endswith(s) for s in lx.outlet_suffixes):
            best = head[:k]
    if best is None or best in lx.self_outlets or any(s in best for s in lx.self_outlets):  # N本报记者
        return None
    return best


def _source_dateline(page: Page, hints) -> Found | None:
    """山西新闻网三农频道讯 / 东北网鸡东7月9日电 opening the first body paragraphs."""
    for i in [j for j in page.kept_lines() if j >= page.body_start][:3]:
        if d := dateline(page.lines[i]):
            return _one("source.dateline", i, d[0], d[1], page.lines[i])
    return None


def _source_credit(page: Page, hints) -> Found | None:
    """德州日报新媒体出品 on a line of its own; (张掖市司法局供稿) closing a paragraph."""
    p = _patterns()
    for i in reversed(page.kept_lines()):
        line = page.lines[i]
        if (m := p["credit"].match(line)) and _plausible_source(m.group("o"), page):
            return _one("source.credit", i, 0, m.end("o"), line)
        if m := p["contributed"].search(line):
            cut = _contributor_name(m.group(1))
            return _one("source.contributed", i, m.start(1), m.end(1) - cut, line)
    return None


def _contributor_name(value: str) -> int:
    """Length of the person's name that ends a contributing body (省人大常委会法工委康卫华供稿 → 3;
    author.contributed), 0 if none."""
    if not on("author.contributed"):
        return 0
    return next((n for n in (3, 2) if is_org_line(value[:-n]) and _is_name(value[-n:])), 0)


def _author_contributed(page: Page, hints, title=None) -> Found | None:
    """(省人大常委会法工委康卫华供稿): the writer a contributing body's credit names."""
    for i in page.kept_lines()[-3:]:
        line = page.lines[i]
        if (m := _patterns()["contributed"].search(line)) and (n := _contributor_name(m.group(1))):
            return _one("author.contributed", i, m.end(1) - n, m.end(1), line)
    return None


def _source_byline(page: Page, hints) -> Found | None:
    """(洛报融媒记者 李迎博 余子愚) — the outlet of a reporter's byline that names reporters."""
    p = _patterns()
    for i in page.kept_lines():
        line = page.lines[i]
        for m in p["byline_outlet"].finditer(line):
            outlet = m.group("o")
            if _outlet_of(outlet) == outlet and _names_after(line, m.end(), i):
                if outlet.endswith("全媒体") and _outlet_of(outlet[:-3]) == outlet[:-3]:
                    outlet = outlet[:-3]  # 郑报|全媒体记者: the paper; 西海全媒体 is a name of its own
                end = m.start("o") + _column_cut(outlet)
                return _one("source.byline", i, m.start("o"), end, line)
    return None


def _outlet_names_line(page: Page) -> tuple[int, re.Match] | None:
    """台州政法融媒体中心 赵梦琴: a line of an outlet and its reporters' names, with no label, near the
    top of the page (source.outlet_names, author.outlet_names)."""
    for i in page.kept_lines()[:12]:
        m = _OUTLET_NAMES.fullmatch(page.lines[i].strip())
        if m and _outlet_of(m["o"]) == m["o"] and all(_is_name(w) for w in m["n"].split()):
            return i, m
    return None


_OUTLET_NAMES = re.compile(
    r"(?P<o>[\u4e00-\u9fff]{3,20})\s+(?P<n>[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4}){0,3})"
)


def _source_outlet_names(page: Page, hints) -> Found | None:
    if not on("source.outlet_names") or not (hit := _outlet_names_line(page)):
        return None
    i, m = hit
    start = page.lines[i].index(m["o"])
    return _one("source.outlet_names", i, start, start + len(m["o"]), page.lines[i])


def _column_cut(outlet: str) -> int:
    """四川新闻网-首屏新闻: the outlet ends before a column named after a hyphen (source.column); 天山网-
    新疆日报 names two outlets, both kept."""
    head, dash, tail = outlet.partition("-")
    second = _outlet_of(tail) == tail and tail.endswith(("报", "网", "台", "社"))  # not 首屏新闻
    column = dash and on("source.column") and _outlet_of(head) == head and not second
    return len(head) if column else len(outlet)


def _closing_bylines(page: Page):
    """(i, line, match) of the bracketed "post or body + name" closing an article, last lines first
    ((中共北镇市委书记 郑文彬), (台前县司法局 宗伟霞))."""
    for i in reversed(page.kept_lines()[-5:]):
        line = page.lines[i]
        if (m := _patterns()["closing_byline"].search(line)) and _is_name(m.group(2)):
            yield i, line, m


def _source_closing(page: Page, hints) -> Found | None:
    """(台前县司法局 宗伟霞) closing an article: the writer's body is the source."""
    for i, line, m in _closing_bylines(page):
        body = m.group(1).strip()
        if is_org_line(body):
            start = m.start(1) + m.group(1).index(body)
            return _one("source.closing", i, start, start + len(body), line)
    return None


_PAPER_CREDIT = re.compile(rf"^\s*《\s*([{_HAN}]{{2,10}}(?:报|日报|晚报))\s*》\s*[(（]")


def _source_paper_credit(page: Page, hints) -> Found | None:
    """《 人民日报 》( 2020年12月01日 11 版) closing an article: the paper and its edition."""
    for i in reversed(page.kept_lines()[-5:]):
        if (m := _PAPER_CREDIT.match(page.lines[i])) and _patterns()["edition_date"].search(page.lines[i]):
            return _one("source.paper_credit", i, m.start(1), m.end(1), page.lines[i])
    return None


_EDITOR_CREDIT = re.compile(
    rf"[(（]\s*([{_HAN}]{{2,20}}?)\s*(?:责任编辑|责编|编辑)\s*[:：]?\s*[{_HAN}]{{2,4}}\s*[)）][\s|｜]*$"
)


def _source_editor_credit(page: Page, hints) -> Found | None:
    """(津云新闻编辑孙畅) closing an article: the outlet whose editor it names is the source; the
    editor is no author (source.editor_credit)."""
    for i in reversed(page.kept_lines()[-3:]):
        line = page.lines[i]
        if (m := _EDITOR_CREDIT.search(line)) and _outlet_of(m.group(1)) == m.group(1):
            return _one("source.editor_credit", i, m.start(1), m.end(1), line)
    return None


def _source_credit_block(page: Page, hints) -> Found | None:
    """东辽县融媒体中心 / 记者:邢根源 / 编辑:李钐 closing an article: the outlet on the line above the
    reporter's line."""
    p = _patterns()
    for i in page.kept_lines()[-6:]:
        line = page.lines[i].strip()
        below = page.lines[i + 1] if i + 1 < len(page.lines) else ""
        if p["author_label"].match(below.strip()) and line and _outlet_of(line) == line:
            return _one("source.credit_block", i, 0, len(page.lines[i].rstrip()), page.lines[i])
    return None


def _source_hint(page: Page, hints) -> Found | None:
    value = (hints.get("source") or "").strip()
    return Found("source.hint", value) if _plausible_source(value, page) else None


def _source_signature(page: Page, hints) -> Found | None:
    """The organisation signing a notice or report: its name alone on a line above the date, or
    on the last line."""
    kept = page.kept_lines()
    for k, i in enumerate(kept):
        s, e = _signed(page.lines[i])
        if i >= page.body_start and is_org_line(page.lines[i][s:e]):
            # the date under it, though the date reader took that line (拉萨市人大常委会 / 2025年8月1日)
            nxt = next((x for x in page.lines[i + 1 :] if x.strip()), "")
            dated = re.fullmatch(rf"[\s(（]*(?:{DATE}|{CN_DATE})[\s)）]*", nxt) is not None
            # last on the page, under a finished paragraph (not the cut-off end of an excerpt)
            last = (
                k == len(kept) - 1
                and k > 0
                and _SENTENCE_END.search(page.lines[kept[k - 1]].rstrip(_CLOSERS + " ")) is not None
            )
            if dated or last:
                return _one("source.signature", i, s, e, page.lines[i])
    return None


def _signed(line: str) -> tuple[int, int]:
    """[start, end) of a signature's name inside its line: (吉利区人大常委会办公室) closes a news story."""
    m = re.fullmatch(r"\s*[(（]([^()（）]+)[)）]\s*", line) if on("source.signature_bracket") else None
    return m.span(1) if m else (0, len(line))


def _addressed_body(line: str) -> bool:
    """杭州市人民代表大会常务委员会: — a body a report is delivered to, alone on its line with a colon
    [source.letterhead_body]."""
    m = re.fullmatch(r"\s*(.{2,30}?)[:：]\s*", line)
    return bool(m) and is_org_line(m.group(1)) and on("source.letterhead_body")


def _source_letterhead(page: Page, hints) -> Found | None:
    """温州市中级人民法院 above 主任、副主任、秘书长、各位委员: — the body that delivers a report."""
    kept = page.kept_lines()[:8]
    for k, i in enumerate(kept):
        if not is_org_line(page.lines[i]):
            continue
        for j in kept[k + 1 : k + 3]:
            if lexicon().salutation.match(page.lines[j]) or _addressed_body(page.lines[j]):
                return _one("source.letterhead", i, 0, len(page.lines[i]), page.lines[i])
    return None


def _issuer_in_title(page: Page, title: Found) -> Found | None:
    """县司法局关于…工作总结报告 → 县司法局: the issuer named at the head of an official title."""
    p = _patterns()
    if not title.parts or not p["doc_type_end"].search(title.text):
        return None
    m = p["issuer"].match(title.text)
    if not m or not (
        all(is_org_line(org) for org in m.group("o").split())  # two issuers: 中共洛宁县委 洛宁县人民政府
        or (on("source.area_in_title") and p["area"].match(m.group("o")) and _issues_itself(title.text, m))
    ):
        return None  # 阜城县关于2022年度…报告: the area's government issues it (source.area_in_title)
    if not title.parts:
        return Found("source.issuer_in_title", m.group("o"))
    (i, s, _), *_ = title.parts[0]
    return Found("source.issuer_in_title", m.group("o"), (((i, s, s + m.end("o")),),))


def _issues_itself(title: str, m: re.Match) -> bool:
    """An area issues a title in the form X关于…, or when it is a town (梅仙镇2025年…报告: a town
    reports on itself); 柳城县2023年法治政府建设年度报告 may be about the county, by anyone."""
    area = m.group("o")
    return area.endswith(_TOWN_LEVEL) or title[m.end("o") :].lstrip().startswith("关于")


_TOWN_LEVEL = ("镇", "乡", "街道", "苏木")


def _written_in(page: Page, text: str) -> tuple:
    """Where ``text`` stands in the first line holding it, so its value is kept as written
    (Traditional stays Traditional); () when no line holds it."""
    i = next((i for i, line in enumerate(page.lines) if text in line), None)
    if i is None:
        return ()
    s = page.lines[i].index(text)
    return (((i, s, s + len(text)),),)


def _site_name(page: Page) -> Found | None:
    """The site a page belongs to: the first breadcrumb, or a short line just above the breadcrumb."""
    if not page.crumbs:
        return None
    first = re.sub(r"^点击进入(.+?)首页$", r"\1", page.crumbs[0])  # 点击进入莞讯网首页>>: the site's link
    if (
        first not in ("首页", "主页", "网站首页")
        and not first.endswith(("首页", "主页"))  # 面包屑导航小图标 首页: an icon's caption and the home link
        and not re.match(r"(?:网站)?(?:首页|主页)\s", first)  # 首页 专题专栏: the home link, then a column
        and _plausible_source(first, page)
        and len(first) >= 3
    ):
        return Found("source.site_crumb", first, _written_in(page, first))
    crumb_at = next((i for i in range(len(page.lines)) if page.removed.get(i) == "nav.breadcrumb"), 0)
    above = [i for i in range(crumb_at) if page.kept(i)]
    if len(above) == 1:  # the page's only header line above the breadcrumb, not one of a menu's
        line = page.lines[above[0]]
        if 2 <= len(line) <= 12 and re.fullmatch(f"[{_HAN}]+", line) and not _menu_only(line):
            return _one("source.site_header", above[0], 0, len(line), line)
    return None


_SOURCE_RULES = (
    _source_label,
    _source_outlet_date,
    _source_masthead,
    _source_publisher_line,
    _source_edition_line,
    _source_above_date,
    _source_dateline,
    _source_credit,
    _source_byline,
    _source_outlet_names,
    _source_closing,
    _source_paper_credit,
    _source_editor_credit,
    _source_credit_block,
    _source_hint,
    _source_signature,
    _source_letterhead,
)


def is_org_line(line: str) -> bool:
    """An organisation's name and nothing else (温州市中级人民法院), not a headline ending in one."""
    line = simplified(line.strip())  # 北京市司法局人民參與和促進法治處: a Traditional page's body
    parts = line.split()
    if 1 < len(parts) <= 3 and len(line) <= 40:  # 中共惠安县委 惠安县人民政府: joint issuers
        return not re.search(r"\d", line) and all(is_org_line(part) for part in parts)  # not …874处 …13627处
    if len(line) > 30 or " " in line or not _patterns()["org"].match(line):
        return False
    if line.endswith(tuple(lexicon().event_endings)):
        return False  # 省十三届人大常委会第九次会议闭会: a meeting, no body
    bare = line.replace("中华人民共和国", "")  # its 和 is no headline's verb (中华人民共和国司法部)
    if m := _patterns()["org_name_tail"].search(bare):
        bare = bare[: m.start()]  # 陕西省发展与改革委员会, 人力资源和社会保障局: the body's own 与/和
    return not any(v in bare for v in lexicon().headline_verbs)


def _menu_only(text: str) -> bool:
    rest = text
    for w in sorted(lexicon().menu_words, key=len, reverse=True):
        rest = rest.replace(w, "")
    return not rest.strip()


# ---------------------------------------------------------------- author


def _names_after(line: str, start: int, i: int) -> list[tuple[Piece, ...]]:
    """Person names written from ``start`` up to the next label: 张三 李四 / 张三、李四 / 杨 文 /
    张电达报道. Empty unless every word there is a name (记者从会上获悉, 记者王五说), and empty for a
    photographer's credit (房佳伟摄)."""
    p = _patterns()
    m = re.match(rf"[{_HAN}·\s、,，]+", line[start:])
    if not m:
        return []
    run_end = start + m.end()
    for stop in (p["not_author"], p["any_label"], p["author_label"]):
        # the label's separator may lie past the run (马瑞婕孟健通讯员/关维: the slash ends the run)
        if (hit := stop.search(line, start, run_end + 2)) is not None and hit.start() < run_end:
            if hit.start() == start and stop is not p["author_label"]:
                return []  # 作者: 来源:… — an empty field
            if hit.start() > start:
                run_end = hit.start()  # 记者 张三 通讯员 李四: the next label starts its own run
    if line[run_end : run_end + 1] in (":", "：") and (glued := _glued_label(line, start, run_end)):
        run_end -= glued  # 作者:郭健源自:县司法局 — the next field's label touches the name
    elif line[run_end : run_end + 1] in (":", "：") and not line.endswith("报道", start, run_end):
        # 作者:王建国 浏览次数:12 — a field's label ends the run (记者方子健报道: is the byline's own end)
        cut = max(start - 1, *(line.rfind(c, start, run_end) for c in " \u3000、,，"))
        if not _is_name(line[cut + 1 : run_end]):  # not 记者 余鹏:这里是… (a reporter's words follow)
            if cut < start:
                return []
            run_end = cut
    tokens = [(t.start() + start, t.end() + start) for t in re.finditer(r"[^\s、,，]+", line[start:run_end])]
    if not tokens or _photo_credit(line, tokens[-1][1], run_end) or line[slice(*tokens[-1])].endswith("摄"):
        return []
    names: list[tuple[Piece, ...]] = []
    k = 1 if _org_first(line, start, tokens) else 0
    while k < len(tokens):
        s, e = tokens[k]
        word = line[s:e]
        if word == "报道" and names:
            break  # 记者 刘静 报道 王勇为 摄影: the reporters' run ends at 报道; a photographer follows
        if names and word.startswith(lexicon().lead_words) and on("author.before_lead"):
            break  # 通讯员钟鼎文 崔艳 近日,在…: the story's lead follows the byline on its line
        if word.endswith("报道") and e - s > 2:
            e, word = e - 2, word[:-2]
        if _is_name(word):
            names.append(((i, s, e),))
            k += 1
        elif (cut := _two_names(word)) is not None:
            names += [((i, s, s + cut),), ((i, s + cut, e),)]  # 邓光韬袁立朋: two names run together
            k += 1
        elif k + 1 < len(tokens) and len(word) == 1 and _is_name(word + line[slice(*tokens[k + 1])]):
            names.append(((i, s, e), (i, *tokens[k + 1])))  # 杨 文 → 杨文
            k += 2
        elif names and line[slice(*tokens[k])].endswith("报道") and len(word) <= 6:
            k += 1  # 记者 苏志坚 长春报道: where the reporter filed from
        elif cut := _glued_lead(word):
            names.append(((i, s, s + cut),))  # 记者王斌 邵鹏璐日前从…: the lead touches the last name
            break
        else:
            return []
    return names


def _glued_lead(word: str) -> int | None:
    """Length of a name that the story's lead follows without a break (邵鹏璐|日前从…) [author.glued_lead]."""
    if not on("author.glued_lead"):
        return None
    lead = lexicon().lead_words
    return next((n for n in (3, 2, 4) if word.startswith(lead, n) and _is_name(word[:n])), None)


def _two_names(word: str) -> int | None:
    """Where two full names written without a break split (邓光韬|袁立朋), if they do."""
    if not 4 <= len(word) <= 6:
        return None
    return next((n for n in (3, 2) if _is_name(word[:n]) and _is_name(word[n:])), None)


def _glued_label(line: str, start: int, end: int) -> int:
    """Length of a field label of two chars or more that ends the run at ``end`` right after a name
    (郭健|源自, 张三|来源), else 0."""
    for label in _field_labels():
        if line.endswith(label, start, end) and _is_name(line[start : end - len(label)].strip()):
            return len(label)
    return 0


@lru_cache(maxsize=1)
def _field_labels() -> tuple[str, ...]:
    """Date, source, author and credit labels of two chars or more, longest first."""
    lx = lexicon()
    labels = lx.strong_dates + lx.weak_dates + lx.source_labels + lx.author_labels + lx.not_author_labels
    return tuple(sorted((w for w in labels if len(w) >= 2), key=len, reverse=True))


def _photo_credit(line: str, name_end: int, run_end: int) -> bool:
    """房佳伟摄: 摄 glued to the last name makes it a photographer's credit; 李明 摄影:王强 is the
    next field's label."""
    aside = re.match(r"[(（][^()（）]{1,4}[)）]", line[run_end:])  # 德吉卓嘎(大)摄: an aside, then 摄
    after = run_end + (aside.end() if aside else 0)
    return (
        line[after : after + 1] == "摄"
        and run_end == name_end
        and line[after + 1 : after + 2] not in ("影", "像")
    )


def _org_first(line: str, start: int, tokens: list[tuple[int, int]]) -> bool:
    """作者:县司法局 孙丽 — a field's value that names the writer's body, then (a blank) the writer;
    not 记者见面会,费俊龙… in running text."""
    return (
        len(tokens) > 1
        and line[:start].rstrip().endswith((":", "："))
        and not line[tokens[0][1] : tokens[1][0]].strip()
        and is_org_line(line[slice(*tokens[0])])
    )


@lru_cache(maxsize=1)
def _label_words() -> frozenset[str]:
    lx = lexicon()
    return (
        frozenset(
            lx.strong_dates
            + lx.weak_dates
            + lx.source_labels
            + lx.author_labels
            + lx.not_author_labels
            + lx.menu_words
            + lx.title_labels
            + lx.source_trailers
            + lx.table_labels
        )
        | lx.not_sources
    )


def _is_name(word: str) -> bool:
    if word in _label_words():  # 来源, 编辑 … pass the surname test
        return False
    if "·" in word:
        return bool(re.fullmatch(rf"[{_HAN}]{{1,8}}(?:·[{_HAN}]{{1,8}})+", word))
    if len(word) >= 3 and len(word) in ethnic_name_ends(word, 0) and on("author.ethnic_name"):
        return True  # 记者 旦增旺姆: a Tibetan or Mongolian name has no surname
    # a label or a title before it and a break after it bound the name
    return is_person_name(word, bounded=True, labelled=True) and not _common_word(word)


_NAME_WORD_MIN_FREQ = 100  # 文摘 108, 查询 933; 文静 74 stays a possible name


def _common_word(word: str) -> bool:
    """A two-char "name" that is a common word other than a name in jieba's dictionary (查询, 文摘):
    a menu or column word on the page, not an author [author.not.common_word]."""
    return (
        on("author.not.common_word")
        and len(word) == 2
        and word in common_words(_NAME_WORD_MIN_FREQ)
        and word_tag(word) not in ("nr", "nrfg", "nrt")
    )


def _separator(line: str, names: list[tuple[Piece, ...]]) -> str:
    if len(names) > 1:
        between = line[names[0][-1][2] : names[1][0][1]]
        if "、" in between:
            return "、"
    return " "


def _author_label(page: Page, hints, title=None) -> Found | None:
    """作者:张三 / 记者|王德鹏 杨鸣宇 / 本报记者 张倩 / (记者张电达) / 记者 张三 通讯员 李四."""
    p = _patterns()
    for i, line in enumerate(page.lines):
        names: list[tuple[Piece, ...]] = []
        sep = " "
        for m in p["author_label"].finditer(line):
            if on("author.not.editor") and _editor_before(line, m.start()):
                continue
            found = _names_after(line, m.end(), i)
            if found and not names:
                sep = _separator(line, found)
                names += _bracket_names_before(line, m.start(), i)  # (林伊敏 通讯员欧阳素联)
            names += found
        if names:
            names += _next_byline_lines(page, i) if on("author.byline_lines") else []
            text = sep.join("".join(page.lines[k][s:e] for k, s, e in n) for n in names)
            return Found("author.label", text, tuple(names), sep, squeeze=True)
    return None


def _next_byline_lines(page: Page, i: int) -> list[tuple[Piece, ...]]:
    """■通 讯 员 王成虎 / 融媒体记者 张小燕 杨盼盼: the byline lines right under the first one."""
    p, names = _patterns(), []
    for j in [k for k in range(i + 1, min(i + 4, len(page.lines))) if page.kept(k)]:
        line = page.lines[j]
        m = p["author_label"].search(line, 0, 10)
        found = _names_after(line, m.end(), j) if m and len(line) <= 40 else []
        if not found or line[found[-1][-1][2] :].strip():
            break  # not a byline line of names alone
        names += found
    return names


def _bracket_names_before(line: str, pos: int, i: int) -> list[tuple[Piece, ...]]:
    """Names between an opening bracket and the label at pos ((林伊敏 通讯员欧阳素联): a reporter
    written without a label before a labelled one) [author.bracket_names]."""
    k = max(line.rfind("(", 0, pos), line.rfind("（", 0, pos))
    if (
        not on("author.bracket_names")
        or k < 0
        or re.search(r"[)）]", line[k:pos])
        or not line[k + 1 : pos].strip()
    ):
        return []
    if _outlet_of(line[k + 1 : pos].strip()):
        return []  # (郑报全媒体记者 董艳竹): the outlet, not a reporter
    names = _names_after(line[:pos], k + 1, i)
    return names if names and not line[names[-1][-1][2] : pos].strip() else []


def _editor_before(line: str, pos: int) -> bool:
    """记者 inside 责任编辑/摄影记者 is not a reporter's label."""
    return bool(re.search(r"(?:摄影|摄像|视频|编辑)$", line[max(0, pos - 2) : pos]))


def _author_dateline(page: Page, hints, title=None) -> Found | None:
    """Names in brackets after a dateline.

    惠民融媒讯(董梦璐 巩俊杰) / 中新网湖北新闻9月27日电 (宋钰杰 杨威).
    """
    for i in [j for j in page.kept_lines() if j >= page.body_start][:3]:
        line = page.lines[i]
        d = dateline(line) or _own_dateline(line)
        if not d:
            continue
        b = _BRACKET_AFTER_DATELINE.match(line, d[2])
        if b:
            names = _names_after(line, b.end(), i)
            close = line.find(")", b.end()), line.find("）", b.end())
            end = min(c for c in close if c >= 0) if max(close) >= 0 else -1
            if names and end >= 0 and not line[names[-1][-1][2] : end].strip():
                text = " ".join("".join(line[s:e] for _, s, e in n) for n in names)
                return Found("author.dateline", text, tuple(names), _separator(line, names), squeeze=True)
            if end >= 0 and _four_char_name(line[b.end() : end].strip()):  # 电 (熊祖晓晨): two surnames
                s = line.index(line[b.end() : end].strip(), b.end())
                return _one("author.dateline", i, s, s + 4, line)
    return None


# the bracket after a dateline's 讯, past a place and date written after it (网讯 南昌2月27日 (苏路程))
_BRACKET_AFTER_DATELINE = re.compile(r"(?:\s*[\u4e00-\u9fff]{2,6}\s?\d{1,2}\s?月\s?\d{1,2}\s?日)?\s*[(（]")


def _own_dateline(line: str) -> tuple[int, int, int] | None:
    """本报讯(刘萍): the paper's own dateline, whose brackets name the reporter (author.own_dateline)."""
    m = _patterns()["own_news"].match(line)
    return (
        (0, 0, m.end()) if m and on("author.own_dateline") and m.group(0).endswith(("讯", "消息")) else None
    )


def _four_char_name(word: str) -> bool:
    """熊祖晓晨: a four-character name (father's and mother's surnames), alone in a dateline's brackets."""
    return (
        on("author.four_char_name")
        and re.fullmatch(f"[{_HAN}]{{4}}", word) is not None
        and is_person_name(word[:3], bounded=True, labelled=True)
        and not _common_word(word[2:])
    )


def _author_hint(page: Page, hints, title=None) -> Found | None:
    """<meta name=author>, unless the page names that person as its editor (编辑:李楠)."""
    value = (hints.get("author") or "").strip()
    if not _is_name(value):
        return None
    credit = _patterns()["not_author"]
    if on("author.not.editor") and any(
        m.end() <= line.find(value, m.start()) <= m.end() + 2
        for line in page.lines
        if value in line
        for m in credit.finditer(line)
    ):
        return None
    return Found("author.hint", value)


def _author_speaker(page: Page, hints, title=None) -> Found | None:
    """【栏目】何志勇:标题 — the speaker who signs a headline is its author."""
    p = _patterns()
    for i in page.header:
        line = page.lines[i]
        col = p["title_column"].match(line)
        m = p["title_speaker"].match(line, col.end() if col else 0)
        name = m.group(1) if m else ""
        if (
            m
            and _is_name(name)
            and not _place_word(name)
            and title is not None
            and title.text
            and title.text in line
        ):
            return _one(
                "author.speaker", i, m.start(1), m.end(1), line
            )  # not 卢氏:“法治副书记”入村 (a county)
    return None


def _author_alone(page: Page, hints, title=None) -> Found | None:
    """A name alone on a line just under the headline."""
    if title is None or not title.parts:
        return None
    below = title.parts[0][-1][0]
    for i in [j for j in page.header if below < j <= below + 3]:
        if _is_name(page.lines[i].strip()):
            return _one("author.alone", i, 0, len(page.lines[i]), page.lines[i])
    return None


def _author_outlet_names(page: Page, hints, title=None) -> Found | None:
    """台州政法融媒体中心 赵梦琴: the names after an outlet on a line of their own."""
    if not on("author.outlet_names") or not (hit := _outlet_names_line(page)):
        return None
    i, m = hit
    line = page.lines[i]
    names = _names_after(line, line.index(m["n"], line.index(m["o"]) + len(m["o"])), i)
    if not names:
        return None
    text = " ".join("".join(line[s:e] for _, s, e in n) for n in names)
    return Found("author.outlet_names", text, tuple(names), _separator(line, names), squeeze=True)


def _author_closing(page: Page, hints, title=None) -> Found | None:
    """(中共北镇市委书记 郑文彬) closing an article: the signed author."""
    for i, line, m in _closing_bylines(page):
        names = _names_after(line, m.start(1), i)
        if names and not line[names[-1][-1][2] : m.end(1)].strip():
            continue  # (石庆海 张吉云 徐玉玲): all names, the closing names' rule reads them
        if not _is_name(m.group(1).strip()):  # (吴经山 田宇): two names, no post or body
            return _one("author.closing", i, m.start(2), m.end(2), line)
    return None


def _author_closing_names(page: Page, hints, title=None) -> Found | None:
    """…过一个廉洁的新春佳节。(常书香 马丹阳) — names alone in brackets closing the last paragraph, or
    on a line of their own after it."""
    kept = page.kept_lines()
    for i in reversed(kept):
        line = page.lines[i]
        m = re.search(r"[。！？!?”]\s*[(（]([^()（）]{2,30})[)）]\s*$", line)
        if m is None and i in kept[-2:] and i > kept[0]:
            m = re.fullmatch(r"\s*[(（]([^()（）]{2,30})[)）]\s*", line)
        if (
            m
            and (names := _names_after(line, m.start(1), i))
            and re.fullmatch(r"(?:[/／](?:文图|图文|文))?", line[names[-1][-1][2] : m.end(1)].strip())
        ):  # (赵富林 程江娟/文图): their credit may follow the names
            text = " ".join("".join(line[s:e] for _, s, e in n) for n in names)
            return Found("author.closing_names", text, tuple(names), _separator(line, names), squeeze=True)
    return None


_AUTHOR_RULES = (
    _author_label,
    _author_dateline,
    _author_hint,
    _author_speaker,
    _author_alone,
    _author_outlet_names,
    _author_closing,
    _author_closing_names,
    _author_contributed,
)


# ---------------------------------------------------------------- title


def not_title_rule(line: str) -> str | None:
    """Id of the rule that says this line is not a headline, if any (rules switched off do not)."""
    for rule_id, pattern, max_len in lexicon().not_title:
        if len(line) <= max_len and pattern.search(line) and on(rule_id):
            return rule_id
    if on("title.not.menu") and _menu_only(line):
        return "title.not.menu"
    p = _patterns()
    if on("title.not.blank_label") and p["blank_label"].match(line):
        return "title.not.blank_label"  # 来源 石泉县应急管理局: a field with a blank for its colon
    if on("title.not.org") and is_org_line(line):
        return "title.not.org"
    if on("title.not.position") and p["position"].match(line):
        return "title.not.position"
    if (
        on("title.not.field")
        and (m := p["field"].match(line))
        and m.group(1).endswith(lexicon().field_label_endings)
        and not _is_name(m.group(1))
    ):
        return "title.not.field"  # 主题分类:综合政务 — a field; 市场监管局:护航营商环境 is a headline
    if on("title.not.fields_row") and _labels_in(line) >= 2:
        return "title.not.fields_row"  # 责任部门 某局 公开时限 长期公开: a disclosure table's row
    if on("title.not.glued_field") and p["glued_field"].match(line):
        return "title.not.glued_field"  # 发布机构屏边县新华乡人民政府: a table's label glued to its value
    return None


def _labels_in(line: str) -> int:
    """How many table or source labels open a space-separated part of the line."""
    return sum(part.startswith(_row_labels()) for part in line.split())


@lru_cache(maxsize=1)
def _row_labels() -> tuple[str, ...]:
    return lexicon().table_labels + lexicon().source_labels


def _is_candidate(line: str) -> bool:
    return len(re.findall(f"[{_HAN}]", line)) >= 5 and len(line) <= 100 and not_title_rule(line) is None


def _title(page: Page, hint: str | None) -> Found | None:
    readers = (
        _labelled_title,
        _header_title,
        _fields_title,
        _cell_title,
        _salutation_title,
        _glued_body_title,
        _issued_title,
        _dated_headline,
        _original_title,
    )
    text_title = next((f for f in (read(page) for read in readers) if _switched(f)), None)
    if not hint:
        return text_title
    cleaned = _hint_headline(hint).rstrip(".…")  # the <title> tag, shown as the page shows it
    stripped = _strip_title_text(cleaned)
    usable = len(stripped) >= 5 and not is_org_line(stripped)
    truncated = (
        text_title is not None
        and text_title.text.startswith(stripped)
        and re.match(r"[^-_|｜\s]", text_title.text[len(stripped) :]) is not None
    )
    from_hint = Found("title.hint", cleaned) if usable and on("title.hint") else None
    if text_title is not None and (from_hint is None or truncated):
        return text_title  # the tag holds the site's name, or a truncated headline
    return from_hint


def _dated_headline(page: Page) -> Found | None:
    """The headline written on one line with its date (title.dated_headline)."""
    for i in [k for k in range(min(page.body_start, 6)) if page.kept(k)][:3]:
        line = page.lines[i]
        if m := _headline_then_date(line):
            head = line[: m.start()].rstrip()
            return _one("title.dated_headline", i, len(head) - len(head.lstrip()), len(head), line)
    return None


def _original_title(page: Page) -> Found | None:
    """原标题:宪法日法治宣传 广场活动海口举行 — with no headline of its own, a repost's original title
    is its title (title.original)."""
    if not on("title.original"):
        return None
    for i, line in enumerate(page.lines[:8]):
        if (m := re.match(r"原标题\s*[:：]\s*", line)) and _is_candidate(line[m.end() :]):
            return _one("title.original", i, m.end(), len(line), line)
    return None


def _labelled_title(page: Page) -> Found | None:
    """标题:关于…的通知 — a title field of a disclosure table."""
    for i, line in enumerate(page.lines[:60]):
        if not (m := _patterns()["title_label"].match(line)):
            continue
        end = min(
            (k for k in (line.find("|", m.end()), line.find("｜", m.end())) if k >= 0), default=len(line)
        )
        end = len(line[:end].rstrip())
        if _is_candidate(line[m.end() : end]):
            return _one("title.label", i, m.end(), end, line)
    return None


def _hint_headline(hint: str) -> str:
    """The headline inside a <title> tag: headline_column_site, headline - site, site | headline."""
    cleaned = _tidy(hint)
    while (m := re.search(r"\s*[-_|｜]\s*([^-_|｜]{2,20})$", cleaned)) and len(cleaned[: m.start()]) >= 8:
        cleaned = cleaned[: m.start()]
    head, bar, rest = cleaned.partition(" | ")
    if bar and _site_like(head):
        cleaned = rest
    if (m := re.search(rf"\s+([{_HAN}]{{2,8}}(?:网|网站))$", cleaned)) and len(cleaned[: m.start()]) >= 8:
        cleaned = cleaned[: m.start()]  # 标题 河南日报网
    return cleaned


def _header_title(page: Page) -> Found | None:
    lines = page.lines
    cands = [i for i in page.header if _is_candidate(lines[i]) and not _popup(lines, i)]
    cands = [i for k, i in enumerate(cands) if not (k and _subtitle(lines[i]))]
    cands = [i for k, i in enumerate(cands) if not _cut_copy(lines, cands[k + 1 : k + 4], i)]
    if len(cands) > 1 and _kicker(lines[cands[0]]) and _next_kept(page, cands[0]) == cands[1]:
        cands = cands[1:]  # 某某主持…会议时强调 / 把优化营商环境作为…: the headline under its lead-in
    if on("title.not.menu_column"):
        cands = [i for i in cands if not _in_menu_column(page, i)]
    found = _with_issuer(page, _wrapped_title(page, cands)) or _issuer_title(page, cands)
    whole = next(
        (i for i in cands if found and lines[i].endswith(found.text) and lines[i] != found.text), None
    )
    if whole is not None:
        return _one("title.header", whole, 0, len(lines[whole]), lines[whole])  # the headline in one line
    if found:
        return found
    if not cands:
        return None
    crumb = page.crumbs[-1] if page.crumbs else None

    def confirmed(i: int) -> bool:  # repeated on the page, or the breadcrumb's last part
        return lines[i] == crumb or any(j != i and lines[j].strip() == lines[i] for j in range(len(lines)))

    def bylined(i: int) -> bool:  # the line under it is the dated byline (2024年07月10日 來源:…)
        j = _next_kept(page, i)
        return j is not None and j in page.meta and ANY_DATE.search(lines[j]) is not None

    rule = "title.header"
    pick = next((i for i in cands if confirmed(i)), None)
    if pick is None:
        rest = list(cands)
        while (
            len(rest) > 1
            and (len(lines[rest[0]]) <= 8 or _COMMA.search(lines[rest[0]]))
            and len(lines[rest[1]]) > len(lines[rest[0]])
        ):
            rest.pop(0)  # a column name or a slogan above the headline
        pick = rest[0]
        above = next((i for i in cands if bylined(i)), None) if on("title.above_byline") else None
        if above is not None and above != pick:
            pick, rule = above, "title.above_byline"  # 中新社四川分社正文 above the headline
    pick = _without_trailers(lines, cands, pick)
    end = len(lines[pick])
    if (m := _patterns()["site_tail"].search(lines[pick])) and _site_like(m.group(1)):
        end = m.start()  # 标题_某某市人民政府: the site's name after the headline
    picked = _strip_title(Found(rule, lines[pick][:end], (((pick, 0, end),),)), lines[pick])
    return _with_issuer(page, picked)  # 海东市人民政府 / 关于2019年度…的报告


def _next_kept(page: Page, i: int) -> int | None:
    return next((k for k in range(i + 1, len(page.lines)) if page.kept(k)), None)


_KICKER_END = re.compile(r"(?:时|上)?(?:强调|指出|要求|表示)$")


def _kicker(line: str) -> bool:
    """沈晓明主持七届省政府第17次常务会议时强调: a lead-in that says who spoke, over the headline that
    says what [title.kicker]."""
    return on("title.kicker") and _KICKER_END.search(line.strip()) is not None


def _cut_copy(lines: list[str], later: list[int], i: int) -> bool:
    """法援为农民工撑起“保护 over 法援为农民工撑起“保护伞”: a tab title cut short, which a later line gives
    whole [title.cut_repeat]."""
    line = lines[i].strip()
    return (
        len(line) >= 6
        and on("title.cut_repeat")
        and any(lines[j].strip().startswith(line) and len(lines[j].strip()) > len(line) for j in later)
    )


def _in_menu_column(page: Page, i: int) -> bool:
    """工作情况公开 / 来电类型公开 / 承办情况公开: three or more short header lines in a row are a
    menu's column, no headline (title.not.menu_column)."""
    lines = page.lines

    def short(k: int) -> bool:
        return 0 < len(lines[k].strip()) <= 8

    if not short(i):
        return False
    run_start, run_end = i, i  # the run of short lines around i, read outwards from it
    while run_start > 0 and short(run_start - 1):
        run_start -= 1
    while run_end + 1 < len(lines) and short(run_end + 1):
        run_end += 1
    return run_end - run_start >= 2


def _without_trailers(lines: list[str], cands: list[int], pick: int) -> int:
    """围绕中心依法履职 切实提高监督实效 政务要闻-政务 吕宏文 2881927: a page-title copy with the
    column, editor and id after the headline; the headline's own line wins (title.not.with_trailers)."""
    if not on("title.not.with_trailers"):
        return pick
    return next(
        (
            j
            for j in cands
            if j != pick
            and lines[pick].startswith(lines[j])
            and lines[pick][len(lines[j]) : len(lines[j]) + 1]
            in (" ", "_", "-", "|", "｜")  # …_衢州新闻_浙江网
            and re.search(r"\d|[-_|｜]", lines[pick][len(lines[j]) :])  # not a headline's next part
        ),
        pick,
    )


def _cell_title(page: Page) -> Found | None:
    """| 2025年度新村街行政执法工作情况报告 |: a headline as a table's only cell, or its right half
    (区人大常委会召开第三十一次会议 |) (title.table_cell)."""
    if not on("title.table_cell"):
        return None
    for i in page.header[:3]:
        m = re.fullmatch(r"\s*([|｜]?)\s*([^|｜]+?)\s*[|｜]\s*", page.lines[i])
        nxt = page.lines[i + 1].lstrip() if i + 1 < len(page.lines) else ""
        half = m and not m.group(1) and not nxt.startswith(("|", "｜"))  # a half cell opens a table row
        if m and not half and _is_candidate(m.group(2)):
            return _one("title.table_cell", i, m.start(2), m.end(2), page.lines[i])
    return None


def _fields_title(page: Page) -> Found | None:
    """会议召开 发布时间:2026-02-09 信息来源:上海长宁 — the headline on the line of its own fields: the
    part before the first label (title.before_fields)."""
    if not on("title.before_fields"):
        return None
    for i in sorted(i for i in page.meta | set(page.header) if i < page.body_start):
        line = page.lines[i]
        m = _patterns()["any_label"].search(line)
        head = line[: m.start()].rstrip().rstrip("|｜").rstrip() if m else ""  # 标题 | 来源:…
        if (d := ANY_DATE.search(head)) and not head[d.end() :].strip(" :：0123456789") and d.start():
            head = head[: d.start()].rstrip()  # 黄莉新主持全体会议 2024-09-27 来源:解放日报
        if (
            m
            and line[m.start() - 1 : m.start()].isspace()
            and _is_candidate(head)
            and not ANY_DATE.search(head)
        ):
            return _strip_title(_one("title.before_fields", i, 0, len(head), line), line)
    return None


_DASHES = ("——", "—", "--", "－－")


def _subtitle(line: str) -> bool:
    """——海南营商环境建设专场 under a headline: its subtitle, never the title (title.not.dash_subtitle);
    so is a line naming who attended and who chaired (张宝东列席…金东海主持并讲话;
    title.not.names_subtitle)."""
    if on("title.not.dash_subtitle") and line.lstrip().startswith(_DASHES):
        return True
    return (
        on("title.not.names_subtitle")
        and len(_patterns()["attendance"].findall(line)) >= 2
        and not _SENTENCE_END.search(line)
    )


def _popup(lines: list[str], i: int) -> bool:
    """两学一做专题 / 关闭: a pop-up's caption (the next line is a menu word), never the headline."""
    j = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
    return (
        j is not None
        and _menu_only(lines[j])
        and not is_meta_line(lines[j])  # 字号: is a field
        and re.search(r"[\u4e00-\u9fffA-Za-z]", lines[j]) is not None  # a row of bars is no menu
    )


def _site_like(text: str) -> bool:
    return is_org_line(text) or bool(re.search("(?:网|网站|门户|平台|政府)$", text))


def _wrapped_title(page: Page, cands: list[int]) -> Found | None:
    """县司法局关于2021-2025年度行 / 政复议体制改革工作总结报告: a title broken over two lines."""
    p = _patterns()
    for a, b in itertools.pairwise(cands):
        la, lb = page.lines[a], page.lines[b]
        if (
            b == a + 1
            and (" " not in la + lb or (lb.startswith("关于") and " " not in lb))  # 市政府 市法院印发 / 关于…
            and len(la) >= 8  # 办理情况公开 / 2021年工作计划: two items of a menu
            and (
                not p["doc_type_end"].search(la) or lb.startswith(("和", "及", "与", "暨"))
            )  # …总结 / 和…的通知
            and p["doc_type_end"].search(lb)
            and len(la + lb) <= 80
            and not lb.startswith(("—", "-"))
        ):
            return Found("title.wrapped", la + lb, (((a, 0, len(la)), (b, 0, len(lb))),))
    return _doc_type_line(page, cands)


def _doc_type_line(page: Page, cands: list[int]) -> Found | None:
    """关于2023年度法治政府建设情况的 / 报 告: the document's type alone on the next line, spaced like a
    heading, or a short last part ending in one (… / 工作情况), ends the title (title.doc_type_line)."""
    if not on("title.doc_type_line"):
        return None
    for a in cands:
        la, lb = page.lines[a], page.lines[a + 1] if a + 1 < len(page.lines) else ""
        kind = re.sub(r"\s", "", lb)  # 报 告 → 报告
        tail = (  # 2022年第三季度政务服务和公共资源交易 / 工作情况: a short last part
            re.fullmatch(f"[{_HAN}]{{2,6}}", kind)
            and _patterns()["doc_type_end"].search(kind)
            and not _patterns()["doc_type_end"].search(la)
            and re.search(f"[{_HAN}”」』]$", la)  # 2024年某省“宪法宣传周” / 工作方案
        )
        if (la.endswith("的") and kind in lexicon().doc_types) or tail:
            return Found(
                "title.doc_type_line",
                la + kind,
                (((a, 0, len(la)), (a + 1, 0, len(lb))),),
                squeeze=True,
            )
    return None


def _with_issuer(page: Page, found: Found | None) -> Found | None:
    """西平县人民政府办公室 / 关于印发…建设 / 工作安排的通知: the issuer's line above a wrapped title
    that opens with 关于 is part of it (title.issuer_line)."""
    if found is None or not on("title.issuer_line") or not found.text.startswith("关于"):
        return found
    a = found.parts[0][0][0]
    above = page.lines[a - 1] if a else ""
    if a - 1 in page.header and not_title_rule(above) == "title.not.org" and len(above + found.text) <= 100:
        parts = (((a - 1, 0, len(above)), *found.parts[0]),)
        return Found("title.issuer_line", above + found.text, parts, squeeze=found.squeeze)
    return found


def _issuer_title(page: Page, cands: list[int]) -> Found | None:
    """临澧县人民政府办公室 / 关于印发…的通知: the issuer set on its own line above the rest of a
    document's title is part of it (title.issuer_line), not a letterhead (…文件)."""
    if not cands or not on("title.issuer_line"):
        return None
    b = cands[0]
    la, lb = page.lines[b - 1] if b else "", page.lines[b]
    if (
        b - 1 in page.header
        and not_title_rule(la) == "title.not.org"  # an organ's name (is_org_line) and nothing else wrong
        and _patterns()["doc_type_end"].search(lb)
        and (lb.startswith("关于") or re.match(r"\d{4}年", lb))
        and len(la + lb) <= 80
    ):
        return Found("title.issuer_line", la + lb, (((b - 1, 0, len(la)), (b, 0, len(lb))),))
    return None


def _salutation_title(page: Page) -> Found | None:
    """市长在全市法治政府建设工作会议上的讲话同志们:今天… — a title glued to the speech's salutation."""
    kept = page.kept_lines()
    if not kept:
        return None
    i = kept[0]
    line = page.lines[i]
    m = lexicon().salutation.search(line)
    if (
        m
        and 6 <= m.start() <= 80
        and _is_candidate(line[: m.start()])
        and not _SENTENCE_END.search(line[: m.start()])
        and not _COMMA.search(line[: m.start()])
    ):
        return _one("title.salutation", i, 0, m.start(), line)
    return None


def _glued_body_title(page: Page) -> Found | None:
    """某县2025年度法治政府建设情况报告2025年,全县… — a report's or a notice's title glued to its first
    paragraph: cut after the first doc_types word that a body opener follows, or before the paper's
    own dateline (… 本报讯 受市长…委托)."""
    kept = page.kept_lines()
    if not kept:
        return None
    i = kept[0]
    line = page.lines[i]
    for m in _patterns()["doc_type"].finditer(line[:80]):
        head = line[: m.end()]
        if (
            len(head) >= 6
            and lexicon().body_opener.match(line, m.end())
            and _is_candidate(head)
            and not _SENTENCE_END.search(head)
            and not _COMMA.search(head)
        ):
            return _one("title.glued_body", i, 0, m.end(), line)
    if (m := _GLUED_DATELINE.search(line, 6, 120)) and _is_candidate(head := line[: m.start()].rstrip()):
        return _one("title.glued_body", i, 0, len(head), line)  # 市政府举行第21次常务会议 本报讯 受市长…
    return None


_GLUED_DATELINE = re.compile(r"\s+(?=(?:本报|本网|本台|本刊)(?:讯|消息))")


def _issued_title(page: Page) -> Found | None:
    """《X》已经…印发给你们 and X standing alone on a later line: the issued document's title."""
    issued = _patterns()["issued"]
    found = [(i, m) for i in page.kept_lines()[:10] for m in issued.finditer(page.lines[i])]
    quoted = {m.group(1) for _, m in found}
    for i in page.kept_lines():
        if page.lines[i] in quoted:
            return _one("title.issued", i, 0, len(page.lines[i]), page.lines[i])
    if found and on("title.issued_quote"):  # the page ends before the document's own heading
        i, m = found[0]
        return _one("title.issued_quote", i, m.start(1), m.end(1), page.lines[i])
    return None


def _speaker_end(text: str, start: int = 0) -> int | None:
    """End of a speaker's 'Name:' heading a headline at ``start``, after a 【column】 tag if there is
    one (【栏目】何志勇:标题), else None; the tag itself stays, as the page shows it (【山西招商】…)."""
    p = _patterns()
    col = p["title_column"].match(text, start)
    m = p["title_speaker"].match(text, col.end() if col else start)
    return m.end() if m and _is_name(m.group(1)) and not _place_word(m.group(1)) else None


def _place_word(word: str) -> bool:
    """施秉:“花式”普法…: a place's name heads the headline, no speaker's (title.place_lead)."""
    return on("title.place_lead") and word in _place_names()


def _strip_title(found: Found, line: str) -> Found:
    """Drop a speaker's 'Name:' in front of the headline, and a document's status and number
    ((失效)西政办发〔2017〕13号 北京市…的通知; title.not.doc_number_lead)."""
    ((i, s, e),) = found.parts[0]
    if _subtitle(line[s:e]):  # a title line written like a subtitle (——陈仓区新街镇开展…): no dashes
        s += len(line[s:e]) - len(line[s:e].lstrip(" —-－"))
    if on("title.not.doc_number_lead") and (m := _DOC_NUMBER_LEAD.match(line, s)) and e - m.end() >= 6:
        s = m.end()
    if on("title.not.ornaments") and (m := _TITLE_LEAD.match(line, s)) and e - m.end() >= 6:
        s = m.end()  # • 标题, [权威发布]标题: a bullet or a column's tag
    # 标题******: stars after the headline; 标题_站名: the site's name; 标题2.jpg; 标题 | ||||
    if on("title.not.ornaments") and (m := _TITLE_TAIL.search(line, s, e)) and m.start() - s >= 6:
        e = m.start()
    if (
        on("title.not.ornaments")
        and line[s : s + 1] == "《"
        and line[e - 1 : e] == "》"
        and _one_title(line[s:e])
    ):
        s, e = s + 1, e - 1  # 《中共某省委 某省人民政府关于印发…的通知》: the whole headline in brackets
    return _one(found.rule, i, _speaker_end(line, s) or s, e, line)


_TITLE_LEAD = re.compile(r"\s*(?:[•·●◆■▶►]\s*|\[[\u4e00-\u9fff]{2,6}\]\s*)")  # 【工作动态】 is the headline's
_TITLE_TAIL = re.compile(
    r"\s*(?:[*＊#=~～]{2,}|_[\u4e00-\u9fffA-Za-z]{2,10}|\d*\.(?:jpe?g|png|gif|bmp)|[|｜][|｜\s]*)\s*$",
    re.IGNORECASE,
)


def _one_title(text: str) -> bool:
    """《…》 holds the whole text and closes only at its end (no 《A》《B》)."""
    depth = 0
    for k, ch in enumerate(text):
        depth += (ch == "《") - (ch == "》")
        if depth == 0 and k < len(text) - 1:
            return False
    return depth == 0


_DOC_NUMBER_LEAD = re.compile(
    r"(?:[(（【\[](?:失效|有效|废止|已废止|已失效|现行有效)[)）】\]])?\s*[\u4e00-\u9fff]{1,12}[〔\[(（]\d{4}[〕\])）]\d{1,4}号\s*"
)


def _strip_title_text(title: str) -> str:
    return title[_speaker_end(title) or 0 :].strip()
