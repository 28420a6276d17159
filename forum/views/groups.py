"""Working groups as members see them: the list, one group, asking to join, accepting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partners.standing import member_may_write

from .. import groups as group_rules
from ..choices import MembershipRole, MembershipStatus
from ..errors import PostingError
from ..listings import with_reader_names
from ..models import GroupMembership, WorkingGroup
from ..permissions import is_group_moderator, readable_categories


def group_list(request):
    """Every working group; members see their own standing and may ask to join."""
    return TemplateResponse(
        request, "forum/groups.html", {"groups": group_rules.groups_overview(request.user)}
    )


def group_detail(request, slug):
    group = get_object_or_404(WorkingGroup, slug=slug)
    memberships = group.memberships.select_related("user__profile__partner").order_by(
        "-role", "user__profile__display_name"
    )
    active = [m for m in memberships if m.status == MembershipStatus.ACTIVE]
    mine = next((m for m in memberships if m.user_id == request.user.pk), None)
    may_decide = is_group_moderator(request.user, group)
    context = {
        "group": group,
        "members": active,
        "moderators": [m for m in active if m.role == MembershipRole.MODERATOR],
        "requests": [m for m in memberships if m.status == MembershipStatus.REQUESTED]
        if may_decide
        else [],
        "my_membership": mine,
        "categories": with_reader_names(
            readable_categories(request.user).filter(working_group=group)
        ),
        "may_decide": may_decide,
    }
    return TemplateResponse(request, "forum/group.html", context)


@login_required
@member_may_write
@require_POST
def join(request, slug):
    group = get_object_or_404(WorkingGroup, slug=slug)
    membership = group_rules.request_to_join(group, request.user)
    if membership.status == MembershipStatus.REQUESTED:
        messages.success(request, _("Your request was sent to the group's moderators."))
    return HttpResponseRedirect(group.get_absolute_url())


@login_required
@require_POST
def leave(request, slug):
    group = get_object_or_404(WorkingGroup, slug=slug)
    try:
        group_rules.leave(group, request.user)
    except PostingError as refusal:
        messages.error(request, str(refusal))
    return HttpResponseRedirect(group.get_absolute_url())


@login_required
@member_may_write
@require_POST
def decide(request, slug, pk):
    """A group moderator accepts or declines a request to join."""
    group = get_object_or_404(WorkingGroup, slug=slug)
    membership = get_object_or_404(GroupMembership, pk=pk, group=group)
    try:
        if request.POST.get("decision") == "accept":
            group_rules.accept(membership, request.user)
            messages.success(
                request, _("%(name)s is now a member.") % {"name": membership.user.profile.name}
            )
        else:
            group_rules.decline(membership, request.user)
            messages.success(request, _("The request was declined."))
    except PostingError as refusal:
        messages.error(request, str(refusal))
    return HttpResponseRedirect(group.get_absolute_url())
