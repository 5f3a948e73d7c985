"""Number grammar: Arabic, Chinese and mixed numerals with 千/万/亿 multipliers."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

from pipeline.extract import rules

ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
CHINESE = (
    r"[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*|[百千万](?=[余多])"  # 百余家: 一百余家
)
# Arabic digits with inner Chinese place words (1万5千, 3亿2000万): one numeral, read by cn2an
MIXED = r"\d+(?:\.\d+)?(?:万|亿)(?:\d+(?:千|百|万))+"


@lru_cache(maxsize=1)
def multipliers() -> dict[str, int]:
    return rules.load("indicators")["multipliers"]


def parse_numeral(text: str) -> float:
    """218.15 → 218.15; 1,528 → 1528; 二百一十八 → 218; 八百 → 800. Raises ValueError."""
    if re.fullmatch(ARABIC, text):
        return float(text.replace(",", ""))
    if text in ("百", "千", "万"):
        text = "一" + text  # 百余家, 千余名: a bare place word counts one of it
    if len(text) > 40:
        raise ValueError(f"not a number: {text[:40]!r}…")  # cn2an is slow on very long runs
    try:
        return float(cn2an.cn2an(text, "smart"))
    except Exception as e:  # cn2an raises bare ValueError/KeyError variants
        raise ValueError(f"not a number: {text!r}") from e


def split_multiplier(numeral: str, mult: str | None) -> tuple[str, str]:
    """二百一十八亿 → (二百一十八, 亿): a Chinese numeral's trailing 万/亿 is its multiplier."""
    if mult or re.fullmatch(ARABIC, numeral) or re.search(r"\d", numeral):
        return numeral, mult or ""  # a mixed numeral (1万5千) is read whole
    m = re.fullmatch(r"(.+?)(万亿|亿|万)", numeral)
    if m and m.group(1)[-1] not in "万亿":
        return m.group(1), m.group(2)
    return numeral, ""


def value_of(numeral: str, mult: str) -> tuple[float, float]:
    """(value as written, value × multiplier)."""
    value = parse_numeral(numeral)
    factor = multipliers().get(mult, 1) if mult else 1
    try:  # 570.3亿 is 57030000000, not 57029999999.99999
        return value, _round(float(Decimal(repr(value)) * factor))
    except (InvalidOperation, OverflowError, ValueError):
        return value, _round(value * factor)


def _round(x: float) -> float:
    r = round(x, 6)
    return float(int(r)) if r == int(r) else r
