"""NER converters, label mapping, scoring and the shipped model, on tiny invented fixtures."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest

from pipeline.ner.lexicon import LEGACY_CLASSES
from training import convert
from training.augment import collect_names, name_lists
from training.convert import (
    blank_nlp,
    build_title_lexicon,
    drop_overlaps,
    gov_or_org,
    load_rules,
    map_record,
    mask_titles,
    read_cluener,
    read_columns,
    record_to_doc,
    tags_to_spans,
)
from training.evaluate import prf, score_spans

MODEL = Path(__file__).resolve().parents[1] / "pipeline" / "models" / "ner"
RULES = load_rules()


def _bio(rows: list[list[tuple[str, str]]], sep: str) -> str:
    return "\n\n".join("\n".join(f"{c}{sep}{t}" for c, t in sent) for sent in rows) + "\n\n"


def _tagged(text: str, tags: str) -> list[tuple[str, str]]:
    return list(zip(text, tags.split()))


def test_tags_to_spans_bio_bmes_and_stray_inside():
    assert tags_to_spans(["B-PER", "I-PER", "O", "B-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    assert tags_to_spans(["B-ORG", "M-ORG", "E-ORG", "S-NAME"]) == [(0, 3, "ORG"), (3, 4, "NAME")]
    # A sentence cut inside an entity starts with I-: still one entity.
    assert tags_to_spans(["I-LOC", "I-LOC", "O"]) == [(0, 2, "LOC")]
    # A label change without B- closes the first entity.
    assert tags_to_spans(["B-PER", "I-LOC"]) == [(0, 1, "PER"), (1, 2, "LOC")]


def test_cluener_offsets_are_end_inclusive(tmp_path):
    text = "王小明任北镇市委书记，住在和平路"
    rec = {
        "text": text,
        "label": {
            "name": {"王小明": [[0, 2]]},
            "government": {"北镇市委": [[4, 7]]},
            "position": {"书记": [[8, 9]]},
            "scene": {"和平路": [[13, 15]]},
        },
    }
    path = tmp_path / "c.json"
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    ((got_text, spans),) = read_cluener(path)
    assert [got_text[s:e] for s, e, _ in spans] == ["王小明", "北镇市委", "书记", "和平路"]
    mapped = map_record((got_text, spans), RULES["cluener"], RULES)[1]
    assert [lab for *_, lab in mapped] == ["PER", "GOV", "TITLE", "-"]


def test_cluener_titles_of_works_are_taught_as_outside():
    # book/movie/game names are O under CLUENER's guideline (run X3); scenic spots stay missing.
    text = "王五读三国演义后去故宫"
    spans = [(0, 2, "name"), (3, 7, "book"), (9, 11, "scene"), (3, 5, "movie"), (5, 7, "game")]
    mapped = map_record((text, spans), RULES["cluener"], RULES)[1]
    assert mapped == [(0, 2, "PER"), (9, 11, "-")]


def test_meta_label_summary_names_the_missing_labels_from_the_rules():
    from training.train import label_mapping_summary

    assert label_mapping_summary(RULES)["missing"] == (
        "'-' = tokens left unannotated (not taught as O): CLUENER scene; MSRA text matching the title lexicon"
    )
    rules = {**RULES, "cluener": {**RULES["cluener"], "book": "-"}}
    assert "CLUENER scene/book;" in label_mapping_summary(rules)["missing"]
    taught = label_mapping_summary({**RULES, "title_mask": {**RULES["title_mask"], "teach_as": "TITLE"}})
    assert taught["missing"] == "'-' = tokens left unannotated (not taught as O): CLUENER scene"
    assert taught["title_mask"] == "MSRA text matching the title lexicon: taught as TITLE"
    with pytest.raises(ValueError, match="teach_as: 'TITEL'"):
        label_mapping_summary({**RULES, "title_mask": {**RULES["title_mask"], "teach_as": "TITEL"}})


def test_msra_bio_gov_org_split(tmp_path):
    sent = _tagged(
        "张掖市司法局和新华社在北京", "B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O B-ORG I-ORG I-ORG O B-LOC I-LOC"
    )
    path = tmp_path / "m.bio.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(_bio([sent], "\t"))
    ((text, spans),) = read_columns(path, "\t")
    mapped = map_record((text, spans), RULES["msra"], RULES)[1]
    assert [(text[s:e], lab) for s, e, lab in mapped] == [
        ("张掖市司法局", "GOV"),
        ("新华社", "ORG"),
        ("北京", "LOC"),
    ]


def test_resume_bmes_mapping(tmp_path):
    sent = _tagged(
        "李四中国国籍任北镇市委副书记",
        "B-NAME E-NAME B-CONT M-CONT M-CONT E-CONT O B-ORG M-ORG M-ORG E-ORG B-TITLE M-TITLE E-TITLE",
    )
    path = tmp_path / "r.bmes"
    path.write_text(_bio([sent], " "), encoding="utf-8")
    ((text, spans),) = read_columns(path, " ")
    mapped = map_record((text, spans), RULES["resume"], RULES)[1]
    assert [(text[s:e], lab) for s, e, lab in mapped] == [
        ("李四", "PER"),
        ("北镇市委", "GOV"),
        ("副书记", "TITLE"),
    ]


@pytest.mark.parametrize(
    "name,label",
    [
        ("北镇市委", "GOV"),
        ("人民法院", "GOV"),
        ("国务院办公厅", "GOV"),
        ("中共中央", "GOV"),
        ("美国海军", "GOV"),
        ("阿森纳俱乐部", "ORG"),
        ("华为公司", "ORG"),
        ("北京大学", "ORG"),
        ("新华社", "ORG"),
        # the misses fixed in label_rules.json
        ("全国人民代表大会", "GOV"),
        ("海关", "GOV"),
        ("上海海关", "GOV"),
        ("人民日报国际部", "ORG"),
    ],
)
def test_gov_or_org_rule(name, label):
    assert gov_or_org(name, RULES) == label


def test_missing_spans_are_not_taught_as_outside():
    nlp = blank_nlp()
    doc = record_to_doc(nlp, ("王五读三国演义", [(0, 2, "PER"), (3, 7, "-")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("王五", "PER")]
    assert [t.ent_iob_ for t in doc] == ["B", "I", "O", "", "", "", ""]


def test_overlaps_keep_entities_then_longest():
    assert drop_overlaps([(0, 2, "-"), (0, 4, "GOV"), (2, 4, "ORG"), (5, 6, "LOC")]) == [
        (0, 4, "GOV"),
        (5, 6, "LOC"),
    ]


def test_title_lexicon_masks_only_free_text():
    lexicon = build_title_lexicon(
        [("市长说", [(0, 2, "TITLE")]), ("副市长", [(1, 3, "TITLE")])], min_len=2, min_count=2
    )
    assert lexicon == {"市长"}
    _text, spans = mask_titles(("市长访问市长路", [(4, 7, "LOC")]), lexicon)
    assert spans == [(0, 2, "-"), (4, 7, "LOC")]


def test_title_lexicon_can_teach_titles_outright():
    _text, spans = mask_titles(("副市长和市长路", [(4, 7, "LOC")]), {"市长", "副市长"}, "TITLE")
    assert spans == [(0, 3, "TITLE"), (4, 7, "LOC")]


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda r: r["cluener"].update(address="LCO"), "cluener.address: 'LCO' is not one of"),
        (lambda r: r["msra"].update(ORG="GOV/ORG"), "msra.ORG: 'GOV/ORG' is not one of"),
        (lambda r: r["title_mask"].update({"teach-as": "TITLE"}), "title_mask.teach-as: Extra inputs"),
        (lambda r: r["title_mask"].update(teach_as="TITEL"), "teach_as: 'TITEL' is neither"),
        (lambda r: r["name_lists"].update(count=-1), "name_lists.count: Input should be greater"),
        (lambda r: r["name_lists"].update(min_names=99), "name_lists: min_names/min_len must not exceed"),
        (lambda r: r["name_lists"].update(separators={"": 0}), "separator weights"),
        (lambda r: r.pop("gov_org_split"), "gov_org_split: Field required"),
    ],
)
def test_malformed_label_rules_fail_in_one_line_naming_the_key(tmp_path, change, message):
    rules = json.loads(json.dumps(RULES))
    change(rules)
    path = tmp_path / "label_rules.json"
    path.write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match=message) as err:
        load_rules(path)
    assert str(err.value).startswith("label_rules.json: ") and "\n" not in str(err.value)


def test_gov_or_org_is_a_rule_target_only_when_both_labels_exist(tmp_path):
    rules = json.loads(json.dumps(RULES))
    rules["labels"] = ["PER", "LOC", "ORG"]
    rules["cluener"] = {"name": "PER", "address": "LOC", "company": "ORG"}
    rules["resume"] = {"NAME": "PER"}
    rules["title_mask"]["teach_as"] = "-"
    path = tmp_path / "label_rules.json"
    path.write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match=r"msra\.ORG: 'GOV\|ORG' is not one of PER, LOC, ORG, O, -$"):
        load_rules(path)


def test_place_followed_by_a_government_word_becomes_one_gov_span():
    # The rule is off in label_rules.json since the model learns each corpus's guideline (an empty
    # list); the mechanism still works for a list given there.
    assert RULES["msra_place_gov"]["suffixes"] == []
    suffixes = ["人民政府", "政府", "当局", "军方", "军队", "警方"]
    text = "北京市政府和日本人民政府在埃及当局与美国人"
    spans = [(0, 3, "LOC"), (6, 8, "LOC"), (13, 15, "LOC"), (18, 20, "LOC")]
    assert convert.merge_place_gov((text, spans), suffixes)[1] == [
        (0, 5, "GOV"),
        (6, 12, "GOV"),
        (13, 17, "GOV"),
        (18, 20, "LOC"),
    ]  # longest suffix wins
    # never grows over another span, never touches other labels
    assert convert.merge_place_gov(("美国军方", [(0, 2, "LOC"), (2, 4, "ORG")]), suffixes)[1] == [
        (0, 2, "LOC"),
        (2, 4, "ORG"),
    ]
    assert convert.merge_place_gov(("李政府", [(0, 1, "PER")]), suffixes)[1] == [(0, 1, "PER")]


def test_convert_all_writes_docbins_with_hashes(tmp_path):
    data = tmp_path / "data"
    clu = json.dumps(
        {"text": "李雷是市长", "label": {"name": {"李雷": [[0, 1]]}, "position": {"市长": [[3, 4]]}}},
        ensure_ascii=False,
    )
    files = {
        "cluener2020/train.json": "\n".join([clu] * 4) + "\n",
        "cluener2020/dev.json": clu + "\n",
        "msra_ner/test.bio": _bio([_tagged("国务院", "B-ORG I-ORG I-ORG")], "\t"),
        "resume_ner/train.char.bmes": _bio([_tagged("韩梅", "B-NAME E-NAME")], " "),
        "resume_ner/dev.char.bmes": _bio([_tagged("韩梅", "B-NAME E-NAME")], " "),
        "resume_ner/test.char.bmes": _bio([_tagged("韩梅", "B-NAME E-NAME")], " "),
    }
    for rel, body in files.items():
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_text(body, encoding="utf-8")
    with gzip.open(data / "msra_ner/train.bio.gz", "wt", encoding="utf-8") as f:
        f.write(_bio([_tagged("市长在北京政府", "O O O B-LOC I-LOC O O")] * 3, "\t"))
    manifest = convert.convert_all(data, tmp_path / "cache", seed=1)
    assert set(manifest["sources"]) == set(convert.SOURCES.values())
    assert all(len(h) == 64 for h in manifest["sources"].values())
    assert manifest["counts"]["msra_test"] == {"ORG": 1, "docs": 1}
    # MSRA train (here all in its dev split) keeps its published place + government word (北京/LOC 政府)
    assert manifest["counts"]["dev"]["LOC"] == 3 and "GOV" not in manifest["counts"]["dev"]
    # every doc says which corpus's guideline its labels follow
    from spacy.tokens import DocBin

    from pipeline.ner.guidelines import GUIDELINE

    def guidelines(name):
        docs = DocBin().from_disk(tmp_path / "cache" / f"{name}.spacy").get_docs(blank_nlp().vocab)
        return {(d.text, d._.get(GUIDELINE)) for d in docs}

    assert guidelines("train") == {("韩梅", "resume")}  # the tiny CLUENER and MSRA train sets all go to dev
    assert guidelines("dev") == {("李雷是市长", "cluener"), ("市长在北京政府", "msra"), ("韩梅", "resume")}
    assert guidelines("msra_test") == {("国务院", "msra")}


def _list_settings(**over) -> dict:
    settings = {**RULES["name_lists"], "min_names": 4, "max_names": 6, "count": 20}
    return {**settings, **over}


def test_collect_names_keeps_han_per_spans_in_length_range():
    records = [
        ("张三和李四到上海", [(0, 2, "PER"), (3, 5, "PER"), (6, 8, "LOC")]),
        ("约翰·史密斯与张三、欧阳娜娜娜", [(0, 6, "PER"), (7, 9, "PER"), (10, 15, "PER")]),
    ]
    assert collect_names(records, 2, 4) == ["张三", "李四"]


def test_name_lists_are_touching_names_with_per_spans_only_on_names():
    names = ["王一", "王二", "李三", "张四", "赵五", "孙六六", "周七", "吴八"]
    lists = name_lists(
        [(n, [(0, len(n), "PER")]) for n in names], _list_settings(annotation_rate=0.5), seed=3
    )
    assert len(lists) == 20
    for text, spans in lists:
        surfaces = [text[s:e] for s, e, _ in spans]
        assert 4 <= len(spans) <= 6 and set(surfaces) <= set(names)
        assert [n[0] for n in surfaces] == sorted(n[0] for n in surfaces)  # grouped by surname
        gaps = [text[a[1] : b[0]] for a, b in itertools.pairwise(spans)]  # separator (+ annotation) only
        assert all(set(g) <= set("".join(_list_settings()["annotations"]) + "、　") for g in gaps)
    assert any(text[spans[0][1] : spans[1][0]] == "" for text, spans in lists)  # names that touch
    assert lists == name_lists(
        [(n, [(0, len(n), "PER")]) for n in names], _list_settings(annotation_rate=0.5), 3
    )


def test_name_lists_off_or_too_few_names():
    assert name_lists([("王一", [(0, 2, "PER")])] * 10, _list_settings(), seed=0) == []  # 1 distinct name
    records = [(n, [(0, 2, "PER")]) for n in ["王一", "王二", "李三", "张四", "赵五", "周七", "吴八"]]
    assert len(name_lists(records, _list_settings(), seed=0)) == 20
    assert name_lists(records, _list_settings(count=0), seed=0) == []


def test_score_spans_known_values():
    gold = {(0, 0, 2, "PER"), (0, 3, 5, "LOC"), (1, 0, 4, "ORG"), (1, 5, 7, "PER")}
    pred = {(0, 0, 2, "PER"), (0, 3, 5, "ORG"), (1, 0, 4, "ORG"), (1, 5, 8, "PER")}
    s = score_spans(gold, pred, ["PER", "LOC", "ORG"])
    assert (s["PER"]["tp"], s["PER"]["fp"], s["PER"]["fn"]) == (1, 1, 1)
    assert s["PER"]["f"] == 50.0
    assert s["LOC"] == prf(0, 0, 1)
    assert (s["ORG"]["p"], s["ORG"]["r"]) == (50.0, 100.0)
    assert s["micro"]["p"] == 50.0 and s["micro"]["r"] == 50.0 and s["micro"]["f"] == 50.0


def test_cli_missing_data_is_one_line(tmp_path):
    from typer.testing import CliRunner

    from training.cli import app

    result = CliRunner().invoke(app, ["train-ner", "--data-dir", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "NER data not found" in result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(not (MODEL / "meta.json").is_file(), reason="no shipped NER model")
def test_shipped_model_tags_five_labels():
    import spacy

    nlp = spacy.load(MODEL)
    assert set(nlp.get_pipe("ner").labels) == {"PER", "TITLE", "GOV", "ORG", "LOC"}
    doc = nlp("张掖市司法局局长王小明在北京市会见了华为公司代表。")
    assert len(doc) == len(doc.text)  # one token per character
    assert doc.ents
    assert {e.label_ for e in doc.ents} <= {"PER", "TITLE", "GOV", "ORG", "LOC"}


@pytest.mark.skipif(not (MODEL / "meta.json").is_file(), reason="no shipped NER model")
def test_shipped_model_carries_its_char_vectors_and_their_provenance():
    import spacy

    nlp = spacy.load(MODEL)
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))["fazhi"]
    vectors_meta = meta["char_vectors"]
    assert nlp.vocab.vectors.shape == (vectors_meta["n_vectors"], vectors_meta["settings"]["dim"])
    assert all(nlp.vocab.has_vector(ch) for ch in "张局省市")
    assert "xinwenlianbo_news/xwlb_2022_2026.jsonl.gz" in vectors_meta["sources"]
    assert "static_vectors" in [layer.name for layer in nlp.get_pipe("tok2vec").model.walk()]


@pytest.mark.skipif(not (MODEL / "meta.json").is_file(), reason="no shipped NER model")
def test_shipped_model_carries_its_bigram_vectors_and_their_provenance():
    import pipeline.ner

    nlp = pipeline.ner.load(MODEL)
    embed = nlp.config["components"]["tok2vec"]["model"]["embed"]
    if embed.get("bigram_vectors") is None:
        pytest.skip("the shipped model was trained without bigram vectors")
    stamp = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))["fazhi"]["char_vectors"]
    rows, dim = embed["bigram_vector_rows"], embed["bigram_vector_dim"]
    assert rows <= stamp["n_bigram_vectors"] and dim <= stamp["bigram_settings"]["dim"]
    layer = next(n for n in nlp.get_pipe("tok2vec").model.walk() if n.name == "char_bigram_vectors")
    assert len(layer.attrs["bigrams"]) == 2 * rows and layer.attrs["codes"].shape == (rows, dim)
    assert "政府" in {layer.attrs["bigrams"][i : i + 2] for i in range(0, 2 * rows, 2)}


@pytest.mark.skipif(not (MODEL / "meta.json").is_file(), reason="no shipped NER model")
def test_shipped_model_carries_its_word_lexicon_and_its_provenance():
    import pipeline.ner

    nlp = pipeline.ner.load(MODEL)
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))["fazhi"]["word_lexicon"]
    layer = next(n for n in nlp.get_pipe("tok2vec").model.walk() if n.name == "char_lexicon_features")
    assert len(layer.attrs["words"]) == meta["n_words"] and meta["source"] == "dict.txt"
    classes = nlp.config["components"]["tok2vec"]["model"]["embed"].get("lexicon_classes", LEGACY_CLASSES)
    assert all(meta["per_class"][cls] > 0 for cls in classes) and len(meta["source_sha256"]) == 64


@pytest.mark.skipif(not (MODEL / "meta.json").is_file(), reason="no shipped NER model")
def test_load_uses_numpy_blas_and_tags_like_spacy_load():
    import spacy
    from threadpoolctl import threadpool_info

    from pipeline.ner import load

    fast, plain = load(MODEL), spacy.load(MODEL)
    assert all(not node.ops.use_blis for node in fast.get_pipe("tok2vec").model.walk())
    assert {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"} == {1}
    texts = ["张掖市司法局局长王小明在北京市会见了华为公司代表。", "出席会议的有孙英孙勇孙文盛（女）李四等。"]
    assert [[(e.start, e.end, e.label_) for e in d.ents] for d in fast.pipe(texts)] == [
        [(e.start, e.end, e.label_) for e in d.ents] for d in plain.pipe(texts)
    ]


def test_char_bigram_ids_left_and_right():
    from spacy.strings import get_string_id

    from pipeline.ner.features import BOS, EOS, char_bigram_ids

    doc = blank_nlp()("中国人")
    ids = char_bigram_ids(doc)
    assert ids.shape == (3, 4)
    assert ids[:, 2].tolist() == [get_string_id(b) for b in (BOS + "中", "中国", "国人")]
    assert ids[:, 3].tolist() == [get_string_id(b) for b in ("中国", "国人", "人" + EOS)]
    assert ids[:, 0].tolist() == [t.orth for t in doc]
    assert char_bigram_ids(blank_nlp()("")).shape == (0, 4)


def test_char_bigram_embed_is_registered_and_shapes():
    from spacy.util import registry

    import pipeline.ner  # noqa: F401

    make = registry.architectures.get("fazhi.CharBigramEmbed.v1")
    model = make(width=16, rows=[100, 10, 100, 100])
    nlp = blank_nlp()
    docs = [nlp(t) for t in ("中国人民", "李", "北京市")]
    model.initialize(X=docs)
    assert [o.shape for o in model.predict(docs)] == [(4, 16), (1, 16), (3, 16)]
    narrow = make(width=16, rows=[100, 10, 100, 100], table_width=6)  # tables narrower than the output
    narrow.initialize(X=docs)
    assert [o.shape for o in narrow.predict(docs)] == [(4, 16), (1, 16), (3, 16)]
    tables = [node for node in narrow.walk() if node.name.startswith("hashembed")]
    assert [t.get_param("E").shape for t in tables] == [(100, 6), (10, 6), (100, 6), (100, 6)]
    with pytest.raises(ValueError):
        make(width=16, rows=[100, 10])


def test_the_shipped_model_was_trained_on_the_committed_label_rules():
    from pipeline.extract.ner import MODEL_DIR
    from pipeline.version import file_sha256
    from training.convert import RULES_PATH
    from training.train import label_mapping_summary

    if not (MODEL_DIR / "meta.json").is_file():
        pytest.skip("no shipped model")
    fazhi = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["fazhi"]
    assert fazhi["label_rules_sha256"] == file_sha256(RULES_PATH)
    assert fazhi["label_mapping"] == label_mapping_summary(RULES)


def test_teacher_windows_skip_stories_and_follow_the_pipelines_windows(tmp_path):
    from training.distil import stories, windows

    corpus = tmp_path / "news.jsonl.gz"
    lines = [
        {"text": "旧闻里市长王五讲话。"},
        {"text": "天气很好。" * 3 + "县长张三在会上讲话。" + "大家都很高兴。" * 9},
    ]
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        f.write("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    found = list(windows(stories(corpus, skip=1), limit_chars=10**6))
    assert [t for t, _, _ in found] == ["县长张三在会上讲话。"]  # its own sentence: no cut
    assert found[0][1:] == (False, False)
    assert list(windows(stories(corpus, skip=2), 10**6)) == []


def test_teacher_entities_at_a_cut_edge_are_left_unannotated():
    import spacy
    from spacy.tokens import Span

    from training.distil import keep_whole

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    doc = nlp.make_doc("明市长王五讲话张")
    doc.ents = [
        Span(doc, 0, 1, "PER"),
        Span(doc, 1, 3, "TITLE"),
        Span(doc, 3, 5, "PER"),
        Span(doc, 7, 8, "PER"),
    ]
    assert keep_whole(doc, cut_left=True, cut_right=True) == {"TITLE": 1, "PER": 1, "cut": 2}
    assert [(e.text, e.label_) for e in doc.ents] == [("市长", "TITLE"), ("王五", "PER")]
    assert [t.ent_iob_ for t in doc] == ["", "B", "I", "B", "I", "O", "O", ""]  # "" = not annotated
    doc.ents = [Span(doc, 0, 1, "PER")]
    assert keep_whole(doc, cut_left=False, cut_right=False) == {"PER": 1}


@pytest.mark.skipif(not (MODEL / "meta.json").is_file(), reason="no shipped NER model")
def test_teacher_docbin_holds_the_teachers_entities_and_the_guideline(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    from pipeline.ner.guidelines import GUIDELINE
    from training.distil import teacher_docbin

    corpus = tmp_path / "news.jsonl"
    corpus.write_text(
        json.dumps({"text": "张掖市司法局局长王小明在北京市会见了华为公司代表。"}, ensure_ascii=False) + "\n",
        "utf-8",
    )
    counts = teacher_docbin(
        corpus, MODEL, tmp_path / "t.spacy", skip=0, limit_chars=10**6, guideline="cluener"
    )
    docs = list(DocBin().from_disk(tmp_path / "t.spacy").get_docs(spacy.blank("zh").vocab))
    assert counts["docs"] == len(docs) == 1 and counts["PER"] >= 1
    assert docs[0]._.get(GUIDELINE) == "cluener"
    assert "王小明" in [e.text for e in docs[0].ents if e.label_ == "PER"]


def test_token_texts_are_the_tokens_texts_without_building_tokens():
    import spacy

    from pipeline.ner.features import token_texts

    nlp = spacy.blank("zh")
    for text in ("市长 张三，GDP增长5%", "", "  ", "a\nb"):
        doc = nlp(text)
        assert token_texts(doc) == [t.text for t in doc]
