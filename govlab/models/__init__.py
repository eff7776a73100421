"""Typed SQLAlchemy models, one module per aggregate. No request access here."""
from .affiliation import AffiliationDecision, OrganisationAdmin, OrganisationDomain
from .card import Card
from .event import Event
from .evidence import CardLink, Decision, DecisionEvidence, PrototypeDetails, TestDetails
from .invitation import Invitation
from .mail import AccountToken, OutboxMail
from .organisation import Organisation
from .project import Membership, Project
from .realtime import CardTextUpdate, OpReceipt
from .user import ApiToken, User, UserSession

__all__ = ["AccountToken", "AffiliationDecision", "ApiToken", "Card", "CardLink", "CardTextUpdate", "Decision",
           "DecisionEvidence", "Event", "Invitation", "Membership", "OpReceipt", "Organisation", "OrganisationAdmin",
           "OrganisationDomain", "OutboxMail", "Project", "PrototypeDetails", "TestDetails", "User", "UserSession"]
