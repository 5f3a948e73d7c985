"""Generators of hostile and odd inputs (used by the reliability tests)."""

import json
import os
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


def long_line(chars: int) -> str:
    """One paragraph of ``chars`` characters without a line break (a page flattened by a scraper)."""
    cities = ["张掖市", "酒泉市", "宜昌市", "绵阳市", "遵义市", "临沂市"]
    parts, n, i = [], 0, 0
    while n < chars:
        s = (
            f"{cities[i % 6]}第{i}次推进会于2021年{i % 12 + 1}月{i % 28 + 1}日召开，"
            f"培训执法人员{100 + i}名，签约额{i % 90 + 1}.5亿元。"
        )
        parts.append(s)
        n += len(s)
        i += 1
    return "".join(parts)[:chars]


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
