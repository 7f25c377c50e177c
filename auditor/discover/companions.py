"""Second sums carried by the members of a sum that holds (used by discovery after every kind).

    全国共报告传染病559816例，死亡1366人。…乙类传染病共报告发病317042例，死亡1323人。
    丙类传染病发病242774例，死亡43人。

317042 + 242774 = 559816 exactly: the two classes are the whole of the cases. Each member and
the total print a second figure right after them, in their own sentence and in one measure
(死亡1323人, 死亡43人, 死亡1366人), so those are the same members' deaths and must add up to the
total's: 1323 + 43 = 1366. The same holds for a comparison printed with each member (九龍
360宗，較上月的477宗; 港島259宗，較上月358宗 … 合共1557宗，較上月的2137宗).

The evidence is the structure, not any word: an exact sum of multi-digit figures, each member
carrying one figure of one measure in the same place. Only a second sum that fits exactly or one
misprint away is taken; a rate (%), a year or an average per member does not add up, and a miss
larger than one misprint says only that the second figures are of another kind.

## Precision
The first sum holds exactly, with two or more parts of two or more digits. Each companion is the
first figure after its member in the member's sentence, before the next member, of a measure
that adds (a count or an amount, not a rate), alike for every member and no member itself. A
slip is a warning.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from auditor.discover.fit import SUM, fit
from auditor.discover.relation import Relation
from auditor.discover.scope import alike, digits
from auditor.discover.text import Page, printed
from auditor.evaluate.semantics import PERCENT_FACTOR, read
from auditor.model import Figure, Span

SUMS = frozenset({"sum", "total"})


def find(page: Page, relations: Iterable[Relation], holds: Callable[[Relation], bool]) -> list[Relation]:
    """The second sums carried by the members of the page's sums that `holds` says hold."""
    found = []
    for relation in relations:
        if relation.kind not in SUMS or len(relation.figures) < 3 or len(set(relation.figures)) < len(relation.figures):
            continue  # 各2例 counts one figure twice: it carries no second figure of its own
        if any(digits(f) < 2 for f in relation.figures):
            continue
        carried = [c for c in (_companions(page, relation.figures, after=True),
                               _companions(page, relation.figures, after=False)) if c is not None]
        if not carried or not holds(relation):
            continue
        for second in carried:
            if fit(SUM, second[:-1], second[-1]) in ("exact", "slip"):
                found.append(_relation(page, list(second[:-1]), second[-1], relation))
    return found


def _companions(page: Page, members: Sequence[Figure], after: bool) -> tuple[Figure, ...] | None:
    """The figure each member carries right after it (or right before it: 20个乡镇卫生院业务用房
    16672平方米), or None unless every member carries one, all alike."""
    ids = {f.id for f in members}
    spans = sorted((f.span for f in members), key=lambda s: s.start)
    found = []
    for member in members:
        carried = _carried(page, member, spans, after)
        if carried is None or carried.id in ids:
            return None
        found.append(carried)
    first = found[0]
    if len({f.id for f in found}) < len(found) or first.unit in PERCENT_FACTOR:
        return None
    if not all(alike(first, f) for f in found) or read(first).nominal <= 0:
        return None
    return tuple(found)


def _carried(page: Page, member: Figure, spans: list[Span], after: bool) -> Figure | None:
    """The nearest quantity on one side of a member, in its sentence and short of the next
    member on that side (较8月同期的477宗: 8月 is no quantity)."""
    sentence = page.sentence(member)
    if after:
        ends = [s.start for s in spans if s.start > member.span.start]
        between = page.figures_between(member.span.end, min([sentence.end, *ends[:1]]))
    else:
        starts = [s.end for s in spans if s.end <= member.span.start]
        between = page.figures_between(max([sentence.start, *starts[-1:]]), member.span.start)[::-1]
    return next((f for f in between if f.is_quantity), None)


def _relation(page: Page, parts: list[Figure], total: Figure, base: Relation) -> Relation:
    title = " + ".join(printed(p) for p in parts) + f" = {printed(total)}"
    note = "the members of " + " + ".join(printed(p) for p in base.figures[:-1]) + f" = {printed(base.figures[-1])} each carry one"
    evidence = page.sentence(total).evidence(80) + " … " + page.sentence(parts[0]).evidence(80)
    return Relation("sum", (*parts, total), (" + ".join(f"x{i}" for i in range(len(parts))) + f" == x{len(parts)}",),
                    "medium", evidence, title, note)
