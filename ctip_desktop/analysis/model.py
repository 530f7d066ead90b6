"""What an analysis holds: plain records the view draws and the PDF prints."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class AnalysisError(ValueError):
    """An analysis that cannot be made; the message says why, for the user."""


@dataclass(frozen=True)
class AnalysisFilter:
    """Which interviews an analysis reads: one questionnaire, narrowed by the organisation's
    profile (sector, country, stage) and by the interview (interviewer, date range).

    Empty fields do not narrow. Dates are YYYY-MM-DD, both ends included, compared with the
    day the interview took place (``started_at``).
    """

    questionnaire_id: str
    sector: str = ""
    country: str = ""
    stage: str = ""
    interviewer: str = ""
    date_from: str = ""
    date_to: str = ""

    def problems(self) -> list[str]:
        """What is wrong with the filter, in words for the user ([] when it can be used)."""
        problems = []
        if not self.questionnaire_id:
            problems.append("Choose a questionnaire to analyse.")
        for label, value in (("From", self.date_from), ("To", self.date_to)):
            if value and not _is_day(value):
                problems.append(f"{label}: “{value}” is not a date; write it as YYYY-MM-DD.")
        if _is_day(self.date_from) and _is_day(self.date_to) and self.date_from > self.date_to:
            problems.append("The date range ends before it starts.")
        return problems

    def description(self) -> str:
        """The narrowing in one line ("" when nothing narrows), for titles and the PDF."""
        parts = [
            f"{label}: {value}"
            for label, value in (
                ("Sector", self.sector),
                ("Country", self.country),
                ("Stage", self.stage),
                ("Interviewer", self.interviewer),
            )
            if value
        ]
        if self.date_from and self.date_to:
            parts.append(f"Interviewed {self.date_from} to {self.date_to}")
        elif self.date_from:
            parts.append(f"Interviewed from {self.date_from}")
        elif self.date_to:
            parts.append(f"Interviewed until {self.date_to}")
        return " · ".join(parts)


def _is_day(text: str) -> bool:
    if not _DAY.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a scale point or an option, with the interviews and organisations
    behind it (an organisation interviewed twice counts twice in ``count``, once in
    ``org_ids``)."""

    key: str  # the scale point ("7") or the option id; "other" for the write-in option
    label: str
    count: int
    interview_ids: tuple[str, ...] = ()
    # interview id -> organisation id, shared by every bar of an analysis
    org_of: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def org_ids(self) -> frozenset[str]:
        """The organisations behind the bar (worked out when first asked: a refresh of
        20,000 interviews spent a fifth of its time on sets nobody looked at)."""
        return frozenset(map(self.org_of.__getitem__, self.interview_ids))


@dataclass(frozen=True)
class ScaleSummary:
    """The distribution of a scale item over the interviews analysed."""

    item_id: str
    number: str
    text: str
    minimum: int
    maximum: int
    anchors: tuple[tuple[int, str], ...]
    bars: tuple[Bar, ...]  # one per point, minimum to maximum
    answered: int
    mean: float | None
    median: float | None

    kind = "scale"


@dataclass(frozen=True)
class ChoiceSummary:
    """How often each option of a check-all-that-apply item was ticked."""

    item_id: str
    number: str
    text: str
    bars: tuple[Bar, ...]  # the options in the questionnaire's order, then "Other"
    answered: int  # interviews that ticked at least one option (Other included)

    kind = "multi"

    def share(self, bar: Bar) -> float:
        """The share of the interviews answering the item that ticked this option (0-1)."""
        return bar.count / self.answered if self.answered else 0.0


ItemSummary = ScaleSummary | ChoiceSummary


class WriteIn(NamedTuple):
    """A text written after ticking "Other" (a tuple: thousands are made per refresh)."""

    item_id: str
    item_number: str
    org_id: str
    org_name: str
    interview_id: str
    date: str  # YYYY-MM-DD, the day of the interview
    text: str


@dataclass(frozen=True)
class OrganisationChange:
    """An organisation interviewed twice or more: each scale item's first and latest value.

    ``values`` maps an item id to (first, latest): the values of the earliest and the latest
    interview that answered that item, when those are two different interviews.
    """

    org_id: str
    name: str
    interviews: int
    first_date: str  # YYYY-MM-DD
    latest_date: str
    values: dict[str, tuple[int, int]] = field(default_factory=dict)

    def change(self, item_id: str) -> int | None:
        pair = self.values.get(item_id)
        return None if pair is None else pair[1] - pair[0]


@dataclass(frozen=True)
class ItemChange:
    """How one scale item moved between first and latest interviews, over organisations."""

    item_id: str
    number: str
    text: str
    organisations: int  # with two answered interviews
    mean_change: float | None
    rose: int
    same: int
    fell: int


@dataclass(frozen=True)
class Analysis:
    """The analysis of one questionnaire's completed interviews under a filter."""

    filter: AnalysisFilter
    questionnaire_title: str
    interviews: int  # completed interviews analysed
    organisations: int  # organisations they belong to
    drafts_left_out: int  # draft interviews the same filter selects, not counted
    items: tuple[ItemSummary, ...]  # the scale and check-all items, in questionnaire order
    write_ins: tuple[WriteIn, ...]  # item order, then date, then organisation
    changes: tuple[OrganisationChange, ...]  # by organisation name
    item_changes: tuple[ItemChange, ...]
    names: dict[str, str] = field(default_factory=dict)  # org id -> name, every one analysed

    @property
    def scales(self) -> tuple[ScaleSummary, ...]:
        return tuple(i for i in self.items if isinstance(i, ScaleSummary))

    @property
    def choices(self) -> tuple[ChoiceSummary, ...]:
        return tuple(i for i in self.items if isinstance(i, ChoiceSummary))

    def item(self, item_id: str) -> ItemSummary:
        for item in self.items:
            if item.item_id == item_id:
                return item
        raise KeyError(item_id)

    def organisations_behind(self, bar: Bar) -> list[tuple[str, str]]:
        """(org id, name) of the organisations behind a bar, by name."""
        return sorted(
            ((org_id, self.names.get(org_id, "")) for org_id in bar.org_ids),
            key=lambda pair: (pair[1].casefold(), pair[0]),
        )
