"""The wizard: one page per group of questions and a summary. It only collects answers;
assembly is a core call made by whoever opened the wizard."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from socialpolicy import answers as answers_mod
from socialpolicy.errors import InputError
from socialpolicy.gui.ask import Button, yes
from socialpolicy.gui.widgets import wrapped_label
from socialpolicy.model import Group, Question, Template

OTHER_GROUP = Group("other", "Other questions", "Questions that belong to no group.")
TEXT_KINDS = frozenset({"text", "longtext", "email", "date"})


class Field(QWidget):
    """One question's input widget, with get/set in the answer's own type."""

    changed = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"q-{question.id}")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        q, kind = question, question.type
        self.editor: QWidget
        self.boxes: list[QCheckBox] = []
        if kind == "yesno":
            self.editor = QCheckBox("Yes")
            self.editor.toggled.connect(self.changed)
        elif kind == "choice":
            combo = QComboBox()
            for c in q.choices:
                combo.addItem(c.label, c.value)
                if c.help:
                    combo.setItemData(combo.count() - 1, c.help, Qt.ItemDataRole.ToolTipRole)
            combo.currentIndexChanged.connect(self._choice_help)
            combo.currentIndexChanged.connect(self.changed)
            self.editor = combo
            self.choice_help = wrapped_label()
            self.choice_help.setStyleSheet("color:#57606a")
        elif kind == "multichoice":
            self.editor = QWidget()
            box_lay = QVBoxLayout(self.editor)
            box_lay.setContentsMargins(0, 0, 0, 0)
            group = QButtonGroup(self)
            group.setExclusive(False)
            for c in q.choices:
                box = QCheckBox(c.label)
                box.setProperty("value", c.value)
                box.setToolTip(c.help)
                box.setAccessibleName(f"{q.label}: {c.label}")
                box.toggled.connect(self.changed)
                group.addButton(box)
                box_lay.addWidget(box)
                self.boxes.append(box)
        elif kind == "number":
            spin = QSpinBox()
            spin.setRange(int(q.validation.get("min", 0)), int(q.validation.get("max", 100000)))
            spin.valueChanged.connect(self.changed)
            self.editor = spin
        elif kind == "longtext":
            edit = QPlainTextEdit()
            edit.setMaximumHeight(90)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self.changed)
            self.editor = edit
        else:
            line = QLineEdit()
            if q.example:
                line.setPlaceholderText(f"for example: {q.example}")
            elif kind == "date":
                line.setPlaceholderText("YYYY-MM-DD")
            elif kind == "email":
                line.setPlaceholderText("name@your-organisation.org")
            line.textChanged.connect(self.changed)
            self.editor = line
        self.editor.setAccessibleName(q.label)
        self.editor.setAccessibleDescription(q.help)
        if q.help:
            self.editor.setToolTip(q.help)
        lay.addWidget(self.editor)
        if kind == "choice":
            lay.addWidget(self.choice_help)
        if q.help:
            why = wrapped_label(
                f"<span style='color:#57606a'><b>Why this matters:</b> {html.escape(q.help)}</span>"
            )
            why.setObjectName(f"help-{q.id}")
            lay.addWidget(why)

    def _choice_help(self) -> None:
        combo = self.editor
        assert isinstance(combo, QComboBox)
        c = next((c for c in self.question.choices if c.value == combo.currentData()), None)
        self.choice_help.setText(c.help if c else "")
        self.choice_help.setVisible(bool(c and c.help))

    def value(self) -> Any:
        e, kind = self.editor, self.question.type
        if kind == "yesno":
            return e.isChecked()  # type: ignore[attr-defined]
        if kind == "choice":
            return e.currentData()  # type: ignore[attr-defined]
        if kind == "multichoice":
            return [str(b.property("value")) for b in self.boxes if b.isChecked()]
        if kind == "number":
            return e.value()  # type: ignore[attr-defined]
        if kind == "longtext":
            return e.toPlainText().strip()  # type: ignore[attr-defined]
        return e.text().strip()  # type: ignore[attr-defined]

    @property
    def is_text(self) -> bool:
        return self.question.type in TEXT_KINDS

    def set_value(self, value: Any) -> None:
        e, kind = self.editor, self.question.type
        if kind == "yesno":
            e.setChecked(bool(value))  # type: ignore[attr-defined]
        elif kind == "choice":
            e.setCurrentIndex(max(0, e.findData(value)))  # type: ignore[attr-defined]
            self._choice_help()
        elif kind == "multichoice":
            chosen = set(value or ())
            for b in self.boxes:
                b.setChecked(str(b.property("value")) in chosen)
        elif kind == "number":
            if isinstance(value, int | float) and not isinstance(value, bool):
                e.setValue(int(value))  # type: ignore[attr-defined]
        elif kind == "longtext":
            e.setPlainText("" if value is None else str(value))  # type: ignore[attr-defined]
        else:
            e.setText("" if value is None else str(value))  # type: ignore[attr-defined]


class QuestionPage(QWizardPage):
    """The questions of one group. Questions whose ``when`` is false are hidden and skipped."""

    def __init__(self, group: Group, questions: list[Question], parent: QWizard | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.questions = questions
        self.setTitle(group.title)
        self.setSubTitle(group.description or " ")
        self.fields: dict[str, Field] = {}
        self.labels: dict[str, QLabel] = {}
        inner = QWidget()
        form = QFormLayout(inner)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for q in questions:
            label = wrapped_label(
                f"{html.escape(q.label)}{' <span style=color:#a4161a>*</span>' if q.required else ''}"
            )
            label.setTextFormat(Qt.TextFormat.RichText)
            field = Field(q)
            label.setBuddy(field.editor)
            field.changed.connect(self.update_visibility)
            form.addRow(label, field)
            self.fields[q.id] = field
            self.labels[q.id] = label
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.error = QLabel()
        self.error.setObjectName("wizard-error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#a4161a")
        self.error.setAccessibleName("Problems with the answers on this page")
        self.error.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.error)

    def page_answers(self, context: dict[str, Any]) -> dict[str, Any]:
        """This page's answers, given the answers so far (for ``when``); hidden questions are left out."""
        out: dict[str, Any] = {}
        for q in self.questions:
            if not _applies(q, {**context, **out}):
                continue
            value = self.fields[q.id].value()
            if value == "":
                continue  # not answered: the document shows a placeholder there, which the checker reports
            out[q.id] = value
        return out

    def asked(self, context: dict[str, Any]) -> list[Question]:
        """The questions of this page that apply, given the answers so far."""
        out: list[Question] = []
        answers = {**context, **self.page_answers(context)}
        for q in self.questions:
            if _applies(q, answers):
                out.append(q)
        return out

    def initializePage(self) -> None:
        self.update_visibility()

    def update_visibility(self) -> None:
        wiz = self.wizard()
        context = wiz.answers_before(self) if isinstance(wiz, PolicyWizard) else {}
        for q in self.questions:
            shown = _applies(q, context)
            if shown:
                context = {**context, q.id: self.fields[q.id].value()}
            self.fields[q.id].setVisible(shown)
            self.labels[q.id].setVisible(shown)

    def problems(self, context: dict[str, Any]) -> list[str]:
        answers = self.page_answers(context)
        issues = []
        full = {**context, **answers}
        for q in self.questions:
            if q.id not in answers:
                continue
            issue = answers_mod.problem(q, answers[q.id])
            if issue and answers[q.id] not in ("", []):
                issues.append(f"{q.label}: {issue}")
        for q in answers_mod.missing_required(_template_of(self), full):
            if q in self.questions and q.type not in TEXT_KINDS:
                issues.append(f"{q.label}: please answer this question")
        return issues

    def validatePage(self) -> bool:
        wiz = self.wizard()
        context = wiz.answers_before(self) if isinstance(wiz, PolicyWizard) else {}
        issues = self.problems(context)
        self.error.setText("\n".join(issues))
        self.error.setVisible(bool(issues))
        return not issues


def _template_of(page: QWizardPage) -> Template:
    wiz = page.wizard()
    assert isinstance(wiz, PolicyWizard)
    return wiz.template


def _applies(q: Question, context: dict[str, Any]) -> bool:
    try:
        return answers_mod.applies(q, context)
    except InputError:
        return True


class SummaryPage(QWizardPage):
    def __init__(self, parent: QWizard | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Summary")
        self.setSubTitle(
            "Check your answers. Finish builds the document; you can change answers later "
            "from the Document menu."
        )
        self.view = QTextBrowser()
        self.view.setObjectName("wizard-summary")
        self.view.setAccessibleName("Summary of your answers")
        lay = QVBoxLayout(self)
        lay.addWidget(self.view)

    def initializePage(self) -> None:
        wiz = self.wizard()
        assert isinstance(wiz, PolicyWizard)
        self.view.setHtml(wiz.summary_html())


class PolicyWizard(QWizard):
    """Collects answers for ``template``; ``answers()`` gives them once the wizard is accepted.

    Nothing typed is lost: for a new document, ``draftKept(answers)`` is emitted as the author moves
    between pages and when they close the wizard and choose to keep their answers, ``draftDiscarded``
    when they choose to throw them away; closing with answers given always asks first.
    """

    draftKept = Signal(object)  # the answers so far
    draftDiscarded = Signal()

    def __init__(
        self,
        template: Template,
        initial: dict[str, Any] | None = None,
        parent: QWidget | None = None,
        *,
        changing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.template = template
        self.changing = changing
        self.setObjectName("wizard")
        self.setWindowTitle(("Change answers — " if changing else "New document — ") + template.title)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Re-assemble" if changing else "Build document")
        self.resize(820, 640)
        self.initial = dict(initial or {})
        values = {**template.prefill(), **self.initial}
        by_group: dict[str, list[Question]] = {}
        for q in template.questions:
            by_group.setdefault(
                q.group if any(g.id == q.group for g in template.groups) else "other", []
            ).append(q)
        self.question_pages: list[QuestionPage] = []
        for group in (*template.groups, OTHER_GROUP):
            if by_group.get(group.id):
                page = QuestionPage(group, by_group[group.id], self)
                for q in page.questions:
                    if q.id in values:
                        page.fields[q.id].set_value(values[q.id])
                    elif q.type == "choice" and q.choices:
                        page.fields[q.id]._choice_help()
                self.addPage(page)
                self.question_pages.append(page)
        self.summary = SummaryPage(self)
        self.addPage(self.summary)
        self.start_answers = self.answers()
        self.closing = False  # QWizard goes back to its first page as it closes: no draft then
        self.currentIdChanged.connect(self._page_changed)

    @property
    def is_dirty(self) -> bool:
        """Whether the answers differ from those the wizard opened with."""
        return self.answers() != self.start_answers

    def _page_changed(self) -> None:
        if not self.closing and not self.changing and self.is_dirty:
            self.draftKept.emit(self.answers())

    def keep_draft(self) -> None:
        """Keep the answers as a draft now (the window is closing with the wizard open)."""
        if not self.changing and self.is_dirty:
            self.draftKept.emit(self.answers())

    def reject(self) -> None:
        """Cancel, Escape and the close button: ask before any answer is thrown away."""
        if not self.is_dirty:
            self._close()
            return
        if self.changing:
            if yes(
                self,
                "Discard the changed answers?",
                "You changed some answers. Close without using them? The document stays as it is.",
                default_yes=False,
            ):
                self._close()
            return
        answer = QMessageBox.question(
            self,
            "Keep your answers?",
            "You have started answering the questions for this new document. Keep your answers as a "
            "draft, so you can go on from the start page later?\n\n"
            "Save keeps the draft, Discard throws your answers away, Cancel goes back to the questions.",
            Button.Save | Button.Discard | Button.Cancel,
            Button.Save,
        )
        if answer == Button.Save:
            self.draftKept.emit(self.answers())
        elif answer == Button.Discard:
            self.draftDiscarded.emit()
        else:
            return
        self._close()

    def discard(self) -> None:
        """Close and throw the answers away without asking (the author already said so elsewhere)."""
        if not self.changing:
            self.draftDiscarded.emit()
        self._close()

    def _close(self) -> None:
        self.closing = True
        super().reject()
        self.closing = False

    def applies(self, page: QuestionPage) -> bool:
        """Whether any question on ``page`` is asked, given the answers on earlier pages."""
        context = self.answers_before(page)
        full = {**context, **page.page_answers(context)}
        return any(_applies(q, full) for q in page.questions)

    def nextId(self) -> int:
        """Skip pages whose questions do not apply (all their ``when`` conditions are false)."""
        ids = self.pageIds()
        current = self.currentId()
        later = ids[ids.index(current) + 1 :] if current in ids else ids
        for page_id in later:
            page = self.page(page_id)
            if isinstance(page, QuestionPage) and not self.applies(page):
                continue
            return page_id
        return -1

    def question_field(self, question_id: str) -> Field:
        for page in self.question_pages:
            if question_id in page.fields:
                return page.fields[question_id]
        raise KeyError(question_id)

    def set_answer(self, question_id: str, value: Any) -> None:
        self.question_field(question_id).set_value(value)

    def answers_before(self, page: QuestionPage) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for p in self.question_pages:
            if p is page:
                break
            out.update(p.page_answers(out))
        return out

    def answers(self) -> dict[str, Any]:
        """The answers given, plus earlier answers to questions that are not asked now (their
        ``when`` is false), so that changing one answer does not silently drop another."""
        out: dict[str, Any] = {}
        asked: set[str] = set()
        for page in self.question_pages:
            asked.update(q.id for q in page.asked(out))
            out.update(page.page_answers(out))
        kept = {
            k: v
            for k, v in self.initial.items()
            if k not in out and k not in asked and self.template.question(k) is not None
        }
        return {**out, **kept}

    def unanswered(self) -> list[Question]:
        """Questions asked and left empty: the document will show a placeholder for each."""
        answers = self.answers()
        out: list[Question] = []
        context: dict[str, Any] = {}
        for page in self.question_pages:
            out += [q for q in page.asked(context) if q.id not in answers and q.type in TEXT_KINDS]
            context.update(page.page_answers(context))
        return out

    def problems(self) -> list[str]:
        out: list[str] = []
        context: dict[str, Any] = {}
        for page in self.question_pages:
            out += page.problems(context)
            context.update(page.page_answers(context))
        return out

    def summary_html(self) -> str:
        answers = self.answers()
        parts = []
        for page in self.question_pages:
            rows = []
            for q in page.questions:
                if q.id not in answers:
                    continue
                rows.append(
                    f"<tr><td style='padding-right:16px;color:#57606a'>{html.escape(q.label)}</td>"
                    f"<td>{html.escape(_shown(q, answers[q.id]))}</td></tr>"
                )
            if rows:
                parts.append(f"<h3>{html.escape(page.group.title)}</h3><table>{''.join(rows)}</table>")
        missing = self.unanswered()
        if missing:
            items = "".join(f"<li>{html.escape(q.label)}</li>" for q in missing)
            parts.insert(
                0,
                "<p style='color:#a4161a'><b>Not answered yet.</b> The document will show "
                "“[to be completed: …]” in these places, and the checker lists each one as an error "
                f"until you answer it (Document menu, Change answers):</p><ul>{items}</ul>",
            )
        return "".join(parts)


def _shown(q: Question, value: Any) -> str:
    labels = {c.value: c.label for c in q.choices}
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), str(v)) for v in value) or "(none)"
    return labels.get(value, str(value)) if value != "" else "(not answered)"
