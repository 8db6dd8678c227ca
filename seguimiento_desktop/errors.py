"""The one family of errors a user can cause.

Every message is Spanish, says what happened and what to do, and carries no traceback.
The GUI shows it in a dialog; the CLI prints it on stderr and exits 1.
"""


class UserError(Exception):
    """An error the user can fix; ``str(error)`` is the Spanish message to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidData(UserError):
    """A value typed or imported by the user does not pass validation."""


class FileUnreadable(UserError):
    """A file given by the user cannot be read as what it claims to be."""


class DatabaseError(UserError):
    """The database cannot be opened or is not in a usable state."""


class NotFound(UserError):
    """The record the user asked for does not exist."""


class Cancelled(UserError):
    """The user cancelled a long operation; nothing was changed."""

    def __init__(self, message: str = "Operación cancelada. No se guardó ningún cambio."):
        super().__init__(message)
