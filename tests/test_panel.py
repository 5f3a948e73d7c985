"""Panel fields on invented texts: scope (whose figure), period (for when), canonical metric_id,
the document's own area, officials' org_adcode; load(out).panel(); old-schema Parquet beside new."""

import datetime as dt

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.extract import extract
from pipeline.extract.metrics import classify, labels, taxonomy


def _panel(text, **kw):
    x = extract(text, **kw)
    return x, [(text[h.start : h.end], h.panel) for h in sorted(x.indicators, key=lambda h: h.start)]


def _scopes(text, **kw):
    return [p.scope.name if p.scope else None for _, p in _panel(text, **kw)[1]]


def _periods(text, **kw):
    return [p.period.text if p.period else None for _, p in _panel(text, **kw)[1]]


@pytest.mark.parametrize(
    "text, kw, want",
    [
        # 全市 is the document's city: named in its source (张掖市司法局) and text
        ("全市共办理行政复议案件156件。", {"source": "张掖市司法局"}, ["张掖市"]),
        # a place named before the number wins; the next sentence carries it
        ("去年，酒泉市共受理行政复议案件82件。审结75件。", {}, ["酒泉市", "酒泉市"]),
        # a child place right after its parent narrows the scope
        ("长春市公安局二道区分局辖区刑事案件下降33%。", {}, ["二道区"]),
        # a town named in passing carries on as its county
        (
            "9月25日，五峰土家族自治县渔洋关镇第三小学工地繁忙。截至8月，贷款余额140亿元。",
            {},
            ["五峰土家族自治县"],
        ),
        # a town that acts (or whose bodies act) keeps its later figures
        (
            "近期，勉县镇川镇多措并举开展普法宣传。活动累计发放普法宣传品650余份。",
            {},
            ["镇川镇"],
        ),
        (
            "9月8日，上海市崇明区中兴镇综治办、司法所开展法制宣传活动。发放各类资料600余份。",
            {},
            ["中兴镇"],
        ),
        # a company's quote ends with its paragraph; the next one is the document's again
        (
            "石桥子镇优化营商环境。\n“我们公司今年投资5000万元”，项目经理说。\n服务专员包靠服务企业26家。",
            {"title": "诸城市石桥子镇优化营商环境"},
            [None, "石桥子镇"],
        ),
        # a town's name that several towns share, alone in the text: its name, without a code
        ("2024年，宁安镇坚持依法行政。\n一、学法\n全镇开展集中学习8次。", {}, ["宁安镇"]),
        # a headline line inside a text starts again from the document's area
        ("西宁市新建公园12个。\n动车组研制取得成果\n动车组时速达到400公里以上。", {}, ["西宁市", None]),
        # 全县 with no county named anywhere: unknown, never a guess
        ("县司法局报告：全县共受理行政复议案件9起。", {}, [None]),
        # a text that speaks of its own area with town words only, naming one town: that town, even
        # where its county is named more often (in the titles it cites)
        (
            "近年来,丁蜀镇认真贯彻《法治宜兴建设规划》《宜兴市法治社会建设实施方案》,全镇推进依法治镇。\n"
            "一、依法行政\n司法所处理行政诉讼案件15件。",
            {},
            ["丁蜀镇"],
        ),
        # 全国 is the nation
        ("全国法院共审结行政案件28万件。", {}, ["中国"]),
        # 全区 in an autonomous region's document is that region
        ("新疆维吾尔自治区高院通报：全区法院审理行政案件3163件。", {}, ["新疆维吾尔自治区"]),
        # a company's figure has no area
        ("安庆市企业贷款增长。该公司当天收到贷款1200万元。", {}, [None]),
        # 全省 in a ranking is the field of the ranking, not the owner of the figure
        ("平原县持续优化营商环境。全省营商环境评价位居全省第2名。", {}, ["平原县"]),
    ],
)
def test_scope(text, kw, want):
    assert _scopes(text, **kw) == want


@pytest.mark.parametrize(
    "text, published, want",
    [
        ("2022年，全市办理法律援助案件8282件，提供法律咨询49082人次。", None, ["2022", "2022"]),
        ("2022年1月至7月，受理行政一审案件1787件。", None, ["2022-01/2022-07"]),
        ("自查2022年5月1日至2023年4月30日期间办结的1207件案卷。", None, ["2022-05-01/2023-04-30"]),
        ("2023年3月1日至15日，受理投诉40件。", None, ["2023-03-01/2023-03-15"]),
        ("2009年至2012年，全市共收到行政复议案件1466件。", None, ["2009/2012"]),
        (
            "“十四五”期间，地区生产总值从107亿元增长到137.75亿元，年均增长4.8%。",
            None,
            ["2020", "2025", "2021/2025"],
        ),
        # 去年 against the publish date; without one it is unknown
        ("去年共收到行政复议申请2371件。", dt.date(2017, 4, 21), ["2016"]),
        ("去年共收到行政复议申请2371件。", None, [None]),
        # a part of a year takes the publish year, or the year in force
        ("一季度，全国铁路完成固定资产投资1135.5亿元。", dt.date(2023, 4, 9), ["2023"]),
        ("一季度，全国铁路完成固定资产投资1135.5亿元。", None, [None]),
        ("2019年全年。上半年，全市办理案件500件。", dt.date(2023, 4, 9), ["2019"]),
        # an undated stock is unknown even after a dated sentence
        ("2019年全市办理案件8282件。目前，全市共建成公共法律服务中心15个。", None, ["2019", None]),
        # targets take the target year
        ("到2020年底，有法律明白人的户数占农户总户数50%以上。", None, ["2020"]),
        # a running total since the start in force
        ("2011年，基金会成立，捐资2亿元，至2017年末，已累计资助学生4.4万多名。", None, ["2011", "2011/2017"]),
        # 上年 counts back from the year in force, not after 较
        ("2016年审理的2118件中包括上年结转的150件，较上年增长12%。", None, ["2016", "2015", "2016"]),
        # a year since: that year so far, or a span up to the year of writing; a month since stays open
        ("2023年以来，全县新收行政复议案件70件。", None, ["2023"]),
        ("2023年以来，列入异常经营名录的企业5306家。", dt.date(2024, 3, 15), ["2023"]),
        ("2021年以来，共办理案件300件。", dt.date(2024, 3, 15), ["2021/2024"]),
        ("2023年以来，共办理案件300件。", dt.date(2024, 10, 8), ["2023/2024"]),
        ("中心自2023年11月运行以来，共计接待来访人员14456人次。", None, [None]),
        ("2018年以来，立案受理监督案件68件。2019年3月，条例施行。", None, [None]),  # ends later
        # 去年 after 比/较 is the comparison's base, not the figure's period
        ("今年以来，共调解纠纷78件，比去年同期减少17件。", dt.date(2022, 7, 7), ["2022", "2022"]),
        # ... nor is a year named after 较/比, or before 相比
        ("2024年，入库企业突破4.6万家，较2020年增长2.9倍。", None, ["2024", "2024"]),
        ("全省命案数量逐年下降，2021年与2012年相比下降了51.89%。", None, ["2021"]),
        # a span of days over a whole year is that year
        ("2020年1月1日至12月31日，共受理诉求107.7万件。", None, ["2020"]),
    ],
)
def test_period(text, published, want):
    assert _periods(text, published=published) == want


def test_this_year_in_a_report_on_an_earlier_year_is_the_year_reported_on():
    text = "澧浦镇2023年度法治政府建设工作报告\n今年以来，全镇开展合法性审查13次。去年开展审查9次。"
    title = "澧浦镇2023年度法治政府建设工作报告"
    assert _periods(text, published=dt.date(2024, 1, 31), title=title) == ["2023", "2022"]
    assert _periods(text, published=dt.date(2024, 1, 31)) == ["2024", "2023"]  # no title: the publish year
    title = "南开区2014年度行政复议工作圆满完成"  # a year's 年度 in the title, no report word
    assert _periods("今年共受理案件73件。", published=dt.date(2015, 2, 28), title=title) == ["2014"]


def test_this_year_in_an_undated_text_is_the_year_it_opens_with():
    text = "2024年，市司法局推进依法行政。2024年共收到申请2929宗。今年以来，通过简易程序办理案件843件。"
    assert _periods(text) == ["2024", "2024"]
    assert _periods(text, published=dt.date(2025, 3, 1)) == ["2024", "2025"]  # a publish date decides


def test_period_dates_bound_the_period():
    _, found = _panel("2022年1月至7月，受理行政一审案件1787件。")
    p = found[0][1].period
    assert (p.start, p.end) == (dt.date(2022, 1, 1), dt.date(2022, 7, 31))


@pytest.mark.parametrize(
    "metric, unit, context, want",
    [
        ("签约额", "元", "", "contract_value"),
        ("办理行政复议案件", "件", "", "admin_review_cases"),
        ("受理", "件", "全省各级行政复议机关共收到申请2371件，其中，", "admin_review_accepted"),
        ("受理", "件", "", None),  # bare 受理 without a review in sight
        ("行政执法人员", "名", "", "law_enforcement_staff"),
        ("发放普法宣传资料", "份", "", "publicity_materials"),
        ("受案数量较同期增长", "%", "行政复议", "admin_review_received_change"),
        ("网上可办率达", "%", "", "online_service_rate"),
        ("一审败诉率同比下降", "%", "", "admin_litigation_loss_rate_change"),
        ("荔枝产量", "吨", "", None),
        ("服务业增加值占GDP比重", "%", "", None),  # the whole after 占 is not the measure
        ("行政法规废止", "部", "", "normative_documents_repealed"),
    ],
)
def test_metric_ids(metric, unit, context, want):
    assert classify(metric, unit, context) == want


def test_a_bare_change_follows_the_figure_before_it():
    _, found = _panel("全市直接纠错率13.4%，同比提高4.4个百分点。")
    assert [p.metric_id for _, p in found] == [
        "admin_review_correction_rate",
        "admin_review_correction_rate_change",
    ]


def test_taxonomy_ids_are_labelled():
    ids = [m.id for m in taxonomy().metrics]
    assert all(labels()[i] for i in ids)


def test_document_area_and_org_adcode():
    text = "张掖市司法局局长王明介绍，全市签约额218.15亿元。"
    x = extract(text, title="张掖市召开法治政府建设会议")
    assert (x.area.name, x.area.adcode) == ("张掖市", "620700")
    assert [o.org_area.adcode for o in x.officials if o.org_area] in ([], ["620700"])


def test_odd_text_never_raises():
    for text in ["", "全市", "2022年", "截至年底，。", "十四五" * 50, "１２３件" * 10, "去年上年前年"]:
        extract(text, published=dt.date(2020, 1, 1), title="", source="全市")


def test_old_schema_parquet_reads_with_new(tmp_path):
    """A part written before schema 1.1 (no panel columns) reads beside a new one: missing columns
    come back null through load(), pandas given the table's schema, and DuckDB's union_by_name."""
    from pipeline import load, store
    from schemas import SCHEMA_VERSION

    assert SCHEMA_VERSION != "1.0"
    new_cols = {
        "metric_id",
        "scope",
        "scope_adcode",
        "scope_level",
        "scope_method",
        "period",
        "period_start",
        "period_end",
        "period_method",
    }
    schema = store.arrow_schema("indicators")
    row = {
        "run_id": "r",
        "doc_id": "d1",
        "start": 0,
        "end": 5,
        "text": "签约额5亿元",
        "sentence_id": 0,
        "metric": "签约额",
        "value": 5.0,
        "unit": "亿元",
        "qualifier": None,
        "normalized_value": 5e8,
        "base_unit": "元",
        "value_max": None,
        "normalized_value_max": None,
        "method": "rule:x",
        "confidence": 0.8,
    }
    old_schema = pa.schema([f for f in schema if f.name not in new_cols], metadata={"schema_version": "1.0"})
    (tmp_path / "indicators").mkdir()
    old_part = tmp_path / "indicators" / "part-old.parquet"
    pq.write_table(pa.Table.from_pylist([row], schema=old_schema), old_part)
    new = dict(
        row,
        doc_id="d2",
        metric_id="contract_value",
        scope="张掖市",
        scope_adcode="620700",
        scope_level="city",
        scope_method="rule:scope.place",
        period="2021",
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 12, 31),
        period_method="rule:period.year",
    )
    pq.write_table(pa.Table.from_pylist([new], schema=schema), tmp_path / "indicators" / "part-new.parquet")
    (tmp_path / "documents").mkdir()

    df = load(tmp_path).indicators.sort_values("doc_id")
    assert list(df["doc_id"]) == ["d1", "d2"]
    assert pd.isna(df["scope"].iloc[0]) and df["scope"].iloc[1] == "张掖市"
    plain = pd.read_parquet(tmp_path / "indicators", schema=schema).sort_values("doc_id")
    assert list(plain["scope"].isna()) == [True, False]
    got = duckdb.sql(
        f"select doc_id, scope, period from read_parquet('{tmp_path}/indicators/*.parquet', "
        "union_by_name=true) order by doc_id"
    ).fetchall()
    assert got == [("d1", None, None), ("d2", "张掖市", "2021")]


def test_evaluate_scores_scope_and_period_of_matched_indicators():
    from pipeline.evaluate import Score, panel_accuracy

    s = Score(
        pairs=[
            ("d1", {"scope": "张掖市", "period": "2022"}, {"text": "a", "scope": "张掖市", "period": "2021"}),
            ("d1", {"scope": None, "period": float("nan")}, {"text": "b", "scope": None, "period": None}),
            (
                "d2",
                {"scope": "甘肃省", "period": "2022"},
                {"text": "c"},
            ),  # gold without scope/period: not counted
        ]
    )
    got = panel_accuracy(s)
    assert (got["scope"].tp, got["scope"].fn) == (2, 0)
    assert (got["period"].tp, got["period"].fn) == (1, 1) and "want '2021'" in got["period"].misses[0]
