"""The case of issue 14: a page below two nested group restrictions, {1, 2} on its section
and {2, 3} on the page, and readers each restriction does or does not admit."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, UserFactory, partner_page

TITLE = "Leitfaden Quendrix"


def restrict(page, kind=PageViewRestriction.GROUPS, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    restriction.groups.set(groups)
    return restriction


@dataclass
class Nested:
    page: object
    one: Group
    two: Group
    three: Group

    def reader(self, username, *groups):
        """A member of ``groups`` (numbered 1 to 3)."""
        user = UserFactory(username=username)
        user.groups.add(*(getattr(self, ("one", "two", "three")[n - 1]) for n in groups))
        return user


def nested_group_restrictions() -> Nested:
    """An article in Olfen's section, the section for groups 1 and 2, the article for 2 and 3."""
    one, two, three = (Group.objects.create(name=f"Projektgruppe {n}") for n in (1, 2, 3))
    page = ArticlePageFactory(title=TITLE, slug="quendrix", partner="olfen")
    restrict(partner_page("olfen"), groups=[one, two])
    restrict(page, groups=[two, three])
    return Nested(page, one, two, three)
