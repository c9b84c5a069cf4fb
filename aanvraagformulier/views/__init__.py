"""The request form's public pages: the steps (`form`) and the parent's private page
(`private`)."""

from .form import request_done, request_send, request_start, request_step
from .private import new_link, private_erase, private_export, private_page

__all__ = [
    "new_link",
    "private_erase",
    "private_export",
    "private_page",
    "request_done",
    "request_send",
    "request_start",
    "request_step",
]
