"""Writing a finding's exact numbers out as text, only when a report asks for them."""
from __future__ import annotations

import re

from auditor.evaluate.display import in_terms_of, interval_in_terms_of, units
from auditor.i18n import N_, _
from auditor.model import Finding

_ABS = re.compile(r"abs\(([^()]*)\)")
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


def message_zh(f: Finding) -> str:
    """The message an editor reads aloud, in the catalog's current language (Chinese unless
    auditor.i18n.set_language chose English). The name is historical: it is the localized
    message, and `message` stays the JSON contract's English."""
    return sentence(f)


def sentence(f: Finding) -> str:
    """What was computed from what, and what the article prints: "32人 + 382人 + 1990人 +
    4270人 = 6674人，原文写作6647人"."""
    from auditor.report.localize import foreign  # the report's table of other modules' English

    if f.status in ("unbound", "error") or f.verdict is None:
        return _("This check could not be made: the figures it needs were not all found or could "
                 "not be computed.") if f.status == "unbound" else _("This check could not be computed.")
    parts = sides(f)
    values = {"computed": computed(f), "stated": stated(f)}
    if parts is None:
        text = _(SHAPELESS[f.status], **values)
    else:
        left, op, right = parts
        shape = "sum" if _ARITHMETIC.search(left) else ("constant" if _CONSTANT.fullmatch(left) else "same")
        order = "equal" if op in ("==", "!=") else ("most" if op in ("<=", "<") else "least")
        text = _(SENTENCES[f.status][shape][order], left=left, right=right, **values)
    # A note says why the verdict is what it is; on a check that holds, or one that only says
    # how the figures were compared, it is detail for the tooltip, not for the sentence.
    note = f.verdict.note or ""
    if f.status == "holds" or note in QUIET_NOTES:
        return text
    return text + (_("; {note}", note=foreign(note)) if note else "")


def reason(f: Finding) -> str:
    """Why an unbound or uncomputable check could not be made, as the tools wrote it (shown as code)."""
    if f.status in ("unbound", "error") or f.verdict is None:
        return f.reason or str(getattr(f.verdict, "note", ""))
    return ""


QUIET_NOTES = frozenset({"printed to one precision: compared as printed"})
_COMPARISON = re.compile(r"\s*(==|!=|<=|>=|<|>)\s*")
_ARITHMETIC = re.compile(r"[-+×÷^(]")
_CONSTANT = re.compile(r"[\d.]+")
_OPERATORS = str.maketrans({"*": "×", "/": "÷"})

# The sentence for each status, shape (a sum or other arithmetic on the left, a constant, or
# one figure against another) and comparison (equal, at most, at least). Message ids: the
# catalog (auditor/locale) gives their Chinese.
SENTENCES: dict[str, dict[str, dict[str, str]]] = {
    "fails": {
        "sum": {"equal": N_("{left} = {computed}, but the article prints {stated}"),
                "most": N_("{left} = {computed}, which should not be more than {right}"),
                "least": N_("{left} = {computed}, which should not be less than {right}")},
        "constant": {"equal": N_("There should be {left}, but the article prints {right}"),
                     "most": N_("{right} should be at least {left}"),
                     "least": N_("{right} should be at most {left}")},
        "same": {"equal": N_("The article prints {left} in one place and {right} in another: they do not match"),
                 "most": N_("{left} should not be more than {right}"),
                 "least": N_("{left} should not be less than {right}")},
    },
    "holds-loose": {
        "sum": {"equal": N_("{left} = {computed}; the article prints {stated}, which matches only if its "
                            "rounding is read loosely"),
                "most": N_("{left} = {computed}, not more than {right} only if the rounding is read loosely"),
                "least": N_("{left} = {computed}, not less than {right} only if the rounding is read loosely")},
        "constant": {"equal": N_("{left} and {right} match only if the rounding is read loosely"),
                     "most": N_("{left} and {right} match only if the rounding is read loosely"),
                     "least": N_("{left} and {right} match only if the rounding is read loosely")},
        "same": {"equal": N_("{left} and {right} match only if the rounding is read loosely"),
                 "most": N_("{left} is not more than {right} only if the rounding is read loosely"),
                 "least": N_("{left} is not less than {right} only if the rounding is read loosely")},
    },
    "holds": {
        "sum": {"equal": N_("{left} = {computed}, as the article prints ({stated})"),
                "most": N_("{left} = {computed}, not more than {right}"),
                "least": N_("{left} = {computed}, not less than {right}")},
        "constant": {"equal": N_("{right} is {left}, as it should be"),
                     "most": N_("{right} is at least {left}"),
                     "least": N_("{right} is at most {left}")},
        "same": {"equal": N_("{left} and {right} match"),
                 "most": N_("{left} is not more than {right}"),
                 "least": N_("{left} is not less than {right}")},
    },
}
SHAPELESS = {"fails": N_("Computed {computed}, but the article prints {stated}"),
             "holds-loose": N_("Computed {computed}; the article prints {stated}, which matches only if its "
                               "rounding is read loosely"),
             "holds": N_("Computed {computed}, as the article prints ({stated})")}


def sides(f: Finding) -> tuple[str, str, str] | None:
    """The check's two sides with each figure as printed (÷ and × for / and *), and the
    comparison between them; None when the expression has no comparison to split at."""
    if not f.template:
        return None
    match = _COMPARISON.search(f.template)
    if match is None:
        return None
    printed = ["".join(ref.figure.text.split()) for ref in f.figures]

    def fill(side: str) -> str:
        side = side.strip().translate(_OPERATORS).replace("××", "^")
        side = _ABS.sub(r"|\1|", side)  # abs(a − b) is read aloud as |a − b|, not as a function name
        return _POSITION.sub(lambda m: printed[int(m.group(1))], side)
    return fill(f.template[:match.start()]), match.group(1), fill(f.template[match.end():])


def substituted(f: Finding) -> str:
    """The expression with each name replaced by its figure as printed."""
    if not f.template:
        return ""
    printed = ["".join(ref.figure.text.split()) for ref in f.figures]
    return _POSITION.sub(lambda m: printed[int(m.group(1))], f.template)
