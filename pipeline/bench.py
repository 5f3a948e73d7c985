"""Throughput benchmark: the stages as plain functions over the first N MB of a corpus.

Each size runs in its own process so peak RSS is that size's own. Results: chars/s, docs/s,
peak RSS and seconds per stage, for every size, plus the ratios between sizes.
"""

from __future__ import annotations

import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = ("ingest", "clean", "split", "extract", "validate", "write")


def corpus_texts(path: Path, max_chars: int):
    """Stream ``text`` fields of a .jsonl or .jsonl.gz corpus until max_chars is reached."""
    opener = gzip.open if path.suffix == ".gz" else open
    total = 0
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            if not text.strip():
                continue
            yield text
            total += len(text)
            if total >= max_chars:
                return


def run_size(corpus: Path, megabytes: float, batch_size: int = 200) -> dict:
    """Process ~megabytes×1e6 characters through every stage, timing each."""
    from pipeline import nlp, store
    from pipeline.clean import clean
    from pipeline.extract import extract
    from pipeline.ingest import InputError, _document
    from pipeline.validate import Processed, Rows, to_rows

    times = dict.fromkeys(STAGES, 0.0)
    chars = docs = rejected = 0
    out = Path(tempfile.mkdtemp(prefix="fazhi-bench-"))
    texts = corpus_texts(corpus, int(megabytes * 1_000_000))
    extract("预热张掖市"), nlp.sentences(["预热。"])  # load lexicons and the gazetteer before timing
    start = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        batch = [t for _, t in zip(range(batch_size), texts)]
        if not batch:
            break
        raws = []
        for text in batch:
            try:
                raws.append(_document(str(corpus), text, "utf_8"))
            except InputError:
                rejected += 1
        t1 = time.perf_counter()
        cleaned = [clean(r) for r in raws]
        t2 = time.perf_counter()
        sents = nlp.sentences([d.clean_text for d in cleaned])
        t3 = time.perf_counter()
        found = [extract(d.clean_text) for d in cleaned]
        t4 = time.perf_counter()
        rows = Rows()
        for d, s, f in zip(cleaned, sents, found):
            rows.extend(to_rows(Processed(d, s, f), "bench", "bench"))
        t5 = time.perf_counter()
        tables = {k: v for k, v in rows.tables.items() if k != "quarantine"}
        store.write_batch(out, tables, store.part_key(*(r.doc_id for r in raws)))
        t6 = time.perf_counter()
        for stage, a, b in zip(STAGES, (t0, t1, t2, t3, t4, t5), (t1, t2, t3, t4, t5, t6)):
            times[stage] += b - a
        chars += sum(len(r.raw_text) for r in raws)
        docs += len(raws)
    seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"megabytes": megabytes, "chars": chars, "docs": docs, "rejected": rejected, "seconds": round(seconds, 3),
            "chars_per_s": round(chars / seconds), "docs_per_s": round(docs / seconds, 1),
            "peak_rss_mb": round(rss_mb, 1), "stage_seconds": {k: round(v, 3) for k, v in times.items()}}


def bench(corpus: Path, sizes: list[float], out_json: Path) -> dict:
    """Run each size in a fresh process and write all results to out_json."""
    results = []
    for mb in sizes:
        cmd = [sys.executable, "-m", "pipeline.bench", str(corpus), str(mb)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode:
            raise RuntimeError(f"bench of {mb} MB failed: {proc.stderr.strip().splitlines()[-1:]}")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    report = {"corpus": str(corpus), "cores_used": 1, "results": results}
    if len(results) >= 2:
        a, b = results[0], results[-1]
        report["ratio_last_to_first"] = {
            "chars": round(b["chars"] / a["chars"], 2), "seconds": round(b["seconds"] / a["seconds"], 2),
            "chars_per_s": round(b["chars_per_s"] / a["chars_per_s"], 2),
            "peak_rss": round(b["peak_rss_mb"] / a["peak_rss_mb"], 2)}
    out_json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return report


if __name__ == "__main__":
    print(json.dumps(run_size(Path(sys.argv[1]), float(sys.argv[2]))))
