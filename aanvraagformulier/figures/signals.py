"""The writes that change the loket's counts, and how each keeps them current
(figures/keeping.py), in the transaction of the write itself.

- A requested location saved (a decision, a withdrawal, an expiry, a new row): its request's
  contribution before the save (the request locked, so two locations deciding at once take
  turns) and after it. django-simple-history writes the row's version in its own post_save,
  connected when the model was defined, so before this one: the first answer is in the
  history when the "after" is computed.
- A request saved with a changed region, filing time, municipality or anonymisation: the same.
- A request deleted: its contribution is taken off. A row deleted on its own: its
  request's contribution before and after.
- New rows in bulk (`services.add_rows`) call `keeping.keeping` themselves: bulk inserts
  send no signals. A bulk UPDATE of a counted column would have to do the same; none does
  (the retention's UPDATEs touch names, contact data and birth dates, which nothing counts).
- A change under many requests at once recounts the regions concerned in a task after the
  commit (figures/tasks.py; the figures lag for those seconds): a fiche moved to another
  wijk or municipality or deleted, a wijk or municipality renamed or a wijk deleted, a
  region's municipalities changed. A request written while such a recount runs may be
  missed by it (`keeping.rebuild`); `rebuild_figures --dry-run` shows it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from opvanglocaties.models import LocationPage, Municipality, Neighbourhood, Region

from ..models import ChildcareRequest, RequestedLocation
from . import keeping
from .tasks import rebuild_after_commit

# Saving only other fields (a preference, a proposal, an accepted offer) changes no count.
# (The filing time: the next history version copies it, and the first answer reads it there.)
ROW_FIELDS = ("status", "due_date", "created_at", "location_id", "request_id")
REQUEST_FIELDS = ("region_id", "created_at", "municipality_id", "anonymised_at")
FICHE_FIELDS = ("neighbourhood_id", "municipality_id")


def _concerns(update_fields, fields):
    names = {name.removesuffix("_id") for name in fields}
    return update_fields is None or bool({f.removesuffix("_id") for f in update_fields} & names)


def row_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.request_id is None or not _concerns(update_fields, ROW_FIELDS):
        return
    instance._figures_before = keeping.contributions([instance.request_id], lock=True)


def row_saved(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_figures_before", None)
    if before is not None:
        after = keeping.contributions([instance.request_id])
        keeping.apply_difference(keeping.difference(before, after))


def row_deleting(sender, instance, origin=None, **kwargs):
    # A request deleted with its rows is taken off whole (request_deleting), once.
    if isinstance(origin, ChildcareRequest) or getattr(origin, "model", None) is ChildcareRequest:
        return
    instance._figures_before = keeping.contributions([instance.request_id], lock=True)


def _fields_of(model, pk, names):
    return model.objects.filter(pk=pk).values_list(*names).first()


def request_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance._state.adding or not _concerns(update_fields, REQUEST_FIELDS):
        return
    old = _fields_of(ChildcareRequest, instance.pk, REQUEST_FIELDS)
    new = tuple(getattr(instance, name) for name in REQUEST_FIELDS)
    if old is not None and old != new:
        instance._figures_before = keeping.contributions([instance.pk], lock=True)


def request_saved(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_figures_before", None)
    if before is not None:
        after = keeping.contributions([instance.pk])
        keeping.apply_difference(keeping.difference(before, after))


def request_deleting(sender, instance, **kwargs):
    gone = keeping.contributions([instance.pk])
    keeping.apply_difference({key: -count for key, count in gone.items()})


def _regions_of_rows(rows):
    return set(
        rows.exclude(request__region__isnull=True)
        .values_list("request__region_id", flat=True)
        .distinct()
        .order_by()
    )


def _rebuild_later(instance, regions):
    if regions:
        instance._figures_regions = regions


def _rebuild_now(sender, instance, **kwargs):
    regions = instance.__dict__.pop("_figures_regions", None)
    if regions:
        rebuild_after_commit(regions)


def fiche_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance._state.adding or not _concerns(update_fields, FICHE_FIELDS):
        return
    old = _fields_of(LocationPage, instance.pk, FICHE_FIELDS)
    if old is not None and old != tuple(getattr(instance, name) for name in FICHE_FIELDS):
        _rebuild_later(
            instance, _regions_of_rows(RequestedLocation.objects.filter(location=instance))
        )


def fiche_deleting(sender, instance, **kwargs):
    _rebuild_later(instance, _regions_of_rows(RequestedLocation.objects.filter(location=instance)))


def wijk_changing(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding:
        return
    if kwargs.get("signal") is pre_save:
        old = _fields_of(Neighbourhood, instance.pk, ["name"])
        if old is None or old[0] == instance.name:
            return
    rows = RequestedLocation.objects.filter(location__neighbourhood=instance)
    _rebuild_later(instance, _regions_of_rows(rows))


def municipality_saving(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding:
        return
    old = _fields_of(Municipality, instance.pk, ["name_nl"])
    if old is not None and old[0] != instance.name_nl:
        rows = RequestedLocation.objects.filter(request__municipality=instance) | (
            RequestedLocation.objects.filter(location__municipality=instance)
        )
        _rebuild_later(instance, _regions_of_rows(rows))


def region_municipalities_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    regions = {instance.pk} if not reverse else set(pk_set or ())
    if reverse and action == "post_clear":
        regions = set(Region.objects.values_list("pk", flat=True))
    rebuild_after_commit(regions)


def connect():
    """Called from the app's ready(): after django-simple-history's own receivers."""
    uid = "aanvraagformulier.figures"
    pre_save.connect(row_saving, sender=RequestedLocation, dispatch_uid=f"{uid}.row_saving")
    post_save.connect(row_saved, sender=RequestedLocation, dispatch_uid=f"{uid}.row_saved")
    pre_save.connect(request_saving, sender=ChildcareRequest, dispatch_uid=f"{uid}.req_saving")
    post_save.connect(request_saved, sender=ChildcareRequest, dispatch_uid=f"{uid}.req_saved")
    pre_delete.connect(
        request_deleting, sender=ChildcareRequest, dispatch_uid=f"{uid}.req_deleting"
    )
    pre_delete.connect(row_deleting, sender=RequestedLocation, dispatch_uid=f"{uid}.row_deleting")
    post_delete.connect(row_saved, sender=RequestedLocation, dispatch_uid=f"{uid}.row_deleted")
    for model, saving in (
        (LocationPage, fiche_saving),
        (Neighbourhood, wijk_changing),
        (Municipality, municipality_saving),
    ):
        name = model.__name__.lower()
        pre_save.connect(saving, sender=model, dispatch_uid=f"{uid}.{name}_saving")
        post_save.connect(_rebuild_now, sender=model, dispatch_uid=f"{uid}.{name}_saved")
    pre_delete.connect(fiche_deleting, sender=LocationPage, dispatch_uid=f"{uid}.fiche_deleting")
    pre_delete.connect(wijk_changing, sender=Neighbourhood, dispatch_uid=f"{uid}.wijk_deleting")
    for model in (LocationPage, Neighbourhood):
        post_delete.connect(
            _rebuild_now, sender=model, dispatch_uid=f"{uid}.{model.__name__.lower()}_deleted"
        )
    m2m_changed.connect(
        region_municipalities_changed,
        sender=Region.municipalities.through,
        dispatch_uid=f"{uid}.region_municipalities",
    )
