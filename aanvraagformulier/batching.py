"""Walking a large queryset in batches of ids: the housekeeping commands' constant memory."""

BATCH_SIZE = 500


def batches(queryset, size=BATCH_SIZE):
    """The ids of `queryset` in ascending batches of `size`, read one batch at a time (never
    the whole list in memory). Rows the caller changes between batches are fine: the next
    batch starts after the last id seen, with the filter evaluated again."""
    last = 0
    while True:
        ids = list(queryset.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return
        yield ids
        last = ids[-1]
