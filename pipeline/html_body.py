"""The article body of a web page, as spans of the page's text (``raw_text``).

Libraries choose the body (trafilatura, readability-lxml); their output text is aligned back onto the
page text whitespace-insensitively, so the body is a list of ``(start, end)`` spans of ``raw_text`` and
every offset still leads back to the page. What no library does is written here as data-driven trims:
a repeated headline, kicker, 原标题 and document-number lines at the top; bylines, editor, 来源 and
attribution lines, promo tables and related lists after the last sentence; an inline ``（记者 X）``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from pipeline.switches import on
from schemas.rules import check

log = logging.getLogger(__name__)

Span = tuple[int, int]
_WS = re.compile(r"\s")
_CELL = re.compile(r"\s*\|\s*")
_SENTENCE_END = re.compile(r"[。！？!?…；;][”’」』\"')）]*$")
_DATE_LINE = re.compile(r"^[（(]?\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*[)）]?$")
_TAIL_BYLINE = re.compile(
    r"[（(]\s*(?:(?:本报)?记者|通讯员|作者|编译|文|撰文|撰稿|整理|摄影?|图)\s*[:：/／]?\s*[^（()）]{1,30}[)）]\s*$"
)
_TAIL_NAMES = re.compile(r"[（(]\s*([\u4e00-\u9fff]{2,4}(?:[\s、,，]+[\u4e00-\u9fff]{2,4}){0,3})\s*[)）]\s*$")
_NOTE_LINE = re.compile(r"^(注|资料来源|数据来源|附注|说明)\s*[:：]")


@dataclass(frozen=True)
class Rule:
    id: str
    pattern: re.Pattern
    max_len: int

    def hit(self, line: str) -> bool:
        return len(line) <= self.max_len and bool(self.pattern.search(line))


@lru_cache(maxsize=1)
def _spec() -> dict:
    text = resources.files("pipeline.clean").joinpath("data/html_body.yaml").read_text("utf-8")
    return check("html_body.yaml", yaml.safe_load(text), "pipeline/clean/data/html_body.yaml")


@lru_cache(maxsize=1)
def rules() -> dict[str, tuple[Rule, ...]]:
    spec = _spec()
    return {
        kind: tuple(Rule(r["id"], re.compile(r["pattern"]), int(r.get("max_len", 80))) for r in spec[kind])
        for kind in ("head", "stop")
    }


@lru_cache(maxsize=1)
def endings() -> dict[str, re.Pattern]:
    """org_endings and site_name_endings of html_body.yaml, each as a pattern that ends a name."""
    spec = _spec()
    return {
        k: re.compile(f"(?:{'|'.join(map(re.escape, spec[k]))})$")
        for k in ("org_endings", "site_name_endings")
    }


def _first_hit(kind: str, line: str) -> str | None:
    return next((r.id for r in rules()[kind] if r.hit(line) and on(r.id)), None)


def stop_rule(line: str) -> str | None:
    """The id of the stop rule (editor line, related list, comments …) a line matches, if any."""
    return _first_hit("stop", line.strip())


def head_rule(line: str) -> str | None:
    """The id of the head rule (breadcrumb, field, widget …) a line matches, if any."""
    return _first_hit("head", line.strip())


@dataclass
class Body:
    spans: list[Span]
    extractor: str
    trims: list[str] = field(default_factory=list)


def squashed_index(text: str) -> tuple[str, list[int]]:
    """Text without whitespace, and for each of its characters the position in ``text``."""
    pos = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in pos), pos


def align(extracted: str, page: str) -> list[Span]:
    """Spans of ``page`` holding the extracted text's lines (and table cells) in order; a piece not
    found is skipped. Matching ignores whitespace, since extractors and the page break lines apart."""
    pieces = [_WS.sub("", cell) for line in extracted.splitlines() for cell in _CELL.split(line)]
    pieces = [p for p in pieces if p]
    if not pieces:
        return []
    sq, pos = squashed_index(page)
    # anchor on the longest piece found on the page (a library may add text the page lacks)
    for longest in sorted(range(len(pieces)), key=lambda k: -len(pieces[k]))[:8]:
        anchor = sq.find(pieces[longest])
        if anchor >= 0:
            break
    else:
        return []
    cursor = max(0, anchor - sum(len(p) for p in pieces[:longest]) - 2000)
    spans: list[Span] = []
    for piece in pieces:
        i = sq.find(piece, cursor)
        if i < 0 or (len(piece) < 8 and spans and i - cursor > 400):
            continue  # not on the page as such, or a short piece that would jump far ahead
        spans.append((pos[i], pos[i + len(piece) - 1] + 1))
        cursor = i + len(piece)
    return merge(spans, page)


def merge(spans: list[Span], page: str) -> list[Span]:
    """Join spans separated only by spaces within one line; keep spans on different lines apart."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and (
            s <= out[-1][1] or (not page[out[-1][1] : s].strip() and "\n" not in page[out[-1][1] : s])
        ):
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def lines_of(spans: list[Span], page: str) -> list[Span]:
    """The spans cut at line breaks, each stripped: one entry per body line."""
    out = []
    for s, e in spans:
        start = s
        for part in page[s:e].split("\n"):
            a, b = start, start + len(part)
            while a < b and page[a].isspace():
                a += 1
            while b > a and page[b - 1].isspace():
                b -= 1
            if a < b:
                out.append((a, b))
            start += len(part) + 1
    return out


def _sq(text: str) -> str:
    return _WS.sub("", text)


def _is_headline(line: str, title: str) -> bool:
    s, t = _sq(line), _sq(title)
    return bool(s and t) and ((s in t and len(s) >= min(6, len(t))) or (t in s and len(s) <= len(t) + 12))


def _is_full_headline(line: str, title: str) -> bool:
    """The headline itself (or most of it), not a subhead that shares some words with it."""
    return _is_headline(line, title) and len(_sq(line)) >= 0.6 * len(_sq(title))


def _head_junk(lines: list[str], i: int, title: str, after_headline: bool) -> str | None:
    line = lines[i].strip()
    if title and on("head.headline") and _is_headline(line, title):
        return "head.headline"
    if rule := _first_hit("head", line):
        return rule
    if (
        on("head.field_value")
        and i
        and re.search(r"[:：]\s*$", lines[i - 1])
        and len(line) <= 30
        and not _SENTENCE_END.search(line)
    ):
        return "head.field_value"  # 来源：\n 上海证券报(上海)
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if (
        on("head.kicker")
        and title
        and len(line) <= 20
        and not _SENTENCE_END.search(line)
        and _is_headline(nxt, title)
    ):
        return "head.kicker"
    words = line.split()
    if (
        on("head.issuers")
        and after_headline
        and len(line) <= 40
        and words
        and all(endings()["org_endings"].search(w) for w in words)
    ):
        return "head.issuers"
    return None


def trim_head(lines: list[Span], page: str, title: str) -> tuple[list[Span], list[str]]:
    """Drop the page header a library kept: everything up to a repeat of the headline near the top,
    then leading field, widget, kicker, date and document-number lines."""
    texts = [page[s:e] for s, e in lines]
    trims: list[str] = []
    i = 0
    if title:
        total = sum(len(t) for t in texts)
        for k, t in enumerate(texts[:25]):
            rule = "head.headline" if k == 0 else "head.before_headline"
            if on(rule) and _is_full_headline(t, title) and sum(len(x) for x in texts[:k]) < 0.4 * total:
                trims.append(rule)
                i = k + 1
                break
    while i < len(texts) - 1:
        why = _head_junk(texts, i, title, any("headline" in t for t in trims))
        if why is None:
            break
        trims.append(why)
        i += 1
    return lines[i:], trims


def _last_sentence(texts: list[str]) -> int:
    for i in range(len(texts) - 1, -1, -1):
        t = texts[i]
        if _is_byline_line(t):
            continue
        if _SENTENCE_END.search(t) and len(_sq(t)) >= 4:  # 特此通知。 is the last sentence too
            return i
        if len(_sq(t)) >= 12 and (_TAIL_BYLINE.search(t) or _TAIL_NAMES.search(t)):
            return i
    return len(texts) - 1


def _is_byline_line(text: str) -> bool:
    t = text.strip()
    return bool(
        re.match(
            r"^[（(【\[]?\s*(作者|记者|本报记者|通讯员|责任编辑|责编|编辑|来源|本文来源|文章来源|稿源)", t
        )
    )


def trim_tail(lines: list[Span], page: str) -> tuple[list[Span], list[str]]:
    """Cut after the last sentence of the article, keeping a signature block (organisation, date)
    and table notes; then cut a byline in parentheses off the end of the last line."""
    texts = [page[s:e].strip() for s, e in lines]
    trims = []
    for k in range(1, len(texts)):
        if rule := _first_hit("stop", texts[k]):
            lines, texts = lines[:k], texts[:k]
            trims.append(rule)
            break
    last = _last_sentence(texts)
    keep = last + 1
    while keep < len(texts) and keep - last <= 5 and _signature(texts[keep]):
        keep += 1
    if keep < len(texts) and (_is_table(texts[keep:]) or not on("tail.after_last_sentence")):
        keep = len(texts)  # the article ends with a data table, not with widgets
    if keep < len(texts):
        trims.append("tail.after_last_sentence")
    lines = lines[:keep]
    if lines:
        s, e = lines[-1]
        text = page[s:e]
        m = _TAIL_BYLINE.search(text) or _names_in_parens(text)
        if m and m.start() > 0 and on("tail.inline_byline"):
            end = s + m.start()
            while end > s and page[end - 1].isspace():
                end -= 1
            lines[-1] = (s, end)
            trims.append("tail.inline_byline")
    return lines, trims


def _names_in_parens(text: str):
    from pipeline.lexicons import is_person_name

    m = _TAIL_NAMES.search(text)
    if m and all(is_person_name(n) for n in re.split(r"[\s、,，]+", m.group(1).strip())):
        return m
    return None


_NUMERIC_CELL = re.compile(r"^[-+−]?[\d.,，%％~～/／:：\s]+[\u4e00-\u9fff%‰]{0,4}$")


def _is_table(texts: list[str]) -> bool:
    """Trailing lines that are mostly numbers: the cells of a table closing the article."""
    return len(texts) >= 6 and sum(bool(_NUMERIC_CELL.match(t)) for t in texts) >= 0.4 * len(texts)


def _signature(text: str) -> bool:
    """A line of the block closing an official document: issuer, date, attachment names."""
    t = text.strip()
    if re.match(r"^(附件\s*\d*\s*[:：]\s*\S|\d{1,2}\s*[.．、]\s*\S.{0,40}$)", t) and len(t) <= 60:
        return True
    return bool(
        _DATE_LINE.match(t)
        or (len(t) <= 30 and endings()["org_endings"].search(t) and not t.startswith(("（", "(")))
    )


LIBRARIES = ("trafilatura", "readability")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def visible_html(html: str) -> str:
    """The page without elements hidden by an inline style or ``hidden`` (text-to-speech copies,
    spider-only blocks), so a library cannot take a hidden duplicate into the body."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    hidden = [
        n
        for n in tree.css("[style], [hidden]")
        if "hidden" in n.attributes or _HIDDEN.search(n.attributes.get("style") or "")
    ]
    if not hidden:
        return html
    for node in hidden:
        node.decompose()
    return tree.html or html


def library_texts(html: str) -> dict[str, str]:
    """Each library's article text for the page (a library that fails is left out)."""
    out = {}
    for name, run in (("trafilatura", _trafilatura), ("readability", _readability)):
        try:
            out[name] = run(html) or ""
        except Exception as e:
            log.debug("%s failed: %s", name, e)
    return out


def select(texts: dict[str, str], page: str, title: str = "") -> Body | None:
    """The body of a page: each library's text aligned to ``page`` and trimmed, the better kept."""
    candidates = []
    for name, text in texts.items():
        lines, head = trim_head(lines_of(align(text, page), page), page, title)
        lines, tail = trim_tail(lines, page)
        if lines:
            candidates.append(Body(merge(lines, page), name, head + tail))
    return choose(candidates, page) if candidates else None


def _size(spans: list[Span], page: str) -> int:
    return sum(len(_sq(page[s:e])) for s, e in spans)


def choose(candidates: list[Body], page: str) -> Body:
    """trafilatura (best alone on our pages) unless readability found clearly more of the same text:
    trafilatura sometimes keeps only the frame of an article written in odd markup."""
    first = candidates[0]
    if len(candidates) == 1 or first.extractor != "trafilatura":
        return first
    other = candidates[1]
    t_size, r_size = _size(first.spans, page), _size(other.spans, page)
    covered = _overlap(first.spans, other.spans, page)
    if r_size > t_size * 1.15 and (covered >= 0.8 * t_size or (t_size < 50 and r_size >= 200)):
        return other
    return first


def _overlap(a: list[Span], b: list[Span], page: str) -> int:
    total = 0
    for s1, e1 in a:
        for s2, e2 in b:
            s, e = max(s1, s2), min(e1, e2)
            if s < e:
                total += len(_sq(page[s:e]))
    return total


def _trafilatura(html: str) -> str | None:
    import trafilatura

    return trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_precision=False,
        deduplicate=False,
    )


def _readability(html: str) -> str:
    from lxml import html as lxml_html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    root = lxml_html.fromstring(summary)
    for br in root.iter("br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "td"):
        br.tail = "\n" + (br.tail or "")
    return root.text_content()


@dataclass
class Page:
    """What body selection and the page's structure give a document."""

    body: Body | None
    meta: dict[str, str]


def line_of(page: str, offset: int) -> int:
    return page.count("\n", 0, offset)


def analyse(html: str, page: str, hints: dict[str, str]) -> Page:
    """Body and metadata of a page whose text is ``page``: a first body gives the headline, the
    headline sharpens the body (its repeat and what precedes it are cut), the body places the byline."""
    from pipeline import html_meta

    lines = page.split("\n")
    texts = library_texts(visible_html(html))
    first = select(texts, page)
    title = ""
    if first is not None:
        start = line_of(page, first.spans[0][0])
        title = html_meta.find_title(lines, min(len(lines), start + 3), hints)[0] or ""
    body = select(texts, page, title) if title else first
    where = (line_of(page, body.spans[0][0]), line_of(page, body.spans[-1][1] - 1)) if body else None
    md = html_meta.extract(lines, where, hints)
    if md.publish_date is None and (day := html_meta.meta_date(hints.get("publish_date"))):
        md.publish_date, md.rules["publish_date"] = day, "page.date.meta_tag"  # firstpublishedtime, pubdate
    if md.publish_date is None and (day := _htmldate(html)):
        md.publish_date, md.rules["publish_date"] = day, "page.date.htmldate"
    if md.source is None and (value := html_meta.meta_source(hints.get("source"))):
        md.source, md.rules["source"] = value, "page.source.meta_tag"
    meta = {k: str(v) for k in ("title", "publish_date", "source", "author") if (v := getattr(md, k))}
    meta.update({f"rule:{k}": v for k, v in md.rules.items()})
    return Page(body, meta)


def _htmldate(html: str):
    """htmldate's original publication date, when the byline area has none."""
    import datetime as dt

    from htmldate import find_date

    try:
        value = find_date(html, original_date=True, outputformat="%Y-%m-%d")
        return dt.date.fromisoformat(value) if value else None
    except Exception as e:
        log.debug("htmldate failed: %s", e)
        return None
