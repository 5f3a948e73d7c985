"""Document metadata from the lines of a page: title, publish date, source, author.

Labelled fields win over guesses: 发布日期 over a widget date, 来源 over the site name, 作者 over
a byline, unless the labelled value is implausible (a category name as 来源, an office as 作者).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pipeline.lexicons import is_person_name

DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
DATE_LABELS = ["发布日期", "发布时间", "发文日期", "撰写时间", "成文日期", "印发日期", "更新时间", "时间", "日期"]
LABELLED_DATE = re.compile(rf"({'|'.join(DATE_LABELS)})\s*[:：]\s*{DATE}")
HEADER_DATE = re.compile(rf"\s*{DATE}(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?(?=\s|$)")
SOURCE_LABEL = re.compile(r"(文章来源|信息来源|新闻来源|稿件来源|来源|稿源|出处)\s*[:：]\s*([^\s|｜,，:：]{2,30})")
AUTHOR_LABEL = re.compile(r"(作者|记者|通讯员|撰稿人?|撰文|文)\s*[:：/]\s*([\u4e00-\u9fff、 ]{2,20}?)(?=\s|$|[|｜,，(（]|来源|时间|发布|编辑)")
META_LINE = re.compile(rf"^({'|'.join(DATE_LABELS)}|文章来源|信息来源|来源|作者|记者|通讯员|点击|浏览|阅读)\s*[:：]")
CONTRIBUTED = re.compile(r"[(（]([^()（）]{2,30}?)供稿[)）]")
CLOSING_BYLINE = re.compile(r"[(（]([^()（）]{2,40}?)\s+([\u4e00-\u9fff]{2,4})[)）]\s*$")
BREADCRUMB = re.compile(r"(?:当前位置|您的位置|现在的位置|所在位置)?\s*[:：]?\s*([^>＞»→]+?)\s*[>＞»→]")
ORG_SUFFIX = re.compile(r"(办公室|人民政府|政府|委员会|管委会|局|厅|院|部|中心|办|委|处|所|会|社|报)$")
TITLE_COLUMN = re.compile(r"^[【\[][^】\]]{1,30}[】\]]\s*")
TITLE_SPEAKER = re.compile(r"^([\u4e00-\u9fff]{2,4})[:：]\s*")
SENTENCE_END = re.compile(r"[。！？；!?]$")


@dataclass
class Metadata:
    title: str | None = None
    publish_date: dt.date | None = None
    source: str | None = None
    author: str | None = None
    meta_lines: set[int] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def parse_date(text: str) -> dt.date | None:
    m = re.search(DATE, text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def extract(lines: list[str], removed: dict[int, str], hints: dict[str, str]) -> Metadata:
    """Metadata of a document given its stripped lines and the boilerplate verdict per line."""
    md = Metadata()
    md.meta_lines = {i for i, line in enumerate(lines) if META_LINE.search(line) and len(line) < 160}
    crumbs = _breadcrumb_parts(lines, removed)
    md.publish_date = (_labelled_date(lines) or _parse_hint_date(hints.get("publish_date")) or _header_date(lines)
                       or _signature_date(lines, removed))
    md.source = (_labelled_source(lines, crumbs) or _contributed(lines, removed) or hints.get("source")
                 or _signature_org(lines, removed) or _site_name(lines, removed, crumbs))
    md.title = _title(lines, removed | dict.fromkeys(md.meta_lines, "meta"), hints.get("title"), crumbs)
    md.author = _author(lines, removed, md, hints.get("author"))
    return md


def _labelled_date(lines: list[str]) -> dt.date | None:
    found: dict[str, dt.date] = {}
    for line in lines[:60]:
        for m in LABELLED_DATE.finditer(line):
            d = parse_date(m.group(0))
            if d:
                found.setdefault(m.group(1), d)
    for label in DATE_LABELS:
        if label in found:
            return found[label]
    return None


def _header_date(lines: list[str]) -> dt.date | None:
    """An unlabelled date that opens a header line of other metadata (2023-12-08 09:30 来源:…) or
    stands alone, with or without a time, near the top (under the title)."""
    for i, line in enumerate(lines[:30]):
        m = HEADER_DATE.match(line)
        if m and (SOURCE_LABEL.search(line) or AUTHOR_LABEL.search(line)) and len(line) < 160:
            return parse_date(m.group(0))
        if m and i < 10 and not line[m.end():].strip():
            return parse_date(m.group(0))
    return None


def _parse_hint_date(value: str | None) -> dt.date | None:
    return parse_date(value) if value else None


def _signature_date(lines: list[str], removed: dict[int, str]) -> dt.date | None:
    """A date alone on one of the last kept lines (the date under a notice's signature)."""
    kept = [line for i, line in enumerate(lines) if i not in removed]
    for line in kept[-3:]:
        if re.fullmatch(DATE, line):
            return parse_date(line)
    return None


def _breadcrumb_parts(lines: list[str], removed: dict[int, str]) -> list[str]:
    for i, line in enumerate(lines[:20]):
        if removed.get(i) == "nav.breadcrumb":
            parts = [p.strip(" :：") for p in re.split(r"[>＞»→]", re.sub(r"^.*?(位置)\s*[:：]?", "", line))]
            return [p for p in parts if p]
    return []


def _labelled_source(lines: list[str], crumbs: list[str]) -> str | None:
    for line in lines[:60]:
        m = SOURCE_LABEL.search(line)
        if m and m.group(2) not in crumbs[1:]:  # a breadcrumb category is not a publisher
            return m.group(2)
    return None


def _contributed(lines: list[str], removed: dict[int, str]) -> str | None:
    for i in range(len(lines) - 1, -1, -1):
        if i not in removed and (m := CONTRIBUTED.search(lines[i])):
            return m.group(1).strip()
    return None


def _signature_org(lines: list[str], removed: dict[int, str]) -> str | None:
    """An organisation name alone on a line at the very end (optionally above a date)."""
    kept = [line for i, line in enumerate(lines) if i not in removed]
    tail = kept[-2:]
    if tail and re.fullmatch(DATE, tail[-1]):
        tail = tail[:-1]
    if tail and 4 <= len(tail[-1]) <= 30 and ORG_SUFFIX.search(tail[-1]) and " " not in tail[-1]:
        return tail[-1]
    return None


def _site_name(lines: list[str], removed: dict[int, str], crumbs: list[str]) -> str | None:
    if crumbs and crumbs[0] not in ("首页", "主页", "网站首页"):
        return crumbs[0]
    # a short standalone line in the page header, before the breadcrumb
    for i, line in enumerate(lines[:10]):
        if removed.get(i) == "nav.breadcrumb":
            break
        if i not in removed and 2 <= len(line) <= 12 and not SENTENCE_END.search(line) and " " not in line:
            return line
    return None


def _title(lines: list[str], removed: dict[int, str], hint: str | None, crumbs: list[str]) -> str | None:
    if hint:
        cleaned = re.split(r"\s*[-_|｜]\s*(?=[^-_|｜]{2,20}$)", hint.strip())[0]
        return _strip_title(cleaned) or None
    candidates = _title_candidates(lines, removed)
    if not candidates:
        return None
    texts = [lines[i] for i in candidates]

    def score(i: int) -> tuple[int, int]:
        line = lines[i]
        s = 2 * sum(1 for j, other in enumerate(lines) if j != i and other == line)
        s += sum(1 for j, other in enumerate(lines) if j != i and line in other and other != line and len(other) < 200)
        s += sum(1 for other in texts if other != line and other in line)
        s += 5 if crumbs and crumbs[-1] == line else 0
        return s, -i

    return _strip_title(lines[max(candidates, key=score)])


def _title_candidates(lines: list[str], removed: dict[int, str]) -> list[int]:
    """Short heading-like lines at the top, before the body's second long paragraph."""
    out = []
    long_paragraphs = 0
    for i, line in enumerate(lines[:40]):
        if long_paragraphs >= 2:
            break
        if i in removed:
            continue
        if len(line) > 100 or SENTENCE_END.search(line):
            long_paragraphs += len(line) > 60
            continue
        if 5 <= len(line):
            out.append(i)
    return out


def _strip_title(title: str) -> str:
    title = TITLE_COLUMN.sub("", title)
    m = TITLE_SPEAKER.match(title)
    if m and is_person_name(m.group(1)):
        title = title[m.end():]
    return title.strip()


def _author(lines: list[str], removed: dict[int, str], md: Metadata, hint: str | None) -> str | None:
    for line in lines[:60]:
        m = AUTHOR_LABEL.search(line)
        if m:
            names = [n for n in re.split(r"[、\s]+", m.group(2)) if is_person_name(n)]
            if names:
                return "、".join(names)
    if hint and is_person_name(hint.strip()):
        return hint.strip()
    for line in lines[:30]:  # 【栏目】何志勇:标题  → the speaker is the author
        m = TITLE_SPEAKER.match(TITLE_COLUMN.sub("", line))
        if m and is_person_name(m.group(1)) and md.title and md.title in line:
            return m.group(1)
    for i, line in enumerate(lines[:30]):  # a name alone on a line near the top
        if i not in removed and is_person_name(line):
            return line
    for i in range(len(lines) - 1, max(len(lines) - 6, -1), -1):  # (中共北镇市委书记 郑文彬)
        if i not in removed and (m := CLOSING_BYLINE.search(lines[i])) and is_person_name(m.group(2)):
            return m.group(2)
    return None
