"""End to end through the command line, reading every table back with pandas, DuckDB and polars."""

import json
import re
import subprocess
import sys

import duckdb
import pandas as pd
import polars as pl
import pytest
from conftest import EXAMPLES, ROOT

from pipeline import load
from pipeline.store import arrow_schema
from schemas import TABLES


def _cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "out"
    result = _cli("run", str(EXAMPLES), "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    return out, json.loads(result.stdout)


def test_run_summary(run_dir):
    _, summary = run_dir
    assert summary["documents"] == 3 and summary["quarantined"] == 0
    assert summary["rows"]["indicators"] > 0 and summary["mentions_by_label"]["PLACE"] > 0


def _readme_one_liners(out, table) -> list[tuple[int, list[str]]]:
    """Rows and columns of a table read as the README shows: pandas, DuckDB glob, polars glob."""
    a = pd.read_parquet(out / table)
    b = duckdb.sql(f"select * from '{out}/{table}/**/*.parquet'").df()
    c = pl.scan_parquet(f"{out}/{table}/**/*.parquet").collect()
    return [(len(a), list(a.columns)), (len(b), list(b.columns)), (c.height, c.columns)]


@pytest.mark.parametrize("table", list(TABLES))
def test_tables_load_in_one_line(run_dir, table):
    out, _ = run_dir
    read = _readme_one_liners(out, table)
    columns = [f.name for f in arrow_schema(table)]
    assert read == [read[0]] * 3 and read[0][1] == columns
    assert read[0][0] > 0 or table == "quarantine"  # a clean run quarantines nothing


def test_a_run_of_nothing_still_writes_every_table_and_names_its_report(tmp_path):
    (tmp_path / "in").mkdir()
    out = tmp_path / "out"
    result = _cli("run", str(tmp_path / "in"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert re.search(rf"report +│ {re.escape(str((out / 'report.html').resolve()))} ", result.stdout)
    run = load(out)
    for table in TABLES:
        expected = 1 if table == "runs" else 0
        assert [n for n, _ in _readme_one_liners(out, table)] == [expected] * 3, table
        assert list(run.table(table).columns) == [f.name for f in arrow_schema(table)]
        assert run.duckdb().sql(f"select count(*) from {table}").fetchall()[0][0] == expected
        assert run.polars[table].collect().height == expected


def test_empty_views_have_typed_columns_even_without_files(tmp_path):
    run = load(tmp_path)  # a folder no run has written to yet
    assert run.duckdb().sql("select count(*) from quarantine").fetchall()[0][0] == 0
    assert run.polars["indicators"].collect_schema()["normalized_value"] == pl.Float64


def test_example_values(run_dir):
    out, _ = run_dir
    ind = pd.read_parquet(out / "indicators")
    row = ind[ind["text"].str.contains("超3万户")].iloc[0]
    assert (row["normalized_value"], row["base_unit"], row["qualifier"]) == (30000, "户", "超")
    places = pd.read_parquet(out / "places")
    assert {"宜昌市", "绵阳市", "遵义市"} <= set(places["name"])
    officials = pd.read_parquet(out / "officials")
    assert "李明华" in set(officials["name"])


def test_bad_input_is_quarantined_with_exit_zero(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "english.txt").write_text("Only English words in this file, nothing else." * 3)
    (tmp_path / "feed.jsonl").write_text("{not json\n", encoding="utf-8")
    result = _cli("run", str(tmp_path), "--out", str(tmp_path / "out"), "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    q = pd.read_parquet(tmp_path / "out" / "quarantine")
    assert sorted(q["reason"]) == ["binary", "empty", "malformed_json", "not_chinese"]


def test_missing_input_is_a_one_line_error(tmp_path):
    result = _cli("run", str(tmp_path / "missing"), "--out", str(tmp_path / "o"))
    assert result.returncode != 0
    assert "input not found" in result.stderr and "Traceback" not in result.stderr


def test_schema_command_prints_the_data_dictionary():
    result = _cli("schema", "indicators")
    assert result.returncode == 0
    assert "normalized_value" in result.stdout and "base units" in result.stdout


def test_evaluate_command_on_a_gold_file(run_dir, tmp_path):
    out, _ = run_dir
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "yichang_notice.json").write_text(
        json.dumps(
            {
                "meta": {
                    "title": "宜昌市持续深化法治政府建设 营商环境不断优化",
                    "publish_date": "2024-03-12",
                    "source": "宜昌市司法局",
                    "author": None,
                },
                "places": [
                    {"text": "宜昌", "name": "宜昌市", "level": "city"},
                    {"text": "湖北省", "name": "湖北省", "level": "province"},
                ],
                "officials": [{"name": "李明华", "title": "市委副书记、市长", "org": "宜昌市"}],
                "regulations": [],
                "indicators": [],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    result = _cli("evaluate", "--gold", str(gold), "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["places"]["recall"] == 1.0 and scores["officials"]["f1"] == 1.0
    assert scores["meta.title"]["tp"] == 1 and scores["meta.author"]["tp"] == 1


def test_evaluate_command_scores_several_gold_sets_and_their_sum(run_dir, tmp_path):
    out, _ = run_dir
    sets = []
    for name, places in (
        ("a", [{"text": "宜昌", "name": "宜昌市", "level": "city"}]),
        ("b", [{"text": "荆州", "name": "荆州市", "level": "city"}]),
    ):
        folder = tmp_path / name
        folder.mkdir()
        # the metric of a gold indicator may be missing: it must not crash the scorer
        (folder / "yichang_notice.json").write_text(
            json.dumps(
                {
                    "meta": {},
                    "places": places,
                    "officials": [],
                    "regulations": [],
                    "indicators": [{"text": "1件", "metric": None, "normalized": 1, "base_unit": "件"}],
                },
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        sets += ["--gold", str(folder)]
    result = _cli("evaluate", *sets, "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert set(scores) == {str(tmp_path / "a"), str(tmp_path / "b"), "combined"}
    assert scores[str(tmp_path / "a")]["places"]["tp"] == 1
    assert scores[str(tmp_path / "b")]["places"]["fn"] == 1
    a, b, combined = (scores[k]["places"] for k in (str(tmp_path / "a"), str(tmp_path / "b"), "combined"))
    assert (combined["tp"], combined["fp"], combined["fn"]) == (
        a["tp"] + b["tp"],
        a["fp"] + b["fp"],
        a["fn"] + b["fn"],
    )


def test_publish_command_copies_a_run_and_reports_bad_destinations(run_dir, tmp_path):
    out, _ = run_dir
    ok = _cli("publish", str(out), f"file://{tmp_path}/bucket/run1")
    assert ok.returncode == 0, ok.stderr
    assert "0 unchanged" in ok.stdout
    assert pd.read_parquet(tmp_path / "bucket" / "run1" / "indicators").equals(
        pd.read_parquet(out / "indicators")
    )
    assert "0 parts copied" in _cli("publish", str(out), f"file://{tmp_path}/bucket/run1").stdout
    bad = _cli("publish", str(out), "nosuchscheme://bucket/x")
    assert bad.returncode == 1 and bad.stderr.startswith("error: publish to nosuchscheme://bucket/x failed")
    assert len(bad.stderr.strip().splitlines()) == 1


def test_help_shows_flags_as_flags_and_choices_as_choices():
    result = _cli("run", "--help")
    assert result.returncode == 0
    assert (
        "--ner <triggers|all|off>" in result.stdout and "--runner <auto|thread|process|dask>" in result.stdout
    )
    json_line = next(line for line in result.stdout.splitlines() if line.strip().startswith("--json"))
    assert "<" not in json_line


def test_an_argument_error_leaves_no_output_folder(tmp_path):
    result = _cli("run", str(EXAMPLES), "--out", str(tmp_path / "o"), "--ner", "sometimes")
    assert result.returncode == 2 and "sometimes" in result.stderr
    assert _cli("run", str(EXAMPLES), "--json", "true", "--out", str(tmp_path / "o")).returncode == 1
    assert not (tmp_path / "o").exists()


def test_piped_output_is_not_wrapped(tmp_path):
    from pipeline.store import data_dictionary

    result = _cli("schema")  # stdout is a pipe here, as in `schema > file.md`
    assert result.stdout.strip() == data_dictionary().strip()
