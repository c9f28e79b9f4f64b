"""Chips in a text document: one object character (U+FFFC) whose format carries a stored template tag,
its kind and its label, drawn by :class:`ChipPainter` as a label on a rounded tint. The writer's view
(:mod:`socialpolicy.gui.writer_edit`) is made of them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QObject,
    QRect,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPyTextObject,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)

from socialpolicy.app import clause_text as ct

CHIP = QTextFormat.ObjectTypes.UserObject + 1
RAW = QTextFormat.Property.UserProperty + 1
LABEL = QTextFormat.Property.UserProperty + 2
KIND = QTextFormat.Property.UserProperty + 3
OBJECT = "\ufffc"
HIDDEN = "hidden"  # a conditional part folded into one chip
MIME = "application/x-socialpolicy-clause-text"
MAX_LABEL = 60

# kind -> (background, border, text)
_COLOURS = {
    ct.VARIABLE: ("#dcebfc", "#6f9fd8", "#0b3d73"),
    ct.REFERENCE: ("#dcf3ee", "#5fae9c", "#0c4a3e"),
    ct.IF: ("#efe6ff", "#9c7ad6", "#47207f"),
    ct.ELIF: ("#efe6ff", "#9c7ad6", "#47207f"),
    ct.ELSE: ("#efe6ff", "#9c7ad6", "#47207f"),
    ct.ENDIF: ("#f6f1ff", "#c3aee8", "#6a4fa0"),
    HIDDEN: ("#e4d7fb", "#7d55c7", "#3a1670"),
}
_OTHER = ("#eceff2", "#9aa4ae", "#3b4550")
REGION_TINTS = ("#f1e8ff", "#e6d9fc", "#dccbf8")
REGION_KINDS = frozenset({ct.IF, ct.ELIF, ct.ELSE, ct.ENDIF})


def _shown_label(kind: str, label: str) -> str:
    if kind == ct.IF:
        return f"▾ {label}"
    if kind == HIDDEN:
        return f"▸ {label} (hidden)"
    if kind == ct.ENDIF:
        return "end"
    return label


class ChipPainter(QPyTextObject):
    """Draws a chip: its label on a rounded tint; the stored text is never shown here."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Each layout of a line asks every chip on it its size: measured once per label and width.
        self._sizes: dict[tuple[str, str, str, float], QSizeF] = {}

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        key = (str(fmt.property(KIND)), str(fmt.property(LABEL)), doc.defaultFont().key(), doc.textWidth())
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > 2000:
                self._sizes.clear()
            metrics = QFontMetricsF(self._font(doc, fmt))
            text = self._text(doc, fmt, metrics)
            size = self._sizes[key] = QSizeF(metrics.horizontalAdvance(text) + 14, metrics.height() + 2)
        return QSizeF(size)

    def drawObject(
        self, painter: QPainter, rect: QRectF | QRect, doc: QTextDocument, pos: int, fmt: QTextFormat
    ) -> None:
        rect = QRectF(rect)
        kind = str(fmt.property(KIND))
        back, border, fore = _COLOURS.get(kind, _OTHER)
        font = self._font(doc, fmt)
        metrics = QFontMetricsF(font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = rect.adjusted(1, 1, -1, -1)
        pen = QPen(QColor(border))
        if kind == HIDDEN:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(back))
        painter.drawRoundedRect(box, 6, 6)
        painter.setFont(font)
        painter.setPen(QColor(fore))
        painter.drawText(
            box.adjusted(6, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, self._text(doc, fmt, metrics)
        )
        painter.restore()

    @staticmethod
    def _font(doc: QTextDocument, fmt: QTextFormat) -> QFont:
        font = QFont(doc.defaultFont())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.92))
        if str(fmt.property(KIND)) in (ct.VARIABLE, ct.REFERENCE, ct.IF, HIDDEN):
            font.setWeight(QFont.Weight.DemiBold)
        return font

    @staticmethod
    def _text(doc: QTextDocument, fmt: QTextFormat, metrics: QFontMetricsF) -> str:
        text = _shown_label(str(fmt.property(KIND)), str(fmt.property(LABEL)))
        widest = min(metrics.averageCharWidth() * MAX_LABEL, max(80.0, doc.textWidth() - 40))
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, widest)


@dataclass(frozen=True)
class Chip:
    """A chip in the document: where it is and what it holds."""

    pos: int
    kind: str
    raw: str
    label: str


def chip_format(kind: str, raw: str, label: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setObjectType(CHIP)
    fmt.setProperty(RAW, raw)
    fmt.setProperty(LABEL, label)
    fmt.setProperty(KIND, kind)
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
    tip = {
        ct.VARIABLE: "Filled in from the answer to this question. Backspace removes it.",
        ct.REFERENCE: "Becomes the number of that section.",
        ct.IF: "The text from here to “end” appears only in this case. Click to hide it.",
        HIDDEN: "A hidden conditional part. Click to show it.",
    }.get(kind, "")
    fmt.setToolTip(f"{label}\n{tip}".strip() if kind != ct.ENDIF else "End of the conditional part")
    return fmt


def raw_text(doc: QTextDocument) -> str:
    """A document's text with every character kept (``toPlainText`` turns no-break spaces into spaces)."""
    return doc.toRawText().replace("\u2029", "\n").replace("\u2028", "\n")
