"""Preferences: team clause libraries, autosave interval and the name used when accepting risks.

OK loads the libraries in the background (the window keeps turning) and refuses paths that cannot
be used, naming the file and the problem."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from socialpolicy.app.libraries import LibraryCache, LibraryLoad, load_catalog, locations
from socialpolicy.gui.dialogs import ok_cancel
from socialpolicy.gui.widgets import named, push_button, wrapped_label
from socialpolicy.gui.workers import Progress, Worker
from socialpolicy.library import Catalog
from socialpolicy.settings import Settings


class PreferencesDialog(QDialog):
    """Edits a copy of the settings; ``accept`` refuses library folders that cannot be loaded."""

    def __init__(
        self,
        settings: Settings,
        worker: Worker,
        cache: LibraryCache | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.worker = worker
        self.cache = cache
        self.catalog: Catalog | None = None
        self.load: LibraryLoad | None = None
        self.libraries = named(QListWidget(), "Team clause library folders and files")
        self.libraries.addItems(settings.library_paths)
        add = push_button("&Add folder…", self._add)
        remove = push_button("&Remove", self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        self.autosave = QSpinBox()
        self.autosave.setRange(5, 3600)
        self.autosave.setSuffix(" s")
        self.autosave.setValue(settings.autosave_seconds)
        self.autosave.setAccessibleName("Autosave interval in seconds")
        self.author = named(QLineEdit(settings.author_name), "Your name, for accepted risks")
        form = QFormLayout()
        form.addRow("Auto&save every", self.autosave)
        form.addRow("Your &name", self.author)
        self.error = wrapped_label()
        self.error.setStyleSheet("color:#a4161a")
        self.error.hide()
        box = ok_cancel(self)
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(
                "<b>Team clause libraries</b> (used with the built-in library; "
                "a folder of *.clauses.json files or one file):"
            )
        )
        lay.addWidget(self.libraries)
        lay.addLayout(buttons)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(box)
        self.resize(560, 420)

    def library_paths(self) -> list[str]:
        return [self.libraries.item(i).text() for i in range(self.libraries.count())]

    def add_path(self, path: str) -> None:
        if path and path not in self.library_paths():
            self.libraries.addItem(path)

    def _add(self) -> None:
        self.add_path(QFileDialog.getExistingDirectory(self, "Clause library folder"))

    def _remove(self) -> None:
        row = self.libraries.currentRow()
        if row >= 0:
            self.libraries.takeItem(row)

    def accept(self) -> None:
        self.error.setText("Loading the clause libraries…")
        self.error.show()
        paths, cache = locations(self.library_paths()), self.cache

        def job(progress: Progress) -> LibraryLoad:
            return load_catalog(paths, progress, cache)

        load = self.worker.wait(job)
        refused = load.problems_from(self.library_paths())
        if refused:
            self.error.setText("This library cannot be used: " + "; ".join(refused))
            return
        self.error.hide()
        self.load, self.catalog = load, load.catalog
        super().accept()

    def apply_to(self, settings: Settings) -> None:
        settings.library_paths = self.library_paths()
        settings.autosave_seconds = self.autosave.value()
        settings.author_name = self.author.text().strip()
