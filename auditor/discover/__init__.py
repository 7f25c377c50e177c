"""Discovery: relations an article states about itself, checked without a rule file.

Each kind is one module with a `find(page) -> list[Relation]` and a docstring that is its
user documentation. Adding a kind is one module plus one line in KINDS. Every relation is
judged by the same rounding-aware evaluator as a rule-file check; only `high` confidence
relations can fail the gate (severity error), weaker ones are warnings.
"""
from __future__ import annotations

import builtins
import re

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace
from types import ModuleType
from typing import Iterable

from auditor.discover import (average, difference, growth, items, points, repeated, share)
from auditor.discover import change, column, proportion, quotient, table, total
from auditor.discover import companions, multiple, siblings
from auditor.discover import ratio, structure
from auditor.discover import annual, years
from auditor.discover import sum as sum_kind
from auditor.diagnose import mendable
from auditor.discover.relation import Relation, compiled
from auditor.discover.breakdown import rounded_cells
from auditor.discover.fit import SUM, fit
from auditor.discover.text import Page, a_value, label, line_of, pages, printed, same_measure
from auditor.discover.typos import slips
from auditor.evaluate import evaluate_check
from auditor.evaluate.semantics import read
from auditor.model import Article, Figure, Finding

KINDS: dict[str, ModuleType] = {
    "sum": sum_kind, "share": share, "growth": growth, "points": points, "average": average,
    "items": items, "repeated": repeated, "difference": difference,
    "multiple": multiple,
    "structure": structure,
    "ratio": ratio,
    "annual": annual,
    "table": table,
    "column": column,
    # Arithmetic-first kinds run last: they take only claims no worded kind has read.
    "total": total, "proportion": proportion, "change": change, "quotient": quotient,
}
ARITHMETIC = frozenset({"total", "proportion", "change", "quotient"})
# Kinds whose relation is not the arithmetic the others check (a restatement, a count of a
# list, a doubling): a figure they read may still be a total, a rate or a change.
NOT_CLAIMING = frozenset({"repeated", "items", "multiple"})
SUMS = frozenset({"sum", "total", "table"})  # kinds whose relations may be sums of table cells
SHARES = frozenset({"share", "proportion", "structure"})  # kinds whose x0 / x1 == x2 is a part over its whole
# Kinds that add or divide levels, which may be averages; 年均 (a yearly mean of growth) is no average level.
AVERAGED_KINDS = SUMS | {"share", "proportion"}
AVERAGE = re.compile(r"人均|户均|戶均")
EXACT_DIGITS = 3  # significant digits of a sum matched exactly to a figure elsewhere on the page
_SUM_EXPR = re.compile(r"^x0( \+ x\d+)+ == x\d+$")
ROUNDED_ALONE = "averages, each rounded on its own"
ROUNDED_CELLS = "cells rounded to the header's unit, each on its own"
CORROBORATED = 4  # figures in an arithmetic relation that holds: too many to fit by chance
_RANK = {"holds": 0, "holds-loose": 1, "fails": 2, "error": 3}


def relations(article: Article, figures: tuple[Figure, ...], kinds: Iterable[str] | None = None) -> list[Relation]:
    """Every relation the article states, one per distinct set of figures and kind."""
    found: dict[str, Relation] = {}
    chosen = [k for k in KINDS if k in set(kinds or KINDS)]  # worded kinds first, whatever the order asked
    for page in pages(article.normalized or article.text, figures):
        earlier = set(found)
        claimed: dict[str, list[str]] = {}  # a figure's id: the relations of other kinds that state it
        ranges = page.range_ends()
        for name in chosen:
            mine: dict[str, list[str]] = {}  # a kind may state a figure twice (a total broken down two ways)
            for relation in KINDS[name].find(page):
                if any(f.id in ranges for f in relation.figures) or _across_years(page, relation):
                    continue
                relation = _averages(page, _exact_elsewhere(page, _whole_points(_rounded_table(page, relation))))
                stated = relation.figures[-1].id
                rivals = [found[c] for c in claimed.get(stated, ()) if c in found]
                if name in ARITHMETIC and rivals:
                    if _overrules(relation, rivals):
                        for check_id in claimed.pop(stated):
                            found.pop(check_id, None)
                    elif not (_another_breakdown(relation, rivals) or _share_of_listed_rates(relation, rivals)
                              or any(_restated_list(r, relation) for r in rivals if _holds(r))):
                        continue
                found.setdefault(relation.check_id, relation)
                if name not in NOT_CLAIMING:
                    mine.setdefault(stated, []).append(relation.check_id)
            for stated, ids in mine.items():
                claimed.setdefault(stated, []).extend(ids)
        for check_id, relation in _over_finer_wholes([r for c, r in found.items() if c not in earlier]):
            found.pop(check_id, None)
            found.setdefault(relation.check_id, relation)
        for relation in _lone_averages([r for c, r in found.items() if c not in earlier]):
            found[relation.check_id] = relation
        page_found = [r for check_id, r in found.items() if check_id not in earlier]
        for relation in companions.find(page, page_found, _holds) + siblings.find(page, page_found, _holds):
            found.setdefault(relation.check_id, relation)
    return sorted(found.values(), key=lambda r: (r.figures[0].span.start, r.check_id))


def _over_finer_wholes(found: list[Relation]) -> list[tuple[str, Relation]]:
    """Shares of a whole printed coarsely (进出口1.62万亿元) that the page breaks down into
    finer parts that add up to it exactly, the words saying they are its parts (a `high` sum:
    出口9028.4亿元 + 进口7188.2亿元): each share is read
    over the parts' sum, as a reader checking it would; the coarse whole (16150 to 16250亿)
    lets a rate a unit off pass. (old check id, the share read anew) for each."""
    sums = {}
    for relation in found:
        whole, parts = relation.figures[-1], relation.figures[:-1]
        if relation.kind in SUMS and relation.confidence == "high" \
                and relation.exprs[0] == " + ".join(f"x{i}" for i in range(len(parts))) + f" == x{len(parts)}" \
                and len(set(parts)) == len(parts) and all(read(p).unit < read(whole).unit for p in parts) \
                and fit(SUM, parts, whole) == "exact":
            sums.setdefault(whole.id, parts)
    rewritten = []
    for relation in found:
        if relation.kind not in SHARES or relation.exprs[0] != "x0 / x1 == x2" or relation.figures[1].id not in sums:
            continue
        part, whole, rate = relation.figures
        parts = sums[whole.id]
        others = [p for p in parts if p is not part]
        figures = (part, *others, rate)
        terms = ["x0"] * (len(others) < len(parts)) + [f"x{i + 1}" for i in range(len(others))]
        expr = f"x0 / ({' + '.join(terms)}) == x{len(figures) - 1}"
        title = f"{printed(part)} ÷ ({' + '.join(printed(p) for p in parts)}) ≈ {printed(rate)}"
        rewritten.append((relation.check_id, replace(relation, figures=figures, exprs=(expr,), title=title)))
    return rewritten


def _across_years(page: Page, relation: Relation) -> bool:
    """A sum with two figures of one list of levels year by year (2017一2019年票房分别为559.1亿、
    609.76亿、642.66亿): one quantity in different years, which no sum adds (years.py)."""
    if relation.kind not in SUMS:
        return False
    listed = years.by_year(page)
    runs = [id(listed[f.id][1]) for f in relation.figures if f.id in listed]
    return len(runs) != len(set(runs))


def _another_breakdown(relation: Relation, rivals: list[Relation]) -> bool:
    """A sum whose parts share none with the sums the words already gave its total (男 + 女
    beside 城镇 + 乡村 of one 户籍人口): a second breakdown, not a rival reading of the first."""
    if relation.kind != "total" or any(r.kind not in SUMS for r in rivals):
        return False
    parts = {f.id for f in relation.figures[:-1]}
    return not any(parts & {f.id for f in r.figures[:-1]} for r in rivals)


def _share_of_listed_rates(relation: Relation, rivals: list[Relation]) -> bool:
    """A rate that is one of several making 100% (71.63% + 14.88% + 13.49%) is also a share of
    some whole: the two relations check different things and neither reads the other wrongly."""
    return relation.kind == "proportion" and all(
        r.kind in SUMS and all(f.unit == "%" for f in r.figures) for r in rivals)


def _exact_elsewhere(page: Page, relation: Relation) -> Relation:
    """A sum that fails its total but adds up exactly to another figure of the page is that
    figure's breakdown: the words bound it to the wrong total (其中 opening a paragraph that
    goes back to the month's total, not the year's just before). Exact only, and over three
    significant digits at least, so that chance cannot make the match. A sum one misprint away
    from its own total keeps it: that total may be restated elsewhere (its misprint is then
    the finding), and a misprinted part matches nothing anyway."""
    if relation.kind not in SUMS or len(relation.figures) < 3 or not _SUM_EXPR.match(relation.exprs[0]):
        return relation
    parts, total = relation.figures[:-1], relation.figures[-1]
    added = builtins.sum(p.value for p in parts)  # `sum` here is the sum kind's module
    if added == total.value or len(added.normalize().as_tuple().digits) < EXACT_DIGITS:
        return relation
    if not _unmended(judge(relation)):
        return relation  # a slip away from its own total: the misprint is the finding
    matches = [f for f in page.figures if f.value == added and f not in parts and same_measure(f, total)
               and a_value(f) and f.decimals >= max(p.decimals for p in parts)]
    if not matches:
        return relation
    whole = min(matches, key=lambda f: abs(f.span.start - parts[0].span.start))
    title = " + ".join(printed(p) for p in parts) + f" = {printed(whole)}"
    return replace(relation, figures=(*parts, whole), title=title)


def _whole_points(relation: Relation) -> Relation:
    """A rate of an index printed in whole points (最多升15点或0.57%，收报2765点) is a warning:
    market copy cuts the points of an index computed to two decimals, and the rate was worked
    out from the exact index."""
    if relation.confidence != "high" or not any(f.unit == "点" and not f.decimals for f in relation.figures):
        return relation
    if not any(f.unit == "%" for f in relation.figures):
        return relation
    return replace(relation, confidence="medium")


def _averages(page: Page, relation: Relation) -> Relation:
    """A sum or a share of averages per head or household (人均可支配收入30733元，其中工资性收入
    17542元…; a table row 人均可支配收入(元) over its parts' rows) that fails only because whole
    averages are read as exact holds: each average was divided out and rounded on its own, so
    they may miss their total by that rounding, and a reader who redoes the sum sees no error."""
    if relation.kind not in AVERAGED_KINDS or _counted(relation):
        return relation
    if not (AVERAGE.search(relation.evidence) or any(AVERAGE.search(line_of(page, f)) for f in relation.figures)):
        return relation
    names = relation.names
    check = compiled(relation.exprs[0], frozenset(names))
    if evaluate_check("", "", check, names).status != "fails" or \
            evaluate_check("", "", check, names, averaged=True).status == "fails":
        return relation
    note = "; ".join(filter(None, (relation.note, ROUNDED_ALONE)))
    return replace(relation, averaged=True, note=note)


def _lone_averages(found: list[Relation]) -> list[Relation]:
    """Averages rounded one by one explain a sum one unit off only where the page shows that
    habit twice or more (a table of 人均 rows, four of five a yuan off). One such sum among
    exact ones is as likely a misprint: a warning, as the page cannot say which."""
    averaged = [r for r in found if r.averaged and (ROUNDED_ALONE in r.note or ROUNDED_CELLS in r.note)]
    if len(averaged) >= 2:
        return []
    return [replace(r, averaged=False, confidence="medium",
                    note=r.note.replace(ROUNDED_ALONE, "averages rounded one by one may miss their total by rounding")
                    .replace(ROUNDED_CELLS, "cells rounded to the header's unit may miss their total by rounding"))
            for r in averaged]


def _counted(relation: Relation) -> bool:
    """Whether a figure counts things (8个, 27家): counts are whole, never averages."""
    return any(f.kind == "count" and f.unit for f in relation.figures)


def _rounded_table(page: Page, relation: Relation) -> Relation:
    """A sum of table cells rounded to a scaled unit (单位：万元) that misses its total by no
    more than that rounding is read as rounded cells: each was rounded on its own. Like
    averages (see _lone_averages), that holds where the table shows the habit twice or more;
    one such miss among exact sums is a warning, rounding or a misprint."""
    if relation.kind not in SUMS or " + " not in relation.exprs[0]:
        return relation
    if not rounded_cells(page, list(relation.figures[:-1]), relation.figures[-1]) or _holds(relation):
        return relation
    return replace(relation, averaged=True, note="; ".join(filter(None, (relation.note, ROUNDED_CELLS))))


def _overrules(relation: Relation, worded: list[Relation]) -> bool:
    """An arithmetic relation that holds, or that one misprint mends, replaces worded ones on
    the same stated figure that fail and that no misprint mends: the words were read wrongly
    (其中 parts of another total), the arithmetic was not. Judged only on such a conflict,
    which is rare."""
    if not worded:
        return False
    mine = judge(relation)
    if mine.status == "holds" and len(relation.figures) >= CORROBORATED:
        # Four or more figures that fit exactly are no chance: they overrule a worded reading
        # that fails even where a misprint would mend it (3.4 ÷ 38.8 for 4.0%, when
        # 38.8 + 42.5 + 3.4 share 45.8%, 50.2% and 4.0% between them).
        return all(judge(w).status == "fails" and not _mended_list(relation, w)
                   and not _restated_list(relation, w) for w in worded)
    if _unmended(mine):
        return False
    return all(_unmended(judge(w)) for w in worded)


def _holds(relation: Relation) -> bool:
    return judge(relation).status == "holds"


def _mended_list(relation: Relation, worded: Relation) -> bool:
    """A worded list that one misprint mends, of which the arithmetic fit leaves out a member
    (4097户 … 46户以及1户 under 12720户, with 4097 printed 4098): the dropped member only
    absorbs the misprint, and the words named it a part."""
    parts = {f.id for f in relation.figures[:-1]}
    listed = {f.id for f in worded.figures[:-1]}
    return parts < listed and mendable(judge(worded))


def _restated_list(relation: Relation, worded: Relation) -> bool:
    """A worded list that one misprint mends and whose parts restate the arithmetic fit's parts,
    all but one at the same value (有7658人 in the lead, 合計7657人 in the township table below):
    one breakdown printed twice, and the restatement that differs is the misprint."""
    mine = Counter(f.value for f in relation.figures[:-1])
    theirs = Counter(f.value for f in worded.figures[:-1])
    # Not sum(): importing the submodule auditor.discover.sum binds that name in this package.
    finding = judge(worded)
    return len(relation.figures) == len(worded.figures) > 3 and (mine - theirs).total() <= 1 \
        and finding.status == "fails" and mendable(finding)


def _unmended(finding: Finding) -> bool:
    return finding.status == "fails" and not mendable(finding)


def judge(relation: Relation) -> Finding:
    """The finding for one relation: the best of its readings."""
    names = relation.names
    best: Finding | None = None
    for expr in relation.exprs:
        finding = evaluate_check(
            relation.check_id, f"discover:{relation.kind}", compiled(expr, frozenset(names)), names,
            title=relation.title + (f" ({relation.note})" if relation.note else ""),
            severity="error" if relation.confidence == "high" else "warning",
            confidence=relation.confidence, evidence=relation.evidence, as_printed=relation.as_printed,
            averaged=relation.averaged, shown_as=_ReaderNames(names))
        if best is None or _RANK[finding.status] < _RANK[best.status] or (
                finding.status == best.status == "fails" and _gap(finding) < _gap(best)):
            best = finding
    assert best is not None
    return _with_slip(relation, best)


def _with_slip(relation: Relation, finding: Finding) -> Finding:
    """A failing relation that one swap of two digits would mend says so: the commonest
    misprint, and the editor's likeliest fix (see typos.py)."""
    if finding.status != "fails" or relation.note:
        return finding
    found = slips(relation.figures, finding.expr, relation.as_printed)
    if not found:
        return finding
    return replace(finding, title=f"{finding.title} ({'; '.join(slip.note for slip in found)})")


class _ReaderNames(Mapping[str, str]):
    """How a suggestion names each figure of a relation, worked out only when one is written:
    most relations hold, and naming every figure of every one cost more than judging it."""

    def __init__(self, figures: dict[str, Figure]) -> None:
        self._figures = figures
        self._named: dict[str, str] = {}

    def __getitem__(self, name: str) -> str:
        if name not in self._named:
            self._named[name] = _reader_name(self._figures[name])
        return self._named[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._figures)

    def __len__(self) -> int:
        return len(self._figures)


def _reader_name(figure: Figure) -> str:
    """How a suggestion names a discovered figure: the whole words before it that say what it
    is (as `suggest` names a rule file's figures, never cut mid-word), else where it is."""
    from auditor.discover.suggest import name_words

    about = name_words(figure.context)[-12:]
    if len(about) < 2:
        about = label(figure)[-8:]
    return about if len(about) >= 2 else f"数字{''.join(figure.text.split())}"


def _gap(finding: Finding) -> float:
    return float(finding.verdict.gap) if finding.verdict and finding.verdict.gap is not None else float("inf")


def discover(article: Article, figures: tuple[Figure, ...], kinds: Iterable[str] | None = None) -> list[Finding]:
    return [judge(r) for r in relations(article, figures, kinds)]


__all__ = ["KINDS", "Relation", "discover", "judge", "relations"]
