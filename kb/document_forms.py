"""The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): uploads are checked on their
content with the forum's rule (theme.uploads), so that an executable renamed ``fake.pdf`` is
never stored. Wagtail uses this form for the single and the multiple upload, the chooser's
upload and the replacement of a file."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

from theme import uploads


def accepted_types() -> tuple[uploads.FileType, ...]:
    """The content types a document may have: those named by WAGTAILDOCS_EXTENSIONS."""
    return uploads.types_with_extensions(settings.WAGTAILDOCS_EXTENSIONS)


class DocumentForm(BaseDocumentForm):
    def add_error(self, field, error):
        """Keep only the first message about a file its field already refused.

        A refused file (too large, unreadable) never reaches the document, so the model's
        own check (Document.clean) then looks at an empty name and would add "Dateiendung
        „“ ist nicht erlaubt" to the message that says what is really wrong.
        """
        if (
            field is None
            and isinstance(error, ValidationError)
            and hasattr(error, "error_dict")
            and "file" in error.error_dict
            and self.has_error("file")
        ):
            remaining = {name: e for name, e in error.error_dict.items() if name != "file"}
            if not remaining:
                return
            error = ValidationError(remaining)
        super().add_error(field, error)

    def clean_file(self):
        file = self.cleaned_data.get("file")
        # An unchanged file on the edit form is the stored one, checked when it came.
        if isinstance(file, UploadedFile):
            accepted = accepted_types()
            kinds = ", ".join(
                f"{file_type.label} ({', '.join(file_type.extensions)})" for file_type in accepted
            )
            uploads.checked_type(
                file,
                file.name,
                accepted,
                refusal=_(
                    "“%(name)s” is not a type of file the library accepts (the content counts, "
                    "not the name). Allowed are: %(types)s."
                )
                % {"name": file.name, "types": kinds},
            )
        return file
