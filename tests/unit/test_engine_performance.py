"""The engine must answer within a keystroke: well under 1 ms per answer on C2 (GUI budget 16 ms)."""

import random
import statistics
import time

from seguimiento_desktop.questionnaires.engine import evaluate, set_answer
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.questionnaires.synthetic import synthetic_answers


def timed_captures(ident: str, responses: int) -> list[float]:
    """Seconds per answer, replaying synthetic responses one answer at a time (as a keyer)."""
    definition = load_definition(ident)
    rng = random.Random(7)
    timings = []
    for _ in range(responses):
        answers = synthetic_answers(definition, rng)
        state = evaluate(definition)
        for key, value in answers.items():
            start = time.perf_counter()
            state = set_answer(state, key, value)
            state.complete, state.issues  # what the GUI reads after each answer
            timings.append(time.perf_counter() - start)
        # and the most expensive edit: flipping the four-way branch back and forth
        for code in (1, 2, 3, 4):
            start = time.perf_counter()
            state = set_answer(state, "ACT_ACTUAL", code)
            state.complete, state.issues
            timings.append(time.perf_counter() - start)
    return timings


def test_answer_evaluation_p95_is_well_under_a_millisecond():
    timings = timed_captures("C2", responses=60)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(f"C2: {len(timings)} respuestas, mediana {statistics.median(timings) * 1e6:.0f} µs, "
          f"p95 {p95 * 1e6:.0f} µs, máx {max(timings) * 1e6:.0f} µs")
    assert p95 < 0.001


def test_evaluating_a_stored_response_from_scratch_is_fast():
    definition = load_definition("C3")
    answers = synthetic_answers(definition, random.Random(3))
    start = time.perf_counter()
    for _ in range(50):
        evaluate(definition, answers)
    assert (time.perf_counter() - start) / 50 < 0.005
