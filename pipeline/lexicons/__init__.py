"""Shared lexicons (data files beside this module) and the checks built on them."""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

_NOT_IN_NAMES = set(
    "市县省区局委厅部处科室办院会党政府的在和与及是了为对把将从向以等各全本我该其中年月日员兼也还说称两"
)  # 兼 joins titles (王储兼首相); 也还说称以 follow names (卢拉也向, 赖德称, 杜伟以…身份); 中伊两国外长
# ... of which these are also common given-name chars (袁登全, 刘向前, 李政, 张琼月): allowed
# where the name is bounded on both sides (a title or a label before it, punctuation or a verb after it)
_LOOSE_IN_NAMES = set("全向政月中")
# ... and these too in a byline, after a reporter's label or in a dateline's brackets (潘从武, 李从军, 赵院刚,
# 刘科, 王以照)
_BYLINE_LOOSE = set("从院科以")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
# one-character function words that stand before names and places (和王伟, 在内蒙古)
FUNCTION_CHARS = frozenset("和与是的在对向同及由请被把将给让为应")


def read_words(name: str) -> list[str]:
    """Whitespace-separated words of a lexicon file; ``#`` starts a comment line."""
    text = resources.files("pipeline.lexicons").joinpath(name).read_text("utf-8")
    return [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset(read_words("surnames.txt"))


@lru_cache(maxsize=1)
def rare_surnames() -> frozenset[str]:
    """Surnames read only where a label or a title bounds the name (代建新, 可晓林)."""
    return frozenset(read_words("rare_surnames.txt"))


@lru_cache(maxsize=1)
def _bounded_surnames() -> frozenset[str]:
    return surnames() | rare_surnames()


@lru_cache(maxsize=1)
def compound_surnames() -> frozenset[str]:
    """欧阳, 司马, 诸葛…: a name starting with one may run to four characters (欧阳明辉)."""
    return frozenset(s for s in surnames() if len(s) == 2)


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    return frozenset(read_words("not_names.txt"))


@lru_cache(maxsize=1)
def _ethnic_parts() -> tuple[frozenset[str], int]:
    parts = frozenset(read_words("ethnic_name_parts.txt"))
    return parts, max(map(len, parts))


def ethnic_name_ends(text: str, start: int, max_parts: int = 4) -> list[int]:
    """Where a Tibetan or Mongolian name (no surname) starting at ``start`` may end: after each
    element of ``ethnic_name_parts.txt`` read longest first (扎西|次仁, 乌兰|其其格), once the name
    has two elements or three characters (巴特尔); the longest reading comes first."""
    parts, longest = _ethnic_parts()
    ends, i = [], start
    for _ in range(max_parts):
        n = next((n for n in range(longest, 1, -1) if i + n <= len(text) and text[i : i + n] in parts), 0)
        if not n:
            break
        i += n
        if ends or i - start >= 3:
            ends.append(i)
    if not ends and i - start == 2 and text[i : i + 1] == "、":
        ends.append(i)  # 副主任坚参、江白: one element is a whole name when a list goes on after it
    pair = text[i : i + 2]  # 才仁|郎公: one known element, then one the list lacks
    if (
        not ends
        and i - start == 2
        and _HAN_NAME.fullmatch(pair)
        and pair not in common_words(1)
        and pair not in not_names()
    ):
        ends.append(i + 2)
    return ends[::-1]


_BODY_ENDS = frozenset("区县市镇乡村州省局院所厅委办")  # 高新|区: a place or a body, not a given name


def is_person_name(text: str, bounded: bool = False, labelled: bool = False) -> bool:
    """A plausible full Chinese name: known surname + 1-2 given-name characters, not a common word;
    ``bounded`` (the caller saw a title or list before it and its end after it) also allows the
    given-name chars of ``_LOOSE_IN_NAMES`` and a three-character name opening with a word of
    ``not_names`` (黄金|龙); ``labelled`` (a byline's label before it: 记者黄河清)
    allows a name whose first two chars are a word of ``not_names`` (黄河)."""
    if not _HAN_NAME.fullmatch(text) or text in not_names():
        return False
    if (
        text[:2] in not_names()
        and not labelled
        and not (bounded and len(text) == 3 and text[2] not in _BODY_ENDS)
    ):
        return False  # 黄河 is no name; 市委副书记黄金龙主持 is (a title before it, a boundary after)
    if len(text) == 3 and text[0] in _LOOSE_IN_NAMES and text[1:] in common_words(1000):
        return False  # 校长|全覆盖: a function char and a common word, no surname and given name
    if len(text) == 3 and text[1:] in _countries():
        return False  # 主席国|中国, 总统国|印尼: a country, no given name
    sn = _bounded_surnames() if bounded else surnames()
    barred = _NOT_IN_NAMES - _LOOSE_IN_NAMES if bounded else _NOT_IN_NAMES
    if labelled:
        barred = barred - _BYLINE_LOOSE  # 本报记者 潘从武: a byline's label and break bound it more
    for k in (2, 1):
        if text[:k] in sn and 1 <= len(text) - k <= 2:
            return not (set(text[k:]) & barred)
    return False


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    from pipeline.extract.gazetteer import read_countries  # the extractors import this module

    return read_countries() | {"中国"}


def jieba_dict() -> Path:
    """jieba's ``dict.txt``: word, frequency and part-of-speech tag per line."""
    spec = importlib.util.find_spec("jieba")  # its folder: importing jieba costs ~0.15 s (pkg_resources)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the word lexicon needs the jieba package: pip install jieba")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


@lru_cache(maxsize=4)
def tagged_words(tag: str, min_len: int) -> frozenset[str]:
    """Words of jieba's dictionary with part-of-speech ``tag`` (``ns``: place) and at least ``min_len``
    characters."""
    with jieba_dict().open(encoding="utf-8") as lines:
        return frozenset(w for w, _, pos in map(str.split, lines) if pos == tag and len(w) >= min_len)


@lru_cache(maxsize=1)
def _word_tables() -> tuple[dict[str, tuple[int, str]], frozenset[str]]:
    """jieba's dictionary read once: its two-character words with their frequencies and parts of
    speech, and its three- and four-character words."""
    two: dict[str, tuple[int, str]] = {}
    longer: set[str] = set()
    with jieba_dict().open(encoding="utf-8") as lines:
        for w, freq, pos in map(str.split, lines):
            if len(w) == 2:
                two[w] = (int(freq), pos)
            elif 3 <= len(w) <= 4:
                longer.add(w)
    return two, frozenset(longer)


def _two_char_words() -> dict[str, tuple[int, str]]:
    """The two-character words of jieba's dictionary with their frequencies and parts of speech."""
    return _word_tables()[0]


def long_words() -> frozenset[str]:
    """The three- and four-character words of jieba's dictionary (无人驾驶, 居民自治)."""
    return _word_tables()[1]


def word_entry(word: str) -> tuple[int, str] | None:
    """The frequency and part of speech jieba's dictionary gives a two-character word, or None."""
    return _two_char_words().get(word)


def word_tag(word: str) -> str | None:
    """The part of speech jieba's dictionary gives a two-character word (制作 → vn), or None."""
    entry = word_entry(word)
    return entry[1] if entry else None


@lru_cache(maxsize=4)
def common_words(min_freq: int) -> frozenset[str]:
    """Two-character words of jieba's dictionary used at least ``min_freq`` times: a "name" that cuts
    one of them in half (出任|德国, 社|会长) is not a name."""
    return frozenset(w for w, (freq, _) in _two_char_words().items() if freq >= min_freq)


@lru_cache(maxsize=4)
def common_non_names(min_freq: int) -> frozenset[str]:
    """Two-character words used at least ``min_freq`` times whose part of speech is no proper noun
    (官邸, 时任): after or before a title they are not a person's name. Names tagged nr/ns/nz/nt stay."""
    proper = ("nr", "ns", "nz", "nt")
    return frozenset(
        w for w, (freq, pos) in _two_char_words().items() if freq >= min_freq and not pos.startswith(proper)
    )


def starts_inside_word(text: str, start: int, words: frozenset[str]) -> bool:
    """text[start] ends a word begun by the character before it (出任|德国: 任), unless that character
    is a function word (在|内蒙古, not 在内) or already ends a word of its own (落实|习近平, not 实习)."""
    return (
        start > 0
        and text[start - 1] not in FUNCTION_CHARS
        and text[start - 1 : start + 1] in words
        and text[max(0, start - 2) : start] not in words
    )
