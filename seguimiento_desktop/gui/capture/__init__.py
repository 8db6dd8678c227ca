"""Captura: heads-down keying of paper questionnaires, Verify mode, keyer statistics."""
