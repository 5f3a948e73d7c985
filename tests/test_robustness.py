"""The metamorphic perturbations of ``pipeline.robustness`` and what they found: metadata kept as
written in Traditional pages. Fixtures are invented articles."""

import json
import random

from pipeline import robustness as rb
from pipeline.clean import clean, layout
from pipeline.ingest import RawDocument, doc_id_of

ARTICLE = """首页 > 工作动态

某某县召开法治政府建设推进会
发布时间:2024-03-05 09:30 来源:某某县司法局
3月4日,某某县召开法治政府建设推进会,县长李明出席会议并讲话,会议通报全县去年办理行政复议案件96件,法律援助案件1200余件,按照《某某县重大行政决策程序规定》要求推进工作。
"""
GOLD = {
    "id": "a1",
    "meta": {
        "title": "某某县召开法治政府建设推进会",
        "publish_date": "2024-03-05",
        "source": "某某县司法局",
        "author": None,
    },
    "officials": [{"name": "李明", "title": "县长", "org": None}],
}


def test_pdf_wraps_spaces_numbers_and_keeps_the_headline():
    text, gold = rb.perturb("pdf", "a1", ARTICLE, GOLD)
    lines = text.splitlines()
    assert "某某县召开法治政府建设推进会" in lines and "发布时间:2024-03-05 09:30 来源:某某县司法局" in lines
    assert max(layout.width(line) for line in lines if "发布" not in line) <= 80
    assert "".join(text.split()).count("96件") == 1 and gold == GOLD


def test_traditional_converts_the_text_and_the_metadata_as_written():
    text, gold = rb.perturb("traditional", "a1", ARTICLE, GOLD)
    assert "某某縣召開法治政府建設推進會" in text
    assert gold["meta"]["title"] == "某某縣召開法治政府建設推進會"
    assert gold["officials"] == GOLD["officials"]  # names stay simplified in the gold


def test_punctuation_width_round_trip_keeps_times_and_numbers():
    text = rb.to_fullwidth("会议于09:30召开,到会1,200人;(一)加强学习")
    assert text == "会议于09:30召开，到会1,200人；（一）加强学习"
    assert rb.to_ascii(text) == "会议于09:30召开,到会1,200人;(一)加强学习"


def test_header_rewrites_the_metadata_lines_and_dates_an_undated_article():
    for seed in range(5):
        text, gold = rb.perturb("header", "a1", ARTICLE, GOLD, seed)
        assert "发布时间:2024-03-05 09:30 来源:某某县司法局" not in text
        assert "某某县司法局" in text and gold["meta"] == GOLD["meta"]
    undated = json.loads(json.dumps(GOLD))
    undated["meta"]["publish_date"] = None
    _, gold = rb.perturb("header", "a1", ARTICLE, undated)
    assert gold["meta"]["publish_date"] is not None


def test_perturbations_are_deterministic_for_a_seed():
    for kind in rb.PERTURBATIONS:
        assert rb.perturb(kind, "a1", ARTICLE, GOLD, 3) == rb.perturb(kind, "a1", ARTICLE, GOLD, 3)
    assert rb._rng(0, "a", "pdf").random() != random.Random(0).random()


def test_a_site_name_read_from_a_traditional_breadcrumb_stays_as_written():
    page = (
        "您的當前位置: 某某文祕網 > 範文大全 > 正文\n\n某某縣召開法治政府建設推進會\n\n"
        "會議要求各部門依法行政,嚴格執行有關規定。\n"
    )
    doc = clean(RawDocument(doc_id_of(page), "x.txt", "utf_8", page))
    assert doc.source == "某某文祕網"


def test_a_date_labelled_time_inside_brackets_is_the_publish_date():
    page = "某某县召开法治政府建设推进会\n【编辑:admin】 | 【时间:2018-05-29】\n会议要求各部门依法行政。\n"
    doc = clean(RawDocument(doc_id_of(page), "x.txt", "utf_8", page))
    assert doc.publish_date.isoformat() == "2018-05-29"
