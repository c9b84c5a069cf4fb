"""What every model of a request shares."""

from django.db import models


class PrivateModel(models.Model):
    """A model holding (links to) a family's data.

    Wagtail's reference index records every row that points to a page and lists it on the
    page's "usage" screen in the admin: a request would show there for anyone who may see the
    fiche, and each save would cost index queries. Requests are not content: left out.
    """

    wagtail_reference_index_ignore = True

    class Meta:
        abstract = True
