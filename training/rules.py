"""The shape of label_rules.json, checked before any conversion starts.

A typo in the rules (a mapped label that is not one of the five, a misspelt key, a negative count)
would otherwise train a stray label or silently drop a setting; here it is one line naming the key.
"""

from __future__ import annotations

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    PositiveInt,
    ValidationError,
    model_validator,
)

MISSING = "-"  # tokens left unannotated (not taught as O)
OUTSIDE = "O"
GOV_OR_ORG = "GOV|ORG"  # split by gov_org_split


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    doc: str = Field("", alias="_doc")


class GovOrgSplit(_Section):
    gov_suffixes: list[str] = Field(min_length=1)
    gov_prefixes: list[str]
    org_suffix_exceptions: list[str]


class PlaceGov(_Section):
    suffixes: list[str]


class TitleMask(_Section):
    min_len: PositiveInt
    min_count: PositiveInt
    teach_as: str = MISSING


class NameLists(_Section):
    count: NonNegativeInt
    min_names: PositiveInt
    max_names: PositiveInt
    min_len: PositiveInt
    max_len: PositiveInt
    separators: dict[str, float] = Field(min_length=1)
    annotation_rate: float = Field(ge=0, le=1)
    annotations: list[str]

    @model_validator(mode="after")
    def _ranges(self) -> NameLists:
        if self.min_names > self.max_names or self.min_len > self.max_len:
            raise ValueError("min_names/min_len must not exceed max_names/max_len")
        if any(w < 0 for w in self.separators.values()) or not sum(self.separators.values()) > 0:
            raise ValueError("separator weights must be >= 0 and not all 0")
        return self


class LabelRules(_Section):
    labels: list[str] = Field(min_length=1)
    cluener: dict[str, str]
    msra: dict[str, str]
    resume: dict[str, str]
    msra_place_gov: PlaceGov
    gov_org_split: GovOrgSplit
    title_mask: TitleMask
    name_lists: NameLists

    @model_validator(mode="after")
    def _targets_are_labels(self) -> LabelRules:
        allowed = [*self.labels, OUTSIDE, MISSING]
        if {"GOV", "ORG"} <= set(self.labels):
            allowed.append(GOV_OR_ORG)
        for corpus in ("cluener", "msra", "resume"):
            for raw, mapped in getattr(self, corpus).items():
                if mapped not in allowed:
                    raise ValueError(f"{corpus}.{raw}: {mapped!r} is not one of {', '.join(allowed)}")
        if self.title_mask.teach_as not in (*self.labels, MISSING):
            raise ValueError(
                f"title_mask.teach_as: {self.title_mask.teach_as!r} is neither '-' nor one of "
                f"{', '.join(self.labels)}"
            )
        return self


def first_error(e: ValidationError) -> str:
    """A Pydantic error as one line: the dotted key, then the message."""
    err = e.errors()[0]
    where = ".".join(str(part) for part in err["loc"])
    return f"{where + ': ' if where else ''}{err['msg'].removeprefix('Value error, ')}"


def check_rules(rules: dict, source: str = "label_rules.json") -> dict:
    """The rules unchanged if they are well-formed, else a one-line ValueError naming the key."""
    try:
        LabelRules.model_validate(rules)
    except ValidationError as e:
        raise ValueError(f"{source}: {first_error(e)}") from None
    return rules
