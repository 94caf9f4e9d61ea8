"""What employees see: the page types' contexts and form handlers, and "my learning"."""
