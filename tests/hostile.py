"""Generators of hostile and odd inputs (used by the reliability tests)."""

import json
import os
from collections.abc import Iterator
from pathlib import Path

ARTICLE = "张掖市司法局召开法治政府建设推进会，全市培训行政执法人员800余名，签约额218.15亿元。"


def make_hostile_corpus(root: Path, big_mb: int = 50) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "empty.txt").write_bytes(b"")
    (root / "whitespace.txt").write_text(" \n\t\u3000\n", encoding="utf-8")
    (root / "binary.txt").write_bytes(os.urandom(4096))
    (root / "nul bytes.txt").write_bytes(ARTICLE.encode("utf-8") + b"\x00\x00" + ARTICLE.encode("utf-8"))
    (root / "truncated.txt").write_bytes((ARTICLE * 3).encode("utf-8")[:-2])
    (root / "mixed.txt").write_bytes(
        ARTICLE.encode("utf-8") + b"\n" + ARTICLE.encode("gb18030") + b"\n" + ARTICLE.encode("utf-8")
    )
    (root / "中文 名字 有空格.txt").write_text(ARTICLE.replace("张掖", "酒泉"), encoding="utf-8")
    (root / "big.txt").write_bytes(("法治" * 1000).encode("utf-8") * (big_mb * 1024 // 6))
    (root / "nested.html").write_text(
        "<div>" * 5000 + f"<p>{ARTICLE.replace('张掖', '武威')}</p>" + "</div>" * 10, encoding="utf-8"
    )
    (root / "broken.html").write_text(
        f"<html><body><p>{ARTICLE.replace('张掖', '金昌')}<div><span></p></table>", encoding="utf-8"
    )
    (root / "feed.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"text": ARTICLE.replace("张掖", "白银")}, ensure_ascii=False),
                "{not json",
                "[]",
                json.dumps({"text": None}),
                "",
                json.dumps({"text": ARTICLE.replace("张掖", "定西"), "url": 3}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    loop = root / "loop"
    loop.mkdir()
    (loop / "self").symlink_to(loop, target_is_directory=True)
    (root / "dangling.txt").symlink_to(root / "does-not-exist.txt")
    return root


CITIES = ["张掖市", "酒泉市", "宜昌市", "绵阳市", "遵义市", "临沂市"]
NAMES = ["何志勇", "王建国", "李红梅", "陈晓东", "刘志强", "赵立新", "孙丽华"]
# Local-government news sentences; {c} a city, {n} an official's name, {i} a running number (so
# that no two paragraphs are the same document).
SENTENCES = [
    "{c}第{i}次推进会于2021年{m}月{d}日召开，培训执法人员{k}名，签约额{x}.5亿元。",
    "{c}司法局局长{n}主持召开第{i}次法治政府建设工作会议，审议通过《{c}行政执法监督办法》。",
    "{y}年，{c}共办理行政复议案件{k}件，纠错率{p}.{d}%，行政诉讼败诉率同比下降{m}个百分点。",
    "{c}人民政府印发《{c}法治政府建设实施方案（{y}—{z}年）》（{c}政发〔{y}〕{i}号），明确{x}项重点任务。",
    "市委副书记、市长{n}出席第{i}次常务会议并讲话，要求各县区落实《中华人民共和国行政处罚法》。",
]


def news_sentence(i: int, kind: int = 0) -> str:
    """The i-th sentence of template ``kind``, numbers and places varying with i."""
    return SENTENCES[kind % len(SENTENCES)].format(
        c=CITIES[i % 6],
        n=NAMES[i % 7],
        i=i,
        m=i % 12 + 1,
        d=i % 28 + 1,
        k=100 + i,
        x=i % 90 + 1,
        p=i % 10,
        y=2015 + i % 10,
        z=2020 + i % 10,
    )


def long_line(chars: int) -> str:
    """One paragraph of ``chars`` characters without a line break (a page flattened by a scraper)."""
    parts, n, i = [], 0, 0
    while n < chars:
        parts.append(news_sentence(i))
        n += len(parts[-1])
        i += 1
    return "".join(parts)[:chars]


def news_paragraphs(count: int, start: int = 0) -> Iterator[str]:
    """``count`` paragraphs of two to five sentences mixing every template."""
    for i in range(start, start + count):
        yield "".join(news_sentence(i + j, i + j) for j in range(2 + i % 4))


def write_big_text(path: Path, megabytes: int) -> int:
    """A .txt of about ``megabytes`` MB of news paragraphs, one per line; returns its characters."""
    chars, written, i = 0, 0, 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < megabytes * 1_000_000:
            block = "\n".join(news_paragraphs(1000, i)) + "\n"
            fh.write(block)
            written += len(block.encode("utf-8"))
            chars += len(block)
            i += 1000
    return chars


def write_jsonl_lines(path: Path, lines: int) -> None:
    """A .jsonl of ``lines`` one-sentence records ``{"text", "url"}``."""
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(lines):
            record = {"text": news_sentence(i, i), "url": f"http://www.example.gov.cn/fzzf/{i}.html"}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_small_files(root: Path, files: int, per_folder: int = 1000) -> None:
    """``files`` short .txt articles, ``per_folder`` to a sub-folder."""
    for i, text in enumerate(news_paragraphs(files)):
        folder = root / f"{i // per_folder:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:05d}.txt").write_text(text + "\n", encoding="utf-8")


def make_operator_corpus(root: Path, outside: Path, line_chars: int = 1_000_000) -> Path:
    """What an operator's input folder holds on a bad day: ordinary files beside a lone-surrogate
    jsonl line, a name that is not UTF-8, a FIFO, a socket, a symlink loop, a link leading out of
    the folder, a hidden file, UTF-16 without BOM, a BOM on a jsonl's first line, one long line."""
    import socket

    root.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    for k, city in enumerate(["武威", "金昌", "白银"]):
        (root / f"ordinary{k}.txt").write_text(ARTICLE.replace("张掖", city), encoding="utf-8")
    lines = [
        json.dumps({"text": ARTICLE.replace("张掖", "定西")}, ensure_ascii=False),
        '{"text": "\\ud800' + ARTICLE + '"}',
        json.dumps({"text": ARTICLE.replace("张掖", "陇南")}, ensure_ascii=False),
    ]
    (root / "feed.jsonl").write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8") + b"\n")
    (root / "gbk-name").mkdir()
    with open(os.path.join(os.fsencode(root / "gbk-name"), "张".encode("gbk") + b".txt"), "wb") as fh:
        fh.write(ARTICLE.replace("张掖", "平凉").encode("utf-8"))
    os.mkfifo(root / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "sock.txt"))
    sock.close()
    (root / "loop-a.txt").symlink_to(root / "loop-b.txt")
    (root / "loop-b.txt").symlink_to(root / "loop-a.txt")
    (outside / "secret.txt").write_text(ARTICLE.replace("张掖", "庆阳"), encoding="utf-8")
    (root / "leak.txt").symlink_to(outside / "secret.txt")
    (root / ".hidden.txt").write_text(ARTICLE.replace("张掖", "天水"), encoding="utf-8")
    (root / "utf16.txt").write_bytes(ARTICLE.replace("张掖", "嘉峪关").encode("utf-16-le"))
    (root / "long.txt").write_text(long_line(line_chars), encoding="utf-8")
    return root
