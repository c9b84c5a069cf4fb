"""Small-cell suppression: no figure the loket sees, exports or publishes points at fewer
than 5 families (seed 000 art. 4: figures only aggregated).

The rule (docs/data-protection.md, "Figures"):

1. primary: a count from 1 to 4 is shown as "<5" (0 stays 0: it points at nobody);
2. secondary: no suppressed cell may be worked out from a total. In a line (a row or a
   column of a table, with its shown total) holding exactly one suppressed cell, the smallest
   other non-zero cell is suppressed too, shown as "x"; when the line has no such cell, its
   total is. The row totals and the column totals are lines of their own with the grand
   total: when exactly one of them is suppressed, the grand total is ("x"). Repeated until
   nothing changes;
3. a rate (median, share) over fewer than 5 rows is not shown.

The functions take plain counts and give counts or a marker, so the dashboard, the CSV and a
frozen report show exactly the same values.
"""

SUPPRESSED = "<5"
# Not small itself, but hidden so that a small number cannot be worked out from a total.
HIDDEN = "x"
THRESHOLD = 5


def is_small(value):
    return 0 < value < THRESHOLD


def suppress_value(value):
    """One count on its own (no total beside it)."""
    return SUPPRESSED if is_small(value) else value


def _second_cell(values, hidden):
    """The index to hide beside a line's single hidden cell, or None (hide the total)."""
    candidates = [i for i, value in enumerate(values) if i not in hidden and value > 0]
    return min(candidates, key=lambda i: (values[i], i)) if candidates else None


def _protect(values, hidden, total_key, marks):
    """Protect one line: `hidden` holds the keys of its hidden cells (by index). Returns the
    (index or "total") to hide next, or None when the line is safe."""
    if total_key in marks or len(hidden) != 1:
        return None
    index = _second_cell(values, hidden)
    return "total" if index is None else index


def suppress_table(matrix):
    """A table of counts (a list of rows) with row totals, column totals and a grand total.

    Returns (cells, row_totals, column_totals, grand_total), each count replaced by
    SUPPRESSED or HIDDEN where the rule says so.
    """
    rows = len(matrix)
    cols = len(matrix[0]) if rows else 0
    row_totals = [sum(row) for row in matrix]
    col_totals = [sum(matrix[r][c] for r in range(rows)) for c in range(cols)]
    grand = sum(row_totals)
    # Keys: ("cell", r, c), ("row", r), ("col", c), ("grand",); value: the marker.
    marks = {}
    for r in range(rows):
        for c in range(cols):
            if is_small(matrix[r][c]):
                marks["cell", r, c] = SUPPRESSED
        if is_small(row_totals[r]):
            marks["row", r] = SUPPRESSED
    for c in range(cols):
        if is_small(col_totals[c]):
            marks["col", c] = SUPPRESSED
    if is_small(grand):
        marks["grand",] = SUPPRESSED

    changed = True
    while changed:
        changed = False
        for r in range(rows):
            hidden = {c for c in range(cols) if ("cell", r, c) in marks}
            step = _protect(matrix[r], hidden, ("row", r), marks)
            if step is not None:
                marks[("row", r) if step == "total" else ("cell", r, step)] = HIDDEN
                changed = True
        for c in range(cols):
            column = [matrix[r][c] for r in range(rows)]
            hidden = {r for r in range(rows) if ("cell", r, c) in marks}
            step = _protect(column, hidden, ("col", c), marks)
            if step is not None:
                marks[("col", c) if step == "total" else ("cell", step, c)] = HIDDEN
                changed = True
        if changed:
            continue
        # The cells are settled: now the totals, a line of their own with the grand total.
        for kind, count in (("row", rows), ("col", cols)):
            hidden = [i for i in range(count) if (kind, i) in marks]
            if len(hidden) == 1 and ("grand",) not in marks:
                marks["grand",] = HIDDEN
                changed = True

    cells = [[marks.get(("cell", r, c), matrix[r][c]) for c in range(cols)] for r in range(rows)]
    shown_rows = [marks.get(("row", r), row_totals[r]) for r in range(rows)]
    shown_cols = [marks.get(("col", c), col_totals[c]) for c in range(cols)]
    return cells, shown_rows, shown_cols, marks.get(("grand",), grand)


def suppress_series(values):
    """Counts with their total: (values, total) after the rule (a one-column table)."""
    cells, _rows, totals, _grand = suppress_table([[value] for value in values])
    return [row[0] for row in cells], (totals[0] if totals else 0)


def suppress_rate(value, base):
    """A rate over `base` rows: None (not shown) under the threshold."""
    return None if base < THRESHOLD else value
