"""The mail queue in the Wagtail admin: what waits, what failed and why, and "retry now"."""

import django_filters
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import PermissionPolicyChecker
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .choices import MailStatus
from .delivery import retry_now
from .models import OutgoingMail

mail_policy = ModelPermissionPolicy(OutgoingMail)
mail_permission = PermissionPolicyChecker(mail_policy)


class MailFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=MailStatus.choices, empty_label=gettext_lazy("All")
    )

    class Meta:
        model = OutgoingMail
        fields = ["status"]


class MailReportView(ReportView):
    """ "E-Mail-Versand": every queued, sent and failed mail, the newest first."""

    page_title = gettext_lazy("Mail delivery")
    header_icon = "mail"
    results_template_name = "outbox/admin/mail_report_results.html"
    filterset_class = MailFilterSet
    index_url_name = "outbox_mail_report"
    index_results_url_name = "outbox_mail_report_results"
    permission_policy = mail_policy
    permission_required = "view"
    list_export = ["pk", "created_at", "status", "recipients", "subject", "attempts", "last_error"]
    export_headings = {
        "pk": gettext_lazy("No."),
        "created_at": gettext_lazy("Queued at"),
        "status": gettext_lazy("Status"),
        "recipients": gettext_lazy("Recipients"),
        "subject": gettext_lazy("Subject"),
        "attempts": gettext_lazy("Attempts"),
        "last_error": gettext_lazy("Last error"),
    }

    def get_filename(self):
        return "e-mail-versand"

    def get_base_queryset(self):
        return OutgoingMail.objects.defer("message")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["can_retry"] = mail_policy.user_has_permission(self.request.user, "change")
        context["retryable"] = {MailStatus.QUEUED, MailStatus.FAILED}
        return context


@require_POST
@mail_permission.require("change")
def retry_mail(request, pk: int):
    """Send a waiting or failed mail at the next opportunity, with a fresh series of attempts."""
    mail = get_object_or_404(OutgoingMail, pk=pk)
    if retry_now([mail.pk]):
        messages.success(
            request,
            _("The mail to %(recipients)s will be sent again.") % {"recipients": mail.recipients},
        )
    else:
        messages.warning(request, _("This mail is being sent or has been sent already."))
    return HttpResponseRedirect(reverse("outbox_mail_report"))
