"""Metadata of a web page from its structure: the headline shown above the article body, and the
date, source and author of the byline area around it (between the headline and the body, and just
after the body). Values found here take precedence over the plain-text rules of ``metadata.py``.

Each value carries the id of the rule that found it (``page.title.headline_line`` …).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pipeline.clean.metadata import lexicon as _lexicon
from pipeline.lexicons import is_person_name

_WS = re.compile(r"[\s\u3000\u00a0]+")
_SQ = re.compile(r"\s")
DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)日?")
_SENTENCE_END = re.compile(r"[。！？!?；;]$")
_LABEL_GAP = r"[ \t\u3000\u00a0]*"
# the label words are those of the text rules (clean/data/metadata.yaml), in their order of strength
DATE_LABELS = _lexicon().strong_dates + _lexicon().weak_dates
SOURCE_LABELS = tuple(sorted(_lexicon().source_labels, key=len, reverse=True))
_ANY_LABEL = re.compile(
    r"(索\s*引\s*号|分\s*类|发文机关|成文日期|标\s*题|发文字号|发布日期|发布时间|发布机构|发文日期|来源|作者|记者|编辑"
    r"|责任编辑|访问量|点击|浏览|阅读|字号|时间|日期|公开方式|公开时限|主题分类)\s*[:：]"
)
SOURCE_LABEL = re.compile(
    rf"(?<![\u4e00-\u9fff])({'|'.join(SOURCE_LABELS)}){_LABEL_GAP}[:：]{_LABEL_GAP}(.*)$"
)
DATE_LABEL = re.compile(rf"(?<![\u4e00-\u9fff])({'|'.join(DATE_LABELS)}){_LABEL_GAP}[:：]{_LABEL_GAP}(.*)$")
_TITLE_LABEL = re.compile(r"^标\s*题\s*[:：]\s*(.*)$")
_VALUE_END = re.compile(
    r"\s{2,}|\s*[|｜]|\s+(?=\S{0,6}[:：])|(?=(作者|记者|编辑|责任编辑|时间|发布|点击|浏览|阅读|字号|分享|参与))"
    r"|\s+(?=\d{4}[-/.年])|(?<=[\u4e00-\u9fff])(?=\d{4}[-/.年])"
)
_PLACE_SUFFIX = re.compile(r"\s*[（(][\u4e00-\u9fff]{2,4}[)）]$")
MENU_WORDS = {
    "首页",
    "设为首页",
    "语音播报",
    "EN",
    "English",
    "网站首页",
    "繁体",
    "简体",
    "无障碍",
    "关怀版",
    "登录",
    "注册",
    "分享",
    "打印",
    "收藏",
    "关闭",
    "返回",
    "更多",
    "手机版",
    "APP",
    "客户端",
    "微信",
    "微博",
}
EDITOR = re.compile(
    r"(责任编辑|责编|编辑|审核|校对|审校|终审|初审|监制|制作)\s*[:：/]?\s*((?:[\u4e00-\u9fff]{2,4}[\s、,，]*){1,4})"
)
_NAMES = r"([\u4e00-\u9fff]{2,4}(?:[ \t\u3000\u00a0、,，]+[\u4e00-\u9fff]{2,4}){0,4})"
AUTHOR_LABEL = re.compile(
    r"(作者|记者|通讯员|撰文|撰稿|编译|(?<![\u4e00-\u9fff])(?:文\s*[/／]\s*图|图\s*[/／]\s*文|文)|整理)"
    rf"[ \t\u3000\u00a0]*[:：/／|｜]?[ \t\u3000\u00a0]*{_NAMES}"
)
_DATELINE = re.compile(r"^\s*.{0,16}?[讯电]\s*[（(][^（()）]{2,40}[)）]")  # 本报讯（记者 张三 通讯员 李四）
_WRITER_WORDS = {"记者", "本报记者", "通讯员", "作者", "撰文", "撰稿", "编译", "特约记者", "实习生"}
_PAREN_NAMES = re.compile(rf"[（(]\s*{_NAMES}\s*[)）]\s*$")
_NOT_AUTHOR_LABEL = re.compile(r"(摄影?|图|责任编辑|责编|编辑|审核|校对)\s*[:：/]?\s*$")


@dataclass
class PageMeta:
    title: str | None = None
    publish_date: dt.date | None = None
    source: str | None = None
    author: str | None = None
    rules: dict[str, str] = field(default_factory=dict)


def squash(text: str) -> str:
    return _SQ.sub("", text)


def _title_sources(hints: dict[str, str]) -> list[str]:
    out = []
    for key in ("title", "og_title", "article_title", "h1_0", "h1_1", "h1_2"):
        value = re.sub(r"<[^>]*>", "", hints.get(key) or "")
        if value.strip():
            out.append(_WS.sub(" ", value).strip())
    return out


def strip_site_suffix(title: str) -> str:
    """The headline part of a <title>: cut site and channel names off at `_`, `|` or a spaced dash,
    or at a bare hyphen only before a site name — never at a hyphen inside the headline. A site
    name in front (``万载县人民政府 | 标题``) goes too."""
    t = _WS.sub(" ", title).strip()
    while True:
        cut = _suffix_cut(t)
        if cut is None:
            break
        t = t[:cut].strip()
    parts = re.split(r"\s*[|｜_]\s*", t, maxsplit=1)
    if (
        len(parts) == 2
        and _SITE_WORD.search(parts[0])
        and not _REPORT_WORD.search(parts[0])
        and len(parts[1]) > len(parts[0])
    ):
        return parts[1].strip()
    head = t.split("_", 1)[0].strip()
    if head != t and len(head) >= 6:
        return head  # 标题_其他文件（党政机关…_网站: a long column name the loop keeps; no headline has _
    return t


_REPORT_WORD = re.compile(
    r"(?:简报|通报|公报|快报|汇报|年报|月报|周报|喜报|捷报)$"
)  # a headline's last word, no site
_SITE_WORD = re.compile(
    r"(网|报|政府|频道|中心|门户|新闻|在线|客户端|官网|电视台|网站|[A-Za-z.]+\.(com|cn|net))$"
)
_SEPARATOR = re.compile(r"\s*[_|｜]\s*|\s+[-—–]+\s*|\s*[-—–]+\s+|-")


def _suffix_cut(t: str) -> int | None:
    """Where the last site/channel suffix of a title starts, if it has one."""
    seps = list(_SEPARATOR.finditer(t))
    if not seps:
        return None
    m = seps[-1]
    suffix = t[m.end() :].strip()
    if m.start() < 4 or not suffix or len(suffix) > 25:
        return None
    if m.group().strip() == "-" and m.group() == "-" and not _SITE_WORD.search(suffix):
        return None  # a hyphen inside the headline (市-县-乡)
    return m.start()


def find_title(lines: list[str], body_line: int, hints: dict[str, str]) -> tuple[str | None, int | None, str]:
    """(headline, its line, rule): a line (or two joined) above the body that the <title>/meta title
    contains; else a short heading line just above the body; else the <title> without its site suffix."""
    titles = _title_sources(hints)
    sources = [squash(s) for s in titles]
    echoes = {squash(t) for t in titles if squash(strip_site_suffix(t)) != squash(t)}  # <title> with suffix
    echoes |= {squash(t) for t in titles if len(squash(t)) <= 12 and _site_name(t)}  # <title>成都市司法局
    lo = max(0, body_line - 40)
    found: list[tuple[int, str]] = []  # (first line, joined text)
    for i in range(lo, body_line):
        joined, j = squash(lines[i]), i
        if not joined or joined in echoes or not any(joined in s for s in sources) or len(lines[i]) > 120:
            continue
        while (
            j + 1 < body_line
            and squash(lines[j + 1])
            and any(joined + squash(lines[j + 1]) in s for s in sources)
        ):
            j += 1
            joined += squash(lines[j])
        if joined not in echoes and any(
            len(joined) >= 0.6 * len(squash(strip_site_suffix(t))) for t in titles
        ):
            found.append((i, joined))
    best = None
    exact = _exact_headline(lines, lo, body_line, titles)
    if exact is not None and all(j != squash(lines[exact]) for _, j in found):
        found = [(exact, squash(lines[exact]))]  # the <title>'s headline itself beats a column name in it
    if found:
        longest = max(len(j) for _, j in found)
        closest = max(i for i, j in found if len(j) >= 0.8 * longest)
        best = (0, 0, min(i for i, j in found if j == dict(found)[closest]))
    if best is not None:
        i = best[2]
        parts = [lines[i].strip()]
        for k in range(i + 1, body_line):
            if not squash(lines[k]) or not any(squash(" ".join(parts) + lines[k]) in s for s in sources):
                break
            parts.append(lines[k].strip())
        return _join(parts), i, "page.title.headline_line"
    for i in range(lo, body_line):
        m = _TITLE_LABEL.match(lines[i].strip())
        value = (m.group(1) or (lines[i + 1] if i + 1 < len(lines) else "")).strip() if m else ""
        if value:
            return value, i, "page.title.labelled"
    for i in range(body_line - 1, max(lo, body_line - 8) - 1, -1):
        line = lines[i].strip()
        if (
            6 <= len(line) <= 80
            and re.search(r"[\u4e00-\u9fff]", line)  # 113325000026455663/2023-43887: a code, no headline
            and not _SENTENCE_END.search(line)
            and not _is_field(line)
            and not _widget(line)
        ):
            return line, i, "page.title.above_body"
    return (strip_site_suffix(titles[0]), None, "page.title.title_tag") if titles else (None, None, "")


def _exact_headline(lines: list[str], lo: int, body_line: int, titles: list[str]) -> int | None:
    """The last line up to the body's first that is exactly the headline of a <title> that has a
    site or column suffix (page.title.headline_line): a body may open with its headline."""
    heads = {squash(h) for t in titles if len(squash(h := strip_site_suffix(t))) >= 6 and h != t}
    hits = [i for i in range(lo, min(body_line + 1, len(lines))) if squash(lines[i]) in heads]
    return hits[-1] if hits else None


def _site_name(title: str) -> bool:
    """The title ends like a site's or a body's name (site_name_endings of html_body.yaml)."""
    from pipeline.html_body import endings

    return bool(endings()["site_name_endings"].search(title))


def _widget(line: str) -> bool:
    from pipeline.html_body import head_rule

    return head_rule(line) is not None


def _join(parts: list[str]) -> str:
    out = parts[0]
    for p in parts[1:]:
        out += p if p.startswith(("—", "－", "-")) else " " + p
    return out


def _is_field(line: str) -> bool:
    return bool(
        _ANY_LABEL.search(line)
        or DATE.search(line)
        or re.search(r"[>＞»→]|https?://|www\.", line)
        or line in MENU_WORDS
    )


def _labelled_value(lines: list[str], i: int, rest: str) -> str:
    """A field's value: the text after its label, or the next line when the label ends its line."""
    if rest.strip():
        return rest.strip()
    if i + 1 < len(lines) and not _ANY_LABEL.search(lines[i + 1]):
        return lines[i + 1].strip()
    return ""


def _date_of(text: str) -> dt.date | None:
    m = DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def meta_date(value: str | None) -> dt.date | None:
    """The date of a publish-date meta tag's value (2007-08-20-23:59:59, 2024-03-05T09:12:00+08:00)."""
    return _date_of(value) if value else None


def find_date(lines: list[str], head: range, byline: range, tail: range) -> tuple[dt.date | None, str]:
    """A labelled date (发布日期 before 时间; never 成文日期) in the header, then the first date under
    the headline, then a labelled date after the body."""
    found: dict[str, dt.date] = {}
    for i in head:
        m = DATE_LABEL.search(lines[i])
        if m and (d := _date_of(_labelled_value(lines, i, m.group(2)))):
            found.setdefault(m.group(1), d)
    for label in DATE_LABELS:
        if label in found:
            return found[label], "page.date.labelled"
    for i in byline:
        if "成文日期" not in lines[i] and (d := _date_of(lines[i])):
            return d, "page.date.byline"
    for i in tail:
        m = DATE_LABEL.search(lines[i])
        if m and (d := _date_of(_labelled_value(lines, i, m.group(2)))):
            return d, "page.date.after_body"
    return None, ""


def clean_source(value: str) -> str | None:
    value = _VALUE_END.split(value.strip(), maxsplit=1)[0].strip(" :：,，。")
    value = _PLACE_SUFFIX.sub("", value).strip()
    if (
        len(value) < 2
        or len(value) > 30
        or value in MENU_WORDS
        or value in SOURCE_LABELS
        or DATE.search(value)
        or _ANY_LABEL.search(value)
    ):
        return None
    if re.search(r"https?://|www\.|\d{2}:\d{2}", value):
        return None
    return value


def find_source(lines: list[str], head: range, tail: range, title_line: int | None) -> tuple[str | None, str]:
    """来源/信息来源/发布机构/发文机关 in the header, then after the body; an empty 来源 field means none.
    Without a label: the outlet printed with the date under the headline (``TNW中文站2016年10月14日``)."""
    empty = False
    for where, rng in (("head", head), ("tail", tail)):
        for i in rng:
            m = SOURCE_LABEL.search(lines[i])
            if m:
                value = clean_source(_labelled_value(lines, i, m.group(2)))
                if value:
                    return value, f"page.source.labelled_{where}"
                empty = True
    if empty or title_line is None:
        return None, ""
    for i in range(title_line + 1, min(title_line + 4, len(lines))):
        line = lines[i].strip()
        m = DATE.search(line)
        if m and len(line) <= 50 and not SOURCE_LABEL.search(line):
            name = re.sub(r"\d{1,2}:\d{2}(:\d{2})?", "", line[: m.start()] + " " + line[m.end() :])
            name = re.sub(r"^[日\s]+|[\s]+$", "", name)
            value = clean_source(name)
            if value and re.fullmatch(r"[\u4e00-\u9fffA-Za-z·]{2,20}", value) and "网站" not in value:
                return value, "page.source.outlet_by_date"
    return None, ""


def meta_source(value: str | None) -> str | None:
    """A <meta name=source> value (``来源：新华日报``) cleaned like a visible one."""
    if not value:
        return None
    return clean_source(re.sub(rf"^({'|'.join(SOURCE_LABELS)})\s*[:：]\s*", "", value.strip()))


def editors(lines: list[str]) -> set[str]:
    """Every name the page gives as an editor (责任编辑 …): such a name is never the author."""
    out = set()
    for line in lines:
        for m in EDITOR.finditer(line):
            out.update(n for n in re.split(r"[\s、,，]+", m.group(2)) if n)
    return out


def _split_glued(text: str) -> str | None:
    """The name at the start of ``方敏北京大学经济学院教授``: two characters when the rest then starts
    like a place or school, else three, else two."""
    two, three = text[:2], text[:3]
    if is_person_name(two) and re.match(
        r"(北京|上海|天津|重庆|中国|中央|清华|南京|武汉|[\u4e00-\u9fff]{1,3}(大学|学院|省|市))", text[2:]
    ):
        return two
    if len(text) >= 3 and is_person_name(three):
        return three
    return two if is_person_name(two) else None


def _names(raw: str, not_names: set[str]) -> list[str]:
    out = []
    for token in re.split(r"[\s、,，]+", raw.strip()):
        if not token or token in _WRITER_WORDS:  # 记者 张华 通讯员 刘洋: both are writers
            continue
        if re.match(r"(摄影?|图|责任编辑|责编|编辑)", token):
            break
        name = token if is_person_name(token) else _split_glued(token) if len(token) > 3 else None
        if not name or name in not_names:
            if out:
                break
            return []
        out.append(name)
        if name != token:
            break
    return out


def find_author(
    lines: list[str],
    head: range,
    tail: range,
    last_body_line: int | None,
    first_body_line: int | None = None,
    far_tail: range = range(0),
) -> tuple[str | None, str]:
    """Reporters and writers of the byline area: 记者/作者/通讯员/文/编译 names, then the dateline
    of the first paragraph (本报讯（记者 X）), then a trailing（记者 X）or（X Y）on the body's last
    line. Editors and photographers are never authors."""
    not_names = editors(lines)
    spots = [("head", i) for i in head]
    spots += (  # the dateline opens the first paragraph, which may follow a subtitle line
        [("first_line", i) for i in (first_body_line, first_body_line + 1) if i < len(lines)]
        if first_body_line is not None
        else []
    )
    spots += [("last_line", last_body_line)] if last_body_line is not None else []
    spots += [("tail", i) for i in tail]
    spots += [("far_tail", i) for i in far_tail if SOURCE_LABEL.search(lines[i])]  # 本文来源：X 作者：Y
    for where, i in spots:
        line = lines[i]
        if where == "first_line":
            m = _DATELINE.match(line)
            if not m:
                continue
            line = m.group(0)
        if where == "last_line":
            m = _PAREN_NAMES.search(line)
            if m and (names := _names(m.group(1), not_names)):
                return " ".join(names), "page.author.closing_parens"
        for m in AUTHOR_LABEL.finditer(line):
            if _NOT_AUTHOR_LABEL.search(line[: m.start()]):
                continue
            names = _names(m.group(2), not_names)
            if names:
                return " ".join(names), f"page.author.{where}"
    return None, ""


def _tail_end(lines: list[str], last: int) -> int:
    """The byline area after the body ends at related lists, comments and footers (their items
    name other articles' writers), and at most 20 lines down."""
    from pipeline.html_body import stop_rule

    end = min(len(lines), last + 20)
    for i in range(last + 1, end):
        if (stop_rule(lines[i]) or "").startswith(("stop.related", "stop.comments", "stop.copyright")):
            return i
    return end


def extract(lines: list[str], body: tuple[int, int] | None, hints: dict[str, str]) -> PageMeta:
    """Metadata of a page given its text lines and the first and last line of the chosen body."""
    first, last = body if body else (min(len(lines), 80), None)
    md = PageMeta()
    md.title, title_line, rule = find_title(lines, first, hints)
    if md.title:
        md.rules["title"] = rule
    anchor = title_line if title_line is not None else max(0, first - 12)
    head = range(max(0, min(anchor, first - 40)), first)
    byline = range(anchor, first)
    tail = range(last + 1, _tail_end(lines, last)) if last is not None else range(0)
    md.publish_date, rule = find_date(lines, head, byline, tail)
    far = range(tail.stop, min(len(lines), last + 20)) if last is not None else range(0)
    if body and first < len(lines) and len(lines[first]) <= 40 and SOURCE_LABEL.match(lines[first].strip()):
        head = range(head.start, first + 1)  # 来源于：东区办事处 as the body's first line: a field, not prose
    md.source, rule_s = find_source(lines, head, range(tail.start, far.stop or tail.stop), title_line)
    md.author, rule_a = find_author(lines, byline, tail, last, first if body else None, far)
    for key, r in (("publish_date", rule), ("source", rule_s), ("author", rule_a)):
        if r:
            md.rules[key] = r
    return md
