"""The attachments inline of articles and projects, safe against two saves of one form.

Wagtail's autosave posts the edit form while the editor keeps working; a new attachment row
has no id until the autosave's answer arrives, so a manual save sent in that second posts
the same row again as new. A page holds each document once (``kb.Attachment``'s unique
constraint), and a new row naming a document the page already holds is that existing row.
"""

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel


class AttachmentFormSet(BaseChildFormSet):
    """A new row whose document the page already holds updates that row instead of adding one."""

    def save_new(self, form, commit=True):
        claimed = {each.instance.pk for each in self.initial_forms if each.instance.pk is not None}
        document = form.cleaned_data.get("document")
        for existing in self.get_queryset():
            if (
                existing.pk is not None
                and existing.pk not in claimed
                and document is not None
                and existing.document_id == document.pk
            ):
                form.instance.pk = existing.pk
                form.instance._state.adding = False
                break
        return super().save_new(form, commit=commit)


class AttachmentsPanel(InlinePanel):
    """The attachments inline, with the formset that recognises a row saved moments ago."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = AttachmentFormSet
        return options
