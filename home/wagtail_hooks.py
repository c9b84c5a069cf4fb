"""Admin hooks: each new content section is handed to communication staff."""

from wagtail import hooks

from .permissions import grant_section_permissions, is_content_section


@hooks.register("after_create_page")
def grant_new_section(request, page):
    if is_content_section(page):
        grant_section_permissions(page)
