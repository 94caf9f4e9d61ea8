"""Social Academy's floor: the organisation and people data, integration tokens, API
authentication, the task outbox and the plugin's settings (``lms.conf``)."""
