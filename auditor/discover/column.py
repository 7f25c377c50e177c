"""A table's column adds up to the total printed with the table.

## What it finds
A table printed one row per line (a PDF table, a list of regions with their counts, a
Markdown table): four or more short lines in a row, each a label and then figures. Cells
are put in columns by the mark printed before them (nothing for the first figure after the
label, ＋ for （＋96）, ／ for ／719), so a row that leaves a column out keeps the others in
place. Each column is summed and matched against a total: a row labelled 合计 / 总计 / 全国
/ 全市 / 总数 / 小计, else a first or last row the other rows add up to, else the one figure
of the column's unit within a few lines before or after the table that the sum fits (cells
that print no unit, 北海道20182, add up to a count that does, 国内确认病例452937人). A line of
marks alone (◇, ■, ──) ends a table: what follows is another section.

    地区　确诊／死亡
    甲区　1,204／12
    乙区　865／9
    丙区　2,310／31
    合计　4,379／52

## Why
Tables of regions, schools or products are where a transposed or mistyped cell hides best:
nobody adds up forty rows by hand, and every cell of a column is one misprint away.

## Passing example
甲区1,204宗 / 乙区865宗 / 丙区2,310宗 / 丁区1,020宗 / 合计5,399宗, one per line.

## Failing example
The same with 合计5,398宗.

## Precision
The sum must fit exactly (each cell within its printed precision) or one cell one unit of
its last digit away (a slip). A total row is taken as the column's total; a total found
outside the table must be the only figure near it that the sum fits, within MAX_GAP lines,
of the column's unit. Columns of rates (%) are not summed: shares of different wholes do not add.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.discover.fit import SUM, fit
from auditor.discover.relation import Relation
from auditor.discover.scope import CLAUSE, NOT_LEVELS, countable
from auditor.discover.sum import addition
from auditor.discover.text import Page, compact, line_of, measure, printed
from auditor.model import Figure

MIN_ROWS = 4
SECTION = re.compile(r"[◇◆■□●○★☆※—─━=＝*＊~～·•]+")  # a line of these marks ends a section
_MARKS = re.compile(r"[^\w\s]{0,3}$")
MAX_LINE = 40  # a row of a table is short; a paragraph is not a row
MAX_GAP = 4  # lines between a table and a total printed outside it
TOTAL_ROW = re.compile(r"^\W*(合计|合計|总计|總計|小计|小計|总数|總數|全国|全國|全市|全省|全港|全澳|共计|共計|总体|總體|Total|TOTAL)")


@dataclass(frozen=True)
class Row:
    line: int  # its index among the page's lines
    label: str
    cells: dict[str, Figure]  # by column: the marks printed before each figure (see _key)
    figures: tuple[Figure, ...] = ()  # every figure on the line, for a total printed outside


ROW_CELLS = 3  # figures on a line that make it a table's row, not a sentence stating a total
MAX_RECORD = 8  # figures on a line of a list of records (see _parallel)
DELIMITER = re.compile(r"[|│｜┃\t]")


def find(page: Page) -> list[Relation]:
    lines = _lines(page)
    found = []
    blocks = [(block, False) for block in _tables(lines)] + [(block, True) for block in _parallel(page, lines)]
    for block, records in blocks:
        keys = [k for k in block[0].cells if sum(k in row.cells for row in block) >= MIN_ROWS]
        for key in keys:
            relation = _column(page, lines, block, key, records)
            if relation is not None:
                found.append(relation)
    return found


def _lines(page: Page) -> list[Row]:
    """Each line of the page with the figures on it, keyed by column."""
    rows, start, index, at = [], page.lo, 0, 0
    figures = [f for f in page.figures if _cell(f)]
    while start < page.end:
        end = page.text.find("\n", start, page.end)
        end = page.end if end == -1 else end
        cells: dict[str, Figure] = {}
        on_line = []
        unmarked = 0
        while at < len(figures) and figures[at].span.start < end:
            if figures[at].span.start >= start:
                key = _key(page.text, start, figures[at])
                if key == "":  # cells set apart by spaces or tabs only: the n-th such cell
                    key, unmarked = ("" if not unmarked else f"#{unmarked}"), unmarked + 1
                cells.setdefault(key, figures[at])
                on_line.append(figures[at])
            at += 1
        row = end - start <= 4 * MAX_LINE  # a long line is no row, whatever its spaces
        text = compact(page.text[start:end]) if row else ""
        row = row and len(text) <= MAX_LINE and not CLAUSE.search(text)
        label = "\0"  # no row: its label is never read
        if row:
            first = min((f.span.start for f in cells.values()), default=end)
            label = compact(page.text[start:first])
        rows.append(Row(index, label, cells, tuple(on_line)))
        start, index = end + 1, index + 1
    return rows


def _cell(figure: Figure) -> bool:
    """A count or amount, short unitless counts ((+4)/20) included, and a bare four-digit
    number that only looks like a year (宫崎县1949/22)."""
    if figure.chinese:
        return False
    if figure.kind == "date":
        return figure.text.strip().isdigit()
    return countable(figure) or (figure.kind == "count" and not figure.unit)


def _key(text: str, start: int, figure: Figure) -> str:
    """Which column a cell is in: the mark printed right before it ('＋' for a day's new
    cases in （＋96）, '／' for deaths), or '' for the first figure after a row's label. Rows
    that leave a column out (no new cases: no （＋…）) keep the others in place. Cells with
    no mark (a table set out with spaces or tabs) are columns by their order in the row."""
    marks = _MARKS.search(text[max(start, figure.span.start - 3):figure.span.start])
    return marks.group()[-1:] if marks else ""


def _tables(lines: list[Row]) -> list[list[Row]]:
    """Runs of MIN_ROWS or more rows: short lines with no clause punctuation, each a label and
    then a first figure; blank lines and headings between them allowed."""
    found, run = [], []
    for row in lines + [Row(-1, "\0", {}, ())]:
        if not row.cells and row.label != "\0" and not SECTION.fullmatch(row.label):
            continue  # a blank line or a heading inside the table; a line of ◇ or ── ends it
        if row.cells and row.label not in ("\0", "") and "" in row.cells:
            run.append(row)
            continue
        if len(run) >= MIN_ROWS:
            found.append(run)
        run = []
    return found


def _parallel(page: Page, lines: list[Row]) -> list[list[Row]]:
    """Runs of MIN_ROWS or more lines that print figures of the same units in the same order
    (甲乡:9村,1699户,男性4315人,女性3342人,合计7657人 on each line, whatever the words and
    punctuation between): a list of records, one per line, whose columns are the figures'
    places in their lines. The form says they are a table; no word is asked for. Rows set
    out with pipes or tabs are a table's (table.py), not records."""
    found, run, shape_of_run = [], [], None
    for row in lines + [Row(-1, "\0", {}, ())]:
        shape = _shape(row) if not (row.figures and DELIMITER.search(line_of(page, row.figures[0]))) else None
        if run and shape is not None and shape == shape_of_run:
            run.append(row)
            continue
        if len(run) >= MIN_ROWS:
            found.append([_by_place(r) for r in run])
        run, shape_of_run = ([row], shape) if shape is not None else ([], None)
    return found


def _shape(row: Row) -> tuple[str, ...] | None:
    """The units of a line's figures in order, if it prints two or more and is short."""
    if len(row.figures) < 2 or len(row.figures) > MAX_RECORD or not all(_cell(f) for f in row.figures):
        return None
    return tuple(measure(f) for f in row.figures)


def _by_place(row: Row) -> Row:
    cells = {("" if i == 0 else f"@{i}"): f for i, f in enumerate(row.figures)}
    return Row(row.line, row.label if row.label != "\0" else "", cells, row.figures)


def _column(page: Page, lines: list[Row], block: list[Row], key: str, records: bool = False) -> Relation | None:
    rows = [row for row in block if key in row.cells]
    cells = [row.cells[key] for row in rows]
    if any(c.unit in NOT_LEVELS or c.qualifier for c in cells) or len({measure(c) for c in cells if c.unit}) > 1:
        return None
    totals = [row for row in rows if TOTAL_ROW.search(row.label)]
    if len(totals) > 1:
        return None
    # The total row: the one labelled so, else the first or last row if the others add up to it.
    for total_row in totals or [rows[0], rows[-1]]:
        parts = [row.cells[key] for row in rows if row is not total_row]
        fits = fit(SUM, parts, total_row.cells[key]) is not None
        if fits:
            return _relation(page, parts, total_row.cells[key], "high" if totals else "medium")
        if totals:
            return None  # a 合计 row the column misses by more than a slip: nothing to say
    return _outside(lines, block, cells, page, records)


def _outside(lines: list[Row], block: list[Row], cells: list[Figure], page: Page, records: bool = False) -> Relation | None:
    """The one figure within MAX_GAP lines of the table that the column's sum fits."""
    first, last = block[0].line, block[-1].line
    # A row of several cells next to the block is more of a table (一 师 | 130213 | … | 24309,
    # its label read apart): no total printed with it. Beside a list of records, a sentence
    # states the totals of several columns at once (总人口13645人(共3229户,男7910人…)).
    near = [f for row in lines if first - MAX_GAP <= row.line < first or last < row.line <= last + MAX_GAP
            if records or len(row.figures) < ROW_CELLS for f in row.figures if _of_column(f, cells)]
    fits = [f for f in near if f not in cells and fit(SUM, cells, f) is not None]
    if len({(f.number, f.scale) for f in fits}) != 1:
        return None
    return _relation(page, cells, fits[0], "medium")


def _of_column(figure: Figure, cells: list[Figure]) -> bool:
    """Whether a figure outside the table is of the column's measure: the unit its cells
    print, or, for cells that print none (北海道20182), any count (全国452937人)."""
    units = {measure(c) for c in cells if c.unit}
    if figure.kind != cells[0].kind:
        return False
    if units:
        return units == {measure(figure)}
    return measure(figure) == measure(cells[0]) or figure.kind == "count" and countable(figure)


def _relation(page: Page, parts: list[Figure], total: Figure, confidence: str) -> Relation:
    relation = addition(page, parts, total, f"{len(parts)} rows: {printed(parts[0])} … {printed(parts[-1])}")
    return Relation("column", relation.figures, relation.exprs, confidence, relation.evidence,  # type: ignore[arg-type]
                    f"表中{len(parts)}行之和 = {printed(total)}", relation.note)
