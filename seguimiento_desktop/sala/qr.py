"""The sala's address as a QR code, for phones to scan (segno: pure Python, no Pillow)."""

import io


def qr_png(text: str, scale: int = 8) -> bytes:
    """A PNG of ``text``'s QR code, ``scale`` pixels a module, with the standard quiet zone."""
    import segno
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_text(text: str) -> str:
    """``text``'s QR code drawn with block characters, for a terminal (`sala abrir`)."""
    import segno
    buffer = io.StringIO()
    segno.make(text, error="m").terminal(out=buffer, compact=True, border=2)
    return buffer.getvalue()
