"""A page holds each document once: racing saves of the edit form had stored some twice."""

from django.db import migrations, models


def remove_duplicate_attachments(apps, schema_editor):
    """Keep the first row of each (page, document) pair, in the editor's order."""
    Attachment = apps.get_model("kb", "Attachment")
    seen = set()
    duplicates = []
    for pk, page_id, document_id in Attachment.objects.order_by(
        "page_id", "sort_order", "pk"
    ).values_list("pk", "page_id", "document_id"):
        if (page_id, document_id) in seen:
            duplicates.append(pk)
        else:
            seen.add((page_id, document_id))
    Attachment.objects.filter(pk__in=duplicates).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0002_editorial_workflow"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(remove_duplicate_attachments, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="attachment",
            constraint=models.UniqueConstraint(
                fields=("page", "document"), name="kb_attachment_once_per_page"
            ),
        ),
    ]
