"""Admin wiring: "Geplante Aufgaben" under Reports, for the editorial team and administrators."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import ScheduledJobsView
from .schedule import may_see_jobs


class ScheduledJobsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_jobs(request.user)


@hooks.register("register_admin_urls")
def register_scheduled_jobs_urls():
    return [path("reports/jobs/", ScheduledJobsView.as_view(), name="jobs_scheduled")]


@hooks.register("register_reports_menu_item")
def register_scheduled_jobs_menu_item():
    return ScheduledJobsMenuItem(
        _("Scheduled jobs"),
        reverse("jobs_scheduled"),
        name="scheduled-jobs",
        icon_name="time",
        order=680,
    )
