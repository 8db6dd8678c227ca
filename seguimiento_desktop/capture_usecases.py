"""Use cases of the Captura screen that the Workspace gains through ``CaptureUseCases``.

Kept out of services.py so that file stays a readable table of contents; the methods
still belong to the one façade (the GUI and the CLI call them on a Workspace).
"""

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from seguimiento_desktop.domain.models import Response
from seguimiento_desktop.domain.limits import NAME_MAX
from seguimiento_desktop.domain.text import clean_spaces
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.storage import responses

if TYPE_CHECKING:
    from seguimiento_desktop.capture_cases import ListedInconsistency
    from seguimiento_desktop.storage.database import Store
    from seguimiento_desktop.verification import (
        PendingVerification, VerificationPolicy, VerificationTally)

LAST_KEYER_KEY = "capture.last_keyer"


def keyer_name(text: str) -> str:
    """A keyer's name as stored and compared: single spaces, upper case («ANA LÓPEZ»)."""
    return clean_spaces(text).upper()[:NAME_MAX]  # a longer one would stop every bundle


class CaptureUseCases:
    """Mixin for ``Workspace``: the keyer, keying sessions, verification (double entry)."""

    store: "Store"

    def last_keyer(self) -> str:
        """The name the last keyer typed on this installation (to fill the field again)."""
        from seguimiento_desktop.storage.settings import get_setting
        return get_setting(self.store.db, LAST_KEYER_KEY)

    def remember_keyer(self, name: str) -> str:
        """Keep the keyer's name for the next time the capture screen opens."""
        from seguimiento_desktop.storage.settings import put_setting
        name = keyer_name(name)
        with self.store.transaction() as db:
            put_setting(db, LAST_KEYER_KEY, name)
        return name

    def finish_keying(self, response: Response, keyer: str, started_at: str, seconds: float,
                      keystrokes: int) -> Response:
        """Save the paper as keyed so far and log the session's time and keystrokes.

        One transaction: the statistics never count a session whose answers were lost.
        """
        keyer = keyer_name(keyer)
        if not keyer:
            raise InvalidData("Escriba el nombre de quien captura.")
        with self.store.transaction():
            saved = self.save_response(replace(response, keyer=response.keyer or keyer))
            if keystrokes or seconds:
                self.record_keying(saved.id, keyer, "captura", started_at, round(seconds, 1),
                                   keystrokes)
        return saved

    # --- Capture settings and verification ---------------------------------------------

    def verification_policy(self) -> "VerificationPolicy":
        """Which questionnaires the plantel asks to key twice (verificación)."""
        from seguimiento_desktop.storage.settings import get_setting
        from seguimiento_desktop.verification import POLICY_KEY, VerificationPolicy
        return VerificationPolicy.from_text(get_setting(self.store.db, POLICY_KEY))

    def set_verification_policy(self, policy: "VerificationPolicy") -> "VerificationPolicy":
        """Save the plantel's verification policy; InvalidData if it makes no sense."""
        from seguimiento_desktop.storage.settings import put_setting
        from seguimiento_desktop.verification import POLICY_KEY
        policy = policy.checked()
        with self.store.transaction() as db:
            put_setting(db, POLICY_KEY, policy.to_text())
        return policy

    def verification_queue(self) -> list["PendingVerification"]:
        """Finished questionnaires the policy selects that nobody has verified yet, by folio.

        The policy looks at every finished paper, read without answers (fast); only the
        papers it picks are read whole.
        """
        from seguimiento_desktop.domain.models import folio
        from seguimiento_desktop.verification import NONE, PendingVerification, keying_order
        policy = self.verification_policy()
        if policy.kind == NONE:
            return []
        keyed = responses.finished_keyings(self.store.db)
        ordinals = keying_order(r for r, _seq, _name in keyed)
        chosen = {rid for rid, ordinal in ordinals.items() if policy.selects(ordinal, rid)}
        db = self.store.db
        return [PendingVerification(responses.response_for(db, r.student_id, r.questionnaire),
                                    name, folio(r.questionnaire, seq), ordinals[r.id])
                for r, seq, name in keyed if r.id in chosen and r.status == "completa"]

    def needs_verification(self, response_id: str) -> bool:
        """Whether the policy selects this finished questionnaire and it is not verified."""
        return any(p.response.id == response_id for p in self.verification_queue())

    def finish_verification(self, response: Response, verifier: str,
                            tally: "VerificationTally", started_at: str, seconds: float,
                            keystrokes: int) -> Response:
        """Save a verified questionnaire and count each side's errors (one transaction).

        ``response`` holds the answers the verifier settled; its ``keyer`` is the first
        keyer, who is charged ``tally.keyer_errors`` in the keyer statistics.
        """
        verifier = keyer_name(verifier)
        if not verifier:
            raise InvalidData("Escriba el nombre de quien verifica.")
        if verifier == keyer_name(response.keyer):
            raise InvalidData("La verificación debe hacerla otra persona, no quien capturó "
                              "el cuestionario.")
        with self.store.transaction():
            saved = self.save_response(replace(response, status="verificada", verifier=verifier))
            self.record_keying(saved.id, verifier, "verificacion", started_at, seconds,
                               keystrokes, tally.verifier_errors)
            if tally.keyer_errors and response.keyer:
                self.record_keying(saved.id, response.keyer, "captura", started_at, 0.0, 0,
                                   tally.keyer_errors)
        return saved

    def inconsistency_report(self, questionnaire: str = "",
                             cohort: str = "") -> list["ListedInconsistency"]:
        """Contradictions the keyer confirmed (F2) as written on the paper, by folio: whom
        to call back and why. A finished paper lists every contradiction it holds (as the
        export's «Inconsistencias» sheet); one still being keyed only those confirmed."""
        from seguimiento_desktop.capture_cases import ListedInconsistency
        from seguimiento_desktop.domain.models import folio
        from seguimiento_desktop.questionnaires.inconsistencies import (
            confirmed_inconsistencies, has_checks)
        from seguimiento_desktop.questionnaires.loader import load_definition
        from seguimiento_desktop.storage.report_queries import FINISHED
        listed, names = [], {}
        checked = [q for q in ([questionnaire] if questionnaire else ["C1", "C2", "C3"])
                   if has_checks(load_definition(q))]  # an older version never had more
        keyed = [row for q in checked
                 for row in responses.responses_with_keys(self.store.db, q, cohort)]
        for response, curp, seq in sorted(keyed, key=lambda row: (row[2], row[0].questionnaire)):
            definition = load_definition(response.questionnaire, response.version)
            if not has_checks(definition):
                continue
            confirmed = None if response.status in FINISHED else response.confirmed
            for found in confirmed_inconsistencies(definition, response.answers,
                                                   confirmed=confirmed):
                if response.student_id not in names:
                    names[response.student_id] = self.student(response.student_id).full_name
                listed.append(ListedInconsistency(
                    folio(response.questionnaire, seq), curp, names[response.student_id],
                    response.questionnaire, found.number, found.question_id, found.message,
                    response.keyer, response.status))
        return listed

    def due_questionnaire(self, cohort: str, today: date | None = None) -> str:
        """The questionnaire a cohort answers now (or next), to preselect it for capture."""
        from seguimiento_desktop.domain.calendar import windows_in_force
        from seguimiento_desktop.errors import UserError
        try:
            windows = windows_in_force([cohort], today or date.today())
        except UserError:  # a student without a valid cohort: the first questionnaire
            return "C1"
        open_now = [w for w in windows if w.state_on(today or date.today()) == "en_curso"]
        return (open_now or windows)[0].questionnaire
