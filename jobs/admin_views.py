""" "Geplante Aufgaben" in the admin: each job, its schedule, its last run and when it runs next."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import JobState
from .schedule import JOBS, Job, may_see_jobs


@dataclass
class JobRow:
    job: Job
    state: JobState | None


class ScheduledJobsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Scheduled jobs")
    header_icon = "time"
    template_name = "jobs/admin/scheduled_jobs.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_jobs(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        states = {state.name: state for state in JobState.objects.all()}
        # Listed in the schedule's order, also before the scheduler has ever run.
        context["rows"] = [JobRow(job, states.get(job.name)) for job in JOBS]
        return context
