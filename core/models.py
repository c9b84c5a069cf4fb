"""Outgoing mail that has not reached the mail server yet; the workflow task of every review."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


class QueuedEmail(models.Model):
    """One message waiting for delivery; deleted as soon as the mail server accepted it.

    Kept in the database (not only in a task) so that a mail server outage or a restart loses
    nothing; the row holds the message only as long as needed (it contains personal data).
    """

    message = models.JSONField()
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["next_attempt_at"]
        # The table predates the `core` app (it was the project package's, label `portal`).
        db_table = "portal_queuedemail"

    def __str__(self):
        return f"queued email {self.pk} ({self.attempts} attempts)"


class IndependentApprovalTask(AbstractGroupApprovalTask):
    """A group approval that nobody gives to a text they wrote themselves.

    Wagtail's group approval lets a member approve a revision they made, so one person
    can write and publish alone through a two-step workflow (issue 10 item 2). Here
    whoever wrote a revision of the page since the workflow started (or submitted it) gets
    no Approve action; they may still request changes. With
    WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT an edit during the workflow starts its steps
    again, so what goes live is what every step approved.
    """

    class Meta:
        verbose_name = _("independent group approval")
        verbose_name_plural = _("independent group approvals")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve, but never a text they wrote or submitted "
            "themselves."
        )

    def is_author(self, obj, user):
        """Whether `user` wrote or submitted what is under review in `obj`'s workflow."""
        workflow_state = obj.current_workflow_state
        if workflow_state is None:
            return False
        if workflow_state.requested_by_id == user.pk:
            return True
        latest = obj.get_latest_revision()
        if latest is not None and latest.user_id == user.pk:
            return True
        return obj.revisions.filter(user=user, created_at__gte=workflow_state.created_at).exists()

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.is_author(obj, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        # get_actions gates the admin's views; this guards every other caller. One case
        # passes: the editor's "approve" posted with changes saves a newer revision first;
        # the approval then applies to the older one, and the newer one starts the workflow
        # again (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT), to be approved by others.
        obj = task_state.workflow_state.content_object
        latest = obj.get_latest_revision()
        approves_latest = latest is None or task_state.revision_id == latest.pk
        if action_name == "approve" and approves_latest and self.is_author(obj, user):
            raise PermissionDenied("The author of a revision may not approve it.")
        return super().on_action(task_state, user, action_name, **kwargs)


class UserSession(models.Model):
    """Which open session belongs to which account (written by `core.sessions`).

    Django keeps the user id inside each session's encoded data; finding one person's
    sessions would mean decoding every session. This small index lets a leaver's sessions be
    deleted at once (seed 000 art. 2 §7). It goes with its session: clearsessions and logout
    delete the session, and the database cascade takes the index row along.
    """

    session = models.OneToOneField(
        "sessions.Session", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="open_sessions"
    )

    class Meta:
        verbose_name = _("open session")
        verbose_name_plural = _("open sessions")

    def __str__(self):
        return f"session of user {self.user_id}"
