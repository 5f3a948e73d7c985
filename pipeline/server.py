"""The Prefect API server of a CLI run: the user's (``PREFECT_API_URL``) or a temporary local one.

Prefect's own ephemeral mode starts its server when the flow makes its first API call, after the
CLI has imported spaCy and loaded the model, and imports the server's code (FastAPI, SQLAlchemy,
the ORM: ~2 CPU-s, ~100 MB) into the CLI process just to launch it. Here the server process is
launched first, by its command line, so its start-up overlaps the CLI's imports on a second core,
and the CLI process never imports it. Worker processes (``--runner process``/dask) reach the same
server through ``PREFECT_API_URL``.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

# What a server that lives for one run can skip (~0.6 of its ~5 CPU-s of start-up); a user's own
# settings win. Block types: registering them imports every installed Prefect collection (prefect-dask
# pulls in dask.distributed) and a run uses no block; automations (triggers and actions) would act on
# events after the run, when the server is gone.
TEMPORARY_SERVER_DEFAULTS = {
    "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
    "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false",
    "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",
}


class ServerError(RuntimeError):
    """The temporary Prefect server did not answer in time."""


class LocalServer:
    """``python -m uvicorn prefect.server.api.server:create_app`` on a free local port, as
    Prefect's ``SubprocessASGIServer`` runs it (UI off, ephemeral settings)."""

    def __init__(self, preexec_fn=None) -> None:
        self.port = _free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        import importlib.util

        spec = importlib.util.find_spec("prefect")  # the package's folder, without importing it
        app_dir = str(Path(spec.origin).parent.parent) if spec and spec.origin else "."
        env = {
            **TEMPORARY_SERVER_DEFAULTS,
            **os.environ,
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--app-dir",
                app_dir,
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env=env,
            preexec_fn=preexec_fn,  # noqa: PLW1509 - only sets the parent-death signal
        )
        atexit.register(self.stop)

    def wait(self, timeout: float) -> None:
        """Return once the server answers /health; ServerError when it exits or times out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"the temporary Prefect server exited with code {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise ServerError(f"the temporary Prefect server did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_api_server(preexec_fn=None) -> LocalServer | None:
    """Launch a temporary server unless ``PREFECT_API_URL`` names one (then it is reused) and point
    this process and its children at it. Call ``wait`` on the result before the flow starts.
    ``preexec_fn`` runs in the server's process before it starts (see ``shutdown``)."""
    if configured_api_url():
        return None
    server = LocalServer(preexec_fn)
    os.environ["PREFECT_API_URL"] = server.api_url
    return server


def configured_api_url() -> str | None:
    """PREFECT_API_URL from the environment or the active Prefect profile, read without importing
    Prefect: its settings are fixed when it is imported, so the variable must be set before that."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    import tomllib

    home = Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect")).expanduser()
    try:
        profiles = tomllib.loads((home / "profiles.toml").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active", "ephemeral")
    return profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL") or None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
