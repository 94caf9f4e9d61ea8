"""Courses: Wagtail pages for the curriculum, and the records of who learned what."""
