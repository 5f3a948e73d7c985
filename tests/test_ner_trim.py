"""Entity edge trimming (pipeline/ner/trim.py): unpaired punctuation off, paired brackets kept."""

from __future__ import annotations

import pytest
from spacy.tokens import Span
from spacy.util import load_config

from pipeline.ner.trim import trim_entities, trimmed_bounds
from training.convert import blank_nlp
from training.train import CONFIG_PATH, resume_config


@pytest.mark.parametrize(
    "text, kept",
    [
        ("【赛迪网", "赛迪网"),
        ("人民日报》", "人民日报"),
        ("·叶问", "叶问"),
        ("米切尔·", "米切尔"),
        ("京石高速约5公里，", "京石高速约5公里"),
        ("EverQuest2)", "EverQuest2"),
        (" 北京市 ", "北京市"),
        ('"ZSMJ', "ZSMJ"),
        ("“幸福工程”组委会", "“幸福工程”组委会"),  # the pair is inside: MSRA tags it so
        ("美国证券交易委员会(SEC)", "美国证券交易委员会(SEC)"),
        ("《两岸关系》杂志", "《两岸关系》杂志"),
        ('"ZSMJ"', '"ZSMJ"'),
        ("（“卫特曼”", "“卫特曼”"),
        ("，。", ""),
    ],
)
def test_trimmed_bounds(text, kept):
    start, end = trimmed_bounds(text)
    assert text[start:end] == kept


def test_component_trims_entities_keeps_labels_and_drops_empty_ones():
    nlp = blank_nlp()
    doc = nlp("据【赛迪网报道，张三说：“好”")
    doc.ents = [Span(doc, 1, 5, label="ORG"), Span(doc, 8, 10, label="PER"), Span(doc, 11, 13, label="LOC")]
    assert [(e.text, e.label_) for e in doc.ents] == [("【赛迪网", "ORG"), ("张三", "PER"), ("：“", "LOC")]
    doc = trim_entities(doc)
    assert [(e.text, e.label_, e.start_char) for e in doc.ents] == [("赛迪网", "ORG", 2), ("张三", "PER", 8)]


def test_the_committed_config_trims_after_the_ner(tmp_path):
    config = load_config(CONFIG_PATH)
    assert config["nlp"]["pipeline"][-2:] == ["ner", "trim_entities"]
    assert config["components"]["trim_entities"]["factory"] == "fazhi_trim_entities"
    # Continuing a model trained before the trim step: its tok2vec/ner are sourced, the trim step is new.
    model = tmp_path / "old"
    model.mkdir()
    old = load_config(CONFIG_PATH)
    old["nlp"]["pipeline"] = ["tok2vec", "ner"]
    del old["components"]["trim_entities"]
    old.to_disk(model / "config.cfg")
    resumed = load_config(resume_config(model, tmp_path / "out"))["components"]
    assert resumed["tok2vec"] == resumed["ner"] == {"source": str(model.resolve())}
    assert resumed["trim_entities"] == {"factory": "fazhi_trim_entities"}


def test_the_shipped_model_trims_its_entities():
    from pipeline.extract.ner import MODEL_DIR

    if not (MODEL_DIR / "meta.json").is_file():
        pytest.skip("no shipped model")
    from pipeline.ner import load

    nlp = load(MODEL_DIR)
    assert nlp.pipe_names[-1] == "trim_entities"
    doc = nlp("【新华社北京电】国务院总理李强主持召开国务院常务会议。")
    assert doc.ents and all(trimmed_bounds(e.text) == (0, len(e.text)) for e in doc.ents)
