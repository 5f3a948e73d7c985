"""Speed and memory plumbing: the NER's trigger windows, a light --help, the Prefect server choice,
the default runner and the end-to-end bench's process-tree measurement."""

import json
import logging
import os
import re
import resource
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipeline.extract import ner

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "text, margin, expected",
    [
        ("甲" * 10 + "市长" + "乙" * 10, 3, [(7, 15)]),  # margin both sides
        ("市长" + "乙" * 10, 4, [(0, 6)]),  # clipped at the start
        ("市长乙乙市长" + "丙" * 20 + "县长", 2, [(0, 8), (24, 28)]),  # touching windows merge
        ("没有头衔的句子", 5, []),
    ],
)
def test_windows_around_titles_merge_and_clip(text, margin, expected):
    assert ner.windows(text, 0, len(text), re.compile("市长|县长"), margin) == expected


def test_windows_stay_inside_the_sentence():
    text = "前一句话市长。" + "后面一句市长在这里"
    start = text.index("后")
    assert ner.windows(text, start, len(text), re.compile("市长"), 10) == [(start, len(text))]


@pytest.mark.skipif(ner.load_model() is None, reason="no shipped NER model")
def test_window_tagging_reads_the_title_neighbourhood_like_the_whole_sentence():
    text = (
        "昨天下午，在全市优化营商环境工作推进会议暨二〇二六年度法治政府建设重点任务部署会上，"
        "市委副书记、市长王建国强调，要坚持依法行政，持续推进法治政府建设，不断提升企业和群众的满意度、获得感，"
        "为全市经济社会高质量发展提供坚实法治保障。"
    )
    sentences = [[(0, len(text))]]
    whole = {(f.start, f.end, f.label) for f in ner.tag([text], sentences, margin=None)[0]}
    window = {(f.start, f.end, f.label) for f in ner.tag([text], sentences)[0]}
    title = text.index("市长王")
    near = {s for s in whole if abs(s[0] - title) <= 12}
    assert near and near <= window  # what the resolvers use is the same
    jobs = list(ner._jobs([text], sentences, "triggers", ner.MARGIN))
    inside = {s for s in whole if any(w.start <= s[0] and s[1] <= w.end for w in jobs)}
    assert window == inside  # within the windows, the whole sentence's reading
    assert sum(w.end - w.start for w in jobs) < len(text) * 0.6  # the far ends were not read


# What a run needs and --help or an argument error must not pay for (each costs 0.1-1.3 s to import)
HEAVY = ("spacy", "thinc", "prefect", "fastapi", "pandas", "pyarrow", "numpy", "pydantic", "jieba", "dask")


def _cli(args: list[str], **env) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run ``python -m pipeline ARGS``: the result, its wall seconds and its CPU-seconds (user + system,
    its children included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        check=False,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return out, wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _imported(stderr: str) -> set[str]:
    """Top-level packages named in ``-X importtime``'s report."""
    return {line.rsplit("|", 1)[1].strip().split(".")[0] for line in stderr.splitlines() if "|" in line}


def test_help_answers_in_under_a_second_without_heavy_imports():
    runs = [_cli(["--help"]) for _ in range(3)]  # best of three: the machine may be busy
    out, wall, cpu = min(runs, key=lambda r: r[1])
    assert out.returncode == 0 and "Usage" in out.stdout
    assert wall < 1.0 and cpu < 1.0, (wall, cpu)
    assert not _imported(out.stderr) & set(HEAVY)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_an_argument_error_answers_at_once_and_stops_the_server_it_started(tmp_path):
    """``run`` launches Prefect's server before parsing its arguments; a bad argument stops it again."""
    marker = f"fazhi-test-{os.getpid()}-{time.time_ns()}"
    env = {"PREFECT_HOME": str(tmp_path), "FAZHI_TEST_MARKER": marker, "PREFECT_API_URL": ""}
    out, _, cpu = _cli(["run", str(tmp_path / "missing")], **env)
    assert out.returncode == 1
    assert [line for line in out.stderr.splitlines() if "|" not in line] == [
        f"error: input not found: {tmp_path / 'missing'}"
    ]
    assert cpu < 1.0, cpu  # the CLI and the server it started and stopped
    assert not _imported(out.stderr) & (set(HEAVY) - {"pydantic"})  # typer checks options with pydantic
    assert not _processes_with(marker)


def _processes_with(marker: str) -> list[int]:
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker.encode() in environ.read_bytes():
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return found


def test_only_a_run_starts_the_server_early(monkeypatch):
    from pipeline import __main__ as cli
    from pipeline import shutdown

    calls = []
    monkeypatch.setattr(shutdown, "start_server", lambda: calls.append(1))
    for args in (["--help"], ["run", "--help"], ["rules"], ["evaluate", "--gold", "g"], []):
        cli._start_server_early(args)
    assert calls == []
    cli._start_server_early(["run", "examples", "--out", "o"])
    assert calls == [1]


def test_a_run_leaves_through_exit_now_other_commands_normally(monkeypatch):
    from pipeline import __main__ as cli
    from pipeline import shutdown

    exits = []
    monkeypatch.setattr(cli, "_start_server_early", lambda args: None)
    monkeypatch.setattr(cli, "_setup_logging", lambda: None)
    monkeypatch.setattr(shutdown, "exit_now", exits.append)

    def app():
        raise SystemExit(3)

    monkeypatch.setattr(cli, "app", app)
    monkeypatch.setattr(sys, "argv", ["fazhi", "run", "in", "--out", "o"])
    cli.main()
    assert exits == [3]  # the exit code reaches os._exit, after the server is stopped
    monkeypatch.setattr(sys, "argv", ["fazhi", "evaluate", "--gold", "g"])
    with pytest.raises(SystemExit):
        cli.main()
    assert exits == [3]


def test_the_temporary_server_skips_block_registration_unless_the_user_says_otherwise(monkeypatch):
    from pipeline import server

    seen = []

    class Popen:
        def __init__(self, args, env, preexec_fn=None):
            seen.append(env)

        def poll(self):
            return 0

    monkeypatch.setattr(server.subprocess, "Popen", Popen)
    monkeypatch.delenv("PREFECT_SERVER_REGISTER_BLOCKS_ON_START", raising=False)
    monkeypatch.setenv("PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED", "true")
    server.LocalServer()
    assert seen[0]["PREFECT_SERVER_REGISTER_BLOCKS_ON_START"] == "false"
    assert seen[0]["PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED"] == "true"  # the user's setting wins
    assert seen[0]["PREFECT_UI_ENABLED"] == "0"


def test_the_warm_up_loads_the_first_batch_models_and_never_raises(monkeypatch):
    from pipeline import batch, warm
    from pipeline.extract import gazetteer

    assert warm.warm_up("char", [], "triggers") is not None
    assert gazetteer.load.cache_info().currsize == 1
    if (ner.MODEL_DIR / "meta.json").is_file():
        assert ner.load_model.cache_info().currsize == 1

    def broken(*args, **kwargs):
        raise RuntimeError("a stage that fails")

    monkeypatch.setattr(batch, "process_batch", broken)
    assert warm.warm_up("char", [], "triggers") is None  # the run then reports its own error


def test_a_stage_failing_in_the_warm_up_prints_nothing(monkeypatch):
    from pipeline import warm

    def broken(*args, **kwargs):
        raise RuntimeError("a broken model")

    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append
    logging.getLogger("pipeline").addHandler(handler)  # Prefect's logging set-up hides caplog's
    try:
        monkeypatch.setattr(ner, "tag", broken)
        assert warm.warm_up("char", [], "triggers") is not None  # the guard quarantined the sample
    finally:
        logging.getLogger("pipeline").removeHandler(handler)
    assert not [r for r in records if r.levelno >= logging.WARNING]
    assert logging.root.manager.disable == logging.NOTSET  # logging is back on for the run


def test_the_server_of_the_environment_or_the_active_profile_is_reused(tmp_path, monkeypatch):
    from pipeline.server import configured_api_url, start_api_server

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    monkeypatch.delenv("PREFECT_PROFILE", raising=False)
    assert configured_api_url() is None
    (tmp_path / "profiles.toml").write_text(
        textwrap.dedent("""\
        active = "team"
        [profiles.team]
        PREFECT_API_URL = "http://prefect.example:4200/api"
        """),
        encoding="utf-8",
    )
    assert configured_api_url() == "http://prefect.example:4200/api"
    assert start_api_server() is None  # nothing started: the profile's server is used
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    assert configured_api_url() == "http://127.0.0.1:9/api"


def test_auto_runner_uses_processes_for_large_inputs_on_several_cores(tmp_path, monkeypatch):
    from pipeline import __main__ as cli

    small = tmp_path / "small"
    small.mkdir()
    (small / "a.txt").write_text("市长王建国出席会议。", encoding="utf-8")
    big = tmp_path / "big.jsonl"
    with open(big, "wb") as f:
        f.truncate(cli.AUTO_PROCESS_BYTES + 1)
    monkeypatch.setattr(cli.os, "sched_getaffinity", lambda _: {0, 1, 2, 3}, raising=False)
    assert cli._auto_runner([small], 2) == ("thread", 2)
    assert cli._auto_runner([small, big], 8) == ("process", 4)
    monkeypatch.setattr(cli.os, "sched_getaffinity", lambda _: {0}, raising=False)
    assert cli._auto_runner([big], 2) == ("thread", 2)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_measure_tree_counts_children_and_their_peak_memory(tmp_path):
    from pipeline.bench import measure_tree

    child = (
        "import time; b = bytearray(80 * 2**20); b[::4096] = b'x' * len(b[::4096]); t = time.process_time()\n"
        "while time.process_time() - t < 0.4: pass\ntime.sleep(0.3)"
    )
    parent = (
        f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}], check=True); "
        "print('done')"
    )
    result = measure_tree([sys.executable, "-c", parent], interval=0.05)
    assert result["exit_code"] == 0 and result["stdout"].strip() == "done"
    assert result["cpu_s"] >= 0.4  # the child's busy loop is in the total
    assert len(result["processes"]) == 2
    assert result["peak_rss_mb"] >= 80  # the child's own peak, not the parent's
    json.dumps(result)  # the bench writes it as JSON
