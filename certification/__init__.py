"""Certification: programs, certificates, credentials, and access to official social accounts."""
