"""A C3 paper with a contradiction, keyed through the engine (for the CLI and GUI tests)."""

from seguimiento_desktop.domain.models import Response
from seguimiento_desktop.questionnaires.engine import evaluate, set_answer
from seguimiento_desktop.questionnaires.loader import load_definition


def key_contradicting_c3(workspace, student, confirm: bool) -> None:
    """Save ``student``'s C3 whose «Sigo en el mismo trabajo» contradicts «No estudio ni
    trabajo», confirmed with F2 (``confirm``) or still to be corrected."""
    c3 = load_definition("C3")
    state = evaluate(c3)
    for key, value in (("DATOS_CAMBIARON", 1), ("ACT_ACTUAL", 4), ("CAMBIO_ESTUDIOS", 5)):
        state = set_answer(state, key, value)
    state = set_answer(state, "CAMBIO_EMPLEO", 1, confirmed=True if confirm else None)
    answers = {k: list(v) if isinstance(v, tuple) else v for k, v in state.answers.items()}
    workspace.save_response(Response(student.id, "C3", c3.version, answers, keyer="ANA PÉREZ",
                                     confirmed=tuple(sorted(state.confirmed))))
