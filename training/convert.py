"""Convert CLUENER2020, MSRA and Resume NER into spaCy DocBins with the five fazhi labels.

A record is ``(text, [(start, end, label), ...])`` with END-EXCLUSIVE character offsets.
The label ``"-"`` marks a span whose tokens are *missing* annotation (neither entity nor O),
so the model is not taught that e.g. a CLUENER book title or an MSRA job title is "outside".
All label decisions live in ``label_rules.json`` (data, not code).

Every doc also records the annotation guideline its labels follow (``doc._.ner_guideline``: the
corpus it came from; ``guidelines.py``).
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from pipeline.ner.guidelines import GUIDELINE
from pipeline.version import file_sha256, matching_stamp
from training.augment import name_lists
from training.corpus import GUIDELINES
from training.rules import MISSING, check_rules

Span = tuple[int, int, str]
Record = tuple[str, list[Span]]

RULES_PATH = Path(__file__).with_name("label_rules.json")
# Bump when the DocBins' content changes for reasons other than the sources or the rules, so a
# cached conversion made by older code is rebuilt. 2: docs carry their guideline.
DOCBIN_FORMAT = 2

# Source files, relative to the data dir (e.g. /work/shared/data).
SOURCES = {
    "cluener_train": "cluener2020/train.json",
    "cluener_dev": "cluener2020/dev.json",
    "msra_train": "msra_ner/train.bio.gz",
    "msra_test": "msra_ner/test.bio",
    "resume_train": "resume_ner/train.char.bmes",
    "resume_dev": "resume_ner/dev.char.bmes",
    "resume_test": "resume_ner/test.char.bmes",
}


def load_rules(path: Path = RULES_PATH) -> dict:
    """label_rules.json, checked (training/rules.py): a malformed rule fails before any conversion."""
    return check_rules(json.loads(Path(path).read_text(encoding="utf-8")), Path(path).name)


def default_cache_dir() -> Path:
    # Overridable so CI / other users can keep the DocBins elsewhere.
    return Path(os.environ.get("FAZHI_NER_CACHE", Path.home() / ".cache" / "fazhi" / "ner"))


def blank_nlp() -> Language:
    """The tokenizer the model is trained and run with: one token per character."""
    cfg = {"nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "char"}}}
    return spacy.blank("zh", config=cfg)


# ---------------------------------------------------------------- readers (raw labels)


def read_cluener(path: Path) -> Iterator[Record]:
    """CLUENER JSONL; its offsets are END-INCLUSIVE, so +1 on the end."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            spans = [
                (start, end + 1, label)
                for label, surfaces in (rec.get("label") or {}).items()
                for offsets in surfaces.values()
                for start, end in offsets
            ]
            yield rec["text"], sorted(spans)


def tags_to_spans(tags: list[str]) -> list[Span]:
    """BIO or BMES tags -> spans. A stray I-/M-/E- with no open entity starts a new one."""
    spans: list[Span] = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, lab = tag.partition("-")
        continues = prefix in ("I", "M", "E") and label == lab and start is not None
        if not continues and start is not None:
            spans.append((start, i, label))
            start, label = None, None
        if prefix in ("B", "S") or (prefix in ("I", "M", "E") and start is None):
            start, label = i, lab
        if prefix in ("E", "S") and start is not None:
            spans.append((start, i + 1, label))
            start, label = None, None
    return spans


def read_columns(path: Path, sep: str | None = None) -> Iterator[Record]:
    """One ``char<sep>tag`` per line, blank line between sentences (MSRA BIO, Resume BMES)."""
    opener = gzip.open if str(path).endswith(".gz") else open
    chars: list[str] = []
    tags: list[str] = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                if chars:
                    yield "".join(chars), tags_to_spans(tags)
                chars, tags = [], []
                continue
            char, tag = _split_column(line, sep)
            chars.append(char)
            tags.append(tag)
    if chars:
        yield "".join(chars), tags_to_spans(tags)


def _split_column(line: str, sep: str | None) -> tuple[str, str]:
    # The character itself may be a space-like symbol, so split on the LAST separator.
    idx = line.rfind(sep) if sep else max(line.rfind(" "), line.rfind("\t"))
    char = line[:idx] or " "
    return char[0], line[idx + 1 :].strip()


# ---------------------------------------------------------------- label mapping


def gov_or_org(surface: str, rules: dict) -> str:
    """Deliberate suffix/prefix rule that splits a generic ORG into GOV vs ORG."""
    split = rules["gov_org_split"]
    if any(surface.endswith(s) for s in split["org_suffix_exceptions"]):
        return "ORG"
    if any(surface.endswith(s) for s in split["gov_suffixes"]):
        return "GOV"
    if any(surface.startswith(p) for p in split["gov_prefixes"]):
        return "GOV"
    return "ORG"


def map_record(record: Record, table: dict[str, str], rules: dict) -> Record:
    """Raw labels -> fazhi labels; ``O`` spans are dropped, ``-`` kept as missing."""
    text, spans = record
    out = []
    for start, end, raw in spans:
        label = table.get(raw, "O")
        if label == "GOV|ORG":
            label = gov_or_org(text[start:end], rules)
        if label != "O":
            out.append((start, end, label))
    return text, out


def merge_place_gov(record: Record, suffixes: list[str]) -> Record:
    """LOC directly followed by a government word (北京市|政府) -> one GOV span (北京市政府)."""
    text, spans = record
    ordered = sorted(suffixes, key=len, reverse=True)
    starts = {s for s, _, _ in spans}
    out = []
    for start, end, label in spans:
        suffix = next((x for x in ordered if text.startswith(x, end)), "") if label == "LOC" else ""
        if suffix and not any(end <= s < end + len(suffix) for s in starts):  # never over another span
            out.append((start, end + len(suffix), "GOV"))
        else:
            out.append((start, end, label))
    return text, out


def build_title_lexicon(records: Iterable[Record], min_len: int = 2, min_count: int = 2) -> set[str]:
    counts = Counter(text[s:e] for text, spans in records for s, e, lab in spans if lab == "TITLE")
    return {t for t, n in counts.items() if len(t) >= min_len and n >= min_count}


def title_mask_label(rules: dict) -> str:
    """What MSRA text matching the title lexicon is taught as: missing unless the rules say TITLE.
    The rules are checked here too, for callers that built them without load_rules."""
    return check_rules(rules)["title_mask"].get("teach_as", MISSING)


def mask_titles(record: Record, lexicon: set[str], label: str = MISSING) -> Record:
    """Give lexicon title strings outside entities `label`: missing by default (MSRA never labels
    titles), or TITLE to teach them outright."""
    text, spans = record
    if not lexicon:
        return record
    taken = [False] * len(text)
    for s, e, _ in spans:
        taken[s:e] = [True] * (e - s)
    longest = max(map(len, lexicon))
    extra, i = [], 0
    while i < len(text):
        hit = next(
            (
                n
                for n in range(min(longest, len(text) - i), 1, -1)
                if text[i : i + n] in lexicon and not any(taken[i : i + n])
            ),
            0,
        )
        if hit:
            extra.append((i, i + hit, label))
        i += hit or 1
    return text, sorted(spans + extra)


# ---------------------------------------------------------------- Doc building


def drop_overlaps(spans: list[Span]) -> list[Span]:
    """Keep entities over missing spans, then longer over shorter (spaCy ents can't overlap)."""
    ranked = sorted(spans, key=lambda s: (s[2] == MISSING, -(s[1] - s[0]), s[0]))
    kept: list[Span] = []
    for span in ranked:
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def record_to_doc(nlp: Language, record: Record, guideline: str | None = None) -> Doc:
    text, spans = record
    doc = nlp.make_doc(text)
    doc._.set(GUIDELINE, guideline)
    ents, missing = [], []
    for start, end, label in drop_overlaps(spans):
        span = doc.char_span(start, end, label=label if label != MISSING else "", alignment_mode="expand")
        if span is None or not len(span):
            continue
        (missing if label == MISSING else ents).append(span)
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def write_docbin(nlp: Language, records: Iterable[tuple[Record, str]], path: Path) -> Counter:
    """Write (record, guideline) pairs to a DocBin and return label counts (for the manifest)."""
    db, counts = DocBin(store_user_data=True), Counter()
    for record, guideline in records:
        doc = record_to_doc(nlp, record, guideline)
        counts.update(e.label_ for e in doc.ents)
        counts["docs"] += 1
        db.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return counts


# ---------------------------------------------------------------- the whole conversion

EVAL_TABLES = {
    # Gold label schemes used for evaluation (see evaluate.py).
    "cluener_dev": {
        "name": "PER",
        "position": "TITLE",
        "government": "GOV",
        "organization": "ORG",
        "company": "ORG",
        "address": "LOC",
    },
    "msra_test": {"PER": "PER", "LOC": "LOC", "ORG": "ORG"},
    "resume_test": {"NAME": "PER", "TITLE": "TITLE", "ORG": "ORG", "LOC": "LOC"},
}


def read_source(name: str, data_dir: Path) -> list[Record]:
    path = Path(data_dir) / SOURCES[name]
    if name.startswith("cluener"):
        return list(read_cluener(path))
    return list(read_columns(path, "\t" if name.startswith("msra") else " "))


def split_dev(records: list[Record], n_dev: int, seed: int) -> tuple[list[Record], list[Record]]:
    """Seeded hold-out: CLUENER dev / MSRA test stay untouched for evaluation."""
    idx = list(range(len(records)))
    random.Random(seed).shuffle(idx)
    dev = set(idx[:n_dev])
    return [r for i, r in enumerate(records) if i not in dev], [records[i] for i in sorted(dev)]


def training_records(data_dir: Path, rules: dict, seed: int, cluener_repeat: int = 2):
    """Mapped (train, dev) lists of (record, guideline) from the three corpora."""
    clu = [map_record(r, rules["cluener"], rules) for r in read_source("cluener_train", data_dir)]
    gov_words = rules["msra_place_gov"]["suffixes"]
    msra = [
        merge_place_gov(map_record(r, rules["msra"], rules), gov_words)
        for r in read_source("msra_train", data_dir)
    ]
    res = [map_record(r, rules["resume"], rules) for r in read_source("resume_train", data_dir)]
    res_dev = [map_record(r, rules["resume"], rules) for r in read_source("resume_dev", data_dir)]
    clu_train, clu_dev = split_dev(clu, 500, seed)
    msra_train, msra_dev = split_dev(msra, 1000, seed)
    mask = rules["title_mask"]
    titles = build_title_lexicon(clu_train + res, mask["min_len"], mask["min_count"])
    taught_as = title_mask_label(rules)
    msra_train = [mask_titles(r, titles, taught_as) for r in msra_train]
    lists = name_lists(clu_train + msra_train + res, rules["name_lists"], seed)
    # Names are tagged alike in all three corpora: the lists are spread over their guidelines.
    rng = random.Random(seed)
    lists_guided = [(r, rng.choice(sorted(set(GUIDELINES.values())))) for r in lists]
    # CLUENER is the closest domain to government news and much smaller than MSRA: repeat it.
    train = (
        _guided(clu_train, "cluener_train") * cluener_repeat
        + _guided(msra_train, "msra_train")
        + _guided(res, "resume_train")
        + lists_guided
    )
    random.Random(seed).shuffle(train)
    dev = _guided(clu_dev, "cluener_train") + _guided(msra_dev, "msra_train") + _guided(res_dev, "resume_dev")
    return train, dev, len(titles)


def _guided(records: list[Record], source: str) -> list[tuple[Record, str]]:
    return [(r, GUIDELINES[source]) for r in records]


def convert_all(
    data_dir: Path, cache_dir: Path | None = None, seed: int = 0, force: bool = False, cluener_repeat: int = 2
) -> dict:
    """Build train/dev/eval DocBins under cache_dir; returns (and saves) the manifest."""
    cache_dir = Path(cache_dir or default_cache_dir())
    manifest_path = cache_dir / "manifest.json"
    hashes = {SOURCES[k]: file_sha256(Path(data_dir) / SOURCES[k]) for k in SOURCES}
    inputs = {
        "sources": hashes,
        "rules_sha256": file_sha256(RULES_PATH),
        "seed": seed,
        "cluener_repeat": cluener_repeat,
        "docbin_format": DOCBIN_FORMAT,
    }
    old = None if force else matching_stamp(manifest_path, inputs)
    if old is not None:
        return old  # nothing changed: reuse the cached DocBins
    rules, nlp = load_rules(), blank_nlp()
    train, dev, n_titles = training_records(Path(data_dir), rules, seed, cluener_repeat)
    counts = {
        "train": write_docbin(nlp, train, cache_dir / "train.spacy"),
        "dev": write_docbin(nlp, dev, cache_dir / "dev.spacy"),
    }
    for name, table in EVAL_TABLES.items():
        recs = [map_record(r, table, rules) for r in read_source(name, data_dir)]
        counts[name] = write_docbin(nlp, _guided(recs, name), cache_dir / f"{name}.spacy")
    manifest = {
        "data_dir": str(data_dir),
        **inputs,
        "title_lexicon_size": n_titles,
        "counts": {k: dict(v) for k, v in counts.items()},
    }
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest
