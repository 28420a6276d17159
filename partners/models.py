"""The twelve partners of Coesfeld 12.0, their email domains, and the people who work there."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from .choices import PartnerKind

domain_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Enter a domain such as duelmen.de, without @ and without http://."),
)


class User(AbstractUser):
    """The account. Login is by email (allauth); the username is the handle for @-mentions."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")


class PartnerQuerySet(models.QuerySet):
    def for_email(self, email: str):
        """The partner whose email domain the address belongs to (exact domain match)."""
        domain = email.rpartition("@")[2].strip().lower()
        return self.filter(domains__domain=domain)


class Partner(ClusterableModel):
    """One of the twelve partners: Kreis Coesfeld and the eleven towns and municipalities."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PartnerQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [InlinePanel("domains", label=_("Email domain"))],
            heading=_("Email domains"),
            help_text=_(
                "People who sign up with an address on one of these domains join this partner."
            ),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name

    @property
    def email_domains(self) -> list[str]:
        return [d.domain for d in self.domains.all()]


class PartnerDomain(Orderable):
    """An email domain of a partner; a domain belongs to at most one partner."""

    partner = ParentalKey(Partner, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(
        _("domain"), max_length=253, unique=True, validators=[domain_validator]
    )

    panels = [FieldPanel("domain")]

    class Meta(Orderable.Meta):
        verbose_name = _("email domain")
        verbose_name_plural = _("email domains")

    def __str__(self):
        return self.domain

    def clean(self):
        self.domain = self.domain.strip().lower()

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower()
        super().save(*args, **kwargs)


class Expertise(TagBase):
    """A subject a person can be asked about ("Ansprechpartner für …")."""

    class Meta:
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")


class TaggedExpertise(TaggedItemBase):
    content_object = models.ForeignKey(
        "partners.Profile", on_delete=models.CASCADE, related_name="tagged_expertise"
    )
    tag = models.ForeignKey(Expertise, on_delete=models.CASCADE, related_name="tagged_profiles")


class ProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members see every active colleague; visitors only people who chose to be public."""
        visible = self.filter(user__is_active=True)
        if user.is_authenticated:
            return visible
        return visible.filter(is_public=True)


class Profile(models.Model):
    """What others see of a person. Every user has exactly one (created with the user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(
        _("name"),
        max_length=100,
        blank=True,
        help_text=_("Shown with your posts and on your profile."),
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profiles",
        help_text=_("Set from the email domain at sign-up. Empty for guests."),
    )
    department = models.CharField(_("department"), max_length=200, blank=True)
    expertise = TaggableManager(
        verbose_name=_("expertise"),
        through=TaggedExpertise,
        blank=True,
        help_text=_("Topics colleagues may ask you about, separated by commas."),
    )
    is_public = models.BooleanField(
        _("show my profile to visitors"),
        default=False,
        help_text=_(
            "Logged-in members of the network always see your profile. "
            "Tick this to show it to visitors and on your partner's page as well."
        ),
    )

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:profile", kwargs={"username": self.user.username})

    @property
    def name(self) -> str:
        return self.display_name or self.user.get_full_name() or self.user.username


def user_display(user) -> str:
    """How allauth names a person in messages and mails: the profile name, not the handle."""
    return user.profile.name


class IdentityProvider(models.Model):
    """A partner's OpenID Connect provider, through which its staff log in.

    The editor names the partner, the issuer and the client; the allauth app that the login
    page offers (``social_app``) follows on every save, with the partner's slug as its
    provider id. ``authorization_endpoint`` comes from the issuer's discovery document when
    the admin form is validated, so that the login pages' Content-Security-Policy can name
    it without a network call during a request.
    """

    partner = models.OneToOneField(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="identity_provider",
    )
    name = models.CharField(
        _("name on the login page"),
        max_length=100,
        help_text=_('For example "Dienstkonto Dülmen".'),
    )
    issuer = models.URLField(
        _("issuer URL"),
        max_length=500,
        help_text=_(
            "The address below which the provider publishes "
            "/.well-known/openid-configuration, e.g. https://idp.duelmen.de/realms/staff."
        ),
    )
    client_id = models.CharField(_("client ID"), max_length=191)
    secret = models.CharField(_("client secret"), max_length=191)
    authorization_endpoint = models.URLField(max_length=500, editable=False)
    social_app = models.OneToOneField(
        "socialaccount.SocialApp",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="identity_provider",
    )

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        from allauth.socialaccount.models import SocialApp
        from django.contrib.sites.models import Site

        app = self.social_app or SocialApp(provider="openid_connect")
        app.provider_id = self.provider_id
        app.name = self.name
        app.client_id = self.client_id
        app.secret = self.secret
        app.settings = {"server_url": self.issuer}
        app.save()
        app.sites.add(Site.objects.get_current())
        self.social_app = app
        super().save(*args, **kwargs)

    @property
    def provider_id(self) -> str:
        """The id in the login and callback URLs (/de/konto/oidc/<id>/login/callback/)."""
        return self.partner.slug
