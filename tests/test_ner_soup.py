"""Weight averaging of trained models (pipeline/ner/soup.py) and the continuations that feed it."""

from __future__ import annotations

import json

import numpy
import pytest
import spacy
from spacy.training import Example
from spacy.util import load_config, registry

from pipeline.ner import train as train_mod
from pipeline.ner.evaluate import DEFAULT_MODEL
from pipeline.ner.soup import average_weights
from pipeline.ner.train import (CONFIG_PATH, continuation_overrides, soup_count_override, soup_settings,
                                train_continuations)

TINY = """
[nlp]
lang = "zh"
pipeline = ["tok2vec", "ner"]

[nlp.tokenizer]
@tokenizers = "spacy.zh.ChineseTokenizer"
segmenter = "char"

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = {width}
depth = 1
embed_size = 50
window_size = 1
maxout_pieces = 2
subword_features = false

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 8
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "*"
"""


def _tiny_model(path, seed: int, width: int = 8):
    """A small tok2vec+ner pipeline, trained a few steps from `seed`'s initialisation."""
    from thinc.api import Config, fix_random_seed

    fix_random_seed(seed)
    nlp = spacy.blank("zh", config=Config().from_str(TINY.format(width=width)))
    doc = nlp.make_doc("张三在北京市工作")
    examples = [Example.from_dict(doc, {"entities": [(0, 2, "PER"), (3, 6, "LOC")]})]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(3):
        nlp.update(examples, sgd=optimizer)
    nlp.to_disk(path)
    return path


def _params(path):
    nlp = spacy.load(path)
    return [node.get_param(name).copy() for comp in ("tok2vec", "ner")
            for node in nlp.get_pipe(comp).model.walk() for name in node.param_names if node.has_param(name)]


def test_average_is_the_mean_of_every_trained_parameter(tmp_path):
    a, b, c = (_tiny_model(tmp_path / name, seed) for name, seed in (("a", 0), ("b", 1), ("c", 2)))
    out = average_weights([a, b, c], tmp_path / "soup")
    members = [_params(p) for p in (a, b, c)]
    averaged = _params(out)
    assert len(averaged) == len(members[0]) > 5
    for i, value in enumerate(averaged):
        assert numpy.allclose(value, (members[0][i] + members[1][i] + members[2][i]) / 3, atol=1e-6)
    assert not numpy.allclose(averaged[0], members[0][0])  # the members really differ
    doc = spacy.load(out)("李四在上海市工作")  # the average is a working pipeline
    assert len(doc) == 8


def test_average_refuses_models_that_do_not_match(tmp_path):
    a = _tiny_model(tmp_path / "a", 0)
    wide = _tiny_model(tmp_path / "wide", 0, width=16)
    with pytest.raises(ValueError, match="differ from the first model"):
        average_weights([a, wide], tmp_path / "soup")
    with pytest.raises(ValueError, match="at least two"):
        average_weights([a], tmp_path / "soup")
    assert not (tmp_path / "soup").exists()


def test_committed_soup_settings_resolve_to_a_continuation_schedule():
    soup = soup_settings()
    # Even at 0 continuations (the shipped model's) `--continuations N` needs the section's schedule.
    assert soup["in_config"] and soup["max_steps"] > soup["warmup_steps"]
    shipped = json.loads((DEFAULT_MODEL / "meta.json").read_text(encoding="utf-8"))["fazhi"]["soup"]
    assert len((shipped or {}).get("seeds", [])) == soup["continuations"]  # the config says how it was made
    config = load_config(CONFIG_PATH, overrides=continuation_overrides(soup), interpolate=True)
    schedule = registry.resolve({"s": config["training"]["optimizer"]["learn_rate"]})["s"]
    rates = [next(schedule) for _ in range(soup["max_steps"] + 1)]
    assert rates[0] == 0.0 and max(rates) == pytest.approx(soup["initial_rate"])
    assert rates[soup["warmup_steps"]] == pytest.approx(soup["initial_rate"])
    assert rates[-1] == pytest.approx(0.0)
    assert "soup" not in load_config(CONFIG_PATH)["training"]  # spaCy itself never reads it


def test_saved_configs_tell_the_continuations_really_made():
    soup = {**soup_settings(), "continuations": 0}  # as `train-ner --continuations 0` sets it
    assert soup["in_config"] and soup_count_override(soup) == {"soup.continuations": 0}
    config = load_config(CONFIG_PATH, overrides=continuation_overrides({**soup, "continuations": 3}))
    assert config["soup"]["continuations"] == 3
    assert load_config(CONFIG_PATH, overrides=soup_count_override(soup))["soup"]["continuations"] == 0
    # a config without [soup] gets no override (spaCy refuses overrides of missing sections)
    assert soup_count_override({**soup, "in_config": False}) == {}


def test_soup_settings_default_to_none_and_reject_malformed_sections(tmp_path):
    plain = load_config(CONFIG_PATH)
    del plain["soup"]
    plain.to_disk(tmp_path / "plain.cfg")
    assert soup_settings(tmp_path / "plain.cfg")["continuations"] == 0
    for bad, message in (({"continuations": -1}, "continuations: Input should be greater than or equal to 0"),
                         ({"continuations": 2}, "continuations need max_steps, warmup_steps and initial_rate"),
                         ({"continuations": 1, "max_steps": 10, "warmup_steps": 1, "initial_rate": 0.1,
                           "max_step": 5}, "max_step: Extra inputs are not permitted")):
        plain["soup"] = bad
        plain.to_disk(tmp_path / "bad.cfg")
        with pytest.raises(ValueError, match=f"^bad.cfg \\[soup\\] {message}$"):
            soup_settings(tmp_path / "bad.cfg")


def test_continuations_start_from_model_best_with_one_seed_each(tmp_path, monkeypatch):
    calls = []

    def fake_train(out, cache_dir, max_steps, seed, resume_from, overrides, **kwargs):
        calls.append((out.name, max_steps, seed, resume_from, overrides))
        (out / "model-last").mkdir(parents=True, exist_ok=True)  # as spaCy does at every evaluation
        if seed == 7:  # only the first continuation gets to its end
            (out / train_mod.DONE_MARK).write_text("{}")

    monkeypatch.setattr(train_mod, "run_spacy_train", fake_train)
    soup = {"continuations": 2, "max_steps": 30, "warmup_steps": 5, "initial_rate": 0.1}
    members = train_continuations(tmp_path, tmp_path / "cache", 7, soup, reuse=False)
    assert members == [tmp_path / "continue0" / "model-best", tmp_path / "continue1" / "model-best"]
    assert [(name, steps, seed, start) for name, steps, seed, start, _ in calls] == [
        ("continue0", 30, 7, tmp_path / "model-best"), ("continue1", 30, 8, tmp_path / "model-best")]
    assert calls[0][4]["training.optimizer.learn_rate.total_steps"] == 30
    # --reuse: a continuation that got to its end is kept, an interrupted one is trained again
    calls.clear()
    assert train_continuations(tmp_path, tmp_path / "cache", 7, soup, reuse=True) == members
    assert [name for name, *_ in calls] == ["continue1"]
