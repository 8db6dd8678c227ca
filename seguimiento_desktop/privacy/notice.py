"""The privacy notice, generated from the export profile in force and the plantel's data.

One function writes it, and both the printed questionnaires (reports/forms.py) and capture
show what it returns, so the notice a graduate reads and the data the plantel sends to the
central office cannot disagree. A new installation sends pseudonymised data («seudonimizado»,
sync/pseudonyms.py) until the office's signed configuration package says «completo».
"""

from seguimiento_desktop.domain.models import School
from seguimiento_desktop.storage.database import Store
from seguimiento_desktop.sync.pseudonyms import FULL, PSEUDONYMISED

DEFAULT_PROFILE = PSEUDONYMISED  # before (or without) a configuration package

_SENT = {
    FULL: ("recibe tus respuestas junto con tu nombre, CURP, teléfonos y correo, para dar "
           "seguimiento a tu generación y elaborar estadísticas"),
    PSEUDONYMISED: ("recibe solo tus respuestas, con una clave que no revela quién eres, para "
                    "elaborar estadísticas; tu nombre, tu CURP, tus teléfonos y tu correo se "
                    "quedan en el plantel"),
}
_SUMMARY = {
    FULL: ("Perfil «completo»: la oficina central recibe las respuestas con la CURP, los "
           "nombres, los teléfonos y el correo de cada egresado."),
    PSEUDONYMISED: ("Perfil «seudonimizado»: la oficina central recibe las respuestas con un "
                    "seudónimo; la CURP, los nombres, los teléfonos y el correo se quedan en "
                    "el plantel."),
}


def profile_in_force(store: Store) -> tuple[str, str]:
    """(profile, central office's name) of the configuration package in force, or the
    default profile and "" before one was imported."""
    from seguimiento_desktop.sync.config_package import config_in_force
    config = config_in_force(store) or {}
    return config.get("profile") or DEFAULT_PROFILE, str(config.get("central_name") or "")


def profile_summary(profile: str) -> str:
    """What the profile sends, in one sentence (sync page and `sync export`, before export)."""
    return _SUMMARY.get(profile, _SUMMARY[DEFAULT_PROFILE])


def responsible_body(school: School | None) -> str:
    """«el CBTIS 299 (CCT 14DCT0099Z), de Zapopan, Jalisco», or «el plantel» before set-up."""
    if school is None:
        return "el plantel"
    place = ", ".join(part for part in (school.municipality, school.state) if part)
    return f"{school.name} (CCT {school.cct}){f', de {place}' if place else ''}"


def notice_text(school: School | None, profile: str, office: str = "") -> str:
    """The simplified privacy notice for ``school`` under ``profile``."""
    authority = f"La autoridad educativa ({office})" if office else "La autoridad educativa"
    return (
        "Aviso de privacidad simplificado. "
        f"El responsable del tratamiento de tus datos personales es {responsible_body(school)}, "
        "que los protege conforme a la Ley General de Protección de Datos Personales en "
        "Posesión de Sujetos Obligados. Los usa solo para localizarte durante los dos años "
        "siguientes a tu egreso, aplicarte los cuestionarios de Seguimiento de Egresados y "
        f"elaborar estadísticas en las que no se te puede identificar. {authority} "
        f"{_SENT.get(profile, _SENT[DEFAULT_PROFILE])}; nadie más los recibe y no se venden. "
        "Puedes consultar, corregir o cancelar tus datos, u oponerte a su uso (derechos ARCO), "
        "en la dirección del plantel, donde también está el aviso de privacidad integral. "
        "Contestar es voluntario.")


def privacy_notice(store: Store) -> str:
    """The notice in force for the plantel of ``store`` (its data and its export profile)."""
    from seguimiento_desktop.storage.schools import own_school
    profile, office = profile_in_force(store)
    return notice_text(own_school(store.db), profile, office)
