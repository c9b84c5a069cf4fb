"""Public URLs of the request form (Dutch paths; English under /en/ like every page)."""

from django.urls import path

from . import views

urlpatterns = [
    # The name predates this app: compare links to it ("Aanvragen", ?locaties=12,34).
    path("aanvragen/", views.request_start, name="request_start"),
    path("aanvragen/stap/<slug:slug>/", views.request_step, name="request_step"),
    path("aanvragen/verstuur/", views.request_send, name="request_send"),
    path("aanvragen/verzonden/", views.request_done, name="request_done"),
    path("aanvraag/nieuwe-link/", views.new_link, name="request_new_link"),
    path("aanvraag/<str:token>/", views.private_page, name="request_private"),
    path("aanvraag/<str:token>/gegevens.json", views.private_export, name="request_export"),
    path("aanvraag/<str:token>/wissen/", views.private_erase, name="request_erase"),
]
