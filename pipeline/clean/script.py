"""Script normalization on a MappedText: pinyin annotations, mojibake, Traditional → Simplified,
width and radical variants. Each function returns log lines (``rule-id: what``) for the warnings."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import yaml

from pipeline.clean.offsets import MappedText
from pipeline.switches import on
from schemas.rules import check

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_HAN = r"\u3400-\u9fff"
# 經(jīng): a Han character followed by a toned syllable in ASCII or full-width brackets; copied
# text often keeps a blank inside the brackets (會(huì ))
PINYIN = re.compile(rf"(?<=[{_HAN}])[(（] ?(?=[a-z{TONED}]*[{TONED}])[a-z{TONED}]{{1,7}} ?[)）]")
# anchors of mojibake: private use, box drawing, replacement character, '?' inside Han text
MOJIBAKE_ANCHOR = re.compile(rf"[\ue000-\uf8ff\u2500-\u257f\ufffd]|(?<=[{_HAN}])\?+(?=[{_HAN}])")
_JUNK = re.compile(r"[?？\u3100-\u312f\u0100-\u024fA-Za-z。(（\ue000-\uf8ff\u2500-\u257f\ufffd]")
_PINYIN_RESIDUE = re.compile(rf"[a-z{TONED}]{{1,7}}[)）]")
FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e]")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def simplified(text: str) -> str:
    """``text`` in Simplified characters (顾定軻 → 顾定轲): a name keeps a rare Traditional char even
    in a Simplified document, and the tables give names in Simplified."""
    return _t2s().convert(text)


@lru_cache(maxsize=1)
def radical_table() -> dict[str, str]:
    text = resources.files("pipeline.clean").joinpath("data/radicals.yaml").read_text("utf-8")
    return check("radicals.yaml", yaml.safe_load(text), "pipeline/clean/data/radicals.yaml")


def detect_script(text: str) -> str:
    """zh-Hant when Traditional-only characters are frequent, else zh-Hans."""
    sample = text[:20000]
    converted = _t2s().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff") or 1
    return "zh-Hant" if changed / han > 0.05 else "zh-Hans"


def remove_pinyin(mt: MappedText) -> list[str]:
    n = mt.sub(PINYIN, "")
    return [f"script:pinyin: removed {n} pinyin annotations"] if n else []


# a symbol planted between two Han characters of a word (督察▓组, 讲ζ话, 督@ 察: pages that salt their
# text against copying): Greek letters, relation signs (≡ ≈ ≠), block elements, triangles and
# diamonds, @ ¤ № ※. Never a sign that means something there: ○ (zero: 二○二三), □ ■ (redacted
# chars: 张□明), ∙ · (a name's middle dot: 安德烈∙杰明), quotes.
_NOISE = re.compile(rf"(?<=[{_HAN}])[\u0370-\u03ff\u2260-\u226f\u2580-\u259f▲△▼▽◆◇@¤№※]\s?(?=[{_HAN}])")


def remove_noise(mt: MappedText) -> list[str]:
    """Symbols salted between two Han characters go [script.noise]."""
    if not on("script.noise"):
        return []
    n = mt.sub(_NOISE, "")
    return [f"script:noise: removed {n} symbols between Han characters"] if n else []


def remove_mojibake(mt: MappedText) -> list[str]:
    """Repair runs of mis-decoded characters around unambiguous anchors where the bytes survive
    (UTF-8 read as GBK), remove them otherwise."""
    spans = _merge(_mojibake_run(mt.text, m.start(), m.end()) for m in MOJIBAKE_ANCHOR.finditer(mt.text))
    if not spans:
        return []
    edits = _repairs(mt.text, spans)
    repaired = sum(1 for *_, new in edits if new)
    touched = mt.splice(edits)
    logs = (
        [f"script:mojibake: removed {len(edits) - repaired} mis-decoded runs"]
        if len(edits) > repaired
        else []
    )
    if repaired:
        logs.append(f"script:mojibake: repaired {repaired} runs by re-decoding GBK-read UTF-8")
    logs.append(f"script:mojibake: {touched} characters affected")
    return logs


def _repairs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Edits for the runs; two runs close together are repaired as one when the text between
    them is part of the same mis-decoded bytes."""
    edits: list[tuple[int, int, str]] = []
    for s, e in spans:
        if edits and s - edits[-1][1] <= 6 and (fixed := _repair(text[edits[-1][0] : e])):
            edits[-1] = (edits[-1][0], e, fixed)
        else:
            edits.append((s, e, _repair(text[s:e]) or ""))
    return edits


def _repair(run: str) -> str | None:
    core = MOJIBAKE_ANCHOR.sub("", run).strip(" ?\u3000")
    try:
        fixed = core.encode("gbk").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return fixed if fixed and all(_is_han(c) or c in "，。、（）()“”：；" for c in fixed) else None


def _mojibake_run(text: str, start: int, end: int) -> tuple[int, int]:
    start = _extend(text, start, -1)
    end = _extend(text, end, +1)
    m = _PINYIN_RESIDUE.match(text, end)
    if m:  # the annotation of a character lost in the run
        end = m.end()
    while start > 0 and text[start - 1] in " \u3000\t":
        start -= 1
    return start, end


def _extend(text: str, i: int, step: int) -> int:
    """Walk over junk characters; Han characters count only when junk follows within two."""
    while True:
        j = i if step > 0 else i - 1
        if not 0 <= j < len(text):
            return i
        if _JUNK.match(text[j]):
            i += step
            continue
        bridge = [j + step * k for k in (1, 2)]
        if _is_han(text[j]) and any(
            0 <= b < len(text) and _JUNK.match(text[b]) and text[b] not in "。(（" for b in bridge
        ):
            i += step
            continue
        return i


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _merge(spans) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def to_simplified(mt: MappedText) -> list[str]:
    """OpenCC t2s, line by line; a line whose length would change is converted per character."""
    conv = _t2s()
    lines = mt.text.split("\n")
    out = []
    changed = 0
    for line in lines:
        new = conv.convert(line)
        if len(new) != len(line):
            new = "".join(c if len(c := conv.convert(ch)) == 1 else ch for ch in line)
        changed += sum(1 for a, b in zip(line, new) if a != b)
        out.append(new)
    mt.replace_same_length("\n".join(out))
    return [f"script:t2s: converted {changed} characters to Simplified"] if changed else []


def normalize_width(mt: MappedText) -> list[str]:
    """Full-width digits/letters/%/. → ASCII; radical variants → standard characters."""
    table = radical_table()
    n = mt.sub(FULLWIDTH_ALNUM, lambda m: unicodedata.normalize("NFKC", m.group(0)))
    pattern = re.compile("[" + "".join(table) + "\u2f00-\u2fdf]")
    r = mt.sub(pattern, lambda m: table.get(m.group(0)) or unicodedata.normalize("NFKC", m.group(0)))
    logs = []
    if n:
        logs.append(f"script:width: {n} full-width digits/letters made ASCII")
    if r:
        logs.append(f"script:radicals: {r} radical variants mapped to standard characters")
    return logs
