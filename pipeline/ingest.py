"""Input files and folders → decoded raw documents, or quarantine records saying why not.

Supported inputs: ``.txt``, ``.html``/``.htm`` and ``.jsonl`` (one ``{"text", "url"?, "title"?}``
object per line, or ``{"html", "url"?}`` for a saved page). Bytes are decoded with BOM detection,
strict UTF-8, then charset-normalizer restricted to the encodings Chinese sites use. HTML is
reduced to its text with a real parser.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import hashlib
import json
import logging
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser as HTMLParser

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
CANDIDATE_ENCODINGS = ["gb18030", "big5", "utf_16", "utf_8"]
MAX_DOC_BYTES = 20_000_000
_HAN = re.compile(r"[\u3400-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")
BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "hr",
    "td",
    "th",
}
# <form> is kept: some CMSs wrap the whole article in one
DROP_TAGS = ["script", "style", "noscript", "nav", "iframe", "svg", "template", "button", "select"]


class InputError(Exception):
    """An input that cannot become a document; ``reason`` is a short machine-friendly code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class SourceRef:
    """One unit of input to read: a file, or a range of lines of a .jsonl file."""

    path: str
    kind: str
    first_line: int = 1
    last_line: int | None = None
    byte_offset: int = (
        0  # where first_line starts, so a reader seeks instead of re-reading the lines before it
    )
    size: int = 0  # bytes it covers (the file, or the range of lines): batches are bounded by them


@dataclass
class RawDocument:
    doc_id: str
    source_path: str
    encoding: str
    raw_text: str
    source_line: int | None = None
    url: str | None = None
    hints: dict[str, str] = field(default_factory=dict)
    # HTML only: the article body as [start, end) spans of raw_text, the extractor that chose it, and
    # metadata read from the page's structure (pipeline/html_meta.py), which wins over text rules
    body_spans: list[tuple[int, int]] | None = None
    body_extractor: str | None = None
    page_meta: dict[str, str] = field(default_factory=dict)


@dataclass
class Rejected:
    """An input that went to quarantine."""

    source_path: str
    reason: str
    detail: str
    source_line: int | None = None
    content_sha256: str | None = None
    stage: str = "ingest"
    doc_id: str | None = None


def doc_id_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# Bytes of input per batch, besides its count of documents: a worker holds a batch's texts and rows at
# once, ~0.25 kB per char of news text on top of its ~550 MB (measured), so 2 MB of UTF-8 Chinese
# (~670 k chars) keeps it well under 1 GB; small documents still come 500 to a task.
BATCH_BYTES = 2_000_000


def discover(
    paths: list[str | Path],
    jsonl_lines_per_ref: int = 500,
    follow_outside: bool = False,
    skip: tuple[str | Path, ...] = (),
) -> tuple[list[SourceRef], list[Rejected]]:
    """Expand files and folders into SourceRefs; unsupported files are rejected, not skipped.

    Only regular files are read: FIFOs, sockets, devices, symlink loops and (unless
    ``follow_outside``) symlinks leading out of the input folders are rejected without being
    opened. Hidden files and folders (a name starting with '.') are not read, and get a row.
    Folders in ``skip`` (the run's own output folder) are not entered."""
    refs: list[SourceRef] = []
    rejected: list[Rejected] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            raise FileNotFoundError(f"input not found: {p}")
        files = _walk(p, rejected, {os.path.realpath(x) for x in skip}) if p.is_dir() else [p]
        root = os.path.realpath(p if p.is_dir() else p.parent)
        for f in files:
            problem = unreadable_file(f, None if f == p or follow_outside else root)
            kind = TEXT_SUFFIXES.get(f.suffix.lower())
            if problem is not None:
                rejected.append(problem)
            elif kind is None:
                rejected.append(
                    Rejected(
                        str(f),
                        "unsupported_type",
                        f"suffix {f.suffix or '(none)'} is not .txt/.html/.htm/.jsonl",
                    )
                )
            elif kind == "jsonl":
                refs.extend(_jsonl_refs(f, jsonl_lines_per_ref, rejected))
            else:
                refs.append(SourceRef(str(f), kind, size=_size(f)))
    return refs, rejected


def _walk(root: Path, rejected: list[Rejected], skip: set[str] = frozenset()) -> list[Path]:
    out: list[Path] = []

    def onerror(err: OSError) -> None:
        rejected.append(Rejected(str(err.filename), "unreadable", str(err)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=False):
        dirnames[:] = [d for d in dirnames if os.path.realpath(os.path.join(dirpath, d)) not in skip]
        for d in sorted(dirnames):
            folder = os.path.join(dirpath, d)
            if d.startswith("."):
                rejected.append(Rejected(folder, "hidden", "hidden folder (name starts with '.'): not read"))
            elif os.path.islink(folder):
                rejected.append(Rejected(folder, "not_followed", "symlink to a folder: not followed"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if _placeholder(os.path.join(dirpath, name)):
                continue
            if name.startswith("."):
                rejected.append(
                    Rejected(
                        os.path.join(dirpath, name), "hidden", "hidden file (name starts with '.'): not read"
                    )
                )
            else:
                out.append(Path(dirpath) / name)
    return out


# Empty files that only keep a folder in version control (data/incoming/.gitkeep): not input, no row
PLACEHOLDERS = frozenset({".gitkeep", ".keep"})


def _placeholder(path: str) -> bool:
    try:
        return os.path.basename(path) in PLACEHOLDERS and os.lstat(path).st_size == 0
    except OSError:
        return False


def unreadable_file(path: Path, root: str | None = None) -> Rejected | None:
    """Why ``path`` must not be opened (not a regular file, a symlink loop, a link leading out of
    ``root``), or None. Uses stat only: a FIFO or a device is never opened."""
    try:
        st = os.stat(path)
    except OSError as e:
        why = "symlink loop" if e.errno == errno.ELOOP else (e.strerror or str(e))
        return Rejected(str(path), "unreadable", f"{type(e).__name__}: {why}")
    if not stat.S_ISREG(st.st_mode):
        return Rejected(str(path), "not_a_regular_file", f"{_file_kind(st.st_mode)}: not read")
    if root is not None and os.path.islink(path):
        target = os.path.realpath(path)
        if os.path.commonpath([root, target]) != root:
            return Rejected(
                str(path),
                "symlink_outside",
                f"symlink to {printable(target)}, outside the input folder (see --follow-symlinks)",
            )
    return None


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISDIR, "folder"),
    ):
        if test(mode):
            return name
    return "special file"


def printable(path: str) -> str:
    """A path as stored in the tables: bytes of a name that is not UTF-8 (held by Python as lone
    surrogates) are written as ``\\xNN`` escapes instead of failing every Arrow/Parquet write."""
    try:
        return path.encode("utf-8").decode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = path.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = path.encode("utf-8", "backslashreplace")
        return raw.decode("utf-8", "backslashreplace")


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # read() reports it


def _jsonl_refs(
    path: Path, per_ref: int, rejected: list[Rejected], max_bytes: int = BATCH_BYTES
) -> list[SourceRef]:
    """Ranges of ``per_ref`` lines, or fewer where they would pass ``max_bytes``."""
    starts: list[tuple[int, int]] = []  # (line number, byte offset) where each range starts
    n = offset = 0
    try:
        with open(path, "rb") as fh:
            for line in fh:
                if not starts or n + 1 - starts[-1][0] >= per_ref or offset - starts[-1][1] >= max_bytes:
                    starts.append((n + 1, offset))
                n += 1
                offset += len(line)
    except OSError as e:
        rejected.append(Rejected(str(path), "unreadable", str(e)))
        return []
    if n == 0:
        rejected.append(Rejected(str(path), "empty", "the .jsonl file has no lines"))
        return []
    ends = [*starts[1:], (n + 1, offset)]
    return [SourceRef(str(path), "jsonl", a, b - 1, at, end - at) for (a, at), (b, end) in zip(starts, ends)]


PERMANENT_OS_ERRORS = (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError)
PERMANENT_ERRNOS = {errno.ELOOP, errno.ENAMETOOLONG, errno.ENXIO}


def _read_regular(path: str, size: int) -> bytes:
    """Up to ``size`` bytes of a regular file. Opened non-blocking and checked with fstat, so a
    file swapped for a FIFO or a device after discovery is rejected instead of hanging the run."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError("not_a_regular_file", f"{_file_kind(mode)}: not read")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(size)
    finally:
        os.close(fd)


class TransientReadError(OSError):
    """An I/O error that may pass (network file systems, busy devices): worth a retry."""


def read(ref: SourceRef, max_bytes: int = MAX_DOC_BYTES) -> list[RawDocument | Rejected]:
    """Read one SourceRef into documents and rejections. Bad content and permanent I/O errors
    become rejections; other I/O errors raise TransientReadError so the caller can retry."""
    try:
        if ref.kind == "jsonl":
            return list(_read_jsonl(ref, max_bytes))
        data = _read_regular(ref.path, max_bytes + 1)
    except InputError as e:
        return [Rejected(ref.path, e.reason, e.detail)]
    except PERMANENT_OS_ERRORS as e:
        return [Rejected(ref.path, "unreadable", f"{type(e).__name__}: {e.strerror or e}")]
    except OSError as e:
        if e.errno in PERMANENT_ERRNOS:
            return [Rejected(ref.path, "unreadable", f"{type(e).__name__}: {e.strerror or e}")]
        raise TransientReadError(f"{printable(ref.path)}: {e}") from e
    sha = hashlib.sha256(data).hexdigest()
    try:
        if len(data) > max_bytes:
            raise InputError("oversized", f"file is larger than {max_bytes} bytes")
        hints: dict[str, str] = {}
        if ref.kind == "html":
            text, encoding = decode_html(data)
            return [html_document(ref.path, text, encoding)]
        text, encoding = decode(data)
        return [_document(ref.path, text, encoding, hints=hints)]
    except InputError as e:
        return [Rejected(ref.path, e.reason, e.detail, content_sha256=sha)]


def _ref_lines(ref: SourceRef):
    """(line number, bytes) of a jsonl ref's lines."""
    with open(ref.path, "rb") as fh:
        start = 1
        if ref.byte_offset:
            fh.seek(ref.byte_offset)
            start = ref.first_line
        for lineno, line in enumerate(fh, start=start):
            if lineno < ref.first_line:
                continue
            if ref.last_line is not None and lineno > ref.last_line:
                break
            yield lineno, line


def _read_jsonl(ref: SourceRef, max_bytes: int):
    for lineno, line in _ref_lines(ref):
        sha = hashlib.sha256(line).hexdigest()
        try:
            record = _parse_line(line, max_bytes)
            if not isinstance(record.get("text"), str):  # an {"html": …} record: the page path
                yield html_document(ref.path, record["html"], "utf_8", line=lineno, url=record.get("url"))
                continue
            yield _document(
                ref.path,
                record["text"],
                "utf_8",
                line=lineno,
                url=record.get("url"),
                hints={"title": record.get("title") or ""},
            )
        except InputError as e:
            yield Rejected(ref.path, e.reason, e.detail, source_line=lineno, content_sha256=sha)


def jsonl_doc_ids(ref: SourceRef, max_bytes: int = MAX_DOC_BYTES) -> list[str] | None:
    """The doc_ids of a jsonl ref's records without building documents (a cheap check whether a
    re-run can skip the ref), or None when a line would not simply become a document."""
    try:
        return [doc_id_of(_parse_line(line, max_bytes)["text"]) for _, line in _ref_lines(ref)]
    except (InputError, OSError, KeyError):  # KeyError: an html record, whose id needs its page text
        return None


def _parse_line(line: bytes, max_bytes: int) -> dict:
    """One jsonl line as a record, or InputError (blank, oversized, not a valid record)."""
    if not line.strip():
        raise InputError("empty", "blank line")
    if len(line) > max_bytes:
        raise InputError("oversized", f"record is larger than {max_bytes} bytes")
    return _parse_record(line)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _parse_record(line: bytes) -> dict:
    if line.startswith(b"\xef\xbb\xbf"):  # a BOM (first line of a file saved by some editors)
        line = line[3:]
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise InputError("undecodable", f"jsonl line is not UTF-8: {e.reason} at byte {e.start}") from e
    except json.JSONDecodeError as e:
        raise InputError("malformed_json", f"{e.msg} at column {e.colno}") from e
    if not isinstance(record, dict):
        raise InputError("malformed_json", f"expected an object, got {type(record).__name__}")
    if not isinstance(record.get("text"), str) and not isinstance(record.get("html"), str):
        raise InputError("malformed_json", "missing string field 'text' (or 'html' for a saved page)")
    for key in ("url", "title"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError("malformed_json", f"field {key!r} must be a string")
    for key in ("text", "url", "title"):
        bad = _SURROGATE.search(record.get(key) or "")
        if bad:  # a \ud800 escape: valid JSON, but no UTF-8 text can hold it
            raise InputError(
                "undecodable",
                f"field {key!r} holds a lone surrogate U+{ord(bad.group()):04X} at character {bad.start()}",
            )
    return record


def corpus_texts(path: Path) -> Iterator[str]:
    """The ``text`` of every record of a .jsonl or .jsonl.gz corpus, checked as ingest checks them.

    For tools that read a known corpus whole (bench, char vectors, segmenter benchmark): a bad line
    stops them with ``file:line`` instead of going to quarantine. Blank lines are skipped.
    """
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield _parse_record(line)["text"]
            except (InputError, KeyError) as e:
                detail = e.detail if isinstance(e, InputError) else "an html record"
                raise ValueError(f"{path}:{number}: not a JSON object with a 'text' field ({detail})") from e


def _document(
    path: str,
    text: str,
    encoding: str,
    line: int | None = None,
    url: str | None = None,
    hints: dict[str, str] | None = None,
) -> RawDocument:
    check_text(text)
    hints = {k: v for k, v in (hints or {}).items() if v}
    url = url or hints.pop("url", None)
    return RawDocument(doc_id_of(text), path, encoding, text, source_line=line, url=url, hints=hints)


def check_text(text: str) -> None:
    """Reject text that cannot be a Chinese article."""
    if not text.strip():
        raise InputError("empty", "no text (empty or whitespace only)")
    if "\x00" in text:
        raise InputError("binary", "contains NUL characters")
    letters = len(_LETTER.findall(text[:20000]))
    han = len(_HAN.findall(text[:20000]))
    if han < 10 or han < 0.2 * letters:
        raise InputError("not_chinese", f"only {han} Chinese characters among {letters} letters")


def decode(data: bytes) -> tuple[str, str]:
    """Decode input bytes; returns (text, encoding name) or raises InputError."""
    if not data.strip():
        raise InputError("empty", "no bytes" if not data else "whitespace only")
    for bom, enc in ((b"\xef\xbb\xbf", "utf_8_sig"), (b"\xff\xfe", "utf_16"), (b"\xfe\xff", "utf_16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise InputError("undecodable", f"{enc} BOM but invalid bytes at {e.start}") from e
    try:
        return data.decode("utf-8"), "utf_8"
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 3 and e.reason == "unexpected end of data":
            return data[: e.start].decode("utf-8"), "utf_8"  # a file cut inside its last character
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise InputError("binary", "control bytes suggest a binary file")
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        raise InputError("undecodable", "no Chinese encoding (UTF-8, GB18030, Big5, UTF-16) decodes it")
    return str(best), best.encoding


_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_GB_NAMES = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030", "cp936", "x-euc-cn", "euc-cn"}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first <meta … charset=…> (http-equiv or HTML5 form).
    ``<script charset>``/``<link charset>`` describe other files and are ignored; GB2312 and GBK
    are read as their superset GB18030."""
    m = _META_CHARSET.search(data[:65536])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    if name in _GB_NAMES:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page: a BOM, else valid UTF-8 (pages often declare GB2312 but are UTF-8), else the
    <meta> charset when the bytes are valid in it, else the general ``decode`` (which also serves
    pages declaring UTF-8 that are really GBK)."""
    if not data.strip():
        raise InputError("empty", "no bytes" if not data else "whitespace only")
    declared = declared_charset(data)
    if (
        declared
        and declared not in ("utf-8", "utf-16", "utf-32")
        and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    ):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                return data.decode(declared), declared.replace("-", "_")
            except UnicodeDecodeError:
                text = data.decode(declared, "replace")
                if text.count("\ufffd") <= max(2, len(text) // 2000) and not _looks_binary(data):
                    return text, declared.replace("-", "_") + ":replace"  # a few bad bytes in a real page
    return decode(data)


_PLAUSIBLE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u2027\x20-\x7e\s]")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 (LE or BE) saved without a BOM: its Chinese is mostly code points U+3400-U+9FFF,
    which neither GB18030 nor Big5 byte pairs read as UTF-16 ever give. Checked on the first
    64 KB; the whole file must then decode strictly."""
    if len(data) % 2:
        return None
    for enc in ("utf_16_le", "utf_16_be"):
        try:
            head = data[:65536].decode(enc)
        except UnicodeDecodeError:
            continue
        han = len(_HAN.findall(head))
        if han >= 10 and len(_PLAUSIBLE.findall(head)) >= 0.95 * len(head):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                return None
    return None


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """Files pasted together from UTF-8 and GB18030 sources: decode each line on its own when
    most lines are valid UTF-8 and every other line is valid GB18030."""
    lines = data.split(b"\n")
    out, gb = [], 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                out.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                return None
            gb += 1
    if len(lines) < 2 or gb * 2 > len(lines):
        return None
    return "\n".join(out), "mixed:utf_8+gb18030"


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head and not (head[0::2].count(0) > len(head) // 4 or head[1::2].count(0) > len(head) // 4):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def html_document(
    path: str, html: str, encoding: str, line: int | None = None, url: str | None = None
) -> RawDocument:
    """A page as a document: raw_text is the page's text; the article body is chosen within it (as
    spans) and metadata read from its structure. When body selection fails the document is the whole
    page text as before, with a warning in its hints for the clean stage."""
    from pipeline.html_body import analyse

    text, hints = html_to_text(html)
    doc = _document(path, text, encoding, line=line, url=url, hints=hints)
    try:
        page = analyse(
            html,
            text,
            _title_sources(html) | {k: hints.get(k, "") for k in ("title", "source", "publish_date")},
        )
    except Exception as e:
        log.warning("%s: body selection failed: %s: %s", path, type(e).__name__, e)
        doc.hints["html_body"] = f"selection failed ({type(e).__name__})"
        return doc
    if page.body is None:
        doc.hints["html_body"] = "no extractor found an article body"
    else:
        doc.body_spans, doc.body_extractor = page.body.spans, page.body.extractor
        doc.hints["html_trims"] = " ".join(page.body.trims)
    doc.page_meta = page.meta
    return doc


def _title_sources(html: str) -> dict[str, str]:
    tree = HTMLParser(html)
    out = {}
    for meta in tree.css("meta"):
        key = (meta.attributes.get("name") or meta.attributes.get("property") or "").lower()
        if key in ("og:title", "articletitle") and (meta.attributes.get("content") or "").strip():
            out["og_title" if key == "og:title" else "article_title"] = meta.attributes["content"]
    for i, h1 in enumerate(tree.css("h1")[:3]):  # the shown headline, when <title> is only the site
        out[f"h1_{i}"] = h1.text(separator=" ", strip=True)
    return out


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Text of an HTML page with block structure as line breaks, plus metadata hints."""
    tree = HTMLParser(html)
    hints = _html_meta(tree)
    tree.strip_tags(DROP_TAGS)
    root = tree.body or tree.root
    if root is None:
        raise InputError("empty", "HTML page has no content")
    parts: list[str] = []
    for node in root.traverse(include_text=True):
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in BLOCK_TAGS:
            parts.append("\n")
    text = re.sub(r"[ \t\r\f\v]*\n[\s]*", "\n", "".join(parts)).strip()
    return text, hints


def _html_meta(tree: HTMLParser) -> dict[str, str]:
    hints: dict[str, str] = {}
    title = tree.css_first("title")
    if title is not None and title.text(strip=True):
        hints["title"] = title.text(strip=True)
    wanted = {
        "og:title": "title",
        "title": "title",
        "articletitle": "title",
        "article:published_time": "publish_date",
        "pubdate": "publish_date",
        "publishdate": "publish_date",
        "firstpublishedtime": "publish_date",
        "source": "source",
        "contentsource": "source",
        "author": "author",
        "og:url": "url",
    }
    for meta in tree.css("meta"):
        key = (meta.attributes.get("name") or meta.attributes.get("property") or "").lower()
        value = (meta.attributes.get("content") or "").strip()
        target = wanted.get(key)
        if target and value and (target not in hints or key == "og:title"):
            hints[target] = value
    canonical = tree.css_first("link[rel=canonical]")
    if canonical is not None and canonical.attributes.get("href"):
        hints.setdefault("url", canonical.attributes["href"])
    return hints
