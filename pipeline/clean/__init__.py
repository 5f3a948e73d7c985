"""Clean stage: raw document → clean text with an exact offset map, metadata and a cleaning log.

Order matters and is fixed: line endings → pinyin → mojibake → salted symbols → t2s → width/radicals →
hard-wrapped lines → whitespace → metadata → boilerplate → blanks around numbers. Every step edits
a MappedText, so offsets stay exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.clean import boilerplate, html_page, layout, metadata, script
from pipeline.clean.offsets import MappedText
from pipeline.ingest import RawDocument
from pipeline.switches import on

_CR = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INNER_SPACE = re.compile(r"[ \t\u3000\u00a0\u2002-\u200b\ufeff]{2,}|[\t\u3000\u00a0\u2002-\u200b\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass
class CleanDocument:
    raw: RawDocument
    clean_text: str
    positions: list[int]
    script: str
    title: str | None
    publish_date: object
    source: str | None
    author: str | None
    warnings: list[str] = field(default_factory=list)
    body_extractor: str | None = None

    @property
    def doc_id(self) -> str:
        return self.raw.doc_id


def clean(raw: RawDocument) -> CleanDocument:
    mt = MappedText(raw.raw_text)
    log: list[str] = []
    if raw.body_spans:
        log += html_page.keep_body(mt, raw)
    elif "html_body" in raw.hints:
        log.append(f"html:fallback: {raw.hints['html_body']}; the whole page text is kept")
    mt.sub(_CR, "\n")
    if n := mt.sub(_CONTROL, ""):
        log.append(f"script:control: removed {n} control characters")
    log += script.remove_pinyin(mt)
    log += script.remove_mojibake(mt)
    log += script.remove_noise(mt)
    doc_script = script.detect_script(mt.text)
    if doc_script == "zh-Hant":
        log += script.to_simplified(mt)
    log += script.normalize_width(mt)
    log += layout.unwrap(mt)
    _normalize_spaces(mt)
    lines = mt.text.split("\n")
    removed = boilerplate.boilerplate_lines(lines)
    heads: dict[int, int] = {}  # lines whose first characters (meta fields) go, with how many
    if raw.body_spans:
        removed = {i: r for i, r in removed.items() if html_page.applies_in_body(r, lines[i])}
        md = metadata.extract(*html_page.article_area(raw), raw.hints)
        html_page.prefer_page_meta(md, raw.page_meta, log)
    else:
        md = metadata.extract(lines, removed, raw.hints, _as_written(mt, lines, raw.raw_text))
        for i in md.meta_lines if on("meta.fields") else ():
            if on("meta.glued_body") and (cut := metadata.glued_body_start(lines[i])):
                heads[i] = cut  # 时间:… 来源: [打印] [关闭]12月17日,…: the fields go, the paragraph stays
                log.append(f"meta:glued_body: line {i + 1} keeps its text after the fields")
            else:
                removed.setdefault(i, "meta.fields")
        log += md.notes
    log += _summarize(removed)
    _drop_lines(mt, lines, removed, heads)
    log += layout.close_digit_blanks(mt)  # after metadata, whose values stay as written
    return CleanDocument(
        raw,
        mt.text,
        mt.pos,
        doc_script,
        md.title,
        md.publish_date,
        md.source,
        md.author,
        log,
        body_extractor=raw.body_extractor,
    )


def _as_written(mt: MappedText, lines: list[str], raw_text: str):
    """Raw characters that a span of a clean line came from, up to the next kept character, so a
    Traditional title stays Traditional and characters removed inside it (pinyin) stay too."""
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def written(i: int, s: int, e: int) -> str:
        a, b = starts[i] + s, starts[i] + e
        if not 0 <= a < b <= len(mt.pos):
            return ""
        end = mt.pos[b] if b < len(mt.pos) else len(raw_text)
        if end <= mt.pos[a]:
            end = mt.pos[b - 1] + 1
        return raw_text[mt.pos[a] : end]

    return written


def _normalize_spaces(mt: MappedText) -> None:
    """Strip lines, collapse inner runs of blanks to one space, drop empty lines."""
    mt.sub(_INNER_SPACE, " ")
    mt.sub(re.compile(r"(?m)^ +| +$"), "")
    mt.sub(re.compile(r"\n{2,}"), "\n")
    mt.sub(re.compile(r"^\n+|\n+$"), "")


def _summarize(removed: dict[int, str]) -> list[str]:
    counts: dict[str, int] = {}
    for rule_id in removed.values():
        counts[rule_id] = counts.get(rule_id, 0) + 1
    return [f"boilerplate:{rule_id}: removed {n} lines" for rule_id, n in sorted(counts.items())]


def _drop_lines(mt: MappedText, lines: list[str], removed: dict[int, str], heads: dict[int, int]) -> None:
    spans = []
    offset = 0
    for i, line in enumerate(lines):
        end = offset + len(line) + (1 if i < len(lines) - 1 else 0)
        if i in removed:
            spans.append((offset, end))
        elif i in heads:
            spans.append((offset, offset + heads[i]))
        offset = end
    mt.delete(spans)
    mt.sub(re.compile(r"\n+$"), "")
