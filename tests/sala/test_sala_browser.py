"""The sala in a real browser: headless Chromium (Debian's chromium and chromium-driver)
driven by Selenium, with the page's script on, as a student in the lab uses it."""

import shutil

import pytest

from seguimiento_desktop.questionnaires.engine import evaluate
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.questionnaires.model import MULTIPLE
from seguimiento_desktop.sala import pages
from tests.sala.conftest import GRADUATING, answers_for, stored

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="sin navegador para las pruebas de la sala: apt-get install chromium chromium-driver")


@pytest.fixture
def open_browser():
    """Start headless Chromium windows (a phone-sized one); all quit at teardown."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    started = []

    def start(*extra: str):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=412,915", "--lang=es-MX",
                         *extra):
            options.add_argument(argument)
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
        driver.implicitly_wait(0)
        started.append(driver)
        return driver

    yield start
    for driver in started:
        driver.quit()


def sign_in(driver, lab, curp: str) -> None:
    from selenium.webdriver.common.by import By
    driver.get(lab.address)
    driver.find_element(By.ID, "curp").send_keys(curp.lower())  # typed as it comes
    driver.find_element(By.ID, "codigo").send_keys(lab.sala.code)
    press(driver, "Entrar")


def fill_page(driver, answers: dict) -> str:
    """Answer what the page asks with real clicks and keys; return the page's first id."""
    from selenium.webdriver.common.by import By
    form = driver.find_element(By.CSS_SELECTOR, "form[action^='/pregunta/']")
    first = form.get_attribute("action").rsplit("/", 1)[-1]
    definition = load_definition("C1")
    for block in form.find_elements(By.CSS_SELECTOR, "div.pregunta"):
        question = definition.question(block.get_attribute("id")[2:])
        value = answers.get(question.id)
        if question.is_choice:
            wanted = {str(v) for v in (value if question.type == MULTIPLE else [value])}
            for box in block.find_elements(By.CSS_SELECTOR, f"input[name='{question.id}']"):
                if (box.get_attribute("value") in wanted) != box.is_selected():
                    driver.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']").click()
            for other in block.find_elements(By.CSS_SELECTOR, "input.otro"):
                text = answers.get(other.get_attribute("name"))
                if text:
                    other.clear()
                    other.send_keys(text)
        else:
            field = block.find_element(By.ID, question.id)
            field.clear()
            if value is not None:
                field.send_keys(str(value))
    return first


def gone(element):
    """staleness_of, also when Chromium says the node left the document in other words."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    def check(_driver) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            return "does not belong to the document" in str(error)
        return False
    return check


def press(driver, label: str) -> None:
    """Click the button and wait for the next page, as a person waits for it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.XPATH, f"//button[contains(., '{label}')]").click()
    WebDriverWait(driver, 10).until(gone(page))


def test_a_student_answers_every_page_of_c1_in_chromium(lab, plantel, students, open_browser,
                                                         tmp_path):
    driver = open_browser()
    student = students[0]
    answers = answers_for(plantel, student, seed=11,
                          profile={"CONSENTIMIENTO": {1: 1}, "PLAN": {1: 1}})
    sign_in(driver, lab, student.curp)
    assert "Aviso de privacidad" in driver.page_source
    seen = [fill_page(driver, answers)]
    press(driver, "Siguiente")
    fill_page(driver, answers)
    press(driver, "Siguiente")
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait
    page = driver.find_element(By.TAG_NAME, "html")
    driver.back()  # the browser's own back button: the contact page, as saved
    WebDriverWait(driver, 10).until(gone(page))
    assert driver.find_element(By.ID, "CORREO").get_attribute("value") == answers["CORREO"]
    seen.append(fill_page(driver, answers))
    press(driver, "Siguiente")
    driver.save_screenshot(str(tmp_path / "pagina.png"))
    while "/pregunta/" in driver.current_url:
        seen.append(fill_page(driver, answers))
        press(driver, "Terminar" if "Terminar" in driver.page_source else "Siguiente")
    assert driver.current_url.endswith("/gracias") and "¡Listo!" in driver.page_source
    expected = evaluate(load_definition("C1"), answers)
    assert seen == [page.first for page in pages.pages(expected)]  # the engine's skips
    saved = stored(plantel, student.id)
    assert (saved.status, saved.mode, saved.answers) == ("completa", "sala",
                                                         expected.stored_answers())
    sign_in(driver, lab, student.curp)  # a second answer is refused
    assert "Ya contestaste" in driver.page_source


def test_resume_in_a_second_browser_and_a_stranger_refused(lab, plantel, students,
                                                           open_browser):
    from selenium.webdriver.common.by import By
    first, second = open_browser(), open_browser()
    student = students[1]
    answers = answers_for(plantel, student, seed=12, profile={"CONSENTIMIENTO": {1: 1}})
    sign_in(first, lab, student.curp)
    fill_page(first, answers)
    press(first, "Siguiente")
    fill_page(first, answers)
    press(first, "Siguiente")
    assert first.current_url.endswith("/pregunta/SEXO")
    first.set_network_conditions(offline=True, latency=0, throughput=0)  # Wi-Fi lost
    from selenium.webdriver.support.wait import WebDriverWait
    WebDriverWait(first, 10).until(lambda d: d.execute_script("return navigator.onLine") is False)
    fill_page(first, answers)
    first.find_element(By.XPATH, "//button[contains(., 'Siguiente')]").click()
    assert first.find_element(By.ID, "sin-red").is_displayed()
    assert first.current_url.endswith("/pregunta/SEXO")  # the page and its answers stay
    first.close()  # the lab PC crashed (its window gone; the driver quits at teardown)
    sign_in(second, lab, student.curp)
    assert second.current_url.endswith("/pregunta/SEXO")
    stranger = next(s for s in _everyone(plantel) if s.cohort != GRADUATING)
    other = open_browser()
    sign_in(other, lab, stranger.curp)
    assert "no está en la lista de esta sesión" in other.find_element(By.ID, "error-entrar").text
    assert lab.counts().started == 1 and lab.counts().connected == 1


def _everyone(plantel):
    from tests.conftest import signed_in
    with signed_in(plantel) as workspace:
        return workspace.find_students()


def trusting_only(certificate_path) -> str:
    """Chromium's switch to accept one certificate by its public key (and no other)."""
    import base64
    import hashlib

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    key = x509.load_pem_x509_certificate(certificate_path.read_bytes()).public_key()
    spki = key.public_bytes(serialization.Encoding.DER,
                            serialization.PublicFormat.SubjectPublicKeyInfo)
    return ("--ignore-certificate-errors-spki-list="
            + base64.b64encode(hashlib.sha256(spki).digest()).decode())


def test_a_student_answers_over_https_in_chromium_trusting_only_the_salas_certificate(
        plantel, session, students, open_browser):
    from selenium.webdriver.common.by import By

    from seguimiento_desktop.sala.certificate import sala_certificate
    from seguimiento_desktop.sala.server import open_sala
    from seguimiento_desktop.sala.session import SalaConfig
    lab = open_sala(plantel, session, SalaConfig("C1", GRADUATING), "127.0.0.1", 0, https=True)
    try:
        other = sala_certificate(plantel.with_name("otra-sala.sqlite"), "127.0.0.1", None)
        wary = open_browser(trusting_only(other.cert_path))
        wary.get(lab.address)  # another certificate: Chromium's warning, not the sala
        assert "ERR_CERT" in wary.page_source and "Tu CURP" not in wary.page_source
        driver = open_browser(trusting_only(lab.certificate.cert_path))
        student = students[2]
        answers = answers_for(plantel, student, seed=13, profile={"CONSENTIMIENTO": {1: 1}})
        sign_in(driver, lab, student.curp)
        assert driver.current_url.startswith(lab.address + "pregunta/")
        assert {c["name"]: c["secure"] for c in driver.get_cookies()} == {"sala": True}
        fill_page(driver, answers)
        press(driver, "Siguiente")
        assert driver.find_element(By.ID, "CORREO").get_attribute("value")  # pre-filled
        assert stored(plantel, student.id).mode == "sala"
    finally:
        lab.close(grace_s=0)
