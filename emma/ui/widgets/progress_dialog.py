"""Runs a worker behind a progress bar with a Cancel button; the window stays responsive."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QProgressDialog, QWidget

from emma.i18n import _
from emma.ui.workers import Job, Worker


def run_with_progress(parent: QWidget, label: str, job: Job, pool: QThreadPool) -> tuple[bool, object]:
    """Runs `job` off the GUI thread; returns (True, result) or (False, error) once it has ended."""
    dialog = QProgressDialog(label, _("Cancel"), 0, 100, parent)
    dialog.setWindowTitle(_("Please wait"))
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    worker = Worker(job)
    outcome: list[tuple[bool, object]] = []

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)

    def ended(result: tuple[bool, object]) -> None:
        outcome.append(result)
        dialog.done(0)

    worker.signals.progress.connect(progress)
    worker.signals.finished.connect(lambda result: ended((True, result)))
    worker.signals.failed.connect(lambda error: ended((False, error)))
    dialog.canceled.connect(worker.cancel)
    pool.start(worker)
    while not outcome:
        dialog.exec()  # returns when the job has ended; a cancel only asks the job to stop
        if not outcome:
            dialog.setLabelText(_("Stopping …"))
    # The signal arrives while run() is still returning in its thread: the worker must outlive that.
    pool.waitForDone()
    return outcome[0]
