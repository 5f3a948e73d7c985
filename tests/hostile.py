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
    (root / "mixed.txt").write_bytes(ARTICLE.encode("utf-8") + b"\n" + ARTICLE.encode("gb18030") + b"\n" + ARTICLE.encode("utf-8"))
    (root / "中文 名字 有空格.txt").write_text(ARTICLE.replace("张掖", "酒泉"), encoding="utf-8")
    (root / "big.txt").write_bytes(("法治" * 1000).encode("utf-8") * (big_mb * 1024 // 6))
    (root / "nested.html").write_text("<div>" * 5000 + f"<p>{ARTICLE.replace('张掖', '武威')}</p>" + "</div>" * 10, encoding="utf-8")
    (root / "broken.html").write_text(f"<html><body><p>{ARTICLE.replace('张掖', '金昌')}<div><span></p></table>", encoding="utf-8")
    (root / "feed.jsonl").write_text("\n".join([
        json.dumps({"text": ARTICLE.replace("张掖", "白银")}, ensure_ascii=False), "{not json", "[]",
        json.dumps({"text": None}), "", json.dumps({"text": ARTICLE.replace("张掖", "定西"), "url": 3})]) + "\n", encoding="utf-8")
    loop = root / "loop"
    loop.mkdir()
    (loop / "self").symlink_to(loop, target_is_directory=True)
    (root / "dangling.txt").symlink_to(root / "does-not-exist.txt")
    return root
