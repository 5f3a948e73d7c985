"""Ensemble distillation (pipeline/ner/distill.py): sentence sampling, the vote, the DocBin, the merge."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from spacy.tokens import DocBin

from pipeline.ner import distill
from pipeline.ner.convert import blank_nlp, write_docbin
from pipeline.ner.distill import build_distill_docbin, majority, news_sentences, voted_record
from pipeline.ner.guidelines import GUIDELINE
from pipeline.ner.train import merged_train

MODEL = Path(__file__).resolve().parents[1] / "pipeline" / "models" / "ner"

STORIES = [
    "央视网消息（新闻联播）：国务院总理李强主持召开国务院常务会议。会议听取了关于法治政府建设的汇报！短句。",
    "张掖市司法局局长王小明在北京市会见了华为公司代表？是的\n甘肃省人民政府办公厅印发了实施方案。",
]


def test_sentences_are_split_stripped_of_the_dateline_and_sampled_by_seed():
    pool = news_sentences(STORIES, 4, seed=0, min_len=6)
    assert sorted(pool) == sorted(["国务院总理李强主持召开国务院常务会议。", "会议听取了关于法治政府建设的汇报！",
                                   "张掖市司法局局长王小明在北京市会见了华为公司代表？", "甘肃省人民政府办公厅印发了实施方案。"])
    assert news_sentences(STORIES, 3, seed=1, min_len=6) == news_sentences(STORIES, 3, seed=1, min_len=6)
    assert len({tuple(news_sentences(STORIES, 2, seed=s, min_len=6)) for s in range(6)}) > 1  # the seed draws
    with pytest.raises(ValueError, match="only 4 sentences of 6-150 chars, 5 asked"):
        news_sentences(STORIES, 5, seed=0, min_len=6)


def test_majority_spans_become_entities_and_minority_chars_missing():
    text = "国务院总理李强在北京主持会议"
    teachers = [
        [(0, 3, "GOV"), (3, 5, "TITLE"), (5, 7, "PER")],
        [(0, 3, "GOV"), (3, 5, "TITLE"), (5, 7, "PER"), (8, 10, "LOC")],
        [(0, 3, "ORG"), (3, 5, "TITLE"), (5, 7, "PER")],
    ]
    _, spans = voted_record(text, teachers, majority(len(teachers)))
    assert spans == [(0, 3, "GOV"), (3, 5, "TITLE"), (5, 7, "PER"), (8, 10, "-")]
    # a minority span overlapping a kept entity leaves only its uncovered chars missing
    _, spans = voted_record(text, [[(0, 3, "GOV")], [(0, 3, "GOV")], [(0, 5, "GOV")]], 2)
    assert spans == [(0, 3, "GOV"), (3, 5, "-")]
    # unanimity: a span two of three teachers tag is no entity, all its chars are missing
    _, spans = voted_record(text, teachers, 3)
    assert spans == [(0, 3, "-"), (3, 5, "TITLE"), (5, 7, "PER"), (8, 10, "-")]
    assert majority(16) == 9 and majority(3) == 2 and majority(1) == 1


def test_distill_docbin_caches_each_teacher_and_stamps_its_inputs(tmp_path, monkeypatch):
    texts = ["国务院总理李强主持会议", "张掖市司法局局长王小明讲话"]
    tags = {"a": [[(0, 3, "GOV"), (5, 7, "PER")], [(0, 6, "GOV")]],
            "b": [[(0, 3, "GOV")], [(0, 6, "GOV"), (8, 11, "PER")]],
            "c": [[(0, 3, "GOV"), (5, 7, "PER")], [(0, 6, "ORG")]]}
    tagged = []

    def fake_teacher(model_dir, texts_, guideline, cache_dir):
        tagged.append((Path(model_dir).name, guideline))
        return tags[Path(model_dir).name]

    monkeypatch.setattr(distill, "teacher_spans", fake_teacher)
    monkeypatch.setattr(distill, "model_hash", lambda path: f"hash-{Path(path).name}")
    teachers = [tmp_path / name for name in "abc"]
    out = tmp_path / "distill.spacy"
    stamp = build_distill_docbin(teachers, texts, out, "cluener", tmp_path / "cache")
    assert tagged == [("a", "cluener"), ("b", "cluener"), ("c", "cluener")]
    assert stamp["min_votes"] == 2 and stamp["sentences"] == 2 and stamp["missing_chars"] == 3
    assert stamp["teachers"] == {str(t): f"hash-{t.name}" for t in teachers}
    assert stamp["counts"] == {"GOV": 2, "PER": 1, "docs": 2}
    docs = list(DocBin().from_disk(out).get_docs(blank_nlp().vocab))
    assert [(e.text, e.label_) for e in docs[0].ents] == [("国务院", "GOV"), ("李强", "PER")]
    assert [(e.text, e.label_) for e in docs[1].ents] == [("张掖市司法局", "GOV")]
    assert [t.ent_iob_ for t in docs[1]][8:11] == ["", "", ""]  # 王小明: one teacher only, missing
    assert docs[0][3].ent_iob_ == "O" and docs[1]._.get(GUIDELINE) == "cluener"
    for bad in (0, 4):
        with pytest.raises(ValueError, match="min_votes must be between 1 and 3"):
            build_distill_docbin(teachers, texts, out, "cluener", tmp_path / "cache", min_votes=bad)
    with pytest.raises(ValueError, match="at least one teacher"):
        build_distill_docbin([], texts, out, "cluener", tmp_path / "cache")


@pytest.mark.skipif(not (MODEL / "meta.json").is_file(), reason="no shipped NER model")
def test_teacher_tags_are_cached_per_model_texts_and_guideline(tmp_path, monkeypatch):
    texts = ["张掖市司法局局长王小明在北京市会见了华为公司代表。"]
    first = distill.teacher_spans(MODEL, texts, "cluener", tmp_path)
    assert first and all(label in {"PER", "TITLE", "GOV", "ORG", "LOC"} for _, _, label in first[0])
    assert len(list(tmp_path.glob("teacher-*.json"))) == 1
    monkeypatch.setattr("pipeline.ner.load", lambda path: pytest.fail("a cached teacher is loaded again"))
    assert distill.teacher_spans(MODEL, texts, "cluener", tmp_path) == first
    with pytest.raises(pytest.fail.Exception):  # another guideline is another cache entry
        distill.teacher_spans(MODEL, texts, "msra", tmp_path)


def test_merged_train_keeps_both_docbins_and_their_guidelines(tmp_path):
    nlp = blank_nlp()
    write_docbin(nlp, [(("张三在北京", [(0, 2, "PER"), (3, 5, "LOC")]), "msra")], tmp_path / "train.spacy")
    extra = tmp_path / "news.spacy"
    write_docbin(nlp, [(("国务院开会", [(0, 3, "GOV")]), "cluener")], extra)
    path = merged_train(tmp_path, extra)
    assert path == tmp_path / "train+news.spacy"
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    assert [(d.text, d._.get(GUIDELINE), [e.label_ for e in d.ents]) for d in docs] == [
        ("张三在北京", "msra", ["PER", "LOC"]), ("国务院开会", "cluener", ["GOV"])]


def test_cli_distill_names_a_missing_teacher_or_news_corpus_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from pipeline.ner.cli import app

    news = tmp_path / "xinwenlianbo_news"
    news.mkdir()
    (news / "xwlb_2022_2026.jsonl.gz").write_bytes(b"")  # the labelled corpora are not needed
    result = CliRunner().invoke(app, ["distill-ner", "--teacher", str(tmp_path / "nope"), "--out",
                                      str(tmp_path / "d.spacy"), "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert f"no spaCy model at {tmp_path / 'nope'}" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "d.json").exists()
    result = CliRunner().invoke(app, ["distill-ner", "-t", str(MODEL), "--out", str(tmp_path / "d.spacy"),
                                      "--data-dir", str(tmp_path / "elsewhere")])
    assert result.exit_code == 1 and "missing xinwenlianbo_news/xwlb_2022_2026.jsonl.gz" in result.output


def test_vote_scores_count_spans_enough_models_agree_on(monkeypatch, tmp_path):
    from pipeline.ner import evaluate

    gold = {"cluener_dev": [("国务院总理李强", [(0, 3, "GOV"), (3, 5, "TITLE"), (5, 7, "PER")])],
            "msra_test": [("外交部发言人说", [(0, 3, "ORG")])],
            "resume_test": [("张三任经理", [(0, 2, "PER"), (3, 5, "TITLE")])]}
    tags = {"cluener_dev": [[(0, 3, "GOV"), (5, 7, "PER")], [(0, 3, "GOV"), (3, 5, "TITLE")], [(0, 3, "ORG")]],
            "msra_test": [[(0, 3, "GOV")], [(0, 3, "ORG")], []],
            "resume_test": [[(0, 2, "PER")], [(0, 2, "PER")], [(3, 5, "TITLE")]]}
    monkeypatch.setattr(evaluate, "read_source", lambda name, data_dir: [
        (text, [(s, e, {"GOV": "government", "TITLE": "position", "PER": "name"}.get(lab, lab)
                 if name == "cluener_dev" else {"PER": "NAME"}.get(lab, lab)) for s, e, lab in spans])
        for text, spans in gold[name]])
    models = [tmp_path / m for m in "abc"]
    monkeypatch.setattr(distill, "teacher_spans", lambda model, texts, guideline, cache_dir: [
        tags[{"cluener": "cluener_dev", "msra": "msra_test", "resume": "resume_test"}[guideline]]["abc".index(model.name)]])
    scores = evaluate.evaluate_vote(models, tmp_path, quiet=True)
    assert scores["vote"]["min_votes"] == 2
    assert (scores["cluener_dev"]["GOV"]["tp"], scores["cluener_dev"]["micro"]["fn"]) == (1, 2)  # 李强, 总理: one vote
    # the vote is on the models' own labels, folded after: GOV once and ORG once is no majority
    assert (scores["msra_test"]["ORG"]["tp"], scores["msra_test"]["ORG"]["fn"]) == (0, 1)
    assert scores["resume_test"]["PER"]["tp"] == 1 and scores["resume_test"]["TITLE"]["fn"] == 1
    assert evaluate.evaluate_vote(models, tmp_path, min_votes=1, quiet=True)["cluener_dev"]["micro"]["tp"] == 3
    with pytest.raises(ValueError, match="min_votes must be between 1 and 3"):
        evaluate.evaluate_vote(models, tmp_path, min_votes=4, quiet=True)


@pytest.mark.skipif(not (MODEL / "meta.json").is_file(), reason="no shipped NER model")
def test_cli_distill_refuses_a_guideline_a_teacher_does_not_know(tmp_path):
    from typer.testing import CliRunner

    from pipeline.ner.cli import app

    news = tmp_path / "xinwenlianbo_news"
    news.mkdir()
    (news / "xwlb_2022_2026.jsonl.gz").write_bytes(b"")
    result = CliRunner().invoke(app, ["distill-ner", "-t", str(MODEL), "--guideline", "weibo", "--out",
                                      str(tmp_path / "d.spacy"), "--data-dir", str(tmp_path)])
    assert result.exit_code == 1 and "was not trained with the guideline 'weibo'" in result.output
    assert "cluener" in result.output and not (tmp_path / "d.spacy").exists()



def test_continuations_train_on_the_extra_docs_and_meta_says_which(tmp_path, monkeypatch):
    from pipeline.ner import train as train_mod

    seen = []
    monkeypatch.setattr(train_mod, "run_spacy_train", lambda out, *args, **kwargs: seen.append(kwargs["train_path"]))
    soup = {"continuations": 2, "max_steps": 30, "warmup_steps": 5, "initial_rate": 0.1}
    merged = tmp_path / "train+news.spacy"
    train_mod.train_continuations(tmp_path, tmp_path, 0, soup, reuse=False, train_path=merged)
    assert seen == [merged, merged]
    extra = tmp_path / "news.spacy"
    extra.write_bytes(b"docs")
    assert "built_from" not in train_mod.extra_train_stamp(extra)
    extra.with_suffix(".json").write_text('{"min_votes": 9}', encoding="utf-8")
    stamp = train_mod.extra_train_stamp(extra)
    assert stamp["built_from"] == {"min_votes": 9}
    assert stamp["sha256"] == hashlib.sha256(b"docs").hexdigest()
