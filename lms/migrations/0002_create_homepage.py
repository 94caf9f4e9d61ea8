"""Once made the site's home page; that is the site's own migration now
(academy_site.0002_create_homepage), so installing the plugin leaves a host's page tree alone."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = []
