"""Priority rules (voorrangsregels) a location can apply in its admission policy."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PriorityRule(models.Model):
    """One rule that gives some families priority, e.g. siblings or single parents.

    The Flemish decree lists the groups that income-related-tariff locations must give
    priority to; each region can add its own. The loket keeps this list.
    """

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("explanation for parents"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("priority rule")
        verbose_name_plural = _("priority rules")

    def __str__(self):
        return self.name
