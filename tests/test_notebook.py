"""The example notebook runs top to bottom on the built-in examples, and load() gives typed frames."""

import base64
import struct
import subprocess
import sys

import pandas as pd
import pytest
from conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def example_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("nb") / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(EXAMPLES), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return out


def test_load_gives_typed_tables(example_out):
    from pipeline import load

    run = load(example_out)
    assert run.indicators["normalized_value"].dtype == pd.Float64Dtype()
    assert run.sentences["sentence_id"].dtype == pd.Int64Dtype()
    assert pd.api.types.is_datetime64_any_dtype(run.documents["publish_date"])
    assert run.duckdb().sql("select count(*) from places").fetchall()[0][0] == len(run.places)
    assert run.polars["mentions"].collect().height == len(run.mentions)
    with pytest.raises(KeyError):
        run.table("nope")


def test_load_still_loads_once_the_submodule_is_imported(example_out):
    import pipeline.load  # noqa: F401  (binds pipeline.load to the module, as a first load() call does)
    from pipeline import load

    assert len(load(example_out).documents) == 3


def test_example_notebook_runs_from_its_folder_and_plots(example_out, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(ROOT / "notebooks" / "explore_run.ipynb", as_version=4)
    monkeypatch.setenv("FAZHI_OUT", str(example_out))
    monkeypatch.delenv("PYTHONPATH", raising=False)  # the notebook finds the package from notebooks/
    monkeypatch.delenv("MPLBACKEND", raising=False)
    nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [
        base64.b64decode(o["data"]["image/png"])
        for o in outputs
        if o.get("output_type") == "display_data" and "image/png" in o.get("data", {})
    ]
    assert images and images[0].startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", images[0][16:24])
    assert width > 200 and height > 100
