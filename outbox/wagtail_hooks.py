"""Admin wiring: the mail delivery report under Reports, for those who may view mails."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import MailReportView, retry_mail


class MailReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("outbox.view_outgoingmail")


@hooks.register("register_admin_urls")
def register_mail_report_urls():
    return [
        path("reports/mail/", MailReportView.as_view(), name="outbox_mail_report"),
        path(
            "reports/mail/results/",
            MailReportView.as_view(results_only=True),
            name="outbox_mail_report_results",
        ),
        path("reports/mail/<int:pk>/retry/", retry_mail, name="outbox_retry_mail"),
    ]


@hooks.register("register_reports_menu_item")
def register_mail_report_menu_item():
    return MailReportMenuItem(
        _("Mail delivery"), reverse("outbox_mail_report"), name="mail", icon_name="mail", order=670
    )
