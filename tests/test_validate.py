from pipeline.clean import clean
from pipeline.extract import extract
from pipeline.extract.types import Found
from pipeline.ingest import RawDocument, doc_id_of
from pipeline.split import split_sentences
from pipeline.validate import Processed, to_rows

TEXT = "甘肃省张掖市签约额218.15亿元。张掖市委副书记、市长何志勇出席。"


def _processed() -> Processed:
    doc = clean(RawDocument(doc_id_of(TEXT), "a.txt", "utf_8", TEXT))
    return Processed(doc, split_sentences(doc.clean_text), extract(doc.clean_text))


def test_rows_carry_offsets_back_to_raw_text():
    rows = to_rows(_processed(), "run-1", "v1").tables
    assert len(rows["documents"]) == 1 and not rows["quarantine"]
    for m in rows["mentions"]:
        assert TEXT[m.raw_start : m.raw_end] == m.text
        assert m.method.startswith("rule:")
    ind = rows["indicators"][0]
    assert (ind.text, ind.normalized_value, ind.base_unit) == ("签约额218.15亿元", 21815000000, "元")


def test_a_row_failing_validation_goes_to_quarantine_not_away():
    p = _processed()
    p.extraction.mentions.append(Found(5, 5, "PLACE", "x", "bad.rule", 0.5))  # empty span
    p.extraction.mentions.append(Found(0, 3, "NOT_A_LABEL", "x", "bad.rule", 0.5))
    rows = to_rows(p, "run-1", "v1").tables
    reasons = [q.reason for q in rows["quarantine"]]
    assert reasons == ["invalid_mentions_row", "invalid_mentions_row"]
    assert all(q.doc_id == p.doc.doc_id and "validation error" in q.detail for q in rows["quarantine"])
    assert len(rows["mentions"]) == len(p.extraction.mentions) - 2


def test_a_party_regulation_is_a_row_with_its_category_not_a_quarantine_row():
    text = "全县党员干部学习《中国共产党纪律处分条例》和《中华人民共和国行政处罚法》。"
    doc = clean(RawDocument(doc_id_of(text), "p.txt", "utf_8", text))
    rows = to_rows(
        Processed(doc, split_sentences(doc.clean_text), extract(doc.clean_text)), "run-1", "v1"
    ).tables
    assert not rows["quarantine"]
    assert {(r.name, r.category) for r in rows["regulations"]} >= {("中国共产党纪律处分条例", "党内法规")}


def test_an_urban_district_is_a_district_row_and_a_county_stays_a_county():
    text = "四川省成都市武侯区和镇宁布依族苗族自治县。武侯区受理案件83件。"
    doc = clean(RawDocument(doc_id_of(text), "a.txt", "utf_8", text))
    rows = to_rows(Processed(doc, split_sentences(doc.clean_text), extract(doc.clean_text)), "r", "v").tables
    levels = {p.name: p.level for p in rows["places"]}
    assert levels["武侯区"] == "district" and levels["镇宁布依族苗族自治县"] == "county"
    assert levels["成都市"] == "city" and levels["四川省"] == "province"
    assert [i.scope_level for i in rows["indicators"]] == ["district"]


def test_a_zone_keeps_the_county_level_in_every_table_even_when_shown():
    from pipeline.extract.gazetteer import table_level

    assert table_level("county", "武侯区", "510107") == "district"
    assert table_level("county", "兰州新区", "620171") == "county"  # a zone, e.g. with place.veto.zone off
    assert table_level("county", "神农架林区", "429021") == "county"
