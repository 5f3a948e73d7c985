"""Speed and memory plumbing: the NER's trigger windows, a light --help, the Prefect server choice,
the default runner and the end-to-end bench's process-tree measurement."""

import json
import re
import subprocess
import sys
import textwrap

import pytest

from pipeline.extract import ner

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


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
    assert window == whole
    jobs = list(ner._jobs([text], sentences, "triggers", ner.MARGIN))
    assert sum(w.end - w.start for w in jobs) < len(text) * 0.6  # the far ends were not read


def test_help_does_not_import_spacy_or_prefect():
    code = "import sys, pipeline.__main__; print(sorted(m for m in ('spacy', 'prefect') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


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
