from allauth.account.signals import email_changed
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .membership import join_partner_for_email
from .models import IdentityProvider, Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="partners_create_profile")
def create_profile(sender, instance, created, raw=False, **kwargs):
    """Every user has a profile, however the user was created (sign-up, admin, shell)."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(email_changed, dispatch_uid="partners_follow_primary_email")
def follow_primary_email(sender, request, user, from_email_address, to_email_address, **kwargs):
    """Membership follows the primary address: moving to an olfen.de address moves you."""
    join_partner_for_email(user, to_email_address.email)


@receiver(post_delete, sender=IdentityProvider, dispatch_uid="partners_remove_social_app")
def remove_social_app(sender, instance, **kwargs):
    """The login page stops offering a provider once it is deleted (with its partner, too)."""
    if instance.social_app_id:
        instance.social_app.delete()
