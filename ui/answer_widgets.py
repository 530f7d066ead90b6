"""One widget per kind of questionnaire item, chosen through a small registry.

A new questionnaire file never needs new Python: any item of a known kind gets its widget
here. Every widget reports each change with ``edited``; the page decides when to save.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ctip_desktop.profiles.model import MAX_NAME
from ctip_desktop.questionnaires.answers import answer_problems, blocking_problems, empty_answer
from ctip_desktop.questionnaires.model import Item

from ui import style


class AnswerWidget(QWidget):
    """The editor of one item's answer."""

    edited = Signal()
    # Text answers are saved after a pause in typing; choices are saved at once.
    saves_at_once = True

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self._loading = False

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self._show(empty_answer(self.item) if value is None else value)
        finally:
            self._loading = False

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()

    def focus_first(self) -> None:
        self.setFocus(Qt.FocusReason.TabFocusReason)

    def problems(self) -> list[str]:
        return answer_problems(self.item, self.value())

    def blocking_problems(self) -> list[str]:
        """What must be fixed before leaving the answer (Other ticked without its text)."""
        return blocking_problems(self.item, self.value())


class TextAnswer(AnswerWidget):
    saves_at_once = False
    height = 160

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("answerText")
        self.edit.setAccessibleName(item.text)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(self.height)
        self.edit.setPlaceholderText(self.tr("Write the answer in the interviewee's words…"))
        self.edit.textChanged.connect(self._on_edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)

    def value(self) -> str:
        return self.edit.toPlainText()

    def _show(self, value: Any) -> None:
        if self.edit.toPlainText() != value:
            self.edit.setPlainText(str(value))

    def focus_first(self) -> None:
        self.edit.setFocus(Qt.FocusReason.TabFocusReason)
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)


class NoteAnswer(TextAnswer):
    height = 320


class ScaleAnswer(AnswerWidget):
    """Points from minimum to maximum: click one, or press its number (0 is 10)."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setObjectName("scaleAnswer")
        # The points are buttons without focus: the scale itself is what a screen reader
        # names, and its description says the anchors and the point chosen.
        self.setAccessibleName(item.text)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so a second click on the chosen point clears it
        grid = QGridLayout()
        grid.setHorizontalSpacing(4)
        self.buttons: dict[int, QPushButton] = {}
        points = range(item.minimum, item.maximum + 1)
        for column, point in enumerate(points):
            button = QPushButton(str(point))
            button.setObjectName(f"point{point}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the whole scale takes the keys
            button.setMinimumWidth(40)
            self.group.addButton(button, point)
            self.buttons[point] = button
            grid.addWidget(button, 0, column)
        for point, label_text in item.anchors:
            label = QLabel(f"{point} = {label_text}")
            label.setWordWrap(True)
            label.setObjectName(f"anchor{point}")
            column = point - item.minimum
            align = Qt.AlignmentFlag.AlignLeft if column == 0 else Qt.AlignmentFlag.AlignRight
            span = max(1, min(4, len(points) // 2))
            start = column if column == 0 else max(0, column - span + 1)
            grid.addWidget(label, 1, start, 1, span, align)
        self.group.buttonClicked.connect(self.on_clicked)
        hint = QLabel(
            self.tr("Click a point, or press its number (0 for 10); ← → move; Delete clears.")
        )
        hint.setObjectName("hint")
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(hint)
        layout.addStretch(1)
        self._value: int | None = None

    def value(self) -> int | None:
        return self._value

    def _show(self, value: Any) -> None:
        self._value = value if isinstance(value, int) else None
        for point, button in self.buttons.items():
            button.setChecked(point == self._value)
        anchors = "; ".join(f"{point} = {text}" for point, text in self.item.anchors)
        chosen = (
            self.tr("{point} chosen").format(point=self._value)
            if self._value is not None
            else self.tr("nothing chosen")
        )
        self.setAccessibleDescription(f"{chosen}. {anchors}")

    def choose(self, point: int | None) -> None:
        if point is not None and point not in self.buttons:
            return
        if point == self._value:
            return
        self._show(point)
        self._on_edited()

    def on_clicked(self, button: QAbstractButton) -> None:
        point = self.group.id(button)
        self.choose(None if point == self._value else point)
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            digit = key - Qt.Key.Key_0
            self.choose(10 if digit == 0 else digit)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            start = self._value if self._value is not None else self.item.minimum - 1
            self.choose(min(self.item.maximum, start + 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            start = self._value if self._value is not None else self.item.maximum + 1
            self.choose(max(self.item.minimum, start - 1))
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.choose(None)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.setStyleSheet("#scaleAnswer { border: 2px solid palette(highlight); }")

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.setStyleSheet("")


class MultiAnswer(AnswerWidget):
    """Check all that apply; ticking "Other" asks for its text."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for option in item.options:
            box = QCheckBox(option.label)
            box.setObjectName(f"option_{option.id}")
            box.toggled.connect(self._on_edited)
            layout.addWidget(box, 0, Qt.AlignmentFlag.AlignLeft)
            self.boxes[option.id] = box
        self.other_box: QCheckBox | None = None
        self.other_text = QLineEdit()
        self.other_text.setObjectName("otherText")
        self.other_text.setAccessibleName(
            self.tr("{other}: what it is").format(other=item.other_label or self.tr("Other"))
        )
        self.other_text.setMaxLength(MAX_NAME * 4)  # what the core accepts
        self.problem = QLabel()
        self.problem.setObjectName("answerProblem")
        style.show_as_problem(self.problem)
        self.problem.setWordWrap(True)
        self.problem.hide()
        if item.has_other:
            self.other_box = QCheckBox(item.other_label)
            self.other_box.setObjectName("option_other")
            self.other_box.toggled.connect(self.on_other_toggled)
            self.other_text.setPlaceholderText(self.tr("What else? (required when ticked)"))
            self.other_text.textChanged.connect(self._on_edited)
            self.other_text.textChanged.connect(self._update_problem)
            row = QHBoxLayout()
            row.addWidget(self.other_box)
            row.addWidget(self.other_text, 1)
            layout.addLayout(row)
            layout.addWidget(self.problem)
        else:
            self.other_text.hide()
        layout.addStretch(1)
        self._update_other()

    def value(self) -> dict[str, Any]:
        return {
            "selected": [o for o, box in self.boxes.items() if box.isChecked()],
            "other": bool(self.other_box and self.other_box.isChecked()),
            "other_text": self.other_text.text() if self.other_box else "",
        }

    def _show(self, value: Any) -> None:
        for option, box in self.boxes.items():
            box.setChecked(option in value.get("selected", []))
        if self.other_box is not None:
            self.other_box.setChecked(bool(value.get("other")))
            if self.other_text.text() != value.get("other_text", ""):
                self.other_text.setText(value.get("other_text", ""))
        self._update_other()

    def on_other_toggled(self, checked: bool) -> None:
        self._update_other()
        if checked and not self._loading:
            self.other_text.setFocus(Qt.FocusReason.OtherFocusReason)
        self._on_edited()

    def _update_other(self) -> None:
        ticked = bool(self.other_box and self.other_box.isChecked())
        self.other_text.setEnabled(ticked)
        self._update_problem()

    def _update_problem(self) -> None:
        problems = self.problems()
        self.problem.setText(" ".join(problems))
        self.problem.setVisible(bool(problems))

    def focus_first(self) -> None:
        first = next(iter(self.boxes.values()), self.other_box)
        if first is not None:
            first.setFocus(Qt.FocusReason.TabFocusReason)


class IdentificationAnswer(AnswerWidget):
    """Names filled from the profile, editable (the person may give another name)."""

    saves_at_once = False

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QLineEdit] = {}
        for entry in item.fields:
            edit = QLineEdit()
            edit.setObjectName(f"field_{entry.id}")
            edit.setMaxLength(MAX_NAME)  # what the core accepts
            edit.textChanged.connect(self._on_edited)
            form.addRow(entry.label, edit)
            self.edits[entry.id] = edit

    def value(self) -> dict[str, str]:
        return {field_id: edit.text() for field_id, edit in self.edits.items()}

    def _show(self, value: Any) -> None:
        for field_id, edit in self.edits.items():
            if edit.text() != value.get(field_id, ""):
                edit.setText(value.get(field_id, ""))

    def focus_first(self) -> None:
        first = next(iter(self.edits.values()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.TabFocusReason)
            first.selectAll()


WIDGETS: dict[str, type[AnswerWidget]] = {
    "text": TextAnswer,
    "note": NoteAnswer,
    "scale": ScaleAnswer,
    "multi": MultiAnswer,
    "identification": IdentificationAnswer,
}


def answer_widget(item: Item, parent: QWidget | None = None) -> AnswerWidget:
    """The editor for an item, by its kind."""
    return WIDGETS[item.kind](item, parent)
