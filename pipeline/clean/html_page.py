"""Clean steps for an HTML page whose article body was chosen at ingest (``RawDocument.body_spans``):
keep only the body, and let metadata read from the page's structure win over the text rules."""

from __future__ import annotations

import datetime as dt

from pipeline.clean.offsets import MappedText
from pipeline.ingest import RawDocument

# Boilerplate rule families written for whole-page text; inside a chosen body they cost real
# paragraphs (a sentence ending in a link, a line naming 首页 and an arrow), so they stay off there.
_PAGE_ONLY = ("nav.", "footer.", "seo.")
_AROUND_BODY = 12  # lines before and after the body that the text rules may read metadata from


def keep_body(mt: MappedText, raw: RawDocument) -> list[str]:
    """Delete everything outside the body spans; a gap becomes one line break (or nothing inside a
    line), mapped onto the text it replaces, so offsets still lead back into raw_text."""
    edits, last = [], 0
    for start, end in raw.body_spans or []:
        gap = raw.raw_text[last:start]
        edits.append((last, start, "\n" if "\n" in gap and last else ""))
        last = end
    edits.append((last, len(raw.raw_text), ""))
    removed = sum(e - s for s, e, _ in edits)
    mt.splice([(s, e, new) for s, e, new in edits if e > s])
    trims = raw.hints.get("html_trims", "")
    return [
        f"html:body: {raw.body_extractor} chose the article body ({len(raw.body_spans or [])} spans); "
        f"{removed} page characters outside it removed" + (f"; trims: {trims}" if trims else "")
    ]


def applies_in_body(rule_id: str, line: str) -> bool:
    """Whether a boilerplate verdict stands inside a chosen body: page-only families never do, and a
    line of digits is a table cell there, not an ornament."""
    if rule_id == "widget.ornament" and any(ch.isdigit() for ch in line):
        return False
    return not rule_id.startswith(_PAGE_ONLY)


def article_area(raw: RawDocument) -> tuple[list[str], dict[int, str]]:
    """Lines around and in the body (byline area, body, lines just after it) for the text rules:
    they must not read metadata from menus and footers."""
    text = raw.raw_text
    spans = raw.body_spans or [(0, len(text))]
    lines = text.split("\n")
    first, last = text.count("\n", 0, spans[0][0]), text.count("\n", 0, spans[-1][1])
    area = [line.strip() for line in lines[max(0, first - _AROUND_BODY) : last + _AROUND_BODY + 1]]
    return [line for line in area if line], {}


def prefer_page_meta(md, page_meta: dict[str, str], log: list[str]) -> None:
    """Values found in the page's structure replace the text rules' guesses. Source and author come
    from the byline area only: on a page the text rules read them from menus and widgets, and an
    empty author where the page names none is right."""
    md.source = page_meta.get("source")
    md.author = page_meta.get("author")
    for key in ("title", "publish_date", "source", "author"):
        value = page_meta.get(key)
        if not value:
            continue
        setattr(md, key, dt.date.fromisoformat(value) if key == "publish_date" else value)
        log.append(f"meta:{page_meta.get('rule:' + key, 'page')}: {key}")
