"""The word lexicon (jieba-format dictionary -> lexicon.tsv) and its flags in the NER embedding."""

from __future__ import annotations

import json

import numpy
import pytest

from pipeline.ner import lexicon as runtime_lexicon
from training import lexicon
from training.convert import blank_nlp

# Invented entries in jieba's "word frequency tag" format.
DICT = (
    "\n".join(
        [
            "张三丰 3 nr",
            "北京 120 ns",
            "北京市 40 ns",
            "司法局 8 nt",
            "海淀区 9 ns",
            "依法 30 d",
            "行政 50 n",
            "长城汽车 6 nz",
            "稀有词语 2 n",
            "市 900 n",
            "很长很长很长很长很长的词 9 n",
        ]
    )
    + "\n"
)


def _dict(tmp_path, text=DICT):
    path = tmp_path / "dict.txt"
    path.write_text(text, encoding="utf-8")
    return path


RULES = {
    "gov_org_split": {
        "gov_suffixes": ["局", "政府"],
        "gov_prefixes": ["中共"],
        "org_suffix_exceptions": ["书局"],
    }
}


def test_jieba_classes_length_and_frequency_filter(tmp_path):
    words = lexicon.read_jieba_dict(_dict(tmp_path), **lexicon.SETTINGS)
    assert words == {
        "张三丰": ("PER",),
        "北京": ("LOC",),
        "北京市": ("LOC",),
        "司法局": ("ORG",),
        "海淀区": ("LOC",),
        "依法": ("W",),
        "行政": ("W",),
        "长城汽车": ("NZ",),
    }
    # 稀有词语: other word seen < 5 times; 市: 1 char; the last one: 12 chars


def test_label_rules_make_government_organisations_gov_as_well(tmp_path):
    text = DICT + "中华书局 9 nt\n中共中央 9 nt\n公安局 9 n\n"
    words = lexicon.read_jieba_dict(_dict(tmp_path, text), **lexicon.SETTINGS, rules=RULES)
    assert words["司法局"] == ("ORG", "GOV") and words["中共中央"] == ("ORG", "GOV")
    assert words["中华书局"] == ("ORG",)  # an exception to the 局 suffix
    assert words["公安局"] == ("W",)  # only organisations (nt) are split, as in the training labels


def test_build_lexicon_writes_sorted_tsv_and_reuses_it(tmp_path):
    cache = tmp_path / "cache"
    out = lexicon.build_lexicon(cache, _dict(tmp_path), rules=RULES)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["依法\tW", "北京\tLOC"] and "司法局\tORG,GOV" in lines
    stamp = json.loads((cache / lexicon.LEXICON_STAMP).read_text(encoding="utf-8"))
    assert stamp["n_words"] == 8 and stamp["settings"] == lexicon.SETTINGS
    assert stamp["per_class"]["LOC"] == 3 and stamp["per_class"]["ORG"] == stamp["per_class"]["GOV"] == 1
    assert stamp["gov_org_split"] == RULES["gov_org_split"]
    mtime = out.stat().st_mtime_ns
    assert (
        lexicon.build_lexicon(cache, _dict(tmp_path), rules=RULES) == out and out.stat().st_mtime_ns == mtime
    )
    lexicon.build_lexicon(cache, _dict(tmp_path), {"min_freq_other": 1}, rules=RULES)  # settings changed
    assert "稀有词语\tW" in out.read_text(encoding="utf-8")
    lexicon.build_lexicon(cache, _dict(tmp_path))  # no GOV/ORG rule any more: rebuilt without GOV
    assert "司法局\tORG" in out.read_text(encoding="utf-8").splitlines()


def test_read_lexicon_keeps_the_chosen_classes_in_their_order(tmp_path):
    path = lexicon.build_lexicon(tmp_path / "cache", _dict(tmp_path), rules=RULES)
    six = runtime_lexicon.read_lexicon(path, runtime_lexicon.CLASSES)
    assert six["司法局"] == [runtime_lexicon.CLASSES.index("ORG"), runtime_lexicon.CLASSES.index("GOV")]
    legacy = runtime_lexicon.read_lexicon(path)  # models trained before GOV existed see it as ORG only
    assert legacy["司法局"] == [runtime_lexicon.LEGACY_CLASSES.index("ORG")] and len(legacy) == len(six) == 8
    assert runtime_lexicon.read_lexicon(path, ["GOV", "LOC"]) == {
        "司法局": [0],
        "北京": [1],
        "北京市": [1],
        "海淀区": [1],
    }


def test_bad_dictionary_lexicon_lines_or_classes_are_errors(tmp_path):
    with pytest.raises(ValueError, match=r"dict.txt:2: expected 'word frequency tag'"):
        lexicon.build_lexicon(tmp_path / "c", _dict(tmp_path, "北京 3 ns\n北京 ns\n"))
    with pytest.raises(FileNotFoundError, match="lexicon source not found"):
        lexicon.build_lexicon(tmp_path / "c", tmp_path / "missing.txt")
    bad = tmp_path / "lexicon.tsv"
    bad.write_text("北京\tLOC\n上海\tLOC,CITY\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"lexicon.tsv:2: expected"):
        runtime_lexicon.read_lexicon(bad)
    bad.write_text("北京\tLOC\n司法局\tORG\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"no word has the lexicon classes \['GOV'\]"):
        runtime_lexicon.read_lexicon(bad, ["LOC", "GOV"])  # e.g. built without the GOV/ORG rule
    with pytest.raises(ValueError, match="unknown lexicon classes"):
        runtime_lexicon.read_lexicon(bad, ["LOC", "PLACE"])


def test_lexicon_flags_begin_inside_end_per_class_overlaps_included():
    from pipeline.ner.features import lexicon_flags

    loc, org, gov, w = (runtime_lexicon.CLASSES.index(c) for c in ("LOC", "ORG", "GOV", "W"))
    words = {"北京": [loc], "北京市": [loc], "司法局": [org, gov], "市司": [w]}
    prefixes = frozenset(x[:k] for x in words for k in range(2, len(x) + 1))
    n_classes = len(runtime_lexicon.CLASSES)
    flags = lexicon_flags(list("北京市司法局了"), words, prefixes, 3, n_classes)
    assert flags.shape == (7, 3 * n_classes)

    def on(i, table=flags):
        return {(runtime_lexicon.CLASSES[j // 3], "BIE"[j % 3]) for j in numpy.flatnonzero(table[i])}

    assert on(0) == {("LOC", "B")}  # 北京 and 北京市 both begin here
    assert on(1) == {("LOC", "E"), ("LOC", "I")}  # 北京 ends, 北京市 continues
    assert on(2) == {("LOC", "E"), ("W", "B")}  # 北京市 ends, 市司 begins
    assert on(3) == {("W", "E"), ("ORG", "B"), ("GOV", "B")}
    assert on(4) == {("ORG", "I"), ("GOV", "I")} and on(5) == {("ORG", "E"), ("GOV", "E")} and on(6) == set()
    assert lexicon_flags([], words, prefixes, 3, n_classes).shape == (0, 3 * n_classes)
    # Models saved before words had several classes keep one bare index per word: same flags.
    bare = lexicon_flags(list("北京市"), {"北京": loc, "北京市": loc}, prefixes, 3, n_classes)
    assert numpy.array_equal(bare, flags[:3] * (numpy.arange(3 * n_classes) // 3 == loc))


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
    assert layer.attrs["words"]["司法局"] == [runtime_lexicon.LEGACY_CLASSES.index("ORG")]
    assert all(numpy.allclose(a, b) for a, b in zip(before, loaded.predict(docs)))
    # The flags reach the output: the same model without the words embeds 北京市司法局 differently.
    layer.attrs["words"] = {}
    assert not numpy.allclose(before[0], loaded.predict(docs)[0])


def test_embed_lexicon_without_a_file_fails_at_initialise():
    from spacy.util import registry

    import pipeline.ner  # noqa: F401

    model = registry.architectures.get("fazhi.CharBigramEmbed.v1")(
        width=8, rows=[50, 5, 50, 50], lexicon=None
    )
    assert "char_lexicon_features" not in [n.name for n in model.walk()]
    model = registry.architectures.get("fazhi.CharBigramEmbed.v1")(
        width=8, rows=[50, 5, 50, 50], lexicon="/nonexistent/lexicon.tsv"
    )
    with pytest.raises(FileNotFoundError):
        model.initialize(X=[blank_nlp()("北京")])


def test_committed_config_classes_are_built_by_train_ner_from_the_label_rules(tmp_path):
    from spacy.util import load_config

    from training.convert import load_rules
    from training.train import CONFIG_PATH

    classes = load_config(CONFIG_PATH)["components"]["tok2vec"]["model"]["embed"]["lexicon_classes"]
    path = lexicon.build_lexicon(tmp_path / "cache", _dict(tmp_path), rules=load_rules())
    words = runtime_lexicon.read_lexicon(path, classes)  # every class the config asks for is in the file
    assert [classes[i] for i in words["司法局"]] == ["ORG", "GOV"]


def test_embed_flag_width_follows_the_chosen_classes(tmp_path):
    from spacy.util import registry

    import pipeline.ner  # noqa: F401

    path = lexicon.build_lexicon(tmp_path / "cache", _dict(tmp_path), rules=RULES)
    make = registry.architectures.get("fazhi.CharBigramEmbed.v1")
    docs = [blank_nlp()("北京市司法局")]
    widths = {}
    for classes in (runtime_lexicon.LEGACY_CLASSES, runtime_lexicon.CLASSES):
        model = make(width=8, rows=[50, 5, 50, 50], lexicon=str(path), lexicon_classes=list(classes))
        model.initialize(X=docs)
        widths[len(classes)] = next(n for n in model.walk() if n.name.startswith("maxout")).get_dim("nI")
    assert widths == {5: 8 * 4 + 15, 6: 8 * 4 + 18}
