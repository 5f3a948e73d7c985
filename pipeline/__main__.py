"""Command line: ``python -m pipeline run|evaluate|schema`` (also installed as ``fazhi``)."""

from __future__ import annotations

import os
import sys

# Quiet, offline Prefect defaults; a user's own settings win.
for _key, _value in {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
}.items():
    os.environ.setdefault(_key, _value)


def _start_server_early(args: list[str]) -> None:
    """``run`` launches Prefect's temporary server before the CLI imports anything else: its start
    (~5 CPU-s, the longest step of a small run) then overlaps all of the CLI's own start-up. An
    argument error stops it again (atexit, parent-death signal); other commands start nothing."""
    if args[:1] == ["run"] and not {"--help", "-h"} & set(args):
        from pipeline import shutdown

        shutdown.start_server()


if __name__ == "__main__":  # ``python -m pipeline``; the ``fazhi`` script starts it in main()
    _start_server_early(sys.argv[1:])

import enum
import json
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

# Plain (click-style) help: flags show as flags (`--json`), Enum options list their choices.
app = typer.Typer(
    add_completion=False, rich_markup_mode=None, help="Chinese rule-of-law articles → audited Parquet tables."
)


def _console(stderr: bool = False) -> Console:
    """Never wrap lines; piped output (`schema > file.md`) is not cut at 80 columns either."""
    piped = not (sys.stderr if stderr else sys.stdout).isatty()
    return Console(stderr=stderr, soft_wrap=True, width=10_000 if piped else None)


console = _console()
err = _console(stderr=True)


class Segmenter(str, enum.Enum):
    char = "char"
    pkuseg = "pkuseg"


class NerMode(str, enum.Enum):
    triggers = "triggers"
    all = "all"
    off = "off"


_NER_HELP = "NER model on sentences with a title (triggers), on all sentences, or off"


class Runner(str, enum.Enum):
    auto = "auto"
    thread = "thread"
    process = "process"
    dask = "dask"


class RuleKind(str, enum.Enum):
    producer = "producer"
    veto = "veto"
    filter = "filter"
    classifier = "classifier"
    repair = "repair"
    metric = "metric"


log = logging.getLogger("pipeline")


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", soft_wrap=True, markup=True, highlight=False)
    raise typer.Exit(code)


def _fail_with_log(what: str, e: Exception) -> None:
    """One line for the user; the full traceback goes to the log file it names."""
    log_file = Path(os.environ.get("FAZHI_LOG", Path.home() / ".cache" / "fazhi" / "fazhi.log"))
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        if not any(isinstance(h, logging.FileHandler) for h in log.handlers):
            handler = logging.FileHandler(log_file, encoding="utf-8")
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            log.addHandler(handler)
        log.propagate = False
        log.exception(what)
        where = f" (details in {log_file})"
    except OSError:
        where = ""
    _fail(f"{what}: {type(e).__name__}: {e}{where}")


def _check_rule_ids(ids: list[str]) -> None:
    """Refuse an unknown --disable-rule id before any work, naming the closest known ids."""
    if not ids:  # the catalog reads every rule file (~0.5 CPU-s)
        return
    from pipeline import rules_registry

    bad = rules_registry.unknown(ids)
    if bad:
        near = rules_registry.close_ids(bad[0])
        hint = f"; closest known ids: {', '.join(near)}" if near else ""
        _fail(f"unknown rule id for --disable-rule: {bad[0]}{hint} (list them: python -m pipeline rules)")
    fixed = rules_registry.not_switchable(ids)
    if fixed:
        kind = rules_registry.catalog()[fixed[0]].kind
        _fail(
            f"--disable-rule cannot switch off {fixed[0]} ({kind}) yet: it switches off extract "
            "producers, vetoes and filters (see the off column of python -m pipeline rules)"
        )


@app.command("rules")
def rules_cmd(
    kind: Annotated[RuleKind | None, typer.Option(help="Only rules of this kind")] = None,
    as_json: bool = typer.Option(False, "--json", help="Print the rules as JSON"),
) -> None:
    """List every rule id: kind, whether --disable-rule switches it off, defining file, description."""
    from pipeline import rules_registry

    rows = [r for r in rules_registry.catalog().values() if kind is None or r.kind == kind.value]
    if as_json:
        console.print_json(json.dumps([r.as_dict() for r in rows], ensure_ascii=False))
        return
    table = Table("id", "kind", "off", "file", "description")
    for r in rows:
        table.add_row(r.id, r.kind, "yes" if r.switchable else "", r.file, r.description)
    console.print(table, markup=False, highlight=False)


@app.command()
def run(
    paths: list[Path] = typer.Argument(..., help="Files or folders of .txt, .html/.htm and .jsonl"),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Output root (one folder per table)"),
    batch_size: int = typer.Option(
        500, min=1, help="Documents per Prefect task batch (at most; a batch also stops at ~2 MB of text)"
    ),
    segmenter: Annotated[Segmenter, typer.Option(help="Tokenizer (pkuseg: fetch it first)")] = Segmenter.char,
    disable_rule: list[str] = typer.Option(
        [], "--disable-rule", help="Rule id to switch off (repeatable), e.g. reg.bare_law"
    ),
    ner_mode: Annotated[NerMode, typer.Option("--ner", help=_NER_HELP)] = NerMode.triggers,
    runner: Annotated[
        Runner,
        typer.Option(
            help="auto (processes on 2+ cores when the inputs pass 4 MB, else threads), threads, "
            "local processes or Dask"
        ),
    ] = Runner.auto,
    workers: int = typer.Option(2, min=1, help="Worker processes for --runner process / local dask"),
    dask_address: str | None = typer.Option(None, help="Scheduler address of a running Dask cluster"),
    as_json: bool = typer.Option(False, "--json", help="Print the run summary as JSON"),
    follow_symlinks: bool = typer.Option(
        False,
        "--follow-symlinks",
        help="Read file symlinks that lead outside the input folders (refused by default)",
    ),
) -> None:
    """Run the extract flow and print a summary."""
    _check_rule_ids(disable_rule)
    if segmenter is Segmenter.pkuseg:
        from pipeline.segment import pkuseg_model_path

        if pkuseg_model_path() is None:
            _fail("the pkuseg model is not fetched: run `python -m pipeline fetch-pkuseg` first")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(f"input not found: {', '.join(missing)}")
    created = not out.exists()
    _check_writable(out)
    runner_name, workers = (runner.value, workers) if runner != Runner.auto else _auto_runner(paths, workers)
    from pipeline import shutdown

    shutdown.install_handlers()
    try:
        shutdown.start_server()  # no-op when _start_server_early did it (python -m pipeline run)
        from pipeline.flows import flow_with_runner

        if runner_name == "thread":  # the batches run in this process: load their models meanwhile
            from pipeline.warm import warm_up

            warm_up(segmenter.value, disable_rule, ner_mode.value)
        elif runner_name == "process":  # the workers' fork server warms up meanwhile
            from pipeline import workers as pool

            pool.start(workers)
        shutdown.wait_server(float(os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"]))
        with shutdown.flow_settings():
            summary = flow_with_runner(runner_name, workers, dask_address)(
                inputs=[str(p) for p in paths],
                out=str(out),
                batch_size=batch_size,
                segmenter=segmenter.value,
                disabled_rules=sorted(set(disable_rule)),
                ner_mode=ner_mode.value,
                follow_symlinks=follow_symlinks,
            )
    except (shutdown.Interrupted, Exception) as e:
        if (signal_ := shutdown.interruption(e)) is not None:  # SIGTERM/SIGINT: one line, exit 143/130
            err.print(
                f"interrupted by {signal_}: run stopped; rerun to finish (completed batches are kept)",
                highlight=False,
                soft_wrap=True,
            )
            shutdown.exit_now(signal_.exit_code)
        shutdown.stop_server()  # one line for the user, the traceback in the log
        if created:
            _remove_if_unused(out)
        _fail_with_log("run failed", e)
    shutdown.drain_prefect()  # the task runs' last events, while the server still answers
    shutdown.stop_server()
    if as_json:
        console.print_json(json.dumps(summary, ensure_ascii=False, default=str))
        return
    _print_summary(summary)


# ~1.3 M Chinese chars, two batches of ingest.BATCH_BYTES: a smaller input keeps one worker busy and
# the fork server's start-up (~2.4 CPU-s) buys nothing; at 1 M chars both runners cost the same CPU
AUTO_PROCESS_BYTES = 4_000_000


def _auto_runner(paths: list[Path], workers: int) -> tuple[str, int]:
    """Worker processes on every core (up to ``workers``) for large inputs, threads otherwise."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores < 2 or _input_bytes(paths, AUTO_PROCESS_BYTES) < AUTO_PROCESS_BYTES:
        return "thread", workers
    return "process", min(workers, cores)


def _input_bytes(paths: list[Path], enough: int) -> int:
    """Bytes of the input files, counted until ``enough`` (a big folder is not walked to its end)."""
    total = 0
    for path in paths:
        for f in [path] if path.is_file() else path.rglob("*"):
            try:
                total += f.stat().st_size if f.is_file() else 0
            except OSError:
                continue
            if total >= enough:
                return total
    return total


def _check_writable(out: Path) -> None:
    """Fail with one line when OUT cannot be written, without creating it (an argument error
    must leave no folder behind)."""
    parent = next((p for p in (out, *out.parents) if p.exists()), Path("."))
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        _fail(f"cannot write to {out}: {parent} is not a writable folder")


def _remove_if_unused(out: Path) -> None:
    """A run that failed before writing anything leaves no folder it created (only the lock and
    an empty staging folder are in it then)."""
    leftovers = [p for p in out.iterdir() if p.name not in (".lock", ".tmp")] if out.is_dir() else [None]
    if leftovers or any((out / ".tmp").glob("*")):
        return
    (out / ".lock").unlink(missing_ok=True)
    if (out / ".tmp").is_dir():
        (out / ".tmp").rmdir()
    out.rmdir()


def _print_summary(s: dict) -> None:
    t = Table(title=f"run {s['run_id']}", show_header=False)
    t.add_column("what")
    t.add_column("value", overflow="fold")  # paths stay whole in a narrow terminal
    for key in ("inputs", "documents", "skipped_unchanged", "quarantined", "seconds"):
        t.add_row(key, str(s[key]))
    t.add_row("sentences", str(s["rows"].get("sentences", 0)))
    for table in ("places", "officials", "regulations", "indicators"):
        t.add_row(table, str(s["rows"].get(table, 0)))
    for label, n in sorted(s["mentions_by_label"].items()):
        t.add_row(f"mentions:{label}", str(n))
    t.add_row("output", s["out"])
    t.add_row("report", s.get("report") or "not written (see the log)")
    console.print(t)


@app.command()
def evaluate(
    gold: list[Path] = typer.Option(
        ..., "--gold", help="Folder of gold .json files (repeat for several sets)"
    ),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Output root of a run"),
    show_errors: bool = typer.Option(True, "--errors/--no-errors", help="List misses and false positives"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
) -> None:
    """Precision/recall/F1 per kind and metadata field against gold annotations, per gold folder
    and combined."""
    from pipeline.evaluate import evaluate_sets

    for g in gold:
        if not g.is_dir():
            _fail(f"gold folder not found: {g}")
    if not (out / "documents").is_dir():
        _fail(f"no run output in {out} (run `python -m pipeline run ... --out {out}` first)")
    results = evaluate_sets(gold, out)
    empty = [name for name, r in results.items() if r["documents"] == 0]
    if empty:
        _fail(f"no document of {out} matches a gold file in {empty[0]}")
    if as_json:
        console.print_json(
            json.dumps(
                {name: _score_dict(r) for name, r in results.items()}
                if len(gold) > 1
                else _score_dict(next(iter(results.values())))
            )
        )
        return
    for name, result in results.items():
        _print_scores(name, result, show_errors and (name == "combined" or len(gold) == 1))


@app.command()
def robustness(
    docs: list[Path] = typer.Argument(..., help="Folders of the gold-annotated documents"),
    gold: list[Path] = typer.Option(..., "--gold", help="Folder of gold .json files (repeatable)"),
    perturb: list[str] = typer.Option(
        [], "--perturb", help="pdf, ascii, fullwidth, traditional or header (repeatable; default all)"
    ),
    work: Path | None = typer.Option(None, help="Keep the perturbed documents, gold and runs here"),
    seed: int = typer.Option(0, help="Seed of the perturbations"),
    show_errors: bool = typer.Option(
        False, "--errors", help="List the errors the unperturbed run does not make"
    ),
) -> None:
    """Rewrite the documents and their gold as real documents differ (PDF text, punctuation width,
    Traditional script, header layouts), run and evaluate each, and print F1 per kind."""
    import tempfile

    from pipeline import robustness as rb

    kinds = perturb or list(rb.PERTURBATIONS)
    unknown = [k for k in kinds if k not in rb.PERTURBATIONS]
    if unknown:
        _fail(f"unknown perturbation {unknown[0]!r} (choose from {', '.join(rb.PERTURBATIONS)})")
    for p in [*docs, *gold]:
        if not p.is_dir():
            _fail(f"folder not found: {p}")
    with tempfile.TemporaryDirectory(prefix="robustness-") as tmp:
        try:
            results = rb.check(kinds, docs, gold, work or Path(tmp), seed)
        except RuntimeError as e:
            _fail(str(e))
    t = Table(title="F1 per kind, share right per metadata field")
    for col in ("perturbation", *rb.COLUMNS):
        t.add_column(col, justify="left" if col == "perturbation" else "right")
    for kind, result in results.items():
        t.add_row(kind, *(f"{v:.3f}" for v in rb.scores_row(result).values()))
    console.print(t)
    if show_errors:
        for kind in kinds:
            for line in rb.new_errors(results["none"], results[kind]):
                console.print(f"[{kind}] {line}", highlight=False, markup=False)


def _all_scores(result: dict) -> dict:
    return {
        **result["kinds"],
        **{f"meta.{k}": v for k, v in result["meta"].items()},
        **{f"indicators.{k}": v for k, v in result.get("panel", {}).items() if v.tp + v.fn},
    }


def _score_dict(result: dict) -> dict:
    return {
        k: {"precision": v.precision, "recall": v.recall, "f1": v.f1, "tp": v.tp, "fp": v.fp, "fn": v.fn}
        for k, v in _all_scores(result).items()
    }


def _print_scores(name: str, result: dict, show_errors: bool) -> None:
    scores = _all_scores(result)
    t = Table(title=f"{name}: evaluation on {result['documents']} documents")
    for col in ("kind", "precision", "recall", "F1", "tp", "fp", "fn"):
        t.add_column(col, justify="right" if col != "kind" else "left")
    for kind, s in scores.items():
        t.add_row(
            kind, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn)
        )
    console.print(t)
    if show_errors:
        for kind, s in scores.items():
            for line in s.misses:
                console.print(f"[yellow]miss[/yellow] {kind} {line}", markup=True, highlight=False)
            for line in s.false_positives:
                console.print(f"[magenta]false positive[/magenta] {kind} {line}", highlight=False)


@app.command()
def schema(table: str | None = typer.Argument(None, help="Only this table")) -> None:
    """Print the data dictionary of every table (generated from the Pydantic models)."""
    from pipeline.store import data_dictionary
    from schemas import TABLES

    if table and table not in TABLES:
        _fail(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
    text = data_dictionary()
    if table:
        section = text.split(f"## {table}\n", 1)[1].split("\n## ", 1)[0]
        text = f"## {table}\n{section}"
    console.print(text, markup=False, highlight=False)


@app.command()
def bench(
    corpus: Path = typer.Argument(..., help="Corpus as .jsonl or .jsonl.gz with a 'text' field"),
    sizes: str = typer.Option("2,8", help="Comma-separated corpus sizes in millions of characters"),
    out_json: Path = typer.Option(
        Path("outputs/bench.json"), "--json-out", help="Where to write the results"
    ),
    compare_ner: bool = typer.Option(False, help="Also run the NER over all text at the first size"),
    gold: Path | None = typer.Option(None, help="Gold folder (docs/ beside it) to score both NER modes"),
    scaling: str | None = typer.Option(
        None, help="Instead: `run` pinned to these core counts, e.g. 1,2 (at the first size)"
    ),
    scaling_runner: Annotated[
        Runner,
        typer.Option(
            "--scaling-runner",
            help="Runner of the --scaling runs: auto (run's default settings) or process/thread/dask "
            "with a worker per core",
        ),
    ] = Runner.auto,
    end_to_end: bool = typer.Option(
        False,
        "--end-to-end",
        help="Instead: `run` through the CLI at each "
        "size, CPU-seconds over all its processes, peak RSS per process, one "
        "document, --help, and a plain all-text nlp.pipe side by side",
    ),
) -> None:
    """Throughput per stage, docs/s and peak RSS at several corpus sizes."""
    from pipeline.bench import bench as run_bench

    if not corpus.exists():
        _fail(f"corpus not found: {corpus}")
    if scaling:
        runner = None if scaling_runner is Runner.auto else scaling_runner.value
        return _bench_scaling(corpus, float(sizes.split(",", maxsplit=1)[0]), scaling, out_json, runner)
    try:
        mbs = [float(x) for x in sizes.split(",") if x.strip()]
    except ValueError:
        _fail(f"--sizes must be numbers, got {sizes!r}")
    if end_to_end:
        return _bench_end_to_end(corpus, mbs, out_json)
    try:
        report = run_bench(corpus, mbs, out_json, compare_ner=compare_ner, gold=gold)
    except RuntimeError as e:
        _fail(str(e))
    t = Table(title=f"bench on {corpus.name} (1 core)")
    for col in ("M chars", "docs", "chars/s", "docs/s", "peak RSS MB", *STAGE_COLUMNS):
        t.add_column(col, justify="right")
    for r in report["results"] + ([report["ner_all_text"]] if "ner_all_text" in report else []):
        t.add_row(
            f"{r['megabytes']} {r['ner_mode']}",
            str(r["docs"]),
            str(r["chars_per_s"]),
            str(r["docs_per_s"]),
            str(r["peak_rss_mb"]),
            *(f"{r['stage_seconds'][s]:.2f}" for s in STAGE_COLUMNS),
        )
    console.print(t)
    for key in ("ratio_last_to_first", "speedup_vs_all_text", "gold_f1"):
        if key in report:
            console.print(f"{key}: {report[key]}", highlight=False)
    console.print(f"results written to {out_json}")


def _bench_end_to_end(corpus: Path, sizes: list[float], out_json: Path) -> None:
    from pipeline.bench import end_to_end

    report = end_to_end(corpus, sizes, out_json)
    t = Table(title=f"`run` end to end on {corpus.name} ({report['date']})")
    for col in ("what", "chars", "wall s", "CPU s", "chars/CPU-s", "peak RSS MB per process"):
        t.add_column(col, justify="right" if col != "what" else "left")
    rows = [
        ("--help", report["help"]),
        ("one document", report["one_document"]),
        *((f"{r['megabytes']} M chars", r) for r in report["runs"]),
        ("plain nlp.pipe", report["plain_nlp_pipe"]),
    ]
    for what, r in rows:
        rss = ", ".join(f"{p['command'][:20]} {p['peak_rss_mb']:.0f}" for p in r["processes"][:4])
        t.add_row(
            what,
            str(r.get("chars", "")),
            str(r["wall_s"]),
            str(r["cpu_s"]),
            str(r.get("chars_per_cpu_s", "")),
            rss,
        )
    console.print(t)
    console.print(f"speedup over plain nlp.pipe (CPU-s, first size): {report['speedup_vs_plain_nlp_pipe']}")
    console.print(f"results written to {out_json}")


def _bench_scaling(corpus: Path, megabytes: float, scaling: str, out_json: Path, runner: str | None) -> None:
    from pipeline.bench import scaling as run_scaling

    try:
        cores = [int(x) for x in scaling.split(",") if x.strip()]
    except ValueError:
        _fail(f"--scaling must be core counts such as 1,2, got {scaling!r}")
    try:
        report = run_scaling(corpus, megabytes, cores, out_json, runner=runner)
    except RuntimeError as e:
        _fail(str(e))
    t = Table(title=f"run on {report['chars']:,} chars, pinned to N cores ({report['runner']} runner)")
    keys = ("cores", "wall_seconds", "cpu_s", "flow_seconds", "chars_per_s", "chars_per_cpu_s", "peak_rss_mb")
    for col in ("cores", "wall s", "CPU s", "flow s", "chars/s", "chars/CPU-s", "peak RSS MB"):
        t.add_column(col, justify="right")
    for r in report["runs"]:
        t.add_row(*(str(r[k]) for k in keys))
    console.print(t)
    load = ", ".join(f"{x:.1f}" for x in report["load_average"])
    console.print(f"load average at the end: {load} (other work on the machine skews wall times)")
    console.print(
        f"speedup: {report['speedup']}; identical row counts: {report['identical_row_counts']}",
        highlight=False,
    )
    console.print(f"results written to {out_json}")


@app.command("bench-html")
def bench_html(
    truth: list[Path] = typer.Argument(
        ..., help="Folders with pages/*.html + truth/*.json (or docs/ + gold/)"
    ),
    extractor: list[str] = typer.Option(
        ["pipeline"],
        "--extractor",
        "-e",
        help="pipeline, trafilatura, readability, gne, htmldate (repeatable)",
    ),
    out_json: Path | None = typer.Option(None, "--json-out", help="Also write every page's result here"),
    show_pages: bool = typer.Option(False, "--pages", help="Print each page's misses"),
) -> None:
    """Score title, date, source, author and body characters of saved pages against truth files."""
    from pipeline.html_bench import bench_html as run_bench_html

    missing = [str(p) for p in truth if not (p / "truth").is_dir() and not (p / "gold").is_dir()]
    if missing:
        _fail(f"no truth/ (or docs/ + gold/) folder in: {', '.join(missing)}")
    try:
        scores = run_bench_html(truth, extractor)
    except (ValueError, ImportError) as e:
        _fail(str(e))
    t = Table(title=f"bench-html on {scores[0].summary()['pages']} pages")
    cols = (
        "extractor",
        "title",
        "publish_date",
        "source",
        "author",
        "body_precision",
        "body_recall",
        "body_f1",
        "body_f1_mean",
    )
    for col in cols:
        t.add_column(col, justify="right")
    for s in scores:
        row = s.summary()
        t.add_row(*("–" if row[c] is None else str(row[c]) for c in cols))
    console.print(t)
    if show_pages:
        for s in scores:
            for page in s.pages:
                misses = {k: v[1:] for k, v in page.items() if isinstance(v, list) and not v[0]}
                body = page.get("body")
                if misses or (body and body["f1"] < 0.95) or page["note"]:
                    console.print(
                        f"{s.extractor} {page['id']}: {misses} body={body} {page['note']}",
                        markup=False,
                        highlight=False,
                    )
    if out_json:
        out_json.parent.mkdir(parents=True, exist_ok=True)
        out_json.write_text(
            json.dumps([{**s.summary(), "per_page": s.pages} for s in scores], ensure_ascii=False, indent=1),
            "utf-8",
        )
        console.print(f"results written to {out_json}")


@app.command()
def audit(
    out: Path = typer.Argument(Path("outputs"), help="Output root of a run"),
    html_path: Path = typer.Option(Path("report.html"), "--html", help="Where to write the report"),
    gold: Path | None = typer.Option(None, "--gold", help="Gold folder: mark misses and false positives"),
    max_docs: int = typer.Option(200, help="At most this many documents in the report"),
) -> None:
    """Write a self-contained HTML audit report of an output folder."""
    from pipeline.audit.report import write_report

    if not (out / "documents").is_dir():
        _fail(f"no run output in {out}")
    if gold is not None and not gold.is_dir():
        _fail(f"gold folder not found: {gold}")
    path = write_report(out, html_path, gold=gold, max_docs=max_docs)
    console.print(f"report written to {path}")


@app.command()
def publish(
    out: Path = typer.Argument(..., help="Output folder of one or more runs"),
    dest: str = typer.Argument(
        ..., help="Where to: s3://bucket/prefix, gs://bucket/prefix, hdfs://…, file:///…, or a path"
    ),
) -> None:
    """Copy the committed Parquet parts to object storage (entity tables first, documents last;
    only changed parts are copied again)."""
    from pipeline.publish import publish as run_publish

    if not (out / "documents").is_dir():
        _fail(f"no run output in {out}")
    try:
        result = run_publish(out, dest)
    except Exception as e:  # credentials, unknown scheme, network: one line here, detail in the log
        _fail_with_log(f"publish to {dest} failed", e)
    console.print(
        f"{dest}: {result.copied} parts copied, {result.unchanged} unchanged, {result.deleted} deleted"
    )


@app.command()
def diff(
    out_a: Path = typer.Argument(..., help="Output folder of the first run"),
    out_b: Path = typer.Argument(..., help="Output folder of the second run"),
    json_path: Path | None = typer.Option(None, "--json", help="Also write the full diff as JSON"),
    show: int = typer.Option(5, help="Rows to show per table and change kind"),
) -> None:
    """Rows added, removed and changed per table between two runs (keyed by doc and span)."""
    from pipeline.audit.diff import KEYS, to_json
    from pipeline.audit.diff import diff as run_diff

    for folder in (out_a, out_b):
        if not (folder / "documents").is_dir():
            _fail(f"no run output in {folder}")
    result = run_diff(out_a, out_b)
    t = Table(title=f"{out_a} → {out_b}")
    for col in ("table", "added", "removed", "changed"):
        t.add_column(col, justify="right" if col != "table" else "left")
    for table, d in result.items():
        t.add_row(table, str(len(d.added)), str(len(d.removed)), str(len(d.changed)))
    console.print(t)
    for table, d in result.items():
        for kind, rows in (("+", d.added), ("-", d.removed), ("~", d.changed)):
            for row in rows[:show]:
                key = row["key"] if kind == "~" else {k: row[k] for k in KEYS[table]}
                extra = (
                    f" {row['before']} → {row['after']}"
                    if kind == "~"
                    else f" {row.get('text') or row.get('name') or ''}"
                )
                console.print(f"{kind} {table} {key}{extra}", highlight=False, markup=False)
    if json_path:
        json_path.write_text(to_json(result), encoding="utf-8")
        console.print(f"full diff written to {json_path}")
    if all(d.empty for d in result.values()):
        console.print("no changes")


@app.command()
def check(
    out: Path = typer.Argument(Path("outputs"), help="Output root to check"),
    repair: bool = typer.Option(
        False, "--repair", help="Also fix what is found (what every run does at its start)"
    ),
) -> None:
    """Health of an output folder: damaged parts, rows of uncommitted documents, documents
    committed twice, interrupted replacements. Exit status 0 when healthy, 1 otherwise."""
    from pipeline import repair as fix
    from pipeline import store

    if not (out / "documents").is_dir():
        _fail(f"no run output in {out}")
    with store.run_lock(out):
        health = fix.recover(out) if repair else fix.scan(out)
    for line in health.lines():
        console.print(("repaired: " if repair else "") + line, highlight=False, markup=False, soft_wrap=True)
    if health.ok:
        console.print(f"{out}: healthy")
    raise typer.Exit(0 if health.ok or repair else 1)


@app.command("review-export")
def review_export(
    out: Path = typer.Argument(Path("outputs"), help="Output root of a run"),
    to: Path = typer.Option(Path("review_tasks.json"), "--to", help="Label Studio tasks file to write"),
) -> None:
    """Export documents and their mentions as Label Studio tasks with predictions."""
    from pipeline.audit.review import export_tasks

    if not (out / "documents").is_dir():
        _fail(f"no run output in {out}")
    tasks = export_tasks(out)
    to.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    console.print(f"{len(tasks)} tasks written to {to}")


@app.command("review-import")
def review_import(
    tasks_file: Path = typer.Argument(..., help="Label Studio JSON export of the reviewed tasks"),
    gold: Path = typer.Option(..., "--gold", help="Folder to write gold files into"),
) -> None:
    """Turn reviewed Label Studio tasks into gold files for `evaluate`."""
    from pipeline.audit.review import import_reviewed

    try:
        tasks = json.loads(tasks_file.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        _fail(f"cannot read tasks from {tasks_file}: {e}")
    if not isinstance(tasks, list):
        _fail(f"{tasks_file} is not a Label Studio export (expected a JSON list of tasks)")
    written = import_reviewed(tasks, gold)
    console.print(f"{len(written)} gold files written to {gold}")


@app.command("fetch-pkuseg")
def fetch_pkuseg(cache_dir: Path | None = typer.Option(None, help="Where to keep the model")) -> None:
    """Fetch the pkuseg model from the pkuseg==0.0.25 sdist on PyPI into the cache (once)."""
    from pipeline.segment import PkusegModelError, fetch_pkuseg_model

    try:
        path = fetch_pkuseg_model(cache_dir)
    except PkusegModelError as e:
        _fail(str(e))
    console.print(f"pkuseg model ready at {path}")


STAGE_COLUMNS = ("ingest", "clean", "split", "ner", "rules", "validate", "write")


class _OneLine(logging.Formatter):
    """Console: one line per record; tracebacks only go to the log file."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None}))


def _setup_logging() -> None:
    console_handler = logging.StreamHandler()
    console_handler.setLevel(logging.WARNING)
    console_handler.setFormatter(_OneLine("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[console_handler])
    log_file = Path(os.environ.get("FAZHI_LOG", Path.home() / ".cache" / "fazhi" / "fazhi.log"))
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    handler = logging.FileHandler(log_file, encoding="utf-8", delay=True)
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)


def main() -> None:
    args = sys.argv[1:]
    _start_server_early(args)  # no-op when started already (``python -m pipeline``)
    _setup_logging()
    if args[:1] != ["run"]:
        app()
        return
    from pipeline import shutdown

    try:
        app()
        code = 0
    except SystemExit as e:
        code = e.code
    shutdown.exit_now(code)  # a run's output is committed and the server stopped: skip the teardown


if __name__ == "__main__":
    main()
