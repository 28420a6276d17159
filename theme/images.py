"""The rule that a library image carries a description.

Wagtail's image model keeps one description per image, and the site uses it as the image's
alternative text wherever it shows the image without its own (the teaser of a knowledge page).
The image form and the page check ask this module, so both apply the same rule.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MISSING_DESCRIPTION = _(
    "Please describe what the image shows. The description is the alternative text for "
    "people who cannot see the image."
)


def needs_description(image) -> bool:
    """Whether the image lacks the description its alternative text comes from."""
    return image is not None and not (image.description or "").strip()


def check_described(image) -> None:
    """Refuse an image without a description, naming it so the editor knows which to fix."""
    if needs_description(image):
        raise ValidationError(
            _(
                "The image “%(title)s” has no description, which is its alternative text. "
                "Please add one under “Images” in the admin menu before publishing."
            ),
            code="image_without_description",
            params={"title": image.title},
        )
