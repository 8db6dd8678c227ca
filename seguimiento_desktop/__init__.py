"""Seguimiento de Egresados (desktop): graduate follow-up for Mexican high schools."""

__version__ = "0.1.0"
APP_NAME = "Seguimiento de Egresados"
