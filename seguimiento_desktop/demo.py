"""Synthetic plantel data: realistic Mexican names and valid CURPs, never real people.

Used by the first-run assistant's demo plantel, `seguimiento demo`, tests and benchmarks.
A seeded ``random.Random`` makes every run reproducible.
"""

import random
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from seguimiento_desktop.domain.curp import build_curp
from seguimiento_desktop.domain.models import ContactAttempt, Response, School, Student

if TYPE_CHECKING:
    from seguimiento_desktop.questionnaires.model import Definition

DEMO_SCHOOL = School(cct="14DCT0099Z", name="CBTIS 299 «Plantel de demostración»",
                     subsystem="UEMSTIS (antes DGETI): CBTIS y CETIS", state="Jalisco",
                     municipality="Zapopan", shift="Matutino")

FEMALE_NAMES = """MARÍA FERNANDA|XIMENA|VALERIA|DANIELA|SOFÍA|CAMILA|GUADALUPE|ANDREA|ITZEL|
KARLA|ALEJANDRA|MARÍA JOSÉ|ANA PAOLA|JIMENA|MONTSERRAT|FERNANDA|DIANA|ESTEFANÍA|YARETZI|
NAOMI|ABRIL|LUCÍA|REGINA|PAULINA|VANESSA|BRENDA|LIZBETH|ARELI|CITLALI|NAYELI""".replace("\n", "").split("|")
MALE_NAMES = """JOSÉ LUIS|JUAN CARLOS|LUIS ÁNGEL|MIGUEL ÁNGEL|JESÚS|DIEGO|EMILIANO|SANTIAGO|
ALEJANDRO|FERNANDO|JORGE|RICARDO|EDUARDO|ÁNGEL|KEVIN|BRANDON|ALAN|ÓSCAR|ISAAC|URIEL|
CRISTIAN|IVÁN|SAÚL|RAÚL|HÉCTOR|ALDO|OMAR|JONATHAN|DAVID|ERICK""".replace("\n", "").split("|")
SURNAMES = """HERNÁNDEZ|GARCÍA|MARTÍNEZ|LÓPEZ|GONZÁLEZ|PÉREZ|RODRÍGUEZ|SÁNCHEZ|RAMÍREZ|CRUZ|
FLORES|GÓMEZ|MORALES|VÁZQUEZ|REYES|JIMÉNEZ|TORRES|DÍAZ|GUTIÉRREZ|RUIZ|MENDOZA|AGUILAR|
ORTIZ|MORENO|CASTILLO|ROMERO|ÁLVAREZ|MÉNDEZ|CHÁVEZ|RIVERA|JUÁREZ|RAMOS|DOMÍNGUEZ|HERRERA|
MEDINA|CASTRO|VARGAS|GUZMÁN|VELÁZQUEZ|MUÑOZ|ROJAS|CONTRERAS|SALAZAR|LUNA|ORTEGA|SANTIAGO|
GUERRERO|BAUTISTA|CORTÉS|ESTRADA|NÚÑEZ|DE LA CRUZ|DEL ÁNGEL|IBARRA|QUINTERO|YÁÑEZ|
ZAVALA|OCHOA|PEÑA|VILLASEÑOR""".replace("\n", "").split("|")
CAREERS = ["Programación", "Contabilidad", "Electricidad", "Mecánica Industrial",
           "Administración de Recursos Humanos", "Laboratorista Químico"]
BIRTH_STATES = ["JC"] * 8 + ["MC", "DF", "MN", "GT", "NT", "ZS", "CM", "NE"]
MAIL_DOMAINS = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx"]
PHONE_AREAS = ["33", "33", "33", "341", "378", "55", "81"]


def demo_seed(cct: str) -> dict[str, int]:
    """Seed arguments for a demo plantel: each its own students (two demo planteles sent
    to one central office must not share CURPs); the standard one keeps the defaults."""
    return {} if cct in ("", DEMO_SCHOOL.cct) else {"seed": zlib.crc32(cct.encode())}


def demo_students(count: int, cohorts: tuple[str, ...] = ("2023-2026",), seed: int = 2026,
                  groups_per_career: int = 2) -> Iterator[Student]:
    """``count`` synthetic students spread over cohorts, careers and groups (unique CURPs)."""
    rng = random.Random(seed)
    seen: set[str] = set()
    made = 0
    while made < count:
        cohort = cohorts[made % len(cohorts)]
        student = _one_student(rng, cohort, groups_per_career)
        if student.curp in seen:
            continue
        seen.add(student.curp)
        made += 1
        yield student


def _one_student(rng: random.Random, cohort: str, groups_per_career: int) -> Student:
    sex = rng.choice("HM")
    given = rng.choice(FEMALE_NAMES if sex == "M" else MALE_NAMES)
    first, second = rng.choice(SURNAMES), rng.choice(SURNAMES)
    graduation = int(cohort[-4:])
    birth = date(graduation - 18, 1, 1) + timedelta(days=rng.randrange(0, 600))
    curp = build_curp(given, first, second, birth, sex, rng.choice(BIRTH_STATES),
                      rng.choice("0123456789ABCDEFGHIJ"))
    career_index = rng.randrange(len(CAREERS))
    semester = 6 if graduation <= date.today().year + 1 else 2
    group = f"{semester}{'ABCDEFGHIJKL'[career_index * groups_per_career + rng.randrange(groups_per_career)]}"
    return Student(
        curp=curp, given_names=given, first_surname=first, second_surname=second, sex=sex,
        birth_date=birth, cohort=cohort, career=CAREERS[career_index], group=group,
        shift="Matutino" if group[-1] < "G" else "Vespertino",
        email=_email(rng, given, first) if rng.random() < 0.85 else "",
        phone=_phone(rng) if rng.random() < 0.92 else "",
        home_phone=_phone(rng) if rng.random() < 0.35 else "",
        status="egresado" if graduation < date.today().year or (
            graduation == date.today().year and date.today().month > 7) else "activo",
    )


def _email(rng: random.Random, given: str, surname: str) -> str:
    from seguimiento_desktop.domain.text import strip_accents
    base = strip_accents(f"{given.split()[0]}.{surname.split()[-1]}").lower()
    return f"{base}{rng.randrange(1, 999)}@{rng.choice(MAIL_DOMAINS)}"


def _phone(rng: random.Random) -> str:
    area = rng.choice(PHONE_AREAS)
    return area + "".join(str(rng.randrange(10)) for _ in range(10 - len(area)))


def demo_cohorts(today: date | None = None) -> tuple[str, ...]:
    """The three cohorts a plantel follows on ``today``: two graduated, one about to graduate.

    From August on, the cohort about to graduate is the one finishing next year.
    """
    today = today or date.today()
    newest = today.year + (1 if today.month >= 8 else 0)
    return tuple(f"{year - 3}-{year}" for year in (newest - 2, newest - 1, newest))


# --- Synthetic follow-up: responses, contact attempts and keying, as the calendar has them ---

RESPONSE_RATES = {"C1": 0.9, "C2": 0.62, "C3": 0.47}
KEYERS = ("ANA LÓPEZ", "LUIS MÉNDEZ", "MARIANA ORTIZ")
MODES = {"C1": ("papel", "papel", "autoaplicado"), "C2": ("telefono", "papel", "entrevista"),
         "C3": ("telefono", "telefono", "autoaplicado")}


@dataclass
class DemoFollowup:
    """What the demo adds on top of the directory for every window already open."""

    responses: list[Response] = field(default_factory=list)
    attempts: list[ContactAttempt] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)
    keying: list[tuple] = field(default_factory=list)  # (response id, keyer, seconds, keystrokes)


def _reached_share(window, today: date) -> float:
    """How much of a window's responses exist by ``today`` (all once it has closed)."""
    if today < window.opens:
        return 0.0
    if today > window.closes:
        return 1.0
    span = (window.closes - window.opens).days or 1
    return 0.35 + 0.65 * (today - window.opens).days / span


def demo_followup(students: list[Student], today: date, seed: int = 7) -> DemoFollowup:
    """Plausible follow-up data for ``students`` (with ids): some graduates are never reached."""
    from seguimiento_desktop.domain.calendar import cohort_windows
    from seguimiento_desktop.domain.ids import uuid7
    from seguimiento_desktop.questionnaires.loader import load_definition
    from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
    from seguimiento_desktop.domain.consent import REFUSED_STATUS, refuses_consent
    rng = random.Random(seed)
    result = DemoFollowup()
    for student in students:
        for window in cohort_windows(student.cohort):
            if result.statuses.get(student.id) == REFUSED_STATUS:
                break  # refused in C1: never asked again (domain/consent.py)
            share = _reached_share(window, today) * RESPONSE_RATES[window.questionnaire]
            if share == 0.0:
                continue
            if rng.random() < share:
                definition = load_definition(window.questionnaire)
                answered = window.opens + timedelta(days=rng.randrange(
                    max(1, (min(today, window.closes) - window.opens).days + 1)))
                answers = synthetic_answers(definition, rng,
                                            known=directory_answers(student, definition, answered))
                response = Response(
                    student_id=student.id, questionnaire=window.questionnaire,
                    version=definition.version, answers=answers,
                    mode=rng.choice(MODES[window.questionnaire]),
                    status="verificada" if rng.random() < 0.12 else "completa",
                    keyer=rng.choice(KEYERS), started_at=f"{answered.isoformat()}T10:00:00",
                    completed_at=f"{answered.isoformat()}T10:06:00", id=uuid7())
                result.responses.append(response)
                result.keying.append((response.id, response.keyer, rng.uniform(150, 420),
                                      int(len(response.answers) * rng.uniform(1.4, 2.2)) + 40))
                if refuses_consent(response):
                    result.statuses[student.id] = REFUSED_STATUS
                elif window.questionnaire != "C1":
                    result.statuses[student.id] = "localizado"
            elif window.questionnaire != "C1":
                _unreached(rng, student, window, today, result)
    return result


def directory_answers(student: Student, definition: "Definition", answered: date) -> dict:
    """The answers the directory already knows for ``student`` (sex, carrera, age on
    ``answered``, e-mail and phones), for the questions ``definition`` asks: a demo
    questionnaire never contradicts the student's record."""
    from seguimiento_desktop.domain.models import SEX_LABELS
    asked = {q.id: q for q in definition.questions}
    known: dict = {"CARRERA": student.career, "CORREO": student.email,
                   "CELULAR": student.phone, "TEL_CASA": student.home_phone}
    if "SEXO" in asked:
        codes = {o.label: o.code for o in asked["SEXO"].options}
        known["SEXO"] = codes.get(SEX_LABELS.get(student.sex, ""))
    if "EDAD" in asked and student.birth_date:
        age = answered.year - student.birth_date.year - (
            (answered.month, answered.day) < (student.birth_date.month, student.birth_date.day))
        edad = asked["EDAD"]
        known["EDAD"] = min(max(age, edad.min if edad.min is not None else age),
                            edad.max if edad.max is not None else age)
    return {key: value for key, value in known.items() if key in asked and value not in ("", None)}


def _unreached(rng: random.Random, student: Student, window, today: date,
               result: DemoFollowup) -> None:
    from seguimiento_desktop.domain.ids import uuid7
    from seguimiento_desktop.followup import status_after_attempt
    last_day = min(today, window.closes)
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        day = window.opens + timedelta(days=rng.randrange(max(1, (last_day - window.opens).days + 1)))
        outcome = rng.choices(["no_contesto", "numero_equivocado", "dejo_mensaje", "rechazo"],
                              [60, 15, 22, 3])[0]
        result.attempts.append(ContactAttempt(
            student.id, day, rng.choice(("telefono", "telefono", "whatsapp", "correo", "redes")),
            outcome, questionnaire=window.questionnaire, id=uuid7()))
        result.statuses[student.id] = status_after_attempt(result.statuses.get(student.id, ""),
                                                           outcome)
        if outcome == "rechazo":
            return
