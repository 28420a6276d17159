"""Editing rights in the knowledge base, Plone's "local roles" the Wagtail way.

- The group "Redaktion <partner>" may add and edit pages below that partner's PartnerPage
  only, and can only submit them for review (no publish permission).
- The group "Digitalagentur" edits and publishes everywhere and approves the workflow task
  "Redaktionelle Prüfung" (set up by migration 0002).
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

SECTION_EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def editor_group_name(partner) -> str:
    return f"Redaktion {partner.name}"


def editor_group(partner) -> Group:
    """The partner's editor group, created with admin access and media rights if missing."""
    group, created = Group.objects.get_or_create(name=editor_group_name(partner))
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        root = Collection.get_first_root_node()
        for app_label, codename in MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    return group


def grant_partner_section(partner_page) -> None:
    """Let the partner's editors add and edit pages below ``partner_page``. Idempotent."""
    group = editor_group(partner_page.partner)
    for codename in SECTION_EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=partner_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
