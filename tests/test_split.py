import pytest

from pipeline.nlp import pipeline_sentences, sentences
from pipeline.split import split_sentences


def _texts(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("签约额218.15亿元。总投资额2038.84亿元。", ["签约额218.15亿元。", "总投资额2038.84亿元。"]),
        (
            "他说:“法治兴则国家兴。法治衰则国家乱。”会议结束。",
            ["他说:“法治兴则国家兴。法治衰则国家乱。”", "会议结束。"],
        ),
        (
            "一、认清形势\n(一)树立法治思维\n要学法。要守法!",
            ["一、认清形势", "(一)树立法治思维", "要学法。", "要守法!"],
        ),
        (
            "实施纲要(2021—2025年)已印发。真的吗?是的……",
            ["实施纲要(2021—2025年)已印发。", "真的吗?", "是的……"],
        ),
        ("没有句号的段落\n下一段。", ["没有句号的段落", "下一段。"]),
        ("This is fine. 中文句子.下一句。", ["This is fine.", "中文句子.", "下一句。"]),
        ("“双随机一公开、证照分离等方面推进。下一句。", ["“双随机一公开、证照分离等方面推进。", "下一句。"]),
    ],
)
def test_split(text, expected):
    assert _texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "第一句。第二句!\n第三句",
        "  开头有空格。 中间 有 空格。\n\n\t下一段“引号。里面。”完。  ",
        "表格\u3000行。\r\n数字 218.15 亿元. End. 下一句!?",
        "",
        " \n ",
    ],
)
def test_char_sentences_are_the_spacy_pipelines(text):
    # sentences() skips the spaCy Doc for the char segmenter: its spans must be the pipeline's
    assert sentences([text])[0] == pipeline_sentences([text], "char")[0] == split_sentences(text)


def _gold_paragraphs():
    from conftest import FIXTURES

    text = (FIXTURES / "sentences_gold.txt").read_text("utf-8")
    paragraphs = [[]]
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(line)
    return [p for p in paragraphs if p]


def test_boundaries_on_the_hand_labelled_set():
    paragraphs = _gold_paragraphs()
    text = "\n".join("".join(p) for p in paragraphs)
    gold, offset = set(), 0
    for p in paragraphs:
        for sentence in p:
            gold.add((offset, offset + len(sentence)))
            offset += len(sentence)
        offset += 1
    predicted = set(split_sentences(text))
    tp = len(gold & predicted)
    precision, recall = tp / len(predicted), tp / len(gold)
    errors = sorted(text[s:e] for s, e in predicted ^ gold)
    assert len(gold) >= 100
    assert precision >= 0.97 and recall >= 0.97, (precision, recall, errors)
