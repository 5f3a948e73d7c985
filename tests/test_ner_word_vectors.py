"""Lexicon word vectors (vectors.word_vectors) and the SoftLexicon features built on them, on invented text."""

from __future__ import annotations

import json

import numpy
import pytest

from pipeline.ner import vectors
from pipeline.ner.convert import blank_nlp
from pipeline.ner.features import soft_lexicon
from pipeline.ner.lexicon import match_words, scan_index

from test_ner_vectors import TEXTS, _data_dir

SMALL_WORDS = {"max_words": 30, "window": 2, "alpha": 0.75, "dim": 3, "seed": 0}
WORDS = ["书记", "市长", "湖南", "湖北", "河南", "河北", "江西", "山西", "湖南省", "未见词"]


def test_match_words_finds_overlaps_in_order():
    words = {"北京": "a", "北京市": "b", "市司法局": "c", "司法局": "d"}
    found = list(match_words("北京市司法局", words, *scan_index(words)))
    assert found == [(0, 1, "a"), (0, 2, "b"), (2, 5, "c"), (3, 5, "d")]
    assert list(match_words("", words, *scan_index(words))) == []


def test_word_occurrences_offsets_follow_the_id_stream_with_gaps():
    texts = ["张书记到", "书记"]
    found, occurrence, starts, ends = vectors.word_occurrences(texts, ["书记", "记到"], window=2)
    stream = "".join(t + "\n\n" for t in texts)
    assert [stream[s:e] for s, e in zip(starts, ends)] == ["书记", "记到", "书记"]
    assert [found[i] for i in occurrence] == ["书记", "记到", "书记"]


def test_unit_contexts_count_each_side_by_distance_and_stop_at_text_edges():
    chars = ["张", "书", "记", "到"]
    ids = vectors._id_stream(["张书记到", "书记"], chars, 2)
    # one unit, 书记, at offsets 1..3 and 6..8
    counts = vectors.unit_contexts(ids, numpy.array([0, 0]), numpy.array([1, 6]), numpy.array([3, 8]), 1, 4, 2)
    before, after = counts[0, :4], counts[0, 4:]
    assert before.tolist() == [1.0, 0, 0, 0]  # 张 at distance 1 once; the second text starts with it
    assert after.tolist() == [0, 0, 0, 1.0]  # 到 at distance 1; nothing after the second one


def test_word_vectors_deterministic_frequency_ordered_and_alike_where_contexts_are():
    chars = vectors.build_vocab(TEXTS, 1, 50)
    words, table, counts = vectors.word_vectors(TEXTS, chars, WORDS, **SMALL_WORDS)
    again = vectors.word_vectors(TEXTS, chars, WORDS, **SMALL_WORDS)
    assert words == again[0] and numpy.array_equal(table, again[1])
    assert "未见词" not in words  # never matched: no vector
    assert list(counts) == sorted(counts, reverse=True) and counts[words.index("书记")] == 15
    assert numpy.allclose(numpy.linalg.norm(table, axis=1), 1, atol=1e-5)
    row = {w: table[i] for i, w in enumerate(words)}
    assert row["湖北"] @ row["河北"] > row["湖北"] @ row["书记"]
    with pytest.raises(ValueError, match="need more than dim"):
        vectors.word_vectors(TEXTS, chars, ["书记"], **SMALL_WORDS)


def test_soft_lexicon_weights_words_by_count_per_begin_inside_end():
    rows = {"北京": 0, "北京市": 1, "司法局": 2}
    vecs, counts = numpy.eye(3, dtype="float32"), numpy.array([1, 3, 2], dtype="float32")
    out = soft_lexicon(list("北京市司法局了"), rows, *scan_index(rows), vecs, counts).reshape(7, 3, 3)
    assert out[0, 0].tolist() == [0.25, 0.75, 0]  # 北 begins 北京 (count 1) and 北京市 (3)
    assert out[1, 1].tolist() == [0, 1, 0] and out[1, 2].tolist() == [1, 0, 0]  # inside 北京市, ends 北京
    assert out[4, 1].tolist() == [0, 0, 1] and out[5, 2].tolist() == [0, 0, 1]
    assert not out[6].any()  # 了: in no word
    assert soft_lexicon([], rows, *scan_index(rows), vecs, counts).shape == (0, 9)


def test_build_word_vectors_reuses_cache_and_rebuilds_on_change(tmp_path):
    data = _data_dir(tmp_path)
    lexicon = tmp_path / "lexicon.tsv"
    lexicon.write_text("".join(f"{w}\tW\n" for w in WORDS), encoding="utf-8")
    out = vectors.build_word_vectors(data, tmp_path / "cache", lexicon, SMALL_WORDS)
    stamp = json.loads((tmp_path / "cache" / vectors.WORDS_STAMP).read_text(encoding="utf-8"))
    assert stamp["n_word_vectors"] == 9 and stamp["settings"] == SMALL_WORDS
    mtime = out.stat().st_mtime_ns
    vectors.build_word_vectors(data, tmp_path / "cache", lexicon, SMALL_WORDS)
    assert out.stat().st_mtime_ns == mtime  # unchanged inputs: reused
    lexicon.write_text("".join(f"{w}\tW\n" for w in WORDS[:8]), encoding="utf-8")
    vectors.build_word_vectors(data, tmp_path / "cache", lexicon, SMALL_WORDS)
    words, table, counts = vectors.read_word_vectors(out, rows=100, dim=2)
    assert len(words) == 8 and table.shape == (8, 2) and len(counts) == 8  # changed lexicon: rebuilt
    with pytest.raises(ValueError, match="3-d word vectors, 4 asked for"):
        vectors.read_word_vectors(out, rows=5, dim=4)
    with pytest.raises(FileNotFoundError, match="word vector corpus not found"):
        vectors.build_word_vectors(tmp_path / "nowhere", tmp_path / "cache", lexicon, SMALL_WORDS)


def test_char_bigram_embed_with_word_vectors_saved_inside_the_model(tmp_path):
    from spacy.util import registry

    import pipeline.ner  # noqa: F401

    lexicon = tmp_path / "lexicon.tsv"
    lexicon.write_text("".join(f"{w}\tW\n" for w in WORDS), encoding="utf-8")
    path = vectors.build_word_vectors(_data_dir(tmp_path), tmp_path / "cache", lexicon, SMALL_WORDS)
    make = registry.architectures.get("fazhi.CharBigramEmbed.v1")
    settings = {"width": 8, "rows": [50, 5, 50, 50], "word_vectors": str(path), "word_vector_rows": 20,
                "word_vector_dim": 3}
    model = make(**settings)
    docs = [blank_nlp()(t) for t in ("张书记到湖南省", "", "未知")]
    model.initialize(X=docs)
    layer = next(n for n in model.walk() if n.name == "char_word_vectors")
    feats, _ = layer(docs, is_train=False)
    assert feats.data.shape == (9, 9) and list(feats.lengths) == [7, 0, 2]
    words, table, _ = vectors.read_word_vectors(path, 20, 3)
    assert numpy.allclose(feats.data[1, :3], table[words.index("书记")], atol=0.01)  # 书 begins 书记 (int8)
    assert not feats.data[0].any() and not feats.data[7:].any()  # in no word: zeros
    path.unlink()  # a saved model carries its words and vectors: the file is not read again
    again = make(**settings).from_bytes(model.to_bytes())
    assert all(numpy.array_equal(a, b) for a, b in zip(again.predict(docs), model.predict(docs)))
