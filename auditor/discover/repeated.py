"""The same quantity stated twice agrees with itself.

## What it finds
Two statements of one figure, such as a headline and the body (今年前11月成都实现外贸进出口
6834.7亿元 … 同期，成都实现外贸进出口6834.7亿元), or 融资规模1600亿元 in a headline and
twice in the text; and a quantity restated in another unit of its measure right after it
(11606.4万公顷（174096万亩）, converted.py). Two figures are taken as one quantity when they are printed alike (same
unit, scale, precision and qualifier) and either read the same digits, or differ in a single
digit or by two swapped neighbours while being about the same thing.

## Why
Copy edited in one place and not the other leaves a headline and its story disagreeing.

## Passing example
成都市已有林长6674人 … 林长总人数达6674人.

## Failing example
成都实现外贸进出口6834.7亿元 … 同期，成都实现外贸进出口6843.7亿元.

## Precision
Equal digits are trusted for amounts and counts of three or more significant digits; equal
rates and short counts (two unrelated 32人 or 6.9% are common) only when their labels nearly
coincide, they are restated verbatim, or one is in a headline whose words the other's
sentence mostly repeats. Different digits are paired only in different sentences:
amounts and counts of three or more significant digits whose words before, or noun after,
nearly coincide (bigram Dice ≥ 0.8; 0.2 when one is a headline; 0.4, as a warning, for
figures of four or more digits one unit of the last digit apart); rates only when the 24
characters before them are identical, as 城镇居民收入增长8.1% beside 农村居民收入增长8.2%
are two figures, not one.
"""
from __future__ import annotations

import re
from os.path import commonprefix
from decimal import Decimal
from functools import lru_cache

from auditor.discover import converted
from auditor.discover.relation import Relation
from auditor.discover.scope import NOT_LEVELS
from auditor.discover.text import GLOSS, Page, blank_between, clause_before, compact, covered, label, printed, similarity, words_after
from auditor.model import Figure

SAME_LABEL = 0.8  # bigram Dice of the words before (or the noun after) two statements
IDENTICAL = 0.95  # for equal short figures: 一号楼32户 and 二号楼32户 are two figures
HEADLINE_LABEL = 0.2  # a headline restates its story in fewer words
ORDINAL = re.compile(r"第\s*(\d+)|(\d+)\s*(?:号|组|期|批|届|区|楼|栋|路|线)")
HEADLINE_WORDS = 0.6  # share of a headline rate's word pairs its story sentence must repeat
LEAD = 24  # identical characters before two rates for them to be one restated figure
TABLE_GAP = 12
SURE_DIGITS = 4
ROW_REACH = 160
ROW_GAP = re.compile(r"(?<=\S)(?: {2,}|\t)(?=\S)")
SEGMENT_REACH = 12  # characters before two sentences' shared words where a segment's figure is
FOOTNOTE = re.compile(r"[\[［]\d{1,2}[\]］]")
SO_FAR = re.compile(r"暂|暫|赛前|賽前|此前|之前|截至目前|截止目前|目前为止|目前為止|迄今|至今")
ANOTHER = re.compile(r"(?:另有|另外|此外|还有|還有|又有|另)[^，,。；;：:\d]{0,3}$")
# A numbered item at the start of a line: (一), （2）, 三、, 4., 5．
ITEM = re.compile(r"\s*(?:[（(]\s*([一二三四五六七八九十\d]+)\s*[)）]|([一二三四五六七八九十]+|\d+)[、.．](?!\d))")
ITEM_REACH = 80
RECORD_LABEL = 3  # characters before a figure that name it in a template's records (机场有)
PERIOD_DASH = re.compile(r"[至到~～—–－]")
NEAR_DIGITS = 4  # figures one unit of their last digit apart (_one_unit_apart) …
NEAR_LABEL = 0.4  # … need this much of their words alike  # short lines this close together are rows of one table, not headline and story


def find(page: Page) -> list[Relation]:
    found = []
    # Only figures printed alike can be one figure (see _one_figure): compare within groups.
    groups: dict[tuple, list[Figure]] = {}
    for figure in page.quantities():
        groups.setdefault((figure.unit, figure.scale, figure.decimals, figure.qualifier, figure.kind), []).append(figure)
    for quantities in groups.values():
        misread: set[tuple[str, str]] = set()  # (a printed number, a figure read as its slip)
        for i, first in enumerate(quantities):
            # Chain restatements: each figure pairs with the next copy that reads alike, and,
            # once among its copies, with a later figure that reads one slip off it (总计2933人 …
            # 缺额2953人), whichever copy's words come nearest that figure's.
            later = quantities[i + 1:]
            same = next((r for f in later if f.number == first.number and (r := _pair(page, first, f))), None)
            if same is not None:
                found.append(same)
            for second in (f for f in later if f.number != first.number and (first.number, f.id) not in misread):
                relation = _pair(page, first, second)
                if relation is not None:
                    found.append(relation)
                    misread.add((first.number, second.id))
                    break
    return found + converted.find(page)


def _pair(page: Page, a: Figure, b: Figure) -> Relation | None:
    if not _one_figure(page, a, b):
        return None
    evidence = page.sentence(a).evidence(80) + " … " + page.sentence(b).evidence(80)
    # Paired on their nearness more than their words, or round figures of one significant
    # digit (20萬 and 10萬 bail in two defendants' templated paragraphs): a warning.
    # Short figures said alike in two places are two figures as often as one misprinted: on
    # four gate probes of unseen articles (12–15), three of five false errors were pairs of
    # two- and three-digit figures (118家 / 181家, 166場 / 168場, 1.4% / 1.6%). A slip between
    # figures of fewer than SURE_DIGITS significant digits is a warning.
    weak = a.number != b.number and (_only_near(page, a, b) or min(_significant(_trimmed(a)), _significant(_trimmed(b))) < SURE_DIGITS)
    return Relation("repeated", (a, b), ("x0 == x1",), "medium" if weak else "high", evidence,
                    f"{printed(a)} 与 {printed(b)} 应为同一数字")


def _one_figure(page: Page, a: Figure, b: Figure) -> bool:
    """Whether a and b state one quantity (the module docstring's rules)."""
    if (a.unit, a.scale, a.decimals, a.qualifier, a.kind) != (b.unit, b.scale, b.decimals, b.qualifier, b.kind):
        return False
    if a.chinese or b.chinese:
        return False
    if a.number != b.number and not _one_slip(a.number, b.number):
        return False  # most pairs end here: the cheapest test first
    if _ordinals(a) != _ordinals(b) or _asked(page, a) or _asked(page, b):
        return False
    if a.number == b.number:  # equal rates are common; equal large amounts are one figure
        large = a.kind in ("amount", "count") and _significant(a.number) >= 3
        same_thing = len(label(a)) >= 4 and _about(page, a, b) >= IDENTICAL
        return large or ((same_thing or _restated(page, a, b)) and not _segment(page, a, b)) or _headline_restated(page, a, b)
    if page.sentence(a) is page.sentence(b) and not blank_between(page, a, b):
        return False
    if max(_significant(a.number), _significant(b.number)) < 2 and not (_title(page, a) or _title(page, b)):
        return False  # 改扩建学校5所 / 改扩建学校1所 in a story: one-digit counts of parallel records
    items = _item(page, a), _item(page, b)
    if None not in items and items[0] != items[1]:
        return False  # (一)总统：选举人数… and (四)不分区：选举人数…: two items of a list
    if (_parallel(page, a, b) and not _restated(page, a, b)) or _records(page, a, b) or _other_periods(page, a, b):
        return False
    if _row(page, a) and _row(page, b):
        return False  # 旅游界 1,346 86 6.39% / 金融服务界 589 40 6.79%: cells of a table's column
    if _another(page, a) or _another(page, b):
        return False  # 共有118家…披露了中报；另有181家…披露了快报: another group, said alike
    if _so_far(page, a) != _so_far(page, b):
        return False  # 賽前全季暫錄166場 … 全季錄得168場: a running count before it moved on
    if _companions_differ(page, a, b):
        return False  # 增長1.8倍至11.89億元 … 增長1.9倍至11.69億元: two quantities, each with its own rate
    if _large(a):
        if _said_of_different_things(page, a, b):
            return False
        needed = _needed(page, a, b)
        if _one_unit_apart(a, b) and _significant(a.number) >= NEAR_DIGITS:
            needed = min(needed, NEAR_LABEL)
        return _about(page, a, b) >= needed
    # Rates differ by one digit all the time; only a verbatim restatement, or a headline whose
    # words the story's sentence repeats, pairs them, and the headline only when it states no
    # other figure of the unit (增1.3倍　首长级大增1.7倍: which one the story restates is unsure).
    return (_restated(page, a, b) and not _segment(page, a, b)) or (
        _headline_restated(page, a, b) and _alone_in_headline(page, a, b)
        and not _story_restates(page, a if _headline(page, a) else b))


def _companions_differ(page: Page, a: Figure, b: Figure) -> bool:
    """Whether the figure right before each in its clause (its rate, its count) is of one unit
    and reads differently: a quantity restated comes with its companions restated too."""
    before_a, before_b = _companion(page, a), _companion(page, b)
    return before_a is not None and before_b is not None and before_a.unit == before_b.unit \
        and before_a.number != before_b.number


def _companion(page: Page, figure: Figure) -> Figure | None:
    """The figure printed before this one in its clause, if any."""
    words = clause_before(page, figure)
    earlier = [f for f in page.sentence(figure).figures if f.span.end <= figure.span.start and f.is_quantity]
    if not earlier or compact(earlier[-1].text) not in words:
        return None
    return earlier[-1]


def _large(a: Figure) -> bool:
    return a.kind in ("amount", "count") and _significant(_trimmed(a)) >= 3


def _trimmed(a: Figure) -> str:
    """The digits that carry information: 1600 has two, 20萬 one."""
    return a.number.rstrip("0").rstrip(".")


def _asked(page: Page, figure: Figure) -> bool:
    """A figure in a question (科兴保护率只有5成？) is asked about, not stated."""
    return page.sentence(figure).text.rstrip().endswith(("？", "?"))


def _story_restates(page: Page, head: Figure) -> bool:
    """A headline rate the story prints again verbatim (占总产量36% … 占总产量的36%) is
    restated already: another rate of the story one digit off (减少30%) is another figure."""
    return any(f.number == head.number and f.unit == head.unit and f is not head and not _headline(page, f)
               for f in page.quantities())


def _needed(page: Page, a: Figure, b: Figure) -> float:
    """How alike the words of two large figures one digit apart must be to be one figure."""
    return HEADLINE_LABEL if _headline(page, a) != _headline(page, b) else SAME_LABEL


def _only_near(page: Page, a: Figure, b: Figure) -> bool:
    """Two paired figures whose words alone would not have paired them: their nearness did."""
    return _large(a) and not _restated(page, a, b) and _about(page, a, b) < _needed(page, a, b)


def _one_unit_apart(a: Figure, b: Figure) -> bool:
    """6834.7 and 6834.8: the nearest two different figures printed alike can be. Among figures
    of NEAR_DIGITS significant digits, two unrelated ones land this close about twice in ten
    thousand pairs, so far less of the words must agree than for any single-digit difference
    (a digit anywhere, or a swap, has some forty such neighbours)."""
    return abs(Decimal(a.number) - Decimal(b.number)) == Decimal(1).scaleb(-a.decimals)


def _parallel(page: Page, a: Figure, b: Figure) -> bool:
    """Two cells of a table (short lines one after another) are parallel statements: 1.00元 /
    2.00元 in one column are two figures, never one restated with a slip."""
    return _headline(page, a) and _headline(page, b) and _lines_between(page, a, b) <= TABLE_GAP


def _other_periods(page: Page, a: Figure, b: Figure) -> bool:
    """Whether the sentences name different dates or periods before the two figures (2012年3月;
    2012年 and 1-3月): a month's figure and the quarter's are two, not one restated."""
    first, second = _periods(page, a), _periods(page, b)
    return bool(first) and bool(second) and not first & second


def _periods(page: Page, figure: Figure) -> set[str]:
    """Each year, month or span of months before the figure in its sentence, in one spelling
    (1至9月 is 1-9月). A day (截止9月20日) is a point a span's figure is counted to, not another
    period, so it is left out."""
    return {PERIOD_DASH.sub("-", compact(f.text)).removesuffix("份") for f in page.sentence(figure).figures
            if f.kind in ("date", "period") and f.span.end <= figure.span.start
            and not compact(f.text).endswith(("日", "号"))}


def _row(page: Page, figure: Figure) -> bool:
    """Whether the figure's line is a table row printed with spaces: three figures or more
    parted by runs of two spaces (or tabs)."""
    # A row is a short line: look no further than ROW_REACH either way (a run-on page has none).
    start = page.text.rfind("\n", max(0, figure.span.start - ROW_REACH), figure.span.start) + 1
    end = page.text.find("\n", figure.span.end, figure.span.end + ROW_REACH)
    if (start == 0 and figure.span.start > ROW_REACH) or (end < 0 and figure.span.end + ROW_REACH < len(page.text)):
        return False
    line = page.text[start:end if end >= 0 else len(page.text)]
    return len(ROW_GAP.findall(line)) >= 2 and sum(start <= f.span.start < start + len(line) for f in page.sentence(figure).figures) >= 3


def _records(page: Page, a: Figure, b: Figure) -> bool:
    """Two sentences that print another level with the same words after or before it (的机场有
    35个 / 的机场有165个; 甲省…15.7万人紧急转移安置 / 丙省…21万人紧急转移安置), but another
    value, are records of one template, one member each: their figures are two, not one
    restated. A restatement repeats its neighbours' values too."""
    if page.sentence(a) is page.sentence(b):
        return False
    # One level is enough; rates need two: two rates after 同比上升 are any two sentences'
    # changes, but 同比增长12.79%…达到54.14% beside 同比增长11.39%…达到46.82% are a template's.
    # A rate the other sentence restates (同比上升2.04% in both) is a restatement's, no record's.
    mine = [f for f in page.sentence(a).figures if f is not a and f is not b]
    printed_here = {(f.unit, f.number) for f in mine}
    others = [f for f in page.sentence(b).figures if f is not b and f is not a
              and (f.unit not in NOT_LEVELS or (f.unit, f.number) not in printed_here)]
    rates: set[str] = set()
    for x in mine:
        after, before = words_after(page, x), _named_by(page, x)
        alike = [y for y in others if y.unit == x.unit and y.number != x.number
                 and (after and words_after(page, y) == after or len(before) == RECORD_LABEL and _named_by(page, y) == before)]
        if alike and x.unit not in NOT_LEVELS:
            return True
        rates.update(y.id for y in alike)
    return len(rates) >= 2


def _named_by(page: Page, figure: Figure) -> str:
    """The last RECORD_LABEL characters before a figure, without spaces or the pinyin that
    reposting sites print after each character (機(jī)場(chǎng)有35個)."""
    before = GLOSS.sub("", compact(page.text[max(0, figure.span.start - 40):figure.span.start]))
    return FOOTNOTE.sub("", before)[-RECORD_LABEL:]  # 階段[8]招生 is 階段招生 with a footnote's mark


def _item(page: Page, figure: Figure) -> str | None:
    """The marker of the numbered list item whose line the figure is in: (一), （2）, 三、, 4."""
    start = page.text.rfind("\n", max(0, figure.span.start - ITEM_REACH), figure.span.start) + 1
    if not start and figure.span.start > ITEM_REACH:
        return None
    match = ITEM.match(page.text, start, figure.span.start)
    return (match.group(1) or match.group(2)) if match else None


def _lines_between(page: Page, a: Figure, b: Figure) -> int:
    return page.text.count("\n", a.span.end, b.span.start)


def _headline_restated(page: Page, a: Figure, b: Figure) -> bool:
    """A rate or short count in a headline (研发经费10年增长86.5%, 布局30余个中试平台) and in a story
    sentence that repeats most of the headline's words (跨国公司…研发经费…增长了86.5%)."""
    head, body = (a, b) if _headline(page, a) else (b, a)
    if not _headline(page, head) or _headline(page, body) or len(label(head)) < 4:
        return False
    return covered(label(head), page.sentence(body).compact()) >= HEADLINE_WORDS


def _alone_in_headline(page: Page, a: Figure, b: Figure) -> bool:
    head = a if _headline(page, a) else b
    start = page.text.rfind("\n", 0, head.span.start) + 1
    end = page.text.find("\n", head.span.end)
    line = page.figures_between(start, end if end != -1 else len(page.text))
    return sum(1 for f in line if f.unit == head.unit) == 1


def _ordinals(figure: Figure) -> tuple[str, ...]:
    """Numbered things named before a figure (第2组, 1号线): 第2组100人 and 第6组140人 are two
    figures, though their labels read alike once digits are set aside."""
    return _ordinals_in(figure.context)


@lru_cache(maxsize=4096)  # each figure is compared with every other of its kind
def _ordinals_in(context: str) -> tuple[str, ...]:
    return tuple(ORDINAL.findall(context))


def _restated(page: Page, a: Figure, b: Figure) -> bool:
    """The same words before both figures: a lead paragraph restated, not a coincidence."""
    return _lead(page, a) == _lead(page, b) and len(_lead(page, a)) == LEAD


def _segment(page: Page, a: Figure, b: Figure) -> bool:
    """二手住宅…同比上涨1.4%。… 144平方米以上的二手住宅…同比上涨1.6%: the same words, but one
    sentence opens with a group named by a figure (144平方米以上的): a segment's rate, not the
    whole's restated."""
    texts = [page.text[page.sentence(f).start:f.span.start] for f in (a, b)]
    tail = len(commonprefix([t[::-1] for t in texts]))  # the words both end with
    # The segment is named right before the shared words, not anywhere up the sentence (a
    # headline run into its story has figures of its own).
    heads = [[q for q in page.sentence(f).figures if q.is_quantity
              and f.span.start - tail - SEGMENT_REACH <= q.span.end <= f.span.start - tail] for f in (a, b)]
    values = [{(q.value, q.unit) for q in page.sentence(f).figures} for f in (a, b)]
    # A figure in one opening that the other sentence does not print names a segment.
    return any((q.value, q.unit) not in values[1 - i] for i, head in enumerate(heads) for q in head)


def _about(page: Page, a: Figure, b: Figure) -> float:
    """How surely two figures are about the same thing: the words before, or the noun after."""
    before = similarity(label(a)[-10:], label(b)[-10:])
    after_a, after_b = _noun_after(page, a), _noun_after(page, b)
    return max(before, similarity(after_a, after_b) if min(len(after_a), len(after_b)) >= 2 else 0.0)


def _said_of_different_things(page: Page, a: Figure, b: Figure) -> bool:
    """该股以1.31令吉迎市 … 该股以1.37令吉挂休: the same words before two figures, but words after
    each that share no character (the open and the midday close), are two figures of one
    template, not one restated with a slip."""
    if similarity(label(a)[-10:], label(b)[-10:]) < SAME_LABEL:
        return False  # not a template's words before: restatements may differ after (投诉中 / 与选举无关)
    after_a, after_b = _noun_after(page, a)[:2], _noun_after(page, b)[:2]
    return min(len(after_a), len(after_b)) == 2 and not set(after_a) & set(after_b)


def _so_far(page: Page, figure: Figure) -> bool:
    """A count so far (暂录, 赛前, 截至目前): a snapshot of a tally that may have moved since."""
    return SO_FAR.search(clause_before(page, figure)) is not None


def _another(page: Page, figure: Figure) -> bool:
    """A figure introduced as one more group (另有, 此外还有, 又有)."""
    return ANOTHER.search(compact(page.text[max(0, figure.span.start - 12):figure.span.start])) is not None


def _noun_after(page: Page, figure: Figure) -> str:
    following = compact(page.text[figure.span.end:figure.span.end + 30])
    return re.split(r"[，,。；;：:、！？\d（(“”\"]", following, maxsplit=1)[0][:6]


def _lead(page: Page, figure: Figure) -> str:
    """The LEAD characters before the figure, whitespace removed."""
    return compact(page.text[max(0, figure.span.start - 3 * LEAD):figure.span.start])[-LEAD:]


def _headline(page: Page, figure: Figure) -> bool:
    """A short line with no sentence punctuation: a headline or a deck."""
    # Only the 41 characters either side matter: a longer line is no headline (and a 10 MB
    # one-line file must not be scanned once per figure).
    start = page.text.rfind("\n", max(0, figure.span.start - 41), figure.span.start)
    end = page.text.find("\n", figure.span.end, figure.span.end + 41)
    if start == -1 and figure.span.start > 41 or end == -1 and figure.span.end + 41 < len(page.text):
        return False
    line = page.text[start + 1:end if end != -1 else len(page.text)].strip()
    return len(line) <= 40 and not re.search(r"[。，,；;]", line)


def _title(page: Page, figure: Figure) -> bool:
    """A headline that stands alone: a short line, but not one of a run of short lines (a
    forum's one phrase per line, 其中城区新建学校2所 / 改扩建学校5所 / 增加学位9200个)."""
    if not _headline(page, figure):
        return False
    start = page.text.rfind("\n", max(0, figure.span.start - 41), figure.span.start)
    end = page.text.find("\n", figure.span.end, figure.span.end + 41)
    if start <= 0 or end == -1:
        return True  # the first or the last line
    above = page.text.rfind("\n", max(0, start - 42), start)
    below = page.text.find("\n", end + 1, end + 43)
    if (above == -1 and start > 42) or (below == -1 and end + 43 < len(page.text)):
        return True  # a long line above or below: a headline over its story
    below = below if below != -1 else len(page.text)
    return not (_short(page.text[above + 1:start].strip()) and _short(page.text[end + 1:below].strip()))


def _short(line: str) -> bool:
    return 0 < len(line) <= 40 and not re.search(r"[。，,；;]", line)


def _significant(number: str) -> int:
    return len(number.replace(".", "").replace("-", "").lstrip("0"))


def _one_slip(x: str, y: str) -> bool:
    """Same length, and one digit differs or two neighbouring digits are swapped; the
    decimal point does not separate neighbours (6834.7 and 6837.4)."""
    if len(x) != len(y) or x.find(".") != y.find("."):
        return False
    x, y = x.replace(".", ""), y.replace(".", "")
    diff = [i for i, (p, q) in enumerate(zip(x, y)) if p != q]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]

