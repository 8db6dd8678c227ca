"""Roles and what each may do: the one table the façade, the CLI and the GUI obey.

Every public use case of ``Workspace`` needs one *permission*; a role is a set of
permissions. A use case not listed in ``USE_CASES`` needs ``ADMINISTRATION``: a new one is
administrator-only until someone decides otherwise here.
"""

from dataclasses import dataclass

ADMIN, COUNSELOR, KEYER = "administrador", "orientador", "capturista"
ROLES = (ADMIN, COUNSELOR, KEYER)
ROLE_DESCRIPTIONS = {
    ADMIN: "Todo: usuarios, llaves, respaldos, restauración y depuraciones.",
    COUNSELOR: "Directorio, captura, seguimiento, reportes y exportaciones.",
    KEYER: "Solo captura y verificación de cuestionarios.",
}

# Permissions, with what a refusal says the account cannot do («no permite …»).
BASIC = "basico"
CAPTURE = "captura"
DIRECTORY = "directorio"
REPORTS = "reportes"
SYNC = "envios"
ADMINISTRATION = "administracion"
FORBIDDEN_TEXT = {
    BASIC: "consultar el plantel",
    CAPTURE: "capturar cuestionarios",
    DIRECTORY: "consultar ni cambiar el directorio ni el seguimiento de los egresados",
    REPORTS: "generar reportes ni exportar datos",
    SYNC: "preparar envíos a la oficina central",
    ADMINISTRATION: ("administrar usuarios, llaves, respaldos ni depuraciones; pida al "
                     "administrador que lo haga"),
}
PERMISSIONS = {
    ADMIN: frozenset(FORBIDDEN_TEXT),
    COUNSELOR: frozenset({BASIC, CAPTURE, DIRECTORY, REPORTS, SYNC}),
    KEYER: frozenset({BASIC, CAPTURE}),
}


def _each(permission: str, names: str) -> dict[str, str]:
    return dict.fromkeys(names.split(), permission)


USE_CASES: dict[str, str] = {
    **_each(BASIC, """school count_students definition my_account change_my_password
        idle_lock_minutes"""),
    **_each(CAPTURE, """open_case student student_by_curp response_for has_refused
        save_response record_keying keyer_statistics last_keyer remember_keyer finish_keying
        verification_policy verification_queue needs_verification finish_verification
        inconsistency_report due_questionnaire"""),
    **_each(DIRECTORY, """find_students find_students_page facets check_student save_student
        delete_student preview_roster import_roster followup_status pending_contacts
        log_contact_attempt contact_attempts set_contact_status find_responses
        import_responses responses_with_keys save_rejected_rows set_verification_policy
        print_questionnaires print_questionnaires_for"""),
    **_each(REPORTS, """report_choices followup_statistics render_followup_report contact_waves
        contact_lines render_contact_list render_student_record export_responses"""),
    **_each(SYNC, "export_bundle import_ack export_history sync_status"),
    # Everything else (users, the audit log, keys and configuration, backups, restore,
    # the demo, the plantel's own data, purges) is ADMINISTRATION by default.
}


def permission_for(use_case: str) -> str:
    return USE_CASES.get(use_case, ADMINISTRATION)


def allows(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())


def forbidden_message(role: str, permission: str) -> str:
    """«Su cuenta (capturista) no permite …»: what the GUI and the CLI say on refusal."""
    return f"Su cuenta ({role}) no permite {FORBIDDEN_TEXT[permission]}."


@dataclass(frozen=True)
class Account:
    """A person who signs in (usuario): name, full name, role, active, created."""

    name: str
    full_name: str
    role: str
    active: bool = True
    created_at: str = ""

    def may(self, permission: str) -> bool:
        return self.active and allows(self.role, permission)


@dataclass(frozen=True)
class Session:
    """Who is signed in and the database key their slot opened (SQLCipher's, later)."""

    account: Account
    key: bytes
