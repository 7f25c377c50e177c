"""Parts that add up to a stated total.

## What it finds
A total and the parts the article lists for it:

* a list followed by a total word (总/合计/共计/累计…):
  市级林长32人、县级林长382人、镇级林长1990人、村级林长4270人，林长总人数达6674人;
* a total followed by 其中 and its parts, even across a sentence end:
  供给571条供需信息。其中包含成都240条、德阳95条、眉山168条、资阳68条;
* a total followed by a partition (按…分 / 从…看): 社会消费品零售总额803.1亿元 …
  按地域分，城镇实现747.1亿元…；乡村实现56亿元;
* a medal tally and its total beside it (medals.py): 勇夺19金20银28铜，奖牌总数67面;
* lists given with 分别 that add up position by position: 产销量分别为50.4万辆和49.6万辆。
  其中，乘用车产销量分别为43.4万辆和42.8万辆；商用车产销量分别为7.0万辆和6.8万辆.
* the second figure each member of an exact sum carries (companions.py): 甲类发病41235例，死亡
  126人；乙类发病18806例，死亡17人 under 共报告60041例，死亡143人 (a warning when it misses).

## Why
Parts that miss their total are the commonest arithmetic slip in news copy.

## Passing example
出口15.47万亿元，进口11.61万亿元 under 进出口总值27.08万亿元.

## Failing example
市级32人、县级382人、镇级1990人、村级4270人，总人数达6647人 (the parts make 6674).

## As printed
Parts and a total all printed in full (32人 … 6674人: whole counts, no 万/亿, no decimals) are
compared as printed: such a sum is exact, so one unit off is a slip. Rounded figures (812.4亿元
= 530.3 + 282.2, 486.27亿美元 = 201.65 + 284.61) are read within their rounding, as the
independent annotations read them: each part was rounded on its own, and the parts of a
correct breakdown may miss their rounded total by a unit of the last digit. Comparing them as
printed failed correct articles at the gate on fresh text (an export total one hundredth off
its two parts); a transposed digit pair is still repaired only when the repaired figures fit
exactly.

## Precision
A 其中 list may name only some of the parts, so how near the parts must come to the total
depends on the evidence that the list is complete (breakdown.py): within 3% for a bare
其中 list, 15% for three or more parallel parts (成都供需信息、德阳供需信息…), 50% for a
partition (按…分, 从…看) or a complete set (出口 + 进口); a list with a total word, 30%. A part
followed by its own 其中 keeps its sub-parts out of the sum, and a member named after 另有 /
此外 / 不含 is outside the total.
"""
from __future__ import annotations

import re
from os.path import commonprefix
from dataclasses import replace
from decimal import Decimal

from auditor.discover import brackets, composed, medals, members, pull, series, within
from auditor.discover.change import BEFORE
from auditor.discover.breakdown import LISTED, PARTITION, one_precision, printed_precisely, window, within_rounding
from auditor.discover.fit import SUM, bounds, fit
from auditor.discover.relation import Relation
from auditor.discover.scope import digits
from auditor.discover.text import (Page, Sentence, a_value, between, clause_before, compact, counted, in_bracket, label, measure_of,
                                   printed, same_measure)
from auditor.discover.typos import slips
from auditor.evaluate.display import label as scale_label
from auditor.model import Figure

TOTAL_WORD = re.compile(r"总|合计|共计|总计|一共|共有|累计|共")
# After a list's last figure: its name, a joiner and a member of two or more characters with no figure.
UNNUMBERED = re.compile(r"[^\d０-９，,。；;、]{0,8}(?:、|及|和|以及)[^\d０-９，,。；;、及和]{2,}[。；;，,]?\s*")
QIZHONG = ("其中", "当中")  # 当中 (當中, which the page reads as 当中) in Hong Kong and Macao usage
# 按…分 opens a partition, but 按年分别 is year on year, respectively (Hong Kong and Macao usage).
TRIGGER = re.compile(r"其中|当中|包括|按[^，,。；;]{1,8}分(?![别別])|从[^，,。；;]{1,8}看|分布[在于於为為](?:[：:])?|"
                     r"(?<=[，,])\s*(?:为|為)(?=\s*[0-9０-９])|"  # 新增216例本土病例，为100例男性、116例女性
                     r"(?<=[\u4e00-\u9fff])(?<![其当當之])中(?=[，,：:])")  # 259宗本土确诊病例中，四川59宗、…
VIEW = re.compile(r"从[^，,。；;]{1,8}看")  # 从行业看, 从起火时段看: one way of breaking a whole down
NAME_REACH = 24  # characters before a part where its clause may start
SHARE_REACH = 12  # characters after a figure where its share may be printed
SHARE_TIE = re.compile(r"[，,]?\s*(?:[占佔](?:比|全部|总数|總數)?|比重|比例)(?:为|為|达|達|约|約)?\s*")
OPENS = re.compile(r"[^，,。；;\d]{0,8}(?:中|之中|当中|當中)[，,]")  # a total opening its own breakdown
COMPARED_LEVEL = re.compile(rf"(?:比|较|較|与|與|对比|對比)[^，,。；;\d]{{0,6}}(?:{BEFORE})[^，,。；;\d]{{0,3}}[(（]?$")
MOVED = re.compile(r"(增长|下降|增加|减少|提高|降低|上升|回落|净增|(?<!新)增|减|減)了?$")  # 略增51万: a change; 新增216例 is a level of new cases
# Members named after these words are outside the total (另有外资企业5家).
# 259例病例分布在：…, 1880人包括…: like 其中, these name the figure right before them as the total.
POINTING = ("分布", "包括", "中")
PAST_TOTAL = "a part listed after 其中 exceeds the total before it"
PAST_SUM = "the parts listed add up to more than the total they are listed under"
CLAUSE_MARKS = "，,；;"
OWNER_GAP = 12  # characters of words between a total and the trigger after it (病例分布在)
OUTSIDE = re.compile(r"另有|另外|此外|不含|不包括|除此之外|以外")
LOOSE = Decimal("0.30")
OTHER_PERIOD = re.compile(r"上月|上年|去年|前年|同期|上季|上周|上期|此前|之前|(?:19|20)\d\d年|[一二三四五六七八九十]+年前")
BRACKET_OPEN = re.compile(r"\s*[\u4e00-\u9fff]{0,4}[（(](?:其中|包括|含)?[，,：:]?")  # 14人死亡（其中，5人…
MAX_BRACKETED = 12
SEMICOLON = re.compile(r"[；;]")
LATER_CLAUSE = re.compile(r"[，,；;]")
RECORD = 3  # figures between two parts that make each part's segment a record, not a list item
RATE_WORDS = re.compile(r"增|减|降|升|涨|跌|提高|回落|同比|环比|速|幅|率")
RESPECTIVELY = re.compile(r"分别(为|是|达到|达)?$")
BULLETS = re.compile(r"[：:]?\s*")  # 其中： and the end of its line: the parts are the lines below
MAX_BULLETS = 12
GOES_ON = 6  # characters into the next sentence where 此外 / 另有 may open it
LEADING_DIGITS = 3  # figures a list's leading run must have to be read as a breakdown by arithmetic alone
LEADING_NEAR = Decimal("0.0005")  # how near: a slip in a figure of three or more digits, not a chance sum
EXCEEDS = Decimal("0.005")  # beyond any rounding of figures printed to three or more digits
PARALLEL = 4  # characters of name two members share at the end of their words (电话用户总数)
MAX_CONTINUED = 3  # sentences after a 其中 of one part that may go on its list
JOINERS = ("和", "、", "及", "与", "万和", "万、")


def find(page: Page) -> list[Relation]:
    found = []
    for index, sentence in enumerate(page.sentences):
        found += _listed_then_total(page, sentence)
        for match in TRIGGER.finditer(sentence.text):
            if match.group() == "中" and not _owned(page, sentence, sentence.start + match.start()):
                continue  # 规上工业中，…: 中 after words alone names no total
            found += _total_then_parts(page, index, sentence.start + match.end(), match.group())
    return found + _respectively(page) + _members(page) + _medals(page) + _named_within(page) + _pulls(page) \
        + _bracketed(page) + _composed(page)


def _right_before(page: Page, owner: Figure, trigger_end: int) -> bool:
    """The owner, then at most its clause's tail and the trigger (吞吐量61970万吨，其中). Past a
    semicolon only the trigger may stand (投资100亿元；其中): words there open a statement of
    their own (连云林场901.28公顷；南江镇面积包括…), whose total is not the owner."""
    gap = page.text[owner.span.end:trigger_end]
    after = SEMICOLON.split(gap)[-1]
    if len(after) < len(gap) and re.search(r"[\u4e00-\u9fff]", TRIGGER.sub("", after)):
        return False
    return _words_between(gap, marks=1, stops="。")


def _owned(page: Page, sentence: Sentence, at: int) -> bool:
    """259宗本土确诊病例中: a figure of the sentence right before 中, words only between."""
    before = [f for f in sentence.figures if f.span.end <= at]
    return bool(before) and _words_between(page.text[before[-1].span.end:at], marks=0, stops="。：:")


def _words_between(gap: str, marks: int, stops: str) -> bool:
    """At most OWNER_GAP characters, none of `stops`, and at most `marks` commas or ；."""
    return len(gap) <= OWNER_GAP and not any(c in gap for c in stops) \
        and sum(gap.count(c) for c in CLAUSE_MARKS) <= marks


def _bracketed(page: Page) -> list[Relation]:
    """广州市15例（荔湾区4例，天河区、白云区和番禺区各2例，越秀区1例）, 14人死亡（其中，5人溺水…）: a
    bracket right after a figure (or the noun after it), holding two or more figures of its measure
    (and nothing past a nested bracket), breaks it down. A bracket may name only some parts
    (含再审1件), so only an exact fit or a slip is taken; a slip among three or more parts fails
    the gate."""
    found = []
    for figure in page.figures:
        opened = BRACKET_OPEN.match(page.text, figure.span.end)
        if opened is None or not _addable(figure):
            continue
        close = brackets.closing(page.text, opened.end())
        if close < 0:
            continue
        # 上月为12个: a comparison in the bracket, no part (only the words inside the bracket count).
        inner = [f for f in page.figures_between(opened.end(), close) if same_measure(f, figure)
                 and not in_bracket(page.text, f.span.start, opened.end()) and not MOVED.search(f.context)
                 and not OTHER_PERIOD.search(brackets.CLAUSE.split(page.text[opened.end():f.span.start])[-1])]
        parts = brackets.each(page.text, inner)
        if len(inner) < 2 or not parts or len(parts) > MAX_BRACKETED:
            continue
        how = fit(SUM, parts, figure, bound=True)
        if how in ("exact", "slip"):
            relation = addition(page, parts, figure, page.sentence(figure).evidence())
            found.append(relation if how == "exact" or len(parts) >= 3 else replace(relation, confidence="medium"))
    return found


def _pulls(page: Page) -> list[Relation]:
    """第一、二、三产业分别拉动经济增长0.63、2.34、3.73个百分点 under 增长6.7%: see pull.together.
    With the rate in another paragraph, a discrepancy is a warning."""
    found = []
    for points, rate, how in pull.together(page):
        relation = addition(page, points, rate, page.sentence(rate).evidence(80) + " … " + page.sentence(points[0]).evidence(120))
        far = page.text.rfind("\n", 0, points[0].span.start) > rate.span.start
        found.append(replace(relation, confidence="medium") if far else relation)
    return found


def _named_within(page: Page) -> list[Relation]:
    """卫生技术人员578人 … 卫生技术人员中本科学历86人，大专学历251人，…: see within.py."""
    return [replace(addition(page, parts, total, page.sentence(total).evidence(80) + " … " + page.sentence(parts[0]).evidence(120)),
                    confidence=confidence)  # type: ignore[arg-type]
            for parts, total, confidence in within.find(page)]


def _composed(page: Page) -> list[Relation]:
    """由33个议席组成，由14名直选议员、12名间选议员与7名委任议员组成: see composed.py."""
    return [addition(page, parts, total, page.sentence(total).evidence()) for parts, total in composed.find(page)]


def _medals(page: Page) -> list[Relation]:
    """勇夺19金20银28铜，奖牌总数67面: see medals.py. Medal counts are exact: compared as printed."""
    return [replace(addition(page, parts, total, page.sentence(total).evidence()), as_printed=True)
            for parts, total in medals.find(page)]


def _members(page: Page) -> list[Relation]:
    """在园幼儿5360人。市区…在园幼儿3020人。四县…在园幼儿2340人: see members.py."""
    found = []
    for parts, total in members.across_sentences(page):
        note = _fit(page, parts, total, PARTITION)
        if note is not None:
            evidence = page.sentence(total).evidence(80) + " … " + page.sentence(parts[-1]).evidence(80)
            found.append(addition(page, parts, total, evidence, note))
    return found


def _respectively(page: Page) -> list[Relation]:
    """产销量分别为50.4万辆和49.6万辆。其中，乘用车…分别为43.4万辆和42.8万辆；商用车…分别为7.0万辆和
    6.8万辆: each position of the later lists adds up to the same position of the first."""
    groups = _groups(page)
    found = []
    for n, (index, first) in enumerate(groups):
        later = [g for i, g in groups[n + 1:] if i <= index + 2 and len(g) == len(first)]
        qizhong = page.text.find("其中", first[-1].span.end, later[0][0].span.start if later else 0)
        if len(later) < 2 or qizhong == -1 or qizhong > later[0][0].span.start:
            continue
        for size in range(2, len(later) + 1):
            rows = [[g[k] for g in later[:size]] for k in range(len(first))]
            notes = [_fit(page, parts, total, LISTED) for parts, total in zip(rows, first)]
            if all(note is not None for note in notes):
                evidence = page.sentence(first[0]).evidence(80) + " … " + page.sentence(later[0][0]).evidence(80)
                found += [addition(page, parts, total, evidence, note or "")
                          for parts, total, note in zip(rows, first, notes)]
                break
    return found


def _groups(page: Page) -> list[tuple[int, list[Figure]]]:
    """Runs of figures introduced by 分别为 and joined by 和/、, with their sentence index."""
    found = []
    for index, sentence in enumerate(page.sentences):
        figures = [f for f in sentence.figures if _addable(f)]
        for i, head in enumerate(figures):
            if not RESPECTIVELY.search(head.context):
                continue
            group = [head]
            for f in figures[i + 1:]:
                if not same_measure(f, head) or between(page.text, group[-1], f) not in JOINERS:
                    break
                group.append(f)
            if len(group) >= 2:
                found.append((index, group))
    return found


def _listed_then_total(page: Page, sentence: Sentence) -> list[Relation]:
    """市级32人、县级382人 …，总人数达6674人."""
    found = []
    figures = [f for f in sentence.figures if _addable(f) and f.id not in page.share_wholes()]
    for i, total in enumerate(figures):
        if not TOTAL_WORD.search(total.context) or MOVED.search(total.context):
            continue
        parts = _run_before(page.text, figures[:i], total)
        if parts and re.search("[；;]", page.text[parts[-1].span.end:total.span.start]):
            continue  # …滞纳金0.33亿元；另处4倍罚款共2.4亿元: a total word in the next statement
        # 乙地9宗、丙地及丁地各3宗，共…: a figure after 各 is a part once for each name it follows.
        parts = _exact_tail(brackets.each(page.text, parts), total)
        note = _fit(page, parts, total, max(LOOSE, window("", parts))) if len(parts) >= 2 else None
        if note is not None:
            found.append(addition(page, parts, total, sentence.evidence(), note))
    return found


def _exact_tail(run: list[Figure], total: Figure) -> list[Figure]:
    """The longest end of the run that adds up to the total exactly, else the whole run: in
    金牌2千萬元，銀牌7百萬元…；選手領得1億6765萬元，另有教練獎金4090萬元，總金額2億855萬元 the
    last two are the parts, and the prize scale before them is another list."""
    for start in range(len(run) - 1):
        if fit(SUM, run[start:], total) == "exact":
            return run[start:]
    return run


def _run_before(text: str, figures: list[Figure], total: Figure) -> list[Figure]:
    """The unbroken run of same-measure figures just before the total."""
    run: list[Figure] = []
    for f in reversed(figures):
        if not same_measure(f, total):
            break
        run.insert(0, f)
    return [f for f in run if not MOVED.search(f.context) and not _compared(text, f, 0)]


def _compared(text: str, figure: Figure, begin: int) -> bool:
    """较去年第二季410.4亿: a level of another period that a figure is compared with, no part."""
    return COMPARED_LEVEL.search(compact(text[max(begin, figure.span.start - 16):figure.span.start])) is not None


def _total_then_parts(page: Page, index: int, scope_start: int, trigger: str) -> list[Relation]:
    """A total, then 其中 / 按…分 and the parts that follow in the same sentence, or, after
    其中： at the end of a line, one part on each line that follows (a bulleted list)."""
    sentence = page.sentences[index]
    outside = OUTSIDE.search(page.text, scope_start, sentence.end)
    scope_end = min(outside.start() if outside else sentence.end, _bracket_end(page.text, scope_start - len(trigger), sentence.end))
    wholes = page.share_wholes()
    scope = [f for f in sentence.figures if scope_start <= f.span.start < scope_end
             and (_addable(f) or _share_part(f)) and f.id not in wholes]
    # 广州市15例（荔湾区4例，…）: figures in a bracket opened inside the list break a part down.
    unbracketed = [f for f in scope if not in_bracket(page.text, f.span.start, scope_start)]
    scope = _enumerated(page.text, unbracketed if len(unbracketed) >= 2 else scope)
    bulleted = not scope and BULLETS.fullmatch(page.text, scope_start, sentence.end) is not None
    if bulleted:
        scope = _bullets(page, index)
    found = []
    measures = {f.id: (measure_of(f.unit), counted(page.text, f)) for f in scope}
    for measure in dict.fromkeys(measures.values()):
        interleaved = _interleaved(page, index, scope_start, [f for f in scope if measures[f.id] == measure])
        if interleaved:
            found += interleaved
            continue
        parts = brackets.each(page.text, _parts(page.text, scope, measure))
        if len(parts) == 1 and trigger in QIZHONG and not bulleted:
            parts += _continued(page, index, parts[0])
        tolerance = window(trigger, parts)
        # 216例本土病例，为100例男性、116例女性: 为 says the parts are the total's, whatever they count.
        wei = trigger.strip() in ("为", "為")
        chosen = _total(page, index, scope_start, parts, tolerance, trigger in QIZHONG or trigger.startswith(POINTING) or wei,
                        any_noun=wei) if len(parts) >= 2 else None
        if chosen is not None and _another_view(page, trigger, chosen[0], scope_start):
            chosen = None
        cut = False
        if chosen is None and len(parts) >= 2 and trigger in QIZHONG:
            chosen = _unit_dropped(page, index, scope_start, parts)
        if chosen is None and not bulleted:
            parts, chosen = _leading(page, index, scope_start, parts)
            cut = chosen is not None
        if chosen is None and bulleted and len(parts) >= 3:
            found += _exceeded(page, index, scope_start, parts, sentence)
        if chosen is not None and tolerance == LISTED and not cut and not chosen[1] \
                and fit(SUM, parts, chosen[0], bound=True) is None:
            # A bare list may name only some parts: only an exact fit, one slip or one
            # transposed pair (94.7% for 97.4%) says it is all of them.
            note = _fit(page, parts, chosen[0], Decimal(0))
            chosen = None if note is None else (chosen[0], note)
        if chosen is not None:
            total, note = chosen
            relation = addition(page, parts, total, _evidence(page, total, sentence), note)
            # Shares of one whole add up only if each is of that whole (其中80%为女性 is a
            # share of the subgroup): a discrepancy in them is a warning.
            # A bare list short of its total may have left a part out (其中工业68个，服务业56个 of
            # 125): a warning; parts past their total are a misprint whatever the list names.
            short = tolerance == LISTED and not note and sum(p.value for p in parts) < total.value
            if not note and sum(p.value for p in parts) < total.value and _partial_by_shares(page, parts, total):
                continue  # the shares printed beside them fall short of the total's share too
            # 中资133家，外资57家。此外，还有…3家…1家 under 194家: members named after 此外 may
            # belong to the total; the list before them is complete only if it fits exactly.
            beyond = (outside is not None or _goes_on(page, index)) and fit(SUM, parts, total) != "exact"
            if beyond and sum(p.value for p in parts) < total.value:
                continue  # short of its total, with more members named after 此外: the list is incomplete
            if _unnumbered_member(page.text, parts[-1], scope_end) and sum(p.value for p in parts) < total.value:
                continue  # …、1宗院舍及這宗未能分類的個案: a member with no figure, so the list is short
            found.append(replace(relation, confidence="medium")
                         if total.unit == "%" or short or beyond or note == PAST_SUM or _records(page, parts)
                         or _topic_elsewhere(page, index, scope_start, trigger, parts, total)
                         else relation)
    return found


def _another_view(page: Page, trigger: str, total: Figure, scope_start: int) -> bool:
    """从起火时段看,10时至22时共45.58万起 … 从火灾原因看,电气火灾19.81万起…: each 从…看 breaks the
    whole down another way, so a figure its own sentence puts inside an earlier view is no total
    of this one's parts."""
    if not trigger.startswith("从"):
        return False
    own = page.sentence(total)  # the view the total's own sentence opens, before it
    return own.start < scope_start - len(trigger) and VIEW.search(page.text, own.start, total.span.start) is not None


def _unnumbered_member(text: str, last: Figure, end: int) -> bool:
    """Whether the list goes on past its last figure with a member that has none: 包括58宗社區感染、
    兩宗醫院、1宗院舍及這宗未能分類的個案 names four members and numbers three."""
    return UNNUMBERED.fullmatch(text, last.span.end, end) is not None


def _enumerated(text: str, scope: list[Figure]) -> list[Figure]:
    """A list enumerated with 、 ends at the first comma or semicolon after it: 其中市级园区1个、
    县级园区4个，魔芋重点村1个 lists two parks; the village after the comma is another count."""
    if len(scope) < 3 or "、" not in text[scope[0].span.end:scope[1].span.start] \
            or any(c in text[scope[0].span.end:scope[1].span.start] for c in CLAUSE_MARKS):
        return scope
    for k in range(2, len(scope)):
        gap = text[scope[k - 1].span.end:scope[k].span.start]
        if "、" not in gap and any(c in gap for c in CLAUSE_MARKS):
            return scope[:k]
    return scope


def _bracket_end(text: str, trigger_at: int, end: int) -> int:
    """Where a bracket that the trigger opens closes (共17所，（其中民办3所，公办5所，民办高中9所），
    在校生…；义务教育学校74所…): its parts are the bracket's, and what follows is another list."""
    if trigger_at <= 0 or text[trigger_at - 1] not in "(（":
        return end
    close = min((at for at in (text.find(")", trigger_at, end), text.find("）", trigger_at, end)) if at != -1), default=-1)
    return end if close == -1 else close


def _partial_by_shares(page: Page, parts: list[Figure], total: Figure) -> bool:
    """海运50,409人次，占7.74%，其中高雄港6,771人次，占1.04%，…，金门港22,295人次，占3.42%: each
    part and the total print their share, and the parts' shares fall short of the total's as
    their counts do. The list names only some of the parts, and says so twice."""
    shares = [_share_after(page, f) for f in (*parts, total)]
    if any(s is None for s in shares):
        return False
    lo = sum(bounds(s)[1] for s in shares[:-1])  # type: ignore[arg-type]
    return lo < bounds(shares[-1])[0]  # type: ignore[arg-type]


def _share_after(page: Page, figure: Figure) -> Figure | None:
    """The rate printed right after a figure, tied to it by 占 (，占1.04%)."""
    after = page.figures_between(figure.span.end, figure.span.end + SHARE_REACH)
    if not after or after[0].unit != "%" or after[0].qualifier:
        return None
    return after[0] if SHARE_TIE.fullmatch(between(page.text, figure, after[0])) else None


def _interleaved(page: Page, index: int, before: int, scope: list[Figure]) -> list[Relation]:
    """其中：农业产值19217万元，…，增加值11956万元；林业产值2766万元，…，增加值1355万元；…: two series
    taken turn about, each adding up to the total named like it (see series.py)."""
    named = series.split([f for f in scope if not MOVED.search(f.context)])
    if not named:
        return []
    candidates = [f for s in page.sentences[max(0, index - 4):index + 1] for f in s.figures
                  if f.span.start < before and same_measure(f, named[0][1][0]) and not MOVED.search(f.context)]
    found = series.totals(named, candidates)
    evidence = page.sentences[index].evidence()
    return [addition(page, parts, total, evidence, "" if how != "miss" else "the members add up exactly in a parallel series")
            for parts, total, how in found or []]


def _records(page: Page, parts: list[Figure]) -> bool:
    """其中，甲区签约项目94个，签约资金50.51亿元，引进企业16家…；乙区签约项目41个，签约资金22.51亿元…:
    parts each in a record of several figures, semicolons apart, may be groups within groups
    (乙区 inside 甲区); the list says less about adding up than a list of parts does."""
    if len(parts) != 2:
        return False
    a, b = parts
    between_them = page.text[a.span.end:b.span.start]
    return bool(SEMICOLON.search(between_them)) and len(page.figures_between(a.span.end, b.span.start)) >= RECORD


def _continued(page: Page, index: int, part: Figure) -> list[Figure]:
    """其中，移动电话用户总数16.83亿户，…。固定电话用户总数1.79亿户，…: a 其中 list of one part
    that the next sentences go on, each opening with a figure named in parallel (another word
    before the same name of PARALLEL characters or more)."""
    name = clause_before(page, part)
    found: list[Figure] = []
    for sentence in page.sentences[index + 1:index + 1 + MAX_CONTINUED]:
        if sentence.compact().startswith(QIZHONG):
            continue  # 其中，5G移动电话用户…: a breakdown of the part before, not the next part
        first = next((f for f in sentence.figures if _addable(f) and same_measure(f, part)), None)
        if first is None:
            break
        other = clause_before(page, first)
        shared = len(commonprefix([name[::-1], other[::-1]]))  # characters both end with
        if shared < PARALLEL or other == name or MOVED.search(other):
            break
        found.append(first)
    return found


def _topic_elsewhere(page: Page, index: int, scope_start: int, trigger: str, parts: list[Figure], total: Figure) -> bool:
    """从工业行业结构来看，其中采矿业…制造业… under a 第二产业 total two sentences up: the words
    that open the list (a 从…看 or 按…分, or words before 其中) name the whole it breaks down,
    and that whole is no figure of the page. The nearest earlier total of the measure may be
    another whole (第二产业 is more than 工业): a miss that neither a slip nor a swap of two
    digits (the commonest misprints) explains is a warning, not a misprint for certain."""
    sentence = page.sentences[index]
    if total.span.start >= sentence.start or fit(SUM, parts, total, bound=True) is not None \
            or slips((*parts, total), _expr(len(parts))):
        return False
    if trigger not in QIZHONG:
        return True
    topic = page.text[sentence.start:scope_start - len(trigger)].strip(" \t\n，,：:、")
    return bool(topic)


def _leading(page: Page, index: int, before: int, parts: list[Figure]) -> tuple[list[Figure], tuple[Figure, str] | None]:
    """其中：黄牛28510头；奶牛8984头；马2708匹；生猪32029头 under 大牲畜40202头: a list that goes on
    past its total's parts to other members. The longest run from the list's start (two or more,
    but not all) that adds up to a total exactly or one misprint away is its breakdown: among
    figures of three or more digits such a fit is no chance."""
    if len(parts) < 3 or any(digits(p) < LEADING_DIGITS for p in parts):
        return parts, None
    for end in range(len(parts) - 1, 1, -1):
        chosen = _total(page, index, before, parts[:end], LEADING_NEAR)
        if chosen is not None and digits(chosen[0]) >= LEADING_DIGITS:
            return parts[:end], chosen
    return parts, None


def _goes_on(page: Page, index: int) -> bool:
    """The next sentence opens with 此外 / 另有: the list may go on there."""
    following = page.sentences[index + 1] if index + 1 < len(page.sentences) else None
    return following is not None and OUTSIDE.match(following.compact()[:GOES_ON]) is not None


def _bullets(page: Page, index: int) -> list[Figure]:
    """The first amount or count of each line after 其中：, up to the first line without one."""
    found = []
    for sentence in page.sentences[index + 1:index + 1 + MAX_BULLETS]:
        level = next((f for f in sentence.figures if _addable(f)), None)
        line_start = page.text.rfind("\n", page.lo, sentence.start) + 1
        if level is None or not line_start or page.text[line_start:sentence.start].strip():
            break  # a line without a figure, or a sentence that does not start a line, ends the list
        found.append(level)
    return found


def _exceeded(page: Page, index: int, before: int, parts: list[Figure], sentence: Sentence) -> list[Relation]:
    """营运成本166.2亿元。其中：then a line each for 57.4亿元, 33.8亿元, 13.1亿元 and 68.3亿元: the
    parts of a total listed below it, more than it between them, whether or not the list names
    them all: a part or the total is wrong. Only for bulleted lists of three or more: parts in
    running text may overlap (工业投资, 基础设施投资, 民间投资 of one 全市投资). The total is the
    nearest earlier figure of the parts' measure, larger than each part."""
    earlier = [f for s in page.sentences[max(0, index - 1):index + 1] for f in s.figures
               if f.span.start < before and same_measure(f, parts[0]) and a_value(f) and f not in parts]
    if not earlier:
        return []
    total = earlier[-1]
    if total.value <= max(p.value for p in parts) or sum(p.value for p in parts) <= total.value * (1 + EXCEEDS):
        return []
    title = " + ".join(printed(p) for p in parts) + f" ≤ {printed(total)}"
    expr = " + ".join(f"x{i}" for i in range(len(parts))) + f" <= x{len(parts)}"
    return [Relation("sum", (*parts, total), (expr,), "medium", _evidence(page, total, sentence), title,
                     "parts of a total cannot add up to more than it")]


def _parts(text: str, scope: list[Figure], measure: tuple[str, str]) -> list[Figure]:
    """Figures of the scope in one unit counting one thing (26个大项 apart from 1146个小项; see
    text.counted), leaving out sub-parts: a figure after an inner 其中
    within the same ；-separated segment, and a member named a second time (其中甲区36个，乙区3个，
    丙区2个，甲区21个场馆与…共用: the second 甲区 figure is a piece of the first)."""
    parts: list[Figure] = []
    begin = scope[0].span.start  # nothing before the scope matters: searches stay local
    for f in (f for f in scope if (measure_of(f.unit), counted(text, f)) == measure):
        segment_start = max(text.rfind("；", begin, f.span.start), text.rfind(";", begin, f.span.start))
        inner = max(text.rfind(word, begin, f.span.start) for word in QIZHONG)
        if inner >= 0 and re.search(r"[)）]", text[inner:f.span.start]):
            inner = -1  # 三级医院2996个(其中:三级甲等医院1580个),二级医院…: an aside's 其中, closed before f
        if parts and OPENS.match(compact(text[f.span.end:f.span.end + 16])):
            break  # 6起重大火灾中，城市4起…；65起较大火灾中，…: the next breakdown's total ends the list
        if MOVED.search(f.context) or (inner > segment_start and inner > scope[0].span.start) \
                or _compared(text, f, begin):
            continue  # 較去年同月(63例): a level compared with, of another period, no part
        if len(label(f)) >= 2 and any(label(p) == label(f) and _named(text, p) == _named(text, f) for p in parts):
            continue
        parts.append(f)
    if parts and any(not same_measure(p, parts[0]) for p in parts):
        return []
    return parts


def _named(text: str, figure: Figure) -> str:
    """The words before a figure in its clause, numbers kept: 0-17岁人口 and 18-34岁人口 are
    two members, though the words alone (岁人口) say the same."""
    reach = max(0, figure.span.start - NAME_REACH)
    start = max([text.rfind(c, reach, figure.span.start) for c in "，,；;。：:、"] + [reach - 1])
    return "".join(text[start + 1:figure.span.start].split())


def _unit_dropped(page: Page, index: int, before: int, parts: list[Figure]) -> tuple[Figure, str] | None:
    """The total the parts add up to exactly when one part printed in another scale than the
    rest (区本级完成508790元 among parts in 万元) is read in theirs: the unit word was dropped
    or mistyped, a misprint the reader cannot see. The parts as printed then miss the total."""
    for part in parts:
        scales = {p.scale for p in parts if p is not part}
        if len(scales) != 1 or part.scale in scales or any(p.unit != part.unit for p in parts):
            continue
        common = scales.pop()
        read = replace(part, scale=common, value=part.value / part.scale * common)
        mended = [read if p is part else p for p in parts]
        found = _total(page, index, before, mended, Decimal(0), True)
        if found is not None and found[0].scale == common and fit(SUM, mended, found[0]) == "exact":
            return found[0], f"the parts add up if {printed(part)} is read in {scale_label(read)}: a unit misprinted"
    return None


def _total(page: Page, index: int, before: int, parts: list[Figure],
           tolerance: Decimal, qizhong: bool = False, any_noun: bool = False) -> tuple[Figure, str] | None:
    """The earlier figure of the same measure (within five sentences) nearest the parts' sum,
    with _fit's note.

    Nearest, not latest: 城镇 747.1 is no total for 批发零售 738.4 + 住宿餐饮 64.7 when the
    sentence before states the retail total 803.1. But 其中 names its own total: the last
    figure before it in its clause (see _owner). When the parts come within the window of that
    figure and fit no other exactly, it is the total, even if a misprinted part brings the sum
    nearer another (地方财政收入43.7, 公共财政收入42.1。其中34.1 + 8, with 8 misprinted 9).
    """
    if not parts:
        return None
    added = sum(p.value for p in parts)
    pool = [f for s in page.sentences[max(0, index - 4):index + 1] for f in s.figures
            if f.span.start < before and same_measure(f, parts[0]) and f not in parts
            and (any_noun or _same_thing_counted(page.text, f, parts[0])) and f.value > 0
            and (f.unit != "%" or _share_part(f) and s is page.sentences[index])
            and a_value(f)  # 超过6.1亿美元，当中包括…: a bound is no sum of a list
            and not MOVED.search(f.context)]  # 减少15.4亿元 is a change, no total
    candidates = [f for f in pool if f.value >= max(p.value for p in parts)]
    own = _owner(page, index, before, pool) if qizhong else None
    if own is not None and own.kind in ("count", "amount") and own.value < max(p.value for p in parts) \
            and _right_before(page, own, before) \
            and not all(LATER_CLAUSE.search(page.text, parts[0].span.end, p.span.start) for p in parts if p.value > own.value):
        # 吞吐量61970万吨，其中沿海港口完成93189万吨: the total 其中 follows in its own clause,
        # and a part already exceeds it: wrong as printed, whatever the misprint was, however
        # near a larger figure of the sentences before comes to the parts' sum. Levels only:
        # rates after 其中 (分别增长…67.1%，其中，住宅…增长79.14%) are no parts of a rate.
        # A larger figure only in a clause after the first part's opens the next statement
        # (绝收1.784万亩，其中粮食0.551万亩；水产养殖损失5.121万亩; 企业22个，其中规模以上3个，有…超市
        # 39个): it is no part, so nothing is past the total.
        return own, _fit(page, parts, own, Decimal(0)) or PAST_TOTAL
    if own is not None and own.kind in ("count", "amount") and sum(p.value for p in parts) > own.value \
            and not _close(parts, own, tolerance) and _right_before(page, own, before) and _one_list(page.text, parts):
        # 90個議席，包括20席地方直選、60席功能界別、40席選舉委員會界別: one list, each part inside
        # the total its trigger points back to, adds up past it. No part left out explains that.
        return own, _fit(page, parts, own, Decimal(0)) or PAST_SUM
    if not candidates:
        # A part past its total fits it only misprinted (沿海12939.90 under 1441.20: one digit
        # too many), and only the total 其中 points back to: repairs tried on every earlier
        # figure mend unrelated ones (1850 read 185 under 去年招收新生300人).
        note = _fit(page, parts, own, Decimal(0)) if own is not None else None
        return (own, note) if own is not None and note else None
    best = min(candidates, key=lambda f: (abs(added - f.value) / f.value, -f.span.start))
    owner = _owner(page, index, before, candidates) if qizhong else None  # of those large enough
    if owner is not None and owner is not best and _close(parts, owner, tolerance) \
            and (not within_rounding(page, parts, best) or _restated_slip(page, parts, owner, best, before)):
        return owner, _fit(page, parts, owner, Decimal(0)) or ""
    if _close(parts, best, tolerance):
        return best, ""
    # 专任教师8229人，其中，普通中学2741人、小学3057人… names its total: a repair that makes the
    # list some other figure of the sentences before (2741 read 7241 for 高中学生1.23万人) mends
    # an unrelated one. A list short of the total it names may leave a part out.
    mendable = [owner] if owner is not None else candidates
    repaired = [(f, note) for f in mendable if (note := _fit(page, parts, f, tolerance)) is not None]
    # One total, perhaps restated, else none: a slip that fits two totals tells nothing.
    return repaired[-1] if len({f.value for f, _ in repaired}) == 1 else None


def _one_list(text: str, parts: list[Figure]) -> bool:
    """Parts enumerated in one run: 、 (or 和, 及) between each two, no comma or stop."""
    gaps = [text[a.span.end:b.span.start] for a, b in zip(parts, parts[1:])]
    return all(re.search("、|和|及|與|与", gap) and not re.search("[，,；;。]", gap) for gap in gaps)


def _restated_slip(page: Page, parts: list[Figure], owner: Figure, best: Figure, before: int) -> bool:
    """共报告258例 …。259例病例分布在：…: the list fits an earlier total exactly, but the figure
    right before the trigger, a slip from that total, is the one the list is of; the slip is
    the finding. Only a figure right before the trigger, words and at most one comma between
    (今日新增217例本土病例，为100例男性、116例女性 after 本土病例新增216例 in the lead)."""
    gap = page.text[owner.span.end:before]
    return best.span.start < owner.span.start and _words_between(gap, marks=1, stops="。；;") \
        and fit(SUM, parts, owner) == "slip"


def _owner(page: Page, index: int, before: int, candidates: list[Figure]) -> Figure | None:
    """The total a 其中 points back to: the last candidate in its own sentence before it, or,
    when 其中 opens its sentence, the last one in the sentence before."""
    sentence = page.sentences[index]
    own = [f for f in candidates if sentence.start <= f.span.start < before]
    if own:
        return own[-1]
    if index == 0 or page.text[sentence.start:before].strip(" \t，,：:") not in QIZHONG:
        return None
    previous = page.sentences[index - 1]
    earlier = [f for f in candidates if previous.start <= f.span.start < previous.end]
    return earlier[-1] if earlier else None


def _same_thing_counted(text: str, a: Figure, b: Figure) -> bool:
    """41个竞赛场馆 can total 36个: only two different nouns (大项, 小项) keep figures apart."""
    x, y = counted(text, a), counted(text, b)
    return not x or not y or x == y


def _addable(figure: Figure) -> bool:
    """Amounts and counts add up; rates and shares of different wholes do not."""
    return figure.is_quantity and figure.kind in ("amount", "count")


def _share_part(figure: Figure) -> bool:
    """A share after 其中 (94.7%的受访者认为严重，其中81.9%认为非常严重，15.5%认为比较严重):
    shares of one whole, which add up; never a rate of change (其中一季度增长4.5%)."""
    return figure.unit == "%" and not figure.qualifier and not RATE_WORDS.search(figure.context)


def _fit(page: Page, parts: list[Figure], total: Figure, tolerance: Decimal) -> str | None:
    """"" when the parts come within `tolerance` of the total; a note when they miss it but add
    up exactly once one transposed digit pair is undone, or, in a part larger than the total,
    one digit struck out (typos.py); None when they do not belong together."""
    if _close(parts, total, tolerance):
        return ""
    as_printed = one_precision(page, parts, total)
    oversized = tuple(p for p in parts if p.value > total.value)
    found = slips((*parts, total), _expr(len(parts)), as_printed, oversized)
    # Two repairs of rounded figures that both fit (7.5 read 5.7, or 4.25 read 2.45, under
    # 9.90) say the figures are too coarse for a swap to be evidence. Whole counts compared as
    # printed fit exactly or not at all: 36 read 63 and 303 read 330 under 418 both mend it.
    if len(found) > 1 and not as_printed:
        return None
    return "; ".join(slip.note for slip in found) if found else None


def _expr(parts: int) -> str:
    return " + ".join(f"x{i}" for i in range(parts)) + f" == x{parts}"


def _close(parts: list[Figure], total: Figure, tolerance: Decimal) -> bool:
    """Within the tolerance; or, for whole counts, past the total by one: 其中3所、5所、9所
    under 16所 is a misprint however small the total (a list short by one may be partial, and
    one with a member of 1 may have run on past its parts: 园区5个，其中1个、4个，重点村1个);
    or one off either way when a part printed as 0 says the list is every category."""
    whole = total.value
    gap = sum(p.value for p in parts) - whole
    counts = all(map(_whole_count, (*parts, total)))
    # A list that prints a part of 0 (结果纠正0件、其他结果0件) names every category: one off
    # either way is a slip, however small the total.
    return whole > 0 and (abs(gap) <= whole * tolerance or gap == 1 and counts
                          and not any(p.value == 1 for p in parts)  # …4个，重点村1个: a member too many
                          or abs(gap) == 1 and counts and any(p.value == 0 for p in parts))


def _whole_count(figure: Figure) -> bool:
    return figure.kind == "count" and figure.scale == 1 and not figure.decimals and not figure.qualifier


def _evidence(page: Page, total: Figure, sentence: Sentence) -> str:
    first = page.sentence(total)
    return sentence.evidence() if first is sentence else first.evidence(80) + " … " + sentence.evidence(120)


def addition(page: Page, parts: list[Figure], total: Figure, evidence: str, note: str = "") -> Relation:
    """The sum relation parts + … = total (also built by share.py from shares adding to 100%)."""
    title = " + ".join(printed(p) for p in parts) + f" = {printed(total)}"
    return Relation("sum", (*parts, total), (_expr(len(parts)),), "high", evidence, title, note,
                    as_printed=printed_precisely(page, parts, total))

