"""Directorio: the student table, the student dialog and the roster import wizard."""
