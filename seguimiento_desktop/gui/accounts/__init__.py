"""Signing in, the first administrator, the idle lock, users and the bitácora (issue 12)."""
