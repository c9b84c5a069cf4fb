"""The estimate of an income-related (IKT) day price: a pure function of the family's
monthly taxable income, its number of children and one year's `IncomeTariff`.

Issue 14.6: every IKT location read "you pay according to your income", so parents could not
compare it with a free price. The estimate follows the structure of the Flemish tariff
(`docs/ikt-tariff.md`): the minimum up to the lower income bound, the maximum from the upper
bound, a straight line in between, then the reduction for every further child, rounded to
the euro cent. Only the certificate Kind en Gezin gives the family fixes its real price; the
pages say so. Nothing here stores or logs the income (`docs/data-protection.md`).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


def _cents(amount):
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def estimate_day_price(income, children, tariff):
    """The day price (a full day, in euro, rounded to the cent) for a family with monthly
    taxable `income` and `children` children (at least 1: the child who goes to childcare,
    plus its brothers and sisters the family has), under `tariff` (an `IncomeTariff`).

    The reductions for further children add up, and never take the price below zero.
    """
    income = Decimal(income)
    children = max(int(children), 1)
    low, high = tariff.lower_income_bound, tariff.upper_income_bound
    if income <= low:
        price = tariff.min_day_price
    elif income >= high:
        price = tariff.max_day_price
    else:
        share = (income - low) / (high - low)
        price = tariff.min_day_price + (tariff.max_day_price - tariff.min_day_price) * share
    reduction = min(tariff.reduction_per_further_child * (children - 1), HUNDRED)
    return _cents(price * (HUNDRED - reduction) / HUNDRED)


def half_day_price(day_price, tariff):
    """What a day of less than 5 hours costs: the tariff's share of the day price."""
    return _cents(day_price * tariff.half_day_percentage / HUNDRED)


@dataclass(frozen=True)
class Estimate:
    """An estimated IKT price: a full day and a half day, under the tariff of `year`."""

    day_price: Decimal
    half_day_price: Decimal
    year: int

    @classmethod
    def of(cls, income, children, tariff):
        """The estimate for this income and number of children under `tariff`."""
        day = estimate_day_price(income, children, tariff)
        return cls(day, half_day_price(day, tariff), tariff.year)
