"""The processing register (GDPR art. 30): what the portal processes, why, on which legal
basis, how long, and who receives it.

One Python structure, not a model the officer edits: what is processed is decided by the
code (the models, the retention commands, who sees what), so a change of processing changes
this list in the same commit and the same review. The admin page renders it, and
`docs/data-protection.md` ("Processing register") holds the same table, which a test
compares entry by entry. The officer asks for a change like any other change to the portal.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Processing:
    """One processing activity, as a row of the register."""

    name: Promise
    data: Promise
    purpose: Promise
    legal_basis: Promise
    retention: Promise
    recipients: Promise


REGISTER = (
    Processing(
        name=_("Childcare requests"),
        data=_(
            "Parent's and child's name, birth date, contact details and address; care plan; "
            "priority rules; where the region asks, national register number and income "
            "indicator; consents"
        ),
        purpose=_("Handling the request for childcare (seed 000 art. 4 §3 b)"),
        legal_basis=_("Consent (GDPR art. 6.1 a; seed 000 art. 4 §3 c)"),
        retention=_(
            "Anonymised 5 years after the request (decree of 20 April 2012 art. 24), at once "
            "when the parent asks"
        ),
        recipients=_(
            "The locations asked, more as the chance of a place grows; the loket of the region"
        ),
    ),
    Processing(
        name=_("Access trail"),
        data=_("Staff username and capacity, request, fields shown (no values), time, reason"),
        purpose=_("Showing who had access to personal data and what was done with it"),
        legal_basis=_("Legal obligation (GDPR art. 6.1 c, art. 5.2 and 32)"),
        retention=_("As long as the request it concerns, its anonymised form included"),
        recipients=_("The loket of the region, the data protection officer, the parent"),
    ),
    Processing(
        name=_("Staff accounts and login security"),
        data=_(
            "Name, email address, username, password hash, second factor, failed logins, "
            "open sessions"
        ),
        purpose=_(
            "Access to the back-office for the staff each organiser named (seed 000 art. 2 §7)"
        ),
        legal_basis=_(
            "Public task (GDPR art. 6.1 e): the local childcare desk, decree of 20 April 2012 "
            "chapter 4"
        ),
        retention=_(
            "Until the loket deactivates the account; failed logins until unlocked or expired"
        ),
        recipients=_("The loket, the organiser's location group, administrators"),
    ),
    Processing(
        name=_("Outgoing mail"),
        data=_("Recipient address, message with a private link"),
        purpose=_("Confirmations, private links, decisions and reminders"),
        legal_basis=_("As the processing the mail belongs to"),
        retention=_("Deleted as soon as the mail server accepts the message"),
        recipients=_("The mail server of the city (processor)"),
    ),
    Processing(
        name=_("Database backups"),
        data=_("Everything in the database"),
        purpose=_("Restoring the portal after a failure (GDPR art. 32.1 c)"),
        legal_basis=_("Legal obligation (GDPR art. 6.1 c, art. 32)"),
        retention=_("14 daily and 12 monthly copies"),
        recipients=_("Operators"),
    ),
    Processing(
        name=_("Breach register"),
        data=_("Description of each breach, the number of requests concerned, decisions"),
        purpose=_("Documenting every personal data breach (GDPR art. 33.5)"),
        legal_basis=_("Legal obligation (GDPR art. 6.1 c, art. 33)"),
        retention=_("Kept as the controller's record of accountability"),
        recipients=_("The data protection officer; the supervisory authority on request"),
    ),
)

COLUMNS = (
    ("name", _("Processing")),
    ("data", _("Personal data")),
    ("purpose", _("Purpose")),
    ("legal_basis", _("Legal basis")),
    ("retention", _("Retention")),
    ("recipients", _("Recipients")),
)


def rows():
    """The register as rows of strings in the active language, in COLUMNS' order."""
    return [[str(getattr(entry, name)) for name, _label in COLUMNS] for entry in REGISTER]
