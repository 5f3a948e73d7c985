"""Extract stage: rules over clean text → mentions and entity rows for one document.

Order is deliberate: regulations first (their 《》 spans shield titles from the number rules),
then places, officials (they use the document's places), indicators and dates.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from pipeline import switches
from pipeline.extract import dates, indicators, officials, panel, places, regulations
from pipeline.extract.types import Extraction, Found


def extract(
    text: str,
    disabled: frozenset[str] = frozenset(),
    ner_spans: list[Found] | None = None,
    published: dt.date | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Extraction:
    """All extractors over one clean text, with the NER model's spans when given; ``disabled``
    rule ids are left out of the results; ``published`` (the document's date) gives yearless
    dates their year and 今年/去年 theirs; ``title`` and ``source`` tell the document's own area."""
    with switches.off(disabled):  # vetoes switched off do not act; producers' results are dropped
        result = _extract(text, ner_spans or [], published)
        result = _without(result, disabled) if disabled else result
        blocked = [(f.start, f.end) for f in result.mentions if f.label == "REGULATION"]
        result = panel.annotate(result, text, title, source, published, blocked)
        result.places, result.mentions = places.without_zones(result.places, result.mentions)
        return result


def _without(x: Extraction, disabled: frozenset[str]) -> Extraction:
    def keep(items):
        return [i for i in items if i.rule not in disabled]

    return Extraction(
        keep(x.mentions), keep(x.places), keep(x.officials), keep(x.regulations), keep(x.indicators), x.area
    )


def _extract(text: str, ner_spans: list[Found], published: dt.date | None = None) -> Extraction:
    regs, reg_mentions, titles = regulations.find(text)
    persons = [(f.start, f.end) for f in ner_spans if f.label == "PERSON"]
    resolved = places.resolve(places.find(text, persons))
    main = main_places(resolved)
    others = [(f.start, f.end, f.label) for f in ner_spans if f.label in ("PLACE", "GOV", "ORG", "TITLE")]
    offs, off_mentions = officials.find(
        text, main, persons, ner_method=ner_spans[0].rule if ner_spans else None, ner_others=others
    )
    resolved = places.outside_names(resolved, [s for o in offs for s in o.spans])  # 曾朝阳 is no 朝阳
    inds, ind_mentions = indicators.find(text, titles)
    date_mentions = dates.find(text, titles, published)
    mentions = reg_mentions + places.mentions(resolved) + off_mentions + ind_mentions + date_mentions
    taken = {(f.start, f.end, f.label) for f in mentions}
    mentions += [f for f in ner_spans if (f.start, f.end, f.label) not in taken]  # the model's own view
    mentions.sort(key=lambda f: (f.start, f.end, f.label))
    return Extraction(mentions, resolved, offs, regs, inds)


def main_places(resolved: list[places.ResolvedPlace]) -> dict[str, str]:
    """Most mentioned resolved place per level suffix (市, 县, 区, 省) of the document."""
    counts: dict[str, Counter] = {}
    for p in resolved:
        if p.division is None:
            continue
        suffix = p.name[-1] if p.name[-1] in "市县区省州" else None
        if p.level == "province":
            suffix = "省"
        if suffix:
            counts.setdefault(suffix, Counter())[p.name] += len(p.spans)
    return {suffix: c.most_common(1)[0][0] for suffix, c in counts.items()}
