"""Metamorphic robustness check: rewrite gold-annotated documents the way real documents differ
from the development set, rewrite their gold consistently, run the pipeline on them and compare.

Perturbations (each deterministic for a seed and a document name):
- ``pdf``: text as PDF extraction leaves it: blanks around numbers (受理案件 83 件), hard line
  breaks every 30–40 characters inside paragraphs (sometimes inside a number or a name), page-number
  lines between pages;
- ``ascii`` / ``fullwidth``: Chinese punctuation , : ; ( ) ! ? written half width / full width;
- ``traditional``: OpenCC s2t of the whole text (gold metadata converted the same way: the
  conventions keep metadata as written; names, titles and metrics stay simplified in the gold);
- ``header``: the metadata lines under the headline rewritten in another common layout (labels
  发布时间/发布日期/日期/时间, 来源/信息来源/文章来源, 作者/记者/通讯员; one line or several; full or
  half-width colons, extra blanks; a date in another format; a breadcrumb or menu above the
  headline); a titled document that states no date gets one, and its gold says so.

Gold items are matched by standard name, canonical title and normalized value + metric with
blanks removed (``pipeline.evaluate``), so only metadata strings need rewriting; lines that hold the
gold title or a metadata label are left out of the ``pdf`` rewrite (a PDF's headline is its own line).
This module is a development tool: nothing in a pipeline run imports it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
import shutil
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from pipeline.clean import layout, script

PERTURBATIONS = ("pdf", "ascii", "fullwidth", "traditional", "header")
META_TEXT = ("title", "source", "author")
_LABEL = (
    r"(?:发布时间|发布日期|更新时间|撰写时间|日期|时间|来源|信息来源|文章来源"
    r"|作者|记者|通讯员|编辑|责任编辑|点击|浏览次数)"
)
_META_LINE = re.compile(rf"{_LABEL}\s*[:：|]|^\s*\d{{4}}\s*[-/.年]\s*\d{{1,2}}")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
_HAN = re.compile(r"[\u3400-\u9fff]")


def _rng(seed: int, name: str, kind: str) -> random.Random:
    digest = hashlib.sha256(f"{seed}:{kind}:{name}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


# ---------------------------------------------------------------- pdf


def _protected(line: str, gold_meta: dict) -> bool:
    """The headline and the short metadata lines keep their form (a PDF sets them apart)."""
    s = line.strip()
    title = gold_meta.get("title")
    if title and s and (s in title or title in s) and len(s) <= 2 * len(title) + 20:
        return True
    return len(s) <= 80 and bool(_META_LINE.search(s))


def _space_numbers(line: str, rng: random.Random) -> str:
    """Blanks around most numbers that touch Han characters (受理案件 83 件)."""

    def sub(m: re.Match) -> str:
        if rng.random() > 0.7:
            return m.group()
        before = " " if m.start() and _HAN.match(line[m.start() - 1]) else ""
        after = " " if m.end() < len(line) and _HAN.match(line[m.end()]) else ""
        return f"{before}{m.group()}{after}"

    return _NUMBER.sub(sub, line)


def _wrap(line: str, width: int) -> list[str]:
    """Lines of at most ``width`` full-width characters (ASCII counts half), as a PDF sets them."""
    out, cur, used = [], [], 0
    for ch in line:
        w = layout.width(ch)
        if used + w > 2 * width:
            out.append("".join(cur))
            cur, used = [], 0
        cur.append(ch)
        used += w
    return [*out, "".join(cur)]


def _page_line(page: int, rng: random.Random) -> str:
    return rng.choice([f"- {page} -", f"— {page} —", f"第 {page} 页", f"{page}", f"第{page}页 共12页"])


def perturb_pdf(text: str, gold_meta: dict, rng: random.Random) -> str:
    """A PDF holds no pinyin annotations (經(jīng): a web converter's), so they go first."""
    text = script.PINYIN.sub("", text)
    width, per_page = rng.randint(30, 40), rng.randint(18, 28)
    out: list[str] = []
    page = 1
    for line in text.split("\n"):
        if _protected(line, gold_meta):
            out.append(line)
            continue
        for piece in _wrap(_space_numbers(line, rng), width):
            out.append(piece)
            if len(out) >= per_page * page:
                page += 1
                out.append(_page_line(page, rng))
    return "\n".join(out)


# ---------------------------------------------------------------- punctuation width

_TO_ASCII = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"}
_TO_FULL = {v: k for k, v in _TO_ASCII.items()}
# a comma or colon between digits (1,200; 08:20) and markup-like runs stay as they are
_ASCII_PUNCT = re.compile(r"(?<!\d)[,:](?!\d)|[,:](?=\D)|[;()!?]")


def to_ascii(text: str) -> str:
    return text.translate(str.maketrans(_TO_ASCII))


def to_fullwidth(text: str) -> str:
    """ASCII , : ; ( ) ! ? next to Chinese text → full width; numbers, URLs and times keep theirs."""

    def sub(m: re.Match) -> str:
        i = m.start()
        near = text[max(0, i - 2) : i + 3]
        if not _HAN.search(near) or re.match(r"//", text[i + 1 : i + 3]):
            return m.group()
        return _TO_FULL[m.group()]

    return _ASCII_PUNCT.sub(sub, text)


# ---------------------------------------------------------------- traditional


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    return _s2t().convert(text)


# ---------------------------------------------------------------- header

_DATE_LABELS = ("发布时间", "发布日期", "日期", "时间", "更新时间")
_SOURCE_LABELS = ("来源", "信息来源", "文章来源")
_AUTHOR_LABELS = ("作者", "记者", "通讯员")
_COLONS = (":", "：", ": ", " : ", "：")
_SEPARATORS = ("  ", " ", "\u3000", " | ", "    ", "  ")
_CHROME_ABOVE = (
    "首页 > 新闻中心 > 工作动态",
    "当前位置：首页 > 政务公开 > 法治政府建设",
    "您现在的位置: 首页 >> 要闻动态 >> 正文",
    "网站首页 | 机构概况 | 政务公开 | 办事服务 | 互动交流",
)
_CHROME_BELOW = ("【字体：大 中 小】【打印】【关闭】", "分享到：", "浏览次数：1024", "")


def _chrome_above(lines: list[str], rng: random.Random) -> str:
    """A breadcrumb or a menu line; only the menu where the page has a breadcrumb already (a page
    shows one: its first crumb may name the site)."""
    has_crumbs = any(">" in line or "＞" in line for line in lines[:12])
    return _CHROME_ABOVE[-1] if has_crumbs else rng.choice(_CHROME_ABOVE)


def _date_text(date: dt.date, rng: random.Random) -> str:
    hh, mm, ss = rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59)
    forms = (
        f"{date:%Y-%m-%d}",
        f"{date:%Y-%m-%d} {hh:02d}:{mm:02d}",
        f"{date:%Y-%m-%d} {hh:02d}:{mm:02d}:{ss:02d}",
        f"{date:%Y年%m月%d日}",
        f"{date.year}年{date.month}月{date.day}日 {hh:02d}:{mm:02d}",
        f"{date:%Y/%m/%d}",
    )
    return rng.choice(forms)


def _header_lines(meta: dict, rng: random.Random) -> list[str]:
    colon = rng.choice(_COLONS)
    fields = []
    if meta.get("publish_date"):
        date = dt.date.fromisoformat(meta["publish_date"])
        fields.append(f"{rng.choice(_DATE_LABELS)}{colon}{_date_text(date, rng)}")
    if meta.get("source"):
        fields.append(f"{rng.choice(_SOURCE_LABELS)}{colon}{meta['source']}")
    if meta.get("author"):
        fields.append(_author_field(meta["author"], colon, rng))
    if rng.random() < 0.3:
        fields.append(f"编辑{colon}{rng.choice(('林晓雯', '周立新', 'admin'))}")
    rng.shuffle(fields)
    if rng.random() < 0.2:
        fields = [f"【{f}】" for f in fields]
    if not fields:
        return []
    return [rng.choice(_SEPARATORS).join(fields)] if rng.random() < 0.5 else fields


def _author_field(author: str, colon: str, rng: random.Random) -> str:
    """作者：张倩, 记者 张倩, 文/张倩; a two-character name sometimes spaced out (张 倩), as pages
    align names; the gold keeps 张倩."""
    if len(author) == 2 and rng.random() < 0.5:
        author = " ".join(author)
    label, sep = rng.choice([*((a, colon) for a in _AUTHOR_LABELS), ("记者", " "), ("文", "/")])
    return f"{label}{sep}{author}"


def _title_index(lines: list[str], title: str | None) -> int | None:
    """The headline's line, when nothing but short header lines stands above it (a notice whose
    attached plan repeats the title further down has no header there)."""
    if not title:
        return None
    at = next((i for i, line in enumerate(lines[:12]) if line.strip() == title.strip()), None)
    return at if at is not None and all(len(line.strip()) < 40 for line in lines[:at]) else None


def perturb_header(text: str, gold_meta: dict, rng: random.Random) -> tuple[str, dict]:
    """New metadata lines under the headline (old ones in the first lines removed), chrome above."""
    lines = text.split("\n")
    meta = dict(gold_meta)
    at = _title_index(lines, meta.get("title"))
    if at is None:
        return "\n".join([_chrome_above(lines, rng), *lines]), meta
    if not meta.get("publish_date"):
        meta["publish_date"] = (dt.date(2018, 1, 1) + dt.timedelta(days=rng.randint(0, 2900))).isoformat()
    head = [
        line
        for line in lines[at + 1 : at + 7]
        if not (len(line.strip()) <= 80 and _META_LINE.search(line.strip()) and "。" not in line)
    ]
    new = [*_header_lines(meta, rng), rng.choice(_CHROME_BELOW)]
    above = [_chrome_above(lines[:at], rng), ""] if rng.random() < 0.7 else []
    lines = lines[:at] + above + [lines[at]] + new + head + lines[at + 7 :]
    return "\n".join(lines), meta


# ---------------------------------------------------------------- documents and gold


def perturb(kind: str, name: str, text: str, gold: dict, seed: int = 0) -> tuple[str, dict]:
    """One document and its gold under perturbation ``kind``."""
    rng = _rng(seed, name, kind)
    gold = json.loads(json.dumps(gold))
    meta = gold.setdefault("meta", {})
    if kind == "pdf":
        for f in META_TEXT:  # as written, and the perturbation drops pinyin annotations
            if meta.get(f):
                meta[f] = script.PINYIN.sub("", meta[f])
        return perturb_pdf(text, meta, rng), gold
    if kind == "header":
        text, gold["meta"] = perturb_header(text, meta, rng)
        return text, gold
    convert: Callable[[str], str] = {
        "ascii": to_ascii,
        "fullwidth": to_fullwidth,
        "traditional": to_traditional,
    }[kind]
    for f in META_TEXT:
        if meta.get(f):
            meta[f] = convert(meta[f])
    return convert(text), gold


def write_perturbed(
    kind: str, doc_dirs: list[Path], gold_dirs: list[Path], dest: Path, seed: int = 0
) -> tuple[Path, list[Path]]:
    """Perturbed copies of every gold-annotated document (``dest/docs``) and of each gold folder
    (``dest/gold/<n>_<name>``); HTML pages are only converted by ``traditional``."""
    golds = {}
    new_gold_dirs = []
    for n, g in enumerate(gold_dirs):
        target = dest / "gold" / f"{n}_{Path(g).name}"
        target.mkdir(parents=True, exist_ok=True)
        new_gold_dirs.append(target)
        for f in sorted(Path(g).glob("*.json")):
            gold = json.loads(f.read_text("utf-8"))
            golds[gold.get("id") or f.stem] = (gold, target / f.name)
    docs = dest / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for d in doc_dirs:
        for path in sorted(Path(d).iterdir()):
            if path.stem not in golds:
                continue
            gold, gold_out = golds[path.stem]
            gold.pop("doc_id", None)  # a content hash: the perturbed text has another
            if path.suffix == ".txt" or kind == "traditional":
                text, gold = perturb(kind, path.stem, path.read_text("utf-8"), gold, seed)
                (docs / path.name).write_text(text, "utf-8")
            else:
                shutil.copyfile(path, docs / path.name)
            gold_out.write_text(json.dumps(gold, ensure_ascii=False, indent=1), "utf-8")
    return docs, new_gold_dirs


# ---------------------------------------------------------------- the check

COLUMNS = ("places", "officials", "regulations", "indicators", "title", "publish_date", "source", "author")


def run_pipeline(docs: list[Path], out: Path) -> None:
    """``python -m pipeline run`` in a child process (a run starts its own Prefect server)."""
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "pipeline", "run", *map(str, docs), "--out", str(out), "--json"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"pipeline run on {docs} failed: {done.stderr.strip().splitlines()[-1:]}")


def scores_row(result: dict) -> dict[str, float]:
    """F1 per kind, share right per metadata field."""
    row = {k: result["kinds"][k].f1 for k in COLUMNS[:4]}
    for f in COLUMNS[4:]:
        s = result["meta"][f]
        row[f] = s.tp / (s.tp + s.fn) if s.tp + s.fn else 1.0
    return row


def errors(result: dict) -> dict[str, str]:
    """Misses and false positives, each under a key that stays the same when only the wording of
    the text changed (an indicator is keyed by its value and unit), mapped to a line to print."""
    out = {}
    for kind, s in result["kinds"].items():
        for tag, items in (("miss", s.miss_items), ("false positive", s.fp_items)):
            for doc, item in items:
                key, label = _item_key(kind, item)
                out[f"{tag} {kind} {doc}: {key}"] = f"{tag} {kind} {doc}: {label}"
    for f, s in result["meta"].items():
        out.update({f"miss meta.{f} {line}": f"miss meta.{f} {line}" for line in s.misses})
    return out


def new_errors(base: dict, other: dict) -> list[str]:
    """Errors of ``other`` that the unperturbed run ``base`` does not make."""
    seen = errors(base)
    return [label for key, label in sorted(errors(other).items()) if key not in seen]


def _item_key(kind: str, item: dict) -> tuple[str, str]:
    if kind != "indicators":
        return str(item.get("name")), str(item.get("name"))
    value = item.get("normalized", item.get("normalized_value"))
    key = f"{float(value) if value is not None else None} {item.get('base_unit')}"
    return key, f"{item.get('text')!r} = {value} {item.get('base_unit')} [{item.get('metric')}]"


def check(
    kinds: list[str], doc_dirs: list[Path], gold_dirs: list[Path], work: Path, seed: int = 0
) -> dict[str, dict]:
    """The evaluation of an unperturbed run (``none``) and of a run per perturbation."""
    from pipeline.evaluate import combine, evaluate_sets

    results = {}
    for kind in ["none", *kinds]:
        if kind == "none":
            golds, out = gold_dirs, work / "none" / "out"
            run_pipeline(doc_dirs, out)
        else:
            docs_dir, golds = write_perturbed(kind, doc_dirs, gold_dirs, work / kind, seed)
            out = work / kind / "out"
            run_pipeline([docs_dir], out)
        per_set = evaluate_sets(golds, out)
        results[kind] = per_set.get("combined") or combine(list(per_set.values()))
    return results
