"""The downloads: every published fiche matching the search page's filters, as a file.

One view for every format; `DOWNLOADS` says how each writes the fiches and what it is.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import StreamingHttpResponse
from django.views.decorators.http import require_GET

from opvanglocaties.models import Region

from ..results import build_search
from . import formats
from .privacy import PUBLISHED_POSITIONS


@dataclass(frozen=True)
class Download:
    """A download format: how it writes the fiches (`write(queryset, request)` yields text)
    and the response's content type."""

    write: Callable
    content_type: str


# The file extension in the URL (/open-data/opvanglocaties.<extension>) and its format.
DOWNLOADS = {
    "csv": Download(formats.csv_lines, "text/csv; charset=utf-8"),
    "geojson": Download(formats.geojson_chunks, "application/geo+json"),
}


@require_GET
def download(request, extension):
    """The published fiches the search page's query string finds, in the format of `extension`.

    Without filters: every published fiche of the region whose site is asked. Filters that do
    not validate are left out, as on the search page.
    """
    file_format = DOWNLOADS[extension]
    # A distance is measured to the position the file publishes: to a childminder's home
    # rounded as in the file, or a small radius around a guess would confirm the address.
    region = Region.objects.for_request(request)
    _form, search = build_search(request.GET, region, positions=PUBLISHED_POSITIONS)
    response = StreamingHttpResponse(
        file_format.write(search.results(), request), content_type=file_format.content_type
    )
    response["Content-Disposition"] = f'attachment; filename="opvanglocaties.{extension}"'
    return response
