"""One session in the computer lab (sala de cómputo): who may answer, and who is doing what.

Students have no accounts: a student signs in with their CURP (the directory knows it)
and the short code the orientador projects for this session. Only students of the
session's generación (and grupo) get in; a new sign-in of the same student (another PC
after a crash) makes the earlier browser's pages stale, so two machines never answer
for one person at once. Counts are kept in memory for the live screen; answers live in
the database (each page saved), never here.
"""

import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from seguimiento_desktop.sala.slip_codes import SlipCodes

CODE_DIGITS = 6  # typed on a phone's number pad; the sign-in limits make guessing useless
CONNECTED_FOR_S = 180.0  # a student seen in the last three minutes counts as connected
# Sign-in limits: a lab shares one address behind a router at most, so the per-address
# limit is generous; the per-CURP one stops someone trying codes for one classmate.
ADDRESS_FAILURES, CURP_FAILURES, FAILURE_WINDOW_S = 30, 5, 300.0


def new_code() -> str:
    """A random session code of six digits («482913»), shown on the projector."""
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


@dataclass(frozen=True)
class SalaConfig:
    """What the orientador chose: questionnaire, generación, optional grupo."""

    questionnaire: str
    cohort: str
    group: str = ""


@dataclass
class Attendee:
    """A student of this session: their latest sign-in and what they did."""

    student_id: str
    ticket: str  # changes at every sign-in: older browsers' pages are refused
    last_seen: float
    started: bool = False
    finished: bool = False


@dataclass(frozen=True)
class Counts:
    """The live figures on the orientador's screen."""

    connected: int
    started: int
    finished: int
    expected: int


@dataclass
class SalaSession:
    """The session's code, its list of students and what they are doing (thread-safe)."""

    config: SalaConfig
    roster: dict[str, str]  # CURP -> student id: who may answer
    # Who still has to answer when it opened (the counts' «de N»): the roster also holds
    # those who finished or refused, so the sign-in tells them so by name.
    expected: int
    slips: "SlipCodes"  # the printed personal codes (none until slips are printed)
    code: str = field(default_factory=new_code)
    closed: bool = False
    _attendees: dict[str, Attendee] = field(default_factory=dict)
    _failures: dict[str, deque] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def close(self) -> None:
        """From now on pages are still saved but nobody goes on or signs in."""
        self.closed = True

    def code_matches(self, typed: str) -> bool:
        return secrets.compare_digest("".join(typed.split()), self.code)

    def offers_slips(self) -> bool:
        """Whether the sign-in page offers «Código personal» (slips were printed)."""
        return self.slips.any(self.config.questionnaire)

    def slip_student(self, typed: str) -> str | None:
        """The student of this session whose printed personal code was typed, or None."""
        student_id = self.slips.student_for(typed, self.config.questionnaire)
        return student_id if student_id in self.roster.values() else None

    def failures_exceeded(self, address: str, curp: str, now: float | None = None) -> bool:
        """Whether this address or CURP failed too often lately (then wait, even if right)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            return (self._recent(f"ip:{address}", now) >= ADDRESS_FAILURES
                    or self._recent(f"curp:{curp}", now) >= CURP_FAILURES)

    def record_failure(self, address: str, curp: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            for key in (f"ip:{address}", f"curp:{curp}" if curp else ""):
                if key:
                    self._failures.setdefault(key, deque()).append(now)

    def _recent(self, key: str, now: float) -> int:
        times = self._failures.get(key)
        while times and now - times[0] > FAILURE_WINDOW_S:
            times.popleft()
        return len(times or ())

    def admit(self, student_id: str, now: float | None = None) -> str:
        """Record a sign-in; the returned ticket names this browser from now on."""
        ticket = secrets.token_urlsafe(16)
        now = time.monotonic() if now is None else now
        with self._lock:
            attendee = self._attendees.get(student_id)
            if attendee is None:
                self._attendees[student_id] = Attendee(student_id, ticket, now)
            else:
                attendee.ticket, attendee.last_seen = ticket, now
        return ticket

    def holder(self, student_id: str, ticket: str) -> bool:
        """Whether ``ticket`` is the student's latest sign-in (and note they were seen)."""
        with self._lock:
            attendee = self._attendees.get(student_id)
            if attendee is None or not secrets.compare_digest(attendee.ticket, ticket):
                return False
            attendee.last_seen = time.monotonic()
            return True

    def mark(self, student_id: str, started: bool = False, finished: bool = False) -> None:
        with self._lock:
            attendee = self._attendees.get(student_id)
            if attendee is not None:
                attendee.started |= started
                attendee.finished |= finished

    def finished(self, student_id: str) -> bool:
        with self._lock:
            attendee = self._attendees.get(student_id)
            return bool(attendee and attendee.finished)

    def counts(self, now: float | None = None) -> Counts:
        """Connected (seen lately, not finished), started and finished in this session."""
        now = time.monotonic() if now is None else now
        with self._lock:
            people = list(self._attendees.values())
        return Counts(
            connected=sum(1 for a in people if not a.finished
                          and now - a.last_seen <= CONNECTED_FOR_S),
            started=sum(1 for a in people if a.started),
            finished=sum(1 for a in people if a.finished),
            expected=self.expected)

    def answering(self, now: float | None = None) -> int:
        """Students connected who have not finished: whom closing would interrupt."""
        return self.counts(now).connected
