"""Payload shapes, declared once: every op's data and every socket event's payload.

The same declaration validates REST bodies, socket events, forms and CLI input (through the
services) and produces the JSON Schema of the OpenAPI document. Shapes are strict: no type
coercion ("1" is not 1, true is not 1), no unknown fields, integers bounded to their column.
Field rules that need words (title, body, names) run the domain's own cleaners, whose errors
carry translated messages.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic import ValidationError as ShapeError

from . import board, permissions
from . import comments as discussion
from . import evidence as chain
from .accounts import EMAIL_MAX, NAME_MAX, PASSWORD_MAX
from .errors import N_, ValidationError
from .ordering import POSITION_MAX, POSITION_PATTERN
from .text_rules import INT32_MAX, refuse_control_characters

HMW_MAX = 1000
CLIENT_OP_ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
TOKEN_DAYS_MAX = 366

Id = Annotated[int, Field(ge=1, le=INT32_MAX)]
Seq = Annotated[int, Field(ge=0, le=INT32_MAX)]
StageKey = Literal[board.STAGE_KEYS]
KindKey = Literal[tuple(sorted({kind for stage in board.STAGES for kind in stage.kinds}))]
ColorKey = Literal[board.COLORS]
Title = Annotated[str, AfterValidator(board.clean_title),
                  Field(json_schema_extra={"minLength": 1, "maxLength": board.TITLE_MAX})]
Body = Annotated[str, AfterValidator(board.clean_body), Field(json_schema_extra={"maxLength": board.BODY_MAX})]
Hmw = Annotated[str, AfterValidator(lambda value: board.clean_body(value, field="hmw", limit=HMW_MAX).strip()),
                Field(json_schema_extra={"maxLength": HMW_MAX})]
Position = Annotated[str, Field(max_length=POSITION_MAX, description="A raw fractional ordering key.",
                                json_schema_extra={"pattern": POSITION_PATTERN})]
TokenName = Annotated[str, AfterValidator(lambda value: refuse_control_characters(value, "name")),
                      Field(max_length=NAME_MAX)]


def _text(limit: int, field: str):
    """Free text of at most `limit` characters, cleaned by the board's rules (the field named in errors)."""
    return Annotated[str, AfterValidator(lambda value: board.clean_body(value, field=field, limit=limit)),
                     Field(json_schema_extra={"maxLength": limit})]


DueDate = Annotated[str, AfterValidator(chain.parse_due_date),
                    Field(description="A date, YYYY-MM-DD (Christian Era).", json_schema_extra={"format": "date"})]


class Payload(BaseModel):
    """Strict shape: exact JSON types, no unknown fields."""

    model_config = ConfigDict(strict=True, extra="forbid")


class Placement(Payload):
    """Where a card goes in a lane: one of after (null = top), before, position; default: the end."""

    after: Id | None = Field(None, description="Place after this card of the lane; null = at the top.")
    before: Id | None = Field(None, description="Place before this card of the lane.")
    position: Position | None = None


class CardCreate(Placement):
    """op card.create"""

    stage: StageKey
    kind: KindKey | None = Field(None, description="Must be allowed in the stage; default: the stage's first kind.")
    title: Title
    body: Body | None = None
    color: ColorKey | None = None


class CardContent(Payload):
    """op card.update: whole-field replace of content; `version` must match when given."""

    id: Id
    title: Title | None = None
    body: Body | None = None
    color: ColorKey | None = None
    kind: KindKey | None = None
    version: Annotated[int, Field(ge=1, le=INT32_MAX)] | None = None


class CardMove(Placement):
    """op card.move: to another lane and/or place; `version` must match when given."""

    id: Id
    stage: StageKey | None = None
    version: Annotated[int, Field(ge=1, le=INT32_MAX)] | None = None


class CardPatch(Placement):
    """REST PATCH /cards/{id}: content and/or a move in one request."""

    stage: StageKey | None = None
    version: Annotated[int, Field(ge=1, le=INT32_MAX)] | None = None
    title: Title | None = None
    body: Body | None = None
    color: ColorKey | None = None
    kind: KindKey | None = None


class CardRef(Payload):
    """ops card.delete and card.restore."""

    id: Id


class CardText(Payload):
    """op card.text: a base64 Yjs update of the card's document (roots `title` and `body`)."""

    id: Id
    # Base64 text in JSON; Socket.IO may also carry it as a binary attachment.
    update: Annotated[Annotated[str, Field(max_length=72 * 1024)] | bytes,
                      WithJsonSchema({"type": "string", "contentEncoding": "base64", "maxLength": 72 * 1024})]


class ProjectFields(Payload):
    """Project settings (create and update)."""

    title: Title | None = None
    hmw: Hmw | None = None
    visibility: Literal[permissions.VISIBILITIES] | None = None
    status: Literal[permissions.STATUSES] | None = None
    stage: StageKey | None = None
    org_id: Id | None = None
    stall_days: Annotated[int, Field(ge=1, le=chain.STALL_DAYS_MAX,
                                     description="Days without activity after which a prototype is stalled.")] | None = None
    observers_may_comment: bool | None = Field(None, description="May observers comment on cards? Default: yes.")


class ProjectCreate(Payload):
    """REST POST /projects: a new project is always active."""

    title: Title
    hmw: Hmw | None = None
    visibility: Literal[permissions.VISIBILITIES] | None = None
    stage: StageKey | None = None
    org_id: Id | None = None


class MemberAdd(Payload):
    """op member.add: invite any e-mail address with a role (the person joins when they accept)."""

    email: Annotated[str, Field(max_length=EMAIL_MAX)]
    role: Literal[permissions.ROLES]


class InvitationRef(Payload):
    """ops invitation.resend and invitation.revoke: an invitation of the project."""

    id: Id


class InvitationAccept(Payload):
    """REST POST /invitations/accept: the token of a mailed invitation link (the part after /invitations/)."""

    token: Annotated[str, Field(max_length=200)]


class RoleChange(Payload):
    """REST PATCH /projects/{id}/members/{user_id}."""

    role: Literal[permissions.ROLES]


class MemberRole(RoleChange):
    """op member.update."""

    user_id: Id


class MemberRef(Payload):
    """op member.remove."""

    user_id: Id


class TokenCreate(Payload):
    """REST POST /tokens: a named personal token; e-mail and password when not signed in."""

    email: Annotated[str, Field(max_length=EMAIL_MAX)] | None = None
    password: Annotated[str, Field(max_length=PASSWORD_MAX)] | None = None
    name: TokenName | None = None
    expires_in_days: Annotated[int, Field(ge=1, le=TOKEN_DAYS_MAX)] | None = None


class LinkCreate(Payload):
    """op link.create: a typed link between two cards of the project (POST /projects/{id}/links)."""

    model_config = ConfigDict(strict=True, extra="forbid", populate_by_name=False)

    from_: Id = Field(alias="from", description="The card the link starts from (e.g. the test).")
    to: Id = Field(description="The card the link points to (e.g. the prototype it tests).")
    type: Literal[chain.LINK_TYPES]


class LinkRef(Payload):
    """op link.delete."""

    id: Id


class PrototypeFields(Payload):
    """op prototype.update: whole-value replace of a prototype card's fields; `version` must match when given."""

    id: Id
    version: Annotated[int, Field(ge=1, le=INT32_MAX)] | None = None
    fidelity: Literal[chain.FIDELITIES] | None = None
    status: Literal[chain.PROTOTYPE_STATUSES] | None = None
    owner_org_id: Id | None = None
    next_step: _text(chain.SHORT_TEXT_MAX, "next_step") | None = None
    due_date: DueDate | None = None


class TestFields(Payload):
    """op test.update: whole-value replace of a test card's fields; `version` must match when given."""

    __test__ = False  # not a pytest test class

    id: Id
    version: Annotated[int, Field(ge=1, le=INT32_MAX)] | None = None
    hypothesis: _text(chain.LONG_TEXT_MAX, "hypothesis") | None = None
    method: Literal[chain.TEST_METHODS] | None = None
    participants_count: Annotated[int, Field(ge=0, le=chain.PARTICIPANTS_MAX)] | None = None
    participants_who: _text(chain.SHORT_TEXT_MAX, "participants_who") | None = None
    metric: _text(chain.SHORT_TEXT_MAX, "metric") | None = None
    target: _text(chain.SHORT_TEXT_MAX, "target") | None = None
    result: _text(chain.LONG_TEXT_MAX, "result") | None = None
    verdict: Literal[chain.VERDICTS] | None = None
    learnings: _text(chain.LONG_TEXT_MAX, "learnings") | None = None


class GateDecide(Payload):
    """op gate.decide: a facilitator's decision on a prototype, resting on its tests (none needed to drop)."""

    prototype_id: Id
    decision: Literal[chain.DECISIONS]
    rationale: Annotated[str, AfterValidator(lambda value: _required_text(value, "rationale", chain.RATIONALE_MAX)),
                         Field(json_schema_extra={"minLength": 1, "maxLength": chain.RATIONALE_MAX})]
    evidence: Annotated[list[Id], Field(max_length=chain.EVIDENCE_MAX,
                                        description="Test cards linked `tests` to this prototype.")] = []


CommentBody = Annotated[str, AfterValidator(discussion.clean_comment),
                       Field(json_schema_extra={"minLength": 1, "maxLength": discussion.COMMENT_MAX})]


class Mention(Payload):
    """A mention in a comment: the person's id and the text that names them ("@สมศรี ใจดี")."""

    user_id: Id
    text: Annotated[str, AfterValidator(lambda value: refuse_control_characters(value, "mentions")),
                    Field(min_length=2, max_length=discussion.MENTION_TEXT_MAX)]


Mentions = Annotated[list[Mention], Field(max_length=discussion.MENTIONS_MAX)]


class CommentCreate(Payload):
    """op comment.create: a comment on a card, or a reply (`parent_id`; a reply to a reply joins its thread)."""

    card_id: Id
    body: CommentBody
    parent_id: Id | None = None
    mentions: Mentions = []


class CommentUpdate(Payload):
    """op comment.update: new text for one's own comment; `version` must match when given."""

    id: Id
    body: CommentBody
    mentions: Mentions = []
    version: Annotated[int, Field(ge=1, le=INT32_MAX)] | None = None


class CommentRef(Payload):
    """ops comment.delete and comment.hide."""

    id: Id


def _required_text(value: str, field: str, limit: int) -> str:
    """Multi-line text that must say something."""
    value = board.clean_body(value, field=field, limit=limit).strip()
    if not value:
        raise ValidationError(N_("The field %(name)s is required."), field=field, name=field)
    return value


class Join(Payload):
    """socket join."""

    project_id: Id
    include_deleted: bool = False


class BoardRef(Payload):
    """socket leave."""

    project_id: Id


class Resync(Payload):
    """socket resync."""

    project_id: Id
    since: Seq
    include_deleted: bool = False


class TextSync(Payload):
    """socket text.sync."""

    project_id: Id
    card_id: Id


class PresenceState(Payload):
    """socket presence."""

    project_id: Id
    card_id: Id | None = None


class OpEnvelope(Payload):
    """socket op (and REST POST /projects/{id}/ops, without project_id): one change."""

    project_id: Id | None = None
    type: str
    client_op_id: Annotated[str, Field(pattern=CLIENT_OP_ID_PATTERN)] | None = None
    data: dict = Field(default_factory=dict)


_WRONG_TYPE = {"int": N_("%(name)s must be a whole number."), "string": N_("%(name)s must be text."),
               "bytes": N_("%(name)s must be text."), "bool": N_("%(name)s must be true or false."),
               "dict": N_("%(name)s must be an object."), "model": N_("%(name)s must be an object."),
               "list": N_("%(name)s must be a list."), "none": N_("%(name)s must be empty (null).")}


def parse(schema: type[Payload], data: object) -> dict:
    """Validate `data` against a schema; return the fields it set, cleaned. Raises ValidationError."""
    if isinstance(data, schema):
        return data.model_dump(exclude_unset=True)
    if not isinstance(data, dict):
        raise ValidationError(N_("The request body must be a JSON object."))
    try:
        model = schema.model_validate(data)
    except ShapeError as error:
        raise _as_domain_error(error.errors(include_url=False)[0]) from None
    return model.model_dump(exclude_unset=True)


def _as_domain_error(problem: dict) -> ValidationError:
    """One pydantic problem as a ValidationError with a translatable message naming the field."""
    location = [str(part) for part in problem.get("loc", ()) if not str(part).startswith(("function-", "nullable"))]
    name = location[0] if location else "data"
    kind, context = problem.get("type", ""), problem.get("ctx") or {}
    if kind == "missing":
        return ValidationError(N_("The field %(name)s is required."), field=name, name=name)
    if kind == "extra_forbidden":
        return ValidationError(N_("Unknown field: %(name)s."), field=name, name=name)
    if kind in ("literal_error", "enum"):
        allowed = ", ".join(repr(value).strip("'") for value in _literal_values(context.get("expected", "")))
        return ValidationError(N_("Invalid value for %(name)s. Use one of: %(allowed)s."), field=name, name=name,
                               allowed=allowed or context.get("expected", ""))
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return ValidationError(N_("%(name)s is out of range."), field=name, name=name)
    if kind in ("string_too_long", "bytes_too_long"):
        return ValidationError(N_("The text is too long (at most %(max)d characters)."), field=name,
                               max=int(context.get("max_length", 0)))
    if kind == "string_pattern_mismatch":
        return ValidationError(N_("%(name)s has the wrong format."), field=name, name=name)
    type_name = kind.removesuffix("_type").removesuffix("_parsing")
    if type_name in _WRONG_TYPE:
        return ValidationError(_WRONG_TYPE[type_name], field=name, name=name)
    return ValidationError(N_("%(name)s is not valid."), field=name, name=name)


def _literal_values(expected: str) -> list[str]:
    """pydantic's "'a', 'b' or 'c'" as ['a', 'b', 'c']."""
    return [part.strip().strip("'") for part in expected.replace(" or ", ",").split(",") if part.strip()]
