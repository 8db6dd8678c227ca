"""Accounts, roles, key slots and the audit log (issue 12, «Cuentas, roles, bitácora»)."""
