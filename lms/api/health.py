"""GET /api/v1/health: is the database reachable, and the broker (or eager mode)?"""

from celery import current_app
from django.db import connection
from ninja import Router, Status

router = Router(tags=["health"])


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "down", reported as such
        return {"ok": False, "vendor": connection.vendor, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def broker_state():
    app = current_app
    if app.conf.task_always_eager:
        return {
            "ok": True,
            "mode": "eager",
            "detail": "No broker configured: tasks run in-process.",
        }
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "mode": "broker", "error": exc.__class__.__name__}
    return {"ok": True, "mode": "broker", "transport": app.conf.broker_url.split(":", 1)[0]}


@router.get(
    "/health", auth=None, response={200: dict, 503: dict}, summary="Database and broker state"
)
def health(request):
    db = database_state()
    broker = broker_state()
    ok = db["ok"] and broker["ok"]
    status = 200 if ok else 503
    return Status(status, {"status": "ok" if ok else "degraded", "database": db, "broker": broker})
