"""Indicator and regulation rules for real local-government documents (issue 28): text from PDFs,
the domain's units, mixed numerals, ranges, shares and changes, unbracketed titles. Every sentence
here is invented for the test."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.evaluate import _same
from pipeline.extract import indicators, regulations
from pipeline.extract.numbers import value_of


def _rows(text):
    hits, found = indicators.find(text, [])
    for h in hits:  # spans index the text as given, blanks and line breaks included
        assert 0 <= h.start < h.end <= len(text)
    assert [(f.start, f.end) for f in found] == [(h.start, h.end) for h in hits]
    return [(text[h.start : h.end], h.metric, h.normalized_value, h.base_unit) for h in hits]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年审核合同 96 件,", [("审核合同 96 件", "审核合同", 96, "件")]),
        ("备案规范性文件37 件。", [("备案规范性文件37 件", "备案规范性文件", 37, "件")]),
        ("全区受理信访事项1 7起。", [("受理信访事项1 7起", "受理信访事项", 17, "起")]),
    ],
)
def test_a_figure_split_by_blanks_is_read_whole(text, expected):
    assert _rows(text) == expected


def test_a_hard_wrapped_line_runs_on_into_the_next():
    page = (
        "本年度本镇共调处各类矛盾纠纷事项若干件并逐件建立台账进行跟踪\n"
        "回访，全镇人民调解组织运转正常，调解员队伍结构不断优化完善提高\n"
        "质量，全镇各村全面推行积极开展，婚姻家庭类纠纷调解成功率高\n"
        "达97.5%，群众满意。\n"
    )
    assert _rows(page) == [("婚姻家庭类纠纷调解成功率高\n达97.5%", "婚姻家庭类纠纷调解成功率", 97.5, "%")]


def test_a_short_headline_line_is_not_joined_to_the_next():
    text = "全县新增市场主体3200户\n县融媒体中心讯 今年以来，全县营商环境持续优化。"
    assert _rows(text) == [("市场主体3200户", "市场主体", 3200, "户")]  # not 县融媒体中心讯


@pytest.mark.parametrize(
    "text, metric, normalized, base",
    [
        ("改造高标准农田2.6万亩。", "改造高标准农田", 26000, "亩"),
        ("配备无人机12台,", "配备无人机", 12, "台"),
        ("出动执法车辆35辆,", "出动执法车辆", 35, "辆"),
        ("办理小额贷款418笔,", "办理小额贷款", 418, "笔"),
        ("收购秋粮800万斤,", "收购秋粮", 8000000, "斤"),
        ("整改隐患点位43处,", "整改隐患点位", 43, "处"),
        ("检查企业260家次,", "检查企业", 260, "家次"),
        ("投放警力1200人次,", "投放警力", 1200, "人次"),
        ("出动巡逻车辆560辆次,", "出动巡逻车辆", 560, "辆次"),
        ("走访慰问困难群众35位,", "走访慰问困难群众", 35, "人"),  # 名/位 count 人
        ("印发普法读本1.2万余册,", "印发普法读本", 12000, "册"),
        ("散发宣传折页2万5千余份,", "散发宣传折页", 25000, "份"),
        ("接待群众来访60余万人次,", "接待群众来访", 600000, "人次"),
        ("当年实际利用外资5321万美元,", "实际利用外资", 53210000, "美元"),
    ],
)
def test_domain_units_and_mixed_numerals(text, metric, normalized, base):
    [(_, m, value, unit)] = _rows(text)
    assert (m, value, unit) == (metric, normalized, base)


def test_a_normalized_value_is_exact():
    assert value_of("570.3", "亿") == (570.3, 57030000000)
    assert value_of("0.07", "万") == (0.07, 700)


@pytest.mark.parametrize(
    "text, metrics",
    [
        # a share with no subject of its own takes the count before it in the sentence
        ("驳回申请12件,占审结总数的8.5%;", ["驳回申请", "驳回申请占审结总数比例"]),
        ("以其他方式结案的40件,占9.1%;", ["以其他方式结案", "以其他方式结案占比"]),
        ("留置案件占全部案件的比重为5%。", ["留置案件占全部案件的比重"]),
        # a change compared with the year before becomes 同比…, said of the count before it
        ("共审结案件860件,较上年同期上升8.2%,", ["审结案件", "审结案件同比上升"]),
        ("网上办件量与去年同期相比增长19.4%。", ["网上办件量同比增长"]),
        # respectively: the k-th figure after 分别 belongs to the k-th count before it
        (
            "受理一审案件300件,二审案件120件,分别同比下降4.1%、2.3%。",
            ["受理一审案件", "二审案件", "受理一审案件同比下降", "二审案件同比下降"],
        ),
    ],
)
def test_shares_changes_and_respectively(text, metrics):
    assert [m for _, m, _, _ in _rows(text)] == metrics


@pytest.mark.parametrize(
    "text, metric",
    [
        ("全镇共有180余名志愿者深入小区宣传防诈知识,", "志愿者"),  # not 志愿者深入小区宣传
        ("街道招募180余名志愿者深入小区宣传防诈知识,", "招募志愿者"),
        ("选派12名律师担任村居法律顾问,", "选派律师"),  # verb-object around the count
        ("共有300多人参加了普法知识竞赛。", "参加普法知识竞赛"),  # people counted by what they joined
        ("组织8名干部开展专题培训,", "干部"),  # the people gathered are counted, not 组织
        ("完成40学时以上的专业培训,", "专业培训"),
        ("其中9件因当事人和解撤回,", "当事人和解撤回"),  # the cause word is not what is counted
        ("新增备案登记72件,“当月已办结60件。”", "备案登记"),
        ("力争实现每村2名法律顾问的目标,", "每村法律顾问"),  # a per-unit base heads the noun
        ("对新购设备给予5%的贴息补助。", "贴息补助"),  # N%的X after a verb: X is what the share is of
        ("信访总量连续三年下降5%,", "信访总量下降"),  # the duration is not the metric
    ],
)
def test_the_metric_comes_from_the_numbers_own_clause(text, metric):
    assert _rows(text)[0][1] == metric


def test_a_figure_is_not_the_metric_of_the_figure_after_it():
    rows = _rows("当年受理申请2371件申请人总数达4100人")
    assert [m for _, m, _, _ in rows] == ["受理申请", "申请人"]


def test_a_measure_noun_belongs_to_the_next_figure():
    assert [m for _, m, _, _ in _rows("已发放贷款35笔总金额6200万元。")] == ["发放贷款", "总金额"]


def test_a_repeated_figure_is_one_indicator():
    text = "全县办理法律援助案件512件\n本报讯 今年全县共办理法律援助案件512件,同比增长6%。"
    rows = _rows(text)
    assert [(m, v) for _, m, v, _ in rows] == [("办理法律援助案件", 512), ("办理法律援助案件同比增长", 6)]


@pytest.mark.parametrize("cue, kept", [("还", 2), ("又", 2), ("另外", 2), ("", 1), ("还是", 1)])
def test_an_additive_adverb_makes_a_repeated_figure_a_new_statement(cue, kept):
    text = (
        "草原防火宣传月活动综述\n锡林浩特市举办宣传活动。出动16辆宣传车,组成宣传车队。\n"
        f"呼伦贝尔市印制宣传材料。森林支队{cue}出动了16辆宣传车,扩大了宣传范围。"
    )
    assert [v for _, _, v, _ in _rows(text)] == [16] * kept


def test_the_same_figure_twice_in_one_paragraph_is_two_statements():
    text = "到明年底,各村至少培养1名调解骨干;到后年底,各村民小组至少培养1名调解骨干。"
    assert [v for _, _, v, _ in _rows(text)] == [1, 1]


@pytest.mark.parametrize(
    "text",
    [
        "每10户确定1名联络员",  # 每10户 is a ratio's base, not a count of households
        "稳居全省第一方阵",  # a tier, not a rank
        "获评全国第一梯队",
        "学校附近一所诊所",  # 近 of 附近 is no qualifier
    ],
)
def test_not_counted(text):
    assert all(
        h.base_unit not in ("户", "所") and h.rule != "indicator.rank" for h in indicators.find(text, [])[0]
    )


@pytest.mark.parametrize(
    "text, values",
    [
        ("两项比率分别提高2.5个和1.5个百分点。", [(2.5, "个百分点"), (1.5, "个百分点")]),
        ("新建公园3、5处。", [(3, "处"), (5, "处")]),
        ("投资5和10万元。", [(100000, "元")]),  # 5 may be 5 or 50000: left alone
    ],
)
def test_several_numbers_share_one_unit(text, values):
    hits = indicators.find(text, [])[0]
    assert [(h.normalized_value, h.base_unit) for h in hits] == values
    assert all(len(text[h.start : h.end]) >= 2 and not text[h.start : h.end].startswith("个") for h in hits)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年受援群众近8万,", [("受援群众", 80000, "人", "近")]),
        ("累计发放创业贷款12亿。", [("发放创业贷款", 1200000000, "元", None)]),
        ("全县面积约3万,", []),  # the metric implies no unit: no indicator
    ],
)
def test_a_bare_multiplier_takes_the_unit_its_metric_implies(text, expected):
    hits = indicators.find(text, [])[0]
    assert [(h.metric, h.normalized_value, h.base_unit, h.qualifier) for h in hits] == expected


def test_a_range_is_one_indicator_with_its_upper_bound():
    [h] = indicators.find("每年安排专项资金1至2亿元,", [])[0]
    assert (h.value, h.normalized_value, h.value_max, h.normalized_value_max, h.rule) == (
        1,
        100000000,
        2,
        200000000,
        "indicator.range",
    )


def test_evaluation_compares_the_upper_bound_of_a_range():
    gold = {"metric": "专项资金", "normalized": 100000000, "normalized_max": 200000000, "base_unit": "元"}
    pred = {
        "metric": "安排专项资金",
        "normalized_value": 100000000,
        "normalized_value_max": 200000000,
        "base_unit": "元",
    }
    assert _same("indicators", pred, gold)
    assert not _same("indicators", dict(pred, normalized_value_max=300000000), gold)
    assert not _same("indicators", dict(pred, normalized_value_max=None), gold)
    assert (
        _same("indicators", dict(pred, base_unit="人"), dict(gold, base_unit="名", normalized_max=None))
        is False
    )
    one = {"metric": "律师", "normalized": 5, "base_unit": "名"}
    assert _same(
        "indicators",
        {"metric": "律师", "normalized_value": 5, "normalized_value_max": float("nan"), "base_unit": "人"},
        one,
    )


def _regs(text):
    regs, _, _ = regulations.find(text)
    return sorted((r.name, r.category, r.rule) for r in regs)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "组织学习宪法修正案和土地管理法。",
            [("土地管理法", "法律", "reg.bare_law"), ("宪法修正案", "法律", "reg.bare_law")],
        ),
        ("严格执行道路交通安全法,", [("道路交通安全法", "法律", "reg.bare_law")]),
        ("宣讲中华人民共和国森林法。", [("森林法", "法律", "reg.bare_law")]),
        ("落实行政复议法实施条例。", [("行政复议法实施条例", "行政法规", "reg.bare_law")]),
        (
            "认真学习中共中央关于进一步全面深化改革推进中国式现代化的决定,",
            [("中共中央关于进一步全面深化改革推进中国式现代化的决定", "党内法规", "reg.party_document")],
        ),
        (
            "县政府印发了酒泉市行政裁量权基准管理办法,",
            [("酒泉市行政裁量权基准管理办法", "规范性文件", "reg.local_title")],
        ),
        (
            "公布张掖市涉企行政检查事项清单。",
            [("张掖市涉企行政检查事项清单", "规范性文件", "reg.local_title")],
        ),
        ("制定《城区便民服务菜单》。", [("城区便民服务菜单", "规范性文件", "reg.book_title")]),
    ],
)
def test_regulations_without_brackets(text, expected):
    assert _regs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "依法行政、严格执法、公正司法、全民守法",
        "开展草原法律法规宣传",  # 草原法 glued to 律
        "熟悉海关法规和业务",  # 海关 + 法规
        "落实好全省考核办法",  # no issuing place: not a title
        "宪法学研究",
    ],
)
def test_not_regulations(text):
    assert _regs(text) == []


def test_a_law_inside_a_longer_title_is_one_regulation():
    names = [
        n for n, _, _ in _regs("贯彻《甘肃省实施〈中华人民共和国农村土地承包法〉办法》,宣传宪法修正案。")
    ]
    assert "宪法" not in names and "宪法修正案" in names
    assert names.count("农村土地承包法") == 1  # the nested title, never a second bare match


_ODD = st.text(
    alphabet=st.sampled_from(
        list(
            "0123456789 \n\t.,，。%％万亿千百十余多近至到-~—一二两三五"
            "件名人次亩台占比同较上年期分别为达的“”《》()（）"
        )
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(_ODD)
def test_indicator_rules_never_raise_on_odd_text(text):
    for h in indicators.find(text, [])[0]:
        assert 0 <= h.start < h.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_rules_never_raise_on_any_text(text):
    indicators.find(text, [(0, min(3, len(text)))])
    regulations.find(text)
