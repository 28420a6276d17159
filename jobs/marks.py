"""Work done once per period, whoever starts it: the mark the daily mails leave per person and day.

Kept apart from the scheduler, so that the apps whose work it schedules import only this.
"""

from django.db import IntegrityError, transaction

from .models import DoneMark


def first_time(key: str) -> bool:
    """True the first time ``key`` is asked about, False ever after (until it is pruned).

    Call it inside the transaction that does the work: if the work fails, the mark goes with
    it; two callers at once are serialised by the unique key, and the second gets False.
    """
    try:
        with transaction.atomic():
            DoneMark.objects.create(key=key)
    except IntegrityError:
        return False
    return True
