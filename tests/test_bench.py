import gzip
import json

import pytest

from pipeline.bench import STAGES, corpus_texts, run_size, scaling

TEXT = "张掖市司法局培训执法人员800余名，签约额218.15亿元。" * 20
TEXTS = [f"第{k}号通知：{TEXT}" for k in range(5)]  # distinct: a batch quarantines repeated content


def _corpus(tmp_path):
    corpus = tmp_path / "c.jsonl.gz"
    records = [{"text": "no Chinese here"}] + [{"text": t} for t in TEXTS]
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    return corpus


def test_bench_reports_every_stage_on_a_small_corpus(tmp_path):
    size = 4 * len(TEXTS[0]) / 1e6  # stops after the fourth Chinese record
    result = run_size(_corpus(tmp_path), size, batch_size=2, out=tmp_path / "out")
    assert result["docs"] == 4 and result["rejected"] == 1
    assert result["chars"] == 4 * len(TEXTS[0])
    assert set(result["stage_seconds"]) == set(STAGES)
    assert all(result["stage_seconds"][s] > 0 for s in ("clean", "rules", "validate", "write"))
    assert result["chars_per_s"] > 0 and result["peak_rss_mb"] > 0


def test_a_small_corpus_is_read_again_to_reach_the_size(tmp_path):
    texts = list(corpus_texts(_corpus(tmp_path), 12 * len(TEXTS[0])))
    assert len([t for t in texts if t == TEXTS[0]]) == 3  # 12 records: the 5 texts twice, then 2


def test_scaling_runs_the_flow_pinned_to_cores(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "\n".join(json.dumps({"text": f"第{i}篇。{TEXT}"}, ensure_ascii=False) for i in range(6)),
        encoding="utf-8",
    )
    report = scaling(corpus, 6 * len(TEXT) / 1e6, [1], tmp_path / "new" / "s.json")  # folder made
    run = report["runs"][0]
    assert run["cores"] == 1 and run["documents"] == 6 and report["chars"] >= 6 * len(TEXT)
    assert run["rows"]["indicators"] > 0 and run["wall_seconds"] >= run["flow_seconds"] > 0
    assert report["runner"] == "default" and run["cpu_s"] > 0 and run["peak_rss_mb"] > 100  # spaCy loaded
    assert json.loads((tmp_path / "new" / "s.json").read_text())["runs"][0]["documents"] == 6


def test_scaling_refuses_more_cores_than_the_process_may_use(tmp_path):
    with pytest.raises(RuntimeError, match="cores"):
        scaling(_corpus(tmp_path), 0.001, [1, 4096], tmp_path / "s.json")
