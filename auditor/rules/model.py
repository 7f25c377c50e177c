"""pydantic models of a rule file. Unknown keys are errors (Vale, yamllint), never ignored."""
from __future__ import annotations

import keyword
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from auditor.evaluate.compile import FUNCTIONS
from auditor.rules.pattern import MAX_PATTERN, compile_pattern

KIND = Literal["amount", "count", "percent", "percentage_point", "multiple",
               "rank", "date", "period", "ordinal", "code"]


class Selector(BaseModel):
    """Which figure a name stands for. Literal text is matched ignoring whitespace.

    `template: "占四川外贸进出口总值的{}%"` binds the figure whose numeral sits at `{}`;
    `near: "林长总人数达"` binds the first figure after the text, within `within` characters;
    `text: "6674人"` binds a figure printed exactly so; `pattern: "林长(?:总人数)?达(\\d+)人"`
    binds the figure whose numeral lies in the first group. `unit`, `kind` and `nth`
    (1-based; negative counts from the end) narrow the matches down to one.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    template: str | None = Field(None, description="literal text with {} where the figure's number is")
    near: str | None = Field(None, description="literal text shortly before the figure")
    text: str | None = Field(None, description="the figure as printed, whitespace ignored")
    pattern: str | None = Field(None, max_length=MAX_PATTERN,
                                description="a regular expression over the text with whitespace removed; "
                                            "the figure's numeral lies in group 1, or in the match")
    unit: str | None = Field(None, description="unit as printed after the number, e.g. 人, 亿元, %")
    kind: KIND | None = None
    nth: int | None = Field(None, description="1-based choice among several matches; -1 is the last")
    within: int = Field(30, ge=1, le=400, description="characters `near` may precede the figure by")
    # the rule file it came from, so its selectors share one time budget (select.Matcher)
    _owner: object = PrivateAttr(default=None)

    @property
    def owner(self) -> object:
        return self._owner

    def owned_by(self, owner: object) -> None:
        self._owner = owner

    @field_validator("template")
    @classmethod
    def _one_placeholder(cls, value: str | None) -> str | None:
        if value is not None and value.count("{}") != 1:
            raise ValueError("a template needs exactly one {} where the figure's number is")
        return value

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            compile_pattern(value)
        return value

    @field_validator("nth")
    @classmethod
    def _nonzero(cls, value: int | None) -> int | None:
        if value == 0:
            raise ValueError("nth counts from 1 (or from -1 at the end)")
        return value

    @model_validator(mode="after")
    def _anchored(self) -> Selector:
        if not (self.template or self.near or self.text or self.pattern):
            raise ValueError("a selector needs one of template, near, text or pattern")
        return self


def _shorthand(value: Any) -> Any:
    """A bare string is a template: `成都外贸: "成都实现外贸进出口{}亿元"`."""
    return {"template": value} if isinstance(value, str) else value


FigureSelector = Annotated[Selector, BeforeValidator(_shorthand)]


def _figure_name(name: str) -> str:
    if not name.isidentifier() or name.startswith("_"):
        raise ValueError(f"figure name {name!r} must be an identifier not starting with _")
    if keyword.iskeyword(name):
        raise ValueError(f"figure name {name!r} is a Python keyword; choose another")
    if name in FUNCTIONS:
        raise ValueError(f"figure name {name!r} shadows the function {name}()")
    return name


FigureName = Annotated[str, AfterValidator(_figure_name)]


class Check(BaseModel):
    """One relation between named figures."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="kebab-case, names the relation")
    title: str = ""
    expr: str = Field(description="e.g. `a + b == total`; == is rounding-aware")
    severity: Literal["error", "warning"] = "error"
    note: str = ""


class Accept(BaseModel):
    """A reviewed discrepancy that should no longer fail the run, and why."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="the check id, as in `checks`")
    reason: str = Field(min_length=3, description="why the discrepancy is accepted")


def _shorthand_in_schema(schema: dict[str, Any]) -> None:
    """Editors see what the loader accepts: a selector, or a bare template string."""
    figures = schema["properties"]["figures"]
    figures["additionalProperties"] = {"anyOf": [
        {"type": "string", "description": "a template: literal text with {} where the figure's number is"},
        figures["additionalProperties"]]}


class RuleFile(BaseModel):
    """A rule file: which articles it is for, its named figures, and its checks."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_shorthand_in_schema)

    article: str | None = Field(None, description="path of the article this file is for")
    applies_to: list[str] = Field(default_factory=list, description="glob patterns of articles")
    title: str = ""
    figures: dict[FigureName, FigureSelector] = Field(description="name -> selector, or a template string")
    checks: list[Check]
    accept: list[Accept] = Field(default_factory=list, description="accepted findings, each with a reason")

    @model_validator(mode="after")
    def _accepted_checks_exist(self) -> RuleFile:
        ids = {c.id for c in self.checks}
        unknown = [a.id for a in self.accept if a.id not in ids]
        if unknown:
            raise ValueError(f"accept names unknown check id(s): {', '.join(unknown)}")
        return self

    @field_validator("checks")
    @classmethod
    def _unique_ids(cls, checks: list[Check]) -> list[Check]:
        seen: set[str] = set()
        for check in checks:
            if check.id in seen:
                raise ValueError(f"check id {check.id!r} is used twice")
            seen.add(check.id)
        return checks
