from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    """The legal kind of a partner, as the strategy names them."""

    DISTRICT = "kreis", _("District")
    TOWN = "stadt", _("Town")
    MUNICIPALITY = "gemeinde", _("Municipality")
