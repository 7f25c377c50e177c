"""Growth against the record of an earlier period printed elsewhere on the page (used by the
change kind).

    2016年，最高法受理案件22742件，审结20151件，比2015年分别上升42.3%和42.6%。…
    据悉，2015年，最高法受理案件15985件，审结14135件，比2014年分别上升42.6%和43%。

    5月汽车产销分别完成233.3万辆和238.2万辆，环比分别增长9.4%和10.3%。… 上个月，我国汽车产销量
    分别完成213.3万辆和215.9万辆。

A rate compared with a year (比2015年) or with the month before (环比) is the change from the
level that a sentence opened by that year (2015年，…) or by 上个月 prints under the same name,
wherever on the page that sentence is. Rates listed after 分别 pair with the levels before
them in order. The period and the name tie each pair; the arithmetic judges it, and a rate
that no rounding or single misprint explains is a warning.
"""
from __future__ import annotations

import re
from os.path import commonprefix

from auditor.discover.fit import DECLINE, GROWTH, fit
from auditor.discover.relation import Relation
from auditor.discover.scope import alike
from auditor.discover.text import Page, Sentence, between, clause_before, printed
from auditor.model import Figure

UP = r"上升|增长|增長|增加|提高|上涨|上漲"
DOWN = r"下降|减少|減少|降低|下跌|回落"
VERB = rf"(?:分别|分別|均)?(?P<verb>{UP}|{DOWN})了?$"
BY_YEAR = re.compile(rf"(?:比|较|較)(?P<year>(?:19|20)\d\d)\s*年(?:同期)?[，,]?{VERB}")
BY_MONTH = re.compile(rf"(?:环比|環比)[，,]?{VERB}")
HINT = re.compile(r"(?:比|较|較)(?:19|20)\d\d|环比|環比")
JOIN = re.compile(r"\s*(?:和|、|及|与|與|，|,)\s*")
OPENS_MONTH = re.compile(r"上个月|上個月|上月")
SEMICOLON = re.compile(r"[；;]")
OPENS_YEAR = re.compile(r"(?<![比较較与與])((?:19|20)\d\d)\s*年(?![底末]?[的比])")
COMPARES_YEAR = re.compile(r"(?:比|较|較)((?:19|20)\d\d)")
NAME = 2  # characters of name a level and the earlier period's level must end with alike
OPENING = 24  # characters from a sentence's start where the period opening it is printed


def find(page: Page, taken: set[str]) -> list[Relation]:
    """Relations for rates whose id is not in `taken` (another reading of the change kind)."""
    found = []
    for sentence in page.sentences:
        if not HINT.search(sentence.text):
            continue  # a cheap look first: most sentences compare with no year and no month
        for claim in sentence.figures:
            if claim.id in taken or claim.unit != "%":
                continue
            words = page.text[max(sentence.start, claim.span.start - 24):claim.span.start]
            match = BY_YEAR.search(words) or BY_MONTH.search(words)
            if match is None:
                continue
            found += _pairs(page, sentence, claim, match, taken)
    return found


def _pairs(page: Page, sentence: Sentence, first: Figure, match: re.Match[str], taken: set[str]) -> list[Relation]:
    rates = _listed(page, sentence, first)
    levels = [f for f in sentence.figures if f.span.end <= first.span.start and f.is_quantity and f.unit != "%"
              and f.kind in ("amount", "count")][-len(rates):]
    if len(levels) != len(rates):
        return []
    target = _period_segment(page, sentence, match)
    if target is None:
        return []
    down = re.fullmatch(DOWN, match.group("verb")) is not None
    found = []
    for level, rate in zip(levels, rates):
        earlier = _same_name(page, level, target)
        if earlier is None or rate.id in taken:
            continue
        inputs = (earlier, level) if down else (level, earlier)
        how = fit(DECLINE if down else GROWTH, inputs, rate, rate=True)
        expr = "1 - x0 / x1 == x2" if down else "x0 / x1 - 1 == x2"
        title = f"{printed(earlier)} → {printed(level)}: {'下降' if down else '增长'}{printed(rate)}"
        note = "matches only if the rate was cut, not rounded" if how == "truncated" else ""
        confidence = "high" if how in ("exact", "slip") else "medium"
        found.append(Relation("change", (level, earlier, rate), (expr,), confidence,  # type: ignore[arg-type]
                              sentence.evidence(), title, note))
    return found


def _listed(page: Page, sentence: Sentence, first: Figure) -> list[Figure]:
    """The rate and the rates joined to it (42.3%和42.6%)."""
    rates = [first]
    for f in (f for f in sentence.figures if f.span.start > first.span.start):
        if f.unit != "%" or not JOIN.fullmatch(between(page.text, rates[-1], f)):
            break
        rates.append(f)
    return rates


def _period_segment(page: Page, sentence: Sentence, match: re.Match[str]) -> list[Figure] | None:
    """The levels of the one other statement (a sentence, or a part of one between semicolons)
    opened by the period compared with (2015年，…; …；2013年最高法…; 上个月，…)."""
    year = match.groupdict().get("year") or ""
    opened = [levels for owner, levels in page.kept("records.openers", lambda: _openers(page)).get(year, [])
              if owner is not sentence]
    return opened[0] if len(opened) == 1 else None


def _openers(page: Page) -> dict[str, list[tuple[Sentence, list[Figure]]]]:
    """Each statement's levels by the period that opens it: a year, or "" for 上个月; kept on
    the page, as every rate compared with a period asks."""
    found: dict[str, list[tuple[Sentence, list[Figure]]]] = {}
    for other in page.sentences:
        if not other.figures:
            continue
        for start, end in _segments(page, other):
            head = page.text[start:min(end, start + OPENING)]
            years = {m.group(1) for m in OPENS_YEAR.finditer(head)} - {m.group(1) for m in COMPARES_YEAR.finditer(head)}
            keys = years | ({""} if OPENS_MONTH.search(head) else set())
            for key in keys:
                found.setdefault(key, []).append((other, [f for f in other.figures if start <= f.span.start < end]))
    return found


def _segments(page: Page, sentence: Sentence) -> list[tuple[int, int]]:
    cuts = [sentence.start] + [m.end() for m in SEMICOLON.finditer(page.text, sentence.start, sentence.end)] + [sentence.end]
    return list(zip(cuts, cuts[1:]))


def _same_name(page: Page, level: Figure, target: list[Figure]) -> Figure | None:
    """The one level of the target statement of the level's measure whose words end as the
    level's do (受理案件15985件 for 受理案件22742件; 产销量分别完成213.3万辆 by place in its list)."""
    name = clause_before(page, level)
    same = [f for f in target if alike(f, level) and f.unit != "%"
            and len(commonprefix([clause_before(page, f)[::-1], name[::-1]])) >= NAME]
    return same[0] if len(same) == 1 else None

