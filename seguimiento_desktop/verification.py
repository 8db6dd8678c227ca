"""Double entry (verificación): which questionnaires a second keyer re-keys, and who erred.

A plantel may ask that every Nth questionnaire of each keyer (capturista), or a percentage
of them, be keyed a second time, blind, by someone else. The choice is deterministic: it
depends only on the responses in the database, so every screen (and every run) agrees on
which questionnaires are due. When the two keyings differ, the verifier looks at the paper
and says which one is right; the error is counted against the one who typed it wrong.

Qt-free; the capture screen and the Workspace use it.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from seguimiento_desktop.domain.models import Response
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.questionnaires.answers import normalize
from seguimiento_desktop.questionnaires.model import Definition, split_other_key

POLICY_KEY = "capture.verification_policy"
NONE, EVERY, PERCENT = "none", "every", "percent"
DONE_STATUSES = ("completa", "verificada")
FIRST, SECOND, AGAIN = "first", "second", "again"  # the verifier's answer to a mismatch


@dataclass(frozen=True)
class VerificationPolicy:
    """What the plantel asks to verify: nothing, every ``value``-th, or ``value`` percent."""

    kind: str = NONE
    value: int = 0

    def checked(self) -> "VerificationPolicy":
        """The same policy, or InvalidData with a Spanish reason when it makes no sense."""
        if self.kind == NONE:
            return VerificationPolicy()
        if self.kind == EVERY and 1 <= self.value <= 1000:
            return self
        if self.kind == PERCENT and 1 <= self.value <= 100:
            return self
        if self.kind not in (EVERY, PERCENT):
            raise InvalidData(f"Política de verificación desconocida: «{self.kind}».")
        raise InvalidData("Escriba cada cuántos cuestionarios (1 a 1000) o qué porcentaje "
                          "(1 a 100) se verifica.")

    def describe(self) -> str:
        """The policy in the user's words."""
        if self.kind == EVERY:
            return ("Se verifican todos los cuestionarios" if self.value == 1 else
                    f"Se verifica 1 de cada {self.value} cuestionarios de cada capturista")
        if self.kind == PERCENT:
            return f"Se verifica el {self.value} % de los cuestionarios de cada capturista"
        return "No se pide verificar cuestionarios"

    def selects(self, ordinal: int, response_id: str) -> bool:
        """Whether a keyer's ``ordinal``-th finished questionnaire (1-based) is verified.

        A percentage draws by a hash of the response id: keyers cannot guess which paper
        will be checked, and the draw never changes afterwards.
        """
        if self.kind == EVERY:
            return ordinal % self.value == 0
        if self.kind == PERCENT:
            digest = hashlib.sha256(response_id.encode()).digest()
            return int.from_bytes(digest[:4], "big") % 10_000 < self.value * 100
        return False

    def to_text(self) -> str:
        return json.dumps({"kind": self.kind, "value": self.value})

    @classmethod
    def from_text(cls, text: str) -> "VerificationPolicy":
        """The stored policy; an empty or damaged value means «no verification»."""
        try:
            data = json.loads(text) if text else {}
            return cls(str(data.get("kind", NONE)), int(data.get("value", 0))).checked()
        except (ValueError, TypeError, AttributeError, InvalidData):
            return cls()


@dataclass(frozen=True)
class PendingVerification:
    """A finished questionnaire the policy selects and nobody has verified yet."""

    response: Response
    student_name: str
    folio: str
    ordinal: int  # the keyer's n-th finished questionnaire


def keying_order(responses: Iterable[Response]) -> dict[str, int]:
    """{response id: its ordinal among its keyer's finished questionnaires}.

    Finished means complete or verified; the order is the completion time, then the id
    (time-ordered), so resuming an old partial paper does not renumber the others.
    """
    done = sorted((r for r in responses if r.status in DONE_STATUSES and r.keyer),
                  key=lambda r: (r.keyer, r.completed_at, r.id))
    ordinals: dict[str, int] = {}
    counts: dict[str, int] = {}
    for response in done:
        counts[response.keyer] = counts.get(response.keyer, 0) + 1
        ordinals[response.id] = counts[response.keyer]
    return ordinals


def selected_for_verification(policy: VerificationPolicy,
                              responses: Iterable[Response]) -> set[str]:
    """Ids of the finished responses the policy selects (verified ones included)."""
    if policy.kind == NONE:
        return set()
    return {rid for rid, ordinal in keying_order(responses).items() if policy.selects(ordinal, rid)}


def _comparable(definition: Definition, key: str, value: Any) -> Any:
    if split_other_key(key) is not None or not definition.has_question(key):
        return " ".join(str(value).split()).casefold() if value not in (None, "") else None
    value = normalize(definition.question(key), value)
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    return value


def same_answer(definition: Definition, key: str, first: Any, second: Any) -> bool:
    """Whether two keyings of one item agree (codes as numbers; text ignoring case and spaces)."""
    return _comparable(definition, key, first) == _comparable(definition, key, second)


def differences(definition: Definition, first: Mapping[str, Any],
                second: Mapping[str, Any]) -> list[str]:
    """Keys (question ids and «otro» texts) whose answers differ, in questionnaire order."""
    keys = set(first) | set(second)
    order = {q.id: i for i, q in enumerate(definition.questions)}

    def position(key: str) -> tuple[int, str]:
        other = split_other_key(key)
        return (order.get(other[0] if other else key, len(order)), key)
    return [key for key in sorted(keys, key=position)
            if not same_answer(definition, key, first.get(key), second.get(key))]


@dataclass(frozen=True)
class VerificationTally:
    """Errors found while verifying one questionnaire, by whose keying was wrong."""

    keyer_errors: int = 0
    verifier_errors: int = 0
    mismatches: tuple[str, ...] = ()

    def resolved(self, key: str, right: str) -> "VerificationTally":
        """Count a mismatch on ``key`` once the paper says which keying was ``right``.

        FIRST right: the verifier mistyped; SECOND right: the first keyer did. AGAIN (the
        verifier will retype) counts nothing yet.
        """
        if right == AGAIN:
            return self
        mismatches = self.mismatches + (key,)
        if right == FIRST:
            return replace(self, verifier_errors=self.verifier_errors + 1, mismatches=mismatches)
        if right == SECOND:
            return replace(self, keyer_errors=self.keyer_errors + 1, mismatches=mismatches)
        raise ValueError(right)
