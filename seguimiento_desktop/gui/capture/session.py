"""One keying (or verification) of one paper: the engine state plus what the keyer did.

Plain Python (no Qt). The form hands over what was typed; the engine decides whether it
is valid; the session says what happens next (move on, show an error, ask to confirm an
out-of-range value, or, when verifying, ask which keying is right).
"""

import time
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from seguimiento_desktop.domain.models import Response, Student
from seguimiento_desktop.gui.capture.keying import display_text, letter_problem, parse_value
from seguimiento_desktop.questionnaires.answers import (
    CONFIRM_HINT, ERROR, OTHER_MISSING, REQUIRED)
from seguimiento_desktop.questionnaires.engine import (
    ResponseState, evaluate, first_pending, next_question, previous_question, set_answer)
from seguimiento_desktop.questionnaires.model import Definition, other_key, split_other_key
from seguimiento_desktop.questionnaires.prefill import directory_answers
from seguimiento_desktop.verification import (
    AGAIN, FIRST, SECOND, VerificationTally, same_answer)

OK, ERROR_SHOWN, CONFIRM, BLANK, MISMATCH, RETYPE = (
    "ok", "error", "confirm", "blank", "mismatch", "retype")
CONFIRM_QUESTION = "Si así viene en el papel, pulse F2 para confirmarlo; si no, corríjalo."
BLANK_AGAIN = " Si en el papel está en blanco, pulse Enter otra vez para dejarla así."


@dataclass(frozen=True)
class Outcome:
    """What the form does after a submit: ``next_key`` None with OK means the end."""

    kind: str
    key: str
    message: str = ""
    next_key: str | None = None
    first: str = ""  # MISMATCH: the two keyings, as the verifier reads them
    second: str = ""


def _question_id(key: str) -> str:
    other = split_other_key(key)
    return other[0] if other else key


class KeyingSession:
    """State of the paper being keyed; ``verify`` keys it blind against the saved keying."""

    def __init__(self, definition: Definition, student: Student, response: Response | None,
                 keyer: str, mode: str, verify: bool = False):
        self.definition, self.student, self.original = definition, student, response
        self.keyer, self.mode = keyer, mode
        self.verify = verify and response is not None
        self.first = dict(response.answers) if self.verify else {}
        self._first_confirmed = set(response.confirmed) if self.verify else set()
        self.state: ResponseState = (evaluate(definition) if self.verify or response is None
                                     else evaluate(definition, response.answers, response.confirmed))
        # What the directory already knows (C1): offered in the field, never stored unasked.
        self.prefill = {} if self.verify else directory_answers(definition, student)
        self.tally = VerificationTally()
        self.keystrokes = 0
        self.started_at = datetime.now().isoformat(timespec="seconds")
        self._started = time.monotonic()
        self._warned_blank: set[str] = set()
        self._to_confirm: dict[str, str] = {}
        self._mismatch: tuple[str, ResponseState, Any] | None = None
        self._retyping: set[str] = set()
        self._blanking: str | None = None  # a «/» stopped by a mismatch: its section

    # --- Where the keyer is ----------------------------------------------------------

    def start_key(self) -> str | None:
        """Where keying starts: the first item still pending (the very first if verifying)."""
        if self.verify:
            return next_question(self.state, None)
        return first_pending(self.state) or next_question(self.state, None)

    def key_after(self, key: str) -> str | None:
        """The «otro» text still to type for ``key``'s answer, else the next question."""
        question_id = _question_id(key)
        question = self.definition.question(question_id)
        if split_other_key(key) is None:
            chosen = self.state.answers.get(question_id)
            chosen = chosen if isinstance(chosen, tuple) else (chosen,)
            for code in (c for c in question.other_codes if c in chosen):
                if not self.state.answers.get(other_key(question_id, code)):
                    return other_key(question_id, code)
        return next_question(self.state, question_id)

    def offered(self, key: str) -> str:
        """The directory's value for an unanswered pre-filled item, as typed, or ''."""
        if key not in self.prefill or key in self.state.answers:
            return ""
        return display_text(self.definition.question(key), self.prefill[key])

    def key_before(self, key: str) -> str | None:
        question_id = _question_id(key)
        if key != question_id:
            return question_id
        return previous_question(self.state, question_id)

    # --- Typing ----------------------------------------------------------------------

    def submit(self, key: str, text: str, confirmed: bool = False) -> Outcome:
        """The keyer ended a field (Enter, Tab or a complete code) with ``text``."""
        question = self.definition.question(_question_id(key))
        problem = letter_problem(question, text) if key == question.id and question.lettered \
            else ""
        if problem:  # the paper shows letters; the engine would speak of codes
            return Outcome(ERROR_SHOWN, key, problem)
        value = parse_value(question, text) if key == question.id else (text.strip() or None)
        if value is None and key not in self._warned_blank:
            blank = set_answer(self.state, key, None)
            if key != question.id or question.required:
                self._warned_blank.add(key)
                return Outcome(BLANK, key, self._message(blank, question.id, blank_too=True)
                               + BLANK_AGAIN)
        self._warned_blank.discard(key)
        trial = set_answer(self.state, key, value, confirmed=True if confirmed else None)
        blocking = [i for i in trial.issues_for(question.id)
                    if i.severity == ERROR and i.kind not in (OTHER_MISSING, REQUIRED)]
        if blocking:
            if all(i.confirmable for i in blocking):
                self._to_confirm[key] = text
                reason = blocking[0].message.replace(CONFIRM_HINT, "").strip()
                return Outcome(CONFIRM, key, f"{reason} {CONFIRM_QUESTION}")
            return Outcome(ERROR_SHOWN, key, blocking[0].message)
        self._to_confirm.pop(key, None)
        if self.verify:
            return self._compare(key, trial, value)
        return self._commit(key, trial)

    def leave_block_blank(self, key: str, text: str = "") -> Outcome:
        """«/» on an empty optional item: it and the optional items right after it in its
        section are left blank with one key, as far as the first one that is required,
        already answered or in another section (a contact block the graduate left empty).
        ``text`` is the directory's value when the item opened with it: a blank paper
        confirms it there, as Enter does."""
        section = self.definition.question(_question_id(key)).section
        return self._blank_block(self.submit(key, text), section)

    def _blank_block(self, outcome: Outcome, section: str) -> Outcome:
        while outcome.kind == OK and outcome.next_key is not None:
            following = outcome.next_key
            question = self.definition.question(_question_id(following))
            if (following != question.id or question.required or question.section != section
                    or following in self.state.answers or following in self.prefill):
                break
            outcome = self.submit(following, "")
        # Verifying: a blank the first keying does not have waits for the verifier's word;
        # if the blank was right, the «/» goes on to the end of its block (``resolve``).
        self._blanking = section if outcome.kind == MISMATCH else None
        return outcome

    def confirm(self, key: str) -> Outcome | None:
        """F2: keep the out-of-range value the keyer says is on the paper."""
        if key not in self._to_confirm:
            return None
        return self.submit(key, self._to_confirm[key], confirmed=True)

    def _message(self, state: ResponseState, question_id: str, blank_too: bool = False) -> str:
        issues = state.issues_for(question_id)
        wanted = [i for i in issues if i.severity == ERROR]
        if wanted:
            return wanted[0].message
        number = self.definition.question(question_id).number
        return f"La pregunta {number} no tiene respuesta." if blank_too else ""

    def _commit(self, key: str, trial: ResponseState) -> Outcome:
        self.state = trial
        return Outcome(OK, key, next_key=self.key_after(key))

    # --- Verifying (double entry) ----------------------------------------------------

    def first_value(self, key: str) -> Any:
        return self.first.get(key)

    def _compare(self, key: str, trial: ResponseState, value: Any) -> Outcome:
        first = self.first.get(key)
        if same_answer(self.definition, key, first, value):
            if key in self._retyping:  # retyped as first keyed: the verifier had mistyped
                self._retyping.discard(key)
                self.tally = self.tally.resolved(key, FIRST)
            return self._commit(key, trial)
        self._mismatch = (key, trial, value)
        return Outcome(MISMATCH, key, first=self.describe(key, first),
                       second=self.describe(key, value))

    def resolve(self, right: str) -> Outcome:
        """The verifier looked at the paper: FIRST or SECOND keying is right, or AGAIN."""
        assert self._mismatch is not None, "no mismatch to resolve"
        key, trial, _value = self._mismatch
        self._mismatch = None
        blanking, self._blanking = self._blanking, None
        if right == AGAIN:
            self._retyping.add(key)
            return Outcome(RETYPE, key)
        self._retyping.discard(key)
        self.tally = self.tally.resolved(key, right)
        if right == FIRST:
            trial = set_answer(self.state, key, self.first.get(key),
                               confirmed=key in self._first_confirmed or None)
        outcome = self._commit(key, trial)
        if right == SECOND and blanking is not None:
            return self._blank_block(outcome, blanking)
        return outcome

    def describe(self, key: str, value: Any) -> str:
        """An answer as the verifier reads it on paper: code and label, or the text."""
        if value in (None, "", [], ()):
            return "(en blanco)"
        question = self.definition.question(_question_id(key))
        if key != question.id or not question.is_choice:
            return display_text(question, value) if key == question.id else str(value)
        codes = value if isinstance(value, (list, tuple)) else [value]
        labels = [question.option(c).label if question.option(c) else "?" for c in codes]
        return f"{display_text(question, value)} — {'; '.join(labels)}"

    # --- What to save ----------------------------------------------------------------

    def response(self) -> Response:
        """The response as it stands (what autosave and finishing write)."""
        base = self.original or Response(self.student.id, self.definition.id,
                                         self.definition.version, keyer=self.keyer)
        return replace(base, answers=self.state.stored_answers(),
                       confirmed=tuple(sorted(self.state.confirmed)), mode=self.mode,
                       version=self.definition.version, keyer=base.keyer or self.keyer)

    def remember_saved(self, saved: Response) -> None:
        """Keep the id and times the database gave, so later saves update the same row."""
        if self.original is None or not self.original.id:
            self.original = replace(self.response(), id=saved.id, started_at=saved.started_at)

    def counts(self) -> tuple[int, int]:
        """(answered, applicable) questions, for the status line."""
        applicable = self.state.applicable_ids
        return sum(1 for q in applicable if q in self.state.answers), len(applicable)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self._started
