"""Recommendation rules as data: the seed's vocabulary and the rules, read by a strict loader.

Two files ship in this package. ``knowledge.json`` declares what the seed document offers:
the roles a CTIP organisation can play, its four categories with their opportunities for
private sector engagement, the pre-competitive collaboration areas, the named examples and
resources, and the Principles for Partnering. ``rules.json`` maps facts about an organisation
(see :mod:`ctip_desktop.recommend.facts`) to advice pointing into that vocabulary, declares
the checks for contradictory answers, and the readiness thresholds.

Like the questionnaire loader, this one rejects unknown keys, duplicate ids and dangling
references (a fact, an option id, a category, an opportunity, a role or an example that does
not exist), naming the file and the place in every error.

A condition is a tree: ``{"all": [...]}``, ``{"any": [...]}``, ``{"not": {...}}``, or a test of
one fact: ``{"fact": NAME, OPERATOR: OPERAND}`` with one operator allowed for the fact's kind:

- number: ``at_least``, ``at_most``, ``equals``, ``between`` ([low, high], inclusive)
- set: ``includes``, ``includes_any``, ``includes_all`` (option ids or vocabulary values),
  ``count_at_least``
- text: ``matches_any`` (keywords, any language, compared without case)
- value: ``is``, ``in``
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal, NoReturn, TypeVar

from ctip_desktop.recommend.facts import FactSpec, fact_catalogue, normalised

FORMAT = 1
PRIORITIES = ("high", "medium", "low")
CONFIDENCES = ("high", "medium", "low")
Priority = Literal["high", "medium", "low"]
Confidence = Literal["high", "medium", "low"]
LIBRARY_KINDS = ("example", "resource")
UNKNOWN_TIER = "unknown"

OPERATORS: dict[str, tuple[str, ...]] = {
    "number": ("at_least", "at_most", "equals", "between"),
    "set": ("includes", "includes_any", "includes_all", "count_at_least"),
    "text": ("matches_any",),
    "value": ("is", "in"),
}
# The numbers readiness tiers are decided on (see readiness.py).
READINESS_FACTS: dict[str, FactSpec] = {
    "readiness.need": FactSpec("readiness.need", "number", "Need", minimum=0, maximum=10),
    "readiness.openness": FactSpec(
        "readiness.openness", "number", "Openness", minimum=0, maximum=10
    ),
    "readiness.resources": FactSpec(
        "readiness.resources", "number", "Resources offered", minimum=0, maximum=10
    ),
}

_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
PLACEHOLDER = re.compile(r"\{([a-z0-9_.]+)\}")


class RuleError(ValueError):
    """A knowledge or rule file is broken; the message names the file and the place."""


# ----- the seed's vocabulary ------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    id: str
    title: str  # the seed's words
    description: str


@dataclass(frozen=True)
class Category:
    id: str
    number: int  # 1-4 for the seed's categories, 0 for the pre-competitive areas
    title: str  # the seed's words
    summary: str
    pre_competitive: bool = False

    @property
    def heading(self) -> str:
        return f"Category {self.number}: {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Opportunity:
    id: str
    category_id: str
    title: str  # the seed's bold heading
    summary: str


@dataclass(frozen=True)
class LibraryEntry:
    """A named example or resource from the seed, described in this app's words."""

    id: str
    kind: str  # "example" or "resource"
    name: str
    description: str
    categories: tuple[str, ...] = ()
    url: str = ""


@dataclass(frozen=True)
class Principle:
    id: str
    title: str  # the seed's bold words
    prompt: str  # a question to check a partnership against


_Entry = TypeVar("_Entry", Role, Category, Opportunity, LibraryEntry, Principle)


def _by_id(entries: Iterable[_Entry], entry_id: str) -> _Entry:
    for entry in entries:
        if entry.id == entry_id:
            return entry
    raise KeyError(entry_id)


@dataclass(frozen=True)
class Knowledge:
    roles: tuple[Role, ...]
    categories: tuple[Category, ...]
    opportunities: tuple[Opportunity, ...]
    library: tuple[LibraryEntry, ...]
    principles: tuple[Principle, ...]
    source: str = ""

    def role(self, role_id: str) -> Role:
        return _by_id(self.roles, role_id)

    def category(self, category_id: str) -> Category:
        return _by_id(self.categories, category_id)

    def opportunity(self, opportunity_id: str) -> Opportunity:
        return _by_id(self.opportunities, opportunity_id)

    def entry(self, entry_id: str) -> LibraryEntry:
        return _by_id(self.library, entry_id)

    def opportunities_of(self, category_id: str) -> tuple[Opportunity, ...]:
        return tuple(o for o in self.opportunities if o.category_id == category_id)


# ----- conditions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """One fact compared with an operand."""

    fact: str
    operator: str
    operand: Any  # float, (low, high), str, tuple of str (keywords kept normalised)


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    part: Condition


Condition = Comparison | AllOf | AnyOf | Not


def facts_used(condition: Condition) -> tuple[str, ...]:
    """The fact names a condition reads, in order of first use."""
    if isinstance(condition, Comparison):
        return (condition.fact,)
    parts = (condition.part,) if isinstance(condition, Not) else condition.parts
    found: dict[str, None] = {}
    for part in parts:
        found.update(dict.fromkeys(facts_used(part)))
    return tuple(found)


# ----- rules ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    advice: str
    category: str
    opportunity: str
    roles: tuple[str, ...]
    priority: Priority
    when: Condition
    next_steps: tuple[str, ...]
    examples: tuple[str, ...] = ()
    ask_next: tuple[str, ...] = ()  # questions for the next meeting
    confidence: Confidence = "high"  # before contradictions lower it
    why: str = ""  # template: {fact.name} is replaced by the fact's value


@dataclass(frozen=True)
class ContradictionCheck:
    id: str
    message: str
    when: Condition
    lowers: tuple[str, ...]  # facts whose recommendations lose one step of confidence


@dataclass(frozen=True)
class Tier:
    id: str
    label: str
    advice: str
    when: Condition | None  # None: the last tier, for everything else


@dataclass(frozen=True)
class ReadinessPart:
    fact: str
    label: str  # short, for the explanation: "supply-chain disruption"


@dataclass(frozen=True)
class ReadinessSpec:
    need: tuple[ReadinessPart, ...]  # scale facts averaged into need
    openness: tuple[ReadinessPart, ...]  # scale facts averaged into openness
    resources: ReadinessPart  # the set fact whose ticked options are counted
    tiers: tuple[Tier, ...]
    unknown_label: str = "Unknown"
    unknown_advice: str = ""


@dataclass(frozen=True)
class RuleBook:
    version: int
    knowledge: Knowledge
    rules: tuple[Rule, ...]
    contradictions: tuple[ContradictionCheck, ...]
    readiness: ReadinessSpec
    catalogue: Mapping[str, FactSpec]

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


# ----- the loader ---------------------------------------------------------------------------


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
        raise RuleError(f"{self.source}:{location} {message}")

    def at(self, where: str, data: Any) -> _Reader:
        return _Reader(self.source, f"{self.where} {where}".strip(), data)

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
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(f"{key!r} should be {_kind_name(kind)}, not {_type_name(value)}")
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

    def texts(self, key: str, *, required: bool = True, ids: bool = False) -> tuple[str, ...]:
        raw = self.get(key, list, default=[], required=required)
        if required and not raw:
            self.fail(f"{key!r} is empty")
        values = []
        for index, value in enumerate(raw):
            if not isinstance(value, str) or not value.strip():
                self.fail(f"{key}[{index}] should be non-empty text")
            if ids and not _ID.match(value):
                self.fail(f"{key}[{index}] {value!r} should be lower-case letters, digits and _")
            values.append(value)
        return tuple(values)

    def choice(self, key: str, allowed: Iterable[str], default: str | None = None) -> str:
        allowed = tuple(allowed)
        value = self.text(key, required=default is None) or (default or "")
        if value not in allowed:
            self.fail(f"{key!r} {value!r} is not one of: {', '.join(allowed)}")
        return value


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def _kind_name(kind: type) -> str:
    names: dict[type, str] = {dict: "an object", list: "a list", str: "text"}
    return names.get(kind, kind.__name__)


def _where(name: str, index: int, data: Any) -> str:
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return f"{name}[{index}] ({data['id']})"
    return f"{name}[{index}]"


class _RepeatedKeyError(ValueError):
    pass


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _RepeatedKeyError(repr(key))
        data[key] = value
    return data


def _json(text: str, source: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_repeated_keys)
    except _RepeatedKeyError as error:
        raise RuleError(f"{source}: the key {error} appears twice in one object") from None
    except json.JSONDecodeError as error:
        raise RuleError(
            f"{source}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None


def _entries(reader: _Reader, key: str) -> list[tuple[_Reader, str]]:
    """Each object of a list, with its reader and id; duplicate ids refused."""
    raw = reader.get(key, list)
    if not raw:
        reader.fail(f"{key!r} is empty")
    seen: set[str] = set()
    entries = []
    for index, data in enumerate(raw):
        entry = reader.at(_where(key, index, data), data)
        entry_id = entry.text("id", pattern=_ID)
        if entry_id in seen:
            entry.fail(f"id {entry_id!r} is used twice")
        seen.add(entry_id)
        entries.append((entry, entry_id))
    return entries


def _check_format(reader: _Reader) -> int:
    file_format = reader.get("format", int)
    if file_format != FORMAT:
        reader.fail(f"format {file_format} is not known to this app (it reads format {FORMAT})")
    return file_format


def parse_knowledge(text: str, source: str = "<knowledge>") -> Knowledge:
    """Parse and check the seed's vocabulary; RuleError names the first problem."""
    reader = _Reader(source, "", _json(text, source))
    reader.only(("format", "source", "roles", "categories", "library", "principles"))
    _check_format(reader)
    roles = []
    for entry, entry_id in _entries(reader, "roles"):
        entry.only(("id", "title", "description"))
        roles.append(Role(entry_id, entry.text("title"), entry.text("description")))
    categories: list[Category] = []
    opportunities: list[Opportunity] = []
    for entry, entry_id in _entries(reader, "categories"):
        entry.only(("id", "number", "title", "summary", "pre_competitive", "opportunities"))
        number = entry.get("number", int)
        pre_competitive = entry.get("pre_competitive", bool, default=False, required=False)
        if not 0 <= number <= 4 or (number == 0) != pre_competitive:
            entry.fail("'number' is 1-4 for a seed category and 0 for the pre-competitive areas")
        categories.append(
            Category(entry_id, number, entry.text("title"), entry.text("summary"), pre_competitive)
        )
        for item, item_id in _entries(entry, "opportunities"):
            item.only(("id", "title", "summary"))
            if any(o.id == item_id for o in opportunities):
                item.fail(f"opportunity id {item_id!r} is used twice")
            opportunities.append(
                Opportunity(item_id, entry_id, item.text("title"), item.text("summary"))
            )
    category_ids = {c.id for c in categories}
    library = []
    for entry, entry_id in _entries(reader, "library"):
        entry.only(("id", "kind", "name", "description", "categories", "url"))
        kind = entry.choice("kind", LIBRARY_KINDS)
        linked = entry.texts("categories", required=False, ids=True)
        for category_id in linked:
            if category_id not in category_ids:
                entry.fail(f"unknown category {category_id!r}")
        url = entry.text("url", required=False)
        if url and not url.startswith(("https://", "http://")):
            entry.fail(f"'url' {url!r} should start with https://")
        library.append(
            LibraryEntry(entry_id, kind, entry.text("name"), entry.text("description"), linked, url)
        )
    principles = []
    for entry, entry_id in _entries(reader, "principles"):
        entry.only(("id", "title", "prompt"))
        principles.append(Principle(entry_id, entry.text("title"), entry.text("prompt")))
    return Knowledge(
        tuple(roles),
        tuple(categories),
        tuple(opportunities),
        tuple(library),
        tuple(principles),
        reader.text("source", required=False),
    )


def _number_operand(reader: _Reader, key: str, value: Any, spec: FactSpec) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        reader.fail(f"{key!r} should be a number, not {_type_name(value)}")
    low, high = spec.minimum, spec.maximum
    if low is not None and high is not None and not low <= value <= high:
        reader.fail(f"{key!r} {value} is outside {spec.name}'s range {_n(low)}-{_n(high)}")
    return float(value)


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _choice_operand(reader: _Reader, key: str, value: Any, spec: FactSpec) -> str:
    if not isinstance(value, str):
        reader.fail(f"{key!r} should be text, not {_type_name(value)}")
    if spec.choices and value not in spec.choices:
        what = "option id" if spec.questionnaire_id else "value"
        reader.fail(
            f"{key!r}: {value!r} is not an {what} of {spec.name} (known: {', '.join(spec.choices)})"
        )
    return value


def _parse_condition(
    reader_parent: _Reader, where: str, data: Any, catalogue: Mapping[str, FactSpec]
) -> Condition:
    reader = reader_parent.at(where, data)
    for combinator in ("all", "any"):
        if combinator in reader.data:
            reader.only((combinator,))
            raw = reader.get(combinator, list)
            if not raw:
                reader.fail(f"{combinator!r} is empty")
            parts = tuple(
                _parse_condition(reader, f"{combinator}[{i}]", part, catalogue)
                for i, part in enumerate(raw)
            )
            return AllOf(parts) if combinator == "all" else AnyOf(parts)
    if "not" in reader.data:
        reader.only(("not",))
        return Not(_parse_condition(reader, "not", reader.data["not"], catalogue))
    if "fact" not in reader.data:
        reader.fail("a condition needs 'all', 'any', 'not', or 'fact' and one operator")
    name = reader.text("fact")
    spec = catalogue.get(name)
    if spec is None:
        reader.fail(f"unknown fact {name!r}")
    allowed = OPERATORS[spec.kind]
    operators = [key for key in reader.data if key != "fact"]
    reader.only(("fact", *allowed))
    if len(operators) != 1:
        reader.fail(f"a test of {name} needs exactly one of: {', '.join(allowed)}")
    operator = operators[0]
    value = reader.data[operator]
    operand: Any
    if operator in ("at_least", "at_most", "equals"):
        operand = _number_operand(reader, operator, value, spec)
    elif operator == "between":
        if not isinstance(value, list) or len(value) != 2:
            reader.fail("'between' should be a list [low, high]")
        low, high = (_number_operand(reader, operator, v, spec) for v in value)
        if low > high:
            reader.fail(f"'between' {value} has its low end above its high end")
        operand = (low, high)
    elif operator == "count_at_least":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            reader.fail("'count_at_least' should be a whole number of 1 or more")
        operand = float(value)
    elif operator in ("includes", "is"):
        operand = _choice_operand(reader, operator, value, spec)
    else:  # includes_any, includes_all, in, matches_any: a list of text
        if not isinstance(value, list) or not value:
            reader.fail(f"{operator!r} should be a non-empty list")
        if operator == "matches_any":
            for index, keyword in enumerate(value):
                if not isinstance(keyword, str) or not keyword.strip():
                    reader.fail(f"{operator}[{index}] should be a non-empty keyword")
            operand = tuple(normalised(k) for k in value)
        else:
            operand = tuple(
                _choice_operand(reader, f"{operator}[{i}]", v, spec) for i, v in enumerate(value)
            )
        if len(set(operand)) != len(operand):
            reader.fail(f"{operator!r} names a value twice")
    return Comparison(name, operator, operand)


def _parse_rule(
    entry: _Reader, rule_id: str, knowledge: Knowledge, catalogue: Mapping[str, FactSpec]
) -> Rule:
    entry.only(
        (
            "id",
            "title",
            "advice",
            "category",
            "opportunity",
            "roles",
            "priority",
            "confidence",
            "when",
            "next_steps",
            "examples",
            "ask_next",
            "why",
        )
    )
    category = entry.text("category")
    if category not in {c.id for c in knowledge.categories}:
        entry.fail(f"unknown category {category!r}")
    opportunity = entry.text("opportunity")
    known = {o.id: o for o in knowledge.opportunities}
    if opportunity not in known:
        entry.fail(f"unknown opportunity {opportunity!r}")
    if known[opportunity].category_id != category:
        entry.fail(
            f"opportunity {opportunity!r} belongs to category "
            f"{known[opportunity].category_id!r}, not {category!r}"
        )
    roles = entry.texts("roles")
    for role in roles:
        if role not in {r.id for r in knowledge.roles}:
            entry.fail(f"unknown role {role!r}")
    if len(set(roles)) != len(roles):
        entry.fail("'roles' names a role twice")
    examples = entry.texts("examples", required=False)
    for example in examples:
        if example not in {e.id for e in knowledge.library}:
            entry.fail(f"unknown example {example!r}")
    if "when" not in entry.data:
        entry.fail("missing key 'when'")
    when = _parse_condition(entry, "when", entry.data["when"], catalogue)
    why = entry.text("why", required=False)
    for placeholder in PLACEHOLDER.findall(why):
        if placeholder not in facts_used(when):
            entry.fail(f"'why' names {{{placeholder}}}, which the rule's condition does not read")
    return Rule(
        id=rule_id,
        title=entry.text("title"),
        advice=entry.text("advice"),
        category=category,
        opportunity=opportunity,
        roles=roles,
        priority=entry.choice("priority", PRIORITIES),  # type: ignore[arg-type]
        when=when,
        next_steps=entry.texts("next_steps"),
        examples=examples,
        ask_next=entry.texts("ask_next", required=False),
        confidence=entry.choice("confidence", CONFIDENCES, "high"),  # type: ignore[arg-type]
        why=why,
    )


def _parse_readiness(reader: _Reader, catalogue: Mapping[str, FactSpec]) -> ReadinessSpec:
    reader.only(("need", "openness", "resources", "tiers", "unknown_label", "unknown_advice"))

    def part(where: str, data: Any, kind: str) -> ReadinessPart:
        entry = reader.at(where, data)
        entry.only(("fact", "label"))
        name = entry.text("fact")
        if name not in catalogue or catalogue[name].kind != kind:
            entry.fail(f"{name!r} is not a {'scale' if kind == 'number' else 'set'} fact")
        return ReadinessPart(name, entry.text("label"))

    def parts(key: str) -> tuple[ReadinessPart, ...]:
        raw = reader.get(key, list)
        if not raw:
            reader.fail(f"{key!r} is empty")
        return tuple(part(f"{key}[{i}]", data, "number") for i, data in enumerate(raw))

    need, openness = parts("need"), parts("openness")
    resources = part("resources", reader.get("resources", dict), "set")
    tiers = []
    entries = _entries(reader, "tiers")
    for index, (entry, tier_id) in enumerate(entries):
        entry.only(("id", "label", "advice", "when"))
        if tier_id == UNKNOWN_TIER:
            entry.fail(f"{UNKNOWN_TIER!r} is the app's own tier for missing answers")
        last = index == len(entries) - 1
        if last and "when" in entry.data:
            entry.fail("the last tier takes everything else and has no 'when'")
        if not last and "when" not in entry.data:
            entry.fail("missing key 'when' (only the last tier goes without)")
        when = (
            None if last else _parse_condition(entry, "when", entry.data["when"], READINESS_FACTS)
        )
        tiers.append(Tier(tier_id, entry.text("label"), entry.text("advice"), when))
    return ReadinessSpec(
        need,
        openness,
        resources,
        tuple(tiers),
        reader.text("unknown_label", required=False) or "Unknown",
        reader.text("unknown_advice", required=False),
    )


def parse_rules(
    text: str,
    knowledge: Knowledge,
    source: str = "<rules>",
    catalogue: Mapping[str, FactSpec] | None = None,
) -> RuleBook:
    """Parse and check the rules against the knowledge and the fact catalogue."""
    catalogue = catalogue if catalogue is not None else fact_catalogue()
    reader = _Reader(source, "", _json(text, source))
    reader.only(("format", "version", "rules", "contradictions", "readiness"))
    _check_format(reader)
    version = reader.get("version", int)
    if version < 1:
        reader.fail("'version' should be 1 or more")
    rules = tuple(
        _parse_rule(entry, rule_id, knowledge, catalogue)
        for entry, rule_id in _entries(reader, "rules")
    )
    checks = []
    for entry, check_id in _entries(reader, "contradictions"):
        entry.only(("id", "message", "when", "lowers"))
        if "when" not in entry.data:
            entry.fail("missing key 'when'")
        when = _parse_condition(entry, "when", entry.data["when"], catalogue)
        lowers = entry.texts("lowers")
        for name in lowers:
            if name not in catalogue:
                entry.fail(f"'lowers': unknown fact {name!r}")
        checks.append(ContradictionCheck(check_id, entry.text("message"), when, lowers))
    readiness = _parse_readiness(reader.at("readiness", reader.get("readiness", dict)), catalogue)
    return RuleBook(version, knowledge, rules, tuple(checks), readiness, catalogue)


def parse_rulebook(
    knowledge_text: str,
    rules_text: str,
    knowledge_source: str = "knowledge.json",
    rules_source: str = "rules.json",
) -> RuleBook:
    return parse_rules(rules_text, parse_knowledge(knowledge_text, knowledge_source), rules_source)


def _read(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RuleError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RuleError(
            f"{path.name}: not UTF-8 text (byte {error.start}); save the file as UTF-8"
        ) from None


def load_rulebook(knowledge_path: Path | str, rules_path: Path | str) -> RuleBook:
    """Read and check a knowledge file and a rule file."""
    knowledge_path, rules_path = Path(knowledge_path), Path(rules_path)
    return parse_rulebook(
        _read(knowledge_path), _read(rules_path), knowledge_path.name, rules_path.name
    )


_BUILTIN: RuleBook | None = None


def builtin_rulebook() -> RuleBook:
    """The rules shipped in this package (read once)."""
    global _BUILTIN
    if _BUILTIN is None:
        folder = resources.files("ctip_desktop.recommend")
        _BUILTIN = parse_rulebook(
            folder.joinpath("knowledge.json").read_text("utf-8"),
            folder.joinpath("rules.json").read_text("utf-8"),
        )
    return _BUILTIN
