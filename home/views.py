"""Small public views of the site as a whole (robots.txt)."""

from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

robots_txt = require_GET(
    TemplateView.as_view(template_name="home/robots.txt", content_type="text/plain")
)
