"""Spanish texts and one consistent style for every QWizard in the app."""

from PySide6.QtWidgets import QWizard


def set_up_wizard(wizard: QWizard, finish_text: str = "Terminar",
                  cancel_on_last_page: bool = True) -> None:
    """Modern style on every platform, Spanish button texts whatever Qt's translation.

    ``cancel_on_last_page=False`` for wizards whose last page only reports what was done
    (neither Cancel nor Back make sense there).
    """
    wizard.setWizardStyle(QWizard.WizardStyle.ModernStyle)
    wizard.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
    wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, not cancel_on_last_page)
    wizard.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, not cancel_on_last_page)
    texts = {
        QWizard.WizardButton.BackButton: "< &Atrás",
        QWizard.WizardButton.NextButton: "&Siguiente >",
        QWizard.WizardButton.CommitButton: "&Confirmar",
        QWizard.WizardButton.FinishButton: finish_text,
        QWizard.WizardButton.CancelButton: "Cancelar",
        QWizard.WizardButton.HelpButton: "Ayuda",
    }
    for button, text in texts.items():
        wizard.setButtonText(button, text)
