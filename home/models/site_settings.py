"""Per-site settings communication staff edit in Wagtail: menus, footer and the loket's contact."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from core.forms import GuardedModelForm

from ..blocks import LinkBlock


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The main menu and the footer links of a region's website."""

    main_menu = StreamField(
        [("link", LinkBlock())], verbose_name=_("main menu"), blank=True, max_num=7
    )
    footer_links = StreamField(
        [("link", LinkBlock())], verbose_name=_("footer links"), blank=True, max_num=12
    )
    footer_text = models.CharField(
        _("footer text"),
        max_length=250,
        blank=True,
        default="",
        help_text=_("E.g. who runs this website."),
    )

    panels = [FieldPanel("main_menu"), FieldPanel("footer_links"), FieldPanel("footer_text")]
    # A POST without a stream's counts gets a form error, not a 500 (core.forms).
    base_form_class = GuardedModelForm

    class Meta:
        verbose_name = _("menus and footer")


@register_setting(icon="mail")
class LoketContact(BaseSiteSetting):
    """How parents reach the region's childcare desk (Lokaal Loket Kinderopvang).

    Shown on the home page and in the footer: typed once, here.
    """

    name = models.CharField(
        _("name"),
        max_length=120,
        blank=True,
        default="",
        help_text=_("E.g. Loket Kinderopvang Gent"),
    )
    address = models.TextField(_("address"), blank=True, default="")
    phone = models.CharField(_("phone"), max_length=40, blank=True, default="")
    email = models.EmailField(_("email"), blank=True, default="")
    opening_hours = models.TextField(_("opening hours"), blank=True, default="")
    website = models.URLField(_("website"), blank=True, default="")

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Reach us"),
        ),
        FieldPanel("opening_hours"),
    ]

    class Meta:
        verbose_name = _("contact of the loket")

    @property
    def is_filled_in(self):
        """Whether there is anything to show."""
        return bool(self.name or self.phone or self.email or self.address)
