"""The benchmark's own PostgreSQL databases (bench_…), made and dropped through psycopg."""

from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def database_name(url):
    return urlsplit(url).path.lstrip("/")


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def bench_name(url, suffix=""):
    """bench_<name of the configured database>[_<suffix>]: never the configured one itself."""
    base = database_name(url) or "academy"
    base = base.removeprefix("bench_")
    return f"bench_{base}" + (f"_{suffix}" if suffix else "")


def _admin(url):
    return psycopg.connect(with_database(url, "postgres"), autocommit=True)


def server_version(url):
    with _admin(url) as connection:
        return connection.execute("SHOW server_version").fetchone()[0]


def drop(url, name):
    if not name.startswith("bench_"):
        raise ValueError(f"Refusing to drop {name}: benchmark databases start with bench_.")
    with _admin(url) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def create(url, name, template=None):
    drop(url, name)
    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)
        )
    with _admin(url) as connection:
        connection.execute(statement)
    return with_database(url, name)
