"""The sala over HTTPS: its self-signed certificate (made, kept, renewed) and the pages
served over TLS to a client that trusts only that certificate."""

import datetime
import hashlib
import ipaddress
import os
import socket
import ssl
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from hypothesis import given, settings
from hypothesis import strategies as st

from seguimiento_desktop.sala.certificate import (CERT_SUFFIX, KEY_SUFFIX, RENEW_BEFORE_DAYS,
                                                  VALID_DAYS, addresses_of, sala_certificate)
from seguimiento_desktop.sala.server import open_sala
from seguimiento_desktop.sala.session import SalaConfig
from seguimiento_desktop.sala.simulated import SimulatedStudent, pinned_context
from tests.sala.conftest import GRADUATING, answers_for, stored

KEY = b"k" * 32  # a plantel's database key
NOW = datetime.datetime(2027, 5, 20, 9, 0, tzinfo=datetime.timezone.utc)


def load(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


@settings(max_examples=25, deadline=None)
@given(st.ip_addresses(v=4))
def test_the_certificate_names_the_address_students_type(address):
    with tempfile.TemporaryDirectory() as folder:
        made = sala_certificate(Path(folder) / "plantel.sqlite", str(address), KEY, NOW)
        certificate = load(made.cert_path)
    assert addresses_of(certificate) == [str(address)]
    assert made.fingerprint == ":".join(
        f"{b:02X}" for b in hashlib.sha256(certificate.public_bytes(
            serialization.Encoding.DER)).digest())
    assert certificate.not_valid_before_utc <= NOW
    assert certificate.not_valid_after_utc - NOW == datetime.timedelta(days=VALID_DAYS)


def test_the_certificate_is_kept_across_sessions_and_renewed_when_it_no_longer_fits(tmp_path):
    database = tmp_path / "plantel.sqlite"
    first = sala_certificate(database, "192.168.1.20", KEY, NOW)
    assert sala_certificate(database, "192.168.1.20", KEY, NOW).fingerprint == first.fingerprint
    later = NOW + datetime.timedelta(days=VALID_DAYS - RENEW_BEFORE_DAYS - 1)
    assert sala_certificate(database, "192.168.1.20", KEY, later).fingerprint == first.fingerprint
    near_end = NOW + datetime.timedelta(days=VALID_DAYS - RENEW_BEFORE_DAYS + 1)
    renewed = sala_certificate(database, "192.168.1.20", KEY, near_end)
    assert renewed.fingerprint != first.fingerprint
    moved = sala_certificate(database, "10.0.0.7", KEY, near_end)  # the PC on another network
    assert moved.fingerprint != renewed.fingerprint
    assert addresses_of(load(moved.cert_path)) == ["10.0.0.7"]
    (tmp_path / ("plantel.sqlite" + CERT_SUFFIX)).write_text("dañado")
    assert sala_certificate(database, "10.0.0.7", KEY, near_end).fingerprint != moved.fingerprint


def test_the_private_key_cannot_be_read_without_the_plantels_key(tmp_path):
    database = tmp_path / "plantel.sqlite"
    made = sala_certificate(database, "192.168.1.20", KEY, NOW)
    pem = made.key_path.read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in pem
    with pytest.raises(TypeError):  # a thief of the PC: no password, no key
        serialization.load_pem_private_key(pem, None)
    if os.name == "posix":
        assert made.key_path.stat().st_mode & 0o777 == 0o600
    # another plantel's key (a copied folder): a new pair, never an error
    other = sala_certificate(database, "192.168.1.20", b"x" * 32, NOW)
    assert other.fingerprint != made.fingerprint
    assert (tmp_path / ("plantel.sqlite" + KEY_SUFFIX)).exists()


@pytest.fixture
def secure_lab(plantel, session):
    server = open_sala(plantel, session, SalaConfig("C1", GRADUATING), "127.0.0.1", 0, https=True)
    yield server
    if not server.sala.closed:
        server.close(grace_s=0)


def served_certificate_at(host: str, port: int) -> bytes:
    """The certificate a port presents, as a browser receives it before trusting it (DER)."""
    unverified = ssl.create_default_context()
    unverified.check_hostname, unverified.verify_mode = False, ssl.CERT_NONE
    with socket.create_connection((host, port), timeout=10) as raw:
        with unverified.wrap_socket(raw) as tls:
            return tls.getpeercert(binary_form=True)


def served_certificate(lab) -> bytes:
    return served_certificate_at(lab.host, lab.port)


def fingerprint_of(der: bytes) -> str:
    """Computed here, not with the app's function: what a browser's certificate viewer shows."""
    return ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())


def test_a_student_answers_over_https_pinned_to_the_fingerprint_shown(secure_lab, plantel,
                                                                      students):
    assert secure_lab.address.startswith("https://127.0.0.1:")
    shown = secure_lab.certificate.fingerprint
    served = served_certificate(secure_lab)
    assert fingerprint_of(served) == shown
    pinned = pinned_context(ssl.DER_cert_to_PEM_cert(served))
    browser = SimulatedStudent(secure_lab.address, pinned)
    reply = browser.sign_in(students[0].curp, secure_lab.sala.code)
    assert "/pregunta/CONSENTIMIENTO" in reply.url
    cookie = next(c for c in browser.cookies if c.name == "sala")
    assert cookie.secure  # never sent back over plain HTTP
    with browser.opener.open(secure_lab.address, timeout=10) as response:
        assert response.headers["Strict-Transport-Security"] is None  # see web.create_app
    answers = answers_for(plantel, students[0], seed=5)
    assert browser.answer_all(answers).url.endswith("/gracias")
    assert stored(plantel, students[0].id).status == "completa"
    # A client that trusts only another certificate is refused by its own TLS check.
    stranger = SimulatedStudent(secure_lab.address, pinned_context(ssl.DER_cert_to_PEM_cert(
        served_certificate_of_another_sala(plantel))))
    with pytest.raises(urllib.error.URLError, match="CERTIFICATE_VERIFY_FAILED"):
        stranger.get("/")


def served_certificate_of_another_sala(plantel: Path) -> bytes:
    other = sala_certificate(plantel.with_name("otro.sqlite"), "127.0.0.1", KEY)
    return load(other.cert_path).public_bytes(serialization.Encoding.DER)


def idle_connections(lab, count: int, handshake: bool) -> list:
    """Connections that say nothing (or finish the TLS handshake and say nothing more), as
    Chromium's spare «preconnect» sockets do; more of them than the server has threads."""
    unverified = ssl.create_default_context()
    unverified.check_hostname, unverified.verify_mode = False, ssl.CERT_NONE
    held = [socket.create_connection((lab.host, lab.port), timeout=10) for _ in range(count)]
    return [unverified.wrap_socket(s) if handshake else s for s in held]


@pytest.mark.parametrize("https", [False, True], ids=["http", "https"])
def test_idle_connections_do_not_hold_the_students_pages(plantel, session, https):
    from seguimiento_desktop.sala.listener import THREADS
    lab = open_sala(plantel, session, SalaConfig("C1", GRADUATING), "127.0.0.1", 0, https=https)
    try:
        held = idle_connections(lab, THREADS + 2, handshake=False)
        if https:
            held += idle_connections(lab, THREADS + 2, handshake=True)
        context = (pinned_context(ssl.DER_cert_to_PEM_cert(served_certificate(lab)))
                   if https else None)
        started = time.perf_counter()
        reply = SimulatedStudent(lab.address, context).get("/")
        assert reply.status == 200 and "Tu CURP" in reply.text
        assert time.perf_counter() - started < 3
    finally:
        for connection in held:
            connection.close()
        lab.close(grace_s=0)


def test_an_address_typed_without_https_is_sent_to_the_https_one(secure_lab):
    plain = SimulatedStudent(secure_lab.address.replace("https://", "http://"))
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(plain.address + "/", timeout=10)
    assert refused.value.code == 302
    assert refused.value.headers["Location"] == secure_lab.address
    assert "conexión cifrada" in refused.value.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_the_address_in_the_certificate_is_the_one_served(secure_lab):
    certificate = x509.load_der_x509_certificate(served_certificate(secure_lab))
    assert addresses_of(certificate) == [secure_lab.host]
    assert ipaddress.ip_address(secure_lab.host).is_loopback
