"""Score article extraction from saved web pages against hand-made truth (``bench-html``).

A truth folder holds ``pages/<id>.html`` and ``truth/<id>.json`` with ``title``, ``publish_date``,
``source``, ``author``, ``body_start`` and ``body_end``. Matching ignores all whitespace. The true
body is the page's visible text from the first ``body_start`` to the next ``body_end``; extracted
bodies are scored by characters matched in order (difflib), giving precision, recall and F1.

Extractors: ``pipeline`` (this project: ingest + clean) and, when installed, the libraries a user
could pick instead (trafilatura, readability-lxml, GNE, htmldate), run on the same decoded text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

FIELDS = ("title", "publish_date", "source", "author")
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_NAME_SEPARATORS = re.compile(r"[\s\u3000、,，;；/]+")
_INVISIBLE = {"head", "script", "style", "noscript", "template", "textarea", "select"}


def squash(text: str | None) -> str:
    return _SPACE.sub("", text or "")


@dataclass
class Page:
    id: str
    path: Path
    truth: dict
    gold_body: str | None  # squashed; None where the truth has no body (an evaluation gold file)


@dataclass
class Extracted:
    title: str | None = None
    publish_date: str | None = None
    source: str | None = None
    author: str | None = None
    body: str | None = None
    note: str = ""


@dataclass
class Score:
    extractor: str
    fields: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    matched: int = 0
    predicted: int = 0
    gold: int = 0
    pages: list[dict] = field(default_factory=list)
    page_f1: list[float] = field(default_factory=list)

    def _body(self, p: float, r: float, f: float) -> dict:
        if not self.page_f1:
            return dict.fromkeys(("body_precision", "body_recall", "body_f1"))
        return {"body_precision": round(p, 3), "body_recall": round(r, 3), "body_f1": round(f, 3)}

    def summary(self) -> dict:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = {k: round(self.fields[k] / self.scored[k], 3) if self.scored[k] else None for k in FIELDS}
        return {
            "extractor": self.extractor,
            **acc,
            **self._body(p, r, f),
            "body_f1_mean": round(sum(self.page_f1) / len(self.page_f1), 3) if self.page_f1 else None,
            "pages": len(self.pages),
        }


class _Visible(HTMLParser):
    """Text outside head/script/style/... — what the truth's body_start/body_end index."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in _INVISIBLE

    def handle_endtag(self, tag):
        if tag in _INVISIBLE and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def decode_page(data: bytes) -> str:
    from pipeline.ingest import decode_html

    return decode_html(data)[0]


def load_pages(root: Path) -> list[Page]:
    """Pages of a truth folder (pages/ + truth/), or the .html files of an evaluation set (docs/ +
    gold/, metadata only); a truth whose body is not on its page is an error."""
    if not (root / "truth").is_dir() and (root / "gold").is_dir():
        return [
            Page(f.stem, f, json.loads((root / "gold" / f"{f.stem}.json").read_text("utf-8"))["meta"], None)
            for f in sorted((root / "docs").glob("*.htm*"))
            if (root / "gold" / f"{f.stem}.json").is_file()
        ]
    pages = []
    for tf in sorted((root / "truth").glob("*.json")):
        truth = json.loads(tf.read_text("utf-8"))
        path = root / "pages" / f"{tf.stem}.html"
        text = squash(visible_text(decode_page(path.read_bytes())))
        start, end = squash(truth["body_start"]), squash(truth["body_end"])
        i = text.find(start)
        j = text.find(end, i + len(start)) if i >= 0 else -1
        if j < 0:
            raise ValueError(f"{tf}: body_start/body_end not found in order on the page")
        pages.append(Page(tf.stem, path, truth, text[i : j + len(end)]))
    return pages


def field_ok(name: str, got: str | None, want: str | None) -> bool:
    if name == "author":
        return squash(_NAME_SEPARATORS.sub("", got or "")) == squash(_NAME_SEPARATORS.sub("", want or ""))
    if name == "title" and want and got:
        g, w = squash(got), squash(want)
        return g == w or ("——" in w and g == w.split("——")[0])  # a dash subtitle line may be left out
    return squash(got) == squash(want)


def matched_chars(got: str, gold: str) -> int:
    matcher = difflib.SequenceMatcher(None, got, gold, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def score(
    extractor: str, run: Callable[[Page], Extracted], pages: list[Page], provides: tuple[str, ...] = FIELDS
) -> Score:
    s = Score(extractor)
    for page in pages:
        try:
            got = run(page)
        except Exception as e:
            got = Extracted(body="" if "body" in provides else None, note=f"{type(e).__name__}: {e}"[:200])
        row = {"id": page.id, "note": got.note}
        for name in (f for f in provides if f in FIELDS):
            value = getattr(got, name)
            ok = field_ok(name, value, page.truth.get(name))
            s.scored[name] += 1
            s.fields[name] += ok
            row[name] = [ok, value, page.truth.get(name)]
        if got.body is not None and page.gold_body is not None:
            body = squash(got.body)
            m = matched_chars(body, page.gold_body)
            s.matched += m
            s.predicted += len(body)
            s.gold += len(page.gold_body)
            p = m / len(body) if body else 0.0
            r = m / len(page.gold_body)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            s.page_f1.append(f1)
            row["body"] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f1, 3)}
        s.pages.append(row)
    return s


def _iso(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    m = re.search(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def run_pipeline(page: Page) -> Extracted:
    from pipeline.clean import clean
    from pipeline.ingest import Rejected, SourceRef, read

    [item] = read(SourceRef(str(page.path), "html"))
    if isinstance(item, Rejected):
        return Extracted(note=f"quarantined: {item.reason}")
    doc = clean(item)
    return Extracted(
        doc.title,
        _iso(doc.publish_date),
        doc.source,
        doc.author,
        doc.clean_text,
        note=doc.extractor if hasattr(doc, "extractor") else "",
    )


def run_trafilatura(page: Page) -> Extracted:
    import trafilatura

    html = decode_page(page.path.read_bytes())
    doc = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=False)
    if doc is None:
        return Extracted(note="no result")
    get = doc.as_dict() if hasattr(doc, "as_dict") else doc
    return Extracted(
        get.get("title"), _iso(get.get("date")), get.get("sitename"), get.get("author"), get.get("text") or ""
    )


def run_readability(page: Page) -> Extracted:
    from lxml import html as lxml_html
    from readability import Document

    doc = Document(decode_page(page.path.read_bytes()))
    body = lxml_html.fromstring(doc.summary(html_partial=True)).text_content()
    return Extracted(title=doc.short_title(), body=body)


def run_gne(page: Page) -> Extracted:
    from gne import GeneralNewsExtractor

    result = GeneralNewsExtractor().extract(decode_page(page.path.read_bytes()))
    return Extracted(
        result.get("title"),
        _iso(result.get("publish_time")),
        None,
        result.get("author") or None,
        result.get("content") or "",
    )


def run_htmldate(page: Page) -> Extracted:
    from htmldate import find_date

    return Extracted(
        publish_date=_iso(find_date(decode_page(page.path.read_bytes()), outputformat="%Y-%m-%d"))
    )


# extractor → (function, the metadata fields it gives; only those are scored)
EXTRACTORS: dict[str, tuple[Callable[[Page], Extracted], tuple[str, ...]]] = {
    "pipeline": (run_pipeline, (*FIELDS, "body")),
    "trafilatura": (run_trafilatura, (*FIELDS, "body")),  # source = its sitename
    "readability": (run_readability, ("title", "body")),
    "gne": (run_gne, ("title", "publish_date", "author", "body")),
    "htmldate": (run_htmldate, ("publish_date",)),
}


def bench_html(roots: list[Path], extractors: list[str]) -> list[Score]:
    unknown = [e for e in extractors if e not in EXTRACTORS]
    if unknown:
        raise ValueError(f"unknown extractor {', '.join(unknown)}; choose from {', '.join(EXTRACTORS)}")
    pages = [p for root in roots for p in load_pages(root)]
    if not pages:
        raise ValueError("no truth files found (expected truth/*.json beside pages/*.html)")
    return [score(name, EXTRACTORS[name][0], pages, EXTRACTORS[name][1]) for name in extractors]
