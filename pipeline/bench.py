"""Throughput benchmark: ``pipeline.batch.process_batch`` (what each batch task of a run does) over
the first N million characters of a corpus, then the Parquet write, each size in its own process
so that peak RSS is that size's own.

Reports chars/s, docs/s, peak RSS and seconds per stage (ingest, clean, split, ner, rules = the
extract stage, validate = rows and Arrow tables, write) per size and the ratios between sizes.
With ``compare_ner`` the first size is also run with the NER model over every sentence (plain
``nlp.pipe`` over all clean text), side by side with the default trigger mode, and with ``gold``
both modes are scored on the gold files.
``scaling`` runs the whole Prefect flow pinned to 1, 2, … cores and reports the speedup.
``end_to_end`` measures the user's path instead: ``python -m pipeline run`` on N characters, with
CPU-seconds summed over every process of the run (the CLI, Prefect's server, workers) and each
process's peak RSS, the fixed cost of a one-document run, ``--help``, and a plain all-text
``nlp.pipe`` of the shipped model over the same characters, side by side.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = ("ingest", "clean", "split", "ner", "rules", "validate", "write")
_STAGE_NAMES = {"extract": "rules"}  # process_batch's stage names where the report has its own


def corpus_texts(path: Path, max_chars: int):
    """Texts of a .jsonl/.jsonl.gz corpus (``text`` field) or a folder of .txt files; a corpus
    smaller than max_chars is read again from the start (for memory tests at large sizes)."""
    total = 0
    while True:
        before = total
        for text in _texts(path):
            if not text.strip():
                continue
            yield text
            total += len(text)
            if total >= max_chars:
                return
        if total == before:
            return  # an empty corpus


def _texts(path: Path):
    if path.is_dir():
        for f in sorted(path.glob("*.txt")):
            yield f.read_text("utf-8", errors="replace")
        return
    from pipeline.ingest import corpus_texts as jsonl_texts

    yield from jsonl_texts(path)


def run_size(
    corpus: Path, megabytes: float, batch_size: int = 500, ner_mode: str = "triggers", out: Path | None = None
) -> dict:
    """Process ~megabytes×1e6 characters with ``process_batch`` (what each batch task of a run
    does), timing each of its stages, and write the tables."""
    import pyarrow.compute as pc

    from pipeline import store
    from pipeline.batch import BatchSettings, process_batch
    from pipeline.ingest import discover

    times = dict.fromkeys(STAGES, 0.0)
    chars = docs = rejected = 0
    out = out or Path(tempfile.mkdtemp(prefix="fazhi-bench-"))
    settings = BatchSettings("bench", f"bench-{ner_mode}", ner_mode=ner_mode)

    def on_stage(stage: str, seconds: float) -> None:
        times[_STAGE_NAMES.get(stage, stage)] += seconds

    with tempfile.TemporaryDirectory(prefix="fazhi-bench-in-") as tmp:
        data = Path(tmp) / "corpus.jsonl"  # the input as a run reads it (not timed)
        _write_jsonl(corpus, megabytes, data)
        refs, _ = discover([data], batch_size)
        _warm_up(ner_mode)
        start = time.perf_counter()
        for ref in refs:
            result = process_batch([ref], settings, on_stage=on_stage)
            t0 = time.perf_counter()
            written = result.tables["documents"]
            if written.num_rows:
                store.write_batch(out, result.tables, store.part_key(*written["doc_id"].to_pylist()))
            times["write"] += time.perf_counter() - t0
            chars += pc.sum(pc.utf8_length(written["raw_text"])).as_py() or 0
            docs += written.num_rows
            rejected += len(result.rejected)
        seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "megabytes": megabytes,
        "ner_mode": ner_mode,
        "chars": chars,
        "docs": docs,
        "rejected": rejected,
        "seconds": round(seconds, 3),
        "chars_per_s": round(chars / seconds) if seconds else 0,
        "docs_per_s": round(docs / seconds, 1) if seconds else 0,
        "peak_rss_mb": round(rss_mb, 1),
        "stage_seconds": {k: round(v, 3) for k, v in times.items()},
    }


def _warm_up(ner_mode: str) -> None:
    """Load the lexicons, the sentence splitter and the model before timing."""
    from pipeline import nlp
    from pipeline.extract import extract, ner

    extract("预热张掖市")
    nlp.sentences(["预热。"])
    ner.tag(["预热市长"], [[(0, 4)]], ner_mode)


def gold_scores(docs_dir: Path, gold: Path, ner_mode: str) -> dict:
    """F1 per kind on gold files, running ``process_batch`` over ``docs_dir`` as one batch."""
    from pipeline import store
    from pipeline.batch import BatchSettings, process_batch
    from pipeline.evaluate import evaluate
    from pipeline.ingest import discover

    out = Path(tempfile.mkdtemp(prefix="fazhi-bench-gold-"))
    refs, _ = discover([docs_dir])
    result = process_batch(refs, BatchSettings("bench", ner_mode, ner_mode=ner_mode))
    store.write_batch(out, result.tables, "gold")
    scores = evaluate(gold, out)
    return {kind: round(s.f1, 4) for kind, s in scores["kinds"].items()}


def bench(
    corpus: Path, sizes: list[float], out_json: Path, compare_ner: bool = False, gold: Path | None = None
) -> dict:
    """Run each size (and the comparison) in a fresh process; write all results to out_json."""
    results = [_subprocess(corpus, mb, "triggers") for mb in sizes]
    report: dict = {"corpus": str(corpus), "cores_used": 1, "results": results}
    if len(results) >= 2:
        a, b = results[0], results[-1]
        report["ratio_last_to_first"] = {
            "chars": round(b["chars"] / a["chars"], 2),
            "seconds": round(b["seconds"] / a["seconds"], 2),
            "chars_per_s": round(b["chars_per_s"] / a["chars_per_s"], 2),
            "peak_rss": round(b["peak_rss_mb"] / a["peak_rss_mb"], 2),
        }
    if compare_ner:
        plain = _subprocess(corpus, sizes[0], "all")
        report["ner_all_text"] = plain
        report["speedup_vs_all_text"] = round(results[0]["chars_per_s"] / plain["chars_per_s"], 2)
        if gold is not None:
            docs_dir = gold.parent / "docs"
            report["gold_f1"] = {
                mode: gold_scores(docs_dir, gold, mode) for mode in ("triggers", "all", "off")
            }
    _write_report(out_json, report)
    return report


def scaling(
    corpus: Path,
    megabytes: float,
    cores: list[int],
    out_json: Path,
    batch_size: int | None = None,
    runner: str | None = None,
) -> dict:
    """``python -m pipeline run`` with its whole process tree — CLI, flow, Prefect API server, workers
    — pinned to N cores, for each N. ``runner`` None runs the command's default settings (``--runner
    auto`` picks threads on one core, a worker per core on several); "process" runs ``--runner
    process --workers N``.

    Pinning makes "1 core" mean one core for everything, so the speedup is that of the machine's
    cores, not of the workers alone while the flow process and server borrow another core."""
    available = sorted(os.sched_getaffinity(0))
    if max(cores) > len(available):
        raise RuntimeError(f"--scaling asks for {max(cores)} cores, this process may use {len(available)}")
    with tempfile.TemporaryDirectory(prefix="fazhi-scaling-") as tmp:
        data = Path(tmp) / "corpus.jsonl"
        chars = _write_jsonl(corpus, megabytes, data)
        runs = [_pinned_run(data, Path(tmp) / f"out-{n}", available[:n], batch_size, runner) for n in cores]
    for r in runs:
        r["chars_per_s"] = round(chars / r["wall_seconds"])
        r["chars_per_s_per_core"] = round(chars / r["wall_seconds"] / r["cores"])
        r["chars_per_cpu_s"] = round(chars / max(r["cpu_s"], 0.01))
    report = {
        "corpus": str(corpus),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": os.getloadavg(),  # other work on the machine skews the wall times
        "chars": chars,
        "runner": runner or "default",
        "batch_size": batch_size or "default",
        "runs": runs,
        "speedup": {
            f"{r['cores']}_vs_{runs[0]['cores']}": round(runs[0]["wall_seconds"] / r["wall_seconds"], 2)
            for r in runs[1:]
        },
        "identical_row_counts": all(r["rows"] == runs[0]["rows"] for r in runs),
    }
    _write_report(out_json, report)
    return report


def _write_jsonl(corpus: Path, megabytes: float, dest: Path) -> int:
    chars = 0
    with open(dest, "w", encoding="utf-8") as fh:
        for i, text in enumerate(corpus_texts(corpus, int(megabytes * 1e6))):
            fh.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
            chars += len(text)
    return chars


def _pinned_run(data: Path, out: Path, cpus: list[int], batch_size: int | None, runner: str | None) -> dict:
    cmd = [sys.executable, "-m", "pipeline", "run", str(data), "--out", str(out), "--json"]
    if runner:
        cmd += ["--runner", runner, "--workers", str(len(cpus))]
    if batch_size:
        cmd += ["--batch-size", str(batch_size)]
    run = measure_tree(cmd, preexec_fn=lambda: os.sched_setaffinity(0, cpus))
    if run["exit_code"] != 0:
        raise RuntimeError(f"run on {len(cpus)} cores failed: {run['stderr_last_line']}")
    summary = json.loads(run["stdout"])
    return {
        "cores": len(cpus),
        "wall_seconds": run["wall_s"],
        "cpu_s": run["cpu_s"],
        "peak_rss_mb": run["peak_rss_mb"],
        "processes": len(run["processes"]),
        "flow_seconds": summary["seconds"],
        "documents": summary["documents"],
        "rows": summary["rows"],
    }


def _subprocess(corpus: Path, mb: float, mode: str) -> dict:
    cmd = [sys.executable, "-m", "pipeline.bench", str(corpus), str(mb), mode]
    return json.loads(_run_json(cmd, f"bench of {mb} M chars ({mode})").strip().splitlines()[-1])


def _run_json(cmd: list[str], what: str, **kwargs) -> str:
    """A child process's stdout, or RuntimeError with the last line of its stderr."""
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)
    if proc.returncode:
        raise RuntimeError(f"{what} failed: {proc.stderr.strip().splitlines()[-1:]}")
    return proc.stdout


def _write_report(out_json: Path, report: dict) -> None:
    # The bench took minutes: a missing folder must not lose its results.
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


def end_to_end(corpus: Path, sizes: list[float], out_json: Path, runner: str | None = None) -> dict:
    """The CLI on the first N million characters of ``corpus`` for each size, one document, --help,
    and the plain all-text ``nlp.pipe`` at the first size; each measured over its process tree."""
    cli = [sys.executable, "-m", "pipeline"]
    extra = ["--json", *(["--runner", runner] if runner else [])]
    report: dict = {
        "corpus": str(corpus),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpu_count": os.cpu_count(),
        "runner": runner or "default",
        "runs": [],
    }
    with tempfile.TemporaryDirectory(prefix="fazhi-e2e-") as tmp:
        report["help"] = _public(measure_tree([*cli, "--help"]))
        one = Path(tmp) / "one.jsonl"
        chars = _write_jsonl(corpus, 1e-6, one)  # the first document
        run = measure_tree([*cli, "run", str(one), "--out", str(Path(tmp) / "out-one"), *extra])
        report["one_document"] = _with_rate(chars, run)
        for mb in sizes:
            data = Path(tmp) / f"corpus-{mb}.jsonl"
            chars = _write_jsonl(corpus, mb, data)
            run = measure_tree([*cli, "run", str(data), "--out", str(Path(tmp) / f"out-{mb}"), *extra])
            report["runs"].append({"megabytes": mb, **_with_rate(chars, run)})
            if mb == sizes[0]:
                plain = measure_tree([sys.executable, "-m", "pipeline.bench", "--plain-ner", str(data)])
                report["plain_nlp_pipe"] = _with_rate(chars, plain)
                report["speedup_vs_plain_nlp_pipe"] = round(plain["cpu_s"] / max(run["cpu_s"], 0.01), 2)
    _write_report(out_json, report)
    return report


def _with_rate(chars: int, run: dict) -> dict:
    return {"chars": chars, **_public(run), "chars_per_cpu_s": round(chars / max(run["cpu_s"], 0.01))}


def _public(run: dict) -> dict:
    return {k: v for k, v in run.items() if k != "stdout"}


def plain_ner(path: Path) -> dict:
    """The shipped model's ``nlp.pipe`` over every text of a .jsonl file, nothing else."""
    from pipeline.extract.ner import MODEL_DIR
    from pipeline.ner import load

    texts = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()]
    t0 = time.process_time()
    nlp = load(MODEL_DIR)
    t1 = time.process_time()
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
    return {
        "chars": sum(map(len, texts)),
        "load_cpu_s": round(t1 - t0, 2),
        "pipe_cpu_s": round(time.process_time() - t1, 2),
        "entities": ents,
    }


def measure_tree(
    cmd: list[str], interval: float = 0.1, preexec_fn=None, cwd: str | Path | None = None
) -> dict:
    """Run ``cmd``; wall seconds, CPU-seconds (user + system) of it and every process it starts, and
    the peak RSS of each process (Linux /proc, polled every ``interval`` s; a process's VmHWM is its
    own peak, so a late poll still reads it). A child's CPU is counted once: from the kernel's
    totals when its parent reaped it, else from the last poll."""
    import threading

    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            preexec_fn=preexec_fn,  # noqa: PLW1509 - only pins the CPUs (bench --scaling)
            cwd=cwd,
        )
        captured: list[str] = []
        reader = threading.Thread(target=lambda: captured.append(proc.stdout.read()))
        reader.start()
        seen: dict[int, dict] = {}
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            _poll_tree(proc.pid, seen)
            time.sleep(interval)
        wall = time.perf_counter() - started
        reader.join()
        errors.seek(0)
        last_error = (errors.read().decode("utf-8", "replace").strip().splitlines() or [""])[-1]
    reaped = usage.ru_utime + usage.ru_stime  # the root and every descendant reaped under it
    polled = sum(p["cpu_s"] for p in seen.values())
    processes = sorted(seen.values(), key=lambda p: -p["peak_rss_mb"])
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(max(reaped, polled), 2),
        "exit_code": os.waitstatus_to_exitcode(status),
        "peak_rss_mb": max((p["peak_rss_mb"] for p in processes), default=usage.ru_maxrss // 1024),
        "processes": processes,
        "stdout": captured[0] if captured else "",
        "stderr_last_line": last_error,
    }


def _poll_tree(root: int, seen: dict[int, dict]) -> None:
    tree = {root} | set(seen)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if pid not in tree and int(fields[1]) not in tree:
                continue
            tree.add(pid)
            cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            hwm = _status_kb(pid, "VmHWM") / 1024
            name = seen.get(pid, {}).get("command")
            if name is None or (name == "cli" and pid != root):  # a child forked, not yet exec'd
                name = _command(pid)
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile
        peak = max(hwm, seen.get(pid, {}).get("peak_rss_mb", 0))
        seen[pid] = {"pid": pid, "command": name, "cpu_s": round(cpu, 2), "peak_rss_mb": round(peak, 1)}


def _status_kb(pid: int, key: str) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def _command_line(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().decode("utf-8", "replace").replace("\0", " ").strip()
    except OSError:
        return ""


def _parent(pid: int) -> int:
    return _status_kb(pid, "PPid")


def _command(pid: int) -> str:
    text = _command_line(pid)
    if "multiprocessing.forkserver" in text:  # the fork server and the workers it forked
        return "worker" if "multiprocessing.forkserver" in _command_line(_parent(pid)) else "fork server"
    roles = {
        "uvicorn": "prefect server",
        "spawn_main": "worker",
        "resource_tracker": "resource tracker",
        "pipeline.bench": "nlp.pipe",
        "-m pipeline": "cli",
    }
    return next((name for key, name in roles.items() if key in text), text[:60])


if __name__ == "__main__":
    if sys.argv[1] == "--plain-ner":
        print(json.dumps(plain_ner(Path(sys.argv[2]))))
    else:
        print(
            json.dumps(
                run_size(
                    Path(sys.argv[1]),
                    float(sys.argv[2]),
                    ner_mode=sys.argv[3] if len(sys.argv) > 3 else "triggers",
                )
            )
        )
