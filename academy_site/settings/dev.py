"""The embedded demo: SQLite and eager Celery unless the environment says otherwise."""

from academy_site.settings.base import *  # noqa: F403
from academy_site.settings.base import env, env_list

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
