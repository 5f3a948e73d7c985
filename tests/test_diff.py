import pandas as pd
from conftest import EXAMPLES

from pipeline.audit.diff import diff, to_json
from pipeline.flows import extract_flow


def test_diff_of_a_run_against_itself_and_against_one_rule_removed(prefect_harness, tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    extract_flow(inputs=[str(EXAMPLES)], out=str(a))
    extract_flow(inputs=[str(EXAMPLES)], out=str(b))
    assert all(d.empty for d in diff(a, b).values())
    extract_flow(inputs=[str(EXAMPLES)], out=str(c), disabled_rules=["reg.bare_law"])
    result = diff(a, c)
    mentions = pd.read_parquet(a / "mentions")
    by_rule = mentions[mentions["method"] == "rule:reg.bare_law"]
    assert len(by_rule) > 0
    assert {(r["doc_id"], r["start"], r["end"]) for r in result["mentions"].removed} == set(
        zip(by_rule["doc_id"], by_rule["start"], by_rule["end"])
    )
    regs = pd.read_parquet(a / "regulations")
    assert {r["name"] for r in result["regulations"].removed} == set(
        regs[regs["method"] == "rule:reg.bare_law"]["name"]
    )
    assert not any(result[t].added for t in result)
    assert all(
        result[t].empty for t in ("documents", "sentences", "places", "officials", "indicators", "quarantine")
    )
    assert '"removed"' in to_json(result)
