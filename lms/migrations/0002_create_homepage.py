from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("lms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    # Wagtail's own first migration leaves a "Welcome" page at depth 2: replace it.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page").delete()
    if HomePage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="lms")
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
    apps.get_model("lms.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    run_before = []

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
