"""How the JSON API (`api.py`) writes the fiche's related rows and its published address.

Used by the public field list (`fields.py`). Each serializer names its fields explicitly, so
that a field added to a model later does not appear in the open data unasked.
"""

from rest_framework import serializers

from .privacy import published_address


class MunicipalitySerializer(serializers.Serializer):
    """A municipality by its Statbel NIS code and names."""

    nis_code = serializers.CharField(read_only=True)
    name = serializers.CharField(source="name_nl", read_only=True)
    name_fr = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True)


class NeighbourhoodSerializer(serializers.Serializer):
    """A neighbourhood (wijk) by name and slug."""

    name = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True)


class OpeningHoursSerializer(serializers.Serializer):
    """One opening slot: weekday 0 is Monday."""

    weekday = serializers.IntegerField(read_only=True)
    opens = serializers.TimeField(read_only=True, format="%H:%M")
    closes = serializers.TimeField(read_only=True, format="%H:%M")


class ClosingPeriodSerializer(serializers.Serializer):
    """Days the location is closed."""

    start_date = serializers.DateField(read_only=True)
    end_date = serializers.DateField(read_only=True)
    description = serializers.CharField(read_only=True)


class AvailabilitySerializer(serializers.Serializer):
    """Free places of one age group: free now, free from a date, or full."""

    age_group = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    free_from = serializers.DateField(read_only=True)
    free_places = serializers.IntegerField(read_only=True)


class PriorityRuleNamesField(serializers.Field):
    """The names of the priority rules a location applies."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        # .all(): the rules the API's queryset prefetched, not a query per fiche.
        return [rule.name for rule in value.all()]


class PublishedAddressField(serializers.Field):
    """One part of the address as the open data give it: not a childminder's street, house
    number or exact position (`privacy.py`)."""

    def __init__(self, part, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)
        self.part = part

    def to_representation(self, value):
        return getattr(published_address(value), self.part)
