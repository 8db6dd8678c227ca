"""What the sync use cases return to the GUI and the CLI (frozen dataclasses, no logic)."""

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from seguimiento_desktop.sync.keys import Fingerprint


@dataclass(frozen=True)
class EnrollmentInfo:
    """A plantel installation's enrollment request (solicitud de registro)."""

    installation_id: str
    cct: str
    school_name: str
    fingerprint: Fingerprint
    path: Path | None = None
    pc_label: str = ""  # «PC CAPTURA-2 (…4808)», as the office will name the PC


@dataclass(frozen=True)
class Installation:
    """An installation enrolled at the central office (or at a plantel's main PC)."""

    installation_id: str
    cct: str
    school_name: str
    fingerprint: Fingerprint
    enrolled_at: str
    revoked: bool = False
    pc_label: str = ""  # «PC CAPTURA-2 (…4808)»


@dataclass(frozen=True)
class ConfigInfo:
    """A configuration package, as read (before trusting it) or as imported."""

    central_id: str
    central_name: str
    serial: int
    profile: str
    fingerprint: Fingerprint
    first_import: bool
    rotated: bool = False
    questionnaires: tuple[str, ...] = ()
    catalogs: tuple[str, ...] = ()
    path: Path | None = None


@dataclass(frozen=True)
class ExportResult:
    """A bundle written to the stick (paquete exportado)."""

    path: Path
    seq: int
    base_seq: int
    counts: dict[str, int]
    size: int
    unacknowledged_bundles: int


@dataclass(frozen=True)
class AckResult:
    """An acknowledgement imported (acuse de recibo)."""

    seq: int
    already_imported: bool
    delivered: dict[str, int]
    pending: dict[str, int]
    corrections: int = 0  # conflicts the office resolved, applied to records here


@dataclass(frozen=True)
class SyncStatus:
    """The plantel side at a glance: trust, last export, what waits for an acknowledgement."""

    installation_id: str
    fingerprint: Fingerprint
    configured: bool
    central_name: str
    central_fingerprint: Fingerprint | None
    profile: str
    last_seq: int
    last_acked_seq: int
    pending: dict[str, int]


@dataclass(frozen=True)
class MergeCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    waiting: int = 0

    def plus(self, other: "MergeCounts") -> "MergeCounts":
        return MergeCounts(self.new + other.new, self.updated + other.updated,
                           self.unchanged + other.unchanged, self.conflicts + other.conflicts,
                           self.waiting + other.waiting)


@dataclass(frozen=True)
class BundleOutcome:
    """What happened to one bundle file: accepted (and counts) or rejected (and why)."""

    path: Path
    accepted: bool
    reason: str = ""
    message: str = ""
    cct: str = ""
    installation_id: str = ""
    seq: int = 0
    duplicate: bool = False
    counts: MergeCounts = field(default_factory=MergeCounts)
    ack_path: Path | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class MergeReport:
    outcomes: tuple[BundleOutcome, ...]
    gaps: tuple[str, ...]

    @property
    def rejected(self) -> int:
        return sum(1 for o in self.outcomes if not o.accepted)


@dataclass(frozen=True)
class InstallationStatus:
    installation_id: str
    cct: str
    school_name: str
    fingerprint: Fingerprint
    revoked: bool
    bundles: int
    last_seq: int
    last_created_at: str
    last_received_at: str
    missing: tuple[int, ...]
    covered: tuple[int, ...]
    messages: tuple[str, ...]
    label: str = ""  # «PC CAPTURA-2 (…4808)»: how the office names this PC


@dataclass(frozen=True)
class SchoolStatus:
    cct: str
    school_name: str
    students: int
    responses: dict[str, int]
    installations: tuple[InstallationStatus, ...]
    state: str = ""       # entidad from the CCT (catalog name)
    subsystem: str = ""   # subsistema, catalog name when the catalog knows it
    municipality: str = ""      # municipio, INEGI's name when its list has it
    municipality_key: str = ""  # INEGI's five digits; '' when the list lacks the text

    @property
    def place(self) -> str:
        """«Jalisco · UEMSTIS (antes DGETI): CBTIS y CETIS», as the status lines show it."""
        return " · ".join(p for p in (self.state, self.subsystem) if p)


@dataclass(frozen=True)
class CentralStatus:
    name: str
    fingerprint: Fingerprint
    profile: str
    schools: tuple[SchoolStatus, ...]
    open_conflicts: int
    waiting_records: int


@dataclass(frozen=True)
class Conflict:
    """One field where a concurrent version differs from the kept one (vista «Conflictos»)."""

    id: str
    kind: str            # "alumno" or "respuesta"
    row_id: str
    curp: str
    name: str
    field: str
    label: str
    kept_value: str
    other_value: str
    kept_origin: str
    other_origin: str
    kept_at: str
    other_at: str
    kept_pc: str = ""    # «PC …4808»: two PCs of one plantel share the CCT
    other_pc: str = ""


class Pick(Enum):
    """Which version of a conflict's field the office keeps (or a typed value instead)."""

    KEPT = "conservar"
    OTHER = "otro"


@dataclass(frozen=True)
class Resolution:
    """A conflict resolved at the office: the value chosen, by whom and when."""

    conflict_id: str
    row_id: str
    field: str
    label: str
    choice: str          # "conservar", "otro" or "valor"
    value: str
    resolved_by: str
    resolved_at: str
