"""Replace Wagtail's welcome page with the HomePage, add the English locale, name the site."""

from django.db import migrations

BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def next_child_path(Page, parent):
    """The treebeard path of a new last child of ``parent`` (steps of four base-36 digits)."""
    last = (
        Page.objects.filter(depth=parent.depth + 1, path__startswith=parent.path)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-4:], 36) + 1 if last else 1
    step = ""
    for _position in range(4):
        number, digit = divmod(number, 36)
        step = BASE36[digit] + step
    return parent.path + step


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("theme", "HomePage")

    german, _created = Locale.objects.get_or_create(language_code="de")
    Locale.objects.get_or_create(language_code="en")

    welcome_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=welcome_type, depth=2, slug="home").delete()

    home_type, _created = ContentType.objects.get_or_create(app_label="theme", model="homepage")
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="Wissensnetz Kreis Coesfeld",
        draft_title="Wissensnetz Kreis Coesfeld",
        slug="home",
        content_type=home_type,
        locale=german,
        path=next_child_path(Page, root),
        depth=2,
        numchild=0,
        url_path="/home/",
        intro="<p>Wissen teilen im Kreis Coesfeld.</p>",
        entry_points="[]",
    )
    Page.objects.filter(pk=root.pk).update(numchild=Page.objects.filter(depth=2).count())
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "site_name": "Wissensnetz Kreis Coesfeld",
            "root_page": home,
        },
    )


def remove_home_page(apps, schema_editor):
    apps.get_model("theme", "HomePage").objects.filter(depth=2, slug="home").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("theme", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
