"""The tour of the main window: a few steps, each a note beside one part of the window with that part
outlined. It runs by itself the first time a document is shown (the settings remember it), from
Help > Take the tour at any time, and can be skipped at every step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from socialpolicy import help as guide
from socialpolicy.gui.widgets import wrapped_label

if TYPE_CHECKING:
    from socialpolicy.gui.main_window import MainWindow


@dataclass(frozen=True, slots=True)
class TourStep:
    title: str
    text: str
    target: (
        str  # the window's attribute (dotted) that holds the part the step is about; "menuBar": the menu bar
    )
    raise_first: bool = False  # a tabbed dock: bring it to the front first
    inside: bool = False  # a note on an empty part: put it inside the part, not outlined


STEPS: tuple[TourStep, ...] = (
    TourStep(
        "Welcome to Social Policy Studio",
        "This short tour shows the parts of the window. Your draft is built from tested clauses, checked as you "
        f"type, and exported for your lawyer and your intranet. {guide.NOT_LEGAL_ADVICE}",
        "preview",
    ),
    TourStep(
        "The outline",
        "Every section and clause in order. Click a clause to open it; untick it to leave it out; right-click for "
        "other versions of it and for why it is there.",
        "outline_dock",
    ),
    TourStep(
        "The preview",
        "The document as your readers will see it, with your organisation's details filled in. It follows your "
        "typing.",
        "preview",
    ),
    TourStep(
        "The clause editor",
        "Change the selected clause here. Words in braces are filled in from your answers. The tabs say why the "
        "clause is there and what you changed from the library text.",
        "editor",
    ),
    TourStep(
        "Findings",
        "What the checker found: risky rules, missing topics, names left blank. Select one to see its sentence "
        "marked, why it matters and what to write instead.",
        "findings_dock",
    ),
    TourStep(
        "Next steps",
        "What your organisation still has to decide or do, such as naming a sponsor or planning training. Each "
        "step ticks off when it is settled.",
        "steps_dock",
        True,
    ),
    TourStep(
        "The clause library",
        "Every clause the app can add, with your team's own. Search it and insert a clause after the one you "
        "selected.",
        "library_dock",
        True,
    ),
    TourStep(
        "Help whenever you need it",
        "Press F1 in any part of the window for its page of the user guide. Help > Take the tour shows this tour "
        "again.",
        "menuBar",
    ),
)


# The first time the app starts, on the start page: what it does, and the notice.
WELCOME: tuple[TourStep, ...] = (
    TourStep(
        "Welcome to Social Policy Studio",
        "Choose the kind of document to write and answer the questions about your organisation: the app builds a "
        "draft from tested clauses and checks it as you work. When your first document opens, a short tour shows "
        f"the parts of the window. {guide.NOT_LEGAL_ADVICE}",
        "start_page.recent",
        inside=True,
    ),
)


class Tour(QObject):
    """Shows ``steps`` (the tour, :data:`STEPS`, unless told) over ``window``; ``finished`` when the last step
    is done or the tour is skipped."""

    finished = Signal()

    def __init__(self, window: MainWindow, steps: tuple[TourStep, ...] = STEPS) -> None:
        super().__init__(window)
        self.window = window
        self.steps = steps
        self.index = -1
        self.ring = QFrame(window)
        self.ring.setObjectName("tour-ring")
        self.ring.setStyleSheet(
            "#tour-ring { border: 3px solid #d97706; border-radius: 4px; background: transparent; }"
        )
        self.ring.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.bubble = QFrame(window)
        self.bubble.setObjectName("tour-bubble")
        self.bubble.setAccessibleName("Tour")
        self.bubble.setStyleSheet(
            "#tour-bubble { background: #fffbeb; border: 2px solid #d97706; border-radius: 6px; }"
            " QLabel { background: transparent; }"
        )
        self.bubble.setFixedWidth(360)
        self.title = wrapped_label()
        self.text = wrapped_label()
        self.count = QLabel()
        self.back_button = QPushButton("Back")
        self.next_button = QPushButton("Next")
        self.skip_button = QPushButton("Skip tour")
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.skip_button)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        lay = QVBoxLayout(self.bubble)
        lay.addWidget(self.title)
        lay.addWidget(self.text)
        lay.addLayout(row)
        self.back_button.clicked.connect(lambda: self.go(self.index - 1))
        self.next_button.clicked.connect(lambda: self.go(self.index + 1))
        self.skip_button.clicked.connect(self.stop)
        self.ring.hide()
        self.bubble.hide()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize and self.running:
            self.place()
        return False

    @property
    def running(self) -> bool:
        return self.index >= 0

    def start(self) -> None:
        self.go(0)

    def go(self, index: int) -> None:
        if index >= len(self.steps):
            self.stop()
            return
        self.index = max(0, index)
        step = self.steps[self.index]
        if step.raise_first:
            self._target(step).raise_()
        self.title.setText(f"<b>{step.title}</b>")
        self.text.setText(step.text)
        self.count.setText(f"{self.index + 1} of {len(self.steps)}")
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setText("Done" if self.index == len(self.steps) - 1 else "Next")
        self.back_button.setVisible(len(self.steps) > 1)
        self.skip_button.setVisible(len(self.steps) > 1)
        self.count.setVisible(len(self.steps) > 1)
        self.place()
        QTimer.singleShot(0, self.place)  # again once the window has laid out what the step raised

    def place(self) -> None:
        """Outline the step's part of the window and put the note beside it, inside the window."""
        if not self.running:
            return
        target = self._target(self.steps[self.index])
        top_left = target.mapTo(self.window, QPoint(0, 0))
        area = QRect(top_left, target.size())
        self.ring.setGeometry(area.adjusted(-2, -2, 2, 2))
        width = self.bubble.width()
        size = QSize(width, max(self.bubble.heightForWidth(width), self.bubble.sizeHint().height()))
        win = self.window.rect()
        spots = (  # right of, left of, below, above, then inside the part's top-left corner
            QPoint(area.right() + 12, area.top() + 12),
            QPoint(area.left() - size.width() - 12, area.top() + 12),
            QPoint(area.left() + 12, area.bottom() + 12),
            QPoint(area.left() + 24, area.top() - size.height() - 12),
            QPoint(area.left() + 24, area.top() + 24),
        )
        step = self.steps[self.index]
        spot = (
            spots[-1] if step.inside else next((p for p in spots if win.contains(QRect(p, size))), spots[-1])
        )
        x = max(0, min(spot.x(), win.width() - size.width()))
        y = max(0, min(spot.y(), win.height() - size.height()))
        self.bubble.setGeometry(x, y, size.width(), size.height())
        self.ring.setVisible(not step.inside)
        self.ring.raise_()
        self.bubble.show()
        self.bubble.raise_()

    def _target(self, step: TourStep) -> QWidget:
        if step.target == "menuBar":
            return self.window.menuBar()
        part: object = self.window
        for name in step.target.split("."):
            part = getattr(part, name)
        assert isinstance(part, QWidget)
        return part

    def stop(self) -> None:
        was = self.running
        self.index = -1
        self.ring.hide()
        self.bubble.hide()
        if was:
            self.finished.emit()
