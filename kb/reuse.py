"""Reuse ("Nachnutzung"): partners declare that they reuse another partner's solution."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from partners.models import Partner
from partners.standing import ensure_may_write

from .choices import ReuseStage
from .models import KnowledgePage, Reuse
from .tasks import notify_contact_of_reuse


def original_of(page: KnowledgePage) -> KnowledgePage:
    """The page in the default language, which the declarations hang on."""
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return page
    return (
        KnowledgePage.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        or page
    )


def declaring_partner(user, page: KnowledgePage) -> Partner | None:
    """The partner ``user`` declares reuse for: their own, unless it owns ``page``."""
    if not user.is_authenticated:
        return None
    partner = Partner.objects.filter(profiles__user=user).first()
    if partner is None or partner.pk == page.partner_id:
        return None
    return partner


@dataclass(frozen=True)
class ReuseRow:
    partner: Partner
    reuse: Reuse | None
    owner: bool


def reuse_table(page: KnowledgePage) -> list[ReuseRow]:
    """One row per partner: the owner, and each partner's declaration if there is one."""
    declarations = {r.partner_id: r for r in Reuse.objects.filter(page=original_of(page))}
    return [
        ReuseRow(partner, declarations.get(partner.pk), partner.pk == page.partner_id)
        for partner in Partner.objects.order_by("name")
    ]


class ReuseForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=ReuseStage.choices)
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example what you adapt, or whom to ask at your end."),
    )


def declare_reuse(
    page: KnowledgePage, partner: Partner, user, stage: str, note: str
) -> Reuse | None:
    """Record or update ``partner``'s reuse of ``page``; tell the contact person if it changed.

    Returns the declaration, or None when nothing changed (a repeated form submission).
    """
    ensure_may_write(user)
    original = original_of(page)
    with transaction.atomic():
        reuse, created = Reuse.objects.select_for_update().get_or_create(
            page=original,
            partner=partner,
            defaults={"stage": stage, "note": note, "declared_by": user},
        )
        if not created and (reuse.stage, reuse.note) == (stage, note):
            return None
        if not created:
            reuse.stage, reuse.note, reuse.declared_by = stage, note, user
            reuse.save()
        transaction.on_commit(lambda: notify_contact_of_reuse.enqueue(reuse.pk, created))
    return reuse
