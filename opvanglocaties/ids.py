"""Fiche ids carried in URLs ("?locaties=12,34"): compare and the request form both read them."""

MAX_ID = 2**31 - 1


def parse_location_ids(values):
    """Location ids from URL values such as ["12,34", "56"]: positive integers, in order, once."""
    ids = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            # isdigit() alone accepts "²"; the bounds keep ids within an SQL integer (and int()).
            if not (part.isascii() and part.isdigit() and len(part) <= 10):
                continue
            if 0 < int(part) <= MAX_ID and int(part) not in ids:
                ids.append(int(part))
    return ids
