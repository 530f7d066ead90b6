"""Three laptops doing random work and merging in random order: the sync properties.

After every laptop has merged every other, all hold identical content (the derived tables and
the change sets); merging the same file twice changes nothing; the order of merges does not
matter; no completed interview and no answer value ever disappears from content, history
(the change log) and conflicts.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from ctip_desktop.interviews import InterviewDetails, InterviewError
from ctip_desktop.profiles import Contact, Organisation
from ctip_desktop.questionnaires import builtin_questionnaires
from ctip_desktop.settings import Settings
from ctip_desktop.storage.entities import ANSWER_PREFIX
from ctip_desktop.sync import export_for_sync, inspect_incoming, merge
from ctip_desktop.workspace import Workspace, open_workspace

REPLICAS = 3
DEVICES = [f"{n:x}" * 32 for n in (10, 11, 12)]
ITEMS = ("pressing_business_issue", "pressing_workforce_issue", "shifting_priorities")
RULES = ("fair-recruitment", "grievance-channel")
_TEMPLATE: list[Path] = []

replica = st.integers(min_value=0, max_value=REPLICAS - 1)
pick = st.integers(min_value=0, max_value=10_000)
words = st.sampled_from(["Lotus", "Mekong", "Delta", "Ruby", "Orchid", "ไทย", "ខ្មែរ", ""])


def content(workspace: Workspace) -> dict[str, list[tuple]]:
    """Everything derived, without rowids (which depend on the order rows arrived in)."""
    db = workspace.db
    tables = {}
    for table in (
        "organisation",
        "contact",
        "headline",
        "interview",
        "correction",
        "recommendation_decision",
        "follow_up",
    ):
        tables[table] = db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    tables["answer"] = db.execute("SELECT * FROM answer ORDER BY interview_id, item_id").fetchall()
    tables["field_conflict"] = db.execute(
        "SELECT * FROM field_conflict ORDER BY entity_id, field"
    ).fetchall()
    tables["search"] = db.execute(
        "SELECT o.id, f.name, f.other_names, f.notes, f.headlines, f.details "
        "FROM organisation_fts f JOIN organisation o ON o.rowid = f.rowid ORDER BY o.id"
    ).fetchall()
    tables["change"] = db.execute("SELECT * FROM change ORDER BY change_id").fetchall()
    tables["questionnaire_snapshot"] = db.execute(
        "SELECT * FROM questionnaire_snapshot ORDER BY id, version"
    ).fetchall()
    tables["device_clock"] = db.execute("SELECT * FROM device_clock ORDER BY 1").fetchall()
    return tables


def _template() -> Path:
    """An empty migrated database, copied for each laptop (migrating each is slower)."""
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="ctip-sync-template-"))
        workspace = open_workspace(folder / "empty.db", Settings(device_id="f" * 32))
        workspace.close()
        _TEMPLATE.append(folder / "empty.db")
    return _TEMPLATE[0]


def _merge(target: Workspace, source: Workspace, folder: Path) -> None:
    path = export_for_sync(source, folder, who="x")
    try:
        with inspect_incoming(path) as incoming:
            merge(target, incoming, backup=False)
    finally:
        path.unlink()


class Laptops(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="ctip-sync-"))
        self.laptops: list[Workspace] = []
        for number in range(REPLICAS):
            path = self.folder / f"laptop{number}.db"
            shutil.copyfile(_template(), path)
            settings = Settings(device_id=DEVICES[number], interviewer_name=f"L{number}")
            self.laptops.append(open_workspace(path, settings))
        self.questionnaire = builtin_questionnaires().latest("pse-outreach-example-1")
        # Every answer value given and every interview completed, on any laptop.
        self.answers: set[tuple[str, str, str]] = set()
        self.completed: set[str] = set()
        # A team starts from one shared organisation with a draft interview, so the random
        # work often edits the same records on two laptops (and conflicts).
        first = self.laptops[0]
        org_id = first.profiles.save(Organisation(name="Shared Co", contacts=[Contact(name="P")]))
        first.interviews.start(
            org_id,
            self.questionnaire,
            InterviewDetails(started_at="2025-03-04T09:30"),
            interviewer="L0",
        )
        for other in self.laptops[1:]:
            _merge(other, first, self.folder)

    # ----- helpers -------------------------------------------------------------------------

    def _orgs(self, laptop: Workspace) -> list[str]:
        return sorted(laptop.profiles.list_ids())

    def _interviews(self, laptop: Workspace, status: str) -> list[str]:
        rows = laptop.db.execute(
            "SELECT i.id FROM interview i JOIN organisation o ON o.id = i.org_id "
            "WHERE i.deleted = 0 AND o.deleted = 0 AND i.status = ? ORDER BY i.id",
            (status,),
        ).fetchall()
        return [r[0] for r in rows]

    # ----- rules: work on one laptop -------------------------------------------------------

    @rule(n=replica, name=words)
    def create_organisation(self, n: int, name: str) -> None:
        self.laptops[n].profiles.save(
            Organisation(name=f"{name} Co {n}", tags=[name] if name else [])
        )

    @rule(n=replica, which=pick, name=words, notes=words, tag=words)
    def edit_organisation(self, n: int, which: int, name: str, notes: str, tag: str) -> None:
        laptop = self.laptops[n]
        orgs = self._orgs(laptop)
        if not orgs:
            return
        org = laptop.profiles.get(orgs[which % len(orgs)])
        assert org is not None
        org.name = f"{name} Edited {n}"
        org.notes = notes
        org.tags = [tag] if tag else org.tags[1:]
        laptop.profiles.save(org)

    @rule(n=replica, which=pick)
    def delete_organisation(self, n: int, which: int) -> None:
        laptop = self.laptops[n]
        orgs = self._orgs(laptop)
        if orgs:
            laptop.profiles.delete(orgs[which % len(orgs)])

    @rule(n=replica, which=pick, name=words)
    def add_contact(self, n: int, which: int, name: str) -> None:
        laptop = self.laptops[n]
        orgs = self._orgs(laptop)
        if not orgs:
            return
        org = laptop.profiles.get(orgs[which % len(orgs)])
        assert org is not None
        org.contacts.append(Contact(name=f"{name} Person {n}", primary=not org.contacts))
        laptop.profiles.save(org)

    @rule(n=replica, which=pick)
    def start_interview(self, n: int, which: int) -> None:
        laptop = self.laptops[n]
        orgs = self._orgs(laptop)
        if orgs:
            laptop.interviews.start(
                orgs[which % len(orgs)],
                self.questionnaire,
                InterviewDetails(started_at="2025-03-04T09:30"),
                interviewer=f"L{n}",
            )

    @rule(n=replica, which=pick, item=st.sampled_from(ITEMS), text=words)
    def answer(self, n: int, which: int, item: str, text: str) -> None:
        laptop = self.laptops[n]
        drafts = self._interviews(laptop, "draft")
        if drafts:
            interview_id = drafts[which % len(drafts)]
            value = f"{text} {n}"
            laptop.interviews.save_answer(interview_id, item, value)
            self.answers.add((interview_id, item, value))

    @rule(n=replica, which=pick)
    def complete(self, n: int, which: int) -> None:
        laptop = self.laptops[n]
        drafts = self._interviews(laptop, "draft")
        if drafts:
            interview_id = drafts[which % len(drafts)]
            laptop.interviews.complete(interview_id)
            self.completed.add(interview_id)

    @rule(n=replica, which=pick, item=st.sampled_from(ITEMS), text=words)
    def correct(self, n: int, which: int, item: str, text: str) -> None:
        laptop = self.laptops[n]
        done = self._interviews(laptop, "completed")
        if not done:
            return
        interview_id = done[which % len(done)]
        value = f"corrected {text} {n}"
        try:
            laptop.interviews.correct(interview_id, "Asked again", {item: value})
        except InterviewError:  # the same value already: nothing to correct
            return
        self.answers.add((interview_id, item, value))

    @rule(n=replica, which=pick, rule_id=st.sampled_from(RULES), accept=st.booleans())
    def decide(self, n: int, which: int, rule_id: str, accept: bool) -> None:
        laptop = self.laptops[n]
        orgs = self._orgs(laptop)
        if not orgs:
            return
        org_id = orgs[which % len(orgs)]
        if accept:
            laptop.decisions.accept(org_id, rule_id, rule_id, ["Call them"], owner=f"L{n}")
        else:
            laptop.decisions.dismiss(org_id, rule_id, rule_id, f"Not now ({n})")

    # ----- rules: merging ------------------------------------------------------------------

    @rule(target_n=replica, source_n=replica, twice=st.booleans())
    def merge_one_into_another(self, target_n: int, source_n: int, twice: bool) -> None:
        if target_n == source_n:
            return
        target, source = self.laptops[target_n], self.laptops[source_n]
        path = export_for_sync(source, self.folder, who="x")
        with inspect_incoming(path) as incoming:
            merge(target, incoming, backup=False)
        if twice:  # the same file again, even as a new inspection: nothing changes
            before = content(target)
            with inspect_incoming(path) as incoming:
                again = merge(target, incoming, backup=False)
            assert again.already_merged and again.new_changes == 0
            assert content(target) == before
        path.unlink()

    # ----- properties ----------------------------------------------------------------------

    @invariant()
    def nothing_given_is_lost_on_the_laptop_that_wrote_it(self) -> None:
        # Cheap enough for every step: each value is in some laptop's history.
        for interview_id, item, value in self.answers:
            assert any(
                laptop.db.execute(
                    "SELECT 1 FROM change WHERE entity_id = ? AND field = ? AND value = json(?)",
                    (interview_id, ANSWER_PREFIX + item, _json(value)),
                ).fetchone()
                for laptop in self.laptops
            )

    def teardown(self) -> None:
        try:
            self._converge_and_check()
        finally:
            for laptop in self.laptops:
                laptop.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _converge_and_check(self) -> None:
        first, *others = self.laptops
        for other in others:
            _merge(first, other, self.folder)
        for other in others:
            _merge(other, first, self.folder)
        contents = [content(laptop) for laptop in self.laptops]
        assert all(c == contents[0] for c in contents[1:]), "laptops differ after full sync"
        # Order does not matter: a new laptop merging them the other way round agrees.
        fresh_path = self.folder / "fresh.db"
        shutil.copyfile(_template(), fresh_path)
        fresh = open_workspace(fresh_path, Settings(device_id="d" * 32))
        try:
            for laptop in reversed(self.laptops):
                _merge(fresh, laptop, self.folder)
            assert content(fresh) == contents[0]
        finally:
            fresh.close()
        # The derived tables are what the log rebuilds.
        first.log.rebuild()
        assert content(first) == contents[0]
        # Nothing given is lost: every answer value is in the history of every laptop, and the
        # current value is one of the values given (a conflict shows one and keeps all).
        for laptop in self.laptops:
            for interview_id, item, value in self.answers:
                assert laptop.db.execute(
                    "SELECT 1 FROM change WHERE entity_id = ? AND field = ? AND value = json(?)",
                    (interview_id, ANSWER_PREFIX + item, _json(value)),
                ).fetchone(), (interview_id, item, value)
            for interview_id in self.completed:
                status = laptop.db.execute(
                    "SELECT status FROM interview WHERE id = ?", (interview_id,)
                ).fetchone()
                assert status == ("completed",)
            for interview_id, item, conflict in laptop.db.execute(
                "SELECT interview_id, item_id, conflict FROM answer"
            ).fetchall():
                heads = laptop.log.field_state(interview_id, ANSWER_PREFIX + item).heads
                assert bool(conflict) == (len({_json(h.value) for h in heads}) > 1)


def _json(value: Any) -> str:
    from ctip_desktop.storage.changelog import dump_json

    return dump_json(value)


Laptops.TestCase.settings = settings(
    max_examples=200,
    stateful_step_count=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestLaptops = Laptops.TestCase
