"""Long work off the GUI thread: a QRunnable that reports progress and can be cancelled."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

# The job gets two callables: progress(done, total) and cancelled() -> bool.
Job = Callable[[Callable[[int, int], None], Callable[[], bool]], object]


class WorkerSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class Worker(QRunnable):
    """Runs `job` in the thread pool; the signals arrive in the GUI thread."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.ran = False  # True once run() has returned: from then on nothing in the pool touches it
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self.job(self.signals.progress.emit, self._cancel.is_set)
        except BaseException as error:  # reported to the GUI thread, which tells user errors from bugs
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)
        finally:
            self.ran = True
