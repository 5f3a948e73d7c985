import pytest

from pipeline.evaluate import Score, canonical, match, metric_agrees


def test_scores_on_a_tiny_hand_made_case():
    gold = [{"name": "张掖市"}, {"name": "甘肃省"}, {"name": "兰州市", "uncertain": True}, {"name": "酒泉市"}]
    preds = [{"name": "张掖市"}, {"name": "甘肃省"}, {"name": "兰州市"}, {"name": "北京市"}]
    s = Score()
    match("places", preds, gold, s, "doc")
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 / 3)
    assert s.misses == ["doc: 酒泉市"] and s.false_positives == ["doc: 北京市"]


def test_indicator_match_needs_value_unit_and_metric():
    gold = [
        {"text": "签约额218.15亿元", "metric": "签约额", "normalized": 21815000000, "base_unit": "元"},
        {"text": "60学时", "metric": "培训学时", "normalized": 60, "base_unit": "学时"},
    ]
    preds = [
        {"metric": "集中签约额", "normalized_value": 21815000000.0, "base_unit": "元"},
        {"metric": "行政执法人员", "normalized_value": 60.0, "base_unit": "学时"},
    ]
    s = Score()
    match("indicators", preds, gold, s, "d")
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)


def test_base_units_annotators_write_two_ways_are_one():
    gold = [{"text": "压减25个工作日", "metric": "审批时限压减", "normalized": 25, "base_unit": "个工作日"}]
    preds = [{"metric": "审批时限压减", "normalized_value": 25.0, "base_unit": "工作日"}]
    s = Score()
    match("indicators", preds, gold, s, "d")
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)
    gold = [
        {"text": "49.8微克每立方米", "metric": "平均浓度", "normalized": 49.8, "base_unit": "微克每立方米"}
    ]
    preds = [{"metric": "平均浓度", "normalized_value": 49.8, "base_unit": "微克/立方米"}]
    s = Score()
    match("indicators", preds, gold, s, "d")
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("签约额", "签约额", True),
        ("部门", "部门和单位", True),
        ("法律分析报告", "论证报告和法律分析报告", True),
        ("群众满意率", "签约额", False),
        ("", "签约额", False),
    ],
)
def test_metric_agreement(a, b, same):
    assert metric_agrees(a, b) is same


def test_canonical_names_ignore_punctuation_and_prc_prefix():
    assert canonical("《中华人民共和国行政处罚法》") == canonical("行政处罚法")
    assert canonical("纲要(2021—2025年)") == canonical("纲要（2021-2025年）")
