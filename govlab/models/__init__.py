"""Typed SQLAlchemy models, one module per aggregate. No request access here."""
from .affiliation import AffiliationDecision, OrganisationAdmin, OrganisationDomain
from .card import Card
from .citizen import (ChallengePage, ConsentRecord, Contribution, ContributionFlag, ContributionSupport,
                      ContributionWord, PublishedCard)
from .comment import CardFollow, Comment, Notification
from .event import Event
from .evidence import CardLink, Decision, DecisionEvidence, PrototypeDetails, TestDetails
from .guest import Guest, JoinCode
from .invitation import Invitation
from .mail import AccountToken, OutboxMail
from .organisation import Organisation
from .project import Membership, Project
from .realtime import CardTextUpdate, OpReceipt
from .search import CardIndexQueue, CardWord
from .theme import Theme
from .user import ApiToken, User, UserSession
from .workshop import Vote, VoteDot, Workshop, WorkshopNote

__all__ = ["AccountToken", "AffiliationDecision", "ApiToken", "Card", "CardFollow", "CardIndexQueue", "CardLink",
           "CardTextUpdate", "CardWord",
           "ChallengePage", "Comment", "ConsentRecord", "Contribution", "ContributionFlag", "ContributionSupport",
           "ContributionWord", "Decision", "DecisionEvidence", "Event", "Invitation", "Membership", "Notification",
           "OpReceipt", "Organisation", "OrganisationAdmin", "OrganisationDomain", "OutboxMail", "Project",
           "PrototypeDetails", "PublishedCard", "TestDetails", "Theme", "User", "UserSession", "Vote", "VoteDot",
           "Workshop", "WorkshopNote"]
__all__ += ["Guest", "JoinCode"]
