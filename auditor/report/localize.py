"""Other modules' English, said in the report's language.

Suggestions, verdict notes, discovery notes, evidence, acceptance reasons and run notes are
written in English by the modules that find them (evaluate/suggest.py, discover/, audit.py,
baseline.py, bidi.py, batch.py); the JSON contract and CI formats keep that English. A page
for an editor says them through the catalog instead: each known sentence is a message id
whose `{fields}` are read back out of the English text. A sentence not in this table is
shown as the tools wrote it. (The cleaner fix is for those modules to hand over their
parts, not a sentence; until then a test renders each producer's output and checks that no
English reaches a Chinese page.)
"""
from __future__ import annotations

import re
from functools import lru_cache

from typing import Any

from auditor.i18n import N_, _, _n, get_language

# Each producer's sentence, exactly as it writes it, with its variable parts as fields.
KNOWN = (
    # evaluate/suggest.py
    N_("if {name} were {value} (printed {printed}), the check would hold"),
    N_("if {name} were {value} (printed {printed}), the check would come closest to holding"),
    N_("or, if {name} were {value} (printed {printed}), it would hold"),
    # evaluate/verdict.py
    N_("printed to one precision: compared as printed"),
    N_("a divisor can be zero within the figures' rounding"),
    N_("could not evaluate: a divisor can be zero within the figures' rounding"),
    # audit.py, diagnose.py, discover/
    N_("also found by discovery ({kind}, {check})"),
    N_("no single misprint explains it: a warning"),
    N_("holds if {printed} read {meant}: two digits swapped?"),
    N_("matches only if the rate was cut, not rounded"),
    N_("exactly {value}"),
    N_("{years} years both read"),
    # baseline.py, batch.py
    N_("in the baseline"),
    N_("turned off in the article's front matter"),
    N_("the front matter names rule files (auditor: rules:); they are not read: rule files come "
       "from the command line and the config, never from an article"),
    # bidi.py, audit.py
    N_("{line}:{col}: bidirectional control character {code} ({name}): the text may display otherwise "
       "than it is checked; figures it reorders: {figures}"),
    N_("{line}:{col}: bidirectional control character {code} ({name}): the text may display otherwise "
       "than it is checked"),
    N_("more bidirectional control characters follow; only the first are listed"),
    N_("{figures} figures: discovery looked at the first {limit} only (a news article has a few hundred); "
       "rule files were applied to all"),
)
_FIELD = re.compile(r"\\\{(\w+)\\\}")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(_FIELD.sub(r"(?P<\1>.+?)", re.escape(m)) + r"\Z", re.S), m) for m in KNOWN)


def foreign(text: str) -> str:
    """One sentence another module wrote in English, in the current language when it is known."""
    if get_language() == "en" or not text:
        return text
    for pattern, message in _patterns():
        match = pattern.match(text)
        if match:
            return _(message, **match.groupdict())
    return text


def suggestion(text: str) -> str:
    """A suggestion: one alternative a line, each said in the current language."""
    return "\n".join(foreign(line) for line in text.split("\n"))


# Discovery's kinds (auditor/discover), as an editor names the relation.
KINDS = {"sum": N_("parts and their total"), "share": N_("a share"), "growth": N_("a growth rate"),
         "multiple": N_("a multiple"), "points": N_("percentage points"), "average": N_("an average"),
         "annual": N_("a yearly rate"), "structure": N_("a structure ratio"), "items": N_("a counted list"),
         "repeated": N_("a restated figure"), "difference": N_("a difference"), "total": N_("parts and their total"),
         "table": N_("a table"), "proportion": N_("a proportion"), "change": N_("a change")}
_FOUND_AGAIN = re.compile(r"also found by discovery \((\w+), [^()]+\)\Z")


def evidence(text: str) -> str:
    """Evidence: the discovery notes are translated (the kind named, the id left to the
    tooltip), the article's sentences kept."""
    if get_language() == "en":
        return text
    return _("; ").join(_found_again(part) for part in text.split("; "))


def _found_again(part: str) -> str:
    match = _FOUND_AGAIN.match(part)
    if match is None:
        return foreign(part)
    kind = KINDS.get(match.group(1))
    return _("discovery found this relation too ({kind})", kind=_(kind)) if kind else foreign(part)


_NOTES = re.compile(r" \(([^()]*(?:\([^()]*\)[^()]*)*)\)$")


def title(text: str) -> str:
    """A title with discovery's notes in brackets at its end (a swap, a warning)."""
    if get_language() == "en":
        return text
    notes: list[str] = []
    while (match := _NOTES.search(text)) and all(_known(part) for part in match.group(1).split("; ")):
        notes.insert(0, "；".join(foreign(part) for part in match.group(1).split("; ")))
        text = text[:match.start()]
    return text + "".join(f"（{note}）" for note in notes)


def _known(text: str) -> bool:
    return any(pattern.match(text) for pattern, _message in _patterns())


def slip_kind(printed: str, meant: str) -> str:
    """What kind of misprint turns `meant` into `printed` (6674人 → 6647人: two digits
    swapped), in the current language; "" when it is none of the kinds diagnose tries."""
    a, b = _digits(printed), _digits(meant)
    if len(a) == len(b):
        at = [i for i in range(len(a)) if a[i] != b[i]]
        if len(at) == 2 and at[1] == at[0] + 1 and a[at[0]] == b[at[1]] and a[at[1]] == b[at[0]]:
            return _("two adjacent digits swapped")
        if len(at) == 1:
            return _("one digit mistyped")
        return _("the last digit off by one") if at else ""
    if len(a) + 1 == len(b):
        return _("a digit dropped")
    if len(a) == len(b) + 1:
        return _("a digit doubled")
    return ""


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def misprint_sentence(diagnosis: dict[str, Any]) -> str:
    """A diagnosis as one sentence: "可能的排印错误：201:29 的6647人应为6674人（两位数字颠倒）；2 项核查一致"."""
    slip = slip_kind(diagnosis["figure"]["text"], diagnosis["reads"])
    text = _("Probable misprint: {printed} at {line}:{column} should read {reads}",
             printed="".join(diagnosis["figure"]["text"].split()), line=diagnosis["line"],
             column=diagnosis["column"], reads=diagnosis["reads"])
    if slip:
        text += _(" ({slip})", slip=slip)
    return text + _n("; the check agrees", "; {n} checks agree", len(diagnosis["checks"]))
