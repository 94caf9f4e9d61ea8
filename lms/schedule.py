"""The plugin's periodic tasks with the times they run: a host with a Celery broker and beat
sets ``BEAT_SCHEDULE = {**BEAT_SCHEDULE}`` (and may move the times). Only real tasks live
here; names are strings, so this module imports none of the apps."""

from celery.schedules import crontab

BEAT_SCHEDULE = {}

# Certification: expire first, then remind those whose certificates end soon.
BEAT_SCHEDULE["certification-expire-certificates"] = {
    "task": "certification.tasks.expire_certificates",
    "schedule": crontab(hour=1, minute=5),
}
# Certification: certificates whose holders let a new policy's grace period pass are suspended.
BEAT_SCHEDULE["certification-suspend-for-policy"] = {
    "task": "certification.tasks.suspend_for_policy",
    "schedule": crontab(hour=1, minute=15),
}
# Recertification: windows open (what renewal asks for is archived, holders told) before the
# expiry reminders go out, so a reminder already says what to redo.
BEAT_SCHEDULE["certification-open-recertification-windows"] = {
    "task": "certification.tasks.open_recertification_windows",
    "schedule": crontab(hour=1, minute=20),
}
BEAT_SCHEDULE["certification-expiry-reminders"] = {
    "task": "certification.tasks.send_expiry_reminders",
    "schedule": crontab(hour=7, minute=30),
}

# HR: assignment reminders daily, managers' overdue lists on Monday, the summary on the 1st.
BEAT_SCHEDULE["hr-assignment-reminders"] = {
    "task": "reporting.tasks.send_assignment_reminders",
    "schedule": crontab(hour=7, minute=0),
}
BEAT_SCHEDULE["hr-manager-digests"] = {
    "task": "reporting.tasks.send_manager_digests",
    "schedule": crontab(hour=7, minute=15, day_of_week="mon"),
}
BEAT_SCHEDULE["hr-monthly-summary"] = {
    "task": "reporting.tasks.send_monthly_summaries",
    "schedule": crontab(hour=6, minute=0, day_of_month="1"),
}

# HR: uploaded people files are deleted once PEOPLE_IMPORT_KEEP_DAYS have passed.
BEAT_SCHEDULE["hr-purge-people-import-files"] = {
    "task": "lms.tasks.purge_people_import_files",
    "schedule": crontab(hour=2, minute=10),
}

# HR: audit packs (ZIPs of certificates) are deleted once AUDIT_PACK_RETENTION_DAYS have passed.
BEAT_SCHEDULE["hr-purge-audit-packs"] = {
    "task": "reporting.tasks.purge_audit_packs",
    "schedule": crontab(hour=2, minute=20),
}

# Access: accounts past their sunset date are retired just after midnight.
BEAT_SCHEDULE["access-retire-sunset-accounts"] = {
    "task": "access.retire_sunset_accounts",
    "schedule": crontab(hour=0, minute=20),
}

# Access: owners hear of hours of the coming week with nobody on listening or triage duty.
BEAT_SCHEDULE["access-duty-gaps"] = {
    "task": "access.notify_duty_gaps",
    "schedule": crontab(hour=8, minute=0),
}

# Access: champions whose term has run out step down (after the certificates expired at 01:05
# made theirs lapse, so a role is closed for the right reason).
BEAT_SCHEDULE["access-end-champion-terms"] = {
    "task": "access.end_champion_terms",
    "schedule": crontab(hour=1, minute=40),
}

# Access: send webhook deliveries that are due (retries, and anything a broker outage held back).
BEAT_SCHEDULE["access-sweep-webhook-deliveries"] = {
    "task": "webhooks.sweep_deliveries",
    "schedule": 60.0,
}

# Tasks: send again what a broker outage or a lost message left in the outbox.
BEAT_SCHEDULE["lms-sweep-task-outbox"] = {
    "task": "lms.sweep_task_outbox",
    "schedule": 60.0,
}

# Learning records: write any course completion or certificate that someone meets but lacks
# (a lost task, a race before it was fixed); the log says how many were repaired.
BEAT_SCHEDULE["courses-reconcile-completions"] = {
    "task": "courses.reconcile_completions",
    "schedule": crontab(hour=0, minute=45),
}
BEAT_SCHEDULE["certification-reconcile-certificates"] = {
    "task": "certification.reconcile_certificates",
    "schedule": crontab(hour=0, minute=55),
}
