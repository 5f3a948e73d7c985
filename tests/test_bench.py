import gzip
import json

from pipeline.bench import STAGES, run_size


def test_bench_reports_every_stage_on_a_small_corpus(tmp_path):
    corpus = tmp_path / "c.jsonl.gz"
    records = [{"text": "张掖市司法局培训执法人员800余名，签约额218.15亿元。" * 20}] * 5 + [{"text": "no Chinese here"}]
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    result = run_size(corpus, 0.01, batch_size=2, out=tmp_path / "out")
    assert result["docs"] == 5 and result["rejected"] == 1
    assert result["chars"] == 5 * len(records[0]["text"])
    assert set(result["stage_seconds"]) == set(STAGES)
    assert result["chars_per_s"] > 0 and result["peak_rss_mb"] > 0
