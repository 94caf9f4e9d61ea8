"""The site's home page at the root of the tree, as a new Wagtail project's home app does."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("academy_site.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    if HomePage.objects.exists():  # a database from before 0.2: lms made it already
        return
    # Wagtail's own first migration leaves a "Welcome" page at depth 2: replace it.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="academy_site")
    locale = Locale.objects.first()
    home = HomePage.objects.create(
        title="Speak for Northwind with confidence",
        draft_title="Speak for Northwind with confidence",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro=(
            "<p>Learn the policy, earn your certificate, then take part on the company's "
            "official social accounts.</p>"
        ),
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Social Academy")


def remove_homepage(apps, schema_editor):
    apps.get_model("academy_site.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("academy_site", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
