"""HR reporting: who is assigned what, the department completion report, charts and exports."""
