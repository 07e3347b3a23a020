//! The controller's duties around a flow: a lawful basis, contracts with recipients,
//! safeguards for transfers, and retention limits.

use super::GDPR;
use crate::check::{Family, Rule, Severity};

// Lawful basis

pub static NO_BASIS: Rule = Rule {
    id: "lawful/no-basis",
    family: Family::Lawful,
    severity: Severity::Error,
    summary: "A processing activity has no lawful basis.",
    rests_on: "GDPR Art. 6(1): processing is lawful only with one of the bases (a)–(f).",
    url: GDPR,
    fix: "Choose the lawful basis of the activity (for ad-platform measurement and retargeting in the EU usually consent, Art. 6(1)(a)).",
};

pub static NO_LIA: Rule = Rule {
    id: "lawful/legitimate-interests-without-assessment",
    family: Family::Lawful,
    severity: Severity::Warning,
    summary: "An activity rests on legitimate interests with no reference to a legitimate-interests assessment.",
    rests_on: "GDPR Art. 6(1)(f) and Art. 5(2) accountability: the balancing test must be documented; the ICO template asks for the link to the LIA.",
    url: GDPR,
    fix: "Do the legitimate-interests assessment and enter its reference on the activity, or choose another basis.",
};

pub static CONSENT_WITHOUT_PURPOSE: Rule = Rule {
    id: "lawful/consent-without-purpose",
    family: Family::Lawful,
    severity: Severity::Error,
    summary: "An activity rests on consent but names no consent purpose, so nothing shows which consent covers it.",
    rests_on: "GDPR Art. 6(1)(a) and Art. 7(1): consent is given for specific purposes and must be demonstrable.",
    url: GDPR,
    fix: "Pick the activity's consent purpose (consent_purpose in the file): the purpose of the consent banner that covers it.",
};

pub static NO_ART9_CONDITION: Rule = Rule {
    id: "lawful/special-category-without-condition",
    family: Family::Lawful,
    severity: Severity::Error,
    summary: "An activity processes special-category data without an Art. 9(2) condition.",
    rests_on: "GDPR Art. 9(1)–(2): processing special-category data is forbidden unless one of the conditions (a)–(j) applies.",
    url: GDPR,
    fix: "Stop processing the special-category data for this activity, or record the Art. 9(2) condition (usually explicit consent).",
};

// Contracts

pub static TERMS_NOT_ACCEPTED: Rule = Rule {
    id: "contracts/terms-not-accepted",
    family: Family::Contracts,
    severity: Severity::Error,
    summary: "A destination's platform terms are recorded as not accepted, or the platform's required terms are not recorded at all.",
    rests_on: "GDPR Art. 28 (processor contract) or Art. 26 (joint-controller arrangement); the platform requires the terms before it accepts data.",
    url: GDPR,
    fix: "Accept the platform's terms in its account settings and record them with the date on the destination.",
};

pub static NO_ROLE: Rule = Rule {
    id: "contracts/no-role",
    family: Family::Contracts,
    severity: Severity::Error,
    summary: "A destination, or a system another company runs, has no recorded role (processor, joint controller or independent controller).",
    rests_on: "GDPR Art. 26 and Art. 28: the role decides which contract is needed and what the record and the privacy notice must say (Art. 13(1)(e)).",
    url: GDPR,
    fix: "Record the recipient's role as the platform's terms define it.",
};

// Transfers

pub static NO_TRANSFER_MECHANISM: Rule = Rule {
    id: "transfers/no-mechanism",
    family: Family::Transfers,
    severity: Severity::Error,
    summary: "Personal data goes to a system operated outside the EEA with no transfer mechanism recorded.",
    rests_on: "GDPR Art. 44–46: transfers to third countries need an adequacy decision, appropriate safeguards (e.g. standard contractual clauses) or a derogation; Art. 30(1)(e).",
    url: GDPR,
    fix: "Record the transfer mechanism (e.g. the EU–US Data Privacy Framework for a certified recipient, or standard contractual clauses).",
};

pub static COUNTRY_UNKNOWN: Rule = Rule {
    id: "transfers/country-unknown",
    family: Family::Transfers,
    severity: Severity::Warning,
    summary: "A system that receives personal data has no country recorded, so transfers cannot be checked.",
    rests_on: "GDPR Art. 30(1)(e) and Art. 44: the record must name third countries.",
    url: GDPR,
    fix: "Record the ISO country code of the place where the system processes the data.",
};

// Retention

pub static RETENTION_MISSING: Rule = Rule {
    id: "retention/missing",
    family: Family::Retention,
    severity: Severity::Error,
    summary: "A store, relay or destination holds personal data with no retention rule.",
    rests_on: "GDPR Art. 5(1)(e) storage limitation and Art. 30(1)(f): the envisaged time limits for erasure belong in the record.",
    url: GDPR,
    fix: "Add a retention rule for the node: a period, or a period after an event, with its justification.",
};

pub static RETENTION_FIELD_UNCOVERED: Rule = Rule {
    id: "retention/field-uncovered",
    family: Family::Retention,
    severity: Severity::Warning,
    summary: "A node's retention rules cover some of the personal data it receives, but not all.",
    rests_on: "GDPR Art. 5(1)(e) and Art. 30(1)(f): a time limit for each category of data.",
    url: GDPR,
    fix: "Add a rule for the uncovered fields or categories, or one for all personal data.",
};

pub static RETENTION_EXCEEDS_ACTIVITY: Rule = Rule {
    id: "retention/exceeds-activity",
    family: Family::Retention,
    severity: Severity::Warning,
    summary: "A node keeps data longer than the maximum retention of the activities its data serves.",
    rests_on: "GDPR Art. 5(1)(e) storage limitation: no longer than necessary for the purposes.",
    url: GDPR,
    fix: "Shorten the node's retention, or lengthen the activity's maximum with a reason; where the recipient's terms fix the period, accept the risk with a justification.",
};

pub static PLATFORM_KEEPS_LONGER: Rule = Rule {
    id: "retention/platform-keeps-longer",
    family: Family::Retention,
    severity: Severity::Warning,
    summary: "The platform states that it keeps data longer than the record declares for that recipient.",
    rests_on: "GDPR Art. 30(1)(f) and Art. 13(2)(a): the record and the privacy notice must state the real period; the platform's retention statement.",
    url: "",
    fix: "Declare the platform's period in the destination's retention rule, and check whether it fits the purposes.",
};
