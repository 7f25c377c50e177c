"""A total whose words the sentences after it repeat, one member each, or a total of 各类 (each
kind of) a thing followed by the kinds of that thing (used by the total kind).

Reports of a disaster, a season or a caseload state the whole, then repeat the same words
for each member, a sentence or a paragraph each, with names no list foresees:

    造成…46人死亡，25人失踪。… 据甲省报告，…9人死亡。… 据乙省报告，…19人死亡，…。据丙省报告，…18人死亡。

The words printed right after each figure (死亡, 受灾, 紧急转移安置) tie the members to the
total; nothing is chosen among them. Every later figure of the total's measure and words,
up to the next figure of those words at least as large as the total, is a part. So a fit is
no search through sums that landed near the total by chance: the parts either add up
(exactly, or one unit of a last digit away) or no relation is proposed. With no word to
name the breakdown, a discrepancy is a warning.
"""
from __future__ import annotations

import re

from auditor.discover.fit import SUM, fit
from auditor.discover.relation import Relation
from auditor.discover.scope import countable, digits, paragraphs
from auditor.discover.sum import addition
from auditor.discover.text import Page, clause_before, in_bracket, same_measure, words_after
from auditor.model import Figure

REACH = 8  # paragraphs after the total's own that may hold its members
# 各类案件, 各项收入: a total of each kind of a thing; the thing is the last characters before the figure.
EACH_KIND = re.compile(r"(?:各类|各類|各项|各項|各种|各種)([\u4e00-\u9fff]{1,6})$")
HEAD_NOUN = 2  # the thing's last character must be among the last two of a part's words (未结案: 未结案件)
HEAD_DIGITS = 3
NOT_NOUN = "为為达達是有共计計"  # 审结民商事案件为4822件: the verb before the figure is no part of the noun
MOVED = re.compile(r"增加|减少|減少|净增|淨增|新增|上升|下降|增长|增長")
HEADING = re.compile(r"\n\s*(?:\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")
BRACKET_REACH = 12  # characters before a part where a bracket holding it may open (含再审1件)
LEAST = 2
MOST = 12
# Words that say a figure is the whole, not what it is of (其中专任教师: 专任教师).
SCOPE = re.compile(r"^(?:其中|全市|全县|全縣|全区|全區|全省|全国|全國|全镇|合计|合計|共计|共計|共有|总计|總計|全部|总|總)+")
DATED = re.compile(r"\d+(?:[年月日]|\s*年度)?")  # 2022年小学 and 2023年小学 name one member
NAME_LEAST = 3  # characters of the total's name: 人数 alone names nothing
# A total word in the total's clause (合计三省共获得金牌30块): lines of members end there.
LINE_TOTAL = re.compile(r"合计|合計|总计|總計|共计|共計|合共|一共|总共|總共|共")


def find(page: Page) -> list[Relation]:
    return _echoed(page) + _headed(page) + _named_before(page) + _lined(page)


def _lined(page: Page) -> list[Relation]:
    """甲省金牌22… / 乙省金牌4… / 丙省金牌4… / 合计三省共获得金牌30块: one member a sentence, in the
    sentences right before a total (a total word in its clause), each named by its own word
    and then the words the total ends with (金牌). The members are consecutive sentences with
    one such figure each, so nothing is chosen among them: they add up, exactly or one unit
    of a last digit away, or no relation is proposed."""
    found = []
    # Bare counts too: a results line prints 金牌22 with its unit in the words before it.
    levels = [f for f in page.figures if not f.qualifier and f.value > 0 and f.kind in ("count", "amount")
              and (countable(f) or not f.unit)]
    ids = {f.id for f in levels}
    for total in levels:
        words = clause_before(page, total).rstrip(NOT_NOUN)
        if not LINE_TOTAL.search(words):
            continue
        parts = _line_members(page, ids, total, words)
        if parts and fit(SUM, parts, total, bound=True) in ("exact", "slip"):
            relation = addition(page, parts, total, page.sentence(total).evidence(80))
            found.append(Relation("total", relation.figures, relation.exprs, "medium", relation.evidence,
                                  relation.title, relation.note))
    return found


def _line_members(page: Page, ids: set[str], total: Figure, words: str) -> list[Figure]:
    """The members of `_lined` (figures of `ids`), in print order; [] unless three to MOST."""
    at = page.sentence_index(total)
    parts: list[Figure] = []
    name, seen = "", set()
    for sentence in (page.sentences[i] for i in range(at - 1, max(-1, at - 1 - MOST), -1)):
        named = [(f, c) for f in sentence.figures if f.id in ids and f.value < total.value
                 and (not f.unit or same_measure(f, total))
                 and len(_suffix(c := clause_before(page, f).rstrip(NOT_NOUN), words)) >= NAME_LEAST - 1]
        if len(named) != 1:
            break
        figure, clause = named[0]
        ending = _suffix(clause, words)
        name = name or ending
        word = DATED.sub("", clause[:len(clause) - len(name)])
        if not clause.endswith(name) or not word or word in seen or MOVED.search(clause):
            break
        seen.add(word)
        parts.append(figure)
    return parts[::-1] if LEAST + 1 <= len(parts) else []


def _suffix(a: str, b: str) -> str:
    """The characters two clauses end with alike."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n:]


def _named_before(page: Page) -> list[Relation]:
    """幼儿专任教师14551人；小学专任教师32009人；…；普通高校专任教师2540人。…其中专任教师76413人: members
    first, each named by a word before it and then the total's own name (专任教师), and the
    total after them in their paragraph, named by that name alone (past 其中, 全市, 合计 …). Each
    member's word must differ; changes and figures in brackets are no members."""
    found = []
    for paragraph in paragraphs(page):
        levels = [f for f in paragraph.levels() if _plain(f)]
        for at, total in enumerate(levels):
            name = SCOPE.sub("", clause_before(page, total).rstrip(NOT_NOUN))
            if len(name) < NAME_LEAST or digits(total) < HEAD_DIGITS:
                continue
            parts = _named_parts(page, levels[:at], total, name)
            how = fit(SUM, parts, total, bound=True) if parts else None
            if how in ("exact", "slip"):
                relation = addition(page, parts, total, page.sentence(total).evidence(80))
                found.append(Relation("total", relation.figures, relation.exprs, "medium", relation.evidence,
                                      relation.title, relation.note))
    return found


def _named_parts(page: Page, before: list[Figure], total: Figure, name: str) -> list[Figure]:
    """The members named by a word and `name` before the total; [] unless three to MOST."""
    parts, words = [], set()
    for figure in before:
        clause = clause_before(page, figure).rstrip(NOT_NOUN)
        in_note = in_bracket(page.text, figure.span.start, max(page.lo, figure.span.start - BRACKET_REACH))
        if not clause.endswith(name) or clause == name or MOVED.search(clause) or in_note \
                or not same_measure(figure, total) or figure.value >= total.value:
            continue
        word = DATED.sub("", clause)
        if word in words:
            return []  # one member twice: a list of something else (two years, two places)
        words.add(word)
        parts.append(figure)
    return parts if LEAST + 1 <= len(parts) <= MOST else []


def _headed(page: Page) -> list[Relation]:
    """审执结各类案件7018件 … then, a line each, 审结行政诉讼案件30件, 办结申诉案件1件, 审结民商事案件
    4822件 …: a total of 各类 (each kind of) a thing, and the figures after it whose words end
    with that thing (its last character among their last two), up to the next heading or the
    next figure as large. The parts may share a sentence; changes (同比增加12件) and figures in
    brackets (含再审1件) are no parts."""
    found = []
    levels = [f for p in paragraphs(page) for f in p.levels() if _plain(f)]
    for at, total in enumerate(levels):
        head = EACH_KIND.search(clause_before(page, total))
        if head is None or digits(total) < HEAD_DIGITS:
            continue
        parts = _headed_parts(page, levels[at + 1:], total, head.group(1))
        if parts is None:
            continue
        how = fit(SUM, parts, total, bound=True)
        if how in ("exact", "slip"):
            relation = addition(page, parts, total, page.sentence(total).evidence(80))
            found.append(Relation("total", relation.figures, relation.exprs, "medium", relation.evidence,
                                  relation.title, relation.note))
    return found


def _headed_parts(page: Page, later: list[Figure], total: Figure, noun: str) -> list[Figure] | None:
    """The kinds of the total's thing printed after it, in its section; None unless three to MOST."""
    parts: list[Figure] = []
    for figure in later:
        if HEADING.search(page.text, total.span.end, figure.span.start):
            break  # 3、未结案情况: the next section
        if not same_measure(figure, total) or page.sentence(figure) is page.sentence(total):
            continue
        if figure.value >= total.value:
            break
        words = clause_before(page, figure)
        in_note = in_bracket(page.text, figure.span.start, max(page.lo, figure.span.start - BRACKET_REACH))
        if MOVED.search(words) or in_note or noun[-1] not in words.rstrip(NOT_NOUN)[-HEAD_NOUN:]:
            continue
        parts.append(figure)
    return parts if LEAST + 1 <= len(parts) <= MOST else None


def _echoed(page: Page) -> list[Relation]:
    figures = [f for p in paragraphs(page) for f in p.levels() if _plain(f)]
    after = [(f, words) for f in figures if (words := words_after(page, f))]
    # …招生3133人 … 普通高中…招生2500人 … 中职…招生633人: the words before each figure, the
    # whole of its clause, echo the total's as the words after it do (…9人死亡).
    before = [(f, words) for f in figures if len(words := _clause_name(page, f)) >= NAME_LEAST - 1]
    return _echoed_by(page, after) + _echoed_by(page, before)


def _clause_name(page: Page, figure: Figure) -> str:
    return SCOPE.sub("", clause_before(page, figure).rstrip(NOT_NOUN))


def _echoed_by(page: Page, worded: list[tuple[Figure, str]]) -> list[Relation]:
    found = []
    for at, (total, words) in enumerate(worded):
        parts = _members(page, worded[at + 1:], total, words)
        if parts is None:
            continue
        how = fit(SUM, parts, total)
        if how in ("exact", "slip"):
            relation = addition(page, parts, total, page.sentence(total).evidence(80))
            found.append(Relation("total", relation.figures, relation.exprs, "medium", relation.evidence,
                                  relation.title, relation.note))
    return found


def _members(page: Page, later: list[tuple[Figure, str]], total: Figure, words: str) -> list[Figure] | None:
    """The figures after the total with its measure and words, one a sentence, up to the next
    that could be another total; None unless there are LEAST to MOST of them, within REACH
    paragraphs."""
    last = _paragraph_index(page, total) + REACH
    parts: list[Figure] = []
    for figure, other in later:
        if _paragraph_index(page, figure) > last:
            break
        if other != words or not same_measure(figure, total):
            continue
        if figure.value >= total.value:
            break
        if parts and page.sentence(parts[-1]) is page.sentence(figure):
            return None  # two in one sentence: a list of its own, not one member each
        parts.append(figure)
    if not LEAST <= len(parts) <= MOST or page.sentence(parts[0]) is page.sentence(total):
        return None
    return parts


def _plain(figure: Figure) -> bool:
    """A figure printed as a plain level: no 余/约, no sign, a count or amount."""
    return not figure.qualifier and figure.value > 0 and countable(figure) and figure.kind in ("count", "amount")


def _paragraph_index(page: Page, figure: Figure) -> int:
    index = page.kept("echoed.paragraph_of", lambda: {f.id: i for i, p in enumerate(paragraphs(page)) for f in p.figures})
    return index.get(figure.id, -1)
