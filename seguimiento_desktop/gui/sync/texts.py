"""Words the sync screens share (the plantel's Envíos USB page and the central window)."""

from seguimiento_desktop.domain.text import quantity


def fingerprint_lines(fingerprint) -> str:
    """A fingerprint as it is read over the phone: the words in two even lines, then hex."""
    words = fingerprint.words.split()
    half = (len(words) + 1) // 2
    return f"{' '.join(words[:half])}\n{' '.join(words[half:])}\n{fingerprint.hex}"


def pc_label(installation_id: str) -> str:
    """«PC …4808»: a PC by the end of its id, as the Planteles table names it."""
    return f"PC …{installation_id[-4:]}"


def counts_text(counts: dict) -> str:
    """«300 alumnos, 1 respuesta y 0 intentos de contacto» (what a bundle carries)."""
    attempts = quantity(counts.get("contact_attempts", 0), "intento de contacto",
                        "intentos de contacto")
    return (f"{quantity(counts.get('students', 0), 'alumno')}, "
            f"{quantity(counts.get('responses', 0), 'respuesta')} y {attempts}")


def pending_text(counts: dict) -> str:
    """What still waits for an acknowledgement, or that the office confirmed everything."""
    if not any(counts.values()):
        return "nada (la oficina central ya confirmó todo lo capturado)"
    return counts_text(counts)
