"""One call per user action: build a report, a portfolio, or a batch of files.

The window and the ``ctip pdf`` command both call these. Each report is assembled with the
engine's advice and the team's decisions (:func:`~ctip_desktop.reports.inputs.report_inputs`),
for an audience, then built. A batch writes one file per organisation, names each file after
the organisation (safe on Windows, macOS and Linux), reports progress after each one, can be
cancelled between two files, and carries on past an organisation that fails.
"""

from __future__ import annotations

import contextlib
import logging
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from ctip_desktop.paths import safe_file_name
from ctip_desktop.recommend import RuleBook, UnknownOrganisationError, recommend_for
from ctip_desktop.reports.assemble import (
    ReportError,
    assemble_briefing_pack,
    assemble_partner_profile,
    assemble_portfolio,
)
from ctip_desktop.reports.inputs import readiness_view, report_inputs
from ctip_desktop.reports.model import AUDIENCES, Audience, ReadinessView
from ctip_desktop.reports.pdf import (
    build_briefing_pack,
    build_partner_profile,
    build_portfolio_report,
)
from ctip_desktop.workspace import Workspace

log = logging.getLogger(__name__)

ReportKind = Literal["briefing", "profile"]
ExportKind = Literal["briefing", "profile", "portfolio"]
REPORT_KINDS: tuple[ReportKind, ...] = ("briefing", "profile")
EXPORT_KINDS: tuple[ExportKind, ...] = ("briefing", "profile", "portfolio")
# progress(done, total, organisation name) -> False to stop after this one.
Progress = Callable[[int, int, str], bool]


@dataclass
class ExportResult:
    """What a batch did: the files written, the organisations that failed, and whether the
    user stopped it (files written before the stop are kept)."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (org id, name, message)
    cancelled: bool = False
    total: int = 0  # organisations asked for

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled

    def summary(self) -> str:
        """One sentence for the user."""
        files = f"{len(self.written)} file{'s' if len(self.written) != 1 else ''}"
        text = f"Wrote {files}"
        if self.failed:
            text += f"; {len(self.failed)} organisation(s) failed"
        if self.cancelled:
            text += (
                f". Cancelled before the end ({self.total} asked for); "
                "the files already written were kept"
            )
        return text + "."


def _check(audience: str) -> Audience:
    if audience not in AUDIENCES:
        raise ReportError(f"Unknown audience {audience!r} (one of: {', '.join(AUDIENCES)}).")
    return audience


# ----- single reports ---------------------------------------------------------------------------


def build_report(
    workspace: Workspace,
    org_id: str,
    kind: ReportKind,
    audience: Audience,
    target: str | Path,
    *,
    today: str | None = None,
    author: str | None = None,
    rulebook: RuleBook | None = None,
) -> Path:
    """Write one organisation's briefing pack or partner profile to ``target``.

    The report carries the engine's readiness and recommendations with the team's decisions
    (and, for the briefing pack, the follow-ups and the questions to ask next), filtered for
    the audience. ReportError when the organisation or the kind is unknown.
    """
    audience = _check(audience)
    if kind not in REPORT_KINDS:
        raise ReportError(f"Unknown report kind {kind!r} (one of: {', '.join(REPORT_KINDS)}).")
    inputs = report_inputs(workspace, org_id, rulebook)
    path = Path(target)
    if kind == "briefing":
        pack = assemble_briefing_pack(
            workspace,
            org_id,
            audience,
            recommendations=inputs.recommendations,
            readiness=inputs.readiness,
            follow_ups=inputs.follow_ups,
            questions=inputs.suggested,
            today=today,
            author=author,
        )
        build_briefing_pack(pack, path)
    else:
        report = assemble_partner_profile(
            workspace,
            org_id,
            audience,
            recommendations=inputs.recommendations,
            readiness=inputs.readiness,
            today=today,
            author=author,
        )
        build_partner_profile(report, path)
    return path


def portfolio_readiness(
    workspace: Workspace,
    org_ids: Iterable[str],
    *,
    rulebook: RuleBook | None = None,
    progress: Progress | None = None,
) -> dict[str, ReadinessView] | None:
    """The engine's readiness of each organisation (unknown ones skipped); None if cancelled.

    An organisation the engine cannot read is logged and left to the assembler, which then
    shows its scores with the tier unknown.
    """
    ids = list(dict.fromkeys(org_ids))
    found: dict[str, ReadinessView] = {}
    for done, org_id in enumerate(ids, 1):
        name = ""
        try:
            advice = recommend_for(workspace, org_id, rulebook)
            name = advice.org_name
            found[org_id] = readiness_view(advice.readiness)
        except UnknownOrganisationError:
            pass
        except Exception:
            log.exception("readiness of organisation %s could not be assessed", org_id)
        if progress is not None and progress(done, len(ids), name) is False:
            return None
    return found


def build_portfolio(
    workspace: Workspace,
    org_ids: Iterable[str],
    audience: Audience,
    target: str | Path,
    *,
    title: str = "Portfolio report",
    today: str | None = None,
    author: str | None = None,
    rulebook: RuleBook | None = None,
) -> Path:
    """Write the portfolio report of these organisations, each with the engine's readiness."""
    audience = _check(audience)
    ids = list(dict.fromkeys(org_ids))
    readiness = portfolio_readiness(workspace, ids, rulebook=rulebook) or {}
    report = assemble_portfolio(
        workspace, ids, audience, readiness=readiness, title=title, today=today, author=author
    )
    path = Path(target)
    build_portfolio_report(report, path)
    return path


# ----- file names ------------------------------------------------------------------------------


class _Names:
    """Unique file names within one batch, compared as a case-insensitive file system would."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, stem: str, suffix: str) -> str:
        number = 1
        while True:
            name = f"{stem}{f' ({number})' if number > 1 else ''}{suffix}"
            key = unicodedata.normalize("NFC", name).casefold()
            if key not in self.taken:
                self.taken.add(key)
                return name
            number += 1


def report_file_name(org_name: str, kind: str, audience: str) -> tuple[str, str]:
    """(stem, suffix): "Golden Lotus Seafood", " - briefing (internal).pdf"."""
    return safe_file_name(org_name, stem=True), f" - {kind} ({audience}).pdf"


def _write(target: Path, make: Callable[[Path], object]) -> None:
    """Build into a temporary file beside ``target``, then put it in place: a failure or a
    crash never leaves half a PDF under the final name."""
    part = target.with_name(f".{target.stem[:40]}.{os.getpid()}.part")
    try:
        make(part)
        os.replace(part, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()


# ----- batches ---------------------------------------------------------------------------------


def export_reports(
    workspace: Workspace,
    org_ids: Sequence[str],
    kind: ExportKind,
    audience: Audience,
    out_dir: str | Path,
    *,
    progress: Progress | None = None,
    today: str | None = None,
    author: str | None = None,
    rulebook: RuleBook | None = None,
) -> ExportResult:
    """Write a batch of PDFs into ``out_dir`` (created if missing).

    Briefing packs and partner profiles: one file per organisation, named after it, e.g.
    ``Golden Lotus Seafood - briefing (internal).pdf`` (a second organisation of the same name
    gets ``(2)``). A failure is logged and recorded in the result, and the batch goes on.
    Portfolio: one file for all of them. ``progress(done, total, name)`` is called after each
    organisation; when it returns False the batch stops there and the result says it was
    cancelled (files already written stay). Memory stays flat: nothing of one report is kept
    once its file is written.
    """
    audience = _check(audience)
    if kind not in EXPORT_KINDS:
        raise ReportError(f"Unknown report kind {kind!r} (one of: {', '.join(EXPORT_KINDS)}).")
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    ids = list(dict.fromkeys(org_ids))
    result = ExportResult(total=len(ids))
    today = today or date.today().isoformat()
    if kind == "portfolio":
        return _export_portfolio(
            workspace, ids, audience, folder, result, progress, today, author, rulebook
        )
    names = _Names()
    for done, org_id in enumerate(ids, 1):
        org = workspace.profiles.get(org_id)
        org_name = org.name if org is not None else ""
        del org
        try:
            if not org_name:
                raise ReportError(f"No organisation with id {org_id} (was it deleted?).")
            target = folder / names.claim(*report_file_name(org_name, kind, audience))

            def make(path: Path, org_id: str = org_id) -> None:
                build_report(
                    workspace,
                    org_id,
                    kind,
                    audience,
                    path,
                    today=today,
                    author=author,
                    rulebook=rulebook,
                )

            _write(target, make)
            result.written.append(target)
        except Exception as error:
            log.exception("%s of organisation %s (%s) failed", kind, org_id, org_name)
            result.failed.append((org_id, org_name, _message(error)))
        if progress is not None and progress(done, len(ids), org_name) is False:
            result.cancelled = done < len(ids)
            break
    return result


def _export_portfolio(
    workspace: Workspace,
    ids: list[str],
    audience: Audience,
    folder: Path,
    result: ExportResult,
    progress: Progress | None,
    today: str,
    author: str | None,
    rulebook: RuleBook | None,
) -> ExportResult:
    readiness = portfolio_readiness(workspace, ids, rulebook=rulebook, progress=progress)
    if readiness is None:
        result.cancelled = True
        return result
    target = folder / f"Portfolio {today} ({audience}).pdf"
    title = f"Portfolio report: {len(ids)} organisation{'s' if len(ids) != 1 else ''}"
    try:

        def make(path: Path) -> None:
            report = assemble_portfolio(
                workspace,
                ids,
                audience,
                readiness=readiness,
                title=title,
                today=today,
                author=author,
            )
            build_portfolio_report(report, path)

        _write(target, make)
        result.written.append(target)
    except Exception as error:
        log.exception("portfolio of %d organisations failed", len(ids))
        result.failed.append(("", "Portfolio", _message(error)))
    return result


def _message(error: Exception) -> str:
    if isinstance(error, ReportError | OSError):
        return str(error) or type(error).__name__
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
