"""Consent with consequences: a refusal in Cuestionario 1 (or later, «rechazó participar»)
takes the person out of the follow-up.

The C1 item CONSENTIMIENTO asks whether the plantel may contact the student for two years
after graduating; «No acepto» (code 2) is a refusal. From then on the person is «Rechazó
participar»: off every call list and every pending count's denominator, and later
questionnaires are not captured unless someone decides otherwise on purpose (logged).
"""

from seguimiento_desktop.domain.models import Response

CONSENT_QUESTIONNAIRE = "C1"
CONSENT_QUESTION = "CONSENTIMIENTO"
REFUSED_CODE = 2
REFUSED_STATUS = "rechazo"  # estado de localización «Rechazó participar»


def refuses_consent(response: Response) -> bool:
    """True when ``response`` is a C1 whose consent item says «No acepto»."""
    return (response.questionnaire == CONSENT_QUESTIONNAIRE
            and response.answers.get(CONSENT_QUESTION) == REFUSED_CODE)


def refusal_warning(full_name: str, questionnaire: str) -> str:
    """What the keyer is told before capturing a questionnaire of someone who refused."""
    return (f"{full_name} no aceptó participar en el seguimiento (lo dijo en el Cuestionario 1 "
            f"o al ser contactado). No se le aplican más cuestionarios ni se le llama.\n\n"
            f"Capture el {questionnaire} solo si la persona cambió de opinión y lo pidió; "
            "quedará anotado en el registro de la aplicación.")
