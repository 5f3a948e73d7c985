"""Pydantic models of the rule data files, checked when a file is loaded.

A bad file fails with one line naming the file, the rule and the field (``RuleFileError``); the
loaders keep using the parsed YAML as before, so a valid file behaves exactly as without the check.
Files covered: every YAML rule file of the package (boilerplate, html_body, metadata, radicals,
regulations, metrics, period, scope, places, titles, indicators, confidence and the registry's
code_rules); the .txt lexicons are word lists read line by line.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    ValidationError,
    field_validator,
    model_validator,
)

RULE_ID = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$"
RuleId = Field(pattern=RULE_ID, description="Dotted lower-case id")


class RuleFileError(ValueError):
    """A rule file that does not fit its model: the message is one line."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class LineRule(_Strict):
    """A regex matched against one stripped line (boilerplate lines, HTML body trims)."""

    id: str = RuleId
    pattern: str
    max_len: int | None = Field(None, gt=0)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, v: str) -> str:
        return _regex(v)


class BoilerplateRule(LineRule):
    scope: Literal["line", "tail"]


class PatternRule(_Strict):
    """An id'd regex; ``{verbs}`` stands for the issuing verbs (regulations.yaml)."""

    id: str = RuleId
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, v: str) -> str:
        _regex(v.replace("{verbs}", "x"))
        return v


class CategoryRule(PatternRule):
    category: str = Field(min_length=1)
    needs_place: bool = False


class Metric(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    units: list[str] = Field(min_length=1)
    any_: list[str] = Field(alias="any", min_length=1)
    all_: list[str] = Field(default_factory=list, alias="all")
    not_: list[str] = Field(default_factory=list, alias="not")
    context: list[str] = Field(default_factory=list)
    as_: str | None = Field(None, alias="as")


class _RuleFile(BaseModel):
    """A whole file: its id'd sections are typed, its word lists left as they are."""

    model_config = ConfigDict(extra="allow")

    @model_validator(mode="after")
    def _unique_ids(self):
        seen: set[str] = set()
        for name in type(self).model_fields:
            value = getattr(self, name)
            for rule in value if isinstance(value, list) else ():
                if not isinstance(rule, BaseModel):
                    continue
                if rule.id in seen:
                    raise ValueError(f"duplicate id: {rule.id}")
                seen.add(rule.id)
        return self


class BoilerplateFile(_RuleFile):
    rules: list[BoilerplateRule]


class HtmlBodyFile(_RuleFile):
    head: list[LineRule]
    stop: list[LineRule]
    org_endings: Words = Field(min_length=1)
    site_name_endings: Words = Field(min_length=1)


class RegulationsFile(_RuleFile):
    unbracketed_titles: list[PatternRule]
    category_rules: list[CategoryRule]
    title_suffixes: list[str] = Field(min_length=1)
    bare_laws: list[str]
    titles_with_place: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_place_rules(self):
        ids = {r.id for r in self.unbracketed_titles}
        bad = [i for i in self.titles_with_place if i not in ids]
        if bad:
            raise ValueError(f"titles_with_place: names no unbracketed title: {', '.join(bad)}")
        return self


class MetricsFile(_RuleFile):
    metrics: list[Metric] = Field(min_length=1)
    change_words: list[str]
    share_words: list[str]
    follow_pattern: str

    @field_validator("follow_pattern")
    @classmethod
    def _compiles(cls, v: str) -> str:
        return _regex(v)


Words = list[str]


class DateLabels(_Strict):
    strong: Words
    weak: Words


class MetadataFile(_RuleFile):
    date_labels: DateLabels
    title_labels: Words
    field_label_endings: Words
    source_labels: Words
    author_labels: Words
    not_author_labels: Words
    source_trailers: Words
    account_trailers: Words = []
    table_labels: Words = []
    event_labels: Words = []
    lead_words: Words = []
    org_name_words: Words = []
    event_endings: Words = []
    not_sources: Words
    outlet_suffixes: Words
    self_outlets: Words
    org_suffixes: Words
    area_suffixes: Words
    headline_verbs: Words
    attendance_verbs: Words
    doc_types: Words
    salutations: Words
    body_openers: Words = []
    menu_words: Words
    not_title: list[LineRule]

    @field_validator("salutations", "body_openers")
    @classmethod
    def _compile_all(cls, v: list[str]) -> list[str]:
        return [_regex(x) for x in v]


class PeriodFile(_RuleFile):
    plans: dict[str, int]
    relative_years: dict[str, int]
    year_parts: str
    unknown_pattern: str
    previous_year: Words
    not_before_previous: Words
    report_words: Words
    unknown: Words
    cumulative: Words
    from_words: Words

    @field_validator("year_parts", "unknown_pattern")
    @classmethod
    def _compiles(cls, v: str) -> str:
        return _regex(v)


class National(_Strict):
    name: str
    adcode: str = Field(pattern=r"^\d{6}$")
    level: str


class ScopeFile(_RuleFile):
    area_words: dict[str, Words]
    org_levels: dict[str, str]
    org_words: Words
    org_lead: Words
    national: National
    not_owner_before: Words
    not_owner_clause: str
    not_owner_after: Words
    private_subjects: Words
    company_words: Words
    quote_max: int = Field(gt=0)
    refine_gap: int = Field(ge=0)
    media_words: Words
    document_min_mentions: int = Field(gt=0)
    document_dominance: float = Field(gt=0)
    town_acts: Words

    @field_validator("not_owner_clause")
    @classmethod
    def _compiles(cls, v: str) -> str:
        return _regex(v)


class PlacesFile(_RuleFile):
    not_place_words: Words
    not_place_endings: Words
    word_tail_names: Words = []
    given_name_verbs: Words = []
    village_suffixes: Words = []
    village_name_ends: Words = []
    word_cut_min_freq: int = Field(gt=0)
    place_word_openers: Words
    country_pair_char: str = Field(min_length=1, max_length=1)
    byline_openers: Words
    outlet_suffixes: Words
    generic_district_names: Words
    list_same_county_min: int = Field(gt=0)
    feature_suffixes: Words
    list_below_county: Words = []
    stem_prepositions: Words = []
    stem_slogan_words: Words = []
    list_closers: Words


class ConfidenceFile(_RuleFile):
    confidence: dict[str, float] = Field(min_length=1)

    @field_validator("confidence")
    @classmethod
    def _ids_and_figures(cls, v: dict[str, float]) -> dict[str, float]:
        for key, figure in v.items():
            if not re.fullmatch(RULE_ID, key):
                raise ValueError(f"{key}: not a rule id or a leading part of one")
            if not 0 < figure <= 1:
                raise ValueError(f"{key}: {figure} is not in (0, 1]")
        return v


Word = Annotated[str, Field(min_length=1)]
Regex = Annotated[str, Field(min_length=1)]


class IndicatorsFile(_RuleFile):
    """indicators.yaml: units, qualifiers, vetoes' word lists and the metric reader's words."""

    units: dict[Word, list[Word]] = Field(min_length=1)
    bare_multiplier_units: dict[Word, list[Word]]
    noun_units: list[Word] = []
    new_statement_cues: list[Word] = []
    not_new_statement_cues: list[Word] = []
    range_separators: list[Word]
    multipliers: dict[Word, int]
    qualifiers_prefix: dict[Word, Word]
    not_qualifiers: list[Word]
    qualifiers_before_unit: dict[Word, Word]
    qualifiers_after_unit: dict[Word, Word]
    not_after: list[Word]
    not_before: list[Word]
    contact_before: list[Word] = []
    page_counter_labels: list[Word] = []
    threshold_classes: list[Word] = []
    policy_name_units: list[Word] = []
    rank_change_units: list[Word] = []
    rank_change_verbs: list[Word] = []
    policy_name_heads: list[Word] = []
    cn_quantity_cues: list[Word]
    one_count_cues: list[Word] = []
    duration_after_unit: list[Word]
    class_after_unit: list[Word]
    set_phrase_after_unit: list[Word] = []
    metric_trailing: list[Word]
    metric_duration: Regex
    share_verbs: list[Word]
    per_unit: Regex
    aside_totals: list[Word] = []
    metric_keep_endings: list[Word]
    comparison_words: list[Word]
    bare_changes: list[Word] = []
    bare_averages: list[Word] = []
    next_figure_verbs: list[Word]
    breakdown_levels: list[Word] = []
    breakdown_categories: list[Word] = []
    topic_figure_leads: list[Word] = []
    topic_predicates: list[Word] = []
    topic_measures: list[Word] = []
    rate_measures: list[Word] = []
    rate_leading: list[Word] = []
    size_units: list[Word] = []
    size_measures: list[Word] = []
    topic_not: list[Word] = []
    object_verbs: list[Word]
    light_verbs: list[Word]
    gathering_verbs: list[Word]
    gathered_determiners: list[Word]
    predicate_verbs: list[Word] = []
    clause_verbs: list[Word] = []
    clause_copulas: list[Word] = []
    forward_determiners: list[Word] = []
    inner_light_verbs: list[Word] = []
    head_noun_ends: list[Word] = []
    recipient_preps: list[Word] = []
    numbered_meetings: list[Word] = []
    year_volume_units: list[Word] = []
    adverb_numerals: list[Word] = []
    time_saving_verbs: list[Word] = []
    predicate_adverbs: list[Word] = []
    predicate_attributive_heads: list[Word] = []
    change_verbs: list[Word]
    metric_leading: list[Word]
    metric_leading_conjunctions: list[Word] = []
    conjunction_words: list[Word] = []
    metric_gaps: list[Word]
    paired_modifiers: list[Word]
    metric_aliases: dict[Word, Word]
    count_totals: list[Word]
    list_separators: list[Word]
    rank_verbs: list[Word] = Field(min_length=1)
    rank_tiers: list[Word] = Field(min_length=1)
    rank_ordinals: list[Word] = Field(min_length=1)
    rank_count_measures: list[Word] = Field(min_length=1)
    rank_ordinal_verbs: list[Word] = Field(min_length=1)
    rank_scopes: list[Word] = Field(min_length=1)
    rank_lists: Regex
    metric_stops: list[Word]
    metric_verbs: list[Word]
    soft_break_min_line: int = Field(gt=0)
    forward_words: list[Word]
    share_phrase: Regex
    cause_words: list[Word]
    forward_stops_inside: list[Word]
    measure_nouns: list[Word]
    single_nouns: list[Word] = []
    participant_verbs: list[Word]
    attributive_end_tags: list[Word]
    attributive_not_ends: list[Word]
    attributive_verbs: list[Word]
    subject_totals: list[Word]
    subject_total_words: list[Word]
    leading_kept: list[Word]
    point_nouns: list[Word]
    list_nouns: list[Word] = []
    forward_heads: list[Word] = []
    forward_heads_not: list[Word] = []
    article_units: list[Word] = []
    metric_fillers: list[Word] = []
    head_modifiers: list[Word] = []
    context_units: list[Word] = []
    rank_bare_verbs: list[Word] = []
    score_words: list[Word]
    score_not_after: list[Word]

    @field_validator("metric_duration", "per_unit", "share_phrase", "rank_lists")
    @classmethod
    def _compiles(cls, v: str) -> str:
        return _regex(v)

    @field_validator("multipliers")
    @classmethod
    def _powers_of_ten(cls, v: dict[str, int]) -> dict[str, int]:
        for word, n in v.items():
            if n < 10 or str(n).rstrip("0") != "1":
                raise ValueError(f"{word}: {n} is no power of ten")
        return v

    @model_validator(mode="after")
    def _known_base_units(self):
        bad = [u for u in self.bare_multiplier_units if u not in self.units]
        if bad:
            raise ValueError(f"bare_multiplier_units: names no base unit of units: {', '.join(bad)}")
        surfaces = {s for forms in self.units.values() for s in forms}
        if bad := [u for u in self.noun_units if u not in surfaces]:
            raise ValueError(f"noun_units: not a unit's surface form: {', '.join(bad)}")
        return self


class RadicalsFile(RootModel[dict[Annotated[str, Field(min_length=1, max_length=1)], str]]):
    """radicals.yaml: one radical look-alike character → the one standard character."""

    @model_validator(mode="after")
    def _one_character_each(self):
        for variant, standard in self.root.items():
            if len(standard) != 1 or standard == variant:
                raise ValueError(f"{variant}: maps to {standard!r}, not to one other character")
        return self


class CodeRule(_Strict):
    id: str = RuleId
    kind: Literal["producer", "veto", "filter", "classifier", "repair", "metric"]
    file: str = Field(pattern=r"^pipeline/[\w/]+\.py$")
    description: str = Field(min_length=1)
    variants: list[str] = Field(default_factory=list)


class CodeRulesFile(_RuleFile):
    """rules_registry/code_rules.yaml: the ids of the rules whose logic is Python."""

    variants: dict[str, str]
    rules: list[CodeRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_variants(self):
        for rule in self.rules:
            bad = [v for v in rule.variants if v not in self.variants]
            if bad:
                raise ValueError(f"rule {rule.id}: variants: {bad[0]} is not under variants")
        return self


class TitlesFile(_RuleFile):
    base: Words = Field(min_length=1)
    prefixes: Words
    party_units: Words
    not_officials: Words
    after_name: Words
    glued_after_name: Words = []
    verbs_after_name: Words = []
    title_asides: Words = []
    org_suffix_chars: Words = []
    not_after_title: Words
    chain_org_endings: Words = Field(min_length=1)
    unit_endings: Words = Field(min_length=1)
    bureau_endings: Words = Field(min_length=1)
    needs_body: Words = []
    body_endings: Words = []
    collective_unit_chars: Words = []
    not_given_names: Words = []
    collective_after_words: Words = []
    government_unit_ends: Words = []
    visit_verbs: Words = []
    province_abbreviations: Words = []


MODELS: dict[str, type[BaseModel]] = {
    "boilerplate.yaml": BoilerplateFile,
    "html_body.yaml": HtmlBodyFile,
    "metadata.yaml": MetadataFile,
    "regulations.yaml": RegulationsFile,
    "metrics.yaml": MetricsFile,
    "period.yaml": PeriodFile,
    "scope.yaml": ScopeFile,
    "places.yaml": PlacesFile,
    "titles.yaml": TitlesFile,
    "confidence.yaml": ConfidenceFile,
    "indicators.yaml": IndicatorsFile,
    "radicals.yaml": RadicalsFile,
    "code_rules.yaml": CodeRulesFile,
}


def check(file_name: str, data: object, where: str | None = None) -> object:
    """``data`` unchanged when it fits the model of ``file_name`` (files without one pass as they
    are); else RuleFileError: ``<file>: rule <id>: <field>: <problem>`` on one line."""
    model = MODELS.get(file_name)
    if model is None:
        return data
    if not isinstance(data, dict):
        got = type(data).__name__
        raise RuleFileError(f"{where or file_name}: expected a mapping of sections, got {got}")
    try:
        model.model_validate(data)
    except ValidationError as e:
        raise RuleFileError(_one_line(where or file_name, data, e.errors()[0])) from None
    return data


def _one_line(where: str, data: dict, error: dict) -> str:
    loc = [p for p in error.get("loc", ()) if p != "[key]"]  # a bad key of a mapping: the key names it
    rule = ""
    if len(loc) >= 2 and isinstance(loc[1], int):  # section, index, field…
        entry = (data.get(loc[0]) or [None] * (loc[1] + 1))[loc[1]]
        if isinstance(entry, dict):
            rule = f"rule {entry.get('id') or f'{loc[0]}[{loc[1]}]'}: "
            loc = loc[2:]
        else:  # an item of a word list
            loc = [f"{loc[0]}[{loc[1]}]", *loc[2:]]
    msg = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    if not loc and "duplicate id: " in msg:  # raised by the whole file's check
        rule, loc, msg = f"rule {msg.split('duplicate id: ')[1]}: ", ["id"], "a second rule has this id"
    if not loc:  # a check of the whole file: its message starts with the rule or the field
        return f"{where}: {msg}".replace("\n", " ")
    field = ".".join(str(p) for p in loc)
    return f"{where}: {rule}{field}: {msg}".replace("\n", " ")


def _regex(v: str) -> str:
    try:
        re.compile(v)
    except re.error as e:
        raise ValueError(f"bad regex: {e}") from None
    return v


def check_file(path) -> object:
    """Read one rule file from disk and check it (for a file edited outside the package)."""
    from pathlib import Path

    import yaml  # the tables' schemas need no YAML: imported here only

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise RuleFileError(f"{path}: unreadable: {str(e).splitlines()[0]}") from None
    return check(path.name, data, str(path))
