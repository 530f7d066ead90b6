"""Questionnaire labels in other languages: one data file per questionnaire version and language.

A translation file names the questionnaire, its version and a BCP 47 language code, and gives
the labels a person reads: title, item texts, options, the "Other" label, scale anchors and the
identification fields. Ids, kinds and scale bounds are never in it, so an answer given in Thai
is the same value as one given in English. What a file leaves out is shown in English.

The app ships translations in ``translations/`` beside the definitions; a team adds a language
by putting a file in the user data folder (``questionnaires/translations``), with no code. The
loader is as strict as the questionnaire loader: unknown keys, items, options or fields, a
version the app does not have, text that is not UTF-8 or a key given twice are refused with one
message naming the file and the place.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from ctip_desktop import paths
from ctip_desktop.questionnaires.model import (
    Item,
    ItemTranslation,
    Questionnaire,
    QuestionnaireError,
    QuestionnaireSet,
    QuestionnaireTranslation,
    _Reader,
    builtin_questionnaires,
    decode_json,
    parse_questionnaire,
    read_text_file,
)

log = logging.getLogger(__name__)

TRANSLATION_FORMAT = 1
# BCP 47 as far as a questionnaire needs it: a language, then an optional script and region
# (th, km, vi, my, zh-Hans, pt-BR).
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")

_TOP_KEYS = (
    "format",
    "questionnaire",
    "version",
    "language",
    "language_name",
    "language_name_english",
    "reviewed",
    "note",
    "title",
    "short_title",
    "summary",
    "items",
)


def is_translation_data(data: Any) -> bool:
    """Whether parsed JSON is meant as a translation (it names the questionnaire it translates)."""
    return isinstance(data, dict) and "questionnaire" in data


def _labels(reader: _Reader, key: str, known: Iterable[str], what: str) -> dict[str, str]:
    """An object of id -> translated label, each id one the English item has."""
    raw: dict[str, Any] = reader.get(key, dict, default={}, required=False)
    known = list(known)
    if raw and not known:
        reader.fail(f"{key!r}: the item has no {what}s to translate")
    labels = {}
    for name, label in raw.items():
        if name not in known:
            reader.fail(f"unknown {what} {name!r} in {key!r} (the item has: {', '.join(known)})")
        if not isinstance(label, str) or not label.strip():
            reader.fail(f"{key!r} {name!r} should be a text that is not empty")
        labels[name] = label
    return labels


def _parse_item(source: str, item: Item, data: Any) -> ItemTranslation:
    reader = _Reader(source, f"items.{item.id}", data)
    extra = {
        "scale": ("anchors",),
        "multi": ("options", "other"),
        "identification": ("fields",),
    }
    reader.only(("text", "help", *extra.get(item.kind, ())))
    help_text = reader.text("help", required=False)
    if help_text and not item.help:
        reader.fail("'help' is given, but the English item has no help text")
    if "help" in reader.data and not help_text.strip():
        reader.fail("'help' is empty (leave it out to keep the English)")
    other = reader.text("other", required=False)
    if "other" in reader.data:
        if not item.has_other:
            reader.fail("'other' is given, but the item has no \"Other\" choice")
        if not other.strip():
            reader.fail("'other' is empty (leave it out to keep the English)")
    anchors = _labels(reader, "anchors", [str(p) for p, _ in item.anchors], "anchor")
    text = reader.text("text", required=False)
    if "text" in reader.data and not text.strip():
        reader.fail("'text' is empty (leave it out to keep the English)")
    return ItemTranslation(
        text=text,
        help=help_text,
        options=_labels(reader, "options", [o.id for o in item.options], "option"),
        other=other,
        anchors={int(point): label for point, label in anchors.items()},
        fields=_labels(reader, "fields", [f.id for f in item.fields], "field"),
    )


def parse_translation(
    text: str,
    source: str = "<text>",
    questionnaires: QuestionnaireSet | None = None,
    *,
    in_user_folder: bool = False,
) -> QuestionnaireTranslation:
    """Parse and check a translation against the questionnaire version it translates."""
    if questionnaires is None:
        questionnaires = builtin_questionnaires()
    reader = _Reader(source, "", decode_json(text, source))
    reader.only(_TOP_KEYS)
    file_format = reader.get("format", int)
    if file_format != TRANSLATION_FORMAT:
        reader.fail(
            f"format {file_format} is not known to this app "
            f"(it reads translation format {TRANSLATION_FORMAT})"
        )
    questionnaire_id = reader.text("questionnaire")
    version = reader.get("version", int)
    versions = sorted(v for qid, v in _keys(questionnaires) if qid == questionnaire_id)
    if not versions:
        known = ", ".join(sorted({qid for qid, _ in _keys(questionnaires)}))
        reader.fail(f"there is no questionnaire {questionnaire_id!r} (known: {known})")
    if version not in versions:
        reader.fail(
            f"questionnaire {questionnaire_id!r} has no version {version} in this app "
            f"(it has: {', '.join(str(v) for v in versions)})"
        )
    questionnaire = questionnaires.get(questionnaire_id, version)
    language = reader.text("language")
    if not LANGUAGE_CODE.match(language):
        reader.fail(f"'language' {language!r} should be a BCP 47 code such as th, km, vi, zh-Hans")
    if language == "en":
        reader.fail("'language' en is the questionnaire's own language: it needs no translation")
    reviewed = reader.get("reviewed", bool)
    reader.text("note", required=False)
    titles = {key: reader.text(key, required=False) for key in ("title", "short_title", "summary")}
    for key, value in titles.items():
        if key in reader.data and not value.strip():
            reader.fail(f"{key!r} is empty (leave it out to keep the English)")
    raw_items: dict[str, Any] = reader.get("items", dict, default={}, required=False)
    items: dict[str, ItemTranslation] = {}
    for item_id, item_data in raw_items.items():
        try:
            item = questionnaire.item(item_id)
        except KeyError:
            known = ", ".join(i.id for i in questionnaire.items)
            reader.fail(f"unknown item {item_id!r} in 'items' (the questionnaire has: {known})")
        items[item_id] = _parse_item(source, item, item_data)
    return QuestionnaireTranslation(
        questionnaire_id=questionnaire_id,
        version=version,
        language=language,
        name=reader.text("language_name"),
        english_name=reader.text("language_name_english"),
        reviewed=reviewed,
        title=titles["title"],
        short_title=titles["short_title"],
        summary=titles["summary"],
        items=items,
        source=source,
        in_user_folder=in_user_folder,
    )


def _keys(questionnaires: QuestionnaireSet) -> list[tuple[str, int]]:
    return [q.key for q in questionnaires.all()]


def load_translation(
    path: Path | str, questionnaires: QuestionnaireSet | None = None
) -> QuestionnaireTranslation:
    """Read and check a translation file."""
    path = Path(path)
    return parse_translation(read_text_file(path), path.name, questionnaires)


class TranslationSet:
    """The translations this laptop has, by questionnaire version and language.

    A file in the user folder takes the place of a shipped one for the same language: a team
    that corrects a translation need not wait for a new version of the app.
    """

    def __init__(
        self, translations: Iterable[QuestionnaireTranslation] = (), problems: Iterable[str] = ()
    ) -> None:
        self._by_key: dict[tuple[str, int, str], QuestionnaireTranslation] = {}
        for translation in translations:
            self.add(translation)
        # Files of the user folder that were refused, each with its reason: shown, not fatal.
        self.problems = list(problems)

    def add(self, translation: QuestionnaireTranslation) -> None:
        self._by_key[translation.key] = translation

    def get(self, questionnaire_id: str, version: int, language: str) -> QuestionnaireTranslation:
        return self._by_key[(questionnaire_id, version, language)]

    def languages(self, questionnaire_id: str, version: int) -> list[QuestionnaireTranslation]:
        """The translations of one questionnaire version, by their English names."""
        found = [
            t for (qid, v, _), t in self._by_key.items() if (qid, v) == (questionnaire_id, version)
        ]
        return sorted(found, key=lambda t: (t.english_name.casefold(), t.language))

    def has(self, questionnaire_id: str, version: int, language: str) -> bool:
        return (questionnaire_id, version, language) in self._by_key

    def apply(self, questionnaire: Questionnaire, language: str) -> Questionnaire:
        """The questionnaire in ``language``; English for '' or a language this laptop lacks."""
        key = (questionnaire.id, questionnaire.version, language)
        if not language or key not in self._by_key:
            return questionnaire
        return questionnaire.translated(self._by_key[key])

    def __iter__(self) -> Any:
        return iter(sorted(self._by_key.values(), key=lambda t: t.key))


def user_translations_dir() -> Path:
    """Where a team puts translation files of its own (not created until asked for)."""
    return paths.data_dir() / "questionnaires" / "translations"


_SHIPPED: list[QuestionnaireTranslation] | None = None


def shipped_translations() -> list[QuestionnaireTranslation]:
    """The translation files in ``ctip_desktop/questionnaires/translations``."""
    global _SHIPPED
    if _SHIPPED is None:
        folder = resources.files("ctip_desktop.questionnaires").joinpath("translations")
        _SHIPPED = [
            parse_translation(entry.read_text("utf-8"), entry.name)
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".json")
        ]
    return _SHIPPED


def load_translations(
    questionnaires: QuestionnaireSet | None = None, folder: Path | None = None
) -> TranslationSet:
    """The shipped translations and those in the user folder (read now, so a file added
    while the app is closed is there at the next start). A broken file in the user folder
    is left out and listed in ``problems``: it never keeps the app from starting."""
    folder = user_translations_dir() if folder is None else folder
    translations = TranslationSet(shipped_translations())
    if not folder.is_dir():
        return translations
    for path in sorted(folder.glob("*.json")):
        try:
            translation = parse_translation(
                read_text_file(path), path.name, questionnaires, in_user_folder=True
            )
        except QuestionnaireError as error:
            log.warning("translation file refused: %s", error)
            translations.problems.append(str(error))
            continue
        translations.add(translation)
    return translations


def check_questionnaire_file(path: Path | str) -> str:
    """Check a questionnaire or a translation file; one line saying what it holds.

    What the file is follows from its content: a translation names the questionnaire it
    translates. QuestionnaireError (naming file and place) if it is broken.
    """
    path = Path(path)
    text = read_text_file(path)
    if not is_translation_data(decode_json(text, path.name)):
        questionnaire = parse_questionnaire(text, path.name)
        return f"{questionnaire.title} v{questionnaire.version}, {len(questionnaire.items)} items"
    translation = parse_translation(text, path.name)
    questionnaire = builtin_questionnaires().get(translation.questionnaire_id, translation.version)
    done, total = translation.completeness(questionnaire)
    return (
        f"{translation.english_name} ({translation.language}) translation of "
        f"{questionnaire.id} v{questionnaire.version}, {done} of {total} texts translated"
        f"{'' if translation.reviewed else ', not yet reviewed'}"
    )
