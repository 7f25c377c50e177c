"""A table's rows and columns add up, as its other rows and columns show they should.

## What it finds
A table whose cells are delimited (a Markdown or pipe table, cells separated by tabs, or by
two or more spaces as a PDF prints them), three or more rows of it with figures:

    | 项目 | 自然人 | 法人 | 总计 |
    | 予以公开 | 71 | 5 | 76 |
    | 部分公开 | 23 | 2 | 25 |
    | 不予公开 | 9 | 1 | 10 |
    | 总计 | 103 | 8 | 111 |

* a **total column**: a column that is, row after row, the sum of the columns on one side
  of it (76 = 71 + 5). Each row is a check;
* a **total row**: a row that is, column after column, the sum of the rows right above it
  (103 = 71 + 23 + 9). Each column is a check;
* a **column of changes**: rates that are, row after row, the change between two columns of
  levels before them (今年 | 去年 | 变动: 640,131 | 637,226 | 0.5%);
* a **column of differences**: one column less another (支持 | 反对 | 净值: 43% | 3% | 40%);
* a **column of shares**: rates that are each row's count over the total row's (a row
  labelled total, or the row at 100%), over a figure printed outside the table that the
  column adds up to, or over the column's sum (候选人 | 得票 | 得票率);
* a **series of changes**: rates that are each the change from the level in the row (or, in a
  row of rates, the column) next to it, years running down (年份 | 产值 | 增长(%)) or across
  (an F10 page's 净利润 row over its 净利润增长率(%) row).

Pipes may be ASCII, full-width (｜) or box-drawing (│), with ┌─┬─┐ rules. A column of bare
numbers with decimals is offered as rates even under no (%) header: only exact fits in most
rows take it.

A table printed one cell per line (a label line, then the row's figures one per line, the
same number for every row, as PDF and web pages are often copied) is rebuilt into rows by
its form (rows.py) and read the same way. A table of two panes side by side (a budget's
收支平衡表: 收入 | 执行数 | 支出 | 执行数), on one line a row or a cell a line, is read as two
tables; a total row heading an outline (总计 over 一、本级收入, 二、转移性收入) is the sum of
its top level.

## Why
A table is where a mistyped cell hides best: nobody adds up its rows and columns by hand,
and every cell is one misprint away. The table says itself which sums it means: when most
rows (or columns) add up exactly, the one that does not is a misprint, whatever words the
table uses.

## Passing example
The table above.

## Failing example
The same with 不予公开 | 9 | 1 | 11.

## Precision
A total column is taken when at least MIN_AGREE rows (of those with every cell printed and a
total that is not 0) add up exactly, and at least AGREE of them do; so are columns of
changes, differences and shares, each then a warning per row. A total row is taken when
it is the table's last row or its label says total (合计, 总计, 小计 …), from the run of rows
right above it that most columns fit exactly: MIN_AGREE and AGREE of them again, or, under a
total label, one column exact and every other one a slip away. Sums of one column or one row
(a cell restated) are no sums. A check is an error only when the total's column header or
row label says total; otherwise a warning.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from auditor.discover import grid
from auditor.discover.fit import DIFFERENCE, GROWTH, RATIO, SUM, fit
from auditor.discover.relation import Relation
from auditor.discover.scope import digits
from auditor.discover.rows import PIPES, Line, flattened, minus, number, paned, stacked
from auditor.discover.sum import addition
from auditor.discover.text import Page, as_read, compact, in_bracket, printed
from auditor.model import Figure

MIN_ROWS = 3
# Outline numbering of row labels, level by level: 一、 (一) 1. (1)
OUTLINE = (re.compile(r"[一二三四五六七八九十]+[、.．]"), re.compile(r"[（(][一二三四五六七八九十]+[)）]"),
           re.compile(r"\d{1,2}[.、．](?!\d)"), re.compile(r"[（(]\d{1,2}[)）]"))
MIN_AGREE = 2
NEAR_COLUMNS = 4  # columns before a derived one that it may be computed from
WHOLE_ROWS = 8  # rows of levels above a level row that may be its whole
RATE_ROW_LABEL = re.compile(r"\s*(?:[%％]|[(（][%％][)）]|比例|比重|占比|百分比)?\s*")
INNER_PARTS = 40  # rows under an unlabelled row inside a table tried as its parts
SURE_DIGITS = 4  # an exact sum to a total this precise is no chance
AGREE = 0.6  # two rows of three: one misprint in a small table still shows
MAX_LINE = 400
# Cells: between pipes, tabs, two or more spaces, or one space before a number that follows
# a word or a number (予以公开 71 5 76, as PDF text prints a row).
# A label's dot leaders (民事法庭總數...... 5357) and a Latin name (Roslan Hassan 16,233) end it
# as a Chinese character would.
# One space parts cells before a number, signed (+4,622) or a bracketed rate ((+6%)) too.
SEPARATOR = re.compile(r"\s*\|\s*|\t+|[ \u3000]{2,}|(?<=[0-9A-Za-z\u4e00-\u9fff）)%.…、])[ \u3000](?=[-+]?[0-9]|[（(][-+]?[0-9])")
# A sign printed apart from its number (+ 642, -  19) moves next to it before cells are parted.
# Not the last of a run of dashes for empty cells (90 90 - - 7 7), which is no sign.
LOOSE_SIGN = re.compile(r"(?<![0-9A-Za-z])(?<![-－—–][ \u3000])([-+－＋−])([ \u3000]+)(?=[0-9])")
GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
SIGNED = re.compile(r"[-+－＋−][0-9][0-9,.]*")
BRACKETED_RATE = re.compile(r"[（(][-+－＋−]?([0-9][0-9.]*[%％])[)）]")
# A row that prints empty cells as dashes one space apart (90 90 - - 7 7) is parted around
# runs of two or more of them too, when that gives it the width of the table's other rows: a
# lone dash may be a sign (66 - 19), and a run of them may be one cell.
_DASH = r"[\-－—–]"
DASHED = re.compile(SEPARATOR.pattern + rf"|[ \u3000](?={_DASH}[ \u3000]{_DASH}(?:[ \u3000]|$))|"
                    rf"(?<={_DASH})[ \u3000](?={_DASH}(?:[ \u3000]|$))|(?<={_DASH}[ \u3000]{_DASH})[ \u3000]")
DASHES = re.compile(rf"{_DASH}[ \u3000]{_DASH}(?:[ \u3000]|$)")
PIPE = re.compile(r"\s*[|│｜┃]\s*")  # ASCII, box-drawing (│) and full-width pipes
CELL_LINES = 4  # lines a pipe row's cells may break over
MAX_RUNS = 12  # runs of columns tried as a total column's parts
WRAPPED_LABEL = re.compile(r"[ \t\u3000]*[\u4e00-\u9fff、]{1,8}[ \t\u3000]*")  # words alone, a label's tail
NIL = re.compile(r"[/／\-－—–]{1,2}")
NOTE = re.compile(r"[(（][^()（）]*[)）]")  # a note in a cell: 88 (截至22日)
_DELIMITER = re.compile(r"[|│｜┃\t \u3000]")
RULE = re.compile(r"^[\s|│｜┃:\-—=+─━┼╋├┤┌┐└┘┬┴┣┫┳┻]*$")  # a Markdown rule (| --- | --- |) or a drawn line
PERCENT_HEADER = re.compile(r"[(（]\s*[%％]\s*[)）]")  # 增幅(%): the cells below are in percent
RATES_HEADER = re.compile(r"[%％]|率|增速|增幅|降幅")  # 增长%, 增长率, 增速: a column of rates
DIFFERENCE_LABEL = re.compile(r"差额|差額|增减|增減|变动|變動|差距|净增|淨增|增加|减少|減少")
CHANGE_HEADER = re.compile(r"[∆Δ]|增减|增減|变动|變動|升跌|增幅|变化|變化|同比")
RATE_HEADER = re.compile(r"比例|比率|比重|率|占|佔|%|％")
HEADING = re.compile(r"\s*([^|│｜┃\d]{1,24}?)\s*[|│｜┃]\s*")  # 分产业 |: a heading row of one cell
KIND_MARKS = re.compile(r"[*＊\s]+")  # a footnote mark on a label (病毒性肝炎*)
SUB_ROW = re.compile(r"其中|當中|当中")  # 其中:城镇: the first row of a breakdown
_LABEL_CELL = re.compile(r"\S*[\u4e00-\u9fff]{2,}\S*")  # 一、本级支出: words, a row's name
TOTAL = re.compile(r"合计|合計|总计|總計|小计|小計|总数|總數|共计|共計|总额|總額|总量|總量|全部|Total|TOTAL|total|"
                   r"^\s*[总總](?=[\u4e00-\u9fff]{1,6}(?:[(（]|$))")  # a label 总人口(人), 总产值: the total of its rows


def find(page: Page) -> list[Relation]:
    found = []
    whole = _tables(page)
    tables = [pane for table in whole for pane in _panes(table)] + stacked(page) + flattened(page) + paned(page)
    for table in tables:
        differences = _difference_columns(table) + _difference_rows(table)
        rates = _undifferenced(_cell_rates(page, table) + _rate_columns(table), differences)
        read = differences + _unrated(_total_columns(page, table) + _total_rows(page, table), rates) + rates \
            + _share_columns(page, table) + _composition_rows(table) + _outline(page, table)
        found += _distinct(read) + _derived_columns(table, read)
    return found + _across(page, tables) + _row_sums(whole, found)


def _row_sums(tables: list[list[Line]], read: list[Relation]) -> list[Relation]:
    """A row the sum of two others, column by column, wherever they sit in the table or the
    tables printed under it with as many columns (第二产业 above 按主要行业分 … 工业 | 建筑业): the
    test grid.sums makes of columns, on the table turned on its side. Cells already checked
    by another reading are left to it."""
    checked = {r.figures[-1].id for r in read}
    found: list[Relation] = []
    for stack in _stacks(tables):
        width = max(len(row.cells) for table in stack for row in table)
        rows = [[row.cells[j] if j < len(row.cells) else None for j in range(width)]
                for table in stack for row in table if any(row.cells)]
        turned = [list(column) for column in zip(*rows)]
        found += [r for r in grid.sums(turned, slips_agree=True) if r.figures[-1].id not in checked]
    return found


def _stacks(tables: list[list[Line]]) -> list[list[list[Line]]]:
    """Runs of tables one under another with as many columns: one table parted by headings."""
    stacks: list[list[list[Line]]] = []
    for table in tables:
        width = max(len(row.cells) for row in table)
        if stacks and max(len(row.cells) for row in stacks[-1][-1]) == width:
            stacks[-1].append(table)
        else:
            stacks.append([table])
    return stacks


def _panes(table: list[Line]) -> list[list[Line]]:
    """The table, or its panes when it prints two side by side (收入 | 执行数 | 支出 | 执行数:
    总计 | 512340 | 总计 | 512340): a column of row labels inside it, MIN_ROWS of them at least,
    starts a pane of its own, read as a table with those labels."""
    width = max(len(row.texts) for row in table)
    for j in range(2, width):
        labelled = [row for row in table if j < len(row.texts) and row.cells[j] is None
                    and _LABEL_CELL.fullmatch(row.texts[j]) and not row.groups[j]]
        # Row names differ row after row; a column of units or notes (万元, 万元, 同比) repeats.
        if len(labelled) >= MIN_ROWS and len({row.texts[j] for row in labelled}) >= 0.8 * len(labelled):
            left = [_cut(row, 0, j) for row in table]
            right = [_cut(row, j, width) for row in table if j < len(row.texts)]
            return [left] + _panes(right)
    return [table]


def _cut(row: Line, lo: int, hi: int) -> Line:
    """Columns lo..hi of a row as a row of their own, the first one its label."""
    return Line(row.texts[lo] if lo < len(row.texts) else "", (None, *row.cells[lo + 1:hi]), row.texts[lo:hi],
                ((), *row.groups[lo + 1:hi]))


def _undifferenced(rates: list[Relation], differences: list[Relation]) -> list[Relation]:
    """Rates but for cells a column of differences reads: an index's weekly 升跌 (98.46 less
    97.18 is 1.28) is also near its percent change when the index is near 100, but the
    difference fits it exactly row after row."""
    differenced = {r.figures[-1].id for r in differences}
    return [r for r in rates if r.figures[-1].id not in differenced]


def _unrated(sums: list[Relation], rates: list[Relation]) -> list[Relation]:
    """Sums with no cell the table reads as a rate of two others (-38.0 beside 48413.47 and
    29843.23): growth rates do not add up, whatever header the column has lost."""
    rated = {r.figures[-1].id for r in rates}
    return [r for r in sums if not any(f.id in rated for f in r.figures)]


def _distinct(read: list[Relation]) -> list[Relation]:
    """One check per set of cells: 870 − 3,167 = −2,297 in a column of differences is also
    3,167 + (−2,297) = 870 to the total columns' reading; the difference, as printed, is kept."""
    seen: set[frozenset[str]] = set()
    kept = []
    for relation in sorted(read, key=lambda r: " - " not in r.exprs[0]):
        cells = frozenset(f.id for f in relation.figures)
        if cells not in seen:
            seen.add(cells)
            kept.append(relation)
    return kept


def _derived_columns(table: list[Line], read: list[Relation]) -> list[Relation]:
    """Columns the sum of two others, or a rate of one in another (grid.py), but for cells
    the table's other readings already check."""
    width = max(len(row.cells) for row in table)
    levels = [[row.cells[j] if j < len(row.cells) else None for j in range(width)] for row in table]
    rates: list[list[Figure | None]] = [[None] * width for _ in table]
    columns = []
    for j, column in _rate_columns_of(table):
        if j < width:
            columns.append(j)
            for i, rate in enumerate(column):
                rates[i][j] = rate
    # A difference column (甲 − 乙 = 丙) is the same check as the sum 乙 + 丙 = 甲: kept once.
    checked = {r.figures[-1].id for r in read} | {frozenset(f.id for f in r.figures) for r in read}
    derived = grid.sums(levels) + grid.quotients(levels, rates, columns)
    rated = {r.figures[-1].id for r in derived}
    derived += [r for r in grid.shares_of_a_row(levels, rates, columns) if r.figures[-1].id not in rated]
    return [r for r in derived if r.figures[-1].id not in checked and frozenset(f.id for f in r.figures) not in checked]


def _across(page: Page, tables: list[list[Line]]) -> list[Relation]:
    """Rows of one table that each add up to a cell of the row of the same label in another
    (营业收入 | 47,410 | 45,740 | 49,237 | 45,197 by quarter, and 营业收入 | 187,584 for the year):
    when MIN_AGREE rows add up exactly to cells of one column, every such row is a check."""
    blocks = [block for table in tables for block in _blocks(table)]
    found: list[Relation] = []
    for parts_table in blocks:
        for totals_table in blocks:
            if parts_table is not totals_table:
                found += _across_pair(page, parts_table, totals_table)
    return found


def _blocks(table: list[Line]) -> list[list[Line]]:
    """A table's runs of rows with figures, parted by header rows: two tables printed one
    under the other (a blank line reads as a rule) are two blocks."""
    blocks: list[list[Line]] = [[]]
    for row in table:
        if any(row.cells):
            blocks[-1].append(row)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if len(b) >= MIN_AGREE]


def _across_pair(page: Page, parts_table: list[Line], totals_table: list[Line]) -> list[Relation]:
    labelled = {row.label: row for row in totals_table if row.label}  # a block's rows all have cells
    rows = [(row, labelled[row.label]) for row in parts_table if row.label in labelled
            and sum(c is not None for c in row.cells) >= 2]
    width = max((len(total.cells) for _, total in rows), default=0)
    for j in range(width):
        checks = [([c for c in row.cells if c is not None], total.cells[j]) for row, total in rows
                  if j < len(total.cells) and total.cells[j] is not None]
        fits = [fit(SUM, parts, whole) for parts, whole in checks]
        if _agreed(fits):
            return [_relation(page, parts, whole, False) for (parts, whole), how in zip(checks, fits) if how]
    return []


def _tables(page: Page) -> list[list[Line]]:
    """Runs of MIN_ROWS or more delimited lines with figures; a rule line or a header line
    (delimited, no figure) inside a run is kept as a row without figures."""
    found: list[list[tuple[Line, int, int]]] = []
    run: list[tuple[Line, int, int]] = []
    start = page.lo
    while start < page.end:
        end = page.text.find("\n", start, page.end)
        end = _row_end(page, start, page.end if end == -1 else end)
        line = _line(page, start, end) or (_heading(page.text[start:end]) if run else None)
        if line is not None:
            run.append((line, start, end))
        elif run and WRAPPED_LABEL.fullmatch(page.text[start:end]):
            pass  # 建筑、测量、 7,371 …⏎都市规划⏎及园境界: the label of the row above, wrapped
        elif not RULE.match(page.text[start:end]) or not run:
            if sum(1 for row, _, _ in run if _filled(row)) >= MIN_ROWS:
                found.append(run)
            run = []
        start = end + 1
    if sum(1 for row, _, _ in run if _filled(row)) >= MIN_ROWS:
        found.append(run)
    return [_aligned(_dashed(page, table)) for table in found]


def _dashed(page: Page, table: list[tuple[Line, int, int]]) -> list[Line]:
    """The rows, those with runs of dashes for empty cells parted around them (see DASHED) when
    that gives them the width most rows without dashes have."""
    dashed_rows = [DASHES.search(page.text, start, end) is not None for _, start, end in table]
    plain = [len(row.cells) for (row, _, _), dashes in zip(table, dashed_rows) if row.cells and not dashes]
    if not plain:
        return [row for row, _, _ in table]
    width = max(set(plain), key=plain.count)
    rows = []
    for (row, start, end), dashes in zip(table, dashed_rows):
        if len(row.cells) != width and dashes:
            dashed = _line(page, start, end, DASHED)
            row = dashed if dashed is not None and len(dashed.cells) == width else row
        rows.append(row)
    return rows


def _aligned(table: list[Line]) -> list[Line]:
    """A row of numbers alone whose label was printed on the lines before it (110年 / (1月至10月)
    / 25,830 28,640 …), among rows each with a label cell first: given an empty label cell, so
    its numbers stand under the columns of the rows below."""
    labelled = [len(row.cells) for row in table if row.label and row.cells and row.cells[0] is None]
    if not labelled:
        return table
    width = max(set(labelled), key=labelled.count)
    return [Line(row.label, (None, *row.cells), ("", *row.texts), ((), *row.groups))
            if not row.label and len(row.cells) == width - 1 and row.cells and row.cells[0] is not None else row
            for row in table]


def _heading(text: str) -> Line | None:
    """A line of one cell of words closed by a pipe inside a table (分产业 |): a heading that
    parts the table's breakdowns, a row without figures."""
    match = HEADING.fullmatch(text)
    if match is None:
        return None
    word = compact(match.group(1))
    return Line(word, (None,), (word,), ((),))


def _row_end(page: Page, start: int, end: int) -> int:
    """Where a pipe row ends: a row that opens with | and does not close with one goes on
    over the next lines (a cell with a line break in it, as Markdown copied from a web
    table prints `| **限聚令**⏎ 规例(第599G章) | 103,281 |`), up to the line closing it."""
    row = page.text[start:end]
    closed = row.rstrip().endswith(tuple(PIPES))
    if not _piped(row):
        return _continued(page, end) if closed else end
    if closed:
        return end
    at = end
    for _ in range(CELL_LINES):
        if at >= page.end:
            break
        nxt = page.text.find("\n", at + 1, page.end)
        nxt = page.end if nxt == -1 else nxt
        line = page.text[at + 1:nxt]
        if _piped(line) or RULE.match(line):
            break  # the next row: this one was never closed
        if line.rstrip().endswith(tuple(PIPES)):
            return nxt
        at = nxt
    return end


def _continued(page: Page, end: int) -> int:
    """Where a labelled row (濮阳市 | 73795 | 234267 |) ends whose cells went on over lines that
    open with a pipe (| -10.9 | 70.9 | … |): a web table copied with a line break at each
    empty cell. Rows of such a table open with their label, so a line opening with a pipe
    is no row of its own; the break between two pipes is the empty cell."""
    at = end
    for _ in range(CELL_LINES):
        nxt = page.text.find("\n", at + 1, page.end)
        nxt = page.end if nxt == -1 else nxt
        line = page.text[at + 1:nxt]
        if at >= page.end or not _piped(line) or not line.rstrip().endswith(tuple(PIPES)):
            break
        at = nxt
    return at


def _piped(text: str) -> bool:
    return text.lstrip().startswith(tuple(PIPES))


def _filled(row: Line) -> bool:
    return any(row.cells) or any(_rated(group) for group in row.groups) or \
        any(_rate_cell(row, j) for j in range(len(row.groups)))


def _line(page: Page, start: int, end: int, cells_apart: re.Pattern[str] = SEPARATOR) -> Line | None:
    """A line of two or more delimited cells, each figure cell holding one figure and nothing
    else (a cell of '234／110（47%）' is no number)."""
    text = page.text[start:end]
    if end - start > MAX_LINE or not _DELIMITER.search(text) or RULE.match(text):
        return None  # every SEPARATOR needs one of these: most lines of prose have none
    bounds, at = [], 0
    # Between pipes only pipes part cells: 规例(第 599I 章) is one cell, spaces and all.
    separator = PIPE if _piped(text) else cells_apart
    parted = LOOSE_SIGN.sub(lambda m: m.group(2) + m.group(1), text)  # as long as text: spans hold
    for match in separator.finditer(parted):
        if match.start() > at:
            bounds.append((at, match.start()))
        at = match.end()
    if at < len(text):
        bounds.append((at, len(text)))
    if len(bounds) < 2 or not separator.search(text.strip(" \u3000" + PIPES)):
        return None
    figures = page.figures_between(start, end)
    cells, texts, groups = [], [], []
    for lo, hi in bounds:
        inside = [f for f in figures if start + lo <= f.span.start and f.span.end <= start + hi]
        word = compact(parted[lo:hi])
        texts.append(word)
        groups.append(tuple(inside))
        cells.append(_cell(text, start, lo, hi, inside, word))
    first = next((i for i, c in enumerate(cells) if c is not None or _rated(groups[i])), len(cells))
    if 1 < first < len(cells) and separator is not PIPE:
        # 110年 1月 2,531 …: a label of two words is one label cell, as 109年 2,476 … has one.
        # A row of words alone (指 标 | 本年累计 | 上年同期 | 增长速度(%)) keeps its cells: headers.
        label = "".join(texts[:first])
        cells, texts, groups = [None, *cells[first:]], [label, *texts[first:]], [(), *groups[first:]]
        first = 1
    return Line("".join(texts[:first]), tuple(cells), tuple(texts), tuple(groups))


def _cell(text: str, start: int, lo: int, hi: int, inside: list[Figure], word: str) -> Figure | None:
    """The one figure a cell holds and nothing else but emphasis (**316,282**) or a note in
    brackets (88 (截至22日)); None for a label, a blank or a cell of several figures."""
    kept = [f for f in inside if not in_bracket(text, f.span.start - start, lo)]
    bare = NOTE.sub("", word).strip("*_")
    if len(kept) == 1 and as_read(kept[0]) == bare and number(kept[0]):
        return kept[0]
    if len(kept) == 1 and SIGNED.fullmatch(bare) and bare[1:] == as_read(kept[0]) and _signed_number(kept[0]):
        return _signed(kept[0], bare[0])  # +4,622, -19 in a column of changes
    return None


def _signed_number(figure: Figure) -> bool:
    """A count or amount; so is 2,297 in 3,167 -2,297, which the extractor, reading a range or a
    code in prose (60 -72), leaves as a code: in a cell of its own, a grouped number is a number."""
    return number(figure) or figure.kind == "code" and GROUPED.fullmatch(figure.text) is not None


def _signed(figure: Figure, sign: str) -> Figure:
    """A cell's figure with the sign printed before it: the extractor reads 19 in 66 -19, as a
    dash may part a range in prose; in a table's cell the dash is a minus."""
    figure = replace(figure, kind="count") if figure.kind == "code" else figure
    return figure if sign in "+＋" else minus(figure)


def _rated(group: tuple[Figure, ...]) -> tuple[Figure, Figure, Figure] | None:
    """A cell of two counts and the rate of one in the other, printed last: 1320／232（18%）.
    Returns (part, whole, rate)."""
    if len(group) != 3 or group[2].kind != "percent" or group[2].unit != "%" or group[2].qualifier:
        return None
    a, b = group[0], group[1]
    if not (number(a) and number(b)) or a.value <= 0 or b.value <= 0 or a.value == b.value:
        return None
    part, whole = (a, b) if a.value < b.value else (b, a)
    return part, whole, group[2]


def _cell_rates(page: Page, table: list[Line]) -> list[Relation]:
    """Cells that each print two counts and a rate: when most rates are the one count divided
    by the other, every such cell is a check."""
    cells = [(rated, row, j) for row in table for j, group in enumerate(row.groups) if (rated := _rated(group))]
    if not _agreed([fit(RATIO, (part, whole), rate, rate=True) for (part, whole, rate), _, _ in cells]):
        return []
    found = []
    for (part, whole, rate), row, j in cells:
        labelled = bool(RATE_HEADER.search(_header(table, j)))
        found.append(Relation("table", (part, whole, rate), ("x0 / x1 == x2",), "high" if labelled else "medium",
                              f"{row.label} {row.texts[j]}", f"{printed(part)} ÷ {printed(whole)} ≈ {printed(rate)}"))
    return found


def _column(table: list[Line], j: int) -> list[Figure | None]:
    return [row.cells[j] if j < len(row.cells) else None for row in table]


def _header(table: list[Line], j: int) -> str:
    """The words above a column: the cells of rows without figures."""
    return "".join(row.texts[j] for row in table if not any(row.cells) and j < len(row.texts))


def _total_rows(page: Page, table: list[Line]) -> list[Relation]:
    """A total row under its parts (the last row, or one labelled total), or over them (the
    first row, or one labelled total: 合计 first, then its breakdown, as statistics tables
    print it), from the run of rows next to it that most columns fit exactly."""
    rows = [i for i, row in enumerate(table) if any(row.cells)]
    found: list[Relation] = []
    best: dict[int, tuple[int, list[int], list[Relation]]] = {}
    for at, i in enumerate(rows):
        labelled = TOTAL.search(table[i].label) is not None
        runs: list[list[int]] = []
        if at >= 2 and (labelled or i == rows[-1]):
            runs += [rows[start:at] for start in range(at - 2, -1, -1)]  # right above, shortest first
        below = at + 2 < len(rows) and (labelled or at == 0)
        groups = _groups_below(table, i) if below else []
        if len(groups) >= 2:  # 分产业 … 分行业 …, 其中:城镇 … 其中:男性 …: each a breakdown of it
            for group in groups:
                # The headings say which rows are parts, as a total label would: one column
                # exact and the others a slip away will do; only a total label makes errors.
                found += [replace(r, confidence="high" if labelled else "medium")
                          for r in _judged(page, _row_checks(table, i, group), True)[1]]
            continue
        named = _named_below(table, rows, at)
        if named and not labelled:
            # 病毒性肝炎* | 123297 | 61, then 甲型肝炎 … 未分型肝炎: rows named as kinds of the row
            # above them are its breakdown, as a total label would say; a warning, the label
            # being a name, not a word of total.
            exact, relations = _judged(page, _row_checks(table, i, named), True)
            best[i] = (exact, named, [replace(r, confidence="medium") for r in relations])
            continue
        if below:
            runs += [rows[at + 1:end] for end in range(at + 3, len(rows) + 1)]  # right below
        elif at >= 1:
            # A row inside the table may head the rows right under it (迁入人口 | 市区 | 县 |
            # 迁出人口 | 市区 | 县), as the first row may: see _telling.
            runs += [rows[at + 1:end] for end in range(at + 3, min(len(rows), at + 1 + INNER_PARTS) + 1)]
        best[i] = _best_run(page, table, i, runs, labelled)
    _collapsed(page, table, rows, best)
    return found + [r for _, _, relations in best.values() for r in relations]


def _best_run(page: Page, table: list[Line], i: int, runs: list[list[int]],
              labelled: bool) -> tuple[int, list[int], list[Relation]]:
    """The run of rows that most columns of row i fit exactly."""
    best: tuple[int, list[int], list[Relation]] = (0, [], [])
    for run in runs:
        checks = _row_checks(table, i, run)
        if run[0] > i and not labelled and not _telling(checks):
            continue
        exact, relations = _judged(page, checks, labelled)
        if exact > best[0]:
            best = (exact, run, relations)
    return best


def _collapsed(page: Page, table: list[Line], rows: list[int],
               best: dict[int, tuple[int, list[int], list[Relation]]]) -> None:
    """A row over the rows under it with each sub-total standing for its own parts (總計 |
    六都 … | 臺灣省 | 14 縣市 … | 福建省 | 2 縣 | 國道; 寿险 | 个人业务 | 新单 | 续期 | 团体业务 |
    新单 | 续期): the rows a sub-total row under it was read to add up are left out of its sum.
    Rows are read from the bottom, so a sub-total's own sum is known before its total's; the
    shortest span of rows under it that fits more columns exactly than any run right under it
    did is taken."""
    for at in range(len(rows) - 3, -1, -1):
        i = rows[at]
        for end in range(at + 3, min(len(rows), at + 1 + INNER_PARTS) + 1):
            span = rows[at + 1:end]
            claimed = {r for j in span for r in _claimed(best, j) if r in span}
            run = [r for r in span if r not in claimed]
            if not claimed or len(run) < 2 or claimed - set(span):
                continue
            checks = _row_checks(table, i, run)
            if not _telling(checks):
                continue
            exact, relations = _judged(page, checks, TOTAL.search(table[i].label) is not None)
            if relations and exact > best.get(i, (0, [], []))[0]:
                best[i] = (exact, run, relations)
                break


def _claimed(best: dict[int, tuple[int, list[int], list[Relation]]], j: int) -> list[int]:
    """The rows under row j that it was read to add up, if any."""
    _, run, relations = best.get(j, (0, [], []))
    return run if relations and run and run[0] > j else []


def _named_below(table: list[Line], rows: list[int], at: int) -> list[int]:
    """The rows right under row `at` whose labels end as its label does (two characters or
    more: 肝炎 for 病毒性肝炎, then 甲型肝炎, 乙型肝炎 …), two or more of them."""
    head = KIND_MARKS.sub("", table[rows[at]].label)
    if len(head) < 3 or not re.fullmatch(r"[\u4e00-\u9fff]{2}", head[-2:]):
        return []
    run = []
    for r in rows[at + 1:]:
        name = KIND_MARKS.sub("", table[r].label)
        if not name.endswith(head[-2:]) or name == head:
            break
        run.append(r)
    return run if len(run) >= 2 else []


def _groups_below(table: list[Line], total: int) -> list[list[int]]:
    """The rows under a total row, parted into breakdowns by a heading row without figures
    (分产业, 分行业) or by a row that opens with 其中 (其中:城镇 | 乡村 | 其中:男性 | 女性), up to the
    next total row; the groups of two rows or more."""
    groups: list[list[int]] = [[]]
    for k in range(total + 1, len(table)):
        row = table[k]
        if not any(row.cells):
            if groups[-1]:
                groups.append([])
            continue
        if TOTAL.search(row.label):
            break
        if SUB_ROW.match(row.label) and groups[-1]:
            groups.append([])
        groups[-1].append(k)
    return [g for g in groups if len(g) >= 2]


def _row_checks(table: list[Line], total: int, run: list[int]) -> list[tuple[Figure | None, list[Figure | None]]]:
    """Each column's check of a total row against a run of part rows."""
    parts = [table[r] for r in run]
    checks = [(table[total].cells[j], [row.cells[j] if j < len(row.cells) else None for row in parts
                                       if not _nil(row, j)]) for j in range(len(table[total].cells))
              if not _rates_header(table, total, j)]
    return [check for check in checks if not _averaged(*check)]


def _rates_header(table: list[Line], total: int, j: int) -> bool:
    """A column headed in percent or as rates (增长速度(%), 增长%, 增长率) whose total row is not 100: rates, which no
    row adds up, even where some are negative and _averaged cannot tell them by their size.
    A composition (构成(%), 100 in the total row) does add up, and stays."""
    cells = table[total].cells
    whole = cells[j] if j < len(cells) else None
    # Rates print decimals (-2.7); a whole number under a header that reads as rates is a
    # header out of line with its column (税收比重% over 累计 70978).
    rate = whole is not None and whole.value != 100 and whole.decimals > 0
    return rate and RATES_HEADER.search(_header(table, j)) is not None


def _averaged(total: Figure | None, parts: list[Figure | None]) -> bool:
    """A column whose total row is no larger than one of its parts, all of them positive: a
    column of rates or averages (增长%, 19.31 over 16.50 … 118.13), which lies between its
    parts, never a sum of them."""
    values = [p.value for p in parts if p is not None]
    if total is None or not values:
        return False
    if min(values + [total.value]) < 0:
        # Growth rates lose their header when a PDF's table is read flat (9.1, 7.2, -2.0, 6.5
        # under 8.0): a total of decimals within its parts that misses their sum by more than a
        # slip is a rate; a sum with losses among its parts (利润 -2.0) is still checked.
        printed = [p for p in parts if p is not None]
        return total.decimals > 0 and max(values) >= total.value and fit(SUM, printed, total) is None
    return max(values) >= total.value


def _outline(page: Page, table: list[Line]) -> list[Relation]:
    """Rows numbered as an outline (二、接待人数 | (一)境外 | 1.外国人 | 2.港澳 | (二)境内): a row is
    the sum of the rows of the next level under it, column by column. The numbering says which
    rows are parts; the columns whose checks all come within a slip (not a column of rates)
    are read, one check of them at least exact."""
    levels = [_outline_level(row.label) for row in table]
    filled = [any(row.cells) for row in table]
    checks: dict[int, list[tuple[Figure | None, list[Figure | None]]]] = {}
    for i, level in enumerate(levels):
        children = _children(levels, i, filled) if level else _root_children(table, levels, i)
        if len(children) < 2:
            continue
        for j in range(1, len(table[i].cells)):
            parts = [table[c].cells[j] if j < len(table[c].cells) else None for c in children]
            checks.setdefault(j, []).append((table[i].cells[j], parts))
    # A column is read when each of its checks adds up or misses by a slip; one exact check in
    # any such column will do: a row that is a part and a total at once ((一) under 二、, over
    # 1. 2. 3.) misprinted leaves its column no exact check, and the other columns vouch for it.
    # The numbering says which rows are parts, as a total label would (see _groups_below), but
    # names no total: a miss is a warning.
    summing = [(column, fits) for column in checks.values()
               if (fits := _fits(column)) and all(how in ("exact", "slip") for how in fits)]
    if not any("exact" in fits for _, fits in summing):
        return []
    return [replace(r, confidence="medium")
            for r in _judged(page, [check for column, _ in summing for check in column], True)[1]]


def _root_children(table: list[Line], levels: list[int], i: int) -> list[int]:
    """Under a total row heading an outline (总计 over 一、本级收入 and 二、转移性收入, as a
    budget's 收支平衡表 prints it), the rows of the outline's top level; else none."""
    if not TOTAL.search(table[i].label) or any(any(row.cells) for row in table[:i]):
        return []
    numbered = [levels[k] for k in range(i + 1, len(levels)) if levels[k]]
    return [k for k in range(i + 1, len(levels)) if numbered and levels[k] == min(numbered)]


def _outline_level(label: str) -> int:
    return next((k for k, marker in enumerate(OUTLINE, 1) if marker.match(label)), 0)


def _children(levels: list[int], i: int, filled: list[bool]) -> list[int]:
    """The rows of the next outline level under row i, up to the next row of its level or above;
    with none numbered, the plain rows right under it (三、旅行社接待量 | 国际… | 国内游客)."""
    below: list[int] = []
    plain: list[int] = []
    for k in range(i + 1, len(levels)):
        if levels[k] and levels[k] <= levels[i]:
            break
        if levels[k]:
            below.append(k)
        elif not below and len(plain) == k - i - 1 and filled[k]:
            plain.append(k)  # a row without figures (客房开房率 in %) ends the plain run
    nearest = min((levels[k] for k in below), default=0)
    return [k for k in below if levels[k] == nearest] or plain


def _fits(column: list[tuple[Figure | None, list[Figure | None]]]) -> list[str | None]:
    return [fit(SUM, [p for p in parts if p is not None], total) for total, parts in column
            if total is not None and None not in parts]


def _nil(row: Line, j: int) -> bool:
    """A cell printed as a dash or a slash (/, -, —): nothing to add, not a cell left unread."""
    return j < len(row.texts) and row.cells[j] is None and NIL.fullmatch(row.texts[j].strip("*_")) is not None


def _total_columns(page: Page, table: list[Line]) -> list[Relation]:
    width = max(len(row.cells) for row in table)
    numeric = [j for j in range(width) if sum(c is not None for c in _column(table, j)) >= MIN_ROWS]
    found: list[Relation] = []
    for j in numeric:
        before, after = [k for k in numeric if k < j], [k for k in numeric if k > j]
        # The columns a total column adds up may stop short of the table's edge: 合计 | 劳动者报酬 …
        # 营业盈余 | 按2000年可比价格, where the last is the total again at other prices. Every
        # run of two or more columns next to it is tried; the one most rows fit is taken.
        runs = [before, after] + [after[:n] for n in range(len(after) - 1, 1, -1)] \
            + [before[-n:] for n in range(len(before) - 1, 1, -1)]
        best: tuple[int, list[Relation]] = (0, [])
        labelled = TOTAL.search(_header(table, j)) is not None
        for parts in runs[:MAX_RUNS]:
            if len(parts) < 2:
                continue
            checks = [(row.cells[j] if j < len(row.cells) else None,
                       [row.cells[k] if k < len(row.cells) else None for k in parts]) for row in table]
            exact, relations = _judged(page, checks, labelled)
            if relations and exact > best[0]:
                best = (exact, relations)
        found += best[1]
    return found


def _judged(page: Page, checks: list[tuple[Figure | None, list[Figure | None]]],
            labelled: bool) -> tuple[int, list[Relation]]:
    """How many checks (with every cell printed, and a total that is not 0) add up exactly,
    and one relation per check if that says the table means these sums: MIN_AGREE or more
    exact and AGREE of them; under a total label, one exact and every other a slip."""
    complete = _complete(checks)
    fits = [fit(SUM, parts, total) for total, parts in complete]
    confirming = [total for how, (total, parts) in zip(fits, complete) if how == "exact" and _two_cells(parts)]
    exact = len(confirming)
    agreed = exact >= MIN_AGREE and exact >= AGREE * len(complete)
    # One column that fits exactly in four or more digits is no chance either: with every
    # other column a slip away, the rows are a breakdown (the 2005 column of 迁入人口 over 市区
    # and 县 exact, the 2004 one misprinted), as a warning unless a label says total.
    named = (labelled or _sure(confirming) and len(complete) >= 2) and exact >= 1 \
        and all(how in ("exact", "slip") for how in fits)
    if not (agreed or named):
        return exact, []
    return exact, [_relation(page, parts, total, labelled) for total, parts in complete]


def _complete(checks: list[tuple[Figure | None, list[Figure | None]]]) -> list[tuple[Figure, list[Figure]]]:
    """The checks with every cell printed and a total that is not 0."""
    return [(total, [p for p in parts if p is not None]) for total, parts in checks
            if total is not None and total.value and None not in parts]


def _two_cells(parts: list[Figure]) -> bool:
    """X = X + 0 says nothing: only sums of two or more cells that are not 0 confirm a sum."""
    return sum(1 for p in parts if p.value) >= 2


def _telling(checks: list[tuple[Figure | None, list[Figure | None]]]) -> bool:
    """Whether the rows under an unlabelled row add up to it by more than chance: one exact
    sum of SURE_DIGITS (see _sure), or MIN_AGREE exact sums of three digits or more. Rows of
    one-digit cells (1 2 4 | 1 1 2 | 1 1 2) add up column by column by chance alone."""
    confirming = [total for total, parts in _complete(checks) if _two_cells(parts) and fit(SUM, parts, total) == "exact"]
    return sum(1 for total in confirming if digits(total) >= 3) >= MIN_AGREE or _sure(confirming)


def _sure(confirming: list[Figure]) -> bool:
    """One total of SURE_DIGITS or more that cells add up to exactly: no chance."""
    return any(digits(total) >= SURE_DIGITS for total in confirming)


def _relation(page: Page, parts: list[Figure], total: Figure, labelled: bool) -> Relation:
    relation = addition(page, parts, total, f"{printed(parts[0])} … {printed(total)}")
    return Relation("table", relation.figures, relation.exprs, "high" if labelled else "medium",
                    relation.evidence, " + ".join(printed(p) for p in parts) + f" = {printed(total)}",
                    relation.note)


def _rate_columns(table: list[Line]) -> list[Relation]:
    """A column of rates that is, row after row, the change between two columns of levels
    before it (今年上半年 | 去年上半年 | 变动幅度: 640,131 | 637,226 | 0.5%): when MIN_AGREE rows
    and AGREE of them fit exactly, every row is a check. Which of the two is the earlier the
    fits say; the nearest pair of level columns that fits is taken."""
    found: list[Relation] = []
    for j, rates in _rate_columns_of(table):
        levels = [k for k in range(j - 1, max(-1, j - 1 - NEAR_COLUMNS), -1)
                  if sum(c is not None for c in _column(table, k)) >= MIN_ROWS]
        # Nearest pairs first: (j-1, j-2), (j-2, j-3) …; then pairs a column apart (去年同月 |
        # 上月 | 本月 | 月增减 | 年增减: the year's change skips last month's column).
        # Apart, only as changes: a rate over a column further back is a quotient (grid.py).
        pairs = [(a, b, True) for a, b in zip(levels, levels[1:])] + [(a, b, False) for a, b in zip(levels, levels[2:])]
        for a, b, near in pairs:
            relations = _changes(table, rates, later=b, earlier=a, index=near) \
                or _changes(table, rates, later=a, earlier=b, index=near)
            if relations:
                found += relations
                break
        else:
            found += _best_series(rates, [_column(table, k) for k in levels])
    return found + _rate_rows(table)


def _rate_rows(table: list[Line]) -> list[Relation]:
    """A row of rates under a row of levels, each rate the change from the level in the next
    column or the one before (an F10 page prints years across: 净利润 | 增长率(%))."""
    found: list[Relation] = []
    for i, row in enumerate(table):
        percent = PERCENT_HEADER.search(row.label) is not None
        rates = [_rate_cell(row, j, percent) for j in range(len(row.groups))]
        if sum(r is not None for r in rates) < MIN_ROWS:
            continue
        found += _best_series(rates, [list(table[q].cells) for q in range(i - 1, max(-1, i - 1 - NEAR_COLUMNS), -1)])
    return found


def _best_series(rates: list[Figure | None], candidates: list[list[Figure | None]]) -> list[Relation]:
    """The series of levels, of those near the rates, that most rates fit (the nearest on a
    tie: an adjusted row printed under the reported one may lack its newest years)."""
    best: tuple[int, list[Relation]] = (0, [])
    for levels in candidates:
        if sum(c is not None for c in levels) >= MIN_ROWS:
            exact, relations = _series(rates, levels)
            best = max(best, (exact, relations), key=lambda b: b[0])
    return best[1]


def _series(rates: list[Figure | None], levels: list[Figure | None]) -> tuple[int, list[Relation]]:
    """Rates that are, cell after cell, the change of a series of levels from the cell after
    (newest first) or before it. A cell that no slip explains (a year-to-date level beside
    full years) is another figure, not a misprint: only cells that fit or nearly fit are checks."""
    for step in (1, -1):
        cells = [(levels[i + step], levels[i], rate) for i, rate in enumerate(rates)
                 if rate is not None and 0 <= i + step < len(levels) and i < len(levels)]
        cells = [(a, b, r) for a, b, r in cells if a is not None and b is not None and a.value > 0]
        fits = [fit(GROWTH, (b, a), r, rate=True) for a, b, r in cells]
        if _agreed(fits):
            return fits.count("exact"), [_change(a, b, r) for (a, b, r), how in zip(cells, fits) if how is not None]
    return 0, []


def _change(earlier: Figure, later: Figure, rate: Figure) -> Relation:
    title = f"{printed(earlier)} → {printed(later)}: {printed(rate)}"
    return Relation("table", (earlier, later, rate), ("x1 / x0 - 1 == x2",), "medium", title, title)


def _rate_columns_of(table: list[Line]) -> Iterator[tuple[int, list[Figure | None]]]:
    """Each column with MIN_ROWS or more rates printed alone in their cells, and its rates.

    Bare numbers with decimals under no (%) header (a header lost in copying) are offered as
    rates too: the kinds take them only when most rows fit exactly, which no column of
    amounts does by chance."""
    for j in range(max(len(row.groups) for row in table)):
        percent = PERCENT_HEADER.search(_header(table, j)) is not None or _decimals(table, j)
        rates = [_rate_cell(row, j, percent) for row in table]
        if sum(r is not None for r in rates) >= MIN_ROWS:
            yield j, rates


def _decimals(table: list[Line], j: int) -> bool:
    """Whether the column's numbers all have decimals, MIN_ROWS or more of them."""
    cells = [c for c in _column(table, j) if c is not None]
    return len(cells) >= MIN_ROWS and all(c.decimals and not c.unit for c in cells)


def _rate_cell(row: Line, j: int, percent: bool = False) -> Figure | None:
    """The rate a cell holds alone: printed with %, or a bare number under a header in
    percent (增幅(%) over 13.79)."""
    group = row.groups[j] if j < len(row.groups) else ()
    text = row.texts[j] if j < len(row.texts) else ""
    bracketed = BRACKETED_RATE.fullmatch(text)  # (+6%), (-29%): a rate of change beside its difference
    if bracketed and len(group) == 1 and group[0].unit == "%" and group[0].kind == "percent" \
            and as_read(group[0]).lstrip("-+") == bracketed.group(1):
        return group[0]
    if len(group) != 1 or group[0].qualifier or as_read(group[0]) != text:
        return None
    if group[0].unit == "%" and group[0].kind == "percent":
        return group[0]
    if percent and not group[0].unit and group[0].scale == 1 and not group[0].chinese:
        return replace(group[0], unit="%", kind="percent")
    return None


def _changes(table: list[Line], rates: list[Figure | None], later: int, earlier: int,
             index: bool = True) -> list[Relation]:
    """A column of changes (2.1%), or of indices (2005年为上年%: 102.1, the later level over the
    earlier as a percent, as yearbooks print them)."""
    rows = [(row.cells[earlier], row.cells[later], rate) for row, rate in zip(table, rates)
            if rate is not None and later < len(row.cells) and row.cells[earlier] and row.cells[later]
            and row.cells[earlier].value > 0]  # type: ignore[union-attr]
    if _agreed([fit(GROWTH, (b, a), rate, rate=True) for a, b, rate in rows]):  # type: ignore[arg-type]
        return [_change(a, b, rate) for a, b, rate in rows]  # type: ignore[arg-type]
    if index and _agreed([fit(RATIO, (b, a), rate, rate=True) for a, b, rate in rows]):  # type: ignore[arg-type]
        return [_index(a, b, rate) for a, b, rate in rows]  # type: ignore[arg-type]
    return []


def _index(earlier: Figure, later: Figure, rate: Figure) -> Relation:
    title = f"{printed(later)} ÷ {printed(earlier)} = {printed(rate)}"
    return Relation("table", (earlier, later, rate), ("x1 / x0 == x2",), "medium", title, title)


def _difference_rows(table: list[Line]) -> list[Relation]:
    """A row of differences (席次差额 under 选前席次 and 赢得席次): a column of them in the table
    transposed, looked for only when a row's label says difference."""
    labels = [row.label for row in table]
    if not any(DIFFERENCE_LABEL.search(label) for label in labels):
        return []
    return _difference_columns(_transposed(table), labels)


def _transposed(table: list[Line]) -> list[Line]:
    """The table's columns as rows: a row of differences (席次差额 under 选前席次 and 赢得席次)
    is a column of them in the transposed table."""
    width = max(len(row.cells) for row in table)
    pad = [(row.cells + (None,) * width)[:width] for row in table]
    texts = [(row.texts + ("",) * width)[:width] for row in table]
    groups = [(row.groups + ((),) * width)[:width] for row in table]
    return [Line("", tuple(p[j] for p in pad), tuple(t[j] for t in texts), tuple(g[j] for g in groups))
            for j in range(width)]


def _difference_columns(table: list[Line], labels: list[str] | None = None) -> list[Relation]:
    """A column that is, row after row, one column before it less another (支持 | 反对 | 净值:
    43% | 3% | 40%; 上周 | 本周 | 升跌: 97.18 | 98.46 | 1.28): when MIN_AGREE rows and AGREE of
    them fit exactly, every row is a check. `labels`: the table is transposed, and these are
    its rows' labels; a row of differences (席次差额 under 选前席次 and 赢得席次) is read only
    when its label says difference."""
    width = max(len(row.groups) for row in table)
    values = [[_value(row, j) for j in range(width)] for row in table]
    filled = [j for j in range(width) if sum(v[j] is not None for v in values) >= MIN_ROWS]
    found: list[Relation] = []
    for j in filled:
        if labels is not None and not (j < len(labels) and DIFFERENCE_LABEL.search(labels[j])):
            continue
        near = [k for k in filled if k < j][-NEAR_COLUMNS:]  # a wide table stays cheap
        # Either way: 净值 is the earlier column less the later, 升跌 the later less the earlier.
        for a, b in ((a, b) for a in near for b in near if a != b):
            rows = [(v[a], v[b], v[j]) for v in values if None not in (v[a], v[b], v[j])
                    and v[a].unit == v[b].unit == v[j].unit]  # type: ignore[union-attr]
            fits = [fit(DIFFERENCE, (x, y), d) for x, y, d in rows]  # type: ignore[arg-type]
            if _agreed(fits) and _telling_differences(rows, fits):
                found += [Relation("table", (x, y, d), ("x0 - x1 == x2",), "medium",  # type: ignore[arg-type]
                                   f"{printed(x)} − {printed(y)} = {printed(d)}",  # type: ignore[arg-type]
                                   f"{printed(x)} − {printed(y)} = {printed(d)}") for x, y, d in rows]  # type: ignore[arg-type]
                break
    return found


def _telling_differences(rows: list[tuple], fits: list[str | None]) -> bool:
    """Whether the rows that fit say anything: a box score's innings (0 − 0 = 0, 2 − 1 = 1) fit
    a difference by chance; MIN_AGREE exact rows with a nonzero difference of a level of two
    digits or more do not."""
    telling = [d for (x, _, d), how in zip(rows, fits) if how == "exact" and d.value and x.value >= 10]
    return len(telling) >= MIN_AGREE


def _value(row: Line, j: int) -> Figure | None:
    """A cell's figure: a count or amount, or a rate printed alone in its cell."""
    cell = row.cells[j] if j < len(row.cells) else None
    return cell if cell is not None else _rate_cell(row, j)


def _share_columns(page: Page, table: list[Line]) -> list[Relation]:
    """A column of rates that is, row after row, the share of a column of counts in its total
    (候选人 | 得票 | 得票率): the total row's cell when a row is labelled total, else the figure
    printed outside the table that the column adds up to (营收18.02亿元 above a table of
    segments), else the sum of the column. When MIN_AGREE rows and AGREE of them fit exactly,
    every row is a check. A printed whole keeps the other rows' checks when one cell is
    misprinted; the column's sum moves with the misprint and breaks them all."""
    found: list[Relation] = []
    for j, rates in _rate_columns_of(table):
        if CHANGE_HEADER.search(_header(table, j)):
            continue  # ∆%, 增減: a column of changes, which equal the share only for a newcomer
        for k in range(j - 1, max(-1, j - 1 - NEAR_COLUMNS), -1):  # the counts just before the rates
            column = _column(table, k)
            if sum(c is not None for c in column) < MIN_ROWS:
                continue
            relations = _shares_of_total(table, column, rates) or _shares_of_printed(page, table, column, rates) \
                or _shares_of_sum(table, column, rates)
            if relations:
                found += relations
                break
    return found


def _composition_rows(table: list[Line]) -> list[Relation]:
    """Rows of shares, each of a row of levels above it: a row that repeats a level row's
    label further down (工资性收入 | 6187 …, then under 构成(%), 工资性收入 | 44.9 …), or a row of
    rates printed right under its levels (已投票選民 | 141409 … then % | 55.26% …), as yearbooks
    and election returns print a breakdown and its composition. Each share is its level cell
    over the cell of the whole's row: the nearest row of levels above that the cells fit. When
    MIN_AGREE cells and AGREE of them fit exactly, every cell is a check."""
    found: list[Relation] = []
    rates = [_rates_row(row) for row in table]
    for level, share in _repeated_rows(table, rates) + _rates_under(table, rates):
        for whole in _rows_above(table, rates, level):
            cells = [(table[level].cells[j], table[whole].cells[j], _rate_cell(table[share], j, percent=True))
                     for j in range(1, len(table[whole].cells)) if j < len(table[level].cells) and j < len(table[share].groups)]
            cells = [(part, total, rate) for part, total, rate in cells if part and total and rate and total.value > 0]
            if _agreed([fit(RATIO, (part, total), rate, rate=True) for part, total, rate in cells]):
                found += [Relation("table", (part, total, rate), ("x0 / x1 == x2",), "medium",
                                   f"{printed(part)} ÷ {printed(total)} ≈ {printed(rate)}",
                                   f"{printed(part)} ÷ {printed(total)} ≈ {printed(rate)}") for part, total, rate in cells]
                break
    return found


def _rates_under(table: list[Line], rates: list[bool]) -> list[tuple[int, int]]:
    """(row of levels, row of rates) for each row of rates alone (label % or none) right under a
    row of levels; `rates` says which rows are rows of rates."""
    return [(i, i + 1) for i in range(len(table) - 1)
            if any(table[i].cells) and not rates[i] and rates[i + 1] and RATE_ROW_LABEL.fullmatch(table[i + 1].texts[0])]


def _rows_above(table: list[Line], rates: list[bool], level: int) -> list[int]:
    """The rows of levels above a row, nearest first, at most WHOLE_ROWS of them."""
    return [i for i in range(level - 1, -1, -1) if any(table[i].cells) and not rates[i]][:WHOLE_ROWS]


def _rates_row(row: Line) -> bool:
    """Whether every cell of the row is a share: printed with % or with decimals, at most 100
    (a row of small whole counts, 27 | 2 | 2 | 31, is no row of rates)."""
    rates = [c for j in range(1, len(row.groups)) if (c := _rate_cell(row, j, percent=True)) is not None]
    return bool(rates) and len(rates) == sum(1 for g in row.groups[1:] if g) \
        and all(0 <= r.value <= 100 and (r.decimals or "%" in r.text or "％" in r.text) for r in rates)


def _repeated_rows(table: list[Line], rates: list[bool]) -> list[tuple[int, int]]:
    """(row of levels, row of rates) for each label printed again lower down over rates only."""
    first: dict[str, int] = {}
    pairs = []
    for i, row in enumerate(table):
        if not row.label or not any(row.groups):
            continue
        if row.label in first and rates[i]:
            pairs.append((first[row.label], i))
        else:
            first.setdefault(row.label, i)
    return pairs


def _shares_of_total(table: list[Line], column: list[Figure | None], rates: list[Figure | None]) -> list[Relation]:
    """The rates as shares of the total row's cell: a row labelled total, or the one row whose
    rate is 100% (卫星导航… | 18.02亿元 | 100.0%, above its breakdowns by product and by region).
    Rows at 100% heading the table and more blocks under it (可支配收入 | 11499 | 100.0 over its
    sources, then 消费支出 | 11343 | 100.0 over its uses) each head the rows down to the next."""
    heads = [i for i, (c, r) in enumerate(zip(column, rates)) if c is not None and r is not None and r.value == 100]
    if len(heads) > 1 and not any(c is not None for c in column[:heads[0]]):
        return [r for at, end in zip(heads, [*heads[1:], len(column)])
                for r in _shares_of_whole(column[at], [(column[i], rates[i]) for i in range(at + 1, end)])]  # type: ignore[arg-type]
    totals = [c for row, c in zip(table, column) if c is not None and TOTAL.search(row.label)] \
        or [column[i] for i in heads]
    if len(totals) != 1:
        return []
    whole = totals[0]
    at = next(i for i, c in enumerate(column) if c is whole)
    # The parts are the rows on one side of the total: above it, unless it comes first (合计
    # over its breakdown). Rows after a total below its parts (無效選票, 投票率) are of other wholes.
    side = range(at) if any(c is not None for c in column[:at]) else range(at + 1, len(column))
    return _shares_of_whole(whole, [(column[i], rates[i]) for i in side])


def _shares_of_whole(whole: Figure, cells: list[tuple[Figure | None, Figure | None]]) -> list[Relation]:
    """Each (count, rate) row as the count's share of the whole, when the rows agree."""
    rows = [(c, r) for c, r in cells if c is not None and r is not None]
    if not _agreed([fit(RATIO, (c, whole), r, rate=True) for c, r in rows]):
        return []
    return [Relation("table", (c, whole, r), ("x0 / x1 == x2",), "medium",
                     f"{printed(c)} ÷ {printed(whole)} ≈ {printed(r)}", f"{printed(c)} ÷ {printed(whole)} ≈ {printed(r)}")
            for c, r in rows]


def _shares_of_printed(page: Page, table: list[Line], column: list[Figure | None],
                       rates: list[Figure | None]) -> list[Relation]:
    """The rates as shares of the one figure outside the table, of the column's unit, that the
    column adds up to within the rounding of its cells (and one slip of a cell)."""
    cells = [c for c in column if c is not None]
    inside = {id(f) for row in table for f in row.cells if f is not None}
    if len(cells) < MIN_ROWS or any(c.unit != cells[0].unit for c in cells):
        return []
    total = sum(c.value for c in cells)
    slack = sum(Decimal(1).scaleb(-c.decimals) * c.scale for c in cells)  # every cell's rounding and a slip
    wholes = {(f.value, f.unit): f for f in page.quantities() if id(f) not in inside and f.unit == cells[0].unit
              and not f.qualifier and abs(f.value - total) <= slack}
    if len(wholes) != 1:
        return []
    (whole,) = wholes.values()
    rows = [(c, r) for c, r in zip(column, rates) if c is not None and r is not None]
    if not _agreed([fit(RATIO, (c, whole), r, rate=True) for c, r in rows]):
        return []
    return [Relation("table", (c, whole, r), ("x0 / x1 == x2",), "medium",
                     f"{printed(c)} ÷ {printed(whole)} ≈ {printed(r)}", f"{printed(c)} ÷ {printed(whole)} ≈ {printed(r)}")
            for c, r in rows]


def _shares_of_sum(table: list[Line], column: list[Figure | None], rates: list[Figure | None]) -> list[Relation]:
    rows = [(c, r) for row, c, r in zip(table, column, rates) if c is not None and r is not None and not TOTAL.search(row.label)]
    parts = [c for c, _ in rows]
    total = sum(c.value for c in parts)
    if len(rows) < MIN_ROWS or len(rows) != sum(1 for c in column if c is not None) or total <= 0:
        return []  # every count of the column has its rate: else the sum is not the rates' whole
    if not _agreed([_share_fit(c.value / total, r) for c, r in rows]):
        return []
    names = " + ".join(f"x{i}" for i in range(len(parts)))
    found = []
    for i, (c, r) in enumerate(rows):
        found.append(Relation("table", (*parts, r), (f"x{i} / ({names}) == x{len(parts)}",), "medium",
                              f"{printed(c)} ÷ Σ ≈ {printed(r)}", f"{printed(c)} ÷ (column total) ≈ {printed(r)}"))
    return found


def _share_fit(share: Decimal, rate: Figure) -> str | None:
    """"exact" when the share rounds to the rate as printed (a quick look; the evaluator judges)."""
    unit = Decimal(1).scaleb(-rate.decimals)
    return "exact" if abs(share * 100 - rate.value) <= unit / 2 else None


def _agreed(fits: list[str | None]) -> bool:
    exact = fits.count("exact")
    return exact >= MIN_AGREE and exact >= AGREE * len(fits)
