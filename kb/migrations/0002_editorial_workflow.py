"""Editing rights and the review workflow of the knowledge base.

- "Digitalagentur" may add, edit, publish, lock and delete pages everywhere, manage topics,
  images and documents, and approves the task "Redaktionelle Prüfung".
- One group "Redaktion <partner>" per partner may open the admin and add images and
  documents; its page rights (add, edit – no publish) on the partner's PartnerPage are
  granted when that page is created (kb.permissions.grant_partner_section).
- Wagtail's sample groups ("Editors", "Moderators") and its default workflow are replaced.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW_NAME = "Redaktionelle Prüfung"
EDITORIAL_TEAM = "Digitalagentur"
EDITORIAL_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
EDITORIAL_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
    ("wagtaildocs", "choose_document"),
]
SECTION_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def ensure_permissions(apps, app_label):
    """Create the app's model permissions now; Django otherwise adds them only after migrate."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # the historical app config is a stub without models
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def set_up(apps, schema_editor):
    for app_label in ("wagtailcore", "wagtailimages", "wagtaildocs", "kb"):
        ensure_permissions(apps, app_label)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Partner = apps.get_model("partners", "Partner")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    access_admin = permission("wagtailadmin", "access_admin")

    # Wagtail's samples would otherwise sit beside our roles and confuse administrators.
    WorkflowPage.objects.all().delete()
    Workflow.objects.filter(name="Moderators approval").delete()
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()

    editorial = Group.objects.get(name=EDITORIAL_TEAM)
    for codename in EDITORIAL_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=editorial, page=root_page, permission=permission("wagtailcore", codename)
        )
    for app_label, codename in EDITORIAL_MEDIA_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=editorial, collection=root_collection, permission=permission(app_label, codename)
        )
    editorial.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="kb",
            codename__in=["add_topic", "change_topic", "delete_topic", "view_topic", "view_reuse", "change_reuse"],
        )
    )

    for partner in Partner.objects.all():
        group, _created = Group.objects.get_or_create(name=f"Redaktion {partner.name}")
        group.permissions.add(access_admin)
        for app_label, codename in SECTION_MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(app_label, codename)
            )

    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _created = GroupApprovalTask.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(editorial)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def tear_down(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("auth", "Group").objects.filter(name__startswith="Redaktion ").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0001_initial"),
        ("partners", "0004_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(set_up, tear_down)]
