"""Text as a PDF extractor leaves it: hard-wrapped lines, page numbers, blanks around numbers.
Fixtures are invented articles."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import switches
from pipeline.clean import clean, layout
from pipeline.clean.offsets import MappedText
from pipeline.extract import extract
from pipeline.ingest import RawDocument, doc_id_of

# an invented annual report set at 30 full-width characters a line, as a PDF extractor gives it
REPORT = """某某县司法局2024年法治政府建设年度报告
一、主要工作
2024年,县司法局坚持以习近平法治思想为指导,全面推进依法行
政,全年办理行政复议案件 96 件,审查规范性文件 58 件,按期办
结率达 98.6%。县委常委、政法委书记王建国出席会议并讲话,要求
严格执行《某某县行政执法公示办法(试行)》和《行政复议法
- 2 -
》,全年组织执法人员培训 1200 余人次,发放宣传手册1.2万余册。
二、存在问题
基层执法力量仍然薄弱。
"""


def _doc(text: str) -> RawDocument:
    return RawDocument(doc_id_of(text), "x.pdf.txt", "utf_8", text)


def test_a_hard_wrapped_report_is_joined_into_paragraphs_and_logged():
    doc = clean(_doc(REPORT))
    lines = doc.clean_text.splitlines()
    assert lines[0] == "某某县司法局2024年法治政府建设年度报告"  # a heading is not joined
    assert lines[1] == "一、主要工作"
    assert lines[2].startswith("2024年,县司法局") and lines[2].endswith("1.2万余册。")
    assert "全面推进依法行政,全年办理行政复议案件96件,审查规范性文件58件" in lines[2]
    assert "《行政复议法》,全年组织" in lines[2]  # the page-number line between its lines is gone
    assert lines[3:] == ["二、存在问题", "基层执法力量仍然薄弱。"]
    rules = {".".join(w.split(":")[:2]) for w in doc.warnings}
    assert {layout.UNWRAP, layout.PAGE_NUMBER, layout.DIGIT_SPACE} <= rules
    assert doc.title == "某某县司法局2024年法治政府建设年度报告"


@pytest.mark.parametrize("rule", [layout.UNWRAP, layout.PAGE_NUMBER, layout.DIGIT_SPACE])
def test_each_layout_rule_can_be_switched_off(rule):
    with switches.off([rule]):
        doc = clean(_doc(REPORT))
    rules = {".".join(w.split(":")[:2]) for w in doc.warnings}
    assert rule not in rules
    kept = {layout.UNWRAP: "依法行\n政", layout.PAGE_NUMBER: "- 2 -", layout.DIGIT_SPACE: "96 件"}[rule]
    assert kept in doc.clean_text


def test_offsets_of_joined_text_lead_back_to_the_raw_characters():
    doc = clean(_doc(REPORT))
    i = doc.clean_text.index("96件")
    raw = REPORT[doc.positions[i] : doc.positions[i + 2] + 1]
    assert raw == "96 件"


def test_the_extractors_read_figures_names_and_titles_across_the_breaks():
    doc = clean(_doc(REPORT))
    x = extract(doc.clean_text)
    figures = {(i.normalized_value, i.base_unit) for i in x.indicators}
    assert {(96, "件"), (58, "件"), (98.6, "%")} <= figures
    assert "行政复议法" in {r.name for r in x.regulations}
    assert "某某县行政执法公示办法(试行)" in {r.text for r in x.regulations}
    assert "王建国" in {o.name for o in x.officials}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "临夏州坚持依法行政。\n全州培训执法人员900余人。\n各县认真落实。", id="one paragraph a line"
        ),
        pytest.param(
            "\n".join(
                ["这是一段网页正文,每段一行,长短不一,没有固定的版心宽度可言。" * k for k in (1, 2, 3, 1, 4)]
            ),
            id="web paragraphs of many widths",
        ),
        pytest.param("一、主要工作\n二、存在问题\n三、下一步打算", id="short headings"),
    ],
)
def test_text_that_is_not_hard_wrapped_is_left_alone(text):
    mt = MappedText(text)
    assert layout.unwrap(mt) == [] and mt.text == text


def test_a_full_line_that_ends_a_sentence_keeps_its_break():
    line = "县司法局全年办理行政复议案件九十六件,审查规范性文件五十八件。"
    text = "\n".join([line, line, line, "下一段开头。"])
    mt = MappedText(text)
    layout.unwrap(mt)
    assert mt.text.count("\n") == 3


@pytest.mark.parametrize(
    "before, after",
    [
        ("受理案件 83 件", "受理案件83件"),
        ("签约额 218.15 亿元", "签约额218.15亿元"),
        ("占 50% 以上", "占50%以上"),
        ("COVID 19 疫情", "COVID 19疫情"),  # a blank between Latin letters and a digit stays
        ("2023-06-27 18:13", "2023-06-27 18:13"),
    ],
)
def test_blanks_around_numbers_are_closed(before, after):
    mt = MappedText(before)
    layout.close_digit_blanks(mt)
    assert mt.text == after


def test_a_dateline_with_spaced_numbers_still_names_the_outlet():
    doc = clean(
        _doc("某某新闻网讯 近日,县司法局开展普法活动。\n东北网鸡东7月 9 日电 7月7日,县里举行法律大集。")
    )
    assert doc.source == "某某新闻网"
    doc = clean(_doc("东北网鸡东7月 9 日电 7月7日,县里举行法律大集,群众踊跃参加。"))
    assert doc.source == "东北网"


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from([*list("县司法局办理案件 83件。,;\n-—第页12%"), "\u3000"]), max_size=300)
)
def test_layout_never_raises_and_keeps_offsets_exact(text):
    mt = MappedText(text)
    layout.unwrap(mt)
    layout.close_digit_blanks(mt)
    assert len(mt.pos) == len(mt.text)
    assert all(text[p] == c for p, c in zip(mt.pos, mt.text) if c not in " \n")


@pytest.mark.parametrize(
    "raw, joined",
    [
        ("法治\n开发区的通知", "法治开发区的通知"),
        ("(洛报融媒记者 李\n第2页 共12页\n迎博 余子愚)", "(洛报融媒记者 李迎博 余子愚)"),
        ("(中共某某市委书记\n 郑某某)", "(中共某某市委书记 郑某某)"),
        ("2024-03-05\n09:30", "2024-03-05\n09:30"),  # not inside Chinese text
    ],
)
def test_a_value_over_joined_lines_reads_as_unwrap_joined_it(raw, joined):
    assert layout.join_breaks(raw) == joined


def test_a_closing_byline_broken_by_a_page_break_gives_the_author():
    line = "县司法局全年办理行政复议案件九十六件,审查规范性文件五十八件,按期办"
    text = "\n".join(
        [line, line, "结率达百分之百,群众满意度持续提升,化解成效明显。(某某日报记者 李", "- 3 -", "迎博)"]
    )
    assert clean(_doc(text)).author == "李迎博"


@pytest.mark.parametrize(
    "before, after",
    [
        ("受理行政诉讼案件 37\n件，出庭应诉率达100%。", "受理行政诉讼案件37件，出庭应诉率达100%。"),
        ("发放宣传资料1.2\n万余份。", "发放宣传资料1.2万余份。"),
        ("培训3\n人次。", "培训3人次。"),
        ("案件总数2023\n人民法院受理", "案件总数2023\n人民法院受理"),  # 人民 is a word, not the unit 人
        ("2023\n年工作要点", "2023\n年工作要点"),  # 年 is no unit
    ],
)
def test_a_line_break_between_a_number_and_its_unit_is_joined(before, after):
    mt = MappedText(before)
    layout.close_digit_blanks(mt)
    assert mt.text == after
    assert all(before[p] == c for p, c in zip(mt.pos, mt.text))


def test_the_digit_break_filter_can_be_switched_off():
    mt = MappedText("受理案件37\n件。")
    with switches.off({"layout.digit_break"}):
        layout.close_digit_blanks(mt)
    assert mt.text == "受理案件37\n件。"
