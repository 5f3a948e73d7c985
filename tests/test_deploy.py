"""The shipped deployment runs on a fresh clone: prefect.yaml's defaults exist and match the flow, and
the README's schedule steps (server, work pool, deploy, worker, deployment run) complete a run."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import EXAMPLES, ROOT

PREFECT = Path(sys.executable).with_name("prefect")


def _deployment() -> dict:
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    return next(d for d in spec["deployments"] if d["name"] == "nightly")


def test_prefect_yaml_defaults_exist_and_fit_the_flow():
    from prefect.flows import load_flow_from_entrypoint

    nightly = _deployment()
    flow = load_flow_from_entrypoint(str(ROOT / nightly["entrypoint"]))
    params = nightly["parameters"]
    validated = flow.validate_parameters(params)  # names and types the flow accepts, defaults added
    assert {k: validated[k] for k in params} == params
    for folder in params["inputs"]:  # relative to PIPELINE_HOME, the repo root
        assert (ROOT / folder).is_dir(), f"{folder} is missing from a fresh clone"
    assert not (ROOT / params["out"]).is_file()


def test_a_missing_input_fails_the_flow_run_with_one_line(prefect_harness, tmp_path):
    from pipeline.flows import extract_flow

    state = extract_flow(inputs=[str(tmp_path / "nowhere")], out=str(tmp_path / "out"), return_state=True)
    assert state.is_failed() and state.message.startswith("input not found: ")
    assert "\n" not in state.message and not (tmp_path / "out").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def prefect_server(tmp_path):
    """A Prefect server of its own (own PREFECT_HOME and database), as the README starts one."""
    if not PREFECT.exists():
        pytest.skip("the prefect command is not installed beside this Python")
    api = f"http://127.0.0.1:{_free_port()}/api"
    keep = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env = {
        **keep,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PIPELINE_HOME": str(ROOT),
        "PREFECT_WORKER_QUERY_SECONDS": "1",
    }
    port = api.split(":")[2].split("/", maxsplit=1)[0]
    _prefect(env, "server", "start", "--background", "--host", "127.0.0.1", "--port", port)
    try:
        _wait_healthy(api)
        yield env
    finally:
        subprocess.run(
            [str(PREFECT), "server", "stop"], env=env, capture_output=True, timeout=60, check=False
        )


def _prefect(env: dict, *args: str, timeout: int = 180) -> str:
    proc = subprocess.run(
        [str(PREFECT), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert proc.returncode == 0, f"prefect {' '.join(args)}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout + proc.stderr


def _wait_healthy(api: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{api}/health", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"the Prefect server at {api} did not start")


def test_deploy_from_prefect_yaml_and_run_once(prefect_server, tmp_path):
    env = prefect_server
    out = tmp_path / "out"
    _prefect(env, "work-pool", "create", "fazhi-process", "--type", "process")
    before = subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout
    _prefect(env, "--no-prompt", "deploy", "--all")
    # The default inputs (data/incoming, empty in a fresh clone) plus the examples.
    inputs = json.dumps([*_deployment()["parameters"]["inputs"], str(EXAMPLES)])
    created = _prefect(
        env, "deployment", "run", "extract/nightly", "--param", f"inputs={inputs}", "--param", f"out={out}"
    )
    run_id = re.search(r"UUID: ([0-9a-f-]{36})", created).group(1)
    _prefect(env, "worker", "start", "--pool", "fazhi-process", "--run-once", timeout=400)
    state = json.loads(_prefect(env, "flow-run", "inspect", run_id, "--output", "json"))["state"]
    assert state["type"] == "COMPLETED", state
    assert len(pd.read_parquet(out / "documents")) == 3 and len(pd.read_parquet(out / "runs")) == 1
    assert (out / "report.html").is_file() and pd.read_parquet(out / "quarantine").empty
    after = subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout
    assert after == before  # deploying leaves the working tree as it was
    shutil.rmtree(out)
