"""Acceptance checks on ../shared/samples (skipped when ../shared is not beside the repo)."""

import re

import pandas as pd
import pytest

from pipeline.evaluate import evaluate


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory, request):
    from conftest import SHARED

    if not (SHARED / "samples" / "docs").is_dir():
        pytest.skip("../shared/samples is not beside the repo")
    from pipeline.flows import extract_flow

    request.getfixturevalue("prefect_harness")
    out = tmp_path_factory.mktemp("samples") / "out"
    extract_flow(inputs=[str(SHARED / "samples" / "docs")], out=str(out))
    return SHARED / "samples", out


def test_issue_examples(sample_run):
    _, out = sample_run
    ind = pd.read_parquet(out / "indicators")
    row = ind[ind["text"].str.contains("218.15亿元")].iloc[0]
    assert (row["metric"], row["normalized_value"], row["base_unit"]) == ("签约额", 21815000000, "元")
    assert "行政处罚法" in set(pd.read_parquet(out / "regulations")["name"])
    places = pd.read_parquet(out / "places")
    assert "620700" in set(places[places["name"] == "张掖市"]["adcode"])
    off = pd.read_parquet(out / "officials")
    assert "市长" in off[off["name"] == "何志勇"].iloc[0]["title"]


def test_f1_per_kind_on_the_development_gold(sample_run):
    samples, out = sample_run
    result = evaluate(samples / "gold", out)
    assert result["documents"] == 5
    for kind, score in result["kinds"].items():
        assert score.f1 >= 0.90, (kind, score.misses, score.false_positives)
    for field, score in result["meta"].items():
        assert score.tp >= 4, (field, score.misses)


def test_clean_text_has_no_boilerplate_or_artifacts(sample_run):
    _, out = sample_run
    docs = pd.read_parquet(out / "documents")
    for text in docs["clean_text"]:
        assert not re.search(r"[\ue000-\uf8ff\u2500-\u257f]", text)
        assert not re.search(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", text)
        assert not re.search(r"版权所有|Copyright|ICP备|网站地图|当前位置|THE END", text)
    trad = docs[docs["source_path"].str.contains("004_")].iloc[0]
    assert (
        trad["script"] == "zh-Hant" and "经济开发区" in trad["clean_text"] and "經" not in trad["clean_text"]
    )
