"""Seguimiento: what is due now for each cohort, and working through the call list."""
