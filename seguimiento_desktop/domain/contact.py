"""Contact data as people type it and as Excel stores it: phones and e-mails."""

import re

from seguimiento_desktop.domain.limits import NAME_MAX

_DIGITS = re.compile(r"\D+")
_WHOLE_FLOAT = re.compile(r"^((?:52|521)?\d{10})\.0+$")  # «5512345678.0», «525512345678.0»
_EMAIL = re.compile(rf"(?=.{{1,{NAME_MAX}}}\Z)"  # longer, the office would refuse the bundle
                    r"[A-Za-z0-9._%+\-']+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")


def normalize_phone(raw: object) -> tuple[str, str | None]:
    """Return (ten digits or '', warning or None).

    Accepts +52, 52 or 044/045/01 prefixes, spaces, dashes and numbers that Excel stored
    as integers or floats (5512345678.0), also as the text a program writes for such a
    float in a CSV («5512345678.0»).
    """
    if raw is None or (isinstance(raw, float) and raw != raw):
        return "", None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    if not text:
        return "", None
    digits = _DIGITS.sub("", _WHOLE_FLOAT.sub(r"\1", text))
    for prefix in ("521", "52", "044", "045", "01"):
        if len(digits) == 10 + len(prefix) and digits.startswith(prefix):
            digits = digits[len(prefix):]
            break
    if len(digits) != 10:
        return "", f"El teléfono «{text}» no tiene 10 dígitos: no se guardará."
    return digits, None


def format_phone(digits: str) -> str:
    """'5512345678' -> '55 1234 5678' for display."""
    if len(digits) != 10:
        return digits
    return f"{digits[:2]} {digits[2:6]} {digits[6:]}"


def normalize_email(raw: object) -> tuple[str, str | None]:
    """Return (lower-cased e-mail or '', warning or None)."""
    if raw is None or (isinstance(raw, float) and raw != raw):
        return "", None
    text = str(raw).strip()
    if not text:
        return "", None
    if not _EMAIL.fullmatch(text):
        return "", f"El correo «{text}» no parece válido: no se guardará."
    return text.lower(), None
