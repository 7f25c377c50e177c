"""Parts and a total that are not printed side by side, found by the arithmetic.

The total kind (total.py) reads a run of parts next to its total. These forms find the
parts wherever the paragraph put them, so each asks for stronger arithmetic or words:

* a tally: three or more counts in a row (甲1,641票，乙169票，丙40票, perhaps with the next
  count in another classifier, 无效票30张) adding up to a count stated anywhere in the
  paragraph or the one before (投票人数1,880);
* large figures: parts and a total of five or more significant digits, anywhere in the
  paragraph, with sub-totals between them;
* a total that names its parts (白票和废票合共5,223票), wherever each was stated;
* shares in a row that make up one whole (受访者中支持的占38.5%，反对的占41.2%，其余20.3%).

All are reported as the `total` kind, with medium confidence unless the words name the parts.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from auditor.discover import odds
from auditor.discover.fit import SUM, fit, fit_whole
from auditor.discover.proportion import GROWTH_WORD, RATE_WORD
from auditor.discover.relation import Relation
from auditor.discover.scope import MAX_FIGURES, Paragraph, alike, by_measure, counted_alike, digits
from auditor.discover.sum import addition
from auditor.discover.text import OF_WHICH, Page, between, compact, printed
from auditor.model import Figure

LARGE_DIGITS = 5
LARGE_POOL = MAX_FIGURES  # one paragraph window
LARGE_ODDS = 0.01
BACK_POOL = 12  # long figures from paragraphs further back that may join the pool
NAMED_WINDOW = 40
MIN_TALLY = 3
# Figures a run of shares may carry between its members: a change in points, ages, years.
ASIDE = frozenset({"个百分点", "岁", "歲", "年"})
WHOLE_RUN = re.compile(r"(?:另有|其余|其餘|余下|餘下|剩下|剩余|其他|其它)[^，,。；;]{0,6}$")
OPENED = re.compile(r"(?:其中|当中|當中)[^，,。；;]{0,6}$")
PARTED = re.compile(r"[)）;；]")  # what closes an aside or a list before the next count
MOVED_TO = re.compile(r"(?:至|到)\s*$")  # right before the rate a rate moved to (改善至47.1%), not 36岁至60岁占…
NAMED_PARTS = re.compile(r"(?P<a>[\u4e00-\u9fff]{1,6}?)(?:和|及|与|與|、)(?P<b>[\u4e00-\u9fff]{1,6}?)"
                         r"(?:合共|合计|合計|共计|共計|总共|總共|一共|加起来|共)(?:有|为|為|达|達)?$")


def whole(page: Page, paragraph: Paragraph) -> list[Relation]:
    """Shares in a row that make up one whole between them: 分别占23.8%、44.2%和32%."""
    found = []
    for rates in _share_runs(paragraph):
        if any(MOVED_TO.search(between(page.text, a, b)) for a, b in zip(rates, rates[1:])):
            continue  # 比率由49%改善至47.1%: one rate at two times, no two parts of a whole
        how = fit_whole(rates)
        # 另有8.7%, 其余40%: the last share is the rest, so the run is the whole; so is a run
        # that 其中 opens (规模50亿元，其中60%…，40%…).
        worded = any(RATE_WORD.search(r.context[-12:]) for r in rates) or \
            bool(WHOLE_RUN.search(compact(rates[-1].context[-8:]))) or bool(OPENED.search(compact(rates[0].context[-8:])))
        if how is None or not worded and (how != "exact" or len(rates) < 3) or how == "slip" and len(rates) < 3:
            continue  # two rates a point off 100 (支持51%，反对47%) leave room for 不知道
        expr = " + ".join(f"x{i}" for i in range(len(rates))) + " == 1"
        title = " + ".join(printed(r) for r in rates) + " = 100%"
        evidence = next(s for s in paragraph.sentences if s.start <= rates[0].span.start < s.end).evidence()
        found.append(Relation("total", tuple(rates), (expr,), "medium", evidence, title))
    return found


def _share_runs(paragraph: Paragraph) -> list[list[Figure]]:
    """Maximal runs of two or more shares with no other figure between them; a growth rate
    (增长8%) or a share above 100% ends a run."""
    found, run = [], []
    for figure in list(paragraph.figures) + [None]:  # type: ignore[list-item]
        share = figure is not None and figure.unit == "%" and figure.kind == "percent" and figure.value <= 100 \
            and not GROWTH_WORD.search(figure.context[-6:])
        if share:
            run.append(figure)
            continue
        if figure is not None and run and (figure.unit in ASIDE or figure.kind in ("date", "period", "ordinal")):
            # 18至35岁占23.8%，较上届跌0.07个百分点；36至60岁占44.2%: the gap and the ages are asides;
            # so are the ordinals that name the parts (第二产业…占29.1%；第三产业…占48%).
            continue
        if len(run) >= 2:
            found += [run] + _by_full_stop(paragraph, run)
        run = []
    return found


def _by_full_stop(paragraph: Paragraph, run: list[Figure]) -> list[list[Figure]]:
    """The pieces of a run that crosses a full stop, each in its own sentence: 77.9%的民众支持…。
    但68%不赞成，24.3%赞成，另有8.7%: the earlier sentence's share is of another whole."""
    pieces: dict[int, list[Figure]] = {}
    for figure in run:
        sentence = paragraph.sentence(figure)
        pieces.setdefault(sentence.start if sentence.text.rstrip()[-1:] in "。！？!?" else -1, []).append(figure)
    if len(pieces) < 2 or -1 in pieces:
        return []
    return [piece for piece in pieces.values() if len(piece) >= 2]


def named_parts(page: Page, total: Figure) -> Relation | None:
    """白票和废票合共5,223票: a total that names its parts, each the latest figure of its unit
    before it whose words contain that name, wherever it was stated."""
    match = NAMED_PARTS.search(_before(page, total))
    if not match:
        return None
    parts = []
    for name in (match.group("a"), match.group("b")):
        named = [f for f in page.figures if f.span.end <= total.span.start and alike(f, total)
                 and name in _before(page, f) and f.value < total.value]
        if not named:
            return None
        parts.append(named[-1])
    if parts[0] is parts[1]:
        return None
    parts.sort(key=lambda f: f.span.start)
    how = fit(SUM, parts, total)
    if how is None:
        return None
    relation = addition(page, parts, total, page.sentence(total).evidence())
    return Relation("total", relation.figures, relation.exprs, "high", relation.evidence, relation.title)


def large(page: Page, levels: list[Figure], earlier: list[Figure], taken: dict[str, set[str]],
          far: Sequence[Figure] = ()) -> list[Relation]:
    """Parts and a total of five or more significant digits each, wherever they sit in the
    paragraph (海路5,195,997人次 … 陆路7,808,627人次 … 空路694,892人次 under 入境旅客总数
    13,699,516人次, with sub-totals and other counts between them): among figures that long, a
    sum that fits within a unit is no coincidence, so no words are asked for. How much no
    coincidence is measured, not assumed: every sum of the pool (odds.Sums) is a chance to fit,
    so a fit is taken when the sums tried, times the width a chance sum must land in, over the
    total, is at most LARGE_ODDS. Seven-digit figures fit on those odds in a pool of forty;
    five-digit ones only in a pool of a few. Only a total that one set of parts fits, with the
    fewest parts that fit (the sub-totals, not their own parts). The paragraph before is
    in the pool too, as a long paragraph is cut into windows (scope.MAX_FIGURES) that may part
    a total from its parts, unless the two make too large a pool; and so are the long figures
    of a few paragraphs before that (`far`), the BACK_POOL nearest, as far as the pool allows: a total
    may follow its parts by a paragraph or two (北京现代52,016辆；东风悦达起亚32,008辆 … then
    现代起亚以84024辆的单月销量)."""
    found = []
    for group in by_measure([f for f in levels if _long(f)]):
        wider = [f for f in earlier if _long(f) and alike(f, group[0])]
        if len(wider) + len(group) <= LARGE_POOL:
            group = wider + group
            back = [f for f in far if _long(f) and alike(f, group[0]) and f not in group]
            group = back[max(0, len(back) - min(BACK_POOL, LARGE_POOL - len(group))):] + group
        if not 3 <= len(group) <= LARGE_POOL:
            continue
        sums = odds.Sums.of(group)
        for total in group:
            # A total broken down twice (by channel, then by length of stay) adds up both ways:
            # one already read is read again into other parts only.
            used = frozenset(taken.get(total.id, ()))
            for _ in range(2 - bool(used)):
                # Seven digits that add up are no siblings, whatever word they share (入境…入境).
                best = odds.best_fit(sums, total, siblings=False, besides=used)
                if best is None or len(sums.values) * best[2] / odds.as_floats(total)[0] > LARGE_ODDS:
                    break
                found.append(_large(page, best[1].parts, total))
                used |= {p.id for p in best[1].parts}
    return found


def _large(page: Page, parts: tuple[Figure, ...], total: Figure) -> Relation:
    relation = addition(page, sorted(parts, key=lambda f: f.span.start), total, page.sentence(total).evidence())
    return Relation("total", relation.figures, relation.exprs, "medium", relation.evidence, relation.title)


def _long(figure: Figure) -> bool:
    """A figure of LARGE_DIGITS or more, printed as a value, short enough for odds' floats."""
    return LARGE_DIGITS <= digits(figure) <= odds.FLOAT_DIGITS and not figure.qualifier


def _before(page: Page, figure: Figure) -> str:
    """The words of the figure's sentence before it, at most NAMED_WINDOW characters."""
    start = max(page.sentence(figure).start, figure.span.start - NAMED_WINDOW)
    return compact(page.text[start:figure.span.start])


def tallies(page: Page, levels: list[Figure], earlier: list[Figure], taken: dict[str, set[str]]) -> list[Relation]:
    """A tally: a run of three or more counts in a row (甲1,641票，乙169票，丙40票) and,
    perhaps, the next count in another classifier (无效票30张), adding up to a count stated
    anywhere in the paragraph or the one before (投票人数1,880): ballots, seats, cases.
    `taken` holds each total already read and its parts: a total broken down once (男7910人、
    女5735人) may be broken down again into other parts (by township), never the same ones."""
    found = []
    for run in _runs(levels):
        # The longest piece of a run that fits is its tally.
        tally = next((r for piece in _from_sentences(page, run) if (r := _tally_of(page, piece, earlier + levels, taken))), None)
        if tally is not None:
            found.append(tally)
            taken.setdefault(tally.figures[-1].id, set()).update(f.id for f in tally.figures[:-1])
    return found


def _tally_of(page: Page, parts: list[Figure], pool: list[Figure], taken: dict[str, set[str]]) -> Relation | None:
    """The tally of parts against the one count of the pool they add up to, if just one does."""
    members = {f.id for f in parts}
    totals = [t for t in pool if t.id not in members and not members & taken.get(t.id, set()) and digits(t) >= 3
              and counted_alike(t, parts[0]) and t.value > max(f.value for f in parts)]
    fits = [(how, t) for t in totals if (how := fit(SUM, parts, t)) is not None]
    if any(how == "exact" for how, _ in fits):
        # 1,880 fits exactly and the 1,881 votes of another count a slip away: the exact one
        # is the total, as a slip that lands exactly on another printed count is rarer.
        fits = [(how, t) for how, t in fits if how == "exact"]
    if len({(t.number, t.unit) for _, t in fits}) != 1:
        return None  # none, or more than one figure fits: a coincidence is as likely
    _, total = fits[-1]  # totals of at least three digits: a slip in them is always read
    relation = addition(page, parts, total, page.sentence(total).evidence(80) + " … " +
                        page.sentence(parts[0]).evidence(80))
    return Relation("total", relation.figures, relation.exprs, "medium", relation.evidence,
                    relation.title, relation.note)


def _from_sentences(page: Page, run: list[Figure]) -> list[list[Figure]]:
    """The run, then each tail of it that starts a sentence or follows a bracket or a
    semicolon, longest first: a count from the sentence before (她在2019年得到1,881票。…
    甲1,641票，乙169票) or an aside (总人口13645人（男7910人、女5735人），甲乡7657人；…) runs
    on into the tally but is no part of it."""
    starts = [i for i in range(1, len(run) - MIN_TALLY + 1)
              if page.sentence_index(run[i]) != page.sentence_index(run[i - 1])
              or PARTED.search(page.text, run[i - 1].span.end, run[i].span.start)]
    # 专任教师6215人，其中，普通中学1843人、小学2906人…: the count before 其中 is the total of
    # those after it, never a member of one tally with them.
    owned = [i for i in range(1, len(run)) if OF_WHICH.search(page.text, run[i - 1].span.end, run[i].span.start)]
    if owned:
        pieces = [run[owned[-1]:]] + [run[i:] for i in starts if i > owned[-1]]
        return [piece for piece in pieces if len(piece) >= MIN_TALLY]
    return [run] + [run[i:] for i in starts]


def _runs(levels: list[Figure]) -> list[list[Figure]]:
    """Maximal runs of three or more integer counts in one unit, each with and without the
    count right after it when that one is in another classifier."""
    found, run = [], []
    for figure in levels + [None]:  # type: ignore[list-item]
        if figure is not None and run and alike(figure, run[-1]) and _tally(figure):
            run.append(figure)
            continue
        if len(run) >= MIN_TALLY:
            found.append(run)
            if figure is not None and _tally(figure) and counted_alike(figure, run[-1]):
                found.append(run + [figure])
        run = [figure] if figure is not None and _tally(figure) else []
    return found


def _tally(figure: Figure) -> bool:
    return figure.kind == "count" and figure.scale == 1 and not figure.decimals and not figure.qualifier
