"""Annotation guidelines (pipeline/ner/guidelines.py): stored per training doc, carried into training
by the corpus reader, seen by the embedding, chosen per test set by the evaluation."""

from __future__ import annotations

import numpy
import pytest
from spacy.tokens import DocBin
from spacy.util import registry

import pipeline.ner  # noqa: F401  (registers the architectures, the reader and the extension)
from pipeline.ner.guidelines import GUIDELINE
from training.convert import blank_nlp, record_to_doc
from training.corpus import GUIDELINES
from training.evaluate import guided_docs

NAMES = ["cluener", "msra", "resume"]
EMBED_SECTIONS = "[components]\n[components.tok2vec]\n[components.tok2vec.model]\n"  # parents of the embed's


def _embed(**over):
    settings = {
        "width": 8,
        "rows": [50, 5, 50, 50],
        "guidelines": NAMES,
        "default_guideline": "cluener",
        **over,
    }
    return registry.architectures.get("fazhi.CharBigramEmbed.v1")(**settings)


def _docs(guideline):
    return list(guided_docs(blank_nlp(), ["北京市政府", "美国"], guideline))


def test_the_guideline_reaches_the_embedding_and_unset_means_the_default():
    model = _embed()
    model.initialize(X=_docs(None))
    out = {g: model.predict(_docs(g)) for g in (None, *NAMES)}
    assert [o.shape for o in out[None]] == [(5, 8), (2, 8)]
    assert all(numpy.array_equal(a, b) for a, b in zip(out[None], out["cluener"]))
    assert not numpy.allclose(out["msra"][0], out["cluener"][0])
    assert not numpy.allclose(out["msra"][0], out["resume"][0])
    maxout = next(n for n in model.walk() if n.name.startswith("maxout"))
    assert maxout.get_dim("nI") == 8 * 4 + len(NAMES)


def test_unknown_guidelines_are_errors_that_name_the_known_ones():
    model = _embed()
    model.initialize(X=_docs(None))
    with pytest.raises(ValueError, match=r"unknown NER guideline 'people_daily'.*cluener"):
        model.predict(_docs("people_daily"))
    with pytest.raises(ValueError, match="default_guideline 'xinhua'"):
        _embed(default_guideline="xinhua")


def test_a_model_without_guidelines_has_no_guideline_input():
    model = _embed(guidelines=(), default_guideline=None)
    model.initialize(X=_docs(None))
    assert "char_guideline_features" not in [n.name for n in model.walk()]
    assert all(
        numpy.array_equal(a, b) for a, b in zip(model.predict(_docs(None)), model.predict(_docs("msra")))
    )


def test_docbins_keep_each_docs_guideline_and_the_reader_hands_it_to_the_doc_to_tag(tmp_path):
    nlp = blank_nlp()
    db = DocBin(store_user_data=True)
    db.add(record_to_doc(nlp, ("北京市政府", [(0, 5, "GOV")]), "cluener"))
    db.add(record_to_doc(nlp, ("北京市政府", [(0, 3, "LOC")]), "msra"))
    db.to_disk(tmp_path / "t.spacy")
    read = registry.readers.get("fazhi.GuidelineCorpus.v1")(tmp_path / "t.spacy")
    examples = list(read(nlp))
    assert [eg.reference._.get(GUIDELINE) for eg in examples] == ["cluener", "msra"]
    assert [eg.predicted._.get(GUIDELINE) for eg in examples] == ["cluener", "msra"]
    assert [[(e.text, e.label_) for e in eg.reference.ents] for eg in examples] == [
        [("北京市政府", "GOV")],
        [("北京市", "LOC")],
    ]
    assert not examples[0].predicted.ents  # the doc to tag has the text and the guideline, no answers


def test_every_source_has_a_guideline_and_test_sets_are_asked_for_their_own():
    from training.convert import SOURCES

    assert set(GUIDELINES) == set(SOURCES)
    assert {GUIDELINES[k] for k in ("cluener_dev", "msra_test", "resume_test")} == set(NAMES)
    assert [d._.get(GUIDELINE) for d in guided_docs(blank_nlp(), ["甲", "乙"], "msra")] == ["msra", "msra"]


def test_evaluate_ner_refuses_a_guideline_the_model_does_not_know(tmp_path):
    from typer.testing import CliRunner

    from training.cli import app

    model = tmp_path / "model"
    model.mkdir()
    config = (
        EMBED_SECTIONS + '[components.tok2vec.model.embed]\n@architectures = "fazhi.CharBigramEmbed.v1"\n'
        'guidelines = ["cluener", "msra"]\ndefault_guideline = "msra"\n'
    )
    (model / "config.cfg").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate-ner", "--model", str(model), "--guideline", "resume"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "unknown guideline 'resume': this model knows ['cluener', 'msra']" in result.output
    (model / "config.cfg").write_text("[components.tok2vec.model.embed]\n", encoding="utf-8")  # broken
    result = CliRunner().invoke(app, ["evaluate-ner", "--model", str(model)])
    assert result.exit_code == 1 and "cannot read" in result.output and "Traceback" not in result.output


def test_model_guidelines_reads_the_saved_config(tmp_path):
    from training.corpus import model_guidelines

    embed = EMBED_SECTIONS + '[components.tok2vec.model.embed]\n@architectures = "fazhi.CharBigramEmbed.v1"\n'
    (tmp_path / "config.cfg").write_text(embed + 'guidelines = ["cluener", "msra"]\n', encoding="utf-8")
    assert model_guidelines(tmp_path) == (["cluener", "msra"], "cluener")  # default: the first
    (tmp_path / "config.cfg").write_text(embed, encoding="utf-8")
    assert model_guidelines(tmp_path) == ([], None)


MODEL = __import__("pathlib").Path(__file__).resolve().parents[1] / "pipeline" / "models" / "ner"


@pytest.mark.skipif(not (MODEL / "meta.json").is_file(), reason="no shipped NER model")
def test_the_shipped_model_tags_by_the_guideline_it_is_asked_for():
    from pipeline.ner import load
    from training.corpus import model_guidelines

    nlp = load(MODEL)
    assert model_guidelines(MODEL) == (NAMES, "cluener")

    def ents(guideline):
        return [
            [(e.text, e.label_) for e in d.ents]
            for d in nlp.pipe(guided_docs(nlp, ["北京市政府召开常务会议，市长王小明出席。"], guideline))
        ]

    # CLUENER (the default, what the pipeline gets) tags the whole government; MSRA the place only.
    assert ("北京市政府", "GOV") in ents(None)[0] and ents(None) == ents("cluener")
    assert ("北京市", "LOC") in ents("msra")[0] and ("北京市政府", "GOV") not in ents("msra")[0]
    assert ("王小明", "PER") in ents("msra")[0] and ("王小明", "PER") in ents(None)[0]
