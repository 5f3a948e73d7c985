"""Loading rule files (``extract/data/*.yaml``) and the version hash of all rules."""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache
from importlib import resources

import yaml

from schemas.rules import check

RULE_PACKAGES = ("pipeline.extract", "pipeline.clean", "pipeline.lexicons")


def alternation(words) -> str:
    """Regex alternation of literal words, longest first (so 副书记 wins over 书记)."""
    return _alternation(tuple(words))


@lru_cache(maxsize=256)
def _alternation(words: tuple[str, ...]) -> str:
    # cached: rules build patterns from the same word lists once per call, per document
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def first_chars(words) -> re.Pattern:
    """A character class of the first characters of ``words`` (for ``finditer_from``)."""
    return re.compile("[" + "".join(sorted({re.escape(w[0]) for w in words if w})) + "]")


def finditer_from(pattern: re.Pattern, starts: re.Pattern, text: str):
    """``pattern.finditer(text)`` for a pattern whose every match begins with a char of ``starts``:
    the pattern is tried only where such a char stands. Same matches: a match can begin nowhere
    else, and after one the search goes on from its end. Python's re tries a long alternation
    behind an optional prefix (中华人民共和国?) branch by branch at every char of the text."""
    pos = 0
    while (s := starts.search(text, pos)) is not None:
        m = pattern.match(text, s.start())
        if m is None:
            pos = s.start() + 1
            continue
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1


def occurrences(word: str, text: str, start: int = 0):
    """Start of each non-overlapping occurrence of ``word`` in ``text`` from ``start``, left to
    right (str.find: a regex per word would thrash re's pattern cache)."""
    i = text.find(word, start)
    while i >= 0 and word:
        yield i
        i = text.find(word, i + len(word))


@cache
def load(name: str) -> dict:
    text = resources.files("pipeline.extract").joinpath(f"data/{name}.yaml").read_text("utf-8")
    return check(f"{name}.yaml", yaml.safe_load(text), f"pipeline/extract/data/{name}.yaml")


@cache
def confidence(rule: str) -> float:
    """The confidence of what ``rule`` made (``data/confidence.yaml``): the figure of the longest
    key that is the rule's id or a leading part of it, cut at a dot or a colon."""
    table = load("confidence")["confidence"]
    keys = [k for k in table if rule == k or rule.startswith((f"{k}.", f"{k}:"))]
    if not keys:
        raise KeyError(f"pipeline/extract/data/confidence.yaml: no confidence for rule {rule}")
    return table[max(keys, key=len)]


@lru_cache(maxsize=1)
def rules_version() -> str:
    """Hash of every rule and lexicon file: changes whenever a rule changes."""
    h = hashlib.sha256()
    for pkg in RULE_PACKAGES:
        root = resources.files(pkg)
        for sub in ("data", "."):
            folder = root.joinpath(sub)
            if not folder.is_dir():
                continue
            for f in sorted(folder.iterdir(), key=lambda p: p.name):
                if f.is_file() and f.name.endswith((".yaml", ".txt", ".json")):
                    h.update(f.name.encode())
                    h.update(f.read_bytes())
    return h.hexdigest()[:12]
