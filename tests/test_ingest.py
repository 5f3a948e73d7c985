import json

import pytest

from pipeline import ingest
from pipeline.ingest import (
    InputError,
    RawDocument,
    Rejected,
    SourceRef,
    decode,
    discover,
    html_to_text,
    jsonl_doc_ids,
    read,
)

ARTICLE = "张掖市司法局召开会议，部署法治政府建设工作。全市培训行政执法人员800余名。"


@pytest.mark.parametrize(
    "encoding, expected",
    [
        ("utf-8", "utf_8"),
        ("utf-8-sig", "utf_8_sig"),
        ("utf-16", "utf_16"),
        ("gb18030", "gb18030"),
    ],
)
def test_decode_common_encodings(encoding, expected):
    text, enc = decode(ARTICLE.encode(encoding))
    assert text == ARTICLE
    assert enc == expected


def test_decode_gbk_and_big5_articles():
    longer = ARTICLE * 3
    assert decode(longer.encode("gbk"))[0] == longer
    trad = "甘肅省張掖市司法局推進法治政府建設，各級機關認真學習憲法和監察法，依法行政水平不斷提升。" * 2
    text, enc = decode(trad.encode("big5"))
    assert text == trad and enc == "big5"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_decode_rejects_bad_bytes(data, reason):
    with pytest.raises(InputError) as e:
        decode(data)
    assert e.value.reason == reason


def test_html_to_text_keeps_blocks_and_drops_scripts():
    html = (
        "<html><head><title>标题 - 某某网</title><meta name='PubDate' content='2023-05-06'>"
        "<script>var a='首页';</script></head><body><nav>首页 | 地图</nav>"
        "<p>第一段<b>加粗</b>文字。</p><div>第二段。</div></body></html>"
    )
    text, hints = html_to_text(html)
    assert text.split("\n") == ["第一段加粗文字。", "第二段。"]
    assert hints["title"] == "标题 - 某某网"
    assert hints["publish_date"] == "2023-05-06"


def test_read_quarantines_each_bad_jsonl_line(tmp_path):
    f = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": ARTICLE, "url": "http://x/1"}, ensure_ascii=False),
        "{bad",
        "[1]",
        json.dumps({"text": 3}),
        json.dumps({"text": "English only text here, nothing Chinese at all."}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refs, rejected = discover([f])
    items = [i for r in refs for i in read(r)]
    docs = [i for i in items if isinstance(i, RawDocument)]
    bad = {i.source_line: i.reason for i in items if isinstance(i, Rejected)}
    assert len(docs) == 1 and docs[0].url == "http://x/1" and docs[0].source_line == 1
    assert bad == {2: "malformed_json", 3: "malformed_json", 4: "malformed_json", 5: "not_chinese"}
    assert not rejected


def test_jsonl_refs_seek_to_their_first_line(tmp_path):
    f = tmp_path / "feed.jsonl"
    texts = [f"第{i}条。{ARTICLE}" for i in range(7)]
    f.write_text(
        "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts) + "\n", encoding="utf-8"
    )
    refs, _ = discover([f], jsonl_lines_per_ref=3)
    assert [(r.first_line, r.last_line) for r in refs] == [(1, 3), (4, 6), (7, 7)]
    assert refs[0].byte_offset == 0 and refs[1].byte_offset > 0
    read_back = [(d.source_line, d.raw_text) for r in refs for d in read(r)]
    assert read_back == list(enumerate(texts, start=1))


def test_jsonl_refs_also_stop_at_their_byte_budget(tmp_path):
    f = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": f"第{i}条。{ARTICLE}"}, ensure_ascii=False) for i in range(6)]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    line_bytes = len(lines[0].encode()) + 1
    refs = ingest._jsonl_refs(f, 500, [], max_bytes=2 * line_bytes)
    assert [(r.first_line, r.last_line) for r in refs] == [(1, 2), (3, 4), (5, 6)]
    assert sum(r.size for r in refs) == f.stat().st_size
    read_back = [d.source_line for r in refs for d in read(r)]
    assert read_back == [1, 2, 3, 4, 5, 6]


def test_jsonl_doc_ids_match_the_documents_read(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(
        "\n".join(json.dumps({"text": f"第{i}条。{ARTICLE}"}, ensure_ascii=False) for i in range(3))
        + "\n{bad\n",
        encoding="utf-8",
    )
    good, bad = discover([f], jsonl_lines_per_ref=3)[0]
    assert jsonl_doc_ids(good) == [d.doc_id for d in read(good)]
    assert jsonl_doc_ids(bad) is None  # a line that is not a document: the ref needs a full read


def test_discover_walks_folders_and_rejects_unsupported(tmp_path):
    (tmp_path / "a b 中文.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.pdf").write_bytes(b"%PDF")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    refs, rejected = discover([tmp_path])
    assert [r.kind for r in refs] == ["text"]
    assert sorted(r.reason for r in rejected) == [
        "not_followed",
        "unsupported_type",
    ]  # the folder link has a row


def test_discover_missing_path_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        discover([tmp_path / "nope"])


def test_doc_id_is_content_hash(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_bytes(ARTICLE.encode("gbk"))
    (da,) = read(SourceRef(str(a), "text"))
    (db,) = read(SourceRef(str(b), "text"))
    assert da.doc_id == db.doc_id and len(da.doc_id) == 16


def test_utf8_cut_inside_the_last_character_still_decodes():
    data = ARTICLE.encode("utf-8")[:-1]
    text, enc = decode(data)
    assert enc == "utf_8" and text == ARTICLE[:-1]


def test_corpus_texts_reads_jsonl_and_gz_and_names_the_bad_line(tmp_path):
    import gzip

    from pipeline.ingest import corpus_texts

    plain = tmp_path / "c.jsonl"
    plain.write_text('{"text": "甲"}\n\n{"text": "乙", "title": "t"}\n', encoding="utf-8")
    packed = tmp_path / "c.jsonl.gz"
    with gzip.open(packed, "wt", encoding="utf-8") as fh:
        fh.write('{"text": "丙"}\n')
    assert list(corpus_texts(plain)) == ["甲", "乙"] and list(corpus_texts(packed)) == ["丙"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "甲"}\n{"title": "no text"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: .*missing string field 'text'"):
        list(corpus_texts(bad))


def test_an_empty_gitkeep_is_no_input_but_other_hidden_files_get_a_row(tmp_path):
    (tmp_path / ".gitkeep").write_bytes(b"")
    (tmp_path / ".keep").write_text("不是空的", encoding="utf-8")  # not empty: a hidden file like any other
    (tmp_path / ".notes.txt").write_text("笔记", encoding="utf-8")
    (tmp_path / "a.txt").write_text("正文。", encoding="utf-8")
    refs, rejected = discover([str(tmp_path)])
    assert [r.path for r in refs] == [str(tmp_path / "a.txt")]
    assert sorted((r.source_path, r.reason) for r in rejected) == [
        (str(tmp_path / ".keep"), "hidden"),
        (str(tmp_path / ".notes.txt"), "hidden"),
    ]
