from django_tasks import task


@task()
def deliver_mails(mail_ids: list[int]) -> int:
    """Send the given queued mails that are due; returns how many the server accepted.

    It never raises for a refused or unreachable server: the failure is recorded on each mail
    and the next attempt scheduled, so the task itself always ends successfully.
    """
    from .delivery import deliver

    return deliver(mail_ids)
