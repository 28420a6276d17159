from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import post_page_move

from partners.models import Partner, Profile
from theme.page_cache import invalidate

from .models import KnowledgePage, PartnerPage, Reuse, Topic
from .permissions import grant_partner_section

# Listings show topics, partners, contact persons and reuse: their changes stale pages too.
for model in (Topic, Reuse, Partner, Profile):
    post_save.connect(invalidate, sender=model, dispatch_uid=f"kb_page_cache_save_{model.__name__}")
    post_delete.connect(
        invalidate, sender=model, dispatch_uid=f"kb_page_cache_delete_{model.__name__}"
    )


@receiver(post_save, sender=PartnerPage, dispatch_uid="kb_grant_partner_section")
def grant_section_to_partner_editors(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_partner_section(instance)


@receiver(post_page_move, dispatch_uid="kb_follow_moved_pages")
def follow_moved_pages(sender, instance, **kwargs):
    """A page moved into another partner's section belongs to that partner from now on."""
    moved = KnowledgePage.objects.descendant_of(instance, inclusive=True)
    for page in moved.only("pk", "path", "depth"):
        KnowledgePage.objects.filter(pk=page.pk).update(partner_id=page.section_partner_id())
