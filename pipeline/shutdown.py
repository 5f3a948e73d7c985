"""Clean shutdown of a CLI run: SIGTERM/SIGINT end it with one line and exit 143/130, and no
Prefect server outlives it, not even after SIGKILL.

Prefect stops its ephemeral API server from ``atexit``, which neither SIGTERM's default action nor
SIGKILL runs. So the CLI starts the server itself (``pipeline.server``), with a parent-death signal
(Linux ``prctl(PR_SET_PDEATHSIG)``): the kernel ends the server when the run's process dies, however
it dies. On a signal the run stops at once (worker threads are not waited for); the lock on OUT is
released by the OS with the process, and staged files are swept by the next run.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
EXIT_CODES = {signal.SIGTERM: 143, signal.SIGINT: 130}


class Interrupted(BaseException):
    """A signal asked the run to stop (BaseException: no ``except Exception`` swallows it)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.exit_code = EXIT_CODES.get(signum, 128 + signum)


received: Interrupted | None = None  # the signal that stopped the run, however its exception travelled


def _raise(signum, frame) -> None:
    global received
    received = Interrupted(signum)
    raise received


def interruption(error: BaseException) -> Interrupted | None:
    """The signal behind ``error``: a library that catches every exception may wrap ``Interrupted`` in
    its own error (pydantic's serializer raises PydanticSerializationError: …Interrupted: SIGTERM)."""
    return error if isinstance(error, Interrupted) else received


def install_handlers() -> None:
    """SIGTERM and SIGINT raise ``Interrupted`` in the main thread; Prefect's own report of the
    same signal ("Crash detected! … termination signal") is left out (the CLI prints one line)."""
    import logging

    for sig in EXIT_CODES:
        signal.signal(sig, _raise)
    logging.getLogger("prefect.flow_runs").addFilter(_not_a_signal_crash)


def _not_a_signal_crash(record) -> bool:
    text = str(record.msg)
    return not (text.startswith("Crash detected!") and ("termination signal" in text or "interrupt" in text))


def _die_with_parent(parent: int) -> None:
    """In the server child, before exec: the kernel sends SIGTERM when the parent dies."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the atexit stop still runs on a clean exit
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


_server = None


def start_server() -> None:
    """Launch the run's temporary Prefect API server (``pipeline.server``) as a child that dies with
    this process; no-op when PREFECT_API_URL (or the active profile) names a server. Returns at
    once: ``wait_server`` before the flow starts, so the start-up overlaps the CLI's imports."""
    global _server
    if _server is not None:
        return
    from pipeline.server import start_api_server

    parent = os.getpid()
    hook = (lambda: _die_with_parent(parent)) if sys.platform.startswith("linux") else None
    _server = start_api_server(preexec_fn=hook)


def flow_settings():
    """Prefect settings for the flow call: on the run's own temporary server, no flow-run heartbeats.
    They let a lasting server notice a crashed run (every 180 s) and this server dies with the run;
    their thread sleeps in 1 s steps, so stopping it cost ~0.5 s at the end of every run. A server of
    ``PREFECT_API_URL`` keeps them."""
    if _server is None:
        return contextlib.nullcontext()
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    return temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})


def wait_server(timeout: float) -> None:
    if _server is not None:
        _server.wait(timeout)


def stop_server() -> None:
    global _server
    if _server is not None:
        try:
            _server.stop()
        except Exception as e:
            sys.stderr.write(f"could not stop the Prefect server cleanly: {e}\n")
        _server = None


def drain_prefect(timeout: float = 10.0) -> None:
    """Deliver what Prefect still queues (task-run events, API logs) while its server is up; Prefect
    does it at interpreter exit, which ``exit_now`` skips, and then the temporary server is gone."""
    if "prefect" not in sys.modules:
        return
    try:
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        EventsWorker.drain_all(timeout=timeout)
        APILogWorker.drain_all(timeout=timeout)
    except Exception as e:  # a run's results are written already: never fail it here
        sys.stderr.write(f"could not send Prefect's last events: {type(e).__name__}: {e}\n")


def exit_now(code: int | str | None) -> None:
    """Leave without waiting for worker threads (a batch in flight may take minutes) and without the
    interpreter's teardown (freeing the models' millions of objects: ~1 s after every run)."""
    if isinstance(code, str):  # sys.exit("message")
        sys.stderr.write(code + "\n")
        code = 1
    stop_server()
    if "pipeline.workers" in sys.modules:  # the process runner's workers, stopped as they are
        sys.modules["pipeline.workers"].stop(now=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
