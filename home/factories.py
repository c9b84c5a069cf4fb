"""Factories for the public content: home page, news, leaflets, information pages, documents.

The test suite and the demo content (`home.demo`) build their pages with these.
"""

import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from wagtail.documents import get_document_model
from wagtail.models import Collection

from .models import (
    AccessibilityStatementPage,
    HomePage,
    InformationPage,
    LeafletIndexPage,
    LeafletPage,
    LeafletVersion,
    NewsIndexPage,
    NewsPage,
    PrivacyPage,
)
from .pdf import simple_pdf


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Opvangpunt Gent"


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Nieuws"
    slug = "nieuws"


class NewsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    slug = factory.Sequence(lambda n: f"nieuws-{n}")
    summary = factory.Sequence(lambda n: f"Samenvatting van bericht {n}.")
    date = factory.LazyFunction(datetime.date.today)


class InformationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InformationPage

    title = factory.Sequence(lambda n: f"Informatie {n}")
    slug = factory.Sequence(lambda n: f"informatie-{n}")


class PrivacyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PrivacyPage

    title = "Privacy"
    slug = "privacy"


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AccessibilityStatementPage

    title = "Toegankelijkheid"
    slug = "toegankelijkheid"
    prepared_on = factory.LazyFunction(datetime.date.today)
    feedback_email = "toegankelijkheid@example.org"


class LeafletIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LeafletIndexPage

    title = "Folders"
    slug = "folders"


class LeafletPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LeafletPage

    title = factory.Sequence(lambda n: f"Folder {n}")
    slug = factory.Sequence(lambda n: f"folder-{n}")


class PdfDocumentFactory(DjangoModelFactory):
    """A document holding a real (small) PDF of `pdf_title` and `lines`, in the root collection
    unless another is given."""

    class Meta:
        model = get_document_model()
        exclude = ("pdf_title", "lines", "filename")

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Folder {n} (PDF)")
    pdf_title = factory.SelfAttribute("title")
    lines = ("Demo.",)
    filename = "folder.pdf"
    file = factory.LazyAttribute(
        lambda doc: ContentFile(simple_pdf(doc.pdf_title, list(doc.lines)), name=doc.filename)
    )


class LeafletVersionFactory(DjangoModelFactory):
    class Meta:
        model = LeafletVersion

    leaflet = factory.SubFactory(LeafletPageFactory)
    language = "nl"
    document = factory.SubFactory(PdfDocumentFactory)
