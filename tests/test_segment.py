"""Segmenters: char always; pkuseg only where its model has been fetched (skipped otherwise)."""

import re
import subprocess
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import segment
from pipeline.segment import (
    FETCH_HINT,
    USER_DICT,
    PkusegModelError,
    build_zh_nlp,
    char_words_and_spaces,
    fetch_pkuseg_model,
    pkuseg_model_path,
    resolve_model_dir,
)

SENTENCE = "张掖市司法局全面启动行政执法人员培训"


def _fake_model(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name in segment.MODEL_FILES:
        (folder / name).write_bytes(b"x")
    return folder


# --- always run -------------------------------------------------------------------------


def test_char_segmenter_gives_one_token_per_character():
    doc = build_zh_nlp("char")(SENTENCE)
    assert [t.text for t in doc] == list(SENTENCE)


def test_char_segmenter_keeps_text_and_offsets():
    text = "依法行政。\n\n  普法宣传"
    doc = build_zh_nlp()(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("法治 \n\t\u3000\r。a1·")), max_size=40))
def test_char_tokens_are_spacys_own(text):
    from spacy.util import get_words_and_spaces

    assert char_words_and_spaces(text) == get_words_and_spaces(list(text), text)
    assert build_zh_nlp("char")(text).text == text


def test_char_tokenizer_is_linear_on_a_long_line():
    text = "依法行政 推进法治政府建设。" * 80_000  # 1.1 M characters on one line
    started = time.perf_counter()
    doc = build_zh_nlp("char").tokenizer(text)
    assert len(doc) == len(text) - text.count(" ") and time.perf_counter() - started < 30  # spaCy's: ~90 s


def test_unknown_segmenter_is_refused():
    with pytest.raises(ValueError, match="segmenter must be one of"):
        build_zh_nlp("jieba")


def test_user_dict_is_well_formed():
    raw = USER_DICT.read_text(encoding="utf-8")
    assert raw.endswith("\n") and "\r" not in raw
    words = raw.splitlines()
    assert all(words), "blank line in user_dict.txt"
    assert len(words) == len(set(words)), "duplicate terms in user_dict.txt"
    bad = [w for w in words if not re.fullmatch(r"[\u4e00-\u9fff]{2,}", w)]
    assert not bad, f"terms that are not 2+ CJK characters: {bad}"
    assert 100 <= len(words) <= 300
    assert {"法治政府", "依法行政", "行政执法人员", "营商环境", "签约额"} <= set(words)


def test_model_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.delenv(segment.ENV_VAR, raising=False)
    assert resolve_model_dir() == segment.DEFAULT_MODEL_DIR.expanduser().resolve()
    monkeypatch.setenv(segment.ENV_VAR, str(tmp_path / "env"))
    assert resolve_model_dir() == tmp_path / "env"
    assert resolve_model_dir(tmp_path / "arg") == tmp_path / "arg"


def test_invalid_model_path_gives_clear_error(monkeypatch, tmp_path):
    missing = tmp_path / "no-such-model"
    monkeypatch.setenv(segment.ENV_VAR, str(missing))
    assert pkuseg_model_path() is None
    with pytest.raises(PkusegModelError) as err:
        build_zh_nlp("pkuseg")
    message = str(err.value)
    assert "\n" not in message
    assert str(missing) in message and FETCH_HINT in message


def test_missing_user_dict_gives_clear_error(tmp_path):
    model = _fake_model(tmp_path / "model")
    with pytest.raises(PkusegModelError, match="user dictionary not found"):
        build_zh_nlp("pkuseg", user_dict=tmp_path / "nope.txt", model_dir=model)


def test_fetch_is_a_no_op_when_model_present(monkeypatch, tmp_path):
    model = _fake_model(tmp_path / "model")

    def no_subprocess(*args, **kwargs):
        raise AssertionError("fetch ran a subprocess although the model is cached")

    monkeypatch.setattr(segment.subprocess, "run", no_subprocess)
    assert fetch_pkuseg_model(model) == model.resolve()


def test_fetch_reports_pip_failure_in_one_line(monkeypatch, tmp_path):
    stderr = "Looking in indexes: ...\nERROR: No matching distribution found for pkuseg==0.0.25\n"

    def failing_pip(cmd, **kwargs):
        return subprocess.CompletedProcess(cmd, 1, stdout="", stderr=stderr)

    monkeypatch.setattr(segment.subprocess, "run", failing_pip)
    with pytest.raises(PkusegModelError) as err:
        fetch_pkuseg_model(tmp_path / "model")
    assert "\n" not in str(err.value)
    assert "failed (exit 1): ERROR: No matching distribution found" in str(err.value)
    assert not (tmp_path / "model").exists()  # nothing half-made left behind


def test_fetch_leaves_foreign_folders_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(PkusegModelError, match="holds no complete pkuseg model"):
        fetch_pkuseg_model(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_measure_char_only():
    report = segment.measure(["依法行政", "营商环境持续优化"], segmenters=["char"])
    assert report["chars"] == 12 and report["char"]["tokens"] == 12
    assert report["char"]["chars_per_s"] > 0


# --- need the fetched model ---------------------------------------------------------------


@pytest.fixture(scope="module")
def pkuseg_nlp():
    if pkuseg_model_path() is None:
        pytest.skip(
            f"pkuseg model not fetched (looked in {resolve_model_dir()}); fetch it with: {FETCH_HINT}"
        )
    return build_zh_nlp("pkuseg")


def test_pkuseg_segments_words_and_keeps_user_terms(pkuseg_nlp):
    tokens = [t.text for t in pkuseg_nlp(SENTENCE)]
    assert "".join(tokens) == SENTENCE
    assert len(tokens) < len(SENTENCE) / 2  # words, not characters
    assert "行政执法人员" in tokens or "行政执法" in tokens
    assert "司法局" in tokens


def test_pkuseg_keeps_dictionary_terms_whole(pkuseg_nlp):
    text = "全面推进法治政府建设，群众满意率达98%，重点项目签约额12.5亿元，聘请法律顾问和公职律师。"
    tokens = {t.text for t in pkuseg_nlp(text)}
    assert {"法治政府建设", "群众满意率", "签约额", "法律顾问", "公职律师"} <= tokens


def test_pkuseg_keeps_text_and_offsets(pkuseg_nlp):
    text = "  张掖市推进依法行政。\n\n营商环境持续优化 ，普法宣传深入基层。\n"
    doc = pkuseg_nlp(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
