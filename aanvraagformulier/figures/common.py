"""What the figures' two sources (the kept counts and the row-scanning reference) share:
the year's bounds, the requested locations of a year, the median of two middle values."""

import datetime
import statistics

from django.utils import timezone

from ..models import RequestedLocation


def period(year):
    """The aware bounds [start, end) of calendar year `year` in the portal's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=zone)


def month_bounds(year):
    """The aware [start, end) of each month of `year` in the portal's time zone."""
    zone = timezone.get_current_timezone()
    starts = [datetime.datetime(year, month, 1, tzinfo=zone) for month in range(1, 13)]
    ends = [*starts[1:], datetime.datetime(year + 1, 1, 1, tzinfo=zone)]
    return list(zip(starts, ends, strict=True))


def rows_of(region, year):
    """The requested locations of requests filed in `region` in `year`."""
    start, end = period(year)
    return RequestedLocation.objects.filter(
        request__region=region, request__created_at__gte=start, request__created_at__lt=end
    )


def median_of_middle(middle):
    """The median from its middle value(s) (whole days), to one decimal; None without."""
    return round(statistics.mean(middle), 1) if middle else None
