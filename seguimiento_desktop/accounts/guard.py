"""The door of every use case: the signed-in account's role is checked once, at the
outermost call, and chosen use cases leave a line in the bitácora when they succeed."""

import inspect
from collections.abc import Callable
from functools import wraps
from pathlib import PurePath
from typing import Any

from seguimiento_desktop.accounts.roles import permission_for

# Use cases the bitácora records by themselves (their arguments, shortened). Edits of a
# person's data record before/after where they are made (services.py).
AUDITED = {
    "import_roster": "importar_lista", "import_responses": "importar_respuestas",
    "export_responses": "exportar_respuestas", "render_contact_list": "exportar_lista_contacto",
    "render_student_record": "exportar_ficha", "render_followup_report": "exportar_reporte",
    "print_questionnaires": "imprimir_cuestionarios",
    "print_questionnaires_for": "imprimir_cuestionarios",
    "export_bundle": "exportar_envio", "import_ack": "importar_acuse",
    "import_config": "importar_configuracion", "sync_enrollment": "solicitar_alta",
    "backup": "respaldar", "restore_backup": "restaurar_respaldo",
    "set_up_school": "datos_del_plantel", "fill_demo": "llenar_demostracion",
    "save_rejected_rows": "exportar_rechazados", "set_verification_policy": "politica_verificacion",
    "finish_keying": "capturar_cuestionario", "finish_verification": "verificar_cuestionario",
    "log_contact_attempt": "registrar_intento_contacto",
}
_SKIPPED_ARGUMENTS = {"self", "progress", "cancel", "report"}
# The administrator reads the bitácora: argument names in Spanish (others stay as they are).
_SPANISH = {
    "path": "archivo", "out": "archivo", "destination": "destino", "source": "origen",
    "out_dir": "carpeta", "source_name": "archivo_original", "cohort": "generacion",
    "questionnaire": "cuestionario", "kind": "formato", "group": "grupo", "career": "carrera",
    "curp": "curp", "curps": "curps", "pseudonymised": "seudonimizado", "strict": "estricto",
    "sheet": "hoja", "blank_copies": "en_blanco", "students_count": "alumnos",
    "keyer": "capturista", "verifier": "verificador", "seconds": "segundos",
    "keystrokes": "teclas", "started_at": "inicio", "response": "respuesta",
    "attempt": "intento", "accept_fingerprint": "huella_aceptada", "policy": "politica",
}


def summary(function: Callable, args: tuple, kwargs: dict) -> dict[str, Any]:
    """The plain arguments of a call (paths, names, numbers), for the bitácora."""
    try:
        bound = inspect.signature(function).bind(None, *args, **kwargs)
    except TypeError:
        return {}
    plain = {}
    for argument, value in bound.arguments.items():
        if argument in _SKIPPED_ARGUMENTS:
            continue
        name = _SPANISH.get(argument, argument)
        if isinstance(value, PurePath):
            value = str(value)
        if isinstance(value, (str, int, float, bool)) and value not in ("", None):
            plain[name] = value if not isinstance(value, str) else value[:200]
        elif hasattr(value, "student_id") and hasattr(value, "questionnaire"):
            plain[name] = f"{value.questionnaire} de {value.student_id}"  # a response, an attempt
        elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            plain[name] = f"{len(value)} elementos"
    return plain


def _guarded(name: str, function: Callable, permission: str, action: str | None) -> Callable:
    @wraps(function)
    def use_case(self, *args, **kwargs):
        if self._inside_use_case:  # one use case calling another: checked at the door
            return function(self, *args, **kwargs)
        self.require(permission)
        self._inside_use_case = True
        try:
            result = function(self, *args, **kwargs)
        finally:
            self._inside_use_case = False
        if action and not kwargs.get("dry_run"):
            self.log_action(action, detail=summary(function, args, kwargs))
        return result
    use_case.permission = permission  # type: ignore[attr-defined]  # for tests and docs
    return use_case


def guard_use_cases(cls: type, unguarded: frozenset[str]) -> type:
    """Wrap every public method of ``cls`` (its mixins' too) but ``unguarded``."""
    for name in dir(cls):
        if name.startswith("_") or name in unguarded:
            continue
        raw = inspect.getattr_static(cls, name)
        if inspect.isfunction(raw):
            setattr(cls, name, _guarded(name, raw, permission_for(name), AUDITED.get(name)))
    return cls
