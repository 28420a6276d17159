"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): an image needs a description.

Wagtail builds every image form from this base: the single upload, the edit form, the
chooser's upload tab and the forms of the multiple upload. The multiple upload first tries
the file with this form; as the description is then missing, Wagtail keeps the file aside
and creates the image only once its per-image form is filled in, so no image reaches the
library undescribed through the admin.

A "decorative" choice is not offered here: the stock image model has nowhere to keep it,
and a library image is shown in places (teasers) where it stands for the page. Where an
image may be decorative, the body's image block asks for that itself.
"""

from wagtail.images.forms import BaseImageForm

from theme.images import MISSING_DESCRIPTION


class DescribedImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is not None:
            description.required = True
            description.error_messages["required"] = MISSING_DESCRIPTION
