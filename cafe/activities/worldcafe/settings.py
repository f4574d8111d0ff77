"""What a plan's `[activity.settings]` may say about a World Café."""

from typing import Literal

from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cafe.activities.registry import KindSettings
from cafe.domain.texts import localized

MAX_TABLES = 200
MAX_ROUNDS = 12

# The rounds a new café starts with, in every content language: the editor fills each
# language's field with its own version, so a Dutch session never projects English by default.
DEFAULT_QUESTIONS = (
    {"nl": "Waar brandt het in onze buurt?",
     "fr": "Quels sont les problèmes urgents dans notre quartier ?",
     "en": "Where does it burn in our neighbourhood?",
     "ar": "ما هي المشاكل الملحّة في حيّنا؟"},
    {"nl": "Hoe ziet onze buurt eruit als ze een zorgzame buurt is?",
     "fr": "À quoi ressemblerait notre quartier s'il prenait soin de chacun ?",
     "en": "What would our neighbourhood look like if it were caring?",
     "ar": "كيف سيبدو حيّنا لو كان حيًّا يعتني فيه الجميع ببعضهم؟"},
    {"nl": "Wat kunnen we doen, en wie hebben we daarvoor nodig?",
     "fr": "Que pouvons-nous faire, et de qui avons-nous besoin ?",
     "en": "What can we do, and who do we need?",
     "ar": "ماذا يمكننا أن نفعل، ومن نحتاج إليه؟"},
)


class RoundSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    # A string, or one version per language: {"nl": "...", "fr": "..."}.
    question: str | dict[str, str]
    minutes: int = Field(default=20, ge=1, le=180)

    @field_validator("question")
    @classmethod
    def _question(cls, value):
        versions = {"": value} if isinstance(value, str) else value
        versions = {lang: " ".join(text.split()) for lang, text in versions.items()}
        if not any(versions.values()):
            raise ValueError("a round needs a question")
        if any(len(text) > 500 for text in versions.values()):
            raise ValueError("a question has at most 500 characters")
        return versions[""] if isinstance(value, str) else {
            lang: text for lang, text in versions.items() if text
        }

    def text(self, language: str | None, fallback: str | None = None) -> str:
        return localized(self.question, language, fallback)


class Constraints(BaseModel):
    """Set by the facilitator while the café runs (participant ids exist only then)."""

    model_config = ConfigDict(extra="forbid")

    # Pairs who always share a table: an interpreter and the person they help, a carer.
    keep_together: list[tuple[int, int]] = Field(default_factory=list, max_length=500)
    # Mix stakeholder roles (residents, professionals, local government…) across the tables.
    spread_roles: bool = True

    @field_validator("keep_together")
    @classmethod
    def _distinct_people(cls, pairs):
        for a, b in pairs:
            if a == b:
                raise ValueError("a pair needs two different people")
        return pairs


class WorldCafeSettings(KindSettings):
    # A number of tables (numbered 1…n) or their names ("De keuken", "Het plein"…).
    tables: int | list[str] = Field(default=6,
                                    title=_l("Tables: a number, or their names one per line"),
        description=_l("How many tables the room has; four to six people a table works best."),
        json_schema_extra={"glossary": "world-cafe"})
    # People per table; more join a table only when every table is full.
    capacity: int = Field(default=6, ge=2, le=50, title=_l("People per table"),
        description=_l(
            "How many people a table seats; someone arriving late goes to a table with "
            "room."))
    rounds: list[RoundSettings] = Field(
        default_factory=lambda: [RoundSettings(question=dict(q)) for q in DEFAULT_QUESTIONS],
        min_length=1, max_length=MAX_ROUNDS, title=_l("Rounds"),
        description=_l(
            "One question per round, in each language; between rounds people move to "
            "another table."),
        json_schema_extra={"glossary": "world-cafe"},
    )
    # The last round is a plenary harvest with everyone together, not a round at the tables.
    last_round_plenary: bool = Field(default=False,
                                     title=_l("The last round is a plenary harvest"),
        description=_l(
            "The last round is spent all together: the tables' harvests are read and "
            "brought together."),
        json_schema_extra={"glossary": "harvest"})
    # Who writes a table's harvest: anyone sitting at it (the host, when there is one, leads
    # the conversation), or only its host.
    harvest_by: Literal["host", "anyone"] = Field(
        default="anyone", title=_l("Who writes a table's harvest"),
        description=_l(
            "Anyone at the table can note what is said; a host, when there is one, leads "
            "the conversation. With only hosts, a table without a host collects nothing."),
        json_schema_extra={"glossary": "host",
                           "options": {"host": _l("Only the table's host"),
                                       "anyone": _l("Anyone at the table")}})
    max_length: int = Field(default=280, ge=20, le=1000,
                            title=_l("Characters per contribution at most"),
        description=_l(
            "How long one contribution may be; short texts read better on the big screen."))
    # meet_new: people move to meet as many new people as possible; visit_every_table: the
    # classic form, everyone but the hosts visits every table once (as many rounds as tables).
    seating: Literal["meet_new", "visit_every_table"] = Field(
        default="meet_new", title=_l("How people move between rounds"),
        description=_l(
            "Meet new people: the tables are mixed again each round. Visit every table: "
            "everyone but the hosts goes to each table once (as many tables as rounds)."),
        json_schema_extra={"options": {"meet_new": _l("Meet as many new people as possible"),
                                       "visit_every_table": _l("Visit every table once")}})
    constraints: Constraints = Field(default_factory=Constraints)
    # Who will host a table, when agreed beforehand (volunteers): shown to the facilitator
    # choosing hosts. At most one per table.
    hosts: list[str] = Field(
        default_factory=list, max_length=MAX_TABLES,
        title=_l("Hosts agreed beforehand, one name per line (at most one per table)"),
        description=_l(
            "Volunteers who agreed to host a table; you pick them on the console when the "
            "café runs."),
        json_schema_extra={"glossary": "host"})

    @field_validator("tables")
    @classmethod
    def _table_list(cls, value):
        if isinstance(value, int):
            if not 1 <= value <= MAX_TABLES:
                raise ValueError(f"between 1 and {MAX_TABLES} tables")
            return value
        names = [" ".join(name.split()) for name in value]
        if not 1 <= len(names) <= MAX_TABLES or not all(names) or any(len(n) > 60 for n in names):
            raise ValueError(f"1 to {MAX_TABLES} table names of at most 60 characters")
        if len(set(names)) != len(names):
            raise ValueError("table names must differ")
        return names

    @field_validator("hosts")
    @classmethod
    def _host_names(cls, value: list[str]) -> list[str]:
        names = [" ".join(name.split()) for name in value]
        if not all(names) or any(len(n) > 80 for n in names):
            raise ValueError("hosts must be names of at most 80 characters")
        return names

    @model_validator(mode="after")
    def _a_host_per_table(self):
        if len(self.hosts) > len(self.table_names()):
            raise ValueError("more hosts than tables")
        return self

    @model_validator(mode="after")
    def _a_round_at_the_tables(self):
        if self.last_round_plenary and len(self.rounds) < 2:
            raise ValueError("a plenary last round needs a round at the tables before it")
        if self.seating == "visit_every_table" and len(self.table_names()) != self.table_rounds:
            raise ValueError("visiting every table once needs as many tables as rounds at the "
                             "tables")
        return self

    @property
    def table_rounds(self) -> int:
        """The rounds at the tables (all but a plenary last round)."""
        return len(self.rounds) - (1 if self.last_round_plenary else 0)

    def table_names(self) -> list[str | None]:
        """One entry per table, in order; None for a numbered table."""
        if isinstance(self.tables, int):
            return [None] * self.tables
        return list(self.tables)

    def is_plenary(self, number: int) -> bool:
        return self.last_round_plenary and number == len(self.rounds)
