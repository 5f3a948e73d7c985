"""Self-contained HTML audit report of an output folder (no CDN: styles and script are inline).

Every mention is highlighted at its offsets in the clean text; clicking one shows its normalized
value, rule or model, confidence, sentence and raw-text offsets. With gold files, misses and false
positives of ``evaluate`` are marked. All document text is HTML-escaped.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from pipeline import store
from pipeline.extract.ner import method as ner_method
from pipeline.extract.rules import rules_version

ENTITY_TABLES = {
    "places": ["name", "adcode", "level", "province", "city", "county", "resolved", "method"],
    "officials": ["name", "title", "org", "method", "confidence"],
    "regulations": ["text", "name", "category", "issuing_place", "method"],
    "indicators": ["text", "metric", "value", "unit", "qualifier", "normalized_value", "base_unit", "method"],
}
COLORS = {"PLACE": "#cde9ff", "PERSON": "#ffe0b3", "TITLE": "#fff3b0", "ORG": "#e3d7ff", "GOV": "#d7c4ff",
          "REGULATION": "#d4f5d0", "INDICATOR": "#ffd6de", "DATE": "#e8e8e8", "LOC": "#cde9ff", "PER": "#ffe0b3"}


def build_report(out: Path, gold: Path | None = None, doc_ids: list[str] | None = None, max_docs: int = 200) -> str:
    """The report as one HTML string; ``doc_ids`` limits it to some documents.

    Only the shown documents' rows are read (plus a few narrow columns for the folder totals), so
    the report's time and memory do not grow with the folder."""
    index = store.read_table(out, "documents", ["doc_id", "source_path"]).to_pandas()
    total = len(index)
    if doc_ids is not None:
        index = index[index["doc_id"].isin(doc_ids)]
    shown = index.sort_values("source_path").head(max_docs)["doc_id"].tolist()
    t = {name: store.read_table(out, name, doc_ids=shown).to_pandas()
         for name in ("documents", "sentences", "mentions", *ENTITY_TABLES)}
    by_doc = {name: dict(tuple(df.groupby("doc_id"))) for name, df in t.items() if name != "documents"}
    folder = _folder_totals(out)
    marks = _gold_marks(out, gold) if gold else {}
    parts = [_overview(folder, len(shown), total, gold is not None, marks)]
    details: dict[str, dict] = {}
    empty = {name: df.iloc[:0] for name, df in t.items()}
    for doc in t["documents"].sort_values("source_path").itertuples():
        rows = {name: groups.get(doc.doc_id, empty[name]) for name, groups in by_doc.items()}
        parts.append(_document(doc, rows, marks.get(doc.doc_id, {}), details))
    return _page("".join(parts), details, sorted(folder["labels"]), sorted(folder["methods"]))


def _folder_totals(out: Path) -> dict:
    """Counts over the whole folder from narrow columns (never the document texts)."""
    mentions = store.read_table(out, "mentions", ["label", "method"]).to_pandas()
    warnings = store.read_table(out, "documents", ["warnings"]).column("warnings").to_pylist()
    return {"runs": store.read_table(out, "runs").to_pandas(), "quarantine": store.read_table(out, "quarantine").to_pandas(),
            "rows": {name: store.read_table(out, name, ["doc_id"]).num_rows for name in ENTITY_TABLES},
            "labels": Counter(mentions["label"]), "methods": set(mentions["method"]),
            "warnings": Counter(w.split(":")[0] + ":" + w.split(":")[1] for ws in warnings for w in ws or () if ":" in w)}


def write_report(out: Path, html_path: Path, gold: Path | None = None, **kwargs) -> Path:
    html_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = html_path.with_suffix(".tmp")
    try:
        tmp.write_text(build_report(out, gold, **kwargs), encoding="utf-8")
        tmp.replace(html_path)
    finally:  # a failed write (full disk, a bug in the build) leaves no report.tmp behind
        tmp.unlink(missing_ok=True)
    return html_path


# ---- gold ---------------------------------------------------------------------------------------

def _gold_marks(out: Path, gold: Path) -> dict[str, dict]:
    """doc_id → {"misses": [gold items], "fp": [(kind, row)]} from the evaluation."""
    from pipeline.evaluate import evaluate

    result = evaluate(gold, out)
    docs = store.read_table(out, "documents", ["doc_id", "source_path"]).to_pandas()
    by_stem = {Path(p).stem: d for d, p in zip(docs["doc_id"], docs["source_path"])}
    marks: dict[str, dict] = defaultdict(lambda: {"misses": [], "fp": []})
    for kind, score in result["kinds"].items():
        for stem, item in score.miss_items:
            marks[by_stem[stem]]["misses"].append((kind, item))
        for stem, row in score.fp_items:
            marks[by_stem[stem]]["fp"].append((kind, row))
    return dict(marks)


# ---- sections -----------------------------------------------------------------------------------

def _overview(folder: dict, shown: int, total: int, with_gold: bool, marks: dict) -> str:
    runs = folder["runs"].sort_values("finished_at")
    last = runs.iloc[-1] if len(runs) else None
    versions = json.loads(last["versions"]) if last is not None else {}
    counts = json.loads(last["counts"]) if last is not None else {}
    versions.setdefault("rules", rules_version())
    versions.setdefault("ner_model", ner_method())
    q, warnings = folder["quarantine"], folder["warnings"]
    rows = [("runs in this folder", len(runs)), ("last run", last["run_id"] if last is not None else "—"),
            ("inputs (last run)", counts.get("inputs", "—")), ("documents", total), ("documents shown", shown),
            ("quarantined rows", len(q))]
    rows += [(f"{name} rows", n) for name, n in folder["rows"].items()]
    rows += [(f"mentions: {label}", n) for label, n in sorted(folder["labels"].items())]
    html_rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    version_rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in sorted(versions.items()))
    q_rows = "".join(f"<tr><td>{_e(r.source_path)}</td><td>{_e(_na(r.source_line))}</td><td>{_e(r.stage)}</td>"
                     f"<td>{_e(r.reason)}</td><td>{_e(r.detail)}</td></tr>" for r in q.itertuples())
    w_rows = "".join(f"<tr><td>{_e(k)}</td><td>{n}</td></tr>" for k, n in warnings.most_common())
    gold_note = ""
    if with_gold:
        n_miss = sum(len(m["misses"]) for m in marks.values())
        n_fp = sum(len(m["fp"]) for m in marks.values())
        gold_note = f"<p class='gold'>Compared with gold: {n_miss} misses, {n_fp} false positives (marked in the text).</p>"
    return (f"<section id='overview'><h1>Extraction audit</h1>{gold_note}<div class='cols'>"
            f"<table><caption>Run</caption>{html_rows}</table><table><caption>Versions</caption>{version_rows}</table></div>"
            f"<h2>Quarantine</h2><table class='wide'><tr><th>input</th><th>line</th><th>stage</th><th>reason</th><th>detail</th></tr>{q_rows}</table>"
            f"<h2>Cleaning log</h2><table><tr><th>rule</th><th>documents×lines</th></tr>{w_rows}</table></section>")


def _document(doc, t: dict, marks: dict, details: dict) -> str:
    """One document's section; ``t`` holds this document's rows of each table."""
    text = doc.clean_text
    mentions = t["mentions"]
    sentences = t["sentences"].set_index("sentence_id")["text"].to_dict()
    spans = []
    for m in mentions.itertuples():
        details[m.mention_id] = {"label": m.label, "text": m.text, "normalized": m.normalized, "method": m.method,
                                 "confidence": round(float(m.confidence), 3), "sentence": sentences.get(m.sentence_id, ""),
                                 "start": int(m.start), "end": int(m.end), "raw_start": int(m.raw_start), "raw_end": int(m.raw_end)}
        spans.append((int(m.start), int(m.end), m.mention_id, m.label, m.method))
    fp_spans = _fp_spans(marks.get("fp", []))
    miss_spans, unplaced = _miss_spans(text, marks.get("misses", []))
    body = _highlight(text, spans, fp_spans, miss_spans)
    meta = " · ".join(f"{k}: {_e(_na(getattr(doc, k)))}" for k in ("publish_date", "source", "author", "script", "encoding"))
    tables = "".join(_entity_table(name, cols, t[name]) for name, cols in ENTITY_TABLES.items())
    gold_list = _gold_list(marks, unplaced)
    return (f"<section class='doc' id='doc-{_e(doc.doc_id)}'><h2>{_e(_na(doc.title) or doc.source_path)}</h2>"
            f"<p class='meta'>{_e(doc.source_path)} · doc_id {_e(doc.doc_id)} · {meta}</p>{gold_list}"
            f"<div class='text'>{body}</div>{tables}</section>")


def _fp_spans(fps: list) -> list[tuple[int, int]]:
    out = []
    for kind, row in fps:
        if kind == "indicators":
            out.append((int(row["start"]), int(row["end"])))
        else:
            out += [(int(s["start"]), int(s["end"])) for s in row["mentions"]]
    return out


def _miss_spans(text: str, misses: list) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Where a missed gold item's text occurs first in the clean text (else listed only)."""
    spans, unplaced = [], []
    for kind, item in misses:
        needle = item.get("text") or item.get("name") or ""
        at = text.find(needle) if needle else -1
        label = f"{kind}: {item.get('name') or needle}"
        if at >= 0:
            spans.append((at, at + len(needle), label))
        else:
            unplaced.append(label)
    return spans, unplaced


def _gold_list(marks: dict, unplaced: list[str]) -> str:
    if not marks:
        return ""
    miss = "".join(f"<li class='miss'>miss · {_e(k)}: {_e(i.get('text') or i.get('name'))}</li>" for k, i in marks["misses"])
    fps = "".join(f"<li class='fp'>false positive · {_e(k)}: {_e(r.get('text') or r.get('name'))}</li>" for k, r in marks["fp"])
    extra = "".join(f"<li>not found in the clean text: {_e(u)}</li>" for u in unplaced)
    return f"<ul class='gold'>{miss}{fps}{extra}</ul>"


def _highlight(text: str, spans: list, fp_spans: list, miss_spans: list) -> str:
    """Clean text with nested <mark>s. Text is cut at every span boundary and each piece is
    wrapped in the marks covering it, so overlapping spans render correctly; the first piece
    of a mention carries data-first, so every mention is shown exactly once."""
    cuts = sorted({0, len(text), *(b for s, e, *_ in spans + miss_spans for b in (s, e)), *(b for s, e in fp_spans for b in (s, e))})
    fp_set = set(fp_spans)
    out = []
    seen: set[str] = set()
    for a, b in zip(cuts, cuts[1:]):
        piece = _e(text[a:b]).replace("\n", "<br>\n")
        covering = sorted((s for s in spans if s[0] <= a and b <= s[1]), key=lambda s: (s[0], -s[1]))
        for s, e, mid, label, method in reversed(covering):
            first = " data-first='1'" if mid not in seen else ""
            seen.add(mid)
            fp = " fp" if any(fs <= s and e <= fe for fs, fe in fp_set) else ""
            piece = (f"<mark class='m{fp}' data-mid='{_e(mid)}' data-label='{_e(label)}' data-method='{_e(method)}'"
                     f"{first} style='--c:{COLORS.get(label, '#eee')}'>{piece}</mark>")
        for s, e, label in miss_spans:
            if s <= a and b <= e:
                piece = f"<span class='gold-miss' title='{_e(label)}'>{piece}</span>"
        out.append(piece)
    return "".join(out)


def _entity_table(name: str, cols: list[str], df: pd.DataFrame) -> str:
    if df.empty:
        return ""
    head = "".join(f"<th>{c}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f"<td>{_e(_na(getattr(r, c)))}</td>" for c in cols) + "</tr>" for r in df.itertuples())
    return f"<details open><summary>{name} ({len(df)})</summary><table class='wide'><tr>{head}</tr>{body}</table></details>"


def _page(body: str, details: dict, labels: list[str], methods: list[str]) -> str:
    data = json.dumps(details, ensure_ascii=False).replace("</", "<\\/")
    label_boxes = "".join(f"<label><input type='checkbox' checked data-filter='label' value='{_e(x)}'> {_e(x)}</label>" for x in labels)
    method_boxes = "".join(f"<label><input type='checkbox' checked data-filter='method' value='{_e(x)}'> {_e(x)}</label>" for x in methods)
    return f"""<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>Extraction audit</title>
<style>{_CSS}</style></head><body>
<aside id="panel"><h3>Mention</h3><div id="detail">Click a highlighted mention.</div>
<h3>Filter</h3><div class="filters"><b>labels</b>{label_boxes}<b>methods</b>{method_boxes}</div></aside>
<main>{body}</main>
<script type="application/json" id="mentions-data">{data}</script>
<script>{_JS}</script></body></html>"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _na(value):
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:0;display:flex}
main{flex:1;padding:1em 2em;max-width:70em}
aside{position:sticky;top:0;height:100vh;overflow:auto;width:22em;padding:1em;background:#fafafa;border-right:1px solid #ddd;font-size:.9em}
table{border-collapse:collapse;margin:.5em 1em .5em 0;font-size:.9em}
td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
table.wide{width:100%}
.cols{display:flex;flex-wrap:wrap}
.text{line-height:2;border:1px solid #eee;padding:1em;white-space:normal}
mark.m{background:var(--c);border-radius:3px;padding:0 1px;cursor:pointer}
mark.m.fp{outline:2px solid #d00}
mark.m.selected{box-shadow:0 0 0 2px #333}
body.hide-mark mark.m.off{background:none;cursor:text}
.gold-miss{border-bottom:3px dashed #d00}
li.miss{color:#a00} li.fp{color:#d00}
.meta{color:#666;font-size:.85em}
.filters label{display:block}
#detail dt{font-weight:bold;margin-top:.4em}
"""

_JS = """
const DATA = JSON.parse(document.getElementById('mentions-data').textContent);
const detail = document.getElementById('detail');
function show(mid){
  const m = DATA[mid]; if(!m) return;
  document.querySelectorAll('mark.selected').forEach(x=>x.classList.remove('selected'));
  document.querySelectorAll('mark[data-mid="'+mid+'"]').forEach(x=>x.classList.add('selected'));
  const rows = [['label',m.label],['text',m.text],['normalized',m.normalized],['method',m.method],
    ['confidence',m.confidence],['clean offsets',m.start+'–'+m.end],['raw offsets',m.raw_start+'–'+m.raw_end],['sentence',m.sentence]];
  detail.innerHTML = '';
  const dl = document.createElement('dl');
  for(const [k,v] of rows){const dt=document.createElement('dt');dt.textContent=k;const dd=document.createElement('dd');
    dd.textContent = (v===null||v===undefined)?'—':String(v); dd.className='d-'+k.replace(' ','-'); dl.append(dt,dd);}
  detail.append(dl);
}
document.addEventListener('click', e=>{const m=e.target.closest('mark.m'); if(m && !m.classList.contains('off')) show(m.dataset.mid);});
function applyFilters(){
  const on = {label:new Set(), method:new Set()};
  document.querySelectorAll('input[data-filter]').forEach(i=>{if(i.checked) on[i.dataset.filter].add(i.value);});
  document.querySelectorAll('mark.m').forEach(m=>m.classList.toggle('off', !(on.label.has(m.dataset.label) && on.method.has(m.dataset.method))));
  document.body.classList.add('hide-mark');
}
document.querySelectorAll('input[data-filter]').forEach(i=>i.addEventListener('change', applyFilters));
"""
