"""People in search: members find colleagues by name, department and expertise.

Profiles are for logged-in members only in search (visitors find public profiles on the
partner pages, not by searching names). Inactive accounts are not findable.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils.translation import override

from search import audience
from search.indexing import schedule
from search.models import EntryKind
from search.registry import Adapter, SearchDocument, Segment, register

from .models import Profile, TaggedExpertise, User


class ProfileAdapter(Adapter):
    name = "person"

    def all_ids(self):
        return Profile.objects.order_by("pk").values_list("pk", flat=True).iterator()

    def document(self, object_id):
        profile = (
            Profile.objects.select_related("user", "partner")
            .filter(pk=object_id, user__is_active=True)
            .first()
        )
        if profile is None:
            return None
        expertise = [tag.name for tag in profile.expertise.all()]
        partner = profile.partner
        with override(settings.LANGUAGE_CODE):
            url = profile.get_absolute_url()
        return SearchDocument(
            key=self.key(profile.pk),
            kind=EntryKind.PERSON,
            title=profile.name,
            url=url,
            audience=audience.MEMBERS,
            summary=" · ".join(p for p in (profile.department, partner and partner.name) if p),
            segments=(Segment(", ".join(expertise)),),
            partner=partner.slug if partner else "",
            partner_name=partner.name if partner else "",
        )


people = register(ProfileAdapter())


def _profile_changed(sender, instance, **kwargs):
    schedule({people.key(instance.pk)})


def _user_changed(sender, instance, **kwargs):
    profile_id = Profile.objects.filter(user=instance).values_list("pk", flat=True).first()
    if profile_id:
        schedule({people.key(profile_id)})


def _expertise_changed(sender, instance, **kwargs):
    schedule({people.key(instance.content_object_id)})


def connect() -> None:
    """Connect the receivers that keep people's entries true."""
    for signal in (post_save, post_delete):
        signal.connect(_profile_changed, sender=Profile, dispatch_uid=f"search_profile_{signal}")
        signal.connect(
            _expertise_changed, sender=TaggedExpertise, dispatch_uid=f"search_exp_{signal}"
        )
    post_save.connect(_user_changed, sender=User, dispatch_uid="search_user")
