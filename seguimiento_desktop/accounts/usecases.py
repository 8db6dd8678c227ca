"""Signing in, users and the bitácora: the account half of ``Workspace``.

A Workspace carries the signed-in ``session`` (None on a database that has no accounts
yet, which only tests and the upgrade path see: the GUI asks for an administrator first
and the CLI refuses). A database has accounts once its key file or its users table says
so; then every use case needs a session whose role allows it (accounts/roles.py).
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from seguimiento_desktop.accounts import codes, keyslots
from seguimiento_desktop.accounts.roles import (
    ADMIN, ROLES, Account, Session, allows, forbidden_message)
from seguimiento_desktop.errors import DatabaseError, InvalidData, UserError
from seguimiento_desktop.storage import accounts as users_table
from seguimiento_desktop.storage import audit
from seguimiento_desktop.storage.audit import AuditEntry, AuditQuery

NO_ACCOUNT = "(sin cuenta)"
IDLE_MINUTES = 10  # the window locks after this long without a key or a click


class NotAllowed(UserError):
    """The signed-in account's role does not allow the use case, or nobody signed in."""


class SignInFailed(UserError):
    """Wrong user or password, an inactive account, or too many failures in a row."""


@dataclass(frozen=True)
class ChainCheck:
    """What ``verify_audit_chain`` found: rows that agree, where it breaks, the head."""

    rows: int
    broken_at: int | None
    head: str
    purged: int = 0  # details blanked by a purge or a cancellation («depurados»)

    @property
    def ok(self) -> bool:
        return self.broken_at is None

    def description(self) -> str:
        if self.ok:
            purged = (f"; {self.purged} con el detalle depurado por protección de datos"
                      if self.purged else "")
            return (f"La bitácora está íntegra: {self.rows} registros encadenados "
                    f"(último sello {self.head[:16]}){purged}.")
        return (f"La bitácora fue alterada: la cadena se rompe en el registro {self.broken_at} "
                f"(los {self.rows} anteriores están íntegros). Avise al administrador.")


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def user_slot(name: str) -> str:
    return f"usuario:{name}"


class AccountUseCases:
    """Mixed into Workspace (services.py): sessions, users, the audit log."""

    session: Session | None
    _inside_use_case: bool
    new_recovery_code: str = ""  # set by ``recover``: the code that replaced the used one

    # --- The door ------------------------------------------------------------------

    def has_accounts(self) -> bool:
        """Whether this database has accounts (users or a key file): then nobody works in
        it without signing in."""
        return (users_table.has_users(self.store.db)
                or keyslots.read_key_file(self.store.path) is not None)

    @property
    def account(self) -> Account | None:
        return self.session.account if self.session else None

    def require(self, permission: str) -> None:
        """NotAllowed unless the signed-in account may ``permission`` (a database without
        accounts allows everything: the GUI and the CLI create the administrator first)."""
        if self.session is None:
            if self._accounts_exist:
                raise NotAllowed("Inicie sesión con su usuario y contraseña para continuar.")
            return
        if not allows(self.session.account.role, permission):
            raise NotAllowed(forbidden_message(self.session.account.role, permission))

    def may(self, permission: str) -> bool:
        """Whether ``require(permission)`` would pass (the GUI hides what it would refuse)."""
        try:
            self.require(permission)
        except NotAllowed:
            return False
        return True

    def log_action(self, action: str, target: str = "", detail: dict | None = None,
                   user: str = "") -> None:
        """Append a line to the bitácora (its own transaction unless one is open)."""
        who = user or (self.session.account.name if self.session else NO_ACCOUNT)
        with self.store.db.atomic(immediate=True) as db:  # reads the last hash, then writes
            audit.append(db, _now(), who, action, target, detail or {})

    def _check_session(self, session: Session | None) -> Session | None:
        """The session with the account as it is now; SignInFailed when its key is not this
        database's or the account was deactivated since."""
        self._accounts_exist = self.has_accounts()
        if session is None:
            return None
        keys = keyslots.read_key_file(self.store.path)
        current = users_table.user_by_name(self.store.db, session.account.name)
        if keys is None or keyslots.key_check(session.key) != keys.check:
            raise SignInFailed("La sesión no corresponde a esta base de datos. Inicie sesión.")
        if current is None or not current.active:
            raise SignInFailed(f"La cuenta «{session.account.name}» ya no está activa.")
        return Session(current, session.key)

    # --- Signing in ------------------------------------------------------------------

    @classmethod
    def sign_in(cls, path: str | Path, name: str, password: str,
                now: float | None = None):
        """A Workspace on ``path`` signed in as ``name``; SignInFailed (counted: after three
        failures each attempt waits longer) when the password does not open that user's
        slot. The slot is opened first, from the key file: its key opens the encrypted
        database (and converts a clear one, the first time after upgrading)."""
        path, name = Path(path), name.strip().lower()
        key = unlock(path, user_slot(name), password, now,
                     {"accion": "inicio_fallido", "usuario": name or NO_ACCOUNT, "objeto": name})
        from seguimiento_desktop.storage.database import open_store
        workspace = cls(open_store(path, create=False, key=key))
        try:
            workspace.session = workspace._signed_in(name, key, now)
        except BaseException:
            workspace.close()
            raise
        return workspace

    def _signed_in(self, name: str, key: bytes, now: float | None) -> Session:
        """The session of ``name`` whose slot gave ``key``; the failures that waited in the
        key file go to the bitácora first."""
        account = users_table.user_by_name(self.store.db, name)
        if account is None or not account.active:
            keys = keyslots.read_key_file(self.store.path)
            keyslots.note_failure(keys, {"accion": "inicio_fallido", "usuario": name,
                                         "objeto": name,
                                         "detalle": {"intentos_seguidos": keys.failures + 1}},
                                  now)
            keyslots.write_key_file(self.store.path, keys)
            self.write_pending_lines()
            raise SignInFailed(f"La cuenta «{name}» está desactivada." if account
                               else "Usuario o contraseña incorrectos.")
        from seguimiento_desktop.storage import integrity
        if integrity.is_deferred(self.store.path):  # the GUI's start: nothing written yet
            self._keep_sign_in(name, now)
        else:
            self.write_pending_lines(reset=True)
            self.log_action("inicio_sesion", name, user=name)
        self._accounts_exist = True
        return Session(account, key)

    def _keep_sign_in(self, name: str, now: float | None) -> None:
        """The sign-in's bitácora line kept in the key file after the failures before it
        (the count reset now), for ``write_pending_lines`` once the database has passed
        its deferred integrity check (storage/integrity.py); a process that ends first
        leaves it there for the next sign-in."""
        keys = keyslots.read_key_file(self.store.path)
        keyslots.note_failure(keys, {"accion": "inicio_sesion", "usuario": name, "objeto": name},
                              now, counted=False)
        keys.failures, keys.last_failure = 0, 0.0
        keyslots.write_key_file(self.store.path, keys)

    def write_pending_lines(self, reset: bool = False) -> None:
        """Write the lines the key file kept (failed sign-ins, a sign-in made before the
        integrity check) into the bitácora, with their own time, then forget them;
        ``reset`` also clears the failures' count (a successful sign-in)."""
        keys = keyslots.read_key_file(self.store.path)
        if keys is None or not (keys.pending or (reset and keys.failures)):
            return
        with self.store.db.atomic() as db:
            for entry in keys.pending:
                at = datetime.fromtimestamp(float(entry["momento"])).isoformat(timespec="seconds")
                audit.append(db, at, entry.get("usuario") or NO_ACCOUNT, entry["accion"],
                             entry.get("objeto", ""), entry.get("detalle", {}))
            keys.pending = []
            if reset:
                keys.failures, keys.last_failure = 0, 0.0
            keyslots.write_key_file(self.store.path, keys)  # inside: both or neither

    def seconds_before_next_attempt(self, now: float | None = None) -> float:
        """How long the login screen must wait before it may try again."""
        keys = keyslots.read_key_file(self.store.path)
        return keyslots.seconds_to_wait(keys, now) if keys else 0.0

    def check_password(self, password: str) -> bool:
        """Whether ``password`` is the signed-in user's (the idle lock asks for it again)."""
        if self.session is None:
            return False
        name = self.session.account.name
        try:
            key = unlock(self.store.path, user_slot(name), password, None,
                         {"accion": "inicio_fallido", "usuario": name, "objeto": name})
            self.session = self._signed_in(name, key, None)
        except SignInFailed:
            self.write_pending_lines()
            return False
        return True

    # --- The first administrator and the recovery code --------------------------------

    def create_administrator(self, name: str, full_name: str, password: str,
                             recovery_code: str = "") -> str:
        """Create the first account (administrador) of a database that has none; sign in
        as it and return the recovery code, to be printed and kept (shown only now). The
        first-run assistant shows ``recovery_code`` (codes.new_recovery_code) before it
        writes anything, so it passes it in."""
        if self.has_accounts():
            raise InvalidData("Esta base de datos ya tiene administrador. Inicie sesión con él.")
        account = self._new_account(name, full_name, ADMIN, password)
        key = keyslots.new_database_key()
        code = codes.normalize_recovery_code(recovery_code or codes.new_recovery_code())
        keys = keyslots.KeyFile(keyslots.key_check(key))
        keys.slots[user_slot(account.name)] = keyslots.wrap(key, password, user_slot(account.name))
        keys.slots[keyslots.RECOVERY_SLOT] = keyslots.wrap(key, code, keyslots.RECOVERY_SLOT)
        with self.store.db.atomic() as db:
            users_table.insert_user(db, account)
            keyslots.write_key_file(self.store.path, keys)  # last: a failure leaves no slots
            audit.append(db, _now(), account.name, "crear_administrador", account.name,
                         {"nombre": account.full_name})
        self.session, self._accounts_exist = Session(account, key), True
        return code

    @classmethod
    def recover(cls, path: str | Path, code: str, name: str, new_password: str):
        """Set a new password for an administrator with the recovery code; signed in.

        A used code is spent: the recovery slot is rewrapped under a new code, in the same
        write as the new password, and the workspace carries it as ``new_recovery_code``
        to be shown once, as at set-up (the old one opens nothing from then on)."""
        code = codes.normalize_recovery_code(code)
        codes.check_password(new_password)
        path, name = Path(path), name.strip().lower()
        key = unlock(path, keyslots.RECOVERY_SLOT, code, None,
                     {"accion": "recuperacion_fallida", "usuario": name or NO_ACCOUNT,
                      "objeto": name}, counted=False)
        from seguimiento_desktop.storage.database import open_store
        workspace = cls(open_store(path, create=False, key=key))
        try:
            workspace.new_recovery_code = workspace._recover(key, name, new_password)
        except BaseException:
            workspace.close()
            raise
        return workspace

    def _recover(self, key: bytes, name: str, new_password: str) -> str:
        account = users_table.user_by_name(self.store.db, name)
        if account is None or account.role != ADMIN or not account.active:
            raise InvalidData(f"«{name}» no es un administrador activo de esta base de datos.")
        keys = self._key_file()
        keys.slots[user_slot(name)] = keyslots.wrap(key, new_password, user_slot(name))
        new_code = codes.new_recovery_code()
        keys.slots[keyslots.RECOVERY_SLOT] = keyslots.wrap(key, new_code, keyslots.RECOVERY_SLOT)
        keyslots.write_key_file(self.store.path, keys)
        self.write_pending_lines(reset=True)
        self.session, self._accounts_exist = Session(account, key), True
        self.log_action("recuperar_contrasena", name)
        return new_code

    # --- Users -----------------------------------------------------------------------

    def _new_account(self, name: str, full_name: str, role: str, password: str) -> Account:
        name = codes.normalize_user_name(name)
        if role not in ROLES:
            raise InvalidData(f"Rol desconocido «{role}»: use {', '.join(ROLES)}.")
        if not full_name.strip():
            raise InvalidData("Escriba el nombre completo de la persona.")
        codes.check_password(password)
        if users_table.user_by_name(self.store.db, name) is not None:
            raise InvalidData(f"Ya existe el usuario «{name}».")
        return Account(name, " ".join(full_name.split()), role, True, _now())

    def users(self) -> list[Account]:
        """Every account, active or not (administrador)."""
        return users_table.all_users(self.store.db)

    def my_account(self) -> Account | None:
        return self.account

    def create_user(self, name: str, full_name: str, role: str, password: str) -> Account:
        """Add an account with its key slot (administrador)."""
        account = self._new_account(name, full_name, role, password)
        keys = self._key_file()
        keys.slots[user_slot(account.name)] = keyslots.wrap(self._key(), password,
                                                            user_slot(account.name))
        with self.store.db.atomic() as db:
            users_table.insert_user(db, account)
            keyslots.write_key_file(self.store.path, keys)
            audit.append(db, _now(), self.account.name, "crear_usuario", account.name,
                         {"rol": role, "nombre": account.full_name})
        return account

    def change_password(self, name: str, new_password: str) -> None:
        """Give ``name`` a new password: only that user's slot is rewrapped (administrador)."""
        self._rewrap(name.strip().lower(), new_password)

    def change_my_password(self, current: str, new_password: str) -> None:
        """The signed-in user changes their own password (any role)."""
        if self.session is None or not self.check_password(current):
            raise SignInFailed("La contraseña actual no es correcta.")
        self._rewrap(self.session.account.name, new_password)

    def _rewrap(self, name: str, new_password: str) -> None:
        codes.check_password(new_password)
        account = users_table.user_by_name(self.store.db, name)
        if account is None or not account.active:
            raise InvalidData(f"No hay un usuario activo «{name}».")
        keys = self._key_file()
        keys.slots[user_slot(name)] = keyslots.wrap(self._key(), new_password, user_slot(name))
        keyslots.write_key_file(self.store.path, keys)
        self.log_action("cambiar_contrasena", name)

    def deactivate_user(self, name: str) -> None:
        """Deactivate an account and remove its key slot (administrador). The last active
        administrator and the signed-in account stay."""
        name = name.strip().lower()
        account = users_table.user_by_name(self.store.db, name)
        if account is None:
            raise InvalidData(f"No existe el usuario «{name}».")
        if self.account is not None and name == self.account.name:
            raise InvalidData("No puede desactivar su propia cuenta.")
        if account.role == ADMIN and users_table.count_active_admins(self.store.db) <= 1:
            raise InvalidData("Es el único administrador activo: cree otro antes.")
        keys = self._key_file()
        keys.slots.pop(user_slot(name), None)
        with self.store.db.atomic() as db:
            users_table.set_active(db, name, False)
            keyslots.write_key_file(self.store.path, keys)
            audit.append(db, _now(), self.account.name if self.account else NO_ACCOUNT,
                         "desactivar_usuario", name, {})

    def _key_file(self) -> keyslots.KeyFile:
        keys = keyslots.read_key_file(self.store.path)
        if keys is None:
            raise DatabaseError(no_accounts_message(self.store.path))
        return keys

    def _key(self) -> bytes:
        if self.session is None:
            raise InvalidData("Inicie sesión como administrador para cambiar usuarios.")
        return self.session.key

    def idle_lock_minutes(self) -> int:
        """Minutes without use before the window locks (10 unless the administrator chose)."""
        return users_table.idle_minutes(self.store.db, IDLE_MINUTES)

    def set_idle_lock_minutes(self, minutes: int) -> None:
        """Choose the idle time before the window locks, 1 to 240 minutes (administrador)."""
        if not 1 <= int(minutes) <= 240:
            raise InvalidData("El bloqueo por inactividad va de 1 a 240 minutos.")
        with self.store.db.atomic() as db:
            users_table.put_idle_minutes(db, int(minutes))
            self.log_action("bloqueo_por_inactividad", detail={"minutos": int(minutes)})

    # --- The bitácora ----------------------------------------------------------------

    def audit_log(self, query: AuditQuery = AuditQuery(), limit: int = 0) -> list[AuditEntry]:
        """Lines of the bitácora matching ``query``, newest first (administrador)."""
        return audit.find(self.store.db, query, limit)

    def audit_actions(self) -> list[str]:
        """The actions that appear in the bitácora, for its filter."""
        return audit.actions(self.store.db)

    def verify_audit_chain(self) -> ChainCheck:
        """Recompute the chain: where a row was edited or deleted, it breaks."""
        return ChainCheck(*audit.verify_chain(self.store.db))

    def export_audit(self, destination: str | Path, query: AuditQuery = AuditQuery()) -> int:
        """Write the matching lines as CSV (UTF-8 with BOM, for Excel); return how many."""
        import csv  # here, not at every start

        from seguimiento_desktop.storage.files import atomic_output
        rows = self.audit_log(query)
        with atomic_output(Path(destination)) as partial:
            with open(partial, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\r\n")
                writer.writerow(["registro", "fecha", "usuario", "accion", "objeto", "detalle",
                                 "sello"])
                for e in rows:
                    writer.writerow([e.seq, e.at, neutralise(e.user), e.action,
                                     neutralise(e.target),
                                     neutralise(e.detail_text()),
                                     e.hash])
        self.log_action("exportar_bitacora", str(destination), {"registros": len(rows)})
        return len(rows)


# A spreadsheet reads a CSV cell starting with one of these as a formula: the rule of
# exports/writers.py (not imported here: that module loads pandas, a second's wait).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unlock(path: Path, slot_name: str, secret: str, now: float | None, failure: dict,
           counted: bool = True) -> bytes:
    """The database key from the slot ``secret`` opens, read from the key file before the
    database is opened (an encrypted one cannot say anything before). A failure is counted
    there (``counted``: the next attempt waits longer) and kept for the bitácora, which
    gets it at the next successful sign-in; SignInFailed."""
    keys = keyslots.read_key_file(path)
    if keys is None:
        if not path.exists():
            raise DatabaseError(f"No existe la base de datos {path}. Créela con «seguimiento "
                                "init».")
        raise SignInFailed(no_accounts_message(path))
    wait = keyslots.seconds_to_wait(keys, now) if counted else 0.0
    if wait > 0:
        from seguimiento_desktop.domain.text import quantity
        raise SignInFailed(f"Demasiados intentos fallidos. Espere "
                           f"{quantity(int(wait + 0.999), 'segundo')} y vuelva a intentarlo.")
    slot = keys.slots.get(slot_name)
    key = keyslots.unwrap(slot, secret, slot_name) if slot else None
    if key is None:
        detail = {"intentos_seguidos": keys.failures + 1} if counted else {}
        keyslots.note_failure(keys, {**failure, "detalle": detail}, now, counted)
        keyslots.write_key_file(path, keys)
        raise SignInFailed("Usuario o contraseña incorrectos." if counted else
                           "El código de recuperación no corresponde a esta base de datos.")
    return key


def has_key_file(path: str | Path) -> bool:
    """Whether the database at ``path`` has accounts, told by its key file alone (a
    database with one is encrypted, or is converted at the next sign-in)."""
    return keyslots.sidecar_path(Path(path)).exists()


def no_accounts_message(path: Path) -> str:
    """What the CLI says on a database without accounts: which command creates one."""
    return (f"La base de datos {path.name} todavía no tiene cuentas de usuario. Cree el "
            "administrador con «seguimiento --db ARCHIVO usuarios crear-administrador "
            "--usuario NOMBRE --nombre \"NOMBRE COMPLETO\"» o abra el programa de escritorio.")


ACCOUNT_USE_CASES = frozenset({
    "has_accounts", "account", "require", "may", "log_action", "sign_in",
    "seconds_before_next_attempt", "check_password", "create_administrator", "recover",
    "write_pending_lines"})
