"""Where uploads that no URL may reach are kept (settings.STORAGES["private"])."""

from django.core.files.storage import storages

from lms.conf import academy_settings


def private_storage():
    """The private storage: outside MEDIA_ROOT, served by nothing, read by the code only."""
    return storages[academy_settings.PRIVATE_STORAGE]
