import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean import boilerplate, clean
from pipeline.clean.offsets import MappedText, positions_from_runs, to_raw
from pipeline.ingest import RawDocument, doc_id_of

NAV_PAGE = """网站首页 | 网站地图 | 手机版
当前位置:首页 > 工作动态 > 正文

临夏州推进法治政府建设取得新成效

来源:临夏州司法局  发布时间:2023-08-02 09:00  作者:马小军
【打印本页】【关闭窗口】

临夏州坚持依法行政,全州培训执法人员900余人。
各县(市)认真落实《行政复议法》。

[责任编辑:王芳]
Copyright © 2023 临夏州人民政府 版权所有 甘ICP备00000001号
"""

TRADITIONAL = """首頁 > 通知公告 > 正文

某某縣人民政府辦公室關(guān)於加強行政執(zhí)法工作的通知

發(fā)布日期:2019-04-01

各鄉(xiāng)鎮(zhèn)人民政府:

 ?。ㄒ?\ue3a9┮?yī)、提高認識

縣政府要求各部門每月至少學習兩次,嚴格執(zhí)行有關(guān)規(guī)定。

某某縣人民政府辦公室

2019年4月1日
"""


def _doc(text: str, hints=None) -> RawDocument:
    return RawDocument(doc_id_of(text), "x.txt", "utf_8", text, hints=hints or {})


def test_navigation_footer_and_metadata_lines_are_removed_and_logged():
    doc = clean(_doc(NAV_PAGE))
    assert doc.clean_text.splitlines() == [
        "临夏州推进法治政府建设取得新成效",
        "临夏州坚持依法行政,全州培训执法人员900余人。",
        "各县(市)认真落实《行政复议法》。",
    ]
    rules = {w.split(":")[1] for w in doc.warnings}
    assert {
        "nav.site_menu",
        "nav.breadcrumb",
        "footer.copyright",
        "byline.editor",
        "widget.print_close",
    } <= rules
    assert (doc.title, str(doc.publish_date), doc.source, doc.author) == (
        "临夏州推进法治政府建设取得新成效",
        "2023-08-02",
        "临夏州司法局",
        "马小军",
    )


def test_traditional_with_pinyin_and_mojibake_becomes_clean_simplified():
    doc = clean(_doc(TRADITIONAL))
    assert doc.script == "zh-Hant"
    text = doc.clean_text
    assert "关于加强行政执法工作的通知" in text
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", text)
    assert not re.search(r"[\ue000-\uf8ff\u2500-\u257f?]", text)
    assert "每月至少学习两次" in text
    assert any(w.startswith("script:mojibake") for w in doc.warnings)
    assert doc.publish_date.isoformat() == "2019-04-01"
    assert doc.source == "某某縣人民政府辦公室"  # metadata is kept as written
    assert doc.title == "某某縣人民政府辦公室關(guān)於加強行政執(zhí)法工作的通知"


def test_pinyin_with_a_blank_inside_its_brackets_is_removed():
    doc = clean(_doc("全省召開(kāi)行政執法協調會(huì )和推進會( huì)共十二場(chǎng )次。"))
    assert "召开行政执法协调会和推进会共十二场次" in doc.clean_text


def test_an_unlabelled_date_on_a_header_line_is_the_publish_date():
    page = (
        "舒城县推进行政执法三项制度\n2023-12-08 09:30 来源:舒城县司法局 作者:王芳\n"
        "今年以来,全县评查案卷126卷。"
    )
    doc = clean(_doc(page))
    assert (str(doc.publish_date), doc.source, doc.author) == ("2023-12-08", "舒城县司法局", "王芳")
    assert (
        str(clean(_doc("标题\n2023-12-08 09:30\n正文。")).publish_date) == "2023-12-08"
    )  # alone under the title
    assert clean(_doc("标题\n2023-12-08 会议在县城召开\n正文。")).publish_date is None  # a date in a sentence


def test_labelled_source_that_is_a_breadcrumb_category_is_ignored():
    page = (
        "您的当前位置: 范文网 > 公文范文 > 讲话\n\n县长在法治政府建设会上的讲话\n\n"
        "来源:公文范文 时间:2022-06-15\n\n同志们:今天召开会议。"
    )
    doc = clean(_doc(page))
    assert doc.source == "范文网"
    assert doc.title == "县长在法治政府建设会上的讲话"


def test_width_and_radical_variants_are_normalized():
    doc = clean(_doc("甘肃省张掖市⻄部新区培训执法人员１２０名，满意率９８％。"))
    assert doc.clean_text == "甘肃省张掖市西部新区培训执法人员120名，满意率98%。"


def test_tail_rule_only_fires_in_second_half():
    lines = ["正文第一段。", "THE END", "正文第二段。", "正文第三段。"]
    assert boilerplate.boilerplate_lines(lines) == {1: "tail.the_end"}
    assert boilerplate.boilerplate_lines(lines[:1] + lines[2:] + ["THE END", "相关链接"]) == {
        3: "tail.the_end",
        4: "tail.the_end",
    }


@pytest.mark.parametrize("header", ["热门分享", "热点推荐", "【热门推荐】", "精彩推荐:", "相关新闻"])
def test_a_related_links_block_ends_the_text(header):
    lines = ["全市复议案件1466件。", "市领导参加汇报会。", "(版权作品,严禁转载。)", header]
    lines += ["- “最美马拉松女孩”走红 称要跑100个马拉", "- 福州明年要办好六件大事"]
    removed = boilerplate.boilerplate_lines(lines)
    assert sorted(removed) == [3, 4, 5] and set(removed.values()) == {"tail.related"}


@pytest.mark.parametrize(
    "line",
    [
        "规范性文件备案审查工作不断加强。",  # 备案审查 is a legal term, not an ICP line
        "各部门要加强分享经验。",
    ],
)
def test_body_lines_survive(line):
    assert boilerplate.match_line(line) is None


ARTIFACTS = st.sampled_from(
    ["經(jīng)", "區(qū)", "\ue46a┮?", "網站首頁 | 網站地圖\n", "　", "\r\n", "２０", "⻄", "   "]
)
HAN = st.text(alphabet="法治政府建设张掖市行政执法人员签约额亿元。，", min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(HAN, ARTIFACTS), min_size=1, max_size=12))
def test_offset_map_leads_every_span_back_to_its_source(pieces):
    raw = "".join(pieces)
    doc = clean(_doc(raw))
    text, pos = doc.clean_text, doc.positions
    assert len(pos) == len(text)
    assert all(a < b for a, b in itertools.pairwise(pos))  # order preserved
    for i, ch in enumerate(text):
        src = raw[pos[i]]
        assert ch == src or ch in "\n " or _converted(src, ch), (ch, src)


def _converted(src: str, ch: str) -> bool:
    import unicodedata

    from pipeline.clean.script import _t2s, radical_table

    return (
        _t2s().convert(src) == ch
        or unicodedata.normalize("NFKC", src) == ch
        or radical_table().get(src) == ch
    )


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=60), st.data())
def test_mapped_text_edits_keep_spans_exact(text, data):
    mt = MappedText(text)
    mt.sub(re.compile(r"[a-z]+"), "")
    mt.sub(re.compile(r"\s+"), " ")
    if not mt.text:
        return
    start = data.draw(st.integers(0, len(mt.text) - 1))
    end = data.draw(st.integers(start + 1, len(mt.text)))
    rs, re_ = mt.raw_span(start, end)
    assert (
        text[rs:re_].replace(" ", "")[:1] == mt.text[start:end].replace(" ", "")[:1] or mt.text[start] == " "
    )
    assert to_raw(mt.runs(), start, end) == (rs, re_)
    assert positions_from_runs(mt.runs()) == mt.pos


def test_mojibake_with_surviving_bytes_is_repaired():
    broken = "法治".encode().decode("gbk")  # what a GBK reader makes of UTF-8
    doc = clean(_doc(f"张掖市推进\ue000{broken}\ue000政府建设工作,全面提升依法行政水平。"))
    assert doc.clean_text == "张掖市推进法治政府建设工作,全面提升依法行政水平。"
    assert "script:mojibake: repaired 1 runs by re-decoding GBK-read UTF-8" in doc.warnings


def test_a_sites_contact_line_is_removed_with_the_places_in_its_address():
    page = (
        "县司法局开展普法宣传活动\n近日,县司法局开展普法宣传活动,发放资料500份。\n"
        "地址:湖南省常德市临澧县安福街道望城路1号 邮编:415200\n"
    )
    doc = clean(_doc(page))
    assert "临澧县" not in doc.clean_text
    assert any(w.startswith("boilerplate:footer.contact") for w in doc.warnings)
    kept = clean(_doc("县司法局开展普法宣传活动\n活动地址:临澧县安福街道文化广场,欢迎群众参加。\n"))
    assert "临澧县安福街道文化广场" in kept.clean_text  # one field in a sentence is article text


def test_a_comment_box_is_removed_and_gives_no_figures():
    from pipeline.extract import extract

    page = (
        "宜都市司法局开展普法活动\n发放资料300余份。\n0 条评论\n最热评论\n已有0人参与,点击查看更多精彩评论\n"
    )
    doc = clean(_doc(page))
    assert "评论" not in doc.clean_text
    assert [h.normalized_value for h in extract(doc.clean_text).indicators] == [300]


def test_symbols_salted_between_han_characters_are_removed_and_offsets_still_map():
    raw = (
        "中央依法治国办第七督察▓组开展督察。督@ 察工作汇报会上,省委书记刘赐贵讲ζ话。「引文」保持。"
        "二○二三年,安德烈∙杰明、张□明都不变。"
    )
    doc = clean(_doc(raw))
    assert "第七督察组" in doc.clean_text and "督察工作汇报会" in doc.clean_text
    assert "刘赐贵讲话" in doc.clean_text and "「引文」" in doc.clean_text
    assert all(w in doc.clean_text for w in ("二○二三年", "安德烈∙杰明", "张□明"))
    assert any(w.startswith("script:noise") for w in doc.warnings)
    i = doc.clean_text.index("讲话")
    assert raw[doc.positions[i]] == "讲" and raw[doc.positions[i + 1]] == "话"
    from pipeline import switches

    with switches.off({"script.noise"}):
        assert "▓" in clean(_doc(raw)).clean_text


def test_a_tables_header_is_no_row_of_links():
    links = "浙江潮评论 | 浙商网 | 长三角 | 国内 | 国际 | 评论"
    header = "申请事项 | 举报投诉处理 | 政府信息公开 | 行政处罚 | 行政强制 | 工伤认定"
    row = "数量 | 75件 | 16件 | 40件 | 0件 | 0件"
    assert boilerplate.boilerplate_lines([links, "正文。"]) == {0: "nav.link_row"}
    assert boilerplate.boilerplate_lines([links, row]) == {}  # a row of figures below: a table
    assert boilerplate.boilerplate_lines([header, row]) == {}
