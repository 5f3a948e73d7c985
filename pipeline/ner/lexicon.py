"""The word lexicon the NER model's embedding reads (``features.LexiconFeatures``).

A lexicon.tsv holds "word<TAB>class[,class]" lines (training/lexicon.py builds it from jieba's
dictionary). The model reads it once, when training initialises it, and keeps the words inside its
weights: tagging uses only ``scan_index`` and ``match_words`` over the saved words.
"""

from __future__ import annotations

from pathlib import Path

CLASSES = ("PER", "LOC", "ORG", "GOV", "NZ", "W")  # W: any other word
# What models trained before `lexicon_classes` was a config setting see: no GOV class.
LEGACY_CLASSES = ("PER", "LOC", "ORG", "NZ", "W")


def scan_index(words) -> tuple[frozenset, int]:
    """What ``match_words`` needs besides the words: every prefix of 2+ chars of them (a scan stops
    as soon as its candidate is none of them) and the longest word's length."""
    return frozenset(w[:k] for w in words for k in range(2, len(w) + 1)), max(map(len, words), default=0)


def match_words(chars, words: dict, prefixes: frozenset, max_len: int):
    """(start, end, value) for every word of ``words`` at chars[start..end] (end inclusive, 2+ chars),
    overlapping matches included, in order of start then length; value is ``words[word]``."""
    n = len(chars)
    for start in range(n):
        candidate = chars[start]
        for end in range(start + 1, min(n, start + max_len)):
            candidate += chars[end]
            if candidate not in prefixes:
                break
            found = words.get(candidate)
            if found is not None:
                yield start, end, found


def read_lexicon(path: Path, classes: tuple[str, ...] | list[str] = LEGACY_CLASSES) -> dict[str, list[int]]:
    """lexicon.tsv -> {word: indices in ``classes`` of its classes}; classes not chosen are left out.

    A chosen class that no word has is an error: a typo in the config would otherwise train a model
    whose flags for it are always 0.
    """
    unknown = set(classes) - set(CLASSES)
    if unknown:
        raise ValueError(f"unknown lexicon classes {sorted(unknown)}; known: {CLASSES}")
    index = {cls: i for i, cls in enumerate(classes)}
    words: dict[str, list[int]] = {}
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            word, _, field = line.rstrip("\n").partition("\t")
            names = field.split(",")
            if not word or not all(name in CLASSES for name in names):
                raise ValueError(
                    f"{path}:{line_no}: expected 'word<TAB>class[,class]' with classes in {CLASSES}"
                )
            chosen = [index[name] for name in names if name in index]
            if chosen:
                words[word] = chosen
    seen = {i for chosen in words.values() for i in chosen}
    missing = [cls for cls, i in index.items() if i not in seen]
    if missing:
        raise ValueError(f"{path}: no word has the lexicon classes {missing}")
    return words
