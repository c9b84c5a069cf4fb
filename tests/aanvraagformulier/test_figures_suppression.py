"""Small-cell suppression: no count from 1 to 4 shown, none derivable from a total."""

from hypothesis import given, settings
from hypothesis import strategies as st

from aanvraagformulier.figures.suppression import (
    HIDDEN,
    SUPPRESSED,
    suppress_rate,
    suppress_series,
    suppress_table,
)


def test_small_cells_and_their_partner_are_hidden():
    cells, rows, cols, grand = suppress_table([[10, 3, 7], [8, 9, 12]])

    assert cells == [[10, SUPPRESSED, HIDDEN], [8, HIDDEN, HIDDEN]]
    assert (rows, cols, grand) == ([20, 29], [18, 12, 19], 49)


def test_a_total_is_hidden_when_no_other_cell_can_be():
    cells, rows, cols, grand = suppress_table([[3, 0], [9, 0]])

    assert cells == [[SUPPRESSED, 0], [HIDDEN, 0]]
    assert rows == [SUPPRESSED, HIDDEN]
    assert cols == [12, 0] and grand == 12


def test_a_series_with_a_total():
    assert suppress_series([10, 3, 20]) == ([HIDDEN, SUPPRESSED, 20], 33)
    assert suppress_series([3]) == ([SUPPRESSED], SUPPRESSED)
    assert suppress_series([0, 12]) == ([0, 12], 12)


def test_rates_over_few_rows_are_not_shown():
    assert suppress_rate(4.5, 4) is None
    assert suppress_rate(4.5, 5) == 4.5


def hidden(value):
    return value in (SUPPRESSED, HIDDEN)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda cols: st.lists(
            st.lists(st.integers(0, 12), min_size=cols, max_size=cols), min_size=1, max_size=6
        )
    )
)
def test_no_small_number_is_shown_or_left_alone_beside_a_total(matrix):
    cells, rows, cols, grand = suppress_table(matrix)

    shown = [value for row in cells for value in row] + rows + cols + [grand]
    assert not any(isinstance(value, int) and 0 < value < 5 for value in shown)
    # A line whose total is shown holds no single hidden cell (it could be subtracted out).
    lines = [(row, rows[r]) for r, row in enumerate(cells)]
    lines += [([row[c] for row in cells], cols[c]) for c in range(len(cols))]
    lines += [(rows, grand), (cols, grand)]
    for line, total in lines:
        if not hidden(total):
            assert sum(hidden(value) for value in line) != 1, (matrix, cells, rows, cols, grand)
