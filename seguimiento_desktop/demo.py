"""Synthetic plantel data: realistic Mexican names and valid CURPs, never real people.

Used by the first-run assistant's demo plantel, `seguimiento demo`, tests and benchmarks.
A seeded ``random.Random`` makes every run reproducible.
"""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from seguimiento_desktop.domain.curp import build_curp
from seguimiento_desktop.domain.models import School, Student

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
