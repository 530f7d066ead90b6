"""Questionnaires as data: frozen records parsed from JSON files by a strict loader.

A questionnaire file names its id and version. Interviews store both, and the database keeps a
snapshot of the definition they were conducted with, so editing a file later (under a new
version) never changes how an old interview reads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal, NoReturn

from ctip_desktop.profiles.model import VOCABULARY

FORMAT = 1
KINDS = ("identification", "note", "text", "scale", "multi")
Kind = Literal["identification", "note", "text", "scale", "multi"]

# Where an identification field may take its first value from.
FILL_SOURCES = ("", "organisation.name", "primary_contact.name")

_TOP_KEYS = (
    "format",
    "id",
    "version",
    "title",
    "short_title",
    "summary",
    "source",
    "on_complete",
    "items",
)
_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_QUESTIONNAIRE_ID = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")


class QuestionnaireError(ValueError):
    """A questionnaire file is broken; the message names the file and the place."""


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class IdentificationField:
    id: str
    label: str
    fill_from: str = ""


@dataclass(frozen=True)
class Item:
    id: str
    number: str
    kind: Kind
    text: str
    help: str = ""
    minimum: int = 1
    maximum: int = 10
    anchors: tuple[tuple[int, str], ...] = ()
    options: tuple[Option, ...] = ()
    other_label: str = ""  # a multi item with a write-in "Other ____" option
    fields: tuple[IdentificationField, ...] = ()

    @property
    def has_other(self) -> bool:
        return bool(self.other_label)

    def anchor(self, point: int) -> str:
        return dict(self.anchors).get(point, "")

    def option_label(self, option_id: str) -> str:
        return next((o.label for o in self.options if o.id == option_id), option_id)


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: int
    title: str
    short_title: str
    summary: str
    source: str
    items: tuple[Item, ...]
    # Profile facts completing an interview moves forward, e.g. {"stage": "Interviewed"}.
    on_complete: tuple[tuple[str, str], ...] = ()
    # The file's text, normalised: what the database keeps as this version's snapshot.
    # A translated questionnaire keeps the English definition: the snapshot is the structure.
    definition: str = ""
    # The language of the labels: '' for the file's own (English), else a BCP 47 code.
    language: str = ""

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def index_of(self, item_id: str) -> int:
        return next((i for i, item in enumerate(self.items) if item.id == item_id), -1)

    @property
    def completes_stage(self) -> str:
        return dict(self.on_complete).get("stage", "")

    def translated(self, translation: QuestionnaireTranslation) -> Questionnaire:
        """The same questionnaire with the translation's labels (English where it has none).

        Ids, numbers, kinds, options and scale bounds stay as they are, so answers given in
        any language are the same values and compare across interviews.
        """
        items = []
        for item in self.items:
            words = translation.items.get(item.id)
            if words is None:
                items.append(item)
                continue
            items.append(
                replace(
                    item,
                    text=words.text or item.text,
                    help=words.help or item.help,
                    options=tuple(
                        Option(o.id, words.options.get(o.id, o.label)) for o in item.options
                    ),
                    other_label=words.other or item.other_label,
                    anchors=tuple((p, words.anchors.get(p, label)) for p, label in item.anchors),
                    fields=tuple(
                        replace(f, label=words.fields.get(f.id, f.label)) for f in item.fields
                    ),
                )
            )
        return replace(
            self,
            title=translation.title or self.title,
            short_title=translation.short_title or self.short_title,
            summary=translation.summary or self.summary,
            items=tuple(items),
            language=translation.language,
        )


@dataclass(frozen=True)
class ItemTranslation:
    """An item's labels in another language; what is left out stays in English."""

    text: str = ""
    help: str = ""
    options: Mapping[str, str] = field(default_factory=dict)
    other: str = ""
    anchors: Mapping[int, str] = field(default_factory=dict)
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QuestionnaireTranslation:
    """The labels of one questionnaire version in one language (a data file, see translations)."""

    questionnaire_id: str
    version: int
    language: str  # BCP 47: th, km, vi, my, zh-Hans ...
    name: str  # the language's name in itself: ไทย
    english_name: str  # and in English: Thai
    # False until a native speaker has checked it: the wizard says "not yet reviewed".
    reviewed: bool
    title: str = ""
    short_title: str = ""
    summary: str = ""
    items: Mapping[str, ItemTranslation] = field(default_factory=dict)
    source: str = ""  # the file it came from
    in_user_folder: bool = False

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.questionnaire_id, self.version, self.language)

    def missing(self, questionnaire: Questionnaire) -> list[str]:
        """The places still shown in English, named for the person completing the file."""
        places = [
            name
            for name, own, given in (
                ("title", questionnaire.title, self.title),
                ("short_title", questionnaire.short_title, self.short_title),
                ("summary", questionnaire.summary, self.summary),
            )
            if own and not given
        ]
        for item in questionnaire.items:
            words = self.items.get(item.id, ItemTranslation())
            where = f"items.{item.id}"
            if not words.text:
                places.append(f"{where}.text")
            if item.help and not words.help:
                places.append(f"{where}.help")
            places += [f"{where}.options.{o.id}" for o in item.options if o.id not in words.options]
            if item.has_other and not words.other:
                places.append(f"{where}.other")
            places += [f"{where}.anchors.{p}" for p, _ in item.anchors if p not in words.anchors]
            places += [f"{where}.fields.{f.id}" for f in item.fields if f.id not in words.fields]
        return places

    def completeness(self, questionnaire: Questionnaire) -> tuple[int, int]:
        """(texts translated, texts in all): what a language list shows beside a partial one."""
        total = sum(
            bool(text)
            for text in (questionnaire.title, questionnaire.short_title, questionnaire.summary)
        )
        for item in questionnaire.items:
            total += 1 + bool(item.help) + len(item.options) + item.has_other
            total += len(item.anchors) + len(item.fields)
        return (total - len(self.missing(questionnaire)), total)


# ----- the loader ------------------------------------------------------------------------


class _Reader:
    """Checks one JSON object: known keys only, required ones present, types right."""

    def __init__(self, source: str, where: str, data: Any) -> None:
        self.source = source
        self.where = where
        if not isinstance(data, dict):
            self.fail(f"should be an object, not {_type_name(data)}")
        self.data: dict[str, Any] = data

    def fail(self, message: str) -> NoReturn:
        location = f" {self.where}:" if self.where else ""
        raise QuestionnaireError(f"{self.source}:{location} {message}")

    def only(self, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for key in self.data:
            if key not in allowed:
                self.fail(f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")

    def get(self, key: str, kind: type, *, default: Any = None, required: bool = True) -> Any:
        if key not in self.data:
            if required:
                self.fail(f"missing key {key!r}")
            return default
        value = self.data[key]
        # bool is an int in Python; a version or bound of `true` is still a mistake.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(f"{key!r} should be {kind.__name__}, not {_type_name(value)}")
        return value

    def text(
        self, key: str, *, required: bool = True, pattern: re.Pattern[str] | None = None
    ) -> str:
        value: str = self.get(key, str, default="", required=required)
        if required and not value.strip():
            self.fail(f"{key!r} is empty")
        if pattern and not pattern.match(value):
            self.fail(f"{key!r} {value!r} should be lower-case letters, digits and _")
        return value


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def _item_where(index: int, data: Any) -> str:
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return f"items[{index}] ({data['id']})"
    return f"items[{index}]"


def _parse_options(reader: _Reader) -> tuple[Option, ...]:
    raw = reader.get("options", list)
    if not raw:
        reader.fail("'options' is empty")
    options: list[Option] = []
    for index, data in enumerate(raw):
        option = _Reader(reader.source, f"{reader.where} options[{index}]", data)
        option.only(("id", "label"))
        parsed = Option(option.text("id", pattern=_ID), option.text("label"))
        if any(o.id == parsed.id for o in options):
            option.fail(f"option id {parsed.id!r} is used twice")
        options.append(parsed)
    return tuple(options)


def _parse_fields(reader: _Reader) -> tuple[IdentificationField, ...]:
    raw = reader.get("fields", list)
    if not raw:
        reader.fail("'fields' is empty")
    fields: list[IdentificationField] = []
    for index, data in enumerate(raw):
        entry = _Reader(reader.source, f"{reader.where} fields[{index}]", data)
        entry.only(("id", "label", "fill_from"))
        fill_from = entry.text("fill_from", required=False)
        if fill_from not in FILL_SOURCES:
            entry.fail(f"'fill_from' {fill_from!r} is not one of: {', '.join(FILL_SOURCES[1:])}")
        parsed = IdentificationField(entry.text("id", pattern=_ID), entry.text("label"), fill_from)
        if any(f.id == parsed.id for f in fields):
            entry.fail(f"field id {parsed.id!r} is used twice")
        fields.append(parsed)
    return tuple(fields)


def _parse_item(source: str, index: int, data: Any) -> Item:
    reader = _Reader(source, _item_where(index, data), data)
    common = ("id", "number", "kind", "text", "help")
    kind = reader.text("kind")
    if kind not in KINDS:
        reader.fail(f"'kind' {kind!r} is not one of: {', '.join(KINDS)}")
    extra: dict[str, tuple[str, ...]] = {
        "scale": ("minimum", "maximum", "anchors"),
        "multi": ("options", "other"),
        "identification": ("fields",),
    }
    reader.only(common + extra.get(kind, ()))
    values: dict[str, Any] = {
        "id": reader.text("id", pattern=_ID),
        "number": reader.text("number"),
        "kind": kind,
        "text": reader.text("text"),
        "help": reader.text("help", required=False),
    }
    if kind == "scale":
        minimum, maximum = reader.get("minimum", int), reader.get("maximum", int)
        if not 0 <= minimum < maximum <= 10:
            reader.fail("a scale needs 0 <= minimum < maximum <= 10 (keys 0-9 answer it)")
        anchors: dict[str, Any] = reader.get("anchors", dict)
        parsed_anchors = []
        for point, label in anchors.items():
            # str.isdigit() also accepts '²' and other scripts' digits, which int() rejects.
            if not re.fullmatch(r"[0-9]{1,2}", point) or not minimum <= int(point) <= maximum:
                reader.fail(f"anchor {point!r} is not a point of the scale {minimum}-{maximum}")
            if not isinstance(label, str) or not label.strip():
                reader.fail(f"anchor {point!r} needs a label")
            parsed_anchors.append((int(point), label))
        for end in (minimum, maximum):
            if end not in dict(parsed_anchors):
                reader.fail(f"the scale's end {end} needs an anchor label")
        values |= {"minimum": minimum, "maximum": maximum, "anchors": tuple(sorted(parsed_anchors))}
    elif kind == "multi":
        values["options"] = _parse_options(reader)
        other = reader.get("other", dict, required=False)
        if other is not None:
            other_reader = _Reader(source, f"{reader.where} other", other)
            other_reader.only(("label",))
            values["other_label"] = other_reader.text("label")
    elif kind == "identification":
        values["fields"] = _parse_fields(reader)
    return Item(**values)


def decode_json(text: str, source: str) -> Any:
    """JSON text as data; QuestionnaireError (naming the file) if it is not, or repeats a key."""
    try:
        return json.loads(text, object_pairs_hook=_no_repeated_keys)
    except _RepeatedKeyError as error:
        raise QuestionnaireError(f"{source}: the key {error} appears twice in one object") from None
    except json.JSONDecodeError as error:
        raise QuestionnaireError(
            f"{source}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None


def parse_questionnaire(text: str, source: str = "<text>") -> Questionnaire:
    """Parse and check a questionnaire definition; QuestionnaireError names the first problem."""
    data = decode_json(text, source)
    reader = _Reader(source, "", data)
    reader.only(_TOP_KEYS)
    file_format = reader.get("format", int)
    if file_format != FORMAT:
        reader.fail(f"format {file_format} is not known to this app (it reads format {FORMAT})")
    questionnaire_id = reader.text("id", pattern=_QUESTIONNAIRE_ID)
    version = reader.get("version", int)
    if version < 1:
        reader.fail("'version' should be 1 or more")
    on_complete = reader.get("on_complete", dict, default={}, required=False)
    for key, value in on_complete.items():
        _check_on_complete(reader, key, value)
    raw_items = reader.get("items", list)
    if not raw_items:
        reader.fail("'items' is empty")
    items: list[Item] = []
    for index, item_data in enumerate(raw_items):
        item = _parse_item(source, index, item_data)
        if any(i.id == item.id for i in items):
            raise QuestionnaireError(f"{source}: items[{index}]: item id {item.id!r} is used twice")
        items.append(item)
    return Questionnaire(
        id=questionnaire_id,
        version=version,
        title=reader.text("title"),
        short_title=reader.text("short_title", required=False) or reader.text("title"),
        summary=reader.text("summary", required=False),
        source=reader.text("source", required=False),
        items=tuple(items),
        on_complete=tuple(sorted(on_complete.items())),
        definition=json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
    )


class _RepeatedKeyError(ValueError):
    pass


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys: "kind" given twice must not pass silently.
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _RepeatedKeyError(repr(key))
        data[key] = value
    return data


def _check_on_complete(reader: _Reader, key: str, value: Any) -> None:
    if key != "stage":
        reader.fail(f"'on_complete' has unknown key {key!r} (allowed: stage)")
    if value not in VOCABULARY["stages"]:
        reader.fail(
            f"'on_complete' stage {value!r} is not one of: {', '.join(VOCABULARY['stages'])}"
        )


def read_text_file(path: Path) -> str:
    """A data file's text; QuestionnaireError if it cannot be read or is not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise QuestionnaireError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise QuestionnaireError(
            f"{path.name}: not UTF-8 text (byte {error.start}); save the file as UTF-8"
        ) from None


def load_questionnaire(path: Path | str) -> Questionnaire:
    """Read and check a questionnaire file."""
    path = Path(path)
    return parse_questionnaire(read_text_file(path), path.name)


# ----- the questionnaires this app ships ------------------------------------------------


class QuestionnaireSet:
    """Questionnaires by (id, version): the shipped ones, plus snapshots kept in a database."""

    def __init__(self, questionnaires: Iterable[Questionnaire]) -> None:
        self._by_key: dict[tuple[str, int], Questionnaire] = {}
        for questionnaire in questionnaires:
            self.add(questionnaire)

    def add(self, questionnaire: Questionnaire) -> None:
        self._by_key.setdefault(questionnaire.key, questionnaire)

    def get(self, questionnaire_id: str, version: int) -> Questionnaire:
        return self._by_key[(questionnaire_id, version)]

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def all(self) -> list[Questionnaire]:
        """Every version held, in (id, version) order."""
        return [self._by_key[key] for key in sorted(self._by_key)]

    def latest(self, questionnaire_id: str) -> Questionnaire:
        versions = [q for (qid, _), q in self._by_key.items() if qid == questionnaire_id]
        if not versions:
            raise KeyError(questionnaire_id)
        return max(versions, key=lambda q: q.version)

    def current(self) -> list[Questionnaire]:
        """The newest version of each questionnaire, in id order: what a new interview uses."""
        return [self.latest(qid) for qid in sorted({qid for qid, _ in self._by_key})]

    def titles(self) -> Mapping[str, str]:
        return {q.id: q.short_title for q in self.current()}


_BUILTIN: QuestionnaireSet | None = None


def builtin_questionnaires() -> QuestionnaireSet:
    """The questionnaire files shipped in ``ctip_desktop/questionnaires/definitions``."""
    global _BUILTIN
    if _BUILTIN is None:
        folder = resources.files("ctip_desktop.questionnaires").joinpath("definitions")
        found = []
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".json"):
                found.append(parse_questionnaire(entry.read_text("utf-8"), entry.name))
        _BUILTIN = QuestionnaireSet(found)
    return _BUILTIN
