"""The warm worker processes of ``--runner process`` (``pipeline.workers``)."""

import json
import os
import subprocess
import sys
import textwrap
import time
from concurrent.futures.process import BrokenProcessPool

import pytest
from conftest import EXAMPLES
from test_cli import _cli

from pipeline import workers


def test_a_worker_returns_results_and_raises_errors_of_the_call():
    assert workers.run(1, int, "7") == 7
    with pytest.raises(ValueError, match="invalid literal"):
        workers.run(1, int, "seven")


def _model_already_loaded() -> bool:
    from pipeline.extract import ner

    return ner.load_model.cache_info().currsize == 1


def test_workers_fork_warm_from_a_server_that_loaded_the_model():
    assert workers.run(1, _model_already_loaded)
    assert workers.run(1, os.getpid) != os.getpid()


def test_a_dead_worker_fails_its_call_and_the_next_call_gets_a_fresh_pool():
    with pytest.raises(BrokenProcessPool):
        workers.run(1, os._exit, 3)
    assert workers.run(1, int, "8") == 8


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as f:  # a zombie waits for its parent only
        return f.read().rsplit(")", 1)[1].split()[0] == "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_and_their_fork_server_end_when_the_run_process_is_killed(tmp_path):
    script = textwrap.dedent(
        """
        import os, signal
        from multiprocessing import forkserver
        from pipeline import workers
        pids = {workers.run(2, os.getpid) for _ in range(6)}
        print(forkserver._forkserver._forkserver_pid, *pids, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=120
    )
    pids = [int(p) for p in done.stdout.split()]
    assert len(pids) >= 2 and done.returncode == -9
    deadline = time.monotonic() + 20
    while not all(_gone(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert all(_gone(p) for p in pids), pids


def test_process_runner_writes_the_same_rows_as_threads(prefect_harness, tmp_path):
    from test_reliability import table_digest

    from pipeline.flows import extract_flow, flow_with_runner

    threads, processes = tmp_path / "threads", tmp_path / "processes"
    extract_flow(inputs=[str(EXAMPLES)], out=str(threads), batch_size=1)
    summary = flow_with_runner("process", workers=2)(inputs=[str(EXAMPLES)], out=str(processes), batch_size=1)
    assert summary["documents"] == 3
    assert table_digest(processes) == table_digest(threads)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_bench_names_the_fork_server_and_its_workers():
    from multiprocessing import forkserver

    from pipeline import bench

    worker = workers.run(1, os.getpid)
    assert bench._command(worker) == "worker"
    assert bench._command(forkserver._forkserver._forkserver_pid) == "fork server"


def test_a_process_run_ends_without_leaked_semaphores_or_processes(tmp_path):
    out = tmp_path / "out"
    proc = _cli("run", str(EXAMPLES), "--out", str(out), "--json", "--runner", "process", "--workers", "2")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout)["documents"] == 3
    assert "leaked" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr[-2000:]
