"""What happens when a workflow's last step is approved (WAGTAIL_FINISH_WORKFLOW_ACTION)."""


def publish_approved(workflow_state, user=None):
    """Publish the approved revision, whoever gave the last approval.

    Wagtail's own action publishes as the last approver, so that person needs publish rights
    on the page; with them they could also publish directly and skip the steps before
    theirs. Here the approval is what counts: the task already checked that the approver
    belongs to its group (home.permissions: nobody but administrators publishes directly
    where a workflow applies).
    """
    workflow_state.content_object.get_latest_revision().publish(
        user=user, skip_permission_checks=True
    )
