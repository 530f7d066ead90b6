"""What an answer to each kind of item looks like, and when it counts as given.

Answers are plain JSON values: text for text and note items, a whole number (or null) for a
scale, ``{"selected": [...], "other": bool, "other_text": str}`` for a check-all-that-apply
item, and ``{field id: text}`` for the identification item.
"""

from __future__ import annotations

from typing import Any

from ctip_desktop.profiles.model import MAX_LONG_TEXT, MAX_NAME
from ctip_desktop.questionnaires.model import Item


class AnswerError(ValueError):
    """An answer that does not fit its item (a program error or a foreign file, not a user's)."""


def empty_answer(item: Item) -> Any:
    if item.kind in ("text", "note"):
        return ""
    if item.kind == "scale":
        return None
    if item.kind == "multi":
        return {"selected": [], "other": False, "other_text": ""}
    return {f.id: "" for f in item.fields}


def _text(item: Item, value: Any, limit: int, what: str) -> str:
    if not isinstance(value, str):
        raise AnswerError(f"{item.id}: {what} should be text")
    if "\x00" in value:
        raise AnswerError(f"{item.id}: {what} contains a NUL byte")
    if len(value) > limit:
        raise AnswerError(f"{item.id}: {what} is longer than {limit:,} characters")
    return value


def checked_answer(item: Item, value: Any) -> Any:
    """The answer in its stored form; AnswerError if it cannot be an answer to ``item``."""
    if item.kind in ("text", "note"):
        return _text(item, "" if value is None else value, MAX_LONG_TEXT, "the answer")
    if item.kind == "scale":
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerError(f"{item.id}: a scale answer is a whole number")
        if not item.minimum <= value <= item.maximum:
            raise AnswerError(f"{item.id}: {value} is outside {item.minimum}-{item.maximum}")
        return value
    if not isinstance(value, dict):
        raise AnswerError(f"{item.id}: the answer should be an object")
    if item.kind == "multi":
        unknown = set(value) - {"selected", "other", "other_text"}
        if unknown:
            raise AnswerError(f"{item.id}: unknown keys {sorted(unknown)}")
        selected = value.get("selected", [])
        if not isinstance(selected, list):
            raise AnswerError(f"{item.id}: 'selected' should be a list")
        known = [o.id for o in item.options]
        for option in selected:
            if option not in known:
                raise AnswerError(f"{item.id}: {option!r} is not one of its options")
        other = value.get("other", False)
        if not isinstance(other, bool) or (other and not item.has_other):
            raise AnswerError(f"{item.id}: 'other' is not allowed here")
        other_text = _text(item, value.get("other_text", ""), MAX_NAME * 4, "the Other text")
        # Stored in the questionnaire's order, so equal choices give equal values.
        return {
            "selected": [o for o in known if o in selected],
            "other": other,
            "other_text": other_text,
        }
    unknown = set(value) - {f.id for f in item.fields}
    if unknown:
        raise AnswerError(f"{item.id}: unknown fields {sorted(unknown)}")
    return {f.id: _text(item, value.get(f.id, ""), MAX_NAME, f.label) for f in item.fields}


def is_answered(item: Item, value: Any) -> bool:
    """Whether the interviewer has recorded something for this item."""
    if value is None:
        return False
    if item.kind in ("text", "note"):
        return bool(str(value).strip())
    if item.kind == "scale":
        return isinstance(value, int)
    if item.kind == "multi":
        return bool(value.get("selected")) or bool(value.get("other"))
    return any(str(v).strip() for v in value.values())


def answer_problems(item: Item, value: Any) -> list[str]:
    """What keeps a given answer from being complete (shown beside it, and on review)."""
    if value is None:
        return []
    if item.kind == "multi" and value.get("other") and not value.get("other_text", "").strip():
        return [f"“{item.other_label}” is ticked: write what it is, or untick it."]
    if item.kind == "identification":
        return [f"{f.label} is empty." for f in item.fields if not str(value.get(f.id, "")).strip()]
    return []


def blocking_problems(item: Item, value: Any) -> list[str]:
    """Problems that keep an answer from being final: "Other" ticked without saying what.

    An empty name in the identification item is only a gap (shown on review), not a block:
    a company may decline to name its representative.
    """
    if item.kind != "multi":
        return []
    return answer_problems(item, value)


def answer_text(item: Item, value: Any) -> str:
    """The answer as one readable text (for the review page, lists and exports)."""
    if not is_answered(item, value):
        return ""
    if item.kind in ("text", "note"):
        return str(value).strip()
    if item.kind == "scale":
        anchor = item.anchor(value)
        return f"{value} ({anchor})" if anchor else str(value)
    if item.kind == "multi":
        labels = [item.option_label(o) for o in value.get("selected", [])]
        if value.get("other"):
            other_text = value.get("other_text", "").strip()
            labels.append(f"{item.other_label}: {other_text}" if other_text else item.other_label)
        return "; ".join(labels)
    return "; ".join(
        f"{f.label}: {str(value[f.id]).strip()}"
        for f in item.fields
        if str(value.get(f.id, "")).strip()
    )
