"""Pydantic models of the Devin API, lenient on input and strict on output.

Input: unknown enum values stay strings, extra fields are kept, optional fields may be missing or
null, session ids come with or without the ``devin-`` prefix, timestamps come as v1 ISO strings or
v3 epoch seconds (milliseconds are recognised). Output: ids always carry ``devin-``, timestamps
are aware UTC datetimes, lists are never None, enum-like strings are lower case, and text is
capped (:func:`~devin_data.models.values.capped`): short fields and enums at ``TEXT_LIMIT``
characters, the prose of an analysis at ``PROSE_LIMIT``, tags and classification lists at
``LIST_LIMIT`` items.

The cache keeps sessions in the *record* shape of :meth:`Session.to_record`: plain JSON with
timestamps as float epoch seconds, and the analysis apart (:meth:`Session.analysis_record`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from devin_data.models.values import (
    PROSE_LIMIT,
    TERMINAL_STATUSES,
    V1_ORIGIN_MAP,
    V1_STATUS_MAP,
    capped,
    capped_list,
    normalize_session_id,
    to_utc,
)


def _none_to_list(value: object) -> object:
    return [] if value is None else value


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


def _status(value: object) -> object:
    """A missing or blank status is ``unknown`` rather than a reason to drop the session."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "unknown"
    return _lower(value)


def _blank_to_none(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _capped_any(value: Any) -> Any:
    return capped(value) if isinstance(value, str) else value


UtcDatetime = Annotated[datetime, BeforeValidator(to_utc)]
SessionId = Annotated[str, BeforeValidator(normalize_session_id)]
Text = Annotated[str, AfterValidator(capped)]
Prose = Annotated[str, AfterValidator(lambda text: capped(text, PROSE_LIMIT))]
EnumText = Annotated[Text | None, BeforeValidator(_lower), BeforeValidator(_blank_to_none)]
StrList = Annotated[list[str], BeforeValidator(_none_to_list), AfterValidator(capped_list)]
IdList = Annotated[list[SessionId], BeforeValidator(_none_to_list)]


class Lenient(BaseModel):
    """Base of every API model: extra fields are kept, missing optionals are fine."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class PullRequest(Lenient):
    pr_url: Prose | None = Field(default=None, validation_alias=AliasChoices("pr_url", "url"))
    pr_state: EnumText = Field(default=None, validation_alias=AliasChoices("pr_state", "state"))


class Classification(Lenient):
    category: EnumText = None
    confidence: float | None = None
    programming_languages: StrList = []
    tools_and_frameworks: StrList = []


class InsightIssue(Lenient):
    id: Prose | None = None
    issue: Prose = ""
    impact: Prose | None = None
    label: Prose | None = None


class ActionItem(Lenient):
    action_item: Prose = ""
    issue_id: Prose | None = None
    type: EnumText = None


class TimelineEvent(Lenient):
    title: Prose = ""
    description: Prose = ""
    color: Prose | None = None
    issue_id: Prose | None = None


class FeedbackItem(Lenient):
    summary: Prose = ""
    excerpt: Prose = ""
    details: Prose = ""
    issue_id: Prose | None = None


class SuggestedPrompt(Lenient):
    original_prompt: Prose = ""
    suggested_prompt: Prose = ""
    feedback_items: Annotated[list[FeedbackItem], BeforeValidator(_none_to_list)] = []


class NoteUsage(Lenient):
    good_usages: Annotated[list[Any], BeforeValidator(_none_to_list)] = []
    bad_usages: Annotated[list[Any], BeforeValidator(_none_to_list)] = []


class Analysis(Lenient):
    classification: Classification | None = None
    issues: Annotated[list[InsightIssue], BeforeValidator(_none_to_list)] = []
    action_items: Annotated[list[ActionItem], BeforeValidator(_none_to_list)] = []
    timeline: Annotated[list[TimelineEvent], BeforeValidator(_none_to_list)] = []
    suggested_prompt: SuggestedPrompt | None = None
    note_usage: NoteUsage | None = None


class Message(Lenient):
    """One message; v3 ``source`` or v1 ``type`` both end up in ``source`` (``user``/``devin``)."""

    event_id: str | None = None
    created_at: UtcDatetime = Field(validation_alias=AliasChoices("created_at", "timestamp"))
    source: EnumText = None
    message: str = ""
    type: str | None = None
    username: str | None = None
    origin: str | None = None

    @model_validator(mode="after")
    def _source_from_type(self) -> Message:
        if self.source is None and self.type:
            kind = self.type.lower()
            self.source = "devin" if kind.startswith("devin") else "user"
        return self

    def to_record(self) -> dict[str, Any]:
        record = self.model_dump(mode="json")
        record["created_at"] = self.created_at.timestamp()
        return record


class Session(Lenient):
    """A session as v3 ``SessionResponse``/``SessionInsightsResponse`` or v1 details describe it."""

    session_id: SessionId
    url: Text | None = None
    org_id: Text | None = None
    status: Annotated[Text, BeforeValidator(_status)] = "unknown"
    status_detail: EnumText = None
    title: Text | None = None
    tags: StrList = []
    origin: EnumText = None
    category: EnumText = None
    subcategory: Text | None = None
    created_at: UtcDatetime
    updated_at: UtcDatetime | None = None
    acus_consumed: float | None = None
    pull_requests: Annotated[list[PullRequest], BeforeValidator(_none_to_list)] = []
    user_id: Text | None = None
    service_user_id: Text | None = None
    playbook_id: Text | None = None
    parent_session_id: Annotated[
        str | None, BeforeValidator(lambda v: None if v in (None, "") else normalize_session_id(v))
    ] = None
    child_session_ids: IdList = []
    is_archived: bool = False
    structured_output: Annotated[Any, AfterValidator(_capped_any)] = None
    num_devin_messages: int | None = None
    num_user_messages: int | None = None
    session_size: EnumText = None
    analysis: Analysis | None = None
    # v1 only
    status_enum: EnumText = None
    requesting_user_email: Text | None = None
    messages: Annotated[list[Message], BeforeValidator(_none_to_list)] = []

    @model_validator(mode="before")
    @classmethod
    def _v1_shapes(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and "pull_request" in data and "pull_requests" not in data:
            data = dict(data)
            single = data.pop("pull_request")
            data["pull_requests"] = [single] if single else []
        return data

    @model_validator(mode="after")
    def _defaults(self) -> Session:
        if self.updated_at is None:
            self.updated_at = self.created_at
        extra = self.__pydantic_extra__ or {}
        for name, value in extra.items():
            extra[name] = _capped_any(value)
        return self

    @property
    def last_update(self) -> datetime:
        return self.updated_at or self.created_at

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES

    def to_record(self) -> dict[str, Any]:
        """The cached shape: JSON-safe, epoch-second floats, no analysis and no messages."""
        record = self.model_dump(mode="json", exclude={"analysis", "messages"})
        record["created_at"] = self.created_at.timestamp()
        record["updated_at"] = self.last_update.timestamp()
        record["has_analysis"] = self.analysis is not None
        return record

    def analysis_record(self) -> dict[str, Any] | None:
        return None if self.analysis is None else self.analysis.model_dump(mode="json")


def normalize_v1(session: Session) -> Session:
    """Map a v1 session onto the v3 vocabulary: status, detail, message counts and origin."""
    update: dict[str, Any] = {}
    raw = session.status_enum or session.status
    if raw in V1_STATUS_MAP:
        update["status"], update["status_detail"] = V1_STATUS_MAP[raw]
    if session.messages:
        update["num_user_messages"] = sum(1 for m in session.messages if m.source == "user")
        update["num_devin_messages"] = sum(1 for m in session.messages if m.source == "devin")
        first = session.messages[0]
        if session.origin is None and first.origin:
            origin = first.origin.lower()
            update["origin"] = V1_ORIGIN_MAP.get(origin, origin)
    if session.user_id is None and session.requesting_user_email:
        update["user_id"] = session.requesting_user_email
    return session.model_copy(update=update)


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: the items and how to get the next one."""

    items: list[T]
    end_cursor: str | None = None
    has_next_page: bool = False
    total: int | None = None


class GenerateInsightsResult(Lenient):
    session_id: SessionId
    status: Annotated[str, BeforeValidator(_lower)] = "started"
