"""A total, then one sentence for each member of a complete set (used by the sum kind).

Statistics bulletins state a city-wide figure and then repeat the same measure for each
part of the city, a sentence each, with no 其中 to say so:

    在园幼儿5360人，教职工760人。市区…在园幼儿3020人，教职工520人。四县…在园幼儿2340人，教职工240人。

The sentences start with the members of a set that exhausts the whole (市区 and 县; 城镇 and
乡村; see breakdown.COMPLETE_SETS), and each part is labelled as the total is (在园幼儿). Both
must hold before the parts are offered as the total's breakdown.
"""
from __future__ import annotations

from auditor.discover.breakdown import COMPLETE_SETS
from auditor.discover.text import Page, Sentence, label, same_measure
from auditor.model import Figure

HEAD = 6  # how far into a sentence its subject (市区, 四县) may start
REACH = 3  # sentences between the total and the first member, and between members


def across_sentences(page: Page) -> list[tuple[list[Figure], Figure]]:
    """(parts, total) for every measure the member sentences repeat from an earlier sentence."""
    found = []
    for group in COMPLETE_SETS:
        for index, run in _member_runs(page.sentences, _heads(page), group):
            earlier = [f for s in page.sentences[max(0, index - REACH):index] for f in s.figures]
            for part in run[0].figures:
                parts = _same_measure_in_each(run, part, group)
                total = _total(earlier, parts, _tail(part, group[0])) if parts else None
                if total is not None:
                    found.append((parts, total))
    return found


def _heads(page: Page) -> list[str]:
    """Where each sentence's subject may be: made once a page, as every group looks at every
    sentence."""
    return page.kept("members.heads", lambda: [s.compact()[:HEAD] for s in page.sentences])


def _member_runs(sentences: list[Sentence], heads: list[str],
                 group: tuple[str, ...]) -> list[tuple[int, list[Sentence]]]:
    """Sentences whose heads name the members of `group` in order, each within REACH of the last."""
    runs = []
    for index, first in enumerate(sentences):
        if group[0] not in heads[index]:
            continue
        run, at = [first], index
        for member in group[1:]:
            nxt = next((k for k in range(at + 1, min(len(sentences), at + 1 + REACH))
                        if member in heads[k]), None)
            if nxt is None:
                break
            run.append(sentences[nxt])
            at = nxt
        if len(run) == len(group):
            runs.append((index, run))
    return runs


def _same_measure_in_each(run: list[Sentence], part: Figure, group: tuple[str, ...]) -> list[Figure]:
    """The figure labelled as `part` is in each member sentence, or nothing."""
    tail = _tail(part, group[0])
    if len(tail) < 2 or not part.is_quantity or part.kind not in ("amount", "count"):
        return []
    parts = [part]
    for sentence, member in zip(run[1:], group[1:]):
        match = [f for f in sentence.figures if same_measure(f, part) and _tail(f, member) == tail]
        if len(match) != 1:
            return []
        parts.append(match[0])
    return parts


def _total(earlier: list[Figure], parts: list[Figure], tail: str) -> Figure | None:
    """The nearest earlier figure of the same measure whose label ends as the parts' do."""
    fits = [f for f in earlier if same_measure(f, parts[0]) and label(f).endswith(tail)
            and f.value > max(p.value for p in parts)]
    return fits[-1] if fits else None


def _tail(figure: Figure, member: str) -> str:
    """What a figure is about once its member word is cut away: 市区有学前教育机构 → 有学前教育机构."""
    text = label(figure)
    return text[text.rfind(member) + len(member):] if member in text else text
