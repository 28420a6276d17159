"""Discussing a library page in the forum, and taking a thread into the library."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from partners.standing import member_may_write
from theme.site_address import absolute_url

from .. import knowledge, permissions
from ..errors import PostingError
from ..forms_knowledge import DiscussForm, PromoteForm
from ..models import Thread


@member_may_write(methods=("POST",))
def discuss(request, page_id):
    """Go to the page's discussion, or (members) confirm starting it."""
    page = knowledge.discussable_page(page_id, request.user)
    if page is None:
        raise Http404
    existing = knowledge.discussion_of(page)
    if existing is not None and permissions.can_read_thread(request.user, existing):
        return redirect(existing)
    if not permissions.is_member(request.user):
        return redirect_to_login(request.get_full_path())
    context = {"page": page, "form": None, "error": None}
    if existing is not None:
        context["error"] = _("The discussion about this page has been closed by the moderators.")
        return TemplateResponse(request, "forum/knowledge/discuss.html", context)
    try:
        knowledge.check_discussable(page)
    except PostingError as refusal:
        context["error"] = str(refusal)
        return TemplateResponse(request, "forum/knowledge/discuss.html", context)
    page_url = absolute_url(page.get_url(request))
    form = DiscussForm(
        request.POST or None, initial={"source": knowledge.discussion_intro(page, page_url)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            thread, started = knowledge.start_discussion(
                page, request.user, form.cleaned_data["source"]
            )
        except PostingError as error:
            form.add_error(None, str(error))
        else:
            if not started:
                messages.info(request, _("The discussion had already been started: here it is."))
            return redirect(thread)
    context["form"] = form
    return TemplateResponse(
        request, "forum/knowledge/discuss.html", context, status=400 if form.errors else 200
    )


def promote(request, pk):
    """The editorial team takes a thread into the library as a draft article."""
    thread = get_object_or_404(
        Thread.objects.select_related("category", "author__profile__partner"), pk=pk
    )
    if not knowledge.can_promote(request.user, thread):
        raise Http404
    if thread.promoted_to_id is not None:
        return TemplateResponse(
            request,
            "forum/knowledge/promote.html",
            {
                "thread": thread,
                "form": None,
                "knowledge": knowledge.thread_knowledge(thread, request),
            },
            status=400 if request.method == "POST" else 200,
        )
    solution = knowledge.accepted_solution(thread)
    form = PromoteForm(
        request.POST or None,
        replies=knowledge.promotable_replies(thread),
        solution=solution,
        initial={"section": knowledge.author_section(thread)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            page = knowledge.promote_thread(
                thread,
                request.user,
                section=form.cleaned_data["section"],
                topics=form.cleaned_data["topics"],
                replies=form.cleaned_data["replies"],
            )
        except PostingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The draft article was created. Please check, complete and publish it.")
            )
            return HttpResponseRedirect(knowledge.admin_edit_url(page))
    return TemplateResponse(
        request,
        "forum/knowledge/promote.html",
        {"thread": thread, "form": form, "solution": solution},
        status=400 if form.errors else 200,
    )
