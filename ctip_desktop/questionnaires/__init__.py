"""Questionnaires as data files, their loader, and the rules answers follow."""

from ctip_desktop.questionnaires.answers import (
    AnswerError,
    answer_problems,
    answer_text,
    blocking_problems,
    checked_answer,
    empty_answer,
    is_answered,
)
from ctip_desktop.questionnaires.model import (
    Item,
    Questionnaire,
    QuestionnaireError,
    QuestionnaireSet,
    QuestionnaireTranslation,
    builtin_questionnaires,
    load_questionnaire,
    parse_questionnaire,
)
from ctip_desktop.questionnaires.translations import (
    TranslationSet,
    load_translation,
    load_translations,
    parse_translation,
    user_translations_dir,
)

__all__ = [
    "AnswerError",
    "Item",
    "Questionnaire",
    "QuestionnaireError",
    "QuestionnaireSet",
    "QuestionnaireTranslation",
    "TranslationSet",
    "answer_problems",
    "answer_text",
    "blocking_problems",
    "builtin_questionnaires",
    "checked_answer",
    "empty_answer",
    "is_answered",
    "load_questionnaire",
    "load_translation",
    "load_translations",
    "parse_questionnaire",
    "parse_translation",
    "user_translations_dir",
]
