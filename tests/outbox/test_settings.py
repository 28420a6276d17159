from tests.config.test_settings import PRODUCTION_ENVIRONMENT, run_manage


def test_production_queues_mail_in_the_outbox_and_delivers_over_smtp():
    script = (
        "from django.conf import settings; print(settings.EMAIL_BACKEND, "
        "settings.MAIL_DELIVERY_BACKEND)"
    )
    result = run_manage("shell", "-c", script, environment=PRODUCTION_ENVIRONMENT)
    assert result.stdout.split()[-2:] == [
        "outbox.backends.OutboxBackend",
        "django.core.mail.backends.smtp.EmailBackend",
    ]
