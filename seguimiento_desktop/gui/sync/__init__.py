"""Envíos USB: the plantel's page for enrollment, configuration, bundles and acks."""
