"""The bitácora as the administrator reads it: actions and details in plain Spanish.

The stored action codes («inicio_sesion», «exportar_ficha») stay as they are: scripts filter
by them (`bitacora --accion`, `--json`, the CSV export). Only the window shows these labels.
"""

from typing import Any

ACTION_LABELS = {
    "abrir_sala": "Sala de cómputo abierta",
    "agregar_alumno": "Alumno agregado",
    "arco_acceso": "Datos personales entregados (ARCO)",
    "arco_cancelacion": "Datos personales cancelados (ARCO)",
    "bloqueo_por_inactividad": "Sesión bloqueada por inactividad",
    "borrar_alumno": "Alumno eliminado",
    "cambiar_contrasena": "Contraseña cambiada",
    "cambiar_estado_localizacion": "Estado de localización cambiado",
    "capturar_cuestionario": "Cuestionario capturado",
    "cerrar_sala": "Sala de cómputo cerrada",
    "crear_administrador": "Administrador creado",
    "crear_usuario": "Cuenta creada",
    "datos_del_plantel": "Datos del plantel guardados",
    "depurar_bitacora": "Detalles depurados de la bitácora",
    "depurar_contactos": "Datos de contacto depurados",
    "desactivar_usuario": "Cuenta desactivada",
    "editar_alumno": "Alumno editado",
    "exportar_bitacora": "Bitácora exportada",
    "exportar_envio": "Paquete de envío guardado",
    "exportar_ficha": "Ficha exportada",
    "exportar_lista_contacto": "Lista de contacto exportada",
    "exportar_rechazados": "Filas rechazadas guardadas",
    "exportar_reporte": "Reporte exportado",
    "exportar_respuestas": "Respuestas exportadas",
    "importar_acuse": "Acuse importado",
    "importar_configuracion": "Configuración importada",
    "importar_lista": "Lista de alumnos importada",
    "importar_respuestas": "Respuestas importadas",
    "imprimir_codigos_sala": "Hojas con código personal impresas (sala de cómputo)",
    "imprimir_cuestionarios": "Cuestionarios impresos",
    "inicio_fallido": "Inicio de sesión fallido",
    "inicio_sesion": "Inicio de sesión",
    "llenar_demostracion": "Datos de demostración",
    "politica_verificacion": "Política de verificación cambiada",
    "recuperacion_fallida": "Recuperación de contraseña fallida",
    "recuperar_contrasena": "Contraseña recuperada con el código",
    "reencadenar_bitacora": "Bitácora reencadenada al actualizar",
    "registrar_intento_contacto": "Intento de contacto registrado",
    "respaldar": "Respaldo guardado",
    "restaurar_respaldo": "Respaldo restaurado",
    "solicitar_alta": "Solicitud de alta guardada",
    "verificar_cuestionario": "Cuestionario verificado",
}


def action_label(code: str) -> str:
    """The Spanish label of an action code; an unknown code (a newer version's) is shown
    as its words, so nothing is ever hidden from the administrator."""
    return ACTION_LABELS.get(code) or code.replace("_", " ").capitalize()


def readable_detail(detail: dict[str, Any]) -> str:
    """«destino: E:\\respaldo.sqlite · alumnos: 300» instead of the stored JSON."""
    return " · ".join(f"{name.replace('_', ' ')}: {_plain(value)}"
                      for name, value in detail.items())


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, dict):
        return "{" + readable_detail(value) + "}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value)
    return "—" if value is None or value == "" else str(value)
