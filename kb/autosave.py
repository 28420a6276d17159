"""Autosave stores a draft and nothing else.

Wagtail's workflow buttons write their action into hidden inputs of the edit form before it is
submitted, and the autosave posts that same form. An autosave sent beside "Änderungen
anfordern" therefore carried the workflow action too: both requests found the task open, one
closed it, and the other then acted on a task that was gone (AttributeError, a 500). Only the
editor's own submission performs a workflow action.
"""

WORKFLOW_ACTION_FIELDS = ("action-workflow-action", "workflow-action-name")


def is_autosave(request) -> bool:
    """Wagtail's autosave asks for JSON; the editor's own submission asks for a page."""
    return request.method == "POST" and not request.accepts("text/html")


def keep_workflow_actions_out_of_autosave(request, page):
    """Strip a workflow action from an autosave, so that it saves the draft only."""
    if is_autosave(request) and any(name in request.POST for name in WORKFLOW_ACTION_FIELDS):
        data = request.POST.copy()
        for name in (*WORKFLOW_ACTION_FIELDS, "workflow-action-extra-data"):
            data.pop(name, None)
        request.POST = data
