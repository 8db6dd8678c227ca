"""An independent CURP generator and oracle, written from RENAPO's instructions.

Nothing here imports seguimiento_desktop: the tests compare the app's validator and
builder with this second reading of the rules (docs/identifiers.md), so a mistake has to
be made twice, the same way, to go unnoticed. ``python tests/unit/renapo.py`` prints how
many mutated CURPs of each kind the validator rejects for the right reason.
"""

import random
import re
import sys
from datetime import date, timedelta

ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
WORDS = set("""
BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE COJI COJO COLA CULO
FALO FETO GETA GUEI GUEY JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE KOGI KOJA KOJE KOJI
KOJO KOLA KULO LILO LOCA LOCO LOKA LOKO MAME MAMO MEAR MEAS MEON MIAR MION MOCO MOKO MULA
MULO NACA NACO PEDA PEDO PENE PIPI PITO POPO PUTA PUTO QULO RATA ROBA ROBE ROBO RUIN SENO
TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI WUEY""".split())
STATES = ("AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS "
          "TL VZ YN ZS NE").split()
SKIPPED = {"DA", "DAS", "DE", "DEL", "DER", "DI", "DIE", "DD", "EL", "LA", "LOS", "LAS", "LE",
           "LES", "MAC", "MC", "VAN", "VON", "Y"}
MARIA_JOSE = {"MARIA", "MA", "MA.", "JOSE", "J", "J."}
PLAIN = str.maketrans("ÁÉÍÓÚÜÀÈÌÒÙ", "AEIOUUAEIOU")
PATTERN = re.compile(r"[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX](%s)[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\d"
                     % "|".join(STATES))

GIVEN = ["MARÍA JOSÉ", "JOSÉ LUIS", "MA. DE LOURDES", "J. JESÚS", "ÑAÑA", "IÑAKI", "UXUE",
         "ANA", "ÓSCAR", "EVA", "IAN", "ULISES", "YURI", "AÍDA", "BRENDA", "KEVIN"]
SURNAMES = ["NÚÑEZ", "PEÑA", "DE LA CRUZ", "DEL ÁNGEL", "MC GREGOR", "VAN DER BERG", "OÑA",
            "ÁVILA", "ORTIZ", "URIBE", "BÁEZ", "BACA", "CUEVAS", "MULAS", "PÉREZ", "LOCANO",
            "KOLB", "ROBLES", "VALDEZ", "ÍÑIGUEZ", "Y LÓPEZ", "IBÁÑEZ", "GARCÍA", "OEA"]


def words_of(name: str) -> list[str]:
    """Upper case, accents off, Ñ written X, particles out (an empty name gives X)."""
    text = name.upper().translate(PLAIN).replace("Ñ", "X").replace("-", " ")
    kept = [w for w in text.split() if w not in SKIPPED]
    return kept or ["X"]


def first_after_initial(word: str, letters: str) -> str:
    for ch in word[1:]:
        if ch in letters:
            return ch
    return "X"


def verifier(first17: str) -> str:
    total = 0
    for i, ch in enumerate(first17):
        total += ALPHABET.index(ch) * (18 - i)
    return str((10 - total % 10) % 10)


def renapo_curp(given: str, first: str, second: str, born: date, sex: str, state: str,
                homoclave: int) -> str:
    """The CURP RENAPO would give these data (``homoclave`` picks the 17th character)."""
    surname1 = words_of(first)[0].replace(".", "")
    surname2 = words_of(second)[0].replace(".", "") if second.strip() else "X"
    names = words_of(given)
    name = (names[1] if len(names) > 1 and names[0] in MARIA_JOSE else names[0]).replace(".", "")
    head = surname1[0] + first_after_initial(surname1, "AEIOU") + surname2[0] + name[0]
    if head in WORDS:
        head = head[0] + "X" + head[2:]
    inner = "".join(first_after_initial(w, "BCDFGHJKLMNPQRSTVWXYZ")
                    for w in (surname1, surname2, name))
    seventeenth = (str(homoclave % 10) if born.year < 2000
                   else "ABCDEFGHIJKLMNPQRSTUVWXYZ"[homoclave % 25])
    body = head + born.strftime("%y%m%d") + sex + state + inner + seventeenth
    return body + verifier(body)


def oracle_valid(curp: str) -> bool:
    """RENAPO's structure, a real date, not an inconvenient word, the right check digit."""
    if len(curp) != 18 or not PATTERN.fullmatch(curp) or curp[:4] in WORDS:
        return False
    year = (1900 if curp[16].isdigit() else 2000) + int(curp[4:6])
    try:
        date(year, int(curp[6:8]), int(curp[8:10]))
    except ValueError:
        return False
    return verifier(curp[:17]) == curp[17]


def random_curp(rng: random.Random) -> str:
    """A RENAPO CURP for random realistic data."""
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 85))
    return renapo_curp(rng.choice(GIVEN), rng.choice(SURNAMES),
                       rng.choice(SURNAMES + [""]), born, rng.choice("HMX"),
                       rng.choice(STATES), rng.randrange(100))


def _resign(body: str) -> str:
    return body[:17] + verifier(body[:17])


def _set(curp: str, index: int, text: str) -> str:
    return curp[:index] + text + curp[index + len(text):]


def mutations(curp: str, rng: random.Random) -> list[tuple[str, str]]:
    """(rule, CURP) pairs: the valid ``curp`` changed to break exactly that rule of RENAPO's.

    Every mutant except the check-digit ones carries a correct check digit, so only the
    rule named can catch it.
    """
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    cons_no_x = "BCDFGHJKLMNPQRSTVWYZ"
    pick = rng.choice
    leap = int(curp[4:6]) % 4 != 0 or (curp[16].isdigit() and curp[4:6] == "00")
    days = ["0230", "0431", "0631", "0931", "1131", "1301", "0001", "0132", "0100"]
    days += ["0229"] if leap else []
    bad_state = pick([a + b for a in letters for b in letters if a + b not in STATES])
    checked = int(curp[17])
    return [
        ("longitud", curp[:rng.randrange(1, 18)]),
        ("longitud", curp + pick(ALPHABET)),
        ("inicial", _resign(_set(curp, 0, pick("0123456789Ñ")))),
        ("vocal", _resign(_set(curp, 1, pick(cons_no_x)))),
        ("vocal", _resign(_set(curp, 1, pick("0123456789Ñ")))),
        ("iniciales", _resign(_set(curp, rng.choice((2, 3)), pick("0123456789Ñ")))),
        ("fecha", _resign(_set(curp, rng.randrange(4, 10), pick(letters + "Ñ")))),
        ("sexo", _resign(_set(curp, 10, pick("ABCDEFGIJKLNOPQRSTUVWYZ0123456789")))),
        ("entidad_forma", _resign(_set(curp, rng.choice((11, 12)), pick("0123456789Ñ")))),
        ("consonantes", _resign(_set(curp, rng.randrange(13, 16), pick("AEIOU")))),
        ("consonantes", _resign(_set(curp, rng.randrange(13, 16), pick("Ñ0123456789")))),
        ("homoclave", _resign(_set(curp, 16, "Ñ"))),
        ("verificador_forma", curp[:17] + pick(letters)),
        ("palabra", _resign(_set(curp, 0, pick(sorted(WORDS))))),
        ("fecha_real", _resign(_set(curp, 6, pick(days)))),
        ("entidad", _resign(_set(curp, 11, bad_state))),
        ("verificador", curp[:17] + str((checked + rng.randrange(1, 10)) % 10)),
    ]


def mutation_counts(samples: int = 200, seed: int = 14) -> dict[str, list[int]]:
    """Per rule: [mutants tried, rejected for that rule, accepted] over ``samples`` CURPs."""
    from seguimiento_desktop.domain.curp import broken_rule  # the code under test
    rng = random.Random(seed)
    counts: dict[str, list[int]] = {}
    for _ in range(samples):
        for rule, mutant in mutations(random_curp(rng), rng):
            row = counts.setdefault(rule, [0, 0, 0])
            found = broken_rule(mutant)
            row[0] += 1
            row[1] += found == rule
            row[2] += found is None
    return counts


if __name__ == "__main__":
    total = [0, 0, 0]
    print(f"{'regla':<18} {'probadas':>8} {'rechazadas':>10} {'aceptadas':>9}")
    for rule, row in mutation_counts(int(sys.argv[1]) if len(sys.argv) > 1 else 200).items():
        print(f"{rule:<18} {row[0]:>8} {row[1]:>10} {row[2]:>9}")
        total = [a + b for a, b in zip(total, row)]
    print(f"{'total':<18} {total[0]:>8} {total[1]:>10} {total[2]:>9}")
