"""A month as parents type it: "2027-03", "03/2027", "3-2027", "maart 2027", "mrt. 2027".

`<input type="month">` takes only arrow keys in Chromium and is a plain text box in other
browsers, so the search's month field is a text box and this reads the usual notations, in
Dutch and in English.
"""

import datetime
import re

# Full names and the abbreviations in use (Dutch "mrt", "okt"; English "mar", "may", "oct").
MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("maart", "march", "mrt", "maa", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augustus", "august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

YEAR_FIRST = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$")
MONTH_FIRST = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{4})$")
NAMED = re.compile(r"^([^\W\d_]+)\.?\s*(\d{4})$")


def parse_month(text):
    """The first day of the month `text` names, or None when it names no month."""
    text = " ".join(str(text).split()).lower()
    if match := YEAR_FIRST.match(text):
        year, month = int(match[1]), int(match[2])
    elif match := MONTH_FIRST.match(text):
        month, year = int(match[1]), int(match[2])
    elif (match := NAMED.match(text)) and match[1] in MONTH_NAMES:
        month, year = MONTH_NAMES[match[1]], int(match[2])
    else:
        return None
    if not 1 <= month <= 12 or year < 1900:
        return None
    return datetime.date(year, month, 1)
