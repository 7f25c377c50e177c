"""A medal tally and the total printed beside it (used by the sum kind).

Sports copy gives medals in a short form whose figures carry no unit of their own, then their
total: 勇夺19金20银28铜，奖牌总数67面; 以2金、4银、6铜共12面奖牌收官; 共获得12枚奖牌，其中
金牌2枚、银牌4枚、铜牌6枚. What makes the figures a tally is the metal beside each (金, 银,
铜 right after it, or 金牌, 银牌, 铜牌 right before it), in that order; what makes the other
figure their total is a total word or 奖牌 next to it, a few characters from the tally.

A compact tally run straight into its total word (12金8银5铜共25枚, 3死5伤共8人) is already
total.py's; this reads the separated forms, and the total further on or before the tally.

A medal count is an exact whole number, so the sum is compared as printed and a wrong one
fails the gate. A tally with its total elsewhere (上届的11面奖牌) is left alone: which games a
total belongs to is a reading of the words, not of the tally. Two exceptions, where the words
name the medals' total and the tally comes within one of it (five or more of some metal): a
total after 达到, which may open a running count (总奖牌数达到232枚), and one clauses before the
tally in its sentence (奖牌总数达到216枚，…，一共拿到48金74银94铜).
"""
from __future__ import annotations

import re

from auditor.discover.text import Page
from auditor.model import Figure

METALS = "金银铜"
AFTER = re.compile(r"\s*(?:枚|面|块)?\s*([金银铜])")  # 19金, 2枚金牌, 3块银牌
BEFORE = re.compile(r"([金银铜])牌数?\s*[:：为]?\s*$")  # 金牌19枚, 金牌数:19
GAP = 8  # characters between the figures of one tally (2枚金牌、4枚银牌)
TOTAL_UNITS = ("枚", "面", "块")
# 共12面, 总数67面, 合计67枚, 共获得奖牌12枚, 奖牌总数则为67面; before the tally: 12枚奖牌，其中 / 12面奖牌（
# The total word opens the words after the tally (no other clause between): 位列第五，累计获得奖牌
# 总数600枚 is a tally of one games beside a count of all of them.
TOTAL_AFTER = re.compile(r"^\s*[枚面块]?\s*(?:[金银铜]牌?)?\s*[枚面块]?[\s、，,]*(?:奖牌)?[\s、，,]*[则这其]?(?:共|总|合计|合共|奖牌)[^。；;！!？?\d，,]{0,8}$")
# …勇夺19金20银28铜，以奖牌榜第6名作收，总奖牌数则为67面: further on in the sentence, only
# a total the words call the medals' total.
MEDAL_TOTAL = re.compile(r"(?:奖牌总数|总奖牌数?|奖牌数)[^。；;！!？?\d，,]{0,4}$")
FAR = 60
# Words that open a breakdown of the tally before them: 其中, 在性别分布上, 按项目分, 包括.
BREAKDOWN = re.compile(r"其中|当中|當中|分布|分佈|包括|按[^，,。；;]{1,8}分|从[^，,。；;]{1,8}看|從[^，,。；;]{1,8}看")
MIN_WHOLE = 5  # the largest metal of a tally broken down
MAX_PARTS = 5  # tallies after a tally that may break it down
FAR_PARTS = 200  # characters from a tally to the first tally of its breakdown
OTHER_TALLY = re.compile(r"[；;]|\d\s*[枚面块]?\s*[金银铜]")
# 夺得1金1铜，总奖牌数目已增至12面: a running total, of every games day so far, not of the tally.
RUNNING = re.compile(r"增至|增加至|增加到|升至|达到|累计|累积|至今|迄今")
TOTAL_BEFORE = re.compile(r"^\s*(?:枚|面|块)?奖牌[^。；;\d]{0,3}(?:其中|（|\()[^。；;\d]{0,4}$")


def find(page: Page) -> list[tuple[list[Figure], Figure]]:
    """(parts, total) for each tally with its total beside it, and for each metal of a tally
    that the tallies after it break down (see broken_down)."""
    found = []
    every: list[list[Figure]] = []
    for sentence in page.sentences:
        figures = [f for f in sentence.figures if not f.qualifier and f.kind == "count" and not f.decimals]
        for tally in _tallies(page.text, figures):
            every.append(tally)
            total = _total(page.text, figures, tally)
            if total is not None:
                found.append((tally, total))
    return found + broken_down(page.text, every)


def broken_down(text: str, tallies: list[list[Figure]]) -> list[tuple[list[Figure], Figure]]:
    """共获得38金32银18铜 … 男子13金13银9铜，女子22金16银9铜，男女组合3金3银: the tallies right
    after a tally, each by a part of the team, add up to it metal by metal (a metal a part
    does not print is 0). Arithmetic says which tallies these are: the fewest that fit every
    metal exactly, or all but one metal, that one a slip away (one misprint), with two metals
    or more exact. (parts, total) for each metal of the tally."""
    found = []
    for at, whole in enumerate(tallies):
        if max(f.value for f in whole) < MIN_WHOLE:
            continue  # 1金2银 … 0金1银、1金1银: small tallies add up by chance
        for end in range(at + 3, min(len(tallies), at + 1 + MAX_PARTS) + 1):
            parts = tallies[at + 1:end]
            if parts[0][0].span.start - whole[-1].span.end > FAR_PARTS \
                    or not BREAKDOWN.search(text, whole[-1].span.end, parts[0][0].span.start):
                break  # 甲队12金…，乙队7金…，丙队5金…: rivals' tallies, unless words break the first down
            sums = _by_metal(text, whole, parts)
            if sums is not None:
                found += sums
                break
    return found


def _by_metal(text: str, whole: list[Figure], parts: list[list[Figure]]) -> list[tuple[list[Figure], Figure]] | None:
    """Each metal of the whole with the parts' figures of that metal, when they add up as
    broken_down asks."""
    metals = [(f, _metal(text, f)) for tally in parts for f in tally]
    if any(metal is None for _, metal in metals):
        return None
    checks = []
    for total in whole:
        metal = _metal(text, total)
        members = [f for f, its in metals if its == metal]
        if not members:
            return None
        checks.append((members, total, sum(f.value for f in members) - total.value))
    exact = sum(1 for _, _, gap in checks if gap == 0)
    if exact < 2 or exact < len(checks) - 1 or any(abs(gap) > 1 for _, _, gap in checks):
        return None
    return [(members, total) for members, total, _ in checks]


def _metal(text: str, figure: Figure) -> str | None:
    if figure.unit not in ("", *TOTAL_UNITS):
        return None
    found = AFTER.match(text, figure.span.end) or BEFORE.search(text, max(0, figure.span.start - 6), figure.span.start)
    return found.group(1) if found else None


def _tallies(text: str, figures: list[Figure]) -> list[list[Figure]]:
    """Runs of two or three figures marked 金, 银, 铜 in that order, a few characters apart."""
    tallies, run, last = [], [], -1
    for figure in figures:
        metal = _metal(text, figure)
        order = METALS.find(metal) if metal else -1
        joined = run and order > last and figure.span.start - run[-1].span.end <= GAP
        if metal and joined:
            run.append(figure)
        else:
            if len(run) >= 2:
                tallies.append(run)
            run = [figure] if metal else []
        last = order if run else -1
    if len(run) >= 2:
        tallies.append(run)
    return tallies


def _running(words: str, tally: list[Figure], total: Figure) -> bool:
    """A running total (增至, 达到: of every games day so far), unless the arithmetic says it is
    this tally's: a tally of five or more medals in some metal that comes within one of it
    (76金65银91铜，总奖牌数达到232枚). A day's few medals under a running count miss it widely."""
    if not RUNNING.search(words):
        return False
    gap = abs(sum(f.value for f in tally) - total.value)
    return not (gap <= 1 and max(f.value for f in tally) >= MIN_WHOLE)


def _total(text: str, figures: list[Figure], tally: list[Figure]) -> Figure | None:
    after = [f for f in figures if f.span.start >= tally[-1].span.end and f.unit in TOTAL_UNITS]
    if after:
        words = text[tally[-1].span.end:after[0].span.start]
        # Further on, only with no other statement or tally between (；日本队12金8银10铜，总奖牌数30面).
        opens = TOTAL_AFTER.match(words) or (len(words) <= FAR and MEDAL_TOTAL.search(words)
                                             and not OTHER_TALLY.search(words))
        if opens and not _running(words, tally, after[0]) and after[0].value > max(f.value for f in tally):
            return after[0]
    before = [f for f in figures if f.span.end <= tally[0].span.start and f.unit in TOTAL_UNITS]
    if before:
        words = text[before[-1].span.end:tally[0].span.start]
        if TOTAL_BEFORE.match(words) and not RUNNING.search(text[max(0, before[-1].span.start - 8):before[-1].span.start]) and before[-1].value > max(f.value for f in tally):
            return before[-1]
    return _named_before(text, before, tally)


def _named_before(text: str, before: list[Figure], tally: list[Figure]) -> Figure | None:
    """奖牌总数达到216枚，…，一共拿到48金74银94铜: a total the words call the medals' total,
    earlier in the tally's sentence with other clauses between, taken when the tally comes
    within one of it (five or more of some metal): the arithmetic ties what the words part."""
    named = [f for f in before if MEDAL_TOTAL.search(text, max(0, f.span.start - 10), f.span.start)]
    gap = [abs(sum(f.value for f in tally) - f.value) for f in named]
    if len(named) != 1 or gap[0] > 1 or max(f.value for f in tally) < MIN_WHOLE:
        return None
    return named[0]
