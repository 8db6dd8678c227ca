"""How the sala cuts a questionnaire into pages: the engine's plan decides, nothing else."""

import random

from hypothesis import given, settings, strategies as st

from seguimiento_desktop.questionnaires.engine import evaluate
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.questionnaires.plan import plan_for
from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
from seguimiento_desktop.sala import pages


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), questionnaire=st.sampled_from(["C1", "C2", "C3"]))
def test_pages_ask_each_applicable_question_once_and_never_one_that_waits_on_its_page(
        seed, questionnaire):
    definition = load_definition(questionnaire)
    state = evaluate(definition, synthetic_answers(definition, random.Random(seed)))
    cut = pages.pages(state)
    asked = [q.id for page in cut for q in page.questions]
    assert asked == list(state.applicable_ids)  # all of them, once, in order
    affected = plan_for(definition).affected
    for page in cut:
        positions = [definition.position(q.id) for q in page.questions]
        assert len({q.section for q in page.questions}) == 1
        assert not any(later in affected[earlier] for earlier in positions
                       for later in positions)
        assert pages.page_complete(state, page)
    assert pages.resume_page(state) == cut[-1] and state.complete


def test_a_fresh_c1_starts_with_consent_alone_and_resumes_where_something_is_missing():
    definition = load_definition("C1")
    fresh = evaluate(definition)
    assert [q.id for q in pages.pages(fresh)[0].questions] == ["CONSENTIMIENTO"]
    half = evaluate(definition, {"CONSENTIMIENTO": 1, "CORREO": "ana@example.com"})
    assert pages.resume_page(half).first == "CORREO"  # the celular is still missing
    assert pages.student_help(definition.question("EDAD")) == ""  # the keyer's F2 note
    assert pages.student_help(definition.question("PROMEDIO")).startswith("Con un decimal")
