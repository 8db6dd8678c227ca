"""Opening and closing a sala: the desk, the students' list, the listening socket, cheroot.

cheroot (CherryPy's WSGI server) is pure Python with a thread pool, runs the same on the
plantel's Windows PC inside the frozen app, and serves plain HTTP or HTTPS (the stdlib's
ssl) with one code path. The socket is bound here, on the one interface chosen (the PC's
address on the school network, never every interface), so that a port already in use is
told in Spanish before anything is served. Served only between ``open_sala`` and
``SalaServer.close``.
"""

import errno
import ipaddress
import socket
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from seguimiento_desktop.errors import UserError
from seguimiento_desktop.sala.desk import Desk
from seguimiento_desktop.sala.session import Counts, SalaConfig, SalaSession

if TYPE_CHECKING:
    from seguimiento_desktop.accounts.roles import Session
    from seguimiento_desktop.sala.certificate import SalaCertificate
    from seguimiento_desktop.sala.listener import SalaHTTPServer

DEFAULT_PORT = 8080
FIREWALL_HINT = (
    "Si las computadoras de la sala no abren la dirección, el firewall de Windows puede estar "
    "bloqueando el puerto {port}: cuando Windows pregunte, permita «Seguimiento de Egresados» "
    "en redes privadas; o, como administrador, ejecute: netsh advfirewall firewall add rule "
    "name=\"Seguimiento sala\" dir=in action=allow protocol=TCP localport={port} "
    "profile=private")

HTTPS_HINT = (
    "Conexión cifrada: los navegadores de los alumnos mostrarán un aviso («La conexión no es "
    "privada» o «Advertencia: riesgo potencial de seguridad») porque el certificado lo hizo "
    "esta computadora y no una autoridad de internet. Pida que abran los detalles del aviso "
    "(«Configuración avanzada» o «Avanzado…», y el certificado) y comparen su huella SHA-256 "
    "con la que se proyecta aquí; si coincide, que elijan «Acceder a … (sitio no seguro)» o "
    "«Aceptar el riesgo y continuar». Si no coincide, que no escriban nada y le avisen.")


class PortInUse(UserError):
    """The chosen port is taken by another program (or another sala)."""


# One address in each private range (and one outside them): the interface that would
# carry a packet to each is an interface a lab's network may be on.
ROUTE_PROBES = ("10.255.255.255", "172.31.255.255", "192.168.255.255", "198.51.100.1")
LOOPBACK = "127.0.0.1"


def lan_address() -> str:
    """This PC's address on its network (the interface of the default route), or
    127.0.0.1 when it has none. No packet is sent: connecting a UDP socket only picks
    the route."""
    return _route_source(ROUTE_PROBES[0]) or LOOPBACK


def local_addresses() -> list[str]:
    """The addresses a sala can listen on, the default route's first and 127.0.0.1 (this
    PC only) last: a PC with both a cable and Wi-Fi has one per network. Found by asking
    the routing table, without DNS (a host name lookup can hang on a school network)."""
    found = [lan_address()]
    for target in ROUTE_PROBES[1:]:
        address = _route_source(target)
        if address and address not in found:
            found.append(address)
    return [address for address in found if address != LOOPBACK] + [LOOPBACK]


def _route_source(target: str) -> str | None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect((target, 1))
        address = probe.getsockname()[0]
        return None if address == "0.0.0.0" else address
    except OSError:
        return None
    finally:
        probe.close()


# Connections the kernel holds until the one accepting thread takes them: sixty browsers
# and their spare connections arrive at once. cheroot calls listen() again on our socket
# with its request_queue_size (5 by default), so listener.py passes it this too; with 5,
# a burst overflowed the queue and the kernel answered some connections with a reset.
BACKLOG = 128


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port``; PortInUse (Spanish) when it cannot be had."""
    _check_address(host)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if sys.platform == "win32":  # else Windows lets a second program share the port
        sock.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_EXCLUSIVEADDRUSE", -5), 1)
    else:  # a sala closed a moment ago leaves connections in TIME_WAIT, not a listener
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError as error:
        sock.close()
        raise PortInUse(_bind_problem(error, host, port)) from error
    sock.setblocking(False)
    return sock


def _session_students(workspace, config: SalaConfig):
    """Who the session lets in, how many of them still have to answer, and the site."""
    from seguimiento_desktop.sala import answering
    students = answering.session_students(workspace, config)
    return (students, len(answering.still_to_answer(workspace, config, students)),
            answering.site(workspace, config))


def _refuse_premature(config: SalaConfig) -> None:
    """C2 and C3 are for graduates. The capture screen asks before keying one paper early;
    a sala is a whole generación answering by itself, with nobody to ask, so a generación
    that has not graduated is refused (the usual slip: the wrong line in the list)."""
    from datetime import date

    from seguimiento_desktop.domain.calendar import premature_questionnaire
    window = premature_questionnaire(config.cohort, config.questionnaire, date.today())
    if window is not None:
        number = config.questionnaire[1:]
        raise UserError(f"La generación {config.cohort} aún no egresa: el Cuestionario {number} "
                        f"se aplica a sus egresados en {window.months}. Elija una generación que "
                        "ya egresó, o el Cuestionario 1 para quienes están por egresar.")


def _check_address(host: str) -> None:
    """Only one of this PC's IPv4 addresses: a name would be looked up in DNS (which can
    hang on a school network), and 0.0.0.0 would listen on every network and give the
    students an address they cannot open."""
    try:
        address = ipaddress.IPv4Address(host)
    except ValueError:
        address = None
    if address is None or address.is_unspecified:
        raise UserError(f"«{host}» no es una dirección de esta computadora. "
                        f"{_addresses_hint()}")


def _addresses_hint() -> str:
    return f"Use una de las que tiene ahora: {', '.join(local_addresses())}."


def _bind_problem(error: OSError, host: str, port: int) -> str:
    if error.errno in (errno.EADDRINUSE, 10048):
        return (f"El puerto {port} ya está en uso en esta computadora (otro programa u otra "
                "sala lo ocupa). Elija otro puerto (por ejemplo 8081) o cierre ese programa.")
    if error.errno in (errno.EACCES, 10013):
        return (f"Esta computadora no permite usar el puerto {port}. Elija uno entre 1024 y "
                "65535, por ejemplo 8080.")
    if error.errno in (errno.EADDRNOTAVAIL, 10049):
        return (f"Esta computadora no tiene la dirección {host} (quizá ya está en otra red o "
                f"se desconectó). {_addresses_hint()}")
    return (f"No se pudo escuchar en la dirección {host}, puerto {port}: {error.strerror}. "
            "Revise que la computadora esté conectada a la red de la escuela.")


class SalaServer:
    """A sala being served; ``close`` it (the window or Ctrl+C of `sala abrir`)."""

    def __init__(self, sala: SalaSession, desk: Desk, host: str, port: int,
                 server: "SalaHTTPServer", certificate: "SalaCertificate | None" = None):
        self.sala, self.desk, self.host, self.port = sala, desk, host, port
        self.certificate = certificate
        self._server = server
        self._thread = threading.Thread(target=server.serve, name="sala-servidor", daemon=True)
        self._thread.start()

    @property
    def address(self) -> str:
        """What students type: «http://192.168.1.20:8080/» (https:// when encrypted)."""
        scheme = "https" if self.certificate else "http"
        return f"{scheme}://{self.host}:{self.port}/"

    @property
    def hint(self) -> str:
        """What the orientador reads under the address: the firewall's note, after what the
        students' browsers will say of the certificate when encrypted."""
        firewall = FIREWALL_HINT.format(port=self.port)
        return f"{HTTPS_HINT}\n\n{firewall}" if self.certificate else firewall

    def counts(self) -> Counts:
        return self.sala.counts()

    def close(self, grace_s: float = 2.0) -> Counts:
        """Stop serving: pages sent from now on are still saved and told «la sesión
        terminó»; after ``grace_s`` the socket closes. Returns the final counts."""
        self.sala.close()
        time.sleep(grace_s)
        self._server.stop()
        self._thread.join(5)
        counts = self.sala.counts()
        try:
            self.desk.call(lambda ws: ws.log_action("cerrar_sala", self.sala.config.questionnaire, {
                "generacion": self.sala.config.cohort, "iniciaron": counts.started,
                "terminaron": counts.finished}))
        finally:
            self.desk.stop()
        return counts


def open_sala(path: str | Path, session: "Session | None", config: SalaConfig,
              host: str = "", port: int = DEFAULT_PORT, https: bool = False) -> SalaServer:
    """Serve ``config``'s questionnaire to its students on ``host:port`` (the LAN address
    when empty), over TLS with the plantel's self-signed certificate when ``https``.
    Orientadores and administradores only (the directory permission: the session reads
    the students' list)."""
    from seguimiento_desktop.accounts.roles import DIRECTORY
    from seguimiento_desktop.sala import answering
    from seguimiento_desktop.sala.certificate import sala_certificate
    from seguimiento_desktop.sala.listener import SalaHTTPServer
    from seguimiento_desktop.sala.slip_codes import SlipCodes
    from seguimiento_desktop.sala.web import create_app
    desk = Desk(Path(path), session)
    desk.start()
    sock = server = None
    try:
        desk.call(lambda ws: ws.require(DIRECTORY))
        _refuse_premature(config)
        students, pending, site = desk.call(lambda ws: _session_students(ws, config))
        roster = {s.curp: s.id for s in students}
        if not roster:
            group = f" y el grupo {config.group}" if config.group else ""
            raise UserError(f"No hay alumnos de la generación {config.cohort}{group} en el "
                            "directorio. Revise la generación o importe la lista de alumnos.")
        if not pending:
            raise answering.nobody_left(config)
        slips = SlipCodes(path, session.key if session else None)
        sala = SalaSession(config, roster, pending, slips)
        sock = listening_socket(host or lan_address(), port)
        bound_host, bound_port = sock.getsockname()[:2]
        certificate = (sala_certificate(path, bound_host, session.key if session else None)
                       if https else None)
        server = SalaHTTPServer(sock, create_app(sala, desk, site, secure=https), certificate)
        server.prepare()
        desk.call(lambda ws: ws.log_action("abrir_sala", config.questionnaire, {
            "generacion": config.cohort, "grupo": config.group,
            "direccion": f"{bound_host}:{bound_port}", "cifrada": https}))
    except BaseException:
        if server is not None and server.ready:
            server.stop()  # its worker threads would keep the process alive
        elif sock is not None:
            sock.close()
        desk.stop()
        raise
    return SalaServer(sala, desk, bound_host, bound_port, server, certificate)
