"""The worker processes of ``--runner process``: batches run in processes that start warm.

Prefect's ``ProcessPoolTaskRunner`` spawns workers that each import Prefect and its task engine,
the stages and spaCy, load the model and fill the lexicon caches on their first batch (~4 CPU-s a
worker), and every submit serialises Prefect's settings. Here the ``process-batch`` tasks run on
Prefect's thread runner in the flow's process (same task runs, retries and logs) and hand the batch
to a pool of plain processes forked from a fork server (``multiprocessing``'s ``forkserver``) that
has imported the stages, loaded the model and put a sample through them once
(``pipeline.preload``): every worker starts warm, none imports Prefect, and the fork server's
start-up overlaps the API server's on the other core.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

log = logging.getLogger(__name__)

PRELOAD = ["pipeline.preload"]

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_size = 0
# This process holds the sending end, workers the receiving one: however this process ends (os._exit,
# SIGKILL), the workers read EOF and exit, and the fork server with them (it lives while they do).
_lifeline = None


def start(processes: int) -> ProcessPoolExecutor:
    """The pool of ``processes`` workers, started once per process (again after a worker died)."""
    global _pool, _size, _lifeline
    with _lock:
        if _pool is not None and (_size != processes or getattr(_pool, "_broken", False)):
            _pool.shutdown(wait=False, cancel_futures=True)
            _pool = None
        if _pool is None:
            if "forkserver" in multiprocessing.get_all_start_methods():
                ctx = multiprocessing.get_context("forkserver")
                ctx.set_forkserver_preload(PRELOAD)
            else:  # Windows: each worker loads for itself
                ctx = multiprocessing.get_context("spawn")
            if _lifeline is None:
                _lifeline = ctx.Pipe(duplex=False)
            _pool = ProcessPoolExecutor(
                max_workers=processes, mp_context=ctx, initializer=_worker_init, initargs=(_lifeline[0],)
            )
            _size = processes
            for _ in range(processes):  # start them now: they fork warm while the caller goes on
                _pool.submit(int)
        return _pool


def run(processes: int, fn, *args):
    """``fn(*args)`` in a worker; a worker that died (killed, out of memory) fails this call with
    BrokenProcessPool and the next call starts a fresh pool (the task's retry)."""
    try:
        return start(processes).submit(fn, *args).result()
    except BrokenProcessPool:
        log.warning("a worker process died; the pool restarts for the next batch")
        raise


def stop(now: bool = False) -> None:
    """Shut the pool down (its queues' semaphores released, so multiprocessing's resource tracker
    has no leak to report); ``now``: the workers exit at once, a batch in flight with them (an
    interrupted run)."""
    global _pool, _lifeline
    with _lock:
        if _pool is None:
            return
        if now and _lifeline is not None:
            _lifeline[1].close()  # each worker's lifeline reads EOF and exits
            _lifeline = None
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


atexit.register(stop)


def _worker_init(lifeline) -> None:
    """In each worker: exit as soon as the process that started the pool has ended."""
    threading.Thread(target=_exit_on_eof, args=(lifeline,), daemon=True, name="lifeline").start()


def _exit_on_eof(lifeline) -> None:
    with contextlib.suppress(EOFError, OSError):
        lifeline.recv()  # nothing is ever sent: this returns when the sender's process has ended
    os._exit(0)
