"""Writing a finding's exact numbers out as text, only when a report asks for them."""
from __future__ import annotations

import re

from auditor.evaluate.display import in_terms_of, interval_in_terms_of, units
from auditor.model import Finding

_POSITION = re.compile(r"\b_(\d+)\b")


def computed(f: Finding) -> str:
    v = f.verdict
    return in_terms_of(v.computed, f.shown) if v is not None and v.computed is not None else ""


def stated(f: Finding) -> str:
    if f.shown is not None:
        return "".join(f.shown.text.split())
    v = f.verdict
    return in_terms_of(v.stated, None) if v is not None and v.stated is not None else ""


def interval(f: Finding, which: str) -> tuple[str, str] | None:
    value = getattr(f.verdict, which, None) if f.verdict is not None else None
    return interval_in_terms_of(value, f.shown) if value is not None else None


def margin(f: Finding, which: str) -> str:
    return units(getattr(f.verdict, which)) if f.verdict is not None else ""


def message(f: Finding) -> str:
    if f.status in ("unbound", "error") or f.verdict is None:
        return f.reason or f"could not evaluate: {getattr(f.verdict, 'note', '')}"
    if f.status == "holds":
        return f"holds: computed {computed(f)}, stated {stated(f)}"
    distance = f"{margin(f, 'gap')} units of the last digit outside every admissible rounding"
    if f.status == "holds-loose":
        return f"holds only under a loose reading: computed {computed(f)}, stated {stated(f)} ({distance})"
    note = f"; {f.verdict.note}" if f.verdict.note else ""
    return f"does not add up: computed {computed(f)}, stated {stated(f)}, {distance}{note}"


# Notes the verdict may carry, as an editor reads them.
NOTES_ZH = {"printed to one precision: compared as printed": "两数印到同一精度，按印出的数字比较"}


def message_zh(f: Finding) -> str:
    """The message in the editor's language: what was computed, what is printed, how far apart."""
    if f.status in ("unbound", "error") or f.verdict is None:
        return "无法核查：" + (f.reason or str(getattr(f.verdict, "note", "")))
    if f.status == "holds":
        return f"成立：算得 {computed(f)}，文中为 {stated(f)}。"
    distance = f"超出所有合理舍入 {margin(f, 'gap')} 个末位单位"
    if f.status == "holds-loose":
        return f"宽松成立：算得 {computed(f)}，文中为 {stated(f)}；只有按较宽的舍入理解才成立（{distance}）。"
    note = f.verdict.note or ""
    note = f"；{NOTES_ZH.get(note, note)}" if note else ""
    return f"不成立：算得 {computed(f)}，文中为 {stated(f)}，{distance}{note}。"


def substituted(f: Finding) -> str:
    """The expression with each name replaced by its figure as printed."""
    if not f.template:
        return ""
    printed = ["".join(ref.figure.text.split()) for ref in f.figures]
    return _POSITION.sub(lambda m: printed[int(m.group(1))], f.template)
