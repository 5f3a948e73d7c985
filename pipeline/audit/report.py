"""Self-contained HTML audit report of an output folder (no CDN: styles and script are inline).

Every mention is highlighted at its offsets in the clean text; clicking one shows its normalized
value, rule or model, confidence, sentence and raw-text offsets. With gold files, misses and false
positives of ``evaluate`` are marked. All document text is HTML-escaped.
"""

from __future__ import annotations

import html
import itertools
import json
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from pipeline import store
from pipeline.extract.ner import method as ner_method
from pipeline.extract.rules import rules_version

# Columns of each entity table shown under a document; optional ones only when the schema has them.
ENTITY_TABLES = {
    "places": ["name", "adcode", "level", "province", "city", "county", "resolved", "method"],
    "officials": ["name", "title", "org", "method", "confidence"],
    "regulations": ["text", "name", "category", "issuing_place", "method"],
    "indicators": [
        "text",
        "metric",
        "value",
        "unit",
        "qualifier",
        "normalized_value",
        "base_unit",
        "scope",
        "period",
        "method",
    ],
}
# The row of an entity table a clicked mention belongs to, by the mention's label.
DETAIL_FIELDS = {
    "PLACE": ("places", ["name", "adcode", "level", "province", "city", "resolved"]),
    "PERSON": ("officials", ["name", "title", "org"]),
    "REGULATION": ("regulations", ["name", "category", "issuing_place"]),
    "INDICATOR": (
        "indicators",
        [
            "metric",
            "metric_id",
            "value",
            "unit",
            "qualifier",
            "normalized_value",
            "base_unit",
            "value_max",
            "scope",
            "scope_adcode",
            "period",
        ],
    ),
}
COLORS = {
    "PLACE": "#bfe3ff",
    "LOC": "#bfe3ff",
    "PERSON": "#ffd59e",
    "PER": "#ffd59e",
    "TITLE": "#fff08a",
    "ORG": "#e6d3ff",
    "GOV": "#a8ece4",
    "REGULATION": "#c9f2c1",
    "INDICATOR": "#ffc9d4",
    "DATE": "#e2e2e2",
}
CONTEXT = 120  # characters of the sentence shown either side of a clicked mention (cut in the page)


def build_report(
    out: Path, gold: Path | None = None, doc_ids: list[str] | None = None, max_docs: int = 200, note: str = ""
) -> str:
    """The report as one HTML string; ``doc_ids`` limits it to some documents, ``note`` is a line
    shown on top (e.g. that a run changed nothing).

    Only the shown documents' rows are read (plus a few narrow columns for the folder totals), so
    the report's time and memory do not grow with the folder; each document costs time linear in
    its text and mentions."""
    index = store.read_table(out, "documents", ["doc_id", "source_path"]).to_pandas()
    total = len(index)
    if doc_ids is not None:
        index = index[index["doc_id"].isin(doc_ids)]
    shown = index.sort_values("source_path").head(max_docs)["doc_id"].tolist()
    t = {
        name: store.read_table(out, name, doc_ids=shown).to_pandas()
        for name in ("documents", "sentences", "mentions", *ENTITY_TABLES)
    }
    by_doc = {name: dict(tuple(df.groupby("doc_id"))) for name, df in t.items() if name != "documents"}
    folder = _folder_totals(out)
    marks = _gold_marks(out, gold) if gold else {}
    docs = list(t["documents"].sort_values("source_path").itertuples())
    empty = {name: df.iloc[:0] for name, df in t.items()}
    rows = [{name: groups.get(doc.doc_id, empty[name]) for name, groups in by_doc.items()} for doc in docs]
    parts = [_overview(folder, len(shown), total, gold is not None, marks, note, _index(docs, rows, marks))]
    details: dict[str, dict] = {}
    entity_rows: list[dict] = []  # each entity row once; a mention's detail names it by index
    for doc, doc_rows in zip(docs, rows):
        parts.append(_document(doc, doc_rows, marks.get(doc.doc_id, {}), details, entity_rows))
    return _page("".join(parts), details, entity_rows, folder["labels"], sorted(folder["methods"]))


def _folder_totals(out: Path) -> dict:
    """Counts over the whole folder from narrow columns (never the document texts)."""
    mentions = store.read_table(out, "mentions", ["label", "method"]).to_pandas()
    warnings = store.read_table(out, "documents", ["warnings"]).column("warnings").to_pylist()
    return {
        "runs": store.read_table(out, "runs").to_pandas(),
        "quarantine": store.read_table(out, "quarantine").to_pandas(),
        "rows": {name: store.read_table(out, name, ["doc_id"]).num_rows for name in ENTITY_TABLES},
        "labels": Counter(mentions["label"]),
        "methods": set(mentions["method"]),
        "warnings": Counter(
            w.split(":")[0] + ":" + w.split(":")[1] for ws in warnings for w in ws or () if ":" in w
        ),
    }


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


def _overview(
    folder: dict, shown: int, total: int, with_gold: bool, marks: dict, note: str, index: str
) -> str:
    runs = folder["runs"].sort_values("finished_at")
    last = runs.iloc[-1] if len(runs) else None
    versions = json.loads(last["versions"]) if last is not None else {}
    counts = json.loads(last["counts"]) if last is not None else {}
    versions.setdefault("rules", rules_version())
    versions.setdefault("ner_model", ner_method())
    q, warnings = folder["quarantine"], folder["warnings"]
    rows = [
        ("runs in this folder", len(runs)),
        ("last run", last["run_id"] if last is not None else "—"),
        ("inputs (last run)", counts.get("inputs", "—")),
        ("documents", total),
        ("documents shown", shown),
        ("quarantined rows", len(q)),
    ]
    rows += [(f"{name} rows", n) for name, n in folder["rows"].items()]
    rows += [(f"mentions: {label}", n) for label, n in sorted(folder["labels"].items())]
    html_rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    version_rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in sorted(versions.items()))
    q_rows = "".join(
        f"<tr><td>{_e(r.source_path)}</td><td>{_e(_na(r.source_line))}</td><td>{_e(r.stage)}</td>"
        f"<td>{_e(r.reason)}</td><td>{_e(r.detail)}</td></tr>"
        for r in q.itertuples()
    )
    w_rows = "".join(f"<tr><td>{_e(k)}</td><td>{n}</td></tr>" for k, n in warnings.most_common())
    gold_note = ""
    if with_gold:
        n_miss = sum(len(m["misses"]) for m in marks.values())
        n_fp = sum(len(m["fp"]) for m in marks.values())
        gold_note = (
            f"<p class='gold'>Compared with gold: {n_miss} misses, {n_fp} false positives "
            "(marked in the text).</p>"
        )
    note_html = f"<p class='note'>{_e(note)}</p>" if note else ""
    return (
        f"<section id='overview'><h1>Extraction audit</h1>{note_html}{gold_note}<div class='cols'>"
        f"<table><caption>Run</caption>{html_rows}</table><table><caption>Versions</caption>{version_rows}</table></div>"
        f"{index}<h2>Quarantine</h2><table class='wide'><tr><th>input</th><th>line</th><th>stage</th>"
        f"<th>reason</th><th>detail</th></tr>{q_rows}</table>"
        f"<h2>Cleaning log</h2><table><tr><th>rule</th><th>documents×lines</th></tr>"
        f"{w_rows}</table></section>"
    )


def _index(docs: list, rows: list[dict], marks: dict) -> str:
    """One line per shown document: a link to its section and its rows per kind."""
    kinds = [*ENTITY_TABLES, "mentions"]
    gold = ["misses", "fp"] if marks else []
    head = "".join(f"<th>{k}</th>" for k in ["#", "document", *kinds, *gold])
    lines = []
    for n, (doc, r) in enumerate(zip(docs, rows), 1):
        name = _na(doc.title) or doc.source_path
        cells = "".join(f"<td class='n'>{len(r[k])}</td>" for k in kinds)
        cells += "".join(f"<td class='n'>{len(marks.get(doc.doc_id, {}).get(g, []))}</td>" for g in gold)
        lines.append(
            f"<tr><td class='n'>{n}</td><td><a href='#doc-{_e(doc.doc_id)}'>{_e(name)}</a>"
            f"<div class='meta'>{_e(doc.source_path)}</div></td>{cells}</tr>"
        )
    return (
        f"<section id='index'><h2>Documents ({len(docs)})</h2>"
        f"<table class='wide index'><tr>{head}</tr>{''.join(lines)}</table></section>"
    )


def _document(doc, t: dict, marks: dict, details: dict, entity_rows: list[dict]) -> str:
    """One document's section; ``t`` holds this document's rows of each table."""
    text = doc.clean_text
    fp_spans = _fp_spans(marks.get("fp", []))
    spans = []
    for m, detail in _mention_details(t, entity_rows):
        details[m.mention_id] = detail
        fp = any(fs <= m.start and m.end <= fe for fs, fe in fp_spans)
        spans.append((int(m.start), int(m.end), m.mention_id, m.label, m.method, fp))
    miss_spans, unplaced = _miss_spans(text, marks.get("misses", []))
    body = _highlight(text, spans, miss_spans)
    meta = " · ".join(
        f"{k}: {_e(_na(getattr(doc, k)))}" for k in ("publish_date", "source", "author", "script", "encoding")
    )
    tables = "".join(_entity_table(name, cols, t[name]) for name, cols in ENTITY_TABLES.items())
    gold_list = _gold_list(marks, unplaced)
    return (
        f"<section class='doc' id='doc-{_e(doc.doc_id)}'><h2>{_e(_na(doc.title) or doc.source_path)}"
        f" <a class='up' href='#index' title='back to the index of documents'>↑</a></h2>"
        f"<p class='meta'>{_e(doc.source_path)} · doc_id {_e(doc.doc_id)} · {meta}</p>{gold_list}"
        f"<div class='text'>{body}</div>{tables}</section>"
    )


def _mention_details(t: dict, entity_rows: list[dict]):
    """(mention, what clicking it shows): its fields, its entity row, and where its sentence lies
    (the page cuts the sentence out of the document's text, to CONTEXT characters either side:
    copying sentences into every mention made the page grow with mentions × sentence length)."""
    sentences = {int(s.sentence_id): [int(s.start), int(s.end)] for s in t["sentences"].itertuples()}
    rows = {
        label: _rows_by_span(t[table], fields, entity_rows)
        for label, (table, fields) in DETAIL_FIELDS.items()
    }
    for m in t["mentions"].itertuples():
        start, end = int(m.start), int(m.end)
        detail = {
            "label": m.label,
            "text": m.text,
            "normalized": m.normalized,
            "method": m.method,
            "confidence": round(float(m.confidence), 3),
            "start": start,
            "end": end,
            "raw_start": int(m.raw_start),
            "raw_end": int(m.raw_end),
            "sentence": sentences.get(int(m.sentence_id), [start, end]),
        }
        row = rows.get(m.label, {}).get((start, end))
        if row is not None:
            detail["row"] = row
        yield m, detail


def _rows_by_span(df: pd.DataFrame, fields: list[str], entity_rows: list[dict]) -> dict[tuple[int, int], int]:
    """(start, end) → index in ``entity_rows`` of the fields of the entity row found there (a row's
    own span, or each of its ``mentions``); fields the schema lacks are left out."""
    fields = [f for f in fields if f in df.columns]
    out: dict[tuple[int, int], int] = {}
    for r in df.itertuples():
        entity_rows.append({f: _plain(getattr(r, f)) for f in fields})
        values = len(entity_rows) - 1
        spans = getattr(r, "mentions", None)
        for s in spans if spans is not None else [{"start": r.start, "end": r.end}]:
            out.setdefault((int(s["start"]), int(s["end"])), values)
    return out


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
    miss = "".join(
        f"<li class='miss'>miss · {_e(k)}: {_e(i.get('text') or i.get('name'))}</li>"
        for k, i in marks["misses"]
    )
    fps = "".join(
        f"<li class='fp'>false positive · {_e(k)}: {_e(r.get('text') or r.get('name'))}</li>"
        for k, r in marks["fp"]
    )
    extra = "".join(f"<li>not found in the clean text: {_e(u)}</li>" for u in unplaced)
    return f"<ul class='gold'>{miss}{fps}{extra}</ul>"


def _highlight(text: str, spans: list, miss_spans: list) -> str:
    """Clean text with nested <mark>s. Text is cut at every span boundary and each piece is
    wrapped in the marks covering it, so overlapping spans render correctly; the first piece
    of a mention carries data-first, so every mention is shown exactly once.

    One sweep over the sorted boundaries keeps the spans open at each piece, so the time is linear
    in text and pieces × nesting depth (a per-piece scan of every span was quadratic)."""
    opens: dict[int, list] = defaultdict(list)
    for span in spans:
        opens[span[0]].append(("m", span))
    for s, e, label in miss_spans:
        opens[s].append(("miss", (s, e, label)))
    cuts = sorted({0, len(text), *(b for s, e, *_ in spans + miss_spans for b in (s, e))})
    active: list = []
    seen: set[str] = set()
    out = []
    for a, b in itertools.pairwise(cuts):
        active = [x for x in active if x[1][1] > a] + opens.get(a, [])
        piece = _e(text[a:b]).replace("\n", "<br>\n")
        covering = sorted((x for x in active if b <= x[1][1]), key=lambda x: (x[1][0], -x[1][1]))
        for kind, span in reversed(covering):
            piece = (
                _mark(piece, span, seen)
                if kind == "m"
                else (f"<span class='gold-miss' title='{_e(span[2])}'>{piece}</span>")
            )
        out.append(piece)
    return "".join(out)


def _mark(piece: str, span: tuple, seen: set[str]) -> str:
    _, _, mid, label, method, fp = span
    first = " data-first='1'" if mid not in seen else ""
    seen.add(mid)
    return (
        f"<mark class='m{' fp' if fp else ''}' data-mid='{_e(mid)}' data-label='{_e(label)}' "
        f"data-method='{_e(method)}'{first} style='--c:{COLORS.get(label, '#eee')}'>{piece}</mark>"
    )


def _entity_table(name: str, cols: list[str], df: pd.DataFrame) -> str:
    if df.empty:
        return ""
    cols = [c for c in cols if c in df.columns]
    head = "".join(f"<th>{c}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(_na(getattr(r, c)))}</td>" for c in cols) + "</tr>"
        for r in df.itertuples()
    )
    return (
        f"<details open><summary>{name} ({len(df)})</summary>"
        f"<table class='wide'><tr>{head}</tr>{body}</table></details>"
    )


def _page(body: str, details: dict, entity_rows: list[dict], labels: Counter, methods: list[str]) -> str:
    label_boxes = "".join(
        f"<label><input type='checkbox' checked data-filter='label' value='{_e(x)}'><span class='sw' "
        f"style='background:{COLORS.get(x, '#eee')}'></span>{_e(x)} <small>{n}</small></label>"
        for x, n in sorted(labels.items())
    )
    method_boxes = "".join(
        f"<label><input type='checkbox' checked data-filter='method' value='{_e(x)}'> {_e(x)}</label>"
        for x in methods
    )
    return f"""<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>Extraction audit</title>
<style>{_CSS}</style></head><body>
<aside id="panel"><p><a href="#overview">overview</a> · <a href="#index">documents</a></p>
<h3>Here</h3><div id="here">Click a highlighted character: every mention covering it is listed.</div>
<h3>Mention</h3><div id="detail"></div>
<h3>Labels <small>(colour legend; filter)</small></h3>
<div class="filters" id="f-label">{_all_none("label")}{label_boxes}</div>
<h3>Methods <small>(filter)</small></h3>
<div class="filters" id="f-method">{_all_none("method")}{method_boxes}</div></aside>
<main>{body}</main>
<script type="application/json" id="mentions-data">{_script_json(details)}</script>
<script type="application/json" id="rows-data">{_script_json(entity_rows)}</script>
<script>const CONTEXT = {CONTEXT};{_JS}</script></body></html>"""


def _all_none(group: str) -> str:
    return (
        f"<p class='allnone'><button type='button' data-select='{group}' value='1'>all</button> "
        f"<button type='button' data-select='{group}' value='0'>none</button></p>"
    )


def _script_json(data) -> str:
    """JSON safe inside <script>: no `</script`, `<script` or `<!--` can appear (every <, > and &
    is a JSON escape, which JSON.parse reads back unchanged)."""
    text = json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _plain(value):
    """A JSON-ready scalar: numpy numbers as Python numbers, missing values as null."""
    value = _na(value)
    return value.item() if hasattr(value, "item") else value


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
aside{position:sticky;top:0;height:100vh;overflow:auto;width:22em;padding:1em;background:#fafafa;
  border-right:1px solid #ddd;font-size:.9em}
table{border-collapse:collapse;margin:.5em 1em .5em 0;font-size:.9em}
td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
td.n{text-align:right}
table.wide{width:100%}
.cols{display:flex;flex-wrap:wrap}
.text{line-height:2;border:1px solid #eee;padding:1em;white-space:normal}
mark.m{background:var(--c);border-radius:3px;padding:0 1px;cursor:pointer;
  border-bottom:2px solid rgba(0,0,0,.12)}
mark.m mark.m{padding:0}
mark.m.fp{outline:2px solid #d00}
mark.m.selected{box-shadow:0 0 0 2px #333}
body.hide-mark mark.m.off{background:none;cursor:text;border-bottom:none}
.gold-miss{border-bottom:3px dashed #d00}
li.miss{color:#a00} li.fp{color:#d00}
.meta{color:#666;font-size:.85em}
.note{background:#fff8d0;border:1px solid #e6d27a;padding:.4em .8em}
a.up{font-size:.6em;text-decoration:none}
.filters label{display:block}
.sw{display:inline-block;width:1.1em;height:1em;border:1px solid #999;border-radius:3px;margin:0 .35em;
  vertical-align:middle}
.allnone button{font-size:.85em;margin-right:.3em}
#here ol{padding-left:1.4em;margin:.2em 0}
#here li{cursor:pointer} #here li.current{font-weight:bold}
#detail dt{font-weight:bold;margin-top:.4em}
"""

_JS = """
const DATA = JSON.parse(document.getElementById('mentions-data').textContent);
const ROWS = JSON.parse(document.getElementById('rows-data').textContent);
const detail = document.getElementById('detail');
const here = document.getElementById('here');
function el(tag, text, cls){const x = document.createElement(tag); if(text!==undefined) x.textContent = text;
  if(cls) x.className = cls; return x;}
const TEXTS = new Map();  // a document's clean text as code points (offsets count code points)
function sentence(mid, m){
  const box = document.querySelector('mark[data-mid="'+mid+'"]').closest('.text');
  if(!TEXTS.has(box)) TEXTS.set(box, Array.from(box.textContent));
  const [s0, s1] = m.sentence, a = Math.max(s0, m.start-CONTEXT), b = Math.min(s1, m.end+CONTEXT);
  return (a>s0?'…':'') + TEXTS.get(box).slice(a, b).join('') + (b<s1?'…':'');
}
function show(mid){
  const m = DATA[mid]; if(!m) return;
  document.querySelectorAll('mark.selected').forEach(x=>x.classList.remove('selected'));
  document.querySelectorAll('mark[data-mid="'+mid+'"]').forEach(x=>x.classList.add('selected'));
  here.querySelectorAll('li').forEach(li=>li.classList.toggle('current', li.dataset.mid===mid));
  const rows = [['label',m.label],['text',m.text],['normalized',m.normalized],
    ...Object.entries(m.row===undefined ? {} : ROWS[m.row]),
    ['method',m.method],['confidence',m.confidence],['clean offsets',m.start+'–'+m.end],
    ['raw offsets',m.raw_start+'–'+m.raw_end],['sentence',sentence(mid, m)]];
  const list = el('dl');
  for(const [k,v] of rows) list.append(el('dt', k), el('dd', (v===null||v===undefined)?'—':String(v),
                                                        'd-'+k.replace(/ /g,'-')));
  detail.replaceChildren(list);
}
// Every mention covering the clicked character (the marks around it, innermost first), so a
// mention lying entirely under others can still be opened.
function listCovering(mark){
  const marks = [];
  for(let x = mark; x; x = x.parentElement.closest('mark.m')) if(!x.classList.contains('off')) marks.push(x);
  const ol = el('ol');
  for(const x of marks){const m = DATA[x.dataset.mid]; if(!m) continue;
    const li = el('li'); li.dataset.mid = x.dataset.mid;
    const sw = el('span', '', 'sw'); sw.style.background = x.style.getPropertyValue('--c');
    li.append(sw, m.label+' '+m.text+' ('+m.start+'–'+m.end+')');
    li.addEventListener('click', ()=>show(x.dataset.mid)); ol.append(li);}
  const n = ol.children.length;
  here.replaceChildren(el('p', n+' mention'+(n===1?' covers':'s cover')+' this character:'), ol);
  return marks.map(x=>x.dataset.mid);
}
document.addEventListener('click', e=>{const mark = e.target.closest('mark.m'); if(!mark) return;
  const mids = listCovering(mark); if(mids.length) show(mids[0]);});
function applyFilters(){
  const on = {label:new Set(), method:new Set()};
  document.querySelectorAll('input[data-filter]')
    .forEach(i=>{if(i.checked) on[i.dataset.filter].add(i.value);});
  document.querySelectorAll('mark.m').forEach(m=>m.classList.toggle('off',
    !(on.label.has(m.dataset.label) && on.method.has(m.dataset.method))));
  document.body.classList.add('hide-mark');
}
document.querySelectorAll('input[data-filter]').forEach(i=>i.addEventListener('change', applyFilters));
document.querySelectorAll('button[data-select]').forEach(b=>b.addEventListener('click', ()=>{
  document.querySelectorAll('input[data-filter="'+b.dataset.select+'"]')
    .forEach(i=>{i.checked = b.value==='1';});
  applyFilters();}));
"""
