"""Admin hooks: each new content section (made or copied) is handed to communication staff."""

from wagtail import hooks

from .permissions import grant_section_permissions, is_content_section


@hooks.register("after_create_page")
def grant_new_section(request, page):
    if is_content_section(page):
        grant_section_permissions(page)


@hooks.register("after_copy_page")
def grant_copied_section(request, page, new_page):
    # A copy is a new page: without this it would carry no rights for anyone but admins.
    if is_content_section(new_page):
        grant_section_permissions(new_page)
