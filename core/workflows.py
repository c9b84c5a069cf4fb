"""What happens when a workflow's last step is approved (WAGTAIL_FINISH_WORKFLOW_ACTION)."""


def approved_revision(workflow_state):
    """The revision the workflow's last step approved: what goes live, and nothing newer.

    With WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT an edit during the workflow restarts
    its steps, so at the end this is also the latest revision; should a newer one exist
    anyway, it was not approved and stays a draft.
    """
    task_state = workflow_state.current_task_state
    if task_state is not None and task_state.revision_id is not None:
        return task_state.revision
    return workflow_state.content_object.get_latest_revision()


def publish_approved(workflow_state, user=None):
    """Publish the approved revision, whoever gave the last approval.

    Wagtail's own action publishes as the last approver, so that person needs publish rights
    on the page; with them they could also publish directly and skip the steps before
    theirs. Here the approval is what counts: the task already checked that the approver
    belongs to its group (home.permissions: nobody but administrators publishes directly
    where a workflow applies), and the final step's task (core.models.IndependentApprovalTask)
    that the approver did not write the text.
    """
    approved_revision(workflow_state).publish(user=user, skip_permission_checks=True)
