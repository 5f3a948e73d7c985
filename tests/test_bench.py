import gzip
import json

from pipeline.bench import STAGES, corpus_texts, run_size

TEXT = "张掖市司法局培训执法人员800余名，签约额218.15亿元。" * 20


def _corpus(tmp_path):
    corpus = tmp_path / "c.jsonl.gz"
    records = [{"text": "no Chinese here"}] + [{"text": TEXT}] * 5
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    return corpus


def test_bench_reports_every_stage_on_a_small_corpus(tmp_path):
    size = 4 * len(TEXT) / 1e6  # stops after the fourth Chinese record
    result = run_size(_corpus(tmp_path), size, batch_size=2, out=tmp_path / "out")
    assert result["docs"] == 4 and result["rejected"] == 1
    assert result["chars"] == 4 * len(TEXT)
    assert set(result["stage_seconds"]) == set(STAGES)
    assert result["chars_per_s"] > 0 and result["peak_rss_mb"] > 0


def test_a_small_corpus_is_read_again_to_reach_the_size(tmp_path):
    texts = list(corpus_texts(_corpus(tmp_path), 12 * len(TEXT)))
    assert len([t for t in texts if t == TEXT]) == 12
