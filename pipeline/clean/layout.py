"""Text laid out by a PDF extractor: paragraphs hard-wrapped into lines of one width, page-number
lines between pages, blanks around numbers (受理案件 83 件). Each step edits a MappedText and
returns log lines (``rule-id: what``).

A document counts as hard-wrapped when its long lines cluster at one display width (a Han
character counts two, ASCII one) and few lines are wider: web text, one paragraph a line, has no
such ceiling. A line near that width (85 %: justified lines with digits come out narrower) that does not end a
sentence runs on into the next line.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.clean.offsets import MappedText
from pipeline.switches import on

# rule ids (documents.warnings writes them layout:unwrap: …)
UNWRAP = "layout.unwrap"
PAGE_NUMBER = "layout.page_number"
DIGIT_SPACE = "layout.digit_space"

_MIN_WIDTH = 40  # narrower lines are headings, labels or table cells, not a page's text width
_TOLERANCE = 4  # a line may stop up to two Han characters short of the width (line-breaking rules)
_MIN_FULL_LINES = 3
# justified PDF lines holding digits or Latin letters come out narrower than the width
_RUN_ON_SHARE = 0.85
# a full line that ends a sentence may end its paragraph; one that ends a clause (；：) does not
_ENDS_SENTENCE = tuple("。！？!?")
_PAGE = r"(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4})"
_PAGE_LINE = re.compile(rf"^{_PAGE}$")
_WIDE_ASCII = frozenset(",:;()!?")
# a break unwrap joins inside Chinese text, with a page-number line between
_JOIN_GAP = re.compile(rf"(?<=[^\x00-\x7f])[ \t]*\n(?:[ \t]*{_PAGE}[ \t]*\n)?[ \t]*(?=[^\x00-\x7f])")
_INDENT = re.compile(r"^(?:\u3000|\s{2,})")
# one blank between a number (or its percent sign) and a Han character, either way round
_DIGIT_BLANK = re.compile(r"(?<=[\d%％]) (?=[\u3400-\u9fff%％])|(?<=[\u3400-\u9fff]) (?=\d)")


def width(text: str) -> int:
    """Display width: wide, full-width and ambiguous characters (“”, ·) take two columns in a
    Chinese font, the rest one; so do ASCII , : ; ( ) ! ? (copied text often has them where the
    page set full-width marks)."""
    return sum(2 if ch in _WIDE_ASCII or unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def wrap_width(lines: list[str]) -> int | None:
    """The display width a hard-wrapped text was set to, or None for text that is not wrapped."""
    widths = [width(line.strip()) for line in lines]
    long = [w for w in widths if w >= _MIN_WIDTH - _TOLERANCE]
    best, best_n = None, 0
    for w in sorted(set(long)):
        if w < _MIN_WIDTH:
            continue
        n = sum(1 for x in long if w - _TOLERANCE <= x <= w)
        if n > best_n or (n == best_n and best is not None):
            best, best_n = w, n
    if best is None or best_n < _MIN_FULL_LINES:
        return None
    wider = sum(1 for x in long if x > best + 1)
    return best if wider * 4 <= best_n else None


def _runs_on(line: str, full: int) -> bool:
    s = line.strip()
    return bool(s) and width(s) >= _RUN_ON_SHARE * full and not s.endswith(_ENDS_SENTENCE)


def unwrap(mt: MappedText) -> list[str]:
    """Join the lines of hard-wrapped paragraphs and drop page-number lines between them."""
    lines = mt.text.split("\n")
    full = wrap_width(lines) if on("layout.unwrap") else None
    if full is None:
        return []
    edits, joined, pages = [], 0, 0
    offset = 0
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    i = 0
    while i < len(lines) - 1:
        j = i + 1
        page = on("layout.page_number") and _PAGE_LINE.match(lines[j].strip())
        if page and j + 1 < len(lines) and _runs_on(lines[i], full):
            j, pages = j + 1, pages + 1
        nxt = lines[j]
        if _runs_on(lines[i], full) and nxt.strip() and not _INDENT.match(nxt):
            end_i = starts[i] + len(lines[i].rstrip())
            start_j = starts[j] + len(nxt) - len(nxt.lstrip())
            # a blank at the break separated two words (市委书记 / 郑文彬) and stays one blank
            blank = " " if lines[i] != lines[i].rstrip() or nxt != nxt.lstrip() else ""
            edits.append((end_i, start_j, blank))
            joined += 1
        i = j
    mt.splice(edits)
    log = [f"layout:unwrap: joined {joined} hard-wrapped lines (width {full})"] if joined else []
    return log + ([f"layout:page_number: removed {pages} page-number lines"] if pages else [])


def join_breaks(raw: str) -> str:
    """Raw text of a value that spans joined lines, joined as ``unwrap`` joins it (a blank at the
    break stays one blank)."""
    return _JOIN_GAP.sub(_gap, raw)


def _gap(m: re.Match) -> str:
    gap = m.group()
    return " " if gap[0] in " \t" or gap[-1] in " \t" else ""


def close_digit_blanks(mt: MappedText) -> list[str]:
    """``83 件`` → ``83件``: a blank a PDF extractor put between a number and the text around it;
    ``37\n件，`` → ``37件，``: a line break between a number and its unit."""
    log = []
    if on("layout.digit_break") and (n := mt.sub(_digit_break(), "")):
        log.append(f"layout:digit_break: joined {n} numbers to the unit on the next line")
    n = mt.sub(_DIGIT_BLANK, "") if on("layout.digit_space") else 0
    return log + ([f"layout:digit_space: removed {n} blanks around numbers"] if n else [])


@lru_cache(maxsize=1)
def _digit_break() -> re.Pattern:
    """A break after a number, before a unit of the indicator rules (with 万/亿 and 余/多 before it)
    that a punctuation mark, a blank or the end of the text follows: what opens a line of prose
    is seldom a unit alone (件，出庭应诉率…), while 人民/万元的… are words."""
    from pipeline.extract import rules  # the unit table is the indicators' (one source)

    spec = rules.load("indicators")
    units = sorted({u for forms in spec["units"].values() for u in forms}, key=len, reverse=True)
    multipliers = rules.alternation(spec["multipliers"])
    return re.compile(
        rf"(?<=\d)[ \t]*\n[ \t]*(?=(?:{multipliers})?[余多]?(?:{rules.alternation(units)})"
        rf"(?:[^\u3400-\u9fff\w]|$))"
    )
