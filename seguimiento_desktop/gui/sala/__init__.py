"""The sala de cómputo window (sala/ is the Qt-free part)."""
