"""Character vectors (PPMI + randomized SVD) and their use in the NER embedding, on invented text."""

from __future__ import annotations

import gzip
import json

import numpy
import pytest

from pipeline.ner import features
from training import vectors
from training.convert import SOURCES, blank_nlp

SMALL = {"min_count": 1, "max_vocab": 50, "window": 2, "alpha": 0.75, "dim": 4, "seed": 0}
SMALL_BIGRAMS = {"max_bigrams": 40, "window": 2, "alpha": 0.75, "dim": 3, "seed": 0}
# Two families of characters that share contexts: surnames before 书记/市长, places before 省/市.
TEXTS = [
    "张书记到湖南省",
    "李市长到湖北省",
    "王书记去河南省",
    "赵市长去河北省",
    "张市长到江西省",
    "李书记去山西省",
] * 5


def test_build_vocab_frequency_order_skips_spaces_and_rare():
    assert vectors.build_vocab(["ab a", "ca"], min_count=1, max_vocab=10) == ["a", "b", "c"]
    assert vectors.build_vocab(["ab a", "ca"], min_count=2, max_vocab=10) == ["a"]
    assert vectors.build_vocab(["ba", "ab"], min_count=1, max_vocab=1) == ["a"]  # tie -> code point


def test_cooccurrence_weights_distance_and_never_crosses_texts():
    counts = vectors.cooccurrence(["abc", "ca"], ["a", "b", "c"], window=2)
    assert numpy.allclose(counts, counts.T)
    a, b, c = 0, 1, 2
    assert counts[a, b] == 1 and counts[b, c] == 1
    assert counts[a, c] == 0.5 + 1  # distance 2 in "abc", distance 1 in "ca"
    # "c" ending text 1 and "c" starting text 2 are not a pair
    assert counts[c, c] == 0


def test_ppmi_is_nonnegative_and_rejects_empty():
    counts = vectors.cooccurrence(TEXTS, vectors.build_vocab(TEXTS, 1, 50), 2)
    matrix = vectors.ppmi(counts, 0.75)
    assert matrix.min() >= 0 and numpy.isfinite(matrix).all() and matrix.max() > 0
    with pytest.raises(ValueError, match="no co-occurrences"):
        vectors.ppmi(numpy.zeros((3, 3)), 0.75)


def test_randomized_svd_matches_exact_singular_values():
    rng = numpy.random.default_rng(1)
    matrix = rng.standard_normal((40, 5)) @ rng.standard_normal((5, 30))  # rank 5
    _, values = vectors.randomized_svd(matrix, 3, seed=0)
    assert numpy.allclose(values, numpy.linalg.svd(matrix, compute_uv=False)[:3])


def test_char_vectors_deterministic_unit_rows_and_similar_families():
    vocab, vecs = vectors.char_vectors(TEXTS, **SMALL)
    again, vecs2 = vectors.char_vectors(TEXTS, **SMALL)
    assert vocab == again and numpy.array_equal(vecs, vecs2)
    assert vecs.dtype == numpy.float32 and vecs.shape == (len(vocab), 4)
    assert numpy.allclose(numpy.linalg.norm(vecs, axis=1), 1, atol=1e-5)
    row = {ch: vecs[i] for i, ch in enumerate(vocab)}
    assert row["张"] @ row["李"] > row["张"] @ row["省"]
    assert row["南"] @ row["北"] > row["南"] @ row["书"]
    with pytest.raises(ValueError, match="need more than dim"):
        vectors.char_vectors(["ab"], **SMALL)


def test_side_contexts_count_each_side_apart_by_distance_within_texts():
    chars = ["a", "b", "c"]
    ids = vectors._id_stream(["abc", "cab"], chars, window=2)
    top, counts = vectors.side_contexts(ids, len(chars), max_bigrams=10, window=2)
    codes = {chars[c // 3] + chars[c % 3]: i for i, c in enumerate(top)}
    assert list(codes)[:1] == ["ab"]  # twice; the other bigrams once, ties by code
    assert set(codes) == {"ab", "bc", "ca"}  # "c" ending "abc" and starting "cab" make no bigram
    before, after = 0, 3
    ab = counts[codes["ab"]]
    assert ab[before + 2] == 1 and ab[after + 2] == 1  # "cab": c before it; "abc": c after it
    assert ab.sum() == 2  # nothing else: no context comes from the other text
    ca = counts[codes["ca"]]
    assert ca[after + 1] == 1 and ca.sum() == 1  # "cab": b after, at distance 1
    assert counts[codes["bc"]][before + 0] == 1
    top, counts = vectors.side_contexts(ids, len(chars), max_bigrams=1, window=2)
    assert counts.shape == (1, 6)


def test_ppmi_rows_agrees_with_ppmi_and_rejects_empty():
    counts = vectors.cooccurrence(TEXTS, vectors.build_vocab(TEXTS, 1, 50), 2)
    expected = vectors.ppmi(counts, 0.75)
    assert numpy.allclose(vectors.ppmi_rows(counts.astype(numpy.float32), 0.75, chunk=3), expected, atol=1e-5)
    with pytest.raises(ValueError, match="no co-occurrences"):
        vectors.ppmi_rows(numpy.zeros((3, 3), dtype=numpy.float32), 0.75)


def test_bigram_vectors_deterministic_and_alike_where_contexts_are():
    chars = vectors.build_vocab(TEXTS, 1, 50)
    bigrams, vecs = vectors.bigram_vectors(TEXTS, chars, **SMALL_BIGRAMS)
    again, again_vecs = vectors.bigram_vectors(TEXTS, chars, **SMALL_BIGRAMS)
    assert (bigrams, vecs.tolist()) == (again, again_vecs.tolist())
    assert vecs.shape == (len(bigrams), 3) and numpy.allclose(numpy.linalg.norm(vecs, axis=1), 1, atol=1e-5)
    row = dict(zip(bigrams, vecs))
    assert row["书记"] @ row["市长"] > row["书记"] @ row["南省"]  # both follow a surname, precede 到/去
    with pytest.raises(ValueError, match="need more than dim"):
        vectors.bigram_vectors(["abc"], ["a", "b", "c"], **SMALL_BIGRAMS)


def _data_dir(tmp_path):
    data = tmp_path / "data"
    news = data / vectors.NEWS_PATH
    news.parent.mkdir(parents=True)
    with gzip.open(news, "wt", encoding="utf-8") as handle:
        for text in TEXTS:
            handle.write(
                json.dumps({"date": "20240101", "title": "t", "text": text}, ensure_ascii=False) + "\n"
            )
    train = {
        "cluener_train": json.dumps({"text": "孙市长到广东省", "label": {}}, ensure_ascii=False) + "\n",
        "resume_train": "周 B-NAME\n书 O\n\n",
    }
    for name, body in train.items():
        (data / SOURCES[name]).parent.mkdir(parents=True, exist_ok=True)
        (data / SOURCES[name]).write_text(body, encoding="utf-8")
    (data / SOURCES["msra_train"]).parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(data / SOURCES["msra_train"], "wt", encoding="utf-8") as handle:
        handle.write("钱\tB-PER\n省\tO\n\n")
    return data


def test_build_vectors_writes_spacy_vocab_and_reuses_cache(tmp_path):
    import spacy

    data = _data_dir(tmp_path)
    out = vectors.build_vectors(data, tmp_path / "cache", SMALL, SMALL_BIGRAMS)
    nlp = spacy.load(out)
    assert nlp.vocab.vectors.shape[1] == 4
    for ch in "张孙周钱省":  # news and all three training files are read
        assert nlp.vocab.has_vector(ch)
    stamp = json.loads((out / "fazhi_vectors.json").read_text(encoding="utf-8"))
    assert set(stamp["sources"]) == {
        str(vectors.NEWS_PATH),
        SOURCES["cluener_train"],
        SOURCES["msra_train"],
        SOURCES["resume_train"],
    }
    mtime = (out / "vocab" / "vectors").stat().st_mtime_ns
    vectors.build_vectors(data, tmp_path / "cache", SMALL, SMALL_BIGRAMS)
    assert (out / "vocab" / "vectors").stat().st_mtime_ns == mtime  # unchanged inputs: reused
    vectors.build_vectors(data, tmp_path / "cache", {**SMALL, "dim": 3}, SMALL_BIGRAMS)
    assert spacy.load(out).vocab.vectors.shape[1] == 3  # changed settings: rebuilt
    bigrams, table = features.read_bigram_vectors(out / vectors.BIGRAMS_FILE, rows=5, dim=2)
    assert len(bigrams) == 5 and table.shape == (5, 2) and all(len(b) == 2 for b in bigrams)
    assert numpy.allclose(numpy.linalg.norm(table, axis=1), 1, atol=1e-5)  # unit again after the cut
    with pytest.raises(ValueError, match="3-d bigram vectors, 4 asked for"):
        features.read_bigram_vectors(out / vectors.BIGRAMS_FILE, rows=5, dim=4)


def test_build_vectors_missing_or_bad_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="vector corpus not found"):
        vectors.build_vectors(tmp_path, tmp_path / "cache", SMALL, SMALL_BIGRAMS)
    data = _data_dir(tmp_path)
    with gzip.open(data / vectors.NEWS_PATH, "wt", encoding="utf-8") as handle:
        handle.write('{"text": "ok"}\nnot json\n')
    with pytest.raises(ValueError, match=r":2: not a JSON object"):
        vectors.build_vectors(data, tmp_path / "cache", SMALL, SMALL_BIGRAMS)


def test_char_bigram_embed_with_static_vectors(tmp_path):
    import spacy
    from spacy.util import registry

    import pipeline.ner  # noqa: F401

    out = vectors.build_vectors(_data_dir(tmp_path), tmp_path / "cache", SMALL, SMALL_BIGRAMS)
    nlp = blank_nlp()
    nlp.vocab.vectors = spacy.load(out).vocab.vectors
    model = registry.architectures.get("fazhi.CharBigramEmbed.v1")(
        width=8, rows=[50, 5, 50, 50], static_vectors=True
    )
    docs = [nlp(t) for t in ("张市长", "未知字")]  # the second has no vectors: zeros, still embedded
    model.initialize(X=docs)
    assert [o.shape for o in model.predict(docs)] == [(3, 8), (3, 8)]
    names = [layer.name for layer in model.walk()]
    assert "static_vectors" in names


def test_char_bigram_embed_with_bigram_vectors_saved_inside_the_model(tmp_path):
    from spacy.util import registry

    import pipeline.ner  # noqa: F401

    out = vectors.build_vectors(_data_dir(tmp_path), tmp_path / "cache", SMALL, SMALL_BIGRAMS)
    path = out / vectors.BIGRAMS_FILE
    make = registry.architectures.get("fazhi.CharBigramEmbed.v1")
    model = make(
        width=8, rows=[50, 5, 50, 50], bigram_vectors=str(path), bigram_vector_rows=20, bigram_vector_dim=3
    )
    nlp = blank_nlp()
    docs = [nlp(t) for t in ("张书记到", "未知字", "")]
    model.initialize(X=docs)
    layer = next(n for n in model.walk() if n.name == "char_bigram_vectors")
    feats, _ = layer(docs, is_train=False)
    assert feats.data.shape == (7, 6) and list(feats.lengths) == [4, 3, 0]
    bigrams, table = features.read_bigram_vectors(path, 20, 3)
    left, right = feats.data[1, :3], feats.data[1, 3:]  # 书: left 张书, right 书记
    assert numpy.allclose(left, table[bigrams.index("张书")], atol=0.01)  # int8 in the model
    assert numpy.allclose(right, table[bigrams.index("书记")], atol=0.01)
    assert not feats.data[0, :3].any() and not feats.data[4:7].any()  # sentence edge, unknown chars: zeros
    path.unlink()  # a saved model carries its vectors: the file is not read again
    again = make(
        width=8, rows=[50, 5, 50, 50], bigram_vectors=str(path), bigram_vector_rows=20, bigram_vector_dim=3
    ).from_bytes(model.to_bytes())
    assert all(numpy.array_equal(a, b) for a, b in zip(again.predict(docs), model.predict(docs)))


def test_train_ner_with_a_bad_news_line_fails_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from training.cli import app

    data = _data_dir(tmp_path)
    clu = json.dumps({"text": "李雷是市长", "label": {"name": {"李雷": [[0, 1]]}}}, ensure_ascii=False) + "\n"
    for name in ("cluener_dev", "msra_test", "resume_dev", "resume_test"):
        body = (
            clu
            if name.startswith("cluener")
            else ("李\tB-PER\n\n" if name.startswith("msra") else "李 B-NAME\n\n")
        )
        (data / SOURCES[name]).write_text(body, encoding="utf-8")
    with gzip.open(data / vectors.NEWS_PATH, "at", encoding="utf-8") as handle:
        handle.write("{broken\n")
    result = CliRunner().invoke(
        app,
        [
            "train-ner",
            "--data-dir",
            str(data),
            "--cache-dir",
            str(tmp_path / "c"),
            "--output",
            str(tmp_path / "o"),
            "--ship-to",
            str(tmp_path / "m"),
        ],
    )
    assert result.exit_code == 1
    assert "train-ner failed" in result.output and "not a JSON object" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "m").exists()
