"""The word lexicon (jieba-format dictionary -> lexicon.tsv) and its flags in the NER embedding."""

from __future__ import annotations

import json

import numpy
import pytest

from pipeline.ner import lexicon
from pipeline.ner.convert import blank_nlp

# Invented entries in jieba's "word frequency tag" format.
DICT = "\n".join([
    "张三丰 3 nr", "北京 120 ns", "北京市 40 ns", "司法局 8 nt", "海淀区 9 ns", "依法 30 d",
    "行政 50 n", "稀有词语 2 n", "市 900 n", "很长很长很长很长很长的词 9 n",
]) + "\n"


def _dict(tmp_path, text=DICT):
    path = tmp_path / "dict.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_jieba_classes_length_and_frequency_filter(tmp_path):
    words = lexicon.read_jieba_dict(_dict(tmp_path), **lexicon.SETTINGS)
    assert words == {"张三丰": "PER", "北京": "LOC", "北京市": "LOC", "司法局": "ORG", "海淀区": "LOC",
                     "依法": "W", "行政": "W"}  # 稀有词语: other word seen < 5 times; 市: 1 char; 12 chars


def test_build_lexicon_writes_sorted_tsv_and_reuses_it(tmp_path):
    cache = tmp_path / "cache"
    out = lexicon.build_lexicon(cache, _dict(tmp_path))
    assert out.read_text(encoding="utf-8").splitlines()[:2] == ["依法\tW", "北京\tLOC"]
    stamp = json.loads((cache / lexicon.LEXICON_STAMP).read_text(encoding="utf-8"))
    assert stamp["n_words"] == 7 and stamp["per_class"]["LOC"] == 3 and stamp["settings"] == lexicon.SETTINGS
    assert lexicon.read_lexicon(out)["北京市"] == lexicon.CLASSES.index("LOC")
    mtime = out.stat().st_mtime_ns
    assert lexicon.build_lexicon(cache, _dict(tmp_path)) == out and out.stat().st_mtime_ns == mtime
    lexicon.build_lexicon(cache, _dict(tmp_path), {"min_freq_other": 1})  # settings changed: rebuilt
    assert "稀有词语\tW" in out.read_text(encoding="utf-8")


def test_bad_dictionary_or_lexicon_lines_name_file_and_line(tmp_path):
    with pytest.raises(ValueError, match=r"dict.txt:2: expected 'word frequency tag'"):
        lexicon.build_lexicon(tmp_path / "c", _dict(tmp_path, "北京 3 ns\n北京 ns\n"))
    with pytest.raises(FileNotFoundError, match="lexicon source not found"):
        lexicon.build_lexicon(tmp_path / "c", tmp_path / "missing.txt")
    bad = tmp_path / "lexicon.tsv"
    bad.write_text("北京\tLOC\n上海\tCITY\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"lexicon.tsv:2: expected"):
        lexicon.read_lexicon(bad)


def test_lexicon_flags_begin_inside_end_per_class_overlaps_included():
    from pipeline.ner.features import N_LEXICON_FLAGS, lexicon_flags

    loc, org, w = (lexicon.CLASSES.index(c) for c in ("LOC", "ORG", "W"))
    words = {"北京": loc, "北京市": loc, "司法局": org, "市司": w}
    prefixes = frozenset(x[:k] for x in words for k in range(2, len(x) + 1))
    flags = lexicon_flags(list("北京市司法局了"), words, prefixes, 3)
    assert flags.shape == (7, N_LEXICON_FLAGS)

    def on(i):
        return {(lexicon.CLASSES[j // 3], "BIE"[j % 3]) for j in numpy.flatnonzero(flags[i])}

    assert on(0) == {("LOC", "B")}                       # 北京 and 北京市 both begin here
    assert on(1) == {("LOC", "E"), ("LOC", "I")}        # 北京 ends, 北京市 continues
    assert on(2) == {("LOC", "E"), ("W", "B")}          # 北京市 ends, 市司 begins
    assert on(3) == {("W", "E"), ("ORG", "B")}
    assert on(4) == {("ORG", "I")} and on(5) == {("ORG", "E")} and on(6) == set()
    assert lexicon_flags([], words, prefixes, 3).shape == (0, N_LEXICON_FLAGS)


def test_embed_with_lexicon_keeps_its_words_inside_the_saved_model(tmp_path):
    from spacy.util import registry

    import pipeline.ner  # noqa: F401

    path = lexicon.build_lexicon(tmp_path / "cache", _dict(tmp_path))
    make = registry.architectures.get("fazhi.CharBigramEmbed.v1")
    model = make(width=8, rows=[50, 5, 50, 50], lexicon=str(path))
    docs = [blank_nlp()(t) for t in ("北京市司法局", "无")]
    model.initialize(X=docs)
    before = [o.copy() for o in model.predict(docs)]
    assert [o.shape for o in before] == [(6, 8), (1, 8)]
    saved = model.to_bytes()
    path.unlink()  # a loaded model never reads the lexicon file
    loaded = make(width=8, rows=[50, 5, 50, 50], lexicon=str(path)).from_bytes(saved)
    layer = next(node for node in loaded.walk() if node.name == "char_lexicon_features")
    assert layer.attrs["words"]["司法局"] == lexicon.CLASSES.index("ORG")
    assert all(numpy.allclose(a, b) for a, b in zip(before, loaded.predict(docs)))
    # The flags reach the output: the same model without the words embeds 北京市司法局 differently.
    layer.attrs["words"] = {}
    assert not numpy.allclose(before[0], loaded.predict(docs)[0])


def test_embed_lexicon_without_a_file_fails_at_initialise():
    from spacy.util import registry

    import pipeline.ner  # noqa: F401

    model = registry.architectures.get("fazhi.CharBigramEmbed.v1")(width=8, rows=[50, 5, 50, 50], lexicon=None)
    assert "char_lexicon_features" not in [n.name for n in model.walk()]
    model = registry.architectures.get("fazhi.CharBigramEmbed.v1")(width=8, rows=[50, 5, 50, 50],
                                                                    lexicon="/nonexistent/lexicon.tsv")
    with pytest.raises(FileNotFoundError):
        model.initialize(X=[blank_nlp()("北京")])
