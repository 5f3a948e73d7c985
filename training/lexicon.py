"""Word lexicon for the char NER model: which dictionary words start, continue or end at each char.

A character model has to learn word boundaries and word types from the labelled sentences alone.
A dictionary gives both for words it never saw labelled: jieba's ``dict.txt`` (MIT licence, shipped
in the ``jieba`` package) lists ~349k words with a frequency and a part-of-speech tag, and its tags
separate person names (nr, nrt, nrfg), places (ns), organisations (nt) and other proper nouns (nz).

``build_lexicon`` keeps words of ``min_len``..``max_len`` characters: every proper-noun word, and
other words seen at least ``min_freq_other`` times (rarer ones are mostly multi-word phrases; the
cut keeps the model under its 40 MB limit). A word gets one class from its tag; an organisation
(ORG) that the training labels' GOV/ORG rule (``convert.gov_or_org``) calls a government body is
GOV as well, so a model can use either flag. The embedding's config (``lexicon_classes``) chooses
which classes it sees. ``features.LexiconFeatures`` reads the file once, when training initialises
the model, and saves the words inside the model, so the shipped model needs neither jieba nor this
file.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.lexicons import jieba_dict
from pipeline.ner.lexicon import CLASSES
from pipeline.version import file_sha256, matching_stamp
from training.convert import gov_or_org

POS_CLASS = {"nr": "PER", "nrt": "PER", "nrfg": "PER", "ns": "LOC", "nt": "ORG", "nz": "NZ"}
SETTINGS = {"min_len": 2, "max_len": 10, "min_freq_other": 5}
LEXICON_FILE = "lexicon.tsv"
LEXICON_STAMP = "fazhi_lexicon.json"


def read_jieba_dict(
    path: Path, min_len: int, max_len: int, min_freq_other: int, rules: dict | None = None
) -> dict[str, tuple[str, ...]]:
    """word -> classes for the words kept by the settings (see the module docstring).

    rules: the NER label rules; with them an ORG word may be GOV as well (``gov_or_org``).
    """
    words: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            fields = line.split()
            if len(fields) != 3 or not fields[1].isdigit():
                raise ValueError(
                    f"{path}:{line_no}: expected 'word frequency tag', got {line.strip()[:60]!r}"
                )
            word, freq, tag = fields[0], int(fields[1]), fields[2]
            cls = POS_CLASS.get(tag, "W")
            if min_len <= len(word) <= max_len and (cls != "W" or freq >= min_freq_other):
                gov = cls == "ORG" and rules is not None and gov_or_org(word, rules) == "GOV"
                words[word] = (cls, "GOV") if gov else (cls,)
    return words


def build_lexicon(
    cache_dir: Path, source: Path | None = None, settings: dict | None = None, rules: dict | None = None
) -> Path:
    """Write (or reuse) cache_dir/lexicon.tsv ("word<TAB>class[,class]" lines, sorted); returns its path.

    rules: the NER label rules, whose GOV/ORG split marks government organisations GOV as well.
    Rebuilt only when the dictionary's hash, the settings or that split change (fazhi_lexicon.json).
    """
    settings = {**SETTINGS, **(settings or {})}
    source = Path(source) if source else jieba_dict()
    if not source.is_file():
        raise FileNotFoundError(f"lexicon source not found: {source}")
    out, stamp = Path(cache_dir) / LEXICON_FILE, Path(cache_dir) / LEXICON_STAMP
    record = {
        "source": source.name,
        "source_sha256": file_sha256(source),
        "settings": settings,
        "gov_org_split": rules["gov_org_split"] if rules else None,
    }
    if out.is_file() and matching_stamp(stamp, record) is not None:
        return out
    words = read_jieba_dict(source, **settings, rules=rules)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(f"{w}\t{','.join(c)}\n" for w, c in sorted(words.items())), encoding="utf-8")
    counts = {cls: sum(1 for c in words.values() if cls in c) for cls in CLASSES}
    stamp.write_text(
        json.dumps({**record, "n_words": len(words), "per_class": counts}, indent=2), encoding="utf-8"
    )
    return out


def lexicon_words(path: Path) -> list[str]:
    """Every word of a lexicon.tsv, whatever its classes."""
    with open(path, encoding="utf-8") as f:
        return [line.partition("\t")[0] for line in f if line.strip()]
