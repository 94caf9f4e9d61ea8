"""Demo content for seed_demo."""


def seed(log):
    """Load this app's part of the demo; safe to run again."""
